// Attachments' bytes at the server (docs/sync-protocol.md, "Attachments"): kept in the
// database (tables blobs, blob_chunks, blob_refs; store.cpp step 7), so that every instance on
// one database serves them. The service's blob endpoints call these after authentication.
//
// An upload appends parts at the offset the server has reached, one transaction per part (the
// blob's row locked on PostgreSQL, so two instances receiving the same blob take turns), and
// checks the whole against its SHA-256 when the last byte arrives: a mismatch drops every byte
// of it. Bytes are taken only for a digest that a record names (blob_refs, written with the
// record), so nobody fills the database with blobs no one needs.
//
// Threading: as ServerStore (any thread, each with its own connection). Throws StoreError on
// database failures, as the store does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <QByteArray>

#include "fieldbook/server/store.h"
#include "fieldbook/sync/blob_protocol.h"

namespace fb::server {

// What the server holds of each blob asked about (digest and size as asked).
std::vector<sync::BlobState> blobStatus(ServerStore& store, const std::vector<sync::BlobState>& asked);

// Takes the parts of an upload in order; one state per part (with `error` for a part refused).
std::vector<sync::BlobState> receiveBlobParts(ServerStore& store, const std::vector<sync::BlobPart>& parts,
                                              std::int64_t nowMs);

struct BlobBytes {
    std::int64_t size = 0;  // the whole blob's
    QByteArray bytes;       // from the offset asked for
};
enum class BlobReadError { NotFound, NotComplete };
// The bytes of a complete blob from `offset`, when a record in `viewer`'s scope names it;
// NotFound otherwise (unknown and out of scope look the same), NotComplete while the device
// that made it has not finished its upload.
std::variant<BlobBytes, BlobReadError> readBlob(ServerStore& store, const Viewer& viewer,
                                                const std::string& digest, std::int64_t offset);

}  // namespace fb::server
