// Sync protocol version 1 (docs/sync-protocol.md): message types and their JSON codec,
// shared by the client engine and fieldbook-server so both read and write the same wire
// format. Field values are encoded by their declared type from the schema registry.
// Decoders are strict: anything not in the documented shape is an Error whose message
// names the offending member (the server answers it with 400 bad_request).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>

#include "fieldbook/core/merge.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/core/result.h"

namespace fb::sync {

inline constexpr int kProtocolVersion = 2;
inline constexpr int kMaxPushChanges = 500;
inline constexpr int kMaxPullLimit = 2000;
inline constexpr qsizetype kMaxBodyBytes = qsizetype{8} * 1024 * 1024;
inline constexpr const char* kProtocolHeader = "X-Fieldbook-Protocol";
inline constexpr const char* kSchemaHeader = "X-Fieldbook-Schema";

struct Change {
    std::int64_t seq = 0;
    std::string entity;
    std::string id;
    std::string op;  // "create" or "update"
    Fields fields;
    std::string hlc;
    // Decoding: why this change cannot be applied (an unknown entity or field, a value of the
    // wrong JSON type, a bad op, a malformed hlc, an id that is not a lower-case UUID). The
    // server rejects such a change alone (push rule 4); the rest of the batch goes on.
    std::string problem;
};

struct PushRequest {
    std::string deviceId;
    std::vector<Change> changes;
    std::string cursor;  // the device's pull cursor: what it holds (for echo suppression)
};

struct PulledRecord {
    std::string entity;
    std::string id;
    Fields fields;  // explicit NULLs allowed (cleared fields)
    // The fields' stamps as on the wire: `hlc` is the stamp of every field that `clocks` does
    // not list. With an empty `hlc` (how the server builds records), `clocks` lists them all.
    Clocks clocks;
    std::string hlc;
    // Sync schema 7: the user an account is filed under (account records only; "" when the
    // server did not say). Not a field: never pushed, not in the digest.
    std::string owner;

