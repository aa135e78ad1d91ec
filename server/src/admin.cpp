// Admin commands over the ServerStore, and the fieldbook-server command line; see admin.h.
#include "fieldbook/server/admin.h"

#include <cstdio>
#include <optional>

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QHostAddress>
#include <QTemporaryDir>
#include <QTextStream>
#include <QUuid>

#include "csv.h"
#include "fieldbook/core/archive.h"
#include "fieldbook/core/device.h"
#include "fieldbook/core/hlc.h"
#include "fieldbook/core/id.h"
#include "fieldbook/core/migrations.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/core/store.h"
#include "fieldbook/demo/generator.h"
#include "fieldbook/server/auth.h"
#include "fieldbook/server/http.h"
#include "fieldbook/server/rules.h"
#include "fieldbook/server/service.h"

namespace fb::server {

namespace {

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

struct ImportedRecord {
    std::string entity;
    std::string id;
    std::string accountId;
    RecordState state;
};

// Writes records the server made itself (imports, demo) in one transaction: owners first,
// then every record with a new seq, so the owners' next pulls bring them.
void writeImported(ServerStore& store, const std::vector<ImportedRecord>& records, const QString& ownerId)
{
    WriteTransaction tx(store);
    for (const ImportedRecord& r : records) {
        const schema::Entity* e = schema::entity(r.entity);
        if (e && e->scope == schema::ScopeKind::AccountRoot) store.setAccountOwner(tx, r.id, ownerId);
        if (e && e->scope == schema::ScopeKind::Owner)
            if (auto key = ServerStore::scopeKeyOf(*e, r.id, r.state.fields))
                store.setAccountOwner(tx, key->key, key->ownerUser);  // the record's owner, not the importer
        store.writeRecord(tx, r.entity, r.id, r.accountId, r.state);
    }
    tx.commit();
}

}  // namespace

Admin::Admin(ServerStore& store, const Clock& clock) : store_(store), clock_(clock) {}

Result<QString> Admin::addTeam(const QString& name)
{
    if (name.trimmed().isEmpty()) return makeError(ErrorCode::Required, "a team needs a name");
    WriteTransaction tx(store_);
    if (store_.teamIdByName(tx.db(), name.trimmed()))
        return makeError(ErrorCode::Duplicate, "team exists already");
    const QString id = newUuid();
    runSql(tx.db(), QStringLiteral("INSERT INTO teams (id, name, manager_id) VALUES (?, ?, ?)"),
           {id, name.trimmed(), QString()});
    tx.commit();
    return id;
}

Result<QString> Admin::addUser(const QString& login, const QString& displayName, const QString& role,
                               const QString& teamName, const QString& password)
{
    if (login.trimmed().isEmpty()) return makeError(ErrorCode::Required, "a user needs a login");
    if (role != QLatin1String("rep") && role != QLatin1String("manager") && role != QLatin1String("admin"))
        return makeError(ErrorCode::BadEnum, "role must be rep or manager");
    if (password.size() < 8)
        return makeError(ErrorCode::OutOfRange, "a password needs at least 8 characters");
    auto hash = hashPassword(password);
    if (!hash) return hash.error();
    WriteTransaction tx(store_);
    if (store_.userByLogin(tx.db(), login))
        return makeError(ErrorCode::Duplicate, "login " + login.toStdString() + " exists already");
    QString teamId;
    if (!teamName.isEmpty()) {
        auto team = store_.teamIdByName(tx.db(), teamName);
        if (!team)
            return makeError(ErrorCode::NotFound, "no team " + teamName.toStdString() + " (add-team first)");
        teamId = *team;
    }
    const QString id = newUuid();
    runSql(
        tx.db(),
        QStringLiteral("INSERT INTO users (id, login, display_name, role, team_id, password_hash, created_ms)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?)"),
        {id, login, displayName.isEmpty() ? login : displayName, role, teamId, QString::fromLatin1(*hash),
         QVariant::fromValue<qlonglong>(clock_.nowMs())});
    if (role == QLatin1String("manager") && !teamId.isEmpty())
        runSql(tx.db(),
               QStringLiteral(
                   "UPDATE teams SET manager_id = ? WHERE id = ? AND (manager_id IS NULL OR manager_id = ?)"),
               {id, teamId, QString()});
    tx.commit();
    return id;
}

Result<void> Admin::resetPassword(const QString& login, const QString& password)
{
    if (password.size() < 8)
        return makeError(ErrorCode::OutOfRange, "a password needs at least 8 characters");
    auto hash = hashPassword(password);
    if (!hash) return hash.error();
    WriteTransaction tx(store_);
    if (!store_.userByLogin(tx.db(), login))
        return makeError(ErrorCode::NotFound, "no user " + login.toStdString());
    runSql(tx.db(), QStringLiteral("UPDATE users SET password_hash = ? WHERE login = ?"),
           {QString::fromLatin1(*hash), login});
    tx.commit();
    return {};
}

Result<int> Admin::assign(const QString& accountId, const QString& login)
{
    QSqlDatabase db = store_.connection();
    auto user = store_.userByLogin(db, login);
    if (!user) return makeError(ErrorCode::NotFound, "no user " + login.toStdString());
    return store_.reassignAccount(accountId.toStdString(), user->id);
}

Result<void> Admin::revokeDevice(const QString& deviceId)
{
    WriteTransaction tx(store_);
    if (!store_.deviceById(tx.db(), deviceId))
        return makeError(ErrorCode::NotFound, "no device " + deviceId.toStdString());
    // The token stays recorded so the device is told it was revoked (403) and wipes itself.
    runSql(tx.db(), QStringLiteral("UPDATE devices SET revoked = 1 WHERE id = ?"), {deviceId});
    tx.commit();
    return {};
}

Result<int> Admin::importAccounts(const QByteArray& csv, const QString& login)
{
    QSqlDatabase db = store_.connection();
    auto user = store_.userByLogin(db, login);
    if (!user) return makeError(ErrorCode::NotFound, "no user " + login.toStdString());
    auto rows = parseCsv(QString::fromUtf8(csv));
    if (!rows) return rows.error();
    if (rows->empty()) return makeError(ErrorCode::Required, "the CSV file is empty");
    const schema::Entity* account = schema::entity("account");
    std::vector<const schema::Field*> columns;
    for (const QString& name : rows->front().cells) {
        const schema::Field* f = account->field(name.trimmed().toStdString());
        if (!f)
            return makeError(ErrorCode::UnknownField,
                             "line 1: account has no field '" + name.toStdString() + "'");
        columns.push_back(f);
    }
    IdGenerator ids(clock_);
    HybridClock hlc(clock_, kServerDeviceId);
    std::vector<ImportedRecord> records;
    for (std::size_t r = 1; r < rows->size(); ++r) {
        const CsvRow& row = (*rows)[r];
        const std::string where = "line " + std::to_string(row.line) + ": ";
        if (row.cells.size() != static_cast<qsizetype>(columns.size()))
            return makeError(ErrorCode::BadFormat, where + "has " + std::to_string(row.cells.size()) +
                                                       " cells, the header " +
                                                       std::to_string(columns.size()));
        Fields fields;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            if (row.cells[static_cast<qsizetype>(c)].trimmed().isEmpty()) continue;
            auto v = cellValue(*columns[c], row.cells[static_cast<qsizetype>(c)]);
            if (!v) return makeError(v.error().code, where + v.error().message, v.error().field);
            fields.emplace(std::string(columns[c]->name), std::move(*v));
        }
        Fields clean;
        const auto errors = schema::validateRecord(*account, fields, true, &clean);
        if (!errors.empty())
            return makeError(errors.front().code, where + errors.front().message, errors.front().field);
        ImportedRecord rec{"account", ids.next(), {}, {}};
        rec.accountId = rec.id;
        const std::string stamp = hlc.now().toString();
        rec.state.fields = std::move(clean);
        for (const auto& [name, value] : rec.state.fields)
            rec.state.clocks.emplace(name, stamp);
        records.push_back(std::move(rec));
    }
    writeImported(store_, records, user->id);
    return static_cast<int>(records.size());
}

