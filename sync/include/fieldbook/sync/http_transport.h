// The production transport: HTTPS to fieldbook-server with Qt Network.
// Threading: construct it anywhere, but call exchange() only on the sync worker thread and
// destroy it there too. The QNetworkAccessManager is created on the first exchange() in
// that thread and kept (so connections are reused: keep-alive, one TLS handshake per
// evening); exchange() runs a local QEventLoop, which must never happen on the UI thread
// (it would re-enter the UI's event processing while a sync is half done).
// TLS certificates are verified (Qt's default; nothing here turns it off). Request bodies
// over 1 KiB are gzip-compressed; replies are requested gzip-compressed and decompressed
// here (Qt does not decompress when the client sets Accept-Encoding itself).
// abort() may be called from any thread: it posts QNetworkReply::abort() to the worker
// thread, where exchange()'s local event loop runs it.
#pragma once

#include <memory>
#include <mutex>

#include <QUrl>

#include "fieldbook/sync/transport.h"

class QNetworkAccessManager;
class QNetworkReply;

namespace fb::sync {

class HttpTransport final : public Transport {
public:
    struct Options {
        int timeoutMs = 30'000;          // per request, from sending to the last byte
        qsizetype compressAbove = 1024;  // gzip request bodies larger than this
    };
    explicit HttpTransport(QUrl baseUrl);
    HttpTransport(QUrl baseUrl, Options options);
    ~HttpTransport() override;
    HttpTransport(const HttpTransport&) = delete;
    HttpTransport& operator=(const HttpTransport&) = delete;

    TransportResponse exchange(const TransportRequest& request) override;
    void abort() override;
    void clearAbort() override;

private:
    QUrl baseUrl_;
    Options options_;
    std::unique_ptr<QNetworkAccessManager> manager_;
    std::mutex abortMutex_;              // guards the two below
    bool abortRequested_ = false;        // consumed by the exchange it stops
    QNetworkReply* inFlight_ = nullptr;  // lives on the worker thread; deleted there
};

}  // namespace fb::sync
