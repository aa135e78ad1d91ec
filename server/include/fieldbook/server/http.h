// HttpFrontend: QtHttpServer 6.4 in front of the SyncService. Every request goes through one
// catch-all route to SyncService::handle, run on the QtConcurrent pool so the event loop only
// moves bytes; answers over 1 KiB are gzipped for clients that accept it; each request is
// logged as one JSON line on stderr (time, level, method, path, status, ms, device).
//
// Threading: construct, configure TLS and listen on the thread that runs the event loop;
// the service is called from pool threads (it is thread-safe).
#pragma once

#include <QHostAddress>
#include <QHttpServer>
#include <QThreadPool>
#include <QObject>
#include <QString>

#include "fieldbook/core/result.h"
#include "fieldbook/server/service.h"

namespace fb::server {

class HttpFrontend {
public:
    explicit HttpFrontend(SyncService& service);
    // Serve HTTPS with this certificate and key (PEM); call before listen().
    Result<void> useTls(const QString& certFile, const QString& keyFile);
    // Listens on `address`:`port` (0 = any free port); returns the port.
    Result<quint16> listen(const QHostAddress& address, quint16 port);
    bool tls() const { return tls_; }

private:
    SyncService& service_;
    QHttpServer server_;
    bool tls_ = false;
    // Requests run here, not on the global pool: its one-thread-per-core size would queue
    // requests behind database and network waits (PostgreSQL) and slow password checks.
    QThreadPool pool_;
};

}  // namespace fb::server
