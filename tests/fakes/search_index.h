// The search index of a device database as text lines, for tests that compare two indexes
// (rowids may differ between builds, so they are not in the lines):
// "record_id|account_id|kind|body|grams|name|phone|role" per entry, with "|misplaced" appended
// when the entry's rowid does not name its account's number (rowid / 65536, which search relies
// on), its name keys ("k" + record_id|key), then the sort keys of accounts, key persons and
// search_account rows (with their shown fields). Sorted.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "fieldbook/core/database.h"

namespace fb::test {

inline std::vector<std::string> searchIndexLines(Database& db)
{
    std::vector<std::string> out;
    Statement st =
        db.prepare("SELECT e.record_id, e.account_id, e.kind, f.body, s.grams, e.rowid / 65536 IS a.n,"
                   " e.name || '|' || e.phone || '|' || e.role"
                   " FROM search_entry e JOIN search_fts f ON f.rowid = e.rowid"
                   " JOIN search_short s ON s.rowid = e.rowid LEFT JOIN search_account a ON a.account_id = "
                   "e.account_id");
    while (st.step())
        out.push_back(st.text(0) + "|" + st.text(1) + "|" + st.text(2) + "|" + st.text(3) + "|" + st.text(4) +
                      "|" + st.text(6) + (st.int64(5) == 1 ? "" : "|misplaced"));
    Statement keys = db.prepare("SELECT 'k' || e.record_id || '|' || k.key FROM search_key k"
                                " LEFT JOIN search_entry e ON e.rowid = k.rowid");
    while (keys.step())
        out.push_back(keys.text(0));
    Statement sorts = db.prepare(
        "SELECT 'a' || id || _sort FROM account UNION ALL SELECT 'p' || id || _sort FROM key_person"
        " UNION ALL SELECT 's' || account_id || sort || coalesce(tier, '') || '|' || name || '|' || phone ||"
        " '|' || address FROM search_account");
    while (sorts.step())
        out.push_back(sorts.text(0));
    std::sort(out.begin(), out.end());
    return out;
}

inline bool anyMisplaced(const std::vector<std::string>& lines)
{
    return std::any_of(lines.begin(), lines.end(),
                       [](const std::string& l) { return l.find("|misplaced") != std::string::npos; });
}

}  // namespace fb::test
