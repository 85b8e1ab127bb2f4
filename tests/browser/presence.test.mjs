// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Presence statuses in the web client against a real server: away and do-not-disturb set from
// the menu on one's name are seen by the others in the member list (a dot, and the word for
// screen readers), and after the idle time a page goes away by itself and comes back at the next
// input.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { Server, WaitMs, launchChromium, loadPlaywright, watchPage } from './harness.mjs';
import { signIn, waitForMembers } from './webclient.mjs';

// Waits until the member list shows this status for the name.
async function waitForStatus(page, name, status) {
    try {
        await page.waitForFunction(([who, want]) => {
            const li = document.querySelector(`#members li[data-name="${who}"]`);
            return li?.dataset.status === want
                && li.querySelector('.dot')?.dataset.status === want;
        }, [name, status], { timeout: WaitMs });
    } catch (error) {
        const shown = await page.$eval(`#members li[data-name="${name}"]`,
                                       (li) => li.dataset.status).catch(() => '(not listed)');
        throw new Error(`${name} should be ${status}, shows ${shown}`, { cause: error });
    }
}

async function chooseStatus(page, item) {
    await page.click('#me-menu');
    await page.click(`.me .menu-item.set-${item}`);
}

describe('web client presence status', () => {
    let server;
    let browser;
    let ana;
    let bo;

    before(async () => {
        loadPlaywright();
        server = await Server.start();
        browser = await launchChromium();
        const open = async (name) => {
            const context = await browser.newContext({ viewport: { width: 1000, height: 650 },
                                                       locale: 'en-US' });
            await context.clock.install();
            const page = await context.newPage();
            page.log = watchPage(page);
            await page.goto(`${server.origin}/`);
            assert.equal(await signIn(page, { mode: 'guest', name }), name);
            return page;
        };
        ana = await open('ana');
        bo = await open('bo');
        await waitForMembers(ana, ['ana', 'bo']);
        await waitForMembers(bo, ['ana', 'bo']);
    });

    after(async () => {
        await browser?.close();
        await server?.stop();
    });

    it('shows another member\'s away and do-not-disturb status', async () => {
        await waitForStatus(bo, 'ana', 'online');
        await chooseStatus(ana, 'away');
        await waitForStatus(bo, 'ana', 'away');
        assert.equal(await bo.textContent('#members li[data-name="ana"] .status-label'), 'away');
        await waitForStatus(ana, 'ana', 'away');
        assert.equal(await ana.getAttribute('#me-status', 'data-status'), 'away');
        assert.equal(await ana.textContent('#me-status-label'), 'away');
        const sent = ana.log.sent.find((f) => f.type === 'status');
        assert.equal(sent.status, 'away');
        // No "done" notice for it.
        assert.equal(await ana.$$eval('#messages li.notice', (items) => items.filter(
            (li) => li.textContent === 'Done.').length), 0);

        await chooseStatus(ana, 'dnd');
        await waitForStatus(bo, 'ana', 'dnd');
        assert.equal(await bo.textContent('#members li[data-name="ana"] .status-label'),
                     'do not disturb');
        // Set by hand: input does not bring it back.
        await ana.mouse.move(10, 10);
        await ana.keyboard.press('Shift');
        await chooseStatus(ana, 'online');
        await waitForStatus(bo, 'ana', 'online');

        // A newcomer sees the status in the list it joins with.
        await chooseStatus(ana, 'away');
        await waitForStatus(bo, 'ana', 'away');
        const context = await browser.newContext({ locale: 'en-US' });
        const late = await context.newPage();
        await late.goto(`${server.origin}/`);
        await signIn(late, { mode: 'guest', name: 'cy' });
        await waitForStatus(late, 'ana', 'away');
        await context.close();
        await chooseStatus(ana, 'online');
        await waitForStatus(bo, 'ana', 'online');
    });

    it('goes away after the idle time and comes back at the next input', async () => {
        await waitForStatus(ana, 'bo', 'online');
        await bo.clock.fastForward('11:00'); // the default: 10 minutes
        await waitForStatus(ana, 'bo', 'away');
        await bo.mouse.move(200, 200);
        await bo.mouse.move(220, 210);
        await waitForStatus(ana, 'bo', 'online');

        // The idle time is a setting.
        await chooseStatus(bo, 'idle');
        await bo.fill('#idle-minutes', '2');
        await bo.click('#idle-save');
        assert.equal(await bo.evaluate(() => JSON.parse(localStorage.getItem('sori.settings'))
            .idleMinutes), 2);
        await bo.clock.fastForward('02:30');
        await waitForStatus(ana, 'bo', 'away');
        await bo.keyboard.press('Shift');
        await waitForStatus(ana, 'bo', 'online');
    });
});
