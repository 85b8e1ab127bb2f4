// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
//
// The hand-written encoder and the decoder's fast path against the QJsonDocument code they
// replace: the same bytes out, the same messages and errors in, over generated values.
#include "protocol/messagecodec.h"
#include "protocol/messagecodec_p.h"
#include "tests/support/referencecodec/referencecodec.h"

#include <QtCore/QRandomGenerator>
#include <QtTest/QTest>

#include <limits>

using namespace Qt::StringLiterals;
using namespace sori::protocol;

namespace {

constexpr qint64 TwoTo53 = qint64(1) << 53;

class Generator
{
public:
    explicit Generator(quint32 seed) : m_random(seed) { }

    int bounded(int n) { return int(m_random.bounded(n)); }
    bool chance(int percent) { return bounded(100) < percent; }
    // How often (per mille) text() makes a very long string.
    void setLongPerMille(int perMille) { m_longPerMille = perMille; }

    // Text with everything a JSON writer must get right, and plain text most of the time.
    // loneSurrogates: may hold surrogates that are not half of a pair.
    QString text(int maxLength = 24, bool loneSurrogates = true)
    {
        int length = bounded(maxLength + 1);
        if (bounded(1000) < m_longPerMille)
            length = 1000 + bounded(70000); // very long
        if (chance(5))
            length = 0;
        QString s;
        s.reserve(length + 1);
        const int flavour = bounded(4); // 0: ASCII only, else anything
        while (s.size() < length) {
            if (flavour == 0) {
                s.append(QChar(char16_t(0x20 + bounded(0x5f))));
                continue;
            }
            switch (bounded(14)) {
            case 0:
                s.append(QChar(char16_t(bounded(0x20)))); // U+0000..U+001F
                break;
            case 1: {
                static constexpr char16_t specials[] = {u'"',   u'\\',  u'/',   0x7f,  0x2028,
                                                        0x2029, 0xfeff, 0xfffe, 0xffff};
                s.append(QChar(specials[bounded(std::size(specials))]));
                break;
            }
            case 2:
                s.append(QChar(char16_t(0x80 + bounded(0x780)))); // two UTF-8 bytes
                break;
            case 3:
                s.append(QChar(char16_t(0xac00 + bounded(11172)))); // Hangul
                break;
            case 4: { // outside the BMP: emoji and others
                const char32_t ucs4 =
                    chance(50) ? 0x1f600 + bounded(80) : 0x10000 + bounded(0x100000);
                s.append(QChar::highSurrogate(ucs4));
                s.append(QChar::lowSurrogate(ucs4));
                break;
            }
            case 5: // a lone surrogate
                if (loneSurrogates)
                    s.append(QChar(char16_t(0xd800 + bounded(0x800))));
                break;
            case 6: {
                static constexpr char16_t bmp[] = {0x800, 0xd7ff, 0xe000, 0xfdd0, 0x4e2d, 0x0416};
                s.append(QChar(bmp[bounded(std::size(bmp))]));
                break;
            }
            default:
                s.append(QChar(char16_t(0x20 + bounded(0x5f))));
                break;
            }
        }
        return s;
    }

    // Mostly short names, sometimes empty.
    QString word() { return chance(10) ? QString() : text(12); }

    qint64 integer()
    {
        static constexpr qint64 edges[] = {0,
                                           1,
                                           -1,
                                           9,
                                           10,
                                           -10,
                                           99,
                                           100,
                                           TwoTo53,
                                           -TwoTo53,
                                           TwoTo53 - 1,
                                           -TwoTo53 + 1,
                                           1764100000000,
                                           2147483647,
                                           -2147483648LL,
                                           4294967296LL};
        if (chance(30))
            return edges[bounded(std::size(edges))];
        const qint64 magnitude = qint64(m_random.bounded(quint64(TwoTo53) + 1));
        const int digits = bounded(17);
        qint64 value = magnitude;
        for (int i = 0; i < digits && value > 9; ++i)
            value /= 10;
        return chance(30) ? -value : value;
    }

    template<typename Enum>
    Enum pick(int count)
    {
        return Enum(bounded(count));
    }

    Member member() { return Member{word(), pick<ClientKind>(4), pick<PresenceStatus>(3)}; }

    QStringList words(int max)
    {
        QStringList list;
        const int count = bounded(max + 1);
        for (int i = 0; i < count; ++i)
            list.append(word());
        return list;
    }

    MessageEvent message()
    {
        MessageEvent m{word(),     integer(),     word(),
                       text(200),  integer(),     chance(50) ? QString() : word(),
                       chance(20), pick<Role>(4), chance(30)};
        if (chance(30))
            m.edited = integer();
        if (chance(30))
            m.replyTo = integer();
        if (chance(20))
            m.quote = Quote{word(), text(80), chance(20)};
        if (chance(20)) {
            const int count = 1 + bounded(4);
            for (int i = 0; i < count; ++i)
                m.reactions.append(Reaction{text(4), words(3)});
        }
        if (chance(20))
            m.mentions = words(3);
        if (chance(20)) {
            const int count = 1 + bounded(4);
            for (int i = 0; i < count; ++i) {
                const bool image = chance(50);
                m.attachments.append(Attachment{word(), text(40), word(), integer(),
                                                image ? int(bounded(5000)) : 0,
                                                image ? int(bounded(5000)) : 0, image});
            }
        }
        return m;
    }

