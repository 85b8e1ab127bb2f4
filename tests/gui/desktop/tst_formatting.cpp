// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// sori-chat's formatting renderer (issue 22): the canonical HTML of the spec for every case of
// the shared fixture (tests/data/formatting.json, the same cases the web client runs) and for
// cases of our own, and the rich text the message view draws: formatted where the spec says,
// and text (never markup) for everything a user typed.

#include "core/formatting.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtGui/QTextBlock>
#include <QtGui/QTextCursor>
#include <QtGui/QTextDocument>
#include <QtGui/QTextFragment>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace sori::chat;

namespace {
QString canonical(const QString &text, const QStringList &mentions = {},
                  const QString &me = u"jun"_s)
{
    return formatting::toCanonicalHtml(formatting::parse(text, mentions, me));
}

// The text a QTextDocument shows for the rich text of `text`, and the document itself.
std::unique_ptr<QTextDocument> rendered(const QString &text, const QStringList &mentions = {},
                                        const QString &me = u"jun"_s)
{
    auto document = std::make_unique<QTextDocument>();
    document->setHtml(formatting::toRichText(formatting::parse(text, mentions, me)));
    return document;
}

// The character format at the first occurrence of `what` in the document's text.
QTextCharFormat formatAt(QTextDocument *document, const QString &what)
{
    const QTextCursor found = document->find(what);
    if (found.isNull())
        return {};
    QTextCursor cursor(document);
    cursor.setPosition(found.selectionStart() + 1);
    return cursor.charFormat();
}
} // namespace

class tst_Formatting : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void canonicalHtml_data();
    void canonicalHtml();
    void everyFixtureCase_data();
    void everyFixtureCase();
    void richTextKeepsTypedMarkupAsText_data();
    void richTextKeepsTypedMarkupAsText();
    void richTextShowsTheFormatting();
    void onlyWebAndMailLinksOpen();
    void unmatchedDelimitersStayCheap();
};

