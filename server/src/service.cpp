// The sync protocol's request handling; see service.h and docs/sync-protocol.md.
#include "fieldbook/server/service.h"

#include <array>
#include <cstdio>
#include <mutex>
#include <set>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

#include "fieldbook/core/hlc.h"
#include "fieldbook/core/id.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/core/sha256.h"
#include "fieldbook/server/auth.h"
#include "fieldbook/server/blobs.h"
#include "fieldbook/server/rules.h"
#include "fieldbook/server/store.h"
#include "fieldbook/sync/protocol.h"

namespace fb::server {

Result<std::unique_ptr<ServerStore>> openServerStore(const QString& dataDirOrEmpty,
                                                     const QString& databaseUrlOrEmpty)
{
    return ServerStore::open(dataDirOrEmpty, databaseUrlOrEmpty);
}

void logLine(const QByteArray& jsonObject)
{
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    std::fwrite(jsonObject.constData(), 1, static_cast<std::size_t>(jsonObject.size()), stderr);
    std::fputc('\n', stderr);
    std::fflush(stderr);
}

namespace {

// A pull page ends after the record that takes its records' JSON past this size.
constexpr qsizetype kMaxPageBytes = qsizetype{4} * 1024 * 1024;

// A JSON string literal, as the core writes it.
QByteArray jsonString(std::string_view s)
{
    return QByteArray::fromStdString(fb::jsonString(s));
}

// A stamp more than this far ahead of the server clock comes from a phone with a wrong clock.
constexpr std::int64_t kClampToleranceMs = 60'000;

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// An answer other than 200, carried out of the handlers (no exceptions for expected cases).
struct Failure {
    int status = 400;
    std::string error;
    std::string message;
    std::int64_t expected = 0;
    std::int64_t retryAfterS = 1;  // for 429
};

// Sign-in back-off: after this many failures within the window, a login (or a client
// address) waits 1 s, then twice as long after each further failure, up to the cap. The same
// for a login that exists and one that does not, so neither the answer nor its timing tells
// them apart. A client address gets more room: reps share carrier NATs and office networks.
constexpr std::int64_t kFailureWindowMs = std::int64_t{15} * 60'000;
constexpr std::int64_t kFreeLoginFailures = 5;
constexpr std::int64_t kFreeAddressFailures = 30;
constexpr std::int64_t kMaxBlockMs = std::int64_t{15} * 60'000;

HttpResponse jsonResponse(int status, QByteArray body)
{
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers.append(qMakePair(QByteArray("content-type"), QByteArray("application/json")));
    return r;
}

HttpResponse failureResponse(const Failure& f, RequestInfo* info)
{
    if (info) info->error = QString::fromStdString(f.error);
    HttpResponse r = jsonResponse(f.status, sync::encode(sync::ErrorBody{f.error, f.message, f.expected}));
    if (f.status == 429)
        r.headers.append(qMakePair(QByteArray("retry-after"),
                                   QByteArray::number(std::max<std::int64_t>(1, f.retryAfterS))));
    return r;
}

// What identifies a pushed change besides its seq: a device never stamps two writes alike.
// Stored as its SHA-256 (hex), so a change with an absurdly long id or stamp (rejected, but
// still answered and remembered) stores 64 bytes. Rows written before stored the key itself.
std::string changeKey(const sync::Change& c)
{
    return toHex(sha256(c.entity + "/" + c.id + "/" + c.hlc));
}
bool sameChange(const std::string& stored, const sync::Change& c)
{
    return stored == changeKey(c) || stored == c.entity + "/" + c.id + "/" + c.hlc;
}

Failure badRequest(std::string message)
{
    return Failure{400, "bad_request", std::move(message)};
}

// A decoder error: too many changes is 413, anything else names the bad member.
Failure decodeFailure(const Error& e)
{
    if (e.code == ErrorCode::TooLong) return Failure{413, "too_large", e.message};
    return badRequest(e.message);
}

struct Caller {
    DeviceRow device;
    UserRow user;
    bool previousToken = false;  // authenticated by the token a renewal replaced
    Viewer viewer() const { return Viewer{user.id, user.role, user.teamId}; }
};

template <typename T> using Outcome = std::variant<T, Failure>;

// The body {"device_id": …} of the small endpoints (digest, ack-revocation, sign-out, renew):
// a 400 unless it names the caller's own device.
std::optional<Failure> wrongDevice(const Caller& caller, const QByteArray& body)
{
    const QJsonValue device = QJsonDocument::fromJson(body).object().value(QLatin1String("device_id"));
    if (!device.isString()) return badRequest("missing member 'device_id'");
    if (device.toString() != caller.device.id)
        return badRequest("member 'device_id' is not the device of this token");
    return std::nullopt;
}

class RequestHandler {
public:
    RequestHandler(ServerStore& store, const Clock& clock, const ServiceOptions& options, RequestInfo* info)
        : store_(store), clock_(clock), options_(options), info_(info)
    {}

    HttpResponse handle(const HttpRequest& request);

private:
    Outcome<Caller> authenticate(const HttpRequest& request, bool allowRevoked);
    Outcome<HttpResponse> signIn(const QByteArray& body, const QByteArray& peer);
    // Sign-in back-off (see kFreeLoginFailures): how long `key` must still wait, in ms (0: not
    // blocked), and a failure counted against it.
    std::int64_t blockedMs(const QString& key);
    void countFailure(const QString& key, std::int64_t freeFailures);
    Outcome<HttpResponse> push(const Caller& caller, const QByteArray& body);
    Outcome<HttpResponse> pull(const Caller& caller, const QByteArray& body);
    Outcome<HttpResponse> ackRevocation(const Caller& caller, const QByteArray& body);
    // The scope digest alone (for fieldbook-tool check): what the last pull page carries.
    Outcome<HttpResponse> digest(const Caller& caller, const QByteArray& body);
    ScopeDigest digestFor(QSqlDatabase& db, const Viewer& viewer);
    // The users whose records `viewer` receives, by name (sync schema 7: a pull's `team`).
    static std::vector<sync::TeamEntry> teamOf(QSqlDatabase& db, const Viewer& viewer);
    Outcome<HttpResponse> signOut(const Caller& caller, const QByteArray& body);
    Outcome<HttpResponse> renew(const Caller& caller, const QByteArray& body);
    // Attachments (blobs.h): what the server holds of some blobs, an upload, and one blob's bytes.
    Outcome<HttpResponse> blobStatusOf(const QByteArray& body);
    Outcome<HttpResponse> uploadBlobs(const HttpRequest& request);
    HttpResponse fetchBlob(const Caller& caller, const std::string& digest, const HttpRequest& request);
    sync::ChangeResult applyChange(WriteTransaction& tx, const Caller& caller, const sync::Change& change);
    // Rejected outcomes carry what the device reverts to: the record's current state when it
    // exists in the caller's scope, else null (read fresh for replayed outcomes too, never
    // stored with them, so a replay cannot send back a stale state).
    void attachCurrent(WriteTransaction& tx, const Caller& caller, const std::vector<sync::Change>& changes,
                       std::vector<sync::ChangeResult>& results);
    // Fields (and stamps) an older device does not declare are left out of what it gets.
    bool deviceKnows(const schema::Entity& e) const { return e.since <= schemaVersion_; }
    void filterForDevice(const schema::Entity& e, RecordState& state) const;

