// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The moderation dialog: an action on a member (kick, mute here or everywhere, ban, revoke the
// sign-ins; for admins, promote to moderator or make a member again; in a private room, take
// them out of it) or deleting a message, which it quotes.

import { t } from '../i18n.js';
import { $ } from './dom.js';

export class ModerationDialog {
    constructor(session) {
        this.session = session;
        this.target = null; // {kind: 'user', name} | {kind: 'delete', room, seq}
        this.ui = {
            dialog: $('mod-dialog'), form: $('mod-form'), title: $('mod-title'),
            fields: $('mod-fields'), action: $('mod-action'), minutes: $('mod-minutes'),
            reason: $('mod-reason'), quote: $('mod-quote'), cancel: $('mod-cancel'),
            minutesRow: $('mod-minutes-row'), reasonRow: $('mod-reason-row'),
            confirm: $('mod-confirm'),
        };
        this.ui.form.addEventListener('submit', (event) => this.apply(event));
        this.ui.action.addEventListener('change', () => this.updateFields());
        this.ui.cancel.addEventListener('click', () => this.ui.dialog.close());
    }

    // action: what to start with (the message menu's choice): the first field it needs gets the
    // cursor. Without one the dialog starts at the choice of action, on kick.
    openModeration(name, action = '') {
        const ui = this.ui;
        this.target = { kind: 'user', name };
        ui.title.textContent = t('mod.title', { name });
        ui.fields.hidden = false;
        ui.quote.hidden = true;
        ui.quote.textContent = '';
        ui.reason.value = '';
        // Taking somebody out of a room is for private rooms (remove_member).
        $('mod-remove').hidden = this.session.activeRoom?.kind !== 'private';
        ui.action.value = action || 'kick';
        ui.confirm.textContent = t('mod.confirm');
        this.updateFields();
        ui.dialog.showModal();
        if (action)
            (ui.minutesRow.hidden ? ui.reason : ui.minutes).focus();
    }

    // Minutes for mutes and bans, a reason for kicks, mutes and bans.
    updateFields() {
        const action = this.ui.action.value;
        this.ui.minutesRow.hidden = !['mute', 'mute-all', 'ban'].includes(action);
        this.ui.reasonRow.hidden = !['kick', 'ban', 'mute', 'mute-all'].includes(action);
    }

    openDelete(room, message) {
        const ui = this.ui;
        this.target = { kind: 'delete', room: room.name, seq: message.seq };
        ui.title.textContent = t('mod.deleteTitle');
        ui.fields.hidden = true;
        ui.quote.hidden = false;
        ui.quote.textContent = `${message.from}: ${message.text}`;
        ui.confirm.textContent = t('mod.deleteConfirm');
        ui.dialog.showModal();
    }

    apply(event) {
        event.preventDefault();
        const target = this.target;
        this.ui.dialog.close();
        if (!target)
            return;
        if (target.kind === 'delete') {
            this.session.deleteMessage(target.room, target.seq);
            return;
        }
        const action = this.ui.action.value;
        if (action === 'remove_member') {
            this.session.removeMember(this.session.active, target.name);
            return;
        }
        if (action === 'promote' || action === 'demote') {
            this.session.setRole(target.name, action === 'promote' ? 'moderator' : 'member');
            return;
        }
        const minutes = Math.max(0, Math.floor(Number(this.ui.minutes.value) || 0));
        const reason = this.ui.reason.value.trim();
        this.session.moderate(action, target.name, { minutes, reason });
    }
}
