// libFuzzer: the push request decoder (what the server reads from any client). Whatever the
// bytes, it answers a request or an error without crashing; a request it accepts with no
// change marked as unreadable survives its own encoding unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "fieldbook/sync/protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray body(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    (void)fb::sync::checkJsonText(body);
    auto decoded = fb::sync::decodePushRequest(body);
    if (!decoded) return 0;
    for (const fb::sync::Change& c : decoded->changes)
        if (!c.problem.empty()) return 0;
    auto again = fb::sync::decodePushRequest(fb::sync::encode(*decoded));
    if (!again || again->changes.size() != decoded->changes.size() || again->deviceId != decoded->deviceId)
        std::abort();
    for (std::size_t i = 0; i < again->changes.size(); ++i)
        if (again->changes[i].fields != decoded->changes[i].fields ||
            again->changes[i].hlc != decoded->changes[i].hlc)
            std::abort();
    return 0;
}
