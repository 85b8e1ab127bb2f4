// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The moderation tools (docs/protocol.md §13) for moderators and admins: the bans and mutes in
// force, each with a Lift button, and the audit log, filtered by actor, target, action and days,
// both a page at a time. Times are shown in the viewer's local time and language. Names, reasons
// and details are other people's words: text only.

import { formatDateTime, t } from '../i18n.js';
import { DefaultRoom, isDirectLike } from '../session.js';
import { $, el } from './dom.js';

// The actions the server writes today; the filter takes any other as typed.
const KnownActions = ['kick', 'ban', 'mute', 'delete', 'revoke_tokens', 'lift', 'set_topic',
                      'set_role', 'create_room', 'archive_room', 'unarchive_room', 'delete_room',
                      'rename_room', 'remove_member', 'announce', 'change_password',
                      'end_device'];

// A local calendar day from an <input type="date"> as ms since the epoch: its first moment, or
// (endOfDay) its last. NaN for an empty field.
function dayBoundary(value, endOfDay) {
    if (!value)
        return NaN;
    const [year, month, day] = value.split('-').map(Number);
    const start = new Date(year, month - 1, day).getTime();
    return endOfDay ? new Date(year, month - 1, day + 1).getTime() - 1 : start;
}

export class ModToolsDialog {
    constructor(session) {
        this.session = session;
        this.next = ''; // the sanctions' next page
        this.lastAuditId = 0;
        this.filter = {};
        this.ui = {
            open: $('modtools-open'), dialog: $('modtools-dialog'), close: $('modtools-close'),
            tabs: [$('modtools-tab-sanctions'), $('modtools-tab-audit')],
            sanctionsPane: $('modtools-sanctions'), auditPane: $('modtools-audit'),
            sanctions: $('sanctions-list'), sanctionsStatus: $('sanctions-status'),
            audit: $('audit-list'), auditStatus: $('audit-status'), auditForm: $('audit-filters'),
            actor: $('audit-actor'), target: $('audit-target'), action: $('audit-action'),
            since: $('audit-since'), until: $('audit-until'), actions: $('audit-actions'),
        };
        const ui = this.ui;
        ui.actions.replaceChildren(...KnownActions.map((action) => {
            const option = el('option');
            option.value = action;
            return option;
        }));
        ui.open.addEventListener('click', () => this.show());
        ui.close.addEventListener('click', () => ui.dialog.close());
        for (const tab of ui.tabs)
            tab.addEventListener('click', () => this.showTab(tab.dataset.pane));
        ui.auditForm.addEventListener('submit', (event) => {
            event.preventDefault();
            this.askAudit();
        });
    }

    // Staff get the button; it follows a promotion or a demotion at once.
    showMe() {
        this.ui.open.hidden = !this.session.isStaff;
        if (!this.session.isStaff && this.ui.dialog.open)
            this.ui.dialog.close();
    }

    show() {
        this.ui.dialog.showModal();
        this.showTab('sanctions');
    }

    showTab(pane) {
        const ui = this.ui;
        for (const tab of ui.tabs)
            tab.setAttribute('aria-selected', String(tab.dataset.pane === pane));
        ui.sanctionsPane.hidden = pane !== 'sanctions';
        ui.auditPane.hidden = pane !== 'audit';
        if (pane === 'sanctions')
            this.askSanctions();
        else
            this.askAudit();
    }

    askSanctions(after = '') {
        if (this.session.listSanctions(after) && !after)
            this.ui.sanctionsStatus.textContent = t('people.loading');
    }

    askAudit(before = 0) {
        const ui = this.ui;
        if (!before) {
            this.filter = { actor: ui.actor.value.trim(), target: ui.target.value.trim(),
                            action: ui.action.value.trim() };
            const since = dayBoundary(ui.since.value, false);
            const until = dayBoundary(ui.until.value, true);
            if (Number.isFinite(since))
                this.filter.since = since;
            if (Number.isFinite(until))
                this.filter.until = until;
        }
        if (this.session.readAudit(this.filter, before) && !before)
            ui.auditStatus.textContent = t('people.loading');
    }

    // A page of sanctions (the session's "sanctions" event).
    showSanctions({ sanctions, more, next, append }) {
        const ui = this.ui;
        if (!ui.dialog.open)
            return;
        this.next = next;
        const items = sanctions.map((sanction) => this.sanctionItem(sanction));
        ui.sanctions.querySelector('.list-more')?.remove();
        if (append)
            ui.sanctions.append(...items);
        else
            ui.sanctions.replaceChildren(...items);
        if (more)
            ui.sanctions.append(this.moreItem(t('modtools.more'), () => this.askSanctions(next)));
        ui.sanctionsStatus.textContent = ui.sanctions.querySelector('.sanction') ? ''
            : t('modtools.noSanctions');
    }

    sanctionItem(sanction) {
        const item = el('li', 'found-item sanction');
        item.dataset.kind = sanction.kind;
        item.dataset.who = sanction.user || sanction.address;
        const who = sanction.user || sanction.address;
        let what;
        if (sanction.kind === 'ban')
            what = t('modtools.banned', { who });
        else if (sanction.room)
            what = t('modtools.mutedIn', { who, room: `#${sanction.room}` });
        else
            what = t('modtools.mutedEverywhere', { who });
        const until = sanction.until ? t('modtools.until', { time: formatDateTime(sanction.until) })
            : t('modtools.forGood');
        const by = t('modtools.by', { by: sanction.by || 'server',
                                      time: formatDateTime(sanction.since) });
        const text = el('div', 'sanction-text');
        text.append(el('span', 'sanction-what', what), el('span', 'sanction-until', until),
                    el('span', 'sanction-by', by));
        if (sanction.reason)
            text.append(el('span', 'sanction-reason', t('modtools.reason',
                                                         { reason: sanction.reason })));
        const lift = el('button', 'secondary small lift', t('modtools.lift'));
        lift.type = 'button';
        lift.title = t('modtools.liftTitle', { who });
        lift.addEventListener('click', () => {
            lift.disabled = true;
            this.session.lift(sanction);
        });
        item.append(text, lift);
        return item;
    }

