// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chat/authservice.h"

#include "core/chat/hub.h"
#include "core/logging.h"
#include "core/namecheck.h"
#include "core/serverconfig.h"
#include "protocol/messagecodec.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QDateTime>
#include <QtNetwork/QHostAddress>

#include <sodium.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sori::server {

using protocol::Error;
using protocol::ErrorCode;

namespace {
constexpr int MinPasswordLength = 8;

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

Error makeError(ErrorCode code, QString message)
{
    return Error{{}, code, std::move(message)};
}

// One sentence for every wrong name or password: it must not tell which was wrong.
Error badCredentials()
{
    return makeError(ErrorCode::BadCredentials, u"Wrong name or password."_s);
}

// Verified when no account has the name, so that timing tells nothing either. Made once, on
// the first pool thread that needs it.
const QString &dummyHash()
{
    static const QString hash = AuthService::hashPassword(u"not a password of anybody"_s);
    return hash;
}

QString keyOf(const QString &prefix, const QString &value)
{
    return prefix + value;
}
} // namespace

AuthService::AuthService(std::unique_ptr<Store> store, const ServerConfig &config)
    : m_store(std::move(store)), m_config(config)
{
    m_thread.setObjectName(u"sori-auth"_s);
    m_pool.setObjectName(u"sori-hash"_s);
}

AuthService::~AuthService()
{
    stop();
}

bool AuthService::start(QList<Account> *accounts, QString *error)
{
    if (sodium_init() < 0) {
        *error = u"libsodium could not be initialized"_s;
        return false;
    }
    m_stopping = false;
    m_pool.setMaxThreadCount(m_config.hashThreads > 0 ? m_config.hashThreads
                                                      : qMax(1, QThread::idealThreadCount()));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
    bool ok = false;
    QMetaObject::invokeMethod(
        m_context,
        [&] {
            ok = m_store->open();
            if (!ok) {
                *error = m_store->errorString();
                return;
            }
            *accounts = m_store->accounts(0);
            for (const Account &account : std::as_const(*accounts))
                m_newestAccount = qMax(m_newestAccount, account.id);
            // Accounts made here are in the hub already; the poll finds those made elsewhere.
            auto *poll = new QTimer(m_context);
            connect(poll, &QTimer::timeout, m_context, [this] { pollAccounts(); });
            poll->start(AccountPollMs);
            m_wake = new QTimer(m_context);
            m_wake->setSingleShot(true);
            connect(m_wake, &QTimer::timeout, m_context, [this] { dispatch(); });
        },
        Qt::BlockingQueuedConnection);
    if (!ok)
        stop();
    return ok;
}

void AuthService::pollAccounts()
{
    const QList<Account> found = m_store->accounts(m_newestAccount);
    if (found.isEmpty())
        return;
    m_newestAccount = found.last().id;
    if (onNewAccounts)
        onNewAccounts(found);
}

void AuthService::stop()
{
    if (!m_thread.isRunning())
        return;
    // Nothing new starts on the pool (set on the auth thread, so that no dispatch is half-way);
    // what runs finishes while the auth thread still exists (its results are dropped), then the
    // thread ends. Attempts still waiting are not answered: the server is going away.
    if (m_context)
        QMetaObject::invokeMethod(
            m_context, [this] { m_stopping = true; }, Qt::BlockingQueuedConnection);
    m_stopping = true;
    m_pool.waitForDone(); // the hashes post their results to m_context: it is still there
    {
        // From now on run() posts nothing (a client leaving during shutdown records no last
        // seen); the context goes with the thread.
        const QMutexLocker lock(&m_contextMutex);
        m_context = nullptr;
    }
    m_thread.quit();
    m_thread.wait();
    m_wake = nullptr;
}

void AuthService::run(std::function<void()> task)
{
    const QMutexLocker lock(&m_contextMutex);
    if (m_context)
        QMetaObject::invokeMethod(m_context, std::move(task), Qt::QueuedConnection);
}

AuthService::Load AuthService::load()
{
    Load result;
    if (!m_context)
        return result;
    QMetaObject::invokeMethod(
        m_context,
        [&] {
            result.waiting = m_waiting;
            result.checking = m_checking;
            result.throttleEntries = int(m_failures.size());
        },
        Qt::BlockingQueuedConnection);
    return result;
}

