// Moving or cancelling an appointment: a new day and time (moving), and why — always asked,
// kept with the appointment's history. Errors show at their field; nothing changes until
// the rep confirms.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Dialog {
    id: dialog
    objectName: "appointmentChangeDialog"
    property var appointment: ({})
    property bool cancelling: false
    property var errors: ({})

    anchors.centerIn: parent
    width: Math.min(parent ? parent.width - 32 : 360, 420)
    modal: true
    title: cancelling ? qsTr("Cancel the appointment") : qsTr("Move the appointment")
    standardButtons: Dialog.NoButton

    function openFor(item: var, cancel: bool) {
        dialog.appointment = item
        dialog.cancelling = cancel
        dialog.errors = ({})
        const local = Agenda.localOf(item.startsAt)
        dateField.text = local.date
        timeField.text = local.time
        reasonField.text = ""
        dialog.open()
    }
    function confirm(): bool {
        const result = dialog.cancelling
                ? Agenda.cancel(dialog.appointment.id, reasonField.text)
                : Agenda.reschedule(dialog.appointment.id, dateField.text, timeField.text,
                                    dialog.appointment.minutes, reasonField.text)
        dialog.errors = result.errors || ({})
        if (result.ok)
            dialog.close()
        return result.ok
    }

    ColumnLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: Theme.spacing

        Label {
            Layout.fillWidth: true
            text: Labels.joined([dialog.appointment.whenText, dialog.appointment.accountName], " · ")
            wrapMode: Text.Wrap
            color: Theme.textSecondary
        }
        RowLayout {
            visible: !dialog.cancelling
            Layout.fillWidth: true
            spacing: Theme.spacing
            FormField {
                Layout.preferredWidth: 100
                label: qsTr("New day")
                required: true
                error: dialog.errors.starts_at !== undefined ? String(dialog.errors.starts_at) : ""
                DateField { id: dateField; objectName: "moveDateField" }
            }
            FormField {
                Layout.preferredWidth: 100
                label: qsTr("Time")
                required: true
                TextField {
                    id: timeField
                    objectName: "moveTimeField"
                    implicitHeight: Theme.touch
                    placeholderText: qsTr("HH:mm")
                    inputMethodHints: Qt.ImhTime
                    maximumLength: 5
                }
            }
        }
        FormField {
            entity: "appointment_change"; field: "reason"
            error: dialog.errors.reason !== undefined ? String(dialog.errors.reason) : ""
            TextField {
                id: reasonField
                objectName: "changeReasonField"
                maximumLength: 200
                placeholderText: dialog.cancelling ? qsTr("e.g. the customer is away on business")
                                                   : qsTr("e.g. the customer has a meeting")
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
                objectName: "changeConfirm"
                text: dialog.cancelling ? qsTr("Cancel it") : qsTr("Move it")
                highlighted: true
                onClicked: dialog.confirm()
            }
        }
    }
}
