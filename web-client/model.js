// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The state of one conversation, free of the page: stored messages in sequence order (each seq
// once, whatever way it arrived: history, catch-up or live), notices between them, messages of
// our own still on their way (by msgId), who is here and who is typing.

// Items are ordered by key: a message by its seq; a notice after the seq it was written at.
function compareKeys(a, b) {
    return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

export class Room {
    constructor(name, kind = 'public') {
        this.name = name;
        this.kind = kind;
        this.topic = '';
        this.peer = ''; // direct conversations: the other account
        this.peerLeftAt = 0; // direct conversations: when the peer's last connection left
        this.joined = false; // the server has us in this room right now
        this.wanted = true; // we mean to be in it (rejoin after a reconnect)
        this.joinPending = ''; // id of the join on its way
        this.members = new Map(); // name -> client kind
        this.items = []; // {key, message} | {key, notice: {text, kind, action}}
        this.seqs = new Map(); // seq -> item
        this.lastSeq = 0; // the newest seq we have (or were told is the newest)
        this.oldestSeq = 0; // the oldest message we have
        this.more = false; // older messages exist on the server
        this.loadingOlder = false;
        this.unread = 0;
        this.typers = new Map(); // name -> timer
        this.pending = new Map(); // msgId -> {msgId, text, state, error, requestId}
        this.notices = 0; // orders notices written after the same seq
    }

    get isDirect() {
        return this.kind === 'direct';
    }

    // Adds a stored message. Returns the index it went to, or -1 when that seq is already here
    // (a message we already have, from history, catch-up or live, is never shown twice).
    addMessage(message) {
        if (!Number.isSafeInteger(message.seq) || message.seq <= 0)
            return -1;
        if (this.seqs.has(message.seq))
            return -1;
        const item = { key: [message.seq, 0, 0], message };
        const index = this.insert(item);
        this.seqs.set(message.seq, item);
        if (message.seq > this.lastSeq)
            this.lastSeq = message.seq;
        if (!this.oldestSeq || message.seq < this.oldestSeq)
            this.oldestSeq = message.seq;
        return index;
    }

    // A notice placed after everything we have now (or after seq `after`).
    addNotice(notice, after = this.lastSeq) {
        const item = { key: [after, 1, ++this.notices], notice };
        return { index: this.insert(item), item };
    }

    insert(item) {
        let index = this.items.length;
        while (index > 0 && compareKeys(this.items[index - 1].key, item.key) > 0)
            index -= 1;
        this.items.splice(index, 0, item);
        return index;
    }

    indexOfSeq(seq) {
        const item = this.seqs.get(seq);
        return item ? this.items.indexOf(item) : -1;
    }

    markDeleted(seq, by) {
        const item = this.seqs.get(seq);
        if (!item)
            return -1;
        item.message = { ...item.message, deleted: true, text: '', deletedBy: by };
        return this.items.indexOf(item);
    }

    // The seqs of the stored messages, in the order shown (for checks).
    shownSeqs() {
        return this.items.filter((i) => i.message).map((i) => i.message.seq);
    }
}

// "dm:<a>:<b>" -> the name that is not ours (names case folded by the server).
export function directPeer(roomName, myName) {
    const parts = roomName.split(':');
    if (parts.length !== 3 || parts[0] !== 'dm')
        return '';
    const me = myName.toLowerCase();
    return parts[1] === me ? parts[2] : parts[1];
}

// A random message id: crypto.randomUUID() exists only in secure contexts (globalThis rather
// than window: the session runs in Node for its tests).
export function newMsgId() {
    if (crypto.randomUUID && globalThis.isSecureContext)
        return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
