// The client sync engine; see engine.h and docs/sync-protocol.md.
//
// Why each step is safe to interrupt:
// - push: the outbox is trimmed only in the transaction that records a reply, so a lost
//   reply means the same entries are sent again; the server answers those it has already
//   applied with their stored outcomes (protocol rule 2), so nothing is applied twice and
//   no rejection goes unrecorded.
// - pull: a page's merges, purges and the cursor that follows it commit together, so a
//   drop (or a crash) before the commit pulls the same page again, and merges are
//   idempotent anyway.
// - cancel: the same two rules make stopping before any exchange, or aborting one in
//   flight, as harmless as a dropped connection.
#include "fieldbook/sync/engine.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <deque>
#include <future>
#include <map>
#include <optional>

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

namespace fb::sync {

Q_LOGGING_CATEGORY(lcEngine, "fieldbook.sync.engine")

namespace {

// The body {"device_id": …} of sign-out, renewal and the revocation acknowledgement.
QByteArray deviceBody(const std::string& deviceId)
{
    return QJsonDocument(QJsonObject{{"device_id", QString::fromStdString(deviceId)}})
        .toJson(QJsonDocument::Compact);
}

Error replyError(const std::string& what, const Error& e)
{
    return makeError(ErrorCode::Storage, "the server's " + what + " reply could not be read: " + e.message);
}

}  // namespace

const char* syncStatusName(SyncStatus status)
{
    switch (status) {
    case SyncStatus::Ok:
        return "ok";
    case SyncStatus::Retryable:
        return "retryable";
    case SyncStatus::SignedOut:
        return "signed_out";
    case SyncStatus::Revoked:
        return "revoked";
    case SyncStatus::Failed:
        return "failed";
    case SyncStatus::Cancelled:
        return "cancelled";
    }
    return "failed";
}

void SyncCancel::cancel()
{
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    if (transport_) transport_->abort();
}

void SyncCancel::attach(Transport* transport)
{
    std::lock_guard lock(mutex_);
    transport_ = transport;
}

void SyncCancel::detach()
{
    Transport* transport = nullptr;
    {
        std::lock_guard lock(mutex_);
        std::swap(transport, transport_);
    }
    // No cancel() can reach the transport any more: forget an abort that stopped nothing.
    if (transport) transport->clearAbort();
}

struct SyncEngine::Exchange {
    TransportResponse response;
    ErrorBody error;  // decoded for 4xx/5xx replies (error empty if the body was not one)
    bool ok() const { return response.delivered && response.status == 200; }
};

SyncEngine::SyncEngine(Database& db, Store& store, Replica& replica, Transport& transport, const Clock& clock,
                       Backoff& backoff)
    : SyncEngine(db, store, replica, transport, clock, backoff, Options{})
{}

SyncEngine::SyncEngine(Database& db, Store& store, Replica& replica, Transport& transport, const Clock& clock,
                       Backoff& backoff, Options options)
    : db_(db), store_(store), replica_(replica), transport_(transport), clock_(clock), backoff_(backoff),
      options_(std::move(options))
{
    if (options_.schemaVersion <= 0) options_.schemaVersion = schema::currentVersion();
    options_.pushBatch = std::clamp(options_.pushBatch, 1, kMaxPushChanges);
    options_.pullLimit = std::clamp(options_.pullLimit, 1, kMaxPullLimit);
    vault_ = options_.tokenStore;
    if (!vault_) {
        ownVault_ = tokenFileStoreFor(db_.path());
        vault_ = ownVault_.get();
    }
}

namespace {

// What the vault holds: the token and what it was issued for.
constexpr std::string_view kVaultMagic = "fieldbook-token 1";

std::string vaultRecord(const std::string& deviceId, const std::string& userId, const std::string& token)
{
    return std::string(kVaultMagic) + '\n' + deviceId + '\n' + userId + '\n' + token + '\n';
}

}  // namespace

std::string tokenFrom(const std::string& kept, const std::string& deviceId, const std::string& userId)
{
    // The magic line, device id, user id, token.
    std::vector<std::string_view> lines;
    std::string_view rest(kept);
    while (!rest.empty()) {
        const std::size_t end = rest.find('\n');
        lines.push_back(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    }
    if (lines.size() != 4 || lines[0] != kVaultMagic) return {};
    if (lines[1] != deviceId || lines[2] != userId || deviceId.empty() || userId.empty()) return {};
    return std::string(lines[3]);
}

std::string SyncEngine::loadToken()
{
    auto kept = vault_->load();
    if (!kept) {
        qCWarning(lcEngine) << "cannot read the token from" << vault_->where().c_str() << ":"
                            << kept.error().message.c_str();
        return {};
    }
    if (kept->empty()) {
        // Kept in sync_state by a version before the vault: moved out once.
        std::string legacy = replica_.setting(key::kToken);
        if (legacy.empty()) return {};
        if (auto moved = vault_->store(
                vaultRecord(store_.device().deviceId(), replica_.setting(key::kUserId), legacy));
            !moved) {
            qCWarning(lcEngine) << "cannot move the token out of the database:"
                                << moved.error().message.c_str();
            return legacy;
        }
        Transaction tx(db_);
        replica_.setSetting(tx, key::kToken, "");
        tx.commit();
        return legacy;
    }
    return tokenFrom(*kept, store_.device().deviceId(), replica_.setting(key::kUserId));
}

void SyncEngine::forgetToken()
{
    if (auto erased = vault_->erase(); !erased)
        qCWarning(lcEngine) << "cannot erase the token:" << erased.error().message.c_str();
    token_.clear();
    if (!replica_.setting(key::kToken).empty()) {
        Transaction tx(db_);
        replica_.setSetting(tx, key::kToken, "");
        tx.commit();
    }
}

bool SyncEngine::signedIn()
{
    return !loadToken().empty();
}

void SyncEngine::signOut()
{
    token_ = loadToken();
    if (token_.empty()) return;
    SyncReport scratch;
    const QByteArray body = deviceBody(store_.device().deviceId());
    call("/v1/auth/sign-out", body, scratch);
    forgetToken();
}

TransportRequest SyncEngine::request(const QByteArray& method, const QByteArray& path,
                                     bool authenticated) const
{
    TransportRequest request;
    request.method = method;
    request.path = path;
    request.headers = {{kProtocolHeader, QByteArray::number(kProtocolVersion)},
                       {kSchemaHeader, QByteArray::number(options_.schemaVersion)}};
    if (authenticated)
        request.headers.append({"Authorization", "Bearer " + QByteArray::fromStdString(token_)});
    return request;
}

SyncEngine::Exchange SyncEngine::send(const TransportRequest& request, SyncReport& report)
{
    Exchange ex;
    ex.response = transport_.exchange(request);
    ++report.roundTrips;
    report.bytesSent += ex.response.bytesSent;
    report.bytesReceived += ex.response.bytesReceived;
    if (ex.response.delivered && ex.response.status != 200 && ex.response.status != 204 &&
        ex.response.status != 206) {
        if (auto decoded = decodeErrorBody(ex.response.body)) ex.error = *decoded;
    }
    return ex;
}

SyncEngine::Exchange SyncEngine::call(const char* path, const QByteArray& body, SyncReport& report,
                                      bool authenticated)
{
    TransportRequest r = request("POST", path, authenticated);
    r.headers.prepend({"Content-Type", "application/json"});
    r.body = body;
    return send(r, report);
}

// Classifies a failed exchange into the report. Returns false (the sync stops).
bool SyncEngine::handleFailure(const Exchange& ex, SyncReport& report)
{
    const TransportResponse& r = ex.response;
    const std::string serverMessage = ex.error.message;
    report.errorCode = ex.error.error;
    if (!r.delivered && stopRequested(report)) return false;  // aborted by cancel(): not a failure
    if (!r.delivered) {
        report.status = SyncStatus::Retryable;
        report.errorCode = "network";
        report.errorMessage = "No reply from the server: " + r.networkError.toStdString();
    } else if (r.status == 429 || r.status >= 500) {
        report.status = SyncStatus::Retryable;
        if (report.errorCode.empty()) report.errorCode = r.status == 429 ? "busy" : "server";
        report.errorMessage = "The server is unavailable (HTTP " + std::to_string(r.status) + ")" +
                              (serverMessage.empty() ? std::string(".") : ": " + serverMessage);
    } else if (r.status == 401) {
        report.status = SyncStatus::SignedOut;
        if (report.errorCode.empty()) report.errorCode = "unauthenticated";
        report.errorMessage = "The server no longer accepts this sign-in; sign in again to sync.";
        // The token is dead (signed in elsewhere on this device id and the reply was lost, or
        // signed out by the server): forget it so the app asks for the password again. The
        // user, the data and the outbox stay; signing in as the same user carries on.
        forgetToken();
    } else if (r.status == 403 && ex.error.error == "device_revoked") {
        // Capture what the acknowledgement needs before the wipe removes it.
        const std::string token = token_.empty() ? loadToken() : token_;
        const std::string revokedId = store_.device().deviceId();
        forgetToken();
        {
            // Wiped and renewed in one commit: a revoked device id stays revoked, so the
            // wiped device starts over as a new device and the rep can sign in again if
            // the administrator allows it.
            Transaction tx(db_);
            replica_.wipe(tx);
            store_.device().renew(tx);
            report.status = SyncStatus::Revoked;
            report.errorCode = "device_revoked";
            report.errorMessage = "An administrator revoked this device; its local data has been removed. "
                                  "Sign in again to use it." +
                                  (serverMessage.empty() ? std::string() : " (" + serverMessage + ")");
            replica_.setSetting(tx, key::kLastErrorCode, report.errorCode);
            replica_.setSetting(tx, key::kLastErrorMessage, report.errorMessage);
            tx.commit();
            blobs::removeAll(db_);  // the wiped pictures' files
        }
        // Best effort, with the old token and id: the admin's device list shows the wipe
        // happened. A failure changes nothing here — the device is wiped either way.
        token_ = token;
        call("/v1/sync/ack-revocation", deviceBody(revokedId), report);
        token_.clear();
        return false;
    } else {
        report.status = SyncStatus::Failed;
        if (report.errorCode.empty()) report.errorCode = "http_" + std::to_string(r.status);
        report.errorMessage = "The server refused the request (HTTP " + std::to_string(r.status) + ")" +
                              (serverMessage.empty() ? std::string(".") : ": " + serverMessage);
    }
    if (report.status == SyncStatus::Retryable) {
        report.retryAfterMs = backoff_.next();
        bool digits = false;
        const std::int64_t retryAfterS = r.header("retry-after").trimmed().toLongLong(&digits);
        if (digits && retryAfterS > 0)
            report.retryAfterMs = std::max(report.retryAfterMs, retryAfterS * 1000);
    }
    return false;
}

Result<SignInResult, SignInError> SyncEngine::signIn(const std::string& login, const std::string& password,
                                                     const std::string& deviceName)
{
    SyncReport scratch;
    std::string deviceId = store_.device().deviceId();
    Exchange ex = call("/v1/auth/sign-in", encode(SignInRequest{login, password, deviceId, deviceName}),
                       scratch, false);
    if (ex.response.delivered && ex.response.status == 409 && ex.error.error == "device_taken") {
        // This device id belongs to another user (someone else signed in on this phone
        // before): sign in under a new id, taken on below together with the wipe.
        deviceId = store_.device().ids().next();
        ex = call("/v1/auth/sign-in", encode(SignInRequest{login, password, deviceId, deviceName}), scratch,
                  false);
    }
    if (!ex.ok()) {
        if (ex.response.delivered && ex.response.status == 401)
            return SignInError{makeError(ErrorCode::Conflict, ex.error.message.empty()
                                                                  ? "Sign-in failed: wrong login or password."
                                                                  : ex.error.message),
                               ex.error.error.empty() ? "bad_credentials" : ex.error.error};
        // The same classification as a sync's: a revoked device is wiped and renewed here too.
        handleFailure(ex, scratch);
        return SignInError{makeError(ErrorCode::Storage, scratch.errorMessage), scratch.errorCode};
    }
    auto reply = decodeSignInResponse(ex.response.body);
    if (!reply) return SignInError{replyError("sign-in", reply.error()), "bad_reply"};

    // A different user on this database would mix two reps' data: start this one clean.
    const std::string previousUser = replica_.setting(key::kUserId);
    Transaction tx(db_);
    bool wiped = false;
    if (!previousUser.empty() && previousUser != reply->user.id) {
        replica_.wipe(tx);
        wiped = true;
    }
    if (deviceId != store_.device().deviceId()) {
        // Signed in under a new id: the old one's changes cannot be sent under it. A new id is
        // only ever needed for another user, whose sign-in has just wiped the data anyway.
        replica_.wipe(tx);
        wiped = true;
        store_.device().renew(tx, deviceId);
    }
    if (auto kept = storeToken(tx, reply->token, reply->tokenExpiresInMs, deviceId, reply->user.id); !kept)
        return SignInError{
            makeError(ErrorCode::Storage,
                      "Signed in, but this device cannot keep the sign-in: " + kept.error().message),
            "token_storage"};
    replica_.setSetting(tx, key::kUserId, reply->user.id);
    replica_.setSetting(tx, key::kUserLogin, reply->user.login);
    replica_.setSetting(tx, key::kUserName, reply->user.displayName);
    replica_.setSetting(tx, key::kUserRole, reply->user.role);
    replica_.setSetting(tx, key::kUserTeam, reply->user.team);
    replica_.setSetting(tx, key::kServerLastSeq, std::to_string(reply->lastSeq));
    replica_.setSetting(tx, key::kLastErrorCode, "");
    replica_.setSetting(tx, key::kLastErrorMessage, "");
    catchUpAfterRestore(tx, reply->lastSeq);
    // Entries the server already holds (a re-installed app that kept its database) are not
    // trimmed here: the next push resends them and the server answers with the outcomes it
    // stored, so a rejection among them still reaches the rep's rejected list.
    tx.commit();
    if (wiped) blobs::removeAll(db_);
    backoff_.reset();
    return SignInResult{reply->user, reply->lastSeq, reply->serverTimeMs};
}

Result<void> SyncEngine::storeToken(Transaction& tx, const std::string& token, std::int64_t expiresInMs,
                                    const std::string& deviceId, const std::string& userId)
{
    if (auto kept = vault_->store(vaultRecord(deviceId, userId, token)); !kept) return kept;
    replica_.setSetting(tx, key::kToken, "");  // an older version's copy, if any
    // Measured on this device's clock from when the reply arrived, so a phone whose clock is
    // off still renews on time (a clock that jumps renews early, or signs in again at worst).
    // A server that names no lifetime (one from before expiry) has nothing to renew.
    const std::int64_t renewAt =
        expiresInMs > 0 ? clock_.nowMs() + expiresInMs / 2 : std::numeric_limits<std::int64_t>::max();
    replica_.setSetting(tx, key::kTokenRenewAtMs, std::to_string(renewAt));
    token_ = token;
    return {};
}

bool SyncEngine::renewToken(SyncReport& report)
{
    const std::string due = replica_.setting(key::kTokenRenewAtMs);
    bool numeric = false;
    const qlonglong at = QByteArray::fromStdString(due).toLongLong(&numeric);
    if (numeric && clock_.nowMs() < at) return true;
    if (stopRequested(report)) return false;
    const QByteArray body = deviceBody(store_.device().deviceId());
    Exchange ex = call("/v1/auth/renew", body, report);
    if (!ex.ok()) {
        const int status = ex.response.delivered ? ex.response.status : 0;
        if (status == 401 || status == 403) return handleFailure(ex, report);
        if (!ex.response.delivered && stopRequested(report)) return false;
        return true;  // keep the old token; the push that follows meets the same trouble, if any
    }
    auto reply = decodeRenewResponse(ex.response.body);
    if (!reply) return true;
    Transaction tx(db_);
    if (storeToken(tx, reply->token, reply->tokenExpiresInMs, store_.device().deviceId(),
                   replica_.setting(key::kUserId))) {
        tx.commit();
    } else {
        // The vault refused it: this sync goes on with the new token; the next one meets a
        // 401 with the old token and asks the rep to sign in again, with nothing lost.
        token_ = reply->token;
    }
    return true;
}

bool SyncEngine::stopRequested(SyncReport& report)
{
    if (!cancel_ || !cancel_->cancelled()) return false;
    report.status = SyncStatus::Cancelled;
    report.errorCode = "cancelled";
    report.errorMessage = "The sync was cancelled; what was not sent or received yet waits for the next one.";
    report.retryAfterMs = 0;
    return true;
}

void SyncEngine::catchUpAfterRestore(Transaction& tx, std::int64_t serverLastSeq)
{
    if (store_.nextSeq() > serverLastSeq) return;
    replica_.renumberOutbox(tx, serverLastSeq + 1);
    if (replica_.setting(key::kFullPull).empty()) replica_.setSetting(tx, key::kFullPull, "1");
}

void SyncEngine::keepOverridden(Transaction& tx, const OutboxEntry& entry, const ChangeResult& result)
{
    if (result.lost.empty()) return;
    RejectedChange kept;
    kept.kind = RejectedChange::Kind::Overridden;
    kept.seq = entry.seq;
    kept.entity = entry.entity;
    kept.recordId = entry.recordId;
    kept.op = entry.op;
    kept.atMs = clock_.nowMs();
    // The rep's values of the lost fields only: what the rep entered and no longer sees.
    // (push() has already checked that the entry decodes.)
    auto sent = fieldsFromJson(entry.entity,
                               QJsonDocument::fromJson(QByteArray::fromStdString(entry.fieldsJson)).object());
    Fields values;
    for (const std::string& field : result.lost) {
        LostField lost{field, {}, 0};
        // For a lost field the reply's clock is the winner's stamp (see adoptClocks below).
        if (auto stamp = result.clocks.find(field); stamp != result.clocks.end())
            lost.winnerStamp = stamp->second;
        if (auto parsed = HlcStamp::parse(lost.winnerStamp)) lost.winnerMs = parsed->wallMs;
        kept.lost.push_back(std::move(lost));
        if (sent)
            if (auto value = sent->find(field); value != sent->end()) values.emplace(field, value->second);
    }
    kept.fieldsJson = fb::fieldsToJson(values);
    replica_.addRejected(tx, kept);
}

// The most a push batch carries (its changes' field text; see push()).
constexpr std::size_t kPushBatchBytes = std::size_t{4} * 1024 * 1024;

bool SyncEngine::push(SyncReport& report, const ProgressFn& progress)
{
    const std::string deviceId = store_.device().deviceId();
    const std::int64_t total = store_.outboxCount();
    // What this device has pulled: the server marks changes made on top of what it holds, so
    // the pull that follows does not send them back.
    const std::string cursor = replica_.setting(key::kCursor);
    std::int64_t done = 0;
    bool renumbered = false;
    if (progress) progress({SyncPhase::Push, 0, total, report.bytesSent, report.bytesReceived});
    for (;;) {
        std::vector<OutboxEntry> entries = store_.outbox(0, options_.pushBatch);
        if (entries.empty()) return true;
        // Photos make big changes: a batch stops at about half of what a server accepts
        // (8 MiB), and always carries at least one change.
        std::size_t bytes = 0;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            bytes += entries[i].fieldsJson.size();
            if (i > 0 && bytes > kPushBatchBytes) {
                entries.resize(i);
                break;
            }
        }

        PushRequest request{deviceId, {}, cursor};
        std::map<std::int64_t, const OutboxEntry*> bySeq;
        for (const OutboxEntry& entry : entries) {
            const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(entry.fieldsJson));
            auto fields = fieldsFromJson(entry.entity, doc.object());
            if (!doc.isObject() || !fields) {
                report.status = SyncStatus::Failed;
                report.errorCode = "corrupt_outbox";
                report.errorMessage = "Outbox entry " + std::to_string(entry.seq) + " cannot be encoded: " +
                                      (fields ? "not a JSON object" : fields.error().message);
                return false;
            }
            request.changes.push_back(
                {entry.seq, entry.entity, entry.recordId, entry.op, std::move(*fields), entry.hlc});
            bySeq.emplace(entry.seq, &entry);
        }
        const std::int64_t first = entries.front().seq;

        if (stopRequested(report)) return false;
        Exchange ex = call("/v1/sync/push", encode(request), report);
        if (ex.response.delivered && ex.response.status == 409 && ex.error.error == "sequence_reused" &&
            !renumbered && ex.error.expected > 0) {
            // This database was restored from a backup: numbers from `expected` on are free.
            // Changes the server did apply are resent under new numbers and merge as no-ops.
            renumbered = true;
            Transaction tx(db_);
            replica_.renumberOutbox(tx, ex.error.expected);
            tx.commit();
            continue;
        }
        if (ex.response.delivered && ex.response.status == 409 && ex.error.error == "sequence_gap") {
            // We always send from the oldest unacknowledged entry, and the server answers
            // entries it already holds from its stored outcomes, so a gap means the server's
            // last_seq is *behind* our oldest entry: it lost acknowledged changes (restored
            // from a backup). Those entries are gone here, so resending cannot help.
            if (ex.error.expected > first) {
                // Defensive: a server that no longer answers old entries but holds them.
                Transaction tx(db_);
                replica_.trimOutbox(tx, ex.error.expected - 1);
                tx.commit();
                continue;
            }
            // The server lost changes it had acknowledged (restored from a backup). Those are
            // gone from this outbox and cannot be sent again; what waits here is still the
            // rep's work: number it where the server expects and send it (once per sync).
            // The pull that follows finds the server behind this device's cursor and the
            // digests apart, and says so (nothing here is deleted).
            if (!renumbered && ex.error.expected > 0) {
                renumbered = true;
                report.errorCode = "sequence_gap";
                Transaction tx(db_);
                replica_.renumberOutbox(tx, ex.error.expected);
                tx.commit();
                continue;
            }
            report.status = SyncStatus::Failed;
            report.errorCode = "sequence_gap";
            report.errorMessage = "The server expects change " + std::to_string(ex.error.expected) +
                                  " from this device but the oldest unsent one is " + std::to_string(first) +
                                  "; the server has lost changes it acknowledged. Contact support.";
            return false;
        }
        if (!ex.ok()) return handleFailure(ex, report);
        auto reply = decodePushResponse(ex.response.body);
        if (!reply) {
            report.status = SyncStatus::Failed;
            report.errorCode = "bad_reply";
            report.errorMessage = replyError("push", reply.error()).message;
            return false;
        }

        {
            Transaction tx(db_);
            std::vector<const ChangeResult*> reverts;  // rejected changes the server answered for
            for (const ChangeResult& r : reply->results) {
                auto it = bySeq.find(r.seq);
                if (it == bySeq.end() || r.seq > reply->lastSeq) continue;
                const OutboxEntry& entry = *it->second;
                ++report.pushed;
                if (r.outcome == "rejected") {
                    ++report.rejected;
                    replica_.addRejected(tx, {entry.seq, entry.entity, entry.recordId, entry.op,
                                              entry.fieldsJson, r.code, r.message, clock_.nowMs()});
                    if (r.revert) reverts.push_back(&r);
                    continue;
                }
                if (r.outcome == "merged") {
                    ++report.merged;
                    keepOverridden(tx, entry, r);
                } else {
                    ++report.applied;
                }
                // Adopt only the stamps of fields this change won. For a lost field the server
                // reports the *winner's* stamp; taking it onto our losing value would make the
                // winner's pulled value tie with ours, and ties keep the current value, so this
                // device would keep the losing value for ever.
                Clocks ours;
                for (const auto& [field, stamp] : r.clocks) {
                    if (std::find(r.lost.begin(), r.lost.end(), field) != r.lost.end()) continue;
                    auto parsed = HlcStamp::parse(stamp);
                    if (parsed && parsed->deviceId == deviceId) ours.emplace(field, stamp);
                }
                replica_.adoptClocks(tx, entry.entity, entry.recordId, entry.hlc, ours);
                // A clamped stamp is ahead of ours: later local writes must stamp after it.
                if (auto stamp = HlcStamp::parse(maxStamp(ours))) store_.device().observe(tx, *stamp);
            }
            // Only what this batch carried leaves the outbox. A device restored from an older
            // copy numbers below what the server holds: a change written while this push was on
            // the wire may carry a seq at or below the reply's last_seq without having been
            // sent, and trimming to last_seq would delete it unsent. Such a device numbers what
            // it has not sent after the server's last_seq instead.
            const std::int64_t lastSent = entries.back().seq;
            replica_.trimOutbox(tx, std::min(reply->lastSeq, lastSent));
            catchUpAfterRestore(tx, reply->lastSeq);
            // A rejected change is undone here: the record goes back to the server's state (or
            // away, when the server holds none in this device's scope), while the rep keeps the
            // rejected values in the rejected list. Otherwise its later stamp would keep the
            // device's value for good and the digests would never agree. A record with a later
            // change still waiting is left to that change's own answer.
            for (const ChangeResult* r : reverts) {
                const OutboxEntry& entry = *bySeq.at(r->seq);
                if (replica_.hasPending(entry.entity, entry.recordId)) continue;
                if (!r->current) {
                    replica_.removeRecord(tx, entry.entity, entry.recordId);
                    continue;
                }
                if (r->current->entity != entry.entity || r->current->id != entry.recordId) continue;
                if (auto reverted = replica_.overwrite(tx, entry.entity, entry.recordId, r->current->state());
                    !reverted) {
                    ++report.skipped;
                    report.errorMessage = "Rejected " + entry.entity + " " + entry.recordId +
                                          " could not be reverted: " + reverted.error().message;
                }
            }
            replica_.setSetting(tx, key::kServerLastSeq, std::to_string(reply->lastSeq));
            tx.commit();
        }
        if (reply->lastSeq < first) {
            report.status = SyncStatus::Failed;
            report.errorCode = "bad_reply";
            report.errorMessage = "The server acknowledged none of the changes sent (last_seq " +
                                  std::to_string(reply->lastSeq) + ", first sent " + std::to_string(first) +
                                  ").";
            return false;
        }
        done += static_cast<std::int64_t>(std::count_if(
            entries.begin(), entries.end(), [&](const OutboxEntry& e) { return e.seq <= reply->lastSeq; }));
        if (progress)
            progress({SyncPhase::Push, done, std::max(total, done), report.bytesSent, report.bytesReceived});
    }
}

