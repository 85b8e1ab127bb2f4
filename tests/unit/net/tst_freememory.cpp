// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/net/freememory.h"

#include <QtCore/QFile>
#include <QtTest/QTest>

#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <vector>

// Built twice: linked with jemalloc as sori-server is (tst_freememory_jemalloc) and on glibc's
// malloc (tst_freememory), which the server core must handle too.
class tst_FreeMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runsOnTheMallocItWasBuiltFor();
    void givesAFreedBurstBackToTheSystem();
};

static qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

void tst_FreeMemory::runsOnTheMallocItWasBuiltFor()
{
    // Otherwise the test below could pass twice on the same malloc.
    QCOMPARE(::dlsym(RTLD_DEFAULT, "mallctl") != nullptr, bool(SORI_TEST_JEMALLOC));
}

void tst_FreeMemory::givesAFreedBurstBackToTheSystem()
{
    // Like the buffers of a burst: many small blocks, freed while a few others stay (which keeps
    // glibc from giving back the end of its heap by itself).
    constexpr int Blocks = 300'000;
    constexpr std::size_t Size = 256;
    const qint64 before = residentKiB();
    QVERIFY(before > 0);
    std::vector<char *> blocks;
    std::vector<char *> kept;
    blocks.reserve(Blocks);
    for (int i = 0; i < Blocks; ++i) {
        auto *block = static_cast<char *>(std::malloc(Size));
        QVERIFY(block);
        std::memset(block, i & 0xff, Size);
        if (i % 1000 == 999)
            kept.push_back(block);
        else
            blocks.push_back(block);
    }
    const qint64 peak = residentKiB();
    for (char *block : blocks)
        std::free(block);
    const qint64 freed = residentKiB();
    sori::server::returnFreeMemory();
    const qint64 after = residentKiB();
    for (char *block : kept)
        std::free(block);
    qInfo("resident KiB: %lld before, %lld with the blocks, %lld freed, %lld given back", before,
          peak, freed, after);
    const qint64 grown = peak - before;
    QVERIFY2(grown > 50'000, qPrintable(QString::number(grown))); // about 75 MiB of blocks
    // Freeing alone keeps most of it; giving it back leaves at most a quarter.
    QVERIFY2(after - before < grown / 4, qPrintable(QString::number(after - before)));
}

QTEST_GUILESS_MAIN(tst_FreeMemory)
#include "tst_freememory.moc"
