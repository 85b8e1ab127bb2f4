// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Catching up in the web client when what was missed does not fit in one frame
// (history/max-page-bytes): the replay brings the oldest missed messages with `more`, and the
// client asks for the rest with forward `history` pages (`after`) until it has them all, each
// shown once and in order, with what comes live meanwhile after them.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { Probe, Server, launchChromium, loadPlaywright, watchPage } from './harness.mjs';
import { shownMessages, signIn, waitForBanner, waitForMessage } from './webclient.mjs';

const RestartWaitMs = 45000;
// About 1 KiB each: a 4 KiB page holds three of them.
const line = (n) => `line ${n} ${'x'.repeat(1000)}`;
const lines = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => line(from + i));

async function sendLines(probe, texts) {
    for (const text of texts)
        probe.send(text);
    await probe.waitFor((e) => e.event === 'message' && e.text === texts.at(-1),
                        `the probe's own ${texts.at(-1).slice(0, 12)}`);
}

describe('web client catch-up by pages', () => {
    let server;
    let browser;
    let feeder;

    before(async () => {
        loadPlaywright();
        const config = join(tmpdir(), `sori-catchup-${process.pid}.ini`);
        writeFileSync(config, '[history]\nmax-page-bytes = 4096\n');
        server = await Server.start({ args: ['--config', config, '--history-on-join', '5'] });
        browser = await launchChromium();
        feeder = await Probe.start(server, 'feeder');
        await sendLines(feeder, lines(1, 3));
    });

    after(async () => {
        await browser?.close();
        await feeder?.close().catch(() => {});
        await server?.stop();
    });

    it('follows the pages until it has every message it missed', async () => {
        const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
        const page = await context.newPage();
        const log = watchPage(page);
        await page.goto(`${server.origin}/`);
        await signIn(page, { mode: 'guest', name: 'away' });
        await waitForMessage(page, 'feeder', line(3));

        await feeder.close();
        feeder = null;
        await server.stop({ keepData: true });
        await waitForBanner(page, 'reconnecting');
        await context.setOffline(true);
        await waitForBanner(page, 'offline');
        await server.startAgain();
        feeder = await Probe.start(server, 'feeder');
        await sendLines(feeder, lines(4, 30)); // 27 missed, about 27 KiB

        await context.setOffline(false);
        await waitForBanner(page, 'connected', RestartWaitMs);
        await waitForMessage(page, 'feeder', line(30), RestartWaitMs);
        feeder.send(line(31)); // live, after the catch-up
        await waitForMessage(page, 'feeder', line(31), RestartWaitMs);

        // Every missed message and the live one, in order and once (before them, the latest
        // that fitted in the page after the first join: older ones come on scrolling up).
        const shown = await shownMessages(page);
        const seqs = shown.map((m) => m.seq);
        assert.deepEqual(seqs, [...new Set(seqs)].sort((a, b) => a - b));
        assert.deepEqual(shown.filter((m) => m.seq >= 4).map((m) => m.text), lines(4, 31));
        assert.deepEqual(shown.filter((m) => m.seq >= 4).map((m) => m.seq),
                         Array.from({ length: 28 }, (_, i) => i + 4));
        // The replay did not hold them all; forward pages brought the rest, none twice.
        const replay = log.received.find((f) => f.type === 'history' && f.more
                                              && f.messages?.[0]?.seq === 4);
        assert.ok(replay, 'a replay that says more');
        const forward = log.sent.filter((f) => f.type === 'history' && f.after > 0);
        assert.ok(forward.length >= 5, `${forward.length} forward pages`);
        const afters = forward.map((f) => f.after);
        assert.deepEqual(afters, [...new Set(afters)].sort((a, b) => a - b));
        assert.ok(forward.every((f) => f.before === 31));
        assert.deepEqual(log.received.filter((f) => f.type === 'gap'), []);
        assert.deepEqual(log.dialogs, []);
        await context.close();
    });
});