void tst_Formatting::canonicalHtml_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("mentions");
    QTest::addColumn<QString>("html");
    const QStringList none;

    QTest::newRow("plain") << u"hello"_s << none << u"<p>hello</p>"_s;
    QTest::newRow("empty") << QString() << none << u"<p></p>"_s;
    QTest::newRow("escaped") << u"<b>x</b> & \"y\""_s << none
                             << u"<p>&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;</p>"_s;
    QTest::newRow("entity typed") << u"&amp;"_s << none << u"<p>&amp;amp;</p>"_s;
    QTest::newRow("lines") << u"a\nb\r\nc\rd"_s << none << u"<p>a<br>b<br>c<br>d</p>"_s;
    QTest::newRow("empty line kept") << u"a\n\nb"_s << none << u"<p>a<br><br>b</p>"_s;
    QTest::newRow("bold") << u"**bold** text"_s << none << u"<p><strong>bold</strong> text</p>"_s;
    QTest::newRow("italic star") << u"an *idea*"_s << none << u"<p>an <em>idea</em></p>"_s;
    QTest::newRow("italic underscore") << u"an _idea_"_s << none << u"<p>an <em>idea</em></p>"_s;
    QTest::newRow("snake_case") << u"snake_case_name"_s << none << u"<p>snake_case_name</p>"_s;
    QTest::newRow("opening space") << u"a * b * c"_s << none << u"<p>a * b * c</p>"_s;
    QTest::newRow("closing space") << u"*a *"_s << none << u"<p>*a *</p>"_s;
    QTest::newRow("unmatched") << u"**half"_s << none << u"<p>**half</p>"_s;
    QTest::newRow("three stars") << u"**bold *and italic***"_s << none
                                 << u"<p>**bold *and italic***</p>"_s;
    QTest::newRow("italic in bold")
        << u"*a **b** c*"_s << none << u"<p><em>a <strong>b</strong> c</em></p>"_s;
    QTest::newRow("code") << u"use `a*b*c` here"_s << none
                          << u"<p>use <code>a*b*c</code> here</p>"_s;
    QTest::newRow("code double") << u"``a`b``"_s << none << u"<p><code>a`b</code></p>"_s;
    QTest::newRow("code unmatched") << u"`open"_s << none << u"<p>`open</p>"_s;
    QTest::newRow("code not across") << u"*a `b* c`"_s << none << u"<p>*a <code>b* c</code></p>"_s;
    QTest::newRow("code escapes") << u"`<i>`"_s << none << u"<p><code>&lt;i&gt;</code></p>"_s;
    QTest::newRow("backslash") << u"\\*not\\* \\_x\\_ \\\\ \\q"_s << none
                               << u"<p>*not* _x_ \\ \\q</p>"_s;
    QTest::newRow("link")
        << u"see [the docs](https://sori.example/docs?a=1&b=\"2\")"_s << none
        << u"<p>see <a href=\"https://sori.example/docs?a=1&amp;b=&quot;2&quot;\">"
           "the docs</a></p>"_s;
    QTest::newRow("mail link") << u"[mail](MAILTO:a@b.org)"_s << none
                               << u"<p><a href=\"MAILTO:a@b.org\">mail</a></p>"_s;
    QTest::newRow("script link") << u"[x](javascript:alert(1))"_s << none
                                 << u"<p>[x](javascript:alert(1))</p>"_s;
    QTest::newRow("link with space")
        << u"[x](https://a b)"_s << none << u"<p>[x](<a href=\"https://a\">https://a</a> b)</p>"_s;
    QTest::newRow("bare url") << u"go to https://example.org/a_b_c, now"_s << none
                              << u"<p>go to <a href=\"https://example.org/a_b_c\">"
                                 "https://example.org/a_b_c</a>, now</p>"_s;
    QTest::newRow("bare url trailing") << u"(see http://x.org/wiki/A_(b))."_s << none
                                       << u"<p>(see <a href=\"http://x.org/wiki/A_(b)\">"
                                          "http://x.org/wiki/A_(b)</a>).</p>"_s;
    QTest::newRow("bare url closing paren")
        << u"(http://x.org)"_s << none << u"<p>(<a href=\"http://x.org\">http://x.org</a>)</p>"_s;
    QTest::newRow("scheme only") << u"http:// nothing"_s << none << u"<p>http:// nothing</p>"_s;
    QTest::newRow("quote") << u"> quoted **line**\n>second\nafter"_s << none
                           << u"<blockquote>quoted <strong>line</strong><br>second</blockquote>"
                              "<p>after</p>"_s;
    QTest::newRow("escaped quote") << u"\\> not a quote"_s << none << u"<p>&gt; not a quote</p>"_s;
    QTest::newRow("code block") << u"before\n```cpp\nint *a = b*c;\n  <x>\n```\nafter"_s << none
                                << u"<p>before</p><pre><code>int *a = b*c;\n  &lt;x&gt;</code>"
                                   "</pre><p>after</p>"_s;
    QTest::newRow("code block open")
        << u"  ```\n**a**"_s << none << u"<pre><code>**a**</code></pre>"_s;
    QTest::newRow("mention") << u"hi @mina and @jun."_s << QStringList{u"mina"_s, u"jun"_s}
                             << u"<p>hi <span class=\"mention\">@mina</span> and "
                                "<span class=\"mention me\">@jun</span>.</p>"_s;
    QTest::newRow("mention case") << u"@JUN"_s << QStringList{u"jun"_s}
                                  << u"<p><span class=\"mention me\">@JUN</span></p>"_s;
    QTest::newRow("mention not listed") << u"@mina"_s << QStringList{u"jun"_s} << u"<p>@mina</p>"_s;
    QTest::newRow("mention in mail") << u"a@jun"_s << QStringList{u"jun"_s} << u"<p>a@jun</p>"_s;
    QTest::newRow("mention in code")
        << u"`@jun`"_s << QStringList{u"jun"_s} << u"<p><code>@jun</code></p>"_s;
    QTest::newRow("mention escaped") << u"\\@jun"_s << QStringList{u"jun"_s} << u"<p>@jun</p>"_s;
    QTest::newRow("mention bold") << u"**@jun**"_s << QStringList{u"jun"_s}
                                  << u"<p><strong><span class=\"mention me\">@jun</span>"
                                     "</strong></p>"_s;
    QTest::newRow("korean") << u"**한국어** _말_"_s << none
                            << u"<p><strong>한국어</strong> <em>말</em></p>"_s;
}

