// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Issue 22 in the web client, changes to messages, against a real sori-server: editing and
// deleting one's own messages, replies with their quote (also of a message far up the history),
// reactions, mentions, and all of it caught up after a time away.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { Probe, Server, WaitMs, launchChromium, loadPlaywright, waitForText,
         watchPage } from './harness.mjs';
import { say, screenshot, signIn, waitForBanner, waitForMembers, waitForMessage,
         waitUntilChatting } from './webclient.mjs';

// The message whose text holds this (formatted text has elements inside, which :text-is does
// not see through; the texts here are told apart by what they hold).
const messageWith = (text) => `#messages li.message[data-seq]:has(.text:has-text(${
    JSON.stringify(text)}))`;

async function newPage(browser, locale = 'en-US') {
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 }, locale });
    const page = await context.newPage();
    page.log = watchPage(page);
    return page;
}

// What a page shows of one message: its text, "(edited)", its quote, its reactions.
function shownOf(page, text) {
    return page.$eval(messageWith(text), (li) => ({
        edited: li.querySelector('.edited')?.textContent ?? '',
        editedTitle: li.querySelector('.edited')?.title ?? '',
        quote: li.querySelector('.reply-quote') ? [
            li.querySelector('.reply-quote .quote-from')?.textContent ?? '',
            li.querySelector('.reply-quote .quote-text')?.textContent ?? ''] : null,
        reactions: Array.from(li.querySelectorAll('.reactions .reaction'), (chip) => ({
            emoji: chip.querySelector('.reaction-emoji').textContent,
            count: chip.querySelector('.reaction-count').textContent,
            pressed: chip.getAttribute('aria-pressed'),
            title: chip.title,
        })),
        mentionsMe: li.classList.contains('mentions-me'),
    }));
}

// Waits until the message's reactions read like this ([[emoji, count], ...]).
async function waitForReactions(page, text, want) {
    try {
        await page.waitForFunction(([holding, expected]) => {
            const li = Array.from(document.querySelectorAll('#messages li.message[data-seq]'))
                .find((e) => e.querySelector('.text')?.textContent.includes(holding));
            const got = li ? Array.from(li.querySelectorAll('.reactions .reaction'), (chip) => [
                chip.querySelector('.reaction-emoji').textContent,
                chip.querySelector('.reaction-count').textContent]) : null;
            return JSON.stringify(got) === JSON.stringify(expected);
        }, [text, want.map(([e, n]) => [e, String(n)])], { timeout: WaitMs });
    } catch (error) {
        throw new Error(`reactions of ${JSON.stringify(text)} are not ${JSON.stringify(want)}: `
                        + JSON.stringify(await shownOf(page, text).catch((e) => e.message)),
                        { cause: error });
    }
}

async function openMenu(page, text, kind = '.msg-more') {
    await page.hover(messageWith(text));
    await page.click(`${messageWith(text)} ${kind}`);
}

async function react(page, text, emoji) {
    await page.hover(messageWith(text));
    await page.click(`${messageWith(text)} .react-add`);
    await page.click(`${messageWith(text)} .reaction-picker [role=menuitem]:text-is("${emoji}")`);
}

