// Asked when the rep leaves a form with input not saved: keep editing, or leave without it.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

Dialog {
    id: dialog
    objectName: "discardChangesDialog"
    signal discard()

    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(parent ? parent.width - 32 : 360, 420)
    title: qsTr("Leave without saving?")

    Label {
        anchors.left: parent.left
        anchors.right: parent.right
        wrapMode: Text.Wrap
        font.pixelSize: 14
        color: Theme.textPrimary
        text: qsTr("What you entered on this page has not been saved.")
    }

    footer: RowLayout {
        spacing: Theme.spacing
        Item { Layout.fillWidth: true }
        Button {
            objectName: "discardLeave"
            Layout.bottomMargin: 8
            flat: true
            text: qsTr("Discard")
            onClicked: {
                dialog.close()
                dialog.discard()
            }
        }
        Button {
            objectName: "discardStay"
            Layout.rightMargin: 16
            Layout.bottomMargin: 8
            highlighted: true
            text: qsTr("Keep editing")
            onClicked: dialog.close()
        }
    }
}