// What applying one page did (counted apart from the report while the next exchange runs).
struct SyncEngine::PageResult {
    int changed = 0;
    int purged = 0;
    int skipped = 0;
    int yielded = 0;
    std::string skipMessage;
};

// An initial (bulk) pull across its pages, for the derived data's endBulk.
struct SyncEngine::BulkPull {
    bool resumed = false;  // the pull continues one that stopped (see DerivedData::endBulk)
};

// A bulk page made ready for its inserts: what needs no database, done while the previous
// page is being written. Each record's fields and stamps move into its row.
struct SyncEngine::BulkPage {
    std::vector<Result<BulkRow>> rows;  // one per record, or why it cannot be stored
    // Per record, what each derived data (Store::derived(), in order) prepared for it.
    std::vector<std::vector<std::unique_ptr<DerivedData::Prepared>>> prepared;
    std::string maxStamp;  // the page's greatest stamp
};

SyncEngine::BulkPage SyncEngine::prepareBulk(PullResponse& reply)
{
    // On the engine thread while the applying thread writes the previous page: prepare() is
    // const and reads no database.
    const auto& derived = store_.derived();
    BulkPage page;
    page.rows.reserve(reply.records.size());
    page.prepared.resize(reply.records.size());
    for (std::size_t i = 0; i < reply.records.size(); ++i) {
        PulledRecord& record = reply.records[i];
        if (std::string top = record.maxStamp(); top > page.maxStamp) page.maxStamp = std::move(top);
        if (const schema::Entity* e = schema::entity(record.entity)) {
            page.prepared[i].reserve(derived.size());
            for (const auto& d : derived)
                page.prepared[i].push_back(d->prepare(*e, record.fields));
        }
        page.rows.push_back(prepareBulkRow(record.entity, record.id,
                                           RecordState{std::move(record.fields), std::move(record.clocks)},
                                           record.hlc));
    }
    return page;
}