    ServerMessage serverMessage(int kind)
    {
        switch (kind) {
        case 0: {
            Welcome m{word(),        int(integer() % 100000),
                      word(),        word(),
                      pick<Role>(4), chance(50) ? QString() : text(),
                      integer(),     chance(50) ? QString() : word()};
            const int rooms = chance(50) ? 0 : bounded(6);
            for (int i = 0; i < rooms; ++i)
                m.notify.append(NotifySetting{text(20), pick<NotifyLevel>(3)});
            return m;
        }
        case 1: {
            Joined m{word(),
                     word(),
                     integer(),
                     {},
                     pick<RoomKind>(4),
                     chance(50) ? QString() : text(),
                     chance(50) ? 0 : integer()};
            const int count = chance(5) ? 1000 : bounded(20);
            for (int i = 0; i < count; ++i)
                m.members.append(member());
            return m;
        }
        case 2:
            return Left{word(), word()};
        case 3:
            return Ack{word(), word(), integer(), chance(30) ? QString() : word()};
        case 4:
            return Error{word(),
                         pick<ErrorCode>(int(ErrorCode::TooManyReactions) + 1),
                         text(80),
                         chance(50) ? 0 : integer(),
                         chance(50) ? QString() : text(80),
                         chance(50) ? 0 : integer()};
        case 5:
            return message();
        case 6:
            return PresenceEvent{word(), pick<PresenceChange>(3), member(), pick<LeaveReason>(8)};
        case 7:
            return TypingEvent{word(), word(), chance(50)};
        case 8: {
            History m{word(), word(), {}, chance(50), chance(50)};
            const int count = bounded(12);
            for (int i = 0; i < count; ++i)
                m.messages.append(message());
            if (chance(30)) {
                const int changes = 1 + bounded(5);
                for (int i = 0; i < changes; ++i) {
                    switch (bounded(3)) {
                    case 0:
                        m.changes.append(EditedEvent{word(), integer(), integer(), text(80), word(),
                                                     integer(), words(2)});
                        break;
                    case 1:
                        m.changes.append(DeletedEvent{word(), integer(), word(), integer()});
                        break;
                    default:
                        m.changes.append(ReactionEvent{word(), integer(), integer(), word(),
                                                       text(4), chance(50)});
                        break;
                    }
                }
            }
            return m;
        }
        case 9:
            return LoggedOut{word()};
        case 10: {
            RoomList m{word(), {}, chance(50)};
            const int count = bounded(6);
            for (int i = 0; i < count; ++i)
                m.rooms.append(RoomInfo{word(), pick<RoomKind>(4), chance(50) ? QString() : text(),
                                        int(integer() % 1000000), chance(20)});
            return m;
        }
        case 11:
            return Invited{word(), word(), word(), chance(50) ? QString() : word()};
        case 12:
            return Done{word(), word()};
        case 13:
            return DeletedEvent{word(), integer(), word(), chance(50) ? 0 : integer()};
        case 14:
            return GapEvent{word(), integer(), integer(), pick<GapReason>(2)};
        case 15:
            return UserInfo{word(),     word(),    pick<Role>(4),
                            chance(50), integer(), pick<PresenceStatus>(3)};
        case 16:
            return RoomChangedEvent{word(),
                                    pick<RoomChange>(6),
                                    word(),
                                    chance(50) ? QString() : text(80),
                                    chance(50) ? QString() : text(80),
                                    word()};
        case 17:
            return SanctionEvent{pick<SanctionAction>(5),           word(),
                                 chance(50) ? QString() : text(80), chance(50) ? 0 : integer(),
                                 chance(50) ? QString() : word(),   pick<SanctionAction>(5)};
        case 18:
            return AnnouncementEvent{text(), integer(), word()};
        case 19:
            return EditedEvent{word(), integer(), integer(), text(200),
                               word(), integer(), words(3)};
        case 20:
            return ReactionEvent{word(), integer(), integer(), word(), text(4), chance(50)};
        case 21:
            return ReadMarker{word(), integer()};
        case 22: {
            UnreadEvent m{{}, chance(20)};
            const int count = bounded(8);
            for (int i = 0; i < count; ++i)
                m.rooms.append(UnreadRoom{word(), pick<RoomKind>(4), integer(), integer(),
                                          int(integer() % 100000), int(integer() % 100000)});
            return m;
        }
        case 23: {
            People m{word(), {}, chance(50)};
            const int count = bounded(8);
            for (int i = 0; i < count; ++i)
                m.people.append(
                    Person{word(), pick<Role>(4), chance(50), pick<PresenceStatus>(3), integer()});
            return m;
        }
        case 24: {
            SearchResults m{word(), {}, chance(50), chance(50) ? 0 : integer()};
            const int count = bounded(6);
            for (int i = 0; i < count; ++i)
                m.messages.append(message());
            return m;
        }
        case 25: {
            SanctionList m{word(), {}, chance(50), chance(50) ? QString() : text(80)};
            const int count = bounded(8);
            for (int i = 0; i < count; ++i)
                m.sanctions.append(
                    SanctionInfo{pick<SanctionAction>(5), chance(50) ? QString() : word(),
                                 chance(50) ? QString() : word(), chance(50) ? QString() : word(),
                                 chance(50) ? 0 : integer(), chance(50) ? QString() : text(80),
                                 word(), integer()});
            return m;
        }
        case 26: {
            AuditPage m{word(), {}, chance(50)};
            const int count = bounded(8);
            for (int i = 0; i < count; ++i)
                m.entries.append(AuditEntry{
                    integer(), integer(), word(), word(), chance(50) ? QString() : word(),
                    chance(50) ? QString() : word(), chance(50) ? QString() : text(80)});
            return m;
        }
        case 27:
            return RoleChangedEvent{pick<Role>(4), word()};
        case 28: {
            DeviceList m{word(), {}};
            const int count = bounded(8);
            for (int i = 0; i < count; ++i)
                m.devices.append(DeviceInfo{word(), pick<ClientKind>(4),
                                            chance(50) ? QString() : text(40), integer(), integer(),
                                            chance(30)});
            return m;
        }
        default:
            return SlowDown{pick<RateKind>(8), integer()};
        }
    }

private:
    QRandomGenerator m_random;
    int m_longPerMille = 30;
};

constexpr int ServerKinds = 30;

QString describe(const Decoded<ClientMessage> &decoded)
{
    if (!decoded.ok())
        return u"error %1 id=%2: %3"_s.arg(toWire(decoded.error().code), decoded.error().id,
                                           decoded.error().message);
    return u"ok (alternative %1)"_s.arg(decoded.message().index());
}

bool sameDecoding(const Decoded<ClientMessage> &a, const Decoded<ClientMessage> &b)
{
    if (a.ok() != b.ok())
        return false;
    if (a.ok())
        return a.message() == b.message();
    return a.error().code == b.error().code && a.error().id == b.error().id
        && a.error().message == b.error().message;
}

// Writes JSON by hand, with every liberty JSON allows: any key order, whitespace between tokens,
// escapes of any character, upper or lower case hex.
class FrameWriter
{
public:
    explicit FrameWriter(Generator &g) : m_g(g) { }

