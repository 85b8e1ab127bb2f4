// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The settings dialog (docs/protocol.md §15): the page's language and colours for everyone; for
// accounts also the password, the signed-in devices (each can be ended) and how much each room
// may call for attention. Device addresses and room names are shown as text only.

import { chosenLanguage, formatDateTime, lang, setLanguage, t } from '../i18n.js';
import { NotifyLevels, isDirectLike } from '../session.js';
import { Themes, chosenTheme, setTheme } from '../theme.js';
import { $, el, roomLabel } from './dom.js';

const MinPassword = 8;
const Clients = ['desktop', 'web', 'other'];

export class SettingsDialog {
    // onLanguage: called after the language changed, to draw the page again.
    constructor(session, { onLanguage = () => {} } = {}) {
        this.session = session;
        this.onLanguage = onLanguage;
        this.pane = 'general';
        this.ui = {
            open: $('settings-open'), dialog: $('settings-dialog'), close: $('settings-close'),
            tabs: Array.from($('settings-dialog').querySelectorAll('[role=tab]')),
            language: $('settings-language'), theme: $('settings-theme'),
            passwordForm: $('password-form'), old: $('password-old'), password: $('password-new'),
            repeat: $('password-repeat'), others: $('password-others'),
            save: $('password-save'), passwordError: $('password-error'),
            passwordDone: $('password-done'),
            devices: $('device-list'), devicesStatus: $('devices-status'),
            refresh: $('devices-refresh'), notifyList: $('notify-list'),
            notifyError: $('notify-error'),
        };
        const ui = this.ui;
        ui.open.addEventListener('click', () => this.show());
        ui.close.addEventListener('click', () => ui.dialog.close());
        for (const tab of ui.tabs)
            tab.addEventListener('click', () => this.showTab(tab.dataset.pane));
        ui.language.addEventListener('change', () => {
            setLanguage(ui.language.value);
            this.onLanguage();
            this.render();
        });
        ui.theme.addEventListener('change', () => setTheme(ui.theme.value));
        ui.passwordForm.addEventListener('submit', (event) => {
            event.preventDefault();
            this.changePassword();
        });
        ui.refresh.addEventListener('click', () => this.askDevices());

        const on = (type, handler) => session.addEventListener(type, (e) => handler(e.detail));
        on('devices', ({ devices }) => this.showDevices(devices));
        on('settingsdone', ({ what }) => this.done(what));
        on('settingsfailed', (detail) => this.failed(detail));
        on('roomschanged', () => {
            if (ui.dialog.open && this.pane === 'notify')
                this.renderNotify();
        });
    }

    // In the chat, for everyone; the account panes for accounts only.
    setView(view) {
        this.ui.open.hidden = view !== 'chat';
        if (view !== 'chat' && this.ui.dialog.open)
            this.ui.dialog.close();
    }

    show() {
        const ui = this.ui;
        ui.language.value = chosenLanguage() || lang;
        ui.theme.value = chosenTheme();
        for (const field of [ui.old, ui.password, ui.repeat])
            field.value = '';
        ui.others.checked = false;
        ui.passwordError.textContent = '';
        ui.passwordDone.textContent = '';
        ui.dialog.showModal();
        this.showTab('general');
    }

    showTab(pane) {
        const ui = this.ui;
        if (!this.session.isAccount)
            pane = 'general';
        this.pane = pane;
        for (const tab of ui.tabs)
            tab.setAttribute('aria-selected', String(tab.dataset.pane === pane));
        for (const name of ['general', 'password', 'devices', 'notify'])
            $(`settings-${name}`).hidden = name !== pane;
        if (pane === 'devices')
            this.askDevices();
        else if (pane === 'notify')
            this.renderNotify();
        else if (pane === 'password')
            ui.old.focus();
    }

    // The words of the dialog in the language just chosen.
    render() {
        if (this.pane === 'notify')
            this.renderNotify();
        else if (this.pane === 'devices' && this.lastDevices)
            this.showDevices(this.lastDevices);
    }

    // ---- password

    changePassword() {
        const ui = this.ui;
        ui.passwordDone.textContent = '';
        const error = (text, field) => {
            ui.passwordError.textContent = text;
            field?.focus();
        };
        if (!ui.old.value)
            return error(t('settings.oldMissing'), ui.old);
        if ([...ui.password.value].length < MinPassword)
            return error(t('signin.tooShort'), ui.password);
        if (ui.password.value !== ui.repeat.value)
            return error(t('signin.mismatch'), ui.repeat);
        if (!this.session.changePassword(ui.old.value, ui.password.value, ui.others.checked))
            return error(t('settings.offline'));
        ui.passwordError.textContent = '';
        ui.save.disabled = true;
        ui.passwordDone.textContent = t('settings.working');
        return undefined;
    }

