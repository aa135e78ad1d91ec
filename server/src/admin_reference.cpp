// Admin commands for what the server itself writes besides accounts: the gift catalogue and
// the tier policies (global reference data every device receives) and stock receipts (a
// rep's owned ledger). Each command is one transaction. See admin.h.
#include <map>
#include <set>

#include <QDateTime>
#include <QTimeZone>

#include "csv.h"
#include "fieldbook/core/cadence.h"
#include "fieldbook/core/gifts.h"
#include "fieldbook/core/hlc.h"
#include "fieldbook/core/id.h"
#include "fieldbook/core/visits.h"
#include "fieldbook/server/admin.h"

namespace fb::server {

namespace {}  // namespace

Result<bool> Admin::writeAsServer(WriteTransaction& tx, std::string_view entity, const std::string& id,
                                  const Fields& values, bool creating)
{
    const schema::Entity* e = schema::entity(entity);
    if (!e) return makeError(ErrorCode::UnknownField, "no entity " + std::string(entity));
    Fields clean;
    if (auto errors = schema::validateRecord(*e, values, creating, &clean); !errors.empty())
        return errors.front();
    const std::optional<StoredRecord> existing = store_.recordForWrite(tx, entity, id);
    if (existing && !creating && e->merge != schema::MergePolicy::Lww)
        return makeError(ErrorCode::Conflict,
                         std::string(entity) + " records cannot be changed once written");
    // Only what differs is written: a value stamped again would send the record to every
    // device for nothing (a catalogue imported twice).
    if (existing) {
        std::erase_if(clean, [&](const auto& kv) {
            auto stored = existing->state.fields.find(kv.first);
            return stored == existing->state.fields.end() ? isNull(kv.second) : stored->second == kv.second;
        });
        if (clean.empty()) return false;
    }
    // A stamp after everything stored for the record, so the server's write wins the merge.
    HybridClock hlc(clock_, kServerDeviceId);
    HlcStamp stamp = hlc.now();
    if (existing)
        if (auto stored = HlcStamp::parse(maxStamp(existing->state.clocks)); stored && !(*stored < stamp))
            stamp = stored->next(kServerDeviceId);
    RecordState incoming;
    incoming.fields = clean;
    for (const auto& [name, value] : clean)
        incoming.clocks.emplace(name, stamp.toString());
    MergeResult merged = mergeRecord(*e, existing ? existing->state : RecordState{}, incoming);
    if (!merged.changed && existing) return false;
    auto key = ServerStore::scopeKeyOf(*e, id, merged.merged.fields);
    if (!key) return makeError(ErrorCode::Required, std::string(e->scopeField) + " is required");
    if (e->scope == schema::ScopeKind::Owner) store_.setAccountOwner(tx, key->key, key->ownerUser);
    store_.writeRecord(tx, entity, id, key->key, merged.merged, existing);
    return true;
}

Result<CatalogueImport> Admin::importCatalogue(const QByteArray& csv)
{
    auto rows = parseCsv(QString::fromUtf8(csv));
    if (!rows) return rows.error();
    if (rows->empty()) return makeError(ErrorCode::Required, "the CSV file is empty");
    const schema::Entity* item = schema::entity("gift_item");
    std::vector<const schema::Field*> columns;
    for (const QString& name : rows->front().cells) {
        const schema::Field* f = item->field(name.trimmed().toStdString());
        if (!f)
            return makeError(ErrorCode::UnknownField,
                             "line 1: gift_item has no field '" + name.toStdString() + "'");
        columns.push_back(f);
    }
    if (std::find(columns.begin(), columns.end(), item->field("code")) == columns.end())
        return makeError(ErrorCode::Required, "line 1: the header needs a code column (each item's key)");

    WriteTransaction tx(store_);
    tx.lockCommitOrder();  // one reference-data command at a time (see setPolicyIn)
    std::map<std::string, std::string> idByCode;
    for (const StoredRecord& r : store_.recordsInScope(tx.db(), "gift_item", ServerStore::kGlobalScopeKey))
        idByCode.emplace(fieldText(r.state.fields, "code"), r.id);
    IdGenerator ids(clock_);
    std::map<std::string, int> lineOfCode;
    CatalogueImport result;
    for (std::size_t r = 1; r < rows->size(); ++r) {
        const CsvRow& row = (*rows)[r];
        const std::string where = "line " + std::to_string(row.line) + ": ";
        if (row.cells.size() != static_cast<qsizetype>(columns.size()))
            return makeError(ErrorCode::BadFormat, where + "has " + std::to_string(row.cells.size()) +
                                                       " cells, the header " +
                                                       std::to_string(columns.size()));
        Fields fields;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const QString cell = row.cells[static_cast<qsizetype>(c)];
            // An empty cell clears the field of an existing item (and is left out of a new one).
            auto v = cell.trimmed().isEmpty() ? Result<Value>(Value{}) : cellValue(*columns[c], cell);
            if (!v) return makeError(v.error().code, where + v.error().message, v.error().field);
            fields.emplace(std::string(columns[c]->name), std::move(*v));
        }
        // The code as it is stored (trimmed, as every value is), so "G001 " from a spreadsheet
        // finds the item G001 instead of adding a second one.
        std::string code;
        if (auto canonical = schema::validateField(*item->field("code"), fields["code"]); canonical)
            if (const auto* text = std::get_if<std::string>(&*canonical)) code = *text;
        if (code.empty()) return makeError(ErrorCode::Required, where + "code is required", "code");
        fields["code"] = Value{code};
        if (auto [it, fresh] = lineOfCode.emplace(code, row.line); !fresh)
            return makeError(ErrorCode::Conflict, where + "code " + code + " is on line " +
                                                      std::to_string(it->second) + " already");
        auto known = idByCode.find(code);
        const bool creating = known == idByCode.end();
        if (creating) {
            std::erase_if(fields, [](const auto& kv) { return isNull(kv.second); });
            if (!fields.count("active")) fields.emplace("active", Value{std::int64_t{1}});
        }
        auto written =
            writeAsServer(tx, "gift_item", creating ? ids.next() : known->second, fields, creating);
        if (!written)
            return makeError(written.error().code, where + written.error().message, written.error().field);
        (creating ? result.added : *written ? result.updated : result.unchanged) += 1;
    }
    tx.commit();
    return result;
}