    ServerStore& store_;
    const Clock& clock_;
    const ServiceOptions& options_;
    RequestInfo* info_;
    int schemaVersion_ = 0;
    std::int64_t pushCursor_ = 0;  // the pull cursor the pushing device holds (0: unknown)
};

HttpResponse RequestHandler::handle(const HttpRequest& request)
{
    QByteArray path = request.path;
    if (const qsizetype q = path.indexOf('?'); q >= 0) path.truncate(q);

    if (path == "/v1/health") {
        if (request.method != "GET") return failureResponse({404, "not_found", "use GET /v1/health"}, info_);
        QJsonObject o{{"status", "ok"},
                      {"protocol", sync::kProtocolVersion},
                      {"schema", QJsonArray{schema::currentVersion() - 1, schema::currentVersion()}},
                      {"database", QString::fromLatin1(store_.backendName())}};
        return jsonResponse(200, QJsonDocument(o).toJson(QJsonDocument::Compact));
    }
    if (path == "/v1/schema") {
        if (request.method != "GET") return failureResponse({404, "not_found", "use GET /v1/schema"}, info_);
        return jsonResponse(200, sync::describeSchema());
    }
    static const std::set<QByteArray> endpoints = {
        "/v1/auth/sign-in", "/v1/auth/sign-out",       "/v1/auth/renew",  "/v1/sync/push",
        "/v1/sync/pull",    "/v1/sync/ack-revocation", "/v1/sync/digest", "/v1/blobs/status"};
    // The bytes of attachments: a binary upload, and a GET of one blob by its digest.
    const bool blobUpload = path == "/v1/blobs/upload" && request.method == "POST";
    const bool blobFetch = path.startsWith("/v1/blobs/") && request.method == "GET" &&
                           sync::isBlobDigest(path.mid(10).toStdString());
    if (request.cut && !blobUpload) return failureResponse(badRequest("the body was cut short"), info_);
    if (!blobUpload && !blobFetch && (!endpoints.count(path) || request.method != "POST"))
        return failureResponse(
            {404, "not_found",
             "no endpoint " + request.method.toStdString() + " " + path.left(200).toStdString()},
            info_);

    if (request.body.size() > sync::kMaxBodyBytes)
        return failureResponse({413, "too_large", "the body is larger than 8 MiB"}, info_);
    if (request.headers.value("x-fieldbook-protocol").trimmed() != QByteArray::number(sync::kProtocolVersion))
        return failureResponse(
            {400, "unsupported_protocol",
             "this server speaks X-Fieldbook-Protocol: " + std::to_string(sync::kProtocolVersion)},
            info_);
    bool numeric = false;
    const int schemaVersion = request.headers.value("x-fieldbook-schema").trimmed().toInt(&numeric);
    if (!numeric || schemaVersion < schema::currentVersion() - 1 || schemaVersion > schema::currentVersion())
        return failureResponse({400, "unsupported_schema",
                                "this server accepts X-Fieldbook-Schema " +
                                    std::to_string(schema::currentVersion() - 1) + " or " +
                                    std::to_string(schema::currentVersion())},
                               info_);
    schemaVersion_ = schemaVersion;

    // Authenticate before looking at the body: nobody unknown makes the server parse JSON.
    std::optional<Caller> caller;
    if (path != "/v1/auth/sign-in") {
        auto authed = authenticate(request, path == "/v1/sync/ack-revocation");
        if (auto* f = std::get_if<Failure>(&authed)) return failureResponse(*f, info_);
        caller = std::get<Caller>(std::move(authed));
    }
    if (blobFetch) return fetchBlob(*caller, path.mid(10).toStdString(), request);
    if (blobUpload) {
        auto out = uploadBlobs(request);
        if (auto* f = std::get_if<Failure>(&out)) return failureResponse(*f, info_);
        return std::get<HttpResponse>(std::move(out));
    }

    QByteArray body = request.body;
    const QByteArray encoding = request.headers.value("content-encoding").trimmed().toLower();
    if (encoding == "gzip") {
        auto plain = sync::gunzip(body, sync::kMaxBodyBytes);
        if (!plain) {
            if (plain.error().code == ErrorCode::TooLong)
                return failureResponse(
                    {413, "too_large", "the body is larger than 8 MiB after decompression"}, info_);
            return failureResponse({400, "bad_json", plain.error().message}, info_);
        }
        body = std::move(*plain);
    } else if (!encoding.isEmpty() && encoding != "identity") {
        return failureResponse(badRequest("unsupported Content-Encoding; use gzip"), info_);
    }
    {
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString decoded = utf8.decode(body);
        if (utf8.hasError()) return failureResponse({400, "bad_json", "the body is not valid UTF-8"}, info_);
    }
    if (auto strict = sync::checkJsonText(body); !strict)
        return failureResponse({400, "bad_json", "the body is not valid JSON: " + strict.error().message},
                               info_);
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failureResponse(
            {400, "bad_json", "the body is not valid JSON: " + parseError.errorString().toStdString()},
            info_);
    if (!doc.isObject()) return failureResponse({400, "bad_json", "the body must be a JSON object"}, info_);

    Outcome<HttpResponse> out = Failure{};
    if (path == "/v1/auth/sign-in")
        out = signIn(body, request.peer);
    else if (path == "/v1/sync/push")
        out = push(*caller, body);
    else if (path == "/v1/sync/pull")
        out = pull(*caller, body);
    else if (path == "/v1/auth/sign-out")
        out = signOut(*caller, body);
    else if (path == "/v1/sync/digest")
        out = digest(*caller, body);
    else if (path == "/v1/auth/renew")
        out = renew(*caller, body);
    else if (path == "/v1/blobs/status")
        out = blobStatusOf(body);
    else
        out = ackRevocation(*caller, body);
    if (auto* f = std::get_if<Failure>(&out)) return failureResponse(*f, info_);
    return std::get<HttpResponse>(std::move(out));
}

Outcome<HttpResponse> RequestHandler::blobStatusOf(const QByteArray& body)
{
    auto asked = sync::decodeBlobStatusRequest(body);
    if (!asked) return decodeFailure(asked.error());
    return jsonResponse(200, sync::encodeBlobStates(blobStatus(store_, *asked)));
}

Outcome<HttpResponse> RequestHandler::uploadBlobs(const HttpRequest& request)
{
    const QByteArray encoding = request.headers.value("content-encoding").trimmed().toLower();
    if (!encoding.isEmpty() && encoding != "identity")
        return badRequest("an upload of attachments is sent as it is (pictures do not compress)");
    auto parts = sync::decodeBlobParts(request.body, request.cut);
    if (!parts) return decodeFailure(parts.error());
    const auto states = receiveBlobParts(store_, *parts, clock_.nowMs());
    return jsonResponse(200, sync::encodeBlobStates(states));
}

HttpResponse RequestHandler::fetchBlob(const Caller& caller, const std::string& digest,
                                       const HttpRequest& request)
{
    // "Range: bytes=N-" resumes a download; any other range is answered whole.
    std::int64_t offset = 0;
    bool ranged = false;
    const QByteArray range = request.headers.value("range").trimmed();
    if (range.startsWith("bytes=") && range.endsWith('-')) {
        bool ok = false;
        const qlonglong from = range.mid(6, range.size() - 7).toLongLong(&ok);
        if (ok && from >= 0) {
            offset = from;
            ranged = true;
        }
    }
    const auto read = readBlob(store_, caller.viewer(), digest, offset);
    if (const auto* error = std::get_if<BlobReadError>(&read)) {
        if (*error == BlobReadError::NotComplete)
            return failureResponse(
                {404, "not_uploaded", "the device that made it has not uploaded it all yet"}, info_);
        return failureResponse({404, "not_found", "no attachment with that digest in this device's scope"},
                               info_);
    }
    const auto& blob = std::get<BlobBytes>(read);
    if (offset >= blob.size)
        return failureResponse(
            {416, "bad_range", "the attachment has " + std::to_string(blob.size) + " bytes"}, info_);
    HttpResponse r;
    r.status = ranged ? 206 : 200;
    r.body = blob.bytes;
    r.headers.append(qMakePair(QByteArray("content-type"), QByteArray("application/octet-stream")));
    // The digest names one content for ever: a cache may keep it.
    r.headers.append(
        qMakePair(QByteArray("cache-control"), QByteArray("private, max-age=31536000, immutable")));
    if (ranged)
        r.headers.append(qMakePair(QByteArray("content-range"), "bytes " + QByteArray::number(offset) + '-' +
                                                                    QByteArray::number(blob.size - 1) + '/' +
                                                                    QByteArray::number(blob.size)));
    // Sent as it is: pictures do not compress (see compress() in http.cpp).
    r.headers.append(qMakePair(QByteArray("content-encoding"), QByteArray("identity")));
    return r;
}

Outcome<Caller> RequestHandler::authenticate(const HttpRequest& request, bool allowRevoked)
{
    const QByteArray header = request.headers.value("authorization").trimmed();
    if (!header.startsWith("Bearer "))
        return Failure{401, "unauthenticated", "missing Authorization: Bearer <token>"};
    const QByteArray token = header.mid(7).trimmed();
    QSqlDatabase db = store_.connection();
    const QString hash = tokenHash(token);
    auto device = store_.deviceByTokenHash(db, hash);
    if (!device) return Failure{401, "unauthenticated", "unknown token; sign in again"};
    if (info_) info_->deviceId = device->id;
    // Revocation first and whatever the token's age: a revoked device must learn to wipe.
    if (device->revoked && !allowRevoked)
        return Failure{403, "device_revoked",
                       "this device was revoked by an administrator; its data must be wiped"};
    const bool previous = device->tokenHash != hash;
    const std::int64_t expires = previous ? device->prevTokenExpiresMs : device->tokenExpiresMs;
    if (expires != 0 && clock_.nowMs() >= expires)
        return Failure{401, "token_expired", "the token expired; sign in again"};
    auto user = store_.userById(db, device->userId);
    if (!user) return Failure{401, "unauthenticated", "the token's user no longer exists"};
    if (!previous && !device->prevTokenHash.isEmpty()) {
        // The renewed token is in use, so its reply arrived: the one it replaced retires.
        runSql(db,
               QStringLiteral("UPDATE devices SET prev_token_hash = NULL, prev_token_expires_ms = 0"
                              " WHERE id = ? AND token_hash = ?"),
               {device->id, hash});
        device->prevTokenHash.clear();
        device->prevTokenExpiresMs = 0;
    }
    return Caller{*device, *user, previous};
}

std::int64_t RequestHandler::blockedMs(const QString& key)
{
    QSqlDatabase db = store_.connection();
    QSqlQuery& q =
        store_.exec(db, QStringLiteral("SELECT blocked_until_ms FROM signin_failures WHERE key = ?"), {key});
    const std::int64_t until = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return std::max<std::int64_t>(0, until - clock_.nowMs());
}

void RequestHandler::countFailure(const QString& key, std::int64_t freeFailures)
{
    const std::int64_t now = clock_.nowMs();
    WriteTransaction tx(store_);
    QSqlQuery& q = store_.exec(
        tx.db(), QStringLiteral("SELECT failures, window_start_ms FROM signin_failures WHERE key = ?"),
        {key});
    std::int64_t failures = 0;
    std::int64_t windowStart = now;
    if (q.next() && now - q.value(1).toLongLong() < kFailureWindowMs) {
        failures = q.value(0).toLongLong();
        windowStart = q.value(1).toLongLong();
    }
    q.finish();
    ++failures;
    std::int64_t blockedUntil = 0;
    if (failures >= freeFailures) {
        const std::int64_t doublings = std::min<std::int64_t>(failures - freeFailures, 20);
        blockedUntil = now + std::min<std::int64_t>(1000LL << doublings, kMaxBlockMs);
    }
    runSql(tx.db(),
           QStringLiteral(
               "INSERT INTO signin_failures (key, failures, window_start_ms, blocked_until_ms) VALUES (?, ?, "
               "?, ?)"
               " ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,"
               " window_start_ms = excluded.window_start_ms, blocked_until_ms = excluded.blocked_until_ms"),
           {key, QVariant::fromValue<qlonglong>(failures), QVariant::fromValue<qlonglong>(windowStart),
            QVariant::fromValue<qlonglong>(blockedUntil)});
    tx.commit();
}

Outcome<HttpResponse> RequestHandler::signIn(const QByteArray& body, const QByteArray& peer)
{
    auto request = sync::decodeSignInRequest(body);
    if (!request) return decodeFailure(request.error());
    if (!isUuid(request->deviceId)) return badRequest("member 'device_id' must be a lower-case UUID");
    if (request->login.empty() || request->login.size() > 200)
        return badRequest("member 'login' must not be empty");
    // Back-off before any password is checked: a blocked login or address costs no hashing,
    // and the answer is the same whether the login exists or not.
    const QString loginKey = QStringLiteral("login:") + qs(request->login).toLower();
    const QString addressKey =
        peer.isEmpty() ? QString() : QStringLiteral("address:") + QString::fromLatin1(peer);
    const std::int64_t wait = std::max(blockedMs(loginKey), addressKey.isEmpty() ? 0 : blockedMs(addressKey));
    if (wait > 0)
        return Failure{429, "too_many_attempts",
                       "too many failed sign-ins; try again in " + std::to_string((wait + 999) / 1000) + " s",
                       0, (wait + 999) / 1000};
    QSqlDatabase db = store_.connection();
    const auto user = store_.userByLogin(db, qs(request->login));
    if (!verifyPassword(qs(request->password), user ? user->passwordHash : QByteArray()) || !user) {
        countFailure(loginKey, kFreeLoginFailures);
        if (!addressKey.isEmpty()) countFailure(addressKey, kFreeAddressFailures);
        return Failure{401, "bad_credentials", "wrong login or password"};
    }

    const QString deviceId = qs(request->deviceId);
    const QString deviceName = qs(request->deviceName).left(100);
    const QByteArray token = newDeviceToken();
    const std::int64_t now = clock_.nowMs();
    WriteTransaction tx(store_);
    auto existing = store_.deviceForWrite(tx, deviceId);
    if (existing && existing->revoked)
        return Failure{403, "device_revoked",
                       "this device was revoked by an administrator; its data must be wiped"};
    // A device id belongs to the user who registered it. Ids are not secret (every stamp a
    // device pushes carries its id), so taking one over would let anyone end its owner's
    // session and write under its sequence. Another user on the same phone signs in with a
    // new device id (the app does so on this answer).
    const auto taken = Failure{409, "device_taken",
                               "this device id is registered to another user; sign in with a new device id"};
    if (existing && existing->userId != user->id) return taken;
    // One upsert: two sign-ins of a new device at once must not both try to insert it, and
    // one of two users racing for a new id must lose.
    QSqlQuery upsert = runSql(
        tx.db(),
        QStringLiteral("INSERT INTO devices (id, user_id, name, token_hash, revoked, last_seq, pulled_seq,"
                       " last_seen_ms, last_sync_ms, wiped_ms, token_expires_ms, prev_token_hash,"
                       " prev_token_expires_ms) VALUES (?, ?, ?, ?, 0, 0, 0, ?, 0, 0, ?, NULL, 0)"
                       " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
                       " token_hash = excluded.token_hash, last_seen_ms = excluded.last_seen_ms,"
                       " token_expires_ms = excluded.token_expires_ms, prev_token_hash = NULL,"
                       " prev_token_expires_ms = 0"
                       " WHERE devices.user_id = excluded.user_id"),
        {deviceId, user->id, deviceName, tokenHash(token), QVariant::fromValue<qlonglong>(now),
         QVariant::fromValue<qlonglong>(now + options_.tokenLifetimeMs)});
    if (upsert.numRowsAffected() != 1) return taken;
    // A successful sign-in clears the login's failures (not the address's: others share it).
    runSql(tx.db(), QStringLiteral("DELETE FROM signin_failures WHERE key = ?"), {loginKey});
    tx.commit();
    if (info_) info_->deviceId = deviceId;
    sync::SignInResponse response{token.toStdString(),
                                  {user->id.toStdString(), user->login.toStdString(),
                                   user->displayName.toStdString(), user->role.toStdString(),
                                   store_.teamName(db, user->teamId).toStdString()},
                                  now,
                                  existing ? existing->lastSeq : 0,
                                  options_.tokenLifetimeMs};
    return jsonResponse(200, sync::encode(response));
}

Outcome<HttpResponse> RequestHandler::push(const Caller& caller, const QByteArray& body)
{
    auto request = sync::decodePushRequest(body);
    if (!request) return decodeFailure(request.error());
    if (qs(request->deviceId) != caller.device.id)
        return badRequest("member 'device_id' is not the device of this token");
    for (std::size_t i = 0; i < request->changes.size(); ++i) {
        const sync::Change& c = request->changes[i];
        const std::string where = "changes[" + std::to_string(i) + "]";
        if (c.seq < 1) return badRequest(where + ": seq must be at least 1");
        if (i > 0 && c.seq != request->changes[i - 1].seq + 1)
            return badRequest(where + ": changes must be sorted by seq with no gaps");
    }

    if (!request->cursor.empty()) {
        bool ok = false;
        pushCursor_ = QByteArray::fromStdString(request->cursor).toLongLong(&ok);
        if (!ok || pushCursor_ < 0 || request->cursor.find_first_not_of("0123456789") != std::string::npos)
            return badRequest("member 'cursor' is not a cursor this server issued");
    }

    WriteTransaction tx(store_);
    if (pushCursor_ > 0) {
        // A cursor beyond what is committed (a server restored from a backup) proves nothing
        // about what the device holds: no echo suppression for this push.
        QSqlQuery& q = store_.exec(tx.db(), QStringLiteral("SELECT value FROM meta WHERE key = ?"),
                                   {QStringLiteral("next_seq")});
        if (q.next() && pushCursor_ > q.value(0).toLongLong() - 1) pushCursor_ = 0;
        q.finish();
    }
    const auto device = store_.deviceForWrite(tx, caller.device.id);
    if (!device || device->revoked)
        return Failure{403, "device_revoked",
                       "this device was revoked by an administrator; its data must be wiped"};
    const std::int64_t lastSeq = device->lastSeq;

    sync::PushResponse response;
    response.lastSeq = lastSeq;
    std::size_t firstNew = 0;
    while (firstNew < request->changes.size() && request->changes[firstNew].seq <= lastSeq)
        ++firstNew;
    if (firstNew > 0) {
        // A retried batch: answer with the outcomes stored the first time, do nothing again.
        QSqlQuery q =
            runSql(tx.db(),
                   QStringLiteral("SELECT seq, result_json, change_key FROM push_results WHERE device_id = ?"
                                  " AND seq >= ? AND seq <= ? ORDER BY seq"),
                   {caller.device.id, QVariant::fromValue<qlonglong>(request->changes.front().seq),
                    QVariant::fromValue<qlonglong>(request->changes[firstNew - 1].seq)});
        std::map<std::int64_t, std::pair<sync::ChangeResult, std::string>> stored;
        while (q.next()) {
            auto decoded = sync::decodePushResponse(q.value(1).toByteArray());
            if (!decoded || decoded->results.size() != 1)
                throw StoreError("a stored push result is unreadable", false);
            stored.emplace(q.value(0).toLongLong(),
                           std::make_pair(decoded->results.front(), q.value(2).toString().toStdString()));
        }
        for (std::size_t i = 0; i < firstNew; ++i) {
            const sync::Change& change = request->changes[i];
            auto it = stored.find(change.seq);
            if (it == stored.end())
                throw StoreError("no stored outcome for seq " + std::to_string(change.seq), false);
            // The same seq with another change: the device reuses numbers it already spent
            // (its database was restored from an older backup). Answering the stored outcome
            // would drop the new change; the device renumbers its outbox from `expected`.
            if (!it->second.second.empty() && !sameChange(it->second.second, change))
                return Failure{409, "sequence_reused",
                               "change " + std::to_string(change.seq) +
                                   " is not the change this device sent with that number before; renumber the"
                                   " unacknowledged changes from " +
                                   std::to_string(lastSeq + 1),
                               lastSeq + 1};
            response.results.push_back(it->second.first);
        }
    }
    if (firstNew < request->changes.size()) {
        if (request->changes[firstNew].seq != lastSeq + 1)
            return Failure{409, "sequence_gap",
                           "the next change must have seq " + std::to_string(lastSeq + 1) + ", not " +
                               std::to_string(request->changes[firstNew].seq),
                           lastSeq + 1};
        for (std::size_t i = firstNew; i < request->changes.size(); ++i) {
            const sync::Change& change = request->changes[i];
            sync::ChangeResult result = applyChange(tx, caller, change);
            store_.exec(tx.db(),
                        QStringLiteral("INSERT INTO push_results (device_id, seq, result_json, change_key)"
                                       " VALUES (?, ?, ?, ?)"),
                        {caller.device.id, QVariant::fromValue<qlonglong>(change.seq),
                         QString::fromUtf8(sync::encode(sync::PushResponse{0, {result}, 0})),
                         QString::fromStdString(changeKey(change))});
            response.results.push_back(std::move(result));
        }
        response.lastSeq = request->changes.back().seq;
        const auto now = QVariant::fromValue<qlonglong>(clock_.nowMs());
        store_.exec(tx.db(),
                    QStringLiteral(
                        "UPDATE devices SET last_seq = ?, last_sync_ms = ?, last_seen_ms = ? WHERE id = ?"),
                    {QVariant::fromValue<qlonglong>(response.lastSeq), now, now, caller.device.id});
    }
    // Read in the same transaction as the writes, so the state sent is the one committed.
    attachCurrent(tx, caller, request->changes, response.results);
    if (firstNew < request->changes.size()) tx.commit();
    response.serverTimeMs = clock_.nowMs();
    return jsonResponse(200, sync::encode(response));
}

sync::ChangeResult RequestHandler::applyChange(WriteTransaction& tx, const Caller& caller,
                                               const sync::Change& change)
{
    sync::ChangeResult result;
    result.seq = change.seq;
    auto reject = [&](const char* code, std::string message) {
        result.outcome = "rejected";
        result.code = code;
        // Bounded: a message may quote what the device sent (a field name, a value).
        if (message.size() > 500) {
            std::size_t cut = 497;
            while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80)
                --cut;  // whole characters
            message = message.substr(0, cut) + "...";
        }
        result.message = std::move(message);
        result.clocks.clear();
        result.lost.clear();
        result.clamped = false;
        return result;
    };
    // A change the decoder could not read is rejected alone; the batch goes on (rule 4).
    if (!change.problem.empty()) return reject("validation", change.problem);
    const schema::Entity* e = schema::entity(change.entity);
    const bool creating = change.op == "create";
    const bool writeOnce =
        e->merge == schema::MergePolicy::AppendOnly || e->merge == schema::MergePolicy::Ledger;

