// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The moderation tools over the wire (issue 23, docs/protocol.md §13): lift, sanctions, audit,
// set_topic and set_role, each allowed for the right role and refused for the wrong one, their
// pages, their rate limit, and a moderator who floods them without reading while a bystander
// keeps chatting.

#include "core/chat/hub.h"
#include "core/serverconfig.h"
#include "fixtures.h"
#include "protocol/messagecodec.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QSet>

#include <atomic>

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::protocol;
using namespace sori::test;
using sori::server::ServerConfig;

namespace {

// The first answer of type T to the request `id` (waiting up to 5 s for it).
template<typename T, typename Signal>
std::optional<T> answerTo(RecordingClient &client, Signal signal, const QString &id)
{
    QSignalSpy spy(&client.client, signal);
    std::optional<T> found;
    [[maybe_unused]] const bool came = QTest::qWaitFor(
        [&] {
            for (const auto &arguments : std::as_const(spy)) {
                const T answer = arguments.first().template value<T>();
                if (answer.id == id) {
                    found = answer;
                    return true;
                }
            }
            return false;
        },
        5000);
    return found;
}

std::optional<SanctionList> sanctionsFor(RecordingClient &client, const QString &id)
{
    return answerTo<SanctionList>(client, &ChatClient::sanctionsListed, id);
}

std::optional<AuditPage> auditFor(RecordingClient &client, const QString &id)
{
    return answerTo<AuditPage>(client, &ChatClient::auditRead, id);
}

// Every page of the audit log that `filter` selects, newest first; empty if a page did not come.
QList<AuditEntry> wholeAudit(RecordingClient &client, ReadAudit filter, int *pages)
{
    QList<AuditEntry> all;
    *pages = 0;
    for (;;) {
        const auto page = auditFor(client, client.client.readAudit(filter));
        if (!page)
            return {};
        ++*pages;
        all.append(page->entries);
        if (!page->more)
            return all;
        if (page->entries.isEmpty())
            return {}; // "more" with nothing: paging would never end
        filter.before = page->entries.last().id;
    }
}

QByteArray encoded(const ClientMessage &message)
{
    return MessageCodec::encode(message);
}

// Waits until the clock has moved on by a millisecond, so that what is done next has a later time
// than what was done before.
bool nextMillisecond()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return QTest::qWaitFor([now] { return QDateTime::currentMSecsSinceEpoch() > now; }, 1000);
}

} // namespace

class tst_ModerationTools : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void liftBan();
    void liftMute();
    void liftBanOfAddress();
    void liftFollowsTheRankRule();
    void sanctionsArePagedNewestFirst();
    void sanctionsAreRefusedToNonStaff();
    void auditIsPagedAndFiltered();
    void auditIsRefusedToNonStaff();
    void setTopic();
    void setRole();
    void moderationIsRateLimited();
    void staffCanBeExemptFromTheModerationLimit();
    void floodingModeratorDoesNotHurtABystander();

private:
    void start(const std::function<void(ServerConfig &)> &configure = {})
    {
        newDataDir({{u"boss"_s, Role::Admin},
                    {u"chief"_s, Role::Admin},
                    {u"mod"_s, Role::Moderator},
                    {u"mod2"_s, Role::Moderator},
                    {u"mina"_s, Role::Member},
                    {u"jun"_s, Role::Member}});
        startServer([configure](ServerConfig &config) {
            // The tests make many requests in a row: no moderation limit unless they set one.
            config.moderateRate = {0, 1};
            if (configure)
                configure(config);
        });
    }
    std::unique_ptr<RecordingClient> signIn(const QString &name, bool join = true)
    {
        return test::signedIn(url(), name, join ? QStringList{u"lobby"_s} : QStringList{});
    }
    // Whether `name` can sign in (waiting for the welcome or the error).
    bool canSignIn(const QString &name)
    {
        RecordingClient client;
        client.client.signIn(url(), name, name + u" password"_s);
        if (!answered(client))
            return false;
        return client.errors.isEmpty();
    }
    // Waits until the audit log has `count` rows (they are written behind).
    bool auditRows(int count)
    {
        return QTest::qWaitFor(
            [&] { return query(u"SELECT count(*) FROM audit_log"_s).toInt() >= count; }, 10'000);
    }
};

