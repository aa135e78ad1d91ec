// SlowLinkProxy: a TCP proxy on 127.0.0.1 that turns loopback into a slow mobile link, for
// measuring the real client and server binaries over it (the container has no sch_netem, so
// `tc qdisc ... netem` is not available). Each direction is a separate link with
// - a one-way latency: bytes arrive `oneWayLatencyMs` after they left, and
// - a bandwidth cap: bytes leave one after another at `bitsPerSecond`, each TCP segment
//   (1460 bytes of payload) costing 40 bytes of IPv4 + TCP headers too.
// A new connection cannot carry data before one round trip has passed (the TCP handshake),
// and a close travels with the same delay as data, after the data sent before it.
// Not modelled: TCP slow start and receive windows (the proxy's own sockets are loopback
// sockets), packet loss, ACK traffic.
//
// Threading: the proxy runs its own thread with its own event loop, so it keeps moving bytes
// while the thread that made it blocks (an HttpTransport's local event loop, SQLite work).
// The public methods may be called from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include <QString>

class QObject;
class QThread;

namespace fb::bench {

struct SlowLink {
    int oneWayLatencyMs = 150;   // each direction; the round trip adds twice this
    double bitsPerSecond = 1e6;  // each direction; 0: unlimited
};

struct SlowLinkCounters {
    std::int64_t bytesUp = 0;    // client -> server, payload bytes
    std::int64_t bytesDown = 0;  // server -> client, payload bytes
    int connections = 0;         // accepted so far
};

class SlowLinkProxy {
public:
    // Listens on 127.0.0.1:listenPort (0: a free port) and forwards every connection to
    // targetHost:targetPort. Throws std::runtime_error if it cannot listen.
    SlowLinkProxy(const QString& targetHost, quint16 targetPort, SlowLink link, quint16 listenPort = 0);
    ~SlowLinkProxy();
    SlowLinkProxy(const SlowLinkProxy&) = delete;
    SlowLinkProxy& operator=(const SlowLinkProxy&) = delete;

    quint16 port() const { return port_; }
    SlowLink link() const { return link_; }
    SlowLinkCounters counters() const;

    struct Shared {  // written by the proxy thread, read by anyone
        std::atomic<std::int64_t> bytesUp{0};
        std::atomic<std::int64_t> bytesDown{0};
        std::atomic<int> connections{0};
    };

private:
    void stop();

    SlowLink link_;
    quint16 port_ = 0;
    Shared shared_;
    std::unique_ptr<QThread> thread_;
    QObject* server_ = nullptr;  // the QTcpServer, on thread_; the connections are its children
};

}  // namespace fb::bench
