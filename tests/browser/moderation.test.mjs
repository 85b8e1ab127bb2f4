// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Moderation from the web client: an admin (made with --create-admin) deletes a message, mutes,
// kicks and bans a member; the member's page shows the tombstone, the refused message, and that it
// was sent away (without reconnecting by itself), in words, with end times in local time and the
// moderator's reason as typed. The actions on a message sit in its "⋯" menu; members and guests
// get no moderation buttons.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { Server, WaitMs, launchChromium, loadPlaywright, waitForText, waitForTextIn,
         watchPage } from './harness.mjs';
import { say, signIn, waitForBanner, waitForMembers, waitForMessage } from './webclient.mjs';

const AdminPassword = 'the admin password';
const Spam = 'buy cheap things at example.com';
// A message of the page by its text (Playwright's selector engine).
const messageWith = (text) => `#messages li.message:has(.text:text-is(${JSON.stringify(text)}))`;
// A moderator's reason that looks like markup: it must show as typed, never run.
const MarkupReason = '<b>calm</b> <img src=x onerror="window.pwned=1">';

describe('web client moderation', () => {
    let server;
    let browser;
    let boss;
    let jun;

    before(async () => {
        loadPlaywright();
        const dataDir = mkdtempSync(join(tmpdir(), 'sori-browser-'));
        const made = spawnSync(process.env.SORI_SERVER || 'sori-server',
                               ['--create-admin', 'boss', '--data-dir', dataDir],
                               { input: `${AdminPassword}\n`, encoding: 'utf8',
                                 timeout: 4 * WaitMs });
        assert.equal(made.status, 0, `--create-admin failed (${made.error?.message || 'exit '
                                     + made.status}): ${made.stderr}`);
        server = await Server.start({ dataDir });
        browser = await launchChromium();
        boss = await (await browser.newContext({ locale: 'en-US' })).newPage();
        jun = await (await browser.newContext({ locale: 'en-US' })).newPage();
        for (const page of [boss, jun]) {
            page.log = watchPage(page);
            await page.goto(`${server.origin}/`);
        }
        assert.equal(await signIn(boss, { mode: 'login', name: 'boss', password: AdminPassword }),
                     'boss');
        assert.equal(await signIn(jun, { mode: 'register', name: 'jun',
                                         password: 'jun password' }), 'jun');
        await waitForMembers(boss, ['boss', 'jun']);
        await waitForMembers(jun, ['boss', 'jun']);
    });

    after(async () => {
        await browser?.close();
        await server?.stop();
    });

    it('shows moderation buttons to staff only', async () => {
        assert.equal(await boss.textContent('#me-role'), 'admin');
        await jun.fill('#message', Spam);
        await jun.press('#message', 'Enter');
        await waitForMessage(boss, 'jun', Spam);
        // One small "⋯" button per message, no Delete link under every message.
        assert.equal(await boss.$$eval('#messages li.message .msg-actions', (l) => l.length), 1);
        assert.equal(await boss.$$eval('#messages .delete', (l) => l.length), 0);
        assert.equal(await boss.$$eval('#members li[data-name="jun"] .member-mod',
                                       (l) => l.length), 1);
        assert.equal(await jun.$$eval('#messages .msg-actions, #messages .delete, '
                                      + '#members .member-mod', (l) => l.length), 0);
    });

    it('opens a message\'s actions from the keyboard', async () => {
        const button = `${messageWith(Spam)} .msg-actions`;
        assert.equal(await boss.getAttribute(button, 'aria-haspopup'), 'menu');
        await boss.focus(button);
        await boss.keyboard.press('Enter');
        await boss.waitForSelector(`${messageWith(Spam)} [role=menu]`, { timeout: WaitMs });
        assert.equal(await boss.getAttribute(button, 'aria-expanded'), 'true');
        assert.deepEqual(await boss.$$eval(`${messageWith(Spam)} [role=menuitem]`,
                                           (l) => l.map((e) => e.textContent)),
                         ['Delete', 'Kick jun…', 'Mute jun…', 'Ban jun…']);
        const focused = () => boss.evaluate(() => document.activeElement.textContent);
        assert.equal(await focused(), 'Delete');
        await boss.keyboard.press('ArrowDown');
        assert.equal(await focused(), 'Kick jun…');
        await boss.keyboard.press('End');
        assert.equal(await focused(), 'Ban jun…');
        await boss.keyboard.press('Escape');
        assert.equal(await boss.$$eval('#messages [role=menu]', (l) => l.length), 0);
        assert.equal(await boss.getAttribute(button, 'aria-expanded'), 'false');
        assert.equal(await boss.evaluate(() => document.activeElement.classList
            .contains('msg-actions')), true, 'the focus went back to the button');
    });

    it('shows who said it: an admin badge, a guest badge, none for a member', async () => {
        const mina = await (await browser.newContext({ locale: 'en-US' })).newPage();
        const log = watchPage(mina);
        await mina.goto(`${server.origin}/`);
        assert.equal(await signIn(mina, { mode: 'guest', name: 'mina' }), 'mina');
        await say(boss, 'a word from the admin');
        await waitForMessage(jun, 'boss', 'a word from the admin');
        await say(mina, 'a word from a guest');
        await waitForMessage(jun, 'mina', 'a word from a guest');
        await say(jun, 'a word from a member');
        await waitForMessage(jun, 'jun', 'a word from a member');
        const badges = async (page) => Object.fromEntries(await page.$$eval(
            '#messages li.message[data-seq]',
            (items) => items.map((li) => [li.querySelector('.text')?.textContent,
                                          li.querySelector('.badge')?.textContent ?? ''])));
        const shown = await badges(jun);
        assert.equal(shown['a word from the admin'], 'admin');
        assert.equal(shown['a word from a guest'], 'guest');
        assert.equal(shown['a word from a member'], '');
        // The guest sees its own badge as the others do.
        await waitForMessage(mina, 'mina', 'a word from a guest');
        assert.equal((await badges(mina))['a word from a guest'], 'guest');
        assert.deepEqual(log.errors, []);
        await mina.close();
    });

    it('refuses a look-alike of the admin, in Korean too', async () => {
        const page = await (await browser.newContext({ locale: 'ko-KR' })).newPage();
        const log = watchPage(page);
        await page.goto(`${server.origin}/`);
        await page.click('#tab-guest');
        await page.fill('#signin-name', 'ｂｏｓｓ'); // fullwidth
        await page.click('#signin-submit');
        await waitForTextIn(page, '#signin-error', '다른 이름을 골라 주세요');
        assert.equal(await page.evaluate(() => document.body.dataset.view), 'signin');
        assert.deepEqual(log.errors, []);
        await page.close();
    });

    it('deletes a message for everybody', async () => {
        await boss.click(`${messageWith(Spam)} .msg-actions`);
        await boss.click(`${messageWith(Spam)} [role=menuitem].delete`);
        await waitForTextIn(boss, '#mod-quote', `jun: ${Spam}`);
        await boss.click('#mod-confirm');
        for (const page of [boss, jun]) {
            await waitForText(page, '#messages li.message.deleted .text',
                              'This message was deleted by boss.');
            assert.equal(await page.$$eval('#messages li.message', (items) => items
                .filter((li) => li.textContent.includes('example.com')).length), 0);
        }
    });

    it('mutes a member in the room: the member sees the message refused', async () => {
        await boss.click('#members li[data-name="jun"] .member-mod');
        await boss.selectOption('#mod-action', 'mute');
        await boss.fill('#mod-minutes', '10');
        await boss.fill('#mod-reason', MarkupReason);
        await boss.click('#mod-confirm');
        // What was done, in words (not "Done: mute"), with the end in local time.
        await waitForTextIn(boss, '#messages', 'jun is muted in #lobby until ');
        const done = await boss.$$eval('#messages li.notice', (l) => l.map((e) => e.textContent)
            .filter((text) => text.startsWith('jun is muted')));
        assert.equal(done.length, 1);
        assert.match(done[0], /^jun is muted in #lobby until .+\.$/);
        assert.doesNotMatch(done[0], /\d{4}-\d\d-\d\dT|Z\b|UTC/);
        // The member is told, with the reason as typed.
        await waitForTextIn(jun, '#messages li.notice.sanction',
                            `You are muted in #lobby by boss until `);
        const told = await jun.textContent('#messages li.notice.sanction');
        assert.ok(told.endsWith(`: ${MarkupReason}`), told);
        await jun.fill('#message', 'can I still talk?');
        await jun.press('#message', 'Enter');
        await jun.waitForSelector('#messages li.pending[data-state="error"] .retry',
                                  { timeout: WaitMs });
        assert.match(await jun.textContent('#messages li.pending .error-text'), /^Not sent: .+/);
        assert.match(await jun.textContent('#messages li.pending .error-text'),
                     /^Not sent: You are muted until .+: you cannot post here\. Reason: /);
        assert.deepEqual(await jun.evaluate(() => ({
            elements: document.querySelectorAll('#messages img, #messages b').length,
            pwned: window.pwned })), { elements: 0, pwned: undefined });
    });

    it('kicks a member: the page says so and does not come back by itself', async () => {
        await boss.click('#members li[data-name="jun"] .member-mod');
        await boss.selectOption('#mod-action', 'kick');
        await boss.fill('#mod-reason', 'cool down');
        await boss.click('#mod-confirm');
        const text = await waitForBanner(jun, 'closed');
        assert.equal(text, 'Disconnected: kicked by boss: cool down');
        assert.equal(await jun.textContent('#banner-action'), 'Connect again');
        // Said in the room too, where it stays after the close.
        await waitForText(jun, '#messages li.notice.sanction',
                          'You were kicked by boss: cool down');
        await waitForText(boss, '#messages li.notice', 'jun was kicked.');
        await waitForText(boss, '#messages li.notice', 'jun left (was removed).');
        await waitForMembers(boss, ['boss']);
        // "closed", not "reconnecting": no attempt is scheduled. The member comes back when they
        // choose to, on a second connection.
        assert.equal(jun.log.websockets.length, 1);
        await jun.click('#banner-action');
        await waitForBanner(jun, 'connected');
        await waitForMembers(boss, ['boss', 'jun']);
        assert.equal(jun.log.websockets.length, 2);
        for (const page of [boss, jun]) {
            assert.deepEqual(page.log.dialogs, []);
            assert.deepEqual(page.log.errors, []);
        }
    });

    it('bans from a message\'s menu: the end in local time and the reason as typed', async () => {
        const said = 'a word from a member';
        await boss.click(`${messageWith(said)} .msg-actions`);
        await boss.click(`${messageWith(said)} [role=menuitem].ban`);
        assert.equal(await boss.inputValue('#mod-action'), 'ban');
        assert.equal(await boss.evaluate(() => document.activeElement.id), 'mod-minutes');
        await boss.fill('#mod-minutes', '60');
        await boss.fill('#mod-reason', MarkupReason);
        await boss.click('#mod-confirm');
        const banner = await waitForBanner(jun, 'closed');
        const local = /^Disconnected: banned by boss until (.+): (.*)$/s.exec(banner);
        assert.ok(local, banner);
        assert.equal(local[2], MarkupReason);
        assert.doesNotMatch(local[1], /\d{4}-\d\d-\d\dT|Z$|UTC/);
        await waitForTextIn(boss, '#messages', 'jun is banned until ');
        const done = await boss.$$eval('#messages li.notice', (l) => l.map((e) => e.textContent)
            .filter((text) => text.startsWith('jun is banned')));
        assert.equal(done.length, 1);
        assert.match(done[0], /^jun is banned until .+\.$/);
        // Trying again: refused, in words, with the same end and reason.
        await jun.click('#banner-action');
        await waitForTextIn(jun, '#banner-text', 'You are banned until ');
        assert.equal(await jun.textContent('#banner-text'),
                     `Disconnected: You are banned until ${local[1]}: ${MarkupReason}`);
        assert.deepEqual(await jun.evaluate(() => ({
            elements: document.querySelectorAll('#messages img, #messages b, #banner img').length,
            pwned: window.pwned })), { elements: 0, pwned: undefined });
        for (const page of [boss, jun]) {
            assert.deepEqual(page.log.dialogs, []);
            assert.deepEqual(page.log.errors, []);
        }
    });
});
