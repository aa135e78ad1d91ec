// Readable, translated text for what core reports as codes: validation errors
// (fb::Error{code, field}) and enum values (schema registry values such as "KA" or
// "decline"). Core stays free of UI text; the English source strings live here and go
// through QCoreApplication::translate (contexts "Validation" and "Options"), so lupdate
// finds them and the zh_CN translation is maintained with the rest of the UI.
// Threading: any thread, but translators are installed on the UI thread.
#pragma once

#include <QString>

#include "fieldbook/core/result.h"
#include "fieldbook/core/schema.h"

namespace messages {

// What the rep should read for an error. `entity` lets field-specific wording (maximum
// length, number range, date form) come from the field's declaration.
QString errorText(const fb::Error& error, std::string_view entity);

// The label of one enum value of a field, translated to the installed language. A field
// name means the same in every entity that has it (key_person.role, role_change.role).
// `chinese` picks the language of labels that come from core's own bilingual tables
// (temperaments). Unknown values are shown as they are.
QString optionLabel(std::string_view field, std::string_view value, bool chinese);

// The label of a field of an entity, as its edit form names it ("Phone", "Tier"), translated
// (contexts "AccountField" and "KeyPersonField"). Unknown fields are shown by name.
QString fieldLabel(std::string_view entity, std::string_view field);

// A stored phone (digits only) the way it is read aloud in China, as Labels.phone() in QML:
// mobiles 3-4-4 ("138 0013 8000"), landlines with their area code ("0571-8888 6666").
QString phoneText(const QString& digits);

}  // namespace messages