    Fields clean;
    const std::vector<Error> errors = schema::validateRecord(*e, change.fields, creating, &clean);
    if (!errors.empty()) {
        std::string message;
        for (const Error& err : errors)
            message += (message.empty() ? "" : "; ") + err.message;
        return reject("validation", message);
    }
    // Values must arrive in the form the server stores (docs/sync-protocol.md, "Value
    // encoding"): stored in another form, the pushing device's copy would differ from
    // everyone else's for good, and the digest, which covers stamps only, could not see it.
    for (const auto& [name, value] : change.fields) {
        auto stored = clean.find(name);
        if (stored != clean.end() && !(stored->second == value))
            return reject("validation",
                          "field '" + name + "' is not in canonical form: send " +
                              (isNull(stored->second) ? std::string("null")
                                                      : "\"" + valueToString(stored->second) + "\""));
    }
    // A change is stamped by the device that made it; a stamp naming another device could
    // claim another phone's place in every tie, and its device part is otherwise unbounded.
    if (HlcStamp::parse(change.hlc)->deviceId != caller.device.id.toStdString())
        return reject("validation", "hlc must end with this device's id " + caller.device.id.toStdString());

    const std::optional<StoredRecord> existing = store_.recordForWrite(tx, change.entity, change.id);
    if (!creating && !existing) return reject("not_found", "there is no " + change.entity + " " + change.id);