// How many inserted rows a bulk page hands to its derived data at a time.
constexpr std::size_t kBulkSliceRows = 200;

// One page — purges, records and the cursor that follows it — in one local transaction, or
// in several when a rep saves meanwhile: then the cursor comes with the last of them.
SyncEngine::PageResult SyncEngine::applyPage(PullResponse& reply, BulkPage& prepared, BulkPull* bulk,
                                             const std::string& full, int page)
{
    const bool repairing = full == "repair";
    PageResult out;
    auto skip = [&](const PulledRecord& record, const Error& error) {
        // Skipping keeps the rest of the rep's data flowing; the digest check at the end
        // reports the divergence.
        ++out.skipped;
        out.skipMessage =
            "Pulled " + record.entity + " " + record.id + " could not be stored: " + error.message;
    };
    std::optional<Transaction> tx(std::in_place, db_);
    // Purges first: the records of the page are current state in scope, so an account
    // that left and came back within one page ends up present.
    for (const std::string& accountId : reply.purge) {
        replica_.purgeAccount(*tx, accountId);
        ++out.purged;
    }
    const auto& derived = store_.derived();
    if (bulk) {
        replica_.setSetting(*tx, key::kBulkPull, "1");
        for (const auto& d : derived)
            d->beginPage();
    }
    Fields columns;                     // bulk: a row's device-local columns
    std::vector<std::size_t> inserted;  // bulk: the records the derived data is told of
    // The derived data of the rows inserted so far (bulk): the search entries (see
    // BulkIndexer::endPage) and the rows' share of the scope digest.
    auto endBulkSlice = [&] {
        if (!bulk) return;
        for (const std::size_t i : inserted)
            for (std::size_t k = 0; k < prepared.prepared[i].size(); ++k)
                derived[k]->inserted(*prepared.rows[i], prepared.prepared[i][k].get());
        inserted.clear();
        for (const auto& d : derived)
            d->endPage(*tx);
        if (!prepared.maxStamp.empty()) replica_.observeStamp(*tx, prepared.maxStamp);
    };
    // Another writer of this app waits (a rep saving during an initial sync): commit what is
    // applied so far, without the cursor, and go on in a new transaction after its turn. A
    // crash in between loses nothing: the cursor still points before the page, so the page
    // comes again and applying it again changes nothing (inserts of present rows are ignored,
    // merges of equal stamps keep what is stored).
    auto letWaitingWritersIn = [&] {
        if (db_.writersWaiting() == 0) return;
        endBulkSlice();
        tx->commit();
        tx.reset();
        ++out.yielded;
        tx.emplace(db_);
        if (bulk)
            for (const auto& d : derived)
                d->beginPage();
    };
    for (std::size_t i = 0; i < reply.records.size(); ++i) {
        // The inserted rows' derived data in slices, so a writer that comes to wait never
        // waits for a whole page's worth of it.
        if (inserted.size() >= kBulkSliceRows) endBulkSlice();
        letWaitingWritersIn();
        PulledRecord& record = reply.records[i];
        // Who the account is filed under (schema 7): kept beside it, not in it.
        if (!record.owner.empty()) replica_.setAccountOwner(*tx, record.id, record.owner);
        if (bulk) {
            Result<BulkRow>& row = prepared.rows[i];
            if (!row) {
                skip(record, row.error());
                continue;
            }
            columns.clear();
            for (std::size_t k = 0; k < prepared.prepared[i].size(); ++k)
                derived[k]->columns(prepared.prepared[i][k].get(), columns);
            auto applied = replica_.insertBulk(*tx, *row, columns);
            if (!applied) {
                skip(record, applied.error());
                continue;
            }
            if (*applied == Replica::BulkApplied::Unchanged) continue;
            ++out.changed;
            if (*applied == Replica::BulkApplied::Inserted)
                inserted.push_back(i);  // (merged: the derived data was told by the merge)
            continue;
        }
        if (repairing) {
            // Repair: the server's state is the truth for records with nothing pending
            // (a rejected update left a local value with a later stamp behind).
            if (!replica_.hasPending(record.entity, record.id)) {
                auto fixed = replica_.overwrite(*tx, record.entity, record.id, record.state());
                if (!fixed)
                    skip(record, fixed.error());
                else
                    ++out.changed;
                continue;
            }
        }
        auto merged = replica_.applyRemote(*tx, record.entity, record.id, record.state());
        if (!merged) {
            skip(record, merged.error());
            continue;
        }
        if (merged->changed) ++out.changed;
    }
    endBulkSlice();
    if (bulk && !reply.more) {
        // The last page: the derived data is complete with it.
        for (const auto& d : derived)
            d->endBulk(*tx, bulk->resumed);
        replica_.setSetting(*tx, key::kBulkPull, "");
    }
    if (reply.team) {
        std::vector<TeamMember> team;
        for (const TeamEntry& t : *reply.team)
            team.push_back(TeamMember{t.id, t.name, t.role});
        replica_.replaceTeam(*tx, team);
    }
    replica_.setSetting(*tx, key::kCursor, reply.cursor);
    replica_.setSetting(*tx, key::kCursorSchema, std::to_string(options_.schemaVersion));
    // A full pass resumes as one after an interruption; the last page ends it.
    if (!full.empty()) replica_.setSetting(*tx, key::kFullPull, reply.more ? full : std::string());
    if (options_.beforePageCommit) options_.beforePageCommit(page);
    tx->commit();
    return out;
}

