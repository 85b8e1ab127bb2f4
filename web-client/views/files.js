// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Files in the conversation. FilePicker: the files waiting to go with the next message (chosen
// with the attach button, dropped on the conversation or pasted), each a chip with its name, a
// progress bar and a cancel button. AttachmentsView: a message's files, images with a thumbnail
// inline (a click opens the whole image in a lightbox, Escape closes it), others as a chip with
// name, size and Download. Names go in as text only.

import { FileFetcher, Upload, attachmentsOf, humanSize } from '../files.js';
import { t } from '../i18n.js';
import { $, el } from './dom.js';

const ThumbSide = 320; // the server's thumbnails fit in this square

export class FilePicker {
    constructor(session, { onChange = () => {} } = {}) {
        this.session = session;
        this.onChange = onChange;
        this.uploads = []; // Upload, in the order chosen
        this.ui = { attach: $('attach'), input: $('attach-input'), list: $('uploads'),
                    conversation: document.querySelector('.conversation'), message: $('message') };
        const ui = this.ui;
        ui.attach.addEventListener('click', () => ui.input.click());
        ui.input.addEventListener('change', () => {
            this.add(Array.from(ui.input.files));
            ui.input.value = '';
        });
        // A file dropped where it cannot go is ignored, never opened in place of the chat.
        ui.conversation.addEventListener('dragover', (event) => {
            if (!Array.from(event.dataTransfer?.types ?? []).includes('Files'))
                return;
            event.preventDefault();
            event.dataTransfer.dropEffect = this.usable ? 'copy' : 'none';
            ui.conversation.classList.toggle('dropping', this.usable);
        });
        ui.conversation.addEventListener('dragleave', (event) => {
            if (!ui.conversation.contains(event.relatedTarget))
                ui.conversation.classList.remove('dropping');
        });
        ui.conversation.addEventListener('drop', (event) => {
            ui.conversation.classList.remove('dropping');
            const files = Array.from(event.dataTransfer?.files ?? []);
            if (files.length === 0)
                return;
            event.preventDefault();
            if (this.usable)
                this.add(files);
        });
        // Images pasted from the clipboard (a screenshot, say); text pastes as always.
        ui.message.addEventListener('paste', (event) => {
            const files = Array.from(event.clipboardData?.files ?? [])
                .filter((file) => file.type.startsWith('image/'));
            if (!this.usable || files.length === 0)
                return;
            event.preventDefault();
            this.add(files.map((file, i) => ({ file, name: file.name && file.name !== 'image.png'
                ? file.name : pastedName(file, i) })));
        });
    }

    // Accounts, in a room that exists (not a direct conversation's first message), signed in.
    get usable() {
        const room = this.session.activeRoom;
        return this.session.isAccount && Boolean(this.session.token) && Boolean(room)
            && !room.name.startsWith('@') && !this.ui.message.disabled;
    }

    update() {
        this.ui.attach.hidden = !this.session.isAccount;
        this.ui.attach.disabled = !this.usable;
        // The files wait for the room they were uploaded to.
        const room = this.session.active;
        for (const upload of this.uploads)
            upload.chip.hidden = upload.room !== room;
    }

    // items: File objects, or {file, name}.
    add(items) {
        const room = this.session.activeRoom;
        if (!room)
            return;
        for (const item of items) {
            const file = item instanceof Blob ? item : item.file;
            const name = item instanceof Blob ? file.name : item.name;
            const upload = new Upload({ file, name, room: room.name, token: this.session.token,
                                        onChange: (u) => this.renderChip(u) });
            upload.chip = this.makeChip(upload);
            this.uploads.push(upload);
            this.ui.list.append(upload.chip);
            this.renderChip(upload);
        }
        this.ui.list.hidden = false;
        this.onChange();
    }

    makeChip(upload) {
        const chip = el('li', 'upload-chip');
        const name = el('span', 'upload-name', upload.name);
        name.title = upload.name;
        const size = el('span', 'upload-size', humanSize(upload.size));
        const bar = el('progress', 'upload-progress');
        bar.max = 1;
        const status = el('span', 'upload-status');
        status.setAttribute('role', 'status');
        const cancel = el('button', 'icon-button upload-cancel', '×');
        cancel.type = 'button';
        cancel.title = t('files.cancel', { name: upload.name });
        cancel.setAttribute('aria-label', cancel.title);
        cancel.addEventListener('click', () => this.remove(upload));
        chip.append(name, size, bar, status, cancel);
        upload.ui = { bar, status };
        return chip;
    }

    renderChip(upload) {
        const { chip, ui } = upload;
        if (!chip)
            return;
        chip.dataset.state = upload.state;
        ui.bar.value = upload.size > 0 ? upload.loaded / upload.size : 1;
        ui.bar.hidden = upload.state !== 'uploading';
        ui.status.textContent = upload.state === 'error' ? upload.error
            : upload.state === 'done' ? t('files.ready') : '';
        this.onChange();
    }

