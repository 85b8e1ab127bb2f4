// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The web client's conversation model (web-client/model.js) on its own, without a browser: each
// seq is kept once whichever way it arrives, in seq order, with notices where they were written.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

import { here } from './harness.mjs';

let Room;
let directPeer;

const message = (seq, text = `m${seq}`) => ({ type: 'message', room: 'lobby', seq, from: 'ana',
                                              text, time: 1764100000000 + seq });
const shown = (room) => room.items.map((i) => (i.message ? i.message.seq : i.notice.text));

describe('web client model', () => {
    before(async () => {
        // Loaded as a module whatever Node thinks of .js files outside a "type": "module" package.
        const source = readFileSync(join(here, '..', '..', 'web-client', 'model.js'), 'utf8');
        ({ Room, directPeer } = await import(
            `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`));
    });

    it('keeps every seq once, however often it arrives', () => {
        const room = new Room('lobby');
        for (const seq of [3, 4, 5])
            assert.ok(room.addMessage(message(seq)) >= 0);
        assert.equal(room.addMessage(message(4, 'again')), -1, 'live event after the catch-up');
        assert.equal(room.addMessage(message(5)), -1);
        assert.deepEqual(shown(room), [3, 4, 5]);
        assert.equal(room.items[1].message.text, 'm4', 'the first copy stays');
        assert.deepEqual([room.oldestSeq, room.lastSeq], [3, 5]);
    });

    it('puts older pages and late messages in seq order', () => {
        const room = new Room('lobby');
        for (const seq of [10, 11, 12])
            room.addMessage(message(seq));
        assert.equal(room.addMessage(message(13)), 3);
        assert.equal(room.addMessage(message(7)), 0, 'an older page goes first');
        assert.equal(room.addMessage(message(9)), 1);
        assert.deepEqual(shown(room), [7, 9, 10, 11, 12, 13]);
        assert.deepEqual([room.oldestSeq, room.lastSeq], [7, 13]);
    });

    it('keeps notices after the message they followed', () => {
        const room = new Room('lobby');
        room.addMessage(message(1));
        room.addNotice({ text: 'bo joined.' });
        room.addMessage(message(2));
        const gap = room.addNotice({ text: 'gap 3-5' }, 2); // gap from 3: after seq 2
        room.addMessage(message(6));
        room.addMessage(message(4)); // fetched later, inside the gap
        assert.deepEqual(shown(room), [1, 'bo joined.', 2, 'gap 3-5', 4, 6]);
        assert.equal(gap.index, 3);
    });

    it('refuses what is not a stored message', () => {
        const room = new Room('lobby');
        for (const seq of [0, -1, 1.5, undefined, '3'])
            assert.equal(room.addMessage({ ...message(1), seq }), -1, `seq ${seq}`);
        assert.deepEqual(room.items, []);
    });

    it('turns a deleted message into a tombstone in place', () => {
        const room = new Room('lobby');
        room.addMessage(message(1));
        room.addMessage(message(2, 'spam'));
        assert.equal(room.markDeleted(2, 'boss'), 1);
        assert.deepEqual(room.items[1].message,
                         { ...message(2, ''), deleted: true, deletedBy: 'boss' });
        assert.equal(room.markDeleted(9, 'boss'), -1);
    });

    it('names the other side of a direct conversation', () => {
        assert.equal(directPeer('dm:ana:bo', 'Ana'), 'bo');
        assert.equal(directPeer('dm:ana:bo', 'bo'), 'ana');
        assert.equal(directPeer('lobby', 'ana'), '');
    });
});
