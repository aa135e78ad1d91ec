// The SQLite layer: transactions commit or roll back as a unit, statements bind values.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sqlite3.h>
#include <thread>

#include "fakes/temp_db.h"
#include "fieldbook/core/secretstore.h"

using namespace fb;

TEST_CASE("a transaction that is not committed leaves the database unchanged", "[core][database]")
{
    test::TempDir dir;
    auto db = Database::open(dir.file("t.db"));
    REQUIRE(db.ok());
    (*db)->execScript("CREATE TABLE t (x INTEGER)");
    {
        Transaction tx(**db);
        (*db)->cached("INSERT INTO t VALUES (?)").bind(1, 1).exec();
    }  // no commit
    Statement st = (*db)->prepare("SELECT count(*) FROM t");
    st.step();
    CHECK(st.int64(0) == 0);

    {
        Transaction tx(**db);
        (*db)->cached("INSERT INTO t VALUES (?)").bind(1, 2).exec();
        {
            Transaction nested(**db);  // a savepoint
            (*db)->cached("INSERT INTO t VALUES (?)").bind(1, 3).exec();
            nested.rollback();
        }
        tx.commit();
    }
    Statement sum = (*db)->prepare("SELECT count(*), sum(x) FROM t");
    sum.step();
    CHECK(sum.int64(0) == 1);
    CHECK(sum.int64(1) == 2);
}

TEST_CASE("the database is opened in WAL mode with foreign keys on and a bounded WAL file",
          "[core][database]")
{
    test::TempDir dir;
    auto db = Database::open(dir.file("t.db"));
    REQUIRE(db.ok());
    Statement mode = (*db)->prepare("PRAGMA journal_mode");
    mode.step();
    CHECK(mode.text(0) == "wal");
    Statement fk = (*db)->prepare("PRAGMA foreign_keys");
    fk.step();
    CHECK(fk.int64(0) == 1);
    // A WAL that a large initial sync grew goes back to 16 MB on the phone's storage.
    Statement limit = (*db)->prepare("PRAGMA journal_size_limit");
    limit.step();
    CHECK(limit.int64(0) == 16 * 1024 * 1024);
}

TEST_CASE("SQLite keeps no global memory statistics (no process-wide lock per allocation)",
          "[core][database]")
{
    // Database::open configures the process before its first connection; with statistics on,
    // two threads using SQLite wait for each other on every allocation.
    test::TempDir dir;
    auto db = Database::open(dir.file("t.db"));
    REQUIRE(db.ok());
    (*db)->execScript("CREATE TABLE t (x TEXT); INSERT INTO t VALUES (hex(randomblob(4096)));");
    CHECK(sqlite3_memory_used() == 0);
}

TEST_CASE("values round-trip through bind and column, text is bound not interpolated", "[core][database]")
{
    test::TempDir dir;
    auto db = Database::open(dir.file("t.db"));
    REQUIRE(db.ok());
    (*db)->execScript("CREATE TABLE t (v)");
    const std::string nasty = "张三'); DROP TABLE t; --";
    (*db)->cached("INSERT INTO t VALUES (?)").bind(1, nasty).exec();
    (*db)->cached("INSERT INTO t VALUES (?)").bind(1, 2.5).exec();
    (*db)->cached("INSERT INTO t VALUES (?)").bind(1, Value{}).exec();
    Statement st = (*db)->prepare("SELECT v FROM t ORDER BY rowid");
    REQUIRE(st.step());
    CHECK(st.text(0) == nasty);
    REQUIRE(st.step());
    CHECK(std::get<double>(st.value(0)) == 2.5);
    REQUIRE(st.step());
    CHECK(isNull(st.value(0)));
}

TEST_CASE("a file that is not a database is refused with an error, not a crash", "[core][database]")
{
    test::TempDir dir;
    {
        std::FILE* f = std::fopen(dir.file("junk.db").c_str(), "wb");
        REQUIRE(f);
        std::fputs("this is not an sqlite database, just some text padding it out to a page.........", f);
        std::fclose(f);
    }
    auto db = openDeviceDatabase(dir.file("junk.db"));
    REQUIRE_FALSE(db.ok());
    CHECK(db.error().code == ErrorCode::Storage);
}

TEST_CASE("writers of one file in this process take turns in order, and a waiter that times out fails busy",
          "[core][database]")
{
    test::TempDir dir;
    const std::string file = dir.file("t.db");
    auto sync = Database::open(file);
    REQUIRE(sync.ok());
    (*sync)->execScript("CREATE TABLE t (who TEXT)");
    // The same file by another path spelling shares the turns.
    auto ui = Database::open(dir.file("./t.db"));
    REQUIRE(ui.ok());
    CHECK((*sync)->writersWaiting() == 0);

    SECTION("a long writer sees the waiter and, once it commits, the waiter goes before its next transaction")
    {
        auto tx = std::make_unique<Transaction>(**sync);
        (*sync)->cached("INSERT INTO t VALUES ('sync 1')").exec();
        std::thread saver([&] {
            Transaction save(**ui);
            (*ui)->cached("INSERT INTO t VALUES ('ui')").exec();
            save.commit();
        });
        while ((*sync)->writersWaiting() == 0)
            std::this_thread::yield();
        tx->commit();
        tx = std::make_unique<Transaction>(**sync);  // after the waiter's turn, not before
        (*sync)->cached("INSERT INTO t VALUES ('sync 2')").exec();
        tx->commit();
        saver.join();
        std::vector<std::string> order;
        Statement st = (*sync)->prepare("SELECT who FROM t ORDER BY rowid");
        while (st.step())
            order.push_back(st.text(0));
        CHECK(order == std::vector<std::string>{"sync 1", "ui", "sync 2"});
        CHECK((*sync)->writersWaiting() == 0);
    }

    SECTION("a waiter gives up after its busy timeout with SQLITE_BUSY and changes nothing")
    {
        auto impatient = Database::open(file, Database::Options{.readOnly = false, .busyTimeoutMs = 50});
        REQUIRE(impatient.ok());
        Transaction held(**sync);
        int code = 0;
        std::thread waiter([&] {
            try {
                Transaction tx(**impatient);
                (*impatient)->cached("INSERT INTO t VALUES ('late')").exec();
                tx.commit();
            } catch (const StorageError& e) {
                code = e.code();
            }
        });
        waiter.join();
        CHECK(code == SQLITE_BUSY);
        CHECK((*sync)->writersWaiting() == 0);
        held.commit();
        // The gate is free again for everyone.
        Transaction next(**impatient);
        next.commit();
    }
}

