// See slowlink_proxy.h.
#include "slowlink_proxy.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <stdexcept>

#include <QHostAddress>
#include <QMetaObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

namespace fb::bench {
namespace {

using SteadyClock = std::chrono::steady_clock;
using Micros = std::chrono::microseconds;

constexpr int kSegmentPayload = 1460;  // bytes of payload per TCP segment (Ethernet MTU)
constexpr int kSegmentHeaders = 40;    // IPv4 + TCP headers per segment

// One direction of one connection: bytes read from `from` are written to `to` once the link
// has carried them (serialised at the bandwidth, then the latency).
struct Direction {
    QTcpSocket* from = nullptr;
    QTcpSocket* to = nullptr;
    bool toReady = false;               // `to` is connected and may be written
    SteadyClock::time_point busyUntil;  // when the link has sent everything queued so far
    struct Chunk {
        SteadyClock::time_point due;
        QByteArray data;
        bool close = false;  // the sender closed: close `to` after the data before it
    };
    std::deque<Chunk> queue;
    QTimer* timer = nullptr;
    bool closeQueued = false;
    std::atomic<std::int64_t>* bytes = nullptr;
};

class Pipe final : public QObject {
public:
    Pipe(QTcpSocket* client, const QString& host, quint16 port, SlowLink link, SlowLinkProxy::Shared& shared,
         QObject* parent)
        : QObject(parent), link_(link)
    {
        client->setParent(this);
        auto* upstream = new QTcpSocket(this);
        const auto now = SteadyClock::now();
        up_.from = client;
        up_.to = upstream;
        up_.bytes = &shared.bytesUp;
        // The client could not have sent anything before its SYN went out and the SYN-ACK
        // came back: one round trip.
        up_.busyUntil = now + 2 * latency();
        down_.from = upstream;
        down_.to = client;
        down_.toReady = true;
        down_.bytes = &shared.bytesDown;
        down_.busyUntil = now;
        for (Direction* d : {&up_, &down_}) {
            d->timer = new QTimer(this);
            d->timer->setSingleShot(true);
            d->timer->setTimerType(Qt::PreciseTimer);
            connect(d->timer, &QTimer::timeout, this, [this, d] { pump(*d); });
            connect(d->from, &QTcpSocket::readyRead, this, [this, d] { take(*d); });
            connect(d->from, &QTcpSocket::disconnected, this, [this, d] { takeClose(*d); });
        }
        connect(upstream, &QTcpSocket::connected, this, [this] {
            up_.toReady = true;
            pump(up_);
        });
        connect(upstream, &QTcpSocket::errorOccurred, this, [this, upstream](QAbstractSocket::SocketError) {
            if (upstream->state() != QAbstractSocket::ConnectedState && !up_.toReady) up_.from->abort();
        });
        upstream->connectToHost(host, port);
        take(up_);  // anything the client sent before this object existed
    }

private:
    Micros latency() const { return Micros(std::int64_t{link_.oneWayLatencyMs} * 1000); }

    Micros transmission(qsizetype payload) const
    {
        if (link_.bitsPerSecond <= 0) return Micros(0);
        const qsizetype segments = (payload + kSegmentPayload - 1) / kSegmentPayload;
        const double wireBytes = static_cast<double>(payload + segments * kSegmentHeaders);
        return Micros(static_cast<std::int64_t>(std::llround(wireBytes * 8e6 / link_.bitsPerSecond)));
    }

    void take(Direction& d)
    {
        const QByteArray data = d.from->readAll();
        if (data.isEmpty() || d.closeQueued) return;
        *d.bytes += data.size();
        // Segment by segment, so the first bytes of a long reply arrive before its last.
        for (qsizetype at = 0; at < data.size(); at += kSegmentPayload) {
            const QByteArray segment = data.mid(at, kSegmentPayload);
            const auto start = std::max(SteadyClock::now(), d.busyUntil);
            d.busyUntil = start + transmission(segment.size());
            d.queue.push_back({d.busyUntil + latency(), segment, false});
        }
        arm(d);
    }

    void takeClose(Direction& d)
    {
        take(d);
        if (d.closeQueued) return;
        d.closeQueued = true;
        d.queue.push_back({std::max(SteadyClock::now(), d.busyUntil) + latency(), {}, true});
        arm(d);
    }

    void arm(Direction& d)
    {
        if (d.queue.empty() || d.timer->isActive()) return;
        const auto wait =
            std::chrono::ceil<std::chrono::milliseconds>(d.queue.front().due - SteadyClock::now());
        d.timer->start(static_cast<int>(std::max<std::int64_t>(0, wait.count())));
    }

    void pump(Direction& d)
    {
        if (!d.toReady) return;  // `connected` pumps again
        const auto now = SteadyClock::now();
        while (!d.queue.empty() && d.queue.front().due <= now) {
            Direction::Chunk chunk = std::move(d.queue.front());
            d.queue.pop_front();
            if (chunk.close)
                d.to->disconnectFromHost();
            else
                d.to->write(chunk.data);
        }
        arm(d);
    }

    SlowLink link_;
    Direction up_;
    Direction down_;
};

}  // namespace

SlowLinkProxy::SlowLinkProxy(const QString& targetHost, quint16 targetPort, SlowLink link, quint16 listenPort)
    : link_(link), thread_(std::make_unique<QThread>())
{
    thread_->setObjectName(QStringLiteral("slowlink-proxy"));
    thread_->start();
    auto* server = new QTcpServer;
    server->moveToThread(thread_.get());
    QString error;
    // Listening and every socket live on the proxy thread; the pipes are children of the
    // server and go with it.
    QMetaObject::invokeMethod(
        server,
        [&] {
            QObject::connect(server, &QTcpServer::newConnection, server, [=, this] {
                while (QTcpSocket* client = server->nextPendingConnection()) {
                    ++shared_.connections;
                    new Pipe(client, targetHost, targetPort, link_, shared_, server);
                }
            });
            if (!server->listen(QHostAddress::LocalHost, listenPort)) error = server->errorString();
            port_ = server->serverPort();
        },
        Qt::BlockingQueuedConnection);
    server_ = server;
    if (!error.isEmpty()) {
        stop();
        throw std::runtime_error("slow-link proxy cannot listen: " + error.toStdString());
    }
}

SlowLinkProxy::~SlowLinkProxy()
{
    stop();
}

void SlowLinkProxy::stop()
{
    if (server_) {
        QObject* server = server_;
        server_ = nullptr;
        QMetaObject::invokeMethod(
            server, [server] { delete server; }, Qt::BlockingQueuedConnection);
    }
    if (thread_->isRunning()) {
        thread_->quit();
        thread_->wait();
    }
}

SlowLinkCounters SlowLinkProxy::counters() const
{
    return {shared_.bytesUp.load(), shared_.bytesDown.load(), shared_.connections.load()};
}

}  // namespace fb::bench
