// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Files over HTTP (docs/protocol.md §14): uploads with progress (XMLHttpRequest to
// POST /files?room=&name=) and reads of files and thumbnails, always with the account's token as
// `Authorization: Bearer` (never in a cookie or the address). Thumbnails and images become
// object URLs, cached by file id and revoked once no message shown needs them; a few fetches
// run at a time. Names are other people's words: callers show them as text.

import { lang, t } from './i18n.js';

const FetchesAtOnce = 3;

// A size in bytes as people read it, in the page's language: "812 B", "1.4 MB".
export function humanSize(bytes) {
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let value = Math.max(0, Number(bytes) || 0);
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit += 1;
    }
    const digits = unit === 0 || value >= 10 ? 0 : 1;
    return `${new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value)} `
        + units[unit];
}

// Why an upload failed, by its HTTP status (body: the server's sentence, which names the limit
// for 413; retryAfter: seconds, from Retry-After).
export function uploadErrorText(status, body = '', retryAfter = 0) {
    switch (status) {
    case 413: {
        const limit = /(\d+) bytes/.exec(body);
        return limit ? t('files.tooLargeLimit', { limit: humanSize(Number(limit[1])) })
            : t('files.tooLarge');
    }
    case 429:
    case 503:
        return retryAfter > 0 ? t('files.busyWait', { seconds: retryAfter }) : t('files.busy');
    case 403: return t('files.forbidden');
    case 401: return t('files.signIn');
    case 404: return t('files.noRoom');
    case 408: return t('files.timeout');
    case 0: return t('files.network');
    default: return t('files.failed', { status });
    }
}

// One upload. state: 'uploading', 'done' (file: the server's answer), 'error' (error: in words)
// or 'cancelled'. onChange(upload) after each change (progress included). done: a promise of
// the file, rejected when it fails or is cancelled.
export class Upload {
    constructor({ file, name = file.name || 'file', room, token, onChange = () => {} }) {
        this.name = name;
        this.size = file.size;
        this.room = room;
        this.loaded = 0;
        this.state = 'uploading';
        this.error = '';
        this.file = null;
        this.onChange = onChange;
        const xhr = new XMLHttpRequest();
        this.xhr = xhr;
        this.done = new Promise((resolve, reject) => {
            xhr.upload.addEventListener('progress', (event) => {
                this.loaded = event.loaded;
                this.onChange(this);
            });
            xhr.addEventListener('load', () => {
                if (xhr.status === 201) {
                    try {
                        this.file = JSON.parse(xhr.responseText);
                    } catch {
                        this.file = null;
                    }
                }
                if (this.file && typeof this.file.id === 'string') {
                    this.state = 'done';
                    this.loaded = this.size;
                    resolve(this.file);
                } else {
                    this.fail(uploadErrorText(xhr.status, xhr.responseText,
                                              Number(xhr.getResponseHeader('Retry-After')) || 0));
                    reject(new Error(this.error));
                }
                this.onChange(this);
            });
            xhr.addEventListener('error', () => {
                this.fail(uploadErrorText(0));
                reject(new Error(this.error));
                this.onChange(this);
            });
            xhr.addEventListener('abort', () => {
                this.state = 'cancelled';
                reject(new Error('cancelled'));
                this.onChange(this);
            });
        });
        this.done.catch(() => {}); // a failure is shown on the chip; nobody need wait for it
        // Percent-encoded (a space is %20: the server does not read "+" as one).
        xhr.open('POST', `/files?room=${encodeURIComponent(room)}`
                         + `&name=${encodeURIComponent(this.name)}`);
        xhr.setRequestHeader('Authorization', `Bearer ${token}`);
        xhr.send(file);
    }

    fail(text) {
        this.state = 'error';
        this.error = text;
    }

    cancel() {
        if (this.state === 'uploading')
            this.xhr.abort();
    }
}

// Reads files and thumbnails with the token, a few at a time; caches thumbnails and images as
// object URLs by file id.
export class FileFetcher {
    constructor(tokenOf) {
        this.tokenOf = tokenOf; // () => the account's token, or ''
        this.urls = new Map(); // key ("<id>/thumb" or "<id>") -> Promise of an object URL
        this.made = new Map(); // key -> the object URL once made (to revoke)
        this.queue = [];
        this.running = 0;
    }

    // A blob of /files/<id> (or its thumbnail), in turn with the other fetches.
    fetchBlob(id, thumb = false) {
        return new Promise((resolve, reject) => {
            this.queue.push({ id, thumb, resolve, reject });
            this.pump();
        });
    }

    pump() {
        while (this.running < FetchesAtOnce && this.queue.length > 0) {
            const job = this.queue.shift();
            this.running += 1;
            const path = `/files/${encodeURIComponent(job.id)}${job.thumb ? '/thumb' : ''}`;
            fetch(path, { headers: { Authorization: `Bearer ${this.tokenOf()}` },
                          credentials: 'omit', cache: 'no-store' })
                .then((response) => {
                    if (!response.ok)
                        throw new Error(String(response.status));
                    return response.blob();
                })
                .then(job.resolve, job.reject)
                .finally(() => {
                    this.running -= 1;
                    this.pump();
                });
        }
    }

    // An object URL of the file's thumbnail (thumb) or of the file itself, made once.
    objectUrl(id, thumb) {
        const key = thumb ? `${id}/thumb` : id;
        let url = this.urls.get(key);
        if (!url) {
            url = this.fetchBlob(id, thumb).then((blob) => {
                const made = URL.createObjectURL(blob);
                if (this.urls.has(key)) {
                    this.made.set(key, made);
                } else {
                    URL.revokeObjectURL(made); // released while on its way
                }
                return made;
            });
            url.catch(() => this.urls.delete(key)); // tried again next time
            this.urls.set(key, url);
        }
        return url;
    }

    // Keeps the URLs of these file ids; revokes the others (their messages left the model).
    retain(ids) {
        for (const key of Array.from(this.urls.keys())) {
            if (ids.has(key.split('/')[0]))
                continue;
            this.urls.delete(key);
            const made = this.made.get(key);
            if (made) {
                URL.revokeObjectURL(made);
                this.made.delete(key);
            }
        }
    }

    // Saves the file under its name: fetched with the token, then a temporary <a download>.
    async download(id, name) {
        const blob = await this.fetchBlob(id);
        const url = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = name;
        link.hidden = true;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000); // once the download has the blob
    }
}

// The attachments of a message as the server sent them, those with an id and a name.
export function attachmentsOf(message) {
    if (!Array.isArray(message?.attachments))
        return [];
    return message.attachments.filter((a) => a && typeof a.id === 'string' && a.id
                                             && typeof a.name === 'string')
        .map((a) => ({ id: a.id, name: a.name, type: typeof a.type === 'string' ? a.type : '',
                       size: Number.isSafeInteger(a.size) ? a.size : 0,
                       thumbnail: a.thumbnail === true,
                       width: Number.isSafeInteger(a.width) ? a.width : 0,
                       height: Number.isSafeInteger(a.height) ? a.height : 0 }));
}