    // The scope the record belongs to decides who may write it: its account's owner (and
    // their managers), or the user who owns it; reference data only the server writes.
    const Viewer viewer = caller.viewer();
    if (e->scope == schema::ScopeKind::Global)
        return reject("read_only", change.entity + " is reference data: it is changed on the server only");
    std::string accountId;  // the record's scope key
    bool newAccount = false;
    QString newOwner;  // a new owned record: the user its key maps to
    if (e->scope == schema::ScopeKind::AccountRoot) {
        accountId = change.id;
        newAccount = !existing;
    } else if (e->scope == schema::ScopeKind::AccountChild || e->scope == schema::ScopeKind::Owner) {
        if (existing) {
            // Out of scope before anything else is said about a record the user does not see
            // (that it exists, who owns it, that it is write-once).
            accountId = existing->accountId;
            auto owner = tx.ownerOf(accountId);
            if (!owner || !store_.ownerInScope(tx.db(), viewer, *owner))
                return reject("out_of_scope", e->scope == schema::ScopeKind::Owner
                                                  ? change.entity + " of another user"
                                                  : "account " + accountId + " is not assigned to you");
        }
        auto key = ServerStore::scopeKeyOf(*e, change.id, clean);
        if (clean.count(e->scopeField)) {
            if (!key) return reject("validation", std::string(e->scopeField) + " is required");
            // A record never moves to another account or owner: the devices that hold it under
            // the old one would keep a stale copy (there is no per-record purge), and the
            // device's Store refuses the same change.
            if (existing && key->key != existing->accountId)
                return reject("read_only",
                              std::string(e->scopeField) + " cannot change once a record is written");
            accountId = key->key;
        }
        if (e->scope == schema::ScopeKind::AccountChild) {
            if (!store_.accountExists(tx.db(), accountId))
                return reject("not_found", "there is no account " + accountId + " on the server");
        } else if (!existing) {
            // A new owned record: its owner is a user the pushing user may act for (a rep
            // themselves, a manager their team), filed under the owner's key.
            if (!store_.userById(tx.db(), key->ownerUser))
                return reject("not_found", "there is no user " + key->ownerUser.toStdString());
            if (!store_.ownerInScope(tx.db(), viewer, key->ownerUser))
                return reject("out_of_scope", change.entity + " of another user");
            // Filed under the owner's key when it is written (below), not before: a change
            // rejected later writes nothing.
            newOwner = key->ownerUser;
        }
    }
    if (!newAccount && newOwner.isEmpty()) {
        auto owner = tx.ownerOf(accountId);
        if (!owner || !store_.ownerInScope(tx.db(), viewer, *owner))
            return reject("out_of_scope", e->scope == schema::ScopeKind::Owner
                                              ? change.entity + " of another user"
                                              : "account " + accountId + " is not assigned to you");
    }

