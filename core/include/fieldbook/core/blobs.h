// Attachments' bytes on the device: content-addressed files beside the database.
//
// A photo or a signature is a record (`attachment`, synced like any other) whose `blob` field
// names its bytes by their SHA-256 (64 lower-case hex digits). The bytes are not in the
// record: they live in the directory `<database file>.blobs/`, one file per digest, and travel
// separately, after the records (docs/sync-protocol.md, "Attachments").
//
// The table `blob` (device-local, storage step 12) says which files the device keeps and why:
// - `upload = 1`: made here and not yet confirmed complete by the server. Never evicted; the
//   row is written in the transaction of the record that references it, so a record and the
//   promise to upload its bytes commit together.
// - `upload = 0`: confirmed at the server, or fetched from it. A cache entry: evicted least
//   recently used first once the cache passes its budget, and at once when no record on the
//   device references it any more (an account left the rep's scope).
//
// Files are written before the row (to a temporary name, flushed, renamed, the directory
// flushed), inside the write transaction of the row, so a row always has its file. Files are
// removed only under the write lock and only when no row names them (removeUnlisted after a
// trim, removeAll after a wipe); a file without a row found at start (a database restored from
// an older copy, a crash after a wipe) is adopted as waiting for upload, never thrown away
// unchecked (adoptOrphans). Reading needs no transaction: a digest names one content for ever.
//
// Threading: the functions take the connection they work on; any thread with its own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fieldbook/core/database.h"
#include "fieldbook/core/result.h"

namespace fb::blobs {

// The largest attachment, in bytes (the protocol's limit too: sync::kMaxBlobBytes).
inline constexpr std::int64_t kMaxBytes = std::int64_t{4} * 1024 * 1024;
// What the cache of attachments keeps by default (the app's setting may change it).
inline constexpr std::int64_t kDefaultCacheBytes = std::int64_t{200} * 1024 * 1024;

// Lower-case hex SHA-256 of `bytes`.
std::string digestOf(std::string_view bytes);
// Whether `text` is a digest as records carry it (64 lower-case hex digits).
bool isDigest(std::string_view text);

// The directory of the database's attachments ("<path>.blobs"; for an in-memory database a
// directory of this process under the system's temporary directory).
std::string directoryOf(const Database& db);
std::string pathOf(const Database& db, std::string_view digest);

struct BlobRef {
    std::string digest;
    std::int64_t size = 0;
};

// Stores `bytes` made on this device and records that they wait for upload, in `tx` (the
// transaction of the record that will name them). Storing the same bytes twice is one file.
Result<BlobRef> add(Transaction& tx, std::string_view bytes, std::int64_t nowMs);

// Stores bytes fetched from the server as a cache entry, after checking they are what
// `digest` names. Refuses anything else (ErrorCode::Conflict) and writes nothing then.
Result<void> addFetched(Transaction& tx, std::string_view digest, std::string_view bytes, std::int64_t nowMs);

// The bytes, or nullopt when this device does not hold them, or the file no longer matches its
// digest (then fetch them: addFetched rewrites the file). Writes nothing (a reader's connection).
std::optional<std::string> read(Database& db, std::string_view digest);
bool has(Database& db, std::string_view digest);
// Marks an entry used now (for the cache's least-recently-used order).
void touch(Transaction& tx, std::string_view digest, std::int64_t nowMs);

struct Pending {
    std::string digest;
    std::int64_t size = 0;
};
// What waits for upload, oldest first.
std::vector<Pending> pendingUploads(Database& db);
// The server holds these bytes complete: the entry becomes a cache entry.
void markUploaded(Transaction& tx, std::string_view digest);

struct CacheUse {
    std::int64_t cachedBytes = 0;   // evictable entries
    std::int64_t pendingBytes = 0;  // waiting for upload
    int cached = 0;
    int pending = 0;
};
CacheUse use(Database& db);

// Drops cache entries no record references, then the least recently used ones until the
// cache holds at most `budgetBytes`. Entries waiting for upload are never dropped. Returns
// the digests dropped; pass them to removeUnlisted() after `tx` commits.
std::vector<std::string> trim(Transaction& tx, std::int64_t budgetBytes);

// Forgets every entry (a wipe: the device's data is gone, and with it what waited for
// upload). The files go with removeAll() once the wipe committed.
void forgetAll(Transaction& tx);

// Removes the files of `digests` (what trim() dropped) that no row names, after the trim's
// transaction committed. Returns how many were removed.
int removeUnlisted(Database& db, const std::vector<std::string>& digests);
// After a wipe committed: removes every file no row names (all of them), and leftovers.
int removeAll(Database& db);
// At start: a file named by a digest, holding exactly those bytes, that no row names becomes
// an entry waiting for upload (the next sync uploads it if a record needs it, and otherwise
// lets it go); temporary leftovers and damaged files are removed. Returns how many were adopted.
int adoptOrphans(Database& db, std::int64_t nowMs);

// Whether the bytes are here: a row, and its file of the right size (cheap, no hashing; read()
// checks the bytes).
bool present(Database& db, std::string_view digest);
// Whether a record on this device names the digest.
bool named(Database& db, std::string_view digest);
// Drops an entry waiting for upload that can never be uploaded (its bytes are gone).
void forgetUpload(Transaction& tx, std::string_view digest);

}  // namespace fb::blobs
