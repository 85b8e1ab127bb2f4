// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The Sori web client: protocol v1 (docs/protocol.md) over one WebSocket to /ws.
// session.js turns frames into state (it owns the connection, connection.js, and the rooms of
// model.js); the views in views/ draw that state and call the session; this file only wires
// them together. Everything people wrote reaches the page through textContent only, never as
// HTML.

import { translatePage, t } from './i18n.js';
import { ChatSession } from './session.js';
import { applyTheme } from './theme.js';
import { ComposerView } from './views/composer.js';
import { ModerationDialog } from './views/dialogs.js';
import { AttachmentsView } from './views/files.js';
import { MembersView } from './views/members.js';
import { MessagesView } from './views/messages.js';
import { ModToolsDialog, RoomDialog } from './views/modtools.js';
import { PeopleDialog } from './views/people.js';
import { PresenceView } from './views/presence.js';
import { ReadMarker } from './views/readmarker.js';
import { RoomsView } from './views/rooms.js';
import { SearchDialog } from './views/search.js';
import { SettingsDialog } from './views/settings.js';
import { SigninView } from './views/signin.js';
import { StatusView } from './views/status.js';

function start() {
    applyTheme();
    const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
    const session = new ChatSession({ url, isHidden: () => document.hidden });
    const signin = new SigninView(session);
    const status = new StatusView(session);
    const rooms = new RoomsView(session);
    const dialogs = new ModerationDialog(session);
    const composer = new ComposerView(session);
    const attachments = new AttachmentsView(session);
    const messages = new MessagesView(session, {
        attachments,
        onDelete: (room, message) => dialogs.openDelete(room, message),
        onModerate: (name, action) => dialogs.openModeration(name, action),
        onReply: (room, message) => composer.startReply(room, message),
        onEdit: (room, message) => composer.startEdit(room, message) });
    const members = new MembersView(session, { onModerate: (name) => dialogs.openModeration(name) });
    const readMarker = new ReadMarker(session);
    const people = new PeopleDialog(session);
    const search = new SearchDialog(session);
    const presence = new PresenceView(session);
    const modTools = new ModToolsDialog(session);
    const roomDialog = new RoomDialog(session);
    // A new language: the static page translated again, and what the views drew drawn again.
    const settings = new SettingsDialog(session, { onLanguage: () => {
        translatePage();
        signin.setMode(signin.mode);
        status.showMe();
        if (session.connectionState === 'ready')
            status.showState({ state: 'ready', text: '' });
        presence.render();
        renderAll();
    } });

    const showView = (view) => {
        document.body.dataset.view = view;
        status.setView(view);
        settings.setView(view);
        if (view !== 'chat')
            signin.shown();
    };
    const renderSidebar = () => {
        rooms.render();
        status.updateTitle();
    };
    const renderRoom = () => {
        members.hidePeerStatus();
        messages.renderRoom();
        members.render();
        composer.update();
        roomDialog.render();
    };
    const renderAll = () => {
        renderSidebar();
        renderRoom();
    };

    // What the session says, to the views.
    const on = (type, handler) => session.addEventListener(type, (e) => handler(e.detail));
    on('status', (detail) => {
        status.showState(detail);
        composer.update();
        members.setStale(detail.state !== 'ready');
    });
    on('welcome', () => {
        signin.signedIn();
        status.showMe();
        rooms.showMe();
        showView('chat');
        rooms.listRooms();
        renderAll();
    });
    on('refused', ({ outcome, message }) => {
        signin.refused();
        if (outcome === 'expired') {
            showView('signin');
            signin.setMode('login');
            signin.showError(t('signin.expired'));
        } else if (outcome === 'closed' && document.body.dataset.view === 'chat') {
            status.showBanner('closed', t('banner.closed', { reason: message }), 'again');
        } else if (outcome !== 'retrying') {
            session.abandonSignIn();
            showView('signin');
            signin.showError(t('signin.failed', { message }));
        }
    });
    on('signedout', () => {
        composer.files.clear();
        signin.setMode(signin.mode);
        showView('signin');
    });
    on('dropped', () => {
        messages.renderTyping();
        composer.update();
    });
    on('activechanged', ({ selected }) => {
        if (selected)
            status.setPanel('');
        renderAll();
        if (selected) {
            messages.scrollToEnd(true);
            composer.focusIfWide();
        }
    });
    on('roomschanged', renderSidebar);
    // Files of messages no longer held (a room left, signed out) give back their object URLs.
    for (const type of ['activechanged', 'signedout'])
        on(type, () => attachments.retainShown());
    on('roomchanged', ({ room }) => {
        renderSidebar();
        if (room.name === session.active)
            renderRoom();
    });
    on('item', (detail) => messages.itemAdded(detail));
    on('itemchanged', (detail) => messages.itemChanged(detail));
    on('history', (detail) => messages.historyAdded(detail));
    on('historyedge', () => messages.renderHistoryEdge());
    on('pending', (detail) => messages.pendingChanged(detail));
    on('reveal', (detail) => messages.reveal(detail));
    on('members', ({ room }) => {
        if (room.name === session.active)
            members.render();
    });
    on('typing', ({ room }) => {
        if (room.name === session.active)
            messages.renderTyping();
    });
    on('user', (detail) => members.userInfo(detail));
    on('directory', (detail) => rooms.showDirectory(detail));
    on('unread', () => status.updateTitle());
    on('notify', (detail) => status.notify(detail));

    // Unread counts and read marks, people and message search, our status.
    on('welcome', () => {
        people.showMe();
        modTools.showMe();
        presence.render();
    });
    on('readline', ({ room }) => {
        if (room.name === session.active)
            messages.historyAdded({ room, purpose: 'catchup', hadMessages: true });
    });
    for (const type of ['item', 'history', 'activechanged', 'readline'])
        on(type, () => readMarker.check());
    on('history', () => search.keepMark());
    on('activechanged', ({ selected }) => {
        if (selected)
            search.roomShown();
    });
    on('people', (detail) => people.showPeople(detail));
    on('sanctions', (detail) => modTools.showSanctions(detail));
    on('audit', (detail) => modTools.showAudit(detail));
    on('moderated', (detail) => modTools.moderated(detail));
    on('moderationfailed', (detail) => modTools.moderated(detail));
    on('modtoolsfailed', (detail) => modTools.failed(detail));
    on('role', () => {
        status.showMe();
        modTools.showMe();
        renderRoom();
    });
    on('results', (detail) => search.showResults(detail));
    on('searchfailed', (detail) => {
        people.failed(detail);
        search.failed(detail);
    });
    on('found', (detail) => search.found(detail));
    on('mystatus', () => {
        presence.render();
        members.render();
    });

    // What the user does in the top bar.
    status.ui.signout.addEventListener('click', () => session.signOut());
    status.ui.signoutDrawer.addEventListener('click', () => session.signOut());
    status.ui.bannerAction.addEventListener('click', () => {
        if (status.bannerAction === 'retry') {
            session.reconnectNow();
        } else if (!session.connectAgain()) {
            session.reset();
            showView('signin');
        }
    });
    document.addEventListener('visibilitychange', () => {
        if (!document.hidden)
            session.pageShown();
    });

    translatePage();
    signin.setMode('guest');
    renderAll();
    // A reload signs in again with what was stored, unless another tab chats as that guest.
    const stored = session.stored();
    if (stored?.credentials) {
        showView('chat');
        status.showBanner('connecting', t('banner.connecting'));
        session.signIn(stored.credentials);
    } else {
        showView('signin');
        if (stored?.otherTab) {
            signin.prefill(stored.otherTab.nickname);
            signin.showError(t('signin.otherTab', { name: stored.otherTab.name }));
        }
    }
}

start();
