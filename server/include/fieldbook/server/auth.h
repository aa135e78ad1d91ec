// Passwords and device tokens. Passwords are hashed with argon2id (libsodium's
// crypto_pwhash_str at interactive limits); device tokens are 32 random bytes in hex, of
// which the server keeps only the SHA-256 (store.h tokenHash), so a leaked database holds
// no usable credential. Thread-safe: libsodium is initialised once, on first use.
#pragma once

#include <QByteArray>
#include <QString>

#include "fieldbook/core/result.h"

namespace fb::server {

// The argon2id hash string to store for `password`.
Result<QByteArray> hashPassword(const QString& password);
// Whether `password` matches a stored hash. With an empty hash it still spends the time of
// one verification, so an unknown login answers as slowly as a wrong password.
bool verifyPassword(const QString& password, const QByteArray& storedHash);
// A new device token: 64 lower-case hex characters.
QByteArray newDeviceToken();

}  // namespace fb::server
