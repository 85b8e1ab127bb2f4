// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The web client's session (web-client/session.js) on its own, without a browser or a server:
// fed with the frames a server sends, through a stand-in connection, it must hold the state the
// views draw (rooms, messages once each in seq order, members, what is still on its way) and
// send the frames the protocol asks for. Also: the close codes mirror protocol/closecode.h.

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';

import { here } from './harness.mjs';

const source = join(here, '..', '..');

// The page's modules are ES modules in a folder without a package.json: a copy with one that
// says so loads in any Node.
async function loadWebModules() {
    const dir = mkdtempSync(join(tmpdir(), 'sori-web-'));
    cpSync(join(source, 'web-client'), dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');
    const load = (name) => import(pathToFileURL(join(dir, name)).href);
    const modules = await Promise.all(
        ['session.js', 'closecodes.js', 'i18n.js', 'storage.js'].map(load));
    return Object.assign({ dir }, ...modules);
}

// localStorage and sessionStorage, in memory.
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
        this.signIn = null;
    }

    get ready() { return this.state === 'ready'; }
    start(signIn) { this.signIn = signIn; this.setState('connecting'); }
    stop() { this.signIn = null; this.setState('idle'); }
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

    // The server's side.
    welcome(fields, reconnected = false) {
        this.setState('ready');
        this.dispatchEvent(new CustomEvent('ready', {
            detail: { welcome: { type: 'welcome', protocol: 1, ...fields }, reconnected } }));
    }

    receive(frame) {
        this.dispatchEvent(new CustomEvent('frame', { detail: { frame } }));
    }

    drop(code, final = false) {
        this.setState(final ? 'closed' : 'reconnecting');
        this.dispatchEvent(new CustomEvent('dropped', { detail: { code, reason: '', final } }));
    }

    // The last frame sent of a type, and takes what was sent so far.
    take(type) {
        const frames = this.sent.filter((f) => f.type === type);
        this.sent = [];
        return frames;
    }
}

const message = (seq, from = 'bo', text = `m${seq}`, extra = {}) => ({
    type: 'message', room: 'lobby', seq, from, text, time: 1764100000000 + seq, ...extra });
const shown = (room) => room.items.map((i) => (i.message ? i.message.seq : i.notice.text));

