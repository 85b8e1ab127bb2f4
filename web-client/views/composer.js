// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The field messages are written in: Enter sends (Shift+Enter is a new line, and an input
// method composing a word keeps its Enter), typing is told to the room, and announcement rooms
// are read-only for all but staff.

import { t } from '../i18n.js';
import { MentionCompleter } from './complete.js';
import { $, el, roomLabel } from './dom.js';
import { FilePicker } from './files.js';

const MaxRows = 5;
const WideScreen = '(min-width: 760px)';

export class ComposerView {
    constructor(session) {
        this.session = session;
        this.ui = { composer: $('composer'), message: $('message'), send: $('send') };
        const ui = this.ui;
        // Files to send: chips above the field; Send waits until they are up.
        this.files = new FilePicker(session, { onChange: () => this.updateSend() });
        this.waiting = ''; // the room whose message waits for its uploads
        ui.composer.addEventListener('submit', (event) => this.submit(event));
        // "@name" completion first: while its list is open, Enter and Tab pick a name.
        this.completer = new MentionCompleter(ui.message, () => this.mentionNames());
        ui.message.addEventListener('keydown', (event) => {
            if (this.completer.onKey(event) || this.contextKey(event))
                event.stopImmediatePropagation();
        });
        // Replying to or editing a message: a bar above the field says which.
        this.context = null; // {kind: 'reply' | 'edit', room, message, draft}
        ui.context = el('div', 'composer-context');
        ui.context.id = 'composer-context';
        ui.context.hidden = true;
        ui.contextText = el('span', 'context-text');
        ui.contextCancel = el('button', 'icon-button context-cancel', '×');
        ui.contextCancel.type = 'button';
        ui.contextCancel.addEventListener('click', () => this.endContext(true));
        ui.context.append(ui.contextText, ui.contextCancel);
        ui.composer.before(ui.context);
        ui.message.addEventListener('keydown', (event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.isComposing
                && event.keyCode !== 229) {
                event.preventDefault();
                ui.composer.requestSubmit();
            }
        });
        ui.message.addEventListener('input', () => {
            ui.message.rows = Math.min(MaxRows, ui.message.value.split('\n').length);
            session.setComposing(ui.message.value !== '');
        });
    }

    submit(event) {
        const message = this.ui.message;
        event.preventDefault();
        const text = message.value;
        const room = this.session.activeRoom;
        const uploads = room ? this.files.forRoom(room.name) : [];
        const attaching = uploads.some((u) => u.state !== 'error');
        if ((text.trim() === '' && !attaching) || message.disabled)
            return;
        const context = this.context;
        if (context?.kind !== 'edit' && uploads.some((u) => u.state === 'error'))
            return; // the chip says why; it is taken off (×) before sending
        if (context?.kind !== 'edit' && uploads.some((u) => u.state === 'uploading')) {
            if (!this.waiting) {
                this.waiting = room.name;
                Promise.allSettled(uploads.map((u) => u.done)).then(() => {
                    const again = this.waiting === this.session.active;
                    this.waiting = '';
                    this.updateSend();
                    if (again)
                        this.ui.composer.requestSubmit();
                });
            }
            this.updateSend();
            return;
        }
        if (context?.kind === 'edit') {
            const room = this.session.rooms.get(context.room);
            if (room && text !== context.message.text
                && !this.session.editMessage(room, context.message.seq, text))
                return; // not connected: the text stays in the field
            this.endContext(false);
            message.value = context.draft;
            message.rows = 1;
            message.focus();
            return;
        }
        message.value = '';
        message.rows = 1;
        this.session.stopComposing();
        this.session.sendText(text, { replyTo: context?.kind === 'reply' ? context.message.seq : 0,
                                      attachments: this.files.take(room.name) });
        this.endContext(false);
        message.focus();
    }

    // Answers this message: the next message sent is a reply to it.
    startReply(room, message) {
        if (this.context?.kind === 'edit')
            this.endContext(true);
        this.context = { kind: 'reply', room: room.name, message };
        this.showContext(t('reply.to', { name: message.from, text: firstLine(message.text) }));
        this.ui.message.focus();
    }

    // Changes one of our messages: its text goes into the field (what was typed comes back
    // after).
    startEdit(room, message) {
        if (this.context?.kind === 'edit')
            this.endContext(true);
        const draft = this.context ? this.context.draft : this.ui.message.value;
        this.context = { kind: 'edit', room: room.name, message, draft };
        this.showContext(t('edit.editing'));
        const field = this.ui.message;
        field.value = message.text;
        field.rows = Math.min(MaxRows, message.text.split('\n').length);
        field.focus();
        field.setSelectionRange(field.value.length, field.value.length);
    }

    showContext(text) {
        this.ui.contextText.textContent = text;
        this.ui.contextCancel.title = t(this.context.kind === 'edit' ? 'edit.cancel'
                                        : 'reply.cancel');
        this.ui.contextCancel.setAttribute('aria-label', this.ui.contextCancel.title);
        this.ui.context.dataset.kind = this.context.kind;
        this.ui.context.hidden = false;
    }

    // restore: an edit given up puts back what was typed before it.
    endContext(restore) {
        const context = this.context;
        if (!context)
            return;
        this.context = null;
        this.ui.context.hidden = true;
        delete this.ui.context.dataset.kind;
        if (restore && context.kind === 'edit') {
            this.ui.message.value = context.draft;
            this.ui.message.rows = 1;
        }
    }

    // Escape ends a reply or an edit; Up in an empty field edits our last message.
    contextKey(event) {
        if (event.isComposing || event.keyCode === 229)
            return false;
        if (event.key === 'Escape' && this.context) {
            event.preventDefault();
            this.endContext(true);
            return true;
        }
        if (event.key === 'ArrowUp' && this.ui.message.value === '' && !this.context) {
            const room = this.session.activeRoom;
            const last = room && this.session.lastOwnMessage(room);
            if (!last)
                return false;
            event.preventDefault();
            this.startEdit(room, last);
            return true;
        }
        return false;
    }

    // The names "@" completes in the room shown: who is here (by name), then who wrote in it,
    // the most recent first. Not our own.
    mentionNames() {
        const room = this.session.activeRoom;
        if (!room)
            return [];
        const me = this.session.me.name.toLowerCase();
        const here = Array.from(room.members.keys()).sort((a, b) => a.localeCompare(b));
        const wrote = [];
        for (let i = room.items.length - 1; i >= 0; --i) {
            const from = room.items[i].message?.from;
            if (from && from !== 'server')
                wrote.push(from);
        }
        return [...here, ...wrote].filter((name) => name.toLowerCase() !== me);
    }

    update() {
        const session = this.session;
        const room = session.activeRoom;
        const readOnly = room?.kind === 'announcement' && !session.isStaff;
        // While reconnecting one may still write: the message waits (marked) and goes out later.
        const usable = Boolean(room) && !readOnly && session.signedIn;
        if (this.context && this.context.room !== session.active)
            this.endContext(true);
        this.ui.message.disabled = !usable;
        this.ui.send.disabled = !usable;
        this.files.update();
        this.updateSend();
        this.ui.message.placeholder = readOnly ? t('composer.readOnly')
            : room ? t('composer.placeholder', { room: roomLabel(room) }) : '';
    }

    // Send says so while a message waits for its files.
    updateSend() {
        const waiting = Boolean(this.waiting) && this.waiting === this.session.active;
        this.ui.send.textContent = t(waiting ? 'files.waiting' : 'composer.send');
        this.ui.send.dataset.waiting = String(waiting);
    }

    // A room was picked: on wide screens one writes at once.
    focusIfWide() {
        if (matchMedia(WideScreen).matches)
            this.ui.message.focus();
    }
}

function firstLine(text) {
    const line = text.split(/\r\n|[\n\r]/, 1)[0];
    return line.length > 80 ? `${line.slice(0, 80)}…` : line;
}
