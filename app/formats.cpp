// See formats.h.
#include "formats.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

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

QString quantity(qint64 count, const QString& unit, bool chinese)
{
    const QString number = QLocale(QLocale::English).toString(count);
    if (unit.isEmpty()) return number;
    // Chinese sets a measure word right after the number; English leaves a space.
    return chinese ? number + unit : number + QLatin1Char(' ') + unit;
}

}  // namespace formats
