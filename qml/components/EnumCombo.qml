// ComboBox over the choices of one enum field (from Archive.options). `value` holds the
// stored code; an optional first entry means "not set".
import QtQuick
import QtQuick.Controls
import Fieldbook.Ui

ComboBox {
    id: combo
    property string entity
    property string field
    property bool allowEmpty: true
    property string value
    readonly property var choices: Labels.options(entity, field, allowEmpty ? qsTr("Not set") : "")

    implicitHeight: Theme.touch
    model: choices
    textRole: "label"
    valueRole: "value"
    currentIndex: {
        for (let i = 0; i < choices.length; ++i)
            if (choices[i].value === value)
                return i
        return -1
    }
    onActivated: (index) => combo.value = combo.choices[index].value
}