QString AuthService::hashPassword(const QString &password)
{
    const QByteArray utf8 = password.toUtf8();
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, utf8.constData(), quint64(utf8.size()),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE)
        != 0)
        return {}; // out of memory
    return QString::fromLatin1(hash);
}

bool AuthService::verifyPassword(const QString &hash, const QString &password)
{
    const QByteArray utf8 = password.toUtf8();
    const QByteArray stored = hash.toLatin1();
    return crypto_pwhash_str_verify(stored.constData(), utf8.constData(), quint64(utf8.size()))
        == 0;
}

QString AuthService::newToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    randombytes_buf(bytes.data(), size_t(bytes.size()));
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray AuthService::tokenHash(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
}

std::optional<QString> AuthService::passwordProblem(const QString &password)
{
    if (password.size() < MinPasswordLength)
        return u"A password has at least %1 characters."_s.arg(MinPasswordLength);
    if (password.size() > protocol::MaxPasswordLength)
        return u"A password has at most %1 characters."_s.arg(protocol::MaxPasswordLength);
    return std::nullopt;
}

QString AuthService::addressGroup(const QString &address)
{
    QHostAddress host;
    if (!host.setAddress(address))
        return address; // not an IP address (a test, a Unix socket): as it is
    bool isV4 = false;
    const quint32 v4 = host.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).toString();
    if (host.protocol() != QAbstractSocket::IPv6Protocol)
        return address;
    // One subscriber usually has a whole /64: count it as one address.
    Q_IPV6ADDR bytes = host.toIPv6Address();
    for (int i = 8; i < 16; ++i)
        bytes[i] = 0;
    return QHostAddress(bytes).toString() + u"/64"_s;
}

int AuthService::threshold(Kind kind) const
{
    return kind == Kind::Address ? m_config.addressFailuresBeforeDelay
                                 : m_config.loginFailuresBeforeDelay;
}

qint64 AuthService::delayMs(Kind kind, int count) const
{
    const int over = count - threshold(kind);
    if (over < 0)
        return 0;
    const qint64 cap =
        kind == Kind::Name ? m_config.maxNameDelaySeconds : m_config.maxLoginDelaySeconds;
    return qMin<qint64>(qint64(1) << qMin(over, 20), cap) * 1000;
}

AuthService::Failures *AuthService::failures(const QString &key, bool touch)
{
    const auto it = m_failures.find(key);
    if (it == m_failures.end())
        return nullptr;
    if (throttleNow() - it->lastFailure > qint64(m_config.forgetFailuresSeconds) * 1000) {
        forget(key);
        return nullptr;
    }
    if (!touch)
        return &*it;
    // Touched: the least recently touched entries are the first to go when the table is full.
    std::list<QString> &list = it->over ? m_overLimit : m_counting;
    list.splice(list.end(), list, it->where);
    return &*it;
}

void AuthService::forget(const QString &key)
{
    const auto it = m_failures.find(key);
    if (it == m_failures.end())
        return;
    (it->over ? m_overLimit : m_counting).erase(it->where);
    m_failures.erase(it);
}

qint64 AuthService::throttleNow() const
{
    return now() + m_throttleClockSkewMs.load();
}

qint64 AuthService::notBefore(Kind kind, const QString &key)
{
    const Failures *entry = failures(key);
    if (!entry)
        return 0;
    const qint64 delay = delayMs(kind, entry->count);
    return delay > 0 ? entry->lastFailure + delay : 0;
}

std::optional<Error> AuthService::throttled(std::initializer_list<std::pair<Kind, QString>> keys)
{
    qint64 until = 0;
    for (const auto &[kind, key] : keys)
        until = qMax(until, notBefore(kind, key));
    const qint64 wait = until - throttleNow();
    if (wait <= 0)
        return std::nullopt;
    const qint64 seconds = (wait + 999) / 1000;
    Error error = makeError(ErrorCode::Throttled,
                            u"Too many failed sign-ins; try again in %1 s."_s.arg(seconds));
    error.waitMs = wait;
    return error;
}