QStringList Admin::status()
{
    QSqlDatabase db = store_.connection();
    QStringList lines;
    QSqlQuery q =
        runSql(db, QStringLiteral(
                       "SELECT u.login, d.id, d.name, d.last_sync_ms, d.last_seq, d.revoked, d.wiped_ms,"
                       " (SELECT count(*) FROM purges p WHERE p.user_id = d.user_id AND p.seq > d.pulled_seq)"
                       " FROM devices d JOIN users u ON u.id = d.user_id ORDER BY u.login, d.id"));
    while (q.next()) {
        const qint64 lastSync = q.value(3).toLongLong();
        const QString when = lastSync > 0
                                 ? QDateTime::fromMSecsSinceEpoch(lastSync, Qt::UTC).toString(Qt::ISODate)
                                 : QStringLiteral("never");
        QString revoked = q.value(5).toLongLong() ? QStringLiteral("yes") : QStringLiteral("no");
        if (q.value(6).toLongLong() > 0) revoked += QStringLiteral(" (wiped)");
        lines << QStringLiteral(
                     "user=%1 device=%2 name=\"%3\" last_sync=%4 last_seq=%5 pending_purges=%6 revoked=%7")
                     .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), when)
                     .arg(q.value(4).toLongLong())
                     .arg(q.value(7).toLongLong())
                     .arg(revoked);
    }
    return lines;
}

