// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Message search: a dialog that asks as one types (or on Enter), shows the results newest first
// a page at a time (room, sender, local time and the text with the words marked, all as text),
// and opens the room at the message picked, with the messages around it, marked for a moment;
// a button then leads back to the newest messages.

import { formatDateTime, t } from '../i18n.js';
import { isDirectLike } from '../session.js';
import { directPeer } from '../model.js';
import { $, el } from './dom.js';

const AskDelayMs = 400;
const MinQuery = 2;
const SnippetChars = 300; // a long message shows this much around the first match
const NearEndPx = 40;

// The text as nodes, each occurrence of the words (case-insensitively) in a <mark>: text nodes
// only, never HTML.
export function highlighted(text, query) {
    const words = query.split(/\s+/).filter((w) => w.length > 0)
        .map((w) => w.toLocaleLowerCase());
    const lower = text.toLocaleLowerCase();
    const nodes = [];
    if (lower.length !== text.length || words.length === 0) {
        nodes.push(document.createTextNode(text)); // case folding moved the letters: no marks
        return nodes;
    }
    let at = 0;
    while (at < text.length) {
        let best = -1;
        let length = 0;
        for (const word of words) {
            const found = lower.indexOf(word, at);
            const longer = found === best && word.length > length;
            if (found >= 0 && (best < 0 || found < best || longer)) {
                best = found;
                length = word.length;
            }
        }
        if (best < 0)
            break;
        if (best > at)
            nodes.push(document.createTextNode(text.slice(at, best)));
        nodes.push(el('mark', '', text.slice(best, best + length)));
        at = best + length;
    }
    if (at < text.length)
        nodes.push(document.createTextNode(text.slice(at)));
    return nodes;
}

