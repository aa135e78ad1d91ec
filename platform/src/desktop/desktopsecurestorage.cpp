// The desktop keyring through libsecret's synchronous calls (they run their own main loop, so
// the sync worker thread can use them). libsecret brings GLib's headers, whose `signals`
// members clash with Qt's keyword macro: this file includes no Qt header.
#include <libsecret/secret.h>

#include "fieldbook/platform/securestorage.h"

namespace fb::platform {
namespace {

const SecretSchema* tokenSchema()
{
    static const SecretSchema schema = {
        "org.fieldbook.DeviceToken",
        SECRET_SCHEMA_NONE,
        {{"database", SECRET_SCHEMA_ATTRIBUTE_STRING}, {nullptr, SECRET_SCHEMA_ATTRIBUTE_STRING}},
        0,
        nullptr,
        nullptr,
        nullptr,
        nullptr,
        nullptr,
        nullptr,
        nullptr};
    return &schema;
}

Error keyringError(const char* what, GError* error)
{
    std::string message =
        std::string("keyring: cannot ") + what + ": " + (error ? error->message : "unknown error");
    if (error) g_error_free(error);
    return makeError(ErrorCode::Storage, std::move(message));
}

// One database's token in the default collection, found by the database's path.
class KeyringSecretStore final : public SecretStore {
public:
    explicit KeyringSecretStore(std::string databasePath) : database_(std::move(databasePath)) {}

    Result<std::string> load() override
    {
        GError* error = nullptr;
        gchar* secret = secret_password_lookup_sync(tokenSchema(), nullptr, &error, "database",
                                                    database_.c_str(), nullptr);
        if (error) return keyringError("read the sign-in", error);
        if (!secret) return std::string();
        std::string out(secret);
        secret_password_free(secret);
        return out;
    }
    Result<void> store(const std::string& secret) override
    {
        GError* error = nullptr;
        const std::string label = "Fieldbook sign-in (" + database_ + ")";
        secret_password_store_sync(tokenSchema(), SECRET_COLLECTION_DEFAULT, label.c_str(), secret.c_str(),
                                   nullptr, &error, "database", database_.c_str(), nullptr);
        if (error) return keyringError("keep the sign-in", error);
        return {};
    }
    Result<void> erase() override
    {
        GError* error = nullptr;
        secret_password_clear_sync(tokenSchema(), nullptr, &error, "database", database_.c_str(), nullptr);
        if (error) return keyringError("forget the sign-in", error);
        return {};
    }
    std::string where() const override { return "keyring"; }

private:
    std::string database_;
};

class DesktopSecureStorage final : public SecureStorage {
public:
    explicit DesktopSecureStorage(bool useKeyring) : useKeyring_(useKeyring) {}

    std::unique_ptr<SecretStore> tokenStore(const std::string& databasePath) override
    {
        if (useKeyring_ && keyringAnswers()) return std::make_unique<KeyringSecretStore>(databasePath);
        return tokenFileStoreFor(databasePath);
    }

private:
    // A Secret Service on the session bus (none: no session bus, as on a server or in CI).
    static bool keyringAnswers()
    {
        GError* error = nullptr;
        SecretService* service = secret_service_get_sync(SECRET_SERVICE_NONE, nullptr, &error);
        if (error) g_error_free(error);
        if (!service) return false;
        g_object_unref(service);
        // The service object exists even where no daemon can be started: ask it something.
        GError* lookupError = nullptr;
        gchar* probe =
            secret_password_lookup_sync(tokenSchema(), nullptr, &lookupError, "database", "", nullptr);
        if (probe) secret_password_free(probe);
        if (lookupError) {
            g_error_free(lookupError);
            return false;
        }
        return true;
    }

    bool useKeyring_;
};

}  // namespace

std::unique_ptr<SecureStorage> makeDesktopSecureStorage(bool useKeyring)
{
    return std::make_unique<DesktopSecureStorage>(useKeyring);
}

}  // namespace fb::platform
