// HttpTransport's abort(): a request to a server that never answers is stopped from another
// thread at once, an abort that comes before a request stops that request, and clearAbort()
// forgets one. The "server" is a listening socket nobody accepts on: the kernel completes
// the connection, the request goes out, and no reply ever comes.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "fieldbook/sync/http_transport.h"

using namespace fb::sync;
using namespace std::chrono_literals;

namespace {

class SilentServer {
public:
    SilentServer()
    {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        REQUIRE(::listen(fd_, 8) == 0);
        socklen_t len = sizeof addr;
        REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
        port_ = ntohs(addr.sin_port);
    }
    ~SilentServer() { ::close(fd_); }
    SilentServer(const SilentServer&) = delete;
    SilentServer& operator=(const SilentServer&) = delete;

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port_)); }

private:
    int fd_ = -1;
    int port_ = 0;
};

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

TEST_CASE("an aborted request to a server that never answers returns at once, undelivered", "[sync][transport][cancel]")
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

TEST_CASE("an abort before a request stops that request; clearAbort forgets it", "[sync][transport][cancel]")
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