    // Cancelled (aborted while on its way) or taken off the list.
    remove(upload) {
        upload.cancel();
        upload.chip.remove();
        this.uploads = this.uploads.filter((u) => u !== upload);
        this.ui.list.hidden = this.uploads.length === 0;
        this.onChange();
    }

    // The uploads for the room shown.
    forRoom(name) {
        return this.uploads.filter((u) => u.room === name);
    }

    // Whether one of the room's uploads failed (Send waits for the user to take it off).
    failedIn(name) {
        return this.forRoom(name).some((u) => u.state === 'error');
    }

    // The room's finished uploads go with a message: their chips leave, their files are
    // returned (as the server described them).
    take(name) {
        const taken = this.forRoom(name).filter((u) => u.state === 'done');
        for (const upload of taken) {
            upload.chip.remove();
            this.uploads = this.uploads.filter((u) => u !== upload);
        }
        this.ui.list.hidden = this.uploads.length === 0;
        this.onChange();
        return taken.map((u) => u.file);
    }

    // Signed out, say: nothing goes any more.
    clear() {
        for (const upload of [...this.uploads])
            this.remove(upload);
    }
}

function pastedName(file, index) {
    const ext = (file.type.split('/')[1] || 'png').replace(/[^a-z0-9]/gi, '');
    const when = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    return `pasted-${when}${index ? `-${index + 1}` : ''}.${ext}`;
}

export class AttachmentsView {
    constructor(session) {
        this.session = session;
        this.fetcher = new FileFetcher(() => session.token);
        this.ui = { lightbox: $('lightbox'), image: $('lightbox-image'),
                    caption: $('lightbox-caption'), close: $('lightbox-close') };
        const ui = this.ui;
        ui.close.addEventListener('click', () => ui.lightbox.close());
        ui.lightbox.addEventListener('click', (event) => {
            if (event.target === ui.lightbox)
                ui.lightbox.close(); // a click beside the image
        });
        ui.lightbox.addEventListener('close', () => ui.image.removeAttribute('src'));
    }

    // The list under a message's text, or null when it has no files.
    render(message) {
        const files = attachmentsOf(message);
        if (files.length === 0)
            return null;
        const list = el('ul', 'attachments');
        for (const file of files)
            list.append(file.thumbnail ? this.imageItem(file) : this.fileItem(file));
        return list;
    }

    imageItem(file) {
        const item = el('li', 'attachment image');
        item.dataset.file = file.id;
        const button = el('button', 'thumb-button');
        button.type = 'button';
        button.title = t('files.open', { name: file.name });
        button.setAttribute('aria-label', button.title);
        const image = el('img', 'thumb');
        image.alt = file.name;
        // The space it will take, so that the conversation does not jump when it comes.
        if (file.width > 0 && file.height > 0) {
            const scale = Math.min(1, ThumbSide / Math.max(file.width, file.height));
            image.width = Math.max(1, Math.round(file.width * scale));
            image.height = Math.max(1, Math.round(file.height * scale));
        }
        this.fetcher.objectUrl(file.id, true).then((url) => {
            image.src = url;
            item.dataset.loaded = 'true';
        }, () => {
            item.dataset.loaded = 'failed';
            image.alt = t('files.unavailable', { name: file.name });
        });
        button.append(image);
        button.addEventListener('click', () => this.openImage(file));
        item.append(button, el('span', 'attachment-name', file.name));
        return item;
    }

    fileItem(file) {
        const item = el('li', 'attachment file');
        item.dataset.file = file.id;
        item.append(el('span', 'attachment-name', file.name),
                    el('span', 'attachment-size', humanSize(file.size)));
        const download = el('button', 'secondary small attachment-download', t('files.download'));
        download.type = 'button';
        download.title = t('files.downloadName', { name: file.name });
        const status = el('span', 'attachment-status');
        status.setAttribute('role', 'status');
        download.addEventListener('click', async () => {
            download.disabled = true;
            status.textContent = '';
            try {
                await this.fetcher.download(file.id, file.name);
            } catch {
                status.textContent = t('files.unavailable', { name: file.name });
            } finally {
                download.disabled = false;
            }
        });
        item.append(download, status);
        return item;
    }

    async openImage(file) {
        const ui = this.ui;
        ui.caption.textContent = file.name;
        ui.image.alt = file.name;
        ui.image.removeAttribute('src');
        ui.lightbox.showModal();
        try {
            const url = await this.fetcher.objectUrl(file.id, false);
            if (ui.lightbox.open && ui.caption.textContent === file.name)
                ui.image.src = url;
        } catch {
            ui.caption.textContent = t('files.unavailable', { name: file.name });
        }
    }

    // The messages that left the model take their object URLs with them.
    retainShown() {
        const ids = new Set();
        for (const room of this.session.rooms.values()) {
            for (const item of room.items) {
                for (const file of attachmentsOf(item.message))
                    ids.add(file.id);
            }
        }
        this.fetcher.retain(ids);
    }
}
