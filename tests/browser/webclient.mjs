// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Driving the web client (web-client/index.html) the way a person does: through its form, its
// buttons and what it shows. Every wait is bounded.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { WaitMs, here } from './harness.mjs';

// Where the screenshots for the documentation go (docs/screenshots in the source tree).
export const ScreenshotDir = process.env.SORI_SCREENSHOT_DIR
    || join(here, '..', '..', 'docs', 'screenshots');

export async function screenshot(page, name) {
    mkdirSync(ScreenshotDir, { recursive: true });
    await page.screenshot({ path: join(ScreenshotDir, name) });
}

// Signs in through the form: mode 'guest' (name may be empty), 'login' or 'register'. Returns the
// name the page shows as ours once it is connected and in a room. Passwords cost an Argon2id hash
// on the server, which a machine busy with other builds makes slow: accounts get longer.
// A new account gives its password twice (confirm: the second time, the same by default).
export async function signIn(page, { mode = 'guest', name = '', password = '', confirm = password,
                                     timeout = mode === 'guest' ? WaitMs : 3 * WaitMs } = {}) {
    await page.waitForSelector('#signin-form', { state: 'visible', timeout: WaitMs });
    await page.click(`#tab-${mode}`);
    await page.fill('#signin-name', name);
    if (mode !== 'guest')
        await page.fill('#signin-password', password);
    if (mode === 'register')
        await page.fill('#signin-confirm', confirm);
    await page.click('#signin-submit');
    return waitUntilChatting(page, timeout);
}

// Waits until the page is signed in, connected and shows a room; returns our name.
export async function waitUntilChatting(page, timeout = WaitMs) {
    try {
        await page.waitForFunction(() => document.body.dataset.view === 'chat'
            && document.querySelector('#banner')?.dataset.state === 'connected'
            && document.querySelector('#members li.me') !== null, null, { timeout });
    } catch (error) {
        throw new Error(`the page is not chatting after ${timeout} ms: ${await describe(page)}`,
                        { cause: error });
    }
    return page.textContent('#me-name');
}

export async function describe(page) {
    return page.evaluate(() => JSON.stringify({
        view: document.body.dataset.view,
        banner: document.querySelector('#banner')?.textContent.trim(),
        bannerState: document.querySelector('#banner')?.dataset.state,
        signinError: document.querySelector('#signin-error')?.textContent,
        room: document.querySelector('#room-title')?.textContent,
        messages: Array.from(document.querySelectorAll('#messages li'))
            .slice(-8).map((li) => li.textContent),
    })).catch((error) => `(page unreadable: ${error.message})`);
}

// The messages the page shows in the open room, in order.
export function shownMessages(page) {
    return page.$$eval('#messages li.message', (items) => items.map((li) => ({
        seq: li.dataset.seq ? Number(li.dataset.seq) : null,
        from: li.querySelector('.from')?.textContent,
        text: li.querySelector('.text')?.textContent,
        pending: li.classList.contains('pending'),
        state: li.dataset.state || (li.querySelector('.mark.acked') ? 'acked' : ''),
    })));
}

// Waits until the page shows a stored message (it has a seq) with this sender and text.
export async function waitForMessage(page, from, text, timeout = WaitMs) {
    try {
        await page.waitForFunction(
            ([want, body]) => Array.from(document.querySelectorAll('#messages li.message'))
                .some((li) => li.dataset.seq && li.querySelector('.from')?.textContent === want
                              && li.querySelector('.text')?.textContent === body),
            [from, text], { timeout });
    } catch (error) {
        throw new Error(`no message ${from}: ${JSON.stringify(text)} after ${timeout} ms; `
                        + `page: ${await describe(page)}`, { cause: error });
    }
}

// Waits until the list of online members reads exactly these names.
export async function waitForMembers(page, names, timeout = WaitMs) {
    try {
        await page.waitForFunction(
            (want) => {
                const shown = Array.from(document.querySelectorAll('#members li .member-name'))
                    .map((el) => el.textContent).sort();
                return JSON.stringify(shown) === JSON.stringify([...want].sort());
            },
            names, { timeout });
    } catch (error) {
        const shown = await page.$$eval('#members li .member-name',
                                        (els) => els.map((el) => el.textContent));
        throw new Error(`members should be ${JSON.stringify(names)}, page shows `
                        + JSON.stringify(shown), { cause: error });
    }
}

export async function shownMembers(page) {
    return page.$$eval('#members li', (items) => Object.fromEntries(
        items.map((li) => [li.dataset.name, li.dataset.kind])));
}

export async function say(page, text) {
    await page.fill('#message', text);
    await page.press('#message', 'Enter');
}

export async function waitForBanner(page, state, timeout = WaitMs) {
    try {
        await page.waitForFunction((want) => {
            const banner = document.querySelector('#banner');
            return banner && !banner.hidden && banner.dataset.state === want;
        }, state, { timeout });
    } catch (error) {
        throw new Error(`the banner is not "${state}" after ${timeout} ms: ${await describe(page)}`,
                        { cause: error });
    }
    return page.textContent('#banner-text');
}

// The members as a Qt client sees them: its joined list, then every presence event.
export function probeMembers(probe, room = 'lobby') {
    const members = new Map();
    for (const e of probe.events) {
        if (e.event === 'joined' && e.room === room) {
            members.clear();
            for (const m of e.members)
                members.set(m.name, m.kind);
        } else if (e.event === 'presence' && e.room === room) {
            if (e.change === 'joined')
                members.set(e.member.name, e.member.kind);
            else
                members.delete(e.member.name);
        }
    }
    return Object.fromEntries([...members].sort());
}
