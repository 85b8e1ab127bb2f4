// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The web client (protocol sori.v1) in two browser pages, one on a desktop-sized window and one
// on a phone-sized one, plus a Qt client, all against a real sori-server.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { Probe, Server, WaitMs, foreignUrls, launchChromium, loadPlaywright, waitForText,
         waitForTextIn, watchPage } from './harness.mjs';

const Screenshot = process.env.SORI_SCREENSHOT_INDEX || '/tmp/sori-index.png';
const PhoneScreenshot = process.env.SORI_SCREENSHOT_INDEX_PHONE || '/tmp/sori-index-phone.png';

// Connects a page with a nickname (empty: a guest) and returns the name the server granted.
async function connect(page, nickname) {
    await page.fill('#nickname', nickname);
    await page.click('#connect');
    await waitForTextIn(page, '#status', 'Connected as ');
    return page.$eval('#members li.me', (li) => li.dataset.name);
}

// Waits until the page shows a message with this sender and text.
async function waitForMessage(page, from, text) {
    try {
        await page.waitForFunction(
            ([want, body]) => Array.from(document.querySelectorAll('#messages li.message'))
                .some((li) => li.querySelector('.from')?.textContent === want
                              && li.querySelector('.text')?.textContent === body),
            [from, text], { timeout: WaitMs });
    } catch (error) {
        const seen = await page.$$eval('#messages li', (els) => els.map((el) => el.textContent));
        throw new Error(`no message ${from}: ${JSON.stringify(text)}; seen: `
                        + JSON.stringify(seen.slice(-10)), { cause: error });
    }
}

async function waitForMembers(page, names) {
    try {
        await page.waitForFunction(
            (want) => {
                const shown = Array.from(document.querySelectorAll('#members li .member-name'))
                    .map((el) => el.textContent).sort();
                return JSON.stringify(shown) === JSON.stringify([...want].sort());
            },
            names, { timeout: WaitMs });
    } catch (error) {
        const shown = await page.$$eval('#members li .member-name',
                                        (els) => els.map((el) => el.textContent));
        throw new Error(`members should be ${JSON.stringify(names)}, page shows `
                        + JSON.stringify(shown), { cause: error });
    }
}

async function say(page, text) {
    await page.fill('#message', text);
    await page.press('#message', 'Enter');
}

