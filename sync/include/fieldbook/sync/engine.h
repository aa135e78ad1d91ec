// The client sync engine (docs/sync-protocol.md): sign-in, then push the outbox in order
// and pull the changes in the device's scope, each reply applied in one local transaction
// so that a drop, a crash or a retry at any point loses nothing and doubles nothing.
//
// Threading and ownership: the engine borrows everything it is given and runs synchronously
// on the caller's thread — in the app the sync worker thread, with the device's writer
// connection of its own (WAL lets the UI's connection keep working; a write of the UI and a
// page commit simply serialise). It needs no Qt event loop (HttpTransport runs its own).
// One engine per device database; not thread-safe.
//
// The engine never sleeps: a retryable failure arms the Backoff and the report says when to
// try again; the app's scheduler waits.
//
// Cancelling: syncOnce() takes an optional SyncCancel, which another thread (the app's UI)
// may trigger at any time. The engine checks it before every exchange, and the exchange in
// flight is aborted through Transport::abort(). Stopping there loses nothing: the outbox is
// trimmed only in the transaction that records a push reply, and a pulled page commits with
// its cursor, so the next sync carries on from what was committed.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_set>

#include "fieldbook/core/blobs.h"
#include "fieldbook/core/clock.h"
#include "fieldbook/core/database.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/core/result.h"
#include "fieldbook/core/secretstore.h"
#include "fieldbook/core/store.h"
#include "fieldbook/sync/backoff.h"
#include "fieldbook/sync/blob_protocol.h"
#include "fieldbook/sync/protocol.h"
#include "fieldbook/sync/transport.h"

namespace fb::sync {

// Keys of the engine's sync_state entries (Replica::setting).
namespace key {
inline constexpr const char* kServerUrl = "server_url";  // where the device syncs (the app's form)
// Where the token was kept before it moved to the SecretStore (read once to move it out).
inline constexpr const char* kToken = "token";
// When (this device's clock, ms) the token is due for renewal: half its lifetime after it was
// issued. Empty for a token from before expiry existed: renewed at the next sync.
inline constexpr const char* kTokenRenewAtMs = "token_renew_at_ms";
inline constexpr const char* kUserId = "user_id";
inline constexpr const char* kUserLogin = "user_login";
inline constexpr const char* kUserName = "user_display_name";
inline constexpr const char* kUserRole = "user_role";
inline constexpr const char* kUserTeam = "user_team";  // the team's name, for the Me tab
inline constexpr const char* kServerLastSeq = "server_last_seq";
inline constexpr const char* kCursor = "cursor";
// The sync schema the cursor was made under: a cursor from an older build (fewer entities or
// fields) passed records the server left out for it, so the next pull is a full pass.
inline constexpr const char* kCursorSchema = "cursor_schema";
inline constexpr const char* kLastSyncMs = "last_sync_ms";
// Why the last sync did not succeed: the protocol error code (SyncReport::errorCode, e.g.
// "network", "device_revoked", "cancelled") and the English detail for logs; both empty
// after a successful sync. (Before schema 5 one key "last_error" held "code: detail".)
inline constexpr const char* kLastErrorCode = "last_error_code";
inline constexpr const char* kLastErrorMessage = "last_error_message";
// "1" while a bulk (initial) pull is under way: records are inserted without the search
// index, which is rebuilt in the transaction of the last page. Committed with the first
// page, so a pull interrupted after it resumes in bulk mode and still ends with a rebuild.
inline constexpr const char* kBulkPull = "bulk_pull";
// Set while a full pass is under way (one that began from an empty cursor: "1" for a new
// device or a user switch, "repair" for a repair after a digest mismatch), committed with each
// page and cleared with the last, so a pass interrupted between pages resumes as full: every
// page asks for the device's own writes too (PullRequest::full).
inline constexpr const char* kFullPull = "full_pull";
}  // namespace key

struct SignInResult {
    UserInfo user;
    std::int64_t serverLastSeq = 0;  // the last outbox seq the server holds for this device
    std::int64_t serverTimeMs = 0;
};

// Why a sign-in failed. `code` is ErrorCode::Conflict for bad credentials and
// ErrorCode::Storage for everything else; `reason` says which, as the protocol names it:
// "bad_credentials", "device_revoked" (the device was wiped and takes a new id, so signing in
// again may succeed), "unsupported_protocol", "unsupported_schema", "busy", "internal", any
// other error code of docs/sync-protocol.md — or, without one, "network" (no reply),
// "server" (a 5xx without an error body), "http_<status>" (another answer without one, e.g. a
// web server that is not fieldbook-server) or "bad_reply" (a 200 that could not be read).
struct SignInError : Error {
    std::string reason;
};

enum class SyncStatus {
    Ok,         // pushed and pulled everything
    Retryable,  // network failure, 5xx or 429: try again after report.retryAfterMs
    SignedOut,  // 401: no or unknown token; the rep must sign in again
    Revoked,    // 403 device_revoked: local data was wiped
    Failed,     // anything else (a 4xx that means a bug, a broken reply): not retried
    Cancelled,  // stopped through SyncCancel; nothing is lost, the next sync carries on
};
const char* syncStatusName(SyncStatus status);

// Upload: the bytes of attachments made here (after the records: done and total in bytes).
enum class SyncPhase { Push, Pull, Upload };

struct SyncProgress {
    SyncPhase phase = SyncPhase::Push;
    std::int64_t done = 0;
    std::int64_t total = 0;  // push: exact; pull: an estimate (grows when more pages come)
    std::int64_t bytesSent = 0;
    std::int64_t bytesReceived = 0;
};
// Called on the engine's thread between exchanges (never inside a local transaction).
using ProgressFn = std::function<void(const SyncProgress&)>;

struct SyncReport {
    SyncStatus status = SyncStatus::Ok;
    int pushed = 0;                  // outbox entries the server answered for
    int applied = 0;                 //   of which every field won
    int merged = 0;                  //   of which some fields lost to later writes (kept as overridden)
    int rejected = 0;                //   of which were rejected (kept in sync_rejected)
    int pulled = 0;                  // records received
    int changed = 0;                 //   of which changed something locally
    int purged = 0;                  // accounts removed because they left the rep's scope
    int skipped = 0;                 // pulled records this device could not store (see errorMessage)
    bool repaired = false;           // the scope digest differed and everything was pulled again
    int yielded = 0;                 // times a page committed early to let another writer of the app in
    int blobsUploaded = 0;           // attachments the server now holds complete
    std::int64_t blobBytesSent = 0;  // attachment bytes sent (without a part's header line)
    int blobsWaiting = 0;            // attachments still to upload after this sync
    int roundTrips = 0;
    std::int64_t bytesSent = 0;
    std::int64_t bytesReceived = 0;
    std::int64_t retryAfterMs = 0;  // for Retryable: when the scheduler should try again
    std::string errorCode;          // protocol error code ("network", "busy", "device_revoked",
                                    // "cancelled", ...)
    std::string errorMessage;       // English sentence for logs; the UI maps errorCode

