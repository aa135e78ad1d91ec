// Sync test fixtures: a simulated device (its own database file, fake clock, archive, sync
// engine and loopback transport) that can "crash" — drop everything uncommitted and open
// its database again — and helpers to compare replicas record by record.
// Single-threaded, like the app's sync worker.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "fakes/device_layers.h"
#include "fakes/temp_db.h"
#include "loopback.h"

namespace fb::test {

// Every record of a replica: "entity/id" -> fields and stamps.
using Snapshot = std::map<std::string, RecordState>;

inline Snapshot snapshotOf(Database& db, Replica& replica)
{
    Snapshot out;
    for (const schema::Entity& e : schema::entities()) {
        std::vector<std::string> ids;
        Statement st = db.prepare("SELECT id FROM " + std::string(e.name));
        while (st.step())
            ids.push_back(st.text(0));
        for (const std::string& id : ids)
            if (auto state = replica.state(e.name, id))
                out.emplace(std::string(e.name) + "/" + id, std::move(*state));
    }
    return out;
}

inline std::string describe(const RecordState& s)
{
    std::string out;
    for (const auto& [field, value] : s.fields) {
        auto it = s.clocks.find(field);
        out += field + "=" + valueToString(value) + "@" +
               (it == s.clocks.end() ? "?" : it->second.substr(0, 21)) + " ";
    }
    return out;
}

// First difference between two snapshots, or "" when equal.
inline std::string firstDifference(const Snapshot& a, const Snapshot& b)
{
    for (const auto& [key, state] : a) {
        auto it = b.find(key);
        if (it == b.end()) return key + " only on the first: " + describe(state);
        if (it->second.fields != state.fields || it->second.clocks != state.clocks)
            return key + " differs:\n  " + describe(state) + "\n  " + describe(it->second);
    }
    for (const auto& [key, state] : b)
        if (!a.count(key)) return key + " only on the second: " + describe(state);
    return {};
}

class SyncDevice : public DeviceLayers {
public:
    SyncDevice(std::filesystem::path file, ServerHarness& server, std::uint64_t seed, std::int64_t startMs,
               sync::SyncEngine::Options options = {})
        : file_(std::move(file)), clock(startMs), transport(server, seed), backoff(sync::seededRandom(seed)),
          options_(std::move(options))
    {
        open();
    }
    ~SyncDevice() { close(); }
    SyncDevice(const SyncDevice&) = delete;
    SyncDevice& operator=(const SyncDevice&) = delete;

    // Drops the engine and the connection without anything further, as a killed app would;
    // an open transaction rolls back. Then opens the database again.
    void crashAndReopen()
    {
        close();
        open();
    }
    void close() { DeviceLayers::close(); }
    void open() { DeviceLayers::open(file_.string(), clock, transport, backoff, options_); }
    void setOptions(sync::SyncEngine::Options options)
    {
        options_ = std::move(options);
        engine =
            std::make_unique<sync::SyncEngine>(*db, *store, *replica, transport, clock, backoff, options_);
    }

    sync::SyncReport sync() { return engine->syncOnce(); }
    // The token the engine keeps in the file beside the database ("" when none), and a
    // different one put in its place (for the same device and user).
    std::string token() const
    {
        auto kept = FileSecretStore(tokenFileOf(file_.string())).load();
        if (!kept || kept->empty()) return {};
        std::string record = *kept;
        record.pop_back();  // the final newline; the token is the last line
        return record.substr(record.rfind('\n') + 1);
    }
    void setToken(const std::string& token)
    {
        auto kept = FileSecretStore(tokenFileOf(file_.string())).load();
        if (!kept || kept->empty()) throw std::runtime_error("no token kept to replace");
        std::string record = *kept;
        record.pop_back();
        record = record.substr(0, record.rfind('\n') + 1) + token + '\n';
        if (!FileSecretStore(tokenFileOf(file_.string())).store(record))
            throw std::runtime_error("cannot replace the token");
    }
    Snapshot snapshot() { return snapshotOf(*db, *replica); }
    const std::string& id() const { return device->deviceId(); }
    const std::filesystem::path& file() const { return file_; }

    std::string createAccount(const std::string& name, const std::string& tier = "A")
    {
        Transaction tx(*db);
        auto id =
            archive->createAccount(tx, {{"name", name}, {"tier", tier}, {"stage", std::string("growth")}});
        if (!id) throw std::runtime_error(id.error().message);
        tx.commit();
        return *id;
    }
    void updateAccount(const std::string& id, const Fields& changes)
    {
        Transaction tx(*db);
        auto r = archive->updateAccount(tx, id, changes);
        if (!r) throw std::runtime_error(r.error().message);
        tx.commit();
    }
    std::string field(const std::string& entity, const std::string& id, const std::string& name)
    {
        auto r = store->get(entity, id);
        return r ? r->text(name) : std::string("<missing>");
    }

private:
    std::filesystem::path file_;

public:
    FakeClock clock;
    LoopbackTransport transport;
    sync::Backoff backoff;

private:
    sync::SyncEngine::Options options_;
};

}  // namespace fb::test
