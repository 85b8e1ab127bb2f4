// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtNetwork/QHostAddress>

namespace sori::server {

// One kind of request's limit: a bucket of `burst` tokens refilled at `perMinute` tokens a
// minute; each request takes one. perMinute 0: no limit.
struct RateSetting
{
    int perMinute = 0;
    int burst = 0;
    friend bool operator==(const RateSetting &, const RateSetting &) = default;
};

// Everything the server can be told. The defaults are the embedded defaults; sori-server's
// command line overrides them.
struct ServerConfig
{
    QHostAddress bindAddress = QHostAddress::Any;
    quint16 port = 8080; // 0: any free port
    QString dataDir; // empty: the platform's app data location
    int workerThreads = 0; // 0: one per core
    // Write coalescing: after writing to its sockets a worker waits WriteDelayFactor times as
    // long as that took, but at most maxWriteDelayMs, before writing again; what is queued
    // meanwhile leaves together, in fewer system calls. Light load is written at once; under
    // load a worker spends at most about a quarter of its time writing. 0 (the default): no
    // waiting. Measured here it saved CPU but added latency (docs/benchmarks.md).
    int maxWriteDelayMs = 0;

    // Limits. Going over one gets an error reply or a clean close with a reason.
    qint64 maxMessageBytes = 64 * 1024; // the UTF-8 text of one chat message
    qint64 maxFrameBytes = 256 * 1024; // one incoming WebSocket message (JSON and all)
    int handshakeTimeoutMs = 10'000; // to send a complete HTTP request head
    int maxRequestHeadBytes = 16 * 1024;
    qint64 maxOutgoingBytes = 8 * 1024 * 1024; // queued for one slow reader before it is dropped
    int closeTimeoutMs = 2'000; // to answer our close frame before the socket is dropped
    // A connection silent for pingIntervalMs gets a WebSocket ping; one that stays silent
    // deadPeerTimeoutMs longer is dropped (presence reason "timed_out").
    int pingIntervalMs = 10'000;
    int deadPeerTimeoutMs = 10'000;
    // Connections: in all (0: the open-descriptor limit, raised to its hard value at start, less
    // what the server keeps back for itself), from one address (an IPv6 /64 counts as one),
    // and those still sending their HTTP request (pending handshakes), in all and from one
    // address. Beyond a cap a new connection is accepted and closed at once. 0: no cap.
    int maxConnections = 0;
    int maxConnectionsPerAddress = 1000;
    int maxPendingHandshakes = 10'000;
    int maxPendingHandshakesPerAddress = 100;

    // History and storage.
    int historyOnJoin = 50; // latest messages sent right after joining a room
    int maxHistoryPage = 200; // most messages one history request may ask for
    // Most messages replayed to a client coming back (join with "since"); older ones are
    // announced with a "gap" event (reason "limit") and can be paged.
    int maxCatchUp = 10'000;
    // Most bytes of messages in one `history` frame (a page, a join's latest messages, a
    // catch-up replay); what does not fit is paged (`more`). At most half the outgoing cap.
    qint64 maxHistoryPageBytes = 1 << 20;
    // History reads (pages, catch-up) waiting on the read thread: per session and in all; a
    // `history` request beyond either gets `busy`.
    int maxReadsPerSession = 8;
    int maxReads = 1024;
    // Search (docs/protocol.md, `search`): searches waiting for the search thread, per session
    // and in all (one more gets `busy`); how many of the newest messages one page looks through
    // when no word of the query has three characters (the index cannot find shorter ones).
    int maxSearchesPerSession = 2;
    int maxSearches = 64;
    int searchShortScan = 10'000;
    // Messages kept per room: older ones are deleted (0: keep everything).
    qint64 retainMessages = 0;
    int maxCommitBatch = 1000; // most messages written in one transaction
    int commitWindowMs = 0; // gather writes this long before a transaction (0: none)
    // Most messages the storage thread adds to the search index in one transaction, when it has
    // nothing to write (Storage::setIndexBatch).
    int searchIndexBatch = 256;
    // The storage thread's nice value (Linux: per thread). Below 0 it is served before the
    // workers when the cores are busy; that needs CAP_SYS_NICE (or RLIMIT_NICE).
    int storageNice = 0;
    bool syncFull = true; // PRAGMA synchronous=FULL: durable even on power loss

    // Accounts.
    bool allowGuests = true; // nickname-only sessions (hello)
    bool allowRegistration = true; // anybody may create an account
    qint64 tokenLifetimeSeconds = 30 * 24 * 3600; // how long a sign-in lasts
    // Failed sign-ins for one name from one address (and tokens or new accounts from one
    // address) before further attempts are refused for 1, 2, 4, ... s up to maxLoginDelaySeconds;
    // for one name from anywhere before each attempt for it waits as long, up to
    // maxNameDelaySeconds (a delay, not a refusal: the owner still gets in).
    int loginFailuresBeforeDelay = 5;
    int maxLoginDelaySeconds = 300; // the delay doubles with each failure up to this
    int addressFailuresBeforeDelay = 20; // failed sign-ins from one address (any names)
    int maxNameDelaySeconds = 10;
    int throttleEntries = 100'000; // keys in the failure table (least recently touched go first)
    int forgetFailuresSeconds = 86'400; // failures older than this are forgotten
    int hashThreads = 0; // passwords checked at once, 64 MiB each (0: one per core)
    int maxWaitingSignInsPerAddress = 64; // password sign-ins waiting or checked per address
    int maxWaitingSignIns = 1000; // password sign-ins waiting in all

    // Presence: a connection lost without a close (network lost, timed out, dropped) is not
    // announced as leaving its rooms until this long has passed; coming back within it shows
    // nothing to the others (0: announce at once).
    int presenceGraceMs = 15'000;