    // A page of the audit log (the session's "audit" event).
    showAudit({ entries, more, append }) {
        const ui = this.ui;
        if (!ui.dialog.open)
            return;
        const items = entries.map((entry) => this.auditItem(entry));
        ui.audit.querySelector('.list-more')?.remove();
        if (append)
            ui.audit.append(...items);
        else
            ui.audit.replaceChildren(...items);
        this.lastAuditId = entries.at(-1)?.id || this.lastAuditId;
        if (more) {
            const before = this.lastAuditId;
            ui.audit.append(this.moreItem(t('modtools.older'), () => this.askAudit(before)));
        }
        ui.auditStatus.textContent = ui.audit.querySelector('.audit-entry') ? ''
            : t('modtools.noEntries');
    }

    auditItem(entry) {
        const item = el('li', 'found-item audit-entry');
        item.dataset.id = String(entry.id);
        item.dataset.action = entry.action;
        const head = el('div', 'audit-head');
        const time = el('time', 'audit-time', formatDateTime(entry.time));
        time.dateTime = new Date(entry.time).toISOString();
        const action = t(`audit.${entry.action}`);
        head.append(time, el('span', 'audit-actor', entry.actor),
                    el('span', 'audit-action', action === `audit.${entry.action}` ? entry.action
                                                                                 : action));
        if (entry.target)
            head.append(el('span', 'audit-target', entry.target));
        if (entry.room)
            head.append(el('span', 'audit-room', `#${entry.room}`));
        item.append(head);
        if (entry.detail)
            item.append(el('p', 'audit-detail', entry.detail));
        return item;
    }

    moreItem(label, ask) {
        const item = el('li', 'list-more');
        const button = el('button', 'link-button', label);
        button.type = 'button';
        button.addEventListener('click', () => {
            button.disabled = true;
            ask();
        });
        item.append(button);
        return item;
    }

    // One of our moderation requests was done (or refused: message says why): a lifted
    // sanction leaves the list; a refused lift stays, with the reason.
    moderated({ request, message = '' }) {
        const ui = this.ui;
        if (!ui.dialog.open || ui.sanctionsPane.hidden
            || !['lift', 'ban', 'mute', 'mute-all'].includes(request.action))
            return;
        if (!message) {
            this.askSanctions();
            return;
        }
        ui.sanctionsStatus.textContent = message;
        for (const button of ui.sanctions.querySelectorAll('button.lift'))
            button.disabled = false;
    }

    failed({ what, message }) {
        if (!this.ui.dialog.open)
            return;
        const status = what === 'sanctions' ? this.ui.sanctionsStatus : this.ui.auditStatus;
        status.textContent = t('modtools.failed', { message });
        for (const button of this.ui.dialog.querySelectorAll('.list-more button'))
            button.disabled = false;
    }
}

// A room's topic (moderators and admins: set_topic) and its name (admins: rename_room): the
// buttons under the room's title open one small dialog for either; members see the change when
// the server says so (room_changed).
export class RoomDialog {
    constructor(session) {
        this.session = session;
        this.room = '';
        this.mode = 'topic';
        this.ui = { edit: $('edit-topic'), rename: $('rename-room'), dialog: $('topic-dialog'),
                    form: $('topic-form'), title: $('topic-title'), label: $('topic-label'),
                    text: $('topic-text'), save: $('topic-save'), cancel: $('topic-cancel') };
        const ui = this.ui;
        ui.edit.addEventListener('click', () => this.show('topic'));
        ui.rename.addEventListener('click', () => this.show('rename'));
        ui.cancel.addEventListener('click', () => ui.dialog.close());
        ui.form.addEventListener('submit', (event) => {
            event.preventDefault();
            ui.dialog.close();
            const text = ui.text.value.trim();
            if (!this.room)
                return;
            if (this.mode === 'topic')
                this.session.setTopic(this.room, text);
            else if (text && text !== this.room)
                this.session.requestRename(this.room, text);
        });
    }

    // Shown for staff in rooms that have a topic (not direct conversations); renaming for
    // admins, except the default room everybody is put in.
    render() {
        const room = this.session.activeRoom;
        const shared = Boolean(room) && !isDirectLike(room) && room.kind !== 'plain';
        this.ui.edit.hidden = !shared || !this.session.isStaff;
        this.ui.rename.hidden = !shared || this.session.me.role !== 'admin'
            || room.name === DefaultRoom;
    }

    show(mode) {
        const room = this.session.activeRoom;
        if (!room)
            return;
        const ui = this.ui;
        this.room = room.name;
        this.mode = mode;
        const values = { room: `#${room.name}` };
        ui.title.textContent = t(mode === 'topic' ? 'topic.title' : 'rename.title', values);
        ui.label.textContent = t(mode === 'topic' ? 'topic.label' : 'rename.label');
        ui.save.textContent = t(mode === 'topic' ? 'topic.save' : 'rename.save');
        ui.text.maxLength = mode === 'topic' ? 512 : 64;
        ui.text.value = mode === 'topic' ? room.topic || '' : room.name;
        ui.dialog.showModal();
        ui.text.focus();
    }
}
