// CSV for the admin import commands (accounts, gift catalogue).
#pragma once

#include <vector>

#include <QString>
#include <QStringList>

#include "fieldbook/core/result.h"
#include "fieldbook/core/schema.h"

namespace fb::server {

// One row of RFC 4180 CSV (quoted cells may hold commas, quotes ("") and line breaks), with
// the line number it started on, for error messages.
struct CsvRow {
    int line = 0;
    QStringList cells;
};

// The rows of `text`; blank lines are skipped.
Result<std::vector<CsvRow>> parseCsv(const QString& text);
// A CSV cell as a value of the field's declared type (numbers parsed; other types as text,
// which validateField reads: "1299.50" yuan for money, "true"/"1" for a flag).
Result<Value> cellValue(const schema::Field& field, const QString& cell);

}  // namespace fb::server
