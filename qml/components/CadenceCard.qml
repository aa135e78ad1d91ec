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

    GridLayout {
        Layout.fillWidth: true
        Layout.leftMargin: Theme.margin
        Layout.rightMargin: Theme.margin
        columns: 3
        columnSpacing: Theme.spacing
        rowSpacing: 6
        visible: card.rows.length > 0
        Repeater {
            model: card.rows
            delegate: Label {
                required property var modelData
                required property int index
                Layout.row: index
                Layout.column: 0
                text: modelData.label
                color: Theme.textPrimary
            }
        }
        Repeater {
            model: card.rows
            delegate: Label {
                required property var modelData
                required property int index
                Layout.row: index
                Layout.column: 1
                Layout.fillWidth: true
                text: modelData.rule
                color: Theme.textSecondary
                font.pixelSize: 13
                elide: Text.ElideRight
            }
        }
        Repeater {
            model: card.rows
            delegate: Label {
                required property var modelData
                required property int index
                objectName: "cadence_" + modelData.activity
                Layout.row: index
                Layout.column: 2
                Layout.alignment: Qt.AlignRight
                text: modelData.isMax ? qsTr("%1 of at most %2").arg(modelData.done).arg(modelData.target)
                                      : modelData.done + " / " + modelData.target
                font.bold: true
                color: modelData.over ? Theme.error
                     : modelData.isMax ? Theme.textSecondary
                     : modelData.met ? Theme.accent
                     : modelData.late ? Theme.error : Theme.primaryDark
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
