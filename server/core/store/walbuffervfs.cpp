// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/store/walbuffervfs.h"

#include <QtCore/QUrl>

#include <sqlite3.h>

#include <atomic>
#include <cstring>
#include <mutex>
#include <vector>

namespace sori::server {

namespace {

constexpr const char *VfsName = "sori-wal-buffer";
// The unix VFS writes at most 0x1ffff bytes per call (seekAndWriteFd masks the length): 31 log
// frames of 4 KiB pages. A bigger commit goes out in several writes.
constexpr int BufferCapacity = 0x1ffff;

std::atomic<quint64> g_writeCalls{0};
sqlite3_vfs g_vfs;
sqlite3_vfs *g_base = nullptr;

// Our file object; the wrapped VFS's own follows it in the same allocation (szOsFile).
struct BufferedFile
{
    sqlite3_file base;
    sqlite3_file *real;
    bool buffered; // the write-ahead log: its writes are gathered
    char *buffer;
    sqlite3_int64 start; // the file offset of buffer[0]
    int length;
    // A database file and the log its connection opened for it, linked both ways.
    const char *databaseName; // as SQLite passed it to xOpen: the pager's own string
    BufferedFile *log;
    BufferedFile *database;
};

// Open database files, to find the one a log belongs to.
std::mutex g_filesMutex;
std::vector<BufferedFile *> g_databases;

BufferedFile *cast(sqlite3_file *file)
{
    return reinterpret_cast<BufferedFile *>(file);
}

int writeReal(BufferedFile *file, const void *data, int amount, sqlite3_int64 offset)
{
    g_writeCalls.fetch_add(1, std::memory_order_relaxed);
    return file->real->pMethods->xWrite(file->real, data, amount, offset);
}

// Writes what the buffer holds; the buffer is empty afterwards even if the write failed (SQLite
// then rolls the transaction back and writes those frames again, or the log ends before them).
int flush(BufferedFile *file)
{
    if (file->length == 0)
        return SQLITE_OK;
    const int result = writeReal(file, file->buffer, file->length, file->start);
    file->length = 0;
    return result;
}

int xClose(sqlite3_file *f)
{
    BufferedFile *file = cast(f);
    const int flushed = flush(file);
    {
        std::lock_guard lock(g_filesMutex);
        if (file->database)
            file->database->log = nullptr;
        if (file->log)
            file->log->database = nullptr;
        std::erase(g_databases, file);
    }
    sqlite3_free(file->buffer);
    file->buffer = nullptr;
    int result = SQLITE_OK;
    if (file->real->pMethods)
        result = file->real->pMethods->xClose(file->real);
    return flushed != SQLITE_OK ? flushed : result;
}

int xRead(sqlite3_file *f, void *data, int amount, sqlite3_int64 offset)
{
    BufferedFile *file = cast(f);
    if (const int result = flush(file); result != SQLITE_OK)
        return result;
    return file->real->pMethods->xRead(file->real, data, amount, offset);
}

int xWrite(sqlite3_file *f, const void *data, int amount, sqlite3_int64 offset)
{
    BufferedFile *file = cast(f);
    if (!file->buffered)
        return writeReal(file, data, amount, offset);
    const bool follows = file->length > 0 && offset == file->start + file->length;
    if (!follows || file->length + amount > BufferCapacity) {
        if (const int result = flush(file); result != SQLITE_OK)
            return result;
    }
    if (amount > BufferCapacity)
        return writeReal(file, data, amount, offset);
    if (!file->buffer) {
        file->buffer = static_cast<char *>(sqlite3_malloc(BufferCapacity));
        if (!file->buffer)
            return writeReal(file, data, amount, offset);
    }
    if (file->length == 0)
        file->start = offset;
    std::memcpy(file->buffer + file->length, data, size_t(amount));
    file->length += amount;
    return SQLITE_OK;
}

int xTruncate(sqlite3_file *f, sqlite3_int64 size)
{
    BufferedFile *file = cast(f);
    if (const int result = flush(file); result != SQLITE_OK)
        return result;
    return file->real->pMethods->xTruncate(file->real, size);
}

int xSync(sqlite3_file *f, int flags)
{
    BufferedFile *file = cast(f);
    if (const int result = flush(file); result != SQLITE_OK)
        return result;
    return file->real->pMethods->xSync(file->real, flags);
}

int xFileSize(sqlite3_file *f, sqlite3_int64 *size)
{
    BufferedFile *file = cast(f);
    if (const int result = flush(file); result != SQLITE_OK)
        return result;
    return file->real->pMethods->xFileSize(file->real, size);
}

int xLock(sqlite3_file *f, int level)
{
    return cast(f)->real->pMethods->xLock(cast(f)->real, level);
}

int xUnlock(sqlite3_file *f, int level)
{
    return cast(f)->real->pMethods->xUnlock(cast(f)->real, level);
}

int xCheckReservedLock(sqlite3_file *f, int *reserved)
{
    return cast(f)->real->pMethods->xCheckReservedLock(cast(f)->real, reserved);
}

int xFileControl(sqlite3_file *f, int op, void *argument)
{
    BufferedFile *file = cast(f);
    // Some controls look at or change the file (size hints, chunk sizes): the file comes first.
    if (const int result = flush(file); result != SQLITE_OK)
        return result;
    return file->real->pMethods->xFileControl(file->real, op, argument);
}

int xSectorSize(sqlite3_file *f)
{
    return cast(f)->real->pMethods->xSectorSize(cast(f)->real);
}

int xDeviceCharacteristics(sqlite3_file *f)
{
    return cast(f)->real->pMethods->xDeviceCharacteristics(cast(f)->real);
}

// Shared memory (the wal-index) and memory mapping belong to the database file: passed on.
int xShmMap(sqlite3_file *f, int region, int size, int extend, void volatile **memory)
{
    sqlite3_file *real = cast(f)->real;
    if (real->pMethods->iVersion < 2)
        return SQLITE_IOERR_SHMMAP;
    return real->pMethods->xShmMap(real, region, size, extend, memory);
}

int xShmLock(sqlite3_file *f, int offset, int count, int flags)
{
    // A connection takes and drops its locks on the wal-index around every transaction. What its
    // log still buffers then was never committed (a commit flushes at its sync): frames of a
    // transaction that spilled and then rolled back. Written now, while this connection may
    // still hold the write lock, they cannot land on top of another connection's later commit
    // in the same place, as they could if they waited for this connection's next call.
    if (BufferedFile *log = cast(f)->log)
        flush(log);
    sqlite3_file *real = cast(f)->real;
    if (real->pMethods->iVersion < 2)
        return SQLITE_IOERR_SHMLOCK;
    return real->pMethods->xShmLock(real, offset, count, flags);
}

void xShmBarrier(sqlite3_file *f)
{
    sqlite3_file *real = cast(f)->real;
    if (real->pMethods->iVersion >= 2)
        real->pMethods->xShmBarrier(real);
}

int xShmUnmap(sqlite3_file *f, int deleteFlag)
{
    sqlite3_file *real = cast(f)->real;
    if (real->pMethods->iVersion < 2)
        return SQLITE_OK;
    return real->pMethods->xShmUnmap(real, deleteFlag);
}

int xFetch(sqlite3_file *f, sqlite3_int64 offset, int amount, void **pointer)
{
    BufferedFile *file = cast(f);
    *pointer = nullptr;
    if (file->real->pMethods->iVersion < 3)
        return SQLITE_OK; // no mapping: SQLite reads instead
    if (const int result = flush(file); result != SQLITE_OK)
        return result;
    return file->real->pMethods->xFetch(file->real, offset, amount, pointer);
}

int xUnfetch(sqlite3_file *f, sqlite3_int64 offset, void *pointer)
{
    sqlite3_file *real = cast(f)->real;
    if (real->pMethods->iVersion < 3)
        return SQLITE_OK;
    return real->pMethods->xUnfetch(real, offset, pointer);
}

const sqlite3_io_methods g_methods = {
    3,
    xClose,
    xRead,
    xWrite,
    xTruncate,
    xSync,
    xFileSize,
    xLock,
    xUnlock,
    xCheckReservedLock,
    xFileControl,
    xSectorSize,
    xDeviceCharacteristics,
    xShmMap,
    xShmLock,
    xShmBarrier,
    xShmUnmap,
    xFetch,
    xUnfetch,
};

int xOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *f, int flags, int *outFlags)
{
    BufferedFile *file = cast(f);
    file->real = reinterpret_cast<sqlite3_file *>(file + 1);
    file->buffered = false;
    file->buffer = nullptr;
    file->start = 0;
    file->length = 0;
    file->databaseName = nullptr;
    file->log = nullptr;
    file->database = nullptr;
    const int result = g_base->xOpen(g_base, name, file->real, flags, outFlags);
    // SQLite calls xClose only when pMethods is set; the wrapped VFS sets its own on success.
    file->base.pMethods = file->real->pMethods ? &g_methods : nullptr;
    if (result != SQLITE_OK || !file->base.pMethods || !name)
        return result;
    std::lock_guard lock(g_filesMutex);
    if (flags & SQLITE_OPEN_MAIN_DB) {
        file->databaseName = name;
        g_databases.push_back(file);
    } else if (flags & SQLITE_OPEN_WAL) {
        // A log's name sits in the same allocation as its database's (the pager's), which
        // sqlite3_filename_database finds; a log whose database is not found is not buffered.
        const char *databaseName = sqlite3_filename_database(name);
        for (BufferedFile *database : g_databases) {
            if (database->databaseName == databaseName && !database->log) {
                database->log = file;
                file->database = database;
                file->buffered = true;
                break;
            }
        }
    }
    return result;
}

// The rest is the wrapped VFS's.
int xDelete(sqlite3_vfs *, const char *name, int syncDirectory)
{
    return g_base->xDelete(g_base, name, syncDirectory);
}
int xAccess(sqlite3_vfs *, const char *name, int flags, int *result)
{
    return g_base->xAccess(g_base, name, flags, result);
}
int xFullPathname(sqlite3_vfs *, const char *name, int size, char *out)
{
    return g_base->xFullPathname(g_base, name, size, out);
}
void *xDlOpen(sqlite3_vfs *, const char *name)
{
    return g_base->xDlOpen(g_base, name);
}
void xDlError(sqlite3_vfs *, int size, char *message)
{
    g_base->xDlError(g_base, size, message);
}
void (*xDlSym(sqlite3_vfs *, void *handle, const char *symbol))(void)
{
    return g_base->xDlSym(g_base, handle, symbol);
}
void xDlClose(sqlite3_vfs *, void *handle)
{
    g_base->xDlClose(g_base, handle);
}
int xRandomness(sqlite3_vfs *, int size, char *out)
{
    return g_base->xRandomness(g_base, size, out);
}
int xSleep(sqlite3_vfs *, int microseconds)
{
    return g_base->xSleep(g_base, microseconds);
}
int xCurrentTime(sqlite3_vfs *, double *now)
{
    return g_base->xCurrentTime(g_base, now);
}
int xGetLastError(sqlite3_vfs *, int size, char *out)
{
    return g_base->xGetLastError ? g_base->xGetLastError(g_base, size, out) : 0;
}
int xCurrentTimeInt64(sqlite3_vfs *, sqlite3_int64 *now)
{
    if (g_base->iVersion >= 2 && g_base->xCurrentTimeInt64)
        return g_base->xCurrentTimeInt64(g_base, now);
    double days = 0;
    const int result = g_base->xCurrentTime(g_base, &days);
    *now = sqlite3_int64(days * 86'400'000.0);
    return result;
}

} // namespace

