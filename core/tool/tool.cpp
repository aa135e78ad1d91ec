// The commands of fieldbook-tool: argument parsing, the five commands and their output.
#include "tool.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string_view>
#include <system_error>
#include <variant>

#include "fieldbook/core/archive.h"
#include "fieldbook/core/blobs.h"
#include "fieldbook/core/clock.h"
#include "fieldbook/core/database.h"
#include "fieldbook/core/device.h"
#include "fieldbook/core/lunar.h"
#include "fieldbook/core/migrations.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/core/schema.h"
#include "fieldbook/core/search.h"
#include "fieldbook/core/store.h"
#include "fieldbook/core/visits.h"
#include "fieldbook/demo/generator.h"

namespace fb::tool {

namespace {

constexpr std::string_view kUsage =
    "fieldbook-tool — command line for Fieldbook device databases\n"
    "\n"
    "Usage:\n"
    "  fieldbook-tool demo   --db FILE --accounts N [--seed S] [--rep USER_ID [--rep-name NAME]] [--force]\n"
    "      Fill a new database with N demo accounts (1 to 100000), their key persons,\n"
    "      personnel changes and referrals. The same seed gives the same data.\n"
    "      With --rep, also that rep's months of visits and this week's appointments, the\n"
    "      gift catalogue, caps and the rep's stock as a first sync brings them, and the\n"
    "      phone knows the rep (as after a sign-in whose session has ended).\n"
    "      An existing non-empty FILE is only replaced with --force.\n"
    "  fieldbook-tool search --db FILE QUERY [--limit N] [--tier T] [--stage S]\n"
    "      Search accounts as the app's list does: by name, key person, phone, address,\n"
    "      pinyin or pinyin initials. An empty QUERY (\"\") lists all accounts.\n"
    "  fieldbook-tool show   --db FILE ACCOUNT_ID\n"
    "      Print an account with its key persons, role history and referrals as JSON.\n"
    "  fieldbook-tool set    --db FILE ACCOUNT_ID FIELD VALUE\n"
    "      Change one field of an account as the app's edit form does: validated, and\n"
    "      queued in the outbox for the next sync. An empty VALUE (\"\") clears the field.\n"
    "  fieldbook-tool add    --db FILE NAME [--tier T]\n"
    "      Create an account (tier A unless given) as the app's form does, queued in the\n"
    "      outbox for the next sync; prints its id.\n"
    "  fieldbook-tool visit  --db FILE ACCOUNT_ID [--purpose P] [--step S]\n"
    "      Check in at an account as the phone's rep (an ad hoc visit, return_visit unless\n"
    "      given) and go to step S (checkin, briefing, preparation, conversation, gifts,\n"
    "      agreement, archive, referrals, checkout): the visit the app then shows in progress.\n"
    "  fieldbook-tool photo  --db FILE ACCOUNT_ID JPEG_FILE [--purpose P]\n"
    "      Store a JPEG as a photo of the account (storefront unless given: agreement,\n"
    "      signature, other), as the app stores one it took: the record is queued for the\n"
    "      next sync, the picture kept beside the database and uploaded after the records.\n"
    "      Prints the attachment's id and the picture's SHA-256.\n"
    "  fieldbook-tool holidays --year YYYY\n"
    "      Print the holidays of a year (1901-2100) as the app computes them: the lunar ones\n"
    "      (Spring Festival and its eve, Lantern, Dragon Boat, Mid-Autumn, Double Ninth) on\n"
    "      their solar day, Qingming, and the fixed-date ones, to check against published tables.\n"
    "  fieldbook-tool check  --db FILE [--offline]\n"
    "      Check database integrity, foreign keys, the search index and the outbox and,\n"
    "      for a signed-in database unless --offline, compare its scope digest with the\n"
    "      server's. Exit code 0 when everything is in order, 1 when problems were found.\n"
    "  fieldbook-tool --help\n"
    "\n"
    "Exit codes: 0 success, 1 failure or problems found, 2 bad usage.\n";

// A usage error: reported with a pointer to --help and exit code 2.
struct UsageError {
    std::string message;
};

struct Arguments {
    std::string command;
    std::map<std::string, std::string, std::less<>> options;  // "--db" -> "file"
    std::set<std::string, std::less<>> flags;                 // "--force"
    std::vector<std::string> positional;
};

// Options that take a value, and flags, per command.
struct CommandSpec {
    std::string_view name;
    std::vector<std::string_view> valueOptions;
    std::vector<std::string_view> flags;
    std::size_t positional;  // exactly this many positional arguments
};

const std::vector<CommandSpec>& commandSpecs()
{
    static const std::vector<CommandSpec> specs = {
        {"demo", {"--db", "--accounts", "--seed", "--rep", "--rep-name"}, {"--force"}, 0},
        {"search", {"--db", "--limit", "--tier", "--stage"}, {}, 1},
        {"show", {"--db"}, {}, 1},
        {"set", {"--db"}, {}, 3},
        {"add", {"--db", "--tier"}, {}, 1},
        {"visit", {"--db", "--purpose", "--step"}, {}, 1},
        {"photo", {"--db", "--purpose"}, {}, 2},
        {"holidays", {"--year"}, {}, 0},
        {"check", {"--db"}, {"--offline"}, 0},
    };
    return specs;
}

bool contains(const std::vector<std::string_view>& list, std::string_view item)
{
    return std::find(list.begin(), list.end(), item) != list.end();
}

std::variant<Arguments, UsageError> parse(const std::vector<std::string>& args, const Extensions& extensions)
{
    Arguments parsed;
    parsed.command = args.front();
    const CommandSpec* spec = nullptr;
    for (const CommandSpec& s : commandSpecs())
        if (s.name == parsed.command) spec = &s;
    CommandSpec extra;
    for (const Command& c : extensions.commands) {
        if (c.name != parsed.command) continue;
        extra.name = c.name;
        for (const std::string& o : c.valueOptions)
            extra.valueOptions.push_back(o);
        for (const std::string& f : c.flags)
            extra.flags.push_back(f);
        extra.positional = 0;
        spec = &extra;
    }
    if (!spec) return UsageError{"unknown command '" + parsed.command + "'"};

    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--") {
            parsed.positional.insert(parsed.positional.end(), args.begin() + static_cast<long>(i) + 1,
                                     args.end());
            break;
        }
        if (arg.size() > 2 && arg.starts_with("--")) {
            std::string name = arg;
            std::optional<std::string> value;
            if (const auto eq = arg.find('='); eq != std::string::npos) {
                name = arg.substr(0, eq);
                value = arg.substr(eq + 1);
            }
            if (contains(spec->flags, name)) {
                if (value) return UsageError{name + " takes no value"};
                parsed.flags.insert(name);
                continue;
            }
            if (!contains(spec->valueOptions, name))
                return UsageError{"unknown option '" + name + "' for " + parsed.command};
            if (!value) {
                if (i + 1 >= args.size()) return UsageError{name + " needs a value"};
                value = args[++i];
            }
            if (parsed.options.count(name)) return UsageError{name + " given twice"};
            parsed.options[name] = *value;
            continue;
        }
        parsed.positional.push_back(arg);
    }
    if (parsed.positional.size() != spec->positional) {
        if (spec->positional == 0)
            return UsageError{"unexpected argument '" + parsed.positional.front() + "'"};
        return UsageError{
            parsed.command + " needs exactly " + std::to_string(spec->positional) + " argument" +
            (spec->positional == 1 ? "" : "s") +
            (parsed.positional.empty() ? "" : ", got " + std::to_string(parsed.positional.size()))};
    }
    // Every command works on a database but `holidays`, which only computes.
    if (!parsed.options.count("--db") && parsed.command != "holidays")
        return UsageError{parsed.command + " needs --db FILE"};
    return parsed;
}

