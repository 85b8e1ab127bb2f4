// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chat/searchservice.h"

#include "core/logging.h"

#include <pthread.h>

namespace sori::server {

SearchService::SearchService(std::unique_ptr<Store> store, int maxWaiting, int maxWaitingPerSession)
    : m_store(std::move(store))
    , m_maxWaiting(qMax(1, maxWaiting))
    , m_maxWaitingPerSession(qMax(1, maxWaitingPerSession))
{ }

SearchService::~SearchService()
{
    stop();
}

bool SearchService::start(QString *error)
{
    if (m_thread.joinable())
        return true;
    bool opened = false;
    bool answered = false;
    std::unique_lock lock(m_mutex);
    m_stopping = false;
    m_thread = std::thread([this, &opened, &answered, error] {
        pthread_setname_np(pthread_self(), "sori-search");
        // The connection is made, used and closed on this thread only.
        const bool ok = m_store->open();
        {
            std::lock_guard lock(m_mutex);
            opened = ok;
            if (!ok && error)
                *error = m_store->errorString();
            answered = true;
            m_running = ok;
        }
        m_wake.notify_all();
        if (ok)
            run();
        m_store.reset();
    });
    m_wake.wait(lock, [&] { return answered; });
    lock.unlock();
    if (!opened) {
        m_thread.join();
        return false;
    }
    return true;
}

void SearchService::stop()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
    std::lock_guard lock(m_mutex);
    m_queue.clear();
    m_bySession.clear();
    m_waiting = 0;
    m_running = false;
}

bool SearchService::search(quint64 session, SearchQuery query, Done done)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_running || m_stopping)
            return false;
        int &mine = m_bySession[session];
        if (mine >= m_maxWaitingPerSession || m_waiting >= m_maxWaiting) {
            if (mine == 0)
                m_bySession.remove(session);
            return false;
        }
        ++mine;
        ++m_waiting;
        m_queue.push_back(Job{session, std::move(query), std::move(done)});
    }
    m_wake.notify_one();
    return true;
}

int SearchService::waiting() const
{
    std::lock_guard lock(m_mutex);
    return m_waiting;
}

void SearchService::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
        if (m_stopping)
            return;
        Job job = std::move(m_queue.front());
        m_queue.pop_front();
        lock.unlock();
        SearchPage page;
        const bool ok = m_store->search(job.query, &page);
        if (!ok)
            qCWarning(lcStore) << "search failed:" << m_store->errorString();
        lock.lock();
        // Counted out before the answer goes: the client may ask again as soon as it has it.
        const auto mine = m_bySession.find(job.session);
        if (mine != m_bySession.end() && --*mine <= 0)
            m_bySession.erase(mine);
        --m_waiting;
        lock.unlock();
        job.done(ok, page);
        lock.lock();
    }
}

} // namespace sori::server