    QByteArray space()
    {
        QByteArray s;
        if (m_g.chance(80))
            return s;
        const int n = 1 + m_g.bounded(3);
        for (int i = 0; i < n; ++i)
            s += " \t\n\r"[m_g.bounded(4)];
        return s;
    }

    static QByteArray hex4(char16_t unit, bool upper)
    {
        QByteArray h = QByteArray::number(unit, 16).rightJustified(4, '0');
        return "\\u" + (upper ? h.toUpper() : h);
    }

    // `plain`: false when the string needs what the fast path leaves to the reference path.
    QByteArray string(const QString &s, bool *plain)
    {
        QByteArray out = "\"";
        const int style = m_g.bounded(3); // 0: minimal escaping, 1: some escapes, 2: many
        for (qsizetype i = 0; i < s.size(); ++i) {
            const char16_t u = s.at(i).unicode();
            const bool pair =
                QChar::isHighSurrogate(u) && i + 1 < s.size() && s.at(i + 1).isLowSurrogate();
            const bool escape = style == 2 ? m_g.chance(70) : style == 1 ? m_g.chance(10) : false;
            if (pair) {
                const char16_t low = s.at(++i).unicode();
                if (escape) {
                    out += hex4(u, m_g.chance(50)) + hex4(low, m_g.chance(50));
                } else {
                    out += QStringView(s).mid(i - 1, 2).toUtf8();
                }
                continue;
            }
            if (QChar::isSurrogate(u)) { // only as an escape
                out += hex4(u, m_g.chance(50));
                *plain = false;
                continue;
            }
            if (u == u'"' || u == u'\\') {
                out += m_g.chance(80) ? QByteArray("\\") + char(u) : hex4(u, false);
                continue;
            }
            if (u < 0x20) {
                if (m_oddStrings && m_g.chance(20)) { // raw: only QJsonDocument takes it
                    out += char(u);
                    *plain = false;
                    continue;
                }
                switch (u) {
                case 0x08:
                    out += m_g.chance(50) ? "\\b" : hex4(u, false);
                    break;
                case 0x09:
                    out += m_g.chance(50) ? "\\t" : hex4(u, false);
                    break;
                case 0x0a:
                    out += m_g.chance(50) ? "\\n" : hex4(u, false);
                    break;
                case 0x0c:
                    out += m_g.chance(50) ? "\\f" : hex4(u, false);
                    break;
                case 0x0d:
                    out += m_g.chance(50) ? "\\r" : hex4(u, false);
                    break;
                default:
                    out += hex4(u, m_g.chance(50));
                    break;
                }
                continue;
            }
            if (u == u'/' && escape) {
                out += "\\/";
                continue;
            }
            out += escape ? hex4(u, m_g.chance(50)) : QStringView(s).mid(i, 1).toUtf8();
        }
        return out + "\"";
    }

    struct Frame
    {
        QByteArray json;
        bool plain = true; // within what the fast path reads
    };