void tst_ModerationTools::init()
{
    start();
}

void tst_ModerationTools::cleanup()
{
    m_server.reset();
}

void tst_ModerationTools::liftBan()
{
    auto mod = signIn(u"mod"_s);
    auto mina = signIn(u"mina"_s);
    auto visitor = test::guest(url(), u"visitor"_s, {u"lobby"_s});
    QVERIFY(mod && mina && visitor);
    QVERIFY(doneFor(*mod, mod->client.ban(u"jun"_s, 0, u"spam"_s)));
    QVERIFY(!canSignIn(u"jun"_s));

    // Refused: a member, a guest. The ban stays.
    QCOMPARE(errorFor(*mina, mina->client.liftBan(u"jun"_s))->code, ErrorCode::Forbidden);
    QCOMPARE(errorFor(*visitor, visitor->client.liftBan(u"jun"_s))->code, ErrorCode::Forbidden);
    QVERIFY(!canSignIn(u"jun"_s));

    // The moderator lifts it: jun is back, and stays so after a restart.
    QVERIFY(doneFor(*mod, mod->client.liftBan(u"jun"_s)));
    QVERIFY(canSignIn(u"jun"_s));
    QTRY_COMPARE(query(u"SELECT count(*) FROM sanctions"_s).toInt(), 0);
    QTRY_COMPARE(query(u"SELECT actor || ' ' || action || ' ' || target || ' ' || detail"
                       " FROM audit_log WHERE action = 'lift'"_s)
                     .toString(),
                 u"mod lift jun ban"_s);
    // Nothing to lift any more.
    QCOMPARE(errorFor(*mod, mod->client.liftBan(u"jun"_s))->code, ErrorCode::NotFound);
    QCOMPARE(errorFor(*mod, mod->client.liftBan(u"nobody"_s))->code, ErrorCode::NotFound);
    startServer();
    QVERIFY(canSignIn(u"jun"_s));

    // The operator lifts through the same hub function; the log says "server".
    auto boss = signIn(u"boss"_s, false);
    QVERIFY(boss);
    QVERIFY(doneFor(*boss, boss->client.ban(u"mina"_s, 60)));
    QVERIFY(!canSignIn(u"mina"_s));
    QVERIFY(std::holds_alternative<Done>(m_server->hub()->moderation().lift(
        server::Actor::operatorActor(), Lift{{}, SanctionAction::Ban, u"mina"_s, {}, {}})));
    QVERIFY(canSignIn(u"mina"_s));
    QTRY_COMPARE(query(u"SELECT actor FROM audit_log WHERE action = 'lift' AND target = 'mina'"_s)
                     .toString(),
                 u"server"_s);
}