    if (!creating && writeOnce)
        return reject("read_only", change.entity + " records cannot be changed once written");
    if (existing && writeOnce) {
        // A second create of a write-once record: the same content is a no-op, anything else
        // contradicts what was written.
        for (const auto& [name, value] : clean) {
            auto it = existing->state.fields.find(name);
            const bool same = it == existing->state.fields.end() ? isNull(value) : it->second == value;
            if (!same)
                return reject("conflict",
                              change.entity + " " + change.id + " was already written differently");
        }
        result.outcome = "applied";
        for (const auto& [name, value] : clean)
            if (auto c = existing->state.clocks.find(name); c != existing->state.clocks.end())
                result.clocks.emplace(name, c->second);
        return result;
    }

    // Clamp a stamp from a phone whose clock runs fast, so it cannot win every later conflict.
    HlcStamp stamp = *HlcStamp::parse(change.hlc);
    const std::int64_t now = clock_.nowMs();
    if (stamp.wallMs > now + kClampToleranceMs) {
        HlcStamp replacement{now, 0, stamp.deviceId};
        if (existing)
            if (auto stored = HlcStamp::parse(maxStamp(existing->state.clocks));
                stored && stored->wallMs >= now)
                replacement = stored->next(stamp.deviceId);
        stamp = replacement;
        result.clamped = true;
    }
    const std::string stampText = stamp.toString();
    RecordState incoming;
    incoming.fields = clean;
    for (const auto& [name, value] : clean)
        incoming.clocks.emplace(name, stampText);

