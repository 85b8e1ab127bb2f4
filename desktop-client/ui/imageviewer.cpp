// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/imageviewer.h"

#include <QtCore/QBuffer>
#include <QtGui/QImageReader>
#include <QtGui/QPixmap>
#include <QtGui/QScreen>
#include <QtWidgets/QLabel>
#include <QtWidgets/QScrollArea>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sori::chat {

ImageViewer::ImageViewer(const QString &name, QWidget *parent)
    : QDialog(parent), m_label(new QLabel(this)), m_scroll(new QScrollArea(this))
{
    setObjectName(u"imageViewer"_s);
    setWindowTitle(name);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setAlignment(Qt::AlignCenter);
    m_label->setText(tr("Loading…"));
    m_scroll->setWidget(m_label);
    m_scroll->setWidgetResizable(true);
    m_scroll->setAlignment(Qt::AlignCenter);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_scroll);
    resize(480, 360);
}

void ImageViewer::setImageData(const QByteArray &data)
{
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    m_image = reader.read();
    if (m_image.isNull()) {
        setError(tr("This image cannot be shown (%1).").arg(reader.errorString()));
        return;
    }
    m_label->setPixmap(QPixmap::fromImage(m_image));
    // As large as the image, within most of the screen.
    QSize size = m_image.size() + QSize(4, 4);
    if (const QScreen *screen = this->screen())
        size = size.boundedTo(screen->availableSize() * 0.9);
    resize(size.expandedTo(QSize(200, 150)));
}

void ImageViewer::setError(const QString &error)
{
    m_label->setText(error);
}

QString ImageViewer::message() const
{
    return m_label->text();
}

} // namespace sori::chat
