// The transport under the sync engine: one synchronous request/response exchange.
// Threading: exchange() blocks, so it is called only on the sync worker thread (never the
// UI thread); an implementation is used by one thread at a time. Implementations:
// HttpTransport (Qt Network, the app) and the loopback transports of tests/sync, which call
// the server in-process and inject faults.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace fb::sync {

struct TransportRequest {
    QByteArray method;
    QByteArray path;  // e.g. "/v1/sync/push", appended to the transport's base URL
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;           // uncompressed; the transport decides whether to gzip it
    bool compressible = true;  // false: sent as it is (attachments: pictures do not compress)
};

struct TransportResponse {
    bool delivered = false;  // false: network failure, no reply (the request may or may not
                             // have reached the server — the protocol makes a retry safe)
    int status = 0;
    QByteArray body;                               // decompressed
    QList<QPair<QByteArray, QByteArray>> headers;  // names in lower case (Retry-After, ...)
    QString networkError;
    qint64 bytesSent = 0;      // on the wire (after compression), headers included if known
    qint64 bytesReceived = 0;  // on the wire (before decompression)

    QByteArray header(const QByteArray& lowerCaseName) const
    {
        for (const auto& [name, value] : headers)
            if (name == lowerCaseName) return value;
        return {};
    }
};

class Transport {
public:
    virtual ~Transport() = default;
    virtual TransportResponse exchange(const TransportRequest& request) = 0;
    // Thread-safe (the one exception to the rule above): may be called from any thread.
    // Makes the exchange in flight return at once, undelivered, with networkError "aborted"
    // — or, if none is in flight, the next exchange to start, so an abort racing with the
    // start of a request is not lost. A reply that has already arrived is still delivered.
    // The default does nothing: the exchange in flight runs to its end.
    virtual void abort() {}
    // Forgets an abort that found no exchange to stop (called once the sync it was meant
    // for has ended, so it cannot stop the next one).
    virtual void clearAbort() {}
};

}  // namespace fb::sync
