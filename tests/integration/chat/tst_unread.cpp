// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Read markers, unread counts, presence status and people search on the wire (issue 22): what
// a person sees after signing in (what arrived while away, direct messages and mentions
// included), reading on one connection clearing the count on the others, marks that survive a
// restart and are written in batches, status shown to room mates, and people paged by name.

#include "core/chat/hub.h"
#include "core/monitorviews.h"
#include "fixtures.h"
#include "protocol/messagecodec.h"

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::protocol;
using sori::server::ServerConfig;
using sori::test::RawClient;

namespace {

// A sori.v1 connection that decodes everything it receives, for the messages ChatClient has no
// signal for.
class Wire
{
public:
    bool open(const QUrl &url) { return m_raw.open(url, {QString::fromLatin1(Subprotocol)}); }
    void send(const ClientMessage &message)
    {
        m_raw.socket.sendTextMessage(QString::fromUtf8(MessageCodec::encode(message)));
    }
    // Every server message received so far, in order.
    QList<ServerMessage> received() const { return test::decodeAll(m_raw.texts); }
    template<typename T>
    QList<T> all() const
    {
        QList<T> found;
        for (const ServerMessage &message : received()) {
            if (const auto *m = std::get_if<T>(&message))
                found.append(*m);
        }
        return found;
    }
    // Waits (up to 10 s) for the first message of type T that satisfies the predicate.
    template<typename T, typename Predicate>
    std::optional<T> waitFor(Predicate predicate, int timeoutMs = 10'000)
    {
        std::optional<T> found;
        [[maybe_unused]] const bool ok = QTest::qWaitFor(
            [&] {
                for (const T &m : all<T>()) {
                    if (predicate(m)) {
                        found = m;
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
        return found;
    }
    template<typename T>
    std::optional<T> waitFor()
    {
        return waitFor<T>([](const T &) { return true; });
    }
    std::optional<Error> errorFor(const QString &id)
    {
        return waitFor<Error>([&](const Error &e) { return e.id == id; }, 5000);
    }
    bool joined(const QString &room)
    {
        return waitFor<Joined>([&](const Joined &j) { return j.room == room; }).has_value();
    }
    bool acked(const QString &id)
    {
        return waitFor<Ack>([&](const Ack &a) { return a.id == id; }).has_value();
    }
    qsizetype frames() const { return m_raw.texts.size(); }
    void close() { m_raw.socket.close(); }
    // The network drops: no close frame, so the server keeps the session through its grace period.
    void drop() { m_raw.socket.abort(); }
    bool isOpen() const { return !m_raw.closed; }

private:
    RawClient m_raw;
};

// An account signed in on a new connection (password: its name and " password"); null if not.
std::unique_ptr<Wire> signIn(const QUrl &url, const QString &name)
{
    auto wire = std::make_unique<Wire>();
    if (!wire->open(url))
        return {};
    wire->send(Login{u"in"_s, Version, name, name + u" password"_s, {}, ClientKind::Other});
    if (!wire->waitFor<Welcome>())
        return {};
    return wire;
}

// A guest (coming back with `resume`, the key of an earlier welcome, if given).
std::unique_ptr<Wire> guestIn(const QUrl &url, const QString &name, const QString &resume = {})
{
    auto wire = std::make_unique<Wire>();
    if (!wire->open(url))
        return {};
    wire->send(Hello{u"in"_s, Version, name, ClientKind::Other, resume});
    if (!wire->waitFor<Welcome>())
        return {};
    return wire;
}

// The unread entry for `room` in the first `unread` event, waiting for it.
std::optional<UnreadRoom> unreadIn(Wire &wire, const QString &room)
{
    const auto event = wire.waitFor<UnreadEvent>();
    if (!event)
        return std::nullopt;
    for (const UnreadRoom &entry : event->rooms) {
        if (entry.room == room)
            return entry;
    }
    return std::nullopt;
}

template<typename T, typename Predicate>
qsizetype countOf(const QList<T> &list, Predicate predicate)
{
    return std::count_if(list.cbegin(), list.cend(), predicate);
}

// Sends texts to a room and waits for their acks; the seq of the last.
qint64 say(Wire &wire, const QString &room, const QStringList &texts)
{
    static int next = 0;
    QString id;
    for (const QString &text : texts) {
        id = u"s%1"_s.arg(++next);
        wire.send(Send{id, room, text, {}});
    }
    const auto ack = wire.waitFor<Ack>([&](const Ack &a) { return a.id == id; });
    return ack ? ack->seq : -1;
}

} // namespace

class tst_Unread : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();

    void unreadAfterSignInCountsWhatWasMissed();
    void aFirstJoinMarksEverythingBeforeAsRead();
    void readOnOneConnectionClearsTheOthers();
    void leavingStopsFollowing();
    void guestsHaveMarksForTheirSession();
    void aGuestComingBackIsToldWhatItMissed();
    void marksSurviveARestart();
    void manyReadsAreOneWrite();
    void statusIsShownToRoomMates();
    void findPeoplePagesByName();
    void findPeopleRefusesBadInput();

private:
    // A new data directory with these accounts (members; a name after "mod:" a moderator).
    void startWith(const QStringList &accounts, const test::Configure &configure = {})
    {
        QList<std::pair<QString, Role>> list;
        for (const QString &name : accounts) {
            if (name.startsWith(u"mod:"))
                list.append({name.mid(4), Role::Moderator});
            else
                list.append({name, Role::Member});
        }
        newDataDir(list);
        startServer(configure);
    }
};

void tst_Unread::cleanup()
{
    m_server.reset();
}

void tst_Unread::unreadAfterSignInCountsWhatWasMissed()
{
    startWith({u"ana"_s, u"mod:ben"_s});
    {
        auto ana = signIn(url(), u"ana"_s);
        QVERIFY(ana);
        ana->send(Join{u"j"_s, u"lobby"_s});
        QVERIFY(ana->joined(u"lobby"_s));
        QVERIFY(say(*ana, u"lobby"_s, {u"bye for now"_s}) > 0);
        ana->close();
    }
    auto ben = signIn(url(), u"ben"_s);
    QVERIFY(ben);
    ben->send(Join{u"j"_s, u"lobby"_s});
    QVERIFY(ben->joined(u"lobby"_s));
    // Three messages for ana to read, one of which mentions her, and one that is deleted.
    QVERIFY(say(*ben, u"lobby"_s, {u"first"_s, u"@ana look at this"_s, u"third"_s}) > 0);
    const qint64 gone = say(*ben, u"lobby"_s, {u"a typo"_s});
    QVERIFY(gone > 0);
    ben->send(DeleteMessage{u"d"_s, u"lobby"_s, gone});
    QVERIFY(ben->waitFor<Done>([](const Done &d) { return d.id == u"d"; }));
    // A direct message while she is offline: a conversation she has never opened.
    ben->send(Direct{u"dm"_s, u"ana"_s, u"are you there?"_s, {}});
    QVERIFY(ben->acked(u"dm"_s));

    auto ana = signIn(url(), u"ana"_s);
    QVERIFY(ana);
    const auto lobby = unreadIn(*ana, u"lobby"_s);
    QVERIFY(lobby);
    QCOMPARE(lobby->kind, RoomKind::Public);
    QCOMPARE(lobby->unread, 3); // ben's, not her own, not the deleted one
    QCOMPARE(lobby->mentions, 1);
    QVERIFY(lobby->seq >= gone);
    QVERIFY(lobby->read < lobby->seq);
    const QString dm = server::Hub::directRoomName(u"ana"_s, u"ben"_s);
    const auto direct = unreadIn(*ana, dm);
    QVERIFY(direct);
    QCOMPARE(direct->kind, RoomKind::Direct);
    QCOMPARE(direct->unread, 1);
    QCOMPARE(direct->read, 0);
    // The event comes after the welcome.
    const QList<ServerMessage> frames = ana->received();
    const auto indexOf = [&frames](auto pick) {
        for (qsizetype i = 0; i < frames.size(); ++i) {
            if (pick(frames[i]))
                return i;
        }
        return qsizetype(-1);
    };
    QVERIFY(
        indexOf([](const ServerMessage &m) { return std::holds_alternative<Welcome>(m); })
        < indexOf([](const ServerMessage &m) { return std::holds_alternative<UnreadEvent>(m); }));
    // Joining the room tells her where she stopped reading.
    ana->send(Join{u"j2"_s, u"lobby"_s});
    const auto joined = ana->waitFor<Joined>([](const Joined &j) { return j.room == u"lobby"; });
    QVERIFY(joined);
    QCOMPARE(joined->read, lobby->read);
}

void tst_Unread::aFirstJoinMarksEverythingBeforeAsRead()
{
    startWith({u"ana"_s, u"carl"_s});
    auto ana = signIn(url(), u"ana"_s);
    QVERIFY(ana);
    ana->send(Join{u"j"_s, u"team"_s});
    QVERIFY(ana->joined(u"team"_s));
    const qint64 last = say(*ana, u"team"_s, {u"one"_s, u"two"_s, u"three"_s});
    QVERIFY(last > 0);
    auto carl = signIn(url(), u"carl"_s);
    QVERIFY(carl);
    // Not yet in the room: not followed, not counted.
    QVERIFY(carl->waitFor<UnreadEvent>());
    QVERIFY(!unreadIn(*carl, u"team"_s));
    carl->send(Join{u"j"_s, u"team"_s});
    const auto joined = carl->waitFor<Joined>([](const Joined &j) { return j.room == u"team"; });
    QVERIFY(joined);
    QCOMPARE(joined->read, last);
    carl->close();
    auto again = signIn(url(), u"carl"_s);
    QVERIFY(again);
    const auto team = unreadIn(*again, u"team"_s);
    QVERIFY(team);
    QCOMPARE(team->unread, 0);
    QCOMPARE(team->read, last);
}

void tst_Unread::readOnOneConnectionClearsTheOthers()
{
    startWith({u"ana"_s, u"ben"_s});
    auto desk = signIn(url(), u"ana"_s);
    auto phone = signIn(url(), u"ana"_s);
    auto ben = signIn(url(), u"ben"_s);
    QVERIFY(desk && phone && ben);
    for (Wire *wire : {desk.get(), phone.get(), ben.get()}) {
        wire->send(Join{u"j"_s, u"lobby"_s});
        QVERIFY(wire->joined(u"lobby"_s));
    }
    const qint64 last = say(*ben, u"lobby"_s, {u"one"_s, u"two"_s, u"three"_s, u"four"_s});
    QVERIFY(last > 0);
    QVERIFY(desk->waitFor<MessageEvent>([&](const MessageEvent &m) { return m.seq == last; }));

    desk->send(MarkRead{{}, u"lobby"_s, last - 1});
    const auto told =
        phone->waitFor<ReadMarker>([](const ReadMarker &r) { return r.room == u"lobby"; });
    QVERIFY(told);
    QCOMPARE(told->seq, last - 1);
    // Not above the mark: nothing happens. Then the last one.
    desk->send(MarkRead{{}, u"lobby"_s, last - 2});
    desk->send(MarkRead{{}, u"lobby"_s, last});
    QVERIFY(phone->waitFor<ReadMarker>([&](const ReadMarker &r) { return r.seq == last; }));
    QCOMPARE(phone->all<ReadMarker>().size(), 2);
    // The reader is not told what it did itself, nor is anybody else.
    QVERIFY(desk->all<ReadMarker>().isEmpty());
    QVERIFY(ben->all<ReadMarker>().isEmpty());
    // A seq past the room's last is the last; a room not joined is ignored.
    desk->send(MarkRead{{}, u"lobby"_s, last + 100});
    desk->send(MarkRead{{}, u"elsewhere"_s, 5});
    // Whatever those reads told the phone comes before the phone's own answer to a request made
    // after them (one connection's frames keep their order; the hub decides in turn).
    desk->send(Whois{u"barrier"_s, u"ben"_s});
    QVERIFY(desk->waitFor<UserInfo>([](const UserInfo &u) { return u.id == u"barrier"; }));
    phone->send(Whois{u"barrier"_s, u"ben"_s});
    QVERIFY(phone->waitFor<UserInfo>([](const UserInfo &u) { return u.id == u"barrier"; }));
    QCOMPARE(phone->all<ReadMarker>().size(), 2);
    QVERIFY(desk->isOpen());

    // A new sign-in sees it read.
    auto laptop = signIn(url(), u"ana"_s);
    QVERIFY(laptop);
    const auto lobby = unreadIn(*laptop, u"lobby"_s);
    QVERIFY(lobby);
    QCOMPARE(lobby->read, last);
    QCOMPARE(lobby->unread, 0);
    QCOMPARE(lobby->mentions, 0);
}

void tst_Unread::leavingStopsFollowing()
{
    startWith({u"ana"_s, u"ben"_s});
    auto ana = signIn(url(), u"ana"_s);
    auto ben = signIn(url(), u"ben"_s);
    QVERIFY(ana && ben);
    for (Wire *wire : {ana.get(), ben.get()}) {
        wire->send(Join{u"j"_s, u"team"_s});
        QVERIFY(wire->joined(u"team"_s));
    }
    ana->send(Leave{u"l"_s, u"team"_s});
    QVERIFY(ana->waitFor<Left>());
    QVERIFY(say(*ben, u"team"_s, {u"after she left"_s}) > 0);
    ana->close();
    auto back = signIn(url(), u"ana"_s);
    QVERIFY(back);
    QVERIFY(back->waitFor<UnreadEvent>());
    QVERIFY(!unreadIn(*back, u"team"_s));
    QCOMPARE(query(u"SELECT COUNT(*) FROM read_markers k JOIN rooms r ON r.id = k.room_id"
                   " JOIN accounts a ON a.id = k.account_id"
                   " WHERE r.name = 'team' AND a.name = 'ana'"_s)
                 .toInt(),
             0);
}

void tst_Unread::guestsHaveMarksForTheirSession()
{
    startServerOnNewData();
    auto guest = guestIn(url(), u"visitor"_s);
    auto other = guestIn(url(), u"other"_s);
    QVERIFY(guest && other);
    // A new guest follows nothing: it gets no unread event.
    QVERIFY(!guest->waitFor<UnreadEvent>([](const UnreadEvent &) { return true; }, 300));
    for (Wire *wire : {guest.get(), other.get()}) {
        wire->send(Join{u"j"_s, u"lobby"_s});
        QVERIFY(wire->joined(u"lobby"_s));
    }
    const qint64 last = say(*other, u"lobby"_s, {u"one"_s, u"two"_s});
    QVERIFY(last > 0);
    // The guest's mark is kept for its session: joining again (a second join answers with the
    // room as it is) shows it.
    guest->send(MarkRead{{}, u"lobby"_s, last - 1});
    guest->send(Join{u"j2"_s, u"lobby"_s});
    const auto again = guest->waitFor<Joined>([](const Joined &j) { return j.id == u"j2"; });
    QVERIFY(again);
    QCOMPARE(again->read, last - 1);
    // Leaving forgets it: the next join marks everything read again.
    guest->send(Leave{u"l"_s, u"lobby"_s});
    QVERIFY(guest->waitFor<Left>());
    guest->send(Join{u"j3"_s, u"lobby"_s});
    const auto back = guest->waitFor<Joined>([](const Joined &j) { return j.id == u"j3"; });
    QVERIFY(back);
    QCOMPARE(back->read, last);
    QVERIFY(guest->isOpen());
}

void tst_Unread::aGuestComingBackIsToldWhatItMissed()
{
    startWith({u"ana"_s});
    auto kim = guestIn(url(), u"kim"_s);
    auto ana = signIn(url(), u"ana"_s);
    auto bo = guestIn(url(), u"bo"_s);
    QVERIFY(kim && ana && bo);
    const auto welcome = kim->waitFor<Welcome>();
    QVERIFY(welcome && !welcome->resume.isEmpty());
    for (Wire *wire : {kim.get(), ana.get(), bo.get()}) {
        wire->send(Join{u"j"_s, u"lobby"_s});
        QVERIFY(wire->joined(u"lobby"_s));
    }
    // Kim reads what was there, then says something herself (to herself too: her own mention
    // is not one for her).
    const qint64 read = say(*ana, u"lobby"_s, {u"welcome, kim"_s});
    QVERIFY(read > 0);
    QVERIFY(kim->waitFor<MessageEvent>([&](const MessageEvent &m) { return m.seq == read; }));
    kim->send(MarkRead{{}, u"lobby"_s, read});
    QVERIFY(say(*kim, u"lobby"_s, {u"thanks!"_s, u"@kim remember the milk"_s}) > read);
    QVERIFY(say(*ana, u"lobby"_s, {u"one"_s}) > 0);
    // The network drops; the others go on, one of them calling her by name.
    kim->drop();
    QTRY_COMPARE(m_server->hub()->onlineCount(), 2); // the server saw it: listed, not online
    QVERIFY(say(*bo, u"lobby"_s, {u"@Kim are you there?"_s, u"two"_s}) > 0);
    const qint64 deleted = say(*ana, u"lobby"_s, {u"a typo"_s});
    QVERIFY(deleted > 0);
    ana->send(DeleteMessage{u"d"_s, u"lobby"_s, deleted});
    QVERIFY(ana->waitFor<Done>([](const Done &d) { return d.id == u"d"; }));
    const qint64 last = say(*ana, u"lobby"_s, {u"three"_s});
    QVERIFY(last > deleted);

    // Back with her key (within the grace period): the unread event after the welcome, as an
    // account gets after a sign-in.
    auto back = guestIn(url(), u"kim"_s, welcome->resume);
    QVERIFY(back);
    const auto lobby = unreadIn(*back, u"lobby"_s);
    QVERIFY(lobby);
    QCOMPARE(back->all<UnreadEvent>().first().rooms.size(), 1);
    QCOMPARE(lobby->kind, RoomKind::Public);
    QCOMPARE(lobby->read, read);
    QCOMPARE(lobby->seq, last);
    // ana's "one" and "three", bo's two: not her own two, not the deleted one.
    QCOMPARE(lobby->unread, 4);
    QCOMPARE(lobby->mentions, 1);
    const QList<ServerMessage> frames = back->received();
    QVERIFY(std::holds_alternative<Welcome>(frames.first()));
    // Rejoining shows the same mark.
    back->send(Join{u"j2"_s, u"lobby"_s});
    const auto joined = back->waitFor<Joined>([](const Joined &j) { return j.id == u"j2"; });
    QVERIFY(joined);
    QCOMPARE(joined->read, read);

    // Signed out (a close, no grace period): the session and its marks are gone. The key is
    // forgotten; the name is free again and given back as to a new guest, with nothing unread.
    back->close();
    QTRY_COMPARE(m_server->hub()->onlineCount(), 2);
    auto later = guestIn(url(), u"kim"_s, welcome->resume);
    QVERIFY(later);
    QVERIFY(!later->waitFor<UnreadEvent>([](const UnreadEvent &) { return true; }, 300));
}

void tst_Unread::marksSurviveARestart()
{
    // No flush by the timer: only the one when the server stops.
    const auto configure = [](ServerConfig &config) { config.readFlushMs = 60'000; };
    startWith({u"ana"_s, u"ben"_s}, configure);
    auto ana = signIn(url(), u"ana"_s);
    auto ben = signIn(url(), u"ben"_s);
    QVERIFY(ana && ben);
    for (Wire *wire : {ana.get(), ben.get()}) {
        wire->send(Join{u"j"_s, u"lobby"_s});
        QVERIFY(wire->joined(u"lobby"_s));
    }
    const qint64 last = say(*ben, u"lobby"_s, {u"one"_s, u"two"_s, u"three"_s});
    QVERIFY(last > 0);
    ana->send(MarkRead{{}, u"lobby"_s, last - 1});
    // The mark is in; it is written when the server stops.
    auto phone = signIn(url(), u"ana"_s);
    QVERIFY(phone);
    QCOMPARE(unreadIn(*phone, u"lobby"_s)->read, last - 1);
    ana.reset();
    ben.reset();
    phone.reset();
    startServer(configure); // stops the running one first

    auto back = signIn(url(), u"ana"_s);
    QVERIFY(back);
    const auto lobby = unreadIn(*back, u"lobby"_s);
    QVERIFY(lobby);
    QCOMPARE(lobby->read, last - 1);
    QCOMPARE(lobby->unread, 1);
}

void tst_Unread::manyReadsAreOneWrite()
{
    // Reads as fast as a client can send them (typing's budget raised for it).
    const auto configure = [](ServerConfig &config) {
        config.readFlushMs = 60'000;
        config.typingRate = {600'000, 10'000};
    };
    startWith({u"ana"_s, u"ben"_s}, configure);
    auto ana = signIn(url(), u"ana"_s);
    auto phone = signIn(url(), u"ana"_s);
    auto ben = signIn(url(), u"ben"_s);
    QVERIFY(ana && phone && ben);
    for (Wire *wire : {ana.get(), phone.get(), ben.get()}) {
        wire->send(Join{u"j"_s, u"lobby"_s});
        QVERIFY(wire->joined(u"lobby"_s));
    }
    QStringList texts;
    for (int i = 0; i < 200; ++i)
        texts.append(u"message %1"_s.arg(i));
    const qint64 last = say(*ben, u"lobby"_s, texts);
    QVERIFY(last >= 200);
    server::ReadMarks &marks = m_server->hub()->readMarks();
    const quint64 before = marks.flushes();
    for (qint64 seq = last - 199; seq <= last; ++seq)
        ana->send(MarkRead{{}, u"lobby"_s, seq});
    QVERIFY(phone->waitFor<ReadMarker>([&](const ReadMarker &r) { return r.seq == last; }));
    QCOMPARE(phone->all<ReadMarker>().size(), 200);
    QCOMPARE(marks.flushes(), before); // nothing written yet
    marks.flush();
    QCOMPARE(marks.flushes(), before + 1); // 200 reads, one write
    const QString markOf = u"SELECT k.seq FROM read_markers k JOIN rooms r ON r.id = k.room_id"
                           " JOIN accounts a ON a.id = k.account_id"
                           " WHERE r.name = 'lobby' AND a.name = 'ana'"_s;
    QTRY_COMPARE(query(markOf).toLongLong(), last);
    marks.flush(); // nothing new: no write
    QCOMPARE(marks.flushes(), before + 1);

    // With a short interval the timer writes them by itself.
    startServer([](ServerConfig &config) { config.readFlushMs = 50; });
    auto again = signIn(url(), u"ana"_s);
    auto benAgain = signIn(url(), u"ben"_s);
    QVERIFY(again && benAgain);
    for (Wire *wire : {again.get(), benAgain.get()}) {
        wire->send(Join{u"j"_s, u"lobby"_s});
        QVERIFY(wire->joined(u"lobby"_s));
    }
    const qint64 newest = say(*benAgain, u"lobby"_s, {u"one more"_s});
    QVERIFY(again->waitFor<MessageEvent>([&](const MessageEvent &m) { return m.seq == newest; }));
    again->send(MarkRead{{}, u"lobby"_s, newest});
    QTRY_COMPARE(query(markOf).toLongLong(), newest);
}

void tst_Unread::statusIsShownToRoomMates()
{
    startWith({u"ana"_s});
    auto ana = signIn(url(), u"ana"_s);
    auto phone = signIn(url(), u"ana"_s);
    auto bob = guestIn(url(), u"bob"_s);
    QVERIFY(ana && phone && bob);
    for (Wire *wire : {ana.get(), phone.get(), bob.get()}) {
        wire->send(Join{u"j"_s, u"lobby"_s});
        QVERIFY(wire->joined(u"lobby"_s));
    }
    ana->send(SetStatus{u"st"_s, PresenceStatus::Away});
    const auto done = ana->waitFor<Done>([](const Done &d) { return d.id == u"st"; });
    QVERIFY(done);
    QCOMPARE(done->action, u"status"_s);
    const auto isAway = [](const PresenceEvent &p) {
        return p.change == PresenceChange::Status && p.member.name == u"ana"
            && p.member.status == PresenceStatus::Away;
    };
    QVERIFY(bob->waitFor<PresenceEvent>(isAway));
    QVERIFY(phone->waitFor<PresenceEvent>(isAway)); // her other connection too
    // Once per room, however many connections she has in it. (Anything the hub sent bob for
    // it comes before bob's answer to a request he makes after it.)
    const auto barrier = [&bob](const QString &id) {
        bob->send(Whois{id, u"ana"_s});
        return bob->waitFor<UserInfo>([&id](const UserInfo &u) { return u.id == id; }).has_value();
    };
    QVERIFY(barrier(u"b1"_s));
    QCOMPARE(countOf(bob->all<PresenceEvent>(), isAway), 1);
    // Setting it again tells nobody anything new.
    ana->send(SetStatus{u"st2"_s, PresenceStatus::Away});
    QVERIFY(ana->waitFor<Done>([](const Done &d) { return d.id == u"st2"; }));
    QVERIFY(barrier(u"b2"_s));
    QCOMPARE(countOf(bob->all<PresenceEvent>(), isAway), 1);

    // whois, a member list, the server window.
    bob->send(Whois{u"w"_s, u"ana"_s});
    const auto user = bob->waitFor<UserInfo>();
    QVERIFY(user);
    QCOMPARE(user->status, PresenceStatus::Away);
    auto carol = guestIn(url(), u"carol"_s);
    QVERIFY(carol);
    carol->send(Join{u"j"_s, u"lobby"_s});
    const auto joined = carol->waitFor<Joined>();
    QVERIFY(joined);
    const auto listed = std::find_if(joined->members.cbegin(), joined->members.cend(),
                                     [](const Member &m) { return m.name == u"ana"; });
    QVERIFY(listed != joined->members.cend());
    QCOMPARE(listed->status, PresenceStatus::Away);
    const auto bobListed = std::find_if(joined->members.cbegin(), joined->members.cend(),
                                        [](const Member &m) { return m.name == u"bob"; });
    QVERIFY(bobListed != joined->members.cend());
    QCOMPARE(bobListed->status, PresenceStatus::Online);
    const auto views = m_server->hub()->sessionViews();
    for (const server::SessionView &view : views)
        QCOMPARE(view.status, view.name == u"ana" ? PresenceStatus::Away : PresenceStatus::Online);

    // Do not disturb, then back.
    phone->send(SetStatus{u"st3"_s, PresenceStatus::Dnd});
    QVERIFY(bob->waitFor<PresenceEvent>([](const PresenceEvent &p) {
        return p.change == PresenceChange::Status && p.member.status == PresenceStatus::Dnd;
    }));
    ana->send(SetStatus{u"st4"_s, PresenceStatus::Online});
    QVERIFY(carol->waitFor<PresenceEvent>([](const PresenceEvent &p) {
        return p.change == PresenceChange::Status && p.member.name == u"ana"
            && p.member.status == PresenceStatus::Online;
    }));

    // A status is not kept once the person is offline.
    phone->send(SetStatus{u"st5"_s, PresenceStatus::Away});
    QVERIFY(phone->waitFor<Done>([](const Done &d) { return d.id == u"st5"; }));
    ana->close();
    phone->close();
    QVERIFY(bob->waitFor<PresenceEvent>([](const PresenceEvent &p) {
        return p.change == PresenceChange::Left && p.member.name == u"ana";
    }));
    auto back = signIn(url(), u"ana"_s);
    QVERIFY(back);
    back->send(Whois{u"w2"_s, u"ana"_s});
    const auto self = back->waitFor<UserInfo>();
    QVERIFY(self);
    QCOMPARE(self->status, PresenceStatus::Online);
}

void tst_Unread::findPeoplePagesByName()
{
    startWith({u"alpha"_s, u"Bravo"_s, u"charlie"_s, u"delta"_s, u"echo"_s, u"foxtrot"_s});
    auto alpha = signIn(url(), u"alpha"_s);
    QVERIFY(alpha);
    alpha->send(SetStatus{u"st"_s, PresenceStatus::Dnd});
    {
        auto delta = signIn(url(), u"delta"_s);
        QVERIFY(delta);
        delta->close();
    } // delta has been online: last seen now
    QTRY_VERIFY(m_server->hub()->onlineCount() == 1);
    auto guest = guestIn(url(), u"someone"_s);
    QVERIFY(guest);

    // Everybody, two at a time, in name order whatever the case.
    QStringList names;
    QString after;
    int pages = 0;
    for (;;) {
        const QString id = u"p%1"_s.arg(++pages);
        guest->send(FindPeople{id, {}, after, 2});
        const auto page = guest->waitFor<People>([&](const People &p) { return p.id == id; });
        QVERIFY(page);
        QVERIFY(page->people.size() <= 2);
        for (const Person &person : page->people)
            names.append(person.name);
        if (!page->more)
            break;
        after = page->people.constLast().name;
        QVERIFY(pages < 10);
    }
    QCOMPARE(
        names,
        (QStringList{u"alpha"_s, u"Bravo"_s, u"charlie"_s, u"delta"_s, u"echo"_s, u"foxtrot"_s}));
    QCOMPARE(pages, 3);

    // A part of a name, in any case; with who is online and their status.
    guest->send(FindPeople{u"q"_s, u"RAV"_s, {}, 0});
    const auto bravo = guest->waitFor<People>([](const People &p) { return p.id == u"q"; });
    QVERIFY(bravo);
    QCOMPARE(bravo->people.size(), 1);
    QCOMPARE(bravo->people.first().name, u"Bravo"_s);
    QCOMPARE(bravo->people.first().online, false);
    QCOMPARE(bravo->people.first().lastSeen, 0); // never
    QVERIFY(!bravo->more);
    guest->send(FindPeople{u"q2"_s, u"a"_s, {}, 0});
    const auto withA = guest->waitFor<People>([](const People &p) { return p.id == u"q2"; });
    QVERIFY(withA);
    QCOMPARE(withA->people.size(), 4); // alpha, Bravo, charlie, delta
    QCOMPARE(withA->people.at(0).online, true);
    QCOMPARE(withA->people.at(0).status, PresenceStatus::Dnd);
    QCOMPARE(withA->people.at(0).role, Role::Member);
    QCOMPARE(withA->people.at(3).name, u"delta"_s);
    QCOMPARE(withA->people.at(3).online, false);
    QVERIFY(withA->people.at(3).lastSeen > QDateTime::currentMSecsSinceEpoch() - 60'000);
    // Guests are not people to look up; a name nobody has finds nobody.
    guest->send(FindPeople{u"q3"_s, u"someone"_s, {}, 0});
    const auto none = guest->waitFor<People>([](const People &p) { return p.id == u"q3"; });
    QVERIFY(none);
    QVERIFY(none->people.isEmpty());
    QVERIFY(!none->more);
}

void tst_Unread::findPeopleRefusesBadInput()
{
    startServerOnNewData([](ServerConfig &config) { config.peoplePage = 10; });
    auto guest = guestIn(url(), u"someone"_s);
    QVERIFY(guest);
    guest->send(FindPeople{u"big"_s, {}, {}, 11});
    const auto tooMany = guest->errorFor(u"big"_s);
    QVERIFY(tooMany);
    QCOMPARE(tooMany->code, ErrorCode::BadField);
    guest->send(FindPeople{u"edge"_s, {}, {}, 10});
    QVERIFY(guest->waitFor<People>([](const People &p) { return p.id == u"edge"; }));
    guest->send(FindPeople{u"long"_s, QString(33, u'a'), {}, 0});
    const auto tooLong = guest->errorFor(u"long"_s);
    QVERIFY(tooLong);
    QCOMPARE(tooLong->code, ErrorCode::BadField);
}

QTEST_MAIN(tst_Unread)
#include "tst_unread.moc"