Result<bool> Admin::setPolicy(const QString& tier, const QString& activity, const QString& period,
                              std::optional<int> minCount, std::optional<int> maxCount)
{
    WriteTransaction tx(store_);
    auto written = setPolicyIn(tx, tier, activity, period, minCount, maxCount);
    if (!written) return written.error();
    tx.commit();
    return *written;
}

Result<bool> Admin::setPolicyIn(WriteTransaction& tx, const QString& tier, const QString& activity,
                                const QString& period, std::optional<int> minCount,
                                std::optional<int> maxCount)
{
    if (!minCount && !maxCount) return makeError(ErrorCode::Required, "give --min N, --max N or both");
    if (minCount && maxCount && *minCount > *maxCount)
        return makeError(ErrorCode::OutOfRange, "--min is above --max");
    Fields fields{{"tier", Value{tier.toStdString()}},
                  {"activity", Value{activity.toStdString()}},
                  {"period", Value{period.toStdString()}},
                  {"min_count", minCount ? Value{std::int64_t{*minCount}} : Value{}},
                  {"max_count", maxCount ? Value{std::int64_t{*maxCount}} : Value{}}};
    // Reference-data commands run one at a time (the commit-order lock on PostgreSQL; SQLite
    // writers are serial anyway), so two admins cannot both find no policy and both add one.
    tx.lockCommitOrder();
    // One policy per tier and activity: setting it again changes that record.
    std::string id;
    for (const StoredRecord& r : store_.recordsInScope(tx.db(), "tier_policy", ServerStore::kGlobalScopeKey))
        if (fieldText(r.state.fields, "tier") == tier.toStdString() &&
            fieldText(r.state.fields, "activity") == activity.toStdString())
            id = r.id;
    const bool creating = id.empty();
    if (creating) {
        id = IdGenerator(clock_).next();
        std::erase_if(fields, [](const auto& kv) { return isNull(kv.second); });
    }
    return writeAsServer(tx, "tier_policy", id, fields, creating);
}

Result<int> Admin::defaultPolicies()
{
    // One transaction: all the defaults or none.
    WriteTransaction tx(store_);
    tx.lockCommitOrder();
    std::set<std::pair<std::string, std::string>> present;
    for (const StoredRecord& r : store_.recordsInScope(tx.db(), "tier_policy", ServerStore::kGlobalScopeKey))
        present.emplace(fieldText(r.state.fields, "tier"), fieldText(r.state.fields, "activity"));
    int written = 0;
    // The device's defaults (core cadence.h): one table for both.
    for (const TierPolicy& p : defaultTierPolicies()) {
        if (present.count({p.tier, p.activity})) continue;
        auto toInt = [](const std::optional<std::int64_t>& n) {
            return n ? std::optional<int>(static_cast<int>(*n)) : std::nullopt;
        };
        auto r = setPolicyIn(tx, QString::fromStdString(p.tier), QString::fromStdString(p.activity),
                             QString::fromStdString(p.period), toInt(p.minCount), toInt(p.maxCount));
        if (!r) return r.error();
        ++written;
    }
    tx.commit();
    return written;
}

