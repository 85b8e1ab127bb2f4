// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/authservice.h"

#include "core/hub.h"
#include "core/logging.h"
#include "core/serverconfig.h"
#include "protocol/messagecodec.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QDateTime>
#include <QtCore/QSemaphore>
#include <QtCore/QTimer>

#include <sodium.h>

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
} // namespace

AuthService::AuthService(std::unique_ptr<Store> store, const ServerConfig &config)
    : m_store(std::move(store)), m_config(config)
{
    m_thread.setObjectName(u"sori-auth"_s);
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
    m_thread.quit();
    m_thread.wait();
    m_context = nullptr;
}

void AuthService::run(std::function<void()> task)
{
    if (m_context)
        QMetaObject::invokeMethod(m_context, std::move(task), Qt::QueuedConnection);
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

std::optional<Error> AuthService::throttled(const QString &keyA, const QString &keyB)
{
    qint64 until = 0;
    for (const QString &key : {keyA, keyB}) {
        const auto it = m_failures.constFind(key);
        if (it != m_failures.cend())
            until = qMax(until, it->blockedUntil);
    }
    const qint64 wait = until - now();
    if (wait <= 0)
        return std::nullopt;
    const qint64 seconds = (wait + 999) / 1000;
    return makeError(ErrorCode::Throttled,
                     u"Too many failed sign-ins; try again in %1 s."_s.arg(seconds));
}

void AuthService::recordFailure(const QString &key)
{
    Failures &failures = m_failures[key];
    ++failures.count;
    const int over = failures.count - m_config.loginFailuresBeforeDelay;
    if (over >= 0) {
        const qint64 seconds =
            qMin<qint64>(qint64(1) << qMin(over, 20), m_config.maxLoginDelaySeconds);
        failures.blockedUntil = now() + seconds * 1000;
    }
    // Bounded memory under a storm of random names: forget the oldest stories.
    if (m_failures.size() > 100'000)
        m_failures.clear();
}

AuthResult AuthService::issueToken(const Account &account)
{
    AuthResult result;
    result.account = account;
    result.token = newToken();
    result.expires = now() + m_config.tokenLifetimeSeconds * 1000;
    if (!m_store->addToken(account.id, tokenHash(result.token), now(), result.expires)) {
        qCWarning(lcStore) << "cannot store a token:" << m_store->errorString();
        result.error = makeError(ErrorCode::Internal, u"Signing in failed; try again."_s);
    }
    return result;
}

void AuthService::registerAccount(const QString &name, const QString &password,
                                  const QString &address, Done done)
{
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
        } else if (name.compare(Hub::operatorName(), Qt::CaseInsensitive) == 0) {
            // The operator's announcements come from this name: nobody may pass for it.
            result.error =
                makeError(ErrorCode::NameTaken, u"\"%1\" is the server's own name."_s.arg(name));
        } else if (const auto problem = passwordProblem(password)) {
            result.error = makeError(ErrorCode::WeakPassword, *problem);
        } else if (const auto wait = throttled(u"register:"_s + address, {})) {
            result.error = wait;
        } else {
            Account existing;
            qint64 id = -1;
            const QString hash = hashPassword(password);
            if (m_store->findAccount(name, &existing)) {
                result.error = makeError(ErrorCode::NameTaken,
                                         u"The name \"%1\" is taken; choose another."_s.arg(name));
            } else if (hash.isEmpty()
                       || !m_store->createAccount(name, hash, protocol::Role::Member, now(), &id)) {
                result.error = makeError(ErrorCode::Internal, u"The account could not be made."_s);
            } else {
                qCInfo(lcHub) << "new account" << name << "from" << address;
                // New accounts from one address slow down as failed logins do.
                recordFailure(u"register:"_s + address);
                result = issueToken(Account{id, name, hash, protocol::Role::Member});
            }
        }
        done(result);
    });
}

void AuthService::login(const QString &name, const QString &password, const QString &address,
                        Done done)
{
    run([=, this] {
        AuthResult result;
        const QString addressKey = u"address:"_s + address;
        const QString nameKey = u"name:"_s + name.toCaseFolded();
        if (const auto wait = throttled(addressKey, nameKey)) {
            result.error = wait;
            done(result);
            return;
        }
        Account account;
        const bool found = m_store->findAccount(name, &account);
        // Without an account the hash is still computed, so that timing tells nothing either.
        static const QString dummy = hashPassword(u"not a password of anybody"_s);
        const bool ok = verifyPassword(found ? account.passwordHash : dummy, password) && found;
        if (!ok) {
            recordFailure(addressKey);
            recordFailure(nameKey);
            qCInfo(lcHub) << "failed sign-in for" << name << "from" << address;
            result.error = badCredentials();
        } else {
            m_failures.remove(nameKey);
            result = issueToken(account);
        }
        done(result);
    });
}

void AuthService::resume(const QString &token, const QString &address, Done done)
{
    run([=, this] {
        AuthResult result;
        // Guessed tokens are counted apart from guessed passwords: password guesses from an
        // address do not hold up the reconnects of everybody else behind it.
        const QString tokenKey = u"token:"_s + address;
        if (const auto wait = throttled(tokenKey, {})) {
            result.error = wait;
        } else if (!m_store->findToken(tokenHash(token), now(), &result.account)) {
            recordFailure(tokenKey);
            result.error = makeError(ErrorCode::BadToken,
                                     u"This sign-in has expired or was revoked; sign in again."_s);
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
