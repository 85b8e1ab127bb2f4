// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The chat session: it owns the connection, turns the server's frames into state (who we are,
// the rooms with their messages, members and typers, what is still on its way) and says what
// changed through events; the views draw that state and call its methods. It never touches the
// page, so it runs in Node for its tests (with a stand-in connection and storage).
//
// Events (CustomEvent, details in brackets):
//   status        {state, reason, code}   the connection's state (see connection.js)
//   welcome       {reconnected}           signed in (again); session.me is who we are
//   refused       {outcome, message}      the sign-in was refused. outcome: 'retrying' (as a new
//                                         guest), 'expired' (the stored token), 'closed' (while
//                                         chatting) or 'failed'
//   signedout     {}                      signOut() is done: rooms and credentials are gone
//   dropped       {code, final}           the connection went; nobody is typing any more
//   activechanged {selected}              another room is shown, or rooms came or went (selected:
//                                         the user picked it)
//   roomschanged  {}                      the room list changed (unread counts, kinds, names)
//   roomchanged   {room}                  a room was joined (again): kind, topic, members
//   item          {room, index, scroll}   room.items[index] is new. scroll: 'live' (a message:
//                                         own, or follow when at the end), 'end', 'stick' (follow
//                                         when at the end) or ''
//   itemchanged   {room, index, seq}      room.items[index] changed (deleted)
//   history       {room, purpose, hadMessages}  a page of history went in. purpose: 'join' (the
//                                         replay at a join), 'catchup', 'older' or 'fill' (a gap)
//   historyedge   {room}                  room.more or room.loadingOlder changed
//   pending       {room, pending, change} one of our messages on its way: 'added', 'changed' or
//                                         'removed'
//   members       {room}                  who is in the room changed
//   typing        {room}                  who is typing there changed
//   user          {info}                  a whois answer (session.roleOf knows the role now)
//   directory     {rooms, more, query, append}  a page of the room directory
//   unread        {}                      an unread count went up
//   notify        {room, message, mention}  a message came while the page was hidden (mention:
//                                         it mentions us, and notifies whatever the room's
//                                         settings)
//   reveal        {room, seq}             show this message (a reply's quote was clicked); it is
//                                         loaded
//   readline      {room}                  the "new messages" line moved in the room shown
//   people        {people, more, query, append, last}  a page of the people search
//   results       {messages, more, next, query, append}  a page of message search results
//   searchfailed  {what, message}         a people ('people') or message ('search') search
//                                         was refused
//   found         {room, seq}             a message opened from the search is in room.items
//   mystatus      {status, manual}        our own presence status changed
//   devices       {devices}               the account's signed-in devices (§15), last used first
//   settingsdone  {what}                  a settings request was done: 'password', 'end_device'
//                                         or 'notify'
//   settingsfailed {what, code, message}  a settings request was refused (message: in words)
//   notifylevels  {}                      a room's notification level changed

import { CloseCode } from './closecodes.js';
import { Connection } from './connection.js';
import { mentionsMe } from './format.js';
import { errorText, formatDateTime, t } from './i18n.js';
import { Room, directPeer, newMsgId } from './model.js';
import { Store } from './storage.js';

export const DefaultRoom = 'lobby';
const TypingIdleMs = 3000;
const TypingShownMs = 6000;
const HistoryPage = 50;
const MaxHistoryPage = 200;
const BusyRetryMs = 1000; // a page the server was too busy for is asked for again after this
const BrowsePage = 100; // the room directory, a page at a time (a server may have 100,000 rooms)
const PeoplePage = 30; // the people search, a page at a time
const SearchPage = 20; // message search results, a page at a time
const ReadEveryMs = 1000; // at most one `read` per room this often (the latest seq)
export const Statuses = ['online', 'away', 'dnd'];
// How much a room may call for attention (§15 set_notify); 'all' is the default.
export const NotifyLevels = ['all', 'mentions', 'none'];
// The settings requests (§15), by what the request map calls them.
const SettingsRequests = ['password', 'devices', 'end_device', 'notify'];

// Join errors that shut us out for good (not invited, banned): stop trying at each reconnect.
const ShutOut = ['not_member', 'banned', 'bad_room', 'forbidden', 'no_such_room', 'archived'];

// The leave reasons this page has words for (docs/protocol.md §7); others read as plain "left".
const LeaveReasons = ['closed', 'network_lost', 'timed_out', 'kicked', 'shutdown', 'dropped',
                      'signed_out'];

// The close codes whose meaning this page says in its own words when no sanction event came.
const ClosesExplained = [CloseCode.Kicked, CloseCode.SignedOut, CloseCode.Banned,
                         CloseCode.RateLimited, CloseCode.GoingAway, CloseCode.PolicyViolation];

function hasTime(ms) {
    return Number.isSafeInteger(ms) && ms > 0;
}

// A draft direct conversation ("@peer", before its first message) or a real one ("dm:a:b").
export function isDirectLike(room) {
    return room.isDirect || room.name.startsWith('@');
}

export class ChatSession extends EventTarget {
    // url: the WebSocket address. connection, store: stand-ins (tests). isHidden: whether the
    // page is out of sight (unread counts and notifications).
    constructor({ url = '', connection = null, store = null, isHidden = () => false } = {}) {
        super();
        this.conn = connection || new Connection(url);
        this.store = store || new Store();
        this.isHidden = isHidden;
        this.me = { name: '', role: 'guest' };
        this.credentials = null; // how to sign in (again); see signInFrame()
        this.rooms = new Map(); // key (room name, or "@peer" before a direct one exists) -> Room
        this.active = '';
        this.requests = new Map(); // request id -> {what, room, ...}
        this.roles = new Map(); // case-folded name -> role, from whois ('' while asked, 'none')
        this.users = new Map(); // case-folded name -> the last whois answer about them
        this.sanction = null; // the last sanction event ({action, by, reason, until, room})
        this.typing = { sent: false, room: '', timer: 0 }; // what we told others of our typing
        this.reads = new Map(); // room name -> {timer, sent, sentAt}: the read marks sent
        this.myStatus = 'online'; // our presence status (online, away, dnd)
        this.statusManual = false; // set by hand: idle and input leave it alone
        this.lastInput = Date.now(); // for going away when idle
        this.settings = this.store.loadSettings();
        this.notifyLevels = new Map(); // room name -> 'mentions' | 'none' (welcome's `notify`)
        this.conn.addEventListener('state', (e) => this.emit('status', {
            ...e.detail, text: e.detail.state === 'closed' ? this.closeText(e.detail) : '' }));
        this.conn.addEventListener('ready', (e) => this.onReady(e.detail));
        this.conn.addEventListener('refused', (e) => this.onRefused(e.detail));
        this.conn.addEventListener('frame', (e) => this.onFrame(e.detail));
        this.conn.addEventListener('dropped', (e) => this.onDropped(e.detail));
    }

    emit(type, detail = {}) {
        this.dispatchEvent(new CustomEvent(type, { detail }));
    }

    // ---- what the views read

    get activeRoom() {
        return this.rooms.get(this.active) || null;
    }

    get isStaff() {
        return this.me.role === 'moderator' || this.me.role === 'admin';
    }

    get isAccount() {
        return this.me.role !== 'guest';
    }

    get connectionState() {
        return this.conn.state;
    }

    get signedIn() {
        return this.credentials !== null;
    }

    // The account's token from its welcome (files over HTTP, §14), or '' for a guest.
    get token() {
        return this.isAccount && this.credentials?.mode === 'token' ? this.credentials.token : '';
    }

    retryDelay() {
        return this.conn.retryDelay();
    }

    // The role of a name as whois told it: undefined when never asked, '' while asked, 'none'
    // when there is no such user.
    roleOf(name) {
        return name === this.me.name ? this.me.role : this.roles.get(name.toLowerCase());
    }

    // The messages that are ours, by name.
    isOwn(message) {
        return message.from === this.me.name;
    }

    // ---- signing in and out

    // What a reload signs in with: {credentials} to sign in at once, {otherTab: {name,
    // nickname}} when another tab chats as the stored guest, or null.
    stored() {
        const session = this.store.loadSession();
        if (session?.mode === 'account')
            return { credentials: { mode: 'token', token: session.token } };
        if (session?.mode === 'guest' && session.usable) {
            return { credentials: { mode: 'guest', nickname: session.nickname, name: session.name,
                                    resume: session.resume } };
        }
        if (session?.mode === 'guest')
            return { otherTab: { name: session.name, nickname: session.nickname || '' } };
        return null;
    }

    // credentials: {mode: 'guest', nickname[, name, resume]} | {mode: 'token', token} |
    // {mode: 'login' | 'register', name, password}
    signIn(credentials) {
        this.credentials = credentials;
        this.sanction = null;
        this.conn.start(() => this.signInFrame());
    }

    signInFrame() {
        const base = { protocol: 1, client: 'web' };
        const credentials = this.credentials;
        switch (credentials.mode) {
        case 'guest': {
            const frame = { type: 'hello', ...base };
            if (credentials.name && credentials.resume) {
                frame.name = credentials.name;
                frame.resume = credentials.resume;
            } else if (credentials.nickname) {
                frame.name = credentials.nickname;
            }
            return frame;
        }
        case 'token':
            return { type: 'login', ...base, token: credentials.token };
        default: // login, register
            return { type: credentials.mode, ...base, name: credentials.name,
                     password: credentials.password };
        }
    }

