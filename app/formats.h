// Values as the rep reads them, by type, in one place: dates ("2026年11月22日" / "22 Nov
// 2026", or relative — 今天, 明天, 3天后 — where that reads better), money ("¥1,299.00") and
// quantities with their unit ("1,200瓶" / "1,200 瓶"). Pages and controllers format through
// these, never by hand.
#pragma once

#include <string_view>

#include <QDate>
#include <QString>
#include <QVariant>

#include "fieldbook/core/clock.h"
#include "fieldbook/core/database.h"

namespace formats {

// The calendar day of an instant where the rep is, by the clock's own UTC offset (so tests
// on a fake clock agree with what they set).
QDate localDay(const fb::Clock& clock, qint64 ms);

// A calendar day. `relative`: today, tomorrow, yesterday and up to a week either side are
// said as such ("3天后", "in 3 days"); other days in full.
QString date(QDate day, QDate today, bool chinese, bool relative = false);
// An amount in fen, with the yuan sign, thousands grouped and two decimals.
QString money(qint64 fen);
// A stored position ("31.230416,121.473701,25"): 北纬31.2304° 东经121.4737° · 精度25米 /
// 31.2304° N, 121.4737° E · ±25 m; "" when it is not one.
QString position(const QString& stored, bool chinese);
// The next birthday of someone born on `born` (a 29 February birthday falls on 28 February in
// other years), or an invalid date when `born` is not one.
QDate nextBirthday(QDate born, QDate today);
// A count with its unit (a catalogue unit such as 瓶 or 盒), thousands grouped.
QString quantity(qint64 count, const QString& unit, bool chinese);
// A size in bytes as a rep reads it: "850 B", "312 KB", "1.2 MB".
QString byteSize(qint64 bytes, bool chinese);
// A stored integer (as the core holds it) or 0.
qint64 toInt(const fb::Value& value);
// A number with its unit, thousands grouped, no needless decimals ("4,165箱", "12.5 cases").
QString number(double value, const QString& unit, bool chinese);

// A stored value of a declared field as the rep reads it, by the field's type: an enum's
// label, a phone read aloud, a date in full, a quantity with the field's unit, money, yes or
// no. "" for an empty value. The one place a page or a sync card turns a value into text.
QString value(std::string_view entity, std::string_view field, const QVariant& stored, bool chinese);

}  // namespace formats
