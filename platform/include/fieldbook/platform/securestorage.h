// Where the device token is kept: the OS's store for secrets. Desktop: the freedesktop Secret
// Service (GNOME Keyring, KWallet) through libsecret when one answers on the session bus, else
// a file of mode 0600 beside the database (core/secretstore.h). The phones will use the
// Android Keystore and the iOS Keychain. Either way the token is never in the SQLite file.
// Any thread (the sync worker reads and writes the token).
#pragma once

#include <memory>
#include <string>

#include "fieldbook/core/secretstore.h"

namespace fb::platform {

class SecureStorage {
public:
    virtual ~SecureStorage() = default;
    // The place of the token of the device database at `databasePath`.
    virtual std::unique_ptr<SecretStore> tokenStore(const std::string& databasePath) = 0;
};

// The desktop's: the keyring when `useKeyring` and one answers, else the file.
std::unique_ptr<SecureStorage> makeDesktopSecureStorage(bool useKeyring = true);

}  // namespace fb::platform