Result<int> Admin::demo(int reps, int accountsPerRep)
{
    if (reps < 1 || reps > 100 || accountsPerRep < 1 || accountsPerRep > 10000)
        return makeError(ErrorCode::OutOfRange, "--reps must be 1..100 and --accounts-per-rep 1..10000");
    const QString teamName = QStringLiteral("华东区");
    const QString password = QStringLiteral("demo1234");
    {
        QSqlDatabase db = store_.connection();
        if (!store_.teamIdByName(db, teamName)) {
            auto team = addTeam(teamName);
            if (!team) return team.error();
        }
        if (!store_.userByLogin(db, QStringLiteral("manager"))) {
            auto m = addUser(QStringLiteral("manager"), QStringLiteral("王经理"), QStringLiteral("manager"),
                             teamName, password);
            if (!m) return m.error();
        }
    }
    static const char* const kSurnames[] = {"李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐"};
    int written = 0;
    for (int i = 1; i <= reps; ++i) {
        const QString login = QStringLiteral("rep%1").arg(i);
        QSqlDatabase db = store_.connection();
        auto existing = store_.userByLogin(db, login);
        QString repId;
        if (existing) {
            repId = existing->id;
        } else {
            auto added =
                addUser(login, QString::fromUtf8(kSurnames[(i - 1) % 10]) + QStringLiteral("代表%1").arg(i),
                        QStringLiteral("rep"), teamName, password);
            if (!added) return added.error();
            repId = *added;
        }
        // The demo generator writes through a device Archive, so the data is realistic and
        // valid; its records (with their stamps) are then copied to the server.
        QTemporaryDir dir;
        if (!dir.isValid()) return makeError(ErrorCode::Storage, "cannot create a temporary directory");
        auto device = openDeviceDatabase(dir.filePath(QStringLiteral("demo.db")).toStdString());
        if (!device) return device.error();
        DeviceContext context(**device, clock_);
        Store store(**device, context);
        Archive archive(store);
        demo::DemoOptions options;
        options.accounts = accountsPerRep;
        options.seed = 42 + static_cast<std::uint64_t>(i);
        auto stats = demo::generateDemo(archive, **device, options);
        if (!stats) return stats.error();
        // The rep's months of visits and this week's appointments, in the rep's name.
        demo::WorkOptions work;
        work.repId = repId.toStdString();
        work.seed = options.seed + 1000;
        if (auto done = demo::generateWork(store, **device, stats->accountIds, work); !done)
            return done.error();
        Replica replica(store);
        std::vector<ImportedRecord> records;
        for (const schema::Entity& e : schema::entities()) {
            if (e.scope != schema::ScopeKind::AccountRoot && e.scope != schema::ScopeKind::AccountChild)
                continue;
            std::vector<std::string> idsOfEntity;
            {
                Statement st = (*device)->prepare("SELECT id FROM " + std::string(e.name) + " ORDER BY id");
                while (st.step())
                    idsOfEntity.push_back(st.text(0));
            }
            for (const std::string& id : idsOfEntity) {
                auto state = replica.state(e.name, id);
                if (!state) continue;
                std::string accountId = id;
                if (e.scope == schema::ScopeKind::AccountChild) {
                    auto it = state->fields.find(e.scopeField);
                    if (it == state->fields.end() || !std::holds_alternative<std::string>(it->second))
                        continue;
                    accountId = std::get<std::string>(it->second);
                }
                records.push_back(ImportedRecord{std::string(e.name), id, accountId, std::move(*state)});
            }
        }
        writeImported(store_, records, repId);
        written += static_cast<int>(records.size());
    }
    // Reference data every device receives, and each rep's first hand-out from the warehouse.
    QByteArray csv = "code,name,category,unit,unit_value,purposes,tiers\n";
    for (const demo::DemoGift& g : demo::demoGifts())
        csv += QStringLiteral("%1,%2,%3,%4,%5,%6,%7\n")
                   .arg(QString::fromUtf8(g.code), QString::fromUtf8(g.name), QString::fromUtf8(g.category),
                        QString::fromUtf8(g.unit), QString::number(g.yuan), QString::fromUtf8(g.purposes),
                        QString::fromUtf8(g.tiers))
                   .toUtf8();
    auto catalogue = importCatalogue(csv);
    if (!catalogue) return catalogue.error();
    for (const demo::DemoLimit& l : demo::demoLimits()) {
        auto r =
            setGiftLimit(QString::fromLatin1(l.tier), QString::fromLatin1(l.per), std::int64_t{l.yuan} * 100);
        if (!r) return r.error();
        ++written;
    }
    auto policies = defaultPolicies();
    if (!policies) return policies.error();
    auto checklistItems = defaultChecklist();
    if (!checklistItems) return checklistItems.error();
    written += catalogue->added + *policies + *checklistItems;
    for (int i = 1; i <= reps; ++i)
        for (const demo::DemoGift& g : demo::demoGifts()) {
            if (g.handOut == 0) continue;
            auto r = receiveStock(QStringLiteral("rep%1").arg(i), QString::fromLatin1(g.code), g.handOut,
                                  QStringLiteral("仓库首次发放"));
            if (!r) return r.error();
            ++written;
        }
    return written;
}

// --- command line --------------------------------------------------------------------------

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// What each admin command does, for `admin COMMAND --help` (the synopsis lines above).
struct CommandHelp {
    const char* name;
    const char* synopsis;
    const char* description;
};
constexpr CommandHelp kCommands[] = {
    {"add-team", "add-team NAME", "Creates a team; reps and managers belong to one."},
    {"add-user", "add-user LOGIN --name NAME --role rep|manager --team TEAM [--password P]",
     "Creates a user. Without --password the password is read from FIELDBOOK_PASSWORD."},
    {"reset-password", "reset-password LOGIN --password P",
     "Sets a new password; signed-in devices stay signed in."},
    {"assign", "assign ACCOUNT_ID --to LOGIN",
     "Gives an account (and everything under it) to another rep; the old rep's devices purge it."},
    {"revoke-device", "revoke-device DEVICE_ID",
     "Revokes a lost or stolen device: its token stops working and it wipes its data at its next contact."},
    {"import-accounts", "import-accounts FILE.csv --to LOGIN",
     "Imports accounts from CSV for a rep, all or nothing; a bad line is named with its number."},
    {"status", "status", "Lists users and devices with their last sync and sequence numbers."},
    {"demo", "demo --reps N --accounts-per-rep M",
     "Creates the demo team 华东区 (manager, rep1..repN, password demo1234) with generated accounts,\n"
     "  the demo gift catalogue, the default tier policies and checklist, a stock hand-out to each rep,\n"
     "  and each rep's months of visits and this week's appointments."},
    {"catalogue", "catalogue import FILE.csv",
     "Adds or updates gift and sample items from CSV (header: "
     "code,name,category,unit,unit_value,active,note;\n"
     "  unit_value in yuan). Items are matched by code. Every device receives the catalogue."},
    {"policy",
     "policy set TIER ACTIVITY --period month|two_months|quarter [--min N] [--max N]\n"
     "  policy defaults | policy list",
     "Sets how often reps contact accounts of a tier (domain §4); `defaults` writes the standard\n"
     "  table where nothing is set. Every device receives the policies."},
    {"checklist",
     "checklist set PURPOSE CODE [--label TEXT] [--position N] [--active yes|no]\n"
     "  checklist defaults | checklist list",
     "Edits the preparation checklist of visits of a purpose (any, first_visit, return_visit, ...);\n"
     "  `defaults` writes the standard list for every purpose. Every device receives it."},
    {"holiday",
     "holiday set CODE [--name TEXT] [--name-en TEXT] [--kind festival|day_off|workday]\n"
     "  [--rule solar|lunar|qingming|date] [--month M --day D | --date YYYY-MM-DD] [--greet yes|no]\n"
     "  [--tiers \"KA A\"] [--lead N] [--active yes|no] | holiday list",
     "Adds a company's own greeting day or the State Council's days off and make-up workdays (调休),\n"
     "  or changes a built-in holiday by its code (spring_festival, mid_autumn, ...: its lead days,\n"
     "  the tiers greeted, --active no to drop it). Every device receives them."},
    {"greeting", "greeting set OCCASION zh|en TEXT",
     "Sets the greeting text for birthday, holiday (any holiday) or a holiday's code, with {name},\n"
     "  {title}, {account}, {rep} and {occasion} filled in on the phone."},
    {"visit-policy", "visit-policy set callback_days|revisit_days|away_distance_m N | visit-policy list",
     "Sets the follow-ups a visit creates (a phone callback N days after an interested visit, a\n"
     "  face revisit within N days) and how far from the account a check-in is flagged as away."},
    {"stock",
     "stock receive LOGIN --item CODE --quantity N [--note TEXT] | stock show LOGIN\n"
     "  stock transfer FROM_LOGIN TO_LOGIN --item CODE --quantity N [--note TEXT]\n"
     "  stock return LOGIN --item CODE --quantity N [--note TEXT]\n"
     "  stock adjust LOGIN --item CODE --quantity ±N --note REASON",
     "Records a warehouse hand-out to a rep (it reaches that rep's devices and their team's managers'\n"
     "  devices, no one else's), a hand-over between two reps (both sides), items given back to the\n"
     "  warehouse, a correction after a count (with its reason), or lists a rep's stock."},
    {"gift-limit", "gift-limit set TIER recipient_month|account_quarter --max YUAN | gift-limit list",
     "Caps the value of gifts per key person per month or per account per quarter (China time), by\n"
     "  the account's tier. Phones refuse a gift over the cap; the server flags one that slipped through."},
    {"report", "report gifts --rep LOGIN --month YYYY-MM",
     "Prints a rep's gifts of a month per item (received, issued, returned, transferred, adjusted,\n"
     "  balance), each issue with its recipient, account and visit, and the flags raised on them."},
    {"flags", "flags", "Lists what server rules flagged for managers (a rep's stock below zero)."},
};