    // Rooms. Guests make no rooms by joining unknown names unless allowed this many per session;
    // a room a guest made goes away once nobody has been in it and nothing was said in it for
    // guestRoomIdleMs. Accounts (not staff) may have made at most roomsPerAccount rooms that
    // still exist (0: no limit). A list_rooms page holds at most listMaxRooms rooms and
    // listMaxBytes bytes of JSON.
    int guestRoomsPerSession = 0;
    int guestRoomIdleMs = 600'000;
    int roomsPerAccount = 100;
    int listMaxRooms = 500;
    qint64 listMaxBytes = 256 * 1024;

    // Read markers and unread counts (docs/admin.md, [unread]): read marks are kept in memory
    // and written in one transaction every readFlushMs (and when the server stops); the unread
    // counts after a sign-in cover at most unreadMaxRooms rooms (the most recently active).
    int readFlushMs = 2000;
    int unreadMaxRooms = 500;
    // People search: the most people in one find_people page (and the page when none is asked).
    int peoplePage = 50;

    // Origins (scheme://host[:port]) whose pages may open a WebSocket besides the server's own.
    QStringList allowedOrigins;
    // The server's own origins (scheme://host[:port]) as browsers reach it, e.g. behind a
    // reverse proxy. None: http(s) on localhost, loopback addresses, this machine's host name
    // and its addresses, at the port a connection came in on (core/net/originpolicy.h).
    QStringList publicOrigins;

    // TLS (docs/admin.md, "TLS"). With a certificate and its key (PEM files, the certificate
    // file may hold the chain) the port speaks only TLS: https:// and wss://. tlsSelfSigned
    // without them: a certificate made once and kept in the data directory.
    QString tlsCertificateFile;
    QString tlsKeyFile;
    bool tlsSelfSigned = false;
    // Strict-Transport-Security on responses over TLS: max-age in seconds (0: not sent).
    qint64 hstsMaxAgeSeconds = 365 * 24 * 3600;
    // A plain-HTTP port that answers every request with a redirect (308) to HTTPS; -1: none,
    // 0: any free port. Only with TLS on.
    int httpRedirectPort = -1;
    bool tlsEnabled() const { return !tlsCertificateFile.isEmpty() || tlsSelfSigned; }

    // Rate limits (docs/admin.md, [rates]): token buckets per connection, and per account shared
    // by all its sessions. Over a limit a client first gets "slow_down", then its requests are
    // refused ("rate_limited"; typing is dropped); one that keeps sending more than
    // rateCloseMultiple times a limit is closed with 4004 (0: never closed).
    RateSetting sendRate{6000, 10000}; // send and direct: 100/s, a queued burst at once
    RateSetting typingRate{600, 60}; // typing: 10/s
    RateSetting joinRate{1200, 1000}; // join and leave: 20/s, a reconnect's rejoins at once
    RateSetting readRate{1200, 500}; // history, list_rooms, whois: 20/s
    RateSetting createRoomRate{60, 20}; // create_room: 1/s
    RateSetting searchRate{60, 10}; // search: 1/s, per account as well
    // Every moderation request (kick, ban, mute, revoke_tokens, archive_room, delete_room, lift,
    // sanctions, audit, set_topic, set_role, rename_room, unarchive_room, remove_member): 2/s, a
    // burst of 30 (a page through a long list).
    RateSetting moderateRate{120, 30};
    // The account settings (change_password, devices, end_device, set_notify): 1/s, a burst of
    // 10 (a settings dialog opening asks for the devices and may set a few rooms at once). A
    // wrong old password is throttled like a failed login besides.
    RateSetting settingsRate{60, 10};
    // The most sanctions in one page of "sanctions" (sanctions/max-page) and entries in one page
    // of "audit" (audit/max-page).
    int sanctionsPage = 100;
    int auditPage = 100;
    int rateCloseMultiple = 10;
    bool rateExemptStaff = false; // moderators and admins have no rate limits
    // Most rooms one session may be in at once (direct conversations included).
    int maxRoomsPerSession = 1000;
    // Editing one's message: minutes after sending (0: any time).
    qint64 editWindowMinutes = 0;
    // Different emoji one message may carry.
    int reactionsPerMessage = 20;

    // Files over HTTP (docs/admin.md, [files]). An upload larger than maxFileBytes is refused
    // (413) before a byte of its body is read; one whose body stops coming for fileIdleTimeoutMs
    // is dropped and nothing of it kept. At most maxUploadsPerAccount uploads of one account
    // and maxUploads in all run at once; uploadRate limits how often an account starts one.
    qint64 maxFileBytes = qint64(25) << 20;
    int fileIdleTimeoutMs = 30'000;
    int maxUploadsPerAccount = 2;
    int maxUploads = 32;
    RateSetting uploadRate{30, 10}; // rates/upload-*: one every 2 s, 10 at once
    // Images with more pixels than this get no thumbnail (decompression bombs): refused from
    // their declared size, and the decoder may not allocate more than 4 bytes a pixel of it.
    qint64 maxImagePixels = 25'000'000;
    // Files no message refers to are deleted this many days after their upload (0: never).
    int fileRetentionDays = 30;
    // The most files one message may carry (send and direct "attachments"); one more is
    // refused with bad_attachment. The protocol itself never takes more than 64.
    int maxAttachments = 10;
};

// Reads an INI file (see docs/admin.md) over *config. Unknown keys and bad values are errors,
// so that a typo never passes unnoticed; *config is left as it was then.
bool loadConfigFile(const QString &path, ServerConfig *config, QString *error);
// Every key a configuration file may hold, as group/key.
QStringList configKeys();

} // namespace sori::server