template <typename Int>
std::variant<Int, UsageError> parseNumber(std::string_view option, const std::string& text, Int min, Int max)
{
    Int n{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
        return UsageError{std::string(option) + " must be a whole number, got '" + text + "'"};
    if (n < min || n > max)
        return UsageError{std::string(option) + " must be between " + std::to_string(min) + " and " +
                          std::to_string(max)};
    return n;
}

std::optional<UsageError> checkEnum(std::string_view option, std::string_view entity, std::string_view field,
                                    const std::string& value)
{
    const schema::Field* f = schema::entity(entity)->field(field);
    if (contains(f->values, value)) return std::nullopt;
    std::string allowed;
    for (std::string_view v : f->values)
        allowed += (allowed.empty() ? "" : ", ") + std::string(v);
    return UsageError{std::string(option) + " must be one of " + allowed + ", got '" + value + "'"};
}

// An existing database for the read commands; never creates one by accident.
std::variant<std::unique_ptr<Database>, UsageError, Error> openExisting(const std::string& path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return UsageError{"no database file '" + path + "'"};
    auto db = openDeviceDatabase(path);
    if (!db) return db.error();
    return std::move(db.value());
}

// The database named by --db for a command: a usage error is thrown (the caller prints the
// usage), any other failure is reported on `err` and gives nullptr.
std::unique_ptr<Database> openForCommand(const Arguments& args, std::ostream& err)
{
    auto opened = openExisting(args.options.at("--db"));
    if (auto* e = std::get_if<UsageError>(&opened)) throw *e;
    if (auto* e = std::get_if<Error>(&opened)) {
        err << "fieldbook-tool: " << e->message << '\n';
        return nullptr;
    }
    return std::move(std::get<std::unique_ptr<Database>>(opened));
}

// --- JSON output -----------------------------------------------------------------------

// Pretty-printed JSON, two-space indent. Tracks whether a separator is due at each level.
class JsonWriter {
public:
    explicit JsonWriter(std::ostream& out) : out_(out) {}

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    void key(std::string_view name)
    {
        separate();
        out_ << jsonString(name) << ": ";
        afterKey_ = true;
    }
    void string(std::string_view text)
    {
        separate();
        out_ << jsonString(text);
    }
    void number(std::int64_t n)
    {
        separate();
        out_ << n;
    }
    void number(double x)
    {
        separate();
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", x);
        out_ << buf;
    }
    void null()
    {
        separate();
        out_ << "null";
    }
    void value(const Value& v)
    {
        if (const auto* i = std::get_if<std::int64_t>(&v))
            number(*i);
        else if (const auto* d = std::get_if<double>(&v))
            number(*d);
        else if (const auto* s = std::get_if<std::string>(&v))
            string(*s);
        else
            null();
    }
    void field(std::string_view name, std::string_view text)
    {
        key(name);
        string(text);
    }
    void field(std::string_view name, std::int64_t n)
    {
        key(name);
        number(n);
    }

private:
    void separate()
    {
        if (afterKey_) {
            afterKey_ = false;
            return;
        }
        if (!first_.empty()) {
            if (!first_.back()) out_ << ',';
            first_.back() = false;
            newline();
        }
    }
    void open(char bracket)
    {
        separate();
        out_ << bracket;
        first_.push_back(true);
    }
    void close(char bracket)
    {
        const bool empty = first_.back();
        first_.pop_back();
        if (!empty) newline();
        out_ << bracket;
        if (first_.empty()) out_ << '\n';
    }
    void newline()
    {
        out_ << '\n';
        for (std::size_t i = 0; i < first_.size(); ++i)
            out_ << "  ";
    }

    std::ostream& out_;
    std::vector<bool> first_;  // per open level: nothing written in it yet
    bool afterKey_ = false;
};

// The declared fields of a record, in declaration order (the order forms show them).
void writeRecord(JsonWriter& json, std::string_view entity, const Record& record)
{
    json.beginObject();
    json.field("id", record.id);
    for (const schema::Field& f : schema::entity(entity)->fields) {
        const Value& v = record.get(f.name);
        if (isNull(v)) continue;
        json.key(f.name);
        json.value(v);
    }
    json.endObject();
}

void writeReferral(JsonWriter& json, const ReferralLink& link)
{
    json.beginObject();
    json.field("depth", std::int64_t{link.depth});
    json.field("referrerAccountId", link.referrerAccountId);
    json.field("referrerAccountName", link.referrerAccountName);
    if (!link.referrerPersonId.empty()) {
        json.field("referrerPersonId", link.referrerPersonId);
        json.field("referrerPersonName", link.referrerPersonName);
    }
    json.field("referredAccountId", link.referredAccountId);
    json.field("referredAccountName", link.referredAccountName);
    json.field("date", link.date);
    if (!link.note.empty()) json.field("note", link.note);
    json.endObject();
}

std::string_view roleLabel(std::string_view role)
{
    if (role == kRoleHead) return "单位负责人";
    if (role == kRoleDecisionMaker) return "采购决策人";
    if (role == kRoleHandler) return "经办人";
    return "其他";
}

// Pads to a display width, counting CJK characters as two columns as terminals do.
std::string padded(std::string_view text, std::size_t width)
{
    std::size_t columns = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
        columns += len >= 3 ? 2 : 1;
        i += len;
    }
    std::string out(text);
    if (columns < width) out.append(width - columns, ' ');
    return out;
}

