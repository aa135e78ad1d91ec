// Records between QML and core: a stored value as QML binds to it, a form's value as core
// validates it, and a whole form checked the way a save checks it (every field against the
// registry, required fields, the entity's entry rules), with translated per-field messages.
// Used by the feature controllers' reads and saves and by RecordEditor's live checks, so a
// form can never check differently from the store.
#pragma once

#include <string_view>

#include <QVariant>
#include <QVariantMap>

#include "fieldbook/core/schema.h"
#include "fieldbook/core/store.h"

namespace recordvalues {

// Stored value → what QML binds to. NULL becomes an empty string (text fields), false
// (flags) or an empty map (custom fields), so bindings never see undefined.
QVariant toVariant(const fb::schema::Field& field, const fb::Value& value);

// QML value → value to validate. Text from a form arrives as strings even for numbers; a
// string that does not parse is passed on unchanged so core reports it as BadFormat. An
// empty text clears the value.
fb::Value fromVariant(const fb::schema::Field& field, const QVariant& input);

// A record as QML sees it: "id" and every declared field of `entity`.
QVariantMap toMap(std::string_view entity, const fb::Record& record);

// Keys a QML map may carry that are not fields (id, counts and names added for display).
bool isDerivedKey(const QString& key);

struct Checked {
    fb::Fields fields;   // the canonical values of the good fields
    QVariantMap errors;  // field → translated message, the first problem of each field
};
// Converts `input` per the entity's declaration and checks it as a save would: every field,
// required fields (`creating`: also those not given) and, when `whole` (the input is the
// entire record, as a form holds it), the entity's entry rules. The scope field of a child
// record is not reported when it is not given (a controller passes it separately).
// `loaded`, for an edit, is the record as it was read: a rule it already broke (text an
// older version wrote) is reported only when the edit touches the rule's field, as the store
// allows, so an old record can still be corrected elsewhere.
Checked check(std::string_view entity, const QVariantMap& input, bool creating, bool whole,
              const QVariantMap* loaded = nullptr);

}  // namespace recordvalues
