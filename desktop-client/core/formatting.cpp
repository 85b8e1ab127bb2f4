// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/formatting.h"

#include "protocol/validation.h"

#include <QtCore/QUrl>

#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace sori::chat::formatting {

namespace {

using Kind = Node::Kind;

// Emphasis nested deeper than this stays as it was typed (each level is a call).
constexpr int MaxNesting = 200;

bool isEscapable(QChar c)
{
    return u"\\`*_[]()>@"_s.contains(c);
}

QString escaped(QStringView text)
{
    return text.toString().toHtmlEscaped();
}

// The code point that ends just before i (a whole surrogate pair), or 0.
char32_t codePointBefore(QStringView s, qsizetype i)
{
    if (i <= 0)
        return 0;
    if (s[i - 1].isLowSurrogate() && i >= 2 && s[i - 2].isHighSurrogate())
        return QChar::surrogateToUcs4(s[i - 2], s[i - 1]);
    return s[i - 1].unicode();
}

// The code point that starts at i, or 0; *length: its UTF-16 units.
char32_t codePointAt(QStringView s, qsizetype i, qsizetype *length = nullptr)
{
    if (length)
        *length = 1;
    if (i >= s.size())
        return 0;
    if (s[i].isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate()) {
        if (length)
            *length = 2;
        return QChar::surrogateToUcs4(s[i], s[i + 1]);
    }
    return s[i].unicode();
}

bool isSpace(char32_t c)
{
    return c != 0 && QChar::isSpace(c);
}

bool isLetterOrDigit(char32_t c)
{
    return c != 0 && QChar::isLetterOrNumber(c);
}

bool isNameCharacter(char32_t c)
{
    return isLetterOrDigit(c) || c == u'-' || c == u'_' || c == u'.';
}

qsizetype runLength(QStringView s, qsizetype i, QChar c)
{
    qsizetype n = 0;
    while (i + n < s.size() && s[i + n] == c)
        ++n;
    return n;
}

// The end of a code span whose opening run of n backticks starts at i, or -1: the next run of
// exactly n backticks.
qsizetype codeSpanEnd(QStringView s, qsizetype i, qsizetype n)
{
    for (qsizetype j = i + n; j < s.size();) {
        if (s[j] != u'`') {
            ++j;
            continue;
        }
        const qsizetype m = runLength(s, j, u'`');
        if (m == n)
            return j;
        j += m;
    }
    return -1;
}

// "_" neither opens nor closes between two letters or digits (snake_case stays as it is).
bool underscoreInsideWord(QStringView s, qsizetype i, qsizetype length)
{
    return isLetterOrDigit(codePointBefore(s, i)) && isLetterOrDigit(codePointAt(s, i + length));
}

// Where the emphasis opened at i by `length` times c closes, or -1: the next run exactly as long
// after a non-space; escapes and code spans are stepped over (emphasis never crosses code).
qsizetype emphasisEnd(QStringView s, qsizetype i, QChar c, qsizetype length)
{
    for (qsizetype j = i + length; j < s.size();) {
        const QChar ch = s[j];
        if (ch == u'\\' && j + 1 < s.size() && isEscapable(s[j + 1])) {
            j += 2;
        } else if (ch == u'`') {
            const qsizetype n = runLength(s, j, u'`');
            const qsizetype end = codeSpanEnd(s, j, n);
            j = end < 0 ? j + n : end + n;
        } else if (ch == c) {
            const qsizetype n = runLength(s, j, c);
            if (n == length && j > i + length && !isSpace(codePointBefore(s, j))
                && !(c == u'_' && underscoreInsideWord(s, j, n)))
                return j;
            j += n;
        } else {
            ++j;
        }
    }
    return -1;
}

bool hasLinkScheme(QStringView url, qsizetype *schemeLength)
{
    for (const QString &scheme : {u"http://"_s, u"https://"_s, u"mailto:"_s}) {
        if (url.startsWith(scheme, Qt::CaseInsensitive)) {
            *schemeLength = scheme.size();
            return true;
        }
    }
    return false;
}

struct Parsed
{
    Node node;
    qsizetype end = 0;
};

// A [label](url) at i whose url we accept (http, https, mailto; no space).
std::optional<Parsed> linkAt(QStringView s, qsizetype i)
{
    const qsizetype close = s.indexOf(u']', i + 1);
    if (close < 0 || close == i + 1 || close + 1 >= s.size() || s[close + 1] != u'(')
        return std::nullopt;
    const qsizetype end = s.indexOf(u')', close + 2);
    if (end < 0)
        return std::nullopt;
    const QStringView href = s.sliced(close + 2, end - close - 2);
    qsizetype scheme = 0;
    if (!hasLinkScheme(href, &scheme) || href.size() == scheme)
        return std::nullopt;
    for (QChar c : href) {
        if (c.isSpace())
            return std::nullopt;
    }
    return Parsed{
        Node{Kind::Link, s.sliced(i + 1, close - i - 1).toString(), href.toString(), false, {}},
        end + 1};
}

// A bare URL at i: its length, or 0. Up to the next whitespace, without the punctuation that
// ends a sentence and without a closing parenthesis that has no opening one in the URL; never
// inside a word.
qsizetype urlLengthAt(QStringView s, qsizetype i)
{
    qsizetype scheme = 0;
    if (s.sliced(i).startsWith(u"http://"_s, Qt::CaseInsensitive))
        scheme = 7;
    else if (s.sliced(i).startsWith(u"https://"_s, Qt::CaseInsensitive))
        scheme = 8;
    if (scheme == 0 || isLetterOrDigit(codePointBefore(s, i)))
        return 0;
    qsizetype end = i;
    while (end < s.size()) {
        qsizetype length = 1;
        if (isSpace(codePointAt(s, end, &length)))
            break;
        end += length;
    }
    while (end > i) {
        const QChar last = s[end - 1];
        if (u".,:;!?'\""_s.contains(last)) {
            --end;
            continue;
        }
        if (last == u')') {
            const QStringView url = s.sliced(i, end - i);
            if (url.count(u')') > url.count(u'(')) {
                --end;
                continue;
            }
        }
        break;
    }
    return end - i > scheme ? end - i : 0;
}

// A mention at i: the length of "@name" when name (or name without trailing dots, a full stop
// after it) is one of the message's mentions, else 0.
qsizetype mentionLengthAt(QStringView s, qsizetype i, const QStringList &mentions)
{
    if (isNameCharacter(codePointBefore(s, i)))
        return 0;
    qsizetype end = i + 1;
    while (end < s.size()) {
        qsizetype length = 1;
        if (!isNameCharacter(codePointAt(s, end, &length)))
            break;
        end += length;
    }
    QStringView name = s.sliced(i + 1, end - i - 1);
    while (!name.isEmpty()) {
        if (mentions.contains(name, Qt::CaseInsensitive))
            return name.size() + 1;
        if (!name.endsWith(u'.'))
            return 0;
        while (name.endsWith(u'.'))
            name.chop(1);
    }
    return 0;
}

// One line's inline formatting, scanned left to right (the same steps as web-client/format.js,
// so that both clients draw a message alike).
QList<Node> parseInline(QStringView s, const QStringList &mentions, const QString &me, int depth)
{
    QList<Node> out;
    QString text;
    const auto add = [&](Node node) {
        if (!text.isEmpty())
            out.append(Node{Kind::Text, std::exchange(text, {}), {}, false, {}});
        out.append(std::move(node));
    };
    for (qsizetype i = 0; i < s.size();) {
        const QChar c = s[i];
        if (c == u'\\' && i + 1 < s.size() && isEscapable(s[i + 1])) {
            text += s[i + 1];
            i += 2;
            continue;
        }
        if (c == u'`') {
            const qsizetype n = runLength(s, i, u'`');
            const qsizetype end = codeSpanEnd(s, i, n);
            if (end < 0) {
                text += s.sliced(i, n);
                i += n;
                continue;
            }
            add(Node{Kind::Code, s.sliced(i + n, end - i - n).toString(), {}, false, {}});
            i = end + n;
            continue;
        }
        if (c == u'*' || c == u'_') {
            const qsizetype n = runLength(s, i, c);
            const bool opens = (n == 1 || (n == 2 && c == u'*')) && i + n < s.size()
                && !isSpace(codePointAt(s, i + n)) && !(c == u'_' && underscoreInsideWord(s, i, n))
                && depth < MaxNesting;
            const qsizetype end = opens ? emphasisEnd(s, i, c, n) : -1;
            if (end < 0) {
                text += s.sliced(i, n);
                i += n;
                continue;
            }
            add(Node{n == 2 ? Kind::Strong : Kind::Emphasis,
                     {},
                     {},
                     false,
                     parseInline(s.sliced(i + n, end - i - n), mentions, me, depth + 1)});
            i = end + n;
            continue;
        }
        if (c == u'[') {
            if (auto link = linkAt(s, i)) {
                add(std::move(link->node));
                i = link->end;
                continue;
            }
        }
        if (c == u'h' || c == u'H') {
            if (const qsizetype n = urlLengthAt(s, i)) {
                const QString url = s.sliced(i, n).toString();
                add(Node{Kind::Link, url, url, false, {}});
                i += n;
                continue;
            }
        }
        if (c == u'@' && !mentions.isEmpty()) {
            if (const qsizetype n = mentionLengthAt(s, i, mentions)) {
                const QStringView name = s.sliced(i + 1, n - 1);
                const bool mine = !me.isEmpty() && name.compare(me, Qt::CaseInsensitive) == 0;
                add(Node{Kind::Mention, s.sliced(i, n).toString(), {}, mine, {}});
                i += n;
                continue;
            }
        }
        text += c;
        ++i;
    }
    if (!text.isEmpty())
        out.append(Node{Kind::Text, text, {}, false, {}});
    return out;
}

// A line's inline nodes appended to block, after a line break if it is not the first line.
void appendLine(Node &block, QStringView line, bool first, const QStringList &mentions,
                const QString &me)
{
    if (!first)
        block.children.append(Node{Kind::LineBreak, {}, {}, false, {}});
    block.children.append(parseInline(line, mentions, me, 0));
}

// A line that opens a code block: "```" after leading spaces, then at most a language word.
bool opensCode(QStringView line)
{
    qsizetype i = 0;
    while (i < line.size() && line[i] == u' ')
        ++i;
    if (!line.sliced(i).startsWith(u"```"_s))
        return false;
    for (QChar c : line.sliced(i + 3).trimmed()) {
        if (c == u'`' || c.isSpace())
            return false;
    }
    return true;
}

bool isQuoteLine(QStringView line)
{
    return line.startsWith(u'>');
}

void appendInlineHtml(QString &html, const QList<Node> &nodes);

void appendInlineHtml(QString &html, const Node &node)
{
    switch (node.kind) {
    case Kind::Paragraph:
    case Kind::Quote:
    case Kind::CodeBlock:
        break;
    case Kind::LineBreak:
        html += u"<br>"_s;
        break;
    case Kind::Text:
        html += escaped(node.text);
        break;
    case Kind::Code:
        html += u"<code>"_s + escaped(node.text) + u"</code>"_s;
        break;
    case Kind::Strong:
        html += u"<strong>"_s;
        appendInlineHtml(html, node.children);
        html += u"</strong>"_s;
        break;
    case Kind::Emphasis:
        html += u"<em>"_s;
        appendInlineHtml(html, node.children);
        html += u"</em>"_s;
        break;
    case Kind::Link:
        html += u"<a href=\""_s + escaped(node.target) + u"\">"_s + escaped(node.text) + u"</a>"_s;
        break;
    case Kind::Mention:
        html += (node.me ? u"<span class=\"mention me\">"_s : u"<span class=\"mention\">"_s)
            + escaped(node.text) + u"</span>"_s;
        break;
    }
}

void appendInlineHtml(QString &html, const QList<Node> &nodes)
{
    for (const Node &node : nodes)
        appendInlineHtml(html, node);
}

void appendRichInline(QString &html, const QList<Node> &nodes, const RichTextStyle &style);

void appendRichInline(QString &html, const Node &node, const RichTextStyle &style)
{
    switch (node.kind) {
    case Kind::Paragraph:
    case Kind::Quote:
    case Kind::CodeBlock:
        break;
    case Kind::LineBreak:
        html += u"<br>"_s;
        break;
    case Kind::Text:
        html += escaped(node.text);
        break;
    case Kind::Code:
        html += u"<code style=\"background-color:%1\">"_s.arg(style.codeBackground)
            + escaped(node.text) + u"</code>"_s;
        break;
    case Kind::Strong:
        html += u"<b>"_s;
        appendRichInline(html, node.children, style);
        html += u"</b>"_s;
        break;
    case Kind::Emphasis:
        html += u"<i>"_s;
        appendRichInline(html, node.children, style);
        html += u"</i>"_s;
        break;
    case Kind::Link:
        html += u"<a href=\""_s + escaped(node.target) + u"\">"_s + escaped(node.text) + u"</a>"_s;
        break;
    case Kind::Mention:
        html += u"<span style=\"background-color:%1; font-weight:600\">"_s.arg(
                    node.me ? style.mentionMeBackground : style.mentionBackground)
            + escaped(node.text) + u"</span>"_s;
        break;
    }
}

void appendRichInline(QString &html, const QList<Node> &nodes, const RichTextStyle &style)
{
    for (const Node &node : nodes)
        appendRichInline(html, node, style);
}

} // namespace

