// The declarations of every synced entity. This is the one place an entity's fields are
// listed; see schema.h for what derives from it. Changing a declaration means a new
// schema version: add fields with `since = <new version>`, never edit a past one.
#include <algorithm>
#include <cstdlib>

#include "fieldbook/core/schema.h"

// The labels are English source texts, translated by the app in context "Schema"; lupdate reads
// them from this file (qml/CMakeLists.txt lists it) by this macro's name. Core has no Qt.
#define QT_TRANSLATE_NOOP(context, text) text

namespace fb::schema {
namespace {

using enum FieldType;

// Dates are stored as YYYY-MM-DD, so they compare as text.
bool agreementEndsAfterStart(const Fields& record)
{
    const std::string start = fieldText(record, "agreement_start");
    const std::string end = fieldText(record, "agreement_end");
    return start.empty() || end.empty() || end >= start;
}

bool notSelfReferral(const Fields& record)
{
    const std::string referred = fieldText(record, "referred_account_id");
    return referred.empty() || referred != fieldText(record, "referrer_account_id");
}

// Schema history:
//   1  device bookkeeping and the outbox
//   2  the archive: account, key_person, role_change, referral
//   3  annual agreement on accounts; the search index and pinyin sort keys
//   4  sync bookkeeping (sync_state, sync_rejected)
//   5  reference data and owned records: gift_item and tier_policy (global scope),
//      stock_movement (owner scope, a ledger checked by the server rule stock_balance)
//   6  the account's location (the geopoint type), recorded from the phone's position
//   7  who owns each account and the viewer's team by name, in pull replies (not records);
//      account.assigned_rep retired: the server's account owner decides, a device no longer
//      writes or shows it (kept on the wire while schema-6 devices may still send it);
//      attachment (photos, the photo type), the storefront photo of an account;
//      appointment and appointment_change (phone appointments and their history)
// (The device's storage steps, counted by fb::storageVersion(), are not this number: steps
// 5-8 changed local storage only. Only a change of what is synced bumps it; the entity
// tables of a new version need no storage step, see migrations.cpp.)
constexpr int kCurrentVersion = 7;

std::vector<Entity>& registry()
{
    static std::vector<Entity>
        list =
            {
                Entity{
                    .name = "account",
                    .label = QT_TRANSLATE_NOOP("Schema", "Account"),

                    .pluralLabel = QT_TRANSLATE_NOOP("Schema", "Accounts"),
                    .merge = MergePolicy::Lww,
                    .scope = ScopeKind::AccountRoot,
                    .since = 2,
                    .fields =
                        {
                            {.name = "name",
                             .label = QT_TRANSLATE_NOOP("Schema", "Account name"),
                             .type = Text,
                             .required = true,
                             .maxLength = 100,
                             .since = 2},
                            {.name = "industry",
                             .label = QT_TRANSLATE_NOOP("Schema", "Industry"),
                             .type = Text,
                             .maxLength = 40,
                             .since = 2},
                            {.name = "scale",
                             .label = QT_TRANSLATE_NOOP("Schema", "Scale"),
                             .type = Enum,
                             .values = {"micro", "small", "medium", "large", "enterprise"},
                             .valueLabels = {QT_TRANSLATE_NOOP("Schema", "Micro"),
                                             QT_TRANSLATE_NOOP("Schema", "Small"),
                                             QT_TRANSLATE_NOOP("Schema", "Medium-sized"),
                                             QT_TRANSLATE_NOOP("Schema", "Large"),
                                             QT_TRANSLATE_NOOP("Schema", "Enterprise group")},
                             .since = 2},
                            {.name = "region",
                             .label = QT_TRANSLATE_NOOP("Schema", "Region"),
                             .type = Text,
                             .maxLength = 40,
                             .since = 2},
                            {.name = "address",
                             .label = QT_TRANSLATE_NOOP("Schema", "Address"),
                             .type = Text,
                             .maxLength = 200,
                             .since = 2},
                            {.name = "phone",
                             .label = QT_TRANSLATE_NOOP("Schema", "Phone"),
                             .type = Phone,
                             .since = 2},
                            {.name = "location",
                             .label = QT_TRANSLATE_NOOP("Schema", "Location"),
                             .type = GeoPoint,
                             .since = 6,
                             .hint = QT_TRANSLATE_NOOP("Schema",
                                                       "Recorded from your phone's position at the account")},
                            {.name = "tier",
                             .label = QT_TRANSLATE_NOOP("Schema", "Tier"),
                             .type = Enum,
                             .required = true,
                             .values = {"KA", "A", "B", "C", "P"},
                             .valueLabels = {QT_TRANSLATE_NOOP("Schema", "KA — key account"),
                                             QT_TRANSLATE_NOOP("Schema", "A — important"),
                                             QT_TRANSLATE_NOOP("Schema", "B — ordinary"),
                                             QT_TRANSLATE_NOOP("Schema", "C — small"),
                                             QT_TRANSLATE_NOOP("Schema", "P — potential")},
                             .since = 2},
                            {.name = "stage",
                             .label = QT_TRANSLATE_NOOP("Schema", "Stage"),
                             .type = Enum,
                             .required = true,
                             .values = {"acquisition", "growth", "maturity", "decline", "exit"},
                             .valueLabels = {QT_TRANSLATE_NOOP("Schema", "Acquisition"),
                                             QT_TRANSLATE_NOOP("Schema", "Growth"),
                                             QT_TRANSLATE_NOOP("Schema", "Maturity"),
                                             QT_TRANSLATE_NOOP("Schema", "Decline"),
                                             QT_TRANSLATE_NOOP("Schema", "Exit")},
                             .since = 2},
                            {.name = "source",
                             .label = QT_TRANSLATE_NOOP("Schema", "Source"),
                             .type = Enum,
                             .values = {"acquaintance", "referral", "internal_leader", "group_buy_broker",
                                        "industry_association", "direct", "public_source"},
                             .valueLabels = {QT_TRANSLATE_NOOP("Schema", "Personal acquaintance"),
                                             QT_TRANSLATE_NOOP("Schema", "Referral"),
                                             QT_TRANSLATE_NOOP("Schema", "Introduced by our leadership"),
                                             QT_TRANSLATE_NOOP("Schema", "Group-buying broker"),
                                             QT_TRANSLATE_NOOP("Schema", "Industry association"),
                                             QT_TRANSLATE_NOOP("Schema", "Direct visit"),
                                             QT_TRANSLATE_NOOP("Schema", "Public information")},
                             .since = 2},
                            {.name = "assigned_rep",
                             .label = QT_TRANSLATE_NOOP("Schema", "Assigned rep"),
                             .type = Text,
                             .maxLength = 64,
                             .since = 2,
                             .retired = true},
                            {.name = "demand_profile",
                             .label = QT_TRANSLATE_NOOP("Schema", "Demand profile"),
                             .type = Text,
                             .maxLength = 200,
                             .since = 2},
                            {.name = "consumption_capacity",
                             .label = QT_TRANSLATE_NOOP("Schema", "Consumption capacity"),
                             .type = Enum,
                             .values = {"low", "medium", "high", "very_high"},
                             .valueLabels = {QT_TRANSLATE_NOOP("Schema", "Low"),
                                             QT_TRANSLATE_NOOP("Schema", "Medium"),
                                             QT_TRANSLATE_NOOP("Schema", "High"),
                                             QT_TRANSLATE_NOOP("Schema", "Very high")},
                             .since = 2},
                            {.name = "purchase_channel",
                             .label = QT_TRANSLATE_NOOP("Schema", "Purchase channel"),
                             .type = Text,
                             .maxLength = 100,
                             .since = 2},
                            {.name = "price_level",
                             .label = QT_TRANSLATE_NOOP("Schema", "Price level"),
                             .type = Enum,
                             .values = {"economy", "mid", "premium", "luxury"},
                             .valueLabels = {QT_TRANSLATE_NOOP("Schema", "Economy"),
                                             QT_TRANSLATE_NOOP("Schema", "Mid-range"),
                                             QT_TRANSLATE_NOOP("Schema", "Premium"),
                                             QT_TRANSLATE_NOOP("Schema", "Luxury")},
                             .since = 2},
                            {.name = "price_sensitivity",
                             .label = QT_TRANSLATE_NOOP("Schema", "Price sensitivity"),
                             .type = Enum,
                             .values = {"low", "medium", "high"},
                             .valueLabels = {QT_TRANSLATE_NOOP("Schema", "Low"),
                                             QT_TRANSLATE_NOOP("Schema", "Medium"),
                                             QT_TRANSLATE_NOOP("Schema", "High")},
                             .since = 2},
                            {.name = "competitors",
                             .label = QT_TRANSLATE_NOOP("Schema", "Competitors present"),
                             .type = Text,
                             .maxLength = 200,
                             .since = 2},
                            {.name = "social_relations",
                             .label = QT_TRANSLATE_NOOP("Schema", "Social relations"),
                             .type = LongText,
                             .maxLength = 2000,
                             .sensitive = true,
                             .since = 2},
                            {.name = "notes",
                             .label = QT_TRANSLATE_NOOP("Schema", "Notes"),
                             .type = LongText,
                             .maxLength = 4000,
                             .since = 2},
                            {.name = "custom",
                             .label = QT_TRANSLATE_NOOP("Schema", "Custom fields"),
                             .type = Json,
                             .maxLength = 8000,
                             .since = 2},
                            {.name = "exit_reason",
                             .label = QT_TRANSLATE_NOOP("Schema", "Exit reason"),
                             .type = Enum,
                             .values = {"left_voluntarily", "service_failure", "rep_mistake", "price",
                                        "inconvenience", "poor_recovery",
                                        "competitor", "ethical", "involuntary"},
                             .valueLabels = {QT_TRANSLATE_NOOP("Schema", "Left of their own accord"),
                                             QT_TRANSLATE_NOOP("Schema", "Poor service"),
                                             QT_TRANSLATE_NOOP("Schema", "Rep's mistake"),
                                             QT_TRANSLATE_NOOP("Schema", "Price"),
                                             QT_TRANSLATE_NOOP("Schema", "Inconvenient for them"),
                                             QT_TRANSLATE_NOOP("Schema", "Complaint badly handled"),
                                             QT_TRANSLATE_NOOP("Schema", "Won by a competitor"),
                                             QT_TRANSLATE_NOOP("Schema", "Ethical concerns"),
                                             QT_TRANSLATE_NOOP("Schema", "Involuntary (closed, merged)")},
                             .since = 2},
                            {.name = "archived",
                             .label = QT_TRANSLATE_NOOP("Schema", "Archived"),
                             .type = Bool,
                             .since = 2},
                            {.name = "agreement_volume",
                             .label = QT_TRANSLATE_NOOP("Schema", "Agreed volume"),
                             .type = Real,
                             .since = 3,
                             .unit = QT_TRANSLATE_NOOP("Schema", "cases")},
                            {.name = "agreement_start",
                             .label = QT_TRANSLATE_NOOP("Schema", "Agreement start"),
                             .type = Date,
                             .since = 3},
                            {.name = "agreement_end",
                             .label = QT_TRANSLATE_NOOP("Schema", "Agreement end"),
                             .type = Date,
                             .since = 3},
                        },
                    .entryRules = {{.field = "agreement_end",
                                    .message = QT_TRANSLATE_NOOP("Validation",
                                                                 "The end date is before the start date"),
                                    .holds = &agreementEndsAfterStart}},
                },
                Entity{
                    .name = "key_person",
                    .label = QT_TRANSLATE_NOOP("Schema", "Key person"),

                    .pluralLabel = QT_TRANSLATE_NOOP("Schema", "Key persons"),
                    .merge = MergePolicy::Lww,
                    .scope = ScopeKind::AccountChild,
                    .scopeField = "account_id",
                    .since = 2,
                    .fields =
                        {
                            {.name = "account_id",
                             .label = QT_TRANSLATE_NOOP("Schema", "Belongs to account"),
                             .type = Ref,
                             .required = true,
                             .refEntity = "account",
                             .since = 2},
                            {.name = "name",
                             .label = QT_TRANSLATE_NOOP("Schema", "Name"),
                             .type = Text,
                             .required = true,
                             .maxLength = 50,
                             .sensitive = true,
                             .since = 2},
                            {.name = "role",
                             .label = QT_TRANSLATE_NOOP("Schema", "Role"),
                             .type = Enum,
                             .required = true,
                             .values = {"head", "decision_maker", "handler", "other"},
                             .valueLabels = {QT_TRANSLATE_NOOP("Schema", "Head of unit"),
                                             QT_TRANSLATE_NOOP("Schema", "Purchasing decision-maker"),
                                             QT_TRANSLATE_NOOP("Schema", "Handler"),
                                             QT_TRANSLATE_NOOP("Schema", "Other")},
                             .since = 2},
                            {.name = "title",
                             .label = QT_TRANSLATE_NOOP("Schema", "Title"),
                             .type = Text,
                             .maxLength = 50,
                             .since = 2},
                            {.name = "phone",
                             .label = QT_TRANSLATE_NOOP("Schema", "Phone"),
                             .type = Phone,
                             .sensitive = true,
                             .since = 2},
                            {.name = "birthday",
                             .label = QT_TRANSLATE_NOOP("Schema", "Birthday"),
                             .type = Date,
                             .sensitive = true,
                             .since = 2},
                            {.name = "anniversaries",
                             .label = QT_TRANSLATE_NOOP("Schema", "Important anniversaries"),
                             .type = LongText,
                             .maxLength = 500,
                             .sensitive = true,
                             .since = 2},
                            {.name = "hobbies",
                             .label = QT_TRANSLATE_NOOP("Schema", "Hobbies and interests"),
                             .type = Text,
                             .maxLength = 200,
                             .since = 2},
                            {.name = "taboos",
                             .label = QT_TRANSLATE_NOOP("Schema", "Taboos"),
                             .type = Text,
                             .maxLength = 200,
                             .since = 2},
                            {.name = "family",
                             .label = QT_TRANSLATE_NOOP("Schema", "Family"),
                             .type = Text,
                             .maxLength = 200,
                             .sensitive = true,
                             .since = 2},
                            {.name = "education",
                             .label = QT_TRANSLATE_NOOP("Schema", "Education"),
                             .type = Text,
                             .maxLength = 100,
                             .since = 2},
                            {.name = "age",
                             .label = QT_TRANSLATE_NOOP("Schema", "Age"),
                             .type = Integer,
                             .since = 2,
                             .minValue = 16,
                             .maxValue = 100},
                            {.name = "native_place",
                             .label = QT_TRANSLATE_NOOP("Schema", "Native place"),
                             .type = Text,
                             .maxLength = 50,
                             .since = 2},
                            {.name = "personality",
                             .label = QT_TRANSLATE_NOOP("Schema", "Personality"),
                             .type = Text,
                             .maxLength = 200,
                             .since = 2},
                            {.name = "temperament",
                             .label = QT_TRANSLATE_NOOP("Schema", "Temperament type"),
                             .type = Enum,
                             .values = {"conceited", "cautious", "talkative", "silent", "picky", "impatient",
                                        "negative", "suspicious", "stubborn", "hostile", "impulsive",
                                        "shrewd"},
                             .valueLabels = {QT_TRANSLATE_NOOP("Schema", "Conceited"),
                                             QT_TRANSLATE_NOOP("Schema", "Cautious"),
                                             QT_TRANSLATE_NOOP("Schema", "Talkative"),
                                             QT_TRANSLATE_NOOP("Schema", "Silent"),
                                             QT_TRANSLATE_NOOP("Schema", "Picky"),
                                             QT_TRANSLATE_NOOP("Schema", "Impatient"),
                                             QT_TRANSLATE_NOOP("Schema", "Negative"),
                                             QT_TRANSLATE_NOOP("Schema", "Suspicious"),
                                             QT_TRANSLATE_NOOP("Schema", "Stubborn"),
                                             QT_TRANSLATE_NOOP("Schema", "Hostile"),
                                             QT_TRANSLATE_NOOP("Schema", "Impulsive"),
                                             QT_TRANSLATE_NOOP("Schema", "Shrewd")},
                             .since = 2},
                            {.name = "work_style",
                             .label = QT_TRANSLATE_NOOP("Schema", "Work style"),
                             .type = Text,
                             .maxLength = 200,
                             .since = 2},
                            {.name = "attitude",
                             .label = QT_TRANSLATE_NOOP("Schema", "Attitude towards us"),
                             .type = Enum,
                             .values = {"supportive", "neutral", "skeptical", "opposed"},
                             .valueLabels = {QT_TRANSLATE_NOOP("Schema", "Supportive"),
                                             QT_TRANSLATE_NOOP("Schema", "Neutral"),
                                             QT_TRANSLATE_NOOP("Schema", "Skeptical"),
                                             QT_TRANSLATE_NOOP("Schema", "Opposed")},
                             .since = 2},
                            {.name = "notes",
                             .label = QT_TRANSLATE_NOOP("Schema", "Notes"),
                             .type = LongText,
                             .maxLength = 4000,
                             .since = 2},
                            {.name = "archived",
                             .label = QT_TRANSLATE_NOOP("Schema", "Archived"),
                             .type = Bool,
                             .since = 2},
                        },
                },
                Entity{
                    .name = "role_change",
                    .label = QT_TRANSLATE_NOOP("Schema", "Role change"),

                    .pluralLabel = QT_TRANSLATE_NOOP("Schema", "Role changes"),
                    .merge = MergePolicy::AppendOnly,
                    .scope = ScopeKind::AccountChild,
                    .scopeField = "account_id",
                    .since = 2,
                    .fields =
                        {
                            {.name = "account_id",
                             .label = QT_TRANSLATE_NOOP("Schema", "Belongs to account"),
                             .type = Ref,
                             .required = true,
                             .refEntity = "account",
                             .since = 2},
                            {.name = "role",
                             .label = QT_TRANSLATE_NOOP("Schema", "Position"),
                             .type = Enum,
                             .required = true,
                             .values = {"head", "decision_maker", "handler"},
                             .valueLabels = {QT_TRANSLATE_NOOP("Schema", "Head of unit"),
                                             QT_TRANSLATE_NOOP("Schema", "Purchasing decision-maker"),
                                             QT_TRANSLATE_NOOP("Schema", "Handler")},
                             .since = 2},
                            // empty: the role fell vacant
                            {.name = "person_id",
                             .label = QT_TRANSLATE_NOOP("Schema", "New holder"),
                             .type = Ref,
                             .refEntity = "key_person",
                             .since = 2},
                            {.name = "effective_date",
                             .label = QT_TRANSLATE_NOOP("Schema", "Effective date"),
                             .type = Date,
                             .required = true,
                             .since = 2},
                            {.name = "note",
                             .label = QT_TRANSLATE_NOOP("Schema", "Note"),
                             .type = Text,
                             .maxLength = 200,
                             .since = 2},
                        },
                },
                Entity{
                    .name = "referral",
                    .label = QT_TRANSLATE_NOOP("Schema", "Referral"),

                    .pluralLabel = QT_TRANSLATE_NOOP("Schema", "Referrals"),
                    .merge = MergePolicy::AppendOnly,
                    .scope = ScopeKind::AccountChild,
                    .scopeField = "referred_account_id",
                    .since = 2,
                    .fields =
                        {
                            {.name = "referrer_account_id",
                             .label = QT_TRANSLATE_NOOP("Schema", "Referred by"),
                             .type = Ref,
                             .required = true,
                             .refEntity = "account",
                             .since = 2},
                            {.name = "referrer_person_id",
                             .label = QT_TRANSLATE_NOOP("Schema", "Referring person"),
                             .type = Ref,
                             .refEntity = "key_person",
                             .since = 2},
                            {.name = "referred_account_id",
                             .label = QT_TRANSLATE_NOOP("Schema", "Referred account"),
                             .type = Ref,
                             .required = true,
                             .refEntity = "account",
                             .since = 2},
                            {.name = "referral_date",
                             .label = QT_TRANSLATE_NOOP("Schema", "Referral date"),
                             .type = Date,
                             .required = true,
                             .since = 2},
                            {.name = "note",
                             .label = QT_TRANSLATE_NOOP("Schema", "Note"),
                             .type = Text,
                             .maxLength = 200,
                             .since = 2},
                        },
                    .entryRules = {{.field = "referred_account_id",
                                    .message =
                                        QT_TRANSLATE_NOOP("Validation", "An account cannot refer itself"),
                                    .holds = &notSelfReferral}},
                },
                // A phone appointment (电话预约, domain §3 step 1): who, when, for how long, what
                // for, where. Rescheduling and cancelling change it; what it was and why is
                // kept in appointment_change.
                Entity{
                    .name = "appointment",
                    .label = QT_TRANSLATE_NOOP("Schema", "Appointment"),
                    .pluralLabel = QT_TRANSLATE_NOOP("Schema", "Appointments"),
                    .merge = MergePolicy::Lww,
                    .scope = ScopeKind::AccountChild,
                    .scopeField = "account_id",
                    .since = 7,
                    .fields =
                        {
                            {.name = "account_id",
                             .label = QT_TRANSLATE_NOOP("Schema", "Belongs to account"),
                             .type = Ref,
                             .required = true,
                             .refEntity = "account",
                             .since = 7},
                            {.name = "key_person_id",
                             .label = QT_TRANSLATE_NOOP("Schema", "With"),
                             .type = Ref,
                             .refEntity = "key_person",
                             .since = 7},
                            {.name = "rep_id",
                             .label = QT_TRANSLATE_NOOP("Schema", "Account manager"),
                             .type = Text,
                             .required = true,
                             .maxLength = 64,
                             .since = 7},
                            {.name = "starts_at",
                             .label = QT_TRANSLATE_NOOP("Schema", "When"),
                             .type = DateTime,
                             .required = true,
                             .since = 7},
                            {.name = "minutes",
                             .label = QT_TRANSLATE_NOOP("Schema", "Expected length"),
                             .type = Integer,
                             .required = true,
                             .since = 7,
                             .minValue = 5,
                             .maxValue = 600,
                             .unit = QT_TRANSLATE_NOOP("Schema", "minutes")},
                            {.name = "purpose",
                             .label = QT_TRANSLATE_NOOP("Schema", "Purpose"),
                             .type = Enum,
                             .required = true,
                             .values = {"first_visit", "return_visit", "delivery", "event_invitation",
                                        "gift_delivery", "complaint_handling", "other"},
                             .valueLabels = {QT_TRANSLATE_NOOP("Schema", "First visit"),
                                             QT_TRANSLATE_NOOP("Schema", "Return visit"),
                                             QT_TRANSLATE_NOOP("Schema", "Delivery"),
                                             QT_TRANSLATE_NOOP("Schema", "Event invitation"),
                                             QT_TRANSLATE_NOOP("Schema", "Gift delivery"),
                                             QT_TRANSLATE_NOOP("Schema", "Complaint handling"),
                                             QT_TRANSLATE_NOOP("Schema", "Other")},
                             .since = 7},
                            {.name = "place",
                             .label = QT_TRANSLATE_NOOP("Schema", "Place"),
                             .type = Text,
                             .maxLength = 200,
                             .since = 7},
                            {.name = "notes",
                             .label = QT_TRANSLATE_NOOP("Schema", "Notes"),
                             .type = LongText,
                             .maxLength = 1000,
                             .since = 7},
                            {.name = "status",
                             .label = QT_TRANSLATE_NOOP("Schema", "Status"),
                             .type = Enum,
                             .required = true,
                             .values = {"planned", "cancelled", "done"},
                             .valueLabels = {QT_TRANSLATE_NOOP("Schema", "Planned"),
                                             QT_TRANSLATE_NOOP("Schema", "Cancelled"),
                                             QT_TRANSLATE_NOOP("Schema", "Done")},
                             .since = 7},
                        },
                },
                // What happened to an appointment: moved (from when to when) or cancelled, and
                // why. Written once.
                Entity{
                    .name = "appointment_change",
                    .label = QT_TRANSLATE_NOOP("Schema", "Appointment change"),
                    .pluralLabel = QT_TRANSLATE_NOOP("Schema", "Appointment changes"),
                    .merge = MergePolicy::AppendOnly,
                    .scope = ScopeKind::AccountChild,
                    .scopeField = "account_id",
                    .since = 7,
                    .fields =
                        {
                            {.name = "account_id",
                             .label = QT_TRANSLATE_NOOP("Schema", "Belongs to account"),
                             .type = Ref,
                             .required = true,
                             .refEntity = "account",
                             .since = 7},
                            {.name = "appointment_id",
                             .label = QT_TRANSLATE_NOOP("Schema", "Appointment"),
                             .type = Ref,
                             .required = true,
                             .refEntity = "appointment",
                             .since = 7},
                            {.name = "kind",
                             .label = QT_TRANSLATE_NOOP("Schema", "Change"),
                             .type = Enum,
                             .required = true,
                             .values = {"rescheduled", "cancelled"},
                             .valueLabels = {QT_TRANSLATE_NOOP("Schema", "Rescheduled"),
                                             QT_TRANSLATE_NOOP("Schema", "Cancelled")},
                             .since = 7},
                            {.name = "from_at",
                             .label = QT_TRANSLATE_NOOP("Schema", "Was"),
                             .type = DateTime,
                             .since = 7},
                            {.name = "to_at",
                             .label = QT_TRANSLATE_NOOP("Schema", "Now"),
                             .type = DateTime,
                             .since = 7},
                            {.name = "reason",
                             .label = QT_TRANSLATE_NOOP("Schema", "Reason"),
                             .type = Text,
                             .required = true,
                             .maxLength = 200,
                             .since = 7},
                            {.name = "changed_at",
                             .label = QT_TRANSLATE_NOOP("Schema", "Changed"),
                             .type = DateTime,
                             .required = true,
                             .since = 7},
                        },
                },
                // Photos of an account (the storefront; the visit issue adds a signed
                // agreement's and check-in's). A photo is taken once: a newer one of the same
                // purpose is shown instead, the older stays in the history.
                Entity{
                    .name = "attachment",
                    .label = QT_TRANSLATE_NOOP("Schema", "Photo"),
                    .pluralLabel = QT_TRANSLATE_NOOP("Schema", "Photos"),
                    .merge = MergePolicy::AppendOnly,
                    .scope = ScopeKind::AccountChild,
                    .scopeField = "account_id",
                    .since = 7,
                    .fields =
                        {
                            {.name = "account_id",
                             .label = QT_TRANSLATE_NOOP("Schema", "Belongs to account"),
                             .type = Ref,
                             .required = true,
                             .refEntity = "account",
                             .since = 7},
                            {.name = "purpose",
                             .label = QT_TRANSLATE_NOOP("Schema", "What it shows"),
                             .type = Enum,
                             .required = true,
                             .values = {"storefront", "agreement", "other"},
                             .valueLabels = {QT_TRANSLATE_NOOP("Schema", "Storefront"),
                                             QT_TRANSLATE_NOOP("Schema", "Signed agreement"),
                                             QT_TRANSLATE_NOOP("Schema", "Other")},
                             .since = 7},
                            {.name = "photo",
                             .label = QT_TRANSLATE_NOOP("Schema", "Photo"),
                             .type = Photo,
                             .required = true,
                             .since = 7},
                            {.name = "taken_at",
                             .label = QT_TRANSLATE_NOOP("Schema", "Taken"),
                             .type = DateTime,
                             .required = true,
                             .since = 7},
                            {.name = "note",
                             .label = QT_TRANSLATE_NOOP("Schema", "Note"),
                             .type = Text,
                             .maxLength = 200,
                             .since = 7},
                        },
                },
                Entity{
                    // The gift and sample catalogue (赠品, 品吸): reference data the admin imports
                    // (fieldbook-server admin catalogue import FILE.csv), keyed by its code.
                    .name = "gift_item",
                    .label = QT_TRANSLATE_NOOP("Schema", "Gift or sample"),

                    .pluralLabel = QT_TRANSLATE_NOOP("Schema", "Gifts and samples"),
                    .merge = MergePolicy::Lww,
                    .scope = ScopeKind::Global,
                    .since = 5,
                    .fields =
                        {
                            {.name = "code",
                             .label = QT_TRANSLATE_NOOP("Schema", "Code"),
                             .type = Text,
                             .required = true,
                             .maxLength = 32,
                             .since = 5},
                            {.name = "name",
                             .label = QT_TRANSLATE_NOOP("Schema", "Name"),
                             .type = Text,
                             .required = true,
                             .maxLength = 60,
                             .since = 5},
                            {.name = "category",
                             .label = QT_TRANSLATE_NOOP("Schema", "Category"),
                             .type = Enum,
                             .required = true,
                             .values = {"gift", "sample", "material"},
                             .valueLabels = {QT_TRANSLATE_NOOP("Schema", "Gift"),
                                             QT_TRANSLATE_NOOP("Schema", "Sample"),
                                             QT_TRANSLATE_NOOP("Schema", "Printed material")},
                             .since = 5},
                            {.name = "unit",
                             .label = QT_TRANSLATE_NOOP("Schema", "Unit"),
                             .type = Text,
                             .required = true,
                             .maxLength = 10,
                             .since = 5},
                            {.name = "unit_value",
                             .label = QT_TRANSLATE_NOOP("Schema", "Unit value"),
                             .type = Money,
                             .since = 5,
                             .minValue = 0},
                            {.name = "active",
                             .label = QT_TRANSLATE_NOOP("Schema", "In use"),
                             .type = Bool,
                             .since = 5},
                            {.name = "note",
                             .label = QT_TRANSLATE_NOOP("Schema", "Note"),
                             .type = Text,
                             .maxLength = 200,
                             .since = 5},
                        },
                },
                Entity{
                    // The contact cadence per tier (domain §4): at least `min_count` and at most
                    // `max_count` of an activity per period. Set by the admin (admin policy set).
                    .name = "tier_policy",
                    .label = QT_TRANSLATE_NOOP("Schema", "Contact cadence"),

                    .pluralLabel = QT_TRANSLATE_NOOP("Schema", "Contact cadences"),
                    .merge = MergePolicy::Lww,
                    .scope = ScopeKind::Global,
                    .since = 5,
                    .fields =
                        {
                            {.name = "tier",
                             .label = QT_TRANSLATE_NOOP("Schema", "Tier"),
                             .type = Enum,
                             .required = true,
                             .values = {"KA", "A", "B", "C", "P"},
                             .valueLabels = {QT_TRANSLATE_NOOP("Schema", "KA — key account"),
                                             QT_TRANSLATE_NOOP("Schema", "A — important"),
                                             QT_TRANSLATE_NOOP("Schema", "B — ordinary"),
                                             QT_TRANSLATE_NOOP("Schema", "C — small"),
                                             QT_TRANSLATE_NOOP("Schema", "P — potential")},
                             .since = 5},
                            {.name = "activity",
                             .label = QT_TRANSLATE_NOOP("Schema", "Activity"),
                             .type = Enum,
                             .required = true,
                             .values = {"face_visit", "phone_callback", "materials_mailing", "sample_mailing",
                                        "event", "club_meeting", "points_redemption"},
                             .valueLabels = {QT_TRANSLATE_NOOP("Schema", "Face visit"),
                                             QT_TRANSLATE_NOOP("Schema", "Phone callback"),
                                             QT_TRANSLATE_NOOP("Schema", "Materials mailing"),
                                             QT_TRANSLATE_NOOP("Schema", "Sample mailing"),
                                             QT_TRANSLATE_NOOP("Schema", "Event"),
                                             QT_TRANSLATE_NOOP("Schema", "Club meeting"),
                                             QT_TRANSLATE_NOOP("Schema", "Points redemption")},
                             .since = 5},
                            {.name = "period",
                             .label = QT_TRANSLATE_NOOP("Schema", "Period"),
                             .type = Enum,
                             .required = true,
                             .values = {"month", "two_months", "quarter"},
                             .valueLabels = {QT_TRANSLATE_NOOP("Schema", "Month"),
                                             QT_TRANSLATE_NOOP("Schema", "Two months"),
                                             QT_TRANSLATE_NOOP("Schema", "Quarter")},
                             .since = 5},
                            {.name = "min_count",
                             .label = QT_TRANSLATE_NOOP("Schema", "At least"),
                             .type = Integer,
                             .since = 5,
                             .minValue = 0,
                             .maxValue = 99},
                            {.name = "max_count",
                             .label = QT_TRANSLATE_NOOP("Schema", "At most"),
                             .type = Integer,
                             .since = 5,
                             .minValue = 0,
                             .maxValue = 99},
                        },
                },
                Entity{
                    // A rep's gift stock as a ledger: each movement adds (receipt from the
                    // warehouse, transfer in) or takes away (issue at a visit, return, transfer
                    // out); the stock of an item is the sum. Receipts are entered at the server
                    // (admin stock receive); the rule stock_balance checks each pushed movement.
                    .name = "stock_movement",
                    .label = QT_TRANSLATE_NOOP("Schema", "Stock movement"),

                    .pluralLabel = QT_TRANSLATE_NOOP("Schema", "Stock movements"),
                    .merge = MergePolicy::Ledger,
                    .scope = ScopeKind::Owner,
                    .scopeField = "owner_id",
                    .since = 5,
                    .fields =
                        {
                            {.name = "owner_id",
                             .label = QT_TRANSLATE_NOOP("Schema", "Owner"),
                             .type = Text,
                             .required = true,
                             .maxLength = 64,
                             .since = 5},
                            {.name = "item_id",
                             .label = QT_TRANSLATE_NOOP("Schema", "Item"),
                             .type = Ref,
                             .required = true,
                             .refEntity = "gift_item",
                             .since = 5},
                            {.name = "kind",
                             .label = QT_TRANSLATE_NOOP("Schema", "Movement"),
                             .type = Enum,
                             .required = true,
                             .values = {"receipt", "issue", "return", "transfer_in", "transfer_out",
                                        "adjustment"},
                             .valueLabels = {QT_TRANSLATE_NOOP("Schema", "Received from the warehouse"),
                                             QT_TRANSLATE_NOOP("Schema", "Given at a visit"),
                                             QT_TRANSLATE_NOOP("Schema", "Returned to the warehouse"),
                                             QT_TRANSLATE_NOOP("Schema", "Transferred from a colleague"),
                                             QT_TRANSLATE_NOOP("Schema", "Transferred to a colleague"),
                                             QT_TRANSLATE_NOOP("Schema", "Stock count correction")},
                             .since = 5},
                            {.name = "quantity",
                             .label = QT_TRANSLATE_NOOP("Schema", "Quantity"),
                             .type = Integer,
                             .required = true,
                             .since = 5,
                             .minValue = -100000,
                             .maxValue = 100000},
                            {.name = "moved_at",
                             .label = QT_TRANSLATE_NOOP("Schema", "When"),
                             .type = DateTime,
                             .required = true,
                             .since = 5},
                            {.name = "account_id",
                             .label = QT_TRANSLATE_NOOP("Schema", "Given to account"),
                             .type = Ref,
                             .refEntity = "account",
                             .since = 5},
                            {.name = "note",
                             .label = QT_TRANSLATE_NOOP("Schema", "Note"),
                             .type = Text,
                             .maxLength = 200,
                             .since = 5},
                        },
                    .serverRule = "stock_balance",
                },
            };
    // Room for test entities without moving the declared ones (pointers to them are kept).
    list.reserve(list.size() + 8);
    return list;
}

int extraVersion = 0;  // testing::ExtraEntity: the newest version an extra entity declares

}  // namespace

std::span<const Entity> entities()
{
    return registry();
}

int currentVersion()
{
    return std::max(kCurrentVersion, extraVersion);
}

bool knowsEveryRecordField(int version)
{
    for (const Entity& e : registry()) {
        if (e.since > version) return false;
        for (const Field& f : e.fields)
            if (f.since > version) return false;
    }
    return true;
}

std::vector<Entity> entitiesAt(int version)
{
    std::vector<Entity> out;
    for (const Entity& e : registry()) {
        if (e.since > version) continue;
        Entity then = e;
        std::erase_if(then.fields, [version](const Field& f) { return f.since > version; });
        out.push_back(std::move(then));
    }
    return out;
}

namespace testing {

namespace {
// The newest version an entity's declaration names (the entity's or one of its fields').
int newestOf(const Entity& e)
{
    int newest = e.since;
    for (const Field& f : e.fields)
        newest = std::max(newest, f.since);
    return newest;
}
}  // namespace

ExtraEntity::ExtraEntity(Entity entity)
{
    std::vector<Entity>& list = registry();
    if (list.size() == list.capacity()) std::abort();  // would move the declared entities
    extraVersion = std::max(extraVersion, newestOf(entity));
    list.push_back(std::move(entity));
}

ExtraEntity::~ExtraEntity()
{
    registry().pop_back();
    extraVersion = 0;
    for (std::size_t i = 0; i < registry().size(); ++i)
        if (newestOf(registry()[i]) > kCurrentVersion)
            extraVersion = std::max(extraVersion, newestOf(registry()[i]));
}

}  // namespace testing

}  // namespace fb::schema
