// See messages.h. Field, value and entity labels are the registry's label keys (declared
// with each field in core/src/schema_entities.cpp), translated in context "Schema"; nothing
// here lists fields or values.
#include "messages.h"

#include <array>

#include <QCoreApplication>
#include <QRegularExpression>

#include "fieldbook/core/temperament.h"

namespace messages {
namespace {

QString formatText(const fb::schema::Field* field)
{
    if (!field) return QCoreApplication::translate("Validation", "Not in the expected form");
    using fb::schema::FieldType;
    switch (field->type) {
    case FieldType::Phone:
        return QCoreApplication::translate(
            "Validation", "Enter a phone number of digits, e.g. 0571-88886666 or 13800138000");
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
        return QCoreApplication::translate("Validation", "Enter a number, e.g. 1200");
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
    case FieldType::GeoPoint:
        return QCoreApplication::translate("Validation", "Not a valid position");
    case FieldType::Blob:
        return QCoreApplication::translate("Validation", "Not an attachment this app made");
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
        if (field && !field->label.empty()) {
            return QCoreApplication::translate("Validation", "Please enter the %1")
                .arg(QCoreApplication::translate("Schema", std::string(field->label).c_str()).toLower());
        }
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
    case fb::ErrorCode::Rule:
        return QCoreApplication::translate("Validation", error.message.c_str());
    case fb::ErrorCode::Storage:
        break;
    }
    return QCoreApplication::translate("Validation", "Could not save on this device. Please try again");
}

namespace {

QString translated(std::string_view key, std::string_view fallback)
{
    if (key.empty()) return QString::fromUtf8(fallback.data(), qsizetype(fallback.size()));
    return QCoreApplication::translate("Schema", std::string(key).c_str());
}

}  // namespace

QString optionLabel(std::string_view entity, std::string_view field, std::string_view value, bool chinese)
{
    if (field == "temperament") {
        if (const fb::Temperament* t = fb::temperament(value)) {
            const std::string_view name = chinese ? t->nameZh : t->nameEn;
            return QString::fromUtf8(name.data(), qsizetype(name.size()));
        }
    }
    const fb::schema::Entity* e = fb::schema::entity(entity);
    const fb::schema::Field* f = e ? e->field(field) : nullptr;
    return translated(f ? fb::schema::valueLabel(*f, value) : std::string_view(), value);
}

QString fieldLabel(std::string_view entity, std::string_view field)
{
    const fb::schema::Entity* e = fb::schema::entity(entity);
    const fb::schema::Field* f = e ? e->field(field) : nullptr;
    return translated(f ? f->label : std::string_view(), field);
}

QString entityLabel(std::string_view entity, bool plural)
{
    const fb::schema::Entity* e = fb::schema::entity(entity);
    return translated(e ? (plural ? e->pluralLabel : e->label) : std::string_view(), entity);
}

QString unitLabel(std::string_view entity, std::string_view field)
{
    const fb::schema::Entity* e = fb::schema::entity(entity);
    const fb::schema::Field* f = e ? e->field(field) : nullptr;
    return f && !f->unit.empty() ? translated(f->unit, {}) : QString();
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