    signOut() {
        if (this.conn.ready && this.isAccount)
            this.conn.request({ type: 'logout' });
        this.conn.stop();
        this.credentials = null;
        this.store.clearSession();
        this.reset();
        this.me = { name: '', role: 'guest' };
        this.myStatus = 'online'; // the next person starts online
        this.statusManual = false;
        this.emit('signedout');
    }

    reconnectNow() {
        this.conn.reconnectNow();
    }

    // After a final close: sign in again with what we have. False when there is nothing to sign
    // in with (signed out by an admin, say).
    connectAgain() {
        if (!this.credentials)
            return false;
        this.sanction = null;
        this.conn.start(() => this.signInFrame());
        return true;
    }

    // A refused sign-in the page gives up on: forget the stored session unless it is a token (a
    // token refused for another reason than bad_token, the server busy say, stays for the next
    // try) and the rooms.
    abandonSignIn() {
        if (this.credentials?.mode !== 'token')
            this.store.clearSession();
        this.reset();
    }

    // Forgets rooms and messages (signing out, another user).
    reset() {
        for (const room of this.rooms.values())
            clearTypers(room);
        this.rooms.clear();
        this.requests.clear();
        this.notifyLevels.clear();
        this.roles.clear();
        this.users.clear();
        this.clearReads();
        this.active = '';
        this.emit('activechanged', { selected: false });
    }

    onReady({ welcome }) {
        const previousName = this.me.name;
        this.me = { name: welcome.name, role: welcome.role || 'guest' };
        const credentials = this.credentials;
        if (credentials.mode === 'guest') {
            this.credentials = { mode: 'guest', nickname: credentials.nickname, name: welcome.name,
                                 resume: typeof welcome.resume === 'string' ? welcome.resume : '' };
            this.store.saveGuest(welcome.name, this.credentials.resume, credentials.nickname);
        } else if (typeof welcome.token === 'string' && welcome.token) {
            this.credentials = { mode: 'token', token: welcome.token };
            this.store.saveAccount(welcome.name, welcome.token);
        }

        this.notifyLevels.clear();
        if (Array.isArray(welcome.notify)) {
            for (const entry of welcome.notify) {
                if (entry && typeof entry.room === 'string' && NotifyLevels.includes(entry.level)
                    && entry.level !== 'all')
                    this.notifyLevels.set(entry.room, entry.level);
            }
        }

        const reconnected = this.rooms.size > 0;
        if (reconnected && previousName && previousName !== this.me.name)
            this.addNotice(this.activeRoom, t('notice.renamed', { name: this.me.name }));
        for (const room of this.rooms.values()) {
            room.joined = false;
            clearTypers(room);
        }
        if (!reconnected) {
            this.restoreOutbox();
            const saved = this.store.loadRooms();
            const wanted = saved.rooms.filter((name) => !name.startsWith('dm:'));
            if (!wanted.includes(DefaultRoom) && wanted.length === 0)
                wanted.push(DefaultRoom);
            this.active = saved.active
                && (wanted.includes(saved.active) || saved.active.startsWith('dm:'))
                ? saved.active : wanted[0];
            for (const name of wanted)
                this.joinRoom(name);
            for (const room of this.rooms.values()) {
                if (room.name.startsWith('@'))
                    this.flushPending(room); // a first direct message, not answered before a reload
            }
        } else {
            for (const room of this.rooms.values()) {
                if (room.wanted && !isDirectLike(room))
                    this.joinRoom(room.name);
                else if (room.name.startsWith('@'))
                    this.flushPending(room);
            }
        }
        if (this.myStatus !== 'online')
            this.sendStatus(); // a new connection starts online
        this.emit('welcome', { reconnected });
    }

    onRefused({ error }) {
        const code = error.code || '';
        const credentials = this.credentials;
        if (credentials?.mode === 'guest' && credentials.resume
            && ['name_taken', 'bad_name', 'bad_field'].includes(code)) {
            // The name could not be taken back: sign in as a guest again, as at first.
            this.emit('refused', { outcome: 'retrying', message: '' });
            this.signIn({ mode: 'guest', nickname: credentials.nickname });
            return;
        }
        if (credentials?.mode === 'token' && code === 'bad_token') {
            this.store.clearSession();
            this.reset();
            this.emit('refused', { outcome: 'expired', message: '' });
            return;
        }
        // The reason in the page's language, by its code.
        const message = errorText(error);
        this.emit('refused', { outcome: this.rooms.size > 0 ? 'closed' : 'failed', message });
    }

    onDropped({ code, final }) {
        for (const room of this.rooms.values()) {
            room.joined = false;
            clearTypers(room);
            room.joinPending = '';
            for (const pending of room.pending.values())
                pending.inFlight = false;
        }
        this.typing.sent = false;
        if (final && code === CloseCode.SignedOut) {
            // An admin revoked this account's sign-ins: the stored token is no good any more.
            this.store.clearSession();
            this.credentials = null;
        }
        this.emit('dropped', { code, final });
    }

    // Why the connection was closed for good, in the page's language: what the sanction event
    // said (it comes just before the close frame), else what the close code means, else the
    // server's own words.
    closeText({ code, reason }) {
        if (!code)
            return ''; // a refused sign-in: the 'refused' event says why
        const s = this.sanction;
        const sent = { [CloseCode.Kicked]: 'kick', [CloseCode.Banned]: 'ban',
                       [CloseCode.SignedOut]: 'revoke' }[code];
        if (s && sent && s.action === sent) {
            const by = s.by || 'server';
            const key = s.action === 'ban' && hasTime(s.until) ? 'closed.banUntil'
                : `closed.${s.action}`;
            const text = t(key, { by, until: hasTime(s.until) ? formatDateTime(s.until) : '' });
            return s.reason ? `${text}: ${s.reason}` : text;
        }
        if (ClosesExplained.includes(code))
            return t(`closed.${code}`);
        return reason || '';
    }

    // ---- rooms

    getRoom(name, kind) {
        let room = this.rooms.get(name);
        if (!room) {
            room = new Room(name, kind);
            if (kind === 'direct')
                room.peer = directPeer(name, this.me.name);
            this.rooms.set(name, room);
        }
        return room;
    }

    // Joins (again). A room we already have messages of is joined with `since`: the server sends
    // exactly what came after them, and each seq goes in once whatever way it arrives.
    joinRoom(name, activate = false) {
        const room = this.getRoom(name, 'public');
        room.wanted = true;
        if (room.joinPending) {
            // One join at a time (a second one during a catch-up is refused): show it when it
            // comes.
            const request = this.requests.get(room.joinPending);
            if (request && activate)
                request.activate = true;
            return room;
        }
        const frame = { type: 'join', room: name };
        if (room.seqs.size > 0)
            frame.since = room.lastSeq;
        room.catchingUp = true;
        const id = this.conn.request(frame);
        if (id) {
            this.requests.set(id, { what: 'join', room: name, activate, since: frame.since });
            room.joinPending = id;
        }
        return room;
    }

    // A room of the directory or the join field: shown at once when we are in it, else joined.
    open(name) {
        if (this.rooms.get(name)?.joined)
            this.selectRoom(name);
        else
            this.joinRoom(name, true);
    }

    createRoom(name, kind, topic) {
        this.getRoom(name, kind).wanted = true;
        const frame = { type: 'create_room', room: name, kind };
        if (topic)
            frame.topic = topic;
        const id = this.conn.request(frame);
        if (id)
            this.requests.set(id, { what: 'join', room: name, activate: true });
    }

    invite(room, user) {
        return Boolean(this.conn.request({ type: 'invite', room, user }));
    }

    // Catching up after a rejoin whose missed messages did not fit in the replay: the rest, page
    // by page forward from the last one received (`after`) up to the room's last message at the
    // join (`through`). Live messages (all after `through`) meanwhile go in their place by seq.
    catchUp(room, after, through) {
        if (!room.joined || after >= through)
            return;
        const id = this.conn.request({ type: 'history', room: room.name, after,
                                       before: through + 1, limit: MaxHistoryPage });
        if (id)
            this.requests.set(id, { what: 'catchup', room: room.name, after, through });
    }

    persistRooms() {
        const names = [];
        for (const room of this.rooms.values()) {
            if (room.wanted && !isDirectLike(room))
                names.push(room.name);
        }
        this.store.saveRooms(names, this.active);
    }

    selectRoom(key) {
        if (!this.rooms.has(key))
            return;
        this.stopComposing();
        this.active = key;
        const room = this.rooms.get(key);
        this.placeReadLine(room);
        room.lineDue = room.unread > 0 && room.seqs.size === 0; // drawn when the messages come
        room.unread = 0;
        room.mentions = 0;
        room.found = 0; // a message opened from the search is marked until the room is left
        this.persistRooms();
        this.emit('activechanged', { selected: true });
        if (isDirectLike(room))
            this.requestWhois(room.peer);
    }

    // The page is in sight again: what the open room received is read.
    pageShown() {
        const room = this.activeRoom;
        if (room && room.unread) {
            this.placeReadLine(room);
            room.unread = 0;
            room.mentions = 0;
            this.emit('readline', { room });
            this.emit('roomschanged');
        }
    }

