// A thin RAII layer over the SQLite C API.
// Ownership: Database owns the sqlite3 handle; Statements borrow it and must not outlive
// it. A Database is used by one thread at a time (SQLite's multi-thread mode): the app
// gives its writer and each reader thread a connection of its own. WAL lets readers run
// while the writer commits.
// Writers of one file in one process take turns in arrival order (the write gate): SQLite's
// own busy handler polls with growing sleeps, so a short write (a rep's save) could wait
// for seconds behind a long series of sync transactions that retake the lock at once. A
// long writer asks writersWaiting() between steps and commits early to let them in.
// Every write happens inside a Transaction object; functions that write take a
// Transaction& so the type system shows where writes can happen.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "fieldbook/core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace fb {

// A field value as stored: NULL, integer, real or text (UTF-8).
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

inline bool isNull(const Value& v)
{
    return std::holds_alternative<std::monostate>(v);
}
// Text form for display and messages ("" for NULL).
std::string valueToString(const Value& v);

class Statement {
public:
    Statement() = default;
    Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    // Parameters are 1-based as in SQLite.
    Statement& bind(int index, std::int64_t v);
    Statement& bind(int index, int v) { return bind(index, static_cast<std::int64_t>(v)); }
    Statement& bind(int index, double v);
    Statement& bind(int index, std::string_view v);
    Statement& bind(int index, const char* v) { return bind(index, std::string_view(v)); }
    Statement& bind(int index, const std::string& v) { return bind(index, std::string_view(v)); }
    Statement& bind(int index, const Value& v);
    Statement& bindBlob(int index, std::string_view bytes);
    Statement& bindNull(int index);

    // Advances to the next row: true if there is one, false when done. Errors throw
    // StorageError (they mean a bug or corruption; expected failures are checked first).
    bool step();
    // Runs a statement that returns no rows (or ignores them); returns changes().
    int exec();
    void reset();

    int columnCount() const;
    bool isNull(int col) const;
    std::int64_t int64(int col) const;
    double real(int col) const;
    std::string text(int col) const;
    std::string_view textView(int col) const;  // valid until the next step/reset
    std::string blob(int col) const;
    Value value(int col) const;
    std::string columnName(int col) const;

private:
    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
};

// Thrown for SQLite failures that should not happen in normal operation.
class StorageError : public std::runtime_error {
public:
    StorageError(const std::string& what, int code) : std::runtime_error(what), code_(code) {}
    int code() const { return code_; }

private:
    int code_;
};

class Transaction;

// Process-wide SQLite settings, applied before the first connection of the process opens
// (main() of every binary calls it first; Database::open calls it too, which is enough when
// no other library opened SQLite before). Memory statistics are turned off: with them on,
// every SQLite allocation in the process takes one global mutex, so two threads using
// SQLite at once (a sync applying pages while the UI reads; the server's request threads)
// spend their time waiting for each other.
void configureSqlite();

class Database {
public:
    struct Options {
        bool readOnly = false;
        int busyTimeoutMs = 5000;
    };
    // Opens (creating if needed) with WAL, foreign keys on and a busy timeout.
    static Result<std::unique_ptr<Database>> open(const std::string& path, Options options);
    static Result<std::unique_ptr<Database>> open(const std::string& path) { return open(path, Options{}); }
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Prepared statements are cached by SQL text; the returned statement is reset and
    // its bindings cleared. Throws StorageError on invalid SQL (a bug).
    Statement& cached(std::string_view sql);
    Statement prepare(std::string_view sql);
    // Runs one or more statements without parameters (DDL, pragmas).
    void execScript(std::string_view sql);

    std::int64_t lastInsertRowId() const;
    int userVersion();
    void setUserVersion(int version);
    const std::string& path() const { return path_; }
    sqlite3* handle() const { return db_; }
    bool inTransaction() const { return depth_ > 0; }
    // How many other connections of this process wait to begin a write transaction on this
    // file (0 for a connection of its own file, e.g. ":memory:").
    int writersWaiting() const;

    // Checkpoints on commit. By default a connection's commit copies the WAL back into the
    // database once it holds 1,000 pages (SQLite's automatic checkpoint), after its write turn
    // has passed to the next writer (a checkpoint does not keep writers out). A long writer (an
    // initial sync) claims them: then only its own commits checkpoint, at `pages`, and this
    // process's other connections of the file never do until it releases them — a rep's save
    // must not copy the sync's 60 MB of WAL inside its commit.
    // The app's sync worker claims them for good (at 1,000 pages): the UI's saves then never
    // copy the WAL inside a rep's tap; the worker's commits do, in the background.
    void claimCheckpoints(int pages);
    void releaseCheckpoints();
    bool holdsCheckpoints() const;
    // The WAL pages at which this connection's commits checkpoint now (0: they do not).
    int autoCheckpointPages() const;
    // The scope digest triggers (storage step 7) fire only while this is true. A bulk insert
    // turns them off for its own INSERT and adds the rows' share itself (Replica::endBulk).
    void setDigestTriggers(bool live) { digestLive_ = live; }
    // Runs `fn` once the write transaction in progress has ended (committed or rolled back),
    // or now when none is: what a write hook learned is told to other threads only when they
    // can read the write (derived data that marks its work for a reader, today.h).
    void afterTransaction(std::function<void()> fn);

private:
    friend class Transaction;
    Database(sqlite3* db, std::string path, int busyTimeoutMs);
    static int walHook(void* self, sqlite3* db, const char* schema, int frames);
    void checkpointIfDue();
    bool checkpointDue_ = false;  // a commit filled the WAL past the threshold
    sqlite3* db_;
    std::string path_;
    int busyTimeoutMs_;
    struct WriteGate;
    std::shared_ptr<WriteGate> gate_;  // shared by this process's connections of the file
    int depth_ = 0;
    std::vector<std::function<void()>> afterTransaction_;
    void transactionEnded();
    bool digestLive_ = true;
    struct Cache;
    std::unique_ptr<Cache> cache_;
};

// A write transaction (BEGIN IMMEDIATE ... COMMIT). Rolls back in the destructor unless
// commit() was called, so an early return or exception leaves the database unchanged.
// Nested Transactions become savepoints.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();
    void rollback();
    Database& db() { return db_; }
    bool active() const { return active_; }

private:
    Database& db_;
    std::string savepoint_;
    bool active_ = true;
};

// Runs fn(tx) in a transaction; commits if it returns an ok Result, rolls back otherwise.
template <typename Fn> auto inTransaction(Database& db, Fn&& fn) -> decltype(fn(std::declval<Transaction&>()))
{
    Transaction tx(db);
    auto result = fn(tx);
    if (result.ok()) tx.commit();
    return result;
}

}  // namespace fb
