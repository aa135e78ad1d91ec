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

    // Stored phones are digits only; show them the way they are read aloud in China:
    // mobiles 3-4-4 ("138 0013 8000"), landlines with their area code ("0571-8888 6666",
    // "010-6552 9988"). Anything else is shown as stored.
    function phone(digits: string): string {
        const d = String(digits || "")
        if (/^1\d{10}$/.test(d))
            return d.slice(0, 3) + " " + d.slice(3, 7) + " " + d.slice(7)
        if (/^0\d{9,11}$/.test(d)) {
            const area = /^0(10|2\d)/.test(d) ? 3 : 4
            const local = d.slice(area)
            const split = local.length - 4
            return d.slice(0, area) + "-" + local.slice(0, split) + " " + local.slice(split)
        }
        return d
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
