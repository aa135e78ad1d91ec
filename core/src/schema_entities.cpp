// The declarations of every synced entity. This is the one place an entity's fields are
// listed; see schema.h for what derives from it. Changing a declaration means a new
// schema version: add fields with `since = <new version>`, never edit a past one.
#include <algorithm>
#include <cstdlib>

#include "fieldbook/core/schema.h"

namespace fb::schema {
namespace {

using enum FieldType;

// Schema history:
//   1  device bookkeeping and the outbox
//   2  the archive: account, key_person, role_change, referral
//   3  annual agreement on accounts; the search index and pinyin sort keys
//   4  sync bookkeeping (sync_state, sync_rejected)
//   5  reference data and owned records: gift_item and tier_policy (global scope),
//      stock_movement (owner scope, a ledger checked by the server rule stock_balance)
// (The device's storage steps, counted by fb::storageVersion(), are not this number: steps
// 5-8 changed local storage only. Only a change of what is synced bumps it; the entity
// tables of a new version need no storage step, see migrations.cpp.)
constexpr int kCurrentVersion = 5;

std::vector<Entity>& registry()
{
    static std::vector<Entity> list =
        {
            Entity{
                .name = "account",
                .merge = MergePolicy::Lww,
                .scope = ScopeKind::AccountRoot,
                .since = 2,
                .fields =
                    {
                        {.name = "name", .type = Text, .required = true, .maxLength = 100, .since = 2},
                        {.name = "industry", .type = Text, .maxLength = 40, .since = 2},
                        {.name = "scale",
                         .type = Enum,
                         .values = {"micro", "small", "medium", "large", "enterprise"},
                         .since = 2},
                        {.name = "region", .type = Text, .maxLength = 40, .since = 2},
                        {.name = "address", .type = Text, .maxLength = 200, .since = 2},
                        {.name = "phone", .type = Phone, .since = 2},
                        {.name = "tier",
                         .type = Enum,
                         .required = true,
                         .values = {"KA", "A", "B", "C", "P"},
                         .since = 2},
                        {.name = "stage",
                         .type = Enum,
                         .required = true,
                         .values = {"acquisition", "growth", "maturity", "decline", "exit"},
                         .since = 2},
                        {.name = "source",
                         .type = Enum,
                         .values = {"acquaintance", "referral", "internal_leader", "group_buy_broker",
                                    "industry_association", "direct", "public_source"},
                         .since = 2},
                        {.name = "assigned_rep", .type = Text, .maxLength = 64, .since = 2},
                        {.name = "demand_profile", .type = Text, .maxLength = 200, .since = 2},
                        {.name = "consumption_capacity",
                         .type = Enum,
                         .values = {"low", "medium", "high", "very_high"},
                         .since = 2},
                        {.name = "purchase_channel", .type = Text, .maxLength = 100, .since = 2},
                        {.name = "price_level",
                         .type = Enum,
                         .values = {"economy", "mid", "premium", "luxury"},
                         .since = 2},
                        {.name = "price_sensitivity",
                         .type = Enum,
                         .values = {"low", "medium", "high"},
                         .since = 2},
                        {.name = "competitors", .type = Text, .maxLength = 200, .since = 2},
                        {.name = "social_relations",
                         .type = LongText,
                         .maxLength = 2000,
                         .sensitive = true,
                         .since = 2},
                        {.name = "notes", .type = LongText, .maxLength = 4000, .since = 2},
                        {.name = "custom", .type = Json, .maxLength = 8000, .since = 2},
                        {.name = "exit_reason",
                         .type = Enum,
                         .values = {"left_voluntarily", "service_failure", "rep_mistake", "price",
                                    "inconvenience", "poor_recovery", "competitor", "ethical", "involuntary"},
                         .since = 2},
                        {.name = "archived", .type = Bool, .since = 2},
                        {.name = "agreement_volume", .type = Real, .since = 3},
                        {.name = "agreement_start", .type = Date, .since = 3},
                        {.name = "agreement_end", .type = Date, .since = 3},
                    },
            },
            Entity{
                .name = "key_person",
                .merge = MergePolicy::Lww,
                .scope = ScopeKind::AccountChild,
                .scopeField = "account_id",
                .since = 2,
                .fields =
                    {
                        {.name = "account_id",
                         .type = Ref,
                         .required = true,
                         .refEntity = "account",
                         .since = 2},
                        {.name = "name",
                         .type = Text,
                         .required = true,
                         .maxLength = 50,
                         .sensitive = true,
                         .since = 2},
                        {.name = "role",
                         .type = Enum,
                         .required = true,
                         .values = {"head", "decision_maker", "handler", "other"},
                         .since = 2},
                        {.name = "title", .type = Text, .maxLength = 50, .since = 2},
                        {.name = "phone", .type = Phone, .sensitive = true, .since = 2},
                        {.name = "birthday", .type = Date, .sensitive = true, .since = 2},
                        {.name = "anniversaries",
                         .type = LongText,
                         .maxLength = 500,
                         .sensitive = true,
                         .since = 2},
                        {.name = "hobbies", .type = Text, .maxLength = 200, .since = 2},
                        {.name = "taboos", .type = Text, .maxLength = 200, .since = 2},
                        {.name = "family", .type = Text, .maxLength = 200, .sensitive = true, .since = 2},
                        {.name = "education", .type = Text, .maxLength = 100, .since = 2},
                        {.name = "age", .type = Integer, .since = 2, .minValue = 16, .maxValue = 100},
                        {.name = "native_place", .type = Text, .maxLength = 50, .since = 2},
                        {.name = "personality", .type = Text, .maxLength = 200, .since = 2},
                        {.name = "temperament",
                         .type = Enum,
                         .values = {"conceited", "cautious", "talkative", "silent", "picky", "impatient",
                                    "negative", "suspicious", "stubborn", "hostile", "impulsive", "shrewd"},
                         .since = 2},
                        {.name = "work_style", .type = Text, .maxLength = 200, .since = 2},
                        {.name = "attitude",
                         .type = Enum,
                         .values = {"supportive", "neutral", "skeptical", "opposed"},
                         .since = 2},
                        {.name = "notes", .type = LongText, .maxLength = 4000, .since = 2},
                        {.name = "archived", .type = Bool, .since = 2},
                    },
            },
            Entity{
                .name = "role_change",
                .merge = MergePolicy::AppendOnly,
                .scope = ScopeKind::AccountChild,
                .scopeField = "account_id",
                .since = 2,
                .fields =
                    {
                        {.name = "account_id",
                         .type = Ref,
                         .required = true,
                         .refEntity = "account",
                         .since = 2},
                        {.name = "role",
                         .type = Enum,
                         .required = true,
                         .values = {"head", "decision_maker", "handler"},
                         .since = 2},
                        // empty: the role fell vacant
                        {.name = "person_id", .type = Ref, .refEntity = "key_person", .since = 2},
                        {.name = "effective_date", .type = Date, .required = true, .since = 2},
                        {.name = "note", .type = Text, .maxLength = 200, .since = 2},
                    },
            },
            Entity{
                .name = "referral",
                .merge = MergePolicy::AppendOnly,
                .scope = ScopeKind::AccountChild,
                .scopeField = "referred_account_id",
                .since = 2,
                .fields =
                    {
                        {.name = "referrer_account_id",
                         .type = Ref,
                         .required = true,
                         .refEntity = "account",
                         .since = 2},
                        {.name = "referrer_person_id", .type = Ref, .refEntity = "key_person", .since = 2},
                        {.name = "referred_account_id",
                         .type = Ref,
                         .required = true,
                         .refEntity = "account",
                         .since = 2},
                        {.name = "referral_date", .type = Date, .required = true, .since = 2},
                        {.name = "note", .type = Text, .maxLength = 200, .since = 2},
                    },
            },
            Entity{
                // The gift and sample catalogue (赠品, 品吸): reference data the admin imports
                // (fieldbook-server admin catalogue import FILE.csv), keyed by its code.
                .name = "gift_item",
                .merge = MergePolicy::Lww,
                .scope = ScopeKind::Global,
                .since = 5,
                .fields =
                    {
                        {.name = "code", .type = Text, .required = true, .maxLength = 32, .since = 5},
                        {.name = "name", .type = Text, .required = true, .maxLength = 60, .since = 5},
                        {.name = "category",
                         .type = Enum,
                         .required = true,
                         .values = {"gift", "sample", "material"},
                         .since = 5},
                        {.name = "unit", .type = Text, .required = true, .maxLength = 10, .since = 5},
                        {.name = "unit_value", .type = Money, .since = 5, .minValue = 0},
                        {.name = "active", .type = Bool, .since = 5},
                        {.name = "note", .type = Text, .maxLength = 200, .since = 5},
                    },
            },
            Entity{
                // The contact cadence per tier (domain §4): at least `min_count` and at most
                // `max_count` of an activity per period. Set by the admin (admin policy set).
                .name = "tier_policy",
                .merge = MergePolicy::Lww,
                .scope = ScopeKind::Global,
                .since = 5,
                .fields =
                    {
                        {.name = "tier",
                         .type = Enum,
                         .required = true,
                         .values = {"KA", "A", "B", "C", "P"},
                         .since = 5},
                        {.name = "activity",
                         .type = Enum,
                         .required = true,
                         .values = {"face_visit", "phone_callback", "materials_mailing", "sample_mailing",
                                    "event", "club_meeting", "points_redemption"},
                         .since = 5},
                        {.name = "period",
                         .type = Enum,
                         .required = true,
                         .values = {"month", "two_months", "quarter"},
                         .since = 5},
                        {.name = "min_count", .type = Integer, .since = 5, .minValue = 0, .maxValue = 99},
                        {.name = "max_count", .type = Integer, .since = 5, .minValue = 0, .maxValue = 99},
                    },
            },
            Entity{
                // A rep's gift stock as a ledger: each movement adds (receipt from the
                // warehouse, transfer in) or takes away (issue at a visit, return, transfer
                // out); the stock of an item is the sum. Receipts are entered at the server
                // (admin stock receive); the rule stock_balance checks each pushed movement.
                .name = "stock_movement",
                .merge = MergePolicy::Ledger,
                .scope = ScopeKind::Owner,
                .scopeField = "owner_id",
                .since = 5,
                .fields =
                    {
                        {.name = "owner_id", .type = Text, .required = true, .maxLength = 64, .since = 5},
                        {.name = "item_id",
                         .type = Ref,
                         .required = true,
                         .refEntity = "gift_item",
                         .since = 5},
                        {.name = "kind",
                         .type = Enum,
                         .required = true,
                         .values = {"receipt", "issue", "return", "transfer_in", "transfer_out",
                                    "adjustment"},
                         .since = 5},
                        {.name = "quantity",
                         .type = Integer,
                         .required = true,
                         .since = 5,
                         .minValue = -100000,
                         .maxValue = 100000},
                        {.name = "moved_at", .type = DateTime, .required = true, .since = 5},
                        {.name = "account_id", .type = Ref, .refEntity = "account", .since = 5},
                        {.name = "note", .type = Text, .maxLength = 200, .since = 5},
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

ExtraEntity::ExtraEntity(Entity entity)
{
    std::vector<Entity>& list = registry();
    if (list.size() == list.capacity()) std::abort();  // would move the declared entities
    extraVersion = std::max(extraVersion, entity.since);
    list.push_back(std::move(entity));
}

ExtraEntity::~ExtraEntity()
{
    registry().pop_back();
    extraVersion = 0;
    for (std::size_t i = 0; i < registry().size(); ++i)
        if (registry()[i].since > kCurrentVersion) extraVersion = std::max(extraVersion, registry()[i].since);
}

}  // namespace testing

}  // namespace fb::schema
