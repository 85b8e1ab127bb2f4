// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chat/thumbnailer.h"

#include <QtCore/QBuffer>
#include <QtGui/QImage>
#include <QtGui/QImageReader>

using namespace Qt::StringLiterals;

namespace sori::server {

Thumbnailer::Result Thumbnailer::make(const QString &path, qint64 maxPixels)
{
    Result result;
    QImageReader reader(path);
    // A limit of the reader's own, not the process-wide default: at 4 bytes a pixel, what
    // maxPixels allows and not a byte more.
    reader.setAllocationLimit(int(qMin<qint64>((maxPixels * 4 >> 20) + 1, 1 << 30)));
    // The format from the content: the name proves nothing.
    reader.setDecideFormatFromContent(true);
    const QSize declared = reader.size();
    if (!declared.isValid() || declared.isEmpty()) {
        result.refusal = u"not an image Qt reads: "_s + reader.errorString();
        return result;
    }
    if (qint64(declared.width()) * declared.height() > maxPixels) {
        result.refusal =
            u"declares %1 x %2 pixels, more than files/max-image-pixels"_s.arg(declared.width())
                .arg(declared.height());
        return result;
    }
    // JPEG decodes straight to the smaller size when asked to; the others decode whole (within
    // the limit above) and are scaled after.
    const QSize target = declared.scaled(MaxSide, MaxSide, Qt::KeepAspectRatio);
    if (declared.width() > MaxSide || declared.height() > MaxSide)
        reader.setScaledSize(target.expandedTo(QSize(1, 1)));
    QImage image = reader.read();
    if (image.isNull()) {
        result.refusal = u"cannot be decoded: "_s + reader.errorString();
        return result;
    }
    if (image.width() > MaxSide || image.height() > MaxSide)
        image = image.scaled(MaxSide, MaxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    result.width = declared.width();
    result.height = declared.height();
    QBuffer buffer(&result.png);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG")) {
        result.png.clear();
        result.refusal = u"cannot encode its thumbnail"_s;
    }
    return result;
}

} // namespace sori::server
