// HttpTransport's abort(): a request to a server that never answers is stopped from another
// thread at once, an abort that comes before a request stops that request, and clearAbort()
// forgets one. The server never answers (tests/fakes/silent_server.h).
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "fakes/cutting_server.h"
#include "fakes/silent_server.h"
#include "fieldbook/sync/http_transport.h"
#include "fieldbook/sync/protocol.h"

using namespace fb::sync;
using fb::test::SilentServer;
using namespace std::chrono_literals;

namespace {

TransportRequest pullRequest()
{
    TransportRequest request;
    request.method = "POST";
    request.path = "/v1/sync/pull";
    request.headers = {{"Content-Type", "application/json"}};
    request.body = R"({"device_id":"x","cursor":"","limit":10})";
    return request;
}

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("an aborted request to a server that never answers returns at once, undelivered",
          "[sync][transport][cancel]")
{
    SilentServer server;
    HttpTransport transport(server.url(), {.timeoutMs = 20'000});
    std::thread canceller([&] {
        std::this_thread::sleep_for(300ms);
        transport.abort();  // from another thread, as the app's Cancel button does
    });
    const auto start = std::chrono::steady_clock::now();
    const TransportResponse r = transport.exchange(pullRequest());
    const double seconds = secondsSince(start);
    canceller.join();
    CHECK_FALSE(r.delivered);
    CHECK(r.networkError == QStringLiteral("aborted"));
    CHECK(seconds < 5.0);  // not the 20 s timeout
}

TEST_CASE("an abort before a request stops that request, and clearAbort forgets it",
          "[sync][transport][cancel]")
{
    SilentServer server;
    HttpTransport transport(server.url(), {.timeoutMs = 400});
    transport.abort();
    TransportResponse r = transport.exchange(pullRequest());
    CHECK_FALSE(r.delivered);
    CHECK(r.networkError == QStringLiteral("aborted"));

    // Consumed: the next request goes out (and times out against the silent server).
    r = transport.exchange(pullRequest());
    CHECK(r.networkError.startsWith(QStringLiteral("timed out")));

    transport.abort();
    transport.clearAbort();
    r = transport.exchange(pullRequest());
    CHECK(r.networkError.startsWith(QStringLiteral("timed out")));
}

TEST_CASE("a reply cut mid-body is a network failure (retried), gzipped or not", "[sync][transport]")
{
    // A pull reply of some size, as the server would send it.
    QByteArray body = R"({"records":[)";
    for (int i = 0; i < 200; ++i)
        body += (i ? "," : "") + QByteArray(R"({"entity":"account","id":"x","fields":{}})");
    body += R"(],"purge":[],"cursor":"9","more":false})";
    for (const bool gzipped : {false, true}) {
        INFO((gzipped ? "gzipped" : "plain"));
        fb::test::CuttingServer server(gzipped ? gzip(body) : body, gzipped);
        HttpTransport transport(server.url(), {.timeoutMs = 10'000});
        const TransportResponse r = transport.exchange(pullRequest());
        CHECK_FALSE(r.delivered);
        CHECK_FALSE(r.networkError.isEmpty());
    }
}
