// The HTTP front end over QtHttpServer 6.4; see http.h.
#include "fieldbook/server/http.h"

#include <openssl/pem.h>
#include <openssl/x509.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFuture>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QUrl>
#include <QThread>
#include <QtConcurrent>
#include <algorithm>

#include "fieldbook/sync/protocol.h"

namespace fb::server {

namespace {

constexpr qsizetype kGzipAbove = 1024;

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    case QHttpServerRequest::Method::Connect: return "CONNECT";
    case QHttpServerRequest::Method::Trace: return "TRACE";
    default: return "UNKNOWN";
    }
}

}  // namespace

HttpFrontend::HttpFrontend(SyncService& service) : service_(service)
{
    pool_.setMaxThreadCount(std::max(16, 4 * QThread::idealThreadCount()));
    // Threads never expire: each keeps its database connection (named after the thread) for
    // the server's life; an expired thread would leave its connection open and a new thread
    // with a reused native id would find a connection that belongs to another thread.
    pool_.setExpiryTimeout(-1);
    // One catch-all route (a QUrl placeholder matches any rest of the path), so unknown
    // endpoints get the protocol's 404 body instead of QtHttpServer's empty one.
    server_.route("/<arg>", [this](const QUrl&, const QHttpServerRequest& incoming) {
        HttpRequest request;
        request.method = methodName(incoming.method());
        request.path = incoming.url().path(QUrl::FullyEncoded).toUtf8();
        for (const auto& [name, value] : incoming.headers()) request.headers.insert(name.toLower(), value);
        request.body = incoming.body();
        return QtConcurrent::run(&pool_, [this, request = std::move(request)]() {
            QElapsedTimer timer;
            timer.start();
            RequestInfo info;
            HttpResponse response = service_.handle(request, &info);
            const bool acceptsGzip = request.headers.value("accept-encoding").contains("gzip");
            QByteArray contentType = "application/json";
            QList<QPair<QByteArray, QByteArray>> extra;
            for (const auto& header : response.headers) {
                if (header.first == "content-type") contentType = header.second;
                else extra.append(header);
            }
            if (acceptsGzip && response.body.size() > kGzipAbove) {
                response.body = sync::gzip(response.body, sync::kResponseGzipLevel);
                extra.append(qMakePair(QByteArray("content-encoding"), QByteArray("gzip")));
            }
            const auto status = static_cast<QHttpServerResponder::StatusCode>(response.status);
            QHttpServerResponse out = response.body.isEmpty() ? QHttpServerResponse(status)
                                                              : QHttpServerResponse(contentType, response.body, status);
            for (const auto& header : extra) out.addHeader(header.first, header.second);
            QJsonObject log{{"time", QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                            {"level", response.status >= 500 ? "error" : response.status >= 400 ? "warning" : "info"},
                            {"method", QString::fromLatin1(request.method)},
                            {"path", QString::fromUtf8(request.path.left(200))},
                            {"status", response.status},
                            {"ms", static_cast<double>(timer.nsecsElapsed()) / 1e6},
                            {"device", info.deviceId}};
            if (!info.error.isEmpty()) log.insert("error", info.error);
            logLine(QJsonDocument(log).toJson(QJsonDocument::Compact));
            return out;
        });
    });
}

namespace {

bool keyMatchesCertificate(const QByteArray& certPem, const QByteArray& keyPem)
{
    BIO* certBio = BIO_new_mem_buf(certPem.constData(), static_cast<int>(certPem.size()));
    BIO* keyBio = BIO_new_mem_buf(keyPem.constData(), static_cast<int>(keyPem.size()));
    X509* cert = PEM_read_bio_X509(certBio, nullptr, nullptr, nullptr);
    EVP_PKEY* key = PEM_read_bio_PrivateKey(keyBio, nullptr, nullptr, nullptr);
    const bool match = cert && key && X509_check_private_key(cert, key) == 1;
    EVP_PKEY_free(key);
    X509_free(cert);
    BIO_free(keyBio);
    BIO_free(certBio);
    return match;
}

}  // namespace

Result<void> HttpFrontend::useTls(const QString& certFile, const QString& keyFile)
{
    QFile cert(certFile);
    QFile key(keyFile);
    if (!cert.open(QIODevice::ReadOnly)) return makeError(ErrorCode::NotFound, "cannot read " + certFile.toStdString());
    if (!key.open(QIODevice::ReadOnly)) return makeError(ErrorCode::NotFound, "cannot read " + keyFile.toStdString());
    const QList<QSslCertificate> chain = QSslCertificate::fromData(cert.readAll(), QSsl::Pem);
    const QByteArray keyPem = key.readAll();
    QSslKey privateKey(keyPem, QSsl::Rsa, QSsl::Pem);
    if (privateKey.isNull()) privateKey = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
    if (chain.isEmpty()) return makeError(ErrorCode::BadFormat, certFile.toStdString() + " holds no PEM certificate");
    if (privateKey.isNull()) return makeError(ErrorCode::BadFormat, keyFile.toStdString() + " holds no PEM RSA or EC key");
    // Qt accepts any pair and every handshake would then fail; refuse at start instead.
    if (!keyMatchesCertificate(chain.front().toPem(), keyPem))
        return makeError(ErrorCode::Conflict, keyFile.toStdString() + " is not the key of the certificate in " +
                                                  certFile.toStdString());
    server_.sslSetup(chain.front(), privateKey);
    tls_ = true;
    return {};
}

Result<quint16> HttpFrontend::listen(const QHostAddress& address, quint16 port)
{
    const quint16 bound = server_.listen(address, port);
    if (bound == 0)
        return makeError(ErrorCode::Storage, "cannot listen on " + address.toString().toStdString() + ":" +
                                                 std::to_string(port));
    return bound;
}

}  // namespace fb::server
