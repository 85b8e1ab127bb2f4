// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Message search in the web client against a real server: Korean words are found inside longer
// ones (한국어 finds 한국어를), results come newest first with room, sender, local time and the
// words marked (people's text as text), and a result far up the history opens the room at that
// message with the messages around it, with a way back to the newest. Also the screenshots
// of a search, in English and Korean.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { Probe, Server, launchChromium, loadPlaywright, waitForText,
         watchPage } from './harness.mjs';
import { screenshot, signIn, waitForMessage } from './webclient.mjs';

const Found = '저는 한국어를 공부해요';
const Html = '<b>한국어</b> & <i>bold</i>';
const Later = 80; // messages after the found one: it is not in the first page of the room

describe('web client message search', () => {
    let server;
    let browser;
    let bo;

    before(async () => {
        loadPlaywright();
        server = await Server.start();
        browser = await launchChromium();
        bo = await Probe.start(server, 'bo');
        bo.send(Found);
        for (let i = 1; i <= Later; ++i)
            bo.send(`filler ${i}`);
        bo.send(Html);
        bo.send('한국어 is also found on its own');
        await bo.waitFor((e) => e.event === 'message'
                                && e.text === '한국어 is also found on its own', 'its last one');
    });

    after(async () => {
        await browser?.close();
        await bo?.close().catch(() => {});
        await server?.stop();
    });

    async function openPage(lang = '') {
        const context = await browser.newContext({ viewport: { width: 1000, height: 700 },
                                                   locale: lang === 'ko' ? 'ko-KR' : 'en-US' });
        const page = await context.newPage();
        page.log = watchPage(page);
        await page.goto(`${server.origin}/${lang ? `?lang=${lang}` : ''}`);
        await signIn(page, { mode: 'guest', name: lang ? `reader-${lang}` : 'reader' });
        await waitForMessage(page, 'bo', '한국어 is also found on its own');
        return page;
    }

    async function search(page, query) {
        await page.click('#search-open');
        await page.fill('#search-query', query);
        await page.press('#search-query', 'Enter');
        await page.waitForSelector('#search-results .search-hit');
    }

    const hits = (page) => page.$$eval('#search-results .search-hit', (items) => items.map(
        (b) => ({ room: b.querySelector('.hit-room').textContent,
                  from: b.querySelector('.hit-from').textContent,
                  time: b.querySelector('.hit-time').textContent,
                  text: b.querySelector('.hit-text').textContent,
                  marked: Array.from(b.querySelectorAll('mark'), (m) => m.textContent),
                  seq: Number(b.dataset.seq) })));

    it('finds 한국어를 with 한국어, newest first, as text', async () => {
        const page = await openPage();
        assert.equal(await page.$$eval(`#messages li.message`, (items, text) => items.filter(
            (li) => li.querySelector('.text')?.textContent === text).length, Found), 0,
                     'the found message is not in the first page');
        await search(page, '한국어');
        const found = await hits(page);
        assert.deepEqual(found.map((h) => h.text),
                         ['한국어 is also found on its own', Html, Found]);
        assert.ok(found.every((h) => h.room === '#lobby' && h.from === 'bo'));
        assert.ok(found.every((h) => h.marked.length >= 1
                                     && h.marked.every((m) => m === '한국어')),
                  JSON.stringify(found));
        assert.ok(found.every((h) => h.time && !/T\d\d:|Z$/.test(h.time)), 'a local time');
        const seqs = found.map((h) => h.seq);
        assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a), 'newest first');
        // Text, never markup.
        assert.equal(await page.$$eval('#search-results b, #search-results i', (l) => l.length),
                     0);
        const asked = page.log.sent.find((f) => f.type === 'search');
        assert.equal(asked.query, '한국어');

        // Opening the oldest: the room at that message, with the messages around it.
        await page.click(`#search-results .search-hit[data-seq="${seqs[2]}"]`);
        await page.waitForSelector(`#messages li.message.found[data-seq="${seqs[2]}"]`);
        assert.equal(await page.textContent('#messages li.message.found .text'), Found);
        const around = page.log.sent.find((f) => f.type === 'history' && f.around === seqs[2]);
        assert.ok(around, 'asked for the messages around it');
        await waitForMessage(page, 'bo', 'filler 1');
        const inView = await page.evaluate(() => {
            const box = document.querySelector('#scroller').getBoundingClientRect();
            const li = document.querySelector('#messages li.message.found').getBoundingClientRect();
            return li.top >= box.top && li.bottom <= box.bottom;
        });
        assert.ok(inView, 'the found message is in view');
        await page.waitForSelector('#back-newest', { state: 'visible' });
        await page.click('#back-newest');
        await page.waitForSelector('#back-newest', { state: 'hidden' });
        const atEnd = await page.evaluate(() => {
            const s = document.querySelector('#scroller');
            return s.scrollTop + s.clientHeight >= s.scrollHeight - 40;
        });
        assert.ok(atEnd, 'back at the newest messages');
        await page.context().close();
    });

    it('pages with "more", and refuses too short a query', async () => {
        const page = await openPage();
        await search(page, 'filler');
        const first = await hits(page);
        assert.ok(first.length >= 10 && first.length < Later, `${first.length} on the first page`);
        assert.equal(first[0].text, `filler ${Later}`);
        await page.click('#search-results .search-more button');
        await page.waitForFunction((n) => document.querySelectorAll('#search-results .search-hit')
            .length > n, first.length);
        const both = await hits(page);
        const seqs = both.map((h) => h.seq);
        assert.deepEqual(seqs, [...new Set(seqs)].sort((a, b) => b - a), 'newest first, once');
        await page.fill('#search-query', '한');
        await page.press('#search-query', 'Enter');
        await waitForText(page, '#search-status', 'Type at least 2 characters.');
        await page.context().close();
    });

    it('makes the screenshots of a search', async () => {
        for (const lang of ['en', 'ko']) {
            const page = await openPage(lang);
            await search(page, '한국어');
            await screenshot(page, `web-search-${lang}.png`);
            await page.context().close();
        }
    });
});
