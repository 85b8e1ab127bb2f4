// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/store/store.h"
#include "protocol/messages.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QMutex>
#include <QtCore/QObject>
#include <QtCore/QSet>
#include <QtCore/QThread>
#include <QtCore/QThreadPool>
#include <QtCore/QTimer>

#include <atomic>
#include <deque>
#include <functional>
#include <list>
#include <memory>

namespace sori::server {

struct ServerConfig;

struct AuthResult
{
    std::optional<protocol::Error> error; // set: refused, with the code and a sentence
    Account account;
    QString token; // a new token (register, password login); empty when resuming
    qint64 expires = 0;
    // The account's notification levels (account settings), read at sign-in for the welcome.
    QList<protocol::NotifySetting> notify;
};

// Accounts, passwords and tokens. The auth thread owns the database connection, the failure
// throttle and the queue of password checks; the Argon2id hashes themselves (tens of
// milliseconds and 64 MiB each, on purpose) run on a small pool, so that neither the network
// threads, the message storage nor token sign-ins wait for them. Requests are answered through a
// callback that runs on the auth thread.
//
// Password checks (login and register) are scheduled like this:
// - At most hash-threads of them run at once (the memory budget: 64 MiB each).
// - Attempts wait in one queue per address (IPv4 address, IPv6 /64). An address has at most one
//   attempt being checked and a name at most one, so the throttle has counted each result before
//   the next attempt of that address or name starts.
// - Addresses take turns (round robin), addresses without recorded failures before those with;
//   one address with many waiting attempts delays another address's one attempt by at most one
//   attempt per other waiting address, not by its whole queue.
// - An address has at most max-waiting-per-address attempts waiting or being checked, the server
//   at most max-waiting-sign-ins waiting; beyond them the attempt is refused at once (throttled),
//   and when the server is full a newcomer pushes out the newest attempt of the address with the
//   longest queue instead of being refused itself.
// - Failures are counted per address, per (address, name), per name, per address for tokens and
//   for new accounts. The address and (address, name) counters and the token and registration
//   counters refuse further attempts for a doubling time; the name counter only makes the next
//   attempt for that name wait (a growing delay, capped by max-name-delay) before it is checked,
//   so that an attack on a name slows guesses down without locking its owner out.
// - The failure table holds at most throttle-entries keys; when full it forgets the least
//   recently touched entry that is not (yet) over its limit, and only when every entry is over
//   its limit the least recently touched of those. It never clears itself. Failures older than
//   forget-failures-after are forgotten.
// Token sign-ins (resume) need no hash: they run on the auth thread at once, never behind the
// queue of password checks.
class AuthService : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthService)

public:
    using Done = std::function<void(const AuthResult &)>;

    AuthService(std::unique_ptr<Store> store, const ServerConfig &config);
    ~AuthService() override;

    // Opens its connection; `accounts` receives every account (for the hub).
    bool start(QList<Account> *accounts, QString *error);
    // Called on the auth thread with accounts that another process made in the database while
    // this server runs (`sori-server --create-admin`), within AccountPollMs. Set before start().
    std::function<void(const QList<Account> &)> onNewAccounts;
    static constexpr int AccountPollMs = 1000;
    // Called on the auth thread when a new account's name has passed the database's checks,
    // right before the account is made: the hub refuses a name a guest online has or imitates,
    // and otherwise holds its skeleton for the account (Hub::reserveAccountName); release undoes
    // that when the account could not be made. Set before start(); unset, nothing is asked.
    std::function<std::optional<protocol::Error>(const QString &name)> reserveName;
    std::function<void(const QString &name)> releaseName;
    void stop();

    // Thread-safe; `done` runs on the auth thread.
    // client: what the device signs in with (its devices entry shows it).
    void registerAccount(const QString &name, const QString &password, const QString &address,
                         Done done, protocol::ClientKind client = protocol::ClientKind::Other);
    void login(const QString &name, const QString &password, const QString &address, Done done,
               protocol::ClientKind client = protocol::ClientKind::Other);
    void resume(const QString &token, const QString &address, Done done,
                protocol::ClientKind client = protocol::ClientKind::Other);
    void logout(const QString &token);

    // Account settings (docs/protocol.md §15). Thread-safe; `done` runs on the auth thread.
    // A new password: the old one is checked like a password login (same queue, same throttle:
    // a wrong old password counts as a failed login of the account from that address), the new
    // one hashed on the pool. others: every token but `keepToken` is revoked as well; the caller
    // closes their sessions. done gets no token.
    void changePassword(const Account &account, const QString &oldPassword,
                        const QString &newPassword, bool others, const QByteArray &keepToken,
                        const QString &address, Done done);
    // A session of this token ended: the device was last seen now, there.
    void sessionEnded(const QString &token, const QString &address);
    using DevicesDone = std::function<void(const QList<DeviceRecord> &devices)>;
    void devices(qint64 account, DevicesDone done);
    // Revokes the account's token with that device id; done gets its hash (empty: none).
    using EndDeviceDone = std::function<void(const QByteArray &tokenHash)>;
    void endDevice(qint64 account, const QString &device, EndDeviceDone done);
    // Stores the level; refused (too_many_rooms) past MaxNotifyRooms rooms that are not All.
    using NotifyDone = std::function<void(const std::optional<protocol::Error> &error)>;
    void setNotify(qint64 account, const QString &room, protocol::NotifyLevel level,
                   NotifyDone done);

    // Also for the command line (--create-admin, --reset-password).
    static QString hashPassword(const QString &password); // empty on failure
    static bool verifyPassword(const QString &hash, const QString &password);
    static QString newToken(); // 256 random bits, base64url
    static QByteArray tokenHash(const QString &token); // what the database keeps: SHA-256
    // Null when fine, else why the password cannot be used.
    static std::optional<QString> passwordProblem(const QString &password);
    // What the throttle counts an address as: an IPv4 address as itself, an IPv6 address by its
    // /64 prefix ("2001:db8:1:2::/64"); IPv4-mapped IPv6 addresses as IPv4.
    static QString addressGroup(const QString &address);

    // For tests and the monitor: how full the queues and the failure table are. Thread-safe
    // (not from the auth thread); blocks until the auth thread answers.
    struct Load
    {
        int waiting = 0; // password checks queued
        int checking = 0; // password checks on the pool
        int throttleEntries = 0; // keys in the failure table
    };
    Load load();
    // For tests: moves the failure table's clock forward by ms (thread-safe), so that a test of
    // forget-failures-after need not sleep through it.
    void advanceThrottleClock(qint64 ms) { m_throttleClockSkewMs.fetch_add(ms); }

