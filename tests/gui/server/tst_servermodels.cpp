// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The server window's models, fed by hand-made snapshots: rows come, change and go with the
// right signals (never a reset), under QAbstractItemModelTester.

#include "gui/connectionmodel.h"
#include "gui/logmodel.h"
#include "gui/roommodel.h"
#include "gui/statshistory.h"

#include <QtCore/QScopeGuard>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace sori::server;
using namespace sori::server::gui;
using sori::protocol::ClientKind;
using sori::protocol::Role;
using sori::protocol::RoomKind;

class tst_ServerModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void connectionsComeChangeAndGo();
    void aUserWithSeveralConnectionsIsOneUser();
    void roomsShowMembersAndMessages();
    void roomMembersFollowTheRoom();
    void logIsCappedAndFiltered();
    void logTimesAreLocalInTheUiLanguage();
    void statsTurnTotalsIntoRates();
};

namespace {
ConnectionView connection(quint64 session, const QString &name, ClientKind kind,
                          Role role = Role::Guest)
{
    ConnectionView view;
    view.session = session;
    view.name = name;
    view.kind = kind;
    view.role = role;
    view.address = u"127.0.0.1"_s;
    view.rooms = {u"lobby"_s};
    view.connectedAt = 1'764'000'000'000;
    return view;
}

QStringList column(const QAbstractItemModel &model, int column, int role = Qt::DisplayRole)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values.append(model.data(model.index(row, column), role).toString());
    return values;
}
} // namespace

void tst_ServerModels::connectionsComeChangeAndGo()
{
    ConnectionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    QList<ConnectionView> views{connection(1, u"ana"_s, ClientKind::Desktop, Role::Member),
                                connection(2, u"bo"_s, ClientKind::Web),
                                connection(3, u"guest-1"_s, ClientKind::Plain)};
    model.update(views);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(column(model, ConnectionModel::Name), (QStringList{u"ana"_s, u"bo"_s, u"guest-1"_s}));
    QCOMPARE(column(model, ConnectionModel::Client),
             (QStringList{u"desktop"_s, u"web"_s, u"plain"_s}));
    QCOMPARE(column(model, ConnectionModel::Role),
             (QStringList{u"member"_s, u"guest"_s, u"guest"_s}));
    QCOMPARE(model.data(model.index(0, ConnectionModel::RoundTrip)).toString(), u"–"_s);
    QCOMPARE(inserted.size(), 1);

    // The same snapshot again changes nothing.
    model.update(views);
    QCOMPARE(changed.size(), 0);

    // bo sends messages and gets a round trip: only bo's row changes.
    views[1].messagesSent = 12;
    views[1].rttMs = 3;
    views[1].queuedBytes = 2048;
    model.update(views);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
    QCOMPARE(model.data(model.index(1, ConnectionModel::Messages)).toString(), u"12"_s);
    QCOMPARE(model.data(model.index(1, ConnectionModel::RoundTrip)).toString(), u"3 ms"_s);
    QCOMPARE(
        model.data(model.index(1, ConnectionModel::Queue), ConnectionModel::SortRole).toLongLong(),
        2048);

    // bo leaves: its row goes, the others stay where they were.
    views.removeAt(1);
    model.update(views);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(column(model, ConnectionModel::Name), (QStringList{u"ana"_s, u"guest-1"_s}));
    QCOMPARE(model.rowOfSession(2), -1);
    QCOMPARE(model.rowOfSession(3), 1);

    // Everyone leaves and two come: removals and an insertion.
    model.update({connection(7, u"cy"_s, ClientKind::Other)});
    QCOMPARE(column(model, ConnectionModel::Name), (QStringList{u"cy"_s}));
    QCOMPARE(model.data(model.index(0, ConnectionModel::Client)).toString(), u"other"_s);
    QCOMPARE(resets.size(), 0);
}

