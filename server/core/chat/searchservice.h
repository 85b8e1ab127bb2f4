// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/store/store.h"

#include <QtCore/QHash>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace sori::server {

// Full-text search (docs/protocol.md, `search`) on a thread and a read-only database connection
// of its own (WAL lets it read beside the writer): a search never waits behind the storage
// thread's commits, and no commit, no history page waits for a search. Searches wait in one
// bounded queue, taken in order; beyond its bounds a search is refused at once (the session
// answers `busy`), so that a flood costs a refusal, not memory or a growing wait for everybody.
class SearchService
{
public:
    // maxWaiting: searches queued or running in all; perSession: of one session.
    SearchService(std::unique_ptr<Store> store, int maxWaiting, int maxWaitingPerSession);
    ~SearchService();
    Q_DISABLE_COPY_MOVE(SearchService)

    // Starts the thread and opens its connection (blocking, once at start-up, after the
    // storage has brought the schema up to date). False, with *error, if it cannot.
    bool start(QString *error);
    // Ends the thread; searches still queued are dropped (their sessions are going too).
    void stop();

    using Done = std::function<void(bool ok, const SearchPage &page)>;
    // Thread-safe. Queues a search for `session`; done runs on the search thread. False, and
    // nothing queued, when the session or the service has its most searches waiting.
    bool search(quint64 session, SearchQuery query, Done done);
    // Searches queued or running (thread-safe): for the tests and the log.
    int waiting() const;

private:
    struct Job
    {
        quint64 session = 0;
        SearchQuery query;
        Done done;
    };
    void run();

    std::unique_ptr<Store> m_store; // used on m_thread only, once started
    const int m_maxWaiting;
    const int m_maxWaitingPerSession;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_queue;
    QHash<quint64, int> m_bySession; // searches queued or running per session (none: not listed)
    int m_waiting = 0; // queued or running in all
    bool m_running = false;
    bool m_stopping = false;
};

} // namespace sori::server
