// ComboBox over the choices of one enum field (from Archive.options). `value` holds the
// stored code; an optional first entry means "not set". A `controlled` combo leaves `value`
// to its binding (a RecordEditor's value) and only reports the rep's pick.
import QtQuick
import QtQuick.Controls
import Fieldbook.Ui

ComboBox {
    id: combo
    property string entity
    property string field
    property bool allowEmpty: true
    property string value
    property bool controlled: false
    signal picked(string value)
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
    onActivated: (index) => {
        const picked = combo.choices[index].value
        if (!combo.controlled)
            combo.value = picked
        combo.picked(picked)
    }
}
