// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Kick, ban, mute and delete: each allowed for the right role and refused for the wrong one,
// checked on the wire and in the database (sanctions, tombstones, the audit log).

#include "core/chat/hub.h"
#include "fixtures.h"

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::protocol;
using namespace sori::test;

class tst_Moderation : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void kick();
    void ban();
    void banAndMuteDurationsAreRangeChecked();
    void mute();
    void deleteLeavesATombstone();
    void deleteFollowsTheRoleOrder_data();
    void deleteFollowsTheRoleOrder();
    void directConversationsAreTheirsAlone();
    void banByAddress();
    void revokeTokens();
    void invitationsTellTheInvitee();
    void announcementsToEveryoneComeOnce();
    void signingOutIsSaidSo();

private:
    std::unique_ptr<RecordingClient> signIn(const QString &name, bool join = true)
    {
        return test::signedIn(url(), name, join ? QStringList{u"lobby"_s} : QStringList{});
    }
};

void tst_Moderation::init()
{
    newDataDir({{u"boss"_s, Role::Admin},
                {u"mod"_s, Role::Moderator},
                {u"mina"_s, Role::Member},
                {u"jun"_s, Role::Member}});
    startServer();
}

void tst_Moderation::cleanup()
{
    m_server.reset();
}

void tst_Moderation::kick()
{
    auto boss = signIn(u"boss"_s);
    auto mod = signIn(u"mod"_s);
    auto mina = signIn(u"mina"_s);
    auto jun = signIn(u"jun"_s);
    QVERIFY(boss && mod && mina && jun);

    // Refused: a member kicks; a moderator kicks an admin. Nobody is disconnected.
    QCOMPARE(errorFor(*mina, mina->client.kick(u"jun"_s))->code, ErrorCode::Forbidden);
    QCOMPARE(errorFor(*mod, mod->client.kick(u"boss"_s))->code, ErrorCode::Forbidden);
    QCOMPARE(errorFor(*mod, mod->client.kick(u"nobody"_s))->code, ErrorCode::NoSuchUser);
    QCOMPARE(jun->disconnects + boss->disconnects, 0);
    QCOMPARE(query(u"SELECT count(*) FROM audit_log"_s).toInt(), 0);

    // Allowed: the moderator kicks a member.
    const QString id = mod->client.kick(u"jun"_s, u"flooding"_s);
    QVERIFY(doneFor(*mod, id));
    QTRY_COMPARE(jun->disconnects, 1);
    QCOMPARE(jun->closeCode, 4001);
    QCOMPARE(jun->closeReason, u"kicked by mod: flooding"_s);
    // Told first, in parts a client can put in its own language (the reason as typed).
    QCOMPARE(jun->sanctions.size(), 1);
    QCOMPARE(jun->sanctions.first(),
             (SanctionEvent{SanctionAction::Kick, u"mod"_s, u"flooding"_s, 0, {}}));
    QCOMPARE(jun->disconnectsBeforeLastSanction, 0);
    QTRY_VERIFY(mina->hasPresence(u"jun"_s, PresenceChange::Left, LeaveReason::Kicked));
    QTRY_COMPARE(query(u"SELECT actor || ' ' || action || ' ' || target || ' ' || detail"
                       " FROM audit_log"_s)
                     .toString(),
                 u"mod kick jun flooding"_s);
    // A kick is not a ban: jun comes back.
    QVERIFY(signIn(u"jun"_s));
}