    openDirect(peer) {
        const folded = peer.toLowerCase();
        for (const room of this.rooms.values()) {
            if (isDirectLike(room) && room.peer.toLowerCase() === folded) {
                this.selectRoom(room.name);
                return;
            }
        }
        const key = `@${peer}`;
        const draft = new Room(key, 'direct');
        draft.peer = peer;
        draft.joined = true; // nothing to join: the first message creates the conversation
        draft.catchingUp = false;
        this.rooms.set(key, draft);
        this.selectRoom(key);
    }

    requestWhois(user) {
        if (!user)
            return;
        const id = this.conn.request({ type: 'whois', user });
        if (id) {
            this.requests.set(id, { what: 'whois', user });
            if (!this.roles.has(user.toLowerCase()))
                this.roles.set(user.toLowerCase(), '');
        }
    }

    leaveActiveRoom() {
        const room = this.activeRoom;
        if (!room || room.isDirect)
            return;
        room.wanted = false;
        if (room.name.startsWith('@') || !room.joined)
            this.forgetRoom(room.name);
        else
            this.conn.request({ type: 'leave', room: room.name });
    }

    forgetRoom(name) {
        this.rooms.delete(name);
        if (this.active === name)
            this.active = this.rooms.has(DefaultRoom) ? DefaultRoom
                : (this.rooms.keys().next().value || '');
        this.persistRooms();
        this.emit('activechanged', { selected: false });
    }

    listRooms(query, after = '') {
        const frame = { type: 'list_rooms', limit: BrowsePage };
        if (query)
            frame.query = query;
        if (after)
            frame.after = after;
        const id = this.conn.request(frame);
        if (id)
            this.requests.set(id, { what: 'rooms', query, after });
    }

    // ---- frames from the server

    onFrame({ frame }) {
        const request = frame.id ? this.requests.get(frame.id) : undefined;
        if (request && frame.type !== 'joined')
            this.requests.delete(frame.id);
        switch (frame.type) {
        case 'joined': this.onJoined(frame, request); break;
        case 'history':
            if (request?.what === 'quote' || request?.what === 'reveal')
                this.onAround(frame, request);
            else
                this.onHistory(frame, request);
            break;
        case 'message': this.onMessage(frame); break;
        case 'ack': this.onAck(frame); break;
        case 'presence': this.onPresence(frame); break;
        case 'typing': this.onTyping(frame); break;
        case 'deleted': this.onDeleted(frame); break;
        case 'edited': this.onEdited(frame); break;
        case 'reaction': this.onReaction(frame); break;
        case 'gap': this.onGap(frame); break;
        case 'rooms': this.onRooms(frame, request); break;
        case 'room_changed': this.onRoomChanged(frame); break;
        case 'user': this.onUser(frame); break;
        case 'slow_down': this.onSlowDown(frame); break;
        case 'unread': this.onUnread(frame); break;
        case 'read': this.onReadEvent(frame); break;
        case 'people': this.onPeople(frame, request); break;
        case 'results': this.onResults(frame, request); break;
        case 'sanctions': this.onSanctions(frame, request); break;
        case 'audit': this.onAudit(frame, request); break;
        case 'role': this.onRole(frame); break;
        case 'devices': this.onDevices(frame); break;
        case 'left':
            if (frame.room && this.rooms.get(frame.room)?.wanted === false)
                this.forgetRoom(frame.room);
            break;
        case 'done':
            if (SettingsRequests.includes(request?.what)) {
                this.emit('settingsdone', { what: request.what });
                break;
            }
            if (request?.what !== 'status') // our status shows in the top bar
                this.addNotice(this.activeRoom, doneText(request));
            if (request?.what === 'moderation')
                this.emit('moderated', { request });
            break;
        case 'invited':
            if (frame.id) { // the answer to our invite
                this.addNotice(this.activeRoom, t('notice.invited', { name: frame.user,
                                                                      room: `#${frame.room}` }));
            } else {
                this.onInvitedEvent(frame);
            }
            break;
        case 'sanction': this.onSanction(frame); break;
        case 'announcement': this.onAnnouncement(frame); break;
        case 'error': this.onError(frame, request); break;
        default: break; // newer servers may send more kinds
        }
        if (['message', 'ack', 'history', 'error', 'joined'].includes(frame.type))
            this.persistOutbox();
    }

    onJoined(frame, request) {
        if (typeof frame.room !== 'string')
            return;
        const kind = typeof frame.kind === 'string' ? frame.kind : 'public';
        let room = this.rooms.get(frame.room);
        if (!room && kind === 'direct')
            room = this.adoptDraft(frame.room);
        room ||= this.getRoom(frame.room, kind);
        const first = !room.everJoined;
        room.kind = kind;
        room.topic = frame.topic || '';
        room.joined = true;
        room.everJoined = true;
        if (room.isDirect && !room.peer)
            room.peer = directPeer(room.name, this.me.name);
        room.members = new Map((frame.members || []).map((m) => [m.name, m.kind]));
        room.statuses = new Map((frame.members || []).map((m) => [m.name, statusOf(m.status)]));
        this.joinedReadMark(room, frame.read);
        room.catchingUp = true;
        if (request && Number.isSafeInteger(frame.seq))
            request.seq = frame.seq; // the last message the catch-up brings
        if (first && !room.isDirect)
            this.addNotice(room, t('notice.youJoined', { room: `#${room.name}`,
                                                         name: this.me.name }));
        if (!this.active || (request?.activate && this.active !== room.name))
            this.active = room.name;
        this.persistRooms();
        this.emit('roomchanged', { room });
    }

    // The first direct message to somebody creates the conversation: the draft we typed into
    // becomes the real room ("dm:a:b").
    adoptDraft(name) {
        const peer = directPeer(name, this.me.name);
        for (const [key, draft] of this.rooms) {
            if (key.startsWith('@') && draft.peer.toLowerCase() === peer) {
                this.rooms.delete(key);
                const room = new Room(name, 'direct');
                room.peer = draft.peer;
                room.pending = draft.pending;
                room.items = draft.items.filter((i) => i.notice);
                room.notices = draft.notices;
                this.rooms.set(name, room);
                if (this.active === key)
                    this.active = name;
                return room;
            }
        }
        return null;
    }

    onHistory(frame, request) {
        const room = this.rooms.get(frame.room);
        if (!room || !Array.isArray(frame.messages))
            return;
        const purpose = request?.what || 'join'; // no id: a direct conversation at sign-in
        const hadMessages = room.seqs.size > 0;
        let added = 0;
        for (const message of frame.messages) {
            if (!message || (message.room !== undefined && message.room !== room.name))
                continue;
            const stored = { ...message, room: room.name };
            const own = this.isOwn(stored);
            if (own && stored.msgId && room.pending.has(stored.msgId))
                room.pending.delete(stored.msgId); // stored before the connection dropped
            if (room.addMessage(stored) >= 0) {
                added += 1;
                if (hadMessages && (purpose === 'join' || purpose === 'catchup') && !own)
                    this.countUnread(room, stored, false);
            }
        }
        // A catch-up also brings the changes made meanwhile, after its messages, in room order.
        for (const change of Array.isArray(frame.changes) ? frame.changes : [])
            this.applyChange({ ...change, room: room.name });
        if (purpose === 'around') {
            this.onAroundPage(room, frame, request, hadMessages);
            return;
        }
        if (purpose === 'join') {
            room.joinPending = '';
            if (!hadMessages)
                room.more = Boolean(frame.more);
            room.catchingUp = false;
            this.flushPending(room);
            if (room.name === this.active && !hadMessages)
                this.placeReadLine(room, room.lineDue);
            room.lineDue = false;
            this.emit('history', { room, purpose, hadMessages });
            if (room.pendingAround) { // opened from the search before we were in it
                const seq = room.pendingAround;
                room.pendingAround = 0;
                this.openAt(room.name, seq);
            }
            // A replay that did not fit in one frame: the rest follows page by page.
            if (frame.more && request?.since !== undefined && Number.isSafeInteger(request.seq))
                this.catchUp(room, lastSeqOf(frame, request.since), request.seq);
        } else if (purpose === 'catchup') {
            this.emit('history', { room, purpose, hadMessages });
            const after = lastSeqOf(frame, request.after);
            if (frame.more && after > request.after)
                this.catchUp(room, after, request.through);
        } else if (purpose === 'older') {
            room.more = Boolean(frame.more);
            room.loadingOlder = false;
            this.emit('history', { room, purpose, hadMessages });
        } else if (purpose === 'fill') {
            this.emit('history', { room, purpose, hadMessages });
            const seqs = frame.messages.map((m) => m.seq).filter(Number.isSafeInteger);
            const lowest = seqs.length ? Math.min(...seqs) : 0;
            if (added > 0 && frame.more && lowest > request.from)
                this.fillGap(room, request.from, lowest - 1);
        }
        this.emit('roomschanged');
    }

    onMessage(frame) {
        if (typeof frame.room !== 'string')
            return;
        const room = this.rooms.get(frame.room)
            || this.getRoom(frame.room, frame.room.startsWith('dm:') ? 'direct' : 'public');
        const own = this.isOwn(frame);
        if (own && frame.msgId && room.pending.has(frame.msgId)) {
            const pending = room.pending.get(frame.msgId);
            room.pending.delete(frame.msgId);
            this.emit('pending', { room, pending, change: 'removed' });
        }
        const index = room.addMessage(frame);
        if (index < 0)
            return;
        if (room.isDirect && !own)
            room.peer = frame.from;
        const typer = room.typers.get(frame.from);
        if (typer !== undefined) {
            clearTimeout(typer);
            room.typers.delete(frame.from);
            this.emit('typing', { room });
        }
        if (!own)
            this.countUnread(room, frame, true);
        this.emit('item', { room, index, scroll: 'live', own,
                            mention: !own && mentionsMe(frame.mentions, this.me.name) });
        this.emit('roomschanged');
    }

