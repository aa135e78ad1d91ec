// libFuzzer: the pull reply decoder and its strict pull reader (what a phone reads from the
// network). Whatever the bytes, a reply or an error, never a crash; a reply it accepts
// survives its own encoding with the same records, stamps and digest.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "fieldbook/sync/protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray body(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    auto decoded = fb::sync::decodePullResponse(body);
    if (!decoded) return 0;
    auto again = fb::sync::decodePullResponse(fb::sync::encode(*decoded));
    if (!again || again->records.size() != decoded->records.size() || again->cursor != decoded->cursor ||
        again->more != decoded->more || again->scope != decoded->scope)
        std::abort();
    for (std::size_t i = 0; i < again->records.size(); ++i) {
        const auto& a = again->records[i];
        const auto& b = decoded->records[i];
        if (a.entity != b.entity || a.id != b.id || a.fields != b.fields ||
            a.state().clocks != b.state().clocks)
            std::abort();
    }
    return 0;
}