    bool ok() const { return status == SyncStatus::Ok; }
};

// The token in what a SecretStore keeps for the engine, if it was issued for this device id and
// user; "" otherwise (nothing kept, or left by another device or user).
std::string tokenFrom(const std::string& kept, const std::string& deviceId, const std::string& userId);

// Stops one running sync from another thread. Make a new one for every syncOnce() call
// (a used one stays cancelled). Thread-safe; the engine borrows it for the call.
class SyncCancel {
public:
    // Stops the sync before its next exchange and aborts the exchange in flight. Idempotent;
    // before the sync starts it stops the sync before its first exchange.
    void cancel();
    bool cancelled() const { return cancelled_.load(); }

private:
    friend class SyncEngine;
    // The engine's transport while the sync runs, so cancel() can abort the exchange in
    // flight; detaching clears an abort that came too late to stop anything.
    void attach(Transport* transport);
    void detach();

    std::atomic<bool> cancelled_{false};
    std::mutex mutex_;
    Transport* transport_ = nullptr;
};

class SyncEngine {
public:
    struct Options {
        int pushBatch = kMaxPushChanges;
        int pullLimit = kMaxPullLimit;
        int schemaVersion = 0;  // 0: the build's schema::currentVersion()
        // Called inside each pulled page's transaction, before it commits. For crash tests
        // only: throwing from it abandons the page exactly as a dying process would.
        std::function<void(int page)> beforePageCommit;
        // Where the token is kept (not owned; it outlives the engine). Null: a file beside the
        // database (tokenFileStoreFor).
        SecretStore* tokenStore = nullptr;
        // What the cache of attachments fetched or uploaded may hold (blobs::trim after each
        // sync and fetch); attachments waiting for upload are never evicted.
        std::int64_t blobCacheBytes = blobs::kDefaultCacheBytes;
        // What one upload body carries at most (tests make it small to cut many bodies).
        qsizetype blobBatchBytes = kBlobBatchBytes;
    };

    SyncEngine(Database& db, Store& store, Replica& replica, Transport& transport, const Clock& clock,
               Backoff& backoff);
    SyncEngine(Database& db, Store& store, Replica& replica, Transport& transport, const Clock& clock,
               Backoff& backoff, Options options);

