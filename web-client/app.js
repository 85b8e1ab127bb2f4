// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The Sori web client: protocol v1 (docs/protocol.md) over one WebSocket to /ws.
// connection.js keeps the socket up and signs in; model.js holds each conversation; this file
// turns frames into state and state into the page. Everything people wrote reaches the page
// through textContent only, never as HTML.

import { Connection } from './connection.js';
import { formatDateTime, formatTime, t, translatePage } from './i18n.js';
import { Room, directPeer, newMsgId } from './model.js';
import { clearSession, loadOutbox, loadRooms, loadSession, saveAccount, saveGuest, saveOutbox,
         saveRooms } from './storage.js';

const DefaultRoom = 'lobby';
const TypingIdleMs = 3000;
const TypingShownMs = 6000;
const HistoryPage = 50;
const MaxHistoryPage = 200;
const NearTopPx = 60;
const BusyRetryMs = 1000; // a page the server was too busy for is asked for again after this

const $ = (id) => document.getElementById(id);
const ui = {
    banner: $('banner'), bannerText: $('banner-text'), bannerAction: $('banner-action'),
    me: $('me'), meName: $('me-name'), meRole: $('me-role'),
    notify: $('notify'), signout: $('signout'),
    notifyDrawer: $('notify-drawer'), signoutDrawer: $('signout-drawer'),
    toggleRooms: $('toggle-rooms'), toggleMembers: $('toggle-members'),
    totalUnread: $('total-unread'),
    signinForm: $('signin-form'), signinHint: $('signin-hint'), signinName: $('signin-name'),
    signinNameLabel: $('signin-name-label'), passwordRow: $('password-row'),
    signinPassword: $('signin-password'), signinSubmit: $('signin-submit'),
    signinError: $('signin-error'),
    roomList: $('room-list'), dmList: $('dm-list'), dmEmpty: $('dm-empty'),
    roomForm: $('room-form'), roomName: $('room-name'), roomKind: $('room-kind'),
    createRoom: $('create-room'), suggestions: $('room-suggestions'), newTopic: $('new-topic'),
    browse: $('browse'), browseList: $('browse-list'), browseSearch: $('browse-search'),
    roomTitle: $('room-title'), roomKindLabel: $('room-kind-label'), roomTopic: $('room-topic'),
    leaveRoom: $('leave-room'), inviteForm: $('invite-form'), inviteName: $('invite-name'),
    scroller: $('scroller'), loadOlder: $('load-older'), historyStart: $('history-start'),
    messages: $('messages'), typing: $('typing'), jumpNew: $('jump-new'),
    composer: $('composer'), message: $('message'), send: $('send'),
    members: $('members'), memberCount: $('member-count'), peerStatus: $('peer-status'),
    modDialog: $('mod-dialog'), modForm: $('mod-form'), modTitle: $('mod-title'),
    modFields: $('mod-fields'), modAction: $('mod-action'), modMinutes: $('mod-minutes'),
    modReason: $('mod-reason'), modQuote: $('mod-quote'), modCancel: $('mod-cancel'),
    modMinutesRow: $('mod-minutes-row'), modReasonRow: $('mod-reason-row'),
    modConfirm: $('mod-confirm'),
};

const wsUrl = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
const conn = new Connection(wsUrl);

let me = { name: '', role: 'guest' };
let credentials = null; // how to sign in (again); see signInFrame()
let signinMode = 'guest';
const rooms = new Map(); // key (room name, or "@peer" before a direct conversation exists) -> Room
let active = '';
const requests = new Map(); // request id -> {what, room, ...}
const roles = new Map(); // case-folded name -> role, from whois ('' while asked, 'none': no one)
let typingSent = false;
let typingRoom = '';
let typingTimer = 0;
let bannerTimer = 0;

// ---- small DOM helpers (text only)

function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className)
        node.className = className;
    if (text !== undefined)
        node.textContent = text;
    return node;
}

function isStaff() {
    return me.role === 'moderator' || me.role === 'admin';
}

function isAccount() {
    return me.role !== 'guest';
}

function roomLabel(room) {
    return room.isDirect || room.name.startsWith('@') ? room.peer : `#${room.name}`;
}

function activeRoom() {
    return rooms.get(active) || null;
}

// ---- signing in