TEST_CASE(
    "a long writer that claims the checkpoints keeps the other connections' commits from copying the WAL",
    "[core][database]")
{
    test::TempDir dir;
    auto writer = Database::open(dir.file("t.db"));
    auto ui = Database::open(dir.file("t.db"));
    REQUIRE(writer.ok());
    REQUIRE(ui.ok());
    CHECK((*writer)->autoCheckpointPages() == 1000);  // SQLite's default for everyone
    CHECK((*ui)->autoCheckpointPages() == 1000);
    (*writer)->claimCheckpoints(16384);
    CHECK((*writer)->autoCheckpointPages() == 16384);
    CHECK((*ui)->autoCheckpointPages() == 0);
    (*ui)->releaseCheckpoints();  // not the claimer's: changes nothing
    CHECK((*ui)->autoCheckpointPages() == 0);
    (*writer)->releaseCheckpoints();
    CHECK((*ui)->autoCheckpointPages() == 1000);
    // A claimer that closes gives them back.
    (*writer)->claimCheckpoints(16384);
    writer->reset();
    CHECK((*ui)->autoCheckpointPages() == 1000);

    // While claimed, a commit past 1,000 WAL pages leaves the WAL as it is: the database
    // file grows only when a checkpoint copies pages into it.
    auto claimer = Database::open(dir.file("t.db"));
    REQUIRE(claimer.ok());
    (*ui)->execScript("CREATE TABLE t (x BLOB)");
    const auto fileSize = [&] { return std::filesystem::file_size(dir.file("t.db")); };
    (*claimer)->claimCheckpoints(1 << 20);
    {
        Transaction tx(**ui);
        for (int i = 0; i < 1500; ++i)
            (*ui)->cached("INSERT INTO t VALUES (zeroblob(4000))").exec();
        tx.commit();
    }
    CHECK(fileSize() < 1'000'000);
    (*claimer)->releaseCheckpoints();
    {
        Transaction tx(**ui);
        (*ui)->cached("INSERT INTO t VALUES (1)").exec();
        tx.commit();  // past the threshold, and nobody claims: this commit checkpoints
    }
    CHECK(fileSize() > 6'000'000);
}

TEST_CASE("a secret kept in a file beside the database is the user's alone and replaced whole",
          "[core][secret]")
{
    test::TempDir dir;
    const std::string db = dir.file("phone.db");
    auto store = tokenFileStoreFor(db);
    CHECK(store->where() == "file " + tokenFileOf(db));
    auto none = store->load();
    REQUIRE(none.ok());
    CHECK(none->empty());
    REQUIRE(store->store("first").ok());
    REQUIRE(store->store("second").ok());
    CHECK(*store->load() == "second");
    CHECK(std::filesystem::status(tokenFileOf(db)).permissions() ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    CHECK_FALSE(std::filesystem::exists(tokenFileOf(db) + ".new"));  // no temporary left

    // A file others may read (copied in by hand, a careless restore) is refused, not used.
    std::filesystem::permissions(tokenFileOf(db), std::filesystem::perms::group_read,
                                 std::filesystem::perm_options::add);
    auto refused = store->load();
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("others may read it") != std::string::npos);
    // Storing again replaces it with a private file.
    REQUIRE(store->store("third").ok());
    CHECK(*store->load() == "third");

    REQUIRE(store->erase().ok());
    CHECK_FALSE(std::filesystem::exists(tokenFileOf(db)));
    CHECK(store->erase().ok());
    CHECK(tokenFileStoreFor(":memory:")->where() == "memory");
}

TEST_CASE("a cached secret store reads its store once and follows its own writes", "[core][secret]")
{
    test::TempDir dir;
    const std::string db = dir.file("phone.db");
    REQUIRE(FileSecretStore(tokenFileOf(db)).store("first").ok());
    CachedSecretStore cached(tokenFileStoreFor(db));
    CHECK(*cached.load() == "first");
    // Changed behind its back: still what it read (one lookup, not one per question).
    REQUIRE(FileSecretStore(tokenFileOf(db)).store("behind").ok());
    CHECK(*cached.load() == "first");
    // Its own writes and erasures are what it answers next, and reach the store.
    REQUIRE(cached.store("second").ok());
    CHECK(*cached.load() == "second");
    CHECK(*FileSecretStore(tokenFileOf(db)).load() == "second");
    REQUIRE(cached.erase().ok());
    CHECK(cached.load()->empty());
    CHECK_FALSE(std::filesystem::exists(tokenFileOf(db)));
    CHECK(cached.where() == "file " + tokenFileOf(db));
}