void tst_Formatting::canonicalHtml()
{
    QFETCH(QString, text);
    QFETCH(QStringList, mentions);
    QFETCH(QString, html);
    QCOMPARE(canonical(text, mentions), html);
}

void tst_Formatting::everyFixtureCase_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("mentions");
    QTest::addColumn<QString>("me");
    QTest::addColumn<QString>("html");
    QFile file(QStringLiteral(SORI_TEST_DATA_DIR "/formatting.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &error);
    QVERIFY2(json.isArray(), qPrintable(error.errorString()));
    int number = 0;
    for (const QJsonValue &value : json.array()) {
        const QJsonObject c = value.toObject();
        QStringList mentions;
        for (const QJsonValue &name : c.value("mentions"_L1).toArray())
            mentions.append(name.toString());
        ++number;
        const QString name = c.value("name"_L1).toString();
        QTest::addRow("%d %s", number,
                      qPrintable(name.isEmpty() ? c.value("text"_L1).toString().left(40) : name))
            << c.value("text"_L1).toString() << mentions << c.value("me"_L1).toString()
            << c.value("html"_L1).toString();
    }
    QVERIFY(number > 0);
}

void tst_Formatting::everyFixtureCase()
{
    QFETCH(QString, text);
    QFETCH(QStringList, mentions);
    QFETCH(QString, me);
    QFETCH(QString, html);
    QCOMPARE(canonical(text, mentions, me), html);
}

void tst_Formatting::richTextKeepsTypedMarkupAsText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("shown");
    QTest::newRow("tags") << u"<b>not bold</b><img src=\"x.png\"><script>alert(1)</script>"_s
                          << u"<b>not bold</b><img src=\"x.png\"><script>alert(1)</script>"_s;
    QTest::newRow("tags in bold") << u"**<i>x</i>**"_s << u"<i>x</i>"_s;
    QTest::newRow("tags in code") << u"`<a href=\"x\">y</a>`"_s << u"<a href=\"x\">y</a>"_s;
    QTest::newRow("tags in a code block") << u"```\n<table><tr><td>x</td></tr></table>\n```"_s
                                          << u"<table><tr><td>x</td></tr></table>"_s;
    QTest::newRow("tags in a quote") << u"> <hr>&nbsp;"_s << u"<hr>&nbsp;"_s;
    QTest::newRow("tags in a label")
        << u"[<img src=x>](https://x.org/\"><b>)"_s << u"<img src=x>"_s;
    QTest::newRow("tags in a mention") << u"@jun<b>"_s << u"@jun<b>"_s;
    QTest::newRow("spaces") << u"a   b"_s << u"a   b"_s;
}

void tst_Formatting::richTextKeepsTypedMarkupAsText()
{
    QFETCH(QString, text);
    QFETCH(QString, shown);
    const auto document = rendered(text, {u"jun"_s});
    QCOMPARE(document->toPlainText(), shown);
    // Nothing typed became an image, a table, a rule or a bold run.
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat format = it.fragment().charFormat();
            QVERIFY(!format.isImageFormat());
            QVERIFY(format.anchorHref().isEmpty()
                    || format.anchorHref() == u"https://x.org/\"><b>"_s);
        }
    }
    QCOMPARE(document->rootFrame()->childFrames().size(), 0);
}