    // A "send" or "typing" frame, with optional extra fields.
    Frame clientFrame()
    {
        Frame frame;
        using KeyValue = QPair<QByteArray, QByteArray>;
        QList<KeyValue> fields;
        const bool send = m_g.chance(70);
        fields.append(KeyValue("type", send ? "\"send\"" : "\"typing\""));
        const auto addString = [&](const char *key, QString value) {
            fields.append(KeyValue(key, string(value, &frame.plain)));
        };
        // Mostly within the limits; sometimes not.
        const auto limited = [&](int limit) {
            QString s = m_g.text(limit, m_oddStrings);
            if (m_g.chance(5))
                s = QString(limit + 1 - (m_g.chance(50) ? 1 : 0), u'x');
            return s;
        };
        if (m_g.chance(80))
            addString("id", limited(MaxIdLength));
        else if (m_g.chance(50))
            fields.append(KeyValue("id", "null"));
        if (m_g.chance(97))
            addString("room", limited(MaxRoomLength));
        if (send) {
            if (m_g.chance(97))
                addString("text", m_g.text(300, m_oddStrings));
            if (m_g.chance(60))
                addString("msgId", limited(MaxIdLength));
            else if (m_g.chance(30))
                fields.append(KeyValue("msgId", "null"));
        } else if (m_g.chance(80)) {
            static const char *const actives[] = {"true", "false", "null"};
            fields.append(KeyValue("active", actives[m_g.bounded(3)]));
        }
        if (m_g.chance(20)) { // something the codec does not read
            static const char *const extras[] = {"0",     "42",   "123456789012345", "true",
                                                 "false", "null", "\"x\"",           "\"\""};
            fields.append(KeyValue(m_g.chance(50) ? "client" : "extra",
                                   extras[m_g.bounded(std::size(extras))]));
        }
        if (m_g.chance(5)) { // something the fast path leaves alone
            static const char *const others[] = {
                "{}", "[1]", "-1", "1.5", "1e3", "1234567890123456", "{\"a\":{}}"};
            fields.append(KeyValue("extra2", others[m_g.bounded(std::size(others))]));
            frame.plain = false;
        }
        // Any order.
        for (qsizetype i = fields.size() - 1; i > 0; --i)
            fields.swapItemsAt(i, m_g.bounded(int(i + 1)));
        QByteArray json = space() + "{" + space();
        for (qsizetype i = 0; i < fields.size(); ++i) {
            if (i > 0)
                json += "," + space();
            json += "\"" + fields.at(i).first + "\"" + space() + ":" + space() + fields.at(i).second
                + space();
        }
        json += "}" + space();
        frame.json = json;
        return frame;
    }

private:
    Generator &m_g;
    bool m_oddStrings = false;
};

} // namespace

class tst_FastCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void encoderEdgeStrings_data();
    void encoderEdgeStrings();
    void encoderMatchesQJsonDocument();
    void encoderIntegersOutsideDoublePrecision();
    void fastPathTakesTheHotFrames_data();
    void fastPathTakesTheHotFrames();
    void decoderMatchesOnGeneratedFrames();
    void decoderMalformed_data();
    void decoderMalformed();
    void decoderMutatedFrames();

private:
    quint32 m_seed = 0;
};

void tst_FastCodec::initTestCase()
{
    // A fixed seed by default, so that a failure can be reproduced; SORI_TEST_SEED overrides it.
    bool ok = false;
    m_seed = qEnvironmentVariable("SORI_TEST_SEED").toUInt(&ok);
    if (!ok)
        m_seed = 20260501;
    qInfo("seed %u (set SORI_TEST_SEED to change it)", m_seed);
}

void tst_FastCodec::encoderEdgeStrings_data()
{
    QTest::addColumn<QString>("text");
    const auto units = [](std::initializer_list<char16_t> list) {
        return QString(reinterpret_cast<const QChar *>(list.begin()), qsizetype(list.size()));
    };
    QTest::addRow("empty") << QString();
    QTest::addRow("null QString") << QString();
    QTest::addRow("quote, backslash, slash") << u"\"\\/"_s;
    QString controls;
    for (char16_t u = 0; u < 0x20; ++u)
        controls.append(QChar(u));
    QTest::addRow("U+0000..U+001F") << controls;
    QTest::addRow("U+007F, U+0080, U+07FF, U+0800") << units({0x7f, 0x80, 0x7ff, 0x800});
    QTest::addRow("U+2028, U+2029, BOM, U+FFFE, U+FFFF")
        << units({0x2028, 0x2029, 0xfeff, 0xfffe, 0xffff});
    QTest::addRow("emoji") << u"😀👍🏽"_s;
    QTest::addRow("lone high surrogate at the end") << units({u'a', 0xd83d});
    QTest::addRow("lone high surrogate before text") << units({0xd83d, u'a'});
    QTest::addRow("lone low surrogate") << units({0xde00, u'a'});
    QTest::addRow("low before high") << units({0xde00, 0xd83d});
    QTest::addRow("high, then a pair") << units({0xd800, 0xd83d, 0xde00});
    QTest::addRow("U+10FFFF") << units({0xdbff, 0xdfff});
    QTest::addRow("Korean and markup") << u"안녕하세요 <b>hi</b> \"quoted\"\n"_s;
    QTest::addRow("long") << QString(100000, u'가') + u"\u0001"_s;
}

