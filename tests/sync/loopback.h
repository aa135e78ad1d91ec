// A Transport that hands each request to the real SyncService in the same process, with
// the faults of a weak evening connection injected from a seeded RNG (so a failing run can
// be replayed from its seed): the request lost on the way, the reply lost after the server
// applied it, the request delivered twice (the second reply is the one returned), and
// latency plus a bandwidth limit for the benchmark. Bodies are gzip-compressed above 1 KiB
// both ways as HttpTransport and the server do, so byte counts are those of the wire.
//
// The server is reached through a ServerHarness, which owns the ServerStore and the
// SyncService and can restart them from the same files (a server restart between requests).
// Threading: single-threaded, like the engine that calls it.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <random>
#include <stdexcept>
#include <thread>

#include <QByteArray>
#include <QString>

#include "fieldbook/core/clock.h"
#include "fieldbook/server/service.h"
#include "fieldbook/server/store.h"
#include "fieldbook/sync/protocol.h"
#include "fieldbook/sync/transport.h"

namespace fb::test {

class ServerHarness {
public:
    ServerHarness(std::filesystem::path dataDir, const Clock& clock)
        : dataDir_(std::move(dataDir)), clock_(clock)
    {
        std::filesystem::create_directories(dataDir_);
        start();
    }
    ~ServerHarness() { stop(); }
    ServerHarness(const ServerHarness&) = delete;
    ServerHarness& operator=(const ServerHarness&) = delete;

    server::SyncService& service() { return *service_; }
    server::ServerStore& store() { return *store_; }
    const std::filesystem::path& dataDir() const { return dataDir_; }

    // Destroys the service and the store and opens them again from the same files, as a
    // crashed or redeployed server would come back.
    void restart()
    {
        stop();
        start();
        ++restarts_;
    }
    int restarts() const { return restarts_; }
    // Restarts from another copy of the data directory (a server restored from a backup):
    // stops, lets `replace` change the files, starts again.
    template <typename Fn> void restartWith(Fn replace)
    {
        stop();
        replace(dataDir_);
        start();
    }

private:
    void start()
    {
        auto opened = server::openServerStore(QString::fromStdString(dataDir_.string()), QString());
        if (!opened) throw std::runtime_error("server store: " + opened.error().message);
        store_ = std::move(*opened);
        service_ = std::make_unique<server::SyncService>(*store_, clock_);
    }
    void stop()
    {
        service_.reset();
        store_.reset();
    }

    std::filesystem::path dataDir_;
    const Clock& clock_;
    std::unique_ptr<server::ServerStore> store_;
    std::unique_ptr<server::SyncService> service_;
    int restarts_ = 0;
};

struct Faults {
    double requestLost = 0;  // probability the request never reaches the server
    double replyLost = 0;    // probability the server applies it but the reply is dropped
    double duplicate = 0;    // probability the request is delivered twice
    // Probability the request body is cut at a random byte (the connection drops mid-upload).
    // As in server/src/http.cpp, the server is handed what arrived of an upload of attachments
    // (and keeps it); any other request cut short never reaches it.
    double bodyCut = 0;
    int latencyMs = 0;         // per request (round trip)
    double bitsPerSecond = 0;  // 0: unlimited; otherwise sleep for the bytes on the wire
};

struct FaultCounts {
    int requests = 0;
    int requestsLost = 0;
    int repliesLost = 0;
    int duplicates = 0;
    int bodiesCut = 0;
};

class LoopbackTransport final : public sync::Transport {
public:
    LoopbackTransport(ServerHarness& server, std::uint64_t seed, Faults faults = {})
        : server_(server), rng_(seed), faults_(faults)
    {}

    void setFaults(const Faults& faults) { faults_ = faults; }
    const FaultCounts& counts() const { return counts_; }
    std::int64_t bytesSent() const { return bytesSent_; }
    std::int64_t bytesReceived() const { return bytesReceived_; }

    // Called before each request reaches the server, on the engine's thread (tests use it to
    // edit the device while a sync runs, as the UI does on its own connection).
    std::function<void(const sync::TransportRequest&)> beforeRequest;
    // What reaches the server: a whole request, or what arrived of an upload cut short.
    std::function<void(const server::HttpRequest&)> onDelivered;
    std::function<void(const server::HttpRequest&)> onCut;