    onAck(frame) {
        const room = this.rooms.get(frame.room);
        if (!room || !frame.msgId)
            return;
        const pending = room.pending.get(frame.msgId);
        if (!pending)
            return;
        room.pending.delete(frame.msgId);
        this.emit('pending', { room, pending, change: 'removed' });
        // Normally our own message event came first; if not, show it from what we sent.
        const index = room.addMessage({ type: 'message', room: room.name, seq: frame.seq,
                                        from: this.me.name, text: pending.text,
                                        time: pending.time, msgId: frame.msgId,
                                        role: this.me.role, guest: this.me.role === 'guest',
                                        ...(pending.replyTo ? { replyTo: pending.replyTo } : {}),
                                        ...(pending.attachments?.length
                                            ? { attachments: pending.attachments } : {}) });
        if (index >= 0)
            this.emit('item', { room, index, scroll: 'end' });
    }

    onPresence(frame) {
        const room = this.rooms.get(frame.room);
        if (!room || !frame.member || typeof frame.member.name !== 'string')
            return;
        const name = frame.member.name;
        room.statuses ||= new Map();
        if (frame.change === 'status') {
            room.statuses.set(name, statusOf(frame.member.status ?? frame.status));
        } else if (frame.change === 'joined') {
            room.members.set(name, frame.member.kind);
            room.statuses.set(name, statusOf(frame.member.status));
            room.peerLeftAt = 0;
            if (!room.isDirect)
                this.addNotice(room, t('notice.joined', { name }));
        } else if (frame.change === 'left') {
            room.members.delete(name);
            room.statuses.delete(name);
            clearTimeout(room.typers.get(name));
            room.typers.delete(name);
            if (room.isDirect)
                room.peerLeftAt = Date.now(); // the peer's status says "last seen" from now
            const why = LeaveReasons.includes(frame.reason) ? t(`reason.${frame.reason}`) : '';
            if (!room.isDirect) {
                this.addNotice(room, why ? t('notice.leftWhy', { name, why })
                                         : t('notice.left', { name }));
            }
        }
        this.emit('members', { room });
        this.emit('typing', { room });
    }

    onTyping(frame) {
        const room = this.rooms.get(frame.room);
        if (!room || frame.user === this.me.name)
            return;
        clearTimeout(room.typers.get(frame.user));
        room.typers.delete(frame.user);
        if (frame.active) {
            room.typers.set(frame.user, setTimeout(() => {
                room.typers.delete(frame.user);
                this.emit('typing', { room });
            }, TypingShownMs));
        }
        this.emit('typing', { room });
    }

    onDeleted(frame) {
        const room = this.rooms.get(frame.room);
        if (!room)
            return;
        this.sawChange(room, frame.at);
        const index = room.markDeleted(frame.seq, frame.by);
        if (index >= 0)
            this.emit('itemchanged', { room, index, seq: Number(frame.seq) });
    }

    // ---- issue 22: edits, reactions and replies

    // A change to a message has its own place in the room's order (`at`): the room's last seq
    // counts it, so that join.since replays only what came after.
    sawChange(room, at) {
        if (Number.isSafeInteger(at) && at > room.lastSeq)
            room.lastSeq = at;
    }

    // One change of a catch-up page (a whole edited, deleted or reaction event).
    applyChange(change) {
        if (change.type === 'edited')
            this.onEdited(change);
        else if (change.type === 'deleted')
            this.onDeleted(change);
        else if (change.type === 'reaction')
            this.onReaction(change);
    }

    // Changes a message we have in place and says so; fn(message) returns the new message.
    changeMessage(room, seq, fn) {
        const item = room.seqs.get(Number(seq));
        if (!item?.message || item.message.deleted)
            return;
        item.message = fn(item.message);
        this.emit('itemchanged', { room, index: room.items.indexOf(item), seq: Number(seq) });
    }

    // An edit: the last text wins (events come in the room's order).
    onEdited(frame) {
        const room = this.rooms.get(frame.room);
        if (!room || typeof frame.text !== 'string')
            return;
        this.sawChange(room, frame.at);
        this.changeMessage(room, frame.seq, (message) => {
            const edited = { ...message, text: frame.text,
                             edited: hasTime(frame.time) ? frame.time : Date.now() };
            if (Array.isArray(frame.mentions))
                edited.mentions = frame.mentions;
            return edited;
        });
        // Replies that show this one's text show the new one.
        for (const item of room.items) {
            if (item.message?.replyTo === Number(frame.seq) && item.message.quote)
                this.changeMessage(room, item.message.seq, (m) => ({ ...m, quote: undefined }));
        }
    }

    // One person's reaction, on or off: a set per emoji, so a replay changes nothing.
    onReaction(frame) {
        const room = this.rooms.get(frame.room);
        if (!room || typeof frame.emoji !== 'string' || typeof frame.user !== 'string')
            return;
        this.sawChange(room, frame.at);
        this.changeMessage(room, frame.seq, (message) => {
            const reactions = (message.reactions || []).map((r) => ({ ...r, users: [...r.users] }));
            let entry = reactions.find((r) => r.emoji === frame.emoji);
            const on = frame.on !== false;
            if (!entry && on) {
                entry = { emoji: frame.emoji, users: [] };
                reactions.push(entry);
            }
            if (entry) {
                const user = frame.user.toLowerCase();
                entry.users = entry.users.filter((u) => u.toLowerCase() !== user);
                if (on)
                    entry.users.push(frame.user);
            }
            return { ...message, reactions: reactions.filter((r) => r.users.length > 0) };
        });
    }

    // Whether we reacted to the message with this emoji.
    reacted(message, emoji) {
        const me = this.me.name.toLowerCase();
        return (message.reactions || []).some((r) => r.emoji === emoji
                                               && r.users.some((u) => u.toLowerCase() === me));
    }

    react(room, seq, emoji, on) {
        this.conn.request({ type: 'react', room: room.name, seq, emoji, on });
    }

    editMessage(room, seq, text) {
        const id = this.conn.request({ type: 'edit', room: room.name, seq, text });
        if (id)
            this.requests.set(id, { what: 'edit', room: room.name, seq });
        return Boolean(id);
    }

    // Our last message in the room still there (Up in an empty composer edits it).
    lastOwnMessage(room) {
        for (let i = room.items.length - 1; i >= 0; --i) {
            const message = room.items[i].message;
            if (message && !message.deleted && this.isOwn(message))
                return message;
        }
        return null;
    }

    // What a reply quotes: the quote it came with, else the message if we have it, else null
    // (and the message is asked for: an itemchanged follows for the replies once it is here).
    quoteOf(room, message) {
        if (message.quote && typeof message.quote.text === 'string')
            return message.quote;
        const original = room.seqs.get(message.replyTo)?.message;
        if (original)
            return { from: original.from, text: original.text, deleted: original.deleted };
        this.fetchAround(room, message.replyTo, 1, 'quote');
        return null;
    }

    // Messages around seq (a quote's original, or a message to show far up the history).
    fetchAround(room, seq, limit, what) {
        room.asked ??= new Set();
        const key = `${what}:${seq}`;
        if (!room.joined || room.asked.has(key))
            return;
        const id = this.conn.request({ type: 'history', room: room.name, around: seq, limit });
        if (id) {
            room.asked.add(key);
            this.requests.set(id, { what, room: room.name, around: seq });
        }
    }

    // Shows the message: at once when we have it, else after loading history around it.
    showMessage(room, seq) {
        if (room.seqs.has(seq)) {
            this.emit('reveal', { room, seq });
            return;
        }
        room.asked?.delete(`reveal:${seq}`);
        this.fetchAround(room, seq, HistoryPage, 'reveal');
    }

    // The answer to a history {around}: a quote's original (kept aside, not shown among the
    // messages unless it joins on to them) or a page around a message to show.
    onAround(frame, request) {
        const room = this.rooms.get(frame.room);
        if (!room || !Array.isArray(frame.messages))
            return;
        const seq = request.around;
        if (request.what === 'quote') {
            const original = frame.messages.find((m) => m?.seq === seq);
            const quote = original ? { from: original.from, text: original.text,
                                       deleted: original.deleted }
                : { from: '', text: '', deleted: true };
            for (const item of room.items) {
                if (item.message?.replyTo === seq && !item.message.quote)
                    this.changeMessage(room, item.message.seq, (m) => ({ ...m, quote }));
            }
            return;
        }
        const hadMessages = room.seqs.size > 0;
        const seqs = frame.messages.map((m) => m?.seq).filter(Number.isSafeInteger);
        const newest = seqs.length ? Math.max(...seqs) : seq;
        const below = room.items.find((i) => i.message && i.message.seq > newest)?.message.seq;
        for (const message of frame.messages) {
            if (message && Number.isSafeInteger(message.seq))
                room.addMessage({ ...message, room: room.name });
        }
        // What lies between this page and the messages we had below it: a line to load it.
        if (below !== undefined && newest + 1 < below) {
            const from = newest + 1;
            const to = below - 1;
            room.addNotice({ text: t('notice.gap.between', { from, to }), kind: 'gap',
                             action: { label: t('notice.gap.load'),
                                       run: () => this.fillGap(room, from, to) } }, newest);
        }
        this.emit('history', { room, purpose: 'around', hadMessages });
        this.emit('reveal', { room, seq });
    }