function signInFrame() {
    const base = { protocol: 1, client: 'web' };
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

function startSession(next) {
    credentials = next;
    conn.start(signInFrame);
}

function setSigninMode(mode) {
    signinMode = mode;
    for (const tab of document.querySelectorAll('.tabs [role=tab]'))
        tab.setAttribute('aria-selected', String(tab.dataset.mode === mode));
    const guest = mode === 'guest';
    ui.passwordRow.hidden = guest;
    ui.signinNameLabel.textContent = t(guest ? 'signin.nickname' : 'signin.name');
    ui.signinName.placeholder = guest ? 'guest-…' : '';
    ui.signinHint.textContent = t(`signin.${mode}Hint`);
    ui.signinSubmit.textContent = t(`signin.submit.${mode}`);
    ui.signinPassword.autocomplete = mode === 'register' ? 'new-password' : 'current-password';
    ui.signinError.textContent = '';
}

function showView(view) {
    document.body.dataset.view = view;
    const chat = view === 'chat';
    ui.signout.hidden = !chat;
    ui.me.hidden = !chat;
    updateNotifyButton();
    if (!chat) {
        ui.banner.hidden = true;
        ui.signinSubmit.disabled = false;
        ui.signinName.focus();
    }
}

function onSigninSubmit(event) {
    event.preventDefault();
    const name = ui.signinName.value.trim();
    const password = ui.signinPassword.value;
    ui.signinError.textContent = '';
    if (signinMode === 'guest') {
        resetChat();
        startSession({ mode: 'guest', nickname: name });
    } else {
        if (!name || !password) {
            ui.signinError.textContent = t('signin.failed', { message: t('signin.name') });
            return;
        }
        resetChat();
        startSession({ mode: signinMode, name, password });
    }
    ui.signinSubmit.disabled = true;
    ui.signinSubmit.textContent = t('signin.working');
}

function onReady({ welcome }) {
    const previousName = me.name;
    me = { name: welcome.name, role: welcome.role || 'guest' };
    if (credentials.mode === 'guest') {
        credentials = { mode: 'guest', nickname: credentials.nickname, name: welcome.name,
                        resume: typeof welcome.resume === 'string' ? welcome.resume : '' };
        saveGuest(welcome.name, credentials.resume, credentials.nickname);
    } else if (typeof welcome.token === 'string' && welcome.token) {
        credentials = { mode: 'token', token: welcome.token };
        saveAccount(welcome.name, welcome.token);
    }
    ui.signinPassword.value = '';
    ui.meName.textContent = me.name;
    ui.meRole.textContent = t(`role.${me.role}`);
    ui.meRole.dataset.role = me.role;
    document.body.classList.toggle('is-account', isAccount());
    document.body.classList.toggle('is-staff', isStaff());
    document.body.classList.toggle('is-admin', me.role === 'admin');
    ui.roomKind.hidden = !isAccount();
    ui.createRoom.hidden = !isAccount();
    ui.newTopic.hidden = !isAccount();
    showView('chat');

    const reconnect = rooms.size > 0;
    if (reconnect && previousName && previousName !== me.name)
        addNotice(activeRoom(), t('notice.renamed', { name: me.name }));
    for (const room of rooms.values()) {
        room.joined = false;
        clearTypers(room);
    }
    if (!reconnect) {
        restoreOutbox();
        const saved = loadRooms();
        const wanted = saved.rooms.filter((name) => !name.startsWith('dm:'));
        if (!wanted.includes(DefaultRoom) && wanted.length === 0)
            wanted.push(DefaultRoom);
        active = saved.active && (wanted.includes(saved.active) || saved.active.startsWith('dm:'))
            ? saved.active : wanted[0];
        for (const name of wanted)
            joinRoom(name);
        for (const room of rooms.values()) {
            if (room.name.startsWith('@'))
                flushPending(room); // a first direct message, not answered before the reload
        }
    } else {
        for (const room of rooms.values()) {
            if (room.wanted && !room.isDirect && !room.name.startsWith('@'))
                joinRoom(room.name);
            else if (room.name.startsWith('@'))
                flushPending(room);
        }
    }
    listRooms(ui.browseSearch.value.trim());
    renderAll();
}

function onRefused({ error }) {
    ui.signinSubmit.disabled = false;
    setSigninMode(signinMode);
    const code = error.code || '';
    if (credentials?.mode === 'guest' && credentials.resume
        && ['name_taken', 'bad_name', 'bad_field'].includes(code)) {
        // The name could not be taken back: sign in as a guest again, as at first.
        startSession({ mode: 'guest', nickname: credentials.nickname });
        return;
    }
    if (credentials?.mode === 'token' && code === 'bad_token') {
        clearSession();
        resetChat();
        showView('signin');
        setSigninMode('login');
        ui.signinError.textContent = t('signin.expired');
        return;
    }
    const message = error.message || code;
    if (document.body.dataset.view === 'chat' && rooms.size > 0) {
        showBanner('closed', t('banner.closed', { reason: message }), 'again');
        return;
    }
    // A stored token refused for another reason (the server busy, say) stays for the next try.
    if (credentials?.mode !== 'token')
        clearSession();
    resetChat();
    showView('signin');
    ui.signinError.textContent = t('signin.failed', { message });
}

function signOut() {
    if (conn.ready && isAccount())
        conn.request({ type: 'logout' });
    conn.stop();
    credentials = null;
    clearSession();
    resetChat();
    me = { name: '', role: 'guest' };
    setSigninMode(signinMode);
    showView('signin');
}

// ---- connection state and the banner

function showBanner(state, text, action = '') {
    ui.banner.hidden = false;
    ui.banner.dataset.state = state;
    ui.bannerText.textContent = text;
    ui.bannerAction.hidden = !action;
    ui.bannerAction.dataset.action = action;
    if (action)
        ui.bannerAction.textContent = t(action === 'retry' ? 'banner.retry' : 'banner.again');
}

function updateReconnectBanner() {
    if (conn.state !== 'reconnecting')
        return;
    const seconds = Math.max(1, Math.ceil(conn.retryDelay() / 1000));
    showBanner('reconnecting', t('banner.reconnecting', { seconds }), 'retry');
}

function onState({ state, reason }) {
    clearInterval(bannerTimer);
    document.body.dataset.connection = state;
    switch (state) {
    case 'connecting':
    case 'greeting':
        if (document.body.dataset.view === 'chat')
            showBanner('connecting', t(rooms.size ? 'banner.reconnectingNow' : 'banner.connecting'));
        break;
    case 'ready':
        showBanner('connected', t('banner.connected'));
        break;
    case 'reconnecting':
        updateReconnectBanner();
        bannerTimer = setInterval(updateReconnectBanner, 250);
        break;
    case 'offline':
        showBanner('offline', t('banner.offline'), 'retry');
        break;
    case 'closed':
        if (document.body.dataset.view === 'chat')
            showBanner('closed', reason ? t('banner.closed', { reason })
                                        : t('banner.closedPlain'), 'again');
        break;
    default:
        break;
    }
    updateComposer();
    ui.members.parentElement.classList.toggle('stale', state !== 'ready');
}

function onDropped({ code, final }) {
    for (const room of rooms.values()) {
        room.joined = false;
        clearTypers(room);
    }
    typingSent = false;
    renderTyping();
    for (const room of rooms.values()) {
        room.joinPending = '';
        for (const pending of room.pending.values())
            pending.inFlight = false;
    }
    if (final && code === 4002) {
        // An admin revoked this account's sign-ins: the stored token is no good any more.
        clearSession();
        credentials = null;
    }
    updateComposer();
}

function onBannerAction() {
    if (ui.bannerAction.dataset.action === 'retry') {
        conn.reconnectNow();
    } else if (credentials) {
        conn.start(signInFrame);
    } else {
        resetChat();
        showView('signin');
    }
}

// ---- rooms

function getRoom(name, kind) {
    let room = rooms.get(name);
    if (!room) {
        room = new Room(name, kind);
        if (kind === 'direct')
            room.peer = directPeer(name, me.name);
        rooms.set(name, room);
    }
    return room;
}

// Joins (again). A room we already have messages of is joined with `since`: the server sends
// exactly what came after them, and the page adds each seq once whatever way it arrives.
function joinRoom(name, activate = false) {
    const room = getRoom(name, 'public');
    room.wanted = true;
    if (room.joinPending) {
        // One join at a time (a second one during a catch-up is refused): show it when it comes.
        const request = requests.get(room.joinPending);
        if (request && activate)
            request.activate = true;
        return room;
    }
    const frame = { type: 'join', room: name };
    if (room.seqs.size > 0)
        frame.since = room.lastSeq;
    room.catchingUp = true;
    const id = conn.request(frame);
    if (id) {
        requests.set(id, { what: 'join', room: name, activate, since: frame.since });
        room.joinPending = id;
    }
    return room;
}

// Catching up after a rejoin whose missed messages did not fit in the replay: the rest, page by
// page forward from the last one received (`after`) up to the room's last message at the join
// (`through`). Live messages (all after `through`) meanwhile go in their place by seq.
function catchUp(room, after, through) {
    if (!room.joined || after >= through)
        return;
    const id = conn.request({ type: 'history', room: room.name, after, before: through + 1,
                              limit: MaxHistoryPage });
    if (id)
        requests.set(id, { what: 'catchup', room: room.name, after, through });
}

function highestSeq(messages, fallback) {
    const seqs = messages.map((m) => m?.seq).filter(Number.isSafeInteger);
    return seqs.length ? Math.max(...seqs) : fallback;
}

function persistRooms() {
    const names = [];
    for (const room of rooms.values()) {
        if (room.wanted && !room.isDirect && !room.name.startsWith('@'))
            names.push(room.name);
    }
    saveRooms(names, active);
}

function selectRoom(key) {
    if (!rooms.has(key))
        return;
    stopTyping();
    active = key;
    const room = rooms.get(key);
    room.unread = 0;
    persistRooms();
    setPanel('');
    renderAll();
    scrollToEnd(true);
    if (room.isDirect || room.name.startsWith('@'))
        requestWhois(room.peer);
    if (matchMedia('(min-width: 760px)').matches)
        ui.message.focus();
}

function openDirect(peer) {
    const folded = peer.toLowerCase();
    for (const room of rooms.values()) {
        if ((room.isDirect || room.name.startsWith('@')) && room.peer.toLowerCase() === folded) {
            selectRoom(room.name);
            return;
        }
    }
    const key = `@${peer}`;
    const draft = new Room(key, 'direct');
    draft.peer = peer;
    draft.joined = true; // nothing to join: the first message creates the conversation
    draft.catchingUp = false;
    rooms.set(key, draft);
    selectRoom(key);
}

function requestWhois(user) {
    if (!user)
        return;
    const id = conn.request({ type: 'whois', user });
    if (id) {
        requests.set(id, { what: 'whois', user });
        if (!roles.has(user.toLowerCase()))
            roles.set(user.toLowerCase(), '');
    }
}

function leaveActiveRoom() {
    const room = activeRoom();
    if (!room || room.isDirect)
        return;
    room.wanted = false;
    if (room.name.startsWith('@') || !room.joined)
        forgetRoom(room.name);
    else
        conn.request({ type: 'leave', room: room.name });
}

function forgetRoom(name) {
    rooms.delete(name);
    if (active === name)
        active = rooms.has(DefaultRoom) ? DefaultRoom : (rooms.keys().next().value || '');
    persistRooms();
    renderAll();
}

// ---- frames from the server

function onFrame({ frame }) {
    const request = frame.id ? requests.get(frame.id) : undefined;
    if (request && frame.type !== 'joined')
        requests.delete(frame.id);
    switch (frame.type) {
    case 'joined': onJoined(frame, request); break;
    case 'history': onHistory(frame, request); break;
    case 'message': onMessage(frame); break;
    case 'ack': onAck(frame); break;
    case 'presence': onPresence(frame); break;
    case 'typing': onTyping(frame); break;
    case 'deleted': onDeleted(frame); break;
    case 'gap': onGap(frame); break;
    case 'rooms': onRooms(frame, request); break;
    case 'room_changed': onRoomChanged(frame); break;
    case 'user': onUser(frame); break;
    case 'slow_down': onSlowDown(frame); break;
    case 'left':
        if (frame.room && rooms.get(frame.room)?.wanted === false)
            forgetRoom(frame.room);
        break;
    case 'done':
        addNotice(activeRoom(), t('notice.done', { action: frame.action || '' }));
        break;
    case 'invited':
        addNotice(activeRoom(), t('notice.invited', { name: frame.user, room: `#${frame.room}` }));
        break;
    case 'error': onError(frame, request); break;
    default: break; // newer servers may send more kinds
    }
    if (['message', 'ack', 'history', 'error', 'joined'].includes(frame.type))
        persistOutbox();
}

function onJoined(frame, request) {
    if (typeof frame.room !== 'string')
        return;
    const kind = typeof frame.kind === 'string' ? frame.kind : 'public';
    let room = rooms.get(frame.room);
    if (!room && kind === 'direct')
        room = adoptDraft(frame.room);
    room ||= getRoom(frame.room, kind);
    const first = !room.everJoined;
    room.kind = kind;
    room.topic = frame.topic || '';
    room.joined = true;
    room.everJoined = true;
    if (room.isDirect && !room.peer)
        room.peer = directPeer(room.name, me.name);
    room.members = new Map((frame.members || []).map((m) => [m.name, m.kind]));
    room.catchingUp = true;
    if (request && Number.isSafeInteger(frame.seq))
        request.seq = frame.seq; // the last message the catch-up brings
    if (first && !room.isDirect)
        addNotice(room, t('notice.youJoined', { room: `#${room.name}`, name: me.name }));
    if (!active || (request?.activate && active !== room.name))
        active = room.name;
    persistRooms();
    renderSidebar();
    if (room.name === active)
        renderRoom();
}

// The first direct message to somebody creates the conversation: the draft we typed into becomes
// the real room ("dm:a:b").
function adoptDraft(name) {
    const peer = directPeer(name, me.name);
    for (const [key, draft] of rooms) {
        if (key.startsWith('@') && draft.peer.toLowerCase() === peer) {
            rooms.delete(key);
            const room = new Room(name, 'direct');
            room.peer = draft.peer;
            room.pending = draft.pending;
            room.items = draft.items.filter((i) => i.notice);
            rooms.set(name, room);
            if (active === key)
                active = name;
            return room;
        }
    }
    return null;
}

function onHistory(frame, request) {
    const room = rooms.get(frame.room);
    if (!room || !Array.isArray(frame.messages))
        return;
    const purpose = request?.what || 'join'; // no id: a direct conversation at sign-in
    const hadMessages = room.seqs.size > 0;
    const isActive = room.name === active;
    const stick = isActive && nearEnd();
    const heightBefore = ui.scroller.scrollHeight;
    const topBefore = ui.scroller.scrollTop;
    let added = 0;
    for (const message of frame.messages) {
        if (!message || (message.room !== undefined && message.room !== room.name))
            continue;
        const message2 = { ...message, room: room.name };
        const own = message2.from === me.name;
        if (own && message2.msgId && room.pending.has(message2.msgId))
            room.pending.delete(message2.msgId); // stored before the connection dropped
        if (room.addMessage(message2) >= 0) {
            added += 1;
            if (hadMessages && (purpose === 'join' || purpose === 'catchup') && !own)
                countUnread(room, message2, false);
        }
    }
    if (purpose === 'join') {
        room.joinPending = '';
        if (!hadMessages)
            room.more = Boolean(frame.more);
        room.catchingUp = false;
        if (isActive)
            renderMessages();
        flushPending(room);
        if (isActive)
            scrollToEnd(stick || !hadMessages);
        // A replay that did not fit in one frame: the rest follows page by page.
        if (frame.more && request?.since !== undefined && Number.isSafeInteger(request.seq))
            catchUp(room, highestSeq(frame.messages, request.since), request.seq);
    } else if (purpose === 'catchup') {
        if (isActive) {
            renderMessages();
            scrollToEnd(stick);
        }
        const after = highestSeq(frame.messages, request.after);
        if (frame.more && after > request.after)
            catchUp(room, after, request.through);
    } else if (purpose === 'older') {
        room.more = Boolean(frame.more);
        room.loadingOlder = false;
        if (isActive) {
            renderMessages();
            ui.scroller.scrollTop = topBefore + (ui.scroller.scrollHeight - heightBefore);
        }
    } else if (purpose === 'fill') {
        if (isActive) {
            renderMessages();
            ui.scroller.scrollTop = topBefore + (ui.scroller.scrollHeight - heightBefore);
        }
        const seqs = frame.messages.map((m) => m.seq).filter(Number.isSafeInteger);
        const lowest = seqs.length ? Math.min(...seqs) : 0;
        if (added > 0 && frame.more && lowest > request.from)
            fillGap(room, request.from, lowest - 1);
    }
    renderSidebar();
}

function onMessage(frame) {
    if (typeof frame.room !== 'string')
        return;
    const room = rooms.get(frame.room) || getRoom(frame.room,
                                                  frame.room.startsWith('dm:') ? 'direct' : 'public');
    const own = frame.from === me.name;
    if (own && frame.msgId && room.pending.has(frame.msgId)) {
        room.pending.delete(frame.msgId);
        removePendingElement(room, frame.msgId);
    }
    const stick = room.name === active && (own || nearEnd());
    const index = room.addMessage(frame);
    if (index < 0)
        return;
    if (room.isDirect && !own)
        room.peer = frame.from;
    const typer = room.typers.get(frame.from);
    if (typer !== undefined) {
        clearTimeout(typer);
        room.typers.delete(frame.from);
        renderTyping();
    }
    if (room.name === active)
        insertItemElement(room, index);
    if (!own)
        countUnread(room, frame, true);
    if (room.name === active) {
        scrollToEnd(stick);
        if (!stick)
            ui.jumpNew.hidden = false; // scrolled up, reading: say where the new one is
    }
    renderSidebar();
}

function onAck(frame) {
    const room = rooms.get(frame.room);
    if (!room || !frame.msgId)
        return;
    const pending = room.pending.get(frame.msgId);
    if (!pending)
        return;
    room.pending.delete(frame.msgId);
    removePendingElement(room, frame.msgId);
    // Normally our own message event came first; if not, show it from what we sent.
    const index = room.addMessage({ type: 'message', room: room.name, seq: frame.seq,
                                    from: me.name, text: pending.text, time: pending.time,
                                    msgId: frame.msgId });
    if (index >= 0 && room.name === active) {
        insertItemElement(room, index);
        scrollToEnd(true);
    }
}

function onPresence(frame) {
    const room = rooms.get(frame.room);
    if (!room || !frame.member || typeof frame.member.name !== 'string')
        return;
    const name = frame.member.name;
    if (frame.change === 'joined') {
        room.members.set(name, frame.member.kind);
        if (!room.isDirect)
            addNotice(room, t('notice.joined', { name }));
    } else if (frame.change === 'left') {
        room.members.delete(name);
        clearTimeout(room.typers.get(name));
        room.typers.delete(name);
        const why = frame.reason && frame.reason !== 'left' ? t(`reason.${frame.reason}`) : '';
        if (!room.isDirect)
            addNotice(room, why ? t('notice.leftWhy', { name, why }) : t('notice.left', { name }));
    }
    if (room.name === active) {
        renderMembers();
        renderTyping();
    }
}

function onTyping(frame) {
    const room = rooms.get(frame.room);
    if (!room || frame.user === me.name)
        return;
    clearTimeout(room.typers.get(frame.user));
    room.typers.delete(frame.user);
    if (frame.active) {
        room.typers.set(frame.user, setTimeout(() => {
            room.typers.delete(frame.user);
            renderTyping();
        }, TypingShownMs));
    }
    if (room.name === active)
        renderTyping();
}

function onDeleted(frame) {
    const room = rooms.get(frame.room);
    if (!room)
        return;
    const index = room.markDeleted(frame.seq, frame.by);
    if (index >= 0 && room.name === active) {
        const old = ui.messages.querySelector(`li.message[data-seq="${Number(frame.seq)}"]`);
        old?.replaceWith(renderItem(room, room.items[index]));
    }
}

function onGap(frame) {
    const room = rooms.get(frame.room);
    if (!room || !Number.isSafeInteger(frame.from) || !Number.isSafeInteger(frame.to))
        return;
    const reason = frame.reason === 'retention' ? 'retention' : 'limit';
    const notice = { text: t(`notice.gap.${reason}`, { from: frame.from, to: frame.to }),
                     kind: 'gap' };
    if (reason === 'limit')
        notice.action = { label: t('notice.gap.load'), run: () => fillGap(room, frame.from,
                                                                           frame.to) };
    const { index } = room.addNotice(notice, frame.from - 1);
    if (room.name === active)
        insertItemElement(room, index);
}

function fillGap(room, from, to) {
    if (!room.joined || to < from)
        return;
    const id = conn.request({ type: 'history', room: room.name, before: to + 1,
                              limit: Math.min(MaxHistoryPage, to - from + 1) });
    if (id)
        requests.set(id, { what: 'fill', room: room.name, from, to });
}

// The room directory, a page at a time (a server may have 100,000 rooms), searched by name.
const BrowsePage = 100;

function listRooms(query, after = '') {
    const frame = { type: 'list_rooms', limit: BrowsePage };
    if (query)
        frame.query = query;
    if (after)
        frame.after = after;
    const id = conn.request(frame);
    if (id)
        requests.set(id, { what: 'rooms', query, after });
}

function onRoomChanged(frame) {
    const room = rooms.get(frame.room);
    if (!room || typeof frame.room !== 'string')
        return;
    const names = { room: `#${frame.room}`, by: frame.by || '' };
    if (frame.change === 'deleted') {
        room.wanted = false;
        forgetRoom(frame.room);
        addNotice(activeRoom(), t('notice.roomDeleted', names));
    } else if (frame.change === 'archived') {
        addNotice(room, t('notice.roomArchived', names));
    }
}

function onRooms(frame, request) {
    if (!Array.isArray(frame.rooms))
        return;
    const query = request?.query || '';
    if (query !== ui.browseSearch.value.trim())
        return; // the answer to an older search
    const append = Boolean(request?.after);
    const items = [];
    const options = [];
    for (const info of frame.rooms) {
        if (!info || typeof info.name !== 'string')
            continue;
        const item = el('li', 'browse-room');
        const button = el('button', 'link-button', `#${info.name}`);
        button.type = 'button';
        button.addEventListener('click', () => {
            if (rooms.get(info.name)?.joined)
                selectRoom(info.name);
            else
                joinRoom(info.name, true);
            ui.browse.open = false;
        });
        const meta = el('span', 'browse-meta',
                        `${t(`rooms.kind.${info.kind}`)} · ${t('rooms.online',
                                                              { count: info.online ?? 0 })}`);
        item.append(button, meta);
        if (info.topic)
            item.append(el('span', 'browse-topic', info.topic));
        items.push(item);
        const option = document.createElement('option');
        option.value = info.name;
        options.push(option);
    }
    ui.browseList.querySelector('.browse-more')?.remove();
    if (frame.more === true && frame.rooms.length > 0) {
        const last = frame.rooms[frame.rooms.length - 1].name;
        const item = el('li', 'browse-more');
        const button = el('button', 'link-button', t('rooms.more'));
        button.type = 'button';
        button.addEventListener('click', () => listRooms(query, last));
        item.append(button);
        items.push(item);
    }
    if (append) {
        ui.browseList.append(...items);
        ui.suggestions.append(...options);
    } else {
        ui.browseList.replaceChildren(...items);
        ui.suggestions.replaceChildren(...options);
    }
}

function onUser(frame) {
    if (typeof frame.name !== 'string')
        return;
    roles.set(frame.name.toLowerCase(), typeof frame.role === 'string' ? frame.role : 'guest');
    const room = activeRoom();
    if (room?.members.has(frame.name))
        renderMembers();
    if (!room || !(room.isDirect || room.name.startsWith('@'))
        || room.peer.toLowerCase() !== String(frame.name).toLowerCase())
        return;
    ui.peerStatus.hidden = false;
    if (frame.online)
        ui.peerStatus.textContent = `${t(`role.${frame.role}`)} · ${t('members.online')}`;
    else if (frame.lastSeen)
        ui.peerStatus.textContent = `${t(`role.${frame.role}`)} · `
                                    + t('members.lastSeen', { time: formatDateTime(frame.lastSeen) });
    else
        ui.peerStatus.textContent = `${t(`role.${frame.role}`)} · ${t('members.offline')}`;
    ui.peerStatus.dataset.online = String(Boolean(frame.online));
}

// Over a rate limit: what was refused meanwhile shows its own error (a message can be retried).
function onSlowDown(frame) {
    const kinds = ['send', 'typing', 'join', 'read', 'create_room'];
    const kind = kinds.includes(frame.kind) ? frame.kind : 'send';
    const seconds = Math.max(1, Math.ceil((Number(frame.wait) || 0) / 1000));
    addNotice(activeRoom(), t('notice.slowDown', { what: t(`rate.${kind}`), seconds }), 'error');
}

function onError(frame, request) {
    const message = frame.message || frame.code || '';
    const code = frame.code || '';
    if (request?.what === 'send') {
        const room = rooms.get(request.room);
        const pending = room?.pending.get(request.msgId);
        if (pending) {
            pending.state = 'error';
            pending.inFlight = false;
            pending.error = message;
            replacePendingElement(room, pending);
        }
        return;
    }
    if (request?.what === 'join') {
        const room = rooms.get(request.room);
        if (room)
            room.joinPending = '';
        if (room && !room.everJoined) {
            rooms.delete(request.room);
            if (active === request.room)
                active = rooms.has(DefaultRoom) ? DefaultRoom : (rooms.keys().next().value || '');
            persistRooms();
            renderAll();
        } else if (room) {
            room.catchingUp = false;
            // Shut out for good (not invited, banned): stop trying at each reconnect.
            if (['not_member', 'banned', 'bad_room', 'forbidden', 'no_such_room',
                 'archived'].includes(code))
                room.wanted = false;
        }
    }
    if (request?.what === 'older') {
        const room = rooms.get(request.room);
        if (room)
            room.loadingOlder = false;
    }
    if (request?.what === 'catchup' && code === 'busy') {
        const room = rooms.get(request.room);
        if (room)
            setTimeout(() => catchUp(room, request.after, request.through), BusyRetryMs);
        return;
    }
    if (request?.what === 'whois') {
        roles.set(request.user.toLowerCase(), 'none');
        return;
    }
    addNotice(activeRoom(), t('notice.error', { message, code }), 'error');
}

// ---- unread counts and notifications

function countUnread(room, message, live) {
    if (room.name !== active || document.hidden) {
        room.unread += 1;
        updateTitle();
    }
    if (live && document.hidden && 'Notification' in window
        && Notification.permission === 'granted') {
        const title = room.isDirect ? t('notify.titleDirect', { from: message.from })
            : t('notify.title', { from: message.from, room: `#${room.name}` });
        try {
            const notification = new Notification(title, {
                body: message.text.length > 200 ? `${message.text.slice(0, 200)}…` : message.text,
                tag: `sori-${room.name}`, icon: 'sori.svg',
            });
            notification.addEventListener('click', () => {
                window.focus();
                selectRoom(room.name);
                notification.close();
            });
        } catch {
            // some browsers only allow notifications from a service worker
        }
    }
}

function updateTitle() {
    let total = 0;
    for (const room of rooms.values())
        total += room.unread;
    document.title = total ? `(${total}) Sori` : 'Sori';
    ui.totalUnread.hidden = total === 0;
    ui.totalUnread.textContent = String(total);
}

function updateNotifyButton() {
    const hidden = !('Notification' in window) || Notification.permission !== 'default'
                   || document.body.dataset.view !== 'chat';
    ui.notify.hidden = hidden;
    ui.notifyDrawer.hidden = hidden;
}

// ---- sending

// What is still on its way is kept in localStorage, for a reload.
function persistOutbox() {
    if (!me.name)
        return;
    const items = [];
    for (const room of rooms.values()) {
        for (const p of room.pending.values()) {
            if (p.state === 'pending')
                items.push({ room: room.name, peer: room.peer, msgId: p.msgId, text: p.text,
                             time: p.time });
        }
    }
    saveOutbox(me.name, items);
}

// After a reload: the messages the page had not got stored, if we are the same person again.
// Their rooms are joined (or come by themselves, for direct conversations) and the catch-up
// settles those the server has already; the others are sent again with their msgId.
function restoreOutbox() {
    const outbox = loadOutbox();
    if (outbox.name !== me.name)
        return;
    const saved = loadRooms();
    for (const item of outbox.items) {
        let room = rooms.get(item.room);
        if (!room) {
            if (item.room.startsWith('@') || item.room.startsWith('dm:')) {
                room = new Room(item.room, 'direct');
                room.peer = item.peer || directPeer(item.room, me.name);
                if (item.room.startsWith('@')) {
                    room.joined = true;
                    room.catchingUp = false;
                }
                rooms.set(item.room, room);
            } else if (saved.rooms.includes(item.room)) {
                room = getRoom(item.room, 'public');
            } else {
                continue;
            }
        }
        room.pending.set(item.msgId, { msgId: item.msgId, text: item.text, state: 'pending',
                                       error: '', time: Number(item.time) || Date.now() });
    }
}

function sendText(text) {
    const room = activeRoom();
    if (!room)
        return;
    const pending = { msgId: newMsgId(), text, state: 'pending', error: '', time: Date.now() };
    room.pending.set(pending.msgId, pending);
    persistOutbox();
    ui.messages.append(renderPending(room, pending));
    scrollToEnd(true);
    transmit(room, pending);
}

function transmit(room, pending) {
    if (!conn.ready || !room.joined || room.catchingUp || pending.inFlight)
        return; // stays pending: sent when the room is joined again
    const draft = room.name.startsWith('@');
    const frame = draft ? { type: 'direct', to: room.peer, text: pending.text, msgId: pending.msgId }
        : { type: 'send', room: room.name, text: pending.text, msgId: pending.msgId };
    const id = conn.request(frame);
    if (id) {
        pending.inFlight = true;
        requests.set(id, { what: 'send', room: room.name, msgId: pending.msgId });
    }
}

// Sends again (same msgId: the server stores it once) what is still waiting for its ack.
function flushPending(room) {
    for (const pending of room.pending.values()) {
        if (pending.state === 'pending')
            transmit(room, pending);
    }
}

function retry(room, msgId) {
    const pending = room.pending.get(msgId);
    if (!pending)
        return;
    pending.state = 'pending';
    pending.error = '';
    pending.inFlight = false;
    replacePendingElement(room, pending);
    persistOutbox();
    transmit(room, pending);
}

function setTyping(activeNow) {
    const room = activeRoom();
    clearTimeout(typingTimer);
    if (activeNow)
        typingTimer = setTimeout(() => setTyping(false), TypingIdleMs);
    if (!room || !room.joined || room.name.startsWith('@') || activeNow === typingSent)
        return;
    typingSent = activeNow;
    typingRoom = room.name;
    conn.send({ type: 'typing', room: room.name, active: activeNow });
}

function stopTyping() {
    clearTimeout(typingTimer);
    if (typingSent && typingRoom)
        conn.send({ type: 'typing', room: typingRoom, active: false });
    typingSent = false;
}

// ---- history pages

function maybeLoadOlder() {
    const room = activeRoom();
    if (!room || !room.joined || !room.more || room.loadingOlder || room.catchingUp)
        return;
    const frame = { type: 'history', room: room.name, limit: HistoryPage };
    if (room.oldestSeq)
        frame.before = room.oldestSeq;
    const id = conn.request(frame);
    if (!id)
        return;
    room.loadingOlder = true;
    requests.set(id, { what: 'older', room: room.name });
    renderHistoryEdge();
}

// ---- rendering

function nearEnd() {
    const s = ui.scroller;
    return s.scrollTop + s.clientHeight >= s.scrollHeight - 40;
}

function scrollToEnd(stick) {
    if (stick) {
        ui.scroller.scrollTop = ui.scroller.scrollHeight;
        ui.jumpNew.hidden = true;
    }
}

function addNotice(room, text, kind = '') {
    if (!room)
        return;
    const { index } = room.addNotice({ text, kind });
    if (room.name === active) {
        const stick = nearEnd();
        insertItemElement(room, index);
        scrollToEnd(stick);
    }
}

function renderAll() {
    renderSidebar();
    renderRoom();
    updateTitle();
}

function renderSidebar() {
    const normal = [];
    const direct = [];
    for (const room of rooms.values()) {
        if (room.isDirect || room.name.startsWith('@'))
            direct.push(room);
        else if (room.wanted)
            normal.push(room);
    }
    normal.sort((a, b) => (a.name === DefaultRoom ? -1 : b.name === DefaultRoom ? 1
        : a.name.localeCompare(b.name)));
    direct.sort((a, b) => a.peer.localeCompare(b.peer));
    ui.roomList.replaceChildren(...normal.map(roomLink));
    ui.dmList.replaceChildren(...direct.map(roomLink));
    ui.dmEmpty.hidden = direct.length > 0;
    updateTitle();
}

function roomLink(room) {
    const item = el('li', 'room-item');
    const button = el('button', 'room-link');
    button.type = 'button';
    button.dataset.room = room.name;
    if (room.name === active)
        button.setAttribute('aria-current', 'true');
    button.append(el('span', 'room-name', roomLabel(room)));
    if (room.kind === 'private' || room.kind === 'announcement')
        button.append(el('span', 'room-tag', t(`rooms.kind.${room.kind}`)));
    if (room.unread > 0) {
        const badge = el('span', 'badge unread', String(room.unread));
        badge.setAttribute('aria-label', t('rooms.unread', { count: room.unread }));
        button.append(badge);
    }
    button.addEventListener('click', () => selectRoom(room.name));
    item.append(button);
    return item;
}

function renderRoom() {
    const room = activeRoom();
    ui.roomTitle.textContent = room ? roomLabel(room) : '';
    ui.roomKindLabel.textContent = room ? t(`rooms.kind.${room.kind}`) : '';
    ui.roomTopic.textContent = room?.topic || '';
    ui.leaveRoom.hidden = !room || room.isDirect;
    ui.inviteForm.hidden = !room || room.kind !== 'private' || !isAccount();
    ui.peerStatus.hidden = true;
    ui.jumpNew.hidden = true;
    ui.messages.setAttribute('aria-label', room ? roomLabel(room) : '');
    renderMessages();
    renderMembers();
    renderTyping();
    updateComposer();
}

function renderMessages() {
    const room = activeRoom();
    if (!room) {
        ui.messages.replaceChildren();
        renderHistoryEdge();
        return;
    }
    const nodes = room.items.map((item) => renderItem(room, item));
    for (const pending of room.pending.values())
        nodes.push(renderPending(room, pending));
    ui.messages.replaceChildren(...nodes);
    renderHistoryEdge();
}

function renderHistoryEdge() {
    const room = activeRoom();
    ui.loadOlder.hidden = !room || !room.more;
    ui.loadOlder.disabled = Boolean(room?.loadingOlder);
    ui.loadOlder.textContent = t(room?.loadingOlder ? 'history.loading' : 'history.older');
    const start = Boolean(room && room.everJoined && !room.more && !room.isDirect);
    ui.historyStart.hidden = !start;
    ui.historyStart.textContent = room ? t('history.start', { room: roomLabel(room) }) : '';
}

// Inserts the element of room.items[index] at its place (the list holds the items in order,
// then our messages still on their way).
function insertItemElement(room, index) {
    const node = renderItem(room, room.items[index]);
    ui.messages.insertBefore(node, ui.messages.children[index] || null);
    renderHistoryEdge();
}

function renderItem(room, item) {
    if (item.notice) {
        const li = el('li', `notice ${item.notice.kind || ''}`.trim(), item.notice.text);
        if (item.notice.action) {
            const button = el('button', 'link-button', item.notice.action.label);
            button.type = 'button';
            button.addEventListener('click', () => {
                button.disabled = true;
                item.notice.action.run();
            });
            li.append(' ', button);
        }
        return li;
    }
    const message = item.message;
    const own = message.from === me.name;
    const li = el('li', own ? 'message own' : 'message');
    li.dataset.seq = String(message.seq);
    if (message.msgId)
        li.dataset.msgid = message.msgId;
    const meta = el('div', 'meta');
    meta.append(el('span', 'from', message.from));
    meta.append(timeElement(message.time));
    if (own) {
        const mark = el('span', 'mark acked', '✓');
        mark.title = t('message.acked');
        mark.setAttribute('aria-label', t('message.acked'));
        meta.append(mark);
    }
    if (isStaff() && !message.deleted && !room.isDirect) {
        const del = el('button', 'link-button delete', t('message.delete'));
        del.type = 'button';
        del.addEventListener('click', () => openDelete(room, message));
        meta.append(del);
    }
    li.append(meta);
    if (message.deleted) {
        li.classList.add('deleted');
        li.append(el('div', 'text tombstone', message.deletedBy
            ? t('message.deletedBy', { name: message.deletedBy }) : t('message.deleted')));
    } else {
        li.append(el('div', 'text', message.text));
    }
    return li;
}

function timeElement(ms) {
    const when = Number.isSafeInteger(ms) ? ms : Date.now();
    const time = el('time', '', formatTime(when));
    time.dateTime = new Date(when).toISOString();
    time.title = formatDateTime(when);
    return time;
}

function renderPending(room, pending) {
    const li = el('li', 'message own pending');
    li.dataset.msgid = pending.msgId;
    li.dataset.state = pending.state;
    const meta = el('div', 'meta');
    meta.append(el('span', 'from', me.name), timeElement(pending.time));
    const failed = pending.state === 'error';
    const mark = el('span', `mark ${failed ? 'failed' : 'pending'}`, failed ? '!' : '…');
    const label = failed ? t('message.failed', { message: pending.error })
        : t('message.pending');
    mark.title = label;
    mark.setAttribute('aria-label', label);
    meta.append(mark);
    li.append(meta, el('div', 'text', pending.text));
    if (failed) {
        const row = el('div', 'send-error');
        row.append(el('span', 'error-text', label));
        const button = el('button', 'link-button retry', t('message.retry'));
        button.type = 'button';
        button.addEventListener('click', () => retry(room, pending.msgId));
        row.append(' ', button);
        li.append(row);
    }
    return li;
}

function pendingElement(msgId) {
    for (const li of ui.messages.querySelectorAll('li.pending')) {
        if (li.dataset.msgid === msgId)
            return li;
    }
    return null;
}

function removePendingElement(room, msgId) {
    if (room.name === active)
        pendingElement(msgId)?.remove();
}

function replacePendingElement(room, pending) {
    if (room.name === active)
        pendingElement(pending.msgId)?.replaceWith(renderPending(room, pending));
}

function renderMembers() {
    const room = activeRoom();
    const names = room ? Array.from(room.members.keys()) : [];
    names.sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
    const items = names.map((name) => {
        const kind = room.members.get(name) || 'other';
        const item = el('li', name === me.name ? 'member me' : 'member');
        item.dataset.name = name;
        item.dataset.kind = kind;
        const role = name === me.name ? me.role : roles.get(name.toLowerCase());
        if (role === undefined && kind !== 'plain' && names.length <= 200)
            requestWhois(name); // once: the role decides what can be offered
        item.append(el('span', 'dot'), el('span', 'member-name', name));
        if (role === 'moderator' || role === 'admin')
            item.append(el('span', `role staff`, t(`role.${role}`)));
        item.append(el('span', 'kind', t(`kind.${kind}`)));
        if (name === me.name) {
            item.append(el('span', 'you', t('members.you')));
        } else {
            // Direct messages go to accounts only.
            if (isAccount() && !room.isDirect && role && role !== 'guest' && role !== 'none') {
                const dm = el('button', 'link-button member-dm', t('members.message'));
                dm.type = 'button';
                dm.title = t('members.messageTo', { name });
                dm.addEventListener('click', () => openDirect(name));
                item.append(dm);
            }
            if (isStaff()) {
                const mod = el('button', 'icon-button member-mod', '⋯');
                mod.type = 'button';
                mod.title = t('members.actions', { name });
                mod.setAttribute('aria-label', mod.title);
                mod.addEventListener('click', () => openModeration(name));
                item.append(mod);
            }
        }
        return item;
    });
    ui.members.replaceChildren(...items);
    ui.memberCount.textContent = String(names.length);
}

function renderTyping() {
    const room = activeRoom();
    const names = room ? Array.from(room.typers.keys()) : [];
    if (names.length === 0)
        ui.typing.textContent = '';
    else if (names.length === 1)
        ui.typing.textContent = t('typing.one', { a: names[0] });
    else if (names.length === 2)
        ui.typing.textContent = t('typing.two', { a: names[0], b: names[1] });
    else
        ui.typing.textContent = t('typing.many');
}

function clearTypers(room) {
    for (const timer of room.typers.values())
        clearTimeout(timer);
    room.typers.clear();
}

function updateComposer() {
    const room = activeRoom();
    const readOnly = room?.kind === 'announcement' && !isStaff();
    // While reconnecting one may still write: the message waits (marked) and goes out later.
    const usable = Boolean(room) && !readOnly && Boolean(credentials);
    ui.message.disabled = !usable;
    ui.send.disabled = !usable;
    ui.message.placeholder = readOnly ? t('composer.readOnly')
        : room ? t('composer.placeholder', { room: roomLabel(room) }) : '';
}

// ---- moderation

let modTarget = null; // {kind: 'user', name} | {kind: 'delete', room, seq}

function openModeration(name) {
    modTarget = { kind: 'user', name };
    ui.modTitle.textContent = t('mod.title', { name });
    ui.modFields.hidden = false;
    ui.modQuote.hidden = true;
    ui.modQuote.textContent = '';
    ui.modReason.value = '';
    ui.modAction.value = 'kick';
    ui.modConfirm.textContent = t('mod.confirm');
    updateModerationFields();
    ui.modDialog.showModal();
}

// Minutes for mutes and bans, a reason for kicks and bans.
function updateModerationFields() {
    const action = ui.modAction.value;
    ui.modMinutesRow.hidden = !['mute', 'mute-all', 'ban'].includes(action);
    ui.modReasonRow.hidden = !['kick', 'ban'].includes(action);
}

function openDelete(room, message) {
    modTarget = { kind: 'delete', room: room.name, seq: message.seq };
    ui.modTitle.textContent = t('mod.deleteTitle');
    ui.modFields.hidden = true;
    ui.modQuote.hidden = false;
    ui.modQuote.textContent = `${message.from}: ${message.text}`;
    ui.modConfirm.textContent = t('mod.deleteConfirm');
    ui.modDialog.showModal();
}

function applyModeration(event) {
    event.preventDefault();
    const target = modTarget;
    ui.modDialog.close();
    if (!target)
        return;
    let frame;
    if (target.kind === 'delete') {
        frame = { type: 'delete', room: target.room, seq: target.seq };
    } else {
        const action = ui.modAction.value;
        const minutes = Math.max(0, Math.floor(Number(ui.modMinutes.value) || 0));
        const reason = ui.modReason.value.trim();
        frame = { type: action === 'mute-all' ? 'mute' : action, user: target.name };
        if (action === 'mute')
            frame.room = active;
        if ((action === 'mute' || action === 'mute-all' || action === 'ban') && minutes > 0)
            frame.minutes = minutes;
        if ((action === 'kick' || action === 'ban') && reason)
            frame.reason = reason;
    }
    const id = conn.request(frame);
    if (id)
        requests.set(id, { what: 'moderation' });
}

// ---- wiring

function onComposerSubmit(event) {
    event.preventDefault();
    const text = ui.message.value;
    if (text.trim() === '' || ui.message.disabled)
        return;
    ui.message.value = '';
    ui.message.rows = 1;
    stopTyping();
    sendText(text);
    ui.message.focus();
}

function wire() {
    conn.addEventListener('state', (e) => onState(e.detail));
    conn.addEventListener('ready', (e) => onReady(e.detail));
    conn.addEventListener('refused', (e) => onRefused(e.detail));
    conn.addEventListener('frame', (e) => onFrame(e.detail));
    conn.addEventListener('dropped', (e) => onDropped(e.detail));

    for (const tab of document.querySelectorAll('.tabs [role=tab]'))
        tab.addEventListener('click', () => setSigninMode(tab.dataset.mode));
    ui.signinForm.addEventListener('submit', onSigninSubmit);
    ui.signout.addEventListener('click', signOut);
    ui.signoutDrawer.addEventListener('click', signOut);
    ui.bannerAction.addEventListener('click', onBannerAction);
    const askForNotifications = async () => {
        try {
            await Notification.requestPermission();
        } finally {
            updateNotifyButton();
        }
    };
    ui.notify.addEventListener('click', askForNotifications);
    ui.notifyDrawer.addEventListener('click', askForNotifications);

    ui.composer.addEventListener('submit', onComposerSubmit);
    ui.message.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing
            && event.keyCode !== 229) {
            event.preventDefault();
            ui.composer.requestSubmit();
        }
    });
    ui.message.addEventListener('input', () => {
        ui.message.rows = Math.min(5, ui.message.value.split('\n').length);
        setTyping(ui.message.value !== '');
    });

    ui.roomForm.addEventListener('submit', (event) => {
        event.preventDefault();
        const name = ui.roomName.value.trim();
        if (!name)
            return;
        ui.roomName.value = '';
        if (rooms.get(name)?.joined) {
            selectRoom(name);
            return;
        }
        joinRoom(name, true);
    });
    ui.createRoom.addEventListener('click', () => {
        const name = ui.roomName.value.trim();
        if (!name)
            return;
        ui.roomName.value = '';
        getRoom(name, ui.roomKind.value).wanted = true;
        const frame = { type: 'create_room', room: name, kind: ui.roomKind.value };
        const topic = ui.newTopic.value.trim();
        if (topic)
            frame.topic = topic;
        ui.newTopic.value = '';
        const id = conn.request(frame);
        if (id)
            requests.set(id, { what: 'join', room: name, activate: true });
    });
    ui.browse.addEventListener('toggle', () => {
        if (ui.browse.open)
            listRooms(ui.browseSearch.value.trim());
    });
    let searchTimer = 0;
    ui.browseSearch.addEventListener('input', () => {
        clearTimeout(searchTimer);
        searchTimer = setTimeout(() => listRooms(ui.browseSearch.value.trim()), 250);
    });
    ui.leaveRoom.addEventListener('click', leaveActiveRoom);
    ui.inviteForm.addEventListener('submit', (event) => {
        event.preventDefault();
        const user = ui.inviteName.value.trim();
        const room = activeRoom();
        if (!user || !room)
            return;
        if (conn.request({ type: 'invite', room: room.name, user }))
            ui.inviteName.value = '';
    });

    ui.scroller.addEventListener('scroll', () => {
        if (ui.scroller.scrollTop < NearTopPx)
            maybeLoadOlder();
        if (!ui.jumpNew.hidden && nearEnd())
            ui.jumpNew.hidden = true;
    }, { passive: true });
    ui.jumpNew.addEventListener('click', () => scrollToEnd(true));
    ui.loadOlder.addEventListener('click', maybeLoadOlder);

    ui.toggleRooms.addEventListener('click', () => togglePanel('rooms'));
    ui.toggleMembers.addEventListener('click', () => togglePanel('people'));

    ui.modForm.addEventListener('submit', applyModeration);
    ui.modAction.addEventListener('change', updateModerationFields);
    ui.modCancel.addEventListener('click', () => ui.modDialog.close());

    document.addEventListener('visibilitychange', () => {
        if (!document.hidden) {
            const room = activeRoom();
            if (room && room.unread) {
                room.unread = 0;
                renderSidebar();
            }
        }
    });
}

