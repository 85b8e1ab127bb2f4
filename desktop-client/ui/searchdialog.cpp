// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/searchdialog.h"

#include "core/chatsession.h"
#include "core/roomlistmodel.h"

#include <QtCore/QTimer>
#include <QtGui/QPainter>
#include <QtGui/QTextLayout>
#include <QtWidgets/QApplication>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sori::chat {

namespace {
// The server takes 2 to 256 characters (after trimming).
constexpr int MinQuery = 2;
constexpr int MaxQuery = 256;
} // namespace

SearchDialog::SearchDialog(ChatSession *session, QWidget *parent)
    : QDialog(parent), m_session(session)
{
    setWindowTitle(tr("Search messages"));
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"messageSearchEdit"_s);
    m_search->setMaxLength(MaxQuery);
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(tr("Words to find, in every room and conversation"));
    m_list = new QListWidget(this);
    m_list->setObjectName(u"searchResults"_s);
    m_list->setItemDelegate(new SearchResultDelegate(m_list));
    m_list->setUniformItemSizes(true);
    m_list->setAccessibleName(tr("Search results"));
    m_info = new QLabel(this);
    m_info->setObjectName(u"searchInfo"_s);
    m_info->setTextFormat(Qt::PlainText);
    m_info->setWordWrap(true);
    m_more = new QPushButton(tr("Show &older results"), this);
    m_more->setObjectName(u"moreResultsButton"_s);
    m_more->setVisible(false);
    connect(m_more, &QPushButton::clicked, this, [this] {
        if (m_next > 0)
            m_session->search(m_asked, m_next);
    });
    m_delay = new QTimer(this);
    m_delay->setSingleShot(true);
    m_delay->setInterval(400); // searches count against their own rate: not one per key
    connect(m_search, &QLineEdit::textChanged, m_delay, qOverload<>(&QTimer::start));
    connect(m_delay, &QTimer::timeout, this, &SearchDialog::searchNow);
    connect(m_search, &QLineEdit::returnPressed, this, &SearchDialog::choose);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setText(tr("Close"));
    QPushButton *open = buttons->button(QDialogButtonBox::Open);
    open->setText(tr("&Show in the room"));
    open->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &SearchDialog::choose);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemActivated, this, &SearchDialog::choose);
    connect(session, &ChatSession::searchFound, this, &SearchDialog::showResults);
    connect(session, &ChatSession::lookupFailed, this, [this](const QString &text) {
        m_info->setText(text);
        m_info->show();
    });

    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->addRow(tr("&Search:"), m_search);
    layout->addLayout(form);
    layout->addWidget(m_info);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_more, 0, Qt::AlignLeft);
    layout->addWidget(buttons);
    resize(620, 460);
    m_info->hide();
    m_search->setFocus();
}

void SearchDialog::searchNow()
{
    m_delay->stop();
    const QString query = m_search->text().trimmed();
    if (query == m_asked)
        return;
    if (query.size() < MinQuery) {
        m_asked.clear();
        m_list->clear();
        m_more->hide();
        m_info->setText(query.isEmpty() ? QString()
                                        : tr("Type at least %n characters.", nullptr, MinQuery));
        m_info->setVisible(!query.isEmpty());
        return;
    }
    m_asked = query;
    m_next = 0;
    m_session->search(query);
}

void SearchDialog::showResults(const QString &query, const QList<protocol::MessageEvent> &messages,
                               bool appended, bool more, qint64 next)
{
    if (query != m_asked)
        return; // the answer to an earlier search
    if (!appended)
        m_list->clear();
    m_next = next;
    m_more->setVisible(more && next > 0);
    for (const protocol::MessageEvent &message : messages) {
        auto *item = new QListWidgetItem(m_list);
        const QString peer = directPeer(message.room, m_session->userName());
        const QString where = peer.isEmpty() ? u"#"_s + message.room : u"@"_s + peer;
        const QString time = ChatSession::localTime(message.time);
        item->setData(RoomRole, message.room);
        item->setData(SeqRole, message.seq);
        item->setData(SenderRole, message.from);
        item->setData(TimeRole, time);
        item->setData(TextRole, message.text);
        item->setData(WhereRole, where);
        item->setData(QueryRole, query);
        // For screen readers and tooltips: plain text (QListWidget's own text is never rich).
        item->setText(
            tr("%1, %2, %3: %4").arg(where, message.from, time, message.text.simplified()));
    }
    if (m_list->count() == 0) {
        m_info->setText(tr("No messages found."));
        m_info->show();
    } else {
        m_info->hide();
        if (!appended)
            m_list->setCurrentRow(0);
    }
}

