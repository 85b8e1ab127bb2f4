// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Message formatting (docs/protocol.md, "Formatting"): a small Markdown subset parsed into a token
// tree, then turned into DOM nodes with createElement/textContent. The user's text never goes
// through innerHTML: it can only ever become text nodes, and a link only gets an href that starts
// with http://, https:// or mailto:. toHtml() writes the canonical HTML of a tree, which is what
// tests/data/formatting.json holds and what both clients are tested against.
//
// Tree: blocks {type: 'p' | 'quote', lines: [[inline...], ...]} and {type: 'pre', text};
// inlines {type: 'text', text}, {type: 'code', text}, {type: 'strong' | 'em', children},
// {type: 'link', href, text}, {type: 'mention', text, me}.

// Line breaks as protocol::splitLines knows them: LF, CR, VT, FF, NEL, LS, PS (CR LF is one).
const lineBreak = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/;
const escapable = '\\`*_[]()>@';
const space = /\s/u;
const letterOrDigit = /[\p{L}\p{N}]/u;
const nameCharacter = /[\p{L}\p{N}\-_.]/u;
const urlStart = /^https?:\/\//i;
const linkScheme = /^(https?:\/\/|mailto:)/i;
const urlTrailing = '.,:;!?\'"';

// The code point that ends just before position i (a whole surrogate pair), or ''.
function charBefore(s, i) {
    if (i <= 0)
        return '';
    const low = s.charCodeAt(i - 1);
    if (low >= 0xdc00 && low <= 0xdfff && i >= 2)
        return s.slice(i - 2, i);
    return s[i - 1];
}

function charAt(s, i) {
    if (i >= s.length)
        return '';
    return String.fromCodePoint(s.codePointAt(i));
}

function runLength(s, i, c) {
    let n = 0;
    while (s[i + n] === c)
        ++n;
    return n;
}

// The end of a code span whose opening run of n backticks starts at i, or -1: the next run of
// exactly n backticks.
function codeSpanEnd(s, i, n) {
    let j = i + n;
    while (j < s.length) {
        if (s[j] !== '`') {
            ++j;
            continue;
        }
        const m = runLength(s, j, '`');
        if (m === n)
            return j;
        j += m;
    }
    return -1;
}

// "_" neither opens nor closes between two letters or digits (snake_case stays as it is).
function underscoreInsideWord(s, i, length) {
    return letterOrDigit.test(charBefore(s, i)) && letterOrDigit.test(charAt(s, i + length));
}

// Where the emphasis opened at i by `length` times c closes, or -1. The closing run is exactly as
// long as the opening one and follows a non-space; escapes and code spans are stepped over, so
// that emphasis never crosses code.
function emphasisEnd(s, i, c, length) {
    let j = i + length;
    while (j < s.length) {
        const ch = s[j];
        if (ch === '\\' && j + 1 < s.length && escapable.includes(s[j + 1])) {
            j += 2;
        } else if (ch === '`') {
            const n = runLength(s, j, '`');
            const end = codeSpanEnd(s, j, n);
            j = end < 0 ? j + n : end + n;
        } else if (ch === c) {
            const n = runLength(s, j, c);
            if (n === length && j > i + length && !space.test(charBefore(s, j))
                && !(c === '_' && underscoreInsideWord(s, j, n)))
                return j;
            j += n;
        } else {
            ++j;
        }
    }
    return -1;
}

// A [label](url) at i: {end, label, href}, or null when it is not a link we accept.
function linkAt(s, i) {
    const close = s.indexOf(']', i + 1);
    if (close < 0 || close === i + 1 || s[close + 1] !== '(')
        return null;
    const end = s.indexOf(')', close + 2);
    if (end < 0)
        return null;
    const href = s.slice(close + 2, end);
    const scheme = href.match(linkScheme);
    if (!scheme || space.test(href) || href.length === scheme[0].length)
        return null;
    return { end: end + 1, label: s.slice(i + 1, close), href };
}