    // Signs in this device; keeps the token in the vault, user and the server's last_seq in
    // sync_state.
    // On failure SignInError says why (its `reason`); a revoked device is wiped first, as
    // by a sync.
    Result<SignInResult, SignInError> signIn(const std::string& login, const std::string& password,
                                             const std::string& deviceName);
    bool signedIn();
    // Tells the server to drop this device's token (best effort: without a connection the
    // token simply stays until the administrator revokes the device), then forgets it
    // locally. Wiping the rep's data is the caller's decision.
    void signOut();

    // One sync: push the whole outbox, then pull until the last page (repairing once if the
    // scope digest differs). Never throws for network or server trouble; see SyncReport.
    // With `cancel`, another thread may stop it (SyncStatus::Cancelled).
    SyncReport syncOnce(const ProgressFn& progress = {}, SyncCancel* cancel = nullptr);

    // Fetches the bytes of an attachment another device made, when it is opened, into the
    // local cache (blobs::addFetched, then trimmed to the budget). Ok at once when they are
    // here already. Errors: NotFound (reason "not_found": no record in scope names it;
    // "not_uploaded": its device has not finished uploading it), Storage (reason "network",
    // "server", "unauthenticated", ...). Never on the thread of a running syncOnce().
    Result<void, SignInError> fetchBlob(const std::string& digest);

private:
    struct Exchange;
    struct PageResult;
    // `bulk`: an initial sync's page, its rows and derived data prepared on the engine
    // thread (prepareBulk) and inserted with the derived data's bulk calls; null otherwise.
    struct BulkPull;
    struct BulkPage;
    BulkPage prepareBulk(PullResponse& reply);
    // `full`: the page belongs to a full pass ("1" or "repair", see key::kFullPull), "" otherwise.
    PageResult applyPage(PullResponse& reply, BulkPage& prepared, BulkPull* bulk, const std::string& full,
                         int page);
    Exchange call(const char* path, const QByteArray& body, SyncReport& report, bool authenticated = true);
    Exchange send(const TransportRequest& request, SyncReport& report);
    TransportRequest request(const QByteArray& method, const QByteArray& path, bool authenticated) const;
    bool handleFailure(const Exchange& ex, SyncReport& report);
    // True (and the report says Cancelled) when the running sync was asked to stop.
    bool stopRequested(SyncReport& report);
    // A merged push outcome: keeps the rep's values of the lost fields (Replica::overridden).
    void keepOverridden(Transaction& tx, const OutboxEntry& entry, const ChangeResult& result);
    // At the start of a sync, once half the token's lifetime has passed: a new token
    // (POST /v1/auth/renew). False (the sync stops, as classified in the report) only when
    // the server refuses the device (401/403); any other failure keeps the old token, which
    // is still valid, and the next sync tries again.
    bool renewToken(SyncReport& report);
    // Keeps the token in the vault, bound to this device id and user, and when to renew it
    // in `tx`. The vault is written first: a crash before `tx` commits leaves a token bound
    // to what the database does not say, which loadToken() ignores.
    Result<void> storeToken(Transaction& tx, const std::string& token, std::int64_t expiresInMs,
                            const std::string& deviceId, const std::string& userId);
    // The token kept for this device id and user, or "" (signed out). Moves a token kept in
    // sync_state by an older version into the vault.
    std::string loadToken();
    void forgetToken();
    bool push(SyncReport& report, const ProgressFn& progress);
    // The server holds more changes of this device than it ever numbered (`serverLastSeq`
    // from a push or sign-in reply): the database was restored from an older copy. Numbers
    // what waits after the server's and makes the next pull send this device's own writes
    // too (it lacks those made after the copy, and a later local edit of the same record would
    // hide that from the digest).
    void catchUpAfterRestore(Transaction& tx, std::int64_t serverLastSeq);
    bool pull(SyncReport& report, const ProgressFn& progress);
    // After the records: the bytes of the attachments made here, resumed where the server got
    // to (its status), in bodies of at most Options::blobBatchBytes.
    bool uploadBlobs(SyncReport& report, const ProgressFn& progress);
    void finish(SyncReport& report);

    Database& db_;
    Store& store_;
    Replica& replica_;
    Transport& transport_;
    const Clock& clock_;
    Backoff& backoff_;
    Options options_;
    std::unique_ptr<SecretStore> ownVault_;  // when options_ names none
    SecretStore* vault_ = nullptr;
    std::string token_;             // the device token, as read when the current exchange began
    SyncCancel* cancel_ = nullptr;  // during syncOnce() only
};

}  // namespace fb::sync