// --- commands --------------------------------------------------------------------------

int demoCommand(const Arguments& args, std::ostream& out, std::ostream& err)
{
    const std::string& path = args.options.at("--db");
    if (!args.options.count("--accounts")) throw UsageError{"demo needs --accounts N"};
    auto accounts = parseNumber<int>("--accounts", args.options.at("--accounts"), 1, 100'000);
    if (auto* e = std::get_if<UsageError>(&accounts)) throw *e;
    demo::DemoOptions options;
    options.accounts = std::get<int>(accounts);
    if (args.options.count("--seed")) {
        auto seed = parseNumber<std::uint64_t>("--seed", args.options.at("--seed"), 0,
                                               std::numeric_limits<std::uint64_t>::max());
        if (auto* e = std::get_if<UsageError>(&seed)) throw *e;
        options.seed = std::get<std::uint64_t>(seed);
    }

    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
        if (!std::filesystem::is_regular_file(path, ec))
            throw UsageError{"'" + path + "' exists and is not a file"};
        if (std::filesystem::file_size(path, ec) > 0 && !args.flags.count("--force"))
            throw UsageError{"'" + path + "' exists and is not empty; use --force to replace it"};
        // Replacing means starting over, including the write-ahead log of the old file.
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(path + suffix, ec);
    }

    auto db = openDeviceDatabase(path);
    if (!db) {
        err << "fieldbook-tool: cannot create '" << path << "': " << db.error().message << '\n';
        return kExitProblems;
    }
    SystemClock clock;
    DeviceContext device(**db, clock);
    Store store(**db, device);
    installSearchIndex(store);
    Archive archive(store);

    out << "Creating " << options.accounts << " demo accounts (seed " << options.seed << ") in " << path
        << '\n';
    const auto start = std::chrono::steady_clock::now();
    auto stats = demo::generateDemo(archive, **db, options, [&](int done, int total) {
        out << "  " << done << " / " << total << " accounts\n" << std::flush;
    });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!stats) {
        err << "fieldbook-tool: demo data failed: " << stats.error().message << '\n';
        return kExitProblems;
    }
    demo::WorkStats work;
    if (args.options.count("--rep")) {
        const std::string rep = args.options.at("--rep");
        const std::string name = args.options.count("--rep-name") ? args.options.at("--rep-name") : rep;
        {
            Transaction tx(**db);
            Replica replica(store);
            replica.setSetting(tx, "user_id", rep);
            replica.setSetting(tx, "user_display_name", name);
            tx.commit();
        }
        demo::WorkOptions workOptions;
        workOptions.repId = rep;
        workOptions.seed = options.seed + 1;
        if (auto gifts = demo::pullDemoGifts(store, **db, rep); !gifts) {
            err << "fieldbook-tool: demo gifts failed: " << gifts.error().message << '\n';
            return kExitProblems;
        }
        auto done = demo::generateWork(store, **db, stats->accountIds, workOptions);
        if (!done) {
            err << "fieldbook-tool: demo visits failed: " << done.error().message << '\n';
            return kExitProblems;
        }
        work = *done;
    } else if (args.options.count("--rep-name")) {
        throw UsageError{"--rep-name goes with --rep"};
    }
    char elapsed[32];
    std::snprintf(elapsed, sizeof elapsed, "%.1f", seconds);
    out << "Done in " << elapsed << " s:\n"
        << "  accounts          " << stats->accounts << " (" << stats->traditionalNames
        << " with traditional-character names)\n"
        << "  key persons       " << stats->keyPersons << '\n'
        << "  personnel changes " << stats->roleChanges << '\n'
        << "  referrals         " << stats->referrals << " (chains up to " << stats->maxReferralDepth
        << " deep)\n";
    if (work.visits + work.appointments > 0)
        out << "  visits            " << work.visits << '\n'
            << "  appointments      " << work.appointments << '\n'
            << "  other contacts    " << work.contacts << '\n';
    out << "  outbox entries    " << store.outboxCount() << '\n';
    return kExitOk;
}