describe('web client session', () => {
    let web;
    let conn;
    let local;
    let session;
    let events;
    let hidden;

    before(async () => {
        web = await loadWebModules();
    });

    after(() => {
        if (web)
            rmSync(web.dir, { recursive: true, force: true });
    });

    beforeEach(() => {
        conn = new FakeConnection();
        local = new MemoryStorage();
        hidden = false;
        session = new web.ChatSession({ connection: conn, store: new web.Store(local,
                                                                               new MemoryStorage()),
                                        isHidden: () => hidden });
        events = [];
        for (const type of ['welcome', 'refused', 'dropped', 'activechanged', 'roomchanged',
                            'item', 'history', 'pending', 'members', 'typing', 'notify', 'unread',
                            'directory', 'signedout'])
            session.addEventListener(type, (e) => events.push({ type, ...e.detail }));
    });

    // Signing out stops what runs on timers (the guest's heartbeat, typing): Node can end.
    afterEach(() => {
        session.signOut();
        assert.equal(local.getItem('sori.session'), null);
    });

    // Signs in as a guest and answers the join of the lobby with members and a replay.
    function joinLobby(replay = [message(1), message(2)], more = false) {
        session.signIn({ mode: 'guest', nickname: 'ana' });
        assert.deepEqual(conn.signIn(), { type: 'hello', protocol: 1, client: 'web', name: 'ana' });
        conn.welcome({ name: 'ana', role: 'guest', resume: 'r1' });
        const [join] = conn.take('join');
        assert.equal(join.room, 'lobby');
        assert.equal(join.since, undefined, 'a first join asks for no catch-up');
        conn.receive({ type: 'joined', id: join.id, room: 'lobby', kind: 'public', topic: 'hi',
                       seq: 2, members: [{ name: 'ana', kind: 'web' }, { name: 'bo', kind: 'qt' }] });
        conn.receive({ type: 'history', id: join.id, room: 'lobby', messages: replay, more });
        return session.rooms.get('lobby');
    }

    it('signs in, joins the lobby and keeps the replay', () => {
        const room = joinLobby();
        assert.deepEqual(session.me, { name: 'ana', role: 'guest' });
        assert.equal(session.active, 'lobby');
        assert.equal(room.joined, true);
        assert.equal(room.topic, 'hi');
        assert.deepEqual(Array.from(room.members), [['ana', 'web'], ['bo', 'qt']]);
        assert.deepEqual(shown(room), [web.t('notice.youJoined', { room: '#lobby', name: 'ana' }),
                                       1, 2]);
        assert.equal(room.catchingUp, false);
        assert.equal(room.unread, 0, 'a first replay is not unread');
        const stored = JSON.parse(local.getItem('sori.session'));
        assert.deepEqual([stored.mode, stored.name, stored.resume], ['guest', 'ana', 'r1']);
        assert.deepEqual(JSON.parse(local.getItem('sori.rooms')),
                         { rooms: ['lobby'], active: 'lobby' });
        assert.deepEqual(events.map((e) => e.type),
                         ['welcome', 'item', 'roomchanged', 'history']);
    });

    it('keeps each seq once, counts unread and notifies only while hidden', () => {
        const room = joinLobby();
        events = [];
        conn.receive(message(2, 'bo', 'again'));
        conn.receive(message(3));
        assert.deepEqual(shown(room).slice(1), [1, 2, 3]);
        assert.equal(room.items[2].message.text, 'm2');
        assert.equal(room.unread, 0, 'the room shown, in sight');
        hidden = true;
        conn.receive(message(4, 'bo', 'while away'));
        assert.equal(room.unread, 1);
        assert.equal(session.totalUnread(), 1);
        const notify = events.filter((e) => e.type === 'notify');
        assert.equal(notify.length, 1);
        assert.equal(notify[0].message.text, 'while away');
        hidden = false;
        session.pageShown();
        assert.equal(room.unread, 0);
    });

    it('sends what is written and settles it by msgId', () => {
        const room = joinLobby();
        session.sendText('hello');
        const [send] = conn.take('send');
        assert.equal(send.text, 'hello');
        assert.equal(send.room, 'lobby');
        assert.match(send.msgId, /^[0-9a-f-]{36}$/);
        assert.equal(room.pending.get(send.msgId).state, 'pending');
        assert.equal(JSON.parse(local.getItem('sori.outbox')).items[0].msgId, send.msgId,
                     'kept for a reload');
        conn.receive(message(3, 'ana', 'hello', { msgId: send.msgId }));
        conn.receive({ type: 'ack', id: send.id, room: 'lobby', seq: 3, msgId: send.msgId });
        assert.equal(room.pending.size, 0);
        assert.deepEqual(shown(room).slice(1), [1, 2, 3]);
        assert.equal(local.getItem('sori.outbox'), null);

        // Refused: marked, and sent again (same msgId) when retried.
        session.sendText('too fast');
        const [second] = conn.take('send');
        conn.receive({ type: 'error', id: second.id, code: 'rate_limited', message: 'slow' });
        const pending = room.pending.get(second.msgId);
        assert.deepEqual([pending.state, pending.error], ['error', 'slow']);
        session.retry(room, second.msgId);
        const [third] = conn.take('send');
        assert.equal(third.msgId, second.msgId);
        assert.equal(pending.state, 'pending');
    });

    it('follows members, typing and notices', () => {
        const room = joinLobby();
        conn.receive({ type: 'presence', room: 'lobby', change: 'joined',
                       member: { name: 'cy', kind: 'plain' } });
        conn.receive({ type: 'typing', room: 'lobby', user: 'cy', active: true });
        assert.deepEqual(Array.from(room.typers.keys()), ['cy']);
        conn.receive({ type: 'presence', room: 'lobby', change: 'left', reason: 'kicked',
                       member: { name: 'cy', kind: 'plain' } });
        assert.equal(room.members.has('cy'), false);
        assert.equal(room.typers.size, 0, 'who left types no more');
        assert.deepEqual(shown(room).slice(-2), [
            web.t('notice.joined', { name: 'cy' }),
            web.t('notice.leftWhy', { name: 'cy', why: web.t('reason.kicked') })]);
        conn.receive({ type: 'slow_down', kind: 'join', wait: 2500 });
        const last = room.items[room.items.length - 1].notice;
        assert.equal(last.kind, 'error');
        assert.equal(last.text, web.t('notice.slowDown', { what: web.t('rate.join'), seconds: 3 }));
    });

    it('rejoins after a drop with since, and catches up page by page', () => {
        const room = joinLobby();
        conn.drop(web.CloseCode.GoingAway);
        assert.equal(room.joined, false);
        assert.equal(session.signedIn, true);
        conn.welcome({ name: 'ana', role: 'guest', resume: 'r1' }, true);
        const [join] = conn.take('join');
        assert.equal(join.since, 2, 'asks for what came after the last seq it has');
        conn.receive({ type: 'joined', id: join.id, room: 'lobby', kind: 'public', seq: 500,
                       members: [] });
        conn.receive({ type: 'history', id: join.id, room: 'lobby',
                       messages: [message(3), message(4)], more: true });
        const [page] = conn.take('history');
        assert.deepEqual([page.after, page.before], [4, 501]);
        assert.equal(room.unread, 0, 'the room shown');
        conn.receive({ type: 'history', id: page.id, room: 'lobby',
                       messages: [message(4), message(5)], more: false });
        assert.deepEqual(room.shownSeqs(), [1, 2, 3, 4, 5]);
        assert.deepEqual(conn.take('history'), [], 'no page past the end');
    });

    it('pages older history and fills gaps on request', () => {
        const room = joinLobby([message(60), message(61)], true);
        assert.equal(room.more, true);
        session.loadOlder();
        const [older] = conn.take('history');
        assert.deepEqual([older.before, older.limit], [60, 50]);
        assert.equal(room.loadingOlder, true);
        session.loadOlder();
        assert.deepEqual(conn.take('history'), [], 'one page at a time');
        conn.receive({ type: 'history', id: older.id, room: 'lobby',
                       messages: [message(58), message(59)], more: false });
        assert.deepEqual([room.more, room.loadingOlder], [false, false]);

        conn.receive({ type: 'gap', room: 'lobby', from: 62, to: 70, reason: 'limit' });
        const gap = room.items[room.items.length - 1].notice;
        assert.equal(gap.kind, 'gap');
        gap.action.run();
        const [fill] = conn.take('history');
        assert.deepEqual([fill.before, fill.limit], [71, 9]);
    });

    it('forgets the stored session when an admin signs the account out', () => {
        session.signIn({ mode: 'login', name: 'ana', password: 'secret-password' });
        conn.welcome({ name: 'ana', role: 'user', token: 't0k' });
        assert.deepEqual(JSON.parse(local.getItem('sori.session')),
                         { mode: 'account', name: 'ana', token: 't0k' });
        assert.deepEqual(session.stored(), { credentials: { mode: 'token', token: 't0k' } });
        conn.drop(web.CloseCode.SignedOut, true);
        assert.equal(local.getItem('sori.session'), null);
        assert.equal(session.signedIn, false);
        assert.equal(session.connectAgain(), false);
    });

    it('mirrors the close codes of protocol/closecode.h', () => {
        const header = readFileSync(join(source, 'protocol', 'closecode.h'), 'utf8');
        const body = header.slice(header.indexOf('enum class CloseCode'));
        const codes = Object.fromEntries(
            Array.from(body.slice(0, body.indexOf('};')).matchAll(/(\w+) = (\d+)/g),
                       (m) => [m[1], Number(m[2])]));
        assert.ok(Object.keys(codes).length >= 10, 'the header was read');
        assert.deepEqual({ ...web.CloseCode }, codes);
        const away = Object.entries(codes).filter(([, code]) => web.sentAway(code))
            .map(([name]) => name);
        assert.deepEqual(away, ['Kicked', 'SignedOut', 'Banned']);
    });
});
