// The lifecycle stage of an account as an outlined chip.
import QtQuick
import Fieldbook.Ui

Rectangle {
    id: chip
    property string stage
    property string label

    visible: label.length > 0
    implicitWidth: caption.implicitWidth + 14
    implicitHeight: 22
    radius: 11
    color: "transparent"
    border.color: Theme.stageColor(stage)
    border.width: 1

    Text {
        id: caption
        anchors.centerIn: parent
        text: chip.label
        color: Theme.stageColor(chip.stage)
        font.pixelSize: Theme.fontSmall
    }
}