const char *WalBufferVfs::name()
{
    return VfsName;
}

bool WalBufferVfs::ensureRegistered()
{
    static std::once_flag once;
    static bool registered = false;
    std::call_once(once, [] {
        if (sqlite3_initialize() != SQLITE_OK)
            return;
        g_base = sqlite3_vfs_find(nullptr);
        if (!g_base)
            return;
        g_vfs = sqlite3_vfs{};
        g_vfs.iVersion = 2;
        g_vfs.szOsFile = int(sizeof(BufferedFile)) + g_base->szOsFile;
        g_vfs.mxPathname = g_base->mxPathname;
        g_vfs.zName = VfsName;
        g_vfs.xOpen = xOpen;
        g_vfs.xDelete = xDelete;
        g_vfs.xAccess = xAccess;
        g_vfs.xFullPathname = xFullPathname;
        g_vfs.xDlOpen = xDlOpen;
        g_vfs.xDlError = xDlError;
        g_vfs.xDlSym = xDlSym;
        g_vfs.xDlClose = xDlClose;
        g_vfs.xRandomness = xRandomness;
        g_vfs.xSleep = xSleep;
        g_vfs.xCurrentTime = xCurrentTime;
        g_vfs.xGetLastError = xGetLastError;
        g_vfs.xCurrentTimeInt64 = xCurrentTimeInt64;
        registered = sqlite3_vfs_register(&g_vfs, 0) == SQLITE_OK;
    });
    return registered;
}

QString WalBufferVfs::uriFor(const QString &path)
{
    // file:///path?vfs=...: every character SQLite's URI parser treats specially is escaped.
    return QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded) + QStringLiteral("?vfs=")
        + QLatin1StringView(VfsName);
}

quint64 WalBufferVfs::writeCalls()
{
    return g_writeCalls.load(std::memory_order_relaxed);
}

} // namespace sori::server
