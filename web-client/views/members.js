// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Who is in the room shown, with their kind of client and (asked once each with whois) their
// role, which decides what is offered: a direct message to accounts, moderation to staff. In a
// direct conversation, whether the other person is online.

import { formatDateTime, t } from '../i18n.js';
import { isDirectLike } from '../session.js';
import { $, el } from './dom.js';

const MaxAsked = 200; // rooms with more members do not ask each one's role

export class MembersView {
    // onModerate(name): a moderator opened the actions for a member.
    constructor(session, { onModerate }) {
        this.session = session;
        this.onModerate = onModerate;
        this.ui = { members: $('members'), memberCount: $('member-count'),
                    peerStatus: $('peer-status') };
    }

    render() {
        const session = this.session;
        const me = session.me;
        const room = session.activeRoom;
        const names = room ? Array.from(room.members.keys()) : [];
        names.sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
        const items = names.map((name) => {
            const kind = room.members.get(name) || 'other';
            const item = el('li', name === me.name ? 'member me' : 'member');
            item.dataset.name = name;
            item.dataset.kind = kind;
            const role = session.roleOf(name);
            if (role === undefined && kind !== 'plain' && names.length <= MaxAsked)
                session.requestWhois(name); // once: the role decides what can be offered
            // The status as a coloured dot, and in words for screen readers.
            const status = session.statusIn(room, name);
            item.dataset.status = status;
            const dot = el('span', 'dot');
            dot.dataset.status = status;
            dot.setAttribute('aria-hidden', 'true');
            item.append(dot, el('span', 'member-name', name),
                        el('span', 'visually-hidden status-label', t(`status.${status}`)));
            if (role === 'moderator' || role === 'admin')
                item.append(el('span', `role staff`, t(`role.${role}`)));
            item.append(el('span', 'kind', t(`kind.${kind}`)));
            if (name === me.name) {
                item.append(el('span', 'you', t('members.you')));
            } else {
                // Direct messages go to accounts only.
                if (session.isAccount && !room.isDirect && role && role !== 'guest'
                    && role !== 'none') {
                    const dm = el('button', 'link-button member-dm', t('members.message'));
                    dm.type = 'button';
                    dm.title = t('members.messageTo', { name });
                    dm.addEventListener('click', () => session.openDirect(name));
                    item.append(dm);
                }
                if (session.isStaff) {
                    const mod = el('button', 'icon-button member-mod', '⋯');
                    mod.type = 'button';
                    mod.title = t('members.actions', { name });
                    mod.setAttribute('aria-label', mod.title);
                    mod.addEventListener('click', () => this.onModerate(name));
                    item.append(mod);
                }
            }
            return item;
        });
        this.ui.members.replaceChildren(...items);
        this.ui.memberCount.textContent = String(names.length);
        this.renderPeerStatus();
    }

    // A new room is shown: the peer's status waits for its whois answer.
    hidePeerStatus() {
        this.ui.peerStatus.hidden = true;
    }

    // The list is greyed while the connection is not ready.
    setStale(stale) {
        this.ui.members.parentElement.classList.toggle('stale', stale);
    }

    // A whois answer: a member's role, or the status of the direct conversation's peer.
    userInfo({ info }) {
        const room = this.session.activeRoom;
        if (room?.members.has(info.name))
            this.render();
        else
            this.renderPeerStatus();
    }

    // In a direct conversation: the peer's role (from whois) and whether they are online. Once
    // the conversation is joined its members are the two people's connections, so presence
    // decides at once (whois answered only when the conversation was opened).
    renderPeerStatus() {
        const room = this.session.activeRoom;
        if (!room || !isDirectLike(room))
            return;
        const info = this.session.users.get(room.peer.toLowerCase());
        if (!info)
            return; // still asked: shown with the answer
        let online = Boolean(info.online);
        let lastSeen = Number(info.lastSeen) || 0;
        let status = typeof info.status === 'string' ? info.status : 'online';
        if (room.isDirect && room.joined) {
            const peer = room.peer.toLowerCase();
            const here = Array.from(room.members.keys())
                .find((name) => name.toLowerCase() === peer);
            online = here !== undefined;
            if (here !== undefined)
                status = this.session.statusIn(room, here);
            lastSeen = Math.max(lastSeen, room.peerLeftAt || 0);
        }
        const role = t(`role.${info.role}`);
        const line = this.ui.peerStatus;
        line.hidden = false;
        if (online && (status === 'away' || status === 'dnd'))
            line.textContent = `${role} · ${t(`status.${status}`)}`;
        else if (online)
            line.textContent = `${role} · ${t('members.online')}`;
        else if (lastSeen)
            line.textContent = `${role} · `
                + t('members.lastSeen', { time: formatDateTime(lastSeen) });
        else
            line.textContent = `${role} · ${t('members.offline')}`;
        line.dataset.online = String(online);
        line.dataset.status = online ? status : 'offline';
    }
}
