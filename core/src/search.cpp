// The search index (FTS5 trigram + short grams), pinyin sort keys and the account list query.
#include "fieldbook/core/search.h"

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "fieldbook/text/fold.h"

namespace fb {

namespace {

constexpr int kKindAccount = 0;
constexpr int kKindPerson = 1;

// Splits UTF-8 into code point substrings (input is already normalized, so valid).
std::vector<std::string_view> codePoints(std::string_view s)
{
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : 4;
        len = std::min(len, s.size() - i);
        out.push_back(s.substr(i, len));
        i += len;
    }
    return out;
}

// Whole-token 1- and 2-grams of each piece, for queries too short for the trigram index.
void addShortGrams(std::set<std::string>& grams, std::string_view text, bool unigrams)
{
    const auto cps = codePoints(text);
    for (std::size_t i = 0; i < cps.size(); ++i) {
        if (unigrams) grams.emplace(cps[i]);
        if (i + 1 < cps.size()) grams.emplace(std::string(cps[i]) + std::string(cps[i + 1]));
    }
}

struct IndexText {
    std::string body;
    std::string grams;
    std::vector<std::string> keys;  // name keys (search_key)
};

// The code point a UTF-8 sequence of codePoints() encodes.
char32_t decode(std::string_view cp)
{
    const auto b = [&](std::size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(cp[i])); };
    switch (cp.size()) {
    case 1:
        return b(0);
    case 2:
        return (b(0) & 0x1F) << 6 | (b(1) & 0x3F);
    case 3:
        return (b(0) & 0x0F) << 12 | (b(1) & 0x3F) << 6 | (b(2) & 0x3F);
    default:
        return (b(0) & 0x07) << 18 | (b(1) & 0x3F) << 12 | (b(2) & 0x3F) << 6 | (b(3) & 0x3F);
    }
}

// Two letters of a character's pinyin, for every reading (李 li, 区 qu and ou, 金 ji): what a
// rep's first two keystrokes mean when they are one syllable, which neither the trigram
// index nor the initials can answer.
void addSyllableStarts(std::set<std::string>& grams, std::string_view folded)
{
    for (std::string_view cp : codePoints(folded))
        for (std::string_view reading : text::readings(decode(cp)))
            if (reading.size() >= 2) grams.emplace(reading.substr(0, 2));
}

bool isPlaceSuffix(char32_t c)
{
    return c == U'省' || c == U'市' || c == U'区' || c == U'县' || c == U'镇';
}

// Where the words of an account's name begin (characters of the folded name): its start, after
// a space or punctuation, and past the city and district it begins with ("郑州东航化工" in
// 郑州市二七区: 2; "济南市天桥区住房…": 3 and 6), the ones its region names or, without one, the
// first place suffix among its first characters ("杭州市第一人民医院": 3).
std::vector<std::size_t> wordStarts(const text::FoldedText& name, std::string_view region)
{
    const std::u32string& c = name.chars;
    std::vector<std::size_t> starts{0};
    const auto add = [&](std::size_t p) {
        if (p > 0 && p < c.size() && std::find(starts.begin(), starts.end(), p) == starts.end())
            starts.push_back(p);
    };
    for (std::size_t i = 1; i < c.size(); ++i)
        if (name.afterBreak[i]) add(i);
    const std::u32string r = text::foldText(region).chars;
    std::size_t pos = 0;
    for (std::size_t from = 0, k = 0; k <= r.size(); ++k) {
        if (k < r.size() && !isPlaceSuffix(r[k])) continue;
        const std::u32string_view part = std::u32string_view(r).substr(from, k - from);
        const std::u32string_view withSuffix = std::u32string_view(r).substr(from, k + 1 - from);
        from = k + 1;
        if (part.size() < 2) break;
        if (k < r.size() && std::u32string_view(c).substr(pos).starts_with(withSuffix))
            pos += withSuffix.size();
        else if (std::u32string_view(c).substr(pos).starts_with(part))
            pos += part.size();
        else
            break;
        add(pos);
    }
    if (pos == 0)
        for (std::size_t i = 1; i < std::min<std::size_t>(c.size(), 7); ++i)
            if (isPlaceSuffix(c[i])) {
                add(i + 1);
                break;
            }
    std::sort(starts.begin(), starts.end());
    return starts;
}

// The name keys of an account ("a"): from the name's start, the folded characters ("c"), each
// full pinyin ("f") and initials ("i") variant as names are read (长沙 is changsha, not
// zhangsha), and the same from each word start ("C", "F", "I"), so a range of keys finds the
// names, and the words of names, that a query word begins. A key person ("p") has its
// initials ("pi") only.
std::vector<std::string> nameKeys(std::string_view name, std::string_view region, bool person)
{
    const text::FoldedText folded = text::foldText(name);
    const std::vector<std::string_view> cps = codePoints(name);
    const std::vector<std::size_t> starts = person ? std::vector<std::size_t>{0} : wordStarts(folded, region);
    std::set<std::string> keys;
    for (const std::size_t s : starts) {
        if (s >= folded.chars.size()) continue;
        std::string suffix;
        for (std::size_t i = static_cast<std::size_t>(folded.origin[s]); i < cps.size(); ++i)
            suffix += cps[i];
        const text::PinyinKeys pinyin = text::namePinyinKeys(suffix);
        if (person) {
            // A key person's name is found by the trigram index; only its initials are looked
            // up here, for mixed pinyin ("zsan").
            for (const std::string& i : pinyin.initials)
                keys.insert("pi" + i);
            continue;
        }
        const bool head = s == 0;
        keys.insert(std::string("a") + (head ? "c" : "C") + text::normalize(suffix));
        for (const std::string& f : pinyin.full)
            keys.insert(std::string("a") + (head ? "f" : "F") + f);
        for (const std::string& i : pinyin.initials)
            keys.insert(std::string("a") + (head ? "i" : "I") + i);
    }
    return {keys.begin(), keys.end()};
}

IndexText indexText(std::string_view name, std::string_view phone, std::string_view address,
                    std::string_view region, bool person)
{
    IndexText t;
    t.keys = nameKeys(name, region, person);
    const std::string folded = text::normalize(name);
    const text::PinyinKeys keys = text::pinyinKeys(name);
    t.body = text::searchDocument(folded, keys);
    const std::string digits = text::digitsOnly(phone);
    if (!digits.empty()) t.body += "\x1f" + digits;
    const std::string addr = text::normalize(address);
    if (!addr.empty()) t.body += "\x1f" + addr;

    std::set<std::string> grams;
    addShortGrams(grams, folded, true);
    for (const std::string& initials : keys.initials)
        addShortGrams(grams, initials, true);
    addSyllableStarts(grams, folded);
    addShortGrams(grams, addr, false);
    for (const std::string& g : grams) {
        if (!t.grams.empty()) t.grams += ' ';
        t.grams += g;
    }
    return t;
}

