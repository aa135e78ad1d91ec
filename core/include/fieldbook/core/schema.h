// The schema registry: every synced entity is declared here once — its fields (type,
// required, enum values, maximum length, sensitive personal data), how replicas merge it
// and which scope it belongs to. Device tables and their migrations, validation, the
// outbox encoding and (with sync) the wire format and the server's store all derive from
// these declarations; nothing else lists an entity's fields.
//
// Fields carry the schema version that introduced them (`since`), so the migration to
// version N can create exactly the tables and columns that version N had, and a database
// at any past version migrates forward the same way a fresh one is built.
#pragma once

#include <climits>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fieldbook/core/database.h"
#include "fieldbook/core/result.h"

namespace fb {

// A record's fields by name (NULL values explicit where a field is cleared), and each field's
// HLC stamp (stamps compare as strings; see hlc.h).
using Fields = std::map<std::string, Value, std::less<>>;
using Clocks = std::map<std::string, std::string, std::less<>>;

// A field's value as text ("" when absent or NULL) and as an integer (0 when absent, NULL or
// not an integer), for code that reads records by field name (the archive, server rules,
// admin commands).
std::string fieldText(const Fields& fields, std::string_view name);
std::int64_t fieldInteger(const Fields& fields, std::string_view name);

}  // namespace fb

namespace fb::schema {

enum class FieldType {
    Text,      // single line
    LongText,  // multi-line notes
    Integer,
    Real,
    Bool,      // stored 0/1
    Date,      // "YYYY-MM-DD"
    DateTime,  // milliseconds since the epoch (UTC)
    Enum,      // one of `values`
    Phone,     // digits, optional leading +, spaces and dashes allowed on input
    Json,      // a JSON object (custom fields)
    Ref,       // id of a record of entity `refEntity`
    Money,     // an amount in fen (分, 1/100 yuan) as an integer; a form's "1,299.50" is 129950
    GeoPoint,  // a place on earth, WGS-84, as one value "lat,lng,accuracy" (text: degrees with 6
               // decimals, about 0.1 m; accuracy in whole metres, or empty when unknown), so
               // a position never merges half from one fix and half from another
    Blob,      // an attachment's bytes, named by their SHA-256 as 64 lower-case hex digits; the
               // bytes travel apart from the record, after it (blobs.h, docs/sync-protocol.md)
};

// The size a photo is made to fit on the device, in bytes of JPEG (a phone's picture scaled
// to 1600 pixels on its long side at quality 82 is about 200-400 KiB). An attachment may be
// larger, up to blobs::kMaxBytes.
inline constexpr int kMaxPhotoBytes = 512 * 1024;

// A GeoPoint's parts, and its canonical text.
struct GeoPoint {
    double latitude = 0;
    double longitude = 0;
    std::int64_t accuracyM = -1;  // -1: unknown
};
std::optional<GeoPoint> parseGeoPoint(std::string_view text);
std::string formatGeoPoint(const GeoPoint& point);

enum class MergePolicy {
    Lww,         // per field, last writer wins by HLC, ties by device id
    AppendOnly,  // written once, never changed; corrections are new records
    Ledger,      // append-only signed quantities; a balance is a sum
    State,       // a status that only moves forward in `values` order
};

// Who receives a record (docs/sync-protocol.md, "Scopes"):
enum class ScopeKind {
    AccountRoot,   // the record is an account: the root of a rep's subtree
    AccountChild,  // belongs to the account named by `scopeField`
    Global,        // reference data every signed-in device receives; written on the server only
                   // (admin commands): a device's change of it is refused
    Owner,         // belongs to the user named by `scopeField` (a rep's stock ledger, tasks):
                   // that user and their team's managers receive it; account moves never move it
};

struct Field {
    std::string_view name;
    std::string_view label{};  // English label, the translation key (context "Schema")
    FieldType type = FieldType::Text;
    bool required = false;
    int maxLength = 0;                            // in characters (code points); 0 = type default
    std::vector<std::string_view> values{};       // for Enum (and State order)
    std::vector<std::string_view> valueLabels{};  // one label key per value, in order
    bool sensitive = false;                       // personal data: masked in logs and exports
    std::string_view refEntity{};                 // for Ref
    int since = 1;                                // schema version that added the field
    std::int64_t minValue = INT64_MIN;            // for Integer
    std::int64_t maxValue = INT64_MAX;            // for Integer
    std::string_view unit{};                      // a quantity's unit, a label key ("cases")
    std::string_view hint{};                      // what a form says under the field, a label key
    // No longer part of the product: a device refuses to write it and no form or page shows
    // it; it stays on the wire (and in the tables) while older devices may still send it.
    bool retired = false;
};

// A rule between fields of one record that an entry on this device must keep (an agreement
// ends on or after its start). Checked on the whole record as it would be after a local
// create or update (Store) and by forms as the rep types; not on pulled records, so data
// that another version wrote always arrives.
struct EntryRule {
    std::string_view field;    // the field the message is shown at
    std::string_view message;  // English, a label key (context "Validation")
    bool (*holds)(const Fields& record);
};

struct Entity {
    std::string_view name;           // entity and table name, e.g. "account"
    std::string_view label{};        // what a rep calls one record ("Key person"), a label key
    std::string_view pluralLabel{};  // several ("Key persons"), a label key
    MergePolicy merge = MergePolicy::Lww;
    ScopeKind scope = ScopeKind::AccountRoot;
    std::string_view scopeField{};  // AccountChild: the field holding the account id;
                                    // Owner: the field holding the owner's user id
    int since = 1;                  // schema version that added the entity
    std::vector<Field> fields;
    std::string_view serverRule{};  // a rule the server runs after merging a push (see
                                    // server/src/rules.h); "" for none
    std::vector<EntryRule> entryRules{};