QStringList Admin::policies()
{
    QSqlDatabase db = store_.connection();
    std::vector<std::tuple<int, int, std::string>> lines;
    const schema::Field* tier = schema::entity("tier_policy")->field("tier");
    const schema::Field* activity = schema::entity("tier_policy")->field("activity");
    auto rank = [](const schema::Field* f, const std::string& v) {
        return static_cast<int>(std::find(f->values.begin(), f->values.end(), v) - f->values.begin());
    };
    for (const StoredRecord& r : store_.recordsInScope(db, "tier_policy", ServerStore::kGlobalScopeKey)) {
        const Fields& f = r.state.fields;
        std::string line = "tier=" + fieldText(f, "tier") + " activity=" + fieldText(f, "activity") +
                           " period=" + fieldText(f, "period");
        if (f.count("min_count") && !isNull(f.at("min_count")))
            line += " min=" + std::to_string(fieldInteger(f, "min_count"));
        if (f.count("max_count") && !isNull(f.at("max_count")))
            line += " max=" + std::to_string(fieldInteger(f, "max_count"));
        lines.emplace_back(rank(tier, fieldText(f, "tier")), rank(activity, fieldText(f, "activity")), line);
    }
    std::sort(lines.begin(), lines.end());
    QStringList out;
    for (const auto& [t, a, line] : lines)
        out << QString::fromStdString(line);
    return out;
}

Result<bool> Admin::setChecklistItem(const QString& purpose, const QString& code,
                                     std::optional<QString> label, std::optional<int> position,
                                     std::optional<bool> active)
{
    WriteTransaction tx(store_);
    auto written = setChecklistItemIn(tx, purpose, code, std::move(label), position, active);
    if (!written) return written.error();
    tx.commit();
    return *written;
}

Result<bool> Admin::setChecklistItemIn(WriteTransaction& tx, const QString& purpose, const QString& code,
                                       std::optional<QString> label, std::optional<int> position,
                                       std::optional<bool> active)
{
    if (code.trimmed().isEmpty() || code.contains(QLatin1Char(',')))
        return makeError(ErrorCode::BadFormat, "a checklist code is a word without commas", "code");
    Fields fields{{"purpose", Value{purpose.toStdString()}}, {"code", Value{code.trimmed().toStdString()}}};
    if (label)
        fields.emplace("label", label->trimmed().isEmpty() ? Value{} : Value{label->trimmed().toStdString()});
    if (position) fields.emplace("position", Value{std::int64_t{*position}});
    if (active) fields.emplace("active", Value{std::int64_t{*active ? 1 : 0}});
    tx.lockCommitOrder();
    std::string id;
    for (const StoredRecord& r :
         store_.recordsInScope(tx.db(), "checklist_item", ServerStore::kGlobalScopeKey))
        if (fieldText(r.state.fields, "purpose") == purpose.toStdString() &&
            fieldText(r.state.fields, "code") == code.trimmed().toStdString())
            id = r.id;
    const bool creating = id.empty();
    if (creating) {
        id = IdGenerator(clock_).next();
        if (!active) fields.emplace("active", Value{std::int64_t{1}});
        std::erase_if(fields, [](const auto& kv) { return isNull(kv.second); });
    }
    return writeAsServer(tx, "checklist_item", id, fields, creating);
}

Result<int> Admin::defaultChecklist()
{
    WriteTransaction tx(store_);
    tx.lockCommitOrder();
    std::set<std::string> present;
    for (const StoredRecord& r :
         store_.recordsInScope(tx.db(), "checklist_item", ServerStore::kGlobalScopeKey))
        if (fieldText(r.state.fields, "purpose") == "any") present.insert(fieldText(r.state.fields, "code"));
    int written = 0;
    int position = 0;
    for (const ChecklistItem& item : fb::defaultChecklist()) {
        ++position;
        if (present.count(item.code)) continue;
        auto r = setChecklistItemIn(tx, QStringLiteral("any"), QString::fromStdString(item.code),
                                    std::nullopt, position * 10, true);
        if (!r) return r.error();
        ++written;
    }
    tx.commit();
    return written;
}

