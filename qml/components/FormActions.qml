// The primary action of a form, at the bottom in thumb reach, full width. It is never greyed
// out: a tap on a form with errors shows them at their fields (the form's save() does), which
// says more than a dead button.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fieldbook.Ui

Rectangle {
    id: bar
    property alias text: button.text
    signal clicked()

    implicitHeight: button.implicitHeight + 2 * Theme.spacing
    color: Theme.surface

    Rectangle {  // the edge above, between the form and its action
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        height: 1
        color: Theme.divider
    }
    Button {
        id: button
        objectName: "formPrimaryAction"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        highlighted: true
        Material.accent: Theme.primary
        font.pixelSize: Theme.fontBody
        onClicked: bar.clicked()
    }
}
