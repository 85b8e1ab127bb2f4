// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The field messages are written in: Enter sends (Shift+Enter is a new line, and an input
// method composing a word keeps its Enter), typing is told to the room, and announcement rooms
// are read-only for all but staff.

import { t } from '../i18n.js';
import { $, roomLabel } from './dom.js';

const MaxRows = 5;
const WideScreen = '(min-width: 760px)';

export class ComposerView {
    constructor(session) {
        this.session = session;
        this.ui = { composer: $('composer'), message: $('message'), send: $('send') };
        const ui = this.ui;
        ui.composer.addEventListener('submit', (event) => this.submit(event));
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
        if (text.trim() === '' || message.disabled)
            return;
        message.value = '';
        message.rows = 1;
        this.session.stopComposing();
        this.session.sendText(text);
        message.focus();
    }

    update() {
        const session = this.session;
        const room = session.activeRoom;
        const readOnly = room?.kind === 'announcement' && !session.isStaff;
        // While reconnecting one may still write: the message waits (marked) and goes out later.
        const usable = Boolean(room) && !readOnly && session.signedIn;
        this.ui.message.disabled = !usable;
        this.ui.send.disabled = !usable;
        this.ui.message.placeholder = readOnly ? t('composer.readOnly')
            : room ? t('composer.placeholder', { room: roomLabel(room) }) : '';
    }

    // A room was picked: on wide screens one writes at once.
    focusIfWide() {
        if (matchMedia(WideScreen).matches)
            this.ui.message.focus();
    }
}
