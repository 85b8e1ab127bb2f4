// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// "@name" completion in the composer: typing "@" and the start of a name lists the people of the
// room (those here now first, then those who wrote in it), the arrow keys move, Tab or Enter
// picks, Escape closes. It follows the combobox pattern: the field says the list is open
// (aria-expanded) and which option is active (aria-activedescendant); focus stays in the field.

import { t } from '../i18n.js';
import { el } from './dom.js';

const MaxOptions = 8;
// "@" at the start or after a character that is not part of a name, then the name typed so far
// (the mention rule of docs/protocol.md), right before the caret.
const typedMention = /(?:^|[^\p{L}\p{N}\-_.])@([\p{L}\p{N}\-_.]*)$/u;

export class MentionCompleter {
    // field: the composer's textarea; names(): the names to offer, in order of preference.
    constructor(field, names) {
        this.field = field;
        this.names = names;
        this.options = [];
        this.active = -1;
        this.start = -1; // where the "@" is
        this.list = el('ul', 'mention-list');
        this.list.id = 'mention-list';
        this.list.setAttribute('role', 'listbox');
        this.list.setAttribute('aria-label', t('complete.label'));
        this.list.hidden = true;
        field.before(this.list);
        field.setAttribute('role', 'combobox');
        field.setAttribute('aria-autocomplete', 'list');
        field.setAttribute('aria-controls', this.list.id);
        field.setAttribute('aria-expanded', 'false');
        field.addEventListener('input', () => this.update());
        field.addEventListener('click', () => this.update());
        field.addEventListener('blur', () => this.close());
        // A click on an option must not take the focus from the field first.
        this.list.addEventListener('pointerdown', (event) => event.preventDefault());
    }

    get isOpen() {
        return !this.list.hidden;
    }

    // Looks at what is before the caret: an "@name" being typed opens (or narrows) the list.
    update() {
        const field = this.field;
        if (field.selectionStart !== field.selectionEnd) {
            this.close();
            return;
        }
        const before = field.value.slice(0, field.selectionStart);
        const match = before.match(typedMention);
        if (!match) {
            this.close();
            return;
        }
        const typed = match[1].toLowerCase();
        const seen = new Set();
        const options = [];
        for (const name of this.names()) {
            const key = name.toLowerCase();
            if (seen.has(key) || !key.startsWith(typed))
                continue;
            seen.add(key);
            options.push(name);
            if (options.length === MaxOptions)
                break;
        }
        if (options.length === 0 || (options.length === 1 && options[0].toLowerCase() === typed)) {
            this.close();
            return;
        }
        this.start = before.length - match[1].length - 1;
        this.show(options);
    }

    show(options) {
        const previous = this.options[this.active];
        this.options = options;
        this.active = Math.max(0, options.indexOf(previous));
        this.list.replaceChildren(...options.map((name, index) => {
            const li = el('li', 'mention-option', `@${name}`);
            li.id = `mention-option-${index}`;
            li.setAttribute('role', 'option');
            li.dataset.name = name;
            li.addEventListener('click', () => this.pick(index));
            return li;
        }));
        this.list.hidden = false;
        this.field.setAttribute('aria-expanded', 'true');
        this.highlight();
    }

    highlight() {
        for (const [index, li] of Array.from(this.list.children).entries()) {
            li.setAttribute('aria-selected', String(index === this.active));
            li.classList.toggle('active', index === this.active);
        }
        this.field.setAttribute('aria-activedescendant', `mention-option-${this.active}`);
        this.list.children[this.active]?.scrollIntoView({ block: 'nearest' });
    }

    close() {
        if (this.list.hidden)
            return;
        this.list.hidden = true;
        this.list.replaceChildren();
        this.options = [];
        this.active = -1;
        this.field.setAttribute('aria-expanded', 'false');
        this.field.removeAttribute('aria-activedescendant');
    }

    // Puts "@name " in place of what was typed after the "@".
    pick(index) {
        const name = this.options[index];
        if (name === undefined)
            return;
        const field = this.field;
        const end = field.selectionStart;
        const after = field.value.slice(end);
        const insert = `@${name}${after.startsWith(' ') ? '' : ' '}`;
        field.setRangeText(insert, this.start, end, 'end');
        if (after.startsWith(' '))
            field.setSelectionRange(field.selectionStart + 1, field.selectionStart + 1);
        this.close();
        field.dispatchEvent(new Event('input', { bubbles: true }));
        field.focus();
    }

    // The field's keys while the list is open; true when the key was ours.
    onKey(event) {
        if (!this.isOpen || event.isComposing)
            return false;
        const count = this.options.length;
        switch (event.key) {
        case 'ArrowDown':
            this.active = (this.active + 1) % count;
            this.highlight();
            break;
        case 'ArrowUp':
            this.active = (this.active - 1 + count) % count;
            this.highlight();
            break;
        case 'Tab':
        case 'Enter':
            if (event.shiftKey)
                return false;
            this.pick(this.active);
            break;
        case 'Escape':
            this.close();
            break;
        default:
            return false;
        }
        event.preventDefault();
        return true;
    }
}
