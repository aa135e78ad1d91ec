// QueryExecutor: the app's one reader. One thread holds one read-only SQLite connection to
// the device database, and every list and view that reads more than one record runs its
// query there, so the UI thread never waits on a read and the app keeps one reader
// connection however many lists are open (an Android phone has few cores and a page cache
// per connection).
//
// Latest query wins, per requester: each requester owns a QueryLane and bumps its
// generation for every new question (a keystroke in the search box); a query whose
// generation is no longer the lane's when its turn comes, or whose requester is gone, is
// skipped without touching the database, and a result is delivered on the requester's
// thread only if the requester still exists. A query may not write the database (the
// connection is read-only; temp tables are the connection's own) and must not keep the
// connection across calls.
//
// Ownership: the AppContext owns the executor; requesters own their lanes. Destroying the
// executor finishes the query in progress and drops the ones queued.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

#include <QMutex>
#include <QObject>
#include <QString>

#include "fieldbook/core/database.h"

class QueryLane {
public:
    // `receiver` is the requester: results run on its thread, never after it is gone.
    explicit QueryLane(QObject* receiver);
    ~QueryLane();  // no result is delivered after this
    QueryLane(const QueryLane&) = delete;
    QueryLane& operator=(const QueryLane&) = delete;

    // A new question: queries of older generations that have not started are skipped.
    quint64 bump();
    quint64 generation() const;

private:
    friend class QueryExecutor;
    struct State {
        std::atomic<quint64> generation{0};
        QMutex mutex;  // guards receiver against its destruction while a result is posted
        QObject* receiver = nullptr;
    };
    std::shared_ptr<State> state_;
};

class QueryExecutor {
public:
    explicit QueryExecutor(QString databasePath);
    ~QueryExecutor();
    QueryExecutor(const QueryExecutor&) = delete;
    QueryExecutor& operator=(const QueryExecutor&) = delete;

    // Runs `query` on the reader thread unless `lane` has moved past `generation` by then,
    // and `done` with its result on the requester's thread. The result is empty when the
    // reader connection cannot be opened or the query threw (logged).
    template <typename T>
    void submit(const QueryLane& lane, quint64 generation, std::function<T(fb::Database&)> query,
                std::function<void(std::optional<T>)> done)
    {
        run(lane, generation, [query = std::move(query), done = std::move(done)](fb::Database* db) {
            std::optional<T> result;
            if (db) result = guarded<T>(query, *db);
            return std::function<void()>(
                [done, result = std::move(result)]() mutable { done(std::move(result)); });
        });
    }

    // Queries run so far (skipped ones not counted), for tests.
    quint64 queriesRun() const { return queriesRun_.load(); }
    // Waits until every query submitted before this call has run or been skipped (tests,
    // shutdown of a view).
    void drain();

private:
    // A job runs on the reader thread with the connection (null if it could not be opened)
    // and returns what to run on the requester's thread.
    using Job = std::function<std::function<void()>(fb::Database*)>;
    void run(const QueryLane& lane, quint64 generation, Job job);
    template <typename T>
    static std::optional<T> guarded(const std::function<T(fb::Database&)>& query, fb::Database& db)
    {
        try {
            return query(db);
        } catch (const std::exception& e) {
            logFailure(e.what());
            return std::nullopt;
        }
    }
    static void logFailure(const char* what);

    struct Reader;
    std::unique_ptr<Reader> reader_;
    std::atomic<quint64> queriesRun_{0};
};