    onGap(frame) {
        const room = this.rooms.get(frame.room);
        if (!room || !Number.isSafeInteger(frame.from) || !Number.isSafeInteger(frame.to))
            return;
        const reason = frame.reason === 'retention' ? 'retention' : 'limit';
        const notice = { text: t(`notice.gap.${reason}`, { from: frame.from, to: frame.to }),
                         kind: 'gap' };
        if (reason === 'limit') {
            notice.action = { label: t('notice.gap.load'),
                              run: () => this.fillGap(room, frame.from, frame.to) };
        }
        const { index } = room.addNotice(notice, frame.from - 1);
        this.emit('item', { room, index, scroll: '' });
    }

    fillGap(room, from, to) {
        if (!room.joined || to < from)
            return;
        const id = this.conn.request({ type: 'history', room: room.name, before: to + 1,
                                       limit: Math.min(MaxHistoryPage, to - from + 1) });
        if (id)
            this.requests.set(id, { what: 'fill', room: room.name, from, to });
    }

    onRoomChanged(frame) {
        const room = this.rooms.get(frame.room);
        if (!room || typeof frame.room !== 'string')
            return;
        const names = { room: `#${frame.room}`, by: frame.by || '' };
        if (frame.change === 'deleted') {
            room.wanted = false;
            this.forgetRoom(frame.room);
            this.addNotice(this.activeRoom, t('notice.roomDeleted', names));
        } else if (frame.change === 'archived') {
            this.addNotice(room, t('notice.roomArchived', names));
        } else if (frame.change === 'topic') {
            room.topic = typeof frame.topic === 'string' ? frame.topic : '';
            this.emit('roomchanged', { room });
            this.addNotice(room, t('notice.roomTopic', names));
        } else if (frame.change === 'renamed') {
            const name = typeof frame.name === 'string' ? frame.name : '';
            if (!name || name === frame.room || this.rooms.has(name))
                return;
            this.renameRoom(room, name);
            this.addNotice(room, t('notice.roomRenamed', { ...names, name: `#${name}` }));
        } else if (frame.change === 'unarchived') {
            this.addNotice(room, t('notice.roomUnarchived', names));
        } else if (frame.change === 'removed') {
            // Taken out of a private room: it goes from the list and is not joined again.
            room.wanted = false;
            this.forgetRoom(frame.room);
            this.addNotice(this.activeRoom, t('notice.roomRemoved', names));
        }
    }

    // The room goes by a new name (room_changed "renamed"): the same room with its messages,
    // numbers, unread count and unsent messages, under its new name, in the same place in the
    // list; a reload or a reconnect joins it by that name.
    renameRoom(room, name) {
        const old = room.name;
        room.name = name;
        this.rooms = new Map(Array.from(this.rooms, ([key, value]) => [key === old ? name : key,
                                                                       value]));
        if (this.active === old)
            this.active = name;
        // A read mark on its way was timed under the old name: it goes under the new one.
        const read = this.reads.get(old);
        if (read) {
            this.reads.delete(old);
            this.reads.set(name, read);
            if (read.timer) {
                clearTimeout(read.timer);
                read.timer = 0;
                this.queueRead(room);
            }
        }
        this.persistRooms();
        this.persistOutbox();
        this.emit('activechanged', { selected: false });
    }

    onRooms(frame, request) {
        if (!Array.isArray(frame.rooms))
            return;
        const rooms = frame.rooms.filter((info) => info && typeof info.name === 'string');
        this.emit('directory', { rooms, more: frame.more === true && frame.rooms.length > 0,
                                 query: request?.query || '', append: Boolean(request?.after),
                                 last: frame.rooms[frame.rooms.length - 1]?.name });
    }

    onUser(frame) {
        if (typeof frame.name !== 'string')
            return;
        this.roles.set(frame.name.toLowerCase(),
                       typeof frame.role === 'string' ? frame.role : 'guest');
        this.users.set(frame.name.toLowerCase(), frame);
        this.emit('user', { info: frame });
    }

    // Over a rate limit: what was refused meanwhile shows its own error (a message can be
    // retried).
    onSlowDown(frame) {
        const kinds = ['send', 'typing', 'join', 'read', 'create_room', 'search', 'moderate',
                       'settings'];
        const kind = kinds.includes(frame.kind) ? frame.kind : 'send';
        const seconds = Math.max(1, Math.ceil((Number(frame.wait) || 0) / 1000));
        this.addNotice(this.activeRoom, t('notice.slowDown', { what: t(`rate.${kind}`), seconds }),
                       'error');
    }

    onError(frame, request) {
        const message = errorText(frame);
        const code = frame.code || '';
        if (request?.what === 'send') {
            const room = this.rooms.get(request.room);
            const pending = room?.pending.get(request.msgId);
            if (pending) {
                pending.state = 'error';
                pending.inFlight = false;
                pending.error = message;
                this.emit('pending', { room, pending, change: 'changed' });
            }
            return;
        }
        if (request?.what === 'join') {
            const room = this.rooms.get(request.room);
            if (room)
                room.joinPending = '';
            if (room && !room.everJoined) {
                this.forgetRoom(request.room);
            } else if (room) {
                room.catchingUp = false;
                if (ShutOut.includes(code))
                    room.wanted = false;
            }
        }
        if (request?.what === 'older') {
            const room = this.rooms.get(request.room);
            if (room)
                room.loadingOlder = false;
        }
        if (request?.what === 'catchup' && code === 'busy') {
            const room = this.rooms.get(request.room);
            if (room)
                setTimeout(() => this.catchUp(room, request.after, request.through), BusyRetryMs);
            return;
        }
        if (request?.what === 'whois') {
            this.roles.set(request.user.toLowerCase(), 'none');
            return;
        }
        if (request?.what === 'people' || request?.what === 'search') {
            this.emit('searchfailed', { what: request.what, message });
            return;
        }
        if (request?.what === 'sanctions' || request?.what === 'audit') {
            this.emit('modtoolsfailed', { what: request.what, message });
            return;
        }
        if (SettingsRequests.includes(request?.what)) {
            this.emit('settingsfailed', { what: request.what, code, message });
            return;
        }
        if (request?.what === 'around') {
            this.addNotice(this.rooms.get(request.room) || this.activeRoom, message, 'error');
            return;
        }
        if (request?.what === 'moderation')
            this.emit('moderationfailed', { request, message });
        const text = request?.what === 'join' ? t('error.join', { room: `#${request.room}`,
                                                                  text: message })
            : message;
        this.addNotice(this.activeRoom, text, 'error');
    }

    addNotice(room, text, kind = '', action = null) {
        if (!room)
            return;
        const notice = { text, kind };
        if (action)
            notice.action = action;
        const { index } = room.addNotice(notice);
        this.emit('item', { room, index, scroll: 'stick' });
    }

    // We were invited to a private room (the event, without id): say so, with a way in.
    onInvitedEvent(frame) {
        if (typeof frame.room !== 'string' || !frame.room)
            return;
        const room = frame.room;
        this.addNotice(this.activeRoom,
                       t('notice.invitedYou', { by: frame.by || 'server', room: `#${room}` }),
                       'invite', { label: t('notice.invitedJoin'), run: () => this.open(room) });
    }

    // A moderator acted on us. Kicks, bans and revokes are followed by the close; the notice
    // stays in the room shown, and closeText() says it in the banner.
    onSanction(frame) {
        const actions = ['kick', 'ban', 'mute', 'revoke', 'lift'];
        if (!actions.includes(frame.action))
            return;
        const sanction = { action: frame.action, by: typeof frame.by === 'string' ? frame.by : '',
                           reason: typeof frame.reason === 'string' ? frame.reason : '',
                           until: hasTime(frame.until) ? frame.until : 0,
                           room: typeof frame.room === 'string' ? frame.room : '',
                           lifted: frame.lifted === 'mute' ? 'mute' : 'ban' };
        // A lift is news, not the reason for a close that may follow.
        if (frame.action !== 'lift')
            this.sanction = sanction;
        this.addNotice(this.activeRoom, sanctionText(sanction), 'sanction');
    }

    // An announcement to everyone: once, in the room shown, set apart from the messages.
    onAnnouncement(frame) {
        if (typeof frame.text !== 'string')
            return;
        const room = this.activeRoom;
        if (!room)
            return;
        const notice = { kind: 'announcement', text: frame.text,
                         title: t('notice.announcement', { by: frame.by || 'server' }),
                         time: hasTime(frame.time) ? frame.time : Date.now() };
        const { index } = room.addNotice(notice);
        this.emit('item', { room, index, scroll: 'end' });
    }

    // ---- unread counts and notifications

    countUnread(room, message, live) {
        // What the server's unread event counted already (a catch-up after it) counts once.
        const counted = message.seq <= (room.countedThrough || 0);
        if ((room.name !== this.active || this.isHidden()) && !counted) {
            room.unread += 1;
            if (this.mentionsMe(message))
                room.mentions = (room.mentions || 0) + 1;
            this.emit('unread');
        }
        // Do not disturb: no notifications at all; the room's level decides the rest.
        if (live && this.isHidden() && this.myStatus !== 'dnd' && this.notifies(room, message))
            this.emit('notify', { room, message, mention: mentionsMe(message.mentions, this.me.name) });
    }