void tst_ModerationTools::liftMute()
{
    auto mod = signIn(u"mod"_s);
    auto jun = signIn(u"jun"_s);
    QVERIFY(mod && jun);
    QVERIFY(doneFor(*mod, mod->client.mute(u"jun"_s, u"lobby"_s, 30, u"calm down"_s)));
    QCOMPARE(errorFor(*jun, jun->client.sendMessage(u"lobby"_s, u"hello?"_s))->code,
             ErrorCode::Muted);

    // A mute in another room, or the everywhere mute, is not this one.
    QCOMPARE(errorFor(*mod, mod->client.liftMute(u"jun"_s))->code, ErrorCode::NotFound);
    QCOMPARE(errorFor(*mod, mod->client.liftMute(u"jun"_s, u"dev"_s))->code, ErrorCode::NotFound);

    const qsizetype told = jun->sanctions.size();
    QVERIFY(doneFor(*mod, mod->client.liftMute(u"jun"_s, u"lobby"_s)));
    // jun is told, and may talk again.
    QTRY_COMPARE(jun->sanctions.size(), told + 1);
    SanctionEvent lifted{SanctionAction::Lift, u"mod"_s, {}, 0, u"lobby"_s};
    lifted.lifted = SanctionAction::Mute;
    QCOMPARE(jun->sanctions.last(), lifted);
    const QString sent = jun->client.sendMessage(u"lobby"_s, u"thanks"_s);
    QTRY_VERIFY(std::any_of(jun->acks.cbegin(), jun->acks.cend(),
                            [&](const Ack &ack) { return ack.id == sent; }));
    QCOMPARE(errorFor(*mod, mod->client.liftMute(u"jun"_s, u"lobby"_s))->code, ErrorCode::NotFound);

    // The everywhere mute, and after a restart it stays lifted.
    QVERIFY(doneFor(*mod, mod->client.mute(u"jun"_s)));
    QVERIFY(doneFor(*mod, mod->client.liftMute(u"jun"_s)));
    QTRY_COMPARE(query(u"SELECT count(*) FROM sanctions"_s).toInt(), 0);
    startServer();
    auto junAgain = signIn(u"jun"_s);
    QVERIFY(junAgain);
    const QString again = junAgain->client.sendMessage(u"lobby"_s, u"still here"_s);
    QTRY_VERIFY(std::any_of(junAgain->acks.cbegin(), junAgain->acks.cend(),
                            [&](const Ack &ack) { return ack.id == again; }));
}

void tst_ModerationTools::liftBanOfAddress()
{
    auto boss = signIn(u"boss"_s, false);
    auto mod = signIn(u"mod"_s, false);
    QVERIFY(boss && mod);
    QVERIFY(doneFor(*boss, boss->client.banAddress(u"192.0.2.7"_s)));
    QCOMPARE(errorFor(*mod, mod->client.liftBanOfAddress(u"not an address"_s))->code,
             ErrorCode::BadField);
    QCOMPARE(errorFor(*mod, mod->client.liftBanOfAddress(u"192.0.2.8"_s))->code,
             ErrorCode::NotFound);
    // An address has no rank: a moderator lifts an admin's ban of one.
    QVERIFY(doneFor(*mod, mod->client.liftBanOfAddress(u"192.0.2.7"_s)));
    QCOMPARE(errorFor(*mod, mod->client.liftBanOfAddress(u"192.0.2.7"_s))->code,
             ErrorCode::NotFound);
    QTRY_COMPARE(query(u"SELECT count(*) FROM sanctions"_s).toInt(), 0);
}

void tst_ModerationTools::liftFollowsTheRankRule()
{
    auto boss = signIn(u"boss"_s, false);
    auto mod = signIn(u"mod"_s, false);
    QVERIFY(boss && mod);
    // An admin mutes a moderator: another moderator may not lift it (same rank), an admin may.
    QVERIFY(doneFor(*boss, boss->client.mute(u"mod2"_s)));
    QCOMPARE(errorFor(*mod, mod->client.liftMute(u"mod2"_s))->code, ErrorCode::Forbidden);
    // Nor anything of an admin's, even if there is nothing to lift.
    QCOMPARE(errorFor(*mod, mod->client.liftBan(u"chief"_s))->code, ErrorCode::Forbidden);
    QVERIFY(doneFor(*boss, boss->client.liftMute(u"mod2"_s)));
}

