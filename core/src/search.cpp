// The search index (FTS5 trigram + short grams), pinyin sort keys and the account list query.
#include "fieldbook/core/search.h"

#include <algorithm>
#include <set>

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

IndexText indexText(std::string_view name, std::string_view phone, std::string_view address)
{
    IndexText t;
    t.body = text::searchDocument(name);
    const std::string digits = text::digitsOnly(phone);
    if (!digits.empty()) t.body += "\x1f" + digits;
    const std::string addr = text::normalize(address);
    if (!addr.empty()) t.body += "\x1f" + addr;

    std::set<std::string> grams;
    addShortGrams(grams, text::normalize(name), true);
    for (const std::string& initials : text::pinyinKeys(name).initials) addShortGrams(grams, initials, true);
    addShortGrams(grams, addr, false);
    for (const std::string& g : grams) {
        if (!t.grams.empty()) t.grams += ' ';
        t.grams += g;
    }
    return t;
}

void removeEntry(Database& db, const std::string& recordId)
{
    Statement& find = db.cached("SELECT rowid FROM search_entry WHERE record_id = ?");
    find.bind(1, recordId);
    if (!find.step()) {
        find.reset();
        return;
    }
    const std::int64_t rowid = find.int64(0);
    find.reset();
    db.cached("DELETE FROM search_fts WHERE rowid = ?").bind(1, rowid).exec();
    db.cached("DELETE FROM search_short WHERE rowid = ?").bind(1, rowid).exec();
    db.cached("DELETE FROM search_entry WHERE rowid = ?").bind(1, rowid).exec();
}

void writeEntry(Database& db, int kind, const std::string& recordId, const std::string& accountId,
                const IndexText& t)
{
    // The account's sort key and filter values travel with every entry of the account.
    db.cached("INSERT INTO search_entry (kind, record_id, account_id, sort, tier, stage, industry, region)"
              " SELECT ?, ?, id, _sort, tier, stage, industry, region FROM account WHERE id = ?")
        .bind(1, kind)
        .bind(2, recordId)
        .bind(3, accountId)
        .exec();
    const std::int64_t rowid = db.lastInsertRowId();
    db.cached("INSERT INTO search_fts (rowid, body) VALUES (?, ?)").bind(1, rowid).bind(2, t.body).exec();
    db.cached("INSERT INTO search_short (rowid, grams) VALUES (?, ?)").bind(1, rowid).bind(2, t.grams).exec();
}

void indexAccount(Database& db, const std::string& id)
{
    Statement& st = db.cached("SELECT name, phone, address, archived FROM account WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) {
        st.reset();
        return;
    }
    const std::string name = st.text(0);
    const std::string phone = st.text(1);
    const std::string address = st.text(2);
    const bool archived = st.int64(3) == 1;
    st.reset();
    removeEntry(db, id);
    db.cached("UPDATE account SET _sort = ? WHERE id = ?").bind(1, text::sortKey(name)).bind(2, id).exec();
    if (!archived) writeEntry(db, kKindAccount, id, id, indexText(name, phone, address));
    // The account's key persons carry its sort key and filters too.
    db.cached("UPDATE search_entry SET (sort, tier, stage, industry, region) ="
              " (SELECT _sort, tier, stage, industry, region FROM account WHERE id = ?1)"
              " WHERE account_id = ?1 AND kind = 1")
        .bind(1, id)
        .exec();
}

void indexPerson(Database& db, const std::string& id)
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
    removeEntry(db, id);
    db.cached("UPDATE key_person SET _sort = ? WHERE id = ?").bind(1, text::sortKey(name)).bind(2, id).exec();
    if (!archived) writeEntry(db, kKindPerson, id, accountId, indexText(name, phone, {}));
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

void installSearchIndex(Store& store)
{
    store.onWrite("account", [](Transaction& tx, const std::string& id) { indexAccount(tx.db(), id); });
    store.onWrite("key_person", [](Transaction& tx, const std::string& id) { indexPerson(tx.db(), id); });
}

void rebuildSearchIndex(Transaction& tx)
{
    Database& db = tx.db();
    db.execScript("DELETE FROM search_fts; DELETE FROM search_short; DELETE FROM search_entry;");
    std::vector<std::string> ids;
    {
        Statement st = db.prepare("SELECT id FROM account");
        while (st.step()) ids.push_back(st.text(0));
    }
    for (const std::string& id : ids) indexAccount(db, id);
    ids.clear();
    {
        Statement st = db.prepare("SELECT id FROM key_person");
        while (st.step()) ids.push_back(st.text(0));
    }
    for (const std::string& id : ids) indexPerson(db, id);
}

