// CSV reading for the admin imports; see csv.h.
#include "csv.h"

namespace fb::server {

Result<std::vector<CsvRow>> parseCsv(const QString& text)
{
    std::vector<CsvRow> rows;
    CsvRow row{1, {}};
    QString cell;
    bool quoted = false;
    bool cellStarted = false;
    int line = 1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                    cell += QLatin1Char('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == QLatin1Char('\n')) ++line;
                cell += c;
            }
            continue;
        }
        if (c == QLatin1Char('"') && !cellStarted) {
            quoted = true;
            cellStarted = true;
        } else if (c == QLatin1Char(',')) {
            row.cells << cell;
            cell.clear();
            cellStarted = false;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text[i + 1] == QLatin1Char('\n')) ++i;
            row.cells << cell;
            cell.clear();
            cellStarted = false;
            if (!(row.cells.size() == 1 && row.cells.front().isEmpty())) rows.push_back(row);
            ++line;
            row = CsvRow{line, {}};
        } else {
            cell += c;
            cellStarted = true;
        }
    }
    if (quoted)
        return makeError(ErrorCode::BadFormat, "line " + std::to_string(row.line) + ": unterminated quote");
    if (cellStarted || !row.cells.isEmpty()) {
        row.cells << cell;
        rows.push_back(row);
    }
    return rows;
}

// A CSV cell as a value of the field's declared type.
Result<Value> cellValue(const schema::Field& field, const QString& cell)
{
    using schema::FieldType;
    switch (field.type) {
    case FieldType::Integer:
    case FieldType::DateTime: {
        bool ok = false;
        const qlonglong n = cell.trimmed().toLongLong(&ok);
        if (!ok)
            return makeError(ErrorCode::BadFormat, std::string(field.name) + " must be a whole number",
                             std::string(field.name));
        return Value{static_cast<std::int64_t>(n)};
    }
    case FieldType::Real: {
        bool ok = false;
        const double d = cell.trimmed().toDouble(&ok);
        if (!ok)
            return makeError(ErrorCode::BadFormat, std::string(field.name) + " must be a number",
                             std::string(field.name));
        return Value{d};
    }
    default:
        return Value{cell.toStdString()};
    }
}

}  // namespace fb::server