constexpr std::int64_t kSlots = 65536;  // entries per account: itself + key persons

void deleteIndexed(Database& db, std::int64_t rowid)
{
    db.cached("DELETE FROM search_fts WHERE rowid = ?").bind(1, rowid).exec();
    db.cached("DELETE FROM search_short WHERE rowid = ?").bind(1, rowid).exec();
    db.cached("DELETE FROM search_entry WHERE rowid = ?").bind(1, rowid).exec();
    db.cached("DELETE FROM search_key WHERE rowid = ?").bind(1, rowid).exec();
}

std::optional<std::int64_t> entryOf(Database& db, const std::string& recordId)
{
    Statement& find = db.cached("SELECT rowid FROM search_entry WHERE record_id = ?");
    find.bind(1, recordId);
    std::optional<std::int64_t> rowid;
    if (find.step()) rowid = find.int64(0);
    find.reset();
    return rowid;
}

// What ranking reads of an entry's record, kept with the entry (search_entry) so a search
// reads a small table, not the records.
struct Shown {
    std::string_view name, phone, role;
};

// An account's row of search_account, inserted or updated; its number.
constexpr const char* kUpsertAccount =
    "INSERT INTO search_account (account_id, sort, tier, stage, industry, region, name, phone, address)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    " ON CONFLICT (account_id) DO UPDATE SET sort = ?2, tier = ?3, stage = ?4, industry = ?5, region = ?6,"
    " name = ?7, phone = ?8, address = ?9 RETURNING n";

