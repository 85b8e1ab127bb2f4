// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The conversation shown: its header (name, kind, topic, invite, leave), its messages and
// notices in seq order followed by ours still on their way, the edge of its history (older
// pages load when scrolled to the top), the "new messages below" button, and who is typing.

import { t } from '../i18n.js';
import { $, el, roomLabel, timeElement } from './dom.js';
import { MessageMenu } from './menu.js';

const NearTopPx = 60;
const NearEndPx = 40;

// The badge beside a sender's name, so that a guest never looks like staff whatever its name:
// 'guest' (whatever role it claims), 'admin', 'mod', or '' for a member.
export function badgeOf(role, guest) {
    if (guest === true || role === 'guest')
        return 'guest';
    if (role === 'admin')
        return 'admin';
    if (role === 'moderator')
        return 'mod';
    return '';
}

// How far a role reaches in moderation: staff act on lower ranks only. The server's own
// messages (announcements) are out of reach.
function rankOf(message) {
    if (message.from === 'server')
        return 4;
    if (message.guest === true || message.role === 'guest')
        return 0;
    return { moderator: 2, admin: 3 }[message.role] ?? 1;
}

// As text, never HTML.
function appendBadge(meta, badge) {
    if (badge)
        meta.append(el('span', `badge badge-${badge}`, t(`badge.${badge}`)));
}

export class MessagesView {
    // onDelete(room, message): a moderator asked to delete a message. onModerate(name, action):
    // to kick, mute or ban its author.
    constructor(session, { onDelete, onModerate }) {
        this.session = session;
        this.onDelete = onDelete;
        this.onModerate = onModerate;
        this.menu = new MessageMenu();
        this.ui = {
            roomTitle: $('room-title'), roomKindLabel: $('room-kind-label'),
            roomTopic: $('room-topic'), leaveRoom: $('leave-room'), inviteForm: $('invite-form'),
            inviteName: $('invite-name'), scroller: $('scroller'), loadOlder: $('load-older'),
            historyStart: $('history-start'), messages: $('messages'), typing: $('typing'),
            jumpNew: $('jump-new'),
        };
        const ui = this.ui;
        ui.leaveRoom.addEventListener('click', () => session.leaveActiveRoom());
        ui.inviteForm.addEventListener('submit', (event) => {
            event.preventDefault();
            const user = ui.inviteName.value.trim();
            const room = session.activeRoom;
            if (!user || !room)
                return;
            if (session.invite(room.name, user))
                ui.inviteName.value = '';
        });
        ui.scroller.addEventListener('scroll', () => {
            if (ui.scroller.scrollTop < NearTopPx)
                session.loadOlder();
            if (!ui.jumpNew.hidden && this.nearEnd())
                ui.jumpNew.hidden = true;
        }, { passive: true });
        ui.jumpNew.addEventListener('click', () => this.scrollToEnd(true));
        ui.loadOlder.addEventListener('click', () => session.loadOlder());
    }

    isShown(room) {
        return room.name === this.session.active;
    }

    nearEnd() {
        const s = this.ui.scroller;
        return s.scrollTop + s.clientHeight >= s.scrollHeight - NearEndPx;
    }

    scrollToEnd(stick) {
        if (stick) {
            this.ui.scroller.scrollTop = this.ui.scroller.scrollHeight;
            this.ui.jumpNew.hidden = true;
        }
    }

    // The room shown, from its header down.
    renderRoom() {
        const ui = this.ui;
        const room = this.session.activeRoom;
        ui.roomTitle.textContent = room ? roomLabel(room) : '';
        ui.roomKindLabel.textContent = room ? t(`rooms.kind.${room.kind}`) : '';
        ui.roomTopic.textContent = room?.topic || '';
        ui.leaveRoom.hidden = !room || room.isDirect;
        ui.inviteForm.hidden = !room || room.kind !== 'private' || !this.session.isAccount;
        ui.jumpNew.hidden = true;
        ui.messages.setAttribute('aria-label', room ? roomLabel(room) : '');
        this.renderMessages();
        this.renderTyping();
    }

    renderMessages() {
        const room = this.session.activeRoom;
        if (!room) {
            this.ui.messages.replaceChildren();
            this.renderHistoryEdge();
            return;
        }
        const nodes = room.items.map((item) => this.renderItem(room, item));
        for (const pending of room.pending.values())
            nodes.push(this.renderPending(room, pending));
        this.ui.messages.replaceChildren(...nodes);
        this.renderHistoryEdge();
    }

    renderHistoryEdge() {
        const ui = this.ui;
        const room = this.session.activeRoom;
        ui.loadOlder.hidden = !room || !room.more;
        ui.loadOlder.disabled = Boolean(room?.loadingOlder);
        ui.loadOlder.textContent = t(room?.loadingOlder ? 'history.loading' : 'history.older');
        const start = Boolean(room && room.everJoined && !room.more && !room.isDirect);
        ui.historyStart.hidden = !start;
        ui.historyStart.textContent = room ? t('history.start', { room: roomLabel(room) }) : '';
    }

