// Account search and the account list (domain §1): one search box finds an account or a
// key person by any substring of name, phone or address, by full pinyin ("zhangsan"), by
// pinyin initials ("zs"), with traditional and simplified characters folded; polyphonic
// characters are found by each reading. Lists sort by the pinyin of the name.
//
// The index is an FTS5 trigram table kept in step with account and key-person writes by
// Store write hooks (same transaction). Queries shorter than three characters, which a
// trigram index cannot answer, use a companion table of 1- and 2-grams.
// AccountQuery is read-only and may run on a reader connection of its own.
#pragma once

#include <string>
#include <vector>

#include "fieldbook/core/database.h"
#include "fieldbook/core/store.h"

namespace fb {

// Keeps the search index and pinyin sort keys up to date; register once per Store.
void installSearchIndex(Store& store);
// Rebuilds the whole index (after an import, or by the integrity repair).
void rebuildSearchIndex(Transaction& tx);
// Drops the index entry of a record that was deleted (sync repair).
void removeFromSearchIndex(Transaction& tx, const std::string& recordId);

struct AccountFilter {
    std::string text;      // search box; empty = all
    std::string tier;      // "" = any
    std::string stage;     // "" = any
    std::string industry;  // "" = any
    std::string region;    // "" = any
    bool includeArchived = false;
};

struct AccountHit {
    std::string accountId;
    std::string name;
    std::string tier;
    std::string stage;
    std::string industry;
    std::string region;
    std::string phone;
    // Set when the account matched through one of its key persons.
    std::string personId;
    std::string personName;
    std::string personRole;
};

struct AccountPage {
    std::vector<AccountHit> hits;
    int total = 0;  // all matches, for "N accounts"
};

class AccountQuery {
public:
    explicit AccountQuery(Database& db) : db_(db) {}
    // One page of accounts matching the filter, sorted by pinyin of the name. An account
    // matching through several key persons appears once.
    AccountPage page(const AccountFilter& filter, int offset, int limit);
    // Distinct non-empty values present, for filter menus (sorted by pinyin).
    std::vector<std::string> industries();
    std::vector<std::string> regions();

private:
    Database& db_;
};

}  // namespace fb