void tst_ModerationTools::sanctionsArePagedNewestFirst()
{
    m_server.reset();
    // A small byte budget, so that pages end by bytes before they end by count.
    start([](ServerConfig &config) { config.listMaxBytes = 4096; });
    auto boss = signIn(u"boss"_s, false);
    auto mod = signIn(u"mod"_s, false);
    QVERIFY(boss && mod);
    // 150 address bans with long reasons, a ban and a mute of people.
    constexpr int Addresses = 150;
    QString last;
    for (int i = 0; i < Addresses; ++i) {
        last = boss->client.banAddress(u"198.51.%1.%2"_s.arg(i / 100).arg(i % 100 + 1), 60,
                                       QString(100, u'r') + QString::number(i));
    }
    // Each a few milliseconds after the last is done, so that "newest first" says which comes
    // first (ties are ordered by name, and addresses would come before "jun").
    QVERIFY(doneFor(*boss, last));
    QVERIFY(nextMillisecond());
    QVERIFY(doneFor(*boss, boss->client.ban(u"jun"_s, 0, u"spam"_s)));
    QVERIFY(nextMillisecond());
    QVERIFY(doneFor(*mod, mod->client.mute(u"mina"_s, u"lobby"_s, 0, u"shouting"_s)));
    constexpr int Total = Addresses + 2;

    QCOMPARE(errorFor(*mod, mod->client.listSanctions({}, 101))->code, ErrorCode::BadField);
    QCOMPARE(errorFor(*mod, mod->client.listSanctions(u"garbage"_s))->code, ErrorCode::BadField);

    QList<SanctionInfo> all;
    QString after;
    int pages = 0;
    for (;;) {
        const auto page = sanctionsFor(*mod, mod->client.listSanctions(after, 40));
        QVERIFY(page);
        QVERIFY(!page->sanctions.isEmpty());
        QVERIFY(page->sanctions.size() <= 40);
        QVERIFY2(MessageCodec::encode(ServerMessage{*page}).size() <= 4096,
                 "a page within rooms/list-max-bytes");
        ++pages;
        all.append(page->sanctions);
        if (!page->more) {
            QVERIFY(page->next.isEmpty());
            break;
        }
        QVERIFY(!page->next.isEmpty());
        after = page->next;
        QVERIFY(pages < 100);
    }
    QVERIFY2(pages > Total / 40, "pages end by bytes too");
    QCOMPARE(all.size(), Total);
    QSet<QString> seen;
    for (qsizetype i = 0; i < all.size(); ++i) {
        const SanctionInfo &s = all[i];
        seen.insert(toWire(s.kind) + s.user + s.address + s.room);
        if (i > 0)
            QVERIFY2(all[i - 1].since >= s.since, "newest first");
    }
    QCOMPARE(seen.size(), Total); // no duplicates
    // The newest two: the mute, then the ban, with who, why and until when.
    QCOMPARE(all[0],
             (SanctionInfo{SanctionAction::Mute,
                           u"mina"_s,
                           {},
                           u"lobby"_s,
                           0,
                           u"shouting"_s,
                           u"mod"_s,
                           all[0].since}));
    QCOMPARE(all[1],
             (SanctionInfo{
                 SanctionAction::Ban, u"jun"_s, {}, {}, 0, u"spam"_s, u"boss"_s, all[1].since}));
    QVERIFY(all[0].since > 0);
    const SanctionInfo &oldest = all.last();
    QVERIFY(oldest.address.startsWith(u"198.51."_s));
    QVERIFY(oldest.reason.startsWith(u"rrr"_s));
    QVERIFY(oldest.until > QDateTime::currentMSecsSinceEpoch());
    QCOMPARE(oldest.by, u"boss"_s);

    // A lifted one is no longer listed; the lists come back after a restart.
    QVERIFY(doneFor(*mod, mod->client.liftMute(u"mina"_s, u"lobby"_s)));
    startServer();
    auto modAgain = signIn(u"mod"_s, false);
    QVERIFY(modAgain);
    const auto first = sanctionsFor(*modAgain, modAgain->client.listSanctions({}, 1));
    QVERIFY(first);
    QCOMPARE(first->sanctions.size(), 1);
    QCOMPARE(first->sanctions.first().user, u"jun"_s);
    QCOMPARE(first->sanctions.first().since, all[1].since);
    QVERIFY(first->more);
}

void tst_ModerationTools::sanctionsAreRefusedToNonStaff()
{
    auto mina = signIn(u"mina"_s, false);
    auto visitor = test::guest(url(), u"visitor"_s);
    QVERIFY(mina && visitor);
    QCOMPARE(errorFor(*mina, mina->client.listSanctions())->code, ErrorCode::Forbidden);
    QCOMPARE(errorFor(*visitor, visitor->client.listSanctions())->code, ErrorCode::Forbidden);
}

