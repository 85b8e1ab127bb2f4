// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The conversation shown: its header (name, kind, topic, invite, leave), its messages and
// notices in seq order followed by ours still on their way, the edge of its history (older
// pages load when scrolled to the top), the "new messages below" button, and who is typing.
// Messages are drawn formatted (format.js builds the elements), grouped by sender, with a line
// at the start of each day.

import { mentionsMe, parse, render } from '../format.js';
import { formatDateTime, lang, t } from '../i18n.js';
import { $, el, roomLabel, timeElement } from './dom.js';
import { MessageMenu } from './menu.js';

const NearTopPx = 60;
const NearEndPx = 40;
// A message from the same sender within this time of the one before goes under the same name.
const GroupMs = 5 * 60 * 1000;

let dayFormat = null; // for the language it was made for (the settings may change it)

// The reactions offered on every message (those already on it are offered too).
export const CommonReactions = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🙏', '👀'];
// How much of a quoted message a reply shows.
const QuoteChars = 200;
const RevealFlashMs = 2000;

function localDay(ms) {
    const date = new Date(ms);
    return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

// "Today", "Yesterday", or the date in the page's language (the viewer's time zone).
export function dayLabel(ms, now = Date.now()) {
    const day = localDay(ms);
    const today = localDay(now);
    if (day === today)
        return t('day.today');
    const yesterday = new Date(today);
    yesterday.setDate(yesterday.getDate() - 1);
    if (day === yesterday.getTime())
        return t('day.yesterday');
    if (dayFormat?.resolvedOptions().locale.split('-')[0] !== lang)
        dayFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'full' });
    return dayFormat.format(new Date(ms));
}

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
    // onDelete(room, message): a moderator (or the author) asked to delete a message.
    // onModerate(name, action): to kick, mute or ban its author. onReply(room, message) and
    // onEdit(room, message): the composer answers or edits it.
    // attachments: the AttachmentsView that draws a message's files.
    constructor(session, { onDelete, onModerate, onReply = () => {}, onEdit = () => {},
                           attachments = null }) {
        this.session = session;
        this.attachments = attachments;
        this.onDelete = onDelete;
        this.onModerate = onModerate;
        this.onReply = onReply;
        this.onEdit = onEdit;
        this.menu = new MessageMenu();
        this.nodes = new WeakMap(); // room item -> its element
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
        // Older messages load as one scrolls up near the top: not when the page itself scrolls
        // down to the newest (grouped messages can leave a room's first page barely taller than
        // the view).
        let lastTop = 0;
        ui.scroller.addEventListener('scroll', () => {
            const top = ui.scroller.scrollTop;
            if (top < NearTopPx && top < lastTop)
                session.loadOlder();
            lastTop = top;
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
        this.arrange();
        this.renderHistoryEdge();
    }

    // Groups and days, after every change to the list: a day line before the first message of
    // each day, and a message from the same sender soon after the one above marked "continued"
    // (its name and time are then hidden from the eye only: a screen reader still reads them).
    arrange() {
        let day = null;
        let previous = null; // {from, time} of the message above, if nothing came between
        for (const li of Array.from(this.ui.messages.children)) {
            if (li.classList.contains('day')) {
                li.remove();
                continue;
            }
            const time = Number(li.dataset.time);
            if (!li.classList.contains('message') || !time) {
                previous = null;
                continue;
            }
            if (localDay(time) !== day) {
                day = localDay(time);
                const line = el('li', 'day');
                line.setAttribute('role', 'separator');
                line.append(el('span', 'day-label', dayLabel(time)));
                line.setAttribute('aria-label', line.textContent);
                li.before(line);
                previous = null;
            }
            const from = li.dataset.from;
            li.classList.toggle('continued', previous !== null && previous.from === from
                                && time - previous.time >= 0 && time - previous.time < GroupMs);
            previous = { from, time };
        }
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
        this.ui.messages.insertBefore(node, this.nodeAfter(room, index));
        this.arrange();
        this.renderHistoryEdge();
        this.scrollToEnd(stick);
        if (scroll === 'live' && !stick)
            this.ui.jumpNew.hidden = false; // scrolled up, reading: say where the new one is
    }

    // The element drawn for what follows room.items[index]: the next item, else our first
    // message still on its way; null at the end.
    nodeAfter(room, index) {
        for (const item of room.items.slice(index + 1)) {
            const node = this.nodes.get(item);
            if (node?.parentNode === this.ui.messages)
                return node;
        }
        return this.ui.messages.querySelector('li.pending');
    }

    itemChanged({ room, index, seq }) {
        if (!this.isShown(room))
            return;
        const old = this.ui.messages.querySelector(`li.message[data-seq="${seq}"]`);
        old?.replaceWith(this.renderItem(room, room.items[index]));
        this.arrange();
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
            this.arrange();
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
        this.arrange();
    }

    renderItem(room, item) {
        const node = this.renderItemNode(room, item);
        this.nodes.set(item, node);
        return node;
    }

    renderItemNode(room, item) {
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
        li.dataset.from = message.from;
        li.dataset.time = String(message.time || 0);
        if (this.revealed && message.seq === this.revealed)
            li.classList.add('revealed');
        if (message.msgId)
            li.dataset.msgid = message.msgId;
        const meta = el('div', 'meta');
        meta.append(el('span', 'from', message.from));
        appendBadge(meta, badgeOf(message.role, message.guest));
        meta.append(timeElement(message.time));
        if (message.edited && !message.deleted) {
            const edited = el('span', 'edited', t('message.edited'));
            edited.title = t('message.editedAt', { time: formatDateTime(message.edited) });
            meta.append(edited);
        }
        if (own) {
            const mark = el('span', 'mark acked', '✓');
            mark.title = t('message.acked');
            mark.setAttribute('aria-label', t('message.acked'));
            meta.append(mark);
        }
        const session = this.session;
        const actions = this.actionsFor(room, message);
        if (actions.length > 0) {
            // One small button per message; its menu holds what the role allows.
            // Staff's "⋯" holds moderation (msg-actions); anybody's own message has one too.
            const kind = session.isStaff ? 'msg-actions' : 'msg-more';
            const button = el('button', `icon-button ${kind}`, '⋯');
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
            if (message.replyTo)
                li.append(this.renderQuote(room, message));
            li.append(this.renderText(message.text, message.mentions));
            const files = this.attachments?.render(message);
            if (files)
                li.append(files);
            if (!own && mentionsMe(message.mentions, session.me.name))
                li.classList.add('mentions-me');
            li.append(this.renderReactions(room, message));
            li.append(this.renderTools(room, message));
        }
        return li;
    }

    // Above a reply: who and what it answers, as text; a click shows the original.
    renderQuote(room, message) {
        const quote = this.session.quoteOf(room, message);
        const button = el('button', 'reply-quote');
        button.type = 'button';
        if (!quote) {
            button.append(el('span', 'quote-text', t('reply.loading')));
        } else if (quote.deleted) {
            button.append(el('span', 'quote-text', t('reply.deleted')));
        } else {
            const text = quote.text.length > QuoteChars ? `${quote.text.slice(0, QuoteChars)}…`
                : quote.text;
            button.append(el('span', 'quote-from', quote.from), el('span', 'quote-text', text));
        }
        button.title = t('reply.show');
        button.addEventListener('click', () => this.session.showMessage(room, message.replyTo));
        return button;
    }

    // The reactions under a message: one chip per emoji with its count, pressed when one of
    // them is ours, its title naming who reacted; a click takes ours back or adds it.
    renderReactions(room, message) {
        const row = el('div', 'reactions');
        for (const reaction of message.reactions || []) {
            const mine = this.session.reacted(message, reaction.emoji);
            const chip = el('button', mine ? 'reaction mine' : 'reaction');
            chip.type = 'button';
            chip.dataset.emoji = reaction.emoji;
            chip.append(el('span', 'reaction-emoji', reaction.emoji),
                        el('span', 'reaction-count', String(reaction.users.length)));
            chip.setAttribute('aria-pressed', String(mine));
            chip.title = t('reaction.who', { emoji: reaction.emoji,
                                             names: reaction.users.join(', ') });
            chip.setAttribute('aria-label', chip.title);
            chip.addEventListener('click', () => this.session.react(room, message.seq,
                                                                    reaction.emoji, !mine));
            row.append(chip);
        }
        row.hidden = row.childElementCount === 0;
        return row;
    }

    // On hover or focus: react and reply.
    renderTools(room, message) {
        const tools = el('div', 'msg-tools');
        const react = el('button', 'icon-button react-add', '☺+');
        react.type = 'button';
        react.title = t('reaction.add');
        react.setAttribute('aria-label', react.title);
        const offered = [...CommonReactions];
        for (const reaction of message.reactions || []) {
            if (!offered.includes(reaction.emoji))
                offered.push(reaction.emoji);
        }
        this.menu.attach(react, offered.map((emoji) => {
            const mine = this.session.reacted(message, emoji);
            return { label: emoji, className: mine ? 'emoji mine' : 'emoji',
                     title: t(mine ? 'reaction.remove' : 'reaction.with', { emoji }),
                     run: () => this.session.react(room, message.seq, emoji, !mine) };
        }), { className: 'reaction-picker' });
        const reply = el('button', 'icon-button reply', '↩');
        reply.type = 'button';
        reply.title = t('message.reply');
        reply.setAttribute('aria-label', reply.title);
        reply.addEventListener('click', () => this.onReply(room, message));
        tools.append(react, reply);
        return tools;
    }

    // A message shown at its place (a quote was clicked): scrolled to, and flashed.
    reveal({ room, seq }) {
        if (!this.isShown(room))
            return;
        const li = this.ui.messages.querySelector(`li.message[data-seq="${seq}"]`);
        if (!li)
            return;
        li.scrollIntoView({ block: 'center' });
        li.tabIndex = -1;
        li.focus({ preventScroll: true });
        // Kept by seq: an older page that loads meanwhile draws the list again.
        this.revealed = seq;
        li.classList.add('revealed');
        clearTimeout(this.revealTimer);
        this.revealTimer = setTimeout(() => {
            this.revealed = 0;
            this.ui.messages.querySelector('li.revealed')?.classList.remove('revealed');
        }, RevealFlashMs);
    }

    // The text of a message, formatted: elements built from the parsed text, never its HTML.
    // A message of one paragraph (most are) is that paragraph itself, without a <p> inside.
    renderText(text, mentions) {
        const div = el('div', 'text');
        div.append(render(parse(text, mentions, this.session.me.name), document,
                          { bareParagraph: true }));
        return div;
    }

    // What one may do with a message: edit and delete one's own; staff delete a lower role's and
    // act on its author. Direct conversations belong to their two people.
    actionsFor(room, message) {
        const session = this.session;
        const own = session.isOwn(message);
        if (message.deleted)
            return [];
        const actions = [];
        if (own) {
            actions.push({ label: t('message.edit'), className: 'edit',
                           run: () => this.onEdit(room, message) });
        }
        if (!session.isStaff || room.isDirect) {
            // Anybody deletes their own messages.
            if (own) {
                actions.push({ label: t('message.delete'), className: 'delete',
                               run: () => this.onDelete(room, message) });
            }
            return actions;
        }
        const mine = { moderator: 2, admin: 3 }[session.me.role] ?? 0;
        const below = rankOf(message) < mine;
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
        li.dataset.from = this.session.me.name;
        li.dataset.time = String(pending.time || 0);
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
        li.append(meta);
        if (pending.replyTo)
            li.append(this.renderQuote(room, pending));
        li.append(this.renderText(pending.text, []));
        if (pending.attachments?.length) {
            // On its way: the names, as the message will show them.
            li.append(el('ul', 'attachments pending-files', ''));
            li.lastChild.append(...pending.attachments.map((f) => el('li', 'attachment file',
                                                                      f.name)));
        }
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