private:
    struct Failures
    {
        int count = 0;
        qint64 lastFailure = 0; // ms since the epoch
        bool over = false; // over its limit: kept in m_overLimit, evicted last
        std::list<QString>::iterator where; // in m_counting or m_overLimit
    };
    enum class Kind { Address, AddressName, Name, Token, Registration };
    struct PasswordJob
    {
        bool registering = false;
        QString name;
        QString password;
        QString address; // as the connection saw it, for the log
        QString group; // addressGroup(address)
        Done done;
        protocol::ClientKind client = protocol::ClientKind::Other;
        // A password change: checked like a login of `name` with `password` (the old one).
        bool changing = false;
        QString newPassword;
        bool others = false;
        QByteArray keepToken; // the hash of the asking device's token
    };
    struct AddressQueue
    {
        std::deque<PasswordJob> waiting;
        bool checking = false;
    };

    void run(std::function<void()> task);
    void submit(PasswordJob job);
    void dispatch();
    void startCheck(PasswordJob job);
    void finishCheck(const PasswordJob &job, const Account &account, bool ok, const QString &hash);
    std::optional<protocol::Error> refusal(const PasswordJob &job);
    std::optional<protocol::Error> throttled(std::initializer_list<std::pair<Kind, QString>> keys);
    // Null if none (or forgotten); a touch makes it the most recently used.
    Failures *failures(const QString &key, bool touch = true);
    int threshold(Kind kind) const;
    qint64 delayMs(Kind kind, int count) const;
    qint64 notBefore(Kind kind, const QString &key); // 0 if not delayed
    void recordFailure(Kind kind, const QString &key);
    void forget(const QString &key);
    // The failure table's clock: ms since the epoch (plus what advanceThrottleClock() added).
    qint64 throttleNow() const;
    void pollAccounts();
    AuthResult issueToken(const Account &account, protocol::ClientKind client,
                          const QString &address);
    void finishChange(const PasswordJob &job, const Account &account, const QString &hash,
                      AuthResult *result);

    std::unique_ptr<Store> m_store;
    const ServerConfig &m_config;
    QThread m_thread;
    // Lives on m_thread. run() is called from the workers: it posts under m_contextMutex, and
    // stop() clears it under the same lock before the thread ends (and deletes it), so that no
    // task is ever posted to a context being deleted.
    QObject *m_context = nullptr;
    QMutex m_contextMutex;
    QThreadPool m_pool; // the hashes
    std::atomic_bool m_stopping = false;
    std::atomic<qint64> m_throttleClockSkewMs = 0;

    // Auth thread only from here on.
    QHash<QString, Failures> m_failures;
    std::list<QString> m_counting; // keys under their limit, least recently touched first
    std::list<QString> m_overLimit; // keys over their limit, least recently touched first
    QHash<QString, AddressQueue> m_queues; // by address group, while it has attempts
    std::list<QString> m_turns; // address groups with waiting attempts, in turn order
    QSet<QString> m_namesChecking; // case-folded names with an attempt on the pool
    int m_waiting = 0;
    int m_checking = 0;
    QTimer *m_wake = nullptr; // for the attempts that wait for a name's delay
    qint64 m_newestAccount = 0; // the greatest account id known
};

} // namespace sori::server
