// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtWidgets/QDialog>

class QLabel;
class QScrollArea;

namespace sori::chat {

// An attached image, whole: "Loading…" until its bytes are here, then the image at its size
// (scrolled when larger than the window), or why it could not be shown. Esc closes it.
class ImageViewer : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImageViewer)

public:
    explicit ImageViewer(const QString &name, QWidget *parent = nullptr);

    void setImageData(const QByteArray &data);
    void setError(const QString &error);
    // What is shown: the image once it decoded (null before).
    QImage image() const { return m_image; }
    QString message() const; // "Loading…", or the error

private:
    QLabel *m_label;
    QScrollArea *m_scroll;
    QImage m_image;
};

} // namespace sori::chat
