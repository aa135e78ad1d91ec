// The search index (FTS5 trigram + short grams), pinyin sort keys and the account list query.
#include "fieldbook/core/search.h"

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>

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

IndexText indexText(std::string_view name, std::string_view phone, std::string_view address)
{
    IndexText t;
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

void writeEntry(Database& db, std::int64_t rowid, int kind, const std::string& recordId,
                const std::string& accountId, std::string_view body, std::string_view grams)
{
    db.cached("INSERT INTO search_entry (rowid, kind, record_id, account_id) VALUES (?, ?, ?, ?)")
        .bind(1, rowid)
        .bind(2, kind)
        .bind(3, recordId)
        .bind(4, accountId)
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
    db.cached("INSERT INTO search_account (account_id, sort, tier, stage, industry, region) VALUES (?1, ?2, "
              "?3, ?4, ?5, ?6)"
              " ON CONFLICT (account_id) DO UPDATE SET sort = ?2, tier = ?3, stage = ?4, industry = ?5, "
              "region = ?6")
        .bind(1, id)
        .bind(2, sort)
        .bind(3, tier)
        .bind(4, stage)
        .bind(5, industry)
        .bind(6, region)
        .exec();
    Statement& num = db.cached("SELECT n FROM search_account WHERE account_id = ?");
    num.bind(1, id);
    num.step();
    const std::int64_t n = num.int64(0);
    num.reset();

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
    const IndexText t = indexText(name, phone, address);
    writeEntry(db, base, kKindAccount, id, id, t.body, t.grams);
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
    Statement& st = db.cached("SELECT name, phone, account_id, archived FROM key_person WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) {
        st.reset();
        return;
    }
    const std::string name = st.text(0);
    const std::string phone = st.text(1);
    const std::string accountId = st.text(2);
    const bool archived = st.int64(3) == 1;
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
    const IndexText t = indexText(name, phone, {});
    writeEntry(db, *rowid, kKindPerson, id, accountId, t.body, t.grams);
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
        db.cached("DELETE FROM search_entry WHERE account_id = ?").bind(1, accountId).exec();
        db.cached("DELETE FROM search_account WHERE account_id = ?").bind(1, accountId).exec();
    }
    void wiped(Transaction& tx) override
    {
        tx.db().execScript("DELETE FROM search_fts; DELETE FROM search_short; DELETE FROM search_entry; "
                           "DELETE FROM search_account;");
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

void refreshShortGrams(Transaction& tx)
{
    // Each entry's short grams from its record as indexing it would make them; the trigram
    // table, the larger part of the index, is left as it is.
    Database& db = tx.db();
    std::vector<std::pair<std::int64_t, std::string>> grams;
    {
        Statement st =
            db.prepare("SELECT e.rowid, coalesce(a.name, p.name, ''), coalesce(a.phone, p.phone, ''), "
                       "coalesce(a.address, '')"
                       " FROM search_entry e LEFT JOIN account a ON e.kind = 0 AND a.id = e.record_id"
                       " LEFT JOIN key_person p ON e.kind = 1 AND p.id = e.record_id");
        while (st.step())
            grams.emplace_back(st.int64(0), indexText(st.text(1), st.text(2), st.text(3)).grams);
    }
    Statement& update = db.cached("UPDATE search_short SET grams = ? WHERE rowid = ?");
    for (const auto& [rowid, text] : grams) {
        update.bind(1, text).bind(2, rowid).exec();
        update.reset();
    }
}

void rebuildSearchIndex(Transaction& tx)
{
    // The same entries, sort keys and slots as indexing record by record (indexAccount /
    // indexPerson), written in one pass: the index starts empty, so nothing is looked up or
    // deleted per record.
    Database& db = tx.db();
    db.execScript("DELETE FROM search_fts; DELETE FROM search_short; DELETE FROM search_entry;");
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
    add("key_person", "SELECT id, name, phone, account_id, archived FROM key_person",
        {"name", "phone", "account_id", "archived"});
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
    IndexText t =
        indexText(name, textOf(fields, "phone"), p.person ? std::string() : textOf(fields, "address"));
    p.body = std::move(t.body);
    p.grams = std::move(t.grams);
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
    Statement& upsert = db.cached(
        "INSERT INTO search_account (account_id, sort, tier, stage, industry, region) VALUES (?1, ?2, ?3, "
        "?4, ?5, ?6)"
        " ON CONFLICT (account_id) DO UPDATE SET sort = ?2, tier = ?3, stage = ?4, industry = ?5, region = ?6"
        " RETURNING n");
    for (std::size_t i = 0; i < page_.size(); ++i) {
        const std::string& id = *page_[i].first;
        const IndexPrep& prep = *page_[i].second;
        if (!prep.indexed || prep.person) continue;
        upsert.bind(1, id)
            .bind(2, prep.sort)
            .bind(3, prep.tier)
            .bind(4, prep.stage)
            .bind(5, prep.industry)
            .bind(6, prep.region);
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
        writeEntry(db, bases[i], kKindAccount, id, id, prep.body, prep.grams);
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
    writeEntry(db, next++, kKindPerson, id, prep.accountId, prep.body, prep.grams);
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

}  // namespace

AccountPage AccountQuery::page(const AccountFilter& filter, int offset, int limit)
{
    const std::vector<std::string> words = searchWords(filter.text);
    const std::string folded = words.empty() ? std::string() : words.front();
    const std::string columns = "a.id, a.name, a.tier, a.stage, a.industry, a.region, a.phone";
    AccountPage result;
    offset = std::max(offset, 0);
    limit = std::max(limit, 0);

    if (folded.empty()) {
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
            result.hits.push_back({st.text(0),
                                   st.text(1),
                                   st.text(2),
                                   st.text(3),
                                   st.text(4),
                                   st.text(5),
                                   st.text(6),
                                   {},
                                   {},
                                   {}});
        st.reset();
        return result;
    }

    // 1. The matching index rows. Each rowid names its account (rowid / kSlots) and whether
    //    the account itself or one of its key persons matched (rowid % kSlots).
    //    Archived accounts and persons are never in the index.
    struct Hit {
        bool direct = false;
        std::int64_t person = 0;  // smallest matching key-person rowid
    };
    //    With several words, an account is a hit when each word matches it or one of its key
    //    persons ("北京 医院": the city in the address, the kind in the name); it is direct
    //    when each matched the account itself, else the first person a word matched names it.
    auto matching = [&](const std::string& word) {
        std::unordered_map<std::int64_t, Hit> out;
        Statement& st = db_.cached(codePoints(word).size() >= 3
                                       ? "SELECT rowid FROM search_fts WHERE search_fts MATCH ?"
                                       : "SELECT rowid FROM search_short WHERE search_short MATCH ?");
        st.bind(1, phrase(word));
        while (st.step()) {
            const std::int64_t rowid = st.int64(0);
            Hit& h = out[rowid / kSlots];
            if (rowid % kSlots == 0)
                h.direct = true;
            else if (h.person == 0 || rowid < h.person)
                h.person = rowid;
        }
        st.reset();
        return out;
    };
    std::unordered_map<std::int64_t, Hit> hits = matching(folded);
    for (std::size_t w = 1; w < words.size() && !hits.empty(); ++w) {
        const std::unordered_map<std::int64_t, Hit> more = matching(words[w]);
        for (auto it = hits.begin(); it != hits.end();) {
            const auto also = more.find(it->first);
            if (also == more.end()) {
                it = hits.erase(it);
                continue;
            }
            Hit& h = it->second;
            if (!also->second.direct) {
                // This word matched only a key person: the account is found through them.
                if (h.direct || h.person == 0) h.person = also->second.person;
                h.direct = false;
            } else if (!h.direct && h.person == 0) {
                h.person = also->second.person;
            }
            ++it;
        }
    }
    if (hits.empty()) return result;

    const bool filtered =
        !filter.tier.empty() || !filter.stage.empty() || !filter.industry.empty() || !filter.region.empty();
    const auto passes = [&](const Statement& st, int col) {
        return (filter.tier.empty() || st.textView(col) == filter.tier) &&
               (filter.stage.empty() || st.textView(col + 1) == filter.stage) &&
               (filter.industry.empty() || st.textView(col + 2) == filter.industry) &&
               (filter.region.empty() || st.textView(col + 3) == filter.region);
    };
    std::vector<std::int64_t> pageNumbers;  // account numbers of the page, in order
    const std::size_t wanted = static_cast<std::size_t>(offset) + static_cast<std::size_t>(limit);

    // 2. Many hits: walk the sorted covering index and keep the hits (stopping after the
    //    page when the total is already known). Few hits: look each one up and sort them.
    constexpr std::size_t kDense = 256;
    if (hits.size() >= kDense) {
        int total = 0;
        Statement& st = db_.cached("SELECT n, tier, stage, industry, region FROM search_account"
                                   " INDEXED BY search_account_sort ORDER BY sort, n");
        while (st.step()) {
            if (!hits.count(st.int64(0)) || !passes(st, 1)) continue;
            if (static_cast<std::size_t>(total) >= static_cast<std::size_t>(offset) &&
                pageNumbers.size() < static_cast<std::size_t>(limit))
                pageNumbers.push_back(st.int64(0));
            ++total;
            if (!filtered && static_cast<std::size_t>(total) >= wanted) break;
        }
        st.reset();
        result.total = filtered ? total : static_cast<int>(hits.size());
    } else {
        std::vector<std::pair<std::string, std::int64_t>> keyed;
        keyed.reserve(hits.size());
        Statement& st =
            db_.cached("SELECT sort, tier, stage, industry, region FROM search_account WHERE n = ?");
        for (const auto& [n, hit] : hits) {
            st.bind(1, n);
            if (st.step() && passes(st, 1)) keyed.emplace_back(st.text(0), n);
            st.reset();
        }
        result.total = static_cast<int>(keyed.size());
        const std::size_t end = std::min(wanted, keyed.size());
        if (static_cast<std::size_t>(offset) < end) {
            std::partial_sort(keyed.begin(), keyed.begin() + static_cast<std::ptrdiff_t>(end), keyed.end());
            for (std::size_t i = static_cast<std::size_t>(offset); i < end; ++i)
                pageNumbers.push_back(keyed[i].second);
        }
    }

    // 3. Only the page's accounts (and the key person each matched through) are read.
    Statement& acc = db_.cached("SELECT " + columns +
                                " FROM search_account s JOIN account a ON a.id = s.account_id WHERE s.n = ?");
    Statement& via = db_.cached(
        "SELECT kp.id, kp.name, kp.role FROM search_entry e JOIN key_person kp ON kp.id = e.record_id"
        " WHERE e.rowid = ?");
    for (const std::int64_t n : pageNumbers) {
        acc.bind(1, n);
        if (!acc.step()) {
            acc.reset();
            continue;
        }
        AccountHit h{acc.text(0), acc.text(1), acc.text(2), acc.text(3), acc.text(4),
                     acc.text(5), acc.text(6), {},          {},          {}};
        acc.reset();
        const Hit& hit = hits[n];
        if (!hit.direct && hit.person != 0) {
            via.bind(1, hit.person);
            if (via.step()) {
                h.personId = via.text(0);
                h.personName = via.text(1);
                h.personRole = via.text(2);
            }
            via.reset();
        }
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
