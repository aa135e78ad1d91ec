// Qt Network transport; see http_transport.h for the threading rules.
#include "fieldbook/sync/http_transport.h"

#include <utility>

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include "fieldbook/sync/protocol.h"

namespace fb::sync {

HttpTransport::HttpTransport(QUrl baseUrl) : HttpTransport(std::move(baseUrl), Options{}) {}

HttpTransport::HttpTransport(QUrl baseUrl, Options options) : baseUrl_(std::move(baseUrl)), options_(options)
{}

HttpTransport::~HttpTransport() = default;

void HttpTransport::abort()
{
    std::lock_guard lock(abortMutex_);
    abortRequested_ = true;
    // The reply belongs to the worker thread: abort it there. If exchange() deletes it before
    // this runs, the posted call goes with it (deletion happens after inFlight_ is cleared
    // under the mutex, so never while this posts).
    if (inFlight_) QMetaObject::invokeMethod(inFlight_, &QNetworkReply::abort, Qt::QueuedConnection);
}

void HttpTransport::clearAbort()
{
    std::lock_guard lock(abortMutex_);
    abortRequested_ = false;
}

TransportResponse HttpTransport::exchange(const TransportRequest& request)
{
    if (!manager_) {
        manager_ = std::make_unique<QNetworkAccessManager>();
        manager_->setAutoDeleteReplies(false);
    }

    QUrl url = baseUrl_;
    url.setPath(url.path().chopped(url.path().endsWith('/') ? 1 : 0) + QString::fromUtf8(request.path));
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);  // the protocol is HTTP/1.1
    // Setting Accept-Encoding ourselves turns off Qt's transparent decompression; we gunzip
    // below with the size limit the protocol sets.
    req.setRawHeader("Accept-Encoding", "gzip");
    req.setRawHeader("Connection", "keep-alive");
    for (const auto& [name, value] : request.headers)
        req.setRawHeader(name, value);

    QByteArray body = request.body;
    if (request.compressible && body.size() > options_.compressAbove) {
        body = gzip(body);
        req.setRawHeader("Content-Encoding", "gzip");
    }

    TransportResponse out;
    {
        std::lock_guard lock(abortMutex_);
        if (abortRequested_) {
            // An abort that came before the request started: it is this request's.
            abortRequested_ = false;
            out.networkError = QStringLiteral("aborted");
            return out;
        }
    }
    out.bytesSent = body.size() + request.path.size() + 200;  // an estimate of the header lines
    QNetworkReply* reply = manager_->sendCustomRequest(req, request.method, body);
    {
        std::lock_guard lock(abortMutex_);
        inFlight_ = reply;
    }
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    bool timedOut = false;
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        reply->abort();
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(options_.timeoutMs);
    if (!reply->isFinished()) loop.exec(QEventLoop::ExcludeUserInputEvents);
    timer.stop();
    bool aborted = false;
    {
        std::lock_guard lock(abortMutex_);
        inFlight_ = nullptr;
        aborted = std::exchange(abortRequested_, false);
    }

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid() || (aborted && reply->error() == QNetworkReply::OperationCanceledError)) {
        // No HTTP reply at all: DNS, refused connection, TLS failure, timeout, abort().
        out.networkError = timedOut  ? QStringLiteral("timed out after %1 ms").arg(options_.timeoutMs)
                           : aborted ? QStringLiteral("aborted")
                                     : reply->errorString();
        delete reply;  // finished: no signal of it is pending
        return out;
    }
    const QByteArray raw = reply->readAll();
    // A reply the network cut short (the connection closed before the promised body arrived)
    // is no reply: whatever it holds cannot be trusted, and asking again is safe. Qt reports
    // some cuts as errors of the network layer and may hand over a short body without one, so
    // the length is checked too — the same for a plain and a gzipped body.
    const QNetworkReply::NetworkError error = reply->error();
    const bool networkLayer =
        error != QNetworkReply::NoError &&
        (error < QNetworkReply::ContentAccessDenied || error == QNetworkReply::ProtocolFailure);
    bool lengthOk = false;
    const qlonglong promised = reply->rawHeader("Content-Length").trimmed().toLongLong(&lengthOk);
    if (networkLayer || (lengthOk && promised != raw.size())) {
        out.networkError =
            networkLayer
                ? QStringLiteral("the reply was cut short: ") + reply->errorString()
                : QStringLiteral("the reply was cut short (%1 of %2 bytes)").arg(raw.size()).arg(promised);
        delete reply;  // finished: no signal of it is pending
        return out;
    }
    out.bytesReceived = raw.size();
    for (const auto& [name, value] : reply->rawHeaderPairs()) {
        out.headers.append({name.toLower(), value});
        out.bytesReceived += name.size() + value.size() + 4;
    }
    out.status = status.toInt();
    if (out.header("content-encoding").trimmed().toLower() == "gzip") {
        auto unpacked = gunzip(raw);
        if (!unpacked) {
            out.networkError =
                QString::fromStdString("reply could not be decompressed: " + unpacked.error().message);
            delete reply;  // finished: no signal of it is pending
            return out;    // undelivered: the reply is unusable, and a retry is safe
        }
        out.body = std::move(*unpacked);
    } else {
        out.body = raw;
    }
    out.delivered = true;
    delete reply;  // finished: no signal of it is pending
    return out;
}

}  // namespace fb::sync
