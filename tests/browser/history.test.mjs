// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// History in the web client: older pages come when one scrolls up, until the beginning; a page
// that missed more than the server replays (history/max-catch-up) says so with a gap notice and
// fetches the missing ones on request, each message still shown once.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { Probe, Server, launchChromium, loadPlaywright, waitForText, watchPage }
    from './harness.mjs';
import { shownMessages, signIn, waitForBanner, waitForMessage } from './webclient.mjs';

const RestartWaitMs = 45000;
const lines = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}`);

async function sendLines(probe, texts) {
    for (const text of texts)
        probe.send(text);
    await probe.waitFor((e) => e.event === 'message' && e.text === texts.at(-1),
                        `the probe's own ${texts.at(-1)}`);
}

describe('web client history', () => {
    let server;
    let browser;
    let feeder;

    before(async () => {
        loadPlaywright();
        const config = join(tmpdir(), `sori-history-${process.pid}.ini`);
        writeFileSync(config, '[history]\nmax-catch-up = 5\n');
        server = await Server.start({ args: ['--config', config, '--history-on-join', '10'] });
        browser = await launchChromium();
        feeder = await Probe.start(server, 'feeder');
        await sendLines(feeder, lines(1, 75));
    });

    after(async () => {
        await browser?.close();
        await feeder?.close().catch(() => {});
        await server?.stop();
    });

    it('loads older pages on scrolling up, down to the beginning', async () => {
        const page = await (await browser.newContext({ viewport: { width: 900, height: 600 } }))
            .newPage();
        const log = watchPage(page);
        await page.goto(`${server.origin}/`);
        await signIn(page, { mode: 'guest', name: 'reader' });
        await waitForMessage(page, 'feeder', 'line 75');
        assert.deepEqual((await shownMessages(page)).map((m) => m.text), lines(66, 75));
        assert.equal(await page.isVisible('#load-older'), true);
        assert.equal(await page.isVisible('#history-start'), false);

        await page.$eval('#scroller', (el) => { el.scrollTop = 0; });
        await waitForMessage(page, 'feeder', 'line 16');
        // The page keeps what was on screen in place: it did not jump to the top.
        assert.ok(await page.$eval('#scroller', (el) => el.scrollTop) > 0);

        await page.$eval('#scroller', (el) => { el.scrollTop = 0; });
        await waitForMessage(page, 'feeder', 'line 1');
        await waitForText(page, '#history-start', 'This is the beginning of #lobby.');
        assert.equal(await page.isVisible('#load-older'), false);
        const shown = await shownMessages(page);
        assert.deepEqual(shown.map((m) => m.text), lines(1, 75));
        assert.deepEqual(shown.map((m) => m.seq), Array.from({ length: 75 }, (_, i) => i + 1));
        const pages = log.sent.filter((f) => f.type === 'history');
        assert.deepEqual(pages.map((f) => f.before), [66, 16]);
        await page.context().close();
    });

    it('tells about messages it missed beyond the catch-up limit, and fetches them', async () => {
        const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
        const page = await context.newPage();
        const log = watchPage(page);
        await page.goto(`${server.origin}/`);
        await signIn(page, { mode: 'guest', name: 'away' });
        await waitForMessage(page, 'feeder', 'line 75');

        await feeder.close();
        feeder = null;
        await server.stop({ keepData: true });
        await waitForBanner(page, 'reconnecting');
        await context.setOffline(true);
        await waitForBanner(page, 'offline');
        await server.startAgain();
        feeder = await Probe.start(server, 'feeder');
        // 12 missed, more than the server keeps at hand (10, --history-on-join) and replays (5):
        // 5 come, 7 are announced as a gap.
        await sendLines(feeder, lines(76, 87));

        await context.setOffline(false);
        await waitForBanner(page, 'connected', RestartWaitMs);
        await waitForMessage(page, 'feeder', 'line 87', RestartWaitMs);
        const gap = log.received.find((f) => f.type === 'gap');
        assert.deepEqual(gap, { type: 'gap', room: 'lobby', from: 76, to: 82, reason: 'limit' });
        await waitForText(page, '#messages li.notice.gap',
                          'Messages 76–82 were missed while you were away. Load them');
        assert.deepEqual((await shownMessages(page)).map((m) => m.text).slice(-6),
                         ['line 75', ...lines(83, 87)]);

        await page.click('#messages li.notice.gap button');
        await waitForMessage(page, 'feeder', 'line 76');
        const shown = await shownMessages(page);
        const seqs = shown.map((m) => m.seq);
        assert.deepEqual(seqs, [...new Set(seqs)].sort((a, b) => a - b));
        assert.deepEqual(shown.map((m) => m.text).slice(-13), lines(75, 87));
        assert.deepEqual(log.dialogs, []);
        await context.close();
    });
});