void tst_Moderation::ban()
{
    auto boss = signIn(u"boss"_s);
    auto mina = signIn(u"mina"_s);
    auto jun = signIn(u"jun"_s);
    QVERIFY(boss && mina && jun);

    QCOMPARE(errorFor(*mina, mina->client.ban(u"jun"_s))->code, ErrorCode::Forbidden);
    QCOMPARE(query(u"SELECT count(*) FROM sanctions"_s).toInt(), 0);

    const QString id = boss->client.ban(u"jun"_s, 0, u"spam links"_s);
    QVERIFY(doneFor(*boss, id));
    QTRY_COMPARE(jun->disconnects, 1);
    QCOMPARE(jun->closeCode, 4003);
    QVERIFY2(jun->closeReason.contains(u"for good: spam links"_s), qPrintable(jun->closeReason));
    QCOMPARE(jun->sanctions.size(), 1);
    QCOMPARE(jun->sanctions.first(),
             (SanctionEvent{SanctionAction::Ban, u"boss"_s, u"spam links"_s, 0, {}}));
    QCOMPARE(jun->disconnectsBeforeLastSanction, 0);
    QTRY_COMPARE(query(u"SELECT kind || ' ' || name || ' ' || until FROM sanctions"_s).toString(),
                 u"ban jun 0"_s);
    QTRY_COMPARE(query(u"SELECT count(*) FROM audit_log WHERE action = 'ban'"_s).toInt(), 1);

    // Signing in is refused, with the reason, also after a restart.
    for (int round = 0; round < 2; ++round) {
        RecordingClient again;
        again.client.signIn(url(), u"jun"_s, u"jun password"_s);
        QTRY_COMPARE_WITH_TIMEOUT(again.errors.size(), 1, 10000);
        QCOMPARE(again.errors.first().code, ErrorCode::Banned);
        QVERIFY(again.errors.first().message.contains(u"spam links"_s));
        QCOMPARE(again.errors.first().reason, u"spam links"_s);
        QCOMPARE(again.errors.first().until, 0); // for good
        if (round == 0)
            startServer();
    }
    // A ban with a duration runs out.
    auto boss2 = signIn(u"boss"_s, false);
    QVERIFY(boss2);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(doneFor(*boss2, boss2->client.ban(u"mina"_s, 60)));
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    RecordingClient minaAgain;
    minaAgain.client.signIn(url(), u"mina"_s, u"mina password"_s);
    QTRY_COMPARE_WITH_TIMEOUT(minaAgain.errors.size(), 1, 10000);
    QVERIFY2(minaAgain.errors.first().message.contains(u"until 20"_s),
             qPrintable(minaAgain.errors.first().message));
    const qint64 until = minaAgain.errors.first().until;
    QVERIFY2(until >= before + 3'600'000 && until <= after + 3'600'000,
             qPrintable(QString::number(until)));
    QVERIFY(minaAgain.errors.first().reason.isEmpty());
}

