// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// What was read: the newest message of the room shown that is in sight (the page not hidden,
// the message scrolled into view) goes to the session as read; the session tells the server,
// at most once a second per room. Scrolled up, only what is on screen counts.

import { $ } from './dom.js';

const ShownPx = 16; // this much of a message in sight counts as shown

export class ReadMarker {
    constructor(session) {
        this.session = session;
        this.queued = false;
        this.ui = { scroller: $('scroller'), messages: $('messages') };
        this.ui.scroller.addEventListener('scroll', () => this.check(), { passive: true });
        document.addEventListener('visibilitychange', () => this.check());
        window.addEventListener('focus', () => this.check());
    }

    // After the page changed (and was drawn): at the next frame, once.
    check() {
        if (this.queued || document.hidden)
            return;
        this.queued = true;
        requestAnimationFrame(() => {
            this.queued = false;
            this.markShown();
        });
    }

    markShown() {
        const room = this.session.activeRoom;
        if (!room || document.hidden)
            return;
        const bottom = this.ui.scroller.getBoundingClientRect().bottom;
        const items = this.ui.messages.querySelectorAll('li.message[data-seq]');
        for (let i = items.length - 1; i >= 0; --i) {
            const box = items[i].getBoundingClientRect();
            if (box.height > 0 && box.top + Math.min(ShownPx, box.height) <= bottom) {
                this.session.markRead(room, Number(items[i].dataset.seq));
                return;
            }
        }
    }
}
