// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The Sori web page: protocol v1 (subprotocol "sori.v1") over one WebSocket to /ws.
// hello → welcome, join "lobby" → joined (members), then message / presence / typing events.
// Everything people wrote reaches the page through textContent only: never as HTML.

const Room = 'lobby';
const TypingIdleMs = 3000;

const $ = (id) => document.getElementById(id);
const ui = {
    status: $('status'),
    login: $('login'),
    nickname: $('nickname'),
    connect: $('connect'),
    messages: $('messages'),
    typing: $('typing'),
    composer: $('composer'),
    message: $('message'),
    send: $('send'),
    members: $('members'),
    memberCount: $('member-count'),
};

const LeaveReasons = {
    left: 'left',
    closed: 'closed the page',
    network_lost: 'lost the connection',
    timed_out: 'timed out',
    kicked: 'was kicked',
    shutdown: 'server shutdown',
    dropped: 'could not keep up',
};

let socket = null;
let myName = '';
let nextId = 1;
let helloId = '';
let joinId = '';
let joinedRoom = false;
let lastSeq = 0;
const members = new Map(); // name → kind
const typers = new Map(); // name → timer clearing the name after a while
let typingSent = false;
let typingTimer = 0;

function requestId() {
    return String(nextId++);
}

// A UUID v4 for msgId. crypto.randomUUID() exists only in secure contexts (https or localhost);
// getRandomValues() works everywhere.
function uuid() {
    if (crypto.randomUUID && window.isSecureContext)
        return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function setStatus(text, state) {
    ui.status.textContent = text;
    ui.status.dataset.state = state;
}

function setConnectedUi(state) {
    // state: 'idle' | 'connecting' | 'ready'
    const busy = state !== 'idle';
    ui.nickname.disabled = busy;
    ui.connect.textContent = busy ? 'Disconnect' : 'Connect';
    ui.connect.classList.toggle('secondary', busy);
    const ready = state === 'ready';
    ui.message.disabled = !ready;
    ui.send.disabled = !ready;
    ui.message.placeholder = ready ? `Message #${Room} as ${myName}` : 'Connect first';
    document.body.dataset.state = state;
}

function scrollToEnd(stick) {
    if (stick)
        ui.messages.scrollTop = ui.messages.scrollHeight;
}

function nearEnd() {
    const list = ui.messages;
    return list.scrollTop + list.clientHeight >= list.scrollHeight - 24;
}

function formatTime(ms) {
    const date = new Date(ms);
    return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

function appendMessage(event) {
    const stick = nearEnd();
    const item = document.createElement('li');
    item.className = 'message';
    if (event.from === myName)
        item.classList.add('own');
    item.dataset.seq = String(event.seq);

    const head = document.createElement('div');
    head.className = 'meta';
    const from = document.createElement('span');
    from.className = 'from';
    from.textContent = event.from;
    const time = document.createElement('time');
    const when = typeof event.time === 'number' ? event.time : Date.now();
    time.dateTime = new Date(when).toISOString();
    time.title = new Date(when).toLocaleString();
    time.textContent = formatTime(when);
    head.append(from, time);

    const text = document.createElement('div');
    text.className = 'text';
    text.textContent = event.text;

    item.append(head, text);
    ui.messages.appendChild(item);
    scrollToEnd(stick);
}

function appendNotice(text, kind) {
    const stick = nearEnd();
    const item = document.createElement('li');
    item.className = `notice ${kind || ''}`.trim();
    item.textContent = text;
    ui.messages.appendChild(item);
    scrollToEnd(stick);
}

function renderMembers() {
    const names = Array.from(members.keys()).sort((a, b) =>
        a.localeCompare(b, undefined, { sensitivity: 'base' }));
    const items = names.map((name) => {
        const item = document.createElement('li');
        item.className = 'member';
        if (name === myName)
            item.classList.add('me');
        item.dataset.name = name;
        const label = document.createElement('span');
        label.className = 'member-name';
        label.textContent = name;
        const kind = document.createElement('span');
        kind.className = 'kind';
        kind.textContent = members.get(name) || 'other';
        item.append(label, kind);
        return item;
    });
    ui.members.replaceChildren(...items);
    ui.memberCount.textContent = String(names.length);
}

function renderTyping() {
    const names = Array.from(typers.keys());
    if (names.length === 0)
        ui.typing.textContent = '';
    else if (names.length === 1)
        ui.typing.textContent = `${names[0]} is typing…`;
    else if (names.length <= 3)
        ui.typing.textContent = `${names.join(', ')} are typing…`;
    else
        ui.typing.textContent = 'Several people are typing…';
}

function clearTyper(name) {
    clearTimeout(typers.get(name));
    typers.delete(name);
}

function resetRoom() {
    members.clear();
    for (const name of typers.keys())
        clearTyper(name);
    renderMembers();
    renderTyping();
    joinedRoom = false;
    typingSent = false;
    clearTimeout(typingTimer);
}

function sendFrame(frame) {
    if (!socket || socket.readyState !== WebSocket.OPEN)
        return false;
    socket.send(JSON.stringify(frame));
    return true;
}

function setTyping(active) {
    clearTimeout(typingTimer);
    if (active)
        typingTimer = setTimeout(() => setTyping(false), TypingIdleMs);
    if (active === typingSent || !joinedRoom)
        return;
    typingSent = active;
    sendFrame({ type: 'typing', room: Room, active });
}

// ---- Frames from the server

function onWelcome(frame) {
    myName = frame.name;
    setStatus(`Welcome, ${myName}. Joining #${Room}…`, 'connecting');
    joinId = requestId();
    sendFrame({ type: 'join', id: joinId, room: Room });
}

function onJoined(frame) {
    if (frame.room !== Room)
        return;
    joinedRoom = true;
    lastSeq = typeof frame.seq === 'number' ? frame.seq : 0;
    members.clear();
    for (const member of frame.members || [])
        members.set(member.name, member.kind);
    renderMembers();
    setConnectedUi('ready');
    setStatus(`Connected as ${myName} in #${Room}.`, 'connected');
    appendNotice(`You joined #${Room} as ${myName}.`);
    ui.message.focus();
}

function onMessage(frame) {
    if (frame.room !== Room)
        return;
    if (typeof frame.seq === 'number') {
        if (frame.seq <= lastSeq)
            return; // already shown
        lastSeq = frame.seq;
    }
    clearTyper(frame.from);
    renderTyping();
    appendMessage(frame);
}

// The latest stored messages, sent right after "joined" (all of them up to joined.seq).
function onHistory(frame) {
    if (frame.room !== Room || !Array.isArray(frame.messages))
        return;
    for (const message of frame.messages) {
        if (typeof message.seq === 'number' && message.seq <= lastSeq)
            appendMessage(message);
    }
}

function onPresence(frame) {
    if (frame.room !== Room || !frame.member)
        return;
    const name = frame.member.name;
    if (frame.change === 'joined') {
        members.set(name, frame.member.kind);
        appendNotice(`${name} joined.`);
    } else if (frame.change === 'left') {
        members.delete(name);
        clearTyper(name);
        renderTyping();
        const why = LeaveReasons[frame.reason];
        appendNotice(why && frame.reason !== 'left' ? `${name} left (${why}).` : `${name} left.`);
    }
    renderMembers();
}

function onTyping(frame) {
    if (frame.room !== Room || frame.user === myName)
        return;
    clearTyper(frame.user);
    if (frame.active)
        typers.set(frame.user, setTimeout(() => { typers.delete(frame.user); renderTyping(); },
                                          TypingIdleMs * 2));
    renderTyping();
}

function onError(frame) {
    const text = frame.message || 'The server refused the request.';
    const code = frame.code ? ` (${frame.code})` : '';
    if (frame.id && frame.id === helloId) {
        setStatus(`Could not connect: ${text}`, 'error');
        appendNotice(`Could not connect: ${text}${code}`, 'error');
        socket.close(1000, 'hello refused');
        return;
    }
    if (frame.id && frame.id === joinId)
        setStatus(`Could not join #${Room}: ${text}`, 'error');
    appendNotice(`Error: ${text}${code}`, 'error');
}

function onFrame(data) {
    let frame;
    try {
        frame = JSON.parse(data);
    } catch {
        appendNotice('The server sent something this page could not read.', 'error');
        return;
    }
    if (!frame || typeof frame !== 'object')
        return;
    switch (frame.type) {
    case 'welcome': onWelcome(frame); break;
    case 'joined': onJoined(frame); break;
    case 'left': break;
    case 'ack': break; // the message event follows (or came first); nothing to do
    case 'message': onMessage(frame); break;
    case 'history': onHistory(frame); break;
    case 'presence': onPresence(frame); break;
    case 'typing': onTyping(frame); break;
    case 'error': onError(frame); break;
    default: break; // newer servers may send more kinds; ignore them
    }
}

// ---- Connecting

function connect() {
    const name = ui.nickname.value.trim();
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const url = `${proto}//${location.host}/ws`;
    myName = '';
    lastSeq = 0;
    resetRoom();
    setConnectedUi('connecting');
    setStatus('Connecting…', 'connecting');

    const ws = new WebSocket(url, 'sori.v1');
    socket = ws;
    ws.addEventListener('open', () => {
        if (ws !== socket)
            return;
        if (ws.protocol !== 'sori.v1') {
            setStatus('This server does not speak protocol sori.v1.', 'error');
            ws.close(1000);
            return;
        }
        setStatus('Connected. Saying hello…', 'connecting');
        helloId = requestId();
        const hello = { type: 'hello', id: helloId, protocol: 1, client: 'web' };
        if (name)
            hello.name = name;
        sendFrame(hello);
    });
    ws.addEventListener('message', (event) => {
        if (ws === socket && typeof event.data === 'string')
            onFrame(event.data);
    });
    ws.addEventListener('close', (event) => {
        if (ws !== socket)
            return;
        socket = null;
        const wasJoined = joinedRoom;
        resetRoom();
        setConnectedUi('idle');
        if (ui.status.dataset.state !== 'error') {
            const why = event.reason ? `: ${event.reason}` : '';
            setStatus(`Disconnected (code ${event.code}${why}). Connect again when you like.`, 'closed');
        }
        if (wasJoined)
            appendNotice('You are disconnected.');
    });
}

ui.login.addEventListener('submit', (event) => {
    event.preventDefault();
    if (socket) {
        socket.close(1000, 'bye');
        return;
    }
    connect();
});

ui.composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = ui.message.value;
    if (text.trim() === '' || !joinedRoom)
        return;
    const id = requestId();
    if (sendFrame({ type: 'send', id, room: Room, text, msgId: uuid() })) {
        ui.message.value = '';
        typingSent = false; // the others stop showing us as typing when the message arrives
        clearTimeout(typingTimer);
    }
    ui.message.focus();
});

ui.message.addEventListener('input', () => setTyping(ui.message.value !== ''));

setConnectedUi('idle');
renderMembers();
ui.nickname.focus();