void tst_FastCodec::encoderEdgeStrings()
{
    QFETCH(QString, text);
    const QList<ServerMessage> messages{
        MessageEvent{text, 1, text, text, 2, text, true},
        MessageEvent{text, 1, text, text, 2, text, false, Role::Guest, true},
        MessageEvent{text, 1, text, text, 2, {}, false, Role::Moderator, false},
        Ack{text, text, 3, text},
        Error{text, ErrorCode::BadField, text},
        Joined{text,
               text,
               4,
               {Member{text, ClientKind::Web}, Member{text, ClientKind::Plain}},
               RoomKind::Private,
               text},
        PresenceEvent{text, PresenceChange::Left, Member{text, ClientKind::Desktop},
                      LeaveReason::Kicked},
        TypingEvent{text, text, false},
        History{text, text, {MessageEvent{text, 5, text, text, 6, text}}, true},
        History{text,
                text,
                {MessageEvent{text, 5, text, text, 6, text, false, Role::Admin},
                 MessageEvent{text, 6, text, text, 7, {}, false, Role::Guest, true}},
                false},
        Welcome{text, 1, text, text, Role::Admin, text, 7, text},
    };
    for (const ServerMessage &message : messages)
        QCOMPARE(MessageCodec::encode(message), reference::encode(message));
}

void tst_FastCodec::encoderMatchesQJsonDocument()
{
    Generator g(m_seed);
    int compared = 0;
    for (int round = 0; round < 400; ++round) {
        for (int kind = 0; kind < ServerKinds; ++kind) {
            const ServerMessage message = g.serverMessage(kind);
            const QByteArray expected = reference::encode(message);
            const QByteArray actual = MessageCodec::encode(message);
            if (actual != expected) {
                qWarning("round %d, kind %d:\n expected %s\n actual   %s", round, kind,
                         expected.left(400).constData(), actual.left(400).constData());
                QFAIL("the hand-written encoder differs from QJsonDocument");
            }
            ++compared;
        }
    }
    QCOMPARE(compared, 400 * ServerKinds);
}

void tst_FastCodec::encoderIntegersOutsideDoublePrecision()
{
    // Beyond ±2^53 the encoder writes the exact integer (as QJsonValue does for qint64 in Qt 6).
    for (const qint64 value :
         {TwoTo53 + 1, -TwoTo53 - 1, qint64(12345678901234567), std::numeric_limits<qint64>::max(),
          std::numeric_limits<qint64>::min()}) {
        const ServerMessage message = Ack{{}, u"a"_s, value, {}};
        const QByteArray json = MessageCodec::encode(message);
        QCOMPARE(json,
                 "{\"room\":\"a\",\"seq\":" + QByteArray::number(value) + ",\"type\":\"ack\"}");
        QCOMPARE(json, reference::encode(message));
    }
}

void tst_FastCodec::fastPathTakesTheHotFrames_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addRow("send")
        << R"({"type":"send","id":"m-1","room":"lobby","text":"hello","msgId":"m-1"})"_ba;
    QTest::addRow("send, no id, no msgId") << R"({"type":"send","room":"lobby","text":"hi"})"_ba;
    QTest::addRow("send with escapes")
        << R"({"type":"send","room":"lobby","text":"a\"b\\c\/d\b\f\n\r\t\u00e9\uD83D\uDE00"})"_ba;
    QTest::addRow("send in Korean")
        << "{\"type\":\"send\",\"room\":\"lobby\",\"text\":\"안녕\"}"_ba;
    QTest::addRow("send with spaces")
        << " {\n \"type\" : \"send\" ,\t\"room\":\"a\",\"text\":\"\"\r} "_ba;
    QTest::addRow("send with nulls")
        << R"({"type":"send","id":null,"room":"a","text":"t","msgId":null})"_ba;
    QTest::addRow("typing") << R"({"type":"typing","room":"lobby","active":true})"_ba;
    QTest::addRow("typing stopped") << R"({"active":false,"room":"lobby","type":"typing"})"_ba;
    QTest::addRow("typing without active") << R"({"type":"typing","room":"lobby"})"_ba;
    QTest::addRow("extra fields")
        << R"({"type":"typing","room":"lobby","x":12,"y":false,"z":"q"})"_ba;
}

void tst_FastCodec::fastPathTakesTheHotFrames()
{
    QFETCH(QByteArray, json);
    const std::optional<ClientMessage> fast = detail::decodeClientMessageFast(json);
    QVERIFY2(fast.has_value(), "the fast path must read this frame");
    const auto reference = detail::decodeClientMessageWithQJsonDocument(json);
    QVERIFY2(reference.ok(), qPrintable(describe(reference)));
    QVERIFY(*fast == reference.message());
    QVERIFY(sameDecoding(MessageCodec::decodeClientMessage(json), reference));
}