std::string usageText()
{
    std::string text =
        "usage:\n"
        "  fieldbook-server [serve] (--data DIR | --database postgresql://user@host:port/db)\n"
        "                   [--port N] [--bind ADDRESS] [--tls-cert FILE --tls-key FILE]\n"
        "                   [--idle-timeout SECONDS (30)] [--max-connections N (1000)]\n"
        "                   [--token-lifetime SECONDS (2592000: 30 days; devices renew at half)]\n"
        "                   [--workers N (threads running requests; default max(16, 4 x cores))]\n"
        "  fieldbook-server admin (--data DIR | --database URL) COMMAND   (COMMAND --help for details)\n";
    for (const CommandHelp& c : kCommands)
        text += std::string("    ") + c.synopsis + "\n";
    return text;
}

// Options (--name value), flags (--help) and positional words of a command line.
struct Arguments {
    QHash<QString, QString> options;
    QStringList words;
    QString error;
    bool help = false;
};

Arguments parseArguments(const QStringList& args)
{
    Arguments a;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& arg = args[i];
        if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            a.help = true;
        } else if (arg.startsWith(QLatin1String("--"))) {
            if (i + 1 >= args.size()) {
                a.error = arg + QStringLiteral(" needs a value");
                return a;
            }
            a.options.insert(arg.mid(2), args[++i]);
        } else {
            a.words << arg;
        }
    }
    return a;
}

int usage(const QString& problem)
{
    std::fprintf(stderr, "fieldbook-server: %s\n%s", problem.toLocal8Bit().constData(), usageText().c_str());
    return kExitUsage;
}

int failure(const Error& error)
{
    std::fprintf(stderr, "fieldbook-server: %s\n", error.message.c_str());
    return kExitFailure;
}

bool allowed(const Arguments& a, std::initializer_list<const char*> names)
{
    for (auto it = a.options.begin(); it != a.options.end(); ++it) {
        bool known = false;
        for (const char* n : names)
            known = known || it.key() == QLatin1String(n);
        if (!known) return false;
    }
    return true;
}