    sync::TransportResponse exchange(const sync::TransportRequest& request) override
    {
        ++counts_.requests;
        if (beforeRequest) beforeRequest(request);
        server::HttpRequest http;
        http.method = request.method;
        http.path = request.path;
        for (const auto& [name, value] : request.headers)
            http.headers.insert(name.toLower(), value);
        http.headers.insert("accept-encoding", "gzip");
        http.body = request.body;
        if (request.compressible && http.body.size() > 1024) {
            http.body = sync::gzip(http.body);
            http.headers.insert("content-encoding", "gzip");
        }
        sync::TransportResponse out;
        out.bytesSent = http.body.size() + kHeaderBytes;

        if (roll(faults_.requestLost)) {
            ++counts_.requestsLost;
            wait(out.bytesSent);
            out.networkError = QStringLiteral("injected: request lost");
            return out;
        }
        if (!http.body.isEmpty() && roll(faults_.bodyCut)) {
            ++counts_.bodiesCut;
            http.body.truncate(static_cast<qsizetype>(rng_() % static_cast<std::uint64_t>(http.body.size())));
            http.cut = true;
            wait(http.body.size());
            if (http.path == "/v1/blobs/upload" && !http.body.isEmpty()) {
                if (onCut) onCut(http);
                server_.service().handle(http);
            }
            out.networkError = QStringLiteral("injected: connection dropped mid-body");
            return out;
        }
        if (onDelivered) onDelivered(http);
        server::HttpResponse reply = server_.service().handle(http);
        if (roll(faults_.duplicate)) {
            ++counts_.duplicates;
            reply = server_.service().handle(http);
        }
        // The HTTP front end (server/src/http.cpp) compresses replies over 1 KiB for clients
        // that accept gzip; SyncService itself does not, so do it here as the wire would.
        bool alreadyGzipped = false;
        for (const auto& header : reply.headers)
            if (header.first.toLower() == "content-encoding") alreadyGzipped = true;
        if (!alreadyGzipped && reply.body.size() > 1024) {
            reply.body = sync::gzip(reply.body, sync::kResponseGzipLevel);
            reply.headers.append(qMakePair(QByteArray("content-encoding"), QByteArray("gzip")));
        }
        out.bytesReceived = reply.body.size() + kHeaderBytes;
        bytesSent_ += out.bytesSent;
        bytesReceived_ += out.bytesReceived;
        wait(out.bytesSent + out.bytesReceived);
        if (roll(faults_.replyLost)) {
            ++counts_.repliesLost;
            out.networkError = QStringLiteral("injected: reply lost");
            return out;
        }
        bool gzipped = false;
        for (const auto& [name, value] : reply.headers) {
            out.headers.append({name.toLower(), value});
            if (name.toLower() == "content-encoding" && value.trimmed().toLower() == "gzip") gzipped = true;
        }
        if (gzipped) {
            auto body = sync::gunzip(reply.body);
            if (!body) throw std::runtime_error("server sent bad gzip: " + body.error().message);
            out.body = std::move(*body);
        } else {
            out.body = reply.body;
        }
        out.status = reply.status;
        out.delivered = true;
        return out;
    }

private:
    // Request line, Host, Authorization, protocol headers: roughly what HTTP/1.1 adds.
    static constexpr std::int64_t kHeaderBytes = 250;

    bool roll(double p)
    {
        if (p <= 0) return false;
        return static_cast<double>(rng_() >> 11) * 0x1.0p-53 < p;
    }
    void wait(std::int64_t bytes) const
    {
        std::int64_t us = std::int64_t{faults_.latencyMs} * 1000;
        if (faults_.bitsPerSecond > 0)
            us += static_cast<std::int64_t>(static_cast<double>(bytes) * 8e6 / faults_.bitsPerSecond);
        if (us > 0) std::this_thread::sleep_for(std::chrono::microseconds(us));
    }

    ServerHarness& server_;
    std::mt19937_64 rng_;
    Faults faults_;
    FaultCounts counts_;
    std::int64_t bytesSent_ = 0;
    std::int64_t bytesReceived_ = 0;
};

}  // namespace fb::test
