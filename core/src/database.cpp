// RAII wrappers over sqlite3 and sqlite3_stmt, the statement cache and transactions.
#include "fieldbook/core/database.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <sqlite3.h>
#include <unordered_map>
#include <utility>

#include "fieldbook/core/sha256.h"

namespace fb {

namespace {

// fb_digest_xor(acc, entity, id, stamp): acc (32 bytes, or anything else for zero) XOR
// sha256(entity \n id \n stamp) — one record's share of the scope digest added or removed.
void digestXor(sqlite3_context* ctx, int /*argc*/, sqlite3_value** argv)
{
    std::string line;
    for (int i = 1; i < 4; ++i) {
        if (i > 1) line += '\n';
        if (const auto* t = sqlite3_value_text(argv[i]))
            line.append(reinterpret_cast<const char*>(t),
                        static_cast<std::size_t>(sqlite3_value_bytes(argv[i])));
    }
    std::string out = sha256(line);
    if (sqlite3_value_type(argv[0]) == SQLITE_BLOB && sqlite3_value_bytes(argv[0]) == 32) {
        const auto* acc = static_cast<const unsigned char*>(sqlite3_value_blob(argv[0]));
        for (std::size_t k = 0; k < 32; ++k)
            out[k] = static_cast<char>(static_cast<unsigned char>(out[k]) ^ acc[k]);
    }
    sqlite3_result_blob(ctx, out.data(), 32, SQLITE_TRANSIENT);
}

// fb_digest_live(): whether this connection's digest triggers fire (Database::setDigestTriggers).
void digestLive(sqlite3_context* ctx, int /*argc*/, sqlite3_value** /*argv*/)
{
    sqlite3_result_int(ctx, *static_cast<const bool*>(sqlite3_user_data(ctx)) ? 1 : 0);
}

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what)
{
    std::string msg(what);
    msg += ": ";
    msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw StorageError(msg, rc);
}

}  // namespace

std::string valueToString(const Value& v)
{
    if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&v)) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.15g", *d);
        return buf;
    }
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    return {};
}

// --- Statement ---------------------------------------------------------------------------

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_)
{
    other.stmt_ = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(stmt_);
        db_ = other.db_;
        stmt_ = other.stmt_;
        other.stmt_ = nullptr;
    }
    return *this;
}

Statement::~Statement()
{
    sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::int64_t v)
{
    if (int rc = sqlite3_bind_int64(stmt_, index, v); rc != SQLITE_OK) fail(db_, rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, double v)
{
    if (int rc = sqlite3_bind_double(stmt_, index, v); rc != SQLITE_OK) fail(db_, rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view v)
{
    if (int rc = sqlite3_bind_text(stmt_, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
        rc != SQLITE_OK)
        fail(db_, rc, "bind");
    return *this;
}

Statement& Statement::bindBlob(int index, std::string_view bytes)
{
    if (int rc =
            sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
        rc != SQLITE_OK)
        fail(db_, rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, const Value& v)
{
    if (const auto* i = std::get_if<std::int64_t>(&v)) return bind(index, *i);
    if (const auto* d = std::get_if<double>(&v)) return bind(index, *d);
    if (const auto* s = std::get_if<std::string>(&v)) return bind(index, std::string_view(*s));
    return bindNull(index);
}

Statement& Statement::bindNull(int index)
{
    if (int rc = sqlite3_bind_null(stmt_, index); rc != SQLITE_OK) fail(db_, rc, "bind");
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    const std::string sql = sqlite3_sql(stmt_) ? sqlite3_sql(stmt_) : "";
    sqlite3_reset(stmt_);
    fail(db_, rc, "step [" + sql.substr(0, 120) + "]");
}

int Statement::exec()
{
    while (step()) {
    }
    return sqlite3_changes(db_);
}

void Statement::reset()
{
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

int Statement::columnCount() const
{
    return sqlite3_column_count(stmt_);
}
bool Statement::isNull(int col) const
{
    return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}
std::int64_t Statement::int64(int col) const
{
    return sqlite3_column_int64(stmt_, col);
}
double Statement::real(int col) const
{
    return sqlite3_column_double(stmt_, col);
}

std::string_view Statement::textView(int col) const
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    if (!p) return {};
    return {p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))};
}

std::string Statement::text(int col) const
{
    return std::string(textView(col));
}

std::string Statement::blob(int col) const
{
    const void* p = sqlite3_column_blob(stmt_, col);
    const int n = sqlite3_column_bytes(stmt_, col);
    return p ? std::string(static_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}

Value Statement::value(int col) const
{
    switch (sqlite3_column_type(stmt_, col)) {
    case SQLITE_INTEGER:
        return int64(col);
    case SQLITE_FLOAT:
        return real(col);
    case SQLITE_NULL:
        return std::monostate{};
    default:
        return text(col);
    }
}

std::string Statement::columnName(int col) const
{
    return sqlite3_column_name(stmt_, col);
}

// --- Database ----------------------------------------------------------------------------

struct Database::Cache {
    std::unordered_map<std::string, Statement> statements;
};

// Write transactions of one file in this process, one at a time, in the order they asked:
// a fair lock with a timeout (the busy timeout), so a waiter that gives up fails as SQLite's
// busy handler would have.
struct Database::WriteGate {
    std::mutex mutex;
    std::condition_variable turn;
    std::deque<std::uint64_t> queue;  // tickets of the waiting writers, oldest first
    std::uint64_t nextTicket = 0;
    bool held = false;
    std::atomic<int> waiting{0};
    // The connection that claimed the checkpoints (Database::claimCheckpoints), and at what.
    std::atomic<const Database*> checkpointer{nullptr};
    std::atomic<int> checkpointerPages{0};

    bool acquire(int timeoutMs)
    {
        std::unique_lock lock(mutex);
        if (!held && queue.empty()) {
            held = true;
            return true;
        }
        const std::uint64_t ticket = nextTicket++;
        queue.push_back(ticket);
        waiting.store(static_cast<int>(queue.size()));
        const bool got = turn.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                                       [&] { return !held && queue.front() == ticket; });
        queue.erase(std::find(queue.begin(), queue.end(), ticket));
        waiting.store(static_cast<int>(queue.size()));
        if (got) {
            held = true;
        } else {
            turn.notify_all();  // the next in line may be free to go now
        }
        return got;
    }
    void release()
    {
        {
            const std::lock_guard lock(mutex);
            held = false;
        }
        turn.notify_all();
    }

    // One gate per file: connections of the same path (made absolute) share it.
    static std::shared_ptr<WriteGate> of(const std::string& path)
    {
        if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0)
            return std::make_shared<WriteGate>();
        std::error_code ec;
        std::string key = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec).string();
        if (ec || key.empty()) key = path;
        static std::mutex registryMutex;
        static std::map<std::string, std::weak_ptr<WriteGate>> registry;
        const std::lock_guard lock(registryMutex);
        for (auto it = registry.begin(); it != registry.end();)  // forget the gates of closed files
            it = it->second.expired() ? registry.erase(it) : std::next(it);
        std::weak_ptr<WriteGate>& slot = registry[key];
        auto gate = slot.lock();
        if (!gate) {
            gate = std::make_shared<WriteGate>();
            slot = gate;
        }
        return gate;
    }
};