int runAdmin(const Arguments& a, ServerStore& store)
{
    SystemClock clock;
    Admin admin(store, clock);
    const QString command = a.words.value(0);
    const QStringList rest = a.words.mid(1);
    QTextStream out(stdout);
    if (command == QLatin1String("add-team")) {
        if (rest.size() != 1 || !allowed(a, {"data", "database"}))
            return usage(QStringLiteral("add-team NAME"));
        auto r = admin.addTeam(rest[0]);
        if (!r) return failure(r.error());
        out << "team " << rest[0] << " " << *r << "\n";
    } else if (command == QLatin1String("add-user")) {
        if (rest.size() != 1 || !a.options.contains(QStringLiteral("role")) ||
            !allowed(a, {"data", "database", "name", "role", "team", "password"}))
            return usage(
                QStringLiteral("add-user LOGIN --name NAME --role rep|manager --team TEAM [--password P]"));
        QString password =
            a.options.value(QStringLiteral("password"), qEnvironmentVariable("FIELDBOOK_PASSWORD"));
        if (password.isEmpty()) return usage(QStringLiteral("give --password P or set FIELDBOOK_PASSWORD"));
        const QString role = a.options.value(QStringLiteral("role"));
        if (role != QLatin1String("rep") && role != QLatin1String("manager"))
            return usage(QStringLiteral("--role rep|manager"));
        auto r = admin.addUser(rest[0], a.options.value(QStringLiteral("name")), role,
                               a.options.value(QStringLiteral("team")), password);
        if (!r) return failure(r.error());
        out << "user " << rest[0] << " " << *r << "\n";
    } else if (command == QLatin1String("reset-password")) {
        QString password =
            a.options.value(QStringLiteral("password"), qEnvironmentVariable("FIELDBOOK_PASSWORD"));
        if (rest.size() != 1 || password.isEmpty() || !allowed(a, {"data", "database", "password"}))
            return usage(QStringLiteral("reset-password LOGIN --password P"));
        auto r = admin.resetPassword(rest[0], password);
        if (!r) return failure(r.error());
        out << "password of " << rest[0] << " changed\n";
    } else if (command == QLatin1String("assign")) {
        if (rest.size() != 1 || !a.options.contains(QStringLiteral("to")) ||
            !allowed(a, {"data", "database", "to"}))
            return usage(QStringLiteral("assign ACCOUNT_ID --to LOGIN"));
        auto r = admin.assign(rest[0], a.options.value(QStringLiteral("to")));
        if (!r) return failure(r.error());
        out << "account " << rest[0] << " and " << (*r - 1) << " records under it now belong to "
            << a.options.value(QStringLiteral("to")) << "\n";
    } else if (command == QLatin1String("revoke-device")) {
        if (rest.size() != 1 || !allowed(a, {"data", "database"}))
            return usage(QStringLiteral("revoke-device DEVICE_ID"));
        auto r = admin.revokeDevice(rest[0]);
        if (!r) return failure(r.error());
        out << "device " << rest[0] << " revoked\n";
    } else if (command == QLatin1String("import-accounts")) {
        if (rest.size() != 1 || !a.options.contains(QStringLiteral("to")) ||
            !allowed(a, {"data", "database", "to"}))
            return usage(QStringLiteral("import-accounts FILE.csv --to LOGIN"));
        QFile file(rest[0]);
        if (!file.open(QIODevice::ReadOnly))
            return failure(makeError(ErrorCode::NotFound, "cannot read " + rest[0].toStdString()));
        auto r = admin.importAccounts(file.readAll(), a.options.value(QStringLiteral("to")));
        if (!r) return failure(r.error());
        out << "imported " << *r << " accounts for " << a.options.value(QStringLiteral("to")) << "\n";
    } else if (command == QLatin1String("status")) {
        if (!rest.isEmpty() || !allowed(a, {"data", "database"})) return usage(QStringLiteral("status"));
        for (const QString& line : admin.status())
            out << line << "\n";
    } else if (command == QLatin1String("demo")) {
        bool okReps = false;
        bool okAccounts = false;
        const int reps = a.options.value(QStringLiteral("reps"), QStringLiteral("3")).toInt(&okReps);
        const int accounts =
            a.options.value(QStringLiteral("accounts-per-rep"), QStringLiteral("50")).toInt(&okAccounts);
        if (!rest.isEmpty() || !okReps || !okAccounts ||
            !allowed(a, {"data", "database", "reps", "accounts-per-rep"}))
            return usage(QStringLiteral("demo --reps N --accounts-per-rep M"));
        auto r = admin.demo(reps, accounts);
        if (!r) return failure(r.error());
        out << "demo: team 华东区, manager/demo1234, rep1..rep" << reps << "/demo1234, " << *r
            << " records\n";
    } else if (command == QLatin1String("catalogue")) {
        if (rest.size() != 2 || rest[0] != QLatin1String("import") || !allowed(a, {"data", "database"}))
            return usage(QStringLiteral("catalogue import FILE.csv"));
        QFile file(rest[1]);
        if (!file.open(QIODevice::ReadOnly))
            return failure(makeError(ErrorCode::NotFound, "cannot read " + rest[1].toStdString()));
        auto r = admin.importCatalogue(file.readAll());
        if (!r) return failure(r.error());
        out << "catalogue: " << r->added << " added, " << r->updated << " updated, " << r->unchanged
            << " unchanged\n";
    } else if (command == QLatin1String("policy")) {
        const QString verb = rest.value(0);
        if (verb == QLatin1String("set") && rest.size() == 3 &&
            a.options.contains(QStringLiteral("period")) &&
            allowed(a, {"data", "database", "period", "min", "max"})) {
            auto count = [&](const char* name) -> std::optional<std::optional<int>> {
                if (!a.options.contains(QLatin1String(name))) return std::optional<int>();
                bool ok = false;
                const int n = a.options.value(QLatin1String(name)).toInt(&ok);
                if (!ok) return std::nullopt;
                return std::optional<int>(n);
            };
            const auto minCount = count("min");
            const auto maxCount = count("max");
            if (!minCount || !maxCount) return usage(QStringLiteral("--min and --max take whole numbers"));
            auto r = admin.setPolicy(rest[1], rest[2], a.options.value(QStringLiteral("period")), *minCount,
                                     *maxCount);
            if (!r) return failure(r.error());
            out << "policy " << rest[1] << " " << rest[2] << (*r ? " set" : " unchanged") << "\n";
        } else if (verb == QLatin1String("defaults") && rest.size() == 1 &&
                   allowed(a, {"data", "database"})) {
            auto r = admin.defaultPolicies();
            if (!r) return failure(r.error());
            out << "policies: " << *r << " defaults written\n";
        } else if (verb == QLatin1String("list") && rest.size() == 1 && allowed(a, {"data", "database"})) {
            for (const QString& line : admin.policies())
                out << line << "\n";
        } else {
            return usage(
                QStringLiteral("policy set TIER ACTIVITY --period month|two_months|quarter [--min N] "
                               "[--max N] | policy defaults | policy list"));
        }
    } else if (command == QLatin1String("checklist")) {
        const QString verb = rest.value(0);
        if (verb == QLatin1String("set") && rest.size() == 3 &&
            allowed(a, {"data", "database", "label", "position", "active"})) {
            std::optional<QString> label;
            if (a.options.contains(QStringLiteral("label"))) label = a.options.value(QStringLiteral("label"));
            std::optional<int> position;
            if (a.options.contains(QStringLiteral("position"))) {
                bool ok = false;
                position = a.options.value(QStringLiteral("position")).toInt(&ok);
                if (!ok) return usage(QStringLiteral("--position takes a whole number"));
            }
            std::optional<bool> active;
            if (a.options.contains(QStringLiteral("active"))) {
                const QString yes = a.options.value(QStringLiteral("active"));
                if (yes != QLatin1String("yes") && yes != QLatin1String("no"))
                    return usage(QStringLiteral("--active takes yes or no"));
                active = yes == QLatin1String("yes");
            }
            auto r = admin.setChecklistItem(rest[1], rest[2], label, position, active);
            if (!r) return failure(r.error());
            out << "checklist " << rest[1] << " " << rest[2] << (*r ? " set" : " unchanged") << "\n";
        } else if (verb == QLatin1String("defaults") && rest.size() == 1 &&
                   allowed(a, {"data", "database"})) {
            auto r = admin.defaultChecklist();
            if (!r) return failure(r.error());
            out << "checklist: " << *r << " standard items written\n";
        } else if (verb == QLatin1String("list") && rest.size() == 1 && allowed(a, {"data", "database"})) {
            for (const QString& line : admin.checklist())
                out << line << "\n";
        } else {
            return usage(
                QStringLiteral("checklist set PURPOSE CODE [--label TEXT] [--position N] [--active yes|no]"
                               " | checklist defaults | checklist list"));
        }
    } else if (command == QLatin1String("holiday")) {
        const QString verb = rest.value(0);
        if (verb == QLatin1String("set") && rest.size() == 2 &&
            allowed(a, {"data", "database", "name", "name-en", "kind", "rule", "month", "day", "date",
                        "greet", "tiers", "lead", "active"})) {
            Fields fields;
            const std::pair<const char*, const char*> texts[] = {{"name", "name"}, {"name-en", "name_en"},
                                                                 {"kind", "kind"}, {"rule", "rule"},
                                                                 {"date", "date"}, {"tiers", "tiers"}};
            for (const auto& [option, field] : texts)
                if (a.options.contains(QLatin1String(option)))
                    fields.emplace(field, Value{a.options.value(QLatin1String(option)).toStdString()});
            const std::pair<const char*, const char*> numbers[] = {
                {"month", "month"}, {"day", "day"}, {"lead", "lead_days"}};
            for (const auto& [option, field] : numbers) {
                if (!a.options.contains(QLatin1String(option))) continue;
                bool ok = false;
                const int n = a.options.value(QLatin1String(option)).toInt(&ok);
                if (!ok) return usage(QStringLiteral("--%1 takes a whole number").arg(QLatin1String(option)));
                fields.emplace(field, Value{std::int64_t{n}});
            }
            for (const char* option : {"greet", "active"}) {
                if (!a.options.contains(QLatin1String(option))) continue;
                const QString yes = a.options.value(QLatin1String(option));
                if (yes != QLatin1String("yes") && yes != QLatin1String("no"))
                    return usage(QStringLiteral("--%1 takes yes or no").arg(QLatin1String(option)));
                fields.emplace(option, Value{std::int64_t{yes == QLatin1String("yes") ? 1 : 0}});
            }
            if (!fields.count("kind") && !a.options.isEmpty() && fields.count("rule"))
                fields.emplace("kind", Value{std::string("festival")});
            auto r = admin.setHoliday(rest[1], std::move(fields));
            if (!r) return failure(r.error());
            out << "holiday " << rest[1] << (*r ? " set" : " unchanged") << "\n";
        } else if (verb == QLatin1String("list") && rest.size() == 1 && allowed(a, {"data", "database"})) {
            for (const QString& line : admin.holidays())
                out << line << "\n";
        } else {
            return usage(QStringLiteral(
                "holiday set CODE [--name TEXT] [--kind festival|day_off|workday] "
                "[--rule solar|lunar|qingming|date] [--month M --day D | --date DAY] "
                "[--greet yes|no] [--tiers TIERS] [--lead N] [--active yes|no] | holiday list"));
        }
    } else if (command == QLatin1String("greeting")) {
        if (rest.value(0) == QLatin1String("set") && rest.size() == 4 && allowed(a, {"data", "database"})) {
            auto r = admin.setGreeting(rest[1], rest[2], rest[3]);
            if (!r) return failure(r.error());
            out << "greeting " << rest[1] << " " << rest[2] << (*r ? " set" : " unchanged") << "\n";
        } else {
            return usage(QStringLiteral("greeting set OCCASION zh|en TEXT"));
        }
    } else if (command == QLatin1String("visit-policy")) {
        const QString verb = rest.value(0);
        if (verb == QLatin1String("set") && rest.size() == 3 && allowed(a, {"data", "database"})) {
            bool ok = false;
            const int value = rest[2].toInt(&ok);
            if (!ok) return usage(QStringLiteral("the value is a whole number"));
            auto r = admin.setVisitPolicy(rest[1], value);
            if (!r) return failure(r.error());
            out << "visit policy " << rest[1] << (*r ? " set" : " unchanged") << "\n";
        } else if (verb == QLatin1String("list") && rest.size() == 1 && allowed(a, {"data", "database"})) {
            for (const QString& line : admin.visitPolicies())
                out << line << "\n";
        } else {
            return usage(QStringLiteral(
                "visit-policy set callback_days|revisit_days|away_distance_m N | visit-policy list"));
        }
    } else if (command == QLatin1String("stock")) {
        const QString verb = rest.value(0);
        if (verb == QLatin1String("receive") && rest.size() == 2 &&
            a.options.contains(QStringLiteral("item")) && a.options.contains(QStringLiteral("quantity")) &&
            allowed(a, {"data", "database", "item", "quantity", "note"})) {
            bool ok = false;
            const int quantity = a.options.value(QStringLiteral("quantity")).toInt(&ok);
            if (!ok) return usage(QStringLiteral("--quantity takes a whole number"));
            auto r = admin.receiveStock(rest[1], a.options.value(QStringLiteral("item")), quantity,
                                        a.options.value(QStringLiteral("note")));
            if (!r) return failure(r.error());
            out << "receipt " << *r << ": " << quantity << " x " << a.options.value(QStringLiteral("item"))
                << " to " << rest[1] << "\n";
        } else if (verb == QLatin1String("transfer") && rest.size() == 3 &&
                   a.options.contains(QStringLiteral("item")) &&
                   a.options.contains(QStringLiteral("quantity")) &&
                   allowed(a, {"data", "database", "item", "quantity", "note"})) {
            bool ok = false;
            const int quantity = a.options.value(QStringLiteral("quantity")).toInt(&ok);
            if (!ok) return usage(QStringLiteral("--quantity takes a whole number"));
            auto r = admin.transferStock(rest[1], rest[2], a.options.value(QStringLiteral("item")), quantity,
                                         a.options.value(QStringLiteral("note")));
            if (!r) return failure(r.error());
            out << "transfer " << *r << ": " << quantity << " x " << a.options.value(QStringLiteral("item"))
                << " from " << rest[1] << " to " << rest[2] << "\n";
        } else if (verb == QLatin1String("return") && rest.size() == 2 &&
                   a.options.contains(QStringLiteral("item")) &&
                   a.options.contains(QStringLiteral("quantity")) &&
                   allowed(a, {"data", "database", "item", "quantity", "note"})) {
            bool ok = false;
            const int quantity = a.options.value(QStringLiteral("quantity")).toInt(&ok);
            if (!ok) return usage(QStringLiteral("--quantity takes a whole number"));
            auto r = admin.returnStock(rest[1], a.options.value(QStringLiteral("item")), quantity,
                                       a.options.value(QStringLiteral("note")));
            if (!r) return failure(r.error());
            out << "return " << *r << ": " << quantity << " x " << a.options.value(QStringLiteral("item"))
                << " from " << rest[1] << "\n";
        } else if (verb == QLatin1String("adjust") && rest.size() == 2 &&
                   a.options.contains(QStringLiteral("item")) &&
                   a.options.contains(QStringLiteral("quantity")) &&
                   allowed(a, {"data", "database", "item", "quantity", "note"})) {
            bool ok = false;
            const int delta = a.options.value(QStringLiteral("quantity")).toInt(&ok);
            if (!ok)
                return usage(QStringLiteral("--quantity takes a whole number (negative: fewer counted)"));
            auto r = admin.adjustStock(rest[1], a.options.value(QStringLiteral("item")), delta,
                                       a.options.value(QStringLiteral("note")));
            if (!r) return failure(r.error());
            out << "adjustment " << *r << ": " << delta << " x " << a.options.value(QStringLiteral("item"))
                << " for " << rest[1] << "\n";
        } else if (verb == QLatin1String("show") && rest.size() == 2 && allowed(a, {"data", "database"})) {
            auto r = admin.stockOf(rest[1]);
            if (!r) return failure(r.error());
            for (const QString& line : *r)
                out << line << "\n";
        } else {
            return usage(QStringLiteral("stock receive LOGIN --item CODE --quantity N [--note TEXT] | stock "
                                        "show LOGIN | stock transfer "
                                        "FROM TO --item CODE --quantity N [--note TEXT] | stock adjust LOGIN "
                                        "--item CODE --quantity N --note R"));
        }
    } else if (command == QLatin1String("gift-limit")) {
        const QString verb = rest.value(0);
        if (verb == QLatin1String("set") && rest.size() == 3 && a.options.contains(QStringLiteral("max")) &&
            allowed(a, {"data", "database", "max"})) {
            bool ok = false;
            const double amount = a.options.value(QStringLiteral("max")).toDouble(&ok);
            if (!ok || amount < 0)
                return usage(QStringLiteral("--max takes an amount in yuan, e.g. 1000 or 499.50"));
            auto r = admin.setGiftLimit(rest[1], rest[2], std::llround(amount * 100));
            if (!r) return failure(r.error());
            out << "gift limit " << rest[1] << " " << rest[2] << (*r ? " set" : " unchanged") << "\n";
        } else if (verb == QLatin1String("list") && rest.size() == 1 && allowed(a, {"data", "database"})) {
            for (const QString& line : admin.giftLimits())
                out << line << "\n";
        } else {
            return usage(QStringLiteral(
                "gift-limit set TIER recipient_month|account_quarter --max YUAN | gift-limit list"));
        }
    } else if (command == QLatin1String("report")) {
        if (rest.size() != 1 || rest[0] != QLatin1String("gifts") ||
            !a.options.contains(QStringLiteral("rep")) || !a.options.contains(QStringLiteral("month")) ||
            !allowed(a, {"data", "database", "rep", "month"}))
            return usage(QStringLiteral("report gifts --rep LOGIN --month YYYY-MM"));
        auto r = admin.giftReport(a.options.value(QStringLiteral("rep")),
                                  a.options.value(QStringLiteral("month")));
        if (!r) return failure(r.error());
        for (const QString& line : *r)
            out << line << "\n";
    } else if (command == QLatin1String("flags")) {
        if (!rest.isEmpty() || !allowed(a, {"data", "database"})) return usage(QStringLiteral("flags"));
        for (const QString& line : admin.flags())
            out << line << "\n";
    } else {
        return usage(command.isEmpty() ? QStringLiteral("admin needs a command")
                                       : QStringLiteral("unknown command ") + command);
    }
    return kExitOk;
}

