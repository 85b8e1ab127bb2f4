// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The top bar: the connection banner, who we are, the unread total (also in the tab's title),
// notifications, signing out, and on phone-sized screens the buttons that slide the rooms or
// the people over the conversation.

import { t } from '../i18n.js';
import { $ } from './dom.js';

export class StatusView {
    constructor(session) {
        this.session = session;
        this.bannerTimer = 0;
        this.ui = {
            banner: $('banner'), bannerText: $('banner-text'), bannerAction: $('banner-action'),
            me: $('me'), meName: $('me-name'), meRole: $('me-role'),
            notify: $('notify'), signout: $('signout'),
            notifyDrawer: $('notify-drawer'), signoutDrawer: $('signout-drawer'),
            toggleRooms: $('toggle-rooms'), toggleMembers: $('toggle-members'),
            totalUnread: $('total-unread'),
        };
        const ui = this.ui;
        const askForNotifications = async () => {
            try {
                await Notification.requestPermission();
            } finally {
                this.updateNotifyButton();
            }
        };
        ui.notify.addEventListener('click', askForNotifications);
        ui.notifyDrawer.addEventListener('click', askForNotifications);
        ui.toggleRooms.addEventListener('click', () => this.togglePanel('rooms'));
        ui.toggleMembers.addEventListener('click', () => this.togglePanel('people'));
    }

    // The sign-in page or the chat.
    setView(view) {
        const chat = view === 'chat';
        this.ui.signout.hidden = !chat;
        this.ui.me.hidden = !chat;
        this.updateNotifyButton();
        if (!chat)
            this.ui.banner.hidden = true;
    }

    showMe() {
        const me = this.session.me;
        this.ui.meName.textContent = me.name;
        this.ui.meRole.textContent = t(`role.${me.role}`);
        this.ui.meRole.dataset.role = me.role;
        document.body.classList.toggle('is-account', this.session.isAccount);
        document.body.classList.toggle('is-staff', this.session.isStaff);
        document.body.classList.toggle('is-admin', me.role === 'admin');
    }

    showBanner(state, text, action = '') {
        const ui = this.ui;
        ui.banner.hidden = false;
        ui.banner.dataset.state = state;
        ui.bannerText.textContent = text;
        ui.bannerAction.hidden = !action;
        ui.bannerAction.dataset.action = action;
        if (action)
            ui.bannerAction.textContent = t(action === 'retry' ? 'banner.retry' : 'banner.again');
    }

    get bannerAction() {
        return this.ui.bannerAction.dataset.action;
    }

    updateReconnectBanner() {
        if (this.session.connectionState !== 'reconnecting')
            return;
        const seconds = Math.max(1, Math.ceil(this.session.retryDelay() / 1000));
        this.showBanner('reconnecting', t('banner.reconnecting', { seconds }), 'retry');
    }

    // The connection's state, in the banner.
    showState({ state, text }) {
        clearInterval(this.bannerTimer);
        document.body.dataset.connection = state;
        const chatting = document.body.dataset.view === 'chat';
        switch (state) {
        case 'connecting':
        case 'greeting':
            if (chatting) {
                this.showBanner('connecting', t(this.session.rooms.size ? 'banner.reconnectingNow'
                                                                         : 'banner.connecting'));
            }
            break;
        case 'ready':
            this.showBanner('connected', t('banner.connected'));
            break;
        case 'reconnecting':
            this.updateReconnectBanner();
            this.bannerTimer = setInterval(() => this.updateReconnectBanner(), 250);
            break;
        case 'offline':
            this.showBanner('offline', t('banner.offline'), 'retry');
            break;
        case 'closed':
            if (chatting) {
                this.showBanner('closed', text ? t('banner.closed', { reason: text })
                                               : t('banner.closedPlain'), 'again');
            }
            break;
        default:
            break;
        }
    }

    updateTitle() {
        const total = this.session.totalUnread();
        document.title = total ? `(${total}) Sori` : 'Sori';
        this.ui.totalUnread.hidden = total === 0;
        this.ui.totalUnread.textContent = String(total);
    }

    updateNotifyButton() {
        const hidden = !('Notification' in window) || Notification.permission !== 'default'
                       || document.body.dataset.view !== 'chat';
        this.ui.notify.hidden = hidden;
        this.ui.notifyDrawer.hidden = hidden;
    }

    // A message came while the page was hidden: a system notification, when allowed.
    notify({ room, message, mention = false }) {
        if (!('Notification' in window) || Notification.permission !== 'granted')
            return;
        const title = room.isDirect ? t('notify.titleDirect', { from: message.from })
            : t(mention ? 'notify.mention' : 'notify.title',
                { from: message.from, room: `#${room.name}` });
        try {
            const notification = new Notification(title, {
                body: message.text.length > 200 ? `${message.text.slice(0, 200)}…` : message.text,
                tag: `sori-${room.name}`, icon: 'sori.svg',
            });
            notification.addEventListener('click', () => {
                window.focus();
                this.session.selectRoom(room.name);
                notification.close();
            });
        } catch {
            // some browsers only allow notifications from a service worker
        }
    }

    togglePanel(panel) {
        this.setPanel(document.body.dataset.panel === panel ? '' : panel);
    }

    // Phone-sized screens: which panel slides over the conversation ('rooms', 'people' or none).
    setPanel(open) {
        document.body.dataset.panel = open;
        this.ui.toggleRooms.setAttribute('aria-expanded', String(open === 'rooms'));
        this.ui.toggleMembers.setAttribute('aria-expanded', String(open === 'people'));
    }
}
