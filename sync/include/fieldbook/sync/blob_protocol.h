// Attachments on the wire (docs/sync-protocol.md, "Attachments"): the bytes a record names by
// their SHA-256 travel apart from it, after the records of the same sync.
//
// - POST /v1/blobs/status (JSON): which of these digests the server holds, how far.
// - POST /v1/blobs/upload (binary, Content-Type application/x-fieldbook-blobs): parts, each a
//   header line "<sha256> <size> <offset> <length>\n" and `length` bytes of the blob from
//   `offset`. The server keeps every byte that arrives, also of a body cut short, so a drop at
//   any byte resumes from where the server got to (the status call says where).
// - GET /v1/blobs/<sha256>: the bytes, for a device whose scope holds a record naming them;
//   `Range: bytes=N-` resumes a download.
// Shared by the client engine and fieldbook-server. Decoders are strict (an Error names what
// is wrong), as those of protocol.h.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <QByteArray>

#include "fieldbook/core/result.h"

namespace fb::sync {

// The largest attachment (the device's blobs::kMaxBytes).
inline constexpr std::int64_t kMaxBlobBytes = std::int64_t{4} * 1024 * 1024;
// At most this many digests in one status request.
inline constexpr int kMaxBlobStatus = 500;
// What a client puts in one upload body at most (a single larger blob goes alone): small enough
// for progress to move and a drop to cost one request, large enough that the round trip after
// each body costs little on a slow link (2 MiB take 17 s at 1 Mbit/s; a 300 ms round trip is 2%).
inline constexpr qsizetype kBlobBatchBytes = qsizetype{2} * 1024 * 1024;
inline constexpr const char* kBlobContentType = "application/x-fieldbook-blobs";

struct BlobPart {
    std::string digest;       // 64 lower-case hex digits
    std::int64_t size = 0;    // the whole blob's
    std::int64_t offset = 0;  // where `bytes` start in it
    QByteArray bytes;
};

// What the server holds of one blob: a status request names `digest` and `size`; a reply adds
// `received` (bytes held from the start; == size once complete and verified), `complete`,
// `referenced` (a record names it: the server takes no bytes nobody needs) and, for a part it
// refused, `error`: "offset" (the part did not start at `received`), "hash_mismatch" (the
// bytes were not those of the digest: all of them were dropped), "not_referenced", "too_large"
// (size over kMaxBlobBytes) or "size" (a size other than the one the server holds).
struct BlobState {
    std::string digest;
    std::int64_t size = 0;
    std::int64_t received = 0;
    bool complete = false;
    bool referenced = false;
    std::string error;
};

QByteArray encodeBlobParts(const std::vector<BlobPart>& parts);
// `cut`: the body ended early (the connection dropped): the last part keeps the bytes that
// arrived, and a header line cut short is ignored. Otherwise any shortfall is an error.
Result<std::vector<BlobPart>> decodeBlobParts(const QByteArray& body, bool cut);

// A status request lists digest and size; a reply (status and upload) lists full states.
QByteArray encodeBlobStatusRequest(const std::vector<BlobState>& blobs);
Result<std::vector<BlobState>> decodeBlobStatusRequest(const QByteArray& body);
QByteArray encodeBlobStates(const std::vector<BlobState>& blobs);
Result<std::vector<BlobState>> decodeBlobStates(const QByteArray& body);

bool isBlobDigest(std::string_view text);

}  // namespace fb::sync
