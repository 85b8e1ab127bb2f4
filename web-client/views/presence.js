// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Our presence status: the menu on our name in the top bar (online, away, do not disturb, and
// how long without input before we show as away), the dot beside the name, and the idle timer:
// away after the idle time, back online at the next input unless the status was set by hand.

import { t } from '../i18n.js';
import { $ } from './dom.js';
import { MessageMenu } from './menu.js';

const CheckEveryMs = 15000;
const InputEvents = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'focus'];
const InputThrottleMs = 1000;

export class PresenceView {
    constructor(session) {
        this.session = session;
        this.menu = new MessageMenu();
        this.lastNoted = 0;
        this.ui = {
            button: $('me-menu'), dot: $('me-status'), label: $('me-status-label'),
            dialog: $('idle-dialog'), form: $('idle-form'), minutes: $('idle-minutes'),
            cancel: $('idle-cancel'),
        };
        const ui = this.ui;
        ui.button.title = t('status.menu', { status: t('status.online') });
        this.menu.attach(ui.button, Object.entries({ online: 'setOnline', away: 'setAway',
                                                     dnd: 'setDnd' })
            // The words are looked up when the menu opens (the language may have changed).
            .map(([status, key]) => ({ get label() { return t(`status.${key}`); },
                                       className: `set-${status}`,
                                       run: () => session.setStatus(status) }))
            .concat([{ get label() { return t('status.idle'); }, className: 'set-idle',
                       run: () => this.openIdle() }]));
        ui.cancel.addEventListener('click', () => ui.dialog.close());
        ui.form.addEventListener('submit', (event) => {
            event.preventDefault();
            const minutes = Math.floor(Number(ui.minutes.value));
            if (Number.isSafeInteger(minutes) && minutes >= 0 && minutes <= 24 * 60)
                session.setIdleMinutes(minutes);
            ui.dialog.close();
        });
        const noteInput = () => {
            const now = Date.now();
            if (now - this.lastNoted < InputThrottleMs && session.myStatus !== 'away')
                return;
            this.lastNoted = now;
            session.noteInput(now);
        };
        for (const type of InputEvents)
            window.addEventListener(type, noteInput, { capture: true, passive: true });
        setInterval(() => session.checkIdle(), CheckEveryMs);
        this.render();
    }

    openIdle() {
        this.ui.minutes.value = String(this.session.settings.idleMinutes);
        this.ui.dialog.showModal();
        this.ui.minutes.focus();
    }

    // Our status beside our name: a dot, and its word for screen readers and the tooltip.
    render() {
        const status = this.session.myStatus;
        const words = t(`status.${status}`);
        this.ui.dot.dataset.status = status;
        this.ui.label.textContent = words;
        this.ui.button.title = t('status.menu', { status: words });
        document.body.dataset.status = status;
    }
}