void writeEntry(Database& db, std::int64_t rowid, int kind, const std::string& recordId,
                const std::string& accountId, Shown shown, std::string_view body, std::string_view grams,
                const std::vector<std::string>& keys)
{
    Statement& key = db.cached("INSERT OR IGNORE INTO search_key (key, rowid) VALUES (?, ?)");
    for (const std::string& k : keys) {
        key.bind(1, k).bind(2, rowid).exec();
        key.reset();
    }
    db.cached("INSERT INTO search_entry (rowid, kind, record_id, account_id, name, phone, role)"
              " VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, rowid)
        .bind(2, kind)
        .bind(3, recordId)
        .bind(4, accountId)
        .bind(5, shown.name)
        .bind(6, shown.phone)
        .bind(7, shown.role)
        .exec();
    db.cached("INSERT INTO search_fts (rowid, body) VALUES (?, ?)").bind(1, rowid).bind(2, body).exec();
    db.cached("INSERT INTO search_short (rowid, grams) VALUES (?, ?)").bind(1, rowid).bind(2, grams).exec();
}

void indexPersonRow(Database& db, std::int64_t n, const std::string& id);

void indexAccount(Database& db, const std::string& id)
{
    Statement& st = db.cached(
        "SELECT name, phone, address, archived, tier, stage, industry, region FROM account WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) {
        st.reset();
        return;
    }
    const std::string name = st.text(0);
    const std::string phone = st.text(1);
    const std::string address = st.text(2);
    const bool archived = st.int64(3) == 1;
    const Value tier = st.value(4), stage = st.value(5), industry = st.value(6), region = st.value(7);
    st.reset();

    const std::string sort = text::sortKey(name);
    db.cached("UPDATE account SET _sort = ? WHERE id = ?").bind(1, sort).bind(2, id).exec();
    Statement& upsert = db.cached(kUpsertAccount);
    upsert.bind(1, id)
        .bind(2, sort)
        .bind(3, tier)
        .bind(4, stage)
        .bind(5, industry)
        .bind(6, region)
        .bind(7, name)
        .bind(8, phone)
        .bind(9, address);
    upsert.step();
    const std::int64_t n = upsert.int64(0);
    upsert.reset();

    const std::int64_t base = n * kSlots;
    const bool wasIndexed = entryOf(db, id).has_value();
    if (wasIndexed) deleteIndexed(db, base);
    if (archived) {
        // An archived account leaves the index with all its key persons.
        std::vector<std::int64_t> persons;
        Statement& list = db.cached("SELECT rowid FROM search_entry WHERE rowid > ? AND rowid < ?");
        list.bind(1, base).bind(2, base + kSlots);
        while (list.step())
            persons.push_back(list.int64(0));
        list.reset();
        for (const std::int64_t rowid : persons)
            deleteIndexed(db, rowid);
        return;
    }
    const IndexText t = indexText(name, phone, address, valueToString(region), false);
    writeEntry(db, base, kKindAccount, id, id, {name, phone, ""}, t.body, t.grams, t.keys);
    if (!wasIndexed) {
        // Brought back from the archive: its key persons come back too.
        std::vector<std::string> persons;
        Statement& list = db.cached("SELECT id FROM key_person WHERE account_id = ? AND archived IS NOT 1");
        list.bind(1, id);
        while (list.step())
            persons.push_back(list.text(0));
        list.reset();
        for (const std::string& pid : persons)
            if (!entryOf(db, pid)) indexPersonRow(db, n, pid);
    }
}

void indexPersonRow(Database& db, std::int64_t n, const std::string& id)
{
    Statement& st = db.cached("SELECT name, phone, account_id, archived, role FROM key_person WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) {
        st.reset();
        return;
    }
    const std::string name = st.text(0);
    const std::string phone = st.text(1);
    const std::string accountId = st.text(2);
    const bool archived = st.int64(3) == 1;
    const std::string role = st.text(4);
    st.reset();
    db.cached("UPDATE key_person SET _sort = ? WHERE id = ?").bind(1, text::sortKey(name)).bind(2, id).exec();

    const std::int64_t base = n * kSlots;
    std::optional<std::int64_t> rowid = entryOf(db, id);
    if (rowid) deleteIndexed(db, *rowid);
    if (archived || !entryOf(db, accountId)) return;  // archived person, or account archived
    if (!rowid) {
        // A new slot after the account's highest; after 65535 key persons, the first free one.
        Statement& top = db.cached("SELECT max(rowid) FROM search_entry WHERE rowid >= ? AND rowid < ?");
        top.bind(1, base).bind(2, base + kSlots);
        top.step();
        std::int64_t next = top.isNull(0) ? base + 1 : top.int64(0) + 1;
        top.reset();
        if (next >= base + kSlots) {
            Statement& used = db.cached("SELECT 1 FROM search_entry WHERE rowid = ?");
            for (next = base + 1; next < base + kSlots; ++next) {
                used.bind(1, next);
                const bool taken = used.step();
                used.reset();
                if (!taken) break;
            }
            if (next >= base + kSlots) throw StorageError("too many key persons in one account to index", 0);
        }
        rowid = next;
    }
    const IndexText t = indexText(name, phone, {}, {}, true);
    writeEntry(db, *rowid, kKindPerson, id, accountId, {name, phone, role}, t.body, t.grams, t.keys);
}

void indexPerson(Database& db, const std::string& id)
{
    Statement& st =
        db.cached("SELECT s.n FROM key_person kp JOIN search_account s ON s.account_id = kp.account_id"
                  " WHERE kp.id = ?");
    st.bind(1, id);
    if (!st.step()) {
        st.reset();
        // The account is not here yet (a pulled person can arrive before its account, whose
        // later edit moved it to a later page): keep the sort key right; the entry comes when
        // the account is indexed.
        Statement& name = db.cached("SELECT name FROM key_person WHERE id = ?");
        name.bind(1, id);
        const std::string sort = name.step() ? text::sortKey(name.text(0)) : std::string();
        name.reset();
        db.cached("UPDATE key_person SET _sort = ? WHERE id = ?").bind(1, sort).bind(2, id).exec();
        return;
    }
    const std::int64_t n = st.int64(0);
    st.reset();
    indexPersonRow(db, n, id);
}

std::string textOf(const Fields& fields, std::string_view name)
{
    auto it = fields.find(name);
    return it == fields.end() ? std::string() : valueToString(it->second);
}

Value valueOf(const Fields& fields, std::string_view name)
{
    auto it = fields.find(name);
    return it == fields.end() ? Value{} : it->second;
}

// An FTS5 string literal: the folded query as one phrase.
std::string phrase(std::string_view s)
{
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

}  // namespace

namespace {

// The search index and sort keys as derived data (derived.h): accounts and key persons are
// indexed as they are written, their entries leave with their account or the whole book,
// and an initial sync's inserts are indexed a page at a time by a BulkIndexer.
class SearchIndex : public DerivedData {
public:
    struct Prepared : DerivedData::Prepared {
        explicit Prepared(IndexPrep p) : prep(std::move(p)) {}
        IndexPrep prep;
    };

    void written(Transaction& tx, const schema::Entity& e, const std::string& id) override
    {
        if (e.name == "account")
            indexAccount(tx.db(), id);
        else if (e.name == "key_person")
            indexPerson(tx.db(), id);
    }
    void removed(Transaction& tx, const schema::Entity&, const std::string& id) override
    {
        removeFromSearchIndex(tx, id);
    }
    void accountPurged(Transaction& tx, std::string_view accountId) override
    {
        Database& db = tx.db();
        db.cached(
              "DELETE FROM search_fts WHERE rowid IN (SELECT rowid FROM search_entry WHERE account_id = ?)")
            .bind(1, accountId)
            .exec();
        db.cached(
              "DELETE FROM search_short WHERE rowid IN (SELECT rowid FROM search_entry WHERE account_id = ?)")
            .bind(1, accountId)
            .exec();
        db.cached(
              "DELETE FROM search_key WHERE rowid IN (SELECT rowid FROM search_entry WHERE account_id = ?)")
            .bind(1, accountId)
            .exec();
        db.cached("DELETE FROM search_entry WHERE account_id = ?").bind(1, accountId).exec();
        db.cached("DELETE FROM search_account WHERE account_id = ?").bind(1, accountId).exec();
        db.cached("DELETE FROM account_opened WHERE account_id = ?").bind(1, accountId).exec();
    }
    void wiped(Transaction& tx) override
    {
        tx.db().execScript("DELETE FROM search_fts; DELETE FROM search_short; DELETE FROM search_entry; "
                           "DELETE FROM search_key; DELETE FROM search_account; DELETE FROM account_opened;");
    }

    void beginBulk() override { indexer_ = std::make_unique<BulkIndexer>(); }
    void beginPage() override
    {
        if (!indexer_) indexer_ = std::make_unique<BulkIndexer>();
        indexer_->dropPage();
    }
    std::unique_ptr<DerivedData::Prepared> prepare(const schema::Entity& e,
                                                   const Fields& fields) const override
    {
        IndexPrep prep = prepareIndex(e.name, fields);
        if (!prep.indexed) return nullptr;
        return std::make_unique<Prepared>(std::move(prep));
    }
    void columns(const DerivedData::Prepared* p, Fields& out) const override
    {
        if (p) out.insert_or_assign("_sort", Value{static_cast<const Prepared*>(p)->prep.sort});
    }
    void inserted(const BulkRow& row, const DerivedData::Prepared* p) override
    {
        if (p) indexer_->add(row.id, static_cast<const Prepared*>(p)->prep);
    }
    void endPage(Transaction& tx) override { indexer_->endPage(tx); }
    void endBulk(Transaction& tx, bool resumed) override
    {
        indexer_->finish(tx, resumed);
        indexer_.reset();
    }

private:
    std::unique_ptr<BulkIndexer> indexer_;
};

}  // namespace

void installSearchIndex(Store& store)
{
    store.addDerived(std::make_unique<SearchIndex>());
}

void removeFromSearchIndex(Transaction& tx, const std::string& recordId)
{
    if (auto rowid = entryOf(tx.db(), recordId)) deleteIndexed(tx.db(), *rowid);
}

namespace {

// Each index entry's texts as indexing its record would make them now.
std::vector<std::pair<std::int64_t, IndexText>> currentIndexTexts(Database& db)
{
    std::vector<std::pair<std::int64_t, IndexText>> out;
    Statement st =
        db.prepare("SELECT e.rowid, e.kind, coalesce(a.name, p.name, ''), coalesce(a.phone, p.phone, ''), "
                   "coalesce(a.address, ''), coalesce(a.region, '')"
                   " FROM search_entry e LEFT JOIN account a ON e.kind = 0 AND a.id = e.record_id"
                   " LEFT JOIN key_person p ON e.kind = 1 AND p.id = e.record_id");
    while (st.step())
        out.emplace_back(st.int64(0), indexText(st.text(2), st.text(3), st.text(4), st.text(5),
                                                st.int64(1) == kKindPerson));
    return out;
}

}  // namespace

void refreshShortGrams(Transaction& tx)
{
    // The trigram table, the larger part of the index, is left as it is.
    Database& db = tx.db();
    Statement& update = db.cached("UPDATE search_short SET grams = ? WHERE rowid = ?");
    for (const auto& [rowid, t] : currentIndexTexts(db)) {
        update.bind(1, t.grams).bind(2, rowid).exec();
        update.reset();
    }
}

void refreshNameKeys(Transaction& tx)
{
    Database& db = tx.db();
    db.execScript("DELETE FROM search_key;");
    Statement& key = db.cached("INSERT OR IGNORE INTO search_key (key, rowid) VALUES (?, ?)");
    for (const auto& [rowid, t] : currentIndexTexts(db))
        for (const std::string& k : t.keys) {
            key.bind(1, k).bind(2, rowid).exec();
            key.reset();
        }
}

void noteAccountOpened(Transaction& tx, const std::string& accountId, std::int64_t atMs)
{
    Database& db = tx.db();
    db.cached("INSERT INTO account_opened (account_id, at) VALUES (?1, ?2)"
              " ON CONFLICT (account_id) DO UPDATE SET at = max(at, ?2)")
        .bind(1, accountId)
        .bind(2, atMs)
        .exec();
    // The latest few hundred are all a search needs.
    db.cached("DELETE FROM account_opened WHERE at < (SELECT at FROM account_opened ORDER BY at DESC LIMIT 1 "
              "OFFSET 499)")
        .exec();
}

void rebuildSearchIndex(Transaction& tx)
{
    // The same entries, sort keys and slots as indexing record by record (indexAccount /
    // indexPerson), written in one pass: the index starts empty, so nothing is looked up or
    // deleted per record.
    Database& db = tx.db();
    db.execScript("DELETE FROM search_fts; DELETE FROM search_short; DELETE FROM search_entry; DELETE FROM "
                  "search_key;");
    BulkIndexer indexer;
    std::vector<std::pair<std::string, IndexPrep>> rows;  // read by the indexer until finish()
    const auto add = [&](const char* table, const char* sql, const std::vector<const char*>& columns) {
        {
            Statement st = db.prepare(sql);
            while (st.step()) {
                Fields fields;
                for (std::size_t i = 0; i < columns.size(); ++i)
                    fields.emplace(columns[i], st.value(static_cast<int>(i) + 1));
                rows.emplace_back(st.text(0), prepareIndex(table, fields));
            }
        }
        Statement& sort = db.cached(std::string("UPDATE ") + table + " SET _sort = ? WHERE id = ?");
        for (const auto& [id, prep] : rows) {
            if (prep.person != (std::string_view(table) == "key_person")) continue;  // the other table's
            sort.bind(1, prep.sort).bind(2, id).exec();
            sort.reset();
        }
    };
    add("account", "SELECT id, name, phone, address, archived, tier, stage, industry, region FROM account",
        {"name", "phone", "address", "archived", "tier", "stage", "industry", "region"});
    add("key_person", "SELECT id, name, phone, account_id, archived, role FROM key_person",
        {"name", "phone", "account_id", "archived", "role"});
    for (const auto& [id, prep] : rows)
        indexer.add(id, prep);
    indexer.finish(tx, false);
}

IndexPrep prepareIndex(std::string_view entity, const Fields& fields)
{
    IndexPrep p;
    if (entity != "account" && entity != "key_person") return p;
    p.indexed = true;
    p.person = entity == "key_person";
    const std::string name = textOf(fields, "name");
    p.sort = text::sortKey(name);
    p.archived = textOf(fields, "archived") == "1";
    IndexText t = p.person ? indexText(name, textOf(fields, "phone"), {}, {}, true)
                           : indexText(name, textOf(fields, "phone"), textOf(fields, "address"),
                                       textOf(fields, "region"), false);
    p.body = std::move(t.body);
    p.grams = std::move(t.grams);
    p.keys = std::move(t.keys);
    p.name = name;
    p.phone = textOf(fields, "phone");
    if (p.person)
        p.role = textOf(fields, "role");
    else
        p.address = textOf(fields, "address");
    if (p.person) {
        p.accountId = textOf(fields, "account_id");
    } else {
        p.tier = valueOf(fields, "tier");
        p.stage = valueOf(fields, "stage");
        p.industry = valueOf(fields, "industry");
        p.region = valueOf(fields, "region");
    }
    return p;
}

void BulkIndexer::endPage(Transaction& tx)
{
    // Slots are looked up again each page: the write hooks may have indexed records since.
    slots_.clear();
    Database& db = tx.db();
    // First every account's number (an upsert takes a statement savepoint: before any FTS5 write).
    std::vector<std::int64_t> bases(page_.size(), -1);
    Statement& upsert = db.cached(kUpsertAccount);
    for (std::size_t i = 0; i < page_.size(); ++i) {
        const std::string& id = *page_[i].first;
        const IndexPrep& prep = *page_[i].second;
        if (!prep.indexed || prep.person) continue;
        upsert.bind(1, id)
            .bind(2, prep.sort)
            .bind(3, prep.tier)
            .bind(4, prep.stage)
            .bind(5, prep.industry)
            .bind(6, prep.region)
            .bind(7, prep.name)
            .bind(8, prep.phone)
            .bind(9, prep.address);
        upsert.step();
        bases[i] = upsert.int64(0) * kSlots;
        upsert.reset();
    }
    // Then the accounts' entries, then the key persons' (one may come before its account).
    for (std::size_t i = 0; i < page_.size(); ++i) {
        const std::string& id = *page_[i].first;
        const IndexPrep& prep = *page_[i].second;
        if (!prep.indexed || prep.person) continue;
        auto waiting = waiting_.extract(id);
        if (prep.archived) continue;  // an archived account is not in the index, nor its key persons
        writeEntry(db, bases[i], kKindAccount, id, id, {prep.name, prep.phone, ""}, prep.body, prep.grams,
                   prep.keys);
        slots_[id] = {bases[i], bases[i] + 1};
        if (!waiting.empty())
            for (const auto& [personId, person] : waiting.mapped())
                addPerson(tx, personId, person);
    }
    for (const auto& [id, prep] : page_)
        if (prep->indexed && prep->person) addPerson(tx, *id, *prep);
    page_.clear();
}

void BulkIndexer::addPerson(Transaction& tx, const std::string& id, const IndexPrep& prep)
{
    if (prep.archived) return;
    Database& db = tx.db();
    auto slot = slots_.find(prep.accountId);
    if (slot == slots_.end()) {
        Statement& num = db.cached("SELECT n FROM search_account WHERE account_id = ?");
        num.bind(1, prep.accountId);
        const bool present = num.step();
        const std::int64_t base = present ? num.int64(0) * kSlots : 0;
        num.reset();
        if (!present) {
            waiting_[prep.accountId].emplace_back(id, prep);  // the account comes on a later page
            return;
        }
        Statement& top = db.cached("SELECT max(rowid) FROM search_entry WHERE rowid >= ? AND rowid < ?");
        top.bind(1, base).bind(2, base + kSlots);
        top.step();
        const bool indexed = !top.isNull(0);  // no entry of its own: the account is archived
        const std::int64_t next = indexed ? top.int64(0) + 1 : 0;
        top.reset();
        if (!indexed) return;
        slot = slots_.emplace(prep.accountId, std::pair{base, next}).first;
    }
    auto& [base, next] = slot->second;
    if (next >= base + kSlots) {
        // The account's slots run out at the end: the write hook's way finds a free one.
        slots_.erase(slot);
        indexPerson(db, id);
        return;
    }
    writeEntry(db, next++, kKindPerson, id, prep.accountId, {prep.name, prep.phone, prep.role}, prep.body,
               prep.grams, prep.keys);
}

void BulkIndexer::finish(Transaction& tx, bool resumed)
{
    endPage(tx);
    waiting_.clear();
    slots_.clear();
    if (!resumed) return;
    // Key persons of indexed accounts without an entry of their own.
    std::vector<std::string> missing;
    {
        Statement st = tx.db().prepare(
            "SELECT kp.id FROM key_person kp JOIN search_entry a ON a.record_id = kp.account_id"
            " WHERE kp.archived IS NOT 1 AND NOT EXISTS (SELECT 1 FROM search_entry e WHERE e.record_id = "
            "kp.id)");
        while (st.step())
            missing.push_back(st.text(0));
    }
    for (const std::string& id : missing)
        indexPerson(tx.db(), id);
}

namespace {

// The words of a search box: split at spaces (ASCII, ideographic) and folded; words that fold
// to nothing (punctuation) are dropped.
std::vector<std::string> searchWords(std::string_view text)
{
    std::vector<std::string> out;
    std::string word;
    auto flush = [&] {
        if (std::string folded = text::normalize(word); !folded.empty()) out.push_back(std::move(folded));
        word.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == ' ' || text[i] == '\t') {
            flush();
        } else if (text.substr(i).starts_with("\u3000")) {
            flush();
            i += 2;
        } else {
            word += text[i];
        }
    }
    flush();
    return out;
}

bool isLetters(std::string_view word)
{
    return std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool isDigits(std::string_view word)
{
    return std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// One query word, folded, as the ranking reads it.
struct Word {
    std::string text;
    std::u32string chars;
};

struct PersonText {
    std::string id, name, role, phone;
    text::FoldedText folded;
};

// What ranking reads of one account: its fields, folded, and (when a word needs them) its key
// persons.
struct AccountText {
    std::int64_t n = 0;
    AccountHit shown;  // what the list shows of it (listedAccount's columns)
    std::string address, sort;
    text::FoldedText folded;
    std::vector<std::size_t> starts;
    std::string digits, addressFolded;
    std::optional<std::vector<PersonText>> persons;
};

// How one word matched one account.
struct WordRank {
    MatchRank rank = MatchRank::OtherField;
    int uncommon = 0;          // readings other than the customary one it needed (长沙 for "zs")
    bool lastPartial = false;  // it ended inside a syllable ("li" in 林)
    MatchField field = MatchField::Name;
    std::size_t begin = 0, end = 0;  // characters of the folded name, for a name match
    int person = -1;                 // the key person (AccountText::persons) for a name or phone
};

// The ranking rules, in one place (docs/architecture.md, "Search"): the best way a
// word matches an account, or nothing when it does not (a trigram hit across two syllables,
// "oushi" in chengdoushi, is not a match).
std::optional<WordRank> rankOf(AccountText& a, const Word& w,
                               const std::function<void(AccountText&)>& readPersons)
{
    const std::size_t n = a.folded.chars.size();
    text::WordMatcher name(a.folded, w.chars);
    // A reading names rarely use (长 as zhang) is how a name can be read, not how a rep reads
    // it: such a match ranks with the substrings, after key persons ("zhangs" means 张三, not
    // 长沙).
    const auto inName = [&](MatchRank rank, const text::WordMatch& m) {
        if (m.uncommon > 0) rank = std::max(rank, MatchRank::NameSubstring);
        return WordRank{rank, m.uncommon, m.lastPartial, MatchField::Name, m.begin, m.end, -1};
    };
    // The name's best match. At a word start, whole syllables or initials ("hengda", "hd" for
    // 恒达), but not a mix ("zhangs" as 中航食 is rarely what was meant), which counts only from
    // the name's start.
    const auto bestInName = [&]() -> std::optional<WordRank> {
        std::optional<WordRank> best;
        const auto keep = [&](const WordRank& r) {
            if (!best || r.rank < best->rank) best = r;
        };
        if (const std::optional<text::WordMatch> first = name.at(0)) {
            if (first->abbreviated == 0)
                keep(inName(first->end == n && !first->lastPartial ? MatchRank::ExactName
                                                                   : MatchRank::NamePrefix,
                            *first));
            else
                keep(inName(MatchRank::Initials, *first));
        }
        for (const std::size_t s : a.starts)
            if (s > 0)
                if (auto m = name.at(s))
                    keep(inName(m->abbreviated == 0 || m->initials ? MatchRank::WordStart
                                                                   : MatchRank::NameSubstring,
                                *m));
        if (!best)
            for (std::size_t i = 1; i < n && !best; ++i)
                if (auto m = name.at(i)) keep(inName(MatchRank::NameSubstring, *m));
        return best;
    };
    const std::optional<WordRank> named = bestInName();
    if (named && named->rank < MatchRank::KeyPerson) return named;

    // A key person's name beats the rest of the name ("zhangs": 张爽 before 长沙市).
    readPersons(a);
    for (const bool fromStart : {true, false})
        for (std::size_t k = 0; k < a.persons->size(); ++k) {
            const PersonText& p = (*a.persons)[k];
            text::WordMatcher person(p.folded, w.chars);
            for (std::size_t i = 0; i < (fromStart ? 1 : p.folded.chars.size()); ++i)
                if (auto m = person.at(i))
                    return WordRank{MatchRank::KeyPerson,  m->uncommon, m->lastPartial,
                                    MatchField::KeyPerson, 0,           0,
                                    static_cast<int>(k)};
        }
    if (named) return named;
    // Phone numbers from three digits, as the index holds them.
    if (w.text.size() >= 3 && isDigits(w.text)) {
        if (a.digits.find(w.text) != std::string::npos)
            return WordRank{MatchRank::OtherField, 0, false, MatchField::Phone, 0, 0, -1};
        for (std::size_t k = 0; k < a.persons->size(); ++k)
            if (text::digitsOnly((*a.persons)[k].phone).find(w.text) != std::string::npos)
                return WordRank{MatchRank::OtherField, 0, false, MatchField::Phone, 0, 0,
                                static_cast<int>(k)};
    }
    if (w.chars.size() >= 2 && a.addressFolded.find(w.text) != std::string::npos)
        return WordRank{MatchRank::OtherField, 0, false, MatchField::Address, 0, 0, -1};
    return std::nullopt;
}

// An account as the list shows it, from a row whose first columns are its id, name, tier,
// stage, industry, region and phone.
AccountHit listedAccount(const Statement& st)
{
    AccountHit h;
    h.accountId = st.text(0);
    h.name = st.text(1);
    h.tier = st.text(2);
    h.stage = st.text(3);
    h.industry = st.text(4);
    h.region = st.text(5);
    h.phone = st.text(6);
    return h;
}

// Whether an account's values pass the list's filters (an empty filter passes all).
bool passesFilter(const AccountFilter& f, std::string_view tier, std::string_view stage,
                  std::string_view industry, std::string_view region)
{
    return (f.tier.empty() || tier == f.tier) && (f.stage.empty() || stage == f.stage) &&
           (f.industry.empty() || industry == f.industry) && (f.region.empty() || region == f.region);
}

// The rank of an account for all the words, and its place among equals.
struct Ranked {
    std::int64_t n = 0;
    MatchRank rank = MatchRank::OtherField;
    int uncommon = 0;           // of the words, summed: customary readings first
    int partial = 0;            // words that ended inside a syllable: whole syllables first
    std::int64_t openedAt = 0;  // the rep's latest opening in the window, 0 if none
    bool lifted = false;        // KA or A
    std::string sort;
    bool operator<(const Ranked& o) const
    {
        if (rank != o.rank) return rank < o.rank;
        if (uncommon != o.uncommon) return uncommon < o.uncommon;
        if (partial != o.partial) return partial < o.partial;
        if (openedAt != o.openedAt) return openedAt > o.openedAt;
        if (lifted != o.lifted) return lifted;
        if (sort != o.sort) return sort < o.sort;
        return n < o.n;
    }
};

}  // namespace

AccountPage AccountQuery::page(const AccountFilter& filter, int offset, int limit)
{
    const std::vector<std::string> wordTexts = searchWords(filter.text);
    const std::string columns = "a.id, a.name, a.tier, a.stage, a.industry, a.region, a.phone";
    AccountPage result;
    offset = std::max(offset, 0);
    limit = std::max(limit, 0);

    if (wordTexts.empty()) {
        // Filters are bound as parameters; an empty value means "any".
        const std::string where =
            " WHERE (?1 = '' OR a.tier = ?1) AND (?2 = '' OR a.stage = ?2) AND (?3 = '' OR a.industry = ?3)"
            " AND (?4 = '' OR a.region = ?4) AND (?5 OR a.archived IS NOT 1)";
        const auto bindFilters = [&](Statement& st) {
            st.bind(1, filter.tier).bind(2, filter.stage).bind(3, filter.industry).bind(4, filter.region);
            st.bind(5, static_cast<std::int64_t>(filter.includeArchived));
        };
        Statement& count = db_.cached("SELECT count(*) FROM account a INDEXED BY account_list" + where);
        bindFilters(count);
        count.step();
        result.total = static_cast<int>(count.int64(0));
        count.reset();
        Statement& st = db_.cached("SELECT " + columns + " FROM account a INDEXED BY account_list" + where +
                                   " ORDER BY a._sort, a.id LIMIT ?6 OFFSET ?7");
        bindFilters(st);
        st.bind(6, limit).bind(7, offset);
        while (st.step())
            result.hits.push_back(listedAccount(st));
        st.reset();
        return result;
    }

    // The words as typed; pinyin typed with spaces between syllables ("zhang san") is also
    // read as one word, and an account ranks by the better reading.
    std::vector<std::vector<Word>> readings(1);
    for (const std::string& t : wordTexts)
        readings.front().push_back({t, text::foldedChars(t)});
    if (wordTexts.size() > 1 && std::all_of(wordTexts.begin(), wordTexts.end(), isLetters)) {
        std::string joined;
        for (const std::string& t : wordTexts)
            joined += t;
        readings.push_back({{joined, text::foldedChars(joined)}});
    }

    // 1. Retrieval. The trigram and short-gram index finds every account whose own text or a
    //    key person's contains each word (a superset: pinyin across syllables too); the name
    //    keys add the names and words that begin with it in mixed pinyin ("zsan", "zhsan"),
    //    which no substring index holds. Archived accounts and persons are never indexed.
    // What can rank best, by tier, in rank order: names a word begins, words of names it
    // begins, names whose initials it begins (the name keys), accounts a key person's name
    // matched (the index rows of key persons).
    enum Tier { kNameStart, kWordStart, kInitials, kPersonStart };
    std::array<std::unordered_set<std::int64_t>, 4> keyed;
    std::vector<std::int64_t> personRows;  // the key persons' tier, gathered when it is needed
    const auto keyRows = [&](const std::string& prefix) {
        std::vector<std::int64_t> rowids;
        Statement& st = db_.cached("SELECT rowid FROM search_key WHERE key >= ?1 AND key < ?1 || x'ff'");
        st.bind(1, prefix);
        while (st.step())
            rowids.push_back(st.int64(0));
        st.reset();
        return rowids;
    };
    // A range of an account's characters, full pinyin or initials is a match as it stands:
    // each key begins on a syllable.
    const auto plainRanges = [&](const Word& w, const char* forms, std::unordered_set<std::int64_t>& into) {
        for (const char* form = forms; *form != 0; ++form) {
            if (*form != 'c' && *form != 'C' && !isLetters(w.text)) continue;
            for (const std::int64_t rowid : keyRows("a" + std::string(1, *form) + w.text))
                into.insert(rowid / kSlots);
        }
    };
    // Whether a word matches the name of an index entry (an account's from a word start, a key
    // person's from the start), read for this one check.
    const auto mixedMatch = [&](std::int64_t rowid, const Word& w) {
        Statement& st = db_.cached("SELECT name, CASE WHEN kind = 0 THEN (SELECT region FROM search_account "
                                   "WHERE n = ?2) ELSE '' END"
                                   " FROM search_entry WHERE rowid = ?1");
        st.bind(1, rowid).bind(2, rowid / kSlots);
        bool found = false;
        if (st.step()) {
            const text::FoldedText name = text::foldText(st.textView(0));
            const std::vector<std::size_t> starts =
                rowid % kSlots == 0 ? wordStarts(name, st.textView(1)) : std::vector<std::size_t>{0};
            text::WordMatcher m(name, w.chars);
            found = std::any_of(starts.begin(), starts.end(),
                                [&](std::size_t at) { return m.at(at).has_value(); });
        }
        st.reset();
        return found;
    };
    // The index entries whose text holds a piece of pinyin (a syllable, or two letters of one).
    std::unordered_map<std::string, std::unordered_set<std::int64_t>> holdingCache;
    const auto entriesHolding = [&](const std::string& piece) -> const std::unordered_set<std::int64_t>& {
        auto [it, fresh] = holdingCache.try_emplace(piece);
        if (!fresh) return it->second;
        Statement& st =
            db_.cached(piece.size() >= 3 ? "SELECT rowid FROM search_fts WHERE search_fts MATCH ?"
                                         : "SELECT rowid FROM search_short WHERE search_short MATCH ?");
        st.bind(1, phrase(piece));
        while (st.step())
            it->second.insert(st.int64(0));
        st.reset();
        return it->second;
    };
    auto matching = [&](const Word& w) {
        std::unordered_set<std::int64_t> out;
        Statement& st =
            db_.cached(w.chars.size() >= 3 ? "SELECT rowid FROM search_fts WHERE search_fts MATCH ?"
                                           : "SELECT rowid FROM search_short WHERE search_short MATCH ?");
        st.bind(1, phrase(w.text));
        const bool digits = isDigits(w.text);
        while (st.step()) {
            const std::int64_t rowid = st.int64(0);
            out.insert(rowid / kSlots);
            // A key person's row, not a phone: the person's name holds the word.
            if (rowid % kSlots != 0 && !digits) personRows.push_back(rowid / kSlots);
        }
        st.reset();
        std::unordered_set<std::int64_t> start, word, initials;
        plainRanges(w, "cf", start);
        plainRanges(w, "CFI", word);
        plainRanges(w, "i", initials);
        for (const auto* found : {&start, &word, &initials})
            out.insert(found->begin(), found->end());
        keyed[kNameStart].merge(start);
        keyed[kWordStart].merge(word);
        keyed[kInitials].merge(initials);
        // Syllables mixed with initials: the names whose initials begin as a reading of the
        // word says ("zsan" as z|san: zs) and whose pinyin holds its longest piece (san), each
        // checked against the name (张三, not 周顺利).
        if (isLetters(w.text))
            for (const text::MixedReading& reading : text::mixedReadings(w.text, 32))
                for (const auto& [prefix, tier] :
                     {std::pair{"ai", kInitials}, {"aI", kWordStart}, {"pi", kPersonStart}}) {
                    std::vector<std::int64_t> rowids = keyRows(prefix + reading.initials);
                    // Many names with those initials (中山 for z|san): only those that hold the
                    // piece are read.
                    constexpr std::size_t kReadAll = 64;
                    if (rowids.size() > kReadAll && reading.longest.size() > 1) {
                        const std::unordered_set<std::int64_t>& holding = entriesHolding(reading.longest);
                        std::erase_if(rowids, [&](std::int64_t rowid) { return !holding.contains(rowid); });
                    }
                    for (const std::int64_t rowid : rowids) {
                        const std::int64_t n = rowid / kSlots;
                        if (keyed[tier].contains(n) && out.contains(n)) continue;
                        if (mixedMatch(rowid, w)) {
                            out.insert(n);
                            keyed[tier].insert(n);
                        }
                    }
                }
        return out;
    };
    std::unordered_set<std::int64_t> hits;
    for (const std::vector<Word>& words : readings) {
        std::unordered_set<std::int64_t> all = matching(words.front());
        for (std::size_t w = 1; w < words.size() && !all.empty(); ++w) {
            const std::unordered_set<std::int64_t> more = matching(words[w]);
            std::erase_if(all, [&](std::int64_t n) { return !more.contains(n); });
        }
        hits.merge(all);
    }
    if (hits.empty()) return result;

    // 2. Ranking (rankOf) reads each account it ranks. A query with few hits ranks them all;
    //    one with many ranks those its name keys found, which hold every name and word that
    //    begins with a word, and when they do not fill the page, the rest follow in pinyin
    //    order, each checked as it is listed.
    std::unordered_map<std::int64_t, std::int64_t> opened;
    {
        Statement& st =
            db_.cached("SELECT s.n, o.at FROM account_opened o JOIN search_account s"
                       " ON s.account_id = o.account_id WHERE o.at >= ?1 AND (?2 = 0 OR o.at < ?2)");
        st.bind(1, filter.recentSinceMs).bind(2, filter.recentUntilMs);
        while (st.step())
            opened.emplace(st.int64(0), st.int64(1));
        st.reset();
    }
    Statement& readAccount = db_.cached("SELECT account_id, name, tier, stage, industry, region, phone, "
                                        "address, sort FROM search_account WHERE n = ?");
    Statement& readPersonsSt = db_.cached("SELECT record_id, name, role, phone FROM search_entry"
                                          " WHERE rowid > ? AND rowid < ? ORDER BY rowid");
    const std::function<void(AccountText&)> readPersons = [&](AccountText& a) {
        if (a.persons) return;
        a.persons.emplace();
        readPersonsSt.bind(1, a.n * kSlots).bind(2, (a.n + 1) * kSlots);
        while (readPersonsSt.step()) {
            PersonText p{readPersonsSt.text(0),
                         readPersonsSt.text(1),
                         readPersonsSt.text(2),
                         readPersonsSt.text(3),
                         {}};
            p.folded = text::foldText(p.name);
            a.persons->push_back(std::move(p));
        }
        readPersonsSt.reset();
    };

    // Reads and ranks one account: nothing when a filter leaves it out or a word does not match.
    struct Verdict {
        AccountText text;
        std::vector<std::optional<WordRank>> words;
        Ranked ranked;
    };
    const auto judge = [&](std::int64_t n) -> std::optional<Verdict> {
        readAccount.bind(1, n);
        if (!readAccount.step()) {
            readAccount.reset();
            return std::nullopt;
        }
        Verdict v;
        AccountText& a = v.text;
        a.n = n;
        a.shown = listedAccount(readAccount);
        a.address = readAccount.text(7);
        a.sort = readAccount.text(8);
        readAccount.reset();
        const AccountHit& shown = a.shown;
        if (!passesFilter(filter, shown.tier, shown.stage, shown.industry, shown.region)) return std::nullopt;
        a.folded = text::foldText(shown.name);
        a.starts = wordStarts(a.folded, shown.region);
        a.digits = text::digitsOnly(shown.phone);
        a.addressFolded = text::normalize(a.address);
        const auto it = opened.find(n);
        bool found = false;
        for (const std::vector<Word>& words : readings) {
            Ranked ranked;
            ranked.n = n;
            ranked.rank = MatchRank::ExactName;
            ranked.openedAt = it == opened.end() ? 0 : it->second;
            ranked.lifted = shown.tier == "KA" || shown.tier == "A";
            ranked.sort = a.sort;
            std::vector<std::optional<WordRank>> ranks;
            for (const Word& w : words) {
                std::optional<WordRank> r = rankOf(a, w, readPersons);
                if (!r) break;
                ranked.rank = std::max(ranked.rank, r->rank);
                ranked.uncommon += r->uncommon;
                ranked.partial += r->lastPartial ? 1 : 0;
                ranks.push_back(r);
            }
            if (ranks.size() < words.size() || (found && !(ranked < v.ranked))) continue;
            found = true;
            v.ranked = std::move(ranked);
            v.words = std::move(ranks);
        }
        if (!found) return std::nullopt;
        return v;
    };

    // Few hits are all ranked. Of many, the tiers are, tier by tier while they stay few (they
    // hold the best ranks: names, words of names, initials, key persons' names), with the
    // accounts the rep opened lately. The rest follow in pinyin order, tier
    // by tier, then every other hit, each checked as it is listed. So a word that begins
    // thousands of names ("z") lists them in pinyin order, the recently opened first.
    constexpr std::size_t kRankAll = 250;
    const auto tierOf = [&](int tier) -> const std::unordered_set<std::int64_t>& {
        if (tier == kPersonStart && !personRows.empty()) {
            keyed[kPersonStart].insert(personRows.begin(), personRows.end());
            personRows.clear();
        }
        return keyed[static_cast<std::size_t>(tier)];
    };
    std::unordered_set<std::int64_t> toRank;
    for (const auto& [n, at] : opened)
        if (hits.contains(n)) toRank.insert(n);
    int listedTier = 0;  // the first tier not ranked in full
    const bool rankAll = hits.size() <= kRankAll;
    if (rankAll) {
        toRank = hits;
        listedTier = kPersonStart + 1;
    } else {
        for (; listedTier <= kPersonStart; ++listedTier) {
            std::unordered_set<std::int64_t> more;
            for (const std::int64_t n : tierOf(listedTier))
                if (hits.contains(n) && !toRank.contains(n)) more.insert(n);
            if (toRank.size() + more.size() > kRankAll) break;
            toRank.merge(more);
        }
    }
    std::vector<Verdict> ranked;
    std::unordered_set<std::int64_t> judged;  // kept or not
    for (const std::int64_t n : toRank) {
        judged.insert(n);
        if (auto v = judge(n)) ranked.push_back(std::move(*v));
    }
    std::sort(ranked.begin(), ranked.end(),
              [](const Verdict& a, const Verdict& b) { return a.ranked < b.ranked; });

    std::vector<Verdict> pageRows;
    const std::size_t wanted = static_cast<std::size_t>(offset) + static_cast<std::size_t>(limit);
    if (rankAll) {
        for (std::size_t i = static_cast<std::size_t>(offset); i < std::min(wanted, ranked.size()); ++i)
            pageRows.push_back(std::move(ranked[i]));
        result.total = static_cast<int>(ranked.size());
    } else {
        // Walks in pinyin order: the tiers not ranked, then every other hit; until the page is
        // full, or to the end when a filter makes the total unknown. What is ranked, and a row
        // that ranks worse than the tier it was found in (长沙 for "zs", read zhang-sha), is
        // held and listed before the first tier that ranks no better than it does, so ranks
        // stay in order across tiers (initials from a name's start after words of names).
        const bool filtered = !filter.tier.empty() || !filter.stage.empty() || !filter.industry.empty() ||
                              !filter.region.empty();
        constexpr std::array<MatchRank, 4> kTierRank{MatchRank::NamePrefix, MatchRank::WordStart,
                                                     MatchRank::Initials, MatchRank::KeyPerson};
        std::size_t listed = 0;
        std::size_t keptUnlisted = 0;
        std::size_t unchecked = 0;
        const auto take = [&](Verdict&& v) {
            if (listed >= wanted) {
                ++keptUnlisted;
                return;
            }
            if (listed >= static_cast<std::size_t>(offset)) pageRows.push_back(std::move(v));
            ++listed;
        };
        std::vector<Verdict> held = std::move(ranked);  // in rank order, then as found
        const auto release = [&](std::optional<MatchRank> upTo) {
            std::stable_sort(held.begin(), held.end(), [](const Verdict& a, const Verdict& b) {
                return a.ranked.rank < b.ranked.rank;
            });
            auto it = held.begin();
            for (; it != held.end() && (!upTo || it->ranked.rank <= *upTo); ++it)
                take(std::move(*it));
            held.erase(held.begin(), it);
        };
        Statement& st = db_.cached("SELECT n, tier, stage, industry, region FROM search_account"
                                   " INDEXED BY search_account_sort ORDER BY sort, n");
        for (int pass = listedTier; pass <= kPersonStart + 1 && (listed < wanted || filtered); ++pass) {
            const bool last = pass > kPersonStart;
            const std::size_t tier = static_cast<std::size_t>(pass);
            release(last ? std::nullopt : std::optional(kTierRank[tier]));
            const std::unordered_set<std::int64_t>* only = last ? nullptr : &tierOf(pass);
            while (st.step()) {
                const std::int64_t n = st.int64(0);
                if (!hits.contains(n) || judged.contains(n) || (only && !only->contains(n))) continue;
                if (listed < wanted) {
                    judged.insert(n);
                    if (auto v = judge(n)) {
                        if (!last && v->ranked.rank > kTierRank[tier])
                            held.push_back(std::move(*v));
                        else
                            take(std::move(*v));
                    }
                    continue;
                }
                if (!filtered || !last) break;
                if (passesFilter(filter, st.textView(1), st.textView(2), st.textView(3), st.textView(4)))
                    ++unchecked;
            }
            st.reset();
        }
        release(std::nullopt);
        result.total =
            static_cast<int>(listed + keptUnlisted + (filtered ? unchecked : hits.size() - judged.size()));
    }

    // 3. The page, with why each row is there.
    for (Verdict& v : pageRows) {
        AccountText& a = v.text;
        AccountHit h = std::move(a.shown);
        h.rank = v.ranked.rank;
        const WordRank* best = nullptr;
        for (const std::optional<WordRank>& r : v.words) {
            if (!best || r->rank < best->rank) best = &*r;
            if (r->field == MatchField::Name)
                h.nameMarks.emplace_back(a.folded.origin[r->begin], a.folded.origin[r->end - 1] + 1);
            const PersonText* person =
                r->person >= 0 ? &(*a.persons)[static_cast<std::size_t>(r->person)] : nullptr;
            if (person && h.personId.empty()) {
                h.personId = person->id;
                h.personName = person->name;
                h.personRole = person->role;
            }
            if (h.matchedText.empty() && (r->field == MatchField::Phone || r->field == MatchField::Address)) {
                h.matchedText = r->field == MatchField::Address ? a.address
                                : person                        ? person->phone
                                                                : h.phone;
                h.matchedIn = r->field;
                if (person) h.personPhone = person->phone;  // the phone a search for it matched
            }
        }
        h.field = best->field;
        // Two words can mark overlapping parts ("杭州 杭州恒达"): one mark each stretch.
        std::sort(h.nameMarks.begin(), h.nameMarks.end());
        std::vector<std::pair<int, int>> merged;
        for (const auto& mark : h.nameMarks)
            if (!merged.empty() && mark.first <= merged.back().second)
                merged.back().second = std::max(merged.back().second, mark.second);
            else
                merged.push_back(mark);
        h.nameMarks = std::move(merged);
        result.hits.push_back(std::move(h));
    }
    return result;
}

namespace {

std::vector<std::string> distinctColumn(Database& db, const std::string& column)
{
    std::vector<std::pair<std::string, std::string>> keyed;
    Statement& st = db.cached("SELECT DISTINCT " + column + " FROM account WHERE " + column +
                              " IS NOT NULL AND " + column + " <> '' AND archived IS NOT 1");
    while (st.step()) {
        std::string v = st.text(0);
        keyed.emplace_back(text::sortKey(v), std::move(v));
    }
    st.reset();
    std::sort(keyed.begin(), keyed.end());
    std::vector<std::string> out;
    out.reserve(keyed.size());
    for (auto& [key, value] : keyed)
        out.push_back(std::move(value));
    return out;
}

}  // namespace

std::vector<std::string> AccountQuery::industries()
{
    return distinctColumn(db_, "industry");
}
std::vector<std::string> AccountQuery::regions()
{
    return distinctColumn(db_, "region");
}

}  // namespace fb
