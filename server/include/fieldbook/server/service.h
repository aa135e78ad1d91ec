// SyncService: the server side of docs/sync-protocol.md as a transport-independent request
// handler. The HTTP front end feeds it every request; the client engine's tests call it
// in-process. It decodes with fb::sync's codec, authenticates device tokens, and applies
// pushes / answers pulls through the ServerStore.
//
// Threading: handle() is thread-safe and may run on any number of threads at once (each uses
// its own database connection; writes serialise in the database). It never throws: every
// unexpected failure becomes 500 "internal" (logged), a lock timeout 429 "busy". A 4xx
// answer has written nothing.
#pragma once

#include <memory>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

#include "fieldbook/core/clock.h"
#include "fieldbook/core/result.h"

namespace fb::server {

struct HttpRequest {
    QByteArray method;
    QByteArray path;
    QHash<QByteArray, QByteArray> headers;  // names lower-case
    QByteArray body;
    QByteArray peer;  // the client's address as the front end saw it ("" when unknown)
    // The client hung up before its body was complete: `body` holds what arrived. Handed over
    // only for an upload of attachments (which keeps those bytes); the answer goes nowhere.
    bool cut = false;
};

struct HttpResponse {
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
};

class ServerStore;  // store.h

Result<std::unique_ptr<ServerStore>> openServerStore(const QString& dataDirOrEmpty,
                                                     const QString& databaseUrlOrEmpty);

// What the service learnt about a request, for the access log.
struct RequestInfo {
    QString deviceId;  // empty when unauthenticated
    QString error;     // the error code of a 4xx/5xx answer
};

struct ServiceOptions {
    // How long a device token is valid after sign-in or renewal. Devices renew theirs during a
    // sync once half of it has passed (POST /v1/auth/renew), so a phone that syncs at least
    // that often never has to sign in again; one left unused for longer does.
    std::int64_t tokenLifetimeMs = 30LL * 24 * 3600 * 1000;
};

class SyncService {
public:
    SyncService(ServerStore& store, const fb::Clock& clock, ServiceOptions options = {});
    HttpResponse handle(const HttpRequest& request);  // thread-safe; never throws; body may be gzip
    HttpResponse handle(const HttpRequest& request, RequestInfo* info);

private:
    ServerStore& store_;
    const fb::Clock& clock_;
    ServiceOptions options_;
};

// Writes one JSON object per line to stderr (thread-safe), the server's log format.
void logLine(const QByteArray& jsonObject);

}  // namespace fb::server
