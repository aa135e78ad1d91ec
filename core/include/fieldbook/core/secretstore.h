// Small secrets (the device token) kept outside the SQLite file, so a copy of the database
// (a backup, a support bundle, a phone restored from an old copy) carries no credential.
// SecretStore is one secret's place: the OS keyring in the app (platform SecureStorage: the
// desktop's Secret Service through libsecret; the Android Keystore and iOS Keychain later),
// else a file of its own beside the database, readable by the user only (FileSecretStore),
// which is also what tests and fieldbook-tool use.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "fieldbook/core/result.h"

namespace fb {

class SecretStore {
public:
    virtual ~SecretStore() = default;
    // What was stored, or "" when nothing is.
    virtual Result<std::string> load() = 0;
    virtual Result<void> store(const std::string& secret) = 0;
    virtual Result<void> erase() = 0;
    // Where it is kept, for logs and fieldbook-tool ("file /path/phone.db-token", "keyring").
    virtual std::string where() const = 0;
};

// A file of mode 0600, replaced atomically: written to a temporary file of the same mode,
// synced, renamed over the old one, so a crash leaves the old secret or the new one, never a
// torn or world-readable file. A file others may read is refused.
class FileSecretStore : public SecretStore {
public:
    explicit FileSecretStore(std::string path) : path_(std::move(path)) {}
    Result<std::string> load() override;
    Result<void> store(const std::string& secret) override;
    Result<void> erase() override;  // no file is no error
    std::string where() const override { return "file " + path_; }

private:
    std::string path_;
};

// In memory only (a database with no file: ":memory:").
class MemorySecretStore : public SecretStore {
public:
    Result<std::string> load() override { return secret_; }
    Result<void> store(const std::string& secret) override
    {
        secret_ = secret;
        return {};
    }
    Result<void> erase() override
    {
        secret_.clear();
        return {};
    }
    std::string where() const override { return "memory"; }

private:
    std::string secret_;
};

// Another store, read once: what it holds is kept in memory until this object writes or
// erases it (every write of this process goes through it). For a store a lookup of which is
// dear (a keyring over D-Bus) and that is asked often (the sync state after every save).
class CachedSecretStore : public SecretStore {
public:
    explicit CachedSecretStore(std::unique_ptr<SecretStore> inner) : inner_(std::move(inner)) {}
    Result<std::string> load() override;
    Result<void> store(const std::string& secret) override;
    Result<void> erase() override;
    std::string where() const override { return inner_->where(); }

private:
    std::unique_ptr<SecretStore> inner_;
    std::optional<std::string> known_;  // what the inner store holds, once read or written
};

// The token file beside a database: its path plus "-token".
std::string tokenFileOf(const std::string& databasePath);
// A FileSecretStore at tokenFileOf(databasePath), or a memory one for a database without a file.
std::unique_ptr<SecretStore> tokenFileStoreFor(const std::string& databasePath);

}  // namespace fb
