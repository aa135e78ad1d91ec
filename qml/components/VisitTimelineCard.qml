// The account's visits, newest first: when, what for, how it went, the "next time" notes,
// corrections marked (a finished visit is final: a correction keeps what was recorded and
// says why), discarded ones greyed with their reason. A finished visit can be corrected.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

SectionCard {
    id: card
    objectName: "visitTimelineCard"
    required property string accountId
    property var visits: Visit.timeline(accountId)
    property int shown: 3

    title: qsTr("Visits (%1)").arg(card.visits.length)

    function reload() {
        card.visits = Visit.timeline(card.accountId)
    }
    Connections {
        target: Visit
        function onVisitsChanged(changedAccountId: string) {
            if (changedAccountId.length === 0 || changedAccountId === card.accountId)
                card.reload()
        }
    }

    Label {
        Layout.fillWidth: true
        Layout.leftMargin: Theme.margin
        Layout.rightMargin: Theme.margin
        visible: card.visits.length === 0
        text: qsTr("No visit recorded yet.")
        color: Theme.textHint
        font.pixelSize: 13
    }

    Repeater {
        model: card.visits.slice(0, card.shown)
        delegate: ColumnLayout {
            id: entry
            required property var modelData
            objectName: "visitEntry"
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            spacing: 2
            opacity: entry.modelData.status === "discarded" ? 0.6 : 1.0
            RowLayout {
                Layout.fillWidth: true
                spacing: 6
                Label {
                    Layout.fillWidth: true
                    text: Labels.joined([entry.modelData.whenText, entry.modelData.purposeLabel], " · ")
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    color: Theme.textPrimary
                    wrapMode: Text.Wrap
                }
                Label {
                    visible: entry.modelData.status !== "finished" || entry.modelData.amended
                    text: entry.modelData.amended && entry.modelData.status === "finished"
                          ? qsTr("Corrected") : entry.modelData.statusLabel
                    font.pixelSize: 12
                    color: entry.modelData.amended ? Theme.primaryDark : Theme.textSecondary
                }
            }
            Label {
                Layout.fillWidth: true
                visible: text.length > 0
                text: Labels.joined([entry.modelData.aim, entry.modelData.achievedLabel,
                                     entry.modelData.interestLabel], " · ")
                font.pixelSize: 13
                color: Theme.textSecondary
                wrapMode: Text.Wrap
            }
            Label {
                Layout.fillWidth: true
                visible: text.length > 0
                text: entry.modelData.conversation
                font.pixelSize: 14
                color: Theme.textPrimary
                wrapMode: Text.Wrap
            }
            Label {
                objectName: "visitNextTime"
                Layout.fillWidth: true
                visible: text.length > 0
                text: entry.modelData.nextGoal.length + entry.modelData.nextNotes.length > 0
                      ? qsTr("Next time: %1").arg(Labels.joined([entry.modelData.nextGoal, entry.modelData.nextNotes], " · "))
                      : ""
                font.pixelSize: 13
                color: Theme.primaryDark
                wrapMode: Text.Wrap
            }
            Label {
                Layout.fillWidth: true
                visible: entry.modelData.status === "discarded"
                text: qsTr("Discarded: %1").arg(entry.modelData.discardReason)
                font.pixelSize: 13
                color: Theme.textSecondary
                wrapMode: Text.Wrap
            }
            Repeater {
                model: entry.modelData.amendments
                delegate: Label {
                    required property string modelData
                    Layout.fillWidth: true
                    text: modelData
                    font.pixelSize: 12
                    font.italic: true
                    color: Theme.textSecondary
                    wrapMode: Text.Wrap
                }
            }
            Button {
                objectName: "correctVisitButton"
                visible: entry.modelData.status === "finished"
                flat: true
                text: qsTr("Correct…")
                onClicked: amendDialog.openFor(entry.modelData.id)
            }
            Rectangle {
                Layout.fillWidth: true
                implicitHeight: 1
                color: Theme.divider
            }
        }
    }
    Button {
        Layout.leftMargin: 4
        visible: card.visits.length > card.shown
        flat: true
        text: qsTr("Show all %n visit(s)", "", card.visits.length)
        onClicked: card.shown = card.visits.length
    }

    Dialog {
        id: amendDialog
        objectName: "visitAmendDialog"
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(parent ? parent.width - 32 : 360, 420)
        modal: true
        title: qsTr("Correct the visit")
        standardButtons: Dialog.NoButton
        property string visitId
        property var fields: []
        property var errors: ({})
        readonly property bool isEnum: fieldBox.currentIndex >= 0 && amendDialog.fields.length > fieldBox.currentIndex
                                       && amendDialog.fields[fieldBox.currentIndex].type === "enum"

        function openFor(id: string) {
            amendDialog.visitId = id
            amendDialog.fields = Visit.amendableFields(id)
            amendDialog.errors = ({})
            fieldBox.currentIndex = 0
            amendDialog.loadValue()
            amendReason.text = ""
            amendDialog.open()
        }
        function field(): string {
            return fieldBox.currentIndex >= 0 && amendDialog.fields.length > 0
                   ? amendDialog.fields[fieldBox.currentIndex].field : ""
        }
        function loadValue() {
            const v = Visit.currentValue(amendDialog.visitId, amendDialog.field())
            amendValue.text = v === undefined || v === null ? "" : String(v)
        }
        function confirm() {
            const result = Visit.amend(amendDialog.visitId, amendDialog.field(), amendValue.text, amendReason.text)
            const errors = result.errors || ({})
            if (!result.ok && Object.keys(errors).length === 0)
                errors.value = result.message
            if (errors[amendDialog.field()] !== undefined)
                errors.value = errors[amendDialog.field()]
            amendDialog.errors = errors
            if (result.ok)
                amendDialog.close()
        }

        ColumnLayout {
            anchors.left: parent.left
            anchors.right: parent.right
            spacing: Theme.spacing
            Label {
                Layout.fillWidth: true
                text: qsTr("What was recorded stays; the correction is shown with your reason.")
                wrapMode: Text.Wrap
                color: Theme.textSecondary
            }
            ComboBox {
                id: fieldBox
                objectName: "amendFieldBox"
                Layout.fillWidth: true
                model: amendDialog.fields
                textRole: "label"
                onActivated: amendDialog.loadValue()
            }
            FormField {
                label: qsTr("Correct it to")
                error: amendDialog.errors.value !== undefined ? String(amendDialog.errors.value) : ""
                ColumnLayout {
                    spacing: 0
                    Loader {
                        Layout.fillWidth: true
                        active: amendDialog.isEnum
                        visible: active
                        sourceComponent: EnumCombo {
                            objectName: "amendChoiceBox"
                            entity: "visit"
                            field: amendDialog.field()
                            value: amendValue.text
                            controlled: true
                            onPicked: (value) => amendValue.text = value
                        }
                    }
                    TextArea {
                        id: amendValue
                        objectName: "amendValueField"
                        Layout.fillWidth: true
                        visible: !amendDialog.isEnum
                        wrapMode: TextEdit.Wrap
                    }
                }
            }
            FormField {
                entity: "visit_amendment"; field: "reason"
                required: true
                error: amendDialog.errors.reason !== undefined ? String(amendDialog.errors.reason) : ""
                TextField {
                    id: amendReason
                    objectName: "amendReasonField"
                    maximumLength: 200
                    placeholderText: qsTr("e.g. mistyped the quantity")
                }
            }
            RowLayout {
                Layout.fillWidth: true
                Item { Layout.fillWidth: true }
                Button {
                    text: qsTr("Back")
                    flat: true
                    onClicked: amendDialog.close()
                }
                Button {
                    objectName: "amendConfirm"
                    text: qsTr("Correct")
                    highlighted: true
                    onClicked: amendDialog.confirm()
                }
            }
        }
    }
}
