// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The web client's settings (docs/protocol.md §15), used as a person would: a wrong current
// password and a short new one are refused in words, the password is changed and the next sign-in
// takes it; the devices signed in are listed in local time and the other one is ended (that page
// is signed out); a room set to "nothing" gives no unread count, only a quiet dot, while another
// room's message counts, and the level comes back at the next sign-in; the language and the theme
// change at once and stay after a reload. Guests see only the language and the theme.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { Server, WaitMs, launchChromium, loadPlaywright, waitForTextIn,
         watchPage } from './harness.mjs';
import { screenshot, signIn, waitForBanner, waitForMessage,
         waitUntilChatting } from './webclient.mjs';

const OldPassword = 'mina password';
const NewPassword = 'a much better one';

describe('web client settings', () => {
    let server;
    let browser;
    let mina; // the account, in Seoul
    let phone; // the same account on another device
    let kim; // a guest who talks in mina's rooms

    async function openSettings(page, pane) {
        await page.click('#settings-open');
        await page.waitForSelector('#settings-dialog[open]', { timeout: WaitMs });
        if (pane)
            await page.click(`#settings-tab-${pane}`);
    }

    async function joinRoom(page, name, { create = false } = {}) {
        await page.fill('#room-name', name);
        await page.click(create ? '#create-room' : '#join-room');
        await page.waitForFunction((want) => document.querySelector('#room-title')?.textContent
                                   === `#${want}`, name, { timeout: WaitMs });
    }

    // What the sidebar shows for a room: its unread count, its mention count, a quiet dot.
    const badges = (page, room) => page.$eval(`#room-list .room-link[data-room="${room}"]`,
                                              (link) => ({
        unread: link.querySelector('.badge.unread')?.textContent ?? '',
        dot: link.querySelector('.quiet-dot') !== null,
    }));

    before(async () => {
        loadPlaywright();
        server = await Server.start();
        browser = await launchChromium();
        const seoul = { locale: 'en-US', timezoneId: 'Asia/Seoul' };
        mina = await (await browser.newContext(seoul)).newPage();
        phone = await (await browser.newContext({ locale: 'en-US' })).newPage();
        kim = await (await browser.newContext({ locale: 'en-US' })).newPage();
        for (const page of [mina, phone, kim]) {
            page.log = watchPage(page);
            await page.goto(`${server.origin}/`);
        }
        assert.equal(await signIn(mina, { mode: 'register', name: 'mina',
                                          password: OldPassword }), 'mina');
        assert.equal(await signIn(kim, { mode: 'guest', name: 'kim' }), 'kim');
    });

    after(async () => {
        await browser?.close();
        await server?.stop();
    });

    it('gives guests only the language and the theme', async () => {
        await openSettings(kim);
        assert.equal(await kim.isVisible('#settings-language'), true);
        assert.equal(await kim.isVisible('#settings-theme'), true);
        for (const pane of ['password', 'devices', 'notify'])
            assert.equal(await kim.isVisible(`#settings-tab-${pane}`), false, pane);
        await kim.click('#settings-close');
    });

    it('changes the password, and the next sign-in takes the new one', async () => {
        await openSettings(mina, 'password');
        await mina.fill('#password-old', 'not my password');
        await mina.fill('#password-new', NewPassword);
        await mina.fill('#password-repeat', NewPassword);
        await mina.click('#password-save');
        await waitForTextIn(mina, '#password-error', 'The current password is wrong.');

        await mina.fill('#password-old', OldPassword);
        await mina.fill('#password-new', 'short');
        await mina.fill('#password-repeat', 'short');
        await mina.click('#password-save');
        await waitForTextIn(mina, '#password-error', 'at least 8 characters');
        await mina.fill('#password-new', NewPassword);
        await mina.fill('#password-repeat', `${NewPassword}!`);
        await mina.click('#password-save');
        await waitForTextIn(mina, '#password-error', 'not the same');

        await mina.fill('#password-repeat', NewPassword);
        await mina.click('#password-save');
        await waitForTextIn(mina, '#password-done', 'Your password was changed.', 3 * WaitMs);
        assert.equal(await mina.textContent('#password-error'), '');
        await mina.click('#settings-close');

        // Signed out and in again: the old password no longer, the new one yes.
        await mina.click('#signout');
        await mina.waitForSelector('#signin-form', { state: 'visible', timeout: WaitMs });
        await mina.click('#tab-login');
        await mina.fill('#signin-name', 'mina');
        await mina.fill('#signin-password', OldPassword);
        await mina.click('#signin-submit');
        await waitForTextIn(mina, '#signin-error', 'Wrong name or password', 3 * WaitMs);
        assert.equal(await signIn(mina, { mode: 'login', name: 'mina', password: NewPassword }),
                     'mina');
    });

    it('lists the devices in local time and ends the other one', async () => {
        assert.equal(await signIn(phone, { mode: 'login', name: 'mina', password: NewPassword }),
                     'mina');
        await openSettings(mina, 'devices');
        await mina.waitForFunction(() => document.querySelectorAll('#device-list .device')
            .length === 2, null, { timeout: WaitMs });
        const devices = await mina.$$eval('#device-list .device', (items) => items.map((li) => ({
            current: li.dataset.current === 'true', client: li.dataset.client,
            what: li.querySelector('.device-what').textContent,
            meta: li.querySelector('.device-meta').textContent })));
        assert.deepEqual(devices.map((d) => d.client), ['web', 'web']);
        assert.equal(devices.filter((d) => d.current).length, 1);
        const mine = devices.find((d) => d.current);
        assert.equal(mine.what, 'Web browser this device');
        assert.match(mine.meta, /^from 127\.0\.0\.1 · last seen /);
        // The last sign-in in Seoul's time, not UTC.
        const seoulToday = await mina.evaluate(() => new Intl.DateTimeFormat(
            'en-US', { dateStyle: 'medium' }).format(new Date()));
        assert.ok(mine.meta.includes(seoulToday), `${mine.meta} does not say ${seoulToday}`);

        await mina.click('#device-list .device:not([data-current]) .device-end');
        // The other page is signed out for good, and says so.
        const banner = await waitForBanner(phone, 'closed', 2 * WaitMs);
        assert.equal(banner,
                     'Disconnected: you were signed out (on another device, or by an admin)');
        assert.equal(await phone.evaluate(() => localStorage.getItem('sori.session')), null);
        await mina.waitForFunction(() => document.querySelectorAll('#device-list .device')
            .length === 1, null, { timeout: WaitMs });
        assert.equal(await mina.getAttribute('#device-list .device', 'data-current'), 'true');
        await mina.click('#settings-close');
    });

    it('counts nothing for a room set to nothing, and keeps the level', async () => {
        await joinRoom(mina, 'dev', { create: true });
        await joinRoom(mina, 'ops', { create: true });
        await joinRoom(kim, 'dev');
        await joinRoom(kim, 'ops');
        await openSettings(mina, 'notify');
        await mina.selectOption('#notify-list li[data-room="dev"] select', 'none');
        await mina.click('#settings-close');
        await mina.click('#room-list .room-link[data-room="lobby"]');

        await kim.click('#room-list .room-link[data-room="dev"]');
        await kim.fill('#message', 'quiet here');
        await kim.press('#message', 'Enter');
        await waitForMessage(kim, 'kim', 'quiet here');
        await kim.click('#room-list .room-link[data-room="ops"]');
        await kim.fill('#message', 'loud here');
        await kim.press('#message', 'Enter');
        await waitForMessage(kim, 'kim', 'loud here');

        await mina.waitForSelector('#room-list .room-link[data-room="ops"] .badge.unread',
                                   { timeout: WaitMs });
        await mina.waitForSelector('#room-list .room-link[data-room="dev"] .quiet-dot',
                                   { timeout: WaitMs });
        assert.deepEqual(await badges(mina, 'ops'), { unread: '1', dot: false });
        assert.deepEqual(await badges(mina, 'dev'), { unread: '', dot: true });
        assert.equal(await mina.title(), '(1) Sori');

        // The server keeps it: the next sign-in (a reload) has it again.
        await mina.reload();
        await waitUntilChatting(mina, 3 * WaitMs);
        await openSettings(mina, 'notify');
        assert.equal(await mina.inputValue('#notify-list li[data-room="dev"] select'), 'none');
        assert.equal(await mina.inputValue('#notify-list li[data-room="ops"] select'), 'all');
        await mina.click('#settings-close');
    });

    it('switches the language and the theme at once, and keeps them', async () => {
        await openSettings(mina);
        await mina.selectOption('#settings-language', 'ko');
        assert.equal(await mina.textContent('#settings-open'), '설정');
        assert.equal(await mina.textContent('#settings-title'), '설정');
        assert.equal(await mina.getAttribute('html', 'lang'), 'ko');
        assert.equal(await mina.textContent('#rooms-title'), '방');

        const background = () => mina.evaluate(() => getComputedStyle(document.body)
            .getPropertyValue('--bg').trim());
        await mina.selectOption('#settings-theme', 'dark');
        assert.equal(await mina.getAttribute('html', 'data-theme'), 'dark');
        assert.equal(await background(), '#14171d');
        await mina.selectOption('#settings-theme', 'light');
        assert.equal(await background(), '#f3f5f9');
        await mina.selectOption('#settings-theme', 'dark');
        await mina.click('#settings-close');

        await mina.reload();
        await waitUntilChatting(mina, 3 * WaitMs);
        assert.equal(await mina.textContent('#settings-open'), '설정');
        assert.equal(await background(), '#14171d');

        // The devices in Korean, in Seoul's time, for the documentation.
        await openSettings(mina, 'devices');
        await mina.waitForSelector('#device-list .device', { timeout: WaitMs });
        await waitForTextIn(mina, '#device-list .device[data-current] .device-what', '이 기기');
        await mina.setViewportSize({ width: 1100, height: 720 });
        await screenshot(mina, 'web-settings-ko.png');
    });
});
