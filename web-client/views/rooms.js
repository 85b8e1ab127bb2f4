// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The sidebar: the rooms we are in and the direct conversations (with unread counts), the field
// that joins or creates a room, and the room directory (searched, a page at a time).

import { t } from '../i18n.js';
import { DefaultRoom, isDirectLike } from '../session.js';
import { $, el, roomLabel } from './dom.js';

const SearchDelayMs = 250;

// An unread count as a badge shows it: the server counts up to 1000, "999+" beyond 999.
export function countText(count) {
    return count > 999 ? '999+' : String(count);
}

export class RoomsView {
    constructor(session) {
        this.session = session;
        this.searchTimer = 0;
        this.ui = {
            roomList: $('room-list'), dmList: $('dm-list'), dmEmpty: $('dm-empty'),
            roomForm: $('room-form'), roomName: $('room-name'), roomKind: $('room-kind'),
            createRoom: $('create-room'), suggestions: $('room-suggestions'),
            newTopic: $('new-topic'), browse: $('browse'), browseList: $('browse-list'),
            browseSearch: $('browse-search'),
        };
        const ui = this.ui;
        ui.roomForm.addEventListener('submit', (event) => {
            event.preventDefault();
            const name = ui.roomName.value.trim();
            if (!name)
                return;
            ui.roomName.value = '';
            session.open(name);
        });
        ui.createRoom.addEventListener('click', () => {
            const name = ui.roomName.value.trim();
            if (!name)
                return;
            ui.roomName.value = '';
            const topic = ui.newTopic.value.trim();
            ui.newTopic.value = '';
            session.createRoom(name, ui.roomKind.value, topic);
        });
        ui.browse.addEventListener('toggle', () => {
            if (ui.browse.open)
                this.listRooms();
        });
        ui.browseSearch.addEventListener('input', () => {
            clearTimeout(this.searchTimer);
            this.searchTimer = setTimeout(() => this.listRooms(), SearchDelayMs);
        });
    }

    get query() {
        return this.ui.browseSearch.value.trim();
    }

    // Asks for the first page of the directory for what the search field holds.
    listRooms() {
        this.session.listRooms(this.query);
    }

    // Accounts may create rooms (guests only join).
    showMe() {
        const account = this.session.isAccount;
        this.ui.roomKind.hidden = !account;
        this.ui.createRoom.hidden = !account;
        this.ui.newTopic.hidden = !account;
    }

    render() {
        const normal = [];
        const direct = [];
        for (const room of this.session.rooms.values()) {
            if (isDirectLike(room))
                direct.push(room);
            else if (room.wanted)
                normal.push(room);
        }
        normal.sort((a, b) => (a.name === DefaultRoom ? -1 : b.name === DefaultRoom ? 1
            : a.name.localeCompare(b.name)));
        direct.sort((a, b) => a.peer.localeCompare(b.peer));
        this.ui.roomList.replaceChildren(...normal.map((room) => this.roomLink(room)));
        this.ui.dmList.replaceChildren(...direct.map((room) => this.roomLink(room)));
        this.ui.dmEmpty.hidden = direct.length > 0;
    }

    roomLink(room) {
        const item = el('li', 'room-item');
        const button = el('button', 'room-link');
        button.type = 'button';
        button.dataset.room = room.name;
        if (room.name === this.session.active)
            button.setAttribute('aria-current', 'true');
        button.append(el('span', 'room-name', roomLabel(room)));
        if (room.kind === 'private' || room.kind === 'announcement')
            button.append(el('span', 'room-tag', t(`rooms.kind.${room.kind}`)));
        // The room's notification level (settings) decides what counts: at 'none' nothing, at
        // 'mentions' the mentions; what is unread beyond that is a quiet dot.
        const level = this.session.notifyLevel(room);
        button.dataset.notify = level;
        if (room.mentions > 0 && level !== 'none') {
            // Apart from the unread count: somebody called us by name.
            const badge = el('span', 'badge mention', `@${countText(room.mentions)}`);
            badge.setAttribute('aria-label', t('rooms.mentions', { count: room.mentions }));
            button.append(badge);
        }
        const counted = level === 'all' || (level === 'mentions' && room.isDirect);
        if (room.unread > 0 && counted) {
            const badge = el('span', 'badge unread', countText(room.unread));
            badge.setAttribute('aria-label', t('rooms.unread', { count: countText(room.unread) }));
            button.append(badge);
        } else if (room.unread > (level === 'mentions' ? room.mentions || 0 : 0)) {
            const dot = el('span', 'quiet-dot');
            dot.setAttribute('role', 'img');
            dot.setAttribute('aria-label', t('rooms.unreadQuiet'));
            dot.title = t('rooms.unreadQuiet');
            button.append(dot);
        }
        button.addEventListener('click', () => this.session.selectRoom(room.name));
        item.append(button);
        return item;
    }

    // A page of the directory: the list under "browse", and the join field's suggestions.
    showDirectory({ rooms, more, query, append, last }) {
        const ui = this.ui;
        if (query !== this.query)
            return; // the answer to an older search
        const items = [];
        const options = [];
        for (const info of rooms) {
            const item = el('li', 'browse-room');
            const button = el('button', 'link-button', `#${info.name}`);
            button.type = 'button';
            button.addEventListener('click', () => {
                this.session.open(info.name);
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
        if (more) {
            const item = el('li', 'browse-more');
            const button = el('button', 'link-button', t('rooms.more'));
            button.type = 'button';
            button.addEventListener('click', () => this.session.listRooms(query, last));
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
}