// A long text cut around the first of the words.
function snippet(text, query) {
    if (text.length <= SnippetChars)
        return text;
    const first = query.split(/\s+/).filter(Boolean)
        .map((w) => text.toLocaleLowerCase().indexOf(w.toLocaleLowerCase()))
        .filter((i) => i >= 0);
    const center = first.length ? Math.min(...first) : 0;
    const start = Math.max(0, center - SnippetChars / 3);
    const end = Math.min(text.length, start + SnippetChars);
    return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

export class SearchDialog {
    constructor(session) {
        this.session = session;
        this.timer = 0;
        this.asked = { query: '', room: '' }; // what the list shows
        this.ui = {
            open: $('search-open'), dialog: $('search-dialog'), form: $('search-form'),
            query: $('search-query'), here: $('search-here'), hereRow: $('search-here-row'),
            hereLabel: $('search-here-label'), status: $('search-status'),
            results: $('search-results'), close: $('search-close'), back: $('back-newest'),
            scroller: $('scroller'), messages: $('messages'),
        };
        const ui = this.ui;
        ui.open.addEventListener('click', () => this.show());
        ui.close.addEventListener('click', () => ui.dialog.close());
        ui.form.addEventListener('submit', (event) => {
            event.preventDefault();
            clearTimeout(this.timer);
            this.ask(true);
        });
        ui.query.addEventListener('input', () => {
            clearTimeout(this.timer);
            this.timer = setTimeout(() => this.ask(false), AskDelayMs);
        });
        ui.here.addEventListener('change', () => this.ask(true));
        ui.back.addEventListener('click', () => {
            ui.scroller.scrollTop = ui.scroller.scrollHeight;
            ui.back.hidden = true;
        });
        ui.scroller.addEventListener('scroll', () => {
            const s = ui.scroller;
            if (!ui.back.hidden && s.scrollTop + s.clientHeight >= s.scrollHeight - NearEndPx)
                ui.back.hidden = true;
        }, { passive: true });
    }

    get query() {
        return this.ui.query.value.trim();
    }

    get room() {
        const room = this.session.activeRoom;
        return this.ui.here.checked && room && !room.name.startsWith('@') ? room.name : '';
    }

    show() {
        const ui = this.ui;
        const room = this.session.activeRoom;
        ui.hereRow.hidden = !room || room.name.startsWith('@');
        ui.hereLabel.textContent = room ? t('search.here', { room: labelOf(room.name,
                                                                            this.session) })
            : '';
        ui.dialog.showModal();
        ui.query.focus();
        ui.query.select();
    }

    // Asks for the first page. now: the user pressed Enter (a short query says why nothing).
    ask(now) {
        const query = this.query;
        const room = this.room;
        if ([...query].length < MinQuery) {
            if (now)
                this.ui.status.textContent = t('search.tooShort');
            return;
        }
        if (!now && query === this.asked.query && room === this.asked.room)
            return;
        this.asked = { query, room };
        if (this.session.searchMessages(query, { room }))
            this.ui.status.textContent = t('search.searching');
    }

    // A page of results (the session's "results" event).
    showResults({ messages, more, next, query, room, append }) {
        const ui = this.ui;
        if (query !== this.asked.query || room !== this.asked.room)
            return; // the answer to an older question
        const items = messages.map((m) => this.resultItem(m, query));
        ui.results.querySelector('.search-more')?.remove();
        if (append)
            ui.results.append(...items);
        else
            ui.results.replaceChildren(...items);
        if (more) {
            const item = el('li', 'search-more');
            const button = el('button', 'link-button', t('search.more'));
            button.type = 'button';
            button.addEventListener('click', () => {
                button.disabled = true;
                this.session.searchMessages(query, { room, before: next });
            });
            item.append(button);
            ui.results.append(item);
        }
        ui.status.textContent = ui.results.querySelector('.search-hit') ? ''
            : t('search.none');
    }

    resultItem(message, query) {
        const item = el('li', 'found-item');
        const button = el('button', 'search-hit');
        button.type = 'button';
        button.dataset.room = message.room;
        button.dataset.seq = String(message.seq);
        const where = labelOf(message.room, this.session);
        const when = Number.isSafeInteger(message.time) ? formatDateTime(message.time) : '';
        const head = el('span', 'hit-meta');
        head.append(el('span', 'hit-room', where), el('span', 'hit-from', message.from || ''));
        const time = el('time', 'hit-time', when);
        if (when)
            time.dateTime = new Date(message.time).toISOString();
        head.append(time);
        const text = el('span', 'hit-text');
        text.append(...highlighted(snippet(message.text, query), query));
        button.append(head, text);
        button.setAttribute('aria-label', `${t('search.result', { from: message.from || '',
                                                                   room: where, time: when })}: `
                                          + message.text.slice(0, 200));
        button.addEventListener('click', () => {
            this.ui.dialog.close();
            this.session.openAt(message.room, message.seq);
        });
        item.append(button);
        return item;
    }

    failed({ what, message }) {
        if (what === 'search' && this.ui.dialog.open) {
            this.ui.status.textContent = t('search.failed', { message });
            this.asked = { query: '', room: '' };
        }
    }

    // A message opened from the results is in the room shown: in view, and marked.
    found({ room, seq }) {
        if (room.name !== this.session.active)
            return;
        const li = this.ui.messages.querySelector(`li.message[data-seq="${seq}"]`);
        if (!li)
            return;
        for (const old of this.ui.messages.querySelectorAll('li.found'))
            old.classList.remove('found');
        li.classList.add('found');
        li.scrollIntoView({ block: 'center' });
        const s = this.ui.scroller;
        this.ui.back.hidden = s.scrollTop + s.clientHeight >= s.scrollHeight - NearEndPx;
    }

    // The room was drawn again: the found message keeps its mark (without scrolling to it).
    keepMark() {
        const room = this.session.activeRoom;
        if (!room?.found)
            return;
        this.ui.messages.querySelector(`li.message[data-seq="${room.found}"]`)
            ?.classList.add('found');
    }

    // Another room is shown: the way back belongs to the one searched.
    roomShown() {
        this.ui.back.hidden = true;
    }
}

// "#room", or the other person's name for a direct conversation.
function labelOf(name, session) {
    if (name.startsWith('@'))
        return name.slice(1);
    const room = session.rooms.get(name);
    if (room && isDirectLike(room) && room.peer)
        return room.peer;
    return name.startsWith('dm:') ? directPeer(name, session.me.name) : `#${name}`;
}
