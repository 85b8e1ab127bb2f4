// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The web client's session (web-client/session.js) with issue 22's frames, without a browser or
// a server: edits (the last text wins), reactions (sets), a change's own number in the room's
// last seq (so that a rejoin asks from it), the changes of a catch-up page, replies and their
// quotes, and the mention flag.

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';

import { here } from './harness.mjs';

// The page's modules are ES modules in a folder without a package.json: a copy with one that
// says so loads in any Node.
async function loadWebModules() {
    const dir = mkdtempSync(join(tmpdir(), 'sori-web-'));
    cpSync(join(here, '..', '..', 'web-client'), dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');
    const load = (name) => import(pathToFileURL(join(dir, name)).href);
    const modules = await Promise.all(['session.js', 'storage.js'].map(load));
    return Object.assign({ dir }, ...modules);
}

class MemoryStorage {
    constructor() { this.items = new Map(); }
    getItem(key) { return this.items.has(key) ? this.items.get(key) : null; }
    setItem(key, value) { this.items.set(key, String(value)); }
    removeItem(key) { this.items.delete(key); }
}

// Stands in for connection.js: records what the session sends, and plays the server's part.
class FakeConnection extends EventTarget {
    constructor() {
        super();
        this.state = 'idle';
        this.sent = [];
        this.nextId = 1;
    }

    get ready() { return this.state === 'ready'; }
    start(signIn) { this.signIn = signIn; this.state = 'connecting'; }
    stop() { this.state = 'idle'; }
    reconnectNow() {}
    retryDelay() { return 0; }
    send(frame) {
        if (!this.ready)
            return false;
        this.sent.push(frame);
        return true;
    }

    request(frame) {
        const id = `w${this.nextId++}`;
        return this.send({ ...frame, id }) ? id : '';
    }

    setState(state) {
        this.state = state;
        this.dispatchEvent(new CustomEvent('state', { detail: { state } }));
    }

    welcome(fields, reconnected = false) {
        this.setState('ready');
        this.dispatchEvent(new CustomEvent('ready', {
            detail: { welcome: { type: 'welcome', protocol: 1, ...fields }, reconnected } }));
    }

    receive(frame) {
        this.dispatchEvent(new CustomEvent('frame', { detail: { frame } }));
    }

    drop() {
        this.setState('reconnecting');
        this.dispatchEvent(new CustomEvent('dropped', { detail: { code: 1006, reason: '',
                                                                  final: false } }));
    }

    take(type) {
        const frames = this.sent.filter((f) => f.type === type);
        this.sent = [];
        return frames;
    }
}

const message = (seq, from = 'bo', text = `m${seq}`, extra = {}) => ({
    type: 'message', room: 'lobby', seq, from, text, time: 1764100000000 + seq, ...extra });

describe('web client session: edits, reactions, replies (issue 22)', () => {
    let web;
    let conn;
    let session;
    let events;

    before(async () => {
        web = await loadWebModules();
    });

    after(() => {
        if (web)
            rmSync(web.dir, { recursive: true, force: true });
    });

    beforeEach(() => {
        conn = new FakeConnection();
        session = new web.ChatSession({ connection: conn, store: new web.Store(
            new MemoryStorage(), new MemoryStorage()), isHidden: () => false });
        events = [];
        for (const type of ['item', 'itemchanged', 'history', 'reveal'])
            session.addEventListener(type, (e) => events.push({ type, ...e.detail }));
    });

    afterEach(() => session.signOut());

    function joinLobby(replay = [message(1), message(2, 'ana')]) {
        session.signIn({ mode: 'guest', nickname: 'ana' });
        conn.welcome({ name: 'ana', role: 'guest', resume: 'r1' });
        const [join] = conn.take('join');
        conn.receive({ type: 'joined', id: join.id, room: 'lobby', kind: 'public',
                       seq: replay.at(-1)?.seq ?? 0, members: [{ name: 'ana', kind: 'web' }] });
        conn.receive({ type: 'history', id: join.id, room: 'lobby', messages: replay });
        return session.rooms.get('lobby');
    }

    const text = (room, seq) => room.seqs.get(seq).message.text;

    it('shows the last text of an edit, and counts its number as seen', () => {
        const room = joinLobby();
        conn.receive({ type: 'edited', room: 'lobby', seq: 1, at: 3, text: 'first fix', by: 'bo',
                       time: 1764100000100, mentions: ['ana'] });
        conn.receive({ type: 'edited', room: 'lobby', seq: 1, at: 4, text: 'second fix',
                       by: 'bo', time: 1764100000200 });
        assert.equal(text(room, 1), 'second fix');
        assert.equal(room.seqs.get(1).message.edited, 1764100000200);
        assert.deepEqual(room.seqs.get(1).message.mentions, ['ana'], 'kept: no new ones said');
        assert.equal(room.lastSeq, 4);
        assert.deepEqual(events.filter((e) => e.type === 'itemchanged').map((e) => e.seq), [1, 1]);
        // The rejoin asks from the edit's number.
        conn.drop();
        conn.welcome({ name: 'ana', role: 'guest', resume: 'r1' }, true);
        assert.equal(conn.take('join')[0].since, 4);
    });

    it('keeps reactions as sets: twice is once, off takes one back', () => {
        const room = joinLobby();
        const react = (user, emoji, on, at) => conn.receive({ type: 'reaction', room: 'lobby',
                                                              seq: 2, at, user, emoji, on });
        react('bo', '👍', true, 3);
        react('bo', '👍', true, 4);
        react('ana', '👍', true, 5);
        react('ana', '🎉', true, 6);
        assert.deepEqual(room.seqs.get(2).message.reactions,
                         [{ emoji: '👍', users: ['bo', 'ana'] }, { emoji: '🎉', users: ['ana'] }]);
        assert.equal(session.reacted(room.seqs.get(2).message, '👍'), true);
        react('ana', '🎉', false, 7);
        react('ana', '🎉', false, 8);
        react('bo', '👍', false, 9);
        assert.deepEqual(room.seqs.get(2).message.reactions, [{ emoji: '👍', users: ['ana'] }]);
        assert.equal(session.reacted(room.seqs.get(2).message, '🎉'), false);
        assert.equal(room.lastSeq, 9);
        session.react(room, 2, '👍', false);
        assert.deepEqual(conn.take('react').map(({ id, ...f }) => f),
                         [{ type: 'react', room: 'lobby', seq: 2, emoji: '👍', on: false }]);
    });

    it('applies a catch-up page\'s changes after its messages, and pages on from them', () => {
        const room = joinLobby();
        conn.drop();
        conn.welcome({ name: 'ana', role: 'guest', resume: 'r1' }, true);
        const [join] = conn.take('join');
        assert.equal(join.since, 2);
        conn.receive({ type: 'joined', id: join.id, room: 'lobby', kind: 'public', seq: 9,
                       members: [] });
        conn.receive({ type: 'history', id: join.id, room: 'lobby', more: true,
                       messages: [message(3, 'bo', 'new')],
                       changes: [
                           { type: 'edited', room: 'lobby', seq: 1, at: 4, text: 'm1, edited',
                             by: 'bo', time: 1764100000400 },
                           { type: 'reaction', room: 'lobby', seq: 3, at: 5, user: 'bo',
                             emoji: '👀', on: true },
                           { type: 'deleted', room: 'lobby', seq: 2, at: 6, by: 'ana' },
                       ] });
        assert.equal(text(room, 1), 'm1, edited');
        assert.deepEqual(room.seqs.get(3).message.reactions, [{ emoji: '👀', users: ['bo'] }]);
        assert.equal(room.seqs.get(2).message.deleted, true);
        assert.equal(room.lastSeq, 6);
        // The next page starts after the last change, not after the last message.
        const [next] = conn.take('history');
        assert.equal(next.after, 6);
    });

    it('sends a reply with replyTo and finds its quote', () => {
        const room = joinLobby();
        session.sendText('an answer', { replyTo: 1 });
        const [send] = conn.take('send');
        assert.equal(send.replyTo, 1);
        // Live: the quote comes from the message we have.
        conn.receive(message(3, 'ana', 'an answer', { msgId: send.msgId, replyTo: 1 }));
        assert.deepEqual(session.quoteOf(room, room.seqs.get(3).message),
                         { from: 'bo', text: 'm1', deleted: undefined });
        // From storage: the quote it came with.
        assert.deepEqual(session.quoteOf(room, { replyTo: 1, quote: { from: 'x', text: 'old' } }),
                         { from: 'x', text: 'old' });
        // Of a message we do not have: asked once, with history around it.
        events = [];
        conn.receive(message(9, 'bo', 'answers 1000', { replyTo: 1000 }));
        assert.equal(session.quoteOf(room, room.seqs.get(9).message), null);
        assert.equal(session.quoteOf(room, room.seqs.get(9).message), null);
        const asked = conn.take('history');
        assert.deepEqual(asked.map(({ id, ...f }) => f),
                         [{ type: 'history', room: 'lobby', around: 1000, limit: 1 }]);
        conn.receive({ type: 'history', id: asked[0].id, room: 'lobby',
                       messages: [message(1000, 'cy', 'the original')] });
        assert.deepEqual(session.quoteOf(room, room.seqs.get(9).message),
                         { from: 'cy', text: 'the original', deleted: undefined });
        assert.equal(room.seqs.has(1000), false, 'a quote alone is not shown among messages');
        assert.deepEqual(events.filter((e) => e.type === 'itemchanged').map((e) => e.seq), [9]);
    });

    it('shows a message far up: history around it, and a line for what lies between', () => {
        const room = joinLobby([message(100), message(101)]);
        events = [];
        session.showMessage(room, 10);
        const [around] = conn.take('history');
        assert.equal(around.around, 10);
        conn.receive({ type: 'history', id: around.id, room: 'lobby', newer: true, more: true,
                       messages: [message(9), message(10), message(11)] });
        assert.deepEqual(room.items.filter((i) => i.message).map((i) => i.message.seq),
                         [9, 10, 11, 100, 101]);
        const gap = room.items.find((i) => i.notice?.kind === 'gap');
        assert.equal(room.items.indexOf(gap), room.items.findIndex((i) => i.message?.seq === 11)
                     + 1, 'the line is between the page and what was below it');
        assert.deepEqual(events.map((e) => e.type), ['history', 'reveal']);
        assert.equal(events[1].seq, 10);
        gap.notice.action.run();
        const [fill] = conn.take('history');
        assert.deepEqual([fill.before, fill.limit], [100, 88]);
        // A message we have is shown at once.
        events = [];
        session.showMessage(room, 101);
        assert.deepEqual(events.map((e) => [e.type, e.seq]), [['reveal', 101]]);
    });

    it('flags a message that mentions us', () => {
        joinLobby();
        events = [];
        conn.receive(message(3, 'bo', 'hi @ANA', { mentions: ['Ana'] }));
        conn.receive(message(4, 'bo', 'hi @cy', { mentions: ['cy'] }));
        assert.deepEqual(events.map((e) => e.mention), [true, false]);
    });
});
