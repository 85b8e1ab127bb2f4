// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The classic page (plain mode, no subprotocol) against a real sori-server and a Qt client: it
// shows every line as text, and comes back by itself (with the web client's backoff) after the
// server died.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { Probe, Server, WaitMs, foreignUrls, launchChromium, loadPlaywright, waitForText,
         waitForTextIn, watchPage } from './harness.mjs';

const Screenshot = process.env.SORI_SCREENSHOT_CLASSIC || '/tmp/sori-classic.png';
const RestartWaitMs = 45000; // the backoff after a few failed attempts, plus the restart itself

// The guest name in the newest greeting the page shows.
async function greetedAs(page) {
    const lines = await page.$$eval('#messages li', (items) => items.map((li) => li.textContent));
    const greetings = lines.map((line) => /^Welcome to Sori! You are (guest-\d+), chatting in/
        .exec(line)).filter(Boolean);
    return greetings.length ? greetings[greetings.length - 1][1] : '';
}

describe('classic page', () => {
    let server;
    let probe;
    let browser;
    let page;
    let log;
    let guest = '';

    before(async () => {
        loadPlaywright(); // fails with "run npm ci" when it is missing
        server = await Server.start();
        probe = await Probe.start(server, 'qtprobe');
        browser = await launchChromium();
        const context = await browser.newContext({ viewport: { width: 900, height: 640 } });
        page = await context.newPage();
        log = watchPage(page);
        await page.goto(`${server.origin}/classic`);
        await waitForText(page, '#status', 'Connected.');
        // The greeting names the guest this page chats as.
        await page.waitForSelector('#messages li', { timeout: 15000 });
        const greeting = await page.textContent('#messages li:first-child');
        const match = /^Welcome to Sori! You are (guest-\d+), chatting in #lobby\.$/.exec(greeting);
        assert.ok(match, `unexpected greeting: ${JSON.stringify(greeting)}`);
        guest = match[1];
    });

    after(async () => {
        await browser?.close();
        await probe?.close();
        await server?.stop();
    });

    it('is listed as online to the Qt client', async () => {
        const presence = await probe.waitFor(
            (e) => e.event === 'presence' && e.change === 'joined' && e.member?.name === guest,
            `presence: ${guest} joined`);
        assert.equal(presence.member.kind, 'plain');
    });

    it('sends a line typed and entered on the page', async () => {
        const text = 'hello from the classic page';
        await page.fill('#message', text);
        await page.press('#message', 'Enter');
        await probe.waitForMessage(guest, text);
        await waitForText(page, '#messages li', `${guest}: ${text}`);
        assert.equal(await page.inputValue('#message'), '', 'the input is cleared after sending');
    });

    it('sends with the Send button too', async () => {
        const text = 'sent with the button';
        await page.fill('#message', text);
        await page.click('#send');
        await probe.waitForMessage(guest, text);
    });

    it('shows what the Qt client sends', async () => {
        probe.send('hello from Qt');
        await waitForText(page, '#messages li', 'qtprobe: hello from Qt');
    });

    it('shows markup as literal text', async () => {
        const payloads = ['<img src=x onerror=alert(1)>', '<script>window.pwned=1</script>',
                          '<b onmouseover=alert(2)>bold</b> & &amp; "quotes"'];
        for (const text of payloads)
            probe.send(text);
        for (const text of payloads)
            await waitForText(page, '#messages li', `qtprobe: ${text}`);
        // A last line after the payloads: had any of them run, its effects came before this.
        probe.send('after the payloads');
        await waitForText(page, '#messages li', 'qtprobe: after the payloads');

        const found = await page.evaluate(() => ({
            elements: document.querySelectorAll('#messages img, #messages script, #messages b')
                .length,
            nonItems: Array.from(document.querySelectorAll('#messages li'))
                .filter((li) => li.children.length > 0).length,
            pwned: window.pwned,
        }));
        assert.deepEqual(found, { elements: 0, nonItems: 0, pwned: undefined });
        assert.deepEqual(log.dialogs, []);
        assert.ok(!log.requests.some((u) => new URL(u).pathname === '/x'),
                  'the page tried to load the injected image');
        await page.screenshot({ path: Screenshot });
    });

    it('loads everything from its own server', async () => {
        assert.ok(log.requests.length >= 3, `requests: ${log.requests}`);
        assert.deepEqual(foreignUrls(log.requests, server.origin), []);
        assert.deepEqual(log.websockets, [`ws://127.0.0.1:${server.port}/`]);
        assert.deepEqual(log.errors, [], 'no script error, no CSP violation');
    });

    it('reconnects by itself after the server died, backing off', async (t) => {
        const greetings = async () => (await page.$$eval('#messages li', (items) =>
            items.filter((li) => li.textContent.startsWith('Welcome to Sori!')).length));
        assert.equal(await greetings(), 1);
        const attemptsBefore = log.websockets.length;
        // Killed: no close frame, the page sees the connection end abnormally (1006).
        server.child.kill('SIGKILL');
        assert.deepEqual(await server.stop({ keepData: true }), { code: null, signal: 'SIGKILL' });
        // The status flips between the wait and the attempt: wait for the wait.
        await page.waitForFunction(() => /^Closed \(code 1006\)\. Reconnecting in \d+ s…$/
            .test(document.querySelector('#status').textContent), null, { timeout: WaitMs });
        await waitForText(page, '#messages li.notice', 'Lost the connection; reconnecting…');
        assert.equal(await page.isDisabled('#message'), true);
        assert.equal(await page.isDisabled('#send'), true);

        // A few attempts fail while it is down, each wait at least as long as the one before
        // (backoff.js: 50 to 100 % of a cap that doubles).
        const deadline = Date.now() + WaitMs;
        while (log.websockets.length < attemptsBefore + 4 && Date.now() < deadline)
            await new Promise((resolve) => setTimeout(resolve, 100));
        const times = log.websocketTimes.slice(attemptsBefore);
        assert.ok(times.length >= 4, `attempts while down: ${times.length}`);
        const gaps = times.slice(1).map((time, i) => time - times[i]);
        t.diagnostic(`gaps between attempts: ${gaps.join(', ')} ms`);
        for (let i = 1; i < gaps.length; ++i)
            assert.ok(gaps[i] >= gaps[i - 1] - 100, `the waits shrank: ${gaps}`);
        assert.ok(gaps[gaps.length - 1] >= 400, `no backoff: ${gaps}`);

        await server.startAgain();
        await waitForText(page, '#status', 'Connected.', RestartWaitMs);
        await page.waitForFunction(() => Array.from(document.querySelectorAll('#messages li'))
            .filter((li) => li.textContent.startsWith('Welcome to Sori!')).length === 2,
                                   null, { timeout: WaitMs });
        assert.equal(await greetings(), 2, 'greeted once more, as a guest again');
        const again = await greetedAs(page);
        assert.ok(again, 'the new greeting names a guest');
        assert.equal(await page.isDisabled('#message'), false);
        // Chromium logs each refused attempt to the console; nothing else may be there.
        const refused = /^console: WebSocket connection to '\S+' failed: .*ERR_CONNECTION_REFUSED$/;
        assert.deepEqual(log.errors.filter((e) => !refused.test(e)), [],
                         'no script error while reconnecting');
    });

    it('chats again after reconnecting, still showing markup as text', async () => {
        const again = await greetedAs(page);
        await probe.waitFor((e) => e.event === 'reconnected', 'qtprobe reconnected',
                            RestartWaitMs);
        const text = 'back after the restart';
        await page.fill('#message', text);
        await page.press('#message', 'Enter');
        await probe.waitForMessage(again, text);
        await waitForText(page, '#messages li', `${again}: ${text}`);

        const markup = '<img src=y onerror=alert(3)><i>after the restart</i>';
        probe.send(markup);
        await waitForText(page, '#messages li', `qtprobe: ${markup}`);
        const found = await page.evaluate(() => ({
            elements: document.querySelectorAll('#messages img, #messages i').length,
            nonItems: Array.from(document.querySelectorAll('#messages li'))
                .filter((li) => li.children.length > 0).length,
        }));
        assert.deepEqual(found, { elements: 0, nonItems: 0 });
        assert.deepEqual(log.dialogs, []);
        assert.ok(!log.requests.some((u) => new URL(u).pathname === '/y'),
                  'the page tried to load the injected image');
    });

    it('says so when the connection closes', async (t) => {
        assert.deepEqual(await probe.close(), { code: 0, signal: null });
        const exit = await server.stop();
        assert.deepEqual(exit, { code: 0, signal: null }, 'SIGTERM stops the server cleanly');
        await waitForTextIn(page, '#status', 'Closed (code ');
        t.diagnostic(`status after shutdown: ${await page.textContent('#status')}`);
        assert.equal(await page.isDisabled('#message'), true);
        assert.equal(await page.isDisabled('#send'), true);
    });
});