// minutes * 60,000 added to now must not overflow: a ban that long would be over already. Up to
// ten years is taken, longer is bad_field (0 is for good).
void tst_Moderation::banAndMuteDurationsAreRangeChecked()
{
    auto boss = signIn(u"boss"_s);
    auto jun = signIn(u"jun"_s);
    QVERIFY(boss && jun);
    for (const qint64 minutes :
         {qint64(INT_MAX), qint64(1) << 32, (qint64(1) << 53) - 1, MaxSanctionMinutes + 1}) {
        const auto error = errorFor(*boss, boss->client.ban(u"jun"_s, minutes));
        QVERIFY(error);
        QCOMPARE(error->code, ErrorCode::BadField);
        const auto muteError = errorFor(*boss, boss->client.mute(u"jun"_s, {}, minutes));
        QVERIFY(muteError);
        QCOMPARE(muteError->code, ErrorCode::BadField);
    }
    QCOMPARE(query(u"SELECT count(*) FROM sanctions"_s).toInt(), 0);
    QCOMPARE(jun->disconnects, 0);

    // The longest: a date ten years on, not over and not negative.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(doneFor(*boss, boss->client.ban(u"jun"_s, MaxSanctionMinutes)));
    QTRY_COMPARE(jun->disconnects, 1);
    QTRY_COMPARE(query(u"SELECT count(*) FROM sanctions"_s).toInt(), 1);
    const qint64 until = query(u"SELECT until FROM sanctions"_s).toLongLong();
    QVERIFY2(until >= now + MaxSanctionMinutes * 60'000, qPrintable(QString::number(until)));
    RecordingClient again;
    again.client.signIn(url(), u"jun"_s, u"jun password"_s);
    QTRY_COMPARE_WITH_TIMEOUT(again.errors.size(), 1, 10000);
    QCOMPARE(again.errors.first().code, ErrorCode::Banned);
}

void tst_Moderation::mute()
{
    auto mod = signIn(u"mod"_s);
    auto mina = signIn(u"mina"_s);
    auto jun = signIn(u"jun"_s);
    QVERIFY(mod && mina && jun);
    QVERIFY(jun->joinRoom(u"dev"_s));

    QCOMPARE(errorFor(*mina, mina->client.mute(u"jun"_s, u"lobby"_s))->code, ErrorCode::Forbidden);
    QVERIFY(doneFor(*mod, mod->client.mute(u"jun"_s, u"lobby"_s, 30, u"calm down"_s)));
    QTRY_COMPARE(
        query(u"SELECT room || ' ' || reason FROM sanctions WHERE kind = 'mute'"_s).toString(),
        u"lobby calm down"_s);
    QTRY_COMPARE(query(u"SELECT detail FROM audit_log WHERE action = 'mute'"_s)
                     .toString()
                     .endsWith(u": calm down"_s),
                 true);
    // The muted person is told at once, and stays connected.
    QTRY_COMPARE(jun->sanctions.size(), 1);
    const SanctionEvent told = jun->sanctions.first();
    QCOMPARE(told.action, SanctionAction::Mute);
    QCOMPARE(told.by, u"mod"_s);
    QCOMPARE(told.reason, u"calm down"_s);
    QCOMPARE(told.room, u"lobby"_s);
    QVERIFY(told.until > QDateTime::currentMSecsSinceEpoch() + 29 * 60'000);
    QCOMPARE(jun->disconnects, 0);

    const QString muted = jun->client.sendMessage(u"lobby"_s, u"can you hear me?"_s);
    const auto mutedError = errorFor(*jun, muted);
    QCOMPARE(mutedError->code, ErrorCode::Muted);
    QCOMPARE(mutedError->until, told.until);
    QCOMPARE(mutedError->reason, u"calm down"_s);
    jun->client.sendMessage(u"dev"_s, u"elsewhere I may speak"_s);
    QTRY_COMPARE(jun->messages.size(), 1);
    QCOMPARE(jun->messages.first().room, u"dev"_s);
    QCOMPARE(mina->messages.size(), 0); // nothing reached the lobby

    // Everywhere.
    QVERIFY(doneFor(*mod, mod->client.mute(u"jun"_s)));
    const QString mutedDev = jun->client.sendMessage(u"dev"_s, u"and now?"_s);
    QCOMPARE(errorFor(*jun, mutedDev)->code, ErrorCode::Muted);
}

void tst_Moderation::deleteLeavesATombstone()
{
    auto boss = signIn(u"boss"_s);
    auto mina = signIn(u"mina"_s);
    QVERIFY(boss && mina);
    mina->client.sendMessage(u"lobby"_s, u"oops, my password is hunter2"_s);
    QTRY_COMPARE(mina->acks.size(), 1);
    const qint64 seq = mina->acks.first().seq;

    // A member deletes only its own messages (tst_changes); not the admin's.
    boss->client.sendMessage(u"lobby"_s, u"the rules"_s);
    QTRY_COMPARE(boss->acks.size(), 1);
    QCOMPARE(errorFor(*mina, mina->client.deleteMessage(u"lobby"_s, boss->acks.first().seq))->code,
             ErrorCode::Forbidden);
    QCOMPARE(errorFor(*boss, boss->client.deleteMessage(u"lobby"_s, seq + 5))->code,
             ErrorCode::NotFound);

    QSignalSpy deleted(&mina->client, &ChatClient::messageDeleted);
    QVERIFY(doneFor(*boss, boss->client.deleteMessage(u"lobby"_s, seq)));
    QVERIFY(deleted.count() > 0 || deleted.wait(5000));
    // The deletion has its own place in the room's order, after the admin's message.
    QCOMPARE(deleted.first().first().value<DeletedEvent>(),
             (DeletedEvent{u"lobby"_s, seq, u"boss"_s, seq + 2}));
    QTRY_COMPARE(
        query(u"SELECT deleted || ':' || text FROM messages WHERE seq = %1"_s.arg(seq)).toString(),
        u"1:"_s);

    // Whoever joins later sees the tombstone, not the text.
    auto jun = signIn(u"jun"_s);
    QVERIFY(jun);
    QTRY_COMPARE(jun->histories.size(), 1);
    const MessageEvent tombstone = jun->histories.first().messages.at(0);
    QCOMPARE(tombstone.seq, seq);
    QVERIFY(tombstone.deleted);
    QVERIFY(tombstone.text.isEmpty());
    // And after a restart too (from the database this time).
    startServer();
    auto later = signIn(u"jun"_s);
    QVERIFY(later);
    QTRY_COMPARE(later->histories.size(), 1);
    QVERIFY(later->histories.first().messages.first().deleted);
    QCOMPARE(later->histories.first().messages.first().seq, seq);
}

void tst_Moderation::deleteFollowsTheRoleOrder_data()
{
    // Recent messages are checked at once; older ones (out of the room's recent window, with
    // history/on-join at 1) after the server read their author from storage.
    QTest::addColumn<bool>("older");
    QTest::newRow("recent") << false;
    QTest::newRow("older") << true;
}

void tst_Moderation::deleteFollowsTheRoleOrder()
{
    QFETCH(bool, older);
    if (older)
        startServer([](server::ServerConfig &config) { config.historyOnJoin = 1; });
    auto boss = signIn(u"boss"_s);
    auto mod = signIn(u"mod"_s);
    auto mina = signIn(u"mina"_s);
    RecordingClient visitor;
    QVERIFY(boss && mod && mina && visitor.greet(url(), u"visitor"_s)
            && visitor.joinRoom(u"lobby"_s));

    // One message each, in this order: seq 1 boss, 2 mod, 3 mina, 4 visitor (a guest).
    QList<RecordingClient *> authors{boss.get(), mod.get(), mina.get(), &visitor};
    for (RecordingClient *author : authors) {
        author->client.sendMessage(u"lobby"_s, u"said by "_s + author->client.name());
        QTRY_COMPARE(author->acks.size(), 1);
    }
    if (older) {
        // Push them all out of the recent window.
        boss->client.sendMessage(u"lobby"_s, u"the newest"_s);
        QTRY_COMPARE(boss->acks.size(), 2);
    }
    const auto seqOf = [](RecordingClient *author) { return author->acks.first().seq; };
    const auto textOf = [&](qint64 seq) {
        return query(u"SELECT deleted || ':' || text FROM messages WHERE seq = %1"_s.arg(seq))
            .toString();
    };

    // A moderator: not an admin's message...
    QCOMPARE(errorFor(*mod, mod->client.deleteMessage(u"lobby"_s, seqOf(boss.get())))->code,
             ErrorCode::Forbidden);
    QCOMPARE(errorFor(*mina, mina->client.deleteMessage(u"lobby"_s, seqOf(&visitor)))->code,
             ErrorCode::Forbidden); // a member deletes nothing, not even a guest's
    QCOMPARE(textOf(seqOf(boss.get())), u"0:said by boss"_s);
    // ...but a member's, a guest's and its own.
    QVERIFY(doneFor(*mod, mod->client.deleteMessage(u"lobby"_s, seqOf(mina.get()))));
    QVERIFY(doneFor(*mod, mod->client.deleteMessage(u"lobby"_s, seqOf(&visitor))));
    QVERIFY(doneFor(*mod, mod->client.deleteMessage(u"lobby"_s, seqOf(mod.get()))));
    // An admin: anybody's but an admin's (its own is its own).
    QVERIFY(doneFor(*boss, boss->client.deleteMessage(u"lobby"_s, seqOf(boss.get()))));
    QTRY_COMPARE(
        query(u"SELECT group_concat(deleted, '') FROM messages WHERE seq <= 4"_s).toString(),
        u"1111"_s);
    QTRY_COMPARE(query(u"SELECT count(*) FROM audit_log WHERE action = 'delete'"_s).toInt(), 4);
    // What does not exist is not_found, old or new.
    QCOMPARE(errorFor(*boss, boss->client.deleteMessage(u"lobby"_s, 99))->code,
             ErrorCode::NotFound);
}

void tst_Moderation::directConversationsAreTheirsAlone()
{
    auto boss = signIn(u"boss"_s);
    auto mod = signIn(u"mod"_s);
    auto mina = signIn(u"mina"_s);
    auto jun = signIn(u"jun"_s);
    QVERIFY(boss && mod && mina && jun);
    jun->client.sendDirect(u"mina"_s, u"just between us"_s);
    QTRY_COMPARE(jun->acks.size(), 1);
    const QString dm = jun->acks.first().room;
    const qint64 seq = jun->acks.first().seq;
    QVERIFY2(dm.startsWith(u"dm:"_s), qPrintable(dm));

    // Staff who are not in it can neither delete in it nor mute in it, admins included.
    for (RecordingClient *staff : {mod.get(), boss.get()}) {
        QCOMPARE(errorFor(*staff, staff->client.deleteMessage(dm, seq))->code,
                 ErrorCode::Forbidden);
        QCOMPARE(errorFor(*staff, staff->client.mute(u"jun"_s, dm, 10))->code,
                 ErrorCode::Forbidden);
    }
    QTRY_COMPARE(
        query(u"SELECT deleted || ':' || text FROM messages WHERE sender = 'jun'"_s).toString(),
        u"0:just between us"_s);
    QCOMPARE(query(u"SELECT count(*) FROM sanctions"_s).toInt(), 0);
    QCOMPARE(query(u"SELECT count(*) FROM audit_log WHERE action IN ('delete', 'mute')"_s).toInt(),
             0);
    // Nothing reached the two of them.
    QSignalSpy deleted(&mina->client, &ChatClient::messageDeleted);
    mina->client.sendDirect(u"jun"_s, u"still here"_s);
    QTRY_COMPARE(jun->messages.size(), 2);
    QCOMPARE(jun->messages.last().text, u"still here"_s);
    QCOMPARE(deleted.count(), 0);

    // A moderator who is one of the two may (the other is a member).
    mod->client.sendDirect(u"jun"_s, u"please stop"_s);
    QTRY_COMPARE(mod->acks.size(), 1);
    const QString modDm = mod->acks.first().room;
    jun->client.sendMessage(modDm, u"no"_s);
    QTRY_COMPARE(jun->acks.size(), 2);
    QVERIFY(doneFor(*mod, mod->client.deleteMessage(modDm, jun->acks.last().seq)));
    QVERIFY(doneFor(*mod, mod->client.mute(u"jun"_s, modDm, 10)));
}

void tst_Moderation::banByAddress()
{
    auto boss = signIn(u"boss"_s);
    auto mina = signIn(u"mina"_s);
    RecordingClient visitor;
    QVERIFY(boss && mina && visitor.greet(url(), u"visitor"_s));

    QCOMPARE(errorFor(*mina, mina->client.banAddress(u"127.0.0.1"_s))->code, ErrorCode::Forbidden);
    QCOMPARE(errorFor(*boss, boss->client.banAddress(u"not-an-address"_s))->code,
             ErrorCode::BadField);
    QVERIFY(doneFor(*boss, boss->client.banAddress(u"127.0.0.1"_s, 10, u"raid"_s)));
    // Everybody from there is out, but for staff.
    QTRY_COMPARE(mina->disconnects, 1);
    QCOMPARE(mina->closeCode, 4003);
    QTRY_COMPARE(visitor.disconnects, 1);
    QCOMPARE(boss->disconnects, 0);
    RecordingClient newcomer;
    newcomer.client.connectToServer(url(), u"newcomer"_s);
    QTRY_COMPARE_WITH_TIMEOUT(newcomer.errors.size(), 1, 10000);
    QCOMPARE(newcomer.errors.first().code, ErrorCode::Banned);
    QVERIFY(newcomer.errors.first().message.startsWith(u"Your address is banned until"_s));
    QTRY_COMPARE(query(u"SELECT name FROM sanctions"_s).toString(), u"address:127.0.0.1"_s);
    QVERIFY(signIn(u"mod"_s)); // staff still get in
}

void tst_Moderation::revokeTokens()
{
    auto boss = signIn(u"boss"_s);
    auto mod = signIn(u"mod"_s);
    auto mina = signIn(u"mina"_s);
    QVERIFY(boss && mod && mina);
    const QString token = mina->client.token();
    QVERIFY(!token.isEmpty());

    QCOMPARE(errorFor(*mod, mod->client.revokeTokens(u"mina"_s))->code, ErrorCode::Forbidden);
    QCOMPARE(mina->disconnects, 0);
    QVERIFY(doneFor(*boss, boss->client.revokeTokens(u"mina"_s)));
    QTRY_COMPARE(mina->disconnects, 1);
    QCOMPARE(mina->closeCode, 4002);
    QCOMPARE(mina->closeReason, u"signed out by boss"_s);
    QCOMPARE(mina->sanctions.size(), 1);
    QCOMPARE(mina->sanctions.first(),
             (SanctionEvent{SanctionAction::Revoke, u"boss"_s, {}, 0, {}}));
    QCOMPARE(mina->disconnectsBeforeLastSanction, 0);
    QTRY_COMPARE(query(u"SELECT count(*) FROM tokens t JOIN accounts a ON a.id = t.account_id"
                       " WHERE a.name = 'mina'"_s)
                     .toInt(),
                 0);
    RecordingClient resumed;
    resumed.client.resumeSession(url(), token);
    QTRY_COMPARE_WITH_TIMEOUT(resumed.errors.size(), 1, 10000);
    QCOMPARE(resumed.errors.first().code, ErrorCode::BadToken);
    QVERIFY(signIn(u"mina"_s)); // the password still works
}

// The invitee hears of an invitation on every connection it has, once per room.
void tst_Moderation::invitationsTellTheInvitee()
{
    auto mina = signIn(u"mina"_s, false);
    auto jun = signIn(u"jun"_s, false);
    auto junPhone = signIn(u"jun"_s, false);
    auto mod = signIn(u"mod"_s, false);
    QVERIFY(mina && jun && junPhone && mod);
    for (const QString &room : {u"team"_s, u"team2"_s}) {
        mina->client.createRoom(room, RoomKind::Private);
        QTRY_VERIFY(!mina->joins.isEmpty() && mina->joins.last().room == room);
    }

    mina->client.invite(u"team"_s, u"jun"_s);
    const Invited told{{}, u"team"_s, u"jun"_s, u"mina"_s};
    QTRY_COMPARE(jun->invitations, QList<Invited>{told});
    QTRY_COMPARE(junPhone->invitations, QList<Invited>{told});
    // The inviter gets its answer (with the id), not the event.
    QTRY_COMPARE(mina->invitations.size(), 1);
    QVERIFY(!mina->invitations.first().id.isEmpty());
    QVERIFY(mina->invitations.first().by.isEmpty());
    QVERIFY(mod->invitations.isEmpty());

    // Inviting again tells nothing new; a second room does.
    mina->client.invite(u"team"_s, u"jun"_s);
    QTRY_COMPARE(mina->invitations.size(), 2);
    mina->client.invite(u"team2"_s, u"jun"_s);
    QTRY_COMPARE(jun->invitations.size(), 2);
    QCOMPARE(jun->invitations.last().room, u"team2"_s);
    QCOMPARE(junPhone->invitations.size(), 2);
    QVERIFY(jun->joinRoom(u"team"_s));
}

// The operator's announcement to everyone reaches each connection once: not once per room
// (jun is in two), and also those in no room; plain clients get one line.
void tst_Moderation::announcementsToEveryoneComeOnce()
{
    auto jun = signIn(u"jun"_s);
    QVERIFY(jun && jun->joinRoom(u"dev"_s));
    auto mina = signIn(u"mina"_s, false);
    QVERIFY(mina);
    RawClient plain;
    QVERIFY(plain.open(url(u"/"_s)));
    QVERIFY(plain.waitForText([](const QString &t) { return t.startsWith(u"Welcome to Sori!"); }));

    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const auto done = m_server->hub()->operatorAnnounce({}, u"maintenance at 22:00"_s);
    QVERIFY(std::holds_alternative<Done>(done));
    QTRY_COMPARE(jun->announcements.size(), 1);
    QTRY_COMPARE(mina->announcements.size(), 1);
    QVERIFY(
        plain.waitForText([](const QString &t) { return t == u"server: maintenance at 22:00"_s; }));
    const AnnouncementEvent a = jun->announcements.first();
    QCOMPARE(a.text, u"maintenance at 22:00"_s);
    QCOMPARE(a.by, u"server"_s);
    QVERIFY(a.time >= before);

    // No room got it as a message; a later message shows nothing else came in between.
    jun->client.sendMessage(u"dev"_s, u"noted"_s);
    QTRY_COMPARE(jun->messages.size(), 1);
    QCOMPARE(jun->messages.first().from, u"jun"_s);
    QCOMPARE(jun->announcements.size(), 1);
    QCOMPARE(plain.texts.count(u"server: maintenance at 22:00"_s), 1);
    QTRY_COMPARE(query(u"SELECT count(*) FROM audit_log WHERE action = 'announce'"_s).toInt(), 1);

    // An announcement to one room stays a message in it.
    QVERIFY(std::holds_alternative<Done>(m_server->hub()->operatorAnnounce(u"dev"_s, u"hi dev"_s)));
    QTRY_COMPARE(jun->messagesIn(u"dev"_s).size(), 2);
    QCOMPARE(jun->messagesIn(u"dev"_s).last().from, u"server"_s);
    QCOMPARE(jun->announcements.size(), 1);
}

// After Sign out the others read "signed out", not "closed".
void tst_Moderation::signingOutIsSaidSo()
{
    auto mina = signIn(u"mina"_s);
    auto jun = signIn(u"jun"_s);
    QVERIFY(mina && jun);
    jun->client.logout();
    QTRY_VERIFY(mina->hasPresence(u"jun"_s, PresenceChange::Left, LeaveReason::SignedOut));
    QVERIFY(!mina->hasPresence(u"jun"_s, PresenceChange::Left, LeaveReason::Closed));
}

QTEST_GUILESS_MAIN(tst_Moderation)
#include "tst_moderation.moc"