void AuthService::recordFailure(Kind kind, const QString &key)
{
    Failures *entry = failures(key);
    if (!entry) {
        entry = &m_failures[key];
        entry->where = m_counting.insert(m_counting.end(), key);
    }
    ++entry->count;
    entry->lastFailure = throttleNow();
    if (!entry->over && entry->count >= threshold(kind)) {
        entry->over = true;
        m_overLimit.splice(m_overLimit.end(), m_counting, entry->where);
    }
    // Bounded memory under a storm of random names or addresses: forget the least recently
    // touched entry that is not over its limit, so that a flood of single failures never
    // frees an address or a name that is being throttled; only when every entry is over its
    // limit does the oldest of those go. Never everything at once.
    // The entry just counted is never the one to go.
    while (m_failures.size() > qMax(1, m_config.throttleEntries)) {
        std::list<QString> &from =
            !m_counting.empty() && m_counting.front() != key ? m_counting : m_overLimit;
        if (from.empty() || from.front() == key)
            break;
        const QString victim = from.front();
        qCDebug(lcHub) << "the sign-in throttle is full: forgetting" << victim;
        forget(victim);
    }
}

AuthResult AuthService::issueToken(const Account &account, protocol::ClientKind client,
                                   const QString &address)
{
    AuthResult result;
    result.account = account;
    result.token = newToken();
    result.expires = now() + m_config.tokenLifetimeSeconds * 1000;
    const QByteArray hash = tokenHash(result.token);
    if (!m_store->addToken(account.id, hash, now(), result.expires)) {
        qCWarning(lcStore) << "cannot store a token:" << m_store->errorString();
        result.error = makeError(ErrorCode::Internal, u"Signing in failed; try again."_s);
        return result;
    }
    // What the devices list shows of this sign-in; a failure here costs the list a detail, not
    // the sign-in.
    if (!m_store->touchToken(hash, protocol::toWire(client), address, now()))
        qCWarning(lcStore) << "cannot note a device:" << m_store->errorString();
    result.notify = m_store->notifyLevels(account.id);
    return result;
}

std::optional<Error> AuthService::refusal(const PasswordJob &job)
{
    if (job.registering)
        return throttled({{Kind::Registration, keyOf(u"register:"_s, job.group)}});
    const QString name = job.name.toCaseFolded();
    return throttled({{Kind::Address, keyOf(u"address:"_s, job.group)},
                      {Kind::AddressName, keyOf(u"address+name:"_s, job.group + u' ' + name)}});
}

void AuthService::registerAccount(const QString &givenName, const QString &password,
                                  const QString &address, Done done, protocol::ClientKind client)
{
    // In NFC, like every name: one spelling of each name is stored and compared.
    const QString name = names::normalized(givenName);
    run([=, this] {
        AuthResult result;
        if (!m_config.allowRegistration) {
            result.error = makeError(ErrorCode::RegistrationClosed,
                                     u"This server does not take new accounts."_s);
        } else if (!protocol::isValidAccountName(name)) {
            result.error = makeError(
                ErrorCode::BadName,
                u"A name has 1 to %1 letters, digits, '-', '_' or '.', and is not guest-<number>."_s
                    .arg(protocol::MaxNameLength));
        } else if (Actor::isReservedName(name)) {
            // The operator's announcements come from "server", the server's plain lines start
            // with "error:": nobody may pass for either.
            result.error = makeError(ErrorCode::NameTaken,
                                     u"\"%1\" is a name the server uses itself."_s.arg(name));
        } else if (const names::Problem problem = names::problem(name);
                   problem != names::Problem::None) {
            result.error = makeError(ErrorCode::NameConfusable, names::explain(problem, name));
        } else if (const auto problem = passwordProblem(password)) {
            result.error = makeError(ErrorCode::WeakPassword, *problem);
        } else {
            submit(PasswordJob{true, name, password, address, addressGroup(address), done, client});
            return;
        }
        done(result);
    });
}

void AuthService::login(const QString &givenName, const QString &password, const QString &address,
                        Done done, protocol::ClientKind client)
{
    const QString name = names::normalized(givenName);
    run([=, this] {
        submit(PasswordJob{false, name, password, address, addressGroup(address), done, client});
    });
}

