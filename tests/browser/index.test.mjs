// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The web client at / in two browser pages (a wide window with an English browser, signed in with
// a new account; a phone-sized one with a Korean browser, as a guest) and a Qt client
// (sori-probe), all in #lobby of a real sori-server.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { Probe, Server, WaitMs, foreignUrls, launchChromium, loadPlaywright, waitForText,
         waitForTextIn, watchPage } from './harness.mjs';
import { probeMembers, say, screenshot, shownMembers, shownMessages, signIn, waitForBanner,
         waitForMembers, waitForMessage } from './webclient.mjs';

const KoreanText = '안녕하세요! 소리는 실시간 채팅입니다. '.repeat(60)
    + '가나다라마바사아자차카타파하 <b>굵게</b> & "따옴표"';

describe('web client', () => {
    let server;
    let probe;
    let browser;
    let desk; // { page, log, name }: wide window, English, account "mina"
    let phone; // the same on a phone-sized window, Korean, a guest

    before(async () => {
        loadPlaywright(); // fails with "run npm ci" when it is missing
        server = await Server.start();
        probe = await Probe.start(server, 'qtprobe');
        browser = await launchChromium();

        const deskContext = await browser.newContext({ viewport: { width: 1200, height: 720 },
                                                       locale: 'en-US' });
        const phoneContext = await browser.newContext({
            viewport: { width: 390, height: 780 }, deviceScaleFactor: 2, isMobile: true,
            hasTouch: true, locale: 'ko-KR',
        });
        desk = { page: await deskContext.newPage() };
        phone = { page: await phoneContext.newPage() };
        for (const side of [desk, phone]) {
            side.log = watchPage(side.page);
            await side.page.goto(`${server.origin}/`);
        }
        desk.name = await signIn(desk.page, { mode: 'register', name: 'mina',
                                              password: 'correct horse battery' });
        phone.name = await signIn(phone.page, { mode: 'guest', name: '' });
    });

    after(async () => {
        await browser?.close();
        await probe?.close();
        await server?.stop();
    });

    it('signs in with a new account, or as a guest with a granted name', async () => {
        assert.equal(desk.name, 'mina');
        assert.equal(await desk.page.textContent('#me-role'), 'member');
        assert.match(phone.name, /^guest-\d+$/);
        assert.equal(await phone.page.textContent('#me-role'), '손님');
        assert.equal(await desk.page.textContent('#room-title'), '#lobby');
    });

    it('follows the browser language', async () => {
        assert.equal(await phone.page.getAttribute('html', 'lang'), 'ko');
        assert.equal(await phone.page.textContent('#send'), '보내기');
        assert.equal(await phone.page.textContent('#banner-text'), '연결됨');
        assert.equal(await desk.page.getAttribute('html', 'lang'), 'en');
        assert.equal(await desk.page.textContent('#send'), 'Send');
        assert.equal(await desk.page.textContent('#banner-text'), 'Connected');
    });

    it('lists the same people online on both pages and in the Qt client', async () => {
        const everybody = ['mina', phone.name, 'qtprobe'];
        await waitForMembers(desk.page, everybody);
        await waitForMembers(phone.page, everybody);
        const expected = { mina: 'web', [phone.name]: 'web', qtprobe: 'desktop' };
        assert.deepEqual(await shownMembers(desk.page), expected);
        assert.deepEqual(await shownMembers(phone.page), expected);
        for (const name of ['mina', phone.name]) {
            await probe.waitFor((e) => e.event === 'presence' && e.change === 'joined'
                                       && e.member?.name === name, `presence: ${name} joined`);
        }
        assert.deepEqual(probeMembers(probe), Object.fromEntries(
            Object.entries(expected).sort()));
        await waitForText(desk.page, '#member-count', '3');
    });

    it('carries messages from the wide page to the others', async () => {
        await say(desk.page, 'hello from mina');
        await waitForMessage(phone.page, 'mina', 'hello from mina');
        await waitForMessage(desk.page, 'mina', 'hello from mina');
        const got = await probe.waitForMessage('mina', 'hello from mina');
        assert.equal(await desk.page.inputValue('#message'), '');
        // Once stored, our own message carries its number and the "delivered" mark.
        await desk.page.waitForSelector(`#messages li.message.own[data-seq="${got.seq}"] .mark.acked`,
                                        { timeout: WaitMs });
        assert.equal(await desk.page.$$eval('#messages li.pending', (l) => l.length), 0);
    });

    it('carries messages from the phone page to the others', async () => {
        await phone.page.fill('#message', 'hello from the phone');
        await phone.page.tap('#send');
        await waitForMessage(desk.page, phone.name, 'hello from the phone');
        await probe.waitForMessage(phone.name, 'hello from the phone');
    });

    it('carries messages from the Qt client to both pages', async () => {
        probe.send('hello from Qt');
        await waitForMessage(desk.page, 'qtprobe', 'hello from Qt');
        await waitForMessage(phone.page, 'qtprobe', 'hello from Qt');
    });

    it('shows every message once, in the order of its number, with a time', async () => {
        for (const side of [desk, phone]) {
            const shown = await shownMessages(side.page);
            const seqs = shown.map((m) => m.seq);
            assert.deepEqual(seqs, [...new Set(seqs)].sort((a, b) => a - b), 'ordered, no repeats');
            assert.deepEqual(shown.map((m) => m.text),
                             ['hello from mina', 'hello from the phone', 'hello from Qt']);
        }
        const time = await desk.page.$eval('#messages li.message time',
                                           (el) => ({ text: el.textContent, iso: el.dateTime }));
        assert.match(time.text, /\d/);
        assert.ok(!Number.isNaN(Date.parse(time.iso)), `datetime ${time.iso}`);
    });

    it('tells the others who is typing', async () => {
        await desk.page.fill('#message', 'half a thou');
        await desk.page.type('#message', 'g');
        await probe.waitFor((e) => e.event === 'typing' && e.user === 'mina' && e.active,
                            'typing from mina');
        await waitForText(phone.page, '#typing', 'mina님이 입력하는 중…');
        await desk.page.fill('#message', '');
    });

    it('creates a room for an account, and comes back to #lobby', async () => {
        await desk.page.fill('#room-name', 'design');
        await desk.page.fill('#new-topic', 'Mock-ups & <colours>');
        await desk.page.selectOption('#room-kind', 'public');
        await desk.page.click('#create-room');
        await waitForText(desk.page, '#room-title', '#design');
        assert.equal(await desk.page.textContent('#room-topic'), 'Mock-ups & <colours>');
        assert.deepEqual(await phone.page.$$eval('#new-topic, #create-room, #room-kind',
                                                 (els) => els.map((e) => e.hidden)),
                         [true, true, true], 'guests create no rooms');
        await waitForText(desk.page, '#messages li.notice', 'You joined #design as mina.');
        await say(desk.page, 'a room of our own');
        await waitForMessage(desk.page, 'mina', 'a room of our own');
        assert.deepEqual(await desk.page.$$eval('#room-list .room-name',
                                                (l) => l.map((e) => e.textContent)),
                         ['#lobby', '#design']);
        // Something said in #lobby meanwhile is counted as unread there.
        probe.send('while mina was away');
        await waitForText(desk.page, '#room-list .room-link[data-room="lobby"] .unread', '1');
        await desk.page.click('#room-list .room-link[data-room="lobby"]');
        await waitForMessage(desk.page, 'qtprobe', 'while mina was away');
        assert.equal(await desk.page.$$eval('#room-list .unread', (l) => l.length), 0);
        assert.equal(await phone.page.$$eval('#room-list .room-name', (l) => l.length), 1);
    });

    it('makes the screenshots for the documentation', async () => {
        probe.send('Build 0.2 is on the test server now.');
        await waitForMessage(phone.page, 'qtprobe', 'Build 0.2 is on the test server now.');
        await say(phone.page, '좋아요! 지금 휴대폰으로 확인해 볼게요.');
        await waitForMessage(desk.page, phone.name, '좋아요! 지금 휴대폰으로 확인해 볼게요.');
        await say(desk.page, 'Thanks! Reconnects and catch-up look right here.');
        await waitForMessage(phone.page, 'mina', 'Thanks! Reconnects and catch-up look right here.');
        await desk.page.fill('#message', 'typing something…');
        await waitForTextIn(phone.page, '#typing', 'mina');
        await screenshot(desk.page, 'web-wide.png');
        await screenshot(phone.page, 'web-phone.png');
        await phone.page.tap('#toggle-rooms');
        await phone.page.waitForSelector('#sidebar', { state: 'visible' });
        await screenshot(phone.page, 'web-phone-rooms.png');
        await phone.page.tap('#toggle-rooms');
        await phone.page.waitForSelector('#sidebar', { state: 'hidden' });
        await desk.page.fill('#message', '');
    });

    it('shows markup and long Korean text literally, everywhere, and opens no dialog', async () => {
        const fromDesk = '<img src=x onerror=alert(1)>';
        const fromProbe = '<script>window.pwned=1</script>';
        const fromPhone = '<b onmouseover=alert(2)>bold</b> & &amp; <script>alert(3)</script>';
        await say(desk.page, fromDesk);
        probe.send(fromProbe);
        await say(phone.page, fromPhone);
        await say(phone.page, KoreanText);
        for (const side of [desk, phone]) {
            await waitForMessage(side.page, 'mina', fromDesk);
            await waitForMessage(side.page, 'qtprobe', fromProbe);
            await waitForMessage(side.page, phone.name, fromPhone);
            await waitForMessage(side.page, phone.name, KoreanText);
        }
        await probe.waitForMessage('mina', fromDesk);
        await probe.waitForMessage(phone.name, fromPhone);
        await probe.waitForMessage(phone.name, KoreanText);
        // One more line after the payloads: had any of them run, its effects came before this.
        probe.send('after the payloads');
        for (const side of [desk, phone]) {
            await waitForMessage(side.page, 'qtprobe', 'after the payloads');
            const found = await side.page.evaluate(() => ({
                elements: document.querySelectorAll('#messages img, #messages script, '
                                                    + '#messages b, #members img, #members b')
                    .length,
                pwned: window.pwned,
            }));
            assert.deepEqual(found, { elements: 0, pwned: undefined });
            assert.deepEqual(side.log.dialogs, []);
            assert.ok(!side.log.requests.some((u) => new URL(u).pathname === '/x'),
                      'a page tried to load the injected image');
        }
    });

    it('points to new messages while one reads further up', async () => {
        await desk.page.$eval('#scroller', (el) => { el.scrollTop = 0; });
        assert.equal(await desk.page.isVisible('#jump-new'), false);
        probe.send('news while mina reads back');
        await waitForMessage(desk.page, 'qtprobe', 'news while mina reads back');
        await desk.page.waitForSelector('#jump-new', { state: 'visible' });
        assert.equal(await desk.page.$eval('#scroller', (el) => el.scrollTop), 0,
                     'the page did not jump away from what was being read');
        await desk.page.click('#jump-new');
        await desk.page.waitForSelector('#jump-new', { state: 'hidden' });
        assert.ok(await desk.page.$eval('#messages li.message:last-child',
                                        (li) => li.getBoundingClientRect().bottom
                                                <= document.querySelector('#scroller')
                                                    .getBoundingClientRect().bottom + 1));
    });

    it('shows a refused sign-in to the user', async () => {
        const third = await (await browser.newContext()).newPage();
        const log = watchPage(third);
        await third.goto(`${server.origin}/`);
        await third.click('#tab-guest');
        await third.fill('#signin-name', 'mina');
        await third.click('#signin-submit');
        await waitForTextIn(third, '#signin-error', 'Could not sign in: ');
        assert.equal(await third.evaluate(() => document.body.dataset.view), 'signin');
        assert.equal(await third.isEnabled('#signin-submit'), true);
        assert.deepEqual(log.errors, []);
        await third.context().close();
    });

    it('updates the member list when somebody leaves', async () => {
        await phone.page.context().close();
        await waitForMembers(desk.page, ['mina', 'qtprobe'], 30000);
        const left = await probe.waitFor(
            (e) => e.event === 'presence' && e.change === 'left' && e.member?.name === phone.name,
            `presence: ${phone.name} left`, 30000);
        assert.ok(['closed', 'network_lost'].includes(left.reason), `reason ${left.reason}`);
        await waitForText(desk.page, '#messages li.notice', `${phone.name} left (closed the page).`);
    });

    it('loads everything from its own server', () => {
        for (const side of [desk, phone]) {
            assert.ok(side.log.requests.length >= 6, `requests: ${side.log.requests}`);
            assert.deepEqual(foreignUrls(side.log.requests, server.origin), []);
            assert.deepEqual(side.log.websockets, [server.wsUrl]);
            assert.deepEqual(side.log.errors, [], 'no script error, no CSP violation');
        }
    });

    it('says it is reconnecting when the server goes away', async () => {
        assert.deepEqual(await probe.close(), { code: 0, signal: null });
        assert.deepEqual(await server.stop(), { code: 0, signal: null });
        await waitForBanner(desk.page, 'reconnecting');
        // While an attempt is under way the banner says "Reconnecting…"; between attempts it
        // counts down. The first attempt comes within 0.5 s, so wait for the countdown.
        const countdown = /^Connection lost\. Reconnecting in \d+ s…$/;
        await desk.page.waitForFunction(
            (pattern) => new RegExp(pattern).test(
                document.querySelector('#banner-text')?.textContent ?? ''),
            countdown.source, { timeout: 10000 }).catch(() => {});
        assert.match(await desk.page.textContent('#banner-text'), countdown);
        assert.equal(await desk.page.isVisible('#banner-action'), true);
        assert.equal(await desk.page.textContent('#banner-action'), 'Reconnect now');
    });

    it('waits longer before each new attempt', async () => {
        // The n-th attempt after a drop waits 50 to 100 % of 500 ms × 2^(n-1): at least 250, 500,
        // 1000 ms. Only these lower bounds are checked (a timer never fires early).
        const attempts = () => desk.log.websocketTimes.length;
        const deadline = Date.now() + 20000;
        while (attempts() < 4 && Date.now() < deadline)
            await new Promise((resolve) => setTimeout(resolve, 100));
        const times = desk.log.websocketTimes; // [first connection, attempt 1, 2, 3, ...]
        assert.ok(times.length >= 4, `${times.length - 1} attempts in 20 s`);
        const second = times[2] - times[1];
        const third = times[3] - times[2];
        assert.ok(second >= 500, `before the second attempt: ${second} ms`);
        assert.ok(third >= 1000, `before the third attempt: ${third} ms`);
    });
});