Database::Database(sqlite3* db, std::string path, int busyTimeoutMs)
    : db_(db), path_(std::move(path)), busyTimeoutMs_(busyTimeoutMs), gate_(WriteGate::of(path_)),
      cache_(std::make_unique<Cache>())
{}

int Database::writersWaiting() const
{
    return gate_->waiting.load();
}

namespace {
constexpr int kDefaultAutoCheckpoint = 1000;  // SQLite's default
}

void Database::claimCheckpoints(int pages)
{
    gate_->checkpointerPages = pages;
    gate_->checkpointer = this;
}

void Database::releaseCheckpoints()
{
    const Database* self = this;
    gate_->checkpointer.compare_exchange_strong(self, nullptr);
}

bool Database::holdsCheckpoints() const
{
    return gate_->checkpointer.load() == this;
}

int Database::autoCheckpointPages() const
{
    const Database* owner = gate_->checkpointer.load();
    if (!owner) return kDefaultAutoCheckpoint;
    return owner == this ? gate_->checkpointerPages.load() : 0;
}

// In place of SQLite's automatic checkpoint (sqlite3_wal_autocheckpoint installs the same
// kind of hook),
// so the threshold can depend on who claimed the checkpoints, and the checkpoint runs once
// this connection's write turn is over (checkpointIfDue) rather than inside its commit.
int Database::walHook(void* self, sqlite3* /*db*/, const char* /*schema*/, int frames)
{
    auto* database = static_cast<Database*>(self);
    const int pages = database->autoCheckpointPages();
    if (pages > 0 && frames >= pages) database->checkpointDue_ = true;
    return SQLITE_OK;
}

void Database::checkpointIfDue()
{
    if (!checkpointDue_) return;
    checkpointDue_ = false;
    // A checkpoint that could not finish (a reader still needs old frames) is tried again
    // after a later commit.
    sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
}

void Database::afterTransaction(std::function<void()> fn)
{
    if (depth_ == 0)
        fn();
    else
        afterTransaction_.push_back(std::move(fn));
}

void Database::transactionEnded()
{
    // Each at most once, even if one of them throws.
    auto pending = std::exchange(afterTransaction_, {});
    for (auto& fn : pending)
        fn();
}

Database::~Database()
{
    releaseCheckpoints();
    cache_.reset();  // statements must be finalized before the connection closes
    sqlite3_close_v2(db_);
}