    const Field* field(std::string_view fieldName) const;
};

// All declared entities, in dependency order (referenced before referencing).
std::span<const Entity> entities();
const Entity* entity(std::string_view name);
// The entities as they stood at sync schema `version`: those introduced by then, each with
// the fields it had then. What a storage step of that version builds (migrations.cpp).
std::vector<Entity> entitiesAt(int version);

namespace testing {
// Declares one more entity for the lifetime of this object (tests only: the migration test
// adds an entity at a new version to prove that no migration code has to change for it).
// currentVersion() becomes at least the entity's `since`. Not thread-safe.
class ExtraEntity {
public:
    explicit ExtraEntity(Entity entity);
    ~ExtraEntity();
    ExtraEntity(const ExtraEntity&) = delete;
    ExtraEntity& operator=(const ExtraEntity&) = delete;
};
}  // namespace testing

// The latest schema version this build knows.
int currentVersion();
// Whether a device of sync schema `version` declares every entity and field of the current
// registry (a version that changed only the protocol's metadata, not the records, does).
bool knowsEveryRecordField(int version);
// The label key of a value of an Enum field ("" when it has none).
std::string_view valueLabel(const Field& field, std::string_view value);

// The wire name of a scope kind: "account" (root and child), "global", "owner".
const char* scopeKindName(ScopeKind kind);

// Default maximum length for a type when the field does not set one.
int effectiveMaxLength(const Field& field);

// Checks one value against its declaration and returns it in canonical stored form
// (phone digits, booleans as 0/1, trimmed text). NULL/empty is accepted here; `required`
// is checked by validateRecord, which knows whether the record is new.
Result<Value> validateField(const Field& field, const Value& value);

// Checks a whole write: every field against its declaration, unknown fields, and required
// fields (missing on create, cleared on update). Returns every problem, one per field, so a
// form can show them all at once; `clean` receives the canonical values of the good fields.
// References are checked for form only (the Store checks that they exist).
std::vector<Error> validateRecord(const Entity& entity,
                                  const std::map<std::string, Value, std::less<>>& fields, bool creating,
                                  std::map<std::string, Value, std::less<>>* clean = nullptr);

// The entry rules that `record` (the whole record, as it would be stored) breaks, as
// ErrorCode::Rule errors at their fields.
std::vector<Error> checkEntryRules(const Entity& entity, const Fields& record);

// Generated DDL: the table of `entity` with the fields it lists (see entitiesAt for an
// entity as it stood at a past version), and adding one field to an existing table. A Ref
// field gets an index.
std::vector<std::string> createTableDdl(const Entity& entity);
std::vector<std::string> addColumnDdl(const Entity& entity, const Field& field);

const char* fieldTypeName(FieldType type);
const char* mergePolicyName(MergePolicy policy);

}  // namespace fb::schema
