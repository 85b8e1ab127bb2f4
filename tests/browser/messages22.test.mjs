// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Issue 22 in the web client's message view, against a real sori-server: formatted messages
// (the cases of tests/data/formatting.json, and text that tries to be HTML or script), messages
// grouped by sender under day lines, and "@name" completion in the composer.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { Probe, Server, WaitMs, here, launchChromium, loadPlaywright,
         watchPage } from './harness.mjs';
import { say, screenshot, signIn, waitForMembers, waitForMessage } from './webclient.mjs';

const cases = JSON.parse(readFileSync(join(here, '..', 'data', 'formatting.json'), 'utf8'));
const DayMs = 24 * 60 * 60 * 1000;

async function newPage(browser, locale = 'en-US', options = {}) {
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 }, locale,
                                               ...options });
    const page = await context.newPage();
    page.log = watchPage(page);
    return page;
}

// The canonical HTML (tests/data/formatting.json) of what the page built, read from its
// elements: any other element or attribute shows up as such and fails the comparison.
function canonicalOf(page, selector) {
    return page.$eval(selector, (root) => {
        const escape = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;',
                                                              '>': '&gt;', '"': '&quot;' })[c]);
        const walk = (node) => Array.from(node.childNodes).map((child) => {
            if (child.nodeType === Node.TEXT_NODE)
                return escape(child.textContent);
            const tag = child.localName;
            if (tag === 'br')
                return '<br>';
            let open = tag;
            if (tag === 'a')
                open = `a href="${escape(child.getAttribute('href') ?? '')}"`;
            else if (tag === 'span')
                open = `span class="${escape(child.className)}"`;
            else if (child.attributes.length > 0)
                open = `${tag} ${Array.from(child.attributes, (a) => a.name).join(' ')}`;
            return `<${open}>${walk(child)}</${tag}>`;
        }).join('');
        // A message of one paragraph is drawn without a <p>: its element is the paragraph.
        const blocks = ['p', 'blockquote', 'pre'];
        const html = walk(root);
        return Array.from(root.children).some((e) => blocks.includes(e.localName)) ? html
            : `<p>${html}</p>`;
    });
}

// The last message shown with this sender, as {seq, text (canonical HTML)}.
async function lastFrom(page, from) {
    const seq = await page.$$eval('#messages li.message[data-seq]', (items, who) => items
        .filter((li) => li.querySelector('.from')?.textContent === who)
        .map((li) => li.dataset.seq).at(-1), from);
    return { seq, html: await canonicalOf(page, `#messages li.message[data-seq="${seq}"] .text`) };
}