void AuthService::changePassword(const Account &account, const QString &oldPassword,
                                 const QString &newPassword, bool others,
                                 const QByteArray &keepToken, const QString &address, Done done)
{
    run([=, this] {
        // A weak new password is refused before anything is checked: it tells nothing about the
        // old one, so it need not cost a guess either.
        if (const auto problem = passwordProblem(newPassword)) {
            AuthResult result;
            result.error = makeError(ErrorCode::WeakPassword, *problem);
            done(result);
            return;
        }
        PasswordJob job{false, account.name, oldPassword, address, addressGroup(address), done};
        job.changing = true;
        job.newPassword = newPassword;
        job.others = others;
        job.keepToken = keepToken;
        submit(std::move(job));
    });
}

void AuthService::submit(PasswordJob job)
{
    AuthResult result;
    if (m_stopping)
        return;
    if (const auto wait = refusal(job)) {
        result.error = wait;
        job.done(result);
        return;
    }
    const auto existing = m_queues.constFind(job.group);
    const qsizetype mine = existing == m_queues.cend()
        ? 0
        : qsizetype(existing->waiting.size()) + (existing->checking ? 1 : 0);
    if (mine >= m_config.maxWaitingSignInsPerAddress) {
        qCDebug(lcHub) << "too many sign-ins waiting from" << job.address;
        result.error = makeError(ErrorCode::Throttled,
                                 u"Too many sign-ins from your address are waiting; try again "
                                 "when they are answered."_s);
        job.done(result);
        return;
    }
    if (m_waiting >= m_config.maxWaitingSignIns) {
        // Full: the address with the longest queue gives way, so that a newcomer is not refused
        // because somebody else queued a lot.
        QString longest;
        qsizetype length = 0;
        for (auto it = m_queues.cbegin(); it != m_queues.cend(); ++it) {
            if (qsizetype(it->waiting.size()) > length) {
                length = qsizetype(it->waiting.size());
                longest = it.key();
            }
        }
        const qsizetype waitingHere = existing == m_queues.cend() ? 0 : existing->waiting.size();
        const Error busy = makeError(ErrorCode::Throttled,
                                     u"The server is busy checking passwords; try again in a "
                                     "few seconds."_s);
        result.error = busy;
        if (longest.isEmpty() || longest == job.group || length <= waitingHere + 1) {
            job.done(result);
            return;
        }
        AddressQueue &victim = m_queues[longest]; // keeps at least one: length > 1
        const PasswordJob pushedOut = std::move(victim.waiting.back());
        victim.waiting.pop_back();
        --m_waiting;
        pushedOut.done(result);
    }
    AddressQueue &queue = m_queues[job.group];
    if (queue.waiting.empty())
        m_turns.push_back(job.group);
    queue.waiting.push_back(std::move(job));
    ++m_waiting;
    dispatch();
}

void AuthService::dispatch()
{
    if (m_stopping)
        return;
    qint64 wake = 0; // the earliest end of a name's delay that holds up an attempt
    while (m_checking < m_pool.maxThreadCount() && !m_turns.empty()) {
        auto chosen = m_turns.end();
        // Addresses without failures first, then the others; each in turn order.
        for (const bool clean : {true, false}) {
            for (auto turn = m_turns.begin(); turn != m_turns.end();) {
                AddressQueue &queue = m_queues[*turn];
                if (queue.checking || clean != !failures(keyOf(u"address:"_s, *turn), false)) {
                    ++turn;
                    continue;
                }
                const PasswordJob &job = queue.waiting.front();
                // The attempt before this one may have failed meanwhile.
                if (const auto wait = refusal(job)) {
                    AuthResult result;
                    result.error = wait;
                    const PasswordJob refused = std::move(queue.waiting.front());
                    queue.waiting.pop_front();
                    --m_waiting;
                    if (queue.waiting.empty()) {
                        m_queues.remove(*turn);
                        turn = m_turns.erase(turn);
                    }
                    refused.done(result);
                    continue;
                }
                if (!job.registering) {
                    const QString name = job.name.toCaseFolded();
                    if (m_namesChecking.contains(name)) {
                        ++turn;
                        continue;
                    }
                    const qint64 until = notBefore(Kind::Name, keyOf(u"name:"_s, name));
                    if (until > throttleNow()) {
                        wake = wake == 0 ? until : qMin(wake, until);
                        ++turn;
                        continue;
                    }
                }
                chosen = turn;
                break;
            }
            if (chosen != m_turns.end())
                break;
        }
        if (chosen == m_turns.end())
            break;
        const QString group = *chosen;
        m_turns.erase(chosen);
        AddressQueue &queue = m_queues[group];
        PasswordJob job = std::move(queue.waiting.front());
        queue.waiting.pop_front();
        --m_waiting;
        if (!queue.waiting.empty())
            m_turns.push_back(group); // its next attempt waits for the others' turns
        startCheck(std::move(job));
    }
    if (wake > 0 && m_wake)
        m_wake->start(int(qBound(qint64(1), wake - throttleNow() + 1, qint64(3'600'000))));
}

