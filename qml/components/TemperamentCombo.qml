// Temperament type picker: each choice shows the type's name and its coaching tip. A
// `controlled` picker leaves `value` to its binding and only reports the rep's pick.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

ComboBox {
    id: combo
    property string value
    property bool controlled: false
    signal picked(string value)
    readonly property var choices: Labels.temperaments(qsTr("Not recorded"))

    implicitHeight: Theme.touch
    model: choices
    textRole: "name"
    valueRole: "code"
    currentIndex: {
        for (let i = 0; i < choices.length; ++i)
            if (choices[i].code === value)
                return i
        return 0
    }
    onActivated: (index) => {
        const picked = combo.choices[index].code
        if (!combo.controlled)
            combo.value = picked
        combo.picked(picked)
    }

    delegate: ItemDelegate {
        id: choice
        required property int index
        required property var modelData
        width: ListView.view ? ListView.view.width : combo.width
        highlighted: combo.highlightedIndex === index
        contentItem: ColumnLayout {
            spacing: 2
            Label {
                Layout.fillWidth: true
                text: choice.modelData.name
                font.pixelSize: Theme.fontBody
                font.bold: choice.modelData.code === combo.value
            }
            Label {
                Layout.fillWidth: true
                visible: text.length > 0
                text: choice.modelData.tip
                font.pixelSize: 12
                color: Theme.textSecondary
                wrapMode: Text.Wrap
            }
        }
    }
}