    // ---- devices

    askDevices() {
        const ui = this.ui;
        if (!this.session.listDevices()) {
            ui.devicesStatus.textContent = t('settings.offline');
            return;
        }
        ui.devicesStatus.textContent = t('settings.loading');
    }

    showDevices(devices) {
        const ui = this.ui;
        this.lastDevices = devices;
        ui.devicesStatus.textContent = t('settings.deviceCount', { count: devices.length });
        ui.devices.replaceChildren(...devices.map((device) => this.deviceItem(device)));
    }

    deviceItem(device) {
        const item = el('li', 'device');
        item.dataset.device = device.device;
        item.dataset.client = device.client;
        if (device.current)
            item.dataset.current = 'true';
        const info = el('div', 'device-info');
        const client = Clients.includes(device.client) ? device.client : 'other';
        const what = el('span', 'device-what', t(`settings.client.${client}`));
        if (device.current)
            what.append(' ', el('span', 'device-this', t('settings.thisDevice')));
        info.append(what);
        const meta = [];
        if (device.address)
            meta.push(t('settings.address', { address: device.address }));
        if (device.lastSeen)
            meta.push(t('settings.lastSeen', { time: formatDateTime(device.lastSeen) }));
        if (device.created)
            meta.push(t('settings.signedIn', { time: formatDateTime(device.created) }));
        info.append(el('span', 'device-meta', meta.join(' · ')));
        const ui = this.ui;
        const end = el('button', 'secondary small device-end', t('settings.endDevice'));
        end.type = 'button';
        end.addEventListener('click', () => {
            end.disabled = true;
            if (!this.session.endDevice(device.device)) {
                end.disabled = false;
                ui.devicesStatus.textContent = t('settings.offline');
            }
        });
        item.append(info, end);
        return item;
    }

    // ---- notification levels

    renderNotify() {
        const rooms = Array.from(this.session.rooms.values())
            .filter((room) => !room.name.startsWith('@') && (room.wanted || isDirectLike(room)))
            .sort((a, b) => roomLabel(a).localeCompare(roomLabel(b)));
        this.ui.notifyList.replaceChildren(...rooms.map((room) => {
            const item = el('li', 'notify-room');
            item.dataset.room = room.name;
            const id = `notify-level-${rooms.indexOf(room)}`;
            const label = el('label', 'notify-name', roomLabel(room));
            label.htmlFor = id;
            const select = el('select', 'notify-level');
            select.id = id;
            for (const level of NotifyLevels) {
                const option = el('option', '', t(`settings.level.${level}`));
                option.value = level;
                select.append(option);
            }
            select.value = this.session.notifyLevel(room);
            select.addEventListener('change', () => {
                this.ui.notifyError.textContent = '';
                if (!this.session.setNotifyLevel(room.name, select.value))
                    this.ui.notifyError.textContent = t('settings.offline');
            });
            item.append(label, select);
            return item;
        }));
    }

    // ---- answers

    done(what) {
        const ui = this.ui;
        if (what === 'password') {
            ui.save.disabled = false;
            for (const field of [ui.old, ui.password, ui.repeat])
                field.value = '';
            ui.passwordDone.textContent = t(ui.others.checked ? 'settings.passwordChangedOthers'
                                                               : 'settings.passwordChanged');
            ui.others.checked = false;
        } else if (what === 'end_device') {
            if (ui.dialog.open && this.pane === 'devices')
                this.askDevices();
        }
    }

    failed({ what, code, message }) {
        const ui = this.ui;
        if (what === 'password') {
            ui.save.disabled = false;
            ui.passwordDone.textContent = '';
            // The current password was wrong: not the sign-in's "wrong name or password".
            ui.passwordError.textContent = code === 'bad_credentials'
                ? t('settings.wrongPassword') : message;
            (code === 'weak_password' ? ui.password : ui.old).focus();
        } else if (what === 'devices' || what === 'end_device') {
            ui.devicesStatus.textContent = message;
            for (const button of ui.devices.querySelectorAll('.device-end'))
                button.disabled = false;
        } else if (what === 'notify') {
            ui.notifyError.textContent = message;
        }
    }
}
