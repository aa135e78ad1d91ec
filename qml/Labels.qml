// Translated choice labels for QML. Reads AppSettings.language so that bindings using
// these functions are re-evaluated when the language is switched.
pragma Singleton
import QtQuick
import Fieldbook.App

QtObject {
    // [{value, label}] of an enum field; with emptyLabel, a first "not set" entry.
    function options(entity: string, field: string, emptyLabel: string): var {
        void AppSettings.language
        const list = Archive.options(entity, field)
        const result = emptyLabel.length > 0 ? [{ value: "", label: emptyLabel }] : []
        for (let i = 0; i < list.length; ++i)
            result.push(list[i])
        return result
    }

    function option(entity: string, field: string, value: string): string {
        void AppSettings.language
        return value.length > 0 ? Archive.optionLabel(entity, field, value) : ""
    }

    // {code, name, tip}; empty names when the code is empty or unknown.
    function temperament(code: string): var {
        void AppSettings.language
        if (code.length === 0)
            return { code: "", name: "", tip: "" }
        return Archive.temperament(code)
    }

    // With emptyName, a first entry {code: "", name: emptyName, tip: ""}.
    function temperaments(emptyName: string): var {
        void AppSettings.language
        const list = Archive.temperaments()
        const result = emptyName.length > 0 ? [{ code: "", name: emptyName, tip: "" }] : []
        for (let i = 0; i < list.length; ++i)
            result.push(list[i])
        return result
    }

    // Stored phones are digits only; shown the way they are read aloud in China (mobiles
    // 3-4-4, landlines with their area code), by the app's one formatter.
    function phone(digits: string): string {
        return Archive.phoneText(String(digits || ""))
    }

    // A stored value as the rep reads it, by its field's declared type (dates in full,
    // quantities with their unit, money, enum labels, phones read aloud).
    function display(entity: string, field: string, value: var): string {
        void AppSettings.language
        return Archive.display(entity, field, value)
    }

    // What a form shows for a field, from the registry ({label, required, maxLength, hint, unit}).
    function field(entity: string, field: string): var {
        void AppSettings.language
        return Archive.fieldInfo(entity, field)
    }

    // Core's check of a value as typed, translated; "" when it is fine.
    function check(entity: string, field: string, value: var): string {
        void AppSettings.language
        return Archive.checkField(entity, field, value)
    }

    function joined(parts: var, separator: string): string {
        return parts.filter(p => p !== undefined && p !== null && String(p).length > 0).join(separator)
    }

    // What a user's role is called (the server's role names).
    function role(role: string): string {
        void AppSettings.language
        switch (role) {
        case "rep": return qsTr("Account manager")
        case "manager": return qsTr("Sales manager")
        case "admin": return qsTr("Administrator")
        }
        return role
    }
}
