// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Small helpers the views share. Everything people wrote goes into the page as text
// (textContent), never as HTML.

import { formatDateTime, formatTime } from '../i18n.js';

export const $ = (id) => document.getElementById(id);

export function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className)
        node.className = className;
    if (text !== undefined)
        node.textContent = text;
    return node;
}

// "#room", or the other person's name for a direct conversation.
export function roomLabel(room) {
    return room.isDirect || room.name.startsWith('@') ? room.peer : `#${room.name}`;
}

export function timeElement(ms) {
    const when = Number.isSafeInteger(ms) ? ms : Date.now();
    const time = el('time', '', formatTime(when));
    time.dateTime = new Date(when).toISOString();
    time.title = formatDateTime(when);
    return time;
}
