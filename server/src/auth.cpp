// Password hashing and device tokens over libsodium; see auth.h.
#include "fieldbook/server/auth.h"

#include <mutex>
#include <semaphore>
#include <sodium.h>

namespace fb::server {

namespace {

void ensureSodium()
{
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
    });
}

// A hash of a random password, verified against when the login is unknown so both failures
// take the same time.
const QByteArray& decoyHash()
{
    static const QByteArray hash = [] {
        auto h = hashPassword(QString::fromLatin1(newDeviceToken()));
        return h ? *h : QByteArray();
    }();
    return hash;
}

// argon2id takes 64 MiB per hash by design; with many sign-ins at once (a team syncing at
// the end of the day) that would multiply. At most this many run together; the rest wait.
constexpr std::ptrdiff_t kConcurrentHashes = 4;
std::counting_semaphore<kConcurrentHashes>& hashSlots()
{
    static std::counting_semaphore<kConcurrentHashes> available(
        kConcurrentHashes);  // not "slots": a Qt macro
    return available;
}

struct HashSlot {
    HashSlot() { hashSlots().acquire(); }
    ~HashSlot() { hashSlots().release(); }
    HashSlot(const HashSlot&) = delete;
    HashSlot& operator=(const HashSlot&) = delete;
};

}  // namespace

Result<QByteArray> hashPassword(const QString& password)
{
    ensureSodium();
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    const HashSlot slot;
    if (crypto_pwhash_str(out, utf8.constData(), static_cast<unsigned long long>(utf8.size()),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return makeError(ErrorCode::Storage, "out of memory while hashing a password");
    return QByteArray(out);
}

bool verifyPassword(const QString& password, const QByteArray& storedHash)
{
    ensureSodium();
    const QByteArray utf8 = password.toUtf8();
    const QByteArray hash = storedHash.isEmpty() ? decoyHash() : storedHash;
    const HashSlot slot;
    const bool match = crypto_pwhash_str_verify(hash.constData(), utf8.constData(),
                                                static_cast<unsigned long long>(utf8.size())) == 0;
    return match && !storedHash.isEmpty();
}

QByteArray newDeviceToken()
{
    ensureSodium();
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    return QByteArray(reinterpret_cast<const char*>(bytes), sizeof bytes).toHex();
}

}  // namespace fb::server