void tst_FastCodec::decoderMatchesOnGeneratedFrames()
{
    Generator g(m_seed + 1);
    g.setLongPerMille(3);
    FrameWriter writer(g);
    int fast = 0;
    int plainAndValid = 0;
    constexpr int Rounds = 20000;
    for (int round = 0; round < Rounds; ++round) {
        const FrameWriter::Frame frame = writer.clientFrame();
        const auto reference = detail::decodeClientMessageWithQJsonDocument(frame.json);
        const std::optional<ClientMessage> quick = detail::decodeClientMessageFast(frame.json);
        if (quick) {
            ++fast;
            if (!reference.ok() || !(*quick == reference.message())) {
                qWarning("frame %s: reference %s", frame.json.left(300).constData(),
                         qPrintable(describe(reference)));
                QFAIL("the fast path read a frame differently");
            }
        }
        if (frame.plain && reference.ok()) {
            ++plainAndValid;
            if (!quick) {
                qWarning("frame %s", frame.json.left(300).constData());
                QFAIL("the fast path gave up on a plain valid frame");
            }
        }
        QVERIFY2(sameDecoding(MessageCodec::decodeClientMessage(frame.json), reference),
                 frame.json.left(300).constData());
    }
    qInfo("%d of %d frames took the fast path (%d plain and valid)", fast, Rounds, plainAndValid);
    QVERIFY(fast > Rounds / 2);
}