// A bare URL at i: its length, or 0. Up to the next whitespace, without trailing punctuation and
// without a closing parenthesis that has no opening one in the URL.
function urlLengthAt(s, i) {
    const scheme = s.slice(i, i + 8).match(urlStart);
    if (!scheme || letterOrDigit.test(charBefore(s, i)))
        return 0;
    let end = i;
    while (end < s.length && !space.test(charAt(s, end)))
        end += charAt(s, end).length;
    for (;;) {
        const last = s[end - 1];
        if (urlTrailing.includes(last)) {
            --end;
            continue;
        }
        if (last === ')') {
            const url = s.slice(i, end);
            if (url.split(')').length > url.split('(').length) {
                --end;
                continue;
            }
        }
        break;
    }
    return end - i > scheme[0].length ? end - i : 0;
}

// A mention at i ("@" before a name of the message's mentions): the length of "@name", or 0. The
// name is the run of name characters after "@" without trailing dots (a full stop after a name),
// as protocol::findMentions takes it.
function mentionLengthAt(s, i, mentions) {
    if (nameCharacter.test(charBefore(s, i)))
        return 0;
    let end = i + 1;
    while (end < s.length && nameCharacter.test(charAt(s, end)))
        end += charAt(s, end).length;
    const name = s.slice(i + 1, end).replace(/\.+$/, '');
    return name && mentions.has(name.toLowerCase()) ? name.length + 1 : 0;
}

function parseInline(s, context) {
    const out = [];
    let text = '';
    const flush = () => {
        if (text)
            out.push({ type: 'text', text });
        text = '';
    };
    let i = 0;
    while (i < s.length) {
        const c = s[i];
        if (c === '\\' && i + 1 < s.length && escapable.includes(s[i + 1])) {
            text += s[i + 1];
            i += 2;
            continue;
        }
        if (c === '`') {
            const n = runLength(s, i, '`');
            const end = codeSpanEnd(s, i, n);
            if (end < 0) {
                text += s.slice(i, i + n);
                i += n;
                continue;
            }
            flush();
            out.push({ type: 'code', text: s.slice(i + n, end) });
            i = end + n;
            continue;
        }
        if (c === '*' || c === '_') {
            const n = runLength(s, i, c);
            const opens = (n === 1 || (n === 2 && c === '*')) && i + n < s.length
                && !space.test(charAt(s, i + n)) && !(c === '_' && underscoreInsideWord(s, i, n));
            const end = opens ? emphasisEnd(s, i, c, n) : -1;
            if (end < 0) {
                text += s.slice(i, i + n);
                i += n;
                continue;
            }
            flush();
            out.push({ type: n === 2 ? 'strong' : 'em',
                       children: parseInline(s.slice(i + n, end), context) });
            i = end + n;
            continue;
        }
        if (c === '[') {
            const link = linkAt(s, i);
            if (link) {
                flush();
                out.push({ type: 'link', href: link.href, text: link.label });
                i = link.end;
                continue;
            }
        }
        if (c === 'h' || c === 'H') {
            const n = urlLengthAt(s, i);
            if (n) {
                flush();
                const url = s.slice(i, i + n);
                out.push({ type: 'link', href: url, text: url });
                i += n;
                continue;
            }
        }
        if (c === '@') {
            const n = mentionLengthAt(s, i, context.mentions);
            if (n) {
                flush();
                const name = s.slice(i + 1, i + n);
                out.push({ type: 'mention', text: s.slice(i, i + n),
                           me: !!context.me && name.toLowerCase() === context.me });
                i += n;
                continue;
            }
        }
        text += c;
        ++i;
    }
    flush();
    return out;
}

// A line that opens a code block: "```" after leading spaces, then at most a language word.
function opensCodeBlock(line) {
    const match = line.match(/^ *```(.*)$/);
    return !!match && !/[`\s]/.test(match[1].trim());
}

