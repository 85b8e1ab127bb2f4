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

    it('counts and notifies by the room\'s notification level (welcome\'s notify)', () => {
        session.signIn({ mode: 'token', token: 't1' });
        conn.welcome({ name: 'ana', role: 'member', token: 't1',
                       notify: [{ room: 'lobby', level: 'mentions' }, { room: 'x', level: 'odd' }] });
        const [join] = conn.take('join');
        conn.receive({ type: 'joined', id: join.id, room: 'lobby', kind: 'public', seq: 0,
                       members: [{ name: 'ana', kind: 'web' }] });
        conn.receive({ type: 'history', id: join.id, room: 'lobby', messages: [], more: false });
        const room = session.rooms.get('lobby');
        assert.equal(session.notifyLevel(room), 'mentions');
        assert.equal(session.notifyLevels.has('x'), false, 'an unknown level is ignored');
        hidden = true;
        events = [];
        conn.receive(message(1, 'bo', 'plain'));
        assert.equal(room.unread, 1);
        assert.equal(session.badgeCount(room), 0, 'at mentions, a plain message is a quiet dot');
        assert.equal(events.filter((e) => e.type === 'notify').length, 0);
        conn.receive(message(2, 'bo', '@ana look', { mentions: ['ana'] }));
        assert.equal(session.totalUnread(), 1);
        assert.equal(events.filter((e) => e.type === 'notify').length, 1);

        assert.equal(session.setNotifyLevel('lobby', 'none'), true);
        assert.deepEqual(conn.take('set_notify').map((f) => [f.room, f.level]),
                         [['lobby', 'none']]);
        assert.equal(session.totalUnread(), 0);
        conn.receive(message(3, 'bo', '@ana again', { mentions: ['ana'] }));
        assert.equal(events.filter((e) => e.type === 'notify').length, 1, 'none: nothing');
        session.setNotifyLevel('lobby', 'all');
        assert.equal(session.totalUnread(), 3);
        assert.equal(session.notifyLevels.size, 0);
    });

    it('sends attachments by id, keeps them over a reload, and the text may be empty', () => {
        session.signIn({ mode: 'token', token: 't1' });
        conn.welcome({ name: 'ana', role: 'member', token: 't1' });
        assert.equal(session.token, 't1');
        const [join] = conn.take('join');
        conn.receive({ type: 'joined', id: join.id, room: 'lobby', kind: 'public', seq: 0,
                       members: [{ name: 'ana', kind: 'web' }] });
        conn.receive({ type: 'history', id: join.id, room: 'lobby', messages: [], more: false });
        const files = [{ id: 'f1', name: 'a.png', type: 'image/png', size: 5, thumbnail: true },
                       { id: 'f2', name: 'b.txt', type: 'text/plain', size: 9 }];
        session.sendText('', { attachments: files });
        const [send] = conn.take('send');
        assert.deepEqual(send.attachments, ['f1', 'f2']);
        assert.equal(send.text, '');
        const saved = JSON.parse(local.getItem('sori.outbox')).items[0];
        assert.deepEqual(saved.attachments.map((f) => f.name), ['a.png', 'b.txt']);
    });

    it('asks for the account settings and says how they went', () => {
        session.signIn({ mode: 'token', token: 't1' });
        conn.welcome({ name: 'ana', role: 'member', token: 't1' });
        const said = [];
        for (const type of ['settingsdone', 'settingsfailed', 'devices'])
            session.addEventListener(type, (e) => said.push({ type, ...e.detail }));
        conn.take('join');
        session.changePassword('old one', 'new password', true);
        const [change] = conn.take('change_password');
        assert.deepEqual({ ...change, id: '' }, { type: 'change_password', old: 'old one',
                                                  new: 'new password', others: true, id: '' });
        conn.receive({ type: 'error', id: change.id, code: 'bad_credentials', message: 'no' });
        session.changePassword('old one', 'new password', false);
        const [again] = conn.take('change_password');
        assert.equal(again.others, undefined);
        conn.receive({ type: 'done', id: again.id, action: 'change_password' });
        session.listDevices();
        const [list] = conn.take('devices');
        conn.receive({ type: 'devices', id: list.id, devices: [
            { device: 'd1', client: 'web', address: '192.0.2.7', created: 5, last_seen: 9,
              current: true }, { device: 'd2', client: 'desktop', created: 4, last_seen: 4 },
            { client: 'web' }] });
        session.endDevice('d2');
        const [end] = conn.take('end_device');
        assert.equal(end.device, 'd2');
        conn.receive({ type: 'done', id: end.id, action: 'end_device' });
        assert.deepEqual(said.map((e) => [e.type, e.what ?? '', e.code ?? '']),
                         [['settingsfailed', 'password', 'bad_credentials'],
                          ['settingsdone', 'password', ''], ['devices', '', ''],
                          ['settingsdone', 'end_device', '']]);
        assert.deepEqual(said[2].devices.map((d) => [d.device, d.current, d.lastSeen, d.address]),
                         [['d1', true, 9, '192.0.2.7'], ['d2', false, 4, '']]);
        assert.equal(session.activeRoom.items.length, 0, 'no notices in the room for these');
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
        // In the page's words by its code (the server's English "slow" only for unknown codes).
        assert.deepEqual([pending.state, pending.error], ['error', web.t('error.rate_limited')]);
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

    it('has words in English and Korean for every error code of docs/protocol.md §6', () => {
        const doc = readFileSync(join(source, 'docs', 'protocol.md'), 'utf8');
        const section = doc.slice(doc.indexOf('## 6. Error codes'), doc.indexOf('## 7. Events'));
        const codes = Array.from(section.matchAll(/^\| `([a-z_]+)` \|/gm), (m) => m[1]);
        assert.ok(codes.length >= 30, `the table was read: ${codes}`);
        for (const code of codes) {
            assert.ok(web.Strings.en[`error.${code}`], `English for ${code}`);
            assert.ok(web.Strings.ko[`error.${code}`], `Korean for ${code}`);
        }
        const missing = (from, to) => Object.keys(web.Strings[from])
            .filter((key) => !Object.hasOwn(web.Strings[to], key));
        assert.deepEqual(missing('en', 'ko'), [], 'every English string has its Korean');
        assert.deepEqual(missing('ko', 'en'), [], 'and the other way round');
    });

    it('says errors by their code, with end times in local time and reasons as typed', () => {
        const until = Date.UTC(2026, 11, 6, 14, 2, 40);
        const local = web.formatDateTime(until);
        assert.equal(local, new Intl.DateTimeFormat('en', { dateStyle: 'medium',
                                                            timeStyle: 'short' })
            .format(new Date(until)));
        const reason = '<b>spam</b> & "links"';
        assert.equal(web.errorText({ code: 'banned', message: 'banned until 2026-12-06T14:02:40Z',
                                     until, reason }),
                     web.t('error.bannedUntilWhy', { until: local, reason }));
        assert.ok(!web.errorText({ code: 'banned', until }).includes('2026-12-06T'));
        assert.equal(web.errorText({ code: 'banned', message: 'x' }), web.t('error.banned'));
        assert.equal(web.errorText({ code: 'muted', until }), web.t('error.mutedUntil',
                                                                     { until: local }));
        assert.equal(web.errorText({ code: 'rate_limited', waitMs: 2500 }),
                     web.t('error.rate_limitedWait', { wait: web.t('wait.seconds', { n: 3 }) }));
        assert.equal(web.errorText({ code: 'not_member', message: 'private' }),
                     web.t('error.not_member'));
        // A code this page does not know: the server's own words, and never the bare code.
        assert.equal(web.errorText({ code: 'brand_new', message: 'Something new.' }),
                     web.t('error.unknown', { message: 'Something new.' }));

        // A refused join says which room, without the raw code.
        const room = joinLobby();
        session.open('team');
        const [join] = conn.take('join');
        conn.receive({ type: 'error', id: join.id, code: 'not_member', message: 'nope' });
        const text = room.items[room.items.length - 1].notice.text;
        assert.equal(text, web.t('error.join', { room: '#team', text: web.t('error.not_member') }));
        assert.ok(!text.includes('not_member'));
    });

    it('tells moderators what their action did, in words', () => {
        session.signIn({ mode: 'login', name: 'boss', password: 'secret-password' });
        conn.welcome({ name: 'boss', role: 'admin', token: 't0k' });
        const [join] = conn.take('join');
        conn.receive({ type: 'joined', id: join.id, room: 'lobby', kind: 'public', seq: 0,
                       members: [{ name: 'boss', kind: 'web' }] });
        const room = session.rooms.get('lobby');
        const last = () => room.items[room.items.length - 1].notice.text;
        const before = Date.now();
        session.moderate('mute', 'jun', { minutes: 10, reason: 'calm down' });
        const [mute] = conn.take('mute');
        assert.deepEqual({ ...mute, id: undefined }, { type: 'mute', user: 'jun', room: 'lobby',
                                                       minutes: 10, reason: 'calm down',
                                                       id: undefined });
        conn.receive({ type: 'done', id: mute.id, action: 'mute' });
        const text = last();
        assert.match(text, /^jun is muted in #lobby until .+\.$/);
        const shownUntil = [before, Date.now()].map((t) => web.formatDateTime(t + 600000));
        assert.ok(shownUntil.some((u) => text.includes(u)), text);
        session.moderate('kick', 'jun', { reason: 'bye' });
        const [kick] = conn.take('kick');
        assert.equal(kick.reason, 'bye');
        conn.receive({ type: 'done', id: kick.id, action: 'kick' });
        assert.equal(last(), web.t('done.kick', { user: 'jun' }));
        assert.ok(!room.items.some((i) => i.notice?.text.startsWith('Done:')));
    });

    it('shows sanctions, invitations, announcements and who signed out', () => {
        const room = joinLobby();
        const last = () => room.items[room.items.length - 1].notice;
        conn.receive({ type: 'presence', room: 'lobby', change: 'left', reason: 'signed_out',
                       member: { name: 'bo', kind: 'web' } });
        assert.equal(last().text, web.t('notice.leftWhy', { name: 'bo', why: 'signed out' }));
        conn.receive({ type: 'presence', room: 'lobby', change: 'joined',
                       member: { name: 'bo', kind: 'web' } });
        conn.receive({ type: 'presence', room: 'lobby', change: 'left', reason: 'from_the_future',
                       member: { name: 'bo', kind: 'web' } });
        assert.equal(last().text, web.t('notice.left', { name: 'bo' }));

        // Invited (the event, no id): a notice with a way in.
        conn.receive({ type: 'invited', room: 'team', user: 'ana', by: 'mina' });
        const invite = last();
        assert.equal(invite.text, 'mina invited you to #team.');
        invite.action.run();
        const [join] = conn.take('join');
        assert.equal(join.room, 'team');

        // An announcement: once, set apart, the text as written.
        const text = 'Maintenance at <b>noon</b>';
        conn.receive({ type: 'announcement', text, time: 1765000000000, by: 'server' });
        assert.deepEqual([last().kind, last().text, last().title],
                         ['announcement', text, web.t('notice.announcement', { by: 'server' })]);
        assert.equal(room.items.filter((i) => i.notice?.text === text).length, 1);

        // A mute: said in the room, with its end in local time and the reason as typed.
        const until = Date.now() + 3600000;
        conn.receive({ type: 'sanction', action: 'mute', by: 'mina', reason: 'spam <i>', until,
                       room: 'lobby' });
        assert.equal(last().text, `You are muted in #lobby by mina until `
                     + `${web.formatDateTime(until)}: spam <i>`);
        // A kick: said in the room, and the banner says it after the close.
        conn.receive({ type: 'sanction', action: 'kick', by: 'mina', reason: 'cool down' });
        assert.equal(last().text, 'You were kicked by mina: cool down');
        const closed = [];
        session.addEventListener('status', (e) => closed.push(e.detail));
        conn.dispatchEvent(new CustomEvent('state', { detail: { state: 'closed', code: 4001,
                                                                reason: 'kicked by mina' } }));
        assert.equal(closed.at(-1).text, 'kicked by mina: cool down');
        // Without the event the close code speaks.
        session.sanction = null;
        conn.dispatchEvent(new CustomEvent('state', { detail: { state: 'closed', code: 4003,
                                                                reason: 'banned by x' } }));
        assert.equal(closed.at(-1).text, web.t('closed.4003'));
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