void tst_ServerModels::aUserWithSeveralConnectionsIsOneUser()
{
    ConnectionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update({connection(1, u"mina"_s, ClientKind::Desktop, Role::Member),
                  connection(2, u"jun"_s, ClientKind::Web, Role::Member)});
    QCOMPARE(model.data(model.index(0, 0), ConnectionModel::UserConnectionsRole).toInt(), 1);

    // mina also signs in from a browser: both of her rows say so.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.update({connection(1, u"mina"_s, ClientKind::Desktop, Role::Member),
                  connection(2, u"jun"_s, ClientKind::Web, Role::Member),
                  connection(3, u"Mina"_s, ClientKind::Web, Role::Member)});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.data(model.index(0, 0), ConnectionModel::UserConnectionsRole).toInt(), 2);
    QCOMPARE(model.data(model.index(1, 0), ConnectionModel::UserConnectionsRole).toInt(), 1);
    QCOMPARE(model.data(model.index(2, 0), ConnectionModel::UserConnectionsRole).toInt(), 2);
    QCOMPARE(changed.size(), 1); // mina's first row learnt of the second
    QVERIFY(model.data(model.index(0, 0), Qt::ToolTipRole).toString().contains(u"2"_s));
}

void tst_ServerModels::roomsShowMembersAndMessages()
{
    RoomModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    RoomView lobby{u"lobby"_s, RoomKind::Public, {}, {u"ana"_s, u"bo"_s}, -1,
                   41,         1'764'000'000'000};
    RoomView team{u"team"_s, RoomKind::Private, u"the team"_s, {u"ana"_s}, 3, 0, 0};
    model.update({lobby, team});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(column(model, RoomModel::Name), (QStringList{u"lobby"_s, u"team"_s}));
    QCOMPARE(column(model, RoomModel::Kind), (QStringList{u"public"_s, u"private"_s}));
    QCOMPARE(column(model, RoomModel::Members), (QStringList{u"2 online"_s, u"1 online / 3"_s}));
    QCOMPARE(column(model, RoomModel::Messages), (QStringList{u"41"_s, u"0"_s}));
    QCOMPARE(model.data(model.index(1, RoomModel::LastActivity)).toString(), u"–"_s);
    QCOMPARE(model.data(model.index(1, 0), Qt::ToolTipRole).toString(), u"the team"_s);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    lobby.online.append(u"cy"_s);
    lobby.messages = 42;
    model.update({lobby, team});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.data(model.index(0, 0), RoomModel::OnlineCountRole).toInt(), 3);
    QCOMPARE(model.data(model.index(0, RoomModel::Messages)).toString(), u"42"_s);
    model.update({team});
    QCOMPARE(removed.size(), 1);
    QCOMPARE(model.rowOfRoom(u"team"_s), 0);
    QCOMPARE(model.rowOfRoom(u"lobby"_s), -1);
}

void tst_ServerModels::roomMembersFollowTheRoom()
{
    RoomMemberModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMembers(u"lobby"_s, {u"ana"_s, u"bo"_s});
    QCOMPARE(column(model, 0), (QStringList{u"ana"_s, u"bo"_s}));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setMembers(u"lobby"_s, {u"bo"_s, u"cy"_s});
    QCOMPARE(column(model, 0), (QStringList{u"bo"_s, u"cy"_s}));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(resets.size(), 0);
    model.setMembers(u"team"_s, {u"dan"_s});
    QCOMPARE(model.room(), u"team"_s);
    QCOMPARE(column(model, 0), (QStringList{u"dan"_s}));
}