QStringList Admin::checklist()
{
    QSqlDatabase db = store_.connection();
    std::vector<std::tuple<std::string, std::int64_t, std::string>> lines;
    for (const StoredRecord& r : store_.recordsInScope(db, "checklist_item", ServerStore::kGlobalScopeKey)) {
        const Fields& f = r.state.fields;
        const bool inUse = !f.count("active") || isNull(f.at("active")) || fieldInteger(f, "active") == 1;
        const std::string label = fieldText(f, "label");
        std::string line =
            "purpose=" + fieldText(f, "purpose") + " code=" + fieldText(f, "code") + " position=" +
            (f.count("position") && !isNull(f.at("position")) ? std::to_string(fieldInteger(f, "position"))
                                                              : std::string("-")) +
            (label.empty() ? " (standard item: named by each phone)" : " label=" + label) +
            (inUse ? "" : " [not in use]");
        lines.emplace_back(fieldText(f, "purpose"), f.count("position") ? fieldInteger(f, "position") : 999,
                           line);
    }
    std::sort(lines.begin(), lines.end());
    QStringList out;
    if (lines.empty()) {
        out << QStringLiteral(
            "no checklist set: phones use the standard list (checklist defaults writes it):");
        for (const ChecklistItem& item : fb::defaultChecklist())
            out << QStringLiteral("  ") + QString::fromStdString(item.code);
    }
    for (const auto& [purpose, position, line] : lines)
        out << QString::fromStdString(line);
    return out;
}

Result<bool> Admin::setHoliday(const QString& code, Fields fields)
{
    WriteTransaction tx(store_);
    tx.lockCommitOrder();
    // One record per code: setting it again changes that record.
    std::string id;
    for (const StoredRecord& r : store_.recordsInScope(tx.db(), "holiday", ServerStore::kGlobalScopeKey))
        if (fieldText(r.state.fields, "code") == code.toStdString()) id = r.id;
    const bool creating = id.empty();
    fields.insert_or_assign("code", Value{code.toStdString()});
    const std::string rule = fieldText(fields, "rule");
    if (!rule.empty()) {
        const bool dated = rule == "date";
        const bool monthDay = rule == "solar" || rule == "lunar";
        if (dated && isNull(fields["date"]))
            return makeError(ErrorCode::Required, "--rule date needs --date", "date");
        if (monthDay && (isNull(fields["month"]) || isNull(fields["day"])))
            return makeError(ErrorCode::Required, "--rule " + rule + " needs --month and --day", "month");
        if (!dated) fields.erase("date");
        if (!monthDay) {
            fields.erase("month");
            fields.erase("day");
        }
    } else if (creating) {
        return makeError(ErrorCode::Required, "a new holiday needs --rule", "rule");
    }
    if (creating) {
        id = IdGenerator(clock_).next();
        std::erase_if(fields, [](const auto& kv) { return isNull(kv.second); });
    }
    auto written = writeAsServer(tx, "holiday", id, fields, creating);
    if (!written) return written.error();
    tx.commit();
    return *written;
}

QStringList Admin::holidays()
{
    QSqlDatabase db = store_.connection();
    std::vector<std::string> lines;
    for (const StoredRecord& r : store_.recordsInScope(db, "holiday", ServerStore::kGlobalScopeKey)) {
        const Fields& f = r.state.fields;
        std::string line = "code=" + fieldText(f, "code") + " name=" + fieldText(f, "name") +
                           " kind=" + fieldText(f, "kind") + " rule=" + fieldText(f, "rule");
        for (const char* name : {"date", "month", "day", "greet", "tiers", "lead_days", "active", "name_en"})
            if (f.count(name) && !isNull(f.at(name)))
                line += std::string(" ") + name + "=" + valueToString(f.at(name));
        lines.push_back(std::move(line));
    }
    std::sort(lines.begin(), lines.end());
    QStringList out;
    for (const std::string& line : lines)
        out << QString::fromStdString(line);
    return out;
}