void tst_Formatting::richTextShowsTheFormatting()
{
    const auto document = rendered(u"**strong** *soft* `mono` [docs](https://sori.example) "
                                   "@jun @mina https://x.org/a.\n> said\n```\ncode  here\n```"_s,
                                   {u"jun"_s, u"mina"_s});
    QCOMPARE(document->toPlainText(),
             u"strong soft mono docs @jun @mina https://x.org/a.\nsaid\ncode  here"_s);
    QVERIFY(formatAt(document.get(), u"strong"_s).fontWeight() >= QFont::Bold);
    QVERIFY(formatAt(document.get(), u"soft"_s).fontItalic());
    QVERIFY(formatAt(document.get(), u"mono"_s).fontFixedPitch()
            || formatAt(document.get(), u"mono"_s)
                   .fontFamilies()
                   .toStringList()
                   .join(u' ')
                   .contains(u"mono"_s, Qt::CaseInsensitive));
    QCOMPARE(formatAt(document.get(), u"docs"_s).anchorHref(), u"https://sori.example"_s);
    QCOMPARE(formatAt(document.get(), u"https://x.org/a"_s).anchorHref(), u"https://x.org/a"_s);
    // Mentions stand out, one's own more than another's.
    const QColor me = formatAt(document.get(), u"@jun"_s).background().color();
    const QColor other = formatAt(document.get(), u"@mina"_s).background().color();
    QVERIFY(formatAt(document.get(), u"@jun"_s).hasProperty(QTextFormat::BackgroundBrush));
    QVERIFY(formatAt(document.get(), u"@mina"_s).hasProperty(QTextFormat::BackgroundBrush));
    QVERIFY(me != other);
    QVERIFY(!formatAt(document.get(), u"strong"_s).hasProperty(QTextFormat::BackgroundBrush));
    // The quote is indented; the code block keeps its spaces.
    QVERIFY(document->find(u"said"_s).block().blockFormat().leftMargin() > 0);
    QVERIFY(document->find(u"code  here"_s).block().blockFormat().nonBreakableLines());
}

void tst_Formatting::onlyWebAndMailLinksOpen()
{
    QVERIFY(formatting::isOpenableUrl(u"https://example.org/x"_s));
    QVERIFY(formatting::isOpenableUrl(u"HTTP://example.org"_s));
    QVERIFY(formatting::isOpenableUrl(u"mailto:jun@example.org"_s));
    QVERIFY(!formatting::isOpenableUrl(u"javascript:alert(1)"_s));
    QVERIFY(!formatting::isOpenableUrl(u"file:///etc/passwd"_s));
    QVERIFY(!formatting::isOpenableUrl(u"data:text/html,x"_s));
    QVERIFY(!formatting::isOpenableUrl(u"sori-internal:quote"_s));
    QVERIFY(!formatting::isOpenableUrl(QString()));
}

void tst_Formatting::unmatchedDelimitersStayCheap()
{
    // A long line of openers that never close is text, and parsing it does not explode.
    QString text;
    for (int i = 0; i < 1000; ++i)
        text += u"*a _b **c `"_s;
    QElapsedTimer timer;
    timer.start();
    const QString html = canonical(text);
    QVERIFY(html.startsWith(u"<p>"_s));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    // Deep nesting that does close: formatted, and no deeper than the parser allows.
    QString deep;
    for (int i = 0; i < 2000; ++i)
        deep += i % 2 ? u"_a "_s : u"*a "_s;
    for (int i = 1999; i >= 0; --i)
        deep += i % 2 ? u" b_"_s : u" b*"_s;
    const QString nested = canonical(deep);
    QVERIFY(nested.startsWith(u"<p><em>a <em>a "_s));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_MAIN(tst_Formatting)
#include "tst_formatting.moc"
