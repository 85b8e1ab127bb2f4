// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/store.h"
#include "protocol/messages.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QThread>

#include <functional>
#include <memory>

namespace sori::server {

struct ServerConfig;

struct AuthResult
{
    std::optional<protocol::Error> error; // set: refused, with the code and a sentence
    Account account;
    QString token; // a new token (register, password login); empty when resuming
    qint64 expires = 0;
};

// Accounts, passwords and tokens, on a thread of its own with its own database connection:
// Argon2id takes tens of milliseconds on purpose, and neither the network threads nor the
// message storage may wait for it. Requests are answered through a callback that runs on the
// auth thread. Failed logins are counted per address and per account name and slow further
// attempts down.
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
    void stop();

    // Thread-safe; `done` runs on the auth thread.
    void registerAccount(const QString &name, const QString &password, const QString &address,
                         Done done);
    void login(const QString &name, const QString &password, const QString &address, Done done);
    void resume(const QString &token, const QString &address, Done done);
    void logout(const QString &token);

    // Also for the command line (--create-admin, --reset-password).
    static QString hashPassword(const QString &password); // empty on failure
    static bool verifyPassword(const QString &hash, const QString &password);
    static QString newToken(); // 256 random bits, base64url
    static QByteArray tokenHash(const QString &token); // what the database keeps: SHA-256
    // Null when fine, else why the password cannot be used.
    static std::optional<QString> passwordProblem(const QString &password);

private:
    struct Failures
    {
        int count = 0;
        qint64 blockedUntil = 0; // ms since the epoch
    };
    void run(std::function<void()> task);
    std::optional<protocol::Error> throttled(const QString &requestKeyA,
                                             const QString &requestKeyB);
    void recordFailure(const QString &key);
    void pollAccounts();
    AuthResult issueToken(const Account &account);

    std::unique_ptr<Store> m_store;
    const ServerConfig &m_config;
    QThread m_thread;
    QObject *m_context = nullptr;
    QHash<QString, Failures> m_failures; // auth thread only
    qint64 m_newestAccount = 0; // auth thread only: the greatest account id known
};

} // namespace sori::server