// Pages are applied on a helper thread while the engine thread already asks for the next
// one, so the server's work and the network overlap the device's inserts. The database
// connection is used by one thread at a time (the engine thread touches it only after it
// has joined the page in flight), and pages still commit one after another, in order.
bool SyncEngine::pull(SyncReport& report, const ProgressFn& progress)
{
    const std::string deviceId = store_.device().deviceId();
    std::string cursor = replica_.setting(key::kCursor);
    std::int64_t received = 0;
    int page = 0;
    // A full pass: from an empty cursor every page asks for this device's own writes too, or
    // the records it wrote last would be left out of every page after the first (echo
    // suppression) — fatal for a new device, a user switch or a repair.
    std::string full = replica_.setting(key::kFullPull);
    // A cursor made under an older sync schema (this app was updated): the server skipped, for
    // the old build, every record of an entity it did not declare (and sent records without
    // the fields it did not), and the pages behind the cursor never come again. One full pass
    // from the start brings them; it merges, so what the phone holds stays.
    if (!cursor.empty() && full.empty() &&
        replica_.setting(key::kCursorSchema) != std::to_string(options_.schemaVersion))
        cursor.clear();
    if (full.empty() && cursor.empty()) full = "1";
    if (full == "repair") report.repaired = true;  // resuming an interrupted repair
    // Initial sync of a device that holds nothing yet (or resuming one): insert without
    // reading or merging, and index page by page without lookups (see key::kBulkPull).
    const bool resumed = replica_.setting(key::kBulkPull) == "1";
    bool bulk = resumed || (cursor.empty() && replica_.empty());
    BulkPull bulkPull{resumed};
    if (bulk)
        for (const auto& d : store_.derived())
            d->beginBulk();
    if (progress) progress({SyncPhase::Pull, 0, 0, report.bytesSent, report.bytesReceived});
    std::int64_t expected = -1;  // records this pass will bring, as the server counted them
    bool counted = false;        // false: an older server sent no count

    // A bulk pull checkpoints the WAL on a thread and connection of its own, while pages are
    // written (the writing connection then checkpoints only what is left, now and then).
    struct Checkpointer {
        Database& writer;
        std::unique_ptr<Database> own;
        std::future<void> running;
        int heldBefore = 0;  // the writer's claim before the pull (0: none)
        Checkpointer(Database& db, bool bulk) : writer(db)
        {
            if (!bulk || writer.path().empty() || writer.path() == ":memory:") return;
            auto opened = Database::open(writer.path());
            if (!opened) return;  // the writer checkpoints as usual
            own = std::move(*opened);
            // The writer still checkpoints once the WAL passes 64 MB, so the WAL can restart
            // (a checkpoint running beside a writer never catches up with its last frames);
            // by then this thread has copied most of it.
            // The app's other connections (the rep's saves) leave it to the two of them.
            heldBefore = writer.holdsCheckpoints() ? writer.autoCheckpointPages() : 0;
            writer.claimCheckpoints(16384);
            // Nor is the WAL file cut back at each restart meanwhile (freeing and allocating
            // its blocks again costs more than the copies).
            writer.execScript("PRAGMA journal_size_limit=-1");
        }
        // Starts a passive checkpoint unless one is still running.
        void run()
        {
            if (!own ||
                (running.valid() && running.wait_for(std::chrono::seconds(0)) != std::future_status::ready))
                return;
            if (running.valid()) running.get();
            running = std::async(std::launch::async, [this] {
                try {
                    own->execScript("PRAGMA wal_checkpoint(PASSIVE)");
                } catch (const StorageError&) {
                    // Only an optimisation: what is left, the writer checkpoints after the pull.
                }
            });
        }
        ~Checkpointer()
        {
            if (!own) return;
            if (running.valid()) running.wait();
            try {
                // What is left of the WAL is copied back here, by the sync, before the app's
                // other connections checkpoint again: else the rep's next save would copy it.
                writer.execScript("PRAGMA wal_checkpoint(PASSIVE)");
                if (heldBefore > 0)
                    writer.claimCheckpoints(heldBefore);  // the app's checkpointer, as before
                else
                    writer.releaseCheckpoints();
                writer.execScript("PRAGMA journal_size_limit=16777216;");  // as Database::open sets it
            } catch (const StorageError&) {
                // Not reachable for a pragma on an open connection; never thrown from here.
            }
        }
    } checkpointer(db_, bulk);
    // The page in flight and the one before it: a page's data is freed on this thread after
    // the next page has started, not between the two (where the applying thread would wait).
    struct InFlight {
        PullResponse reply;
        BulkPage prepared;
    };
    std::array<InFlight, 2> inFlight;
    // The page in flight, if any: declared last, so it is joined before what it uses ends.
    std::future<PageResult> applying;
    std::int64_t applyingRecords = 0;
    bool applyingMore = false;
    // Waits for the page in flight and books it (rethrows what applying it threw).
    auto join = [&] {
        if (!applying.valid()) return;
        const PageResult done = applying.get();
        report.changed += done.changed;
        report.purged += done.purged;
        report.skipped += done.skipped;
        report.yielded += done.yielded;
        if (!done.skipMessage.empty()) report.errorMessage = done.skipMessage;
        received += applyingRecords;
        report.pulled += static_cast<int>(applyingRecords);
        if (progress) {
            // The server's count is exact unless records were committed during the pull; an
            // older server sends none: then one page ahead is the best guess.
            const std::int64_t ahead = received + (counted ? 1 : options_.pullLimit);
            progress({SyncPhase::Pull, received, applyingMore ? std::max(expected, ahead) : received,
                      report.bytesSent, report.bytesReceived});
        }
    };
    // A repair: pull everything again, own writes included, and take the server's state for
    // every record with nothing pending. Nothing is deleted for being absent from a reply:
    // records leave only on a purge notice, a rejection the server answered for, or a
    // revocation. Committed before the first page, so an interrupted repair resumes as one.
    auto startRepair = [&] {
        report.repaired = true;
        cursor.clear();
        full = "repair";
        received = 0;
        expected = -1;
        Transaction tx(db_);
        replica_.setSetting(tx, key::kCursor, "");
        replica_.setSetting(tx, key::kFullPull, full);
        tx.commit();
    };
    for (;;) {
        if (stopRequested(report)) {
            join();  // the page in flight commits (or fails) before the sync stops
            return false;
        }
        Exchange ex =
            call("/v1/sync/pull",
                 encode(PullRequest{deviceId, cursor, options_.pullLimit, /*countRemaining=*/expected < 0,
                                    /*full=*/!full.empty()}),
                 report);
        // Decoded while the previous page is still being applied.
        Result<PullResponse> reply = ex.ok()
                                         ? decodePullResponse(ex.response.body)
                                         : Result<PullResponse>(makeError(ErrorCode::Storage, "no reply"));
        const bool bulkPage = bulk && !report.repaired;
        BulkPage prepared;
        if (reply && bulkPage) prepared = prepareBulk(*reply);
        join();
        if (ex.response.delivered && ex.response.status == 409 && ex.error.error == "cursor_ahead" &&
            !report.repaired) {
            // The server's data is older than this device's cursor (restored from a backup):
            // everything again, and the server's state for every record with nothing pending.
            startRepair();
            continue;
        }
        if (!ex.ok()) return handleFailure(ex, report);
        if (!reply) {
            report.status = SyncStatus::Failed;
            report.errorCode = "bad_reply";
            report.errorMessage = replyError("pull", reply.error()).message;
            return false;
        }
        ++page;
        if (expected < 0) {
            counted = reply->remaining.has_value();
            expected = reply->remaining.value_or(0);
        }
        cursor = reply->cursor;
        applyingRecords = static_cast<std::int64_t>(reply->records.size());
        applyingMore = reply->more;
        BulkPull* pageBulk = bulkPage ? &bulkPull : nullptr;
        if (reply->more) {
            InFlight& next = inFlight[static_cast<std::size_t>(page % 2)];
            next.reply = std::move(*reply);
            next.prepared = std::move(prepared);
            applying = std::async(std::launch::async, [this, page, pageBulk, full, &next] {
                return applyPage(next.reply, next.prepared, pageBulk, full, page);
            });
            inFlight[static_cast<std::size_t>((page + 1) % 2)] = {};
            checkpointer.run();
            continue;
        }
        applying = std::async(std::launch::deferred,
                              [&] { return applyPage(*reply, prepared, pageBulk, full, page); });
        join();
        if (bulk) bulk = false;
        full.clear();

        if (reply->scope) {
            // The outbox and the digest read in one snapshot: an edit made during the pull
            // (or any change still waiting to be pushed) carries a stamp the server does not
            // have yet, so the digests cannot agree until it is pushed. That is no divergence:
            // the next sync pushes it and compares then.
            std::int64_t pending = 0;
            ScopeDigest local;
            {
                Transaction tx(db_);
                pending = store_.outboxCount();
                local = replica_.digest();
            }
            if (pending > 0) return true;
            if (local.count != reply->scope->count || local.hash != reply->scope->hash) {
                if (!report.repaired) {
                    startRepair();
                    continue;
                }
                // A full pass did not make the two sides equal: say so, and keep saying so
                // (stored as the last error) until a sync ends equal.
                report.status = SyncStatus::Failed;
                report.errorCode = "scope_mismatch";
                report.errorMessage =
                    "After pulling everything again this device holds " + std::to_string(local.count) +
                    " records in scope and the server " + std::to_string(reply->scope->count) +
                    (local.count == reply->scope->count ? " (with different stamps)" : "") +
                    "; nothing was deleted. Run 'fieldbook-tool check' and contact support.";
                return false;
            }
        }
        return true;
    }
}

