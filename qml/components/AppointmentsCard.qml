// An account's phone appointments (电话预约): what is planned, soonest first, each with who,
// what for and where, a warning when it runs into another of the rep's appointments, and
// Move / Cancel (each asks why); then the past and cancelled ones, greyed. "+ Book" opens the
// booking form.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

SectionCard {
    id: card
    objectName: "appointmentsCard"
    required property string accountId
    property var items: Agenda.ofAccount(accountId)  // replaced, not rebound, by reload()
    signal book()

    title: qsTr("Appointments")
    actionText: qsTr("+ Book")
    onActionClicked: card.book()

    function reload() {
        card.items = Agenda.ofAccount(card.accountId)
    }

    Connections {
        target: Agenda
        function onChanged(changedAccountId: string) {
            if (changedAccountId.length === 0 || changedAccountId === card.accountId)
                card.reload()
        }
    }

    Label {
        Layout.fillWidth: true
        visible: card.items.length === 0
        text: qsTr("No appointment yet. Call ahead and book the visit here.")
        color: Theme.textHint
        font.pixelSize: 13
        wrapMode: Text.Wrap
    }

    Repeater {
        model: card.items
        delegate: ColumnLayout {
            id: row
            objectName: "appointmentRow"
            required property var modelData
            Layout.fillWidth: true
            spacing: 2
            opacity: row.modelData.upcoming ? 1.0 : 0.6

            RowLayout {
                Layout.fillWidth: true
                Label {
                    Layout.fillWidth: true
                    text: row.modelData.whenText
                    font.pixelSize: Theme.fontBody
                    font.bold: row.modelData.upcoming
                    color: Theme.textPrimary
                }
                Label {
                    visible: !row.modelData.upcoming
                    text: row.modelData.statusLabel
                    font.pixelSize: 12
                    color: Theme.textSecondary
                }
            }
            Label {
                Layout.fillWidth: true
                text: Labels.joined([row.modelData.purposeLabel, row.modelData.personName, row.modelData.place], " · ")
                font.pixelSize: 13
                color: Theme.textSecondary
                wrapMode: Text.Wrap
            }
            Label {
                objectName: "appointmentOverlap"
                Layout.fillWidth: true
                visible: row.modelData.overlaps.length > 0
                text: qsTr("Overlaps: %1").arg(row.modelData.overlaps.join("; "))
                font.pixelSize: 12
                color: Theme.error
                wrapMode: Text.Wrap
            }
            RowLayout {
                visible: row.modelData.upcoming
                spacing: 0
                Button {
                    flat: true
                    text: qsTr("Move")
                    onClicked: changeDialog.openFor(row.modelData, false)
                }
                Button {
                    flat: true
                    text: qsTr("Cancel appointment")
                    onClicked: changeDialog.openFor(row.modelData, true)
                }
            }
            Rectangle {
                Layout.fillWidth: true
                Layout.topMargin: 4
                height: 1
                color: Theme.divider
            }
        }
    }

    AppointmentChangeDialog {
        id: changeDialog
        parent: Overlay.overlay
    }
}
