// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The web client's message formatting (web-client/format.js) on its own, without a browser:
// every case of tests/data/formatting.json, the reference the desktop app is tested against too,
// gives its canonical HTML. (What the page builds from the same tree is checked in Chromium, in
// messages22.test.mjs.)

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

import { here } from './harness.mjs';

const cases = JSON.parse(readFileSync(join(here, '..', 'data', 'formatting.json'), 'utf8'));

describe('message formatting', () => {
    let format;

    before(async () => {
        const source = readFileSync(join(here, '..', '..', 'web-client', 'format.js'), 'utf8');
        format = await import(
            `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
    });

    it('has the cases the spec asks for', () => {
        assert.ok(cases.length >= 40, `${cases.length} cases`);
        for (const c of cases) {
            assert.equal(typeof c.name, 'string');
            assert.equal(typeof c.text, 'string', c.name);
            assert.ok(Array.isArray(c.mentions), c.name);
            assert.equal(typeof c.html, 'string', c.name);
        }
        assert.equal(new Set(cases.map((c) => c.name)).size, cases.length, 'names are unique');
    });

    for (const c of cases) {
        it(`renders: ${c.name}`, () => {
            assert.equal(format.toHtml(format.parse(c.text, c.mentions, c.me)), c.html,
                         JSON.stringify(c.text));
        });
    }

    it('uses only the canonical tags, and no attribute but href and class', () => {
        for (const c of cases) {
            const tags = c.html.match(/<[^>]*>/g) || [];
            for (const tag of tags) {
                assert.match(tag, new RegExp('^<(/?(p|br|blockquote|pre|code|strong|em|a)'
                                             + '|a href="[^"<>]*"|span class="mention( me)?"'
                                             + '|/span)>$'), `${c.name}: ${tag}`);
                if (tag.startsWith('<a '))
                    assert.match(tag, /^<a href="(https?:\/\/|mailto:)/i, `${c.name}: ${tag}`);
            }
        }
    });

    it('tells whether a message mentions the viewer', () => {
        assert.equal(format.mentionsMe(['ana', 'JUN'], 'jun'), true);
        assert.equal(format.mentionsMe(['ana'], 'jun'), false);
        assert.equal(format.mentionsMe(undefined, 'jun'), false);
        assert.equal(format.mentionsMe(['jun'], ''), false);
    });
});