AccountPage AccountQuery::page(const AccountFilter& filter, int offset, int limit)
{
    const std::string folded = text::normalize(filter.text);
    const std::size_t length = codePoints(folded).size();
    // Filters are bound as parameters; an empty value means "any".
    const std::string where =
        " WHERE (?1 = '' OR a.tier = ?1) AND (?2 = '' OR a.stage = ?2) AND (?3 = '' OR a.industry = ?3)"
        " AND (?4 = '' OR a.region = ?4) AND (?5 OR a.archived IS NOT 1)";
    const auto bindFilters = [&](Statement& st) {
        st.bind(1, filter.tier).bind(2, filter.stage).bind(3, filter.industry).bind(4, filter.region);
    };
    const std::string columns = "a.id, a.name, a.tier, a.stage, a.industry, a.region, a.phone";

    AccountPage result;
    if (folded.empty()) {
        Statement& count = db_.cached("SELECT count(*) FROM account a INDEXED BY account_list" + where);
        bindFilters(count);
        count.bind(5, static_cast<std::int64_t>(filter.includeArchived));
        count.step();
        result.total = static_cast<int>(count.int64(0));
        count.reset();
        Statement& st = db_.cached("SELECT " + columns + " FROM account a INDEXED BY account_list" + where +
                                   " ORDER BY a._sort, a.id LIMIT ?6 OFFSET ?7");
        bindFilters(st);
        st.bind(5, static_cast<std::int64_t>(filter.includeArchived));
        st.bind(6, limit).bind(7, offset);
        while (st.step())
            result.hits.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6), {}, {}, {}});
        st.reset();
        return result;
    }

    // Archived accounts and persons are never in the index, so includeArchived does not
    // apply to text searches. One pass over the hits: group by account (a direct hit wins over hits through a key
    // person), filter and sort on the entry's copies of the account's values, count with a
    // window, and only then read the page's account rows.
    const std::string matches =
        length >= 3 ? "SELECT rowid FROM search_fts WHERE search_fts MATCH ?8"
                    : "SELECT rowid FROM search_short WHERE search_short MATCH ?8";
    const std::string sql =
        "WITH hit AS (SELECT e.account_id AS aid, e.sort AS sort, max(e.kind = 0) AS direct,"
        "   min(CASE WHEN e.kind = 1 THEN e.record_id END) AS pid"
        "   FROM search_entry e WHERE e.rowid IN (" + matches + ")"
        "   AND (?1 = '' OR e.tier = ?1) AND (?2 = '' OR e.stage = ?2) AND (?3 = '' OR e.industry = ?3)"
        "   AND (?4 = '' OR e.region = ?4)"
        "   GROUP BY e.account_id),"
        " page AS (SELECT hit.*, count(*) OVER () AS total FROM hit ORDER BY sort, aid LIMIT ?6 OFFSET ?7)"
        " SELECT " + columns + ", CASE WHEN page.direct THEN NULL ELSE page.pid END, kp.name, kp.role, page.total"
        " FROM page JOIN account a ON a.id = page.aid"
        " LEFT JOIN key_person kp ON kp.id = CASE WHEN page.direct THEN NULL ELSE page.pid END"
        " ORDER BY page.sort, page.aid";
    Statement& st = db_.cached(sql);
    bindFilters(st);
    st.bind(6, limit).bind(7, offset).bind(8, phrase(folded));
    while (st.step()) {
        result.hits.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6),
                               st.text(7), st.text(8), st.text(9)});
        result.total = static_cast<int>(st.int64(10));
    }
    st.reset();
    // Past the last page the window saw no rows; the total still comes from the first.
    if (result.hits.empty() && offset > 0) result.total = page(filter, 0, 1).total;
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
    for (auto& [key, value] : keyed) out.push_back(std::move(value));
    return out;
}

}  // namespace

std::vector<std::string> AccountQuery::industries() { return distinctColumn(db_, "industry"); }
std::vector<std::string> AccountQuery::regions() { return distinctColumn(db_, "region"); }

}  // namespace fb
