// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// What the page keeps in localStorage so that a reload signs in again: the account's token (never
// the password), or a guest's name and resume key; the rooms that were open and the one shown.
//
// A guest's resume key takes its name back from a connection that is still open, so two tabs must
// not share one: the tab that owns the guest writes its tab id (kept in sessionStorage, which a
// reload keeps and a new tab does not have) and a heartbeat. Another tab uses the stored guest only
// when the owner's heartbeat has stopped (its tab is gone).

const SessionKey = 'sori.session';
const RoomsKey = 'sori.rooms';
const OutboxKey = 'sori.outbox';
const TabKey = 'sori.tab';
const HeartbeatMs = 3000;
const StaleAfterMs = 10000;

function read(key) {
    try {
        return JSON.parse(localStorage.getItem(key) || 'null');
    } catch {
        return null;
    }
}

function write(key, value) {
    try {
        if (value === null)
            localStorage.removeItem(key);
        else
            localStorage.setItem(key, JSON.stringify(value));
    } catch {
        // storage full or switched off: the page works, only a reload forgets the session
    }
}

function tabId() {
    let id = sessionStorage.getItem(TabKey);
    if (!id) {
        id = Array.from(crypto.getRandomValues(new Uint8Array(8)),
                        (b) => b.toString(16).padStart(2, '0')).join('');
        sessionStorage.setItem(TabKey, id);
    }
    return id;
}

let heartbeat = 0;

// {mode: 'account', name, token} | {mode: 'guest', name, resume, nickname, owner, alive} | null
export function loadSession() {
    const session = read(SessionKey);
    if (!session || typeof session !== 'object')
        return null;
    if (session.mode === 'account' && typeof session.token === 'string' && session.token)
        return session;
    if (session.mode === 'guest' && typeof session.name === 'string') {
        const mine = session.owner === tabId();
        const stale = !(Date.now() - (session.alive || 0) < StaleAfterMs);
        return { ...session, usable: mine || stale };
    }
    return null;
}

export function saveAccount(name, token) {
    stopHeartbeat();
    write(SessionKey, { mode: 'account', name, token });
}

// nickname: what the user asked for ('' for a guest name); name/resume: what the server gave.
export function saveGuest(name, resume, nickname) {
    const session = { mode: 'guest', name, resume: resume || '', nickname: nickname || '',
                      owner: tabId(), alive: Date.now() };
    write(SessionKey, session);
    stopHeartbeat();
    heartbeat = setInterval(() => {
        const current = read(SessionKey);
        if (!current || current.owner !== session.owner) {
            stopHeartbeat(); // another tab took over, or signed out
            return;
        }
        write(SessionKey, { ...current, alive: Date.now() });
    }, HeartbeatMs);
}

function stopHeartbeat() {
    clearInterval(heartbeat);
    heartbeat = 0;
}

export function clearSession() {
    stopHeartbeat();
    write(SessionKey, null);
    write(RoomsKey, null);
    write(OutboxKey, null);
}

// Messages written and not yet stored, so that a reload sends them (again, with the same msgId)
// instead of losing them: {name: who wrote them, items: [{room, peer, msgId, text, time}]}.
export function loadOutbox() {
    const value = read(OutboxKey);
    if (!value || typeof value.name !== 'string' || !Array.isArray(value.items))
        return { name: '', items: [] };
    const items = value.items.filter((i) => i && typeof i.room === 'string'
        && typeof i.msgId === 'string' && typeof i.text === 'string');
    return { name: value.name, items };
}

export function saveOutbox(name, items) {
    write(OutboxKey, items.length ? { name, items } : null);
}

// {rooms: [names], active: name}
export function loadRooms() {
    const value = read(RoomsKey);
    if (!value || !Array.isArray(value.rooms))
        return { rooms: [], active: '' };
    return { rooms: value.rooms.filter((r) => typeof r === 'string'),
             active: typeof value.active === 'string' ? value.active : '' };
}

export function saveRooms(rooms, active) {
    write(RoomsKey, { rooms, active });
}