void tst_ModerationTools::auditIsPagedAndFiltered()
{
    auto boss = signIn(u"boss"_s, false);
    auto mod = signIn(u"mod"_s, false);
    QVERIFY(boss && mod);
    // 250 topics by the admin, 30 mutes by the moderator in between.
    constexpr int Topics = 250;
    constexpr int Mutes = 30;
    qint64 middle = 0;
    for (int i = 0; i < Topics; ++i) {
        const QString id = boss->client.setTopic(u"lobby"_s, u"topic %1"_s.arg(i));
        if (i % 10 == 0) {
            QVERIFY(doneFor(*boss, id)); // now and then, so that the times spread a little
            if (i / 10 < Mutes / 3) {
                for (int m = 0; m < 3; ++m)
                    mod->client.mute(u"jun"_s, {}, 1 + i + m);
            }
        }
        if (i == Topics / 2) {
            QVERIFY(doneFor(*boss, id));
            QVERIFY(nextMillisecond());
            middle = QDateTime::currentMSecsSinceEpoch();
            QVERIFY(nextMillisecond());
        }
    }
    QVERIFY(auditRows(Topics + Mutes));

    // Every topic change, over pages of 100, newest first, no duplicates nor gaps.
    int pages = 0;
    const QList<AuditEntry> topics =
        wholeAudit(*mod, ReadAudit{{}, 0, 100, {}, {}, u"set_topic"_s}, &pages);
    QCOMPARE(pages, 3);
    QCOMPARE(topics.size(), Topics);
    for (int i = 0; i < Topics; ++i) {
        const AuditEntry &entry = topics[i];
        QCOMPARE(entry.detail, u"topic %1"_s.arg(Topics - 1 - i));
        QCOMPARE(entry.actor, u"boss"_s);
        QCOMPARE(entry.target, u"lobby"_s);
        QCOMPARE(entry.room, u"lobby"_s);
        if (i > 0)
            QVERIFY(topics[i - 1].id > entry.id);
    }
    // By actor, by target, by both with an action; by time.
    QCOMPARE(wholeAudit(*mod, ReadAudit{{}, 0, 7, u"mod"_s}, &pages).size(), Mutes);
    QCOMPARE(pages, (Mutes + 6) / 7);
    QCOMPARE(wholeAudit(*mod, ReadAudit{{}, 0, 0, {}, u"jun"_s}, &pages).size(), Mutes);
    QCOMPARE(wholeAudit(*mod, ReadAudit{{}, 0, 0, u"boss"_s, u"jun"_s, u"mute"_s}, &pages).size(),
             0);
    const QList<AuditEntry> before =
        wholeAudit(*mod, ReadAudit{{}, 0, 0, {}, {}, u"set_topic"_s, 0, middle}, &pages);
    const QList<AuditEntry> after =
        wholeAudit(*mod, ReadAudit{{}, 0, 0, {}, {}, u"set_topic"_s, middle, 0}, &pages);
    QCOMPARE(before.size() + after.size(), Topics);
    QCOMPARE(before.first().detail, u"topic %1"_s.arg(Topics / 2));
    for (const AuditEntry &entry : before)
        QVERIFY(entry.time <= middle);
    for (const AuditEntry &entry : after)
        QVERIFY(entry.time >= middle);

    // Bad pages.
    ReadAudit tooMany;
    tooMany.limit = 101;
    QCOMPARE(errorFor(*mod, mod->client.readAudit(tooMany))->code, ErrorCode::BadField);
    ReadAudit backwards;
    backwards.since = 2000;
    backwards.until = 1000;
    QCOMPARE(errorFor(*mod, mod->client.readAudit(backwards))->code, ErrorCode::BadField);

    // The operator reads it through the same function (answered on the reading thread).
    QList<AuditEntry> read;
    std::atomic<bool> ok = false;
    const auto refused = m_server->hub()->moderation().readAudit(
        server::Actor::operatorActor(), ReadAudit{{}, 0, 5, u"mod"_s},
        [&](bool readOk, const AuditPage &page) {
            read = page.entries;
            ok.store(readOk, std::memory_order_release);
        });
    QVERIFY(!refused);
    QTRY_VERIFY(ok.load(std::memory_order_acquire));
    QCOMPARE(read.size(), 5);
    QCOMPARE(read.first().actor, u"mod"_s);
}

