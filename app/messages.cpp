// See messages.h. The label table is keyed by field name and value; the values themselves
// come from the schema registry (ArchiveController::options() iterates the registry, never
// this table), so a value added to the registry shows up at once, labelled by its code
// until it gets a label here.
#include "messages.h"

#include <array>

#include <QCoreApplication>
#include <QRegularExpression>

#include "fieldbook/core/temperament.h"

namespace messages {
namespace {

struct Label {
    const char* field;
    const char* value;
    const char* text;
};

constexpr std::array kLabels = {
    Label{"tier", "KA", QT_TRANSLATE_NOOP("Options", "KA — key account")},
    Label{"tier", "A", QT_TRANSLATE_NOOP("Options", "A — important")},
    Label{"tier", "B", QT_TRANSLATE_NOOP("Options", "B — ordinary")},
    Label{"tier", "C", QT_TRANSLATE_NOOP("Options", "C — small")},
    Label{"tier", "P", QT_TRANSLATE_NOOP("Options", "P — potential")},

    Label{"stage", "acquisition", QT_TRANSLATE_NOOP("Options", "Acquisition")},
    Label{"stage", "growth", QT_TRANSLATE_NOOP("Options", "Growth")},
    Label{"stage", "maturity", QT_TRANSLATE_NOOP("Options", "Maturity")},
    Label{"stage", "decline", QT_TRANSLATE_NOOP("Options", "Decline")},
    Label{"stage", "exit", QT_TRANSLATE_NOOP("Options", "Exit")},

    Label{"scale", "micro", QT_TRANSLATE_NOOP("Options", "Micro")},
    Label{"scale", "small", QT_TRANSLATE_NOOP("Options", "Small")},
    Label{"scale", "medium", QT_TRANSLATE_NOOP("Options", "Medium-sized")},
    Label{"scale", "large", QT_TRANSLATE_NOOP("Options", "Large")},
    Label{"scale", "enterprise", QT_TRANSLATE_NOOP("Options", "Enterprise group")},

    Label{"source", "acquaintance", QT_TRANSLATE_NOOP("Options", "Personal acquaintance")},
    Label{"source", "referral", QT_TRANSLATE_NOOP("Options", "Referral")},
    Label{"source", "internal_leader", QT_TRANSLATE_NOOP("Options", "Introduced by our leadership")},
    Label{"source", "group_buy_broker", QT_TRANSLATE_NOOP("Options", "Group-buying broker")},
    Label{"source", "industry_association", QT_TRANSLATE_NOOP("Options", "Industry association")},
    Label{"source", "direct", QT_TRANSLATE_NOOP("Options", "Direct visit")},
    Label{"source", "public_source", QT_TRANSLATE_NOOP("Options", "Public information")},

    Label{"consumption_capacity", "low", QT_TRANSLATE_NOOP("Options", "Low")},
    Label{"consumption_capacity", "medium", QT_TRANSLATE_NOOP("Options", "Medium")},
    Label{"consumption_capacity", "high", QT_TRANSLATE_NOOP("Options", "High")},
    Label{"consumption_capacity", "very_high", QT_TRANSLATE_NOOP("Options", "Very high")},

    Label{"price_level", "economy", QT_TRANSLATE_NOOP("Options", "Economy")},
    Label{"price_level", "mid", QT_TRANSLATE_NOOP("Options", "Mid-range")},
    Label{"price_level", "premium", QT_TRANSLATE_NOOP("Options", "Premium")},
    Label{"price_level", "luxury", QT_TRANSLATE_NOOP("Options", "Luxury")},

    Label{"price_sensitivity", "low", QT_TRANSLATE_NOOP("Options", "Low")},
    Label{"price_sensitivity", "medium", QT_TRANSLATE_NOOP("Options", "Medium")},
    Label{"price_sensitivity", "high", QT_TRANSLATE_NOOP("Options", "High")},

    Label{"exit_reason", "left_voluntarily", QT_TRANSLATE_NOOP("Options", "Left of their own accord")},
    Label{"exit_reason", "service_failure", QT_TRANSLATE_NOOP("Options", "Poor service")},
    Label{"exit_reason", "rep_mistake", QT_TRANSLATE_NOOP("Options", "Rep's mistake")},
    Label{"exit_reason", "price", QT_TRANSLATE_NOOP("Options", "Price")},
    Label{"exit_reason", "inconvenience", QT_TRANSLATE_NOOP("Options", "Inconvenient for them")},
    Label{"exit_reason", "poor_recovery", QT_TRANSLATE_NOOP("Options", "Complaint badly handled")},
    Label{"exit_reason", "competitor", QT_TRANSLATE_NOOP("Options", "Won by a competitor")},
    Label{"exit_reason", "ethical", QT_TRANSLATE_NOOP("Options", "Ethical concerns")},
    Label{"exit_reason", "involuntary", QT_TRANSLATE_NOOP("Options", "Involuntary (closed, merged)")},

    Label{"role", "head", QT_TRANSLATE_NOOP("Options", "Head of unit")},
    Label{"role", "decision_maker", QT_TRANSLATE_NOOP("Options", "Purchasing decision-maker")},
    Label{"role", "handler", QT_TRANSLATE_NOOP("Options", "Handler")},
    Label{"role", "other", QT_TRANSLATE_NOOP("Options", "Other")},

    Label{"attitude", "supportive", QT_TRANSLATE_NOOP("Options", "Supportive")},
    Label{"attitude", "neutral", QT_TRANSLATE_NOOP("Options", "Neutral")},
    Label{"attitude", "skeptical", QT_TRANSLATE_NOOP("Options", "Skeptical")},
    Label{"attitude", "opposed", QT_TRANSLATE_NOOP("Options", "Opposed")},

    Label{"category", "gift", QT_TRANSLATE_NOOP("Options", "Gift")},
    Label{"category", "sample", QT_TRANSLATE_NOOP("Options", "Sample")},
    Label{"category", "material", QT_TRANSLATE_NOOP("Options", "Printed material")},

    Label{"activity", "face_visit", QT_TRANSLATE_NOOP("Options", "Face visit")},
    Label{"activity", "phone_callback", QT_TRANSLATE_NOOP("Options", "Phone callback")},
    Label{"activity", "materials_mailing", QT_TRANSLATE_NOOP("Options", "Materials mailing")},
    Label{"activity", "sample_mailing", QT_TRANSLATE_NOOP("Options", "Sample mailing")},
    Label{"activity", "event", QT_TRANSLATE_NOOP("Options", "Event")},
    Label{"activity", "club_meeting", QT_TRANSLATE_NOOP("Options", "Club meeting")},
    Label{"activity", "points_redemption", QT_TRANSLATE_NOOP("Options", "Points redemption")},

    Label{"period", "month", QT_TRANSLATE_NOOP("Options", "Month")},
    Label{"period", "two_months", QT_TRANSLATE_NOOP("Options", "Two months")},
    Label{"period", "quarter", QT_TRANSLATE_NOOP("Options", "Quarter")},

    Label{"kind", "receipt", QT_TRANSLATE_NOOP("Options", "Received from the warehouse")},
    Label{"kind", "issue", QT_TRANSLATE_NOOP("Options", "Given at a visit")},
    Label{"kind", "return", QT_TRANSLATE_NOOP("Options", "Returned to the warehouse")},
    Label{"kind", "transfer_in", QT_TRANSLATE_NOOP("Options", "Transferred from a colleague")},
    Label{"kind", "transfer_out", QT_TRANSLATE_NOOP("Options", "Transferred to a colleague")},
    Label{"kind", "adjustment", QT_TRANSLATE_NOOP("Options", "Stock count correction")},
};

QString formatText(const fb::schema::Field* field)
{
    if (!field) return QCoreApplication::translate("Validation", "Not in the expected form");
    using fb::schema::FieldType;
    switch (field->type) {
    case FieldType::Phone:
        return QCoreApplication::translate("Validation", "Not a valid phone number");
    case FieldType::Date:
        return QCoreApplication::translate("Validation", "Enter a date as YYYY-MM-DD");
    case FieldType::DateTime:
        return QCoreApplication::translate("Validation", "Not a valid date and time");
    case FieldType::Integer:
        if (field->minValue != INT64_MIN && field->maxValue != INT64_MAX) {
            return QCoreApplication::translate("Validation", "Enter a whole number from %1 to %2")
                .arg(field->minValue)
                .arg(field->maxValue);
        }
        return QCoreApplication::translate("Validation", "Enter a whole number");
    case FieldType::Real:
        return QCoreApplication::translate("Validation", "Enter a number");
    case FieldType::Money:
        return QCoreApplication::translate("Validation", "Enter an amount in yuan, such as 1299.50");
    case FieldType::Bool:
        return QCoreApplication::translate("Validation", "Choose yes or no");
    case FieldType::Json:
        return QCoreApplication::translate("Validation", "The custom fields could not be read");
    case FieldType::Ref:
        return QCoreApplication::translate("Validation", "Refers to a record that does not exist");
    case FieldType::Enum:
        return QCoreApplication::translate("Validation", "Choose one of the listed values");
    case FieldType::Text:
    case FieldType::LongText:
        break;
    }
    return QCoreApplication::translate("Validation", "Not in the expected form");
}

}  // namespace

QString errorText(const fb::Error& error, std::string_view entity)
{
    const fb::schema::Entity* e = fb::schema::entity(entity);
    const fb::schema::Field* field = (e && !error.field.empty()) ? e->field(error.field) : nullptr;
    switch (error.code) {
    case fb::ErrorCode::Required:
        return QCoreApplication::translate("Validation", "Please fill this in");
    case fb::ErrorCode::TooLong: {
        const int max = field ? fb::schema::effectiveMaxLength(*field) : 0;
        if (max > 0) {
            return QCoreApplication::translate("Validation", "Too long: at most %n characters", nullptr, max);
        }
        return QCoreApplication::translate("Validation", "Too long");
    }
    case fb::ErrorCode::BadFormat:
        return formatText(field);
    case fb::ErrorCode::BadEnum:
        return QCoreApplication::translate("Validation", "Choose one of the listed values");
    case fb::ErrorCode::OutOfRange:
        if (field && field->type == fb::schema::FieldType::Date)
            return QCoreApplication::translate("Validation", "The date cannot be later than today");
        if (field && field->type == fb::schema::FieldType::Real)
            return QCoreApplication::translate("Validation", "Enter a number of at least 0");
        return formatText(field);
    case fb::ErrorCode::Duplicate:
        return QCoreApplication::translate("Validation", "This is already recorded");
    case fb::ErrorCode::UnknownField:
        return QCoreApplication::translate("Validation",
                                           "This field is not known to this version of the app");
    case fb::ErrorCode::NotFound:
        return QCoreApplication::translate("Validation",
                                           "The record was not found; it may have been removed");
    case fb::ErrorCode::Conflict:
        return QCoreApplication::translate("Validation", "This contradicts what is already recorded");
    case fb::ErrorCode::ReadOnly:
        return QCoreApplication::translate("Validation", "This record can no longer be changed");
    case fb::ErrorCode::Storage:
        break;
    }
    return QCoreApplication::translate("Validation", "Could not save on this device. Please try again");
}

QString optionLabel(std::string_view field, std::string_view value, bool chinese)
{
    if (field == "temperament") {
        if (const fb::Temperament* t = fb::temperament(value)) {
            const std::string_view name = chinese ? t->nameZh : t->nameEn;
            return QString::fromUtf8(name.data(), qsizetype(name.size()));
        }
    }
    for (const Label& label : kLabels) {
        if (field == label.field && value == label.value) {
            return QCoreApplication::translate("Options", label.text);
        }
    }
    return QString::fromUtf8(value.data(), qsizetype(value.size()));
}

namespace {

struct FieldName {
    const char* context;  // AccountField or KeyPersonField
    const char* field;
    const char* text;
};

// The forms' labels (AccountEditPage, KeyPersonEditPage) for the fields a rep edits.
constexpr std::array kFieldNames = {
    FieldName{"AccountField", "name", QT_TRANSLATE_NOOP("AccountField", "Account name")},
    FieldName{"AccountField", "industry", QT_TRANSLATE_NOOP("AccountField", "Industry")},
    FieldName{"AccountField", "scale", QT_TRANSLATE_NOOP("AccountField", "Scale")},
    FieldName{"AccountField", "region", QT_TRANSLATE_NOOP("AccountField", "Region")},
    FieldName{"AccountField", "address", QT_TRANSLATE_NOOP("AccountField", "Address")},
    FieldName{"AccountField", "phone", QT_TRANSLATE_NOOP("AccountField", "Phone")},
    FieldName{"AccountField", "tier", QT_TRANSLATE_NOOP("AccountField", "Tier")},
    FieldName{"AccountField", "stage", QT_TRANSLATE_NOOP("AccountField", "Stage")},
    FieldName{"AccountField", "source", QT_TRANSLATE_NOOP("AccountField", "Source")},
    FieldName{"AccountField", "assigned_rep", QT_TRANSLATE_NOOP("AccountField", "Assigned rep")},
    FieldName{"AccountField", "demand_profile", QT_TRANSLATE_NOOP("AccountField", "Demand profile")},
    FieldName{"AccountField", "consumption_capacity",
              QT_TRANSLATE_NOOP("AccountField", "Consumption capacity")},
    FieldName{"AccountField", "purchase_channel", QT_TRANSLATE_NOOP("AccountField", "Purchase channel")},
    FieldName{"AccountField", "price_level", QT_TRANSLATE_NOOP("AccountField", "Price level")},
    FieldName{"AccountField", "price_sensitivity", QT_TRANSLATE_NOOP("AccountField", "Price sensitivity")},
    FieldName{"AccountField", "competitors", QT_TRANSLATE_NOOP("AccountField", "Competitors present")},
    FieldName{"AccountField", "social_relations", QT_TRANSLATE_NOOP("AccountField", "Social relations")},
    FieldName{"AccountField", "notes", QT_TRANSLATE_NOOP("AccountField", "Notes")},
    FieldName{"AccountField", "custom", QT_TRANSLATE_NOOP("AccountField", "Custom fields")},
    FieldName{"AccountField", "exit_reason", QT_TRANSLATE_NOOP("AccountField", "Exit reason")},
    FieldName{"AccountField", "archived", QT_TRANSLATE_NOOP("AccountField", "Archived")},
    FieldName{"AccountField", "agreement_volume", QT_TRANSLATE_NOOP("AccountField", "Agreed volume")},
    FieldName{"AccountField", "agreement_start", QT_TRANSLATE_NOOP("AccountField", "Agreement start")},
    FieldName{"AccountField", "agreement_end", QT_TRANSLATE_NOOP("AccountField", "Agreement end")},

    FieldName{"KeyPersonField", "account_id", QT_TRANSLATE_NOOP("KeyPersonField", "Account")},
    FieldName{"KeyPersonField", "name", QT_TRANSLATE_NOOP("KeyPersonField", "Name")},
    FieldName{"KeyPersonField", "role", QT_TRANSLATE_NOOP("KeyPersonField", "Role")},
    FieldName{"KeyPersonField", "title", QT_TRANSLATE_NOOP("KeyPersonField", "Title")},
    FieldName{"KeyPersonField", "phone", QT_TRANSLATE_NOOP("KeyPersonField", "Phone")},
    FieldName{"KeyPersonField", "birthday", QT_TRANSLATE_NOOP("KeyPersonField", "Birthday")},
    FieldName{"KeyPersonField", "anniversaries",
              QT_TRANSLATE_NOOP("KeyPersonField", "Important anniversaries")},
    FieldName{"KeyPersonField", "hobbies", QT_TRANSLATE_NOOP("KeyPersonField", "Hobbies and interests")},
    FieldName{"KeyPersonField", "taboos", QT_TRANSLATE_NOOP("KeyPersonField", "Taboos")},
    FieldName{"KeyPersonField", "family", QT_TRANSLATE_NOOP("KeyPersonField", "Family")},
    FieldName{"KeyPersonField", "education", QT_TRANSLATE_NOOP("KeyPersonField", "Education")},
    FieldName{"KeyPersonField", "age", QT_TRANSLATE_NOOP("KeyPersonField", "Age")},
    FieldName{"KeyPersonField", "native_place", QT_TRANSLATE_NOOP("KeyPersonField", "Native place")},
    FieldName{"KeyPersonField", "personality", QT_TRANSLATE_NOOP("KeyPersonField", "Personality")},
    FieldName{"KeyPersonField", "temperament", QT_TRANSLATE_NOOP("KeyPersonField", "Temperament type")},
    FieldName{"KeyPersonField", "work_style", QT_TRANSLATE_NOOP("KeyPersonField", "Work style")},
    FieldName{"KeyPersonField", "attitude", QT_TRANSLATE_NOOP("KeyPersonField", "Attitude towards us")},
    FieldName{"KeyPersonField", "notes", QT_TRANSLATE_NOOP("KeyPersonField", "Notes")},
    FieldName{"KeyPersonField", "archived", QT_TRANSLATE_NOOP("KeyPersonField", "Archived")},
};

}  // namespace

QString fieldLabel(std::string_view entity, std::string_view field)
{
    const std::string_view context = entity == "key_person" ? "KeyPersonField" : "AccountField";
    for (const FieldName& name : kFieldNames) {
        if (context == name.context && field == name.field)
            return QCoreApplication::translate(name.context, name.text);
    }
    return QString::fromUtf8(field.data(), qsizetype(field.size()));
}

QString phoneText(const QString& digits)
{
    static const QRegularExpression mobile(QStringLiteral("^1\\d{10}$"));
    static const QRegularExpression landline(QStringLiteral("^0\\d{9,11}$"));
    static const QRegularExpression bigCity(QStringLiteral("^0(10|2\\d)"));
    if (mobile.match(digits).hasMatch())
        return digits.left(3) + QLatin1Char(' ') + digits.mid(3, 4) + QLatin1Char(' ') + digits.mid(7);
    if (landline.match(digits).hasMatch()) {
        const qsizetype area = bigCity.match(digits).hasMatch() ? 3 : 4;
        const QString local = digits.mid(area);
        const qsizetype split = local.size() - 4;
        return digits.left(area) + QLatin1Char('-') + local.left(split) + QLatin1Char(' ') + local.mid(split);
    }
    return digits;
}

}  // namespace messages
