// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// "New conversation" in the web client against a real server: the people search finds accounts
// online or not (with their status, or when they were last seen in local time), a page at a
// time; picking one opens the direct conversation, whose first message reaches an account that
// is offline at its next sign-in, counted as unread there.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { Server, WaitMs, launchChromium, loadPlaywright, registerAccounts, waitForText,
         watchPage } from './harness.mjs';
import { signIn, waitForMessage } from './webclient.mjs';

const Password = 'people password';

// Waits until the page has the server's answer to its latest people search for the query (the
// first page, or the one after the name `after`).
async function answered(page, query, after = '') {
    const deadline = Date.now() + WaitMs;
    for (;;) {
        const ask = page.log.sent.filter((f) => f.type === 'find_people'
                                                && (f.query ?? '') === query
                                                && (f.after ?? '') === after).at(-1);
        if (ask && page.log.received.some((f) => f.type === 'people' && f.id === ask.id))
            return;
        if (Date.now() > deadline)
            throw new Error(`no answer to find_people "${query}"`);
        await page.waitForTimeout(50);
    }
}

describe('web client people search', () => {
    let server;
    let browser;

    before(async () => {
        loadPlaywright();
        server = await Server.start();
        browser = await launchChromium();
    });

    after(async () => {
        await browser?.close();
        await server?.stop();
    });

    async function open(name, mode = 'register') {
        const context = await browser.newContext({ viewport: { width: 1000, height: 650 },
                                                   locale: 'en-US' });
        const page = await context.newPage();
        page.log = watchPage(page);
        await page.goto(`${server.origin}/`);
        assert.equal(await signIn(page, { mode, name, password: Password }), name);
        return page;
    }

    const people = (page) => page.$$eval('#people-list .person', (items) => items.map(
        (b) => ({ name: b.dataset.name, status: b.dataset.status,
                  text: b.querySelector('.person-status').textContent })));

    it('finds an account that is offline and writes to it', async () => {
        const jun = await open('jun');
        await jun.context().close(); // jun is offline now, last seen just now
        const mina = await open('mina');
        const guest = await (await browser.newContext()).newPage();
        await guest.goto(`${server.origin}/`);
        await signIn(guest, { mode: 'guest', name: 'visitor' });
        assert.equal(await guest.isVisible('#new-dm'), false, 'guests write to nobody directly');
        await guest.context().close();

        await mina.click('#new-dm');
        await mina.waitForSelector('#people-dialog[open]');
        await mina.fill('#people-query', 'ju');
        await answered(mina, 'ju');
        await mina.waitForFunction(() => Array.from(
            document.querySelectorAll('#people-list .person'))
            .some((b) => b.dataset.name === 'jun'));
        const found = await people(mina);
        assert.deepEqual(found.map((p) => p.name), ['jun'], 'only names holding "ju"');
        assert.equal(found[0].status, 'offline');
        assert.match(found[0].text, /^offline · last seen /);
        assert.ok(!/T\d\d:|Z$/.test(found[0].text), `a local time: ${found[0].text}`);
        const asked = mina.log.sent.filter((f) => f.type === 'find_people').at(-1);
        assert.equal(asked.query, 'ju');

        // Everybody (but oneself): mina is not offered.
        await mina.fill('#people-query', '');
        await mina.waitForFunction(() => document.querySelectorAll('#people-list .person').length
            === 1 && document.querySelector('#people-status').textContent === '');
        assert.deepEqual((await people(mina)).map((p) => p.name), ['jun']);

        await mina.click('#people-list .person[data-name="jun"]');
        await mina.waitForSelector('#people-dialog', { state: 'hidden' });
        await waitForText(mina, '#room-title', 'jun');
        await mina.fill('#message', 'hello jun');
        await mina.press('#message', 'Enter');
        await waitForMessage(mina, 'mina', 'hello jun');
        assert.ok(mina.log.sent.some((f) => f.type === 'direct' && f.to === 'jun'));

        // jun signs in again: the conversation is there, counted as unread.
        const back = await open('jun', 'login');
        const link = '#dm-list button.room-link';
        await waitForText(back, `${link} .room-name`, 'mina');
        await waitForText(back, `${link} .badge.unread`, '1');
        await back.click(link);
        await waitForMessage(back, 'mina', 'hello jun');
        await back.waitForSelector(`${link} .badge.unread`, { state: 'detached' });
        await back.context().close();
        await mina.context().close();
    });
});

describe('web client people paging', () => {
    let server;
    let browser;
    // More than one page of the web client (30 a page), made before the page loads; in the
    // server's name order: the Latin ones, then the viewer, then the Hangul ones.
    const seeded = [...Array.from({ length: 33 },
                                  (_, i) => `friend${String(i + 1).padStart(2, '0')}`),
                    '가람', '나래'];

    before(async () => {
        loadPlaywright();
        server = await Server.start();
        await registerAccounts(server, seeded, Password);
        browser = await launchChromium();
    });

    after(async () => {
        await browser?.close();
        await server?.stop();
    });

    // The people listed, as shown: each name's text, and whether that is all the item holds.
    const listed = (page) => page.$$eval('#people-list .person', (items) => items.map((b) => {
        const name = b.querySelector('.person-name');
        return { name: b.dataset.name, text: name.textContent,
                 plain: name.childElementCount === 0 };
    }));

    it('pages through everybody with "More people" and opens a conversation', async () => {
        const context = await browser.newContext({ viewport: { width: 1000, height: 650 },
                                                   locale: 'en-US' });
        const page = await context.newPage();
        page.log = watchPage(page);
        await page.goto(`${server.origin}/`);
        assert.equal(await signIn(page, { mode: 'register', name: 'viewer', password: Password }),
                     'viewer');

        await page.click('#new-dm');
        await page.waitForSelector('#people-dialog[open]');
        await answered(page, '');
        await page.waitForSelector('#people-list .people-more button');
        const first = await listed(page);
        assert.deepEqual(first.map((p) => p.name), seeded.slice(0, 30), 'the first page, in order');
        for (const person of first)
            assert.deepEqual(person, { name: person.name, text: person.name, plain: true });
        const more = await page.$$eval('#people-list .people-more button',
                                       (buttons) => buttons.map((b) => b.textContent));
        assert.deepEqual(more, ['More people']);

        await page.click('#people-list .people-more button');
        await answered(page, '', 'friend30');
        await page.waitForSelector('#people-list .people-more', { state: 'detached' });
        const all = await listed(page);
        assert.deepEqual(all.map((p) => p.name), seeded, 'both pages, each name once, in order');
        assert.equal(new Set(all.map((p) => p.name)).size, seeded.length);
        for (const person of all)
            assert.deepEqual(person, { name: person.name, text: person.name, plain: true });
        const asked = page.log.sent.filter((f) => f.type === 'find_people');
        assert.deepEqual(asked.map((f) => f.after ?? ''), ['', 'friend30'], 'one request a page');
        assert.equal(await page.textContent('#people-status'), '');

        // One from the second page: the conversation opens, and a message goes to them.
        await page.click('#people-list .person[data-name="나래"]');
        await page.waitForSelector('#people-dialog', { state: 'hidden' });
        await waitForText(page, '#room-title', '나래');
        await page.fill('#message', 'hello from the list');
        await page.press('#message', 'Enter');
        await waitForMessage(page, 'viewer', 'hello from the list');
        assert.ok(page.log.sent.some((f) => f.type === 'direct' && f.to === '나래'));
        assert.deepEqual(page.log.errors, []);
        await context.close();
    });
});