// A hit's name with the part the search matched in 【】, as the app highlights it.
std::string markedName(const AccountHit& hit)
{
    std::vector<std::string> cps;
    for (std::size_t i = 0; i < hit.name.size();) {
        const auto c = static_cast<unsigned char>(hit.name[i]);
        const std::size_t len = std::min<std::size_t>(c < 0x80          ? 1
                                                      : (c >> 5) == 0x6 ? 2
                                                      : (c >> 4) == 0xe ? 3
                                                                        : 4,
                                                      hit.name.size() - i);
        cps.push_back(hit.name.substr(i, len));
        i += len;
    }
    std::string out;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        for (const auto& [begin, end] : hit.nameMarks)
            if (static_cast<std::size_t>(begin) == i) out += "【";
        out += cps[i];
        for (const auto& [begin, end] : hit.nameMarks)
            if (static_cast<std::size_t>(end) == i + 1) out += "】";
    }
    return out;
}

const char* rankLabel(MatchRank rank)
{
    switch (rank) {
    case MatchRank::ExactName:
        return "name";
    case MatchRank::NamePrefix:
        return "name start";
    case MatchRank::WordStart:
        return "word start";
    case MatchRank::Initials:
        return "initials";
    case MatchRank::KeyPerson:
        return "key person";
    case MatchRank::NameSubstring:
        return "in name";
    case MatchRank::OtherField:
        return "phone or address";
    }
    return "";
}