Result<bool> Admin::setGreeting(const QString& occasion, const QString& language, const QString& text)
{
    WriteTransaction tx(store_);
    tx.lockCommitOrder();
    std::string id;
    for (const StoredRecord& r :
         store_.recordsInScope(tx.db(), "greeting_template", ServerStore::kGlobalScopeKey))
        if (fieldText(r.state.fields, "occasion") == occasion.toStdString() &&
            fieldText(r.state.fields, "language") == language.toStdString())
            id = r.id;
    const bool creating = id.empty();
    if (creating) id = IdGenerator(clock_).next();
    auto written = writeAsServer(tx, "greeting_template", id,
                                 {{"occasion", Value{occasion.toStdString()}},
                                  {"language", Value{language.toStdString()}},
                                  {"text", Value{text.toStdString()}}},
                                 creating);
    if (!written) return written.error();
    tx.commit();
    return *written;
}

Result<bool> Admin::setVisitPolicy(const QString& setting, int value)
{
    WriteTransaction tx(store_);
    tx.lockCommitOrder();
    std::string id;
    for (const StoredRecord& r : store_.recordsInScope(tx.db(), "visit_policy", ServerStore::kGlobalScopeKey))
        if (fieldText(r.state.fields, "setting") == setting.toStdString()) id = r.id;
    const bool creating = id.empty();
    if (creating) id = IdGenerator(clock_).next();
    auto written = writeAsServer(
        tx, "visit_policy", id,
        {{"setting", Value{setting.toStdString()}}, {"value", Value{std::int64_t{value}}}}, creating);
    if (!written) return written.error();
    tx.commit();
    return *written;
}

QStringList Admin::visitPolicies()
{
    QSqlDatabase db = store_.connection();
    std::map<std::string, std::int64_t> set;
    for (const StoredRecord& r : store_.recordsInScope(db, "visit_policy", ServerStore::kGlobalScopeKey))
        set[fieldText(r.state.fields, "setting")] = fieldInteger(r.state.fields, "value");
    const VisitPolicy defaults;
    const std::pair<const char*, int> known[] = {{"callback_days", defaults.callbackDays},
                                                 {"revisit_days", defaults.revisitDays},
                                                 {"away_distance_m", defaults.awayDistanceM}};
    QStringList out;
    for (const auto& [name, standard] : known) {
        const auto it = set.find(name);
        out << QString::fromLatin1(name) + QLatin1Char('=') +
                   QString::number(it == set.end() ? standard : it->second) +
                   (it == set.end() ? QStringLiteral(" (default)") : QString());
    }
    return out;
}

Result<QString> Admin::receiveStock(const QString& login, const QString& itemCode, int quantity,
                                    const QString& note)
{
    if (quantity < 1) return makeError(ErrorCode::OutOfRange, "--quantity must be at least 1");
    WriteTransaction tx(store_);
    auto user = store_.userByLogin(tx.db(), login);
    if (!user) return makeError(ErrorCode::NotFound, "no user " + login.toStdString());
    std::string itemId;
    for (const StoredRecord& r : store_.recordsInScope(tx.db(), "gift_item", ServerStore::kGlobalScopeKey))
        if (fieldText(r.state.fields, "code") == itemCode.toStdString()) itemId = r.id;
    if (itemId.empty())
        return makeError(ErrorCode::NotFound, "no gift item with code " + itemCode.toStdString() +
                                                  " (admin catalogue import first)");
    Fields fields{{"owner_id", Value{user->id.toStdString()}},
                  {"item_id", Value{itemId}},
                  {"kind", Value{std::string("receipt")}},
                  {"quantity", Value{std::int64_t{quantity}}},
                  {"moved_at", Value{clock_.nowMs()}}};
    if (!note.trimmed().isEmpty()) fields.emplace("note", Value{note.toStdString()});
    const std::string id = IdGenerator(clock_).next();
    auto written = writeAsServer(tx, "stock_movement", id, fields, true);
    if (!written) return written.error();
    tx.commit();
    return QString::fromStdString(id);
}

Result<QStringList> Admin::stockOf(const QString& login)
{
    QSqlDatabase db = store_.connection();
    auto user = store_.userByLogin(db, login);
    if (!user) return makeError(ErrorCode::NotFound, "no user " + login.toStdString());
    std::map<std::string, std::int64_t> balance;
    for (const StoredRecord& r :
         store_.recordsInScope(db, "stock_movement", ServerStore::ownerScopeKey(user->id.toStdString())))
        balance[fieldText(r.state.fields, "item_id")] += fieldInteger(r.state.fields, "quantity");
    QStringList out;
    for (const StoredRecord& item : store_.recordsInScope(db, "gift_item", ServerStore::kGlobalScopeKey)) {
        auto it = balance.find(item.id);
        if (it == balance.end()) continue;
        out << QStringLiteral("item=%1 name=\"%2\" stock=%3 %4")
                   .arg(QString::fromStdString(fieldText(item.state.fields, "code")),
                        QString::fromStdString(fieldText(item.state.fields, "name")))
                   .arg(it->second)
                   .arg(QString::fromStdString(fieldText(item.state.fields, "unit")));
    }
    return out;
}

