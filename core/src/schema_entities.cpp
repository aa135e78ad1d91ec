// The declarations of every synced entity. This is the one place an entity's fields are
// listed; see schema.h for what derives from it. Changing a declaration means a new
// schema version: add fields with `since = <new version>`, never edit a past one.
#include "fieldbook/core/schema.h"

namespace fb::schema {
namespace {

using enum FieldType;

// Schema history:
//   1  device bookkeeping and the outbox
//   2  the archive: account, key_person, role_change, referral
//   3  annual agreement on accounts; the search index and pinyin sort keys
//   4  sync bookkeeping (sync_state, sync_rejected)
// (From here the device's storage steps, counted by fb::storageVersion(), go on without
// this sync schema version: 5 overridden changes kept with the rejected ones, 6 the scope
// digest kept by triggers. Only a change of what is synced bumps this number.)
constexpr int kCurrentVersion = 4;

const std::vector<Entity>& all()
{
    static const std::vector<Entity> list =
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
        };
    return list;
}

}  // namespace

std::span<const Entity> entities()
{
    return all();
}

int currentVersion()
{
    return kCurrentVersion;
}

}  // namespace fb::schema
