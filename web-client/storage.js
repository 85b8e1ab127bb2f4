// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// What the page keeps in localStorage so that a reload signs in again: the account's token (never
// the password), or a guest's name and resume key; the rooms that were open and the one shown;
// and the settings (kept when signing out).
//
// A guest's resume key takes its name back from a connection that is still open, so two tabs must
// not share one: the tab that owns the guest writes its tab id (kept in sessionStorage, which a
// reload keeps and a new tab does not have) and a heartbeat. Another tab uses the stored guest only
// when the owner's heartbeat has stopped (its tab is gone).
//
// The session owns one Store; the browser's storages are its defaults, and tests hand it others
// (anything with getItem, setItem and removeItem).

const SessionKey = 'sori.session';
const RoomsKey = 'sori.rooms';
const OutboxKey = 'sori.outbox';
const TabKey = 'sori.tab';
const SettingsKey = 'sori.settings';
const HeartbeatMs = 3000;
const StaleAfterMs = 10000;

// The settings and what they are when never set. idleMinutes: away after this long without
// input (0: never).
export const DefaultSettings = { idleMinutes: 10 };

export class Store {
    constructor(local = globalThis.localStorage, perTab = globalThis.sessionStorage) {
        this.local = local;
        this.perTab = perTab;
        this.heartbeat = 0;
    }

    read(key) {
        try {
            return JSON.parse(this.local.getItem(key) || 'null');
        } catch {
            return null;
        }
    }

    write(key, value) {
        try {
            if (value === null)
                this.local.removeItem(key);
            else
                this.local.setItem(key, JSON.stringify(value));
        } catch {
            // storage full or switched off: the page works, only a reload forgets the session
        }
    }

    tabId() {
        let id = this.perTab.getItem(TabKey);
        if (!id) {
            id = Array.from(crypto.getRandomValues(new Uint8Array(8)),
                            (b) => b.toString(16).padStart(2, '0')).join('');
            this.perTab.setItem(TabKey, id);
        }
        return id;
    }

    // {mode: 'account', name, token} | {mode: 'guest', name, resume, nickname, owner, alive} | null
    loadSession() {
        const session = this.read(SessionKey);
        if (!session || typeof session !== 'object')
            return null;
        if (session.mode === 'account' && typeof session.token === 'string' && session.token)
            return session;
        if (session.mode === 'guest' && typeof session.name === 'string') {
            const mine = session.owner === this.tabId();
            const stale = !(Date.now() - (session.alive || 0) < StaleAfterMs);
            return { ...session, usable: mine || stale };
        }
        return null;
    }

    saveAccount(name, token) {
        this.stopHeartbeat();
        this.write(SessionKey, { mode: 'account', name, token });
    }

    // nickname: what the user asked for ('' for a guest name); name/resume: what the server gave.
    saveGuest(name, resume, nickname) {
        const session = { mode: 'guest', name, resume: resume || '', nickname: nickname || '',
                          owner: this.tabId(), alive: Date.now() };
        this.write(SessionKey, session);
        this.stopHeartbeat();
        this.heartbeat = setInterval(() => {
            const current = this.read(SessionKey);
            if (!current || current.owner !== session.owner) {
                this.stopHeartbeat(); // another tab took over, or signed out
                return;
            }
            this.write(SessionKey, { ...current, alive: Date.now() });
        }, HeartbeatMs);
    }

    stopHeartbeat() {
        clearInterval(this.heartbeat);
        this.heartbeat = 0;
    }

    clearSession() {
        this.stopHeartbeat();
        this.write(SessionKey, null);
        this.write(RoomsKey, null);
        this.write(OutboxKey, null);
    }

    // Messages written and not yet stored, so that a reload sends them (again, with the same
    // msgId) instead of losing them: {name: who wrote them, items: [{room, peer, msgId, text,
    // time}]}.
    loadOutbox() {
        const value = this.read(OutboxKey);
        if (!value || typeof value.name !== 'string' || !Array.isArray(value.items))
            return { name: '', items: [] };
        const items = value.items.filter((i) => i && typeof i.room === 'string'
            && typeof i.msgId === 'string' && typeof i.text === 'string');
        return { name: value.name, items };
    }

    saveOutbox(name, items) {
        this.write(OutboxKey, items.length ? { name, items } : null);
    }

    // {rooms: [names], active: name}
    loadRooms() {
        const value = this.read(RoomsKey);
        if (!value || !Array.isArray(value.rooms))
            return { rooms: [], active: '' };
        return { rooms: value.rooms.filter((r) => typeof r === 'string'),
                 active: typeof value.active === 'string' ? value.active : '' };
    }

    saveRooms(rooms, active) {
        this.write(RoomsKey, { rooms, active });
    }

    loadSettings() {
        const value = this.read(SettingsKey);
        const settings = { ...DefaultSettings };
        const idle = value?.idleMinutes;
        if (Number.isSafeInteger(idle) && idle >= 0 && idle <= 24 * 60)
            settings.idleMinutes = idle;
        return settings;
    }

    saveSettings(settings) {
        this.write(SettingsKey, settings);
    }
}
