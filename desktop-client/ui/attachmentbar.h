// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtWidgets/QWidget>

#include <memory>
#include <vector>

class QLabel;
class QProgressBar;
class QToolButton;
class QVBoxLayout;

namespace sori {
class ChatClient;
class FileTransfer;
} // namespace sori

namespace sori::chat {

// The files going with the next message of one room (docs/protocol.md §14), above the
// composer: each uploads at once, over HTTP with the session's token, and shows its name, a
// progress bar and a button that cancels it (or takes it off once up). The message waits for
// them: uploaded() gives what it carries.
class AttachmentBar : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttachmentBar)

public:
    // The most files one message carries (the server's files/max-attachments, by default).
    static constexpr int MaxFiles = 10;
    // The largest file offered (the server's files/max-bytes, by default): larger ones are
    // refused here at once rather than after a wasted upload.
    static constexpr qint64 MaxBytes = qint64(25) << 20;

    AttachmentBar(ChatClient *client, const QString &room, QWidget *parent = nullptr);
    ~AttachmentBar() override;

    QString room() const { return m_room; }
    // Starts uploading a file from disk, or bytes (a pasted image). False, with *error (for
    // people), if it is refused here: too many files, too large, unreadable.
    bool addFile(const QString &path, QString *error);
    bool addData(const QString &name, const QByteArray &data, QString *error);

    int count() const { return int(m_items.size()); }
    bool isUploading() const; // one at least is not up yet
    // The files up, in the order they were added.
    QList<protocol::Attachment> uploaded() const;
    QStringList names() const;
    // For tests and keyboard users: the progress bar and the cancel button of file i.
    QProgressBar *progressBar(int i) const;
    QToolButton *cancelButton(int i) const;
    // Cancels what is still going up and forgets everything (the message was sent).
    void clear();

Q_SIGNALS:
    // Files were added or taken off (count() may be 0).
    void changed();
    // Every file is up (count() > 0).
    void allUploaded();
    // A file could not be uploaded; it is taken off.
    void failed(const QString &name, const QString &error);

private:
    struct Item;
    bool start(std::unique_ptr<Item> item, QString *error);
    void remove(Item *item);
    void finished(Item *item);

    ChatClient *const m_client;
    const QString m_room;
    QVBoxLayout *m_layout;
    std::vector<std::unique_ptr<Item>> m_items;
};

} // namespace sori::chat
