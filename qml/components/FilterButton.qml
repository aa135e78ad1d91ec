// A filter chip for the account list: shows the current choice and opens a menu of
// choices. `choices` is a list of {value, label}; an empty value means "any".
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQml.Models
import Fieldbook.Ui

Button {
    id: chip
    property string caption
    property var choices: []
    property string value
    readonly property alias menu: menu
    signal picked(string value)

    readonly property string currentLabel: {
        for (let i = 0; i < choices.length; ++i)
            if (choices[i].value === value)
                return choices[i].label
        return value
    }

    implicitHeight: Theme.touch
    highlighted: value.length > 0
    Material.accent: Theme.primary
    Material.background: value.length > 0 ? Theme.primary : Theme.surface
    Material.elevation: 0
    font.pixelSize: 14
    font.capitalization: Font.MixedCase
    leftPadding: 12
    rightPadding: 12
    text: (value.length > 0 ? currentLabel : caption) + "  \u25be"
    onClicked: menu.open()

    Menu {
        id: menu
        y: chip.height
        MenuItem {
            text: qsTr("All")
            checkable: true
            checked: chip.value.length === 0
            onTriggered: chip.picked("")
        }
        MenuSeparator {}
    }
    Instantiator {
        model: chip.choices
        delegate: MenuItem {
            required property var modelData
            text: modelData.label
            checkable: true
            checked: modelData.value === chip.value
            onTriggered: chip.picked(modelData.value)
        }
        onObjectAdded: (index, object) => menu.insertItem(index + 2, object)
        onObjectRemoved: (index, object) => menu.removeItem(object)
    }
}
