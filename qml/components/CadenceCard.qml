// The account's contact cadence this period (联系频次): per activity of its tier's policy,
// done against the rule — met in green, short or late in red, over a maximum flagged — and the
// latest contacts logged, with "Log a contact".
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

SectionCard {
    id: card
    objectName: "cadenceCard"
    property string accountId
    property var rows: []
    property var contacts: []
    signal logRequested()

    function reload() {
        card.rows = Today.cadenceOf(card.accountId)
        card.contacts = Today.contactsOf(card.accountId, 5)
    }
    Component.onCompleted: reload()
    onAccountIdChanged: reload()
    Connections {
        target: Today
        function onChanged() { card.reload() }
    }

    title: qsTr("Contact cadence")
    actionText: qsTr("+ Log a contact")
    onActionClicked: card.logRequested()

    // One row per rule: the activity with its rule under it (which may wrap), the count right.
    Repeater {
        model: card.rows
        delegate: RowLayout {
            id: rule
            required property var modelData
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.topMargin: 2
            spacing: Theme.spacing
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 0
                Label {
                    Layout.fillWidth: true
                    text: rule.modelData.label
                    color: Theme.textPrimary
                    wrapMode: Text.Wrap
                }
                Label {
                    Layout.fillWidth: true
                    text: rule.modelData.rule
                    color: Theme.textSecondary
                    font.pixelSize: 12
                    wrapMode: Text.Wrap
                }
            }
            Label {
                objectName: "cadence_" + rule.modelData.activity
                Layout.alignment: Qt.AlignRight | Qt.AlignTop  // beside the activity, not between rows
                text: rule.modelData.isMax ? qsTr("%1 of at most %2").arg(rule.modelData.done).arg(rule.modelData.target)
                                      : rule.modelData.done + " / " + rule.modelData.target
                font.bold: true
                color: rule.modelData.over ? Theme.error
                     : rule.modelData.isMax ? Theme.textSecondary
                     : rule.modelData.met ? Theme.accent
                     : rule.modelData.late ? Theme.error : Theme.primaryDark
            }
        }
    }
    Label {
        Layout.fillWidth: true
        Layout.leftMargin: Theme.margin
        Layout.rightMargin: Theme.margin
        visible: card.rows.length === 0
        text: qsTr("No cadence for this tier: follow-ups drive it.")
        color: Theme.textSecondary
        wrapMode: Text.Wrap
    }
    Repeater {
        model: card.contacts
        delegate: Label {
            required property var modelData
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.topMargin: 4
            text: Labels.joined([modelData.whenText, modelData.kindLabel, modelData.personName, modelData.note], " · ")
            color: Theme.textSecondary
            font.pixelSize: 13
            wrapMode: Text.Wrap
        }
    }
    Item { Layout.preferredHeight: Theme.spacing / 2 }
}
