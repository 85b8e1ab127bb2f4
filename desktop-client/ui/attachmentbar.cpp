// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/attachmentbar.h"

#include "protocol/client/chatclient.h"
#include "protocol/client/filetransfer.h"

#include <QtCore/QBuffer>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QLocale>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QProgressBar>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sori::chat {

struct AttachmentBar::Item
{
    QString name;
    QWidget *row = nullptr;
    QProgressBar *bar = nullptr;
    QToolButton *cancel = nullptr;
    std::unique_ptr<QIODevice> body; // a file, or a buffer of pasted bytes
    FileTransfer *transfer = nullptr;
    std::optional<protocol::Attachment> file; // once up
};

AttachmentBar::AttachmentBar(ChatClient *client, const QString &room, QWidget *parent)
    : QWidget(parent), m_client(client), m_room(room), m_layout(new QVBoxLayout(this))
{
    setObjectName(u"attachmentBar"_s);
    m_layout->setContentsMargins(4, 2, 4, 2);
    m_layout->setSpacing(2);
}

AttachmentBar::~AttachmentBar()
{
    // Quietly: nobody listens any more. Each transfer goes before the body it reads.
    for (const auto &item : m_items) {
        if (item->transfer->isRunning())
            item->transfer->cancel();
        delete item->transfer;
    }
}

bool AttachmentBar::addFile(const QString &path, QString *error)
{
    const QFileInfo info(path);
    auto file = std::make_unique<QFile>(path);
    if (!info.isFile() || !file->open(QIODevice::ReadOnly)) {
        *error = tr("%1 cannot be read.").arg(info.fileName());
        return false;
    }
    auto item = std::make_unique<Item>();
    item->name = info.fileName();
    item->body = std::move(file);
    return start(std::move(item), error);
}

bool AttachmentBar::addData(const QString &name, const QByteArray &data, QString *error)
{
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(data);
    buffer->open(QIODevice::ReadOnly);
    auto item = std::make_unique<Item>();
    item->name = name;
    item->body = std::move(buffer);
    return start(std::move(item), error);
}

bool AttachmentBar::start(std::unique_ptr<Item> item, QString *error)
{
    if (count() >= MaxFiles) {
        *error = tr("A message carries at most %n file(s).", nullptr, MaxFiles);
        return false;
    }
    if (item->body->size() > MaxBytes) {
        *error = tr("%1 is too large: a file may have at most %2.")
                     .arg(item->name, QLocale().formattedDataSize(MaxBytes));
        return false;
    }
    item->transfer = new FileTransfer(m_client, this);
    if (!item->transfer->upload(m_room, item->name, item->body.get())) {
        delete item->transfer;
        *error = tr("Files can be sent only when signed in with an account.");
        return false;
    }
    item->row = new QWidget(this);
    auto *rowLayout = new QHBoxLayout(item->row);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(item->row);
    label->setTextFormat(Qt::PlainText); // a file's name is whatever it is called
    label->setText(tr("%1 (%2)", "a file's name and size")
                       .arg(item->name, QLocale().formattedDataSize(item->body->size())));
    label->setMinimumWidth(80);
    item->bar = new QProgressBar(item->row);
    item->bar->setRange(0, 1000);
    item->bar->setValue(0);
    item->bar->setTextVisible(false);
    item->bar->setMaximumHeight(12);
    item->cancel = new QToolButton(item->row);
    item->cancel->setText(u"×"_s);
    item->cancel->setAutoRaise(true);
    item->cancel->setToolTip(tr("Cancel this file"));
    item->cancel->setAccessibleName(tr("Cancel %1").arg(item->name));
    rowLayout->addWidget(label, 1);
    rowLayout->addWidget(item->bar, 1);
    rowLayout->addWidget(item->cancel);
    m_layout->addWidget(item->row);

    Item *raw = item.get();
    connect(raw->transfer, &FileTransfer::progress, raw->bar, [raw](qint64 done, qint64 total) {
        if (total > 0)
            raw->bar->setValue(int(done * 1000 / total));
    });
    connect(raw->transfer, &FileTransfer::finished, this,
            [this, raw](const FileTransfer::Result &result) {
                if (result.canceled)
                    return; // remove() is under way
                if (!result.ok) {
                    const QString name = raw->name;
                    remove(raw);
                    Q_EMIT failed(name, result.error);
                    return;
                }
                raw->file = result.file;
                raw->bar->setValue(1000);
                raw->cancel->setToolTip(tr("Take this file off the message"));
                finished(raw);
            });
    connect(raw->cancel, &QToolButton::clicked, this, [this, raw] { remove(raw); });
    m_items.push_back(std::move(item));
    show();
    Q_EMIT changed();
    return true;
}

void AttachmentBar::remove(Item *item)
{
    const auto it = std::find_if(m_items.begin(), m_items.end(),
                                 [item](const auto &owned) { return owned.get() == item; });
    if (it == m_items.end())
        return;
    std::unique_ptr<Item> taken = std::move(*it);
    m_items.erase(it);
    if (taken->transfer->isRunning())
        taken->transfer->cancel();
    taken->transfer->deleteLater();
    taken->row->deleteLater();
    // The body goes after the transfer, which may still read it until it is deleted.
    connect(taken->transfer, &QObject::destroyed, [body = taken->body.release()] { delete body; });
    if (m_items.empty())
        hide();
    Q_EMIT changed();
    if (!m_items.empty() && !isUploading())
        Q_EMIT allUploaded();
}

void AttachmentBar::finished(Item *)
{
    if (!isUploading())
        Q_EMIT allUploaded();
}

bool AttachmentBar::isUploading() const
{
    return std::any_of(m_items.cbegin(), m_items.cend(),
                       [](const auto &item) { return !item->file.has_value(); });
}

QList<protocol::Attachment> AttachmentBar::uploaded() const
{
    QList<protocol::Attachment> files;
    for (const auto &item : m_items) {
        if (item->file)
            files.append(*item->file);
    }
    return files;
}

QStringList AttachmentBar::names() const
{
    QStringList names;
    for (const auto &item : m_items)
        names.append(item->name);
    return names;
}

QProgressBar *AttachmentBar::progressBar(int i) const
{
    return i >= 0 && i < count() ? m_items.at(size_t(i))->bar : nullptr;
}

QToolButton *AttachmentBar::cancelButton(int i) const
{
    return i >= 0 && i < count() ? m_items.at(size_t(i))->cancel : nullptr;
}

void AttachmentBar::clear()
{
    while (!m_items.empty())
        remove(m_items.back().get());
}

} // namespace sori::chat