    // The room's notification level (§15): 'all', 'mentions' or 'none'.
    notifyLevel(room) {
        return this.notifyLevels.get(room.name) || 'all';
    }

    // Whether a message may notify (and sound): at 'mentions', only those that mention us and
    // direct messages; at 'none', nothing.
    notifies(room, message) {
        const level = this.notifyLevel(room);
        return level === 'all' || (level === 'mentions'
                                   && (room.isDirect || this.mentionsMe(message)));
    }

    // What the room's badge counts: everything unread at 'all' (and in a direct conversation at
    // 'mentions'), the mentions at 'mentions', nothing at 'none'. What else is unread shows as a
    // quiet dot.
    badgeCount(room) {
        switch (this.notifyLevel(room)) {
        case 'none': return 0;
        case 'mentions': return room.isDirect ? room.unread : Math.min(room.unread,
                                                                        room.mentions || 0);
        default: return room.unread;
        }
    }

    totalUnread() {
        let total = 0;
        for (const room of this.rooms.values())
            total += this.badgeCount(room);
        return total;
    }

    // ---- account settings (§15): password, devices, notification levels

    changePassword(old, password, others) {
        const frame = { type: 'change_password', old, new: password };
        if (others)
            frame.others = true;
        return this.settingsRequest(frame, 'password');
    }

    listDevices() {
        return this.settingsRequest({ type: 'devices' }, 'devices');
    }

    endDevice(device) {
        return this.settingsRequest({ type: 'end_device', device }, 'end_device');
    }

    // Takes effect here at once (badges, notifications); the server keeps it for the next
    // sign-in.
    setNotifyLevel(name, level) {
        if (!NotifyLevels.includes(level))
            return false;
        if (level === 'all')
            this.notifyLevels.delete(name);
        else
            this.notifyLevels.set(name, level);
        this.emit('notifylevels');
        this.emit('roomschanged');
        this.emit('unread');
        return this.settingsRequest({ type: 'set_notify', room: name, level }, 'notify');
    }

    settingsRequest(frame, what) {
        const id = this.conn.request(frame);
        if (id)
            this.requests.set(id, { what });
        return Boolean(id);
    }

    onDevices(frame) {
        if (!Array.isArray(frame.devices))
            return;
        const text = (value) => (typeof value === 'string' ? value : '');
        const devices = frame.devices
            .filter((d) => d && typeof d.device === 'string' && d.device)
            .map((d) => ({ device: d.device, client: text(d.client) || 'other',
                           address: text(d.address), created: hasTime(d.created) ? d.created : 0,
                           lastSeen: hasTime(d.last_seen) ? d.last_seen : 0,
                           current: d.current === true }));
        this.emit('devices', { devices });
    }

    // Whether a message names us with @name (the server lists the names in `mentions`).
    mentionsMe(message) {
        const me = this.me.name.toLowerCase();
        return Array.isArray(message.mentions)
            && message.mentions.some((name) => typeof name === 'string'
                                               && name.toLowerCase() === me);
    }

    totalMentions() {
        let total = 0;
        for (const room of this.rooms.values())
            total += room.mentions || 0;
        return total;
    }

    // ---- read markers

    // Right after the sign-in: how much is unread in every room the account follows and in its
    // direct conversations, counted by the server (what came while no client was open
    // included). The followed rooms we are not in yet are joined, as the desktop app does.
    onUnread(frame) {
        if (!Array.isArray(frame.rooms))
            return;
        for (const entry of frame.rooms) {
            if (!entry || typeof entry.room !== 'string' || !entry.room)
                continue;
            const direct = entry.kind === 'direct' || entry.room.startsWith('dm:');
            let room = this.rooms.get(entry.room);
            if (!direct && (!room || (!room.joined && !room.joinPending)))
                room = this.joinRoom(entry.room);
            room ||= this.getRoom(entry.room, 'direct');
            // The counts cover seqs up to entry.seq; what came live before the event and is
            // newer (in a room not shown) is counted on top.
            const newer = room.name !== this.active || this.isHidden()
                ? room.items.filter((i) => i.message && i.message.seq > countOf(entry.seq)
                    && !i.message.deleted && !this.isOwn(i.message)) : [];
            room.unread = countOf(entry.unread) + newer.length;
            room.mentions = countOf(entry.mentions)
                + newer.filter((i) => this.mentionsMe(i.message)).length;
            room.readSeq = Math.max(room.readSeq || 0, countOf(entry.read));
            // Messages up to here are in the count: a catch-up bringing them counts them once.
            room.countedThrough = Math.max(room.countedThrough || 0, countOf(entry.seq));
            if (room.name === this.active && room.seqs.size > 0) {
                this.placeReadLine(room); // back after a drop: where the missed ones start
                this.emit('readline', { room });
            }
        }
        this.emit('roomschanged');
        this.emit('unread');
    }

    // `joined.read`: where the account's read mark is; ours, if further, goes to the server.
    joinedReadMark(room, read) {
        const mark = countOf(read);
        room.readSeq = Math.max(room.readSeq || 0, mark);
        const state = this.reads.get(room.name);
        if (state)
            state.sent = mark; // a new connection: the server has this one
        if (room.readSeq > mark)
            this.queueRead(room);
    }

    // The account read up to seq on another connection (or device).
    onReadEvent(frame) {
        const room = this.rooms.get(frame.room);
        if (!room || !Number.isSafeInteger(frame.seq) || frame.seq <= (room.readSeq || 0))
            return;
        room.readSeq = frame.seq;
        const state = this.reads.get(room.name);
        if (state)
            state.sent = Math.max(state.sent, frame.seq);
        this.recount(room);
    }

    // The page showed the room's messages up to seq (in sight, the page not hidden): that much
    // is read. The server hears of it at most once a second per room, with the latest seq.
    markRead(room, seq) {
        if (!room || !Number.isSafeInteger(seq) || seq <= 0 || this.isHidden())
            return;
        if (seq <= (room.readSeq || 0))
            return;
        room.readSeq = seq;
        this.recount(room);
        this.queueRead(room);
    }

    queueRead(room) {
        if (room.name.startsWith('@'))
            return; // a draft: nothing to mark yet
        let state = this.reads.get(room.name);
        if (!state) {
            state = { timer: 0, sent: 0, sentAt: 0 };
            this.reads.set(room.name, state);
        }
        if (state.timer)
            return; // the one on its way takes the latest seq
        const wait = state.sentAt + ReadEveryMs - Date.now();
        if (wait <= 0)
            this.sendRead(room.name);
        else
            state.timer = setTimeout(() => this.sendRead(room.name), wait);
    }

    sendRead(name) {
        const state = this.reads.get(name);
        const room = this.rooms.get(name);
        if (!state)
            return;
        state.timer = 0;
        // Not joined (the connection is down): the next `joined` says where the server is.
        if (!room || !room.joined || !this.conn.ready || (room.readSeq || 0) <= state.sent)
            return;
        if (this.conn.send({ type: 'read', room: name, seq: room.readSeq })) {
            state.sent = room.readSeq;
            state.sentAt = Date.now();
        }
    }

    clearReads() {
        for (const state of this.reads.values())
            clearTimeout(state.timer);
        this.reads.clear();
    }

    // After a read mark moved: the messages from others after it are what is left unread (as
    // far as we have them: a mark older than what we hold leaves the count alone).
    recount(room) {
        const read = room.readSeq || 0;
        const before = `${room.unread}/${room.mentions || 0}`;
        if (room.seqs.size > 0 && read >= room.oldestSeq) {
            const left = room.items.filter((i) => i.message && i.message.seq > read
                && !i.message.deleted && !this.isOwn(i.message));
            room.unread = left.length;
            room.mentions = left.filter((i) => this.mentionsMe(i.message)).length;
        } else if (read >= room.lastSeq && read >= (room.countedThrough || 0)) {
            room.unread = 0;
            room.mentions = 0;
        }
        if (`${room.unread}/${room.mentions || 0}` !== before)
            this.emit('roomschanged');
    }

    // The "new messages" line goes above the first unread message from somebody else (when
    // something is unread); it moves only when the room is opened again.
    placeReadLine(room, due = false) {
        if (room.readLine) {
            const index = room.items.indexOf(room.readLine);
            if (index >= 0)
                room.items.splice(index, 1);
            room.readLine = null;
        }
        if (!room.unread && !due)
            return;
        const read = room.readSeq || 0;
        const first = room.items.find((i) => i.message && i.message.seq > read
                                             && !this.isOwn(i.message));
        if (!first)
            return;
        const { item } = room.addNotice({ kind: 'unread-line', text: t('unread.line') },
                                        first.message.seq - 1);
        room.readLine = item;
    }

    // ---- people and message search

    // Accounts whose name holds the query (all for none), a page at a time in name order.
    findPeople(query, after = '') {
        const frame = { type: 'find_people', limit: PeoplePage };
        if (query)
            frame.query = query;
        if (after)
            frame.after = after;
        const id = this.conn.request(frame);
        if (id)
            this.requests.set(id, { what: 'people', query, after });
        return Boolean(id);
    }

