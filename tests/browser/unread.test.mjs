// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Unread counts in the web client against a real server: what came while the account had no page
// open is counted right after the sign-in (mentions apart), counts go up live for rooms not
// shown, opening a room draws the "new messages" line above the first unread message, and
// reading on one page clears the count on the account's other pages. Also the screenshots of
// the room list with its counts, in English and Korean.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { Probe, Server, WaitMs, launchChromium, loadPlaywright, waitForText,
         watchPage } from './harness.mjs';
import { screenshot, signIn, waitForMessage, waitUntilChatting } from './webclient.mjs';

const Password = 'jun password';
const badge = (room, kind = 'unread') => `#room-list button[data-room="${room}"] .badge.${kind}`;

// Waits until the room's link has no badge of that kind.
async function waitForNoBadge(page, room, kind = 'unread') {
    try {
        await page.waitForSelector(badge(room, kind), { state: 'detached', timeout: WaitMs });
    } catch (error) {
        const text = await page.textContent(badge(room, kind)).catch(() => '');
        throw new Error(`${room} still shows ${kind} ${JSON.stringify(text)}`, { cause: error });
    }
}

describe('web client unread counts', () => {
    let server;
    let browser;
    let bo;

    before(async () => {
        loadPlaywright();
        server = await Server.start();
        browser = await launchChromium();
    });

    after(async () => {
        await browser?.close();
        await bo?.close().catch(() => {});
        await server?.stop();
    });

    it('counts what came while the account was away, and reading on one page clears it on '
       + 'the others', async () => {
        // jun makes #team, reads bo's first message there, goes back to the lobby and leaves.
        const away = await browser.newContext({ viewport: { width: 1000, height: 650 },
                                                locale: 'en-US' });
        let page = await away.newPage();
        let log = watchPage(page);
        await page.goto(`${server.origin}/`);
        assert.equal(await signIn(page, { mode: 'register', name: 'jun', password: Password }),
                     'jun');
        await page.fill('#room-name', 'team');
        await page.press('#room-name', 'Enter');
        await waitForText(page, '#room-title', '#team');
        bo = await Probe.start(server, 'bo', 'team');
        bo.send('before you left');
        await waitForMessage(page, 'bo', 'before you left');
        const readSeq = (await bo.waitFor((e) => e.event === 'message'
                                              && e.text === 'before you left', 'its own')).seq;
        const deadline = Date.now() + WaitMs;
        while (!log.sent.some((f) => f.type === 'read' && f.room === 'team' && f.seq === readSeq)
               && Date.now() < deadline)
            await page.waitForTimeout(100);
        assert.ok(log.sent.some((f) => f.type === 'read' && f.room === 'team'
                                       && f.seq === readSeq),
                  `the page said it read #team up to ${readSeq}: ${JSON.stringify(log.sent)}`);
        await page.click('#room-list button[data-room="lobby"]');
        await waitForText(page, '#room-title', '#lobby');
        await away.close();

        for (const text of ['one', 'two', '@jun three'])
            bo.send(text);
        await bo.waitFor((e) => e.event === 'message' && e.text === '@jun three', 'its own');

        // Back, on a new browser: the counts are there at once, #team joined by itself.
        const back = await browser.newContext({ viewport: { width: 1000, height: 650 },
                                                locale: 'en-US' });
        page = await back.newPage();
        log = watchPage(page);
        await page.goto(`${server.origin}/`);
        await signIn(page, { mode: 'login', name: 'jun', password: Password });
        await waitForText(page, badge('team'), '3');
        await waitForText(page, badge('team', 'mention'), '@1');
        assert.equal(await page.getAttribute(badge('team'), 'aria-label'), '3 unread');
        await page.waitForFunction(() => document.title === '(3) Sori');
        assert.equal(await page.textContent('#room-title'), '#lobby');
        const unread = log.received.find((f) => f.type === 'unread');
        assert.ok(unread, 'the server sent the counts');

        // A second page of the account, and one in Korean.
        const second = await back.newPage();
        await second.goto(`${server.origin}/`);
        await waitUntilChatting(second);
        await waitForText(second, badge('team'), '3');
        const korean = await back.newPage();
        await korean.goto(`${server.origin}/?lang=ko`);
        await waitUntilChatting(korean);
        await waitForText(korean, badge('team'), '3');
        assert.equal(await korean.getAttribute(badge('team'), 'aria-label'), '읽지 않음 3');

        // Live: a room not shown counts up.
        bo.send('four');
        for (const p of [page, second, korean])
            await waitForText(p, badge('team'), '4');
        await screenshot(page, 'web-unread-en.png');
        await screenshot(korean, 'web-unread-ko.png');

        // Reading on the first page: the line above the first unread message, and the others'
        // counts go.
        await page.click('#room-list button[data-room="team"]');
        await waitForMessage(page, 'bo', 'four');
        const around = await page.evaluate(() => {
            const line = document.querySelector('#messages li.notice.unread-line');
            if (!line)
                return null;
            const near = (step) => {
                let li = line[step];
                while (li && !li.matches('li.message'))
                    li = li[step];
                return li?.querySelector('.text')?.textContent;
            };
            return { text: line.textContent, before: near('previousElementSibling'),
                     after: near('nextElementSibling') };
        });
        assert.deepEqual(around, { text: 'New messages', before: 'before you left',
                                   after: 'one' });
        for (const p of [second, korean]) {
            await waitForNoBadge(p, 'team');
            await waitForNoBadge(p, 'team', 'mention');
        }
        await second.waitForFunction(() => document.title === 'Sori');
        await waitForNoBadge(page, 'team');
        await back.close();
    });

    it('counts for a guest too, for its session', async () => {
        const context = await browser.newContext({ viewport: { width: 1000, height: 650 } });
        const page = await context.newPage();
        await page.goto(`${server.origin}/`);
        await signIn(page, { mode: 'guest', name: 'ana' });
        await page.fill('#room-name', 'team');
        await page.press('#room-name', 'Enter');
        await waitForText(page, '#room-title', '#team');
        await page.click('#room-list button[data-room="lobby"]');
        await waitForText(page, '#room-title', '#lobby');
        bo.send('for ana');
        bo.send('@ana hello');
        await waitForText(page, badge('team'), '2');
        await waitForText(page, badge('team', 'mention'), '@1');
        await page.click('#room-list button[data-room="team"]');
        await waitForMessage(page, 'bo', '@ana hello');
        await waitForNoBadge(page, 'team');
        assert.equal(await page.$$eval('#messages li.notice.unread-line', (l) => l.length), 1);
        await context.close();
    });
});