void SyncEngine::finish(SyncReport& report)
{
    if (report.status == SyncStatus::Revoked) return;  // wiped; the reason is already stored
    Transaction tx(db_);
    // Attachments no record names any more (accounts that left the scope) and the least used
    // beyond the cache's budget.
    const std::vector<std::string> dropped = blobs::trim(tx, options_.blobCacheBytes);
    if (report.ok()) replica_.setSetting(tx, key::kLastSyncMs, std::to_string(clock_.nowMs()));
    replica_.setSetting(tx, key::kLastErrorCode, report.ok() ? std::string() : report.errorCode);
    replica_.setSetting(tx, key::kLastErrorMessage, report.ok() ? std::string() : report.errorMessage);
    tx.commit();
    blobs::removeUnlisted(db_, dropped);
}

SyncReport SyncEngine::syncOnce(const ProgressFn& progress, SyncCancel* cancel)
{
    SyncReport report;
    // The token is read once: while a pulled page is applied on the helper thread, the engine
    // thread must not touch the database.
    token_ = loadToken();
    if (token_.empty()) {
        report.status = SyncStatus::SignedOut;
        report.errorCode = "unauthenticated";
        report.errorMessage = "This device is not signed in.";
        return report;
    }
    cancel_ = cancel;
    if (cancel_) cancel_->attach(&transport_);
    // Detached (and a late abort forgotten) on every way out, exceptions included.
    struct Detach {
        SyncEngine& engine;
        ~Detach()
        {
            if (engine.cancel_) engine.cancel_->detach();
            engine.cancel_ = nullptr;
        }
    } detach{*this};
    if (renewToken(report) && push(report, progress) && pull(report, progress) &&
        uploadBlobs(report, progress))
        backoff_.reset();
    finish(report);
    return report;
}