int searchCommand(const Arguments& args, std::ostream& out, std::ostream& err)
{
    AccountFilter filter;
    filter.text = args.positional.front();
    int limit = 20;
    if (args.options.count("--limit")) {
        auto n = parseNumber<int>("--limit", args.options.at("--limit"), 1, 100'000);
        if (auto* e = std::get_if<UsageError>(&n)) throw *e;
        limit = std::get<int>(n);
    }
    if (args.options.count("--tier")) {
        filter.tier = args.options.at("--tier");
        if (auto e = checkEnum("--tier", "account", "tier", filter.tier)) throw *e;
    }
    if (args.options.count("--stage")) {
        filter.stage = args.options.at("--stage");
        if (auto e = checkEnum("--stage", "account", "stage", filter.stage)) throw *e;
    }
    std::unique_ptr<Database> opened = openForCommand(args, err);
    if (!opened) return kExitProblems;
    Database& db = *opened;

    // The app's order: its own openings of the last 30 days count (AccountListModel).
    setRecentWindow(filter, SystemClock().nowMs());
    const AccountPage page = AccountQuery(db).page(filter, 0, limit);
    for (const AccountHit& hit : page.hits) {
        out << padded(markedName(hit), 36) << "  " << padded(hit.tier, 2) << "  " << padded(hit.stage, 11)
            << "  " << hit.region << "  [" << rankLabel(hit.rank) << "]";
        // The reasons the list's row shows (AccountRow.qml), in its order.
        if (!hit.matchedText.empty() && hit.matchedIn == MatchField::Phone)
            out << " 电话：" << hit.matchedText;
        if (!hit.personName.empty())
            out << " 关键人 " << hit.personName << " (" << roleLabel(hit.personRole) << ")";
        if (!hit.matchedText.empty() && hit.matchedIn == MatchField::Address)
            out << " 地址：" << hit.matchedText;
        out << '\n';
    }
    out << page.total << (page.total == 1 ? " match" : " matches");
    if (page.total > static_cast<int>(page.hits.size())) out << " (showing " << page.hits.size() << ")";
    out << '\n';
    return kExitOk;
}

int showCommand(const Arguments& args, std::ostream& out, std::ostream& err)
{
    std::unique_ptr<Database> opened = openForCommand(args, err);
    if (!opened) return kExitProblems;
    Database& db = *opened;
    SystemClock clock;
    DeviceContext device(db, clock);
    Store store(db, device);
    Archive archive(store);

    const std::string& id = args.positional.front();
    auto account = archive.account(id);
    if (!account) {
        err << "fieldbook-tool: " << account.error().message << '\n';
        return kExitProblems;
    }
    JsonWriter json(out);
    json.beginObject();
    json.key("account");
    writeRecord(json, "account", *account);
    json.key("keyPersons");
    json.beginArray();
    for (const Record& person : archive.keyPersons(id))
        writeRecord(json, "key_person", person);
    json.endArray();
    json.key("roleHistory");
    json.beginArray();
    for (const RolePeriod& period : archive.roleHistory(id)) {
        json.beginObject();
        json.field("role", period.role);
        if (period.personId.empty()) {
            json.key("personId");
            json.null();
        } else {
            json.field("personId", period.personId);
            json.field("personName", period.personName);
        }
        json.field("from", period.from);
        if (period.to.empty()) {
            json.key("to");
            json.null();
        } else {
            json.field("to", period.to);
        }
        if (!period.note.empty()) json.field("note", period.note);
        json.endObject();
    }
    json.endArray();
    json.key("referredBy");
    json.beginArray();
    for (const ReferralLink& link : archive.referralChainUp(id))
        writeReferral(json, link);
    json.endArray();
    json.key("referrals");
    json.beginArray();
    for (const ReferralLink& link : archive.referralsDown(id))
        writeReferral(json, link);
    json.endArray();
    json.endObject();
    return kExitOk;
}

// What a writing command works through, wired as the app wires it: validated writes with
// their outbox entries and search-index rows.
struct ArchiveWriter {
    explicit ArchiveWriter(Database& db) : device(db, clock), store(db, device), archive(store)
    {
        installSearchIndex(store);
    }
    SystemClock clock;
    DeviceContext device;
    Store store;
    Archive archive;
};

int visitCommand(const Arguments& args, std::ostream& out, std::ostream& err)
{
    const std::string purpose =
        args.options.count("--purpose") ? args.options.at("--purpose") : "return_visit";
    if (auto e = checkEnum("--purpose", "visit", "purpose", purpose)) throw *e;
    std::optional<VisitStep> step;
    if (args.options.count("--step")) {
        step = visitStepNamed(args.options.at("--step"));
        if (!step)
            throw UsageError{"--step must name a step of the visit, got '" + args.options.at("--step") + "'"};
    }
    std::unique_ptr<Database> opened = openForCommand(args, err);
    if (!opened) return kExitProblems;
    ArchiveWriter writer(*opened);
    Visits visits(writer.store);
    const std::string rep = Replica(writer.store).setting("user_id");
    Transaction tx(*opened);
    auto id = visits.start(
        tx, rep, {args.positional[0], purpose, "", std::nullopt, writer.store.device().clock().nowMs()});
    if (!id) {
        err << "fieldbook-tool: " << id.error().message << '\n';
        return kExitProblems;
    }
    if (step)
        if (auto moved = visits.setStep(tx, *step); !moved) {
            err << "fieldbook-tool: " << moved.error().message << '\n';
            return kExitProblems;
        }
    tx.commit();
    out << *id << '\n';
    return kExitOk;
}

int addCommand(const Arguments& args, std::ostream& out, std::ostream& err)
{
    const std::string tier = args.options.count("--tier") ? args.options.at("--tier") : std::string("A");
    if (auto e = checkEnum("--tier", "account", "tier", tier)) throw *e;
    std::unique_ptr<Database> opened = openForCommand(args, err);
    if (!opened) return kExitProblems;
    Database& db = *opened;
    ArchiveWriter writer(db);
    Transaction tx(db);
    auto id = writer.archive.createAccount(
        tx, {{"name", args.positional[0]}, {"tier", tier}, {"stage", std::string("acquisition")}});
    if (!id) {
        err << "fieldbook-tool: " << id.error().message << '\n';
        return kExitProblems;
    }
    tx.commit();
    out << *id << '\n';
    return kExitOk;
}

int photoCommand(const Arguments& args, std::ostream& out, std::ostream& err)
{
    const std::string purpose = args.options.count("--purpose") ? args.options.at("--purpose") : "storefront";
    if (auto e = checkEnum("--purpose", "attachment", "purpose", purpose)) throw *e;
    std::ifstream in(args.positional[1], std::ios::binary);
    if (!in) throw UsageError{"cannot read " + args.positional[1]};
    const std::string jpeg((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::unique_ptr<Database> opened = openForCommand(args, err);
    if (!opened) return kExitProblems;
    Database& db = *opened;
    ArchiveWriter writer(db);
    Transaction tx(db);
    auto id = writer.archive.addPhoto(tx, args.positional[0], purpose, jpeg, writer.clock.nowMs());
    if (!id) {
        err << "fieldbook-tool: " << id.error().message << '\n';
        return kExitProblems;
    }
    tx.commit();
    out << *id << ' ' << blobs::digestOf(jpeg) << '\n';
    return kExitOk;
}

int holidaysCommand(const Arguments& args, std::ostream& out)
{
    int year = 0;
    const std::string text = args.options.count("--year") ? args.options.at("--year") : std::string();
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || year < lunar::kFirstYear ||
        year > lunar::kLastYear)
        throw UsageError{"--year must be a year from 1901 to 2100"};
    for (const lunar::Holiday& h : lunar::holidaysOf(year)) {
        out << lunar::format(h.date) << "  " << h.name << "  " << h.key;
        if (h.lunar)
            if (const auto l = lunar::toLunar(h.date)) out << "  " << lunar::chineseName(*l);
        out << '\n';
    }
    return kExitOk;
}

// One line of the check report; problems are counted.
class Report {
public:
    explicit Report(std::ostream& out) : out_(out) {}
    void ok(std::string_view what, const std::string& detail)
    {
        out_ << "ok       " << padded(what, 18) << detail << '\n';
    }
    void problem(std::string_view what, const std::string& detail)
    {
        out_ << "PROBLEM  " << padded(what, 18) << detail << '\n';
        ++problems_;
    }
    int problems() const { return problems_; }

private:
    std::ostream& out_;
    int problems_ = 0;
};

std::int64_t scalar(Database& db, std::string_view sql)
{
    Statement st = db.prepare(sql);
    return st.step() ? st.int64(0) : 0;
}

// Ids from the first column of a query, at most `max` of them, for problem details.
std::string sampleIds(Database& db, std::string_view sql, int max = 3)
{
    Statement st = db.prepare(sql);
    std::string out;
    for (int n = 0; n < max && st.step(); ++n)
        out += (out.empty() ? "" : ", ") + st.text(0);
    return out;
}

void checkSearchIndex(Database& db, Report& report, std::string_view table, int kind, std::string_view label)
{
    // Key persons of an archived account leave the index with their account.
    const std::string live =
        " r WHERE r.archived IS NOT 1" +
        std::string(table == "key_person"
                        ? " AND NOT EXISTS (SELECT 1 FROM account a WHERE a.id = r.account_id"
                          " AND a.archived = 1)"
                        : "");
    const std::string missing = "SELECT r.id FROM " + std::string(table) + live +
                                " AND NOT EXISTS (SELECT 1 FROM "
                                "search_entry e WHERE e.record_id = r.id AND e.kind = " +
                                std::to_string(kind) + ")";
    const std::int64_t records = scalar(db, "SELECT count(*) FROM " + std::string(table) + live);
    const std::int64_t unindexed = scalar(db, "SELECT count(*) FROM (" + missing + ")");
    if (unindexed == 0)
        report.ok(label, std::to_string(records) + " indexed");
    else
        report.problem(label, std::to_string(unindexed) + " of " + std::to_string(records) +
                                  " have no search index row (e.g. " + sampleIds(db, missing) + ")");
}

int setCommand(const Arguments& args, std::ostream& out, std::ostream& err)
{
    const std::string& id = args.positional[0];
    const std::string& field = args.positional[1];
    const std::string& text = args.positional[2];
    const schema::Field* f = schema::entity("account")->field(field);
    if (!f) throw UsageError{"an account has no field '" + field + "'"};
    // The value in its declared type; the registry validates the rest.
    Value value;
    if (!text.empty()) {
        switch (f->type) {
        case schema::FieldType::Integer:
        case schema::FieldType::Bool:
        case schema::FieldType::DateTime: {
            auto n = parseNumber<std::int64_t>(field, text, INT64_MIN, INT64_MAX);
            if (auto* e = std::get_if<UsageError>(&n)) throw *e;
            value = std::get<std::int64_t>(n);
            break;
        }
        case schema::FieldType::Real: {
            double d = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
            if (ec != std::errc{} || end != text.data() + text.size())
                throw UsageError{field + " must be a number, got '" + text + "'"};
            value = d;
            break;
        }
        default:
            value = text;
        }
    }

    std::unique_ptr<Database> opened = openForCommand(args, err);
    if (!opened) return kExitProblems;
    Database& db = *opened;
    ArchiveWriter writer(db);
    Store& store = writer.store;
    Archive& archive = writer.archive;
    const std::int64_t before = store.outboxCount();
    Transaction tx(db);
    if (auto r = archive.updateAccount(tx, id, {{field, value}}); !r) {
        err << "fieldbook-tool: " << r.error().message << '\n';
        return kExitProblems;
    }
    tx.commit();
    out << (store.outboxCount() > before ? "Changed " : "Unchanged (same value) ") << field << " of account "
        << id << ".\n";
    return kExitOk;
}

int checkCommand(const Arguments& args, std::ostream& out, std::ostream& err, const Extensions* extensions)
{
    const std::string& path = args.options.at("--db");
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw UsageError{"no database file '" + path + "'"};
    // Opened without migrating: the check reports what is on disk, and changes nothing.
    auto opened = Database::open(path);
    if (!opened) {
        err << "fieldbook-tool: " << opened.error().message << '\n';
        return kExitProblems;
    }
    Database& db = **opened;
    Report report(out);
    out << "Checking " << path << '\n';

    {
        Statement st = db.prepare("PRAGMA integrity_check");
        std::vector<std::string> lines;
        while (st.step())
            lines.push_back(st.text(0));
        if (lines.size() == 1 && lines.front() == "ok")
            report.ok("integrity", "PRAGMA integrity_check: ok");
        else
            for (const std::string& line : lines)
                report.problem("integrity", line);
    }
    const int version = db.userVersion();
    if (version == storageVersion())
        report.ok("schema version", std::to_string(version));
    else
        report.problem("schema version",
                       std::to_string(version) + ", this build expects " + std::to_string(storageVersion()));
    if (version < storageVersion()) {
        out << "The remaining checks need schema version " << storageVersion() << ".\n";
        out << report.problems() << " problem(s) found\n";
        return kExitProblems;
    }
    {
        Statement st = db.prepare("PRAGMA foreign_key_check");
        int violations = 0;
        while (st.step()) {
            if (++violations <= 5)
                report.problem("foreign keys",
                               st.text(0) + " row " + st.text(1) + " refers to a missing " + st.text(2));
        }
        if (violations > 5)
            report.problem("foreign keys", std::to_string(violations - 5) + " more violations");
        if (violations == 0) report.ok("foreign keys", "PRAGMA foreign_key_check: ok");
    }

    checkSearchIndex(db, report, "account", 0, "search: accounts");
    checkSearchIndex(db, report, "key_person", 1, "search: persons");
    {
        // The digest the triggers keep must equal one computed from every record.
        Statement st = db.prepare("SELECT n, hash FROM sync_digest WHERE id = 1");
        const bool present = st.step();
        const ScopeDigest full = computeScopeDigest(db);
        if (present && st.int64(0) == full.count && toHex(st.blob(1)) == full.hash)
            report.ok("scope digest", std::to_string(full.count) + " records, maintained digest matches");
        else
            report.problem("scope digest", present ? "the maintained digest (" + std::to_string(st.int64(0)) +
                                                         " records) differs from the records (" +
                                                         std::to_string(full.count) + ")"
                                                   : "sync_digest has no row");
    }
    {
        const std::string orphans =
            "SELECT e.record_id FROM search_entry e WHERE NOT EXISTS (SELECT 1 FROM account a WHERE "
            "a.id = e.record_id) AND NOT EXISTS (SELECT 1 FROM key_person k WHERE k.id = e.record_id)";
        const std::string noText =
            "SELECT e.record_id FROM search_entry e WHERE NOT EXISTS (SELECT 1 FROM search_fts f "
            "WHERE f.rowid = e.rowid)";
        const std::int64_t orphanCount = scalar(db, "SELECT count(*) FROM (" + orphans + ")");
        const std::int64_t noTextCount = scalar(db, "SELECT count(*) FROM (" + noText + ")");
        if (orphanCount > 0)
            report.problem("search: entries", std::to_string(orphanCount) +
                                                  " index rows for records that do not exist (e.g. " +
                                                  sampleIds(db, orphans) + ")");
        if (noTextCount > 0)
            report.problem("search: entries", std::to_string(noTextCount) +
                                                  " index rows without indexed text (e.g. " +
                                                  sampleIds(db, noText) + ")");
        // Name keys (ranking, mixed pinyin) of entries that are gone.
        const std::int64_t strayKeys = scalar(
            db, "SELECT count(*) FROM search_key k WHERE NOT EXISTS (SELECT 1 FROM search_entry e WHERE "
                "e.rowid = k.rowid)");
        if (strayKeys > 0)
            report.problem("search: entries", std::to_string(strayKeys) + " name keys of no index row");
        // FTS5's own consistency check; it is a write statement, so it runs in a
        // transaction that is rolled back.
        try {
            Transaction tx(db);
            db.execScript("INSERT INTO search_fts(search_fts) VALUES('integrity-check');"
                          "INSERT INTO search_short(search_short) VALUES('integrity-check');");
            tx.rollback();
            if (orphanCount == 0 && noTextCount == 0 && strayKeys == 0)
                report.ok("search: entries", std::to_string(scalar(db, "SELECT count(*) FROM search_entry")) +
                                                 " rows, full-text index consistent");
        } catch (const StorageError& e) {
            report.problem("search: entries", std::string("full-text index: ") + e.what());
        }
    }
    {
        Statement st =
            db.prepare("SELECT count(*), coalesce(min(seq), 0), coalesce(max(seq), 0) FROM outbox");
        st.step();
        const std::int64_t count = st.int64(0);
        const std::int64_t first = st.int64(1);
        const std::int64_t last = st.int64(2);
        const std::int64_t next = scalar(db, "SELECT next_seq FROM device WHERE id = 1");
        // Acknowledged entries leave from the front, so the sequence may start above 1,
        // but what remains must be gapless and end just before the next number to issue.
        if (count == 0) {
            report.ok("outbox", "empty; next sequence number " + std::to_string(next));
        } else if (count != last - first + 1) {
            report.problem(
                "outbox", std::to_string(last - first + 1 - count) + " sequence numbers missing between " +
                              std::to_string(first) + " and " + std::to_string(last) + " (first gaps after " +
                              sampleIds(db, "SELECT o.seq FROM outbox o WHERE o.seq < (SELECT "
                                            "max(seq) FROM outbox) AND NOT EXISTS (SELECT 1 "
                                            "FROM outbox p WHERE p.seq = o.seq + 1) ORDER BY o.seq") +
                              ")");
        } else if (next != last + 1) {
            report.problem("outbox", "last sequence number " + std::to_string(last) +
                                         " but the device will issue " + std::to_string(next) + " next");
        } else {
            report.ok("outbox", std::to_string(count) + " entries, sequence " + std::to_string(first) + ".." +
                                    std::to_string(last) + " gapless");
        }
    }

    {
        // Attachments: what waits for upload has its bytes, intact; what the cache keeps too.
        const blobs::CacheUse use = blobs::use(db);
        int damaged = 0;
        std::string sample;
        Statement st = db.prepare("SELECT sha256, upload FROM blob");
        while (st.step())
            if (!blobs::read(db, st.text(0))) {
                ++damaged;
                if (sample.empty())
                    sample = st.text(0).substr(0, 12) + (st.int64(1) ? " (waiting for upload)" : "");
            }
        if (damaged)
            report.problem("attachments",
                           std::to_string(damaged) + " without their bytes or damaged, e.g. " + sample);
        else
            report.ok("attachments", std::to_string(use.pending) + " waiting for upload (" +
                                         std::to_string(use.pendingBytes) + " bytes), " +
                                         std::to_string(use.cached) + " cached (" +
                                         std::to_string(use.cachedBytes) + " bytes)");
    }

    if (extensions && extensions->remoteCheck) {
        opened->reset();  // the remote check opens the database on a connection of its own
        extensions->remoteCheck(path, [&](bool ok, std::string_view what, const std::string& detail) {
            if (ok)
                report.ok(what, detail);
            else
                report.problem(what, detail);
        });
    }
    if (report.problems() == 0) {
        out << "No problems found.\n";
        return kExitOk;
    }
    out << report.problems() << (report.problems() == 1 ? " problem" : " problems") << " found.\n";
    return kExitProblems;
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        const Extensions& extensions)
{
    std::string usage(kUsage);
    for (const Command& c : extensions.commands) {
        const std::size_t at = usage.find("  fieldbook-tool --help");
        usage.insert(at, c.usage);
    }
    if (args.empty()) {
        err << usage;
        return kExitUsage;
    }
    if (args.front() == "--help" || args.front() == "-h" || args.front() == "help") {
        out << usage;
        return kExitOk;
    }
    for (const std::string& arg : args) {
        if (arg == "--help" || arg == "-h") {
            out << usage;
            return kExitOk;
        }
    }
    try {
        auto parsed = parse(args, extensions);
        if (auto* e = std::get_if<UsageError>(&parsed)) throw *e;
        const Arguments& arguments = std::get<Arguments>(parsed);
        for (const Command& c : extensions.commands)
            if (c.name == arguments.command) return c.run(arguments.options, arguments.flags, out, err);
        if (arguments.command == "demo") return demoCommand(arguments, out, err);
        if (arguments.command == "search") return searchCommand(arguments, out, err);
        if (arguments.command == "show") return showCommand(arguments, out, err);
        if (arguments.command == "set") return setCommand(arguments, out, err);
        if (arguments.command == "add") return addCommand(arguments, out, err);
        if (arguments.command == "visit") return visitCommand(arguments, out, err);
        if (arguments.command == "photo") return photoCommand(arguments, out, err);
        if (arguments.command == "holidays") return holidaysCommand(arguments, out);
        return checkCommand(arguments, out, err, arguments.flags.count("--offline") ? nullptr : &extensions);
    } catch (const UsageError& e) {
        err << "fieldbook-tool: " << e.message << "\nTry 'fieldbook-tool --help'.\n";
        return kExitUsage;
    } catch (const StorageError& e) {
        err << "fieldbook-tool: database error: " << e.what() << '\n';
        return kExitProblems;
    }
}

int run(int argc, char** argv, const Extensions& extensions)
{
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i)
        args.emplace_back(argv[i]);
    return run(args, std::cout, std::cerr, extensions);
}

}  // namespace fb::tool