void configureSqlite()
{
    static std::once_flag once;
    // SQLITE_MISUSE if SQLite is already initialized: the setting then stays as it was.
    std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

Result<std::unique_ptr<Database>> Database::open(const std::string& path, Options options)
{
    configureSqlite();
    sqlite3* handle = nullptr;
    const int flags = (options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                      SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg =
            "cannot open database " + path + ": " + (handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc));
        sqlite3_close_v2(handle);
        return makeError(ErrorCode::Storage, msg);
    }
    std::unique_ptr<Database> db(new Database(handle, path, options.busyTimeoutMs));
    sqlite3_busy_timeout(handle, options.busyTimeoutMs);
    sqlite3_wal_hook(handle, &Database::walHook, db.get());
    // The triggers that keep the scope digest (sync_digest) call it, so every connection
    // that writes synced records needs it.
    sqlite3_create_function_v2(handle, "fb_digest_xor", 4,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr, digestXor,
                               nullptr, nullptr, nullptr);
    sqlite3_create_function_v2(handle, "fb_digest_live", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, &db->digestLive_,
                               digestLive, nullptr, nullptr, nullptr);
    sqlite3_extended_result_codes(handle, 1);
    try {
        if (!options.readOnly) db->execScript("PRAGMA journal_mode=WAL;");
        // NORMAL is durable across application crashes in WAL mode; a power loss can only
        // lose the last commits, never corrupt. The app syncs the WAL on backgrounding.
        db->execScript("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
                       // 8 MB of page cache (the default 2 MB thrashes on a large book of accounts).
                       "PRAGMA cache_size=-8000;"
                       // A WAL that grew (a large initial sync) shrinks back to 16 MB once it restarts.
                       "PRAGMA journal_size_limit=16777216;");
        // Checking the header reads page 1, so a file that is not a database fails here.
        db->execScript("SELECT count(*) FROM sqlite_schema;");
    } catch (const StorageError& e) {
        return makeError(ErrorCode::Storage, std::string("cannot use database ") + path + ": " + e.what());
    }
    return db;
}

Statement& Database::cached(std::string_view sql)
{
    auto it = cache_->statements.find(std::string(sql));
    if (it == cache_->statements.end()) {
        it = cache_->statements.emplace(std::string(sql), prepare(sql)).first;
    } else {
        it->second.reset();
    }
    return it->second;
}

Statement Database::prepare(std::string_view sql)
{
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) fail(db_, rc, "prepare [" + std::string(sql.substr(0, 200)) + "]");
    return Statement(db_, stmt);
}

void Database::execScript(std::string_view sql)
{
    const std::string text(sql);
    char* err = nullptr;
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw StorageError("exec [" + text.substr(0, 200) + "]: " + msg, rc);
    }
}

std::int64_t Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(db_);
}

int Database::userVersion()
{
    Statement& st = cached("PRAGMA user_version");
    st.step();
    const int v = static_cast<int>(st.int64(0));
    st.reset();
    return v;
}

void Database::setUserVersion(int version)
{
    execScript("PRAGMA user_version = " + std::to_string(version));
}

// --- Transaction -------------------------------------------------------------------------

Transaction::Transaction(Database& db) : db_(db)
{
    if (db_.depth_ == 0) {
        // This process's writers of the file take turns first (see WriteGate), then
        // IMMEDIATE takes SQLite's write lock now (against other processes), so a busy
        // database fails here (after the busy timeout) rather than halfway through the work.
        if (!db_.gate_->acquire(db_.busyTimeoutMs_))
            throw StorageError("begin: another write transaction of this app held the database for " +
                                   std::to_string(db_.busyTimeoutMs_) + " ms",
                               SQLITE_BUSY);
        try {
            db_.execScript("BEGIN IMMEDIATE");
        } catch (...) {
            db_.gate_->release();
            throw;
        }
    } else {
        savepoint_ = "sp" + std::to_string(db_.depth_);
        db_.execScript("SAVEPOINT " + savepoint_);
    }
    ++db_.depth_;
}

Transaction::~Transaction()
{
    if (active_) {
        try {
            rollback();
        } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw
        }
    }
}

void Transaction::commit()
{
    if (!active_) throw StorageError("commit of a finished transaction", 0);
    if (!savepoint_.empty()) {
        db_.execScript("RELEASE " + savepoint_);
        active_ = false;
        --db_.depth_;
        return;
    }
    db_.execScript("COMMIT");  // on failure still active: the destructor rolls back
    db_.gate_->release();
    active_ = false;
    --db_.depth_;
    db_.checkpointIfDue();
    db_.transactionEnded();
}

void Transaction::rollback()
{
    if (!active_) return;
    active_ = false;
    --db_.depth_;
    if (savepoint_.empty()) {
        struct Release {
            Database& db;
            ~Release()
            {
                db.gate_->release();
                db.transactionEnded();
            }
        } release{db_};
        db_.execScript("ROLLBACK");
    } else {
        db_.execScript("ROLLBACK TO " + savepoint_ + "; RELEASE " + savepoint_);
    }
}

}  // namespace fb
