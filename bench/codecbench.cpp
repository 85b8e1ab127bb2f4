// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
//
// sori-codecbench: the JSON codec's hot paths, QJsonDocument (the reference code) against the
// hand-written code (issue 5). Not run in CI.
//
//   sori-codecbench [message|joined|decode|all] [scale]
//
// scale multiplies the iteration counts (default 1; use a small one under valgrind).
#include "protocol/messagecodec.h"
#include "protocol/messagecodec_p.h"
#include "tests/support/referencecodec/referencecodec.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QStringList>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace sori::protocol;

namespace {

volatile qsizetype sink; // keeps the results alive

template<typename Function>
double nanosecondsPerOp(qint64 iterations, Function function)
{
    qsizetype total = 0;
    QElapsedTimer timer;
    timer.start();
    for (qint64 i = 0; i < iterations; ++i)
        total += function();
    const qint64 elapsed = timer.nsecsElapsed();
    sink = total;
    return double(elapsed) / double(iterations);
}

void report(const char *name, qint64 iterations, double oldNs, double newNs)
{
    std::printf("%-28s %9lld ops   old %10.1f ns/op   new %10.1f ns/op   old/new %6.2fx\n", name,
                static_cast<long long>(iterations), oldNs, newNs, oldNs / newNs);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString which = args.size() > 1 ? args.at(1) : u"all"_s;
    const double scale = args.size() > 2 ? args.at(2).toDouble() : 1.0;
    const auto count = [scale](qint64 n) { return qMax<qint64>(1, qint64(double(n) * scale)); };

    // A typical chat message: a short line of ASCII in the lobby.
    const ServerMessage message = MessageEvent{
        u"lobby"_s,    123456,
        u"mina"_s,     u"Are we still on for the release review at 3pm? I'll bring the notes."_s,
        1764100000000, u"c1a2b3c4-0007"_s};
    Joined joined{u"r2"_s, u"lobby"_s, 123456, {}, RoomKind::Public, u"General chat"_s};
    for (int i = 0; i < 1000; ++i)
        joined.members.append(
            Member{i % 3 == 0 ? u"guest-%1"_s.arg(i) : u"user%1"_s.arg(i), ClientKind(i % 4)});
    const ServerMessage joinedMessage = joined;
    const QByteArray sendFrame =
        R"({"type":"send","id":"c1a2b3c4-0007","room":"lobby","text":"Are we still on for the release review at 3pm? I'll bring the notes.","msgId":"c1a2b3c4-0007"})"_ba;

    // The two must agree, or the figures mean nothing.
    if (MessageCodec::encode(message) != reference::encode(message)
        || MessageCodec::encode(joinedMessage) != reference::encode(joinedMessage)
        || !(MessageCodec::decodeClientMessage(sendFrame).message()
             == detail::decodeClientMessageWithQJsonDocument(sendFrame).message())) {
        std::fprintf(stderr, "old and new code disagree\n");
        return 1;
    }

    if (which == "all"_L1 || which == "message"_L1) {
        const qint64 n = count(200000);
        const double oldNs = nanosecondsPerOp(n, [&] { return reference::encode(message).size(); });
        const double newNs =
            nanosecondsPerOp(n, [&] { return MessageCodec::encode(message).size(); });
        report("encode message event", n, oldNs, newNs);
    }
    if (which == "all"_L1 || which == "joined"_L1) {
        const qint64 n = count(500);
        const double oldNs =
            nanosecondsPerOp(n, [&] { return reference::encode(joinedMessage).size(); });
        const double newNs =
            nanosecondsPerOp(n, [&] { return MessageCodec::encode(joinedMessage).size(); });
        report("encode joined, 1000 members", n, oldNs, newNs);
    }
    if (which == "all"_L1 || which == "decode"_L1) {
        const qint64 n = count(200000);
        const double oldNs = nanosecondsPerOp(n, [&] {
            return qsizetype(detail::decodeClientMessageWithQJsonDocument(sendFrame).ok());
        });
        const double newNs = nanosecondsPerOp(
            n, [&] { return qsizetype(MessageCodec::decodeClientMessage(sendFrame).ok()); });
        report("decode send frame", n, oldNs, newNs);
    }
    return 0;
}
