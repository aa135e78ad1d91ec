// libFuzzer: the strict JSON text check the server runs before parsing any body. It never
// crashes, and what it lets through has no raw control character inside a string.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "fieldbook/sync/protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray body(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    if (!fb::sync::checkJsonText(body)) return 0;
    bool inString = false;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const auto c = static_cast<unsigned char>(body[i]);
        if (inString && c == '\\') {
            ++i;
            continue;
        }
        if (c == '"')
            inString = !inString;
        else if (inString && c < 0x20)
            std::abort();
    }
    return 0;
}