    // room.items[index] is new (the session's "item" event): put it in its place, and follow
    // it as asked.
    itemAdded({ room, index, scroll, own }) {
        if (!this.isShown(room))
            return;
        const stick = scroll === 'end' || own || ((scroll === 'live' || scroll === 'stick')
                                                  && this.nearEnd());
        const node = this.renderItem(room, room.items[index]);
        this.ui.messages.insertBefore(node, this.ui.messages.children[index] || null);
        this.renderHistoryEdge();
        this.scrollToEnd(stick);
        if (scroll === 'live' && !stick)
            this.ui.jumpNew.hidden = false; // scrolled up, reading: say where the new one is
    }

    itemChanged({ room, index, seq }) {
        if (!this.isShown(room))
            return;
        const old = this.ui.messages.querySelector(`li.message[data-seq="${seq}"]`);
        old?.replaceWith(this.renderItem(room, room.items[index]));
    }

    // A page of history went in: drawn again, keeping what was read in view.
    historyAdded({ room, purpose, hadMessages }) {
        if (!this.isShown(room))
            return;
        const scroller = this.ui.scroller;
        const stick = this.nearEnd();
        const heightBefore = scroller.scrollHeight;
        const topBefore = scroller.scrollTop;
        this.renderMessages();
        if (purpose === 'join')
            this.scrollToEnd(stick || !hadMessages);
        else if (purpose === 'catchup')
            this.scrollToEnd(stick);
        else
            scroller.scrollTop = topBefore + (scroller.scrollHeight - heightBefore);
    }

    pendingChanged({ room, pending, change }) {
        if (change === 'added') {
            this.ui.messages.append(this.renderPending(room, pending));
            this.scrollToEnd(true);
            return;
        }
        if (!this.isShown(room))
            return;
        const old = this.pendingElement(pending.msgId);
        if (change === 'removed')
            old?.remove();
        else
            old?.replaceWith(this.renderPending(room, pending));
    }

    renderItem(room, item) {
        if (item.notice?.title) {
            // An announcement: set apart, its title above the text (both as text).
            const li = el('li', `notice ${item.notice.kind || ''}`.trim());
            li.setAttribute('role', 'note');
            const head = el('div', 'notice-title', item.notice.title);
            head.append(' ', timeElement(item.notice.time));
            li.append(head, el('div', 'text', item.notice.text));
            return li;
        }
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
        const own = this.session.isOwn(message);
        const li = el('li', own ? 'message own' : 'message');
        li.dataset.seq = String(message.seq);
        if (message.msgId)
            li.dataset.msgid = message.msgId;
        const meta = el('div', 'meta');
        meta.append(el('span', 'from', message.from));
        appendBadge(meta, badgeOf(message.role, message.guest));
        meta.append(timeElement(message.time));
        if (own) {
            const mark = el('span', 'mark acked', '✓');
            mark.title = t('message.acked');
            mark.setAttribute('aria-label', t('message.acked'));
            meta.append(mark);
        }
        const actions = this.actionsFor(room, message);
        if (actions.length > 0) {
            // One small button per message; its menu holds what the role allows.
            const button = el('button', 'icon-button msg-actions', '⋯');
            button.type = 'button';
            button.title = t('message.actions', { name: message.from });
            button.setAttribute('aria-label', button.title);
            this.menu.attach(button, actions);
            meta.append(button);
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

    // What staff may do with a message: delete it (their own, or a lower role's) and act on a
    // lower role's author. Direct conversations belong to their two people.
    actionsFor(room, message) {
        const session = this.session;
        if (!session.isStaff || message.deleted || room.isDirect)
            return [];
        const mine = { moderator: 2, admin: 3 }[session.me.role] ?? 0;
        const own = session.isOwn(message);
        const below = rankOf(message) < mine;
        const actions = [];
        if (own || below) {
            actions.push({ label: t('message.delete'), className: 'delete',
                           run: () => this.onDelete(room, message) });
        }
        if (!own && below) {
            const name = message.from;
            for (const action of ['kick', 'mute', 'ban']) {
                actions.push({ label: t(`message.${action}`, { name }), className: action,
                               run: () => this.onModerate(name, action) });
            }
        }
        return actions;
    }

    renderPending(room, pending) {
        const li = el('li', 'message own pending');
        li.dataset.msgid = pending.msgId;
        li.dataset.state = pending.state;
        const meta = el('div', 'meta');
        meta.append(el('span', 'from', this.session.me.name));
        appendBadge(meta, badgeOf(this.session.me.role, this.session.me.role === 'guest'));
        meta.append(timeElement(pending.time));
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
            button.addEventListener('click', () => this.session.retry(room, pending.msgId));
            row.append(' ', button);
            li.append(row);
        }
        return li;
    }

    pendingElement(msgId) {
        for (const li of this.ui.messages.querySelectorAll('li.pending')) {
            if (li.dataset.msgid === msgId)
                return li;
        }
        return null;
    }

    renderTyping() {
        const room = this.session.activeRoom;
        const names = room ? Array.from(room.typers.keys()) : [];
        const typing = this.ui.typing;
        if (names.length === 0)
            typing.textContent = '';
        else if (names.length === 1)
            typing.textContent = t('typing.one', { a: names[0] });
        else if (names.length === 2)
            typing.textContent = t('typing.two', { a: names[0], b: names[1] });
        else
            typing.textContent = t('typing.many');
    }
}
