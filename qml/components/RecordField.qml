// One field of a RecordEditor's form: the registry's caption, required mark, hint and
// maximum length, a control chosen by the field's declared type (a choice list, a date, a
// number, a phone, a line or a box of text), and the editor's message at the field. The page
// names the field and, where it helps, a placeholder; everything else comes from the
// declaration, so a form page only lays out its fields.
import QtQuick
import QtQuick.Controls
import Fieldbook.App
import Fieldbook.Ui

FormField {
    id: root
    property RecordEditor editor
    property string placeholderText
    // Notes and other long text get a growing box; a Text field may ask for one too.
    property bool multiline: info.type === "long_text"
    // A choice list offers "not set" unless the field is required.
    property bool allowEmpty: !required
    // A control of the page's own instead of the one of the field's type (a picker with tips);
    // it shows `text` and calls edit(value).
    property Component inputComponent
    // The control, for tests and for pages that need to reach it.
    readonly property alias input: loader.item
    readonly property var value: editor ? editor.values[field] : undefined
    readonly property string text: value === undefined || value === null ? "" : String(value)

    entity: editor ? editor.entity : ""
    error: editor && editor.errors[field] !== undefined ? String(editor.errors[field]) : ""

    function edit(value: var) {
        if (root.editor)
            root.editor.set(root.field, value)
    }

    Loader {
        id: loader
        sourceComponent: {
            if (root.inputComponent)
                return root.inputComponent
            switch (root.info.type) {
            case "enum": return comboInput
            case "date": return dateInput
            }
            return root.multiline ? areaInput : lineInput
        }
    }

    Component {
        id: comboInput
        EnumCombo {
            entity: root.entity
            field: root.field
            allowEmpty: root.allowEmpty
            value: root.text
            controlled: true
            onPicked: (value) => root.edit(value)
        }
    }
    Component {
        id: dateInput
        DateField {
            text: root.text
            onTextEdited: root.edit(text)
        }
    }
    Component {
        id: areaInput
        TextArea {
            text: root.text
            wrapMode: TextEdit.Wrap
            placeholderText: root.placeholderText
            onTextChanged: if (text !== root.text) root.edit(text)
        }
    }
    Component {
        id: lineInput
        TextField {
            text: root.text
            placeholderText: root.placeholderText
            maximumLength: root.info.maxLength > 0 ? root.info.maxLength : 32767
            inputMethodHints: {
                switch (root.info.type) {
                case "integer": return Qt.ImhDigitsOnly
                case "real":
                case "money": return Qt.ImhFormattedNumbersOnly
                case "phone": return Qt.ImhDialableCharactersOnly
                }
                return Qt.ImhNone
            }
            onTextEdited: root.edit(text)
        }
    }
}
