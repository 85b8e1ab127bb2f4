// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The web client keeps its session: a reload signs in again (the account's token, a guest's
// resume key) and shows the history; direct conversations count what is unread; a server restart
// in the middle of a conversation shows the banner, and afterwards every page has every message
// exactly once, including one written while the server was down and those sent while a page was
// offline.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { Probe, Server, WaitMs, foreignUrls, launchChromium, loadPlaywright, waitForText,
         waitForTextIn, watchPage } from './harness.mjs';
import { describe as describePage, say, screenshot, shownMessages, signIn, waitForBanner,
         waitForMembers, waitForMessage, waitUntilChatting } from './webclient.mjs';

const Password = 'correct horse battery';
const RestartWaitMs = 45000; // backoff after several failed attempts, plus the restart itself

async function newPage(browser, options = {}) {
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 },
                                               locale: 'en-US', ...options });
    const page = await context.newPage();
    return { context, page, log: watchPage(page) };
}

// Every stored message at most once, in increasing order.
function assertNoDuplicates(shown, label) {
    const seqs = shown.filter((m) => !m.pending).map((m) => m.seq);
    assert.deepEqual(seqs, [...new Set(seqs)].sort((a, b) => a - b),
                     `${label}: messages repeated or out of order: ${JSON.stringify(shown)}`);
}

