// Migration steps, one per storage version. Each runs in its own transaction together with
// the user_version bump, so a database is always at exactly one version.
//
// Entity tables are not written out in the steps: before each step, buildEntities brings
// them to what the registry declared at the step's sync schema version (schema::entitiesAt),
// comparing with what the file holds; after the last step, to the current registry. So an
// entity or field declared at a new sync version needs no migration code, and a step always
// finds the tables of its own time, never those of today's registry.
#include "fieldbook/core/migrations.h"

#include <set>

#include "fieldbook/core/lifecycle.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/core/schema.h"
#include "fieldbook/core/search.h"

namespace fb {

namespace {

bool tableExists(Database& db, std::string_view name)
{
    Statement st = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
    st.bind(1, name);
    return st.step();
}

std::set<std::string, std::less<>> columnsOf(Database& db, std::string_view table)
{
    std::set<std::string, std::less<>> out;
    Statement st = db.prepare("SELECT name FROM pragma_table_info(?)");
    st.bind(1, table);
    while (st.step())
        out.insert(st.text(0));
    return out;
}

void createDigestTriggers(Database& db, const schema::Entity& e, const std::string& when);

// The entity tables as `version` declared them: missing tables created (with their digest
// triggers once the digest exists, storage step 6), missing columns added. Whatever the file
// already holds is left as it is.
void buildEntities(Database& db, int version)
{
    const bool digest = tableExists(db, "sync_digest");
    for (const schema::Entity& e : schema::entitiesAt(version)) {
        if (!tableExists(db, e.name)) {
            for (const std::string& sql : schema::createTableDdl(e))
                db.execScript(sql);
            if (digest) createDigestTriggers(db, e, " WHEN fb_digest_live()");
            continue;
        }
        const auto present = columnsOf(db, e.name);
        for (const schema::Field& f : e.fields)
            if (!present.contains(f.name))
                for (const std::string& sql : schema::addColumnDdl(e, f))
                    db.execScript(sql);
    }
}

void step1(Database& db)
{
    db.execScript(R"sql(
        -- The device's identity and write bookkeeping (exactly one row).
        CREATE TABLE device (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          device_id TEXT NOT NULL,
          hlc TEXT NOT NULL DEFAULT '',
          next_seq INTEGER NOT NULL DEFAULT 1,
          created_ms INTEGER NOT NULL
        );
        -- Every local write, in order, until the server has acknowledged it.
        CREATE TABLE outbox (
          seq INTEGER PRIMARY KEY,
          entity TEXT NOT NULL,
          record_id TEXT NOT NULL,
          op TEXT NOT NULL CHECK (op IN ('create', 'update')),
          fields TEXT NOT NULL,
          hlc TEXT NOT NULL
        );
        CREATE INDEX outbox_record ON outbox(entity, record_id);
    )sql");
}

void step2(Database& db)
{
    db.execScript("CREATE INDEX role_change_history ON role_change(account_id, role, effective_date)");
}

// The search index's name keys: a prefix range of `key` (an account's "ac"/"af"/"ai" from
// its name's start and "aC"/"aF"/"aI" from a word start, for characters, full pinyin or
// initials; a key person's "pi" initials; then the text) finds the names, and an account's
// words, that begin with a query word; `rowid` is the entry's (search_entry). See nameKeys().
void createNameKeys(Database& db)
{
    db.execScript(R"sql(
        CREATE TABLE IF NOT EXISTS search_key (
          key TEXT NOT NULL,
          rowid INTEGER NOT NULL,
          PRIMARY KEY (key, rowid)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS search_key_entry ON search_key(rowid);
    )sql");
}

// The fields ranking reads, kept in the index's own small tables (search.cpp): an account's
// name, phone and address; a key person's name, phone and role.
void addShownColumns(Database& db)
{
    for (const auto& [table, column] : {std::pair{"search_account", "name"},
                                        {"search_account", "phone"},
                                        {"search_account", "address"},
                                        {"search_entry", "name"},
                                        {"search_entry", "phone"},
                                        {"search_entry", "role"}})
        if (!columnsOf(db, table).contains(column))
            db.execScript(std::string("ALTER TABLE ") + table + " ADD COLUMN " + column +
                          " TEXT NOT NULL DEFAULT '';");
}

void step3(Database& db)
{
    db.execScript(R"sql(
        -- Derived, device-local: pinyin sort keys for lists.
        ALTER TABLE account ADD COLUMN _sort TEXT NOT NULL DEFAULT '';
        ALTER TABLE key_person ADD COLUMN _sort TEXT NOT NULL DEFAULT '';
        -- The account list walks this index in order and filters without reading rows.
        CREATE INDEX account_list ON account(_sort, id, archived, tier, stage, industry, region);
        -- Each account's stable search number n, with its sort key and filter values, so a
        -- search with thousands of hits groups, filters and sorts without touching accounts.
        CREATE TABLE search_account (
          n INTEGER PRIMARY KEY,
          account_id TEXT NOT NULL UNIQUE,
          sort TEXT NOT NULL,
          tier TEXT, stage TEXT, industry TEXT, region TEXT
        );
        CREATE INDEX search_account_sort ON search_account(sort, n, tier, stage, industry, region);
        -- One row per indexed record: rowid = n * 65536 + slot (slot 0 = the account itself,
        -- 1.. = its key persons), so an FTS hit names its account without a lookup.
        CREATE TABLE search_entry (
          rowid INTEGER PRIMARY KEY,
          kind INTEGER NOT NULL,
          record_id TEXT NOT NULL UNIQUE,
          account_id TEXT NOT NULL
        );
        -- Substrings of three or more characters: trigram index over the folded text.
        CREATE VIRTUAL TABLE search_fts USING fts5(body, tokenize = 'trigram');
        -- One- and two-character queries: their grams as whole tokens (single-token
        -- queries need no positions, hence detail=none).
        CREATE VIRTUAL TABLE search_short USING fts5(grams, tokenize = 'unicode61 remove_diacritics 0', detail = none);
    )sql");
    // Indexing writes the name keys and shown fields too (step 18 made them; the rebuild below
    // is today's code).
    createNameKeys(db);
    addShownColumns(db);
    Transaction inner(db);
    rebuildSearchIndex(inner);
    inner.commit();
}

void step4(Database& db)
{
    db.execScript(R"sql(
        -- Sync bookkeeping: server address, user, token, cursor, last sync (key/value).
        CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        -- Changes the server refused, kept for the rep to read (never silently dropped).
        CREATE TABLE sync_rejected (
          seq INTEGER PRIMARY KEY,
          entity TEXT NOT NULL,
          record_id TEXT NOT NULL,
          op TEXT NOT NULL,
          fields TEXT NOT NULL,
          code TEXT NOT NULL,
          message TEXT NOT NULL,
          at_ms INTEGER NOT NULL
        );
    )sql");
}

void step5(Database& db)
{
    db.execScript(R"sql(
        -- Overridden changes join the rejected ones: a pushed change that the server merged
        -- with some fields lost to a later write elsewhere. kind says which; lost is a JSON
        -- object {field: the winning write's HLC stamp} ('{}' for a rejected change), and
        -- fields then holds only the rep's values of those lost fields.
        ALTER TABLE sync_rejected ADD COLUMN kind TEXT NOT NULL DEFAULT 'rejected'
          CHECK (kind IN ('rejected', 'overridden'));
        ALTER TABLE sync_rejected ADD COLUMN lost TEXT NOT NULL DEFAULT '{}';
        -- The last sync error was stored as "code: English detail" (or a bare code); it is
        -- two keys now (fb::sync::key::kLastErrorCode, kLastErrorMessage).
        INSERT OR REPLACE INTO sync_state (key, value)
          SELECT 'last_error_code',
                 CASE WHEN instr(value, ': ') > 0 THEN substr(value, 1, instr(value, ': ') - 1) ELSE value END
          FROM sync_state WHERE key = 'last_error';
        INSERT OR REPLACE INTO sync_state (key, value)
          SELECT 'last_error_message',
                 CASE WHEN instr(value, ': ') > 0 THEN substr(value, instr(value, ': ') + 2) ELSE '' END
          FROM sync_state WHERE key = 'last_error';
        DELETE FROM sync_state WHERE key = 'last_error';
    )sql");
}

// The scope digest (count and XOR of every synced record's sha256(entity \n id \n max
// stamp)) kept current by triggers, so the end of every sync compares it without a pass over
// the whole book. The triggers fire for every write path (local edits, merges, adopted stamps,
// purges, cascades, wipes); INSERT OR REPLACE, whose implicit delete fires no trigger, is never
// used on these tables.
void createDigestTriggers(Database& db, const schema::Entity& e, const std::string& when)
{
    const std::string t(e.name);
    const std::string line = "'" + t + "', ";
    db.execScript("CREATE TRIGGER " + t + "_digest_insert AFTER INSERT ON " + t + when +
                  " BEGIN UPDATE sync_digest SET n = n + 1, hash = fb_digest_xor(hash, " + line + "NEW.id, " +
                  maxStampSql("NEW.") + ") WHERE id = 1; END;");
    db.execScript("CREATE TRIGGER " + t + "_digest_delete AFTER DELETE ON " + t + when +
                  " BEGIN UPDATE sync_digest SET n = n - 1, hash = fb_digest_xor(hash, " + line + "OLD.id, " +
                  maxStampSql("OLD.") + ") WHERE id = 1; END;");
    db.execScript("CREATE TRIGGER " + t + "_digest_update AFTER UPDATE OF id, _hlc, _clock ON " + t + when +
                  " BEGIN UPDATE sync_digest SET hash = fb_digest_xor(fb_digest_xor(hash, " + line +
                  "OLD.id, " + maxStampSql("OLD.") + "), " + line + "NEW.id, " + maxStampSql("NEW.") +
                  ") WHERE id = 1; END;");
}

void step6(Database& db)
{
    db.execScript("CREATE TABLE sync_digest (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL, hash "
                  "BLOB NOT NULL)");
    const std::vector<schema::Entity> then = schema::entitiesAt(4);
    const ScopeDigest now = computeScopeDigest(db, then);
    std::string raw;
    for (std::size_t i = 0; i + 1 < now.hash.size(); i += 2)
        raw += static_cast<char>(std::stoi(now.hash.substr(i, 2), nullptr, 16));
    db.prepare("INSERT INTO sync_digest (id, n, hash) VALUES (1, ?, ?)")
        .bind(1, now.count)
        .bindBlob(2, raw)
        .exec();
    for (const schema::Entity& e : then)
        createDigestTriggers(db, e, "");
}

// The digest triggers fire unless the connection turned them off (fb_digest_live(), see
// Database::setDigestTriggers): an initial sync's bulk insert adds its rows' share once per
// page instead of one trigger per row.
void step7(Database& db)
{
    for (const schema::Entity& e : schema::entitiesAt(4)) {
        const std::string t(e.name);
        db.execScript("DROP TRIGGER " + t + "_digest_insert; DROP TRIGGER " + t +
                      "_digest_delete; DROP TRIGGER " + t + "_digest_update;");
        createDigestTriggers(db, e, " WHEN fb_digest_live()");
    }
}

void step8(Database& db)
{
    // A kept change names its record as the phone knew it (RejectedChange::label): a
    // refused record may leave the phone (out of scope, reverted), its name with it.
    db.execScript("ALTER TABLE sync_rejected ADD COLUMN label TEXT NOT NULL DEFAULT ''");
}

void step9(Database& db)
{
    // The sync schema version the entity tables were last built to (buildEntities): a file
    // whose tables are newer than this build's registry is refused like a newer storage
    // version, even when an entity came without a storage step.
    db.execScript(
        "CREATE TABLE schema_state (id INTEGER PRIMARY KEY CHECK (id = 1), sync_version INTEGER NOT "
        "NULL); INSERT INTO schema_state (id, sync_version) VALUES (1, 5)");
}

void step10(Database& db)
{
    // Who owns each account (the user the server files it under: a manager's phone holds
    // several reps' accounts) and the names of the users the rep sees (the viewer's team),
    // both as the server's pull replies say (sync schema 7). Not records: never pushed, not
    // in the digest.
    db.execScript(
        "CREATE TABLE sync_account_owner (account_id TEXT PRIMARY KEY NOT NULL, user_id TEXT NOT NULL);"
        "CREATE TABLE sync_team (user_id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL)");
}

void step11(Database& db)
{
    // The visit this device is running and the step the rep is on, and the answers typed
    // into it not yet committed to the record (see visits.h). Device-local: never pushed.
    db.execScript("CREATE TABLE visit_session (id INTEGER PRIMARY KEY CHECK (id = 1), visit_id TEXT NOT NULL,"
                  " step TEXT NOT NULL);"
                  "CREATE TABLE visit_draft (visit_id TEXT NOT NULL, field TEXT NOT NULL, value,"
                  " PRIMARY KEY (visit_id, field)) WITHOUT ROWID");
}

void step12(Database& db)
{
    // Attachments' bytes kept beside the database (blobs.h): which files, how large, whether
    // they still wait for upload (never evicted) and when last used (the cache's order).
    db.execScript("CREATE TABLE blob (sha256 TEXT PRIMARY KEY NOT NULL, size INTEGER NOT NULL,"
                  " upload INTEGER NOT NULL, used_ms INTEGER NOT NULL)");
}

void step13(Database& db)
{
    // After each sync, the cache of pictures lets go of those no record names (blobs::trim):
    // one lookup per cached picture.
    db.execScript("CREATE INDEX IF NOT EXISTS attachment_blob ON attachment(blob)");
}

void step14(Database& db)
{
    // Derived, device-local (cadence.h): each finished visit and counted contact by account,
    // activity and local day, for the tier cadence. Visits already finished are counted on
    // the day the device's time zone gives their check-out.
    db.execScript(R"sql(
        CREATE TABLE cadence_event (
          record_id TEXT PRIMARY KEY NOT NULL,
          account_id TEXT NOT NULL,
          activity TEXT NOT NULL,
          day TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX cadence_event_account ON cadence_event(account_id, activity, day);
        -- Today reads the rep's book, open follow-ups and open visits.
        CREATE INDEX IF NOT EXISTS task_owner ON task(owner_id, status, due_on);
        CREATE INDEX IF NOT EXISTS visit_rep ON visit(rep_id, status);
        CREATE INDEX IF NOT EXISTS snooze_owner ON snooze(owner_id, until);
        INSERT INTO cadence_event (record_id, account_id, activity, day)
          SELECT id, account_id, 'face_visit', date(checkout_at / 1000, 'unixepoch', 'localtime')
          FROM visit WHERE status = 'finished' AND checkout_at IS NOT NULL;
    )sql");
}

void step15(Database& db)
{
    // Derived (lifecycle.h): which counted events are purchases, and each account's rhythm;
    // the stage changes by account for the latest one.
    db.execScript(R"sql(
        ALTER TABLE cadence_event ADD COLUMN sale INTEGER NOT NULL DEFAULT 0;
        UPDATE cadence_event SET sale = 1
          WHERE record_id IN (SELECT id FROM visit WHERE status = 'finished'
            AND (coalesce(sale_quantity, 0) > 0 OR coalesce(sale_agreed, '') <> ''));
        CREATE TABLE account_rhythm (
          account_id TEXT PRIMARY KEY NOT NULL,
          contact_usual INTEGER NOT NULL,
          contact_intervals INTEGER NOT NULL,
          contact_last TEXT NOT NULL,
          sale_usual INTEGER NOT NULL,
          sale_intervals INTEGER NOT NULL,
          sale_last TEXT,
          sale_days INTEGER NOT NULL,
          sale_first TEXT
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS stage_change_account ON stage_change(account_id, at);
        -- Today reads a book's recent events (covered: no lookup of the row) and greetings
        -- by account and day, and the rep's accounts by owner.
        CREATE INDEX IF NOT EXISTS cadence_event_day ON cadence_event(account_id, day, activity);
        CREATE INDEX IF NOT EXISTS contact_log_kind ON contact_log(account_id, kind, at);
        CREATE INDEX IF NOT EXISTS sync_account_owner_user ON sync_account_owner(user_id, account_id);
    )sql");
    rebuildRhythm(db);
}

void step16(Database& db)
{
    // Today reads every key person of a book for their dates alone: from this index, not the
    // wide rows (today.cpp reads the few with an occasion near by rowid).
    db.execScript(R"sql(
        CREATE INDEX IF NOT EXISTS key_person_today
          ON key_person(account_id, archived, birthday, birthday_lunar, anniversaries)
          WHERE coalesce(archived, 0) = 0;
    )sql");
}

void step17(Database& db)
{
    // The short-gram index gains each character's first two pinyin letters (search.cpp): every
    // entry's short grams are written again (the trigram part is unchanged).
    Transaction tx(db);
    refreshShortGrams(tx);
    tx.commit();
}

void step18(Database& db)
{
    // Name keys for ranking and mixed pinyin (search.cpp), the fields ranking reads, and the
    // accounts the rep opened.
    createNameKeys(db);
    addShownColumns(db);
    db.execScript(R"sql(
        UPDATE search_account SET name = coalesce(a.name, ''), phone = coalesce(a.phone, ''), address = coalesce(a.address, '')
          FROM account a WHERE a.id = search_account.account_id;
        UPDATE search_entry SET name = coalesce(a.name, ''), phone = coalesce(a.phone, '')
          FROM account a WHERE search_entry.kind = 0 AND a.id = search_entry.record_id;
        UPDATE search_entry SET name = coalesce(p.name, ''), phone = coalesce(p.phone, ''), role = coalesce(p.role, '')
          FROM key_person p WHERE search_entry.kind = 1 AND p.id = search_entry.record_id;
    )sql");
    db.execScript(R"sql(
        CREATE TABLE account_opened (
          account_id TEXT PRIMARY KEY NOT NULL,
          at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX account_opened_at ON account_opened(at);
    )sql");
    Transaction tx(db);
    refreshNameKeys(tx);
    tx.commit();
}

struct Step {
    void (*run)(Database&);
    int syncVersion;  // the sync schema version whose entity tables the step works with
};
// The device's storage version (PRAGMA user_version) counts these steps. It is not the sync
// schema version (schema::currentVersion(), the fields a device declares on the wire):
// steps that only change local storage do not touch what the server sees, and a new sync
// version that only declares entities and fields needs no step.
constexpr Step kSteps[] = {{step1, 1},  {step2, 2},  {step3, 3},  {step4, 4},  {step5, 4},  {step6, 4},
                           {step7, 4},  {step8, 4},  {step9, 5},  {step10, 6}, {step11, 6}, {step12, 7},
                           {step13, 7}, {step14, 8}, {step15, 8}, {step16, 8}, {step17, 8}, {step18, 8}};

// Whether a table or column the current registry declares is missing from the file.
bool lacksDeclared(Database& db)
{
    for (const schema::Entity& e : schema::entities()) {
        if (!tableExists(db, e.name)) return true;
        const auto present = columnsOf(db, e.name);
        for (const schema::Field& f : e.fields)
            if (!present.contains(f.name)) return true;
    }
    return false;
}

int builtSyncVersion(Database& db)
{
    if (!tableExists(db, "schema_state")) return 0;
    Statement st = db.prepare("SELECT sync_version FROM schema_state WHERE id = 1");
    return st.step() ? static_cast<int>(st.int64(0)) : 0;
}

}  // namespace

int storageVersion()
{
    return static_cast<int>(std::size(kSteps));
}

Result<void> migrate(Database& db, int target)
{
    const int latest = storageVersion();
    if (target < 0) target = latest;
    if (target > latest)
        return makeError(ErrorCode::Storage, "unknown schema version " + std::to_string(target));
    int version = db.userVersion();
    if (version > latest)
        return makeError(ErrorCode::Storage, "database schema version " + std::to_string(version) +
                                                 " is newer than this app (" + std::to_string(latest) +
                                                 "); update the app");
    if (const int built = builtSyncVersion(db); built > schema::currentVersion())
        return makeError(ErrorCode::Storage, "database holds records of sync schema " +
                                                 std::to_string(built) + ", newer than this app (" +
                                                 std::to_string(schema::currentVersion()) +
                                                 "); update the app");
    try {
        while (version < target) {
            Transaction tx(db);
            buildEntities(db, kSteps[version].syncVersion);
            kSteps[version].run(db);
            ++version;
            db.setUserVersion(version);
            tx.commit();
        }
        // Entities and fields declared since the last step's sync version — or, at the same
        // version, declared after this file was built (a version not yet shipped grows while
        // it is made: a development or demo database must not lack a table).
        if (version == latest && (builtSyncVersion(db) < schema::currentVersion() || lacksDeclared(db))) {
            Transaction tx(db);
            buildEntities(db, schema::currentVersion());
            db.prepare("UPDATE schema_state SET sync_version = ? WHERE id = 1")
                .bind(1, static_cast<std::int64_t>(schema::currentVersion()))
                .exec();
            tx.commit();
        }
    } catch (const StorageError& e) {
        return makeError(ErrorCode::Storage, std::string("migration to version ") +
                                                 std::to_string(version + 1) + " failed: " + e.what());
    }
    return {};
}

Result<std::unique_ptr<Database>> openDeviceDatabase(const std::string& path)
{
    auto db = Database::open(path);
    if (!db) return db.error();
    if (auto r = migrate(**db); !r) return r.error();
    return db;
}

}  // namespace fb