void tst_ModerationTools::auditIsRefusedToNonStaff()
{
    auto mina = signIn(u"mina"_s, false);
    auto visitor = test::guest(url(), u"visitor"_s);
    QVERIFY(mina && visitor);
    QCOMPARE(errorFor(*mina, mina->client.readAudit({}))->code, ErrorCode::Forbidden);
    QCOMPARE(errorFor(*visitor, visitor->client.readAudit({}))->code, ErrorCode::Forbidden);
}

void tst_ModerationTools::setTopic()
{
    auto mod = signIn(u"mod"_s, false);
    auto mina = signIn(u"mina"_s);
    auto jun = signIn(u"jun"_s, false);
    auto visitor = test::guest(url(), u"visitor"_s, {u"lobby"_s});
    QVERIFY(mod && mina && jun && visitor);
    QSignalSpy changes(&mina->client, &ChatClient::roomChanged);

    // Refused: a member, a guest; no such room; a direct conversation; too long (the codec).
    QCOMPARE(errorFor(*mina, mina->client.setTopic(u"lobby"_s, u"mine"_s))->code,
             ErrorCode::Forbidden);
    QCOMPARE(errorFor(*visitor, visitor->client.setTopic(u"lobby"_s, u"mine"_s))->code,
             ErrorCode::Forbidden);
    QCOMPARE(errorFor(*mod, mod->client.setTopic(u"nowhere"_s, u"x"_s))->code,
             ErrorCode::NoSuchRoom);
    jun->client.sendDirect(u"mina"_s, u"hi"_s);
    QTRY_COMPARE(jun->acks.size(), 1);
    QCOMPARE(errorFor(*mod, mod->client.setTopic(jun->acks.first().room, u"x"_s))->code,
             ErrorCode::NoSuchRoom);
    QCOMPARE(errorFor(*mod, mod->client.setTopic(u"lobby"_s, QString(513, u't')))->code,
             ErrorCode::BadField);
    QCOMPARE(changes.size(), 0);

    // The moderator sets it: the members see it, the room list and a join show it.
    QVERIFY(doneFor(*mod, mod->client.setTopic(u"lobby"_s, u"Be kind · 친절하게"_s)));
    QTRY_COMPARE(changes.size(), 1);
    const auto changed = changes.first().first().value<RoomChangedEvent>();
    QCOMPARE(changed.room, u"lobby"_s);
    QCOMPARE(changed.change, RoomChange::Topic);
    QCOMPARE(changed.by, u"mod"_s);
    QCOMPARE(changed.topic, u"Be kind · 친절하게"_s);
    QSignalSpy listed(&jun->client, &ChatClient::roomsListed);
    jun->client.listRooms(u"lobby"_s);
    QTRY_COMPARE(listed.size(), 1);
    QCOMPARE(listed.first().first().value<RoomList>().rooms.first().topic, u"Be kind · 친절하게"_s);
    QVERIFY(jun->joinRoom(u"lobby"_s));
    QCOMPARE(jun->joins.last().topic, u"Be kind · 친절하게"_s);

    // Stored: after a restart too. An archived room's topic stays as it was.
    QTRY_COMPARE(query(u"SELECT topic FROM rooms WHERE name = 'lobby'"_s).toString(),
                 u"Be kind · 친절하게"_s);
    QTRY_COMPARE(query(u"SELECT actor || ' ' || target FROM audit_log"
                       " WHERE action = 'set_topic'"_s)
                     .toString(),
                 u"mod lobby"_s);
    startServer();
    auto junAgain = signIn(u"jun"_s);
    QVERIFY(junAgain);
    QCOMPARE(junAgain->joins.last().topic, u"Be kind · 친절하게"_s);
    QVERIFY(std::holds_alternative<Joined>(m_server->hub()->createRoom(
        server::Actor::operatorActor(), CreateRoom{{}, u"old"_s, RoomKind::Public, {}})));
    QVERIFY(std::holds_alternative<Done>(
        m_server->hub()->archiveRoom(server::Actor::operatorActor(), ArchiveRoom{{}, u"old"_s})));
    auto modAgain = signIn(u"mod"_s, false);
    QVERIFY(modAgain);
    QCOMPARE(errorFor(*modAgain, modAgain->client.setTopic(u"old"_s, u"x"_s))->code,
             ErrorCode::Archived);
    // The operator clears a topic through the same function.
    QVERIFY(std::holds_alternative<Done>(
        m_server->hub()->setTopic(server::Actor::operatorActor(), SetTopic{{}, u"lobby"_s, {}})));
    QTRY_COMPARE(query(u"SELECT topic FROM rooms WHERE name = 'lobby'"_s).toString(), QString());
}

