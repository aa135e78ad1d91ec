// Discarding a visit that is still open (begun by mistake, the customer not there, left open
// overnight): why is always asked and kept with the visit; nothing changes until the rep
// confirms.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Dialog {
    id: dialog
    objectName: "visitDiscardDialog"
    property string visitId  // "": the visit in progress here
    property var errors: ({})
    signal discarded()

    anchors.centerIn: parent
    width: Math.min(parent ? parent.width - 32 : 360, 420)
    modal: true
    title: qsTr("Discard the visit")
    standardButtons: Dialog.NoButton

    function ask(id: string) {
        dialog.visitId = id
        dialog.errors = ({})
        reasonField.text = ""
        dialog.open()
    }
    function confirm(): bool {
        const result = Visit.discard(dialog.visitId, reasonField.text)
        const errors = result.errors || ({})
        // A refusal not about the reason (the visit was closed meanwhile) is said there too.
        if (!result.ok && errors.discard_reason === undefined)
            errors.discard_reason = result.message
        dialog.errors = errors
        if (result.ok) {
            dialog.close()
            dialog.discarded()
        }
        return result.ok
    }

    ColumnLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: Theme.spacing

        Label {
            Layout.fillWidth: true
            text: qsTr("The visit is kept as discarded, with your reason; no follow-up is created.")
            wrapMode: Text.Wrap
            color: Theme.textSecondary
        }
        FormField {
            entity: "visit"; field: "discard_reason"
            required: true
            error: dialog.errors.discard_reason !== undefined ? String(dialog.errors.discard_reason) : ""
            TextField {
                id: reasonField
                objectName: "discardReasonField"
                maximumLength: 200
                placeholderText: qsTr("e.g. the customer was not there")
            }
        }
        RowLayout {
            Layout.fillWidth: true
            Item { Layout.fillWidth: true }
            Button {
                text: qsTr("Back")
                flat: true
                onClicked: dialog.close()
            }
            Button {
                objectName: "discardConfirm"
                text: qsTr("Discard")
                highlighted: true
                onClicked: dialog.confirm()
            }
        }
    }
}
