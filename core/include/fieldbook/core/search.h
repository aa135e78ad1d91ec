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
#include <unordered_map>
#include <utility>
#include <vector>

#include "fieldbook/core/database.h"
#include "fieldbook/core/store.h"

namespace fb {

// Registers the search index and pinyin sort keys with the Store as derived data (derived.h),
// kept up to date by every write, purge, wipe and initial sync; once per Store.
void installSearchIndex(Store& store);
// Rebuilds the whole index (after an import, or by the integrity repair).
void rebuildSearchIndex(Transaction& tx);
// Rewrites only the short-gram part of every entry (a migration that changed what it holds).
void refreshShortGrams(Transaction& tx);
// Drops the index entry of a record that was deleted (sync repair).
void removeFromSearchIndex(Transaction& tx, const std::string& recordId);

// What indexing one pulled record needs, computed from its fields alone (no database), so an
// initial sync prepares a page's entries on one thread while the previous page is written
// on another. For other entities than account and key_person, `indexed` is false.
struct IndexPrep {
    bool indexed = false;
    bool person = false;
    bool archived = false;
    std::string sort;                     // the pinyin sort key (the row's `_sort`)
    std::string body, grams;              // the trigram and short-gram texts
    std::string accountId;                // a key person's account
    Value tier, stage, industry, region;  // an account's filter values
};
IndexPrep prepareIndex(std::string_view entity, const Fields& fields);

// Indexes the records an initial (bulk) sync inserts, page by page, in the page's own
// transaction: the same entries, sort keys and slots as the write hooks would make, without
// looking anything up per record. A key person that arrives before its account waits for it
// (in memory). Used on one thread at a time.
class BulkIndexer {
public:
    // A record that applyRemoteBulk inserted (its `_sort` was written with it). Both are
    // read, not copied, and must stay until endPage: the engine frees a page's data on the
    // thread that made it (freeing it here made the two threads contend for malloc's lock).
    void add(const std::string& id, const IndexPrep& prep) { page_.emplace_back(&id, &prep); }
    // Writes the entries of the records added since the last call. Called after all the
    // page's other writes: FTS5 writes its pending entries out at every statement savepoint
    // (the records' digest triggers take one), so entries written between them would each
    // become an index segment of their own.
    void endPage(Transaction& tx);
    // Forgets the records added since the last endPage (their page did not commit).
    void dropPage() { page_.clear(); }
    // The end of the bulk pull. Key persons still waiting have no account on this device (the
    // write hooks index them when it comes). `resumed`: the pull began before this indexer (a
    // restart), so persons that waited in a lost indexer are found in the database instead.
    void finish(Transaction& tx, bool resumed);

private:
    void addPerson(Transaction& tx, const std::string& id, const IndexPrep& prep);

    std::vector<std::pair<const std::string*, const IndexPrep*>> page_;
    std::unordered_map<std::string, std::pair<std::int64_t, std::int64_t>>
        slots_;  // account -> (base, next), this page
    std::unordered_map<std::string, std::vector<std::pair<std::string, IndexPrep>>> waiting_;  // by account
};

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
