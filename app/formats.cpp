// See formats.h.
#include "formats.h"

#include <cmath>

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

#include "fieldbook/core/schema.h"
#include "messages.h"

namespace formats {

QDate localDay(const fb::Clock& clock, qint64 ms)
{
    const qint64 offsetMs = qint64(clock.utcOffsetMinutes(ms)) * 60'000;
    return QDateTime::fromMSecsSinceEpoch(ms + offsetMs, Qt::UTC).date();
}

QString date(QDate day, QDate today, bool chinese, bool relative)
{
    if (!day.isValid()) return {};
    if (relative && today.isValid()) {
        const qint64 days = today.daysTo(day);
        if (days == 0) return QCoreApplication::translate("Formats", "Today");
        if (days == 1) return QCoreApplication::translate("Formats", "Tomorrow");
        if (days == -1) return QCoreApplication::translate("Formats", "Yesterday");
        // (Comparisons kept out of the lines that translate: lupdate reads a '<' there as the
        // start of a template argument list and skips the call.)
        const bool withinWeekAhead = days > 1 && days <= 7;
        const bool withinWeekBefore = -days > 1 && -days <= 7;
        const int count = static_cast<int>(days > 0 ? days : -days);
        if (withinWeekAhead) return QCoreApplication::translate("Formats", "In %n day(s)", nullptr, count);
        if (withinWeekBefore) return QCoreApplication::translate("Formats", "%n day(s) ago", nullptr, count);
    }
    if (chinese) return QStringLiteral("%1年%2月%3日").arg(day.year()).arg(day.month()).arg(day.day());
    return QLocale(QLocale::English).toString(day, QStringLiteral("d MMM yyyy"));
}

QString money(qint64 fen)
{
    const QLocale grouped(QLocale::English);  // "1,299.00": the grouping China uses too
    const QString sign = fen < 0 ? QStringLiteral("-") : QString();
    const qint64 abs = fen < 0 ? -fen : fen;
    return sign + QStringLiteral("¥") + grouped.toString(abs / 100) + QLatin1Char('.') +
           QStringLiteral("%1").arg(abs % 100, 2, 10, QLatin1Char('0'));
}

QString position(const QString& stored, bool chinese)
{
    const auto p = fb::schema::parseGeoPoint(stored.toStdString());
    if (!p) return {};
    const QString lat = QString::number(std::abs(p->latitude), 'f', 4) + QChar(0x00B0);
    const QString lng = QString::number(std::abs(p->longitude), 'f', 4) + QChar(0x00B0);
    QString out;
    if (chinese) {
        out = (p->latitude < 0 ? QStringLiteral("南纬") : QStringLiteral("北纬")) + lat + QLatin1Char(' ') +
              (p->longitude < 0 ? QStringLiteral("西经") : QStringLiteral("东经")) + lng;
        if (p->accuracyM >= 0) out += QStringLiteral(" · 精度%1米").arg(p->accuracyM);
    } else {
        out = lat + (p->latitude < 0 ? QStringLiteral(" S, ") : QStringLiteral(" N, ")) + lng +
              (p->longitude < 0 ? QStringLiteral(" W") : QStringLiteral(" E"));
        if (p->accuracyM >= 0) out += QStringLiteral(" · ±%1\u00A0m").arg(p->accuracyM);
    }
    return out;
}

QDate nextBirthday(QDate born, QDate today)
{
    if (!born.isValid() || !today.isValid()) return {};
    auto inYear = [&](int year) {
        const bool leapDay = born.month() == 2 && born.day() == 29;
        return QDate(year, born.month(), leapDay && !QDate::isLeapYear(year) ? 28 : born.day());
    };
    const QDate thisYear = inYear(today.year());
    return thisYear >= today ? thisYear : inYear(today.year() + 1);
}

QString quantity(qint64 count, const QString& unit, bool chinese)
{
    QString number = QLocale(QLocale::English).toString(count);
    if (unit.isEmpty()) return number;
    // Chinese sets a measure word right after the number; English leaves a space.
    return chinese ? number + unit : number + QLatin1Char(' ') + unit;
}

QString number(double value, const QString& unit, bool chinese)
{
    const QLocale grouped(QLocale::English);
    QString n = value == static_cast<double>(static_cast<qint64>(value))
                    ? grouped.toString(static_cast<qint64>(value))
                    : grouped.toString(value, 'f', QLocale::FloatingPointShortest);
    if (unit.isEmpty()) return n;
    return chinese ? n + unit : n + QLatin1Char(' ') + unit;
}

QString byteSize(qint64 bytes, bool chinese)
{
    const QString space = chinese ? QString() : QStringLiteral(" ");
    if (bytes < 1024) return QString::number(bytes) + space + QStringLiteral("B");
    if (bytes < qint64{1024} * 1024)
        return QString::number((bytes + 512) / 1024) + space + QStringLiteral("KB");
    return QString::number(static_cast<double>(bytes) / (1024.0 * 1024.0), 'f', 1) + space +
           QStringLiteral("MB");
}

qint64 toInt(const fb::Value& value)
{
    const auto* n = std::get_if<std::int64_t>(&value);
    return n ? *n : 0;
}

QString value(std::string_view entity, std::string_view field, const QVariant& stored, bool chinese)
{
    if (!stored.isValid() || stored.isNull() || stored.toString().isEmpty()) return {};
    const fb::schema::Entity* e = fb::schema::entity(entity);
    const fb::schema::Field* f = e ? e->field(field) : nullptr;
    QString text = stored.toString();
    if (!f) return text;
    using fb::schema::FieldType;
    switch (f->type) {
    case FieldType::Enum:
        return messages::optionLabel(entity, field, text.toStdString(), chinese);
    case FieldType::Phone:
        return messages::phoneText(text);
    case FieldType::Bool:
        return stored.toLongLong() != 0 ? QCoreApplication::translate("Formats", "Yes")
                                        : QCoreApplication::translate("Formats", "No");
    case FieldType::Date:
        return date(QDate::fromString(text, Qt::ISODate), {}, chinese);
    case FieldType::DateTime: {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(stored.toLongLong(), Qt::UTC).toLocalTime();
        return date(at.date(), {}, chinese) + QLatin1Char(' ') + at.toString(QStringLiteral("HH:mm"));
    }
    case FieldType::Integer:
    case FieldType::Real:
        return number(stored.toDouble(), messages::unitLabel(entity, field), chinese);
    case FieldType::Money:
        return money(stored.toLongLong());
    case FieldType::GeoPoint:
        return position(text, chinese);
    case FieldType::Blob:
        // A photo is shown as a picture; as text, it is only said that there is one.
        return text.isEmpty() ? QString() : QCoreApplication::translate("Formats", "(photo)");
    default:
        return text;
    }
}

}  // namespace formats
