// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// "New conversation": the people search (accounts, online or not, asked as one types, a page at a
// time) with each one's status or when they were last seen; picking one opens the direct
// conversation with them (the first message sends `direct`).

import { formatDateTime, t } from '../i18n.js';
import { $, el } from './dom.js';

const AskDelayMs = 250;

// A person's status in words: online, away, do not disturb, or offline with when last seen.
export function personStatus(person) {
    if (person.online)
        return t(`status.${person.status}`);
    if (!person.lastSeen)
        return t('status.offline');
    const seen = t('members.lastSeen', { time: formatDateTime(person.lastSeen) });
    return `${t('status.offline')} · ${seen}`;
}

export class PeopleDialog {
    constructor(session) {
        this.session = session;
        this.timer = 0;
        this.ui = {
            open: $('new-dm'), dialog: $('people-dialog'), form: $('people-form'),
            query: $('people-query'), list: $('people-list'), status: $('people-status'),
            close: $('people-close'),
        };
        const ui = this.ui;
        ui.open.addEventListener('click', () => this.show());
        ui.close.addEventListener('click', () => ui.dialog.close());
        ui.form.addEventListener('submit', (event) => {
            event.preventDefault();
            ui.list.querySelector('.person')?.click(); // Enter takes the first one
        });
        ui.query.addEventListener('input', () => {
            clearTimeout(this.timer);
            this.timer = setTimeout(() => this.ask(), AskDelayMs);
        });
    }

    get query() {
        return this.ui.query.value.trim();
    }

    // Direct conversations are between accounts: guests do not get the button.
    showMe() {
        this.ui.open.hidden = !this.session.isAccount;
    }

    show() {
        const ui = this.ui;
        ui.query.value = '';
        ui.list.replaceChildren();
        ui.dialog.showModal();
        ui.query.focus();
        this.ask();
    }

    ask(after = '') {
        if (this.session.findPeople(this.query, after) && !after)
            this.ui.status.textContent = t('people.loading');
    }

    // A page of people (the session's "people" event).
    showPeople({ people, more, query, append, last }) {
        const ui = this.ui;
        if (query !== this.query || !ui.dialog.open)
            return; // the answer to an older question
        const me = this.session.me.name.toLowerCase();
        const items = people.filter((p) => p.name.toLowerCase() !== me)
            .map((person) => this.personItem(person));
        ui.list.querySelector('.people-more')?.remove();
        if (append)
            ui.list.append(...items);
        else
            ui.list.replaceChildren(...items);
        if (more) {
            const item = el('li', 'people-more');
            const button = el('button', 'link-button', t('people.more'));
            button.type = 'button';
            button.addEventListener('click', () => {
                button.disabled = true;
                this.ask(last);
            });
            item.append(button);
            ui.list.append(item);
        }
        ui.status.textContent = ui.list.querySelector('.person') ? '' : t('people.none');
    }

    personItem(person) {
        const item = el('li', 'found-item');
        const button = el('button', 'person');
        button.type = 'button';
        button.dataset.name = person.name;
        button.dataset.status = person.status;
        button.title = t('people.open', { name: person.name });
        const dot = el('span', 'dot');
        dot.dataset.status = person.status;
        dot.setAttribute('aria-hidden', 'true');
        button.append(dot, el('span', 'person-name', person.name));
        if (person.role === 'moderator' || person.role === 'admin')
            button.append(el('span', 'role staff', t(`role.${person.role}`)));
        button.append(el('span', 'person-status', personStatus(person)));
        button.addEventListener('click', () => {
            this.ui.dialog.close();
            this.session.openDirect(person.name);
        });
        item.append(button);
        return item;
    }

    failed({ what, message }) {
        if (what === 'people' && this.ui.dialog.open)
            this.ui.status.textContent = t('people.failed', { message });
    }
}
