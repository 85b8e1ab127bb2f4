// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The classic page, as in the old PHP/jQuery tutorials but without jQuery: one WebSocket with no
// subprotocol (the server's "plain" mode). Every frame we send is a chat message; every frame we
// receive is one line of text, "name: text", shown as text and never parsed as HTML.
//
// After an unexpected drop it says so in the conversation and connects again by itself, with the
// web client's backoff (backoff.js). The server then greets it as a new guest: plain mode has no
// resume, so what was said in between is not replayed.

import { Policy, backoffDelay } from './backoff.js';
import { sentAway } from './closecodes.js';

const input = document.getElementById('message');
const button = document.getElementById('send');
const form = document.getElementById('composer');
const list = document.getElementById('messages');
const status = document.getElementById('status');

const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
const url = proto + '//' + location.host + '/';

let socket = null;
let attempt = 0; // retries since the last connection that stayed up
let openedAt = 0;
let retryTimer = 0;
let countdown = 0;

function setStatus(text, state) {
    status.textContent = text;
    status.dataset.state = state;
}

function append(text, kind) {
    const item = document.createElement('li');
    item.textContent = text;
    if (kind)
        item.className = kind;
    else if (text.startsWith('error: '))
        item.className = 'error';
    const stick = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
    list.appendChild(item);
    if (stick)
        list.scrollTop = list.scrollHeight;
}

function setEnabled(enabled) {
    input.disabled = !enabled;
    button.disabled = !enabled;
}

function closedText(event) {
    return 'Closed (code ' + event.code + (event.reason ? ': ' + event.reason + ').' : ').');
}

// Whether trying again could help: not after a kick, a sign-out or a ban (as in the web client),
// nor on a server that takes no guests (it would say the same every time).
function mayReconnect(event) {
    return !sentAway(event.code) && event.reason !== 'guests are not allowed';
}

function connect() {
    clearTimeout(retryTimer);
    clearInterval(countdown);
    if (attempt > 0)
        setStatus('Reconnecting to ' + url + '…', 'reconnecting');
    else
        setStatus('Connecting to ' + url + '…', 'connecting');
    const current = new WebSocket(url);
    socket = current;

    current.addEventListener('open', function () {
        openedAt = Date.now();
        setStatus('Connected.', 'connected');
        setEnabled(true);
        input.focus();
    });

    current.addEventListener('message', function (event) {
        if (typeof event.data === 'string')
            append(event.data);
    });

    current.addEventListener('close', function (event) {
        if (current !== socket)
            return;
        setEnabled(false);
        const wasOpen = openedAt !== 0;
        if (wasOpen && Date.now() - openedAt >= Policy.stableAfterMs)
            attempt = 0;
        openedAt = 0;
        if (!mayReconnect(event)) {
            if (wasOpen)
                append(closedText(event), 'error');
            setStatus(closedText(event) + ' Reload the page to connect again.', 'closed');
            return;
        }
        // One line in the conversation per lost connection, not one per failed attempt.
        if (wasOpen)
            append('Lost the connection; reconnecting…', 'notice');
        retryLater(closedText(event));
    });
}

function retryLater(why) {
    const delay = backoffDelay(attempt);
    attempt += 1;
    const due = Date.now() + delay;
    const show = function () {
        const seconds = Math.max(1, Math.ceil((due - Date.now()) / 1000));
        setStatus(why + ' Reconnecting in ' + seconds + ' s…', 'reconnecting');
    };
    show();
    countdown = setInterval(show, 1000);
    retryTimer = setTimeout(connect, delay);
}

// Back on the network: no need to wait for the rest of the backoff.
window.addEventListener('online', function () {
    if (retryTimer && socket && socket.readyState === WebSocket.CLOSED
        && status.dataset.state === 'reconnecting')
        connect();
});

form.addEventListener('submit', function (event) {
    event.preventDefault();
    const text = input.value;
    if (text.trim() === '' || !socket || socket.readyState !== WebSocket.OPEN)
        return;
    socket.send(text);
    input.value = '';
    input.focus();
});

connect();