Result<std::string> Admin::itemIdByCode(QSqlDatabase& db, const QString& code)
{
    for (const StoredRecord& r : store_.recordsInScope(db, "gift_item", ServerStore::kGlobalScopeKey))
        if (fieldText(r.state.fields, "code") == code.toStdString()) return r.id;
    return makeError(ErrorCode::NotFound,
                     "no gift item with code " + code.toStdString() + " (admin catalogue import first)");
}

Result<QString> Admin::transferStock(const QString& fromLogin, const QString& toLogin,
                                     const QString& itemCode, int quantity, const QString& note)
{
    if (quantity < 1) return makeError(ErrorCode::OutOfRange, "--quantity must be at least 1");
    WriteTransaction tx(store_);
    auto from = store_.userByLogin(tx.db(), fromLogin);
    auto to = store_.userByLogin(tx.db(), toLogin);
    if (!from) return makeError(ErrorCode::NotFound, "no user " + fromLogin.toStdString());
    if (!to) return makeError(ErrorCode::NotFound, "no user " + toLogin.toStdString());
    if (from->id == to->id) return makeError(ErrorCode::Conflict, "a transfer goes to another rep");
    auto item = itemIdByCode(tx.db(), itemCode);
    if (!item) return item.error();
    const std::int64_t now = clock_.nowMs();
    IdGenerator ids(clock_);
    const std::string outId = ids.next();
    auto side = [&](const UserRow& owner, const UserRow& other, const char* kind, std::int64_t q,
                    const std::string& id) -> Result<bool> {
        Fields fields{{"owner_id", Value{owner.id.toStdString()}},
                      {"item_id", Value{*item}},
                      {"kind", Value{std::string(kind)}},
                      {"quantity", Value{q}},
                      {"moved_at", Value{now}},
                      {"counterpart_id", Value{other.id.toStdString()}}};
        if (!note.trimmed().isEmpty()) fields.emplace("note", Value{note.trimmed().toStdString()});
        return writeAsServer(tx, "stock_movement", id, fields, true);
    };
    if (auto r = side(*from, *to, "transfer_out", -std::int64_t{quantity}, outId); !r) return r.error();
    if (auto r = side(*to, *from, "transfer_in", std::int64_t{quantity}, ids.next()); !r) return r.error();
    tx.commit();
    return QString::fromStdString(outId);
}

Result<QString> Admin::returnStock(const QString& login, const QString& itemCode, int quantity,
                                   const QString& note)
{
    if (quantity < 1) return makeError(ErrorCode::OutOfRange, "--quantity must be at least 1");
    WriteTransaction tx(store_);
    auto user = store_.userByLogin(tx.db(), login);
    if (!user) return makeError(ErrorCode::NotFound, "no user " + login.toStdString());
    auto item = itemIdByCode(tx.db(), itemCode);
    if (!item) return item.error();
    Fields fields{{"owner_id", Value{user->id.toStdString()}},
                  {"item_id", Value{*item}},
                  {"kind", Value{std::string("return")}},
                  {"quantity", Value{-std::int64_t{quantity}}},
                  {"moved_at", Value{clock_.nowMs()}}};
    if (!note.trimmed().isEmpty()) fields.emplace("note", Value{note.trimmed().toStdString()});
    const std::string id = IdGenerator(clock_).next();
    auto written = writeAsServer(tx, "stock_movement", id, fields, true);
    if (!written) return written.error();
    tx.commit();
    return QString::fromStdString(id);
}