QList<Node> parse(const QString &text, const QStringList &mentions, const QString &me)
{
    const QList<QStringView> lines = protocol::splitLines(text);
    QList<Node> blocks;
    for (qsizetype i = 0; i < lines.size();) {
        if (opensCode(lines[i])) {
            // Everything up to the closing fence (or the end) as it is.
            QStringList code;
            qsizetype j = i + 1;
            while (j < lines.size() && lines[j].trimmed() != u"```"_s)
                code.append(lines[j++].toString());
            blocks.append(Node{Kind::CodeBlock, code.join(u'\n'), {}, false, {}});
            i = j + 1;
            continue;
        }
        Node block{isQuoteLine(lines[i]) ? Kind::Quote : Kind::Paragraph, {}, {}, false, {}};
        for (bool first = true; i < lines.size() && !opensCode(lines[i])
             && isQuoteLine(lines[i]) == (block.kind == Kind::Quote);
             ++i, first = false) {
            QStringView line = lines[i];
            if (block.kind == Kind::Quote)
                line = line.sliced(line.startsWith(u"> "_s) ? 2 : 1);
            appendLine(block, line, first, mentions, me);
        }
        blocks.append(std::move(block));
    }
    return blocks;
}

QString toCanonicalHtml(const QList<Node> &blocks)
{
    QString html;
    for (const Node &block : blocks) {
        switch (block.kind) {
        case Kind::Paragraph:
            html += u"<p>"_s;
            appendInlineHtml(html, block.children);
            html += u"</p>"_s;
            break;
        case Kind::Quote:
            html += u"<blockquote>"_s;
            appendInlineHtml(html, block.children);
            html += u"</blockquote>"_s;
            break;
        case Kind::CodeBlock:
            html += u"<pre><code>"_s + escaped(block.text) + u"</code></pre>"_s;
            break;
        default:
            appendInlineHtml(html, block);
            break;
        }
    }
    return html;
}