namespace {

// A reply names the blobs asked about, in order, with their sizes and a plausible offset.
bool answers(const std::vector<BlobState>& reply, const std::vector<BlobState>& asked)
{
    if (reply.size() != asked.size()) return false;
    for (std::size_t i = 0; i < reply.size(); ++i)
        if (reply[i].digest != asked[i].digest || reply[i].size != asked[i].size || reply[i].received < 0 ||
            reply[i].received > asked[i].size)
            return false;
    return true;
}

}  // namespace

bool SyncEngine::uploadBlobs(SyncReport& report, const ProgressFn& progress)
{
    const std::vector<blobs::Pending> pending = blobs::pendingUploads(db_);
    report.blobsWaiting = static_cast<int>(pending.size());
    if (pending.empty()) return true;
    // Where the server got to with each (a drop at any byte of an earlier sync kept what came).
    std::vector<BlobState> states;
    for (std::size_t from = 0; from < pending.size(); from += kMaxBlobStatus) {
        std::vector<BlobState> asked;
        for (std::size_t i = from; i < std::min(pending.size(), from + kMaxBlobStatus); ++i)
            asked.push_back({pending[i].digest, pending[i].size, 0, false, false, {}});
        if (stopRequested(report)) return false;
        const Exchange ex = call("/v1/blobs/status", encodeBlobStatusRequest(asked), report);
        if (!ex.response.delivered || ex.response.status != 200) return handleFailure(ex, report);
        auto reply = decodeBlobStates(ex.response.body);
        if (!reply || !answers(*reply, asked)) {
            report.status = SyncStatus::Failed;
            report.errorCode = "bad_reply";
            report.errorMessage = "The server's blob status could not be read.";
            return false;
        }
        states.insert(states.end(), reply->begin(), reply->end());
    }
    // Complete there already (another device sent the same bytes, or a reply was lost): done.
    // Not referenced: its record did not reach the server (rejected, or still in the outbox
    // after a partial push); it waits for a later sync.
    struct Upload {
        std::string digest;
        std::int64_t size = 0;
        std::int64_t offset = 0;
    };
    std::deque<Upload> uploads;
    std::int64_t total = 0;
    std::vector<std::string> refused;
    {
        Transaction tx(db_);
        for (const BlobState& s : states) {
            if (s.complete) {
                blobs::markUploaded(tx, s.digest);
                ++report.blobsUploaded;
            } else if (!s.referenced && !blobs::named(db_, s.digest)) {
                // No record here or at the server names it (its record was rejected, or the
                // file was adopted after a restore and belongs to nothing): nothing needs it.
                blobs::markUploaded(tx, s.digest);
            } else if (s.referenced && s.error.empty()) {
                uploads.push_back({s.digest, s.size, s.received});
                total += s.size - s.received;
            } else if (!s.error.empty()) {
                refused.push_back(s.digest.substr(0, 12) + ": " + s.error);
            }
        }
        tx.commit();
    }
    std::int64_t done = 0;
    if (progress) progress({SyncPhase::Upload, 0, total, report.bytesSent, report.bytesReceived});
    std::map<std::string, int> offsetRetries;
    while (!uploads.empty()) {
        // One body: parts in order until the batch is full (a larger blob goes alone).
        std::vector<BlobPart> parts;
        qsizetype bytes = 0;
        while (!uploads.empty()) {
            const Upload& next = uploads.front();
            const std::int64_t length = next.size - next.offset;
            if (!parts.empty() && bytes + length > options_.blobBatchBytes) break;
            const std::optional<std::string> whole = blobs::read(db_, next.digest);
            if (whole && static_cast<std::int64_t>(whole->size()) == next.size) {
                parts.push_back({next.digest, next.size, next.offset,
                                 QByteArray(whole->data() + next.offset, static_cast<qsizetype>(length))});
                bytes += length;
            } else {
                // Its file is gone or damaged (storage trouble): no device can ever send these
                // bytes. The entry goes (it would wait for ever); the record stays, and other
                // devices are told the picture was not uploaded.
                qCWarning(lcEngine) << "the bytes of attachment" << QString::fromStdString(next.digest)
                                    << "are missing on this device; it cannot be uploaded";
                Transaction tx(db_);
                blobs::forgetUpload(tx, next.digest);
                tx.commit();
            }
            uploads.pop_front();
        }
        if (parts.empty()) continue;
        if (stopRequested(report)) return false;
        TransportRequest r = request("POST", "/v1/blobs/upload", true);
        r.headers.prepend({"Content-Type", kBlobContentType});
        r.body = encodeBlobParts(parts);
        r.compressible = false;
        const Exchange ex = send(r, report);
        if (!ex.response.delivered || ex.response.status != 200) return handleFailure(ex, report);
        auto reply = decodeBlobStates(ex.response.body);
        std::vector<BlobState> sent;
        sent.reserve(parts.size());
        for (const BlobPart& p : parts)
            sent.push_back({p.digest, p.size, 0, false, false, {}});
        if (!reply || !answers(*reply, sent)) {
            report.status = SyncStatus::Failed;
            report.errorCode = "bad_reply";
            report.errorMessage = "The server's answer to an upload could not be read.";
            return false;
        }
        Transaction tx(db_);
        for (std::size_t i = 0; i < reply->size(); ++i) {
            const BlobState& s = (*reply)[i];
            report.blobBytesSent += parts[i].bytes.size();
            done += parts[i].bytes.size();
            if (s.complete) {
                blobs::markUploaded(tx, s.digest);
                ++report.blobsUploaded;
            } else if (s.error == "offset" && ++offsetRetries[s.digest] <= 2) {
                // Another device (or a lost reply) moved the server on: resume from there.
                uploads.push_back({s.digest, parts[i].size, s.received});
                total += s.size - s.received;
            } else if (!s.error.empty()) {
                refused.push_back(s.digest.substr(0, 12) + ": " + s.error);
            }
        }
        tx.commit();
        if (progress) progress({SyncPhase::Upload, done, total, report.bytesSent, report.bytesReceived});
    }
    report.blobsWaiting = static_cast<int>(blobs::pendingUploads(db_).size());
    if (!refused.empty()) {
        // The pictures stay waiting; the sync says why and is tried again later.
        report.status = SyncStatus::Retryable;
        report.errorCode = "upload_refused";
        report.errorMessage =
            "The server did not take " + std::to_string(refused.size()) + " picture(s): " + refused.front();
        report.retryAfterMs = backoff_.next();
        return false;
    }
    return true;
}

