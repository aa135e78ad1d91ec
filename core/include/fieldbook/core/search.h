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

#include <cstdint>
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
// Writes every entry's name keys again (a migration that changed what they hold).
void refreshNameKeys(Transaction& tx);
// Drops the index entry of a record that was deleted (sync repair).
void removeFromSearchIndex(Transaction& tx, const std::string& recordId);
// Remembers that the rep opened an account (device-local, not synced; forgotten with the book
// on a user switch): search ranks it above equal matches (AccountFilter::recentSinceMs).
void noteAccountOpened(Transaction& tx, const std::string& accountId, std::int64_t atMs);

// What indexing one pulled record needs, computed from its fields alone (no database), so an
// initial sync prepares a page's entries on one thread while the previous page is written
// on another. For other entities than account and key_person, `indexed` is false.
struct IndexPrep {
    bool indexed = false;
    bool person = false;
    bool archived = false;
    std::string sort;                        // the pinyin sort key (the row's `_sort`)
    std::string body, grams;                 // the trigram and short-gram texts
    std::vector<std::string> keys;           // the name keys (prefix lookups)
    std::string name, phone, address, role;  // as stored, kept in the index for ranking
    std::string accountId;                   // a key person's account
    Value tier, stage, industry, region;     // an account's filter values
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
    std::string text;      // search box; empty = all (several words: each must match)
    std::string tier;      // "" = any
    std::string stage;     // "" = any
    std::string industry;  // "" = any
    std::string region;    // "" = any
    bool includeArchived = false;
    // Accounts the rep opened in [recentSinceMs, recentUntilMs) (ms since the epoch; 0: no
    // bound) rank first among equal matches, the latest first (noteAccountOpened). A list
    // keeps one window for all its pages, so an opening meanwhile does not reorder them.
    std::int64_t recentSinceMs = 0;
    std::int64_t recentUntilMs = 0;
};

// The window of openings the account list and the tool use: the 30 days up to `nowMs`.
inline constexpr std::int64_t kRecentOpeningMs = std::int64_t{30} * 24 * 3600 * 1000;
inline void setRecentWindow(AccountFilter& filter, std::int64_t nowMs)
{
    filter.recentSinceMs = nowMs - kRecentOpeningMs;
    filter.recentUntilMs = nowMs + 1;
}

// Why a search hit is in the list, best first: the order of the list (docs/architecture.md,
// "Search", the ranking). Decided in one place, rankOf() in search.cpp.
enum class MatchRank {
    ExactName,      // the whole name ("张三", "zhangsan"; "zs" is not exact: Initials)
    NamePrefix,     // the name's start, in characters or whole syllables ("杭州恒", "hangzhouh")
    WordStart,      // a word past the city or district, in characters, syllables or initials
                    // ("恒达", "hengda", "hd" in 杭州恒达建材)
    Initials,       // initials from the name's start ("hzhd"), or syllables mixed with them ("zsan")
    KeyPerson,      // a key person's name
    NameSubstring,  // anywhere else in the name, on syllable boundaries for pinyin; or a match
                    // that needs a reading names rarely use (长沙 as zhangsha)
    OtherField,     // the phone (account or key person) or the address
};

// The field that made the hit, for the reason a row shows.
enum class MatchField { Name, KeyPerson, Phone, Address };

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
    std::string personPhone;
    // Why it matched: its rank (with several words, the worst of each word's best) and the
    // field of the word that matched best.
    MatchRank rank = MatchRank::OtherField;
    MatchField field = MatchField::Name;
    // The matched parts of `name`, as [begin, end) code point offsets into it, for highlighting.
    std::vector<std::pair<int, int>> nameMarks;
    // The phone (account's or key person's, as stored) or the address a word matched, and
    // which (Phone or Address; with several words, not always `field`). A key person's phone
    // also names the person (personName…) and sets personPhone.
    std::string matchedText;
    MatchField matchedIn = MatchField::Name;
};

struct AccountPage {
    std::vector<AccountHit> hits;
    int total = 0;  // all matches, for "N accounts"
};

class AccountQuery {
public:
    explicit AccountQuery(Database& db) : db_(db) {}
    // One page of accounts matching the filter. Without search text, sorted by the pinyin of
    // the name; with it, by MatchRank, then customary readings and whole last syllables, the
    // rep's recent openings, KA and A before other tiers, then pinyin. Past 250 hits, what
    // the name keys do not rank in full follows in pinyin order (docs/architecture.md,
    // "Search"). An account matching through several key persons appears once.
    AccountPage page(const AccountFilter& filter, int offset, int limit);
    // Distinct non-empty values present, for filter menus (sorted by pinyin).
    std::vector<std::string> industries();
    std::vector<std::string> regions();

private:
    Database& db_;
};

}  // namespace fb