void SearchDialog::choose()
{
    // Enter after changing the words searches for them, whatever was chosen before.
    if (m_asked != m_search->text().trimmed()) {
        searchNow();
        return;
    }
    const QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    m_room = item->data(RoomRole).toString();
    m_seq = item->data(SeqRole).toLongLong();
    accept();
}

QList<std::pair<int, int>> SearchDialog::matches(const QString &text, const QString &query)
{
    // Each word of the query, wherever it occurs (the server finds substrings too: 한국어를).
    QList<std::pair<int, int>> found;
    for (const QString &word : query.split(u' ', Qt::SkipEmptyParts)) {
        QString w = word;
        w.remove(u'"');
        if (w.isEmpty())
            continue;
        for (qsizetype at = text.indexOf(w, 0, Qt::CaseInsensitive); at >= 0;
             at = text.indexOf(w, at + w.size(), Qt::CaseInsensitive))
            found.append({int(at), int(w.size())});
    }
    std::sort(found.begin(), found.end());
    return found;
}

// ---- SearchResultDelegate

QSize SearchResultDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics fm(option.font);
    return QSize(200, fm.height() * 2 + fm.leading() + 12);
}

void SearchResultDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    painter->save();
    const bool selected = option.state & QStyle::State_Selected;
    const QColor text = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor dim =
        option.palette.color(selected ? QPalette::HighlightedText : QPalette::PlaceholderText);
    const QRect r = option.rect.adjusted(8, 5, -8, -5);
    const QFontMetrics fm(option.font);

    // Where, who, when.
    QFont small = option.font;
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.9));
    painter->setFont(small);
    painter->setPen(dim);
    const QString header = SearchDialog::tr("%1 · %2 · %3")
                               .arg(index.data(SearchDialog::WhereRole).toString(),
                                    index.data(SearchDialog::SenderRole).toString(),
                                    index.data(SearchDialog::TimeRole).toString());
    const QFontMetrics smallMetrics(small);
    painter->drawText(QRect(r.left(), r.top(), r.width(), fm.height()),
                      Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                      smallMetrics.elidedText(header, Qt::ElideRight, r.width()));

    // The text: plain, on one line, the words found on a yellow mark. A QTextLayout with
    // formats, never markup: what somebody wrote is never read as HTML.
    const QString body = fm.elidedText(index.data(SearchDialog::TextRole).toString().simplified(),
                                       Qt::ElideRight, r.width());
    QList<QTextLayout::FormatRange> formats;
    for (const auto &[start, length] :
         SearchDialog::matches(body, index.data(SearchDialog::QueryRole).toString())) {
        QTextLayout::FormatRange range;
        range.start = start;
        range.length = length;
        range.format.setBackground(QColor(0xff, 0xd8, 0x4d));
        range.format.setForeground(QColor(0x20, 0x20, 0x20));
        range.format.setFontWeight(QFont::Bold);
        formats.append(range);
    }
    QTextLayout layout(body, option.font, painter->device());
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::NoWrap);
    layout.setTextOption(textOption);
    layout.setFormats(formats);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    if (line.isValid())
        line.setLineWidth(r.width());
    layout.endLayout();
    painter->setPen(text);
    layout.draw(painter, QPointF(r.left(), r.top() + fm.height() + fm.leading() + 2));
    painter->restore();
}

} // namespace sori::chat