function togglePanel(panel) {
    setPanel(document.body.dataset.panel === panel ? '' : panel);
}

// Phone-sized screens: which panel slides over the conversation ('rooms', 'people' or none).
function setPanel(open) {
    document.body.dataset.panel = open;
    ui.toggleRooms.setAttribute('aria-expanded', String(open === 'rooms'));
    ui.toggleMembers.setAttribute('aria-expanded', String(open === 'people'));
}

function resetChat() {
    for (const room of rooms.values())
        clearTypers(room);
    rooms.clear();
    requests.clear();
    roles.clear();
    active = '';
    renderAll();
}

function main() {
    translatePage();
    wire();
    setSigninMode('guest');
    renderAll();
    const session = loadSession();
    if (session?.mode === 'account') {
        showView('chat');
        showBanner('connecting', t('banner.connecting'));
        startSession({ mode: 'token', token: session.token });
    } else if (session?.mode === 'guest' && session.usable) {
        showView('chat');
        showBanner('connecting', t('banner.connecting'));
        startSession({ mode: 'guest', nickname: session.nickname, name: session.name,
                       resume: session.resume });
    } else {
        showView('signin');
        if (session?.mode === 'guest') {
            ui.signinName.value = session.nickname || '';
            ui.signinError.textContent = t('signin.otherTab', { name: session.name });
        }
    }
}

main();
