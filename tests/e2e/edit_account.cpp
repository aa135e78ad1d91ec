// fb_edit_account: edits one account in a device database exactly as the app's account form
// saves it — through the Archive, so the change is validated, stamped with the device's
// hybrid logical clock and queued in the outbox for the next sync. For end-to-end tests
// that need an offline edit without driving the UI (fieldbook-tool only reads).
//   fb_edit_account --db FILE ACCOUNT_ID FIELD=VALUE [FIELD=VALUE ...]
// Values are text (phone, notes, name, ...); an empty value clears the field.
// Exit codes: 0 saved, 1 the edit was refused (message on stderr), 2 bad usage.
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "fieldbook/core/archive.h"
#include "fieldbook/core/clock.h"
#include "fieldbook/core/device.h"
#include "fieldbook/core/migrations.h"
#include "fieldbook/core/search.h"
#include "fieldbook/core/store.h"

int main(int argc, char** argv)
{
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() < 4 || args[0] != "--db") {
        std::cerr << "usage: fb_edit_account --db FILE ACCOUNT_ID FIELD=VALUE [FIELD=VALUE ...]\n";
        return 2;
    }
    const std::string& path = args[1];
    const std::string& accountId = args[2];
    fb::Fields changes;
    for (std::size_t i = 3; i < args.size(); ++i) {
        const auto eq = args[i].find('=');
        if (eq == std::string::npos || eq == 0) {
            std::cerr << "fb_edit_account: expected FIELD=VALUE, got " << args[i] << "\n";
            return 2;
        }
        const std::string value = args[i].substr(eq + 1);
        changes[args[i].substr(0, eq)] = value.empty() ? fb::Value{} : fb::Value{value};
    }
    if (!std::filesystem::exists(path)) {
        std::cerr << "fb_edit_account: no database at " << path << "\n";
        return 2;
    }
    try {
        auto db = fb::openDeviceDatabase(path);
        if (!db) throw std::runtime_error(db.error().message);
        fb::SystemClock clock;
        fb::DeviceContext device(**db, clock);
        fb::Store store(**db, device);
        fb::installSearchIndex(store);
        fb::Archive archive(store);
        fb::Transaction tx(**db);
        if (auto r = archive.updateAccount(tx, accountId, changes); !r) {
            std::cerr << "fb_edit_account: " << r.error().message << "\n";
            return 1;
        }
        tx.commit();
        std::cout << "saved " << accountId << " (" << store.outboxCount()
                  << " change(s) waiting to be sent)\n";
    } catch (const std::exception& e) {
        std::cerr << "fb_edit_account: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
