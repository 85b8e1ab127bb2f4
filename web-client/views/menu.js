// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The small menu behind a message's "⋯" button (moderation), one open at a time. It follows the
// menu button pattern: Enter, Space or a click opens it on its first item, the arrow keys, Home
// and End move, Escape closes it back to its button, Tab or a click elsewhere closes it.

import { el } from './dom.js';

export class MessageMenu {
    constructor() {
        this.open = null; // {button, list}
        document.addEventListener('pointerdown', (event) => {
            if (this.open && !this.open.list.contains(event.target)
                && event.target !== this.open.button)
                this.close(false);
        });
    }

    // actions: [{label, className, run, title?}]; options.className: the list's own class (the
    // reaction picker lays its items out in a row).
    attach(button, actions, options = {}) {
        button.setAttribute('aria-haspopup', 'menu');
        button.setAttribute('aria-expanded', 'false');
        button.addEventListener('click', () => {
            if (this.open?.button === button)
                this.close(true);
            else
                this.show(button, actions, 0, options);
        });
        button.addEventListener('keydown', (event) => {
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                event.preventDefault();
                this.show(button, actions, event.key === 'ArrowUp' ? -1 : 0, options);
            }
        });
    }

    show(button, actions, focus = 0, options = {}) {
        this.close(false);
        const list = el('ul', `msg-menu ${options.className || ''}`.trim());
        list.setAttribute('role', 'menu');
        list.setAttribute('aria-label', button.title);
        const items = actions.map((action) => {
            const item = el('button', `menu-item ${action.className || ''}`.trim(), action.label);
            item.type = 'button';
            item.tabIndex = -1;
            item.setAttribute('role', 'menuitem');
            if (action.title) {
                item.title = action.title;
                item.setAttribute('aria-label', action.title);
            }
            item.addEventListener('click', () => {
                this.close(true);
                action.run();
            });
            const li = el('li');
            li.setAttribute('role', 'none');
            li.append(item);
            return li;
        });
        list.append(...items);
        list.addEventListener('keydown', (event) => this.onKey(event));
        button.after(list);
        button.setAttribute('aria-expanded', 'true');
        this.open = { button, list };
        const buttons = this.items();
        buttons.at(focus)?.focus();
    }

    items() {
        return this.open ? Array.from(this.open.list.querySelectorAll('[role=menuitem]')) : [];
    }

    onKey(event) {
        const items = this.items();
        const at = items.indexOf(document.activeElement);
        let next = -1;
        switch (event.key) {
        case 'ArrowDown':
        case 'ArrowRight': next = (at + 1) % items.length; break;
        case 'ArrowUp':
        case 'ArrowLeft': next = (at - 1 + items.length) % items.length; break;
        case 'Home': next = 0; break;
        case 'End': next = items.length - 1; break;
        case 'Escape':
            event.preventDefault();
            this.close(true);
            return;
        case 'Tab':
            this.close(false);
            return;
        default:
            return;
        }
        event.preventDefault();
        items[next]?.focus();
    }

    // refocus: back to the menu's button (Escape, a choice), not when the user went elsewhere.
    close(refocus) {
        const open = this.open;
        if (!open)
            return;
        this.open = null;
        open.list.remove();
        open.button.setAttribute('aria-expanded', 'false');
        if (refocus && open.button.isConnected)
            open.button.focus();
    }
}
