// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The web client's session (web-client/session.js) for unread counts and read marks, the people
// and message search and the presence status, without a browser or a server: fed with the frames
// of docs/protocol.md through a stand-in connection, it must keep the counts the room list shows,
// send `read` no more than once a second per room with the latest seq, and ask for what the
// dialogs show.

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, afterEach, before, beforeEach, describe, it, mock } from 'node:test';

import { here } from './harness.mjs';

const source = join(here, '..', '..');

// The page's modules, copied beside a package.json that makes them ES modules for Node.
async function loadWebModules() {
    const dir = mkdtempSync(join(tmpdir(), 'sori-web-'));
    cpSync(join(source, 'web-client'), dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');
    const load = (name) => import(pathToFileURL(join(dir, name)).href);
    const modules = await Promise.all(['session.js', 'i18n.js', 'storage.js'].map(load));
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
    start(signIn) { this.signIn = signIn; this.setState('connecting'); }
    stop() { this.setState('idle'); }
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

    welcome(fields) {
        this.setState('ready');
        this.dispatchEvent(new CustomEvent('ready', {
            detail: { welcome: { type: 'welcome', protocol: 1, ...fields } } }));
    }

    receive(frame) {
        this.dispatchEvent(new CustomEvent('frame', { detail: { frame } }));
    }

    drop() {
        this.setState('reconnecting');
        this.dispatchEvent(new CustomEvent('dropped', { detail: { code: 1006, final: false } }));
    }

    // The frames sent of a type; forgets everything sent so far.
    take(type) {
        const frames = this.sent.filter((f) => f.type === type);
        this.sent = [];
        return frames;
    }
}

const message = (room, seq, from = 'bo', extra = {}) => ({
    type: 'message', room, seq, from, text: `m${seq}`, time: 1764100000000 + seq, ...extra });
const range = (room, from, to, sender = 'bo') => Array.from(
    { length: to - from + 1 }, (_, i) => message(room, from + i, sender));

describe('web client unread counts, read marks, search and status', () => {
    let web;
    let conn;
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
        mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'], now: 1764200000000 });
        conn = new FakeConnection();
        hidden = false;
        session = new web.ChatSession({ connection: conn,
                                        store: new web.Store(new MemoryStorage(),
                                                             new MemoryStorage()),
                                        isHidden: () => hidden });
        events = [];
        for (const type of ['roomschanged', 'unread', 'notify', 'readline', 'people', 'results',
                            'searchfailed', 'found', 'mystatus', 'item'])
            session.addEventListener(type, (e) => events.push({ type, ...e.detail }));
    });

    afterEach(() => {
        session.signOut();
        mock.timers.reset();
    });

    // Signs jun in with an account; the server answers the lobby's join (members, read mark,
    // the latest messages).
    function signIn({ unread = null, lobby = range('lobby', 1, 5), read = 0 } = {}) {
        session.signIn({ mode: 'login', name: 'jun', password: 'secret-password' });
        conn.welcome({ name: 'jun', role: 'member', token: 't' });
        if (unread)
            conn.receive({ type: 'unread', rooms: unread });
        const join = conn.sent.find((f) => f.type === 'join' && f.room === 'lobby');
        conn.receive({ type: 'joined', id: join.id, room: 'lobby', kind: 'public', seq: 5, read,
                       members: [{ name: 'jun', kind: 'web' },
                                 { name: 'bo', kind: 'desktop', status: 'away' }] });
        conn.receive({ type: 'history', id: join.id, room: 'lobby', messages: lobby });
        return session.rooms.get('lobby');
    }

    function answerJoin(name, { seq, read = 0, messages = [], kind = 'public' }) {
        const join = conn.sent.find((f) => f.type === 'join' && f.room === name);
        assert.ok(join, `a join of ${name}`);
        conn.receive({ type: 'joined', id: join.id, room: name, kind, seq, read,
                       members: [{ name: 'jun', kind: 'web' }] });
        conn.receive({ type: 'history', id: join.id, room: name, messages });
        return session.rooms.get(name);
    }

    it('takes the counts of the unread event and joins the followed rooms', () => {
        // A direct conversation comes by itself before the unread event.
        session.signIn({ mode: 'login', name: 'jun', password: 'secret-password' });
        conn.welcome({ name: 'jun', role: 'member', token: 't' });
        conn.receive({ type: 'joined', room: 'dm:jun:mina', kind: 'direct', seq: 3, read: 1,
                       members: [{ name: 'jun', kind: 'web' }] });
        conn.receive({ type: 'history', room: 'dm:jun:mina',
                       messages: range('dm:jun:mina', 1, 3, 'mina') });
        conn.receive({ type: 'unread', rooms: [
            { room: 'lobby', kind: 'public', seq: 5, read: 5 },
            { room: 'team', kind: 'private', seq: 40, read: 12, unread: 27, mentions: 2 },
            { room: 'dm:jun:mina', kind: 'direct', seq: 3, read: 1, unread: 2 },
            { room: 'busy', kind: 'public', seq: 5000, read: 1, unread: 1000, mentions: 1000 },
        ] });
        const joins = conn.sent.filter((f) => f.type === 'join').map((f) => f.room);
        assert.deepEqual(joins.sort(), ['busy', 'lobby', 'team'],
                         'the followed rooms are joined (the lobby once)');
        assert.equal(session.rooms.get('team').unread, 27);
        assert.equal(session.rooms.get('team').mentions, 2);
        assert.equal(session.rooms.get('dm:jun:mina').unread, 2);
        assert.equal(session.rooms.get('busy').unread, 1000);
        assert.equal(session.totalUnread(), 1029);
        assert.equal(session.totalMentions(), 1002);

        // The catch-up of a room brings what the count has already: it is not counted twice.
        const team = answerJoin('team', { seq: 41, read: 12, kind: 'private',
                                          messages: range('team', 20, 40) });
        assert.equal(team.unread, 27, 'the first page of a join is not counted again');
        assert.equal(team.readSeq, 12);
        conn.receive(message('team', 41, 'bo', { mentions: ['Jun'] }));
        assert.equal(team.unread, 28, 'a live message in a room not shown counts');
        assert.equal(team.mentions, 3, 'a mention of us counts apart');
        conn.receive(message('team', 42, 'jun'));
        assert.equal(team.unread, 28, 'our own messages do not');
    });

    it('sends what was read at most once a second per room, the latest seq', () => {
        const lobby = signIn({ unread: [{ room: 'lobby', kind: 'public', seq: 5, read: 2,
                                          unread: 3 }], read: 2 });
        assert.equal(lobby.unread, 3);
        conn.take('read');
        session.markRead(lobby, 4);
        assert.deepEqual(conn.take('read').map((f) => [f.room, f.seq]), [['lobby', 4]],
                         'the first at once');
        assert.equal(lobby.unread, 1, 'what is after the mark stays unread');
        session.markRead(lobby, 5);
        conn.receive(message('lobby', 6));
        session.markRead(lobby, 6);
        session.markRead(lobby, 3); // older: nothing
        assert.deepEqual(conn.take('read'), [], 'not twice within a second');
        mock.timers.tick(1000);
        assert.deepEqual(conn.take('read').map((f) => [f.room, f.seq]), [['lobby', 6]],
                         'then one with the latest seq');
        assert.equal(lobby.unread, 0);
        mock.timers.tick(5000);
        assert.deepEqual(conn.take('read'), [], 'nothing new, nothing sent');

        // A hidden page reads nothing.
        hidden = true;
        conn.receive(message('lobby', 7));
        session.markRead(lobby, 7);
        mock.timers.tick(2000);
        assert.deepEqual(conn.take('read'), []);
        assert.equal(lobby.unread, 1);
    });

    it('counts on top of the unread event what came live before it', () => {
        session.signIn({ mode: 'login', name: 'jun', password: 'secret-password' });
        conn.welcome({ name: 'jun', role: 'member', token: 't' });
        const join = conn.sent.find((f) => f.type === 'join' && f.room === 'lobby');
        conn.receive({ type: 'joined', id: join.id, room: 'lobby', kind: 'public', seq: 5,
                       members: [{ name: 'jun', kind: 'web' }] });
        conn.receive({ type: 'history', id: join.id, room: 'lobby',
                       messages: range('lobby', 1, 5) });
        conn.receive({ type: 'joined', room: 'dm:jun:mina', kind: 'direct', seq: 3,
                       members: [{ name: 'jun', kind: 'web' }] });
        conn.receive({ type: 'history', room: 'dm:jun:mina',
                       messages: range('dm:jun:mina', 1, 3, 'mina') });
        conn.receive(message('dm:jun:mina', 4, 'mina', { mentions: ['jun'] }));
        conn.receive({ type: 'unread', rooms: [
            { room: 'dm:jun:mina', kind: 'direct', seq: 3, read: 1, unread: 2 }] });
        const dm = session.rooms.get('dm:jun:mina');
        assert.equal(dm.unread, 3, 'two counted by the server, one live after its seq');
        assert.equal(dm.mentions, 1);
    });

    it('clears a count when another connection of the account read the room', () => {
        signIn({ unread: [{ room: 'team', kind: 'public', seq: 9, read: 3, unread: 6,
                           mentions: 1 }] });
        const team = answerJoin('team', { seq: 9, read: 3, messages: range('team', 1, 9) });
        events = [];
        conn.receive({ type: 'read', room: 'team', seq: 7 });
        assert.equal(team.unread, 2, 'm8 and m9 are left');
        conn.receive({ type: 'read', room: 'team', seq: 9 });
        assert.equal(team.unread, 0);
        assert.equal(team.mentions, 0);
        assert.ok(events.some((e) => e.type === 'roomschanged'));
        conn.receive({ type: 'read', room: 'team', seq: 4 });
        assert.equal(team.readSeq, 9, 'an older mark changes nothing');
        assert.deepEqual(conn.take('read'), [], 'and is not sent back');
    });

    it('draws the new-messages line above the first unread message when a room opens', () => {
        signIn({ unread: [{ room: 'team', kind: 'public', seq: 9, read: 6, unread: 3 }] });
        const team = answerJoin('team', { seq: 9, read: 6, messages: range('team', 1, 9) });
        assert.equal(team.readLine, undefined, 'not while the room is not shown');
        session.selectRoom('team');
        const line = team.items.findIndex((i) => i.notice?.kind === 'unread-line');
        assert.ok(line > 0, 'a line');
        assert.equal(team.items[line].notice.text, web.t('unread.line'));
        assert.equal(team.items[line - 1].message.seq, 6);
        assert.equal(team.items[line + 1].message.seq, 7);
        assert.equal(team.unread, 0, 'the room shown is read');
        // Opened again with nothing new: the line goes.
        session.selectRoom('lobby');
        session.selectRoom('team');
        assert.equal(team.items.filter((i) => i.notice?.kind === 'unread-line').length, 0);
    });

    it('draws the line when a room opened before its messages came gets them', () => {
        signIn({ unread: [{ room: 'team', kind: 'public', seq: 9, read: 6, unread: 3 }] });
        session.selectRoom('team');
        const team = answerJoin('team', { seq: 9, read: 6, messages: range('team', 1, 9) });
        const line = team.items.findIndex((i) => i.notice?.kind === 'unread-line');
        assert.equal(team.items[line + 1].message.seq, 7);
    });

    it('draws the line in the room shown at the sign-in, from joined.read', () => {
        const lobby = signIn({ unread: [{ room: 'lobby', kind: 'public', seq: 5, read: 3,
                                          unread: 2 }], read: 3 });
        const line = lobby.items.findIndex((i) => i.notice?.kind === 'unread-line');
        assert.equal(lobby.items[line + 1].message.seq, 4);
    });

    it('sets and shows presence statuses; idle goes away and input comes back', () => {
        const lobby = signIn();
        assert.equal(session.statusIn(lobby, 'bo'), 'away', 'from joined.members');
        conn.receive({ type: 'presence', room: 'lobby', change: 'status',
                       member: { name: 'bo', kind: 'desktop', status: 'dnd' } });
        assert.equal(session.statusIn(lobby, 'bo'), 'dnd');
        conn.receive({ type: 'presence', room: 'lobby', change: 'status',
                       member: { name: 'bo', kind: 'desktop' } });
        assert.equal(session.statusIn(lobby, 'bo'), 'online', 'absent is online');
        conn.receive({ type: 'presence', room: 'lobby', change: 'joined',
                       member: { name: 'ana', kind: 'web', status: 'away' } });
        assert.equal(session.statusIn(lobby, 'ana'), 'away');

        conn.take('status');
        session.setStatus('dnd');
        const [frame] = conn.take('status');
        assert.equal(frame.status, 'dnd');
        assert.equal(session.statusIn(lobby, 'jun'), 'dnd');
        const items = lobby.items.length;
        conn.receive({ type: 'done', id: frame.id, action: 'status' });
        assert.equal(lobby.items.length, items, 'no "done" notice for a status');

        // Do not disturb: no notifications.
        hidden = true;
        conn.receive(message('lobby', 6));
        assert.equal(events.filter((e) => e.type === 'notify').length, 0);
        hidden = false;

        // Set by hand: idle and input leave it alone.
        mock.timers.tick(11 * 60000);
        session.checkIdle();
        session.noteInput();
        assert.equal(session.myStatus, 'dnd');

        // Online by hand: away after the idle time (10 minutes), back at the next input.
        session.setStatus('online');
        conn.take('status');
        session.noteInput();
        mock.timers.tick(9 * 60000);
        session.checkIdle();
        assert.equal(session.myStatus, 'online');
        mock.timers.tick(60000);
        session.checkIdle();
        assert.equal(session.myStatus, 'away');
        assert.deepEqual(conn.take('status').map((f) => f.status), ['away']);
        session.noteInput();
        assert.equal(session.myStatus, 'online');
        assert.deepEqual(conn.take('status').map((f) => f.status), ['online']);

        // The idle time is a setting, kept in storage; 0: never.
        session.setIdleMinutes(0);
        assert.equal(session.store.loadSettings().idleMinutes, 0);
        mock.timers.tick(120 * 60000);
        session.checkIdle();
        assert.equal(session.myStatus, 'online');

        // A new connection starts online: an away or dnd status is sent again.
        session.setStatus('away');
        conn.drop();
        conn.take('status');
        conn.welcome({ name: 'jun', role: 'member' });
        assert.deepEqual(conn.take('status').map((f) => f.status), ['away']);
    });

    it('keeps the idle time 10 minutes by default, and what was stored', () => {
        const store = new web.Store(new MemoryStorage(), new MemoryStorage());
        assert.deepEqual(store.loadSettings(), { idleMinutes: 10 });
        store.saveSettings({ idleMinutes: 3 });
        assert.deepEqual(store.loadSettings(), { idleMinutes: 3 });
        store.clearSession();
        assert.deepEqual(store.loadSettings(), { idleMinutes: 3 }, 'signing out keeps settings');
    });

    it('asks for people a page at a time', () => {
        signIn();
        conn.take('find_people');
        assert.ok(session.findPeople('mi'));
        const [first] = conn.take('find_people');
        assert.equal(first.query, 'mi');
        assert.equal(first.after, undefined);
        conn.receive({ type: 'people', id: first.id, more: true, people: [
            { name: 'mina', role: 'member', online: true, status: 'away', lastSeen: 5 },
            { name: 'mio', role: 'admin', online: false, lastSeen: 1764000000000 },
        ] });
        const page = events.find((e) => e.type === 'people');
        assert.deepEqual(page.people.map((p) => [p.name, p.status]),
                         [['mina', 'away'], ['mio', 'offline']]);
        assert.equal(page.more, true);
        assert.equal(page.last, 'mio');
        assert.equal(page.append, false);
        session.findPeople('mi', 'mio');
        const [next] = conn.take('find_people');
        assert.equal(next.after, 'mio');
        conn.receive({ type: 'error', id: next.id, code: 'rate_limited' });
        assert.equal(events.filter((e) => e.type === 'searchfailed').length, 1);
    });

    it('searches, pages with `next` and opens a room at a found message', () => {
        const lobby = signIn({ lobby: range('lobby', 900, 905) });
        lobby.more = true;
        conn.take('search');
        session.searchMessages('한국어');
        const [ask] = conn.take('search');
        assert.equal(ask.query, '한국어');
        assert.equal(ask.before, undefined);
        conn.receive({ type: 'results', id: ask.id, more: true, next: 77, messages: [
            { room: 'lobby', seq: 120, from: 'bo', text: '한국어를 배워요', time: 1 }] });
        const results = events.find((e) => e.type === 'results');
        assert.equal(results.messages[0].seq, 120);
        assert.equal(results.next, 77);
        session.searchMessages('한국어', { before: results.next });
        assert.equal(conn.take('search')[0].before, 77);

        // Far up the history: a page around it, and the newer ones between offered to load.
        session.openAt('lobby', 120);
        const [around] = conn.take('history');
        assert.equal(around.around, 120);
        const page = range('lobby', 100, 140);
        conn.receive({ type: 'history', id: around.id, room: 'lobby', messages: page,
                       more: true, newer: true });
        assert.deepEqual(events.filter((e) => e.type === 'found').map((e) => e.seq), [120]);
        assert.equal(lobby.found, 120);
        assert.equal(lobby.oldestSeq, 100);
        const gap = lobby.items.findIndex((i) => i.notice?.kind === 'gap');
        assert.equal(lobby.items[gap - 1].message.seq, 140);
        assert.equal(lobby.items[gap + 1].message.seq, 900);
        lobby.items[gap].notice.action.run();
        const [fill] = conn.take('history');
        assert.equal(fill.before, 900, 'the messages between, from the newest down');

        // A message we have: shown at once, no request.
        events = [];
        session.openAt('lobby', 903);
        assert.deepEqual(conn.take('history'), []);
        assert.deepEqual(events.filter((e) => e.type === 'found').map((e) => e.seq), [903]);

        // A room we are not in: joined first, then the page around the message.
        session.openAt('old', 7);
        const join = conn.take('join').find((f) => f.room === 'old');
        assert.ok(join);
        conn.receive({ type: 'joined', id: join.id, room: 'old', kind: 'public', seq: 90,
                       members: [{ name: 'jun', kind: 'web' }] });
        conn.receive({ type: 'history', id: join.id, room: 'old',
                       messages: range('old', 41, 90) });
        assert.equal(session.active, 'old');
        const [later] = conn.take('history');
        assert.deepEqual([later.room, later.around], ['old', 7]);
    });
});