Result<QString> Admin::adjustStock(const QString& login, const QString& itemCode, int delta,
                                   const QString& reason)
{
    if (delta == 0)
        return makeError(ErrorCode::OutOfRange, "an adjustment changes the stock: --quantity is not 0");
    if (reason.trimmed().isEmpty())
        return makeError(ErrorCode::Required, "say why the count differs (--note)", "note");
    WriteTransaction tx(store_);
    auto user = store_.userByLogin(tx.db(), login);
    if (!user) return makeError(ErrorCode::NotFound, "no user " + login.toStdString());
    auto item = itemIdByCode(tx.db(), itemCode);
    if (!item) return item.error();
    const std::string id = IdGenerator(clock_).next();
    auto written = writeAsServer(tx, "stock_movement", id,
                                 {{"owner_id", Value{user->id.toStdString()}},
                                  {"item_id", Value{*item}},
                                  {"kind", Value{std::string("adjustment")}},
                                  {"quantity", Value{std::int64_t{delta}}},
                                  {"moved_at", Value{clock_.nowMs()}},
                                  {"note", Value{reason.trimmed().toStdString()}}},
                                 true);
    if (!written) return written.error();
    tx.commit();
    return QString::fromStdString(id);
}

Result<bool> Admin::setGiftLimit(const QString& tier, const QString& per, std::int64_t maxFen)
{
    WriteTransaction tx(store_);
    tx.lockCommitOrder();
    std::string id;
    for (const StoredRecord& r : store_.recordsInScope(tx.db(), "gift_limit", ServerStore::kGlobalScopeKey))
        if (fieldText(r.state.fields, "tier") == tier.toStdString() &&
            fieldText(r.state.fields, "per") == per.toStdString())
            id = r.id;
    const bool creating = id.empty();
    if (creating) id = IdGenerator(clock_).next();
    auto written = writeAsServer(tx, "gift_limit", id,
                                 {{"tier", Value{tier.toStdString()}},
                                  {"per", Value{per.toStdString()}},
                                  {"max_value", Value{maxFen}}},
                                 creating);
    if (!written) return written.error();
    tx.commit();
    return *written;
}

namespace {

QString yuan(std::int64_t fen)
{
    return QStringLiteral("¥%1.%2").arg(fen / 100).arg(std::llabs(fen % 100), 2, 10, QLatin1Char('0'));
}

}  // namespace

QStringList Admin::giftLimits()
{
    QSqlDatabase db = store_.connection();
    QStringList out;
    for (const StoredRecord& r : store_.recordsInScope(db, "gift_limit", ServerStore::kGlobalScopeKey))
        out << QStringLiteral("tier=%1 per=%2 max=%3")
                   .arg(QString::fromStdString(fieldText(r.state.fields, "tier")),
                        QString::fromStdString(fieldText(r.state.fields, "per")),
                        yuan(fieldInteger(r.state.fields, "max_value")));
    out.sort();
    if (out.isEmpty()) out << QStringLiteral("no gift limits set: gifts are not capped");
    return out;
}

