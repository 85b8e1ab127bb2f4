// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The moderation tools of the web client (docs/protocol.md §13), used as an admin in Seoul with
// a Korean browser would: the bans and mutes in force, a page at a time, with their ends in local
// time and reasons as typed; lifting one (the person can talk again at once); the audit log in
// pages, filtered by action, actor and day; a room's topic and name; taking a member out of a
// private room; promoting a member to moderator and back. Members never get the tools.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { Server, WaitMs, launchChromium, loadPlaywright, waitForText, waitForTextIn,
         watchPage } from './harness.mjs';
import { screenshot, signIn, waitForMembers, waitForMessage } from './webclient.mjs';

const AdminPassword = 'the admin password';
// A reason that looks like markup: it must show as typed, never run.
const MarkupReason = '<b>calm</b> <img src=x onerror="window.pwned=1">';
const MarkupTopic = '<i>Builds</i> & releases';

// What a list shows, item by item: one data attribute of each.
const listed = (page, selector, key) => page.$$eval(selector, (items, name) =>
    items.map((item) => item.dataset[name]), key);

describe('web client moderation tools', () => {
    let server;
    let browser;
    let boss; // the admin, in Korean, in Seoul
    let jun;
    const guests = [];

    // A moderation action from the admin's member list.
    async function moderate(name, action, { minutes = '', reason = '' } = {}) {
        await boss.click(`#members li[data-name="${name}"] .member-mod`);
        await boss.selectOption('#mod-action', action);
        if (minutes !== '')
            await boss.fill('#mod-minutes', minutes);
        if (reason !== '')
            await boss.fill('#mod-reason', reason);
        await boss.click('#mod-confirm');
    }

    before(async () => {
        loadPlaywright();
        const dataDir = mkdtempSync(join(tmpdir(), 'sori-browser-'));
        const made = spawnSync(process.env.SORI_SERVER || 'sori-server',
                               ['--create-admin', 'boss', '--data-dir', dataDir],
                               { input: `${AdminPassword}\n`, encoding: 'utf8',
                                 timeout: 4 * WaitMs });
        assert.equal(made.status, 0, `--create-admin failed: ${made.stderr}`);
        // Small pages, so that a few entries take several.
        const config = join(dataDir, 'sori.ini');
        writeFileSync(config, '[sanctions]\nmax-page = 2\n[audit]\nmax-page = 3\n');
        server = await Server.start({ dataDir, args: ['--config', config] });
        browser = await launchChromium();
        boss = await (await browser.newContext({ locale: 'ko-KR', timezoneId: 'Asia/Seoul' }))
            .newPage();
        jun = await (await browser.newContext({ locale: 'en-US' })).newPage();
        for (const page of [boss, jun]) {
            page.log = watchPage(page);
            await page.goto(`${server.origin}/`);
        }
        assert.equal(await signIn(boss, { mode: 'login', name: 'boss', password: AdminPassword }),
                     'boss');
        assert.equal(await signIn(jun, { mode: 'register', name: 'jun',
                                         password: 'jun password' }), 'jun');
        for (const name of ['kim', 'lee']) {
            const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
            await page.goto(`${server.origin}/`);
            assert.equal(await signIn(page, { mode: 'guest', name }), name);
            guests.push(page);
        }
        await waitForMembers(boss, ['boss', 'jun', 'kim', 'lee']);
    });

    after(async () => {
        await browser?.close();
        await server?.stop();
    });

    it('gives the tools to staff only', async () => {
        assert.equal(await boss.isVisible('#modtools-open'), true);
        assert.equal(await boss.textContent('#modtools-open'), '관리');
        assert.equal(await jun.isVisible('#modtools-open'), false);
        assert.equal(await jun.isVisible('#edit-topic'), false);
        assert.equal(await boss.isVisible('#edit-topic'), true);
    });

    it('lists bans and mutes in local time, a page at a time, and lifts one', async () => {
        const mutedAt = Date.now();
        await moderate('jun', 'mute', { minutes: '10', reason: MarkupReason });
        await waitForTextIn(jun, '#messages li.notice.sanction', 'You are muted in #lobby');
        await moderate('kim', 'mute-all', { minutes: '0' });
        await moderate('lee', 'ban', { minutes: '60', reason: 'spam' });

        await boss.click('#modtools-open');
        await boss.waitForSelector('#sanctions-list .list-more button', { timeout: WaitMs });
        assert.deepEqual(await listed(boss, '#sanctions-list .sanction', 'who'), ['lee', 'kim']);
        await boss.click('#sanctions-list .list-more button');
        await boss.waitForSelector('#sanctions-list .sanction[data-who="jun"]',
                                   { timeout: WaitMs });
        // Newest first, every one once.
        assert.deepEqual(await listed(boss, '#sanctions-list .sanction', 'who'),
                         ['lee', 'kim', 'jun']);
        assert.deepEqual(await listed(boss, '#sanctions-list .sanction', 'kind'),
                         ['ban', 'mute', 'mute']);
        assert.equal(await boss.$$eval('#sanctions-list .list-more', (l) => l.length), 0);
        const item = '#sanctions-list .sanction[data-who="jun"]';
        assert.equal(await boss.textContent(`${item} .sanction-what`), 'jun — #lobby에서 입력 금지');
        assert.equal(await boss.textContent(`${item} .sanction-reason`),
                     `사유: ${MarkupReason}`);
        assert.equal(await boss.textContent('#sanctions-list .sanction[data-who="kim"] '
                                            + '.sanction-until'), '영구');
        // The end in the admin's time zone and language: ten minutes after the mute (to the
        // minute the page shows), not in UTC.
        const until = await boss.textContent(`${item} .sanction-until`);
        const expected = await boss.evaluate((at) => {
            const format = new Intl.DateTimeFormat('ko-KR', { dateStyle: 'medium',
                                                              timeStyle: 'short' });
            return [-1, 0, 1, 2].map((m) => `${format.format(at + (10 + m) * 60000)}까지`);
        }, mutedAt);
        assert.ok(expected.includes(until), `${until} is not one of ${expected}`);
        assert.deepEqual(await boss.evaluate(() => ({
            elements: document.querySelectorAll('#modtools-dialog img, #modtools-dialog b')
                .length,
            pwned: window.pwned })), { elements: 0, pwned: undefined });
        await screenshot(boss, 'web-modtools-ko.png');

        // Lifted: gone from the list, the member is told and may talk again.
        await boss.click(`${item} button.lift`);
        await boss.waitForSelector(item, { state: 'detached', timeout: WaitMs });
        assert.deepEqual(await listed(boss, '#sanctions-list .sanction', 'who'), ['lee', 'kim']);
        await waitForTextIn(jun, '#messages', 'boss lifted your mute in #lobby');
        await jun.fill('#message', 'thank you');
        await jun.press('#message', 'Enter');
        await waitForMessage(boss, 'jun', 'thank you');
        await boss.click('#modtools-close');
    });

    it('reads the audit log in pages, filtered by action, actor and day', async () => {
        await boss.click('#modtools-open');
        await boss.click('#modtools-tab-audit');
        await boss.waitForSelector('#audit-list .list-more button', { timeout: WaitMs });
        assert.deepEqual(await listed(boss, '#audit-list .audit-entry', 'action'),
                         ['lift', 'ban', 'mute']);
        await boss.click('#audit-list .list-more button');
        await boss.waitForFunction(
            () => document.querySelectorAll('#audit-list .audit-entry').length === 4,
            null, { timeout: WaitMs });
        assert.deepEqual(await listed(boss, '#audit-list .audit-entry', 'action'),
                         ['lift', 'ban', 'mute', 'mute']);
        const ids = (await listed(boss, '#audit-list .audit-entry', 'id')).map(Number);
        assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first, no repeats');
        assert.equal(new Set(ids).size, 4);
        const first = '#audit-list .audit-entry:first-child';
        assert.equal(await boss.textContent(`${first} .audit-actor`), 'boss');
        assert.equal(await boss.textContent(`${first} .audit-action`), '해제');
        assert.equal(await boss.textContent(`${first} .audit-target`), 'jun');
        // In local time and the page's language.
        const shown = await boss.evaluate((selector) => {
            const time = document.querySelector(`${selector} .audit-time`);
            const at = new Date(time.dateTime);
            const local = new Intl.DateTimeFormat('ko-KR', { dateStyle: 'medium',
                                                             timeStyle: 'short' });
            const utc = new Intl.DateTimeFormat('ko-KR', { dateStyle: 'medium',
                                                           timeStyle: 'short',
                                                           timeZone: 'UTC' });
            return { text: time.textContent, local: local.format(at), utc: utc.format(at) };
        }, first);
        assert.equal(shown.text, shown.local);
        assert.notEqual(shown.text, shown.utc);

        await boss.fill('#audit-action', 'ban');
        await boss.click('#audit-go');
        await boss.waitForFunction(() => Array.from(document.querySelectorAll(
            '#audit-list .audit-entry')).every((li) => li.dataset.action === 'ban'),
                                   null, { timeout: WaitMs });
        assert.deepEqual(await listed(boss, '#audit-list .audit-entry', 'action'), ['ban']);
        assert.equal(await boss.textContent('#audit-list .audit-entry .audit-target'), 'lee');

        await boss.fill('#audit-action', '');
        await boss.fill('#audit-actor', 'nobody');
        await boss.click('#audit-go');
        await waitForText(boss, '#audit-status', '맞는 기록이 없습니다.');
        assert.equal(await boss.$$eval('#audit-list .audit-entry', (l) => l.length), 0);

        // Days are the admin's own: from today finds all four, from tomorrow none.
        const day = (offset) => boss.evaluate((d) => new Date(Date.now() + d * 86400000)
            .toLocaleDateString('sv'), offset);
        await boss.fill('#audit-actor', '');
        await boss.fill('#audit-since', await day(1));
        await boss.click('#audit-go');
        await waitForText(boss, '#audit-status', '맞는 기록이 없습니다.');
        await boss.fill('#audit-since', await day(0));
        await boss.fill('#audit-until', await day(0));
        await boss.click('#audit-go');
        await boss.waitForSelector('#audit-list .list-more button', { timeout: WaitMs });
        assert.equal(await boss.$$eval('#audit-list .audit-entry', (l) => l.length), 3);
        await boss.click('#modtools-close');
    });

    it('changes a room\'s topic, shown to members as text', async () => {
        await boss.click('#edit-topic');
        await boss.fill('#topic-text', MarkupTopic);
        await boss.click('#topic-save');
        await waitForText(jun, '#room-topic', MarkupTopic);
        await waitForText(boss, '#room-topic', MarkupTopic);
        assert.equal(await jun.$$eval('.room-header i', (l) => l.length), 0);
    });

    it('promotes a member to moderator and back', async () => {
        await moderate('jun', 'promote');
        await waitForText(jun, '#me-role', 'moderator');
        await waitForTextIn(jun, '#messages', 'boss made you a moderator.');
        await jun.waitForSelector('#modtools-open', { state: 'visible', timeout: WaitMs });
        assert.equal(await jun.isVisible('#edit-topic'), true);
        // The new moderator reads the sanctions at once.
        await jun.click('#modtools-open');
        await jun.waitForSelector('#sanctions-list .sanction', { timeout: WaitMs });
        assert.deepEqual(await listed(jun, '#sanctions-list .sanction', 'who'), ['lee', 'kim']);
        await jun.click('#modtools-close');

        await moderate('jun', 'demote');
        await waitForText(jun, '#me-role', 'member');
        await jun.waitForSelector('#modtools-open', { state: 'hidden', timeout: WaitMs });
        assert.equal(await jun.isVisible('#edit-topic'), false);
        for (const page of [boss, jun])
            assert.deepEqual(page.log.errors, []);
    });
    it('renames a room: its members follow it, with its messages and numbers', async () => {
        await boss.fill('#room-name', 'dev');
        await boss.selectOption('#room-kind', 'public');
        await boss.click('#create-room');
        await waitForText(boss, '#room-title', '#dev');
        await jun.fill('#room-name', 'dev');
        await jun.press('#room-name', 'Enter');
        await waitForText(jun, '#room-title', '#dev');
        await jun.fill('#message', 'before the rename');
        await jun.press('#message', 'Enter');
        await waitForMessage(boss, 'jun', 'before the rename');
        // Renaming is for admins.
        assert.equal(await jun.isVisible('#rename-room'), false);
        assert.equal(await boss.isVisible('#rename-room'), true);

        await boss.click('#rename-room');
        await boss.fill('#topic-text', 'builds');
        await boss.click('#topic-save');
        await waitForText(jun, '#room-title', '#builds');
        await waitForTextIn(jun, '#messages', 'boss renamed #dev to #builds.');
        await waitForText(boss, '#room-title', '#builds');
        const rooms = (page) => page.$$eval('#room-list .room-link',
                                            (l) => l.map((e) => e.dataset.room));
        assert.deepEqual((await rooms(jun)).filter((r) => r !== 'lobby'), ['builds']);
        // The same room: what was said stays, and the numbers go on.
        const seqs = () => jun.$$eval('#messages li.message[data-seq]',
                                      (l) => l.map((e) => Number(e.dataset.seq)));
        const before = await seqs();
        assert.equal(before.length, 1);
        await jun.fill('#message', 'after the rename');
        await jun.press('#message', 'Enter');
        await waitForMessage(boss, 'jun', 'after the rename');
        await waitForMessage(jun, 'jun', 'after the rename');
        const after = await seqs();
        assert.equal(after.length, 2);
        assert.ok(after[1] > before[0], `${after}`);
    });

    it('takes a member out of a private room', async () => {
        await boss.fill('#room-name', 'team');
        await boss.selectOption('#room-kind', 'private');
        await boss.click('#create-room');
        await waitForText(boss, '#room-title', '#team');
        await boss.fill('#invite-name', 'jun');
        await boss.click('#invite');
        await waitForTextIn(jun, '#messages li.notice.invite', 'boss invited you to #team.');
        await jun.click('#messages li.notice.invite button');
        await waitForText(jun, '#room-title', '#team');
        await waitForMembers(boss, ['boss', 'jun']);

        await boss.click('#members li[data-name="jun"] .member-mod');
        assert.equal(await boss.evaluate(() => document.getElementById('mod-remove').hidden),
                     false);
        await boss.selectOption('#mod-action', 'remove_member');
        await boss.click('#mod-confirm');
        await waitForTextIn(jun, '#messages', 'boss took you out of #team.');
        await jun.waitForSelector('#room-list .room-link[data-room="team"]',
                                  { state: 'detached', timeout: WaitMs });
        await waitForMembers(boss, ['boss']);
        // And stays out.
        await jun.fill('#room-name', 'team');
        await jun.press('#room-name', 'Enter');
        await waitForTextIn(jun, '#messages li.notice.error', 'Could not join #team');
        // The choice is not offered in a public room.
        await boss.click('#room-list .room-link[data-room="lobby"]');
        await waitForText(boss, '#room-title', '#lobby');
        await boss.click('#members li[data-name="jun"] .member-mod');
        assert.equal(await boss.evaluate(() => document.getElementById('mod-remove').hidden),
                     true);
        await boss.click('#mod-cancel');
        for (const page of [boss, jun])
            assert.deepEqual(page.log.errors, []);
    });
});