void tst_ServerModels::logIsCappedAndFiltered()
{
    LogModel model(3);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<LogRecord> records;
    const QtMsgType levels[] = {QtDebugMsg, QtInfoMsg, QtWarningMsg, QtInfoMsg, QtCriticalMsg};
    for (int i = 1; i <= 5; ++i)
        records.append(LogRecord{i, 1'764'000'000'000 + i, levels[i - 1],
                                 i % 2 ? u"sori.server.net"_s : u"sori.server.hub"_s,
                                 u"event %1"_s.arg(i)});
    model.append(records.mid(0, 2));
    QCOMPARE(model.rowCount(), 2);
    model.append(records); // the first two again: not repeated
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(column(model, LogModel::Message),
             (QStringList{u"event 3"_s, u"event 4"_s, u"event 5"_s}));
    QCOMPARE(column(model, LogModel::Level), (QStringList{u"warning"_s, u"info"_s, u"critical"_s}));
    QCOMPARE(model.lastSeq(), 5);

    LogFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester filterTester(&filter,
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setMinimumSeverity(2);
    QCOMPARE(column(filter, LogModel::Message), (QStringList{u"event 3"_s, u"event 5"_s}));
    filter.setMinimumSeverity(0);
    filter.setText(u"HUB"_s);
    QCOMPARE(column(filter, LogModel::Message), (QStringList{u"event 4"_s}));
    filter.setText(u"event 5"_s);
    QCOMPARE(column(filter, LogModel::Message), (QStringList{u"event 5"_s}));

    // The buffer the models read keeps the newest records, in order.
    LogBuffer buffer(4);
    for (int i = 0; i < 10; ++i)
        buffer.append(LogRecord{0, 0, QtInfoMsg, u"sori.server"_s, u"line %1"_s.arg(i)});
    const QList<LogRecord> kept = buffer.since(0);
    QCOMPARE(kept.size(), 4);
    QCOMPARE(kept.first().message, u"line 6"_s);
    QCOMPARE(kept.last().seq, 10);
    QCOMPARE(buffer.since(9).size(), 1);
}

// Issue 21: the live log showed its times as "14:02:40.123" whatever the language, and the ends of
// bans and mutes in the server's lines as raw UTC ("until 2026-12-06T14:02:40Z"). Both are local
// time in the UI language now.
void tst_ServerModels::logTimesAreLocalInTheUiLanguage()
{
    const QLocale before;
    const auto restore = qScopeGuard([&] { QLocale::setDefault(before); });
    const QDateTime at(QDate(2026, 12, 6), QTime(14, 2, 40)); // local time
    const QString utc = at.toUTC().toString(Qt::ISODate);
    QVERIFY(utc.endsWith(u'Z'));
    LogModel model(10);
    model.append(
        {LogRecord{1, at.toMSecsSinceEpoch(), QtInfoMsg, u"sori.server.hub"_s,
                   u"moderation: \"server\" \"mute\" \"bo\" \"\" \"until %1\""_s.arg(utc)}});

    QLocale::setDefault(QLocale(u"en_US"_s));
    QCOMPARE(model.data(model.index(0, LogModel::Time)).toString(), u"2:02:40 PM"_s);
    const QString english = model.data(model.index(0, LogModel::Message)).toString();
    QVERIFY2(!english.contains(utc), qPrintable(english));
    QVERIFY2(english.contains(u"until "_s + QLocale().toString(at, QLocale::ShortFormat)),
             qPrintable(english));
    QVERIFY(
        !model.data(model.index(0, LogModel::Message), Qt::ToolTipRole).toString().contains(utc));

    QLocale::setDefault(QLocale(u"ko_KR"_s));
    const QString time = model.data(model.index(0, LogModel::Time)).toString();
    QVERIFY2(time.contains(u"오후"_s) && time.contains(u"40"_s), qPrintable(time));
    const QString korean = model.data(model.index(0, LogModel::Message)).toString();
    QVERIFY2(korean.contains(QLocale().toString(at, QLocale::ShortFormat)), qPrintable(korean));
    QVERIFY2(korean.contains(u"오후"_s), qPrintable(korean));
}

void tst_ServerModels::statsTurnTotalsIntoRates()
{
    StatsHistory history(3, 1000);
    MonitorSnapshot snapshot;
    snapshot.takenAt = 10'000;
    snapshot.totals = {100, 1000, 5};
    QVERIFY(!history.add(snapshot)); // the first one only sets the start
    snapshot.takenAt = 10'500;
    QVERIFY(!history.add(snapshot)); // too soon for a sample
    snapshot.takenAt = 12'000;
    snapshot.totals = {300, 5000, 6};
    snapshot.connections = {connection(1, u"ana"_s, ClientKind::Web)};
    QVERIFY(history.add(snapshot));
    QCOMPARE(history.samples().size(), 1);
    QCOMPARE(history.samples().first().messagesInPerSecond, 100.0);
    QCOMPARE(history.samples().first().deliveriesOutPerSecond, 2000.0);
    QCOMPARE(history.samples().first().connections, 1);
    for (int i = 1; i <= 4; ++i) {
        snapshot.takenAt += 1000;
        QVERIFY(history.add(snapshot));
    }
    QCOMPARE(history.samples().size(), 3); // capped
    QCOMPARE(history.samples().last().messagesInPerSecond, 0.0);
}

QTEST_MAIN(tst_ServerModels)
#include "tst_servermodels.moc"
