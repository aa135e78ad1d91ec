// The HTTP front end over libmicrohttpd; see http.h.
#include "fieldbook/server/http.h"

#include <algorithm>
#include <arpa/inet.h>
#include <condition_variable>
#include <cstring>
#include <microhttpd.h>
#include <mutex>
#include <netinet/in.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <unistd.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QThreadPool>

#include "fieldbook/sync/protocol.h"

namespace fb::server {

struct HttpFrontend::State {
    State(SyncService& s, HttpLimits l) : service(s), limits(l) {}
    SyncService& service;
    HttpLimits limits;
    QByteArray certPem;
    QByteArray keyPem;
    MHD_Daemon* daemon = nullptr;
    // Requests run here, one queue for all connections: a slow request (a password hash, a
    // PostgreSQL wait) holds up only itself. Threads never expire: each keeps its database
    // connection (named after the thread) for the server's life.
    QThreadPool workers;
    // Shutdown: MHD must not be stopped while a connection is suspended, so requests are
    // counted from suspension to resumption, and none is suspended once stopping is set.
    std::mutex mutex;
    std::condition_variable resumed;
    bool stopping = false;
    int suspended = 0;
    int cutUploads = 0;  // uploads cut short, handed to a worker and not yet stored
};

namespace {

constexpr qsizetype kGzipAbove = 1024;
// Uploads cut short waiting to be stored at once; more are dropped (their device resends).
constexpr int kMaxCutUploads = 8;

// One request on one connection, from its headers to its answer. Owned by the connection
// (MHD's per-request pointer) and freed by the library's completion callback, whatever
// ended the request: the answer sent, the client gone, a timeout.
struct Pending {
    QElapsedTimer timer;
    QByteArray body;
    bool tooLarge = false;
    bool dispatched = false;  // handed to a worker; the connection is suspended meanwhile
    HttpRequest request;
    RequestInfo info;
    HttpResponse response;  // set by the worker before it resumes the connection
};

MHD_Result collectHeader(void* cls, MHD_ValueKind, const char* key, const char* value)
{
    auto* headers = static_cast<QHash<QByteArray, QByteArray>*>(cls);
    if (key) headers->insert(QByteArray(key).toLower(), QByteArray(value ? value : ""));
    return MHD_YES;
}

void logRequest(const HttpRequest& request, int status, const Pending& pending, const RequestInfo& info)
{
    QJsonObject log{{"time", QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                    {"level", status >= 500   ? "error"
                              : status >= 400 ? "warning"
                                              : "info"},
                    {"method", QString::fromLatin1(request.method.left(16))},
                    {"path", QString::fromUtf8(request.path.left(200))},
                    {"status", status},
                    {"ms", static_cast<double>(pending.timer.nsecsElapsed()) / 1e6},
                    {"device", info.deviceId}};
    if (!info.error.isEmpty()) log.insert("error", info.error);
    logLine(QJsonDocument(log).toJson(QJsonDocument::Compact));
}

// Compresses an answer over 1 KiB for a client that accepts gzip (on the worker thread, not
// on a polling thread that serves other connections meanwhile).
void compress(const HttpRequest& request, HttpResponse& response)
{
    const bool acceptsGzip = request.headers.value("accept-encoding").contains("gzip");
    bool encoded = false;
    for (const auto& header : response.headers)
        if (header.first.toLower() == "content-encoding") encoded = true;  // "identity": keep as it is
    if (!encoded && acceptsGzip && response.body.size() > kGzipAbove) {
        response.body = sync::gzip(response.body, sync::kResponseGzipLevel);
        response.headers.append(qMakePair(QByteArray("content-encoding"), QByteArray("gzip")));
    }
}

// Queues `response` on `connection` (the one the request came on: MHD offers no other).
MHD_Result reply(MHD_Connection* connection, const HttpResponse& response, bool close)
{
    MHD_Response* out =
        MHD_create_response_from_buffer(static_cast<size_t>(response.body.size()),
                                        const_cast<char*>(response.body.constData()), MHD_RESPMEM_MUST_COPY);
    if (!out) return MHD_NO;
    for (const auto& [name, value] : response.headers)
        MHD_add_response_header(out, name.constData(), value.constData());
    if (close) MHD_add_response_header(out, MHD_HTTP_HEADER_CONNECTION, "close");
    const MHD_Result queued = MHD_queue_response(connection, static_cast<unsigned int>(response.status), out);
    MHD_destroy_response(out);
    return queued;
}

HttpResponse errorResponse(int status, const char* code, const std::string& message)
{
    HttpResponse r;
    r.status = status;
    r.body = sync::encode(sync::ErrorBody{code, message, 0});
    r.headers.append(qMakePair(QByteArray("content-type"), QByteArray("application/json")));
    return r;
}

// The request line, headers and client address, as soon as the headers are in (an upload cut
// short is handed over with them, see onCompleted).
void describe(MHD_Connection* connection, const char* url, const char* method, HttpRequest& request)
{
    request.method = method ? QByteArray(method) : QByteArray();
    request.path = url ? QByteArray(url) : QByteArray();
    MHD_get_connection_values(connection, MHD_HEADER_KIND, collectHeader, &request.headers);
    if (const MHD_ConnectionInfo* client =
            MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        client && client->client_addr) {
        char text[INET6_ADDRSTRLEN] = {};
        const sockaddr* address = client->client_addr;
        if (address->sa_family == AF_INET)
            inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, text, sizeof text);
        else if (address->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, text,
                      sizeof text);
        request.peer = QByteArray(text);
    }
}

MHD_Result onRequest(void* cls, MHD_Connection* connection, const char* url, const char* method, const char*,
                     const char* uploadData, size_t* uploadSize, void** requestSlot)
{
    auto* state = static_cast<HttpFrontend::State*>(cls);
    auto* pending = static_cast<Pending*>(*requestSlot);
    if (!pending) {
        // The headers are in: start the request. A body announced larger than the limit is
        // refused now, before a byte of it is read (the connection then closes).
        pending = new Pending;
        pending->timer.start();
        *requestSlot = pending;
        describe(connection, url, method, pending->request);
        const char* length =
            MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (length) {
            bool ok = false;
            const qlonglong bytes = QByteArray(length).trimmed().toLongLong(&ok);
            if (ok && bytes > sync::kMaxBodyBytes) pending->tooLarge = true;
        }
        if (!pending->tooLarge) return MHD_YES;
        // MHD skips the unread body of a POST or PUT once a reply is queued; any other method
        // would have it read and thrown away first: drop that connection instead.
        const QByteArray verb = method ? QByteArray(method) : QByteArray();
        if (verb != "POST" && verb != "PUT") return MHD_NO;
    } else if (*uploadSize > 0) {
        // Body bytes. Past the limit (a chunked body announces no length) the connection is
        // dropped: no reply can be queued while a body is still arriving, and reading the
        // rest only to throw it away would let a client keep the server busy for ever.
        if (pending->body.size() + static_cast<qsizetype>(*uploadSize) > sync::kMaxBodyBytes) {
            pending->tooLarge = true;  // not a cut upload: nothing of it is kept
            return MHD_NO;
        }
        pending->body.append(uploadData, static_cast<qsizetype>(*uploadSize));
        *uploadSize = 0;
        return MHD_YES;
    }

    if (pending->dispatched) {
        // Resumed: the worker has answered. Queue the reply on this connection — the one the
        // request came on; a client gone meanwhile just makes the write fail.
        logRequest(pending->request, pending->response.status, *pending, pending->info);
        return reply(connection, pending->response, false);
    }
    HttpRequest& request = pending->request;
    if (pending->tooLarge) {
        pending->info.error = QStringLiteral("too_large");
        const HttpResponse refused = errorResponse(413, "too_large", "the body is larger than 8 MiB");
        logRequest(request, refused.status, *pending, pending->info);
        return reply(connection, refused, true);
    }
    request.body = std::move(pending->body);
    {
        std::lock_guard lock(state->mutex);
        if (state->stopping) {
            // Shutting down: no new work, and no connection may stay suspended.
            pending->info.error = QStringLiteral("busy");
            HttpResponse busy = errorResponse(429, "busy", "the server is restarting; try again shortly");
            busy.headers.append(qMakePair(QByteArray("retry-after"), QByteArray("1")));
            logRequest(request, busy.status, *pending, pending->info);
            return reply(connection, busy, true);
        }
        ++state->suspended;
    }
    // The connection waits (suspended: MHD keeps it, and this Pending, alive until it is
    // resumed) while a worker runs the request.
    pending->dispatched = true;
    MHD_suspend_connection(connection);
    state->workers.start([state, connection, pending] {
        pending->response = state->service.handle(pending->request, &pending->info);
        compress(pending->request, pending->response);
        MHD_resume_connection(connection);
        std::lock_guard lock(state->mutex);
        --state->suspended;
        state->resumed.notify_all();
    });
    return MHD_YES;
}

// The end of a request, whatever ended it. An upload of attachments whose client hung up
// mid-body still hands what arrived to the service, which keeps those bytes: the next attempt
// resumes from there instead of sending them again (docs/sync-protocol.md, "Attachments").
void onCompleted(void* cls, MHD_Connection*, void** requestSlot, MHD_RequestTerminationCode code)
{
    auto* state = static_cast<HttpFrontend::State*>(cls);
    auto* pending = static_cast<Pending*>(*requestSlot);
    *requestSlot = nullptr;
    if (!pending) return;
    QByteArray path = pending->request.path;
    if (const qsizetype q = path.indexOf('?'); q >= 0) path.truncate(q);
    // Only an upload that says whose it is (the service checks the token), and only a few at
    // once: each holds up to 8 MiB until a worker has stored it, and its connection is gone.
    const bool cutUpload = code != MHD_REQUEST_TERMINATED_COMPLETED_OK && !pending->dispatched &&
                           !pending->tooLarge && pending->request.method == "POST" &&
                           path == "/v1/blobs/upload" && !pending->body.isEmpty() &&
                           pending->request.headers.value("authorization").startsWith("Bearer ");
    if (cutUpload) {
        std::lock_guard lock(state->mutex);
        if (!state->stopping && state->cutUploads < kMaxCutUploads) {
            ++state->cutUploads;
            auto request = std::make_shared<HttpRequest>(std::move(pending->request));
            request->body = std::move(pending->body);
            request->cut = true;
            state->workers.start([state, request] {
                RequestInfo info;
                Pending log;
                log.timer.start();
                const HttpResponse response = state->service.handle(*request, &info);
                info.error =
                    info.error.isEmpty() ? QStringLiteral("cut") : info.error + QStringLiteral(" (cut)");
                logRequest(*request, response.status, log, info);
                std::lock_guard done(state->mutex);
                --state->cutUploads;
            });
        }
    }
    delete pending;
}

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

bool holdsPem(const QByteArray& pem, const char* what)
{
    return pem.contains(QByteArray("-----BEGIN ") + what);
}

}  // namespace

HttpFrontend::HttpFrontend(SyncService& service, HttpLimits limits)
    : state_(std::make_unique<State>(service, limits))
{
    if (state_->limits.threads <= 0) state_->limits.threads = std::max(16, 4 * QThread::idealThreadCount());
    state_->workers.setMaxThreadCount(state_->limits.threads);
    state_->workers.setExpiryTimeout(-1);
}

HttpFrontend::~HttpFrontend()
{
    if (!state_->daemon) return;
    // No new work and no new connections; the requests under way finish and resume their
    // connections; then the daemon closes everything, and the listening socket (which
    // quiescing hands back to the caller) is closed.
    {
        std::lock_guard lock(state_->mutex);
        state_->stopping = true;
    }
    const MHD_socket listening = MHD_quiesce_daemon(state_->daemon);
    {
        std::unique_lock lock(state_->mutex);
        state_->resumed.wait(lock, [&] { return state_->suspended == 0; });
    }
    state_->workers.waitForDone();
    MHD_stop_daemon(state_->daemon);
    if (listening != MHD_INVALID_SOCKET) ::close(listening);
}

bool HttpFrontend::tls() const
{
    return !state_->certPem.isEmpty();
}

Result<void> HttpFrontend::useTls(const QString& certFile, const QString& keyFile)
{
    QFile cert(certFile);
    QFile key(keyFile);
    if (!cert.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound, "cannot read " + certFile.toStdString());
    if (!key.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound, "cannot read " + keyFile.toStdString());
    const QByteArray certPem = cert.readAll();
    const QByteArray keyPem = key.readAll();
    if (!holdsPem(certPem, "CERTIFICATE"))
        return makeError(ErrorCode::BadFormat, certFile.toStdString() + " holds no PEM certificate");
    if (!holdsPem(keyPem, "PRIVATE KEY") && !holdsPem(keyPem, "RSA PRIVATE KEY") &&
        !holdsPem(keyPem, "EC PRIVATE KEY"))
        return makeError(ErrorCode::BadFormat, keyFile.toStdString() + " holds no PEM RSA or EC key");
    // A mismatched pair would fail every handshake: refuse at start instead.
    if (!keyMatchesCertificate(certPem, keyPem))
        return makeError(ErrorCode::Conflict, keyFile.toStdString() +
                                                  " is not the key of the certificate in " +
                                                  certFile.toStdString());
    if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
        return makeError(ErrorCode::Storage, "this libmicrohttpd was built without TLS");
    state_->certPem = certPem;
    state_->keyPem = keyPem;
    // MHD reads them as C strings.
    state_->certPem.append('\0');
    state_->keyPem.append('\0');
    return {};
}

Result<quint16> HttpFrontend::listen(const QHostAddress& address, quint16 port)
{
    if (state_->daemon) return makeError(ErrorCode::Conflict, "already listening");
    sockaddr_in v4{};
    sockaddr_in6 v6{};
    const sockaddr* bindAddress = nullptr;
    unsigned int flags =
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        v6.sin6_family = AF_INET6;
        v6.sin6_port = htons(port);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&v6.sin6_addr, &bytes, sizeof bytes);
        bindAddress = reinterpret_cast<const sockaddr*>(&v6);
        flags |= MHD_USE_IPv6;
    } else {
        v4.sin_family = AF_INET;
        v4.sin_port = htons(port);
        v4.sin_addr.s_addr = htonl(address.toIPv4Address());
        bindAddress = reinterpret_cast<const sockaddr*>(&v4);
    }
    if (tls()) flags |= MHD_USE_TLS;
    const HttpLimits& l = state_->limits;
    MHD_OptionItem options[] = {
        {MHD_OPTION_SOCK_ADDR, 0, const_cast<sockaddr*>(bindAddress)},
        // Polling threads only move bytes; requests run on the workers.
        {MHD_OPTION_THREAD_POOL_SIZE, std::max(2, QThread::idealThreadCount()), nullptr},
        {MHD_OPTION_CONNECTION_TIMEOUT, l.idleTimeoutS, nullptr},
        {MHD_OPTION_CONNECTION_LIMIT, l.maxConnections, nullptr},
        {MHD_OPTION_PER_IP_CONNECTION_LIMIT, l.maxPerAddress, nullptr},
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, static_cast<intptr_t>(l.maxHeaderBytes), nullptr},
        {MHD_OPTION_NOTIFY_COMPLETED, reinterpret_cast<intptr_t>(&onCompleted), state_.get()},
        {tls() ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, tls() ? state_->certPem.data() : nullptr},
        {tls() ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0, tls() ? state_->keyPem.data() : nullptr},
        {MHD_OPTION_END, 0, nullptr},
    };
    state_->daemon = MHD_start_daemon(flags, port, nullptr, nullptr, &onRequest, state_.get(),
                                      MHD_OPTION_ARRAY, options, MHD_OPTION_END);
    if (!state_->daemon)
        return makeError(ErrorCode::Storage,
                         "cannot listen on " + address.toString().toStdString() + ":" + std::to_string(port));
    const MHD_DaemonInfo* info = MHD_get_daemon_info(state_->daemon, MHD_DAEMON_INFO_BIND_PORT);
    return static_cast<quint16>(info ? info->port : port);
}

}  // namespace fb::server