QString toRichText(const QList<Node> &blocks, const RichTextStyle &style, const QString &suffix)
{
    QString html;
    for (qsizetype i = 0; i < blocks.size(); ++i) {
        const Node &block = blocks.at(i);
        // A little air between blocks, none around the message.
        const int top = i > 0 ? 3 : 0;
        switch (block.kind) {
        case Kind::Paragraph:
            html += u"<p style=\"margin:%1px 0 0 0; white-space:pre-wrap\">"_s.arg(top);
            appendRichInline(html, block.children, style);
            if (i == blocks.size() - 1 && !suffix.isEmpty())
                html += u" "_s + suffix;
            html += u"</p>"_s;
            break;
        case Kind::Quote:
            html += u"<p style=\"margin:%1px 0 0 12px; white-space:pre-wrap; color:%2\">"_s.arg(top)
                        .arg(style.quoteColor);
            appendRichInline(html, block.children, style);
            html += u"</p>"_s;
            break;
        case Kind::CodeBlock:
            html += u"<pre style=\"margin:%1px 0 0 0; background-color:%2\">"_s.arg(top).arg(
                        style.codeBackground)
                + escaped(block.text) + u"</pre>"_s;
            break;
        default:
            appendRichInline(html, block, style);
            break;
        }
    }
    return html;
}

bool isOpenableUrl(const QString &url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid())
        return false;
    const QString scheme = parsed.scheme().toLower();
    return scheme == u"http"_s || scheme == u"https"_s || scheme == u"mailto"_s;
}

} // namespace sori::chat::formatting
