// HttpFrontend: HTTP/1.1 (and HTTPS) in front of the SyncService, on GNU libmicrohttpd.
//
// Why not QtHttpServer (Qt 6.4): a handler that returns a future makes it write the reply to
// the socket it captured when the request came in, after a client that hung up has freed it
// (a crash on every early hang-up, and a reply that can reach whichever connection is
// allocated at the same address next); it answers pipelined requests out of order; and it has
// no header or idle timeout and reads any body whole. libmicrohttpd owns each connection for
// its whole life: the reply is queued on the connection the request came on and nowhere else
// (the API offers no other), requests on one connection are answered in order, and idle
// connections, header size and connection counts are bounded by the library.
//
// Each request is logged as one JSON line on stderr (time, level, method, path, status, ms,
// device). Answers over 1 KiB are gzipped for clients that accept it.
//
// Threading: a few polling threads (one per core) move bytes; a complete request suspends its
// connection and goes to one shared queue of worker threads (SyncService is thread-safe; its
// database connections are per thread, and the workers never expire), whose answer resumes
// the connection. A suspended connection — and its request state — stays alive until it is
// resumed, whatever the client does meanwhile. One shared queue keeps a slow request (a
// password hash, a PostgreSQL wait) from holding up other connections. Construct, configure
// and listen on any thread; the destructor stops taking connections, waits for the requests
// under way, then stops the daemon.
#pragma once

#include <memory>

#include <QHostAddress>
#include <QString>

#include "fieldbook/core/result.h"
#include "fieldbook/server/service.h"

namespace fb::server {

struct HttpLimits {
    int threads = 0;            // worker threads running requests (0: max(16, 4 x cores))
    int idleTimeoutS = 30;      // a connection silent this long is closed (headers, body, keep-alive)
    int maxConnections = 1000;  // connections open at once; more are refused at accept
    int maxPerAddress = 0;      // per client address (0: no limit; phones share carrier NATs)
    std::size_t maxHeaderBytes = std::size_t{32} * 1024;  // request line and headers (431 beyond)
};

class HttpFrontend {
public:
    explicit HttpFrontend(SyncService& service, HttpLimits limits = {});
    ~HttpFrontend();
    HttpFrontend(const HttpFrontend&) = delete;
    HttpFrontend& operator=(const HttpFrontend&) = delete;

    // Serve HTTPS with this certificate and key (PEM); call before listen().
    Result<void> useTls(const QString& certFile, const QString& keyFile);
    // Listens on `address`:`port` (0 = any free port); returns the port.
    Result<quint16> listen(const QHostAddress& address, quint16 port);
    bool tls() const;

    struct State;  // what the library's callbacks reach (defined in http.cpp)

private:
    std::unique_ptr<State> state_;
};

}  // namespace fb::server
