// A server with users in a temporary directory, and devices signed in to it — the setting
// of every sync test. Users are created through the server store (what the admin commands
// do); revocation likewise. Single-threaded.
#pragma once

#include <deque>
#include <filesystem>
#include <optional>

#include "fieldbook/server/admin.h"
#include "fieldbook/sync/engine.h"
#include "fixture.h"

namespace fb::test {

struct World {
    explicit World(std::filesystem::path root = {}, std::int64_t startMs = kTestEpochMs)
        : owned(root.empty() ? std::make_unique<TempDir>() : nullptr),
          root_(root.empty() ? owned->path() : std::move(root)), serverClock(startMs),
          server(root_ / "server", serverClock)
    {}

    std::unique_ptr<TempDir> owned;
    std::filesystem::path root_;
    FakeClock serverClock;
    ServerHarness server;
    std::deque<SyncDevice> devices;

    // Creates the team if needed and a user in it; returns the user id.
    QString addUser(const QString& login, const QString& role, const QString& team = QStringLiteral("north"))
    {
        server::Admin admin(server.store(), serverClock);
        (void)admin.addTeam(team);  // fails harmlessly when the team exists
        auto id = admin.addUser(login, login, role, team, password(login));
        if (!id) throw std::runtime_error("add user " + login.toStdString() + ": " + id.error().message);
        return *id;
    }
    static QString password(const QString& login) { return login + QStringLiteral("-secret-pw"); }

    void revoke(const std::string& deviceId)
    {
        server::Admin admin(server.store(), serverClock);
        auto r = admin.revokeDevice(QString::fromStdString(deviceId));
        if (!r) throw std::runtime_error("revoke: " + r.error().message);
    }
    void assign(const std::string& accountId, const QString& login)
    {
        server::Admin admin(server.store(), serverClock);
        auto r = admin.assign(QString::fromStdString(accountId), login);
        if (!r) throw std::runtime_error("assign: " + r.error().message);
    }

    // Reference data and owned records, written as the admin commands write them.
    void importCatalogue(const QByteArray& csv)
    {
        server::Admin admin(server.store(), serverClock);
        auto r = admin.importCatalogue(csv);
        if (!r) throw std::runtime_error("catalogue: " + r.error().message);
    }
    void setPolicy(const char* tier, const char* activity, const char* period, std::optional<int> min,
                   std::optional<int> max)
    {
        server::Admin admin(server.store(), serverClock);
        auto r = admin.setPolicy(QString::fromLatin1(tier), QString::fromLatin1(activity),
                                 QString::fromLatin1(period), min, max);
        if (!r) throw std::runtime_error("policy: " + r.error().message);
    }
    void receive(const QString& login, const char* itemCode, int quantity)
    {
        server::Admin admin(server.store(), serverClock);
        auto r = admin.receiveStock(login, QString::fromLatin1(itemCode), quantity, {});
        if (!r) throw std::runtime_error("receive: " + r.error().message);
    }
    QStringList flags()
    {
        server::Admin admin(server.store(), serverClock);
        return admin.flags();
    }

    // A new device database, signed in as `login`.
    SyncDevice& addDevice(const std::string& name, const QString& login, std::uint64_t seed = 1,
                          sync::SyncEngine::Options options = {})
    {
        SyncDevice& d = devices.emplace_back(root_ / (name + ".db"), server, seed, serverClock.nowMs(),
                                             std::move(options));
        auto signedIn = d.engine->signIn(login.toStdString(), password(login).toStdString(), name);
        if (!signedIn) throw std::runtime_error("sign-in of " + name + ": " + signedIn.error().message);
        return d;
    }

    // Every device syncs, without faults, until a whole round changes nothing.
    void syncUntilQuiet(int maxRounds = 6)
    {
        for (int round = 0; round < maxRounds; ++round) {
            bool quiet = true;
            for (SyncDevice& d : devices) {
                auto r = d.sync();
                if (!r.ok()) throw std::runtime_error("sync failed: " + r.errorCode + " " + r.errorMessage);
                if (r.pushed || r.changed || r.purged || r.repaired) quiet = false;
            }
            if (quiet) return;
        }
        throw std::runtime_error("sync did not become quiet");
    }

    void advance(std::int64_t ms)
    {
        serverClock.advance(ms);
        for (SyncDevice& d : devices)
            d.clock.advance(ms);
    }
};

// How many rows of `table` the device holds (those matching `where`).
inline std::int64_t countOf(SyncDevice& d, const char* table, const std::string& where = "1")
{
    Statement st = d.db->prepare(std::string("SELECT count(*) FROM ") + table + " WHERE " + where);
    st.step();
    return st.int64(0);
}

// The user signed in on the device.
inline std::string userOf(SyncDevice& d)
{
    return d.replica->setting(sync::key::kUserId);
}

}  // namespace fb::test
