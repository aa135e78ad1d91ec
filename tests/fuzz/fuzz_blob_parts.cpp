// libFuzzer: the attachment upload decoder (what the server reads from any client, also from a
// body cut short). Whatever the bytes, it answers parts or an error without crashing; parts it
// accepts from a whole body survive their own encoding unchanged, and a cut body never yields
// more bytes than it holds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "fieldbook/sync/blob_protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray body(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    if (auto cut = fb::sync::decodeBlobParts(body, true)) {
        qsizetype bytes = 0;
        for (const fb::sync::BlobPart& p : *cut) {
            if (p.offset + p.bytes.size() > p.size || !fb::sync::isBlobDigest(p.digest)) std::abort();
            bytes += p.bytes.size();
        }
        if (bytes > body.size()) std::abort();
    }
    (void)fb::sync::decodeBlobStates(body);
    auto whole = fb::sync::decodeBlobParts(body, false);
    if (!whole) return 0;
    auto again = fb::sync::decodeBlobParts(fb::sync::encodeBlobParts(*whole), false);
    if (!again || again->size() != whole->size()) std::abort();
    for (std::size_t i = 0; i < again->size(); ++i)
        if ((*again)[i].digest != (*whole)[i].digest || (*again)[i].offset != (*whole)[i].offset ||
            (*again)[i].size != (*whole)[i].size || (*again)[i].bytes != (*whole)[i].bytes)
            std::abort();
    return 0;
}
