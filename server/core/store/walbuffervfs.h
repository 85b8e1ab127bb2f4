// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QString>

namespace sori::server {

// An SQLite VFS that wraps the default one and gathers the writes to a write-ahead log into one
// `pwrite` per commit.
//
// SQLite writes each log frame as two calls (a 24-byte header, then the page), and a commit that
// touches one page in each of 50 rooms makes 100 calls. Each costs the kernel its own page-cache
// walk: 132 small writes and a sync took 450 µs of CPU here, one write of the same bytes and a
// sync 170 µs (bench/notes.md finding 11). The buffer holds the log's contiguous writes and goes
// to the file before anything reads, truncates, syncs or closes it.
//
// Only for connections with `synchronous=FULL`: there SQLite syncs the log before it publishes
// a commit to other connections (the wal-index), so they never read past what the file holds.
// With `synchronous=NORMAL` a commit is published without a sync, and another connection could
// look for frames still in this buffer; those connections use the default VFS.
class WalBufferVfs
{
public:
    // The VFS's name for `vfs=` in a URI; registered on first use.
    static const char *name();
    // Registers the VFS (once per process); false if SQLite refused it.
    static bool ensureRegistered();
    // A URI that opens `path` through this VFS (for QSQLITE_OPEN_URI).
    static QString uriFor(const QString &path);

    // Calls that reached the wrapped VFS's write since the process started (all files of this
    // VFS); for tests and benchmarks.
    static quint64 writeCalls();
};

} // namespace sori::server