int runServe(const Arguments& a, std::unique_ptr<ServerStore> store)
{
    if (!a.words.isEmpty()) return usage(QStringLiteral("unexpected ") + a.words.join(QLatin1Char(' ')));
    if (!allowed(a, {"data", "database", "port", "bind", "tls-cert", "tls-key", "idle-timeout",
                     "max-connections", "token-lifetime", "workers"}))
        return usage(QStringLiteral("unknown option"));
    HttpLimits limits;
    bool numberOk = false;
    limits.idleTimeoutS =
        a.options.value(QStringLiteral("idle-timeout"), QStringLiteral("30")).toInt(&numberOk);
    if (!numberOk || limits.idleTimeoutS < 1 || limits.idleTimeoutS > 3600)
        return usage(QStringLiteral("--idle-timeout must be 1..3600 seconds"));
    limits.maxConnections =
        a.options.value(QStringLiteral("max-connections"), QStringLiteral("1000")).toInt(&numberOk);
    if (!numberOk || limits.maxConnections < 1 || limits.maxConnections > 100000)
        return usage(QStringLiteral("--max-connections must be 1..100000"));
    limits.threads = a.options.value(QStringLiteral("workers"), QStringLiteral("0")).toInt(&numberOk);
    if (!numberOk || limits.threads < 0 || limits.threads > 256)
        return usage(QStringLiteral("--workers must be 1..256 (0: the default)"));
    ServiceOptions serviceOptions;
    const qlonglong lifetimeS =
        a.options
            .value(QStringLiteral("token-lifetime"), QString::number(serviceOptions.tokenLifetimeMs / 1000))
            .toLongLong(&numberOk);
    if (!numberOk || lifetimeS < 4 || lifetimeS > 366LL * 24 * 3600)
        return usage(QStringLiteral("--token-lifetime must be 4..31622400 seconds"));
    serviceOptions.tokenLifetimeMs = lifetimeS * 1000;
    bool portOk = false;
    const int port = a.options.value(QStringLiteral("port"), QStringLiteral("8443")).toInt(&portOk);
    if (!portOk || port < 0 || port > 65535) return usage(QStringLiteral("--port must be 0..65535"));
    const QHostAddress bind(a.options.value(QStringLiteral("bind"), QStringLiteral("127.0.0.1")));
    if (bind.isNull()) return usage(QStringLiteral("--bind needs an IP address"));
    const QString cert = a.options.value(QStringLiteral("tls-cert"));
    const QString key = a.options.value(QStringLiteral("tls-key"));
    if (cert.isEmpty() != key.isEmpty()) return usage(QStringLiteral("give both --tls-cert and --tls-key"));
    // The protocol allows plain HTTP only on loopback (development and tests).
    if (cert.isEmpty() && !bind.isLoopback())
        return usage(QStringLiteral("plain HTTP is only served on loopback; give --tls-cert/--tls-key"));

    if (const auto missing = missingRules(); !missing.empty())
        return failure(
            makeError(ErrorCode::Storage, "the registry names server rules this build lacks: " +
                                              QString::fromStdString(missing.front()).toStdString()));
    SystemClock clock;
    SyncService service(*store, clock, serviceOptions);
    HttpFrontend http(service, limits);
    if (!cert.isEmpty())
        if (auto tls = http.useTls(cert, key); !tls) return failure(tls.error());
    auto bound = http.listen(bind, static_cast<quint16>(port));
    if (!bound) return failure(bound.error());
    const QString host = bind.protocol() == QAbstractSocket::IPv6Protocol
                             ? QLatin1Char('[') + bind.toString() + QLatin1Char(']')
                             : bind.toString();
    std::printf("fieldbook-server listening on %s://%s:%u\n", http.tls() ? "https" : "http",
                host.toLatin1().constData(), static_cast<unsigned>(*bound));
    std::fflush(stdout);
    return QCoreApplication::exec();
}

}  // namespace

