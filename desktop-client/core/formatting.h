// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>

namespace sori::chat::formatting {

// The safe Markdown subset of issue 22 (docs/protocol.md, "Formatting"), parsed into a tree of
// tokens. The tree holds the user's characters as data only: both renderers below escape every
// one of them, so that nothing anybody types becomes markup.
struct Node
{
    enum class Kind {
        Paragraph, // children: inline nodes and LineBreak
        Quote, // as Paragraph
        CodeBlock, // text: the lines, joined by '\n', verbatim
        LineBreak,
        Text, // text
        Code, // text, verbatim
        Strong, // children
        Emphasis, // children
        Link, // text: the label; target: the address
        Mention, // text: "@name" as typed; me: it names the viewer
    };
    Kind kind = Kind::Text;
    QString text;
    QString target;
    bool me = false;
    QList<Node> children;

    friend bool operator==(const Node &, const Node &) = default;
};

// The blocks of `text`. `mentions` are the names the server found (the message's `mentions`);
// `me` is the viewer's name (its mentions are marked `me`). Names compare case-insensitively.
QList<Node> parse(const QString &text, const QStringList &mentions = {}, const QString &me = {});

// The canonical HTML of the spec (tests/data/formatting.json): only <p>, <br>, <blockquote>,
// <pre><code>, <code>, <strong>, <em>, <a href>, <span class="mention[ me]">.
QString toCanonicalHtml(const QList<Node> &blocks);

// Colours of the rich text, so that the view can follow its palette.
struct RichTextStyle
{
    QString codeBackground = QStringLiteral("#eef0f2");
    QString quoteColor = QStringLiteral("#5f6b76");
    QString mentionBackground = QStringLiteral("#fdeebf");
    QString mentionMeBackground = QStringLiteral("#f9d27a");
};

// The rich text that QTextDocument draws: the same tree with Qt's tags and inline styles, every
// character of the user's text escaped, spaces kept.
// `suffix` (rich text of the app's own, such as "(edited)") goes at the end of the last paragraph.
QString toRichText(const QList<Node> &blocks, const RichTextStyle &style = {},
                   const QString &suffix = {});

// Whether the view may open `url`: only web and mail addresses (a link never runs anything).
bool isOpenableUrl(const QString &url);

} // namespace sori::chat::formatting