Result<void, SignInError> SyncEngine::fetchBlob(const std::string& digest)
{
    const auto failed = [](ErrorCode code, std::string reason, std::string message) {
        SignInError e;
        e.code = code;
        e.reason = std::move(reason);
        e.message = std::move(message);
        return e;
    };
    if (!blobs::isDigest(digest))
        return failed(ErrorCode::BadFormat, "bad_request", "not an attachment digest");
    if (blobs::read(db_, digest)) return {};
    token_ = loadToken();
    if (token_.empty()) return failed(ErrorCode::Storage, "unauthenticated", "This device is not signed in.");
    SyncReport report;
    const Exchange ex = send(request("GET", "/v1/blobs/" + QByteArray::fromStdString(digest), true), report);
    if (!ex.response.delivered)
        return failed(ErrorCode::Storage, "network",
                      "No reply from the server: " + ex.response.networkError.toStdString());
    if (ex.response.status != 200) {
        std::string reason =
            ex.error.error.empty() ? "http_" + std::to_string(ex.response.status) : ex.error.error;
        return failed(ex.response.status == 404 ? ErrorCode::NotFound : ErrorCode::Storage, std::move(reason),
                      ex.error.message);
    }
    const std::string bytes = ex.response.body.toStdString();
    std::vector<std::string> dropped;
    {
        Transaction tx(db_);
        if (auto stored = blobs::addFetched(tx, digest, bytes, clock_.nowMs()); !stored)
            return failed(stored.error().code, "bad_reply", stored.error().message);
        dropped = blobs::trim(tx, options_.blobCacheBytes);
        tx.commit();
    }
    blobs::removeUnlisted(db_, dropped);
    return {};
}

}  // namespace fb::sync