void AuthService::startCheck(PasswordJob job)
{
    m_queues[job.group].checking = true;
    ++m_checking;
    Account account;
    bool found = false;
    if (!job.registering) {
        m_namesChecking.insert(job.name.toCaseFolded());
        found = m_store->findAccount(job.name, &account);
    }
    m_pool.start([this, job = std::move(job), found, account]() mutable {
        QString hash;
        bool ok = false;
        if (job.registering)
            hash = hashPassword(job.password);
        else
            ok = verifyPassword(found ? account.passwordHash : dummyHash(), job.password) && found;
        // A password change hashes the new password only once the old one is right.
        if (job.changing && ok)
            hash = hashPassword(job.newPassword);
        job.password.clear();
        job.newPassword.clear();
        QMetaObject::invokeMethod(
            m_context,
            [this, job = std::move(job), account, ok, hash] {
                finishCheck(job, account, ok, hash);
            },
            Qt::QueuedConnection);
    });
}

void AuthService::finishCheck(const PasswordJob &job, const Account &account, bool ok,
                              const QString &hash)
{
    if (m_stopping)
        return;
    --m_checking;
    const auto queue = m_queues.find(job.group);
    if (queue != m_queues.end()) {
        queue->checking = false;
        if (queue->waiting.empty())
            m_queues.erase(queue);
    }
    AuthResult result;
    if (job.registering) {
        Account existing;
        qint64 id = -1;
        // The database's checks and the insert run here, on the one auth thread, one registration
        // after the other; the hub's reservation keeps guests from taking a name like it
        // meanwhile.
        if (m_store->findAccount(job.name, &existing)) {
            result.error = makeError(ErrorCode::NameTaken,
                                     u"The name \"%1\" is taken; choose another."_s.arg(job.name));
        } else if (m_store->findAccountBySkeleton(names::skeleton(job.name), &existing)) {
            result.error =
                makeError(ErrorCode::NameConfusable,
                          u"\"%1\" looks too much like \"%2\"; choose another name."_s.arg(
                              job.name, existing.name));
        } else if (auto refused = reserveName ? reserveName(job.name) : std::nullopt) {
            result.error = std::move(refused);
        } else if (hash.isEmpty()
                   || !m_store->createAccount(job.name, hash, protocol::Role::Member, now(), &id)) {
            if (releaseName)
                releaseName(job.name);
            result.error = makeError(ErrorCode::Internal, u"The account could not be made."_s);
        } else {
            qCInfo(lcHub) << "new account" << job.name << "from" << job.address;
            // New accounts from one address slow down as failed logins do.
            recordFailure(Kind::Registration, keyOf(u"register:"_s, job.group));
            result = issueToken(Account{id, job.name, hash, protocol::Role::Member}, job.client,
                                job.address);
        }
    } else {
        const QString name = job.name.toCaseFolded();
        m_namesChecking.remove(name);
        const QString pairKey = keyOf(u"address+name:"_s, job.group + u' ' + name);
        if (!ok) {
            recordFailure(Kind::Address, keyOf(u"address:"_s, job.group));
            recordFailure(Kind::AddressName, pairKey);
            recordFailure(Kind::Name, keyOf(u"name:"_s, name));
            if (job.changing) {
                qCInfo(lcHub) << "wrong old password in a password change of" << job.name << "from"
                              << job.address;
                result.error =
                    makeError(ErrorCode::BadCredentials, u"The current password is wrong."_s);
            } else {
                qCInfo(lcHub) << "failed sign-in for" << job.name << "from" << job.address;
                result.error = badCredentials();
            }
        } else {
            // The owner is in: the name and this address's count for it start over. The
            // address's own count does not (one's own account must not launder guesses).
            forget(pairKey);
            forget(keyOf(u"name:"_s, name));
            if (job.changing)
                finishChange(job, account, hash, &result);
            else
                result = issueToken(account, job.client, job.address);
        }
    }
    job.done(result);
    dispatch();
}