describe('web client sessions', () => {
    let server;
    let browser;
    let ana; // account, wide page
    let bo; // account
    let gil; // guest
    const pages = [];

    before(async () => {
        loadPlaywright();
        server = await Server.start();
        browser = await launchChromium();
        ana = await newPage(browser);
        bo = await newPage(browser);
        gil = await newPage(browser);
        pages.push(ana, bo, gil);
        for (const side of pages)
            await side.page.goto(`${server.origin}/`);
        assert.equal(await signIn(ana.page, { mode: 'register', name: 'ana', password: Password }),
                     'ana');
        assert.equal(await signIn(bo.page, { mode: 'register', name: 'bo', password: Password }),
                     'bo');
        gil.name = await signIn(gil.page, { mode: 'guest', name: 'gil' });
    });

    after(async () => {
        await browser?.close();
        await server?.stop();
    });

    it('keeps an account signed in over a reload, with the history', async () => {
        await say(ana.page, 'before the reload, one');
        await say(ana.page, 'before the reload, two');
        await waitForMessage(ana.page, 'ana', 'before the reload, two');
        const stored = await ana.page.evaluate(() => ({ ...localStorage }));
        const session = JSON.parse(stored['sori.session']);
        assert.equal(session.name, 'ana');
        assert.match(session.token, /^\S{20,}$/);
        assert.ok(!JSON.stringify(stored).includes(Password), 'the password is not stored');

        await ana.page.reload();
        assert.equal(await waitUntilChatting(ana.page), 'ana');
        await waitForMessage(ana.page, 'ana', 'before the reload, two');
        const shown = await shownMessages(ana.page);
        assert.deepEqual(shown.map((m) => m.text).filter((t) => t.startsWith('before the reload')),
                         ['before the reload, one', 'before the reload, two']);
        assertNoDuplicates(shown, 'ana after the reload');
        assert.equal(await ana.page.isVisible('#signin-form'), false);
        await waitForMembers(bo.page, ['ana', 'bo', gil.name], 30000);
    });

    // (A reload closes the connection cleanly, which frees a guest's name at once: the page asks
    // for it again, with its resume key.)
    it('keeps a guest its name over a reload', async () => {
        const session = JSON.parse(await gil.page.evaluate(() => localStorage['sori.session']));
        assert.deepEqual([session.mode, session.name], ['guest', 'gil']);
        assert.match(session.resume, /^[0-9a-f]{16,}$/);
        await gil.page.reload();
        assert.equal(await waitUntilChatting(gil.page), gil.name);
        await waitForMessage(gil.page, 'ana', 'before the reload, two');
    });

    // The same with a name the server gave out (guest-<number>), which nobody may ask for
    // without the resume key.
    it('keeps a guest its given name over a reload', async () => {
        const anon = await newPage(browser);
        try {
            await anon.page.goto(`${server.origin}/`);
            const name = await signIn(anon.page, { mode: 'guest' });
            assert.match(name, /^guest-\d+$/);
            await anon.page.reload();
            assert.equal(await waitUntilChatting(anon.page), name);
        } finally {
            await anon.context.close();
        }
    });

    it('counts unread messages of a direct conversation', async () => {
        await waitForMembers(ana.page, ['ana', 'bo', gil.name]);
        await ana.page.click('#members li[data-name="bo"] .member-dm');
        await waitForText(ana.page, '#room-title', 'bo');
        await say(ana.page, 'psst, bo');
        await waitForMessage(ana.page, 'ana', 'psst, bo');
        await say(ana.page, 'are you there?');
        await waitForMessage(ana.page, 'ana', 'are you there?');

        // bo still looks at #lobby: the conversation appears with two unread.
        await waitForText(bo.page, '#dm-list .room-link .room-name', 'ana');
        await waitForText(bo.page, '#dm-list .room-link .unread', '2');
        assert.equal(await bo.page.textContent('#room-title'), '#lobby');
        assert.equal(await bo.page.title(), '(2) Sori');
        await bo.page.click('#dm-list .room-link');
        await waitForMessage(bo.page, 'ana', 'psst, bo');
        assert.equal(await bo.page.$$eval('#dm-list .unread', (l) => l.length), 0);
        assert.equal(await bo.page.title(), 'Sori');
        await say(bo.page, 'here!');
        await waitForMessage(ana.page, 'bo', 'here!');
        // Messages to #lobby while ana reads the conversation count as unread there.
        await bo.page.click('#room-list .room-link[data-room="lobby"]');
        await say(bo.page, 'back in the lobby');
        await waitForText(ana.page, '#room-list .room-link[data-room="lobby"] .unread', '1');
        await ana.page.click('#room-list .room-link[data-room="lobby"]');
        await waitForMessage(ana.page, 'bo', 'back in the lobby');
    });

    it('lets into a private room only those its creator invites', async () => {
        await ana.page.fill('#room-name', 'team');
        await ana.page.selectOption('#room-kind', 'private');
        await ana.page.click('#create-room');
        await waitForText(ana.page, '#room-title', '#team');
        assert.equal(await ana.page.textContent('#room-kind-label'), 'private');

        await gil.page.fill('#room-name', 'team');
        await gil.page.press('#room-name', 'Enter');
        // Refused, in words (the code, not_member, only decides which).
        await waitForText(gil.page, '#messages li.notice.error',
                          'Could not join #team: This room is private: only people invited can '
                          + 'join it.');
        assert.ok(!(await gil.page.textContent('#messages')).includes('not_member'));
        assert.deepEqual(await gil.page.$$eval('#room-list .room-name',
                                               (l) => l.map((e) => e.textContent)), ['#lobby']);

        await ana.page.fill('#invite-name', 'bo');
        await ana.page.click('#invite');
        await waitForText(ana.page, '#messages li.notice', 'bo may now join #team.');
        await bo.page.fill('#room-name', 'team');
        await bo.page.press('#room-name', 'Enter');
        await waitForText(bo.page, '#room-title', '#team');
        await waitForMembers(ana.page, ['ana', 'bo']);
        for (const side of [ana, bo])
            await side.page.click('#room-list .room-link[data-room="lobby"]');
    });

    // Chromium headless neither hides tabs nor shows notifications: the test stands in for both
    // (document.hidden, and a Notification that records what it was asked to show and asks
    // the user nothing) before the page's own scripts run.
    it('notifies of messages while the tab is hidden, only once allowed', async () => {
        const nora = await newPage(browser);
        await nora.page.addInitScript(() => {
            window.testHidden = false;
            window.shown = [];
            let permission = 'default';
            Object.defineProperty(Document.prototype, 'hidden', { get: () => window.testHidden });
            window.Notification = class {
                static get permission() { return permission; }
                static requestPermission() {
                    permission = 'granted';
                    return Promise.resolve(permission);
                }
                constructor(title, options) { window.shown.push({ title, body: options.body }); }
                addEventListener() {}
            };
        });
        await nora.page.goto(`${server.origin}/`);
        await signIn(nora.page, { mode: 'guest', name: 'nora' });
        assert.equal(await nora.page.isVisible('#notify'), true);
        await nora.page.evaluate(() => { window.testHidden = true; });
        await say(bo.page, 'nobody asked for notifications yet');
        await waitForMessage(nora.page, 'bo', 'nobody asked for notifications yet');
        assert.deepEqual(await nora.page.evaluate(() => window.shown), []);
        assert.equal(await nora.page.title(), '(1) Sori');

        await nora.page.click('#notify');
        await nora.page.waitForSelector('#notify', { state: 'hidden' });
        await say(bo.page, 'now you hear me');
        await waitForMessage(nora.page, 'bo', 'now you hear me');
        assert.deepEqual(await nora.page.evaluate(() => window.shown),
                         [{ title: 'bo in #lobby', body: 'now you hear me' }]);
        assert.equal(await nora.page.title(), '(2) Sori');

        // Back on the tab: the count goes, and nothing more is notified.
        await nora.page.evaluate(() => {
            window.testHidden = false;
            document.dispatchEvent(new Event('visibilitychange'));
        });
        await nora.page.waitForFunction(() => document.title === 'Sori');
        await say(bo.page, 'seen directly');
        await waitForMessage(nora.page, 'bo', 'seen directly');
        assert.equal((await nora.page.evaluate(() => window.shown)).length, 1);
        assert.deepEqual(nora.log.errors, []);
        await nora.context.close();
    });

    it('shows the banner over a server restart and catches up without duplicates', async () => {
        for (const side of [ana, bo])
            await waitForText(side.page, '#room-title', '#lobby');
        // A Qt client (ChatClient, which reconnects by itself) stays through the restart.
        const qt = await Probe.start(server, 'qtstay');
        await say(bo.page, 'just before the restart');
        await qt.waitForMessage('bo', 'just before the restart');
        for (const side of [ana, bo, gil])
            await waitForMessage(side.page, 'bo', 'just before the restart');
        const before = {};
        for (const [name, side] of Object.entries({ ana, bo, gil }))
            before[name] = (await shownMessages(side.page)).map((m) => m.seq);

        assert.deepEqual(await server.stop({ keepData: true }), { code: 0, signal: null });
        for (const side of [ana, bo, gil])
            assert.match(await waitForBanner(side.page, 'reconnecting'),
                         /^Connection lost\. Reconnecting in \d+ s…$/);
        await qt.waitFor((e) => e.event === 'reconnecting', 'qtstay reconnecting');

        // bo's network goes away; the page says it is offline.
        await bo.context.setOffline(true);
        await waitForBanner(bo.page, 'offline');

        // ana writes while the server is down: the message waits, marked as pending.
        await say(ana.page, 'written while the server was down');
        await ana.page.waitForSelector('#messages li.pending[data-state="pending"] .mark.pending',
                                       { timeout: WaitMs });
        await screenshot(ana.page, 'web-reconnecting.png');

        await server.startAgain();
        await waitForBanner(ana.page, 'connected', RestartWaitMs);
        await waitForMessage(ana.page, 'ana', 'written while the server was down', RestartWaitMs);
        assert.equal(await ana.page.$$eval('#messages li.pending', (l) => l.length), 0);

        // A Qt client says something while bo is still offline.
        const probe = await Probe.start(server, 'qtlate');
        probe.send('said while bo was offline');
        await probe.waitFor((e) => e.event === 'ack', 'ack of the probe message');
        await waitForMessage(ana.page, 'qtlate', 'said while bo was offline', RestartWaitMs);
        await waitForMessage(gil.page, 'qtlate', 'said while bo was offline', RestartWaitMs);

        const boSentBefore = bo.log.sent.length;
        await bo.context.setOffline(false);
        await waitForBanner(bo.page, 'connected', RestartWaitMs);
        await waitForMessage(bo.page, 'ana', 'written while the server was down', RestartWaitMs);
        await waitForMessage(bo.page, 'qtlate', 'said while bo was offline', RestartWaitMs);
        // bo rejoined with the last number it had and got exactly what it missed.
        const rejoin = bo.log.sent.slice(boSentBefore)
            .find((f) => f.type === 'join' && f.room === 'lobby');
        assert.ok(rejoin, `bo rejoined #lobby: ${JSON.stringify(bo.log.sent.slice(boSentBefore))}`);
        assert.equal(rejoin.since, Math.max(...before.bo));
        const catchUp = bo.log.received.find((f) => f.type === 'history' && f.id === rejoin.id);
        assert.deepEqual(catchUp?.messages.map((m) => m.text),
                         ['written while the server was down', 'said while bo was offline']);
        // ana's message went out again with the msgId it had while pending, and was stored once.
        const resent = ana.log.sent.filter((f) => f.type === 'send'
                                                  && f.text === 'written while the server was down');
        assert.equal(resent.length, 1, JSON.stringify(resent));
        await say(bo.page, 'after the restart');
        await qt.waitFor((e) => e.event === 'reconnected', 'qtstay reconnected', RestartWaitMs);
        await qt.waitForMessage('bo', 'after the restart');
        const qtTexts = qt.events.filter((e) => e.event === 'message').map((e) => e.text);
        assert.deepEqual(qtTexts, ['just before the restart', 'written while the server was down',
                                   'said while bo was offline', 'after the restart'],
                         'the Qt client has every message once, in order');
        qt.send('Qt is back too');
        for (const side of [ana, bo, gil])
            await waitForMessage(side.page, 'qtstay', 'Qt is back too');

        for (const [name, side] of Object.entries({ ana, bo, gil })) {
            await waitForMessage(side.page, 'bo', 'after the restart', RestartWaitMs);
            const shown = await shownMessages(side.page);
            assertNoDuplicates(shown, name);
            const seqs = shown.map((m) => m.seq);
            assert.deepEqual(seqs.slice(0, before[name].length), before[name],
                             `${name}: what was shown before the restart is unchanged`);
            const texts = shown.map((m) => m.text);
            for (const text of ['written while the server was down', 'said while bo was offline',
                                'after the restart', 'Qt is back too']) {
                assert.equal(texts.filter((t) => t === text).length, 1,
                             `${name} shows "${text}" once: ${await describePage(side.page)}`);
            }
            assert.equal(seqs.length, before[name].length + 4,
                         `${name}: exactly the four new messages were added`);
        }
        assert.deepEqual(await qt.close(), { code: 0, signal: null });
        await probe.close();
    });

    it('loads nothing from another origin', () => {
        for (const side of pages) {
            assert.deepEqual(foreignUrls(side.log.requests, server.origin), []);
            assert.ok(side.log.websockets.every((u) => u === server.wsUrl),
                      `websockets: ${side.log.websockets}`);
            assert.deepEqual(side.log.errors.filter((e) => !e.includes('WebSocket')), [],
                             'no script error, no CSP violation');
            assert.deepEqual(side.log.dialogs, []);
        }
    });
});