int runCommandLine(const QStringList& arguments)
{
    QStringList args = arguments.mid(1);
    bool adminMode = false;
    if (!args.isEmpty() && args.front() == QLatin1String("admin")) {
        adminMode = true;
        args.removeFirst();
    } else if (!args.isEmpty() && args.front() == QLatin1String("serve")) {
        args.removeFirst();
    } else if (!args.isEmpty() &&
               (args.front() == QLatin1String("--help") || args.front() == QLatin1String("-h"))) {
        std::printf("%s", usageText().c_str());
        return kExitOk;
    }
    const Arguments a = parseArguments(args);
    if (a.help) {
        // `admin COMMAND --help`: that command; anything else: everything.
        const QString command = a.words.value(0);
        if (adminMode)
            for (const CommandHelp& c : kCommands)
                if (command == QLatin1String(c.name)) {
                    std::printf("usage: fieldbook-server admin (--data DIR | --database URL) %s\n\n%s\n",
                                c.synopsis, c.description);
                    return kExitOk;
                }
        if (adminMode && !command.isEmpty()) return usage(QStringLiteral("unknown command ") + command);
        std::printf("%s", usageText().c_str());
        return kExitOk;
    }
    if (!a.error.isEmpty()) return usage(a.error);
    const QString data = a.options.value(QStringLiteral("data"));
    const QString database = a.options.value(QStringLiteral("database"));
    if (data.isEmpty() == database.isEmpty())
        return usage(QStringLiteral("give exactly one of --data DIR or --database URL"));
    auto store = openServerStore(data, database);
    if (!store) return failure(store.error());
    try {
        return adminMode ? runAdmin(a, **store) : runServe(a, std::move(*store));
    } catch (const std::exception& e) {
        return failure(makeError(ErrorCode::Storage, e.what()));
    }
}

}  // namespace fb::server