describe('web client messages (issue 22)', () => {
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

    it('takes screenshots of a formatted message', async () => {
        // First, while #lobby holds little else.
        await say(jun, '배포 준비 어떻게 되고 있나요?');
        await waitForMessage(mina, 'jun', '배포 준비 어떻게 되고 있나요?');
        const text = '**Release 0.22** is out: `sori-server --help` shows the new options.\n'
            + '> _Edits, replies and reactions_ are in, see https://example.org/notes.\n'
            + '```\nsori-server --data-dir /var/lib/sori\n```';
        await mina.fill('#message', text);
        await mina.press('#message', 'Enter');
        for (const page of [mina, jun]) {
            await page.waitForSelector('#messages li.message[data-seq] .text pre code');
            await page.mouse.move(0, 0); // no message hovered
        }
        await screenshot(mina, 'web-formatted-en.png');
        await screenshot(jun, 'web-formatted-ko.png');
    });

    it('builds every case of the formatting fixture as its canonical HTML', async () => {
        await mina.evaluate(async (all) => {
            const format = await import('/format.js');
            for (const [index, c] of all.entries()) {
                const div = document.createElement('div');
                div.id = `format-check-${index}`;
                div.hidden = true;
                div.append(format.render(format.parse(c.text, c.mentions, c.me)));
                document.body.append(div);
                // And as a message shows it (one paragraph without its <p>).
                const bare = document.createElement('div');
                bare.id = `format-bare-${index}`;
                bare.hidden = true;
                bare.append(format.render(format.parse(c.text, c.mentions, c.me), document,
                                          { bareParagraph: true }));
                document.body.append(bare);
            }
        }, cases);
        for (const [index, c] of cases.entries()) {
            assert.equal(await canonicalOf(mina, `#format-check-${index}`), c.html, c.name);
            assert.equal(await canonicalOf(mina, `#format-bare-${index}`), c.html, c.name);
        }
        await mina.evaluate(() => {
            for (const div of document.querySelectorAll('[id^="format-"]'))
                div.remove();
        });
    });

    it('shows formatted messages from others the same way', async () => {
        const sent = cases.filter((c) => c.mentions.length === 0 && !/[\r\n\v\f\u0085\u2028\u2029]/
            .test(c.text) && c.text.trim() === c.text).slice(0, 25);
        assert.ok(sent.length >= 20, `${sent.length} one-line cases`);
        for (const c of sent) {
            probe.send(c.text);
            await waitForMessage(jun, 'qtprobe', await mina.evaluate(async (text) => {
                const format = await import('/format.js');
                const div = document.createElement('div');
                div.append(format.render(format.parse(text)));
                return div.textContent;
            }, c.text));
            assert.equal((await lastFrom(jun, 'qtprobe')).html, c.html, c.name);
        }
        // Lines, quotes and code blocks typed in the page (Shift+Enter between lines).
        const multi = cases.find((c) => c.name === 'code block with a language word, text around it');
        const quote = cases.find((c) => c.name === 'quote');
        for (const c of [multi, quote]) {
            const before = (await lastFrom(jun, 'mina')).seq;
            await mina.fill('#message', c.text);
            await mina.press('#message', 'Enter');
            await jun.waitForFunction((seq) => Array.from(document.querySelectorAll(
                '#messages li.message[data-seq]')).some((li) => li.querySelector('.from')
                .textContent === 'mina' && Number(li.dataset.seq) > Number(seq)), before,
            { timeout: WaitMs });
            assert.equal((await lastFrom(jun, 'mina')).html, c.html, c.name);
        }
    });

    it('never runs or loads what a message says, formatted or not', async () => {
        const attempts = [
            '<img src=x onerror="window.pwned=1">',
            '[x](javascript:window.pwned=2)',
            '**<img src=/x onerror=window.pwned=3>**',
            '[<img src=/x onerror=window.pwned=4>](http://example.org/)',
            '`<script>window.pwned=5</script>`',
            'https://example.org/"><img src=/x onerror=window.pwned=6>',
            '[a](http://example.org/"onmouseover="window.pwned=7)',
            '[b](JaVaScRiPt:window.pwned=8) [c](data:text/html,<script>window.pwned=9</script>)',
            '```\n<script>window.pwned=10</script>\n```',
            '> <svg onload=window.pwned=11>',
        ];
        for (const text of attempts)
            await say(mina, text);
        await say(mina, 'after the attempts');
        await waitForMessage(jun, 'mina', 'after the attempts');
        // Hover and click every link that was made: each goes nowhere but http(s).
        const found = await jun.evaluate(() => ({
            elements: document.querySelectorAll('#messages img, #messages script, #messages svg, '
                                                + '#messages iframe, #messages b').length,
            handlers: Array.from(document.querySelectorAll('#messages *')).filter((e) => Array
                .from(e.attributes).some((a) => a.name.startsWith('on'))).length,
            hrefs: Array.from(document.querySelectorAll('#messages a'), (a) => a.getAttribute('href')),
            pwned: window.pwned,
        }));
        assert.equal(found.elements, 0);
        assert.equal(found.handlers, 0);
        assert.equal(found.pwned, undefined);
        for (const href of found.hrefs)
            assert.match(href, /^(https?:\/\/|mailto:)/i, href);
        assert.ok(found.hrefs.includes('http://example.org/'), 'the good link is a link');
        assert.equal(await jun.$$eval('#messages a[href^="javascript" i]', (l) => l.length), 0);
        // As typed, where nothing was formatted.
        const texts = await jun.$$eval('#messages li.message[data-seq] .text',
                                       (l) => l.map((e) => e.textContent));
        assert.ok(texts.includes('[x](javascript:window.pwned=2)'));
        assert.ok(texts.includes('<img src=x onerror="window.pwned=1">'));
        assert.ok(texts.includes('<script>window.pwned=10</script>'));
        for (const page of [mina, jun]) {
            await page.hover('#messages a[href="http://example.org/"]');
            assert.deepEqual(page.log.dialogs, []);
            assert.ok(!page.log.requests.some((u) => new URL(u).pathname === '/x'),
                      'a page tried to load an injected image');
            assert.deepEqual(page.log.errors, []);
        }
        // Links open elsewhere, without a hold on this page.
        assert.deepEqual(await jun.$eval('#messages a[href="http://example.org/"]',
                                         (a) => [a.target, a.rel]),
                         ['_blank', 'noopener noreferrer']);
    });

    it('groups messages by sender, under a line for the day', async () => {
        probe.send('before the group');
        await waitForMessage(mina, 'qtprobe', 'before the group');
        await say(mina, 'group one');
        await say(mina, 'group two');
        await say(mina, 'group three');
        probe.send('someone else');
        await waitForMessage(mina, 'qtprobe', 'someone else');
        await say(mina, 'group again');
        await waitForMessage(jun, 'mina', 'group again');
        for (const [page, today] of [[mina, 'Today'], [jun, '오늘']]) {
            const shown = await page.$$eval('#messages > li', (items) => items.map((li) => ({
                day: li.classList.contains('day') ? li.textContent : undefined,
                text: li.querySelector('.text')?.textContent,
                continued: li.classList.contains('continued'),
                // What the eye sees of the sender's name: a box wider than a pixel.
                name: (li.querySelector('.from')?.getBoundingClientRect().width ?? 0) > 1,
                time: (li.querySelector('time')?.getBoundingClientRect().width ?? 0) > 1,
            })));
            const days = shown.filter((s) => s.day !== undefined);
            assert.deepEqual(days.map((d) => d.day), [today], 'one line: all of it is today');
            assert.ok(shown.findIndex((s) => s.day !== undefined)
                      < shown.findIndex((s) => s.text !== undefined), 'above the first message');
            const at = (text) => shown.find((s) => s.text === text);
            assert.deepEqual(at('group one'), { day: undefined, text: 'group one', continued: false,
                                                name: true, time: true });
            for (const text of ['group two', 'group three']) {
                assert.deepEqual(at(text), { day: undefined, text, continued: true, name: false,
                                             time: false }, text);
            }
            assert.equal(at('someone else').continued, false);
            assert.equal(at('someone else').name, true);
            assert.equal(at('group again').continued, false, 'another sender came between');
            assert.equal(at('group again').name, true);
        }
        // The name stays for screen readers and the tests: hidden from the eye only.
        assert.equal(await mina.$$eval('#messages li.message.continued', (items) => items
            .find((li) => li.querySelector('.text').textContent === 'group two')
            .querySelector('.from').textContent), 'mina');
    });

    it('says "Yesterday", or the date in the page\'s language, for older days', async () => {
        const later = async (locale, ms) => {
            const page = await newPage(browser, locale);
            await page.clock.setFixedTime(new Date(Date.now() + ms));
            await page.goto(`${server.origin}/`);
            await signIn(page, { mode: 'guest' });
            await waitForMessage(page, 'mina', 'group again');
            const days = await page.$$eval('#messages > li.day', (l) => l.map((e) => e.textContent));
            await page.context().close();
            return days;
        };
        assert.deepEqual(await later('en-US', DayMs), ['Yesterday']);
        assert.deepEqual(await later('ko-KR', DayMs), ['어제']);
        const [en] = await later('en-US', 5 * DayMs);
        assert.match(en, /^(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, [A-Z][a-z]+ \d{1,2}, \d{4}$/);
        const [ko] = await later('ko-KR', 5 * DayMs);
        assert.match(ko, /^\d{4}년 \d{1,2}월 \d{1,2}일 [월화수목금토일]요일$/);
    });

    it('completes @names of the room in the composer', async () => {
        // Somebody who wrote here and left is offered too.
        const ddol = await newPage(browser, 'en-US');
        await ddol.goto(`${server.origin}/`);
        await signIn(ddol, { mode: 'guest', name: 'ddol' });
        await say(ddol, 'ddol was here');
        await waitForMessage(mina, 'ddol', 'ddol was here');
        await ddol.context().close();
        await waitForMembers(mina, ['mina', 'jun', 'qtprobe']);

        const field = '#message';
        const options = () => mina.$$eval('#mention-list [role=option]',
                                         (l) => l.map((o) => o.textContent));
        assert.equal(await mina.getAttribute(field, 'aria-expanded'), 'false');
        await mina.fill(field, '');
        await mina.type(field, 'hi @');
        await mina.waitForSelector('#mention-list', { state: 'visible' });
        assert.deepEqual(await options(), ['@jun', '@qtprobe', '@ddol']);
        assert.equal(await mina.getAttribute(field, 'aria-expanded'), 'true');
        assert.equal(await mina.getAttribute(field, 'aria-activedescendant'), 'mention-option-0');
        assert.equal(await mina.getAttribute('#mention-option-0', 'aria-selected'), 'true');
        await mina.keyboard.press('ArrowDown');
        assert.equal(await mina.getAttribute(field, 'aria-activedescendant'), 'mention-option-1');
        await mina.keyboard.press('ArrowUp');
        await mina.keyboard.press('ArrowUp');
        assert.equal(await mina.getAttribute(field, 'aria-activedescendant'), 'mention-option-2');
        // Enter picks and does not send.
        await mina.keyboard.press('Enter');
        assert.equal(await mina.inputValue(field), 'hi @ddol ');
        assert.equal(await mina.isVisible('#mention-list'), false);
        assert.equal(await mina.getAttribute(field, 'aria-expanded'), 'false');
        assert.equal(await mina.$$eval('#messages li.pending', (l) => l.length), 0);
        // Narrowed by what is typed; Tab picks.
        await mina.type(field, 'and @Q');
        assert.deepEqual(await options(), ['@qtprobe']);
        await mina.keyboard.press('Tab');
        assert.equal(await mina.inputValue(field), 'hi @ddol and @qtprobe ');
        assert.equal(await mina.evaluate(() => document.activeElement.id), 'message');
        // Escape closes and keeps the text; no list inside a word or an e-mail address.
        await mina.type(field, '@j');
        await mina.waitForSelector('#mention-list', { state: 'visible' });
        await mina.keyboard.press('Escape');
        assert.equal(await mina.isVisible('#mention-list'), false);
        assert.equal(await mina.inputValue(field), 'hi @ddol and @qtprobe @j');
        await mina.type(field, 'un mail@j');
        assert.equal(await mina.isVisible('#mention-list'), false);
        // A click picks as well; then Enter sends.
        await mina.fill(field, '');
        await mina.type(field, 'see @q');
        await mina.click('#mention-list [role=option]');
        assert.equal(await mina.inputValue(field), 'see @qtprobe ');
        await mina.keyboard.press('Enter');
        await waitForMessage(jun, 'mina', 'see @qtprobe ');
    });
});