    const RecordState current = existing ? existing->state : RecordState{};
    MergeResult merged = mergeRecord(*e, current, incoming);
    // The entity's rule sees the merged record before it is written (server/src/rules.h).
    std::optional<RuleVerdict> verdict;
    if (!e->serverRule.empty() && (merged.changed || !existing)) {
        RuleContext context{tx, store_, viewer, *e, change.id, accountId, existing, merged.merged};
        verdict = ruleNamed(e->serverRule)(context);
        if (!verdict->rejectCode.empty()) return reject(verdict->rejectCode.c_str(), verdict->message);
    }
    if (newAccount) store_.setAccountOwner(tx, accountId, caller.user.id);
    if (!newOwner.isEmpty()) store_.setAccountOwner(tx, accountId, newOwner);
    if (verdict && verdict->flag) {
        const auto owner = tx.ownerOf(accountId);
        store_.raiseFlag(tx,
                         Flag{std::string(e->serverRule), change.entity, change.id, owner.value_or(QString()),
                              caller.device.id, verdict->message, clock_.nowMs()});
    }
    if (merged.changed || !existing) {
        // Echo suppression: the device holds exactly the merged state (once it adopts the
        // stamps) when every field of its change won and it had the version the change was
        // merged with — none, one at or below the cursor it pushed with, or its own earlier
        // echo. Its next pull need not bring the record back.
        const std::string me = caller.device.id.toStdString();
        const bool heldPrior = !existing || existing->writerDevice == me ||
                               (existing->seq > 0 && pushCursor_ > 0 && existing->seq <= pushCursor_);
        store_.writeRecord(tx, change.entity, change.id, accountId, merged.merged, existing,
                           merged.lost.empty() && heldPrior ? me : std::string());
    }
    result.outcome = merged.lost.empty() ? "applied" : "merged";
    result.lost = merged.lost;
    for (const auto& [name, value] : clean)
        if (auto c = merged.merged.clocks.find(name); c != merged.merged.clocks.end())
            result.clocks.emplace(name, c->second);
    return result;
}

void RequestHandler::attachCurrent(WriteTransaction& tx, const Caller& caller,
                                   const std::vector<sync::Change>& changes,
                                   std::vector<sync::ChangeResult>& results)
{
    const Viewer viewer = caller.viewer();
    for (std::size_t i = 0; i < results.size() && i < changes.size(); ++i) {
        sync::ChangeResult& result = results[i];
        if (result.outcome != "rejected") continue;
        const sync::Change& change = changes[i];
        result.revert = true;
        result.current.reset();
        const schema::Entity* e = schema::entity(change.entity);
        if (!e) continue;
        std::optional<StoredRecord> stored = store_.recordForWrite(tx, change.entity, change.id);
        if (!stored) continue;
        auto owner = tx.ownerOf(stored->accountId);
        if (!owner || !store_.ownerInScope(tx.db(), viewer, *owner)) continue;
        RecordState state = std::move(stored->state);
        filterForDevice(*e, state);
        result.current = sync::PulledRecord{
            change.entity, change.id, std::move(state.fields), std::move(state.clocks), {}};
    }
}

void RequestHandler::filterForDevice(const schema::Entity& e, RecordState& state) const
{
    if (schema::knowsEveryRecordField(schemaVersion_)) return;
    for (const schema::Field& f : e.fields) {
        if (f.since <= schemaVersion_) continue;
        state.fields.erase(std::string(f.name));
        state.clocks.erase(std::string(f.name));
    }
}

Outcome<HttpResponse> RequestHandler::pull(const Caller& caller, const QByteArray& body)
{
    auto request = sync::decodePullRequest(body);
    if (!request) return decodeFailure(request.error());
    if (qs(request->deviceId) != caller.device.id)
        return badRequest("member 'device_id' is not the device of this token");
    std::int64_t cursor = 0;
    if (!request->cursor.empty()) {
        bool ok = false;
        cursor = QByteArray::fromStdString(request->cursor).toLongLong(&ok);
        if (!ok || cursor < 0 || request->cursor.find_first_not_of("0123456789") != std::string::npos)
            return badRequest("member 'cursor' is not a cursor this server issued");
    }
    const Viewer viewer = caller.viewer();
    sync::PullResponse response;
    QByteArray rawRecords;       // the page's records as JSON, comma-separated (current schema)
    std::int64_t newCursor = 0;  // set below from the page read
    {
        ReadTransaction rt(store_);
        std::int64_t committed = 0;
        {
            QSqlQuery& q = store_.exec(rt.db(), QStringLiteral("SELECT value FROM meta WHERE key = ?"),
                                       {QStringLiteral("next_seq")});
            if (q.next()) committed = q.value(0).toLongLong() - 1;
            q.finish();
        }
        // A cursor beyond everything committed was not issued by this database: the server was
        // restored from an older backup (or the cursor is made up). Paging on from it would
        // skip every record until the sequence caught up: the device pulls from the start.
        if (cursor > committed)
            return Failure{
                409, "cursor_ahead",
                "the cursor is ahead of this server's data (restored from a backup?); pull again from "
                "the start with full: true"};
        // Echoes are skipped only from a cursor and outside a full pass: a pull from the start
        // (new device, user switch, repair) brings everything on every page.
        const QString echoDevice = cursor > 0 && !request->full ? caller.device.id : QStringLiteral("-");
        QVariantList binds{QVariant::fromValue<qlonglong>(cursor), echoDevice};
        const QString scope = ServerStore::scopeCondition(viewer, binds);
        binds << request->limit + 1;
        // Walk records in seq order from the cursor (index records_seq) and test each one's
        // scope, so a page costs O(page), not O(scope): with a plain JOIN SQLite drives the
        // join from account_owner and sorts the whole scope for every page. SQLite keeps the
        // join order of a CROSS JOIN; PostgreSQL plans an inner join well by itself (and does
        // not accept CROSS JOIN ... ON).
        const QString join =
            store_.backend() == Backend::Sqlite ? QStringLiteral(" CROSS JOIN") : QStringLiteral(" JOIN");
        // Prepared once per connection (store_.exec): on PostgreSQL a statement prepared per
        // request costs two more round trips (prepare, deallocate) on every pull.
        QSqlQuery& q = store_.exec(
            rt.db(),
            QStringLiteral("SELECT r.entity, r.id, r.fields_json, r.clocks_json, r.seq, r.hlc, o.rep_id FROM "
                           "records r") +
                join +
                QStringLiteral(" account_owner o ON o.account_id = r.account_id WHERE r.seq > ? AND ") +
                // Not this device's own writes it already holds (echoes); a pull from
                // the start (new device, repair) gets everything.
                QStringLiteral("r.writer_device <> ? AND ") + scope +
                QStringLiteral(" ORDER BY r.seq LIMIT ?"),
            binds);
        int rows = 0;
        std::int64_t lastSeq = cursor;
        const bool currentSchema = schema::knowsEveryRecordField(schemaVersion_);
        const bool sendsOwners = schemaVersion_ >= 7;  // owner and team (sync schema 7)
        while (q.next()) {
            if (++rows > request->limit) {
                response.more = true;
                break;
            }
            lastSeq = q.value(4).toLongLong();
            const std::string entity = q.value(0).toString().toStdString();
            const schema::Entity* e = schema::entity(entity);
            if (!e || !deviceKnows(*e)) continue;
            if (currentSchema) {
                // The stored JSON is the wire encoding (writeRecord stores fieldsToJson and
                // clocksToJson of the state): copy it into the reply instead of decoding and
                // encoding it again, which was most of a page's cost.
                if (!rawRecords.isEmpty()) rawRecords += ',';
                rawRecords += "{\"entity\":";
                rawRecords += jsonString(e->name);
                rawRecords += ",\"id\":";
                rawRecords += jsonString(q.value(1).toString().toStdString());
                rawRecords += ",\"hlc\":";
                rawRecords += jsonString(q.value(5).toString().toStdString());
                rawRecords += ",\"fields\":";
                rawRecords += q.value(2).toByteArray();
                rawRecords += ",\"clocks\":";
                rawRecords += q.value(3).toByteArray();
                if (sendsOwners && e->scope == schema::ScopeKind::AccountRoot &&
                    !q.value(6).toString().isEmpty()) {
                    rawRecords += ",\"owner\":";
                    rawRecords += jsonString(q.value(6).toString().toStdString());
                }
                rawRecords += '}';
                if (rawRecords.size() >= kMaxPageBytes && rows < request->limit) {
                    // Big records: end the page early so the reply stays well inside what a
                    // client accepts (8 MiB); the next page starts after this record.
                    response.more = true;
                    break;
                }
                continue;
            }
            auto fields =
                sync::fieldsFromJson(entity, QJsonDocument::fromJson(q.value(2).toByteArray()).object());
            auto clocks = sync::clocksFromJson(QJsonDocument::fromJson(q.value(3).toByteArray()).object());
            if (!fields || !clocks) throw StoreError("stored record " + entity + " is unreadable", false);
            Clocks all = sync::expandClocks(*fields, q.value(5).toString().toStdString(), *clocks);
            RecordState state{std::move(*fields), std::move(all)};
            filterForDevice(*e, state);
            sync::PulledRecord& pulled = response.records.emplace_back(
                sync::PulledRecord{entity, q.value(1).toString().toStdString(), std::move(state.fields),
                                   std::move(state.clocks)});
            if (sendsOwners && e->scope == schema::ScopeKind::AccountRoot)
                pulled.owner = q.value(6).toString().toStdString();
        }
        q.finish();
        newCursor = response.more ? lastSeq : std::max(cursor, committed);
        // The owners' digests of the viewer's scope (current schema), read once per pull.
        std::optional<ScopeDigest> keptDigest;
        auto kept = [&]() -> const ScopeDigest& {
            if (!keptDigest) keptDigest = store_.scopeDigest(rt.db(), viewer);
            return *keptDigest;
        };
        if (request->countRemaining) {
            // For the device's progress bar: how many records this pull will bring in all.
            // From the start that is the scope's count, which the owners' digests keep.
            if (cursor == 0 && currentSchema) {
                response.remaining = kept().count;
            } else {
                QVariantList countBinds{QVariant::fromValue<qlonglong>(cursor), echoDevice};
                const QString countScope = ServerStore::scopeCondition(viewer, countBinds);
                QSqlQuery c = runSql(
                    rt.db(),
                    QStringLiteral("SELECT count(*) FROM records r") + join +
                        QStringLiteral(" account_owner o ON o.account_id = r.account_id WHERE r.seq > ? AND"
                                       " r.writer_device <> ? AND ") +
                        countScope,
                    countBinds);
                response.remaining = c.next() ? c.value(0).toLongLong() : 0;
            }
        }

        // Purge notices in this page's range, unless the account has come back into scope
        // since (its records then arrive again with later seqs).
        QSqlQuery& p = store_.exec(
            rt.db(),
            QStringLiteral(
                "SELECT account_id FROM purges WHERE user_id = ? AND seq > ? AND seq <= ? ORDER BY seq"),
            {viewer.userId, QVariant::fromValue<qlonglong>(cursor),
             QVariant::fromValue<qlonglong>(newCursor)});
        std::set<std::string> purged;
        std::vector<QString> candidates;
        while (p.next())
            candidates.push_back(p.value(0).toString());
        p.finish();
        for (const QString& account : candidates) {
            const std::string id = account.toStdString();
            if (purged.count(id)) continue;
            auto owner = store_.accountOwner(rt.db(), id);
            if (owner && store_.ownerInScope(rt.db(), viewer, *owner)) continue;
            purged.insert(id);
            response.purge.push_back(id);
        }

        if (!response.more) {
            // The digest of everything in scope, the same way the device computes its own. A
            // device on the current schema knows every field: the owners' digests, kept by
            // every write, are its digest. An older device gets one over the fields it knows,
            // which takes a pass over the whole scope.
            response.scope = currentSchema ? kept() : digestFor(rt.db(), viewer);
            if (sendsOwners) response.team = teamOf(rt.db(), viewer);
        }
    }
    response.cursor = std::to_string(newCursor);
    QSqlDatabase db = store_.connection();
    const auto now = QVariant::fromValue<qlonglong>(clock_.nowMs());
    store_
        .exec(db,
              QStringLiteral(
                  "UPDATE devices SET pulled_seq = ?, last_seen_ms = ?, last_sync_ms = ? WHERE id = ?"),
              {QVariant::fromValue<qlonglong>(newCursor), now, now, caller.device.id})
        .finish();
    QByteArray reply = sync::encode(response);
    if (!rawRecords.isEmpty()) {
        // encode() wrote an empty "records" array (the records are in rawRecords): fill it.
        static const QByteArray empty = "\"records\":[]";
        const qsizetype at = reply.indexOf(empty);
        if (at < 0) throw StoreError("pull reply without a records array", false);
        reply.insert(at + empty.size() - 1, rawRecords);
    }
    return jsonResponse(200, reply);
}

std::vector<sync::TeamEntry> RequestHandler::teamOf(QSqlDatabase& db, const Viewer& viewer)
{
    // As the scope rules go (ServerStore::scopeCondition): an admin sees everyone, a manager
    // their team and themselves, a rep themselves.
    QString sql = QStringLiteral("SELECT id, display_name, role FROM users");
    QVariantList binds;
    if (viewer.role == QLatin1String("manager") && !viewer.teamId.isEmpty()) {
        sql += QStringLiteral(" WHERE id = ? OR team_id = ?");
        binds << viewer.userId << viewer.teamId;
    } else if (viewer.role != QLatin1String("admin")) {
        sql += QStringLiteral(" WHERE id = ?");
        binds << viewer.userId;
    }
    sql += QStringLiteral(" ORDER BY id");
    std::vector<sync::TeamEntry> team;
    QSqlQuery q = runSql(db, sql, binds);
    while (q.next())
        team.push_back(sync::TeamEntry{q.value(0).toString().toStdString(),
                                       q.value(1).toString().toStdString(),
                                       q.value(2).toString().toStdString()});
    return team;
}

ScopeDigest RequestHandler::digestFor(QSqlDatabase& db, const Viewer& viewer)
{
    // The owners' digests, kept by every write, are a current device's digest. An older
    // device gets one over the fields it knows, which takes a pass over the whole scope.
    if (schema::knowsEveryRecordField(schemaVersion_)) return store_.scopeDigest(db, viewer);

    std::array<unsigned char, 32> acc{};
    ScopeDigest digest;
    QVariantList scopeBinds;
    const QString condition = ServerStore::scopeCondition(viewer, scopeBinds);
    QSqlQuery s =
        runSql(db,
               QStringLiteral("SELECT r.entity, r.id, r.fields_json, r.clocks_json, r.hlc FROM records r"
                              " JOIN account_owner o ON o.account_id = r.account_id WHERE ") +
                   condition,
               scopeBinds);
    while (s.next()) {
        const std::string entity = s.value(0).toString().toStdString();
        const schema::Entity* e = schema::entity(entity);
        if (!e || !deviceKnows(*e)) continue;
        auto fields =
            sync::fieldsFromJson(entity, QJsonDocument::fromJson(s.value(2).toByteArray()).object());
        auto clocks = sync::clocksFromJson(QJsonDocument::fromJson(s.value(3).toByteArray()).object());
        if (!fields || !clocks) throw StoreError("stored record " + entity + " is unreadable", false);
        RecordState state{{}, sync::expandClocks(*fields, s.value(4).toString().toStdString(), *clocks)};
        filterForDevice(*e, state);
        const std::string h =
            sha256(entity + "\n" + s.value(1).toString().toStdString() + "\n" + maxStamp(state.clocks));
        for (std::size_t i = 0; i < acc.size(); ++i)
            acc[i] ^= static_cast<unsigned char>(h[i]);
        ++digest.count;
    }
    digest.hash = toHex(std::string_view(reinterpret_cast<const char*>(acc.data()), acc.size()));
    return digest;
}

Outcome<HttpResponse> RequestHandler::digest(const Caller& caller, const QByteArray& body)
{
    if (auto wrong = wrongDevice(caller, body)) return *wrong;
    ScopeDigest d;
    {
        ReadTransaction rt(store_);
        d = digestFor(rt.db(), caller.viewer());
    }
    QJsonObject o{{"scope", QJsonObject{{"count", static_cast<double>(d.count)},
                                        {"hash", QString::fromStdString(d.hash)}}},
                  {"server_time_ms", static_cast<double>(clock_.nowMs())}};
    return jsonResponse(200, QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Outcome<HttpResponse> RequestHandler::ackRevocation(const Caller& caller, const QByteArray& body)
{
    if (auto wrong = wrongDevice(caller, body)) return *wrong;
    if (caller.device.revoked) {
        QSqlDatabase db = store_.connection();
        runSql(db, QStringLiteral("UPDATE devices SET wiped_ms = ? WHERE id = ?"),
               {QVariant::fromValue<qlonglong>(clock_.nowMs()), caller.device.id});
    }
    HttpResponse r;
    r.status = 204;
    return r;
}

Outcome<HttpResponse> RequestHandler::signOut(const Caller& caller, const QByteArray& body)
{
    if (auto wrong = wrongDevice(caller, body)) return *wrong;
    // The token stops working; the device record (last_seq) stays, so signing in again on
    // this device continues its sequence.
    QSqlDatabase db = store_.connection();
    runSql(db,
           QStringLiteral("UPDATE devices SET token_hash = NULL, prev_token_hash = NULL, last_seen_ms = ?"
                          " WHERE id = ?"),
           {QVariant::fromValue<qlonglong>(clock_.nowMs()), caller.device.id});
    HttpResponse r;
    r.status = 204;
    return r;
}

Outcome<HttpResponse> RequestHandler::renew(const Caller& caller, const QByteArray& body)
{
    if (auto wrong = wrongDevice(caller, body)) return *wrong;
    const QByteArray token = newDeviceToken();
    const std::int64_t now = clock_.nowMs();
    const std::int64_t lifetime = options_.tokenLifetimeMs;
    // Renewed with the current token: it becomes the previous one, valid until the new one is
    // used. Renewed with the previous one (the last renewal's reply was lost): the unused
    // current token is replaced and the previous one stays as it was.
    const QString prevHash = caller.previousToken ? caller.device.prevTokenHash : caller.device.tokenHash;
    std::int64_t prevExpires =
        caller.previousToken ? caller.device.prevTokenExpiresMs : caller.device.tokenExpiresMs;
    if (prevExpires == 0) prevExpires = now + lifetime;  // a token from before expiry existed
    WriteTransaction tx(store_);
    // Guarded by the tokens as authenticated: a sign-in, sign-out, revocation or another
    // renewal in between wins, and this one answers as if the token had been unknown.
    QSqlQuery update = runSql(
        tx.db(),
        QStringLiteral(
            "UPDATE devices SET token_hash = ?, token_expires_ms = ?, prev_token_hash = ?,"
            " prev_token_expires_ms = ?, last_seen_ms = ? WHERE id = ? AND revoked = 0 AND token_hash = ?"),
        {tokenHash(token), QVariant::fromValue<qlonglong>(now + lifetime), prevHash,
         QVariant::fromValue<qlonglong>(prevExpires), QVariant::fromValue<qlonglong>(now), caller.device.id,
         caller.device.tokenHash});
    if (update.numRowsAffected() != 1)
        return Failure{401, "unauthenticated", "the token changed; sign in again"};
    tx.commit();
    return jsonResponse(200, sync::encode(sync::RenewResponse{token.toStdString(), lifetime, now}));
}

}  // namespace

SyncService::SyncService(ServerStore& store, const fb::Clock& clock, ServiceOptions options)
    : store_(store), clock_(clock), options_(options)
{}

HttpResponse SyncService::handle(const HttpRequest& request)
{
    return handle(request, nullptr);
}

HttpResponse SyncService::handle(const HttpRequest& request, RequestInfo* info)
{
    try {
        RequestHandler handler(store_, clock_, options_, info);
        return handler.handle(request);
    } catch (const StoreError& e) {
        if (e.busy()) return failureResponse({429, "busy", "the server is busy; try again shortly"}, info);
        logLine(QJsonDocument(QJsonObject{{"level", "error"},
                                          {"path", QString::fromUtf8(request.path.left(200))},
                                          {"message", QString::fromStdString(e.what())}})
                    .toJson(QJsonDocument::Compact));
    } catch (const std::exception& e) {
        logLine(QJsonDocument(QJsonObject{{"level", "error"},
                                          {"path", QString::fromUtf8(request.path.left(200))},
                                          {"message", QString::fromStdString(e.what())}})
                    .toJson(QJsonDocument::Compact));
    } catch (...) {
        logLine(R"({"level":"error","message":"unknown exception"})");
    }
    return failureResponse({500, "internal", "the server failed; the request may be retried"}, info);
}

}  // namespace fb::server