void AuthService::finishChange(const PasswordJob &job, const Account &account, const QString &hash,
                               AuthResult *result)
{
    result->account = account;
    if (hash.isEmpty() || !m_store->setPasswordHash(account.id, hash)) {
        qCWarning(lcStore) << "cannot change the password of" << account.name << ":"
                           << m_store->errorString();
        result->error =
            makeError(ErrorCode::Internal, u"The password could not be changed; try again."_s);
        return;
    }
    qCInfo(lcHub) << "password changed for" << account.name << "from" << job.address
                  << (job.others ? "(other devices signed out)" : "");
    if (job.others && !m_store->removeTokensOfExcept(account.id, job.keepToken)) {
        qCWarning(lcStore) << "cannot sign out the other devices of" << account.name << ":"
                           << m_store->errorString();
        result->error = makeError(ErrorCode::Internal,
                                  u"The password was changed, but the other devices could not "
                                  "be signed out; try again."_s);
    }
}

void AuthService::sessionEnded(const QString &token, const QString &address)
{
    const QByteArray hash = tokenHash(token);
    const qint64 at = now();
    run([=, this] {
        if (!m_store->touchToken(hash, {}, address, at))
            qCDebug(lcStore) << "cannot note the end of a session:" << m_store->errorString();
    });
}

void AuthService::devices(qint64 account, DevicesDone done)
{
    run([=, this] { done(m_store->devicesOf(account, now())); });
}

void AuthService::endDevice(qint64 account, const QString &device, EndDeviceDone done)
{
    run([=, this] {
        QByteArray hash;
        if (!m_store->removeDevice(account, device, &hash))
            hash.clear();
        done(hash);
    });
}

void AuthService::setNotify(qint64 account, const QString &room, protocol::NotifyLevel level,
                            NotifyDone done)
{
    run([=, this] {
        if (level != protocol::NotifyLevel::All) {
            // Bounded like the welcome that carries them: a new room past the cap is refused.
            const QList<protocol::NotifySetting> levels = m_store->notifyLevels(account);
            const bool known = std::any_of(levels.cbegin(), levels.cend(),
                                           [&](const auto &s) { return s.room == room; });
            if (!known && levels.size() >= protocol::MaxNotifyRooms) {
                done(makeError(ErrorCode::TooManyRooms,
                               u"At most %1 rooms have their own notification level; set one "
                               "back to \"all\" first."_s.arg(protocol::MaxNotifyRooms)));
                return;
            }
        }
        if (!m_store->setNotifyLevel(account, room, level)) {
            qCWarning(lcStore) << "cannot store a notification level:" << m_store->errorString();
            done(makeError(ErrorCode::Internal, u"The setting could not be stored; try again."_s));
            return;
        }
        done(std::nullopt);
    });
}

void AuthService::resume(const QString &token, const QString &address, Done done,
                         protocol::ClientKind client)
{
    run([=, this] {
        AuthResult result;
        // Guessed tokens are counted apart from guessed passwords: password guesses from an
        // address do not hold up the reconnects of everybody else behind it. No hash is needed,
        // so this never waits behind the queue of password checks.
        const QString tokenKey = keyOf(u"token:"_s, addressGroup(address));
        if (const auto wait = throttled({{Kind::Token, tokenKey}})) {
            result.error = wait;
        } else if (!m_store->findToken(tokenHash(token), now(), &result.account)) {
            recordFailure(Kind::Token, tokenKey);
            result.error = makeError(ErrorCode::BadToken,
                                     u"This sign-in has expired or was revoked; sign in again."_s);
        } else {
            if (!m_store->touchToken(tokenHash(token), protocol::toWire(client), address, now()))
                qCDebug(lcStore) << "cannot note a device:" << m_store->errorString();
            result.notify = m_store->notifyLevels(result.account.id);
        }
        done(result);
    });
}

void AuthService::logout(const QString &token)
{
    run([=, this] {
        if (!m_store->removeToken(tokenHash(token)))
            qCWarning(lcStore) << "cannot revoke a token:" << m_store->errorString();
    });
}

} // namespace sori::server