void tst_FastCodec::decoderMalformed_data()
{
    QTest::addColumn<QByteArray>("json");
    const QByteArray send = R"({"type":"send","id":"s","room":"a","text":"t"})"_ba;
    QTest::addRow("empty") << QByteArray();
    QTest::addRow("spaces only") << " \n"_ba;
    for (qsizetype i = 1; i < send.size(); ++i)
        QTest::addRow("truncated to %d", int(i)) << send.left(i);
    QTest::addRow("trailing garbage") << send + "x";
    QTest::addRow("trailing second object") << send + "{}";
    QTest::addRow("trailing NUL") << send + QByteArray(1, '\0');
    QTest::addRow("BOM first") << "\xEF\xBB\xBF" + send;
    QTest::addRow("array") << "[" + send + "]";
    QTest::addRow("empty object") << "{}"_ba;
    QTest::addRow("room is a number") << R"({"type":"send","id":"s","room":1,"text":"t"})"_ba;
    QTest::addRow("room is null") << R"({"type":"send","id":"s","room":null,"text":"t"})"_ba;
    QTest::addRow("room is true") << R"({"type":"send","id":"s","room":true,"text":"t"})"_ba;
    QTest::addRow("room too long")
        << R"({"type":"send","id":"s","room":")" + QByteArray(65, 'r') + R"(","text":"t"})";
    QTest::addRow("room 64 long") << R"({"type":"send","id":"s","room":")" + QByteArray(64, 'r')
            + R"(","text":"t"})";
    QTest::addRow("id too long") << R"({"type":"send","id":")" + QByteArray(65, 'i')
            + R"(","room":"a","text":"t"})";
    QTest::addRow("id 64 escaped units") << R"({"type":"send","id":")"
            + QByteArray(64, 'i').replace("i", "\\u00e9") + R"(","room":"a","text":"t"})";
    QTest::addRow("id 65 escaped units") << R"({"type":"send","id":")"
            + QByteArray(65, 'i').replace("i", "\\u00e9") + R"(","room":"a","text":"t"})";
    QTest::addRow("id is a number") << R"({"type":"send","id":7,"room":"a","text":"t"})"_ba;
    QTest::addRow("id is false") << R"({"type":"send","id":false,"room":"a","text":"t"})"_ba;
    QTest::addRow("msgId too long")
        << R"({"type":"send","room":"a","text":"t","msgId":")" + QByteArray(65, 'm') + "\"}";
    QTest::addRow("msgId is an object") << R"({"type":"send","room":"a","text":"t","msgId":{}})"_ba;
    QTest::addRow("text is an array") << R"({"type":"send","room":"a","text":["t"]})"_ba;
    QTest::addRow("no text") << R"({"type":"send","room":"a"})"_ba;
    QTest::addRow("no type") << R"({"room":"a","text":"t"})"_ba;
    QTest::addRow("type is null") << R"({"type":null,"room":"a","text":"t"})"_ba;
    QTest::addRow("type is 1") << R"({"type":1,"room":"a","text":"t"})"_ba;
    QTest::addRow("type escaped") << R"({"type":"s\u0065nd","room":"a","text":"t"})"_ba;
    QTest::addRow("key escaped") << R"({"type":"send","r\u006fom":"a","text":"t"})"_ba;
    QTest::addRow("type Send") << R"({"type":"Send","room":"a","text":"t"})"_ba;
    QTest::addRow("unknown type") << R"({"type":"sendx","room":"a","text":"t"})"_ba;
    QTest::addRow("typing, active is 1") << R"({"type":"typing","room":"a","active":1})"_ba;
    QTest::addRow("typing, active is \"yes\"")
        << R"({"type":"typing","room":"a","active":"yes"})"_ba;
    QTest::addRow("typing, no room") << R"({"type":"typing","active":true})"_ba;
    QTest::addRow("extra field") << R"({"type":"send","room":"a","text":"t","x":"y"})"_ba;
    QTest::addRow("duplicate text") << R"({"type":"send","room":"a","text":"t","text":"u"})"_ba;
    QTest::addRow("duplicate type")
        << R"({"type":"send","room":"a","text":"t","type":"typing"})"_ba;
    QTest::addRow("duplicate room, second bad")
        << R"({"type":"send","room":"a","text":"t","room":1})"_ba;
    QTest::addRow("nested object") << R"({"type":"send","room":"a","text":"t","x":{"y":1}})"_ba;
    QTest::addRow("nested array") << R"({"type":"send","room":"a","text":"t","x":[1,2]})"_ba;
    QTest::addRow("exponent") << R"({"type":"send","room":"a","text":"t","x":1e5})"_ba;
    QTest::addRow("fraction") << R"({"type":"send","room":"a","text":"t","x":1.0})"_ba;
    QTest::addRow("negative") << R"({"type":"send","room":"a","text":"t","x":-5})"_ba;
    QTest::addRow("minus zero") << R"({"type":"send","room":"a","text":"t","x":-0})"_ba;
    QTest::addRow("leading zero") << R"({"type":"send","room":"a","text":"t","x":01})"_ba;
    QTest::addRow("lone minus") << R"({"type":"send","room":"a","text":"t","x":-})"_ba;
    QTest::addRow("dot") << R"({"type":"send","room":"a","text":"t","x":1.})"_ba;
    QTest::addRow("huge number")
        << R"({"type":"send","room":"a","text":"t","x":123456789012345678901234567890})"_ba;
    QTest::addRow("2^53") << R"({"type":"send","room":"a","text":"t","x":9007199254740992})"_ba;
    QTest::addRow("plus sign") << R"({"type":"send","room":"a","text":"t","x":+1})"_ba;
    QTest::addRow("hex number") << R"({"type":"send","room":"a","text":"t","x":0x10})"_ba;
    QTest::addRow("NaN") << R"({"type":"send","room":"a","text":"t","x":NaN})"_ba;
    QTest::addRow("tru") << R"({"type":"send","room":"a","text":"t","x":tru})"_ba;
    QTest::addRow("nul at the end") << R"({"type":"typing","room":"a","active":nul})"_ba;
    QTest::addRow("truex") << R"({"type":"typing","room":"a","active":truex})"_ba;
    QTest::addRow("True") << R"({"type":"typing","room":"a","active":True})"_ba;
    QTest::addRow("single quotes") << R"({'type':'send','room':'a','text':'t'})"_ba;
    QTest::addRow("unquoted key") << R"({type:"send","room":"a","text":"t"})"_ba;
    QTest::addRow("trailing comma") << R"({"type":"send","room":"a","text":"t",})"_ba;
    QTest::addRow("double comma") << R"({"type":"send",,"room":"a","text":"t"})"_ba;
    QTest::addRow("missing colon") << R"({"type":"send","room" "a","text":"t"})"_ba;
    QTest::addRow("missing comma") << R"({"type":"send" "room":"a","text":"t"})"_ba;
    QTest::addRow("missing value") << R"({"type":"send","room":,"text":"t"})"_ba;
    QTest::addRow("unknown escape") << R"({"type":"send","room":"a","text":"\q"})"_ba;
    QTest::addRow("escape at the end") << R"({"type":"send","room":"a","text":"\)"_ba;
    QTest::addRow("short \\u") << R"({"type":"send","room":"a","text":"\u12"})"_ba;
    QTest::addRow("bad hex") << R"({"type":"send","room":"a","text":"\u12g4"})"_ba;
    QTest::addRow("lone high surrogate escape")
        << R"({"type":"send","room":"a","text":"\ud83dx"})"_ba;
    QTest::addRow("lone low surrogate escape")
        << R"({"type":"send","room":"a","text":"\ude00"})"_ba;
    QTest::addRow("reversed surrogates")
        << R"({"type":"send","room":"a","text":"\ude00\ud83d"})"_ba;
    QTest::addRow("high then high")
        << R"({"type":"send","room":"a","text":"\ud83d\ud83d\ude00"})"_ba;
    QTest::addRow("escaped NUL") << R"({"type":"send","room":"a","text":"\u0000"})"_ba;
    QTest::addRow("raw NUL") << QByteArray("{\"type\":\"send\",\"room\":\"a\",\"text\":\"a\0b\"}",
                                           36);
    QTest::addRow("raw newline") << "{\"type\":\"send\",\"room\":\"a\",\"text\":\"a\nb\"}"_ba;
    QTest::addRow("raw DEL") << "{\"type\":\"send\",\"room\":\"a\",\"text\":\"a\x7f\"}"_ba;
    QTest::addRow("invalid UTF-8: lone continuation")
        << "{\"type\":\"send\",\"room\":\"a\",\"text\":\"\x80\"}"_ba;
    QTest::addRow("invalid UTF-8: truncated")
        << "{\"type\":\"send\",\"room\":\"a\",\"text\":\"\xEA\xB0\"}"_ba;
    QTest::addRow("invalid UTF-8: overlong /")
        << "{\"type\":\"send\",\"room\":\"a\",\"text\":\"\xC0\xAF\"}"_ba;
    QTest::addRow("invalid UTF-8: overlong 3 bytes")
        << "{\"type\":\"send\",\"room\":\"a\",\"text\":\"\xE0\x80\xAF\"}"_ba;
    QTest::addRow("invalid UTF-8: surrogate")
        << "{\"type\":\"send\",\"room\":\"a\",\"text\":\"\xED\xA0\x80\"}"_ba;
    QTest::addRow("invalid UTF-8: above U+10FFFF")
        << "{\"type\":\"send\",\"room\":\"a\",\"text\":\"\xF4\x90\x80\x80\"}"_ba;
    QTest::addRow("invalid UTF-8: F5")
        << "{\"type\":\"send\",\"room\":\"a\",\"text\":\"\xF5\x80\x80\x80\"}"_ba;
    QTest::addRow("invalid UTF-8: FF") << "{\"type\":\"send\",\"room\":\"a\",\"text\":\"\xFF\"}"_ba;
    QTest::addRow("invalid UTF-8 in a key")
        << "{\"type\":\"send\",\"room\":\"a\",\"text\":\"t\",\"\xFF\":1}"_ba;
    QTest::addRow("non-ASCII key")
        << "{\"type\":\"send\",\"room\":\"a\",\"text\":\"t\",\"é\":1}"_ba;
    QTest::addRow("U+10FFFF")
        << "{\"type\":\"send\",\"room\":\"a\",\"text\":\"\xF4\x8F\xBF\xBF\"}"_ba;
    QTest::addRow("U+FFFE") << "{\"type\":\"send\",\"room\":\"a\",\"text\":\"\xEF\xBF\xBE\"}"_ba;
    QTest::addRow("BOM starting a string")
        << "{\"type\":\"send\",\"room\":\"a\",\"text\":\"\xEF\xBB\xBFhi\"}"_ba;
    QTest::addRow("BOM starting an escaped string")
        << "{\"type\":\"send\",\"room\":\"a\",\"text\":\"\xEF\xBB\xBF\\n\"}"_ba;
    QTest::addRow("BOM inside a string")
        << "{\"type\":\"send\",\"room\":\"a\",\"text\":\"h\xEF\xBB\xBFi\"}"_ba;
    QTest::addRow("vertical tab as space")
        << "{\"type\":\"send\",\"room\":\"a\",\x0b\"text\":\"t\"}"_ba;
    QTest::addRow("form feed as space")
        << "{\"type\":\"send\",\"room\":\"a\",\"text\":\"t\"}\x0c"_ba;
    QTest::addRow("many fields")
        << R"({"type":"send","room":"a","text":"t","a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10})"_ba;
    QTest::addRow("join") << R"({"type":"join","id":"j","room":"a","since":5})"_ba;
    QTest::addRow("hello") << R"({"type":"hello","id":"h","protocol":1,"client":"web"})"_ba;
}