void tst_ModerationTools::setRole()
{
    auto boss = signIn(u"boss"_s, false);
    auto mod = signIn(u"mod"_s, false);
    auto mina = signIn(u"mina"_s);
    auto jun = signIn(u"jun"_s);
    QVERIFY(boss && mod && mina && jun);
    QSignalSpy roles(&jun->client, &ChatClient::roleChanged);

    // Refused: a moderator, a member; an admin's role; nobody; admin is not given here.
    QCOMPARE(errorFor(*mod, mod->client.setRole(u"jun"_s, Role::Moderator))->code,
             ErrorCode::Forbidden);
    QCOMPARE(errorFor(*mina, mina->client.setRole(u"mina"_s, Role::Moderator))->code,
             ErrorCode::Forbidden);
    QCOMPARE(errorFor(*boss, boss->client.setRole(u"chief"_s, Role::Member))->code,
             ErrorCode::Forbidden);
    QCOMPARE(errorFor(*boss, boss->client.setRole(u"nobody"_s, Role::Moderator))->code,
             ErrorCode::NoSuchUser);
    QCOMPARE(errorFor(*boss, boss->client.setRole(u"jun"_s, Role::Admin))->code,
             ErrorCode::BadField);
    QCOMPARE(roles.size(), 0);
    QCOMPARE(errorFor(*jun, jun->client.kick(u"mina"_s))->code, ErrorCode::Forbidden);

    // Promoted: jun is told, and moderates from now on, on the same connection.
    QVERIFY(doneFor(*boss, boss->client.setRole(u"jun"_s, Role::Moderator)));
    QTRY_COMPARE(roles.size(), 1);
    QCOMPARE(roles.first().first().value<RoleChangedEvent>(),
             (RoleChangedEvent{Role::Moderator, u"boss"_s}));
    QVERIFY(doneFor(*jun, jun->client.mute(u"mina"_s, u"lobby"_s, 5)));
    QTRY_COMPARE(query(u"SELECT role FROM accounts WHERE name = 'jun'"_s).toString(),
                 u"moderator"_s);
    QTRY_COMPARE(query(u"SELECT actor || ' ' || target || ' ' || detail FROM audit_log"
                       " WHERE action = 'set_role'"_s)
                     .toString(),
                 u"boss jun moderator"_s);

    // The server knows it after a restart: jun signs in as a moderator.
    startServer();
    auto junAgain = signIn(u"jun"_s);
    QVERIFY(junAgain);
    QCOMPARE(junAgain->welcome.role, Role::Moderator);
    // A moderator is now the same rank as mod: mod cannot kick jun.
    auto modAgain = signIn(u"mod"_s, false);
    QVERIFY(modAgain);
    QCOMPARE(errorFor(*modAgain, modAgain->client.kick(u"jun"_s))->code, ErrorCode::Forbidden);

    // The operator demotes through the same function; jun can no longer moderate.
    QSignalSpy demoted(&junAgain->client, &ChatClient::roleChanged);
    QVERIFY(std::holds_alternative<Done>(m_server->hub()->moderation().setRole(
        server::Actor::operatorActor(), SetRole{{}, u"jun"_s, Role::Member})));
    QTRY_COMPARE(demoted.size(), 1);
    QCOMPARE(demoted.first().first().value<RoleChangedEvent>(),
             (RoleChangedEvent{Role::Member, u"server"_s}));
    QCOMPARE(errorFor(*junAgain, junAgain->client.kick(u"mina"_s))->code, ErrorCode::Forbidden);
}

