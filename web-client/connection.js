// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// One protocol v1 connection (subprotocol "sori.v1") that signs in and stays up: after an
// unexpected drop it waits (exponential backoff with jitter, capped, reset once a connection
// stayed up for a while), connects again and signs in again. It knows nothing about rooms: the
// app rejoins them when it hears "ready" with reconnected = true.
//
// Events (CustomEvent, details in brackets):
//   state    {state, delay, attempt, reason}  state: idle | connecting | greeting | ready |
//                                             reconnecting | offline | closed
//   ready    {welcome, reconnected}           signed in
//   refused  {error}                          the sign-in was refused; no reconnect follows
//   frame    {frame}                          every frame after the sign-in reply
//   dropped  {code, reason, final}            the socket closed (final: no reconnect follows)

import { Policy, backoffDelay } from './backoff.js';
import { CloseCode, sentAway } from './closecodes.js';

export { Policy };

// What the page closes a socket with when the server stopped answering: a code of the range for
// applications that the server's table does not use (the server never reads it: it is gone).
const NoAnswerCode = 4000;

const HeartbeatIdleMs = 25000; // nothing heard for this long: ask the server something
const HeartbeatAnswerMs = 10000; // and give up on the socket if no answer comes

export class Connection extends EventTarget {
    constructor(url, policy = Policy) {
        super();
        this.url = url;
        this.policy = policy;
        this.state = 'idle';
        this.socket = null;
        this.signIn = null; // () => sign-in frame without id
        this.nextId = 1;
        this.attempt = 0;
        this.readyAt = 0;
        this.retryAt = 0;
        this.retryTimer = 0;
        this.signInId = '';
        this.everReady = false;
        this.lastHeard = 0;
        this.probeId = '';
        this.probeSentAt = 0;
        this.heartbeat = 0;
        window.addEventListener('online', () => {
            if (this.state === 'offline' || this.state === 'reconnecting')
                this.reconnectNow();
        });
        window.addEventListener('offline', () => {
            if (this.state === 'reconnecting')
                this.setState('offline');
        });
    }

    // Starts (or restarts) with a function that makes the sign-in frame. A user's choice: any
    // earlier connection is dropped and the backoff starts over.
    start(signIn) {
        this.signIn = signIn;
        this.everReady = false;
        this.attempt = 0;
        this.abandon();
        this.open();
    }

    // Ends the connection on purpose: no reconnect.
    stop() {
        this.signIn = null;
        clearTimeout(this.retryTimer);
        const socket = this.abandon();
        if (socket && socket.readyState <= WebSocket.OPEN)
            socket.close(CloseCode.Normal, 'bye');
        this.setState('idle');
    }

    reconnectNow() {
        if (!this.signIn || this.state === 'ready' || this.state === 'connecting'
            || this.state === 'greeting')
            return;
        clearTimeout(this.retryTimer);
        this.open();
    }

    // Milliseconds until the next attempt while reconnecting.
    retryDelay() {
        return Math.max(0, this.retryAt - Date.now());
    }

    get ready() {
        return this.state === 'ready';
    }

    makeId() {
        return `w${this.nextId++}`;
    }

    // Sends a frame as is; false when there is no open, signed-in connection.
    send(frame) {
        if (!this.socket || this.state !== 'ready')
            return false;
        this.socket.send(JSON.stringify(frame));
        return true;
    }

    // Sends a request with a fresh id; returns the id, or '' when it could not be sent.
    request(frame) {
        const id = this.makeId();
        return this.send({ ...frame, id }) ? id : '';
    }

    // ---- inside

    setState(state, extra = {}) {
        this.state = state;
        this.dispatchEvent(new CustomEvent('state', { detail: { state, ...extra } }));
    }

    open() {
        clearTimeout(this.retryTimer);
        this.abandon();
        this.setState('connecting', { attempt: this.attempt });
        let socket;
        try {
            socket = new WebSocket(this.url, 'sori.v1');
        } catch (error) {
            this.dropped(CloseCode.Abnormal, String(error.message || error));
            return;
        }
        this.socket = socket;
        socket.addEventListener('open', () => {
            if (socket !== this.socket)
                return;
            if (socket.protocol !== 'sori.v1') {
                this.abandon();
                socket.close(CloseCode.Normal);
                this.finish(CloseCode.ProtocolError, 'the server does not speak sori.v1');
                return;
            }
            this.lastHeard = Date.now();
            this.setState('greeting');
            this.signInId = this.makeId();
            socket.send(JSON.stringify({ ...this.signIn(), id: this.signInId }));
        });
        socket.addEventListener('message', (event) => {
            if (socket === this.socket && typeof event.data === 'string')
                this.received(event.data);
        });
        socket.addEventListener('close', (event) => {
            if (socket === this.socket)
                this.dropped(event.code, event.reason);
        });
    }