    onPeople(frame, request) {
        if (!Array.isArray(frame.people))
            return;
        const people = frame.people.filter((p) => p && typeof p.name === 'string' && p.name)
            .map((p) => ({ name: p.name, role: typeof p.role === 'string' ? p.role : 'member',
                           online: p.online === true,
                           status: p.online === true ? statusOf(p.status) : 'offline',
                           lastSeen: Number.isSafeInteger(p.lastSeen) ? p.lastSeen : 0 }));
        this.emit('people', { people, more: frame.more === true && people.length > 0,
                              query: request?.query || '', append: Boolean(request?.after),
                              last: people.at(-1)?.name || '' });
    }

    // Messages holding the words, newest first, in every room we may read (or in `room`).
    // before: the `next` of the page before.
    searchMessages(query, { room = '', before = null } = {}) {
        const frame = { type: 'search', query, limit: SearchPage };
        if (room)
            frame.room = room;
        if (before !== null && before !== undefined && before !== '' && before !== 0)
            frame.before = before;
        const id = this.conn.request(frame);
        if (id)
            this.requests.set(id, { what: 'search', query, room, before: frame.before });
        return Boolean(id);
    }

    onResults(frame, request) {
        if (!Array.isArray(frame.messages))
            return;
        const messages = frame.messages.filter((m) => m && typeof m.room === 'string'
            && Number.isSafeInteger(m.seq) && typeof m.text === 'string');
        this.emit('results', { messages, more: frame.more === true && messages.length > 0,
                               next: frame.next ?? null, query: request?.query || '',
                               room: request?.room || '',
                               append: request?.before !== undefined });
    }

    // Shows a room at one of its messages (a search result), with the messages around it.
    // A room we are not in is joined first.
    openAt(name, seq) {
        let room = this.rooms.get(name);
        if (!room || (!room.joined && !isDirectLike(room))) {
            if (name.startsWith('dm:'))
                return; // ours come by themselves at the sign-in
            room = this.joinRoom(name, true);
            room.pendingAround = seq;
            return;
        }
        if (this.active !== name)
            this.selectRoom(name);
        room.found = seq;
        if (room.seqs.has(seq)) {
            this.emit('found', { room, seq });
            return;
        }
        const id = this.conn.request({ type: 'history', room: name, around: seq,
                                       limit: HistoryPage });
        if (id)
            this.requests.set(id, { what: 'around', room: name, seq });
    }

    // The page around a found message. When newer messages we do not have lie between it and
    // those we had, a notice offers to load them (the newest stay below, where they were).
    onAroundPage(room, frame, request, hadMessages) {
        const seqs = frame.messages.map((m) => m?.seq).filter(Number.isSafeInteger);
        if (seqs.length) {
            const lowest = Math.min(...seqs);
            const highest = Math.max(...seqs);
            if (lowest <= room.oldestSeq)
                room.more = Boolean(frame.more);
            const above = room.items.find((i) => i.message && i.message.seq > highest);
            if (frame.newer === true && above && above.message.seq > highest + 1) {
                const to = above.message.seq - 1;
                this.addNoticeAt(room, highest, {
                    text: t('search.gap'), kind: 'gap',
                    action: { label: t('notice.gap.load'),
                              run: () => this.fillGap(room, highest + 1, to) } });
            }
        }
        this.emit('history', { room, purpose: 'around', hadMessages });
        if (room.seqs.has(request.seq))
            this.emit('found', { room, seq: request.seq });
    }

    addNoticeAt(room, after, notice) {
        const { index } = room.addNotice(notice, after);
        this.emit('item', { room, index, scroll: '' });
    }

    // ---- our presence status

    // status: online, away or dnd. manual: chosen by hand (idle and input then leave it alone;
    // online by hand lets the idle timer work again).
    setStatus(status, { manual = true } = {}) {
        if (!Statuses.includes(status))
            return;
        this.statusManual = manual && status !== 'online';
        if (status === this.myStatus)
            return;
        this.myStatus = status;
        for (const room of this.rooms.values())
            room.statuses?.set(this.me.name, status);
        this.sendStatus();
        this.emit('mystatus', { status, manual: this.statusManual });
    }

    sendStatus() {
        const id = this.conn.request({ type: 'status', status: this.myStatus });
        if (id)
            this.requests.set(id, { what: 'status', status: this.myStatus });
    }

    // Somebody used the page: back from an idle away (not from one set by hand).
    noteInput(now = Date.now()) {
        this.lastInput = now;
        if (this.myStatus === 'away' && !this.statusManual && this.signedIn)
            this.setStatus('online', { manual: false });
    }

    // Called now and then: away after the idle time (settings.idleMinutes, 0: never).
    checkIdle(now = Date.now()) {
        const minutes = this.settings.idleMinutes;
        if (!minutes || this.myStatus !== 'online' || !this.conn.ready)
            return;
        if (now - this.lastInput >= minutes * 60000)
            this.setStatus('away', { manual: false });
    }

    setIdleMinutes(minutes) {
        this.settings = { ...this.settings, idleMinutes: minutes };
        this.store.saveSettings(this.settings);
    }

    // The status of somebody in a room (ours as we set it).
    statusIn(room, name) {
        if (name === this.me.name)
            return this.myStatus;
        return room?.statuses?.get(name) || 'online';
    }

    // ---- sending

    // What is still on its way is kept in storage, for a reload.
    persistOutbox() {
        if (!this.me.name)
            return;
        const items = [];
        for (const room of this.rooms.values()) {
            for (const p of room.pending.values()) {
                if (p.state === 'pending') {
                    items.push({ room: room.name, peer: room.peer, msgId: p.msgId, text: p.text,
                                 time: p.time, ...(p.attachments ? { attachments: p.attachments }
                                                                 : {}) });
                }
            }
        }
        this.store.saveOutbox(this.me.name, items);
    }

    // After a reload: the messages the page had not got stored, if we are the same person
    // again. Their rooms are joined (or come by themselves, for direct conversations) and the
    // catch-up settles those the server has already; the others are sent again with their msgId.
    restoreOutbox() {
        const outbox = this.store.loadOutbox();
        if (outbox.name !== this.me.name)
            return;
        const saved = this.store.loadRooms();
        for (const item of outbox.items) {
            let room = this.rooms.get(item.room);
            if (!room) {
                if (item.room.startsWith('@') || item.room.startsWith('dm:')) {
                    room = new Room(item.room, 'direct');
                    room.peer = item.peer || directPeer(item.room, this.me.name);
                    if (item.room.startsWith('@')) {
                        room.joined = true;
                        room.catchingUp = false;
                    }
                    this.rooms.set(item.room, room);
                } else if (saved.rooms.includes(item.room)) {
                    room = this.getRoom(item.room, 'public');
                } else {
                    continue;
                }
            }
            const pending = { msgId: item.msgId, text: item.text, state: 'pending', error: '',
                              time: Number(item.time) || Date.now() };
            if (Array.isArray(item.attachments))
                pending.attachments = item.attachments.filter((a) => typeof a?.id === 'string');
            room.pending.set(item.msgId, pending);
        }
    }

    // Sends text to the room shown. It waits, marked, while the connection is down. replyTo: the
    // seq of the message it answers (0: none). attachments: uploaded files ({id, name, ...}, the
    // upload's answers), sent by id; the text may then be empty. room: another room than the one
    // shown (a message that waited for its uploads).
    sendText(text, { replyTo = 0, attachments = [], room = this.activeRoom } = {}) {
        if (!room)
            return;
        const pending = { msgId: newMsgId(), text, state: 'pending', error: '', time: Date.now() };
        if (replyTo > 0)
            pending.replyTo = replyTo;
        if (attachments.length > 0)
            pending.attachments = attachments;
        room.pending.set(pending.msgId, pending);
        this.persistOutbox();
        this.emit('pending', { room, pending, change: 'added' });
        this.transmit(room, pending);
    }

    transmit(room, pending) {
        if (!this.conn.ready || !room.joined || room.catchingUp || pending.inFlight)
            return; // stays pending: sent when the room is joined again
        const frame = room.name.startsWith('@')
            ? { type: 'direct', to: room.peer, text: pending.text, msgId: pending.msgId }
            : { type: 'send', room: room.name, text: pending.text, msgId: pending.msgId };
        if (pending.replyTo)
            frame.replyTo = pending.replyTo;
        if (pending.attachments?.length)
            frame.attachments = pending.attachments.map((a) => a.id);
        const id = this.conn.request(frame);
        if (id) {
            pending.inFlight = true;
            this.requests.set(id, { what: 'send', room: room.name, msgId: pending.msgId });
        }
    }

    // Sends again (same msgId: the server stores it once) what is still waiting for its ack.
    flushPending(room) {
        for (const pending of room.pending.values()) {
            if (pending.state === 'pending')
                this.transmit(room, pending);
        }
    }

    retry(room, msgId) {
        const pending = room.pending.get(msgId);
        if (!pending)
            return;
        pending.state = 'pending';
        pending.error = '';
        pending.inFlight = false;
        this.emit('pending', { room, pending, change: 'changed' });
        this.persistOutbox();
        this.transmit(room, pending);
    }