void tst_FastCodec::decoderMalformed()
{
    QFETCH(QByteArray, json);
    const auto reference = detail::decodeClientMessageWithQJsonDocument(json);
    const auto decoded = MessageCodec::decodeClientMessage(json);
    QVERIFY2(sameDecoding(decoded, reference),
             qPrintable(u"reference: %1; now: %2"_s.arg(describe(reference), describe(decoded))));
    const std::optional<ClientMessage> fast = detail::decodeClientMessageFast(json);
    if (fast) {
        QVERIFY2(reference.ok(), qPrintable(describe(reference)));
        QVERIFY(*fast == reference.message());
    }
}

void tst_FastCodec::decoderMutatedFrames()
{
    // Valid frames with a few bytes changed: the fast path takes some, gives up on the rest, and
    // the answers stay those of the reference path.
    Generator g(m_seed + 2);
    g.setLongPerMille(3);
    FrameWriter writer(g);
    static const char interesting[] = "\"\\{}[],:0123456789-+.eEtrufalsn \t\n\r\x0b\x01u/";
    static const uchar high[] = {0x80, 0xbf, 0xc0, 0xc3, 0xe0, 0xed,
                                 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x00};
    int differentAnswers = 0;
    constexpr int Rounds = 20000;
    for (int round = 0; round < Rounds; ++round) {
        QByteArray json = writer.clientFrame().json;
        const int mutations = 1 + g.bounded(3);
        for (int i = 0; i < mutations && !json.isEmpty(); ++i) {
            const qsizetype at = g.bounded(int(json.size()));
            const char byte = g.chance(70) ? interesting[g.bounded(int(sizeof interesting) - 1)]
                                           : char(high[g.bounded(int(sizeof high))]);
            switch (g.bounded(5)) {
            case 0:
                json.remove(at, 1);
                break;
            case 1:
                json.insert(at, byte);
                break;
            case 2:
                json[at] = byte;
                break;
            case 3:
                json.truncate(at);
                break;
            default:
                json.insert(at, json.mid(g.bounded(int(json.size())), 1 + g.bounded(6)));
                break;
            }
        }
        const auto reference = detail::decodeClientMessageWithQJsonDocument(json);
        const auto decoded = MessageCodec::decodeClientMessage(json);
        if (!sameDecoding(decoded, reference)) {
            qWarning("frame %s\n reference: %s\n now: %s",
                     json.toPercentEncoding(" {}\":,").left(400).constData(),
                     qPrintable(describe(reference)), qPrintable(describe(decoded)));
            ++differentAnswers;
        }
        const std::optional<ClientMessage> fast = detail::decodeClientMessageFast(json);
        if (fast && (!reference.ok() || !(*fast == reference.message()))) {
            qWarning("fast path read %s", json.toPercentEncoding(" {}\":,").left(400).constData());
            ++differentAnswers;
        }
    }
    QCOMPARE(differentAnswers, 0);
}

QTEST_GUILESS_MAIN(tst_FastCodec)
#include "tst_fastcodec.moc"
