// Demo data for the key-account archive: realistic Chinese accounts, key persons, personnel
// changes and referral chains, for trying the app, benchmarking and volume tests.
//
// The generator is deterministic: the same options give the same names, phones, addresses
// and links on every platform and standard library (it draws from std::mt19937_64, whose
// sequence the standard fixes, through its own distributions; std:: distributions differ
// between implementations). Record ids still come from the device, so they differ.
//
// Every record is written through the Archive, so each one is validated, stamped and has
// its outbox entry, exactly as if a rep had typed it in.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "fieldbook/core/archive.h"
#include "fieldbook/core/database.h"
#include "fieldbook/core/result.h"
#include "fieldbook/core/store.h"

namespace fb::demo {

struct DemoOptions {
    int accounts = 1000;  // 1 to 100,000
    std::uint64_t seed = 42;
    int keyPersonsPerAccount = 3;  // average; each account has at least one (its head)
    int accountsPerTransaction = 1000;
};

struct DemoStats {
    int accounts = 0;
    int keyPersons = 0;
    int roleChanges = 0;  // personnel changes (a holder replaced), beyond initial appointments
    int referrals = 0;
    int maxReferralDepth = 0;
    int traditionalNames = 0;
    std::vector<std::string> accountIds;  // in creation order
};

// Writes the demo archive. `progress(done, total)` is called after each committed batch.
// On failure the current batch is rolled back (earlier batches stay) and the error says
// which account failed.
Result<DemoStats> generateDemo(Archive& archive, Database& db, const DemoOptions& options,
                               const std::function<void(int done, int total)>& progress = {});

// A rep's working history over a demo archive: months of finished visits with their progress
// notes at the first `visitedAccounts` accounts (and the follow-ups they created, the past
// ones done), and appointments today and in the coming days; and a mix for Today: regular
// buyers and one fallen behind its rhythm, a prospect's first purchase, callbacks and a points
// redemption this month, two birthdays in the coming days (one lunar), an exit with its
// win-back decision. Written in one transaction through the core modules, as the rep would.
struct WorkOptions {
    std::string repId;
    std::uint64_t seed = 7;
    int visitedAccounts = 40;
};
struct WorkStats {
    int visits = 0;
    int appointments = 0;
    int contacts = 0;
};
Result<WorkStats> generateWork(Store& store, Database& db, const std::vector<std::string>& accountIds,
                               const WorkOptions& options);

// The demo's gift catalogue, compliance caps and each rep's first hand-out from the warehouse:
// the server demo writes them as the administrator would; `fieldbook-tool demo --rep` puts them
// on the phone as a first sync would bring them.
struct DemoGift {
    const char* code;
    const char* name;
    const char* category;
    const char* unit;
    const char* purposes;  // space-separated; "" any
    const char* tiers;     // space-separated; "" any
    int yuan;
    int handOut;  // a rep's first hand-out (0: none)
};
std::span<const DemoGift> demoGifts();
struct DemoLimit {
    const char* tier;
    const char* per;
    int yuan;
};
std::span<const DemoLimit> demoLimits();
// Writes demoGifts() and demoLimits() as reference data pulled from the server and the rep's
// hand-out as receipts in their ledger (as a first sync brings them); returns how many.
Result<int> pullDemoGifts(Store& store, Database& db, const std::string& repId);

// Queries a rep might type, each certain to match at least one account of any demo archive
// of 100 or more accounts (the first accounts of every demo are fixed showcase accounts).
struct DemoQuery {
    std::string text;
    std::string kind;  // "name", "person", "pinyin", "initials", "phone", "address",
                       // "traditional", "short"
};
std::vector<DemoQuery> demoSearchQueries();

// How many showcase accounts open every demo archive.
int showcaseAccountCount();

}  // namespace fb::demo
