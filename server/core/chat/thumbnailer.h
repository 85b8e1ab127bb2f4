// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>

namespace sori::server {

// Reads an uploaded image and makes its thumbnail: at most MaxSide pixels on its longer side,
// as PNG. Runs on the file service's thumbnail thread, never on a worker or the hub: decoding
// costs tens of milliseconds and megabytes per image.
//
// A decompression bomb (a small file that declares a huge image) is refused before it is
// decoded: the declared size is checked against maxPixels, and the reader's allocation limit
// is set from it as well, so that no image format plugin allocates more whatever it declares.
class Thumbnailer
{
public:
    static constexpr int MaxSide = 320;

    struct Result
    {
        int width = 0; // of the image; 0: not read (not an image, or refused)
        int height = 0;
        QByteArray png; // the thumbnail; empty: none
        QString refusal; // why none, for the log
    };
    static Result make(const QString &path, qint64 maxPixels);
};

} // namespace sori::server