    // Whether we are writing in the room shown; others see it until we stop or go quiet.
    setComposing(composing) {
        const room = this.activeRoom;
        clearTimeout(this.typing.timer);
        if (composing)
            this.typing.timer = setTimeout(() => this.setComposing(false), TypingIdleMs);
        if (!room || !room.joined || room.name.startsWith('@') || composing === this.typing.sent)
            return;
        this.typing.sent = composing;
        this.typing.room = room.name;
        this.conn.send({ type: 'typing', room: room.name, active: composing });
    }

    stopComposing() {
        clearTimeout(this.typing.timer);
        if (this.typing.sent && this.typing.room)
            this.conn.send({ type: 'typing', room: this.typing.room, active: false });
        this.typing.sent = false;
    }

    // ---- history pages

    loadOlder() {
        const room = this.activeRoom;
        if (!room || !room.joined || !room.more || room.loadingOlder || room.catchingUp)
            return;
        const frame = { type: 'history', room: room.name, limit: HistoryPage };
        if (room.oldestSeq)
            frame.before = room.oldestSeq;
        const id = this.conn.request(frame);
        if (!id)
            return;
        room.loadingOlder = true;
        this.requests.set(id, { what: 'older', room: room.name });
        this.emit('historyedge', { room });
    }

    // ---- moderation

    // action: kick, mute (in the room shown), mute-all, ban or revoke_tokens. Minutes for mutes
    // and bans (0: no end), a reason for kicks and bans.
    moderate(action, user, { minutes = 0, reason = '' } = {}) {
        const frame = { type: action === 'mute-all' ? 'mute' : action, user };
        if (action === 'mute')
            frame.room = this.active;
        if ((action === 'mute' || action === 'mute-all' || action === 'ban') && minutes > 0)
            frame.minutes = minutes;
        if (['kick', 'ban', 'mute', 'mute-all'].includes(action) && reason)
            frame.reason = reason;
        this.requestModeration(frame, { action, user, minutes, room: frame.room || '' });
    }

    deleteMessage(room, seq) {
        this.requestModeration({ type: 'delete', room, seq }, { action: 'delete', room });
    }

    // What was asked is kept with the request: its answer ("done") only names the action.
    requestModeration(frame, asked) {
        const id = this.conn.request(frame);
        if (id)
            this.requests.set(id, { what: 'moderation', ...asked, at: Date.now() });
    }

    // ---- moderation tools (§13): the sanctions in force, the audit log, topics and roles

    // A page of the active bans and mutes, newest first; after: the `next` of the page before.
    listSanctions(after = '') {
        // No limit: pages as large as the server allows (sanctions/max-page).
        const frame = { type: 'sanctions' };
        if (after)
            frame.after = after;
        const id = this.conn.request(frame);
        if (id)
            this.requests.set(id, { what: 'sanctions', after });
        return Boolean(id);
    }

    onSanctions(frame, request) {
        if (!Array.isArray(frame.sanctions))
            return;
        const text = (value) => (typeof value === 'string' ? value : '');
        const sanctions = frame.sanctions
            .filter((s) => s && (s.kind === 'ban' || s.kind === 'mute')
                    && (typeof s.user === 'string' || typeof s.address === 'string'))
            .map((s) => ({ kind: s.kind, user: text(s.user), address: text(s.address),
                           room: text(s.room), reason: text(s.reason), by: text(s.by),
                           since: hasTime(s.since) ? s.since : 0,
                           until: hasTime(s.until) ? s.until : 0 }));
        this.emit('sanctions', { sanctions, more: frame.more === true && sanctions.length > 0,
                                 next: text(frame.next), append: Boolean(request?.after) });
    }

    // A page of the audit log, newest first. filter: {actor, target, action, since, until}
    // (times in ms since the epoch); before: the last id of the page before.
    readAudit(filter = {}, before = 0) {
        const frame = { type: 'audit' }; // pages of audit/max-page
        for (const key of ['actor', 'target', 'action']) {
            if (filter[key])
                frame[key] = filter[key];
        }
        for (const key of ['since', 'until']) {
            if (hasTime(filter[key]))
                frame[key] = filter[key];
        }
        if (before > 0)
            frame.before = before;
        const id = this.conn.request(frame);
        if (id)
            this.requests.set(id, { what: 'audit', filter, before });
        return Boolean(id);
    }

    onAudit(frame, request) {
        if (!Array.isArray(frame.entries))
            return;
        const text = (value) => (typeof value === 'string' ? value : '');
        const entries = frame.entries
            .filter((e) => e && Number.isSafeInteger(e.id) && typeof e.action === 'string')
            .map((e) => ({ id: e.id, time: hasTime(e.time) ? e.time : 0, actor: text(e.actor),
                           action: e.action, target: text(e.target), room: text(e.room),
                           detail: text(e.detail) }));
        this.emit('audit', { entries, more: frame.more === true && entries.length > 0,
                             append: (request?.before || 0) > 0, filter: request?.filter || {} });
    }

    // Ends a ban or a mute early: a sanction as listed by `sanctions`.
    lift(sanction) {
        const frame = { type: 'lift', what: sanction.kind };
        if (sanction.user)
            frame.user = sanction.user;
        else
            frame.address = sanction.address;
        if (sanction.kind === 'mute' && sanction.room)
            frame.room = sanction.room;
        this.requestModeration(frame, { action: 'lift', lifted: sanction.kind,
                                        user: sanction.user || sanction.address,
                                        room: frame.room || '' });
    }

    setTopic(room, topic) {
        this.requestModeration({ type: 'set_topic', room, topic }, { action: 'set_topic', room });
    }

    // Admins only: the room's new name (rename_room).
    requestRename(room, name) {
        this.requestModeration({ type: 'rename_room', room, name },
                               { action: 'rename_room', room, name });
    }

    // Takes an account out of a private room (remove_member).
    removeMember(room, user) {
        this.requestModeration({ type: 'remove_member', room, user },
                               { action: 'remove_member', room, user });
    }

    // Admins only: role is 'moderator' or 'member'.
    setRole(user, role) {
        this.roles.delete(user.toLowerCase()); // asked again with whois once changed
        this.requestModeration({ type: 'set_role', user, role },
                               { action: 'set_role', user, role });
    }

    // An admin changed our role: the moderation buttons follow at once.
    onRole(frame) {
        if (frame.role !== 'member' && frame.role !== 'moderator')
            return;
        this.me.role = frame.role;
        this.roles.set(this.me.name.toLowerCase(), frame.role);
        this.addNotice(this.activeRoom, t(`notice.role.${frame.role}`,
                                          { by: frame.by || 'server' }));
        this.emit('role', { role: frame.role });
    }
}

function clearTypers(room) {
    for (const timer of room.typers.values())
        clearTimeout(timer);
    room.typers.clear();
}

// The last seq a catch-up page covers: its messages' seqs and its changes' own numbers.
function lastSeqOf(frame, fallback) {
    const changes = Array.isArray(frame.changes) ? frame.changes : [];
    return highestSeq([...frame.messages, ...changes.map((c) => ({ seq: c?.at }))], fallback);
}

function highestSeq(messages, fallback) {
    const seqs = messages.map((m) => m?.seq).filter(Number.isSafeInteger);
    return seqs.length ? Math.max(...seqs) : fallback;
}

// The answer to one of our moderation requests, in words: who, where and until when.
function doneText(request) {
    if (request?.what !== 'moderation')
        return t('done.other');
    const until = request.minutes > 0 ? formatDateTime(request.at + request.minutes * 60000) : '';
    const values = { user: request.user, room: `#${request.room}`, until,
                     name: `#${request.name || ''}` };
    const timed = until ? 'Until' : '';
    switch (request.action) {
    case 'kick': return t('done.kick', values);
    case 'ban': return t(`done.ban${timed}`, values);
    case 'mute': return t(`done.mute${timed}`, values);
    case 'mute-all': return t(`done.muteAll${timed}`, values);
    case 'revoke_tokens': return t('done.revoke_tokens', values);
    case 'delete': return t('done.delete', values);
    case 'lift': return t(request.lifted === 'mute' ? `done.liftMute${request.room ? 'Room' : ''}`
                                                    : 'done.liftBan', values);
    case 'set_topic': return t('done.set_topic', values);
    case 'rename_room': return t('done.rename_room', values);
    case 'remove_member': return t('done.remove_member', values);
    case 'set_role': return t(`done.set_role.${request.role}`, values);
    default: return t('done.other');
    }
}

// A sanction event in words: "You were kicked by mina: spam".
export function sanctionText({ action, by, reason, until, room, lifted }) {
    const values = { by: by || 'server', room: `#${room}`,
                     until: hasTime(until) ? formatDateTime(until) : '' };
    const timed = hasTime(until) ? 'Until' : '';
    let key;
    if (action === 'mute')
        key = `sanction.mute${room ? 'Room' : ''}${timed}`;
    else if (action === 'ban')
        key = `sanction.ban${timed}`;
    else if (action === 'lift')
        key = lifted === 'mute' ? `sanction.liftMute${room ? 'Room' : ''}` : 'sanction.liftBan';
    else
        key = `sanction.${action}`;
    const text = t(key, values);
    return reason ? t('sanction.why', { text, reason }) : t('sanction.plain', { text });
}

// A presence status as the server sends it (absent: online).
function statusOf(status) {
    return Statuses.includes(status) ? status : 'online';
}

// A count or seq from the server (anything else: 0).
function countOf(value) {
    return Number.isSafeInteger(value) && value > 0 ? value : 0;
}