    // The fields with every field's stamp.
    RecordState state() const { return RecordState{fields, expandClocks(fields, hlc, clocks)}; }
    // The latest of its stamps.
    std::string maxStamp() const { return std::max(hlc, fb::maxStamp(clocks)); }
};

struct ChangeResult {
    std::int64_t seq = 0;
    std::string outcome;  // "applied", "merged", "rejected"
    std::vector<std::string> lost;
    Clocks clocks;
    bool clamped = false;
    std::string code;     // for rejected: validation, out_of_scope, not_found, read_only, conflict
    std::string message;  // for rejected
    // For rejected: what the device reverts its copy to (docs/sync-protocol.md, "rejected").
    // `revert` false: the server said nothing (an older server); the device keeps its copy.
    // `revert` true with `current`: the server's state of the record; without: the server
    // holds no such record in the device's scope, and the device removes its copy.
    bool revert = false;
    std::optional<PulledRecord> current;
};

struct PushResponse {
    std::int64_t lastSeq = 0;
    std::vector<ChangeResult> results;
    std::int64_t serverTimeMs = 0;
};

struct PullRequest {
    std::string deviceId;
    std::string cursor;
    int limit = 500;
    bool countRemaining = false;  // ask for `remaining` (the first request of a sync)
    // A full pass (from an empty cursor: a new device, a user switch, a repair, and every
    // later page of such a pass): the device's own writes are sent too (no echo suppression).
    bool full = false;
};

// Sync schema 7: a user the viewer may see records of, by name (the last page's `team`).
struct TeamEntry {
    std::string id;
    std::string name;
    std::string role;
};

struct PullResponse {
    std::vector<PulledRecord> records;
    std::vector<std::string> purge;
    std::string cursor;
    bool more = false;
    std::optional<ScopeDigest> scope;            // only on the last page
    std::optional<std::int64_t> remaining;       // if asked: records in scope after the request's cursor
    std::optional<std::vector<TeamEntry>> team;  // only on the last page (sync schema 7)
};

struct SignInRequest {
    std::string login;
    std::string password;
    std::string deviceId;
    std::string deviceName;
};

struct UserInfo {
    std::string id;
    std::string login;
    std::string displayName;
    std::string role;  // "rep", "manager" or "admin"
    std::string team;  // the team's name ("" when the user has none)
};

struct SignInResponse {
    std::string token;
    UserInfo user;
    std::int64_t serverTimeMs = 0;
    std::int64_t lastSeq = 0;
    std::int64_t tokenExpiresInMs = 0;  // the token's lifetime from now; renew after half of it
                                        // (0: the server did not say; it has no expiry)
};

// POST /v1/auth/renew: a new token for the caller's device (the old one stays valid until
// the new one is first used or it expires).
struct RenewResponse {
    std::string token;
    std::int64_t tokenExpiresInMs = 0;
    std::int64_t serverTimeMs = 0;
};

// The body of every 4xx/5xx response.
struct ErrorBody {
    std::string error;  // bad_json, bad_request, unsupported_protocol, unsupported_schema,
                        // bad_credentials, unauthenticated, device_revoked, not_found,
                        // sequence_gap, too_large, busy, internal
    std::string message;
    std::int64_t expected = 0;  // for sequence_gap: the seq the server expects next
};

// What QJsonDocument lets through but JSON (RFC 8259) forbids: raw control characters
// (U+0000..U+001F) inside strings, and \u escapes of lone surrogates (Qt stores them as '?').
// The server answers either with 400 bad_json before reading the body.
Result<void> checkJsonText(const QByteArray& body);

// GET /v1/schema: the registry as published (docs/sync-protocol.md), generated from the
// declarations: protocol and schema versions, and per entity its merge policy, scope kind,
// the field tying it to its account, and every field with type, required, limits and values.
QByteArray describeSchema();

QByteArray encode(const PushRequest& m);
QByteArray encode(const PushResponse& m);
QByteArray encode(const PullRequest& m);
QByteArray encode(const PullResponse& m);
QByteArray encode(const SignInRequest& m);
QByteArray encode(const SignInResponse& m);
QByteArray encode(const RenewResponse& m);
QByteArray encode(const ErrorBody& m);

Result<PushRequest> decodePushRequest(const QByteArray& body);
Result<PushResponse> decodePushResponse(const QByteArray& body);
Result<PullRequest> decodePullRequest(const QByteArray& body);
Result<PullResponse> decodePullResponse(const QByteArray& body);
Result<SignInRequest> decodeSignInRequest(const QByteArray& body);
Result<SignInResponse> decodeSignInResponse(const QByteArray& body);
Result<RenewResponse> decodeRenewResponse(const QByteArray& body);
Result<ErrorBody> decodeErrorBody(const QByteArray& body);

// A record's fields as JSON by declared type (unknown fields are an error), and back.
Result<QJsonObject> fieldsToJson(std::string_view entity, const Fields& fields);
Result<Fields> fieldsFromJson(std::string_view entity, const QJsonObject& object);
QJsonObject clocksToJson(const Clocks& clocks);
Result<Clocks> clocksFromJson(const QJsonObject& object);

// A pulled record's stamps travel compacted (core/merge.h): "hlc" plus the stamps that differ.
using WireClocks = fb::CompactClocks;
using fb::compactClocks;
using fb::expandClocks;

// gzip (RFC 1952) for request and response bodies, at a zlib level (1 fastest .. 9 smallest).
// Servers answer at kResponseGzipLevel: pull pages are large and the device is waiting.
inline constexpr int kResponseGzipLevel = 1;
QByteArray gzip(const QByteArray& data, int level = 6);
// Refuses output larger than `maxBytes` (a zip bomb is a 413, not an out-of-memory).
Result<QByteArray> gunzip(const QByteArray& data, qsizetype maxBytes = kMaxBodyBytes);

}  // namespace fb::sync
