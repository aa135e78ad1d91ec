// Readable, translated text for what core reports as codes: validation errors
// (fb::Error{code, field}), and the labels the schema registry declares for entities, fields,
// enum values and units (English label keys, translated in context "Schema"; lupdate reads
// them from core/src/schema_entities.cpp). Error texts live here (context "Validation").
// Threading: any thread, but translators are installed on the UI thread.
#pragma once

#include <QString>

#include "fieldbook/core/result.h"
#include "fieldbook/core/schema.h"

namespace messages {

// What the rep should read for an error. `entity` lets field-specific wording (maximum
// length, number range, date form) come from the field's declaration.
QString errorText(const fb::Error& error, std::string_view entity);

// The label of one enum value of a field, translated to the installed language. `chinese`
// picks the language of labels that come from core's own bilingual tables (temperaments).
// Unknown values are shown as they are.
QString optionLabel(std::string_view entity, std::string_view field, std::string_view value, bool chinese);

// The label of a field of an entity ("Phone", "Tier"), translated. Unknown fields are shown
// by name.
QString fieldLabel(std::string_view entity, std::string_view field);

// What a rep calls a record of the entity ("Key person"), or several ("Key persons").
QString entityLabel(std::string_view entity, bool plural = false);

// The unit of a quantity field ("cases"), translated; "" when it has none.
QString unitLabel(std::string_view entity, std::string_view field);

// A stored phone (digits only) the way it is read aloud in China, as Labels.phone() in QML:
// mobiles 3-4-4 ("138 0013 8000"), landlines with their area code ("0571-8888 6666").
QString phoneText(const QString& digits);

}  // namespace messages