describe('web client', () => {
    let server;
    let probe;
    let browser;
    let desk; // { page, log, name } on a desktop window, nickname "mina"
    let phone; // the same on a phone-sized window, as a guest

    before(async () => {
        loadPlaywright(); // fails with "run npm ci" when it is missing
        server = await Server.start();
        probe = await Probe.start(server, 'qtprobe');
        browser = await launchChromium();

        const deskContext = await browser.newContext({ viewport: { width: 1100, height: 700 } });
        const phoneContext = await browser.newContext({
            viewport: { width: 390, height: 760 }, deviceScaleFactor: 2, isMobile: true,
            hasTouch: true,
        });
        desk = { page: await deskContext.newPage() };
        phone = { page: await phoneContext.newPage() };
        for (const side of [desk, phone]) {
            side.log = watchPage(side.page);
            await side.page.goto(`${server.origin}/`);
        }
        desk.name = await connect(desk.page, 'mina');
        phone.name = await connect(phone.page, '');
    });

    after(async () => {
        await browser?.close();
        await probe?.close();
        await server?.stop();
    });

    it('grants the nickname, or a guest name when it is empty', () => {
        assert.equal(desk.name, 'mina');
        assert.match(phone.name, /^guest-\d+$/);
    });

    it('lists everybody online on both pages', async () => {
        const everybody = ['mina', phone.name, 'qtprobe'];
        await waitForMembers(desk.page, everybody);
        await waitForMembers(phone.page, everybody);
        const kinds = await desk.page.$$eval('#members li', (items) =>
            Object.fromEntries(items.map((li) => [li.dataset.name,
                                                  li.querySelector('.kind').textContent])));
        assert.deepEqual(kinds, { mina: 'web', [phone.name]: 'web', qtprobe: 'desktop' });
        await waitForText(desk.page, '#member-count', '3');
        for (const name of ['mina', phone.name]) {
            const presence = await probe.waitFor(
                (e) => e.event === 'presence' && e.change === 'joined' && e.member?.name === name,
                `presence: ${name} joined`);
            assert.equal(presence.member.kind, 'web');
        }
    });

    it('carries messages from the desktop page', async () => {
        await say(desk.page, 'hello from mina');
        await waitForMessage(phone.page, 'mina', 'hello from mina');
        await waitForMessage(desk.page, 'mina', 'hello from mina');
        await probe.waitForMessage('mina', 'hello from mina');
        assert.equal(await desk.page.inputValue('#message'), '');
    });

    it('carries messages from the phone page', async () => {
        await phone.page.fill('#message', 'hello from the phone');
        await phone.page.tap('#send');
        await waitForMessage(desk.page, phone.name, 'hello from the phone');
        await probe.waitForMessage(phone.name, 'hello from the phone');
    });

    it('carries messages from the Qt client', async () => {
        probe.send('hello from Qt');
        await waitForMessage(desk.page, 'qtprobe', 'hello from Qt');
        await waitForMessage(phone.page, 'qtprobe', 'hello from Qt');
    });

    it('shows a time with each message', async () => {
        const time = await desk.page.$eval('#messages li.message time',
                                           (el) => ({ text: el.textContent, iso: el.dateTime }));
        assert.match(time.text, /\d/);
        assert.ok(!Number.isNaN(Date.parse(time.iso)), `datetime ${time.iso}`);
    });

    it('tells the others who is typing', async () => {
        await desk.page.fill('#message', 'half a thou');
        await probe.waitFor((e) => e.event === 'typing' && e.user === 'mina' && e.active,
                            'typing from mina');
        await waitForText(phone.page, '#typing', 'mina is typing…');
        await desk.page.fill('#message', '');
    });

    it('shows markup as literal text, everywhere', async () => {
        const fromDesk = '<img src=x onerror=alert(1)>';
        const fromProbe = '<script>window.pwned=1</script>';
        const fromPhone = '<b onmouseover=alert(2)>bold</b> & &amp;';
        await say(desk.page, fromDesk);
        probe.send(fromProbe);
        await say(phone.page, fromPhone);
        for (const side of [desk, phone]) {
            await waitForMessage(side.page, 'mina', fromDesk);
            await waitForMessage(side.page, 'qtprobe', fromProbe);
            await waitForMessage(side.page, phone.name, fromPhone);
        }
        await probe.waitForMessage('mina', fromDesk);
        await probe.waitForMessage(phone.name, fromPhone);
        // One more line after the payloads: had any of them run, its effects came before this.
        probe.send('after the payloads');
        for (const side of [desk, phone]) {
            await waitForMessage(side.page, 'qtprobe', 'after the payloads');
            const found = await side.page.evaluate(() => ({
                elements: document.querySelectorAll('#messages img, #messages script, '
                                                    + '#messages b, #members img').length,
                pwned: window.pwned,
            }));
            assert.deepEqual(found, { elements: 0, pwned: undefined });
            assert.deepEqual(side.log.dialogs, []);
            assert.ok(!side.log.requests.some((u) => new URL(u).pathname === '/x'),
                      'a page tried to load the injected image');
        }
        await desk.page.screenshot({ path: Screenshot });
        await phone.page.screenshot({ path: PhoneScreenshot });
    });

    it('shows an error reply to the user', async () => {
        const third = await (await browser.newContext()).newPage();
        const log = watchPage(third);
        await third.goto(`${server.origin}/`);
        await third.fill('#nickname', 'mina');
        await third.click('#connect');
        await waitForTextIn(third, '#status', 'Could not connect: ');
        await waitForTextIn(third, '#messages', '(name_taken)');
        assert.equal(await third.isDisabled('#message'), true);
        assert.equal(await third.textContent('#connect'), 'Connect');
        assert.deepEqual(log.errors, []);
        await third.context().close();
    });

    it('updates the member list when somebody leaves', async () => {
        await phone.page.context().close();
        await waitForMembers(desk.page, ['mina', 'qtprobe']);
        const left = await probe.waitFor(
            (e) => e.event === 'presence' && e.change === 'left' && e.member?.name === phone.name,
            `presence: ${phone.name} left`);
        assert.ok(['closed', 'network_lost'].includes(left.reason), `reason ${left.reason}`);
        await waitForText(desk.page, '#messages li.notice', `${phone.name} left (closed the page).`);
    });

    it('loads everything from its own server', () => {
        for (const side of [desk, phone]) {
            assert.ok(side.log.requests.length >= 3, `requests: ${side.log.requests}`);
            assert.deepEqual(foreignUrls(side.log.requests, server.origin), []);
            assert.deepEqual(side.log.websockets, [server.wsUrl]);
            assert.deepEqual(side.log.errors, [], 'no script error, no CSP violation');
        }
    });

    it('says so when the connection closes', async (t) => {
        assert.deepEqual(await probe.close(), { code: 0, signal: null });
        assert.deepEqual(await server.stop(), { code: 0, signal: null });
        await waitForTextIn(desk.page, '#status', 'Disconnected (code ');
        t.diagnostic(`status after shutdown: ${await desk.page.textContent('#status')}`);
        assert.equal(await desk.page.isDisabled('#message'), true);
        assert.equal(await desk.page.textContent('#connect'), 'Connect');
        assert.equal(await desk.page.$$eval('#members li', (items) => items.length), 0);
    });
});
