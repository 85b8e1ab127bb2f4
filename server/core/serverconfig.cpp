// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/serverconfig.h"

#include "core/weborigin.h"
#include "protocol/validation.h"

#include <QtCore/QFileInfo>
#include <QtCore/QSettings>

#include <functional>

using namespace Qt::StringLiterals;

namespace sori::server {

namespace {

struct Key
{
    QString name; // group/key
    std::function<bool(const QString &value, ServerConfig &config)> apply;
    QString expected; // for the error message
};

std::function<bool(const QString &, ServerConfig &)>
number(qint64 min, qint64 max, std::function<void(ServerConfig &, qint64)> set)
{
    return [=](const QString &value, ServerConfig &config) {
        bool ok = false;
        const qint64 n = value.trimmed().toLongLong(&ok);
        if (!ok || n < min || n > max)
            return false;
        set(config, n);
        return true;
    };
}

std::function<bool(const QString &, ServerConfig &)>
boolean(std::function<void(ServerConfig &, bool)> set)
{
    return [=](const QString &value, ServerConfig &config) {
        const QString v = value.trimmed().toLower();
        if (v == u"true" || v == u"yes" || v == u"on" || v == u"1")
            set(config, true);
        else if (v == u"false" || v == u"no" || v == u"off" || v == u"0")
            set(config, false);
        else
            return false;
        return true;
    };
}

// A comma-separated list of web origins; '*' (any) only where anyAllowed. False if one is not
// an origin (then *origins is left as it was).
bool readOrigins(const QString &value, QStringList *origins, bool anyAllowed)
{
    QStringList list;
    for (const QString &part : value.split(u',', Qt::SkipEmptyParts)) {
        const QString origin = part.trimmed();
        if (!(anyAllowed && origin == u"*") && !WebOrigin::parse(origin))
            return false;
        list.append(origin);
    }
    *origins = list;
    return true;
}

QString range(qint64 min, qint64 max)
{
    return u"a whole number from %1 to %2"_s.arg(min).arg(max);
}

// rates/<kind>-per-minute (0: no limit) and rates/<kind>-burst.
constexpr qint64 MaxPerMinute = 6'000'000; // 100,000 a second
constexpr qint64 MaxBurst = 1'000'000;

Key ratePerMinute(const QString &kind, RateSetting ServerConfig::*field)
{
    return {u"rates/"_s + kind + u"-per-minute"_s,
            number(0, MaxPerMinute, [field](auto &c, qint64 n) { (c.*field).perMinute = int(n); }),
            range(0, MaxPerMinute)};
}

Key rateBurst(const QString &kind, RateSetting ServerConfig::*field)
{
    return {u"rates/"_s + kind + u"-burst"_s,
            number(1, MaxBurst, [field](auto &c, qint64 n) { (c.*field).burst = int(n); }),
            range(1, MaxBurst)};
}

const QList<Key> &keys()
{
    static const QList<Key> list{
        {u"server/port"_s, number(0, 65535, [](auto &c, qint64 n) { c.port = quint16(n); }),
         range(0, 65535)},
        {u"server/bind"_s,
         [](const QString &v, ServerConfig &c) { return c.bindAddress.setAddress(v.trimmed()); },
         u"an IP address"_s},
        {u"server/data-dir"_s,
         [](const QString &v, ServerConfig &c) {
             c.dataDir = v.trimmed();
             return !c.dataDir.isEmpty();
         },
         u"a directory"_s},
        {u"server/workers"_s, number(1, 256, [](auto &c, qint64 n) { c.workerThreads = int(n); }),
         range(1, 256)},
        {u"server/max-write-delay"_s,
         number(0, 1000, [](auto &c, qint64 n) { c.maxWriteDelayMs = int(n); }), range(0, 1000)},
        {u"limits/max-message-size"_s,
         number(1, 64 << 20, [](auto &c, qint64 n) { c.maxMessageBytes = n; }), range(1, 64 << 20)},
        {u"limits/max-frame-size"_s,
         number(125, 256 << 20, [](auto &c, qint64 n) { c.maxFrameBytes = n; }),
         range(125, 256 << 20)},
        {u"limits/handshake-timeout"_s,
         number(1, 3'600'000, [](auto &c, qint64 n) { c.handshakeTimeoutMs = int(n); }),
         range(1, 3'600'000)},
        {u"limits/max-outgoing-bytes"_s,
         number(64 << 10, qint64(4) << 30, [](auto &c, qint64 n) { c.maxOutgoingBytes = n; }),
         range(64 << 10, qint64(4) << 30)},
        {u"limits/ping-interval"_s,
         number(50, 3'600'000, [](auto &c, qint64 n) { c.pingIntervalMs = int(n); }),
         range(50, 3'600'000)},
        {u"limits/dead-peer-timeout"_s,
         number(50, 3'600'000, [](auto &c, qint64 n) { c.deadPeerTimeoutMs = int(n); }),
         range(50, 3'600'000)},
        {u"limits/max-connections"_s,
         number(0, 10'000'000, [](auto &c, qint64 n) { c.maxConnections = int(n); }),
         range(0, 10'000'000)},
        {u"limits/max-connections-per-address"_s,
         number(0, 10'000'000, [](auto &c, qint64 n) { c.maxConnectionsPerAddress = int(n); }),
         range(0, 10'000'000)},
        {u"limits/max-pending-handshakes"_s,
         number(0, 10'000'000, [](auto &c, qint64 n) { c.maxPendingHandshakes = int(n); }),
         range(0, 10'000'000)},
        {u"limits/max-pending-handshakes-per-address"_s,
         number(0, 10'000'000,
                [](auto &c, qint64 n) { c.maxPendingHandshakesPerAddress = int(n); }),
         range(0, 10'000'000)},
        {u"history/on-join"_s,
         number(0, 10'000, [](auto &c, qint64 n) { c.historyOnJoin = int(n); }), range(0, 10'000)},
        {u"history/max-page"_s,
         number(1, 10'000, [](auto &c, qint64 n) { c.maxHistoryPage = int(n); }), range(1, 10'000)},
        {u"history/max-catch-up"_s,
         number(1, 1'000'000, [](auto &c, qint64 n) { c.maxCatchUp = int(n); }),
         range(1, 1'000'000)},
        {u"history/max-page-bytes"_s,
         number(4096, qint64(1) << 30, [](auto &c, qint64 n) { c.maxHistoryPageBytes = n; }),
         range(4096, qint64(1) << 30)},
        {u"storage/max-reads-per-session"_s,
         number(1, 10'000, [](auto &c, qint64 n) { c.maxReadsPerSession = int(n); }),
         range(1, 10'000)},
        {u"storage/max-reads"_s,
         number(1, 1'000'000, [](auto &c, qint64 n) { c.maxReads = int(n); }), range(1, 1'000'000)},
        {u"search/max-waiting-per-session"_s,
         number(1, 10'000, [](auto &c, qint64 n) { c.maxSearchesPerSession = int(n); }),
         range(1, 10'000)},
        {u"search/max-waiting"_s,
         number(1, 1'000'000, [](auto &c, qint64 n) { c.maxSearches = int(n); }),
         range(1, 1'000'000)},
        {u"search/short-word-scan"_s,
         number(100, 10'000'000, [](auto &c, qint64 n) { c.searchShortScan = int(n); }),
         range(100, 10'000'000)},
        {u"storage/retain-messages"_s,
         number(0, qint64(1) << 40, [](auto &c, qint64 n) { c.retainMessages = n; }),
         range(0, qint64(1) << 40)},
        {u"presence/grace-period"_s,
         number(0, 3'600'000, [](auto &c, qint64 n) { c.presenceGraceMs = int(n); }),
         range(0, 3'600'000)},
        {u"storage/max-batch"_s,
         number(1, 100'000, [](auto &c, qint64 n) { c.maxCommitBatch = int(n); }),
         range(1, 100'000)},
        {u"storage/commit-window"_s,
         number(0, 1000, [](auto &c, qint64 n) { c.commitWindowMs = int(n); }), range(0, 1000)},
        {u"storage/index-batch"_s,
         number(1, 100'000, [](auto &c, qint64 n) { c.searchIndexBatch = int(n); }),
         range(1, 100'000)},
        {u"storage/nice"_s, number(-20, 19, [](auto &c, qint64 n) { c.storageNice = int(n); }),
         range(-20, 19)},
        {u"storage/synchronous"_s,
         [](const QString &v, ServerConfig &c) {
             const QString mode = v.trimmed().toLower();
             if (mode != u"full" && mode != u"normal")
                 return false;
             c.syncFull = mode == u"full";
             return true;
         },
         u"full or normal"_s},
        {u"accounts/allow-guests"_s, boolean([](auto &c, bool b) { c.allowGuests = b; }),
         u"true or false"_s},
        {u"accounts/allow-registration"_s,
         boolean([](auto &c, bool b) { c.allowRegistration = b; }), u"true or false"_s},
        {u"accounts/token-lifetime-days"_s,
         number(1, 3650, [](auto &c, qint64 n) { c.tokenLifetimeSeconds = n * 24 * 3600; }),
         range(1, 3650)},
        {u"accounts/login-failures-before-delay"_s,
         number(1, 1000, [](auto &c, qint64 n) { c.loginFailuresBeforeDelay = int(n); }),
         range(1, 1000)},
        {u"accounts/max-login-delay"_s,
         number(1, 86'400, [](auto &c, qint64 n) { c.maxLoginDelaySeconds = int(n); }),
         range(1, 86'400)},
        {u"rooms/guest-rooms-per-session"_s,
         number(0, 1000, [](auto &c, qint64 n) { c.guestRoomsPerSession = int(n); }),
         range(0, 1000)},
        {u"rooms/guest-room-idle"_s,
         number(50, 7LL * 24 * 3'600'000, [](auto &c, qint64 n) { c.guestRoomIdleMs = int(n); }),
         range(50, 7LL * 24 * 3'600'000)},
        {u"rooms/rooms-per-account"_s,
         number(0, 1'000'000, [](auto &c, qint64 n) { c.roomsPerAccount = int(n); }),
         range(0, 1'000'000)},
        {u"rooms/list-max-rooms"_s,
         number(1, 100'000, [](auto &c, qint64 n) { c.listMaxRooms = int(n); }), range(1, 100'000)},
        {u"unread/flush-interval"_s,
         number(10, 60'000, [](auto &c, qint64 n) { c.readFlushMs = int(n); }), range(10, 60'000)},
        {u"unread/max-rooms"_s,
         number(1, 10'000, [](auto &c, qint64 n) { c.unreadMaxRooms = int(n); }), range(1, 10'000)},
        {u"sanctions/max-page"_s,
         number(1, 1000, [](auto &c, qint64 n) { c.sanctionsPage = int(n); }), range(1, 1000)},
        {u"audit/max-page"_s, number(1, 1000, [](auto &c, qint64 n) { c.auditPage = int(n); }),
         range(1, 1000)},
        {u"people/max-page"_s, number(1, 50, [](auto &c, qint64 n) { c.peoplePage = int(n); }),
         range(1, 50)},
        {u"rooms/list-max-bytes"_s,
         number(4096, 64 << 20, [](auto &c, qint64 n) { c.listMaxBytes = n; }),
         range(4096, 64 << 20)},
        {u"accounts/address-failures-before-delay"_s,
         number(1, 100'000, [](auto &c, qint64 n) { c.addressFailuresBeforeDelay = int(n); }),
         range(1, 100'000)},
        {u"accounts/max-name-delay"_s,
         number(1, 3600, [](auto &c, qint64 n) { c.maxNameDelaySeconds = int(n); }),
         range(1, 3600)},
        {u"accounts/throttle-entries"_s,
         number(1, 10'000'000, [](auto &c, qint64 n) { c.throttleEntries = int(n); }),
         range(1, 10'000'000)},
        {u"accounts/forget-failures-after"_s,
         number(1, 30 * 86'400, [](auto &c, qint64 n) { c.forgetFailuresSeconds = int(n); }),
         range(1, 30 * 86'400)},
        {u"accounts/hash-threads"_s,
         number(1, 64, [](auto &c, qint64 n) { c.hashThreads = int(n); }), range(1, 64)},
        {u"accounts/max-waiting-per-address"_s,
         number(1, 1000, [](auto &c, qint64 n) { c.maxWaitingSignInsPerAddress = int(n); }),
         range(1, 1000)},
        {u"accounts/max-waiting-sign-ins"_s,
         number(1, 1'000'000, [](auto &c, qint64 n) { c.maxWaitingSignIns = int(n); }),
         range(1, 1'000'000)},
        {u"limits/edit-window"_s,
         number(0, protocol::MaxSanctionMinutes,
                [](auto &c, qint64 n) { c.editWindowMinutes = n; })},
        {u"limits/reactions-per-message"_s,
         number(1, 1000, [](auto &c, qint64 n) { c.reactionsPerMessage = int(n); })},
        {u"limits/max-rooms-per-session"_s,
         number(1, 1'000'000, [](auto &c, qint64 n) { c.maxRoomsPerSession = int(n); }),
         range(1, 1'000'000)},
        ratePerMinute(u"send"_s, &ServerConfig::sendRate),
        rateBurst(u"send"_s, &ServerConfig::sendRate),
        ratePerMinute(u"typing"_s, &ServerConfig::typingRate),
        rateBurst(u"typing"_s, &ServerConfig::typingRate),
        ratePerMinute(u"join"_s, &ServerConfig::joinRate),
        rateBurst(u"join"_s, &ServerConfig::joinRate),
        ratePerMinute(u"read"_s, &ServerConfig::readRate),
        rateBurst(u"read"_s, &ServerConfig::readRate),
        ratePerMinute(u"create-room"_s, &ServerConfig::createRoomRate),
        rateBurst(u"create-room"_s, &ServerConfig::createRoomRate),
        ratePerMinute(u"search"_s, &ServerConfig::searchRate),
        rateBurst(u"search"_s, &ServerConfig::searchRate),
        ratePerMinute(u"moderate"_s, &ServerConfig::moderateRate),
        rateBurst(u"moderate"_s, &ServerConfig::moderateRate),
        ratePerMinute(u"upload"_s, &ServerConfig::uploadRate),
        rateBurst(u"upload"_s, &ServerConfig::uploadRate),
        {u"files/max-bytes"_s,
         number(1, qint64(1) << 40, [](auto &c, qint64 n) { c.maxFileBytes = n; }),
         range(1, qint64(1) << 40)},
        {u"files/idle-timeout-ms"_s,
         number(100, 3'600'000, [](auto &c, qint64 n) { c.fileIdleTimeoutMs = int(n); }),
         range(100, 3'600'000)},
        {u"files/max-concurrent-per-account"_s,
         number(1, 1000, [](auto &c, qint64 n) { c.maxUploadsPerAccount = int(n); }),
         range(1, 1000)},
        {u"files/max-image-pixels"_s,
         number(1, 250'000'000, [](auto &c, qint64 n) { c.maxImagePixels = n; }),
         range(1, 250'000'000)},
        {u"files/retention-days"_s,
         number(0, 36'500, [](auto &c, qint64 n) { c.fileRetentionDays = int(n); }),
         range(0, 36'500)},
        {u"files/max-concurrent"_s,
         number(1, 100'000, [](auto &c, qint64 n) { c.maxUploads = int(n); }), range(1, 100'000)},
        {u"files/max-attachments"_s,
         number(1, 64, [](auto &c, qint64 n) { c.maxAttachments = int(n); }), range(1, 64)},
        ratePerMinute(u"settings"_s, &ServerConfig::settingsRate),
        rateBurst(u"settings"_s, &ServerConfig::settingsRate),
        {u"rates/close-multiple"_s,
         number(0, 1000, [](auto &c, qint64 n) { c.rateCloseMultiple = int(n); }), range(0, 1000)},
        {u"rates/exempt-staff"_s, boolean([](auto &c, bool b) { c.rateExemptStaff = b; }),
         u"true or false"_s},
        {u"web/allowed-origins"_s,
         [](const QString &v, ServerConfig &c) {
             return readOrigins(v, &c.allowedOrigins, /*anyAllowed=*/true);
         },
         u"a comma-separated list of origins (scheme://host[:port]) or *"_s},
        {u"web/public-origins"_s,
         [](const QString &v, ServerConfig &c) {
             return readOrigins(v, &c.publicOrigins, /*anyAllowed=*/false);
         },
         u"a comma-separated list of origins (scheme://host[:port])"_s},
        {u"tls/certificate"_s,
         [](const QString &v, ServerConfig &c) {
             c.tlsCertificateFile = v.trimmed();
             return !c.tlsCertificateFile.isEmpty();
         },
         u"a PEM file"_s},
        {u"tls/key"_s,
         [](const QString &v, ServerConfig &c) {
             c.tlsKeyFile = v.trimmed();
             return !c.tlsKeyFile.isEmpty();
         },
         u"a PEM file"_s},
        {u"tls/self-signed"_s, boolean([](auto &c, bool b) { c.tlsSelfSigned = b; }),
         u"true or false"_s},
        {u"tls/hsts-max-age"_s,
         number(0, 10LL * 365 * 24 * 3600, [](auto &c, qint64 n) { c.hstsMaxAgeSeconds = n; }),
         range(0, 10LL * 365 * 24 * 3600)},
        {u"tls/http-redirect-port"_s,
         number(-1, 65535, [](auto &c, qint64 n) { c.httpRedirectPort = int(n); }),
         range(-1, 65535)},
    };
    return list;
}

} // namespace

bool loadConfigFile(const QString &path, ServerConfig *config, QString *error)
{
    if (!QFileInfo(path).isReadable()) {
        *error = u"cannot read the configuration file %1"_s.arg(path);
        return false;
    }
    QSettings settings(path, QSettings::IniFormat);
    if (settings.status() != QSettings::NoError) {
        *error = u"%1 is not a valid INI file"_s.arg(path);
        return false;
    }
    ServerConfig result = *config;
    for (const QString &name : settings.allKeys()) {
        const auto key = std::find_if(keys().cbegin(), keys().cend(),
                                      [&](const Key &k) { return k.name == name; });
        if (key == keys().cend()) {
            *error = u"%1: unknown setting %2"_s.arg(path, name);
            return false;
        }
        // A list value (commas without quotes) comes back as a string list: join it again.
        const QVariant value = settings.value(name);
        const QString text = value.typeId() == QMetaType::QStringList
            ? value.toStringList().join(u',')
            : value.toString();
        if (!key->apply(text, result)) {
            *error = u"%1: %2 must be %3, not \"%4\""_s.arg(path, name, key->expected, text);
            return false;
        }
    }
    *config = result;
    return true;
}

QStringList configKeys()
{
    QStringList names;
    for (const Key &key : keys())
        names.append(key.name);
    return names;
}

} // namespace sori::server
