// The desktop's secure storage against a real Secret Service: GNOME Keyring started by
// keyring_test.sh on a private session bus (dbus-run-session), and with no session bus at all,
// where the token falls back to the 0600 file beside the database.
// Usage: fb_keyring_test keyring|file DIR
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "fieldbook/platform/securestorage.h"

namespace {

int failures = 0;

void check(bool ok, const std::string& what)
{
    std::printf("%s %s\n", ok ? "ok  " : "FAIL", what.c_str());
    if (!ok) ++failures;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: fb_keyring_test keyring|file DIR\n");
        return 2;
    }
    const std::string mode = argv[1];
    const std::string database = std::string(argv[2]) + "/fieldbook.db";
    const std::string beside = fb::tokenFileOf(database);
    auto storage = fb::platform::makeDesktopSecureStorage();
    auto store = storage->tokenStore(database);
    check(mode == "keyring" ? store->where() == "keyring" : store->where() == "file " + beside,
          "kept in the " + mode + " (" + store->where() + ")");

    auto empty = store->load();
    check(empty && empty->empty(), "nothing kept at first");
    const std::string secret = "fieldbook-token 1\ndevice-1\nuser-1\nsecret-token-value\n";
    check(store->store(secret).ok(), "a token is kept");
    // Another store for the same database (the app started again) finds it; another database not.
    auto again = storage->tokenStore(database)->load();
    check(again && *again == secret, "the same token is found again");
    auto other = storage->tokenStore(database + "-other")->load();
    check(other && other->empty(), "another database's place holds nothing");
    check(std::filesystem::exists(beside) == (mode == "file"),
          mode == "file" ? "the file beside the database holds it" : "no file beside the database");
    if (mode == "file") {
        const auto perms = std::filesystem::status(beside).permissions();
        check(perms == (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write),
              "the file is the user's alone (0600)");
    }
    check(store->store("fieldbook-token 1\ndevice-1\nuser-1\nrenewed\n").ok(), "a renewed token replaces it");
    auto renewed = store->load();
    check(renewed && renewed->find("renewed") != std::string::npos, "the renewed token is read back");
    check(store->erase().ok(), "sign-out erases it");
    auto gone = store->load();
    check(gone && gone->empty(), "nothing kept after sign-out");
    check(store->erase().ok(), "erasing twice is no error");
    return failures == 0 ? 0 : 1;
}
