// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The rough edges of issue 21 in the web client: registering asks for the password twice and
// says how long it must be; a direct conversation's header follows the peer's presence at once;
// on a phone our own name in the people drawer is shown whole; a room's name wins over its kind
// label in the room list; the server's refusals, invitations and sign-outs are said in the
// page's language.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { Server, WaitMs, launchChromium, loadPlaywright, waitForText, waitForTextIn,
         watchPage } from './harness.mjs';
import { say, screenshot, signIn, waitForMembers, waitForMessage,
         waitUntilChatting } from './webclient.mjs';

const AdminPassword = 'the admin password';
const Password = 'correct horse battery';

async function newPage(browser, options = {}) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 720 },
                                               locale: 'en-US', ...options });
    const page = await context.newPage();
    page.log = watchPage(page);
    return page;
}

// Whether the element's text is shown whole (not cut by its box or an ellipsis).
function shownWhole(page, selector) {
    return page.$eval(selector, (el) => ({
        text: el.textContent,
        whole: el.scrollWidth <= el.clientWidth
            && el.getBoundingClientRect().right
               <= el.parentElement.getBoundingClientRect().right + 0.5,
        width: [el.scrollWidth, el.clientWidth],
    }));
}

describe('web client polish', () => {
    let server;
    let browser;
    let ana; // account, wide, English
    let bo; // account, wide, English

    before(async () => {
        loadPlaywright();
        const dataDir = mkdtempSync(join(tmpdir(), 'sori-browser-'));
        for (const admin of ['boss', 'crier']) {
            const made = spawnSync(process.env.SORI_SERVER || 'sori-server',
                                   ['--create-admin', admin, '--data-dir', dataDir],
                                   { input: `${AdminPassword}\n`, encoding: 'utf8',
                                     timeout: 4 * WaitMs });
            assert.equal(made.status, 0, `--create-admin failed (${made.error?.message
                                         || `exit ${made.status}`}): ${made.stderr}`);
        }
        server = await Server.start({ dataDir });
        browser = await launchChromium();
        ana = await newPage(browser);
        bo = await newPage(browser);
        for (const page of [ana, bo])
            await page.goto(`${server.origin}/`);
        assert.equal(await signIn(ana, { mode: 'register', name: 'ana', password: Password }),
                     'ana');
        assert.equal(await signIn(bo, { mode: 'register', name: 'bo', password: Password }), 'bo');
    });

    after(async () => {
        await browser?.close();
        await server?.stop();
    });

    it('asks a new account for its password twice and says how long it must be', async () => {
        const page = await newPage(browser);
        await page.goto(`${server.origin}/`);
        await page.click('#tab-register');
        assert.equal(await page.textContent('#password-rule'), 'At least 8 characters.');
        assert.equal(await page.isVisible('#password-rule'), true);
        assert.equal(await page.isVisible('#signin-confirm'), true);
        await page.fill('#signin-name', 'cy');
        await page.fill('#signin-password', 'short');
        await page.fill('#signin-confirm', 'short');
        await page.click('#signin-submit');
        await waitForText(page, '#signin-error', 'The password must have at least 8 characters.');
        await page.fill('#signin-password', Password);
        await page.fill('#signin-confirm', `${Password}!`);
        await page.click('#signin-submit');
        await waitForText(page, '#signin-error', 'The two passwords are not the same.');
        assert.deepEqual(page.log.websockets, [], 'nothing was sent to the server');
        // Signing in with an account asks once.
        await page.click('#tab-login');
        assert.equal(await page.isVisible('#signin-confirm'), false);
        assert.equal(await page.isVisible('#password-rule'), false);
        await page.context().close();

        const korean = await newPage(browser, { locale: 'ko-KR' });
        await korean.goto(`${server.origin}/`);
        await korean.click('#tab-register');
        assert.equal(await korean.textContent('label[for="signin-confirm"]'), '비밀번호 확인');
        assert.equal(await korean.textContent('#password-rule'), '8자 이상이어야 합니다.');
        await korean.context().close();
    });

    it('says in the direct conversation at once when the peer goes and comes back', async () => {
        await waitForMembers(ana, ['ana', 'bo']);
        await ana.click('#members li[data-name="bo"] .member-dm');
        await waitForText(ana, '#room-title', 'bo');
        await say(ana, 'are you still there?');
        await waitForMessage(ana, 'ana', 'are you still there?');
        await waitForText(ana, '#peer-status', 'member · online');
        // bo closes the page (a clean close: announced at once, no grace period).
        await bo.goto('about:blank');
        await ana.waitForFunction(
            () => /^member · last seen /.test(document.querySelector('#peer-status').textContent),
            null, { timeout: WaitMs })
            .catch(async (error) => {
                throw new Error('the status still reads '
                                + `${JSON.stringify(await ana.textContent('#peer-status'))}`,
                                { cause: error });
            });
        assert.equal(await ana.getAttribute('#peer-status', 'data-online'), 'false');
        // Back (the stored token signs in again): online again, without anybody writing.
        await bo.goto(`${server.origin}/`);
        assert.equal(await waitUntilChatting(bo, 3 * WaitMs), 'bo');
        await waitForText(ana, '#peer-status', 'member · online');
        await ana.click('#room-list .room-link[data-room="lobby"]');
    });

    it('shows our own name whole in the people drawer of a phone', async () => {
        const phone = await newPage(browser, { viewport: { width: 390, height: 780 },
                                               deviceScaleFactor: 2, isMobile: true,
                                               hasTouch: true, locale: 'ko-KR' });
        await phone.goto(`${server.origin}/`);
        assert.equal(await signIn(phone, { mode: 'guest', name: 'phoebe' }), 'phoebe');
        await phone.tap('#toggle-members');
        await phone.waitForSelector('#people', { state: 'visible' });
        await waitForMembers(phone, ['ana', 'bo', 'phoebe']);
        const own = await shownWhole(phone, '#members li.me .member-name');
        assert.deepEqual([own.text, own.whole], ['phoebe', true], `widths ${own.width}`);
        const row = await phone.$eval('#members li.me', (li) => li.scrollWidth <= li.clientWidth);
        assert.equal(row, true, 'the row holds its name, kind and "you"');
        await screenshot(phone, 'web-phone-people.png');
        assert.deepEqual(phone.log.errors, []);
        await phone.context().close();
    });

    it('gives a room name priority over its kind label and unread count', async () => {
        const boss = await newPage(browser);
        await boss.goto(`${server.origin}/`);
        assert.equal(await signIn(boss, { mode: 'login', name: 'boss', password: AdminPassword }),
                     'boss');
        await boss.fill('#room-name', 'news');
        await boss.selectOption('#room-kind', 'announcement');
        await boss.click('#create-room');
        await waitForText(boss, '#room-title', '#news');
        await boss.click('#room-list .room-link[data-room="lobby"]');
        // Another admin writes there: the first page counts it unread.
        const other = await newPage(browser);
        await other.goto(`${server.origin}/`);
        await signIn(other, { mode: 'login', name: 'crier', password: AdminPassword });
        await other.fill('#room-name', 'news');
        await other.press('#room-name', 'Enter');
        await waitForText(other, '#room-title', '#news');
        for (let i = 1; i <= 12; i += 1)
            await say(other, `release note ${i}`);
        await waitForText(boss, '#room-list .room-link[data-room="news"] .unread', '12');
        const link = '#room-list .room-link[data-room="news"]';
        const name = await shownWhole(boss, `${link} .room-name`);
        assert.deepEqual([name.text, name.whole], ['#news', true], `widths ${name.width}`);
        assert.equal(await boss.textContent(`${link} .room-tag`), 'announcement');
        await other.context().close();
        await boss.context().close();
    });

    it('says why a join was refused in the page\'s language, without the raw code', async () => {
        await ana.fill('#room-name', 'team');
        await ana.selectOption('#room-kind', 'private');
        await ana.click('#create-room');
        await waitForText(ana, '#room-title', '#team');

        const korean = await newPage(browser, { locale: 'ko-KR' });
        await korean.goto(`${server.origin}/`);
        await signIn(korean, { mode: 'guest', name: 'mirae' });
        await korean.fill('#room-name', 'team');
        await korean.press('#room-name', 'Enter');
        await waitForText(korean, '#messages li.notice.error',
                          '#team에 들어가지 못했습니다: 비공개 방입니다. 초대받은 사람만 들어갈 수 '
                          + '있습니다.');
        const shown = await korean.textContent('#messages');
        assert.ok(!/not_member|\(\w+_\w+\)/.test(shown), shown);
        assert.deepEqual(korean.log.errors, []);
        await korean.context().close();
    });

    it('tells the invited person, with a way in', async () => {
        await ana.fill('#invite-name', 'bo');
        await ana.click('#invite');
        await waitForText(ana, '#messages li.notice', 'bo may now join #team.');
        await waitForTextIn(bo, '#messages li.notice.invite', 'ana invited you to #team.');
        await bo.click('#messages li.notice.invite button');
        await waitForText(bo, '#room-title', '#team');
        await waitForMembers(ana, ['ana', 'bo']);
    });

    // The operator announces from the server window only: the test puts the event into a real
    // connection (Playwright's WebSocket routing forwards everything else both ways).
    it('shows an announcement once, set apart, as text', async () => {
        const page = await newPage(browser, { viewport: { width: 1000, height: 640 } });
        const sockets = [];
        await page.routeWebSocket(/\/ws$/, (ws) => {
            ws.connectToServer();
            sockets.push(ws);
        });
        await page.goto(`${server.origin}/`);
        await signIn(page, { mode: 'guest', name: 'herald' });
        const text = 'Maintenance tonight at 22:00 <img src=x onerror="window.pwned=1"> '
            + '& <b>bye</b>';
        sockets.at(-1).send(JSON.stringify({ type: 'announcement', text, time: Date.now(),
                                             by: 'server' }));
        await waitForText(page, '#messages li.notice.announcement .text', text);
        assert.equal(await page.$$eval('#messages li.notice.announcement', (l) => l.length), 1);
        assert.match(await page.textContent('#messages li.notice.announcement .notice-title'),
                     /^Announcement from server /);
        assert.deepEqual(await page.evaluate(() => ({
            elements: document.querySelectorAll('#messages img, #messages b').length,
            pwned: window.pwned })), { elements: 0, pwned: undefined });
        assert.deepEqual(page.log.errors, []);
        await page.context().close();
    });

    it('says "signed out" when somebody signs out', async () => {
        await bo.click('#signout');
        await waitForText(ana, '#messages li.notice', 'bo left (signed out).');
        for (const page of [ana, bo]) {
            assert.deepEqual(page.log.dialogs, []);
            assert.deepEqual(page.log.errors, []);
        }
    });
});