void tst_ModerationTools::moderationIsRateLimited()
{
    m_server.reset();
    start([](ServerConfig &config) {
        config.moderateRate = {1, 5};
        config.rateExemptStaff = false;
    });
    auto mod = signIn(u"mod"_s, false);
    QVERIFY(mod);
    QSignalSpy slow(&mod->client, &ChatClient::slowDown);
    // Five at once, then refused, old requests and new ones alike.
    for (int i = 0; i < 5; ++i)
        QVERIFY(sanctionsFor(*mod, mod->client.listSanctions()));
    QCOMPARE(errorFor(*mod, mod->client.kick(u"jun"_s))->code, ErrorCode::RateLimited);
    QCOMPARE(errorFor(*mod, mod->client.readAudit({}))->code, ErrorCode::RateLimited);
    QTRY_COMPARE(slow.size(), 1);
    QCOMPARE(slow.first().first().value<SlowDown>().kind, RateKind::Moderate);
    // Other kinds are not touched.
    QVERIFY(mod->joinRoom(u"lobby"_s));
}

void tst_ModerationTools::staffCanBeExemptFromTheModerationLimit()
{
    m_server.reset();
    start([](ServerConfig &config) {
        config.moderateRate = {1, 5};
        config.rateExemptStaff = true;
    });
    auto mod = signIn(u"mod"_s, false);
    QVERIFY(mod);
    for (int i = 0; i < 20; ++i)
        QVERIFY(sanctionsFor(*mod, mod->client.listSanctions()));
}

void tst_ModerationTools::floodingModeratorDoesNotHurtABystander()
{
    m_server.reset();
    // Staff exempt from rate limits: only the read caps and the outgoing budget stand between
    // the flood and everybody else.
    start([](ServerConfig &config) { config.rateExemptStaff = true; });
    auto boss = signIn(u"boss"_s, false);
    QVERIFY(boss);
    // An audit log worth reading: each page is tens of kilobytes.
    for (int i = 0; i < 200; ++i)
        boss->client.setTopic(u"lobby"_s, QString(400, u'x') + QString::number(i));
    QVERIFY(auditRows(200));
    auto ana = test::guest(url(), u"ana"_s, {u"lobby"_s});
    QVERIFY(ana);

    DeafClient flooder;
    QVERIFY(flooder.open(m_server->serverPort(), u"mod"_s));
    const QByteArray audit = test::maskedTextFrame(encoded(ReadAudit{u"a"_s}));
    const QByteArray sanctions = test::maskedTextFrame(encoded(ListSanctions{u"s"_s}));
    Bystander bystander{ana.get(), u"lobby"_s};
    QElapsedTimer clock;
    clock.start();
    int written = 0;
    bool open = true;
    // Floods between the bystander's round trips, for a while, never reading.
    for (int round = 0; round < 20 && open; ++round) {
        for (int i = 0; i < 200 && open; ++i, ++written)
            open = flooder.tryWrite(i % 2 ? audit : sanctions);
        bystander.roundTrips(1);
    }
    qInfo() << "flooded" << written << "requests in" << clock.elapsed() << "ms; flooder"
            << (open ? "still connected" : "closed");
    QVERIFY(!bystander.timedOut);
    QVERIFY2(bystander.worst() < 2000, qPrintable(u"worst ack %1 ms"_s.arg(bystander.worst())));
    bystander.roundTrips(5);
    QVERIFY(!bystander.timedOut);
    QCOMPARE(ana->disconnects, 0);
    QCOMPARE(boss->disconnects, 0);
}

QTEST_MAIN(tst_ModerationTools)
#include "tst_moderationtools.moc"