// The token tree of a message's text. mentions: the message's `mentions` field; me: the viewer.
export function parse(text, mentions = [], me = '') {
    const context = {
        mentions: new Set((mentions || []).map((name) => String(name).toLowerCase())),
        me: (me || '').toLowerCase(),
    };
    const lines = String(text).split(lineBreak);
    const blocks = [];
    let i = 0;
    while (i < lines.length) {
        if (opensCodeBlock(lines[i])) {
            const code = [];
            for (++i; i < lines.length && lines[i].trim() !== '```'; ++i)
                code.push(lines[i]);
            ++i; // the closing line, if there is one
            blocks.push({ type: 'pre', text: code.join('\n') });
            continue;
        }
        const quote = lines[i].startsWith('>');
        const block = { type: quote ? 'quote' : 'p', lines: [] };
        for (; i < lines.length; ++i) {
            const line = lines[i];
            if (opensCodeBlock(line) || line.startsWith('>') !== quote)
                break;
            const content = quote ? line.slice(line.startsWith('> ') ? 2 : 1) : line;
            block.lines.push(parseInline(content, context));
        }
        blocks.push(block);
    }
    return blocks;
}

const escapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
function escapeHtml(s) {
    return s.replace(/[&<>"]/g, (c) => escapes[c]);
}

function inlineHtml(nodes) {
    return nodes.map((node) => {
        switch (node.type) {
        case 'text':
            return escapeHtml(node.text);
        case 'code':
            return `<code>${escapeHtml(node.text)}</code>`;
        case 'strong':
            return `<strong>${inlineHtml(node.children)}</strong>`;
        case 'em':
            return `<em>${inlineHtml(node.children)}</em>`;
        case 'link':
            return `<a href="${escapeHtml(node.href)}">${escapeHtml(node.text)}</a>`;
        case 'mention':
            return `<span class="mention${node.me ? ' me' : ''}">${escapeHtml(node.text)}</span>`;
        }
        return '';
    }).join('');
}

// The canonical HTML of a tree (tests/data/formatting.json).
export function toHtml(blocks) {
    return blocks.map((block) => {
        if (block.type === 'pre')
            return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
        const tag = block.type === 'quote' ? 'blockquote' : 'p';
        return `<${tag}>${block.lines.map(inlineHtml).join('<br>')}</${tag}>`;
    }).join('');
}

function appendInline(doc, parent, nodes) {
    for (const node of nodes) {
        let element;
        switch (node.type) {
        case 'text':
            parent.append(doc.createTextNode(node.text));
            continue;
        case 'code':
            element = doc.createElement('code');
            element.textContent = node.text;
            break;
        case 'strong':
        case 'em':
            element = doc.createElement(node.type);
            appendInline(doc, element, node.children);
            break;
        case 'link':
            element = doc.createElement('a');
            // Only the schemes the parser accepted ever get here; checked again all the same.
            if (linkScheme.test(node.href))
                element.href = node.href;
            element.target = '_blank';
            element.rel = 'noopener noreferrer';
            element.textContent = node.text;
            break;
        case 'mention':
            element = doc.createElement('span');
            element.className = node.me ? 'mention me' : 'mention';
            element.textContent = node.text;
            break;
        default:
            continue;
        }
        parent.append(element);
    }
}

// DOM nodes for a tree, in a DocumentFragment. bareParagraph: a tree that is one paragraph
// gives its content without the <p> (the element it goes into is the paragraph).
export function render(blocks, doc = document, { bareParagraph = false } = {}) {
    const fragment = doc.createDocumentFragment();
    if (bareParagraph && blocks.length === 1 && blocks[0].type === 'p') {
        blocks[0].lines.forEach((line, index) => {
            if (index > 0)
                fragment.append(doc.createElement('br'));
            appendInline(doc, fragment, line);
        });
        return fragment;
    }
    for (const block of blocks) {
        if (block.type === 'pre') {
            const pre = doc.createElement('pre');
            const code = doc.createElement('code');
            code.textContent = block.text;
            pre.append(code);
            fragment.append(pre);
            continue;
        }
        const element = doc.createElement(block.type === 'quote' ? 'blockquote' : 'p');
        block.lines.forEach((line, index) => {
            if (index > 0)
                element.append(doc.createElement('br'));
            appendInline(doc, element, line);
        });
        fragment.append(element);
    }
    return fragment;
}

// Whether the text mentions `me` (the message's `mentions` field, case-insensitively).
export function mentionsMe(mentions, me) {
    const name = (me || '').toLowerCase();
    return !!name && (mentions || []).some((m) => String(m).toLowerCase() === name);
}
