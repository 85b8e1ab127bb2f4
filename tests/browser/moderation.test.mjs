// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Moderation from the web client: an admin (made with --create-admin) deletes a message, mutes and
// kicks a member; the member's page shows the tombstone, the refused message, and that it was sent
// away (without reconnecting by itself). Members and guests get no moderation buttons.

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
        await jun.fill('#message', 'buy cheap things at example.com');
        await jun.press('#message', 'Enter');
        await waitForMessage(boss, 'jun', 'buy cheap things at example.com');
        assert.equal(await boss.$$eval('#messages li.message .delete', (l) => l.length), 1);
        assert.equal(await boss.$$eval('#members li[data-name="jun"] .member-mod',
                                       (l) => l.length), 1);
        assert.equal(await jun.$$eval('#messages .delete, #members .member-mod',
                                      (l) => l.length), 0);
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
        await boss.click('#messages li.message .delete');
        await waitForTextIn(boss, '#mod-quote', 'jun: buy cheap things at example.com');
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
        await boss.click('#mod-confirm');
        await waitForText(boss, '#messages li.notice', 'Done: mute');
        await jun.fill('#message', 'can I still talk?');
        await jun.press('#message', 'Enter');
        await jun.waitForSelector('#messages li.pending[data-state="error"] .retry',
                                  { timeout: WaitMs });
        assert.match(await jun.textContent('#messages li.pending .error-text'), /^Not sent: .+/);
    });

    it('kicks a member: the page says so and does not come back by itself', async () => {
        await boss.click('#members li[data-name="jun"] .member-mod');
        await boss.selectOption('#mod-action', 'kick');
        await boss.fill('#mod-reason', 'cool down');
        await boss.click('#mod-confirm');
        const text = await waitForBanner(jun, 'closed');
        assert.equal(text, 'Disconnected: kicked by boss: cool down');
        assert.equal(await jun.textContent('#banner-action'), 'Connect again');
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
});