    received(data) {
        this.lastHeard = Date.now();
        let frame;
        try {
            frame = JSON.parse(data);
        } catch {
            return;
        }
        if (!frame || typeof frame !== 'object' || typeof frame.type !== 'string')
            return;
        if (this.probeId && frame.id === this.probeId) {
            this.probeId = '';
            return; // the heartbeat's answer: the connection is alive
        }
        if (this.state === 'greeting' && frame.id === this.signInId) {
            if (frame.type === 'welcome') {
                const reconnected = this.everReady;
                this.everReady = true;
                this.readyAt = Date.now();
                this.setState('ready');
                this.startHeartbeat();
                this.dispatchEvent(new CustomEvent('ready', { detail: { welcome: frame,
                                                                          reconnected } }));
            } else if (frame.type === 'error') {
                const socket = this.abandon();
                socket?.close(CloseCode.Normal, 'sign-in refused');
                this.signIn = null;
                this.setState('closed', { reason: frame.message, code: 0 });
                this.dispatchEvent(new CustomEvent('refused', { detail: { error: frame } }));
            }
            return;
        }
        this.dispatchEvent(new CustomEvent('frame', { detail: { frame } }));
    }

    // Forgets the current socket (its events are ignored from now on) and returns it.
    abandon() {
        const socket = this.socket;
        this.socket = null;
        this.stopHeartbeat();
        return socket;
    }

    // The socket is gone. Decide whether to try again.
    dropped(code, reason) {
        this.abandon();
        const loggedOut = code === CloseCode.Normal && reason === 'logged out';
        // Kicked, signed out by an admin, banned: trying again would not help, or would undo
        // what the user or a moderator meant.
        if (!this.signIn || sentAway(code) || loggedOut) {
            this.finish(code, reason);
            return;
        }
        if (this.readyAt && Date.now() - this.readyAt >= this.policy.stableAfterMs)
            this.attempt = 0;
        this.readyAt = 0;
        const delay = backoffDelay(this.attempt, this.policy);
        this.attempt += 1;
        this.dispatchEvent(new CustomEvent('dropped', { detail: { code, reason, final: false } }));
        this.retryAt = Date.now() + delay;
        this.retryTimer = setTimeout(() => this.open(), delay);
        if (navigator.onLine === false)
            this.setState('offline', { code, reason });
        else
            this.setState('reconnecting', { delay, attempt: this.attempt, code, reason });
    }

    finish(code, reason) {
        this.abandon();
        clearTimeout(this.retryTimer);
        const wasSignedIn = this.signIn !== null;
        this.signIn = null;
        this.setState(wasSignedIn ? 'closed' : 'idle', { code, reason });
        this.dispatchEvent(new CustomEvent('dropped', { detail: { code, reason, final: true } }));
    }

    // Browsers hide WebSocket pings from pages: a socket whose network went away silently can
    // look open for minutes. When nothing was heard for a while, ask for something small; no
    // answer in time means the connection is dead.
    startHeartbeat() {
        this.stopHeartbeat();
        this.heartbeat = setInterval(() => {
            const now = Date.now();
            if (this.probeId) {
                if (now - this.probeSentAt > HeartbeatAnswerMs) {
                    this.probeId = '';
                    const socket = this.abandon();
                    socket?.close(NoAnswerCode, 'no answer');
                    this.dropped(CloseCode.Abnormal, 'no answer from the server');
                }
            } else if (now - this.lastHeard > HeartbeatIdleMs && this.socket) {
                this.probeId = this.makeId();
                this.probeSentAt = now;
                // One room at most: the answer stays small however many rooms there are.
                this.socket.send(JSON.stringify({ type: 'list_rooms', id: this.probeId,
                                                  limit: 1 }));
            }
        }, 2000);
    }

    stopHeartbeat() {
        clearInterval(this.heartbeat);
        this.heartbeat = 0;
        this.probeId = '';
    }
}