describe('web client edits, replies, reactions and mentions (issue 22)', () => {
    let server;
    let probe;
    let browser;
    let mina; // English, guest "mina"
    let jun; // Korean, guest "jun"

    before(async () => {
        loadPlaywright();
        server = await Server.start();
        probe = await Probe.start(server, 'qtprobe');
        browser = await launchChromium();
        mina = await newPage(browser, 'en-US');
        jun = await newPage(browser, 'ko-KR');
        for (const [page, name] of [[mina, 'mina'], [jun, 'jun']]) {
            await page.goto(`${server.origin}/`);
            assert.equal(await signIn(page, { mode: 'guest', name }), name);
        }
        await waitForMembers(mina, ['mina', 'jun', 'qtprobe']);
    });

    after(async () => {
        await browser?.close();
        await probe?.close();
        await server?.stop();
    });

    it('edits one\'s own message from its menu; everybody sees the new text, "edited"', async () => {
        await say(mina, 'a typo heer');
        await waitForMessage(jun, 'mina', 'a typo heer');
        // Only the author has the menu (guests are not staff: no moderation).
        assert.equal(await jun.$$eval(`${messageWith('a typo heer')} .msg-more, `
                                      + `${messageWith('a typo heer')} .msg-actions`,
                                      (l) => l.length), 0);
        await openMenu(mina, 'a typo heer');
        assert.deepEqual(await mina.$$eval(`${messageWith('a typo heer')} [role=menuitem]`,
                                           (l) => l.map((e) => e.textContent)),
                         ['Edit', 'Delete']);
        await mina.click(`${messageWith('a typo heer')} [role=menuitem].edit`);
        assert.equal(await mina.inputValue('#message'), 'a typo heer');
        assert.equal(await mina.isVisible('#composer-context'), true);
        assert.equal(await mina.textContent('#composer-context .context-text'),
                     'Editing your message (Escape cancels)');
        await mina.fill('#message', 'a typo here');
        await mina.press('#message', 'Enter');
        await waitForMessage(mina, 'mina', 'a typo here');
        await waitForMessage(jun, 'mina', 'a typo here');
        assert.equal(await mina.isVisible('#composer-context'), false);
        assert.equal(await mina.inputValue('#message'), '');
        const en = await shownOf(mina, 'a typo here');
        const ko = await shownOf(jun, 'a typo here');
        assert.equal(en.edited, '(edited)');
        assert.equal(ko.edited, '(수정됨)');
        assert.match(en.editedTitle, /^Edited .*\d/);
        assert.match(ko.editedTitle, /에 수정됨$/);
        assert.ok(!/Z$|UTC|T\d\d:/.test(en.editedTitle), `local time: ${en.editedTitle}`);
        // Nothing new was sent as a message: one copy, edited in place.
        assert.equal(await jun.$$eval('#messages li.message', (l) => l
            .filter((li) => li.querySelector('.text').textContent.startsWith('a typo')).length), 1);
        const sent = mina.log.sent.filter((f) => f.type === 'edit');
        assert.equal(sent.length, 1);
        assert.equal(sent[0].text, 'a typo here');
    });

    it('edits the last own message with Up in an empty composer; Escape gives up', async () => {
        await mina.fill('#message', '');
        await mina.focus('#message');
        await mina.keyboard.press('ArrowUp');
        assert.equal(await mina.inputValue('#message'), 'a typo here');
        assert.equal(await mina.isVisible('#composer-context'), true);
        await mina.keyboard.press('Escape');
        assert.equal(await mina.inputValue('#message'), '');
        assert.equal(await mina.isVisible('#composer-context'), false);
        // Up in a field with text is the caret's business.
        await mina.fill('#message', 'a draft');
        await mina.keyboard.press('ArrowUp');
        assert.equal(await mina.isVisible('#composer-context'), false);
        // A draft comes back after an edit.
        await mina.click(`${messageWith('a typo here')} .msg-more`, { force: true });
        await mina.click(`${messageWith('a typo here')} [role=menuitem].edit`);
        await mina.fill('#message', 'a typo here, fixed twice');
        await mina.press('#message', 'Enter');
        await waitForMessage(jun, 'mina', 'a typo here, fixed twice');
        assert.equal(await mina.inputValue('#message'), 'a draft');
        await mina.fill('#message', '');
    });

    it('deletes one\'s own message', async () => {
        await say(jun, '지울 메시지');
        await waitForMessage(mina, 'jun', '지울 메시지');
        await openMenu(jun, '지울 메시지');
        assert.deepEqual(await jun.$$eval(`${messageWith('지울 메시지')} [role=menuitem]`,
                                          (l) => l.map((e) => e.textContent)), ['수정', '삭제']);
        await jun.click(`${messageWith('지울 메시지')} [role=menuitem].delete`);
        await jun.click('#mod-confirm');
        await waitForText(mina, '#messages li.message.deleted .text',
                          'This message was deleted by jun.');
        await waitForText(jun, '#messages li.message.deleted .text',
                          'jun님이 삭제한 메시지입니다.');
    });

    it('replies to a message with its quote; the quote leads back to it', async () => {
        await jun.hover(messageWith('a typo here, fixed twice'));
        await jun.click(`${messageWith('a typo here, fixed twice')} .reply`);
        assert.equal(await jun.textContent('#composer-context .context-text'),
                     'mina님에게 답장: a typo here, fixed twice');
        // Escape takes the reply back; the text typed stays.
        await jun.fill('#message', '답장');
        await jun.press('#message', 'Escape');
        assert.equal(await jun.isVisible('#composer-context'), false);
        assert.equal(await jun.inputValue('#message'), '답장');
        await jun.click(`${messageWith('a typo here, fixed twice')} .reply`, { force: true });
        await jun.fill('#message', '좋아요, 고쳤네요');
        await jun.press('#message', 'Enter');
        await waitForMessage(mina, 'jun', '좋아요, 고쳤네요');
        await waitForMessage(jun, 'jun', '좋아요, 고쳤네요');
        assert.equal(await jun.isVisible('#composer-context'), false);
        const original = await mina.$eval(messageWith('a typo here, fixed twice'),
                                          (li) => Number(li.dataset.seq));
        const sent = jun.log.sent.filter((f) => f.type === 'send' && f.text === '좋아요, 고쳤네요');
        assert.equal(sent[0].replyTo, original);
        for (const page of [mina, jun]) {
            assert.deepEqual((await shownOf(page, '좋아요, 고쳤네요')).quote,
                             ['mina', 'a typo here, fixed twice']);
        }
        // A click on the quote shows the original.
        await mina.$eval('#scroller', (el) => { el.scrollTop = el.scrollHeight; });
        await mina.click(`${messageWith('좋아요, 고쳤네요')} .reply-quote`);
        await mina.waitForSelector(`${messageWith('a typo here, fixed twice')}.revealed`);
    });

    it('shows and follows a quote of a message far up the history', async () => {
        // 70 messages later the original is out of the page a newcomer gets.
        for (let i = 1; i <= 70; ++i)
            probe.send(`filler ${i}`);
        await waitForMessage(mina, 'qtprobe', 'filler 70');
        const ana = await newPage(browser, 'en-US');
        await ana.goto(`${server.origin}/`);
        await signIn(ana, { mode: 'guest', name: 'ana' });
        await waitForMessage(ana, 'qtprobe', 'filler 70');
        assert.equal(await ana.$$eval(messageWith('a typo here, fixed twice'), (l) => l.length), 0);
        // A live reply to it: the page asks for the quoted message.
        await mina.$eval('#scroller', (el) => { el.scrollTop = 0; });
        await mina.hover(messageWith('a typo here, fixed twice'));
        await mina.click(`${messageWith('a typo here, fixed twice')} .reply`);
        await mina.fill('#message', 'still true, 70 messages later');
        await mina.press('#message', 'Enter');
        await waitForMessage(ana, 'mina', 'still true, 70 messages later');
        await ana.waitForSelector(`${messageWith('still true, 70 messages later')} `
                                  + '.reply-quote:has-text("a typo here, fixed twice")');
        assert.deepEqual((await shownOf(ana, 'still true, 70 messages later')).quote,
                         ['mina', 'a typo here, fixed twice']);
        assert.ok(ana.log.sent.some((f) => f.type === 'history' && Number.isSafeInteger(f.around)
                                    && f.limit === 1), 'asked for the quoted message');
        // The original stays out of the list until the quote is clicked; then it is shown.
        assert.equal(await ana.$$eval(messageWith('a typo here, fixed twice'), (l) => l.length), 0);
        await ana.click(`${messageWith('still true, 70 messages later')} .reply-quote`);
        await ana.waitForSelector(`${messageWith('a typo here, fixed twice')}.revealed`);
        const box = await ana.$eval(messageWith('a typo here, fixed twice'),
                                    (li) => li.getBoundingClientRect().top);
        const view = await ana.$eval('#scroller', (el) => el.getBoundingClientRect());
        assert.ok(box >= view.top && box <= view.bottom, 'scrolled to it');
        // What lies between is there, or a line loads it (browser_session22 covers the line).
        if (await ana.$('#messages li.notice.gap button'))
            await ana.click('#messages li.notice.gap button');
        await ana.waitForFunction(() => Array.from(document.querySelectorAll(
            '#messages li.message[data-seq] .text')).filter((e) => e.textContent
            .startsWith('filler ')).length === 70, null, { timeout: WaitMs });
        await ana.context().close();
    });

    it('shows reactions with counts and who reacted; a click toggles one\'s own', async () => {
        const text = 'a typo here, fixed twice';
        await react(jun, text, '👍');
        await waitForReactions(mina, text, [['👍', 1]]);
        await waitForReactions(jun, text, [['👍', 1]]);
        let chip = (await shownOf(jun, text)).reactions[0];
        assert.equal(chip.pressed, 'true', 'ours: highlighted');
        assert.equal(chip.title, 'jun님의 👍');
        chip = (await shownOf(mina, text)).reactions[0];
        assert.equal(chip.pressed, 'false');
        assert.equal(chip.title, '👍 by jun');
        // mina adds hers with the chip, and another emoji from the picker.
        await mina.click(`${messageWith(text)} .reaction[data-emoji="👍"]`);
        await waitForReactions(jun, text, [['👍', 2]]);
        await react(mina, text, '🎉');
        await waitForReactions(jun, text, [['👍', 2], ['🎉', 1]]);
        await waitForReactions(mina, text, [['👍', 2], ['🎉', 1]]);
        assert.equal((await shownOf(mina, text)).reactions[0].title, '👍 by jun, mina');
        assert.equal((await shownOf(mina, text)).reactions[0].pressed, 'true');
        // The picker offers what is already there, marked when it is ours.
        await mina.hover(messageWith(text));
        await mina.click(`${messageWith(text)} .react-add`);
        const offered = await mina.$$eval(`${messageWith(text)} .reaction-picker [role=menuitem]`,
                                          (l) => l.map((e) => [e.textContent,
                                                               e.classList.contains('mine')]));
        assert.ok(offered.length >= 6);
        assert.deepEqual(offered.find(([e]) => e === '🎉'), ['🎉', true]);
        await mina.keyboard.press('Escape');
        // jun takes his back: one left.
        await jun.click(`${messageWith(text)} .reaction[data-emoji="👍"]`);
        await waitForReactions(mina, text, [['👍', 1], ['🎉', 1]]);
        assert.equal((await shownOf(mina, text)).reactions[0].title, '👍 by mina');
        assert.equal((await shownOf(jun, text)).reactions[0].pressed, 'false');
        // A newcomer sees them from the history.
        const bo = await newPage(browser, 'en-US');
        await bo.goto(`${server.origin}/`);
        await signIn(bo, { mode: 'guest', name: 'bo' });
        await waitForMessage(bo, 'mina', 'still true, 70 messages later');
        await bo.click(`${messageWith('still true, 70 messages later')} .reply-quote`);
        await waitForReactions(bo, text, [['👍', 1], ['🎉', 1]]);
        assert.equal((await shownOf(bo, text)).edited, '(edited)');
        await bo.context().close();
    });

    it('highlights mentions, and the whole message for the person mentioned', async () => {
        await say(jun, '@mina 확인해 주세요, @qtprobe 도요');
        await waitForMessage(mina, 'jun', '@mina 확인해 주세요, @qtprobe 도요');
        const text = '@mina 확인해 주세요, @qtprobe 도요';
        const mentions = (page) => page.$$eval(`${messageWith(text)} .mention`,
                                               (l) => l.map((e) => [e.textContent, e.className]));
        assert.deepEqual(await mentions(mina), [['@mina', 'mention me'],
                                                ['@qtprobe', 'mention']]);
        assert.equal((await shownOf(mina, text)).mentionsMe, true);
        assert.deepEqual(await mentions(jun), [['@mina', 'mention'], ['@qtprobe', 'mention']]);
        assert.equal((await shownOf(jun, text)).mentionsMe, false);
    });

    it('notifies a mention while the page is hidden', async () => {
        const hidden = await newPage(browser, 'en-US');
        // The page out of sight, with notifications allowed: what it would show is recorded.
        await hidden.addInitScript(() => {
            window.shown = [];
            Object.defineProperty(document, 'hidden', { get: () => true });
            window.Notification = class {
                static permission = 'granted';
                static requestPermission() { return Promise.resolve('granted'); }
                constructor(title, options) { window.shown.push({ title, body: options.body }); }
                addEventListener() {}
                close() {}
            };
        });
        await hidden.goto(`${server.origin}/`);
        await signIn(hidden, { mode: 'guest', name: 'dora' });
        await say(jun, 'hello everyone');
        await say(jun, 'and @dora in particular');
        await hidden.waitForFunction(() => window.shown.length >= 2, null, { timeout: WaitMs });
        assert.deepEqual(await hidden.evaluate(() => window.shown), [
            { title: 'jun in #lobby', body: 'hello everyone' },
            { title: 'jun mentioned you in #lobby', body: 'and @dora in particular' },
        ]);
        await hidden.context().close();
    });

    it('catches up on edits, deletions and reactions made while away', async () => {
        await say(mina, 'before the trip');
        await say(mina, 'delete me while jun is away');
        await waitForMessage(jun, 'mina', 'delete me while jun is away');
        // The server goes away and comes back; jun's network only later.
        await server.stop({ keepData: true });
        await waitForBanner(jun, 'reconnecting');
        await jun.context().setOffline(true);
        await waitForBanner(jun, 'offline');
        await server.startAgain();
        await waitForBanner(mina, 'connected', 4 * WaitMs);
        await waitUntilChatting(mina, 4 * WaitMs);
        await openMenu(mina, 'before the trip');
        await mina.click(`${messageWith('before the trip')} [role=menuitem].edit`);
        await mina.fill('#message', 'after the trip');
        await mina.press('#message', 'Enter');
        await waitForMessage(mina, 'mina', 'after the trip');
        await react(mina, 'after the trip', '👀');
        await waitForReactions(mina, 'after the trip', [['👀', 1]]);
        await openMenu(mina, 'delete me while jun is away');
        await mina.click(`${messageWith('delete me while jun is away')} [role=menuitem].delete`);
        await mina.click('#mod-confirm');
        await waitForText(mina, '#messages li.message.deleted .text',
                          'This message was deleted by mina.');
        const sentBefore = jun.log.sent.length;
        await jun.context().setOffline(false);
        await waitForBanner(jun, 'connected', 4 * WaitMs);
        await waitUntilChatting(jun, 4 * WaitMs);
        await waitForMessage(jun, 'mina', 'after the trip');
        await waitForReactions(jun, 'after the trip', [['👀', 1]]);
        assert.equal((await shownOf(jun, 'after the trip')).edited, '(수정됨)');
        await jun.waitForFunction(() => Array.from(document.querySelectorAll(
            '#messages li.message.deleted .text')).some((e) => e.textContent
            === 'mina님이 삭제한 메시지입니다.'), null, { timeout: WaitMs });
        // The rejoin asked from the last number jun had seen (a change counts).
        const joins = jun.log.sent.slice(sentBefore).filter((f) => f.type === 'join'
                                                               && f.room === 'lobby');
        assert.equal(joins.length, 1);
        assert.ok(Number.isSafeInteger(joins[0].since) && joins[0].since > 0);
        // What came back holds each change once.
        const changes = jun.log.received.filter((f) => f.type === 'history')
            .flatMap((f) => f.changes || []);
        assert.equal(changes.filter((c) => c.type === 'edited').length, 1);
        assert.equal(changes.filter((c) => c.type === 'reaction').length, 1);
        assert.equal(changes.filter((c) => c.type === 'deleted').length, 1);
    });

    it('takes screenshots of a reply with reactions', async () => {
        await jun.context().setOffline(false); // whatever the test above left
        await waitUntilChatting(jun, 4 * WaitMs);
        await say(mina, 'Shall we ship **0.22** on Friday?');
        await waitForMessage(jun, 'mina', 'Shall we ship 0.22 on Friday?');
        await jun.hover(messageWith('Shall we ship 0.22 on Friday?'));
        await jun.click(`${messageWith('Shall we ship 0.22 on Friday?')} .reply`);
        await jun.fill('#message', '좋아요! 금요일 오후에 배포해요 🚀');
        await jun.press('#message', 'Enter');
        await waitForMessage(mina, 'jun', '좋아요! 금요일 오후에 배포해요 🚀');
        const answer = '좋아요! 금요일 오후에 배포해요 🚀';
        await react(mina, answer, '👍');
        await react(mina, answer, '🎉');
        await waitForReactions(jun, answer, [['👍', 1], ['🎉', 1]]);
        await react(jun, answer, '👍');
        await waitForReactions(mina, answer, [['👍', 2], ['🎉', 1]]);
        await waitForReactions(jun, answer, [['👍', 2], ['🎉', 1]]);
        for (const page of [mina, jun]) {
            await page.mouse.move(0, 0);
            await page.$eval('#scroller', (el) => { el.scrollTop = el.scrollHeight; });
        }
        await screenshot(mina, 'web-reply-reactions-en.png');
        await screenshot(jun, 'web-reply-reactions-ko.png');
    });
});
