// A device database in a fresh temporary directory, with a fake clock and the archive
// wired as the app wires it. Removed when the fixture goes out of scope.
#pragma once

#include <filesystem>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

#include "fieldbook/core/archive.h"
#include "fieldbook/core/clock.h"
#include "fieldbook/core/database.h"
#include "fieldbook/core/device.h"
#include "fieldbook/core/migrations.h"
#include "fieldbook/core/search.h"
#include "fieldbook/core/store.h"

namespace fb::test {

class TempDir {
public:
    TempDir()
    {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() /
                ("fieldbook-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const { return (path_ / name).string(); }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// 2026-03-02 09:00 Beijing time.
inline constexpr std::int64_t kTestEpochMs = 1'772'413'200'000;

// The core layers of a device over its database file, as app/main.cpp wires them:
// database (migrated) -> device context -> store (with the search index) -> archive.
// Owners close them in their destructor, before the clock and files they use go.
struct CoreLayers {
    std::unique_ptr<Database> db;
    std::unique_ptr<DeviceContext> device;
    std::unique_ptr<Store> store;
    std::unique_ptr<Archive> archive;

    void openCore(const std::string& file, const Clock& clock)
    {
        auto opened = openDeviceDatabase(file);
        if (!opened) throw std::runtime_error(opened.error().message);
        db = std::move(*opened);
        device = std::make_unique<DeviceContext>(*db, clock);
        store = std::make_unique<Store>(*db, *device);
        installSearchIndex(*store);
        archive = std::make_unique<Archive>(*store);
    }
    // From the top down (an open transaction rolls back with the connection).
    void closeCore()
    {
        archive.reset();
        store.reset();
        device.reset();
        db.reset();
    }
};

struct ArchiveFixture : CoreLayers {
    TempDir dir;
    FakeClock clock{kTestEpochMs};

    ArchiveFixture() { openCore(dir.file("device.db"), clock); }
    ~ArchiveFixture() { closeCore(); }
    ArchiveFixture(const ArchiveFixture&) = delete;
    ArchiveFixture& operator=(const ArchiveFixture&) = delete;

    std::string account(const std::string& name, const std::string& tier = "A", Fields extra = {})
    {
        extra["name"] = name;
        extra["tier"] = tier;
        if (!extra.count("stage")) extra["stage"] = std::string("growth");
        Transaction tx(*db);
        auto id = archive->createAccount(tx, extra);
        if (!id) throw std::runtime_error(id.error().message);
        tx.commit();
        clock.advance(1000);
        return *id;
    }

    std::string person(const std::string& accountId, const std::string& name,
                       const std::string& role = "other", Fields extra = {})
    {
        extra["name"] = name;
        extra["role"] = role;
        Transaction tx(*db);
        auto id = archive->createKeyPerson(tx, accountId, extra);
        if (!id) throw std::runtime_error(id.error().message);
        tx.commit();
        clock.advance(1000);
        return *id;
    }

    std::int64_t count(const std::string& table)
    {
        Statement st = db->prepare("SELECT count(*) FROM " + table);
        st.step();
        return st.int64(0);
    }
};

}  // namespace fb::test