Result<QStringList> Admin::giftReport(const QString& login, const QString& month)
{
    const QDate first = QDate::fromString(month + QStringLiteral("-01"), Qt::ISODate);
    if (!first.isValid() || month.size() != 7)
        return makeError(ErrorCode::BadFormat, "--month is YYYY-MM", "month");
    QSqlDatabase db = store_.connection();
    auto user = store_.userByLogin(db, login);
    if (!user) return makeError(ErrorCode::NotFound, "no user " + login.toStdString());
    const Period period =
        complianceMonth(QDateTime(first, QTime(12, 0), QTimeZone(8 * 3600)).toMSecsSinceEpoch());

    struct Line {
        std::int64_t received = 0, issued = 0, returned = 0, transferred = 0, adjusted = 0, balance = 0;
    };
    std::map<std::string, Line> lines;
    std::map<std::string, const StoredRecord*> byId;
    const std::vector<StoredRecord> ledger =
        store_.recordsInScope(db, "stock_movement", ServerStore::ownerScopeKey(user->id.toStdString()));
    std::vector<const StoredRecord*> issues;
    for (const StoredRecord& r : ledger) {
        const Fields& f = r.state.fields;
        byId[r.id] = &r;
        const std::int64_t at = fieldInteger(f, "moved_at");
        if (at >= period.toMs) continue;
        Line& line = lines[fieldText(f, "item_id")];
        const std::int64_t q = fieldInteger(f, "quantity");
        line.balance += q;
        if (at < period.fromMs) continue;
        const std::string kind = fieldText(f, "kind");
        if (kind == "receipt")
            line.received += q;
        else if (kind == "issue") {
            line.issued += q;
            issues.push_back(&r);
        } else if (kind == "return")
            line.returned += q;
        else if (kind == "transfer_in" || kind == "transfer_out")
            line.transferred += q;
        else
            line.adjusted += q;
    }
    std::map<std::string, Fields> items;
    for (const StoredRecord& g : store_.recordsInScope(db, "gift_item", ServerStore::kGlobalScopeKey))
        items[g.id] = g.state.fields;
    auto itemText = [&](const std::string& id) {
        const Fields& g = items[id];
        return QString::fromStdString(fieldText(g, "code") + " " + fieldText(g, "name"));
    };
    auto nameOf = [&](const char* entity, const std::string& id) {
        if (id.empty()) return QString();
        auto r = store_.record(db, entity, id);
        return r ? QString::fromStdString(fieldText(r->state.fields, "name")) : QString::fromStdString(id);
    };
    auto local = [](std::int64_t ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone(8 * 3600))
            .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    };

    QStringList out;
    out << QStringLiteral("gifts of %1 (%2) in %3, China time").arg(user->login, user->displayName, month);
    out << QStringLiteral(
        "item | received | issued | returned | transferred | adjusted | balance at month end");
    for (const auto& [item, l] : lines) {
        if (l.received == 0 && l.issued == 0 && l.returned == 0 && l.transferred == 0 && l.adjusted == 0 &&
            l.balance == 0)
            continue;
        out << QStringLiteral("%1 (%2) | %3 | %4 | %5 | %6 | %7 | %8")
                   .arg(itemText(item), QString::fromStdString(fieldText(items[item], "unit")))
                   .arg(l.received)
                   .arg(-l.issued)  // handed out and given back, as counts
                   .arg(-l.returned)
                   .arg(l.transferred)
                   .arg(l.adjusted)
                   .arg(l.balance);
    }
    std::sort(issues.begin(), issues.end(), [](const StoredRecord* a, const StoredRecord* b) {
        return fieldInteger(a->state.fields, "moved_at") < fieldInteger(b->state.fields, "moved_at");
    });
    out << QStringLiteral("issues:");
    if (issues.empty()) out << QStringLiteral("  none");
    for (const StoredRecord* r : issues) {
        const Fields& f = r->state.fields;
        const std::string item = fieldText(f, "item_id");
        out << QStringLiteral("  %1 %2 x%3 %4 to %5 at %6%7%8")
                   .arg(local(fieldInteger(f, "moved_at")), itemText(item))
                   .arg(-fieldInteger(f, "quantity"))
                   .arg(yuan(-fieldInteger(f, "quantity") * fieldInteger(items[item], "unit_value")),
                        nameOf("key_person", fieldText(f, "recipient_id")),
                        nameOf("account", fieldText(f, "account_id")),
                        fieldText(f, "visit_id").empty()
                            ? QString()
                            : QStringLiteral(", visit ") + QString::fromStdString(fieldText(f, "visit_id")),
                        fieldText(f, "signature_id").empty() ? QString() : QStringLiteral(", signed"));
    }
    out << QStringLiteral("flags:");
    int flagged = 0;
    for (const Flag& flag : store_.flags(db)) {
        if (flag.entity != "stock_movement" || flag.userId != user->id) continue;
        const auto it = byId.find(flag.recordId);
        if (it == byId.end()) continue;
        const Fields& f = it->second->state.fields;
        const std::int64_t at = fieldInteger(f, "moved_at");
        if (at < period.fromMs || at >= period.toMs) continue;
        ++flagged;
        out << QStringLiteral("  %1 %2: %3 (to %4 at %5%6, device %7)")
                   .arg(local(at), QString::fromStdString(fieldText(f, "kind")),
                        QString::fromStdString(flag.message),
                        nameOf("key_person", fieldText(f, "recipient_id")),
                        nameOf("account", fieldText(f, "account_id")),
                        fieldText(f, "visit_id").empty()
                            ? QString()
                            : QStringLiteral(", visit ") + QString::fromStdString(fieldText(f, "visit_id")),
                        flag.deviceId);
    }
    if (flagged == 0) out << QStringLiteral("  none");
    return out;
}

QStringList Admin::flags()
{
    QSqlDatabase db = store_.connection();
    QStringList out;
    for (const Flag& f : store_.flags(db)) {
        auto user = store_.userById(db, f.userId);
        out << QStringLiteral("%1 rule=%2 user=%3 %4=%5 device=%6 \"%7\"")
                   .arg(QDateTime::fromMSecsSinceEpoch(f.createdMs, Qt::UTC).toString(Qt::ISODate),
                        QString::fromStdString(f.rule), user ? user->login : f.userId,
                        QString::fromStdString(f.entity), QString::fromStdString(f.recordId), f.deviceId,
                        QString::fromStdString(f.message));
    }
    return out;
}

}  // namespace fb::server
