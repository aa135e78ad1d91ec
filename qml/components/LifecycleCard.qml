// The account's lifecycle (生命周期), as Today.lifecycleOf gives it: its stage, its own rhythm of purchases or contact, the
// decline warning when it falls behind, the stage the engine suggests (one tap opens the
// change with it filled in), "Change stage", and the latest changes with their reasons.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

SectionCard {
    id: card
    objectName: "lifecycleCard"
    property string accountId
    // Today.lifecycleOf(accountId): the page reads it once for its own mark and hands it here.
    property var life: ({})
    property var history: []
    // Opens the stage change, with a stage to move to ("" for the rep's choice).
    signal changeRequested(string toStage, bool suggested)

    function reload() {
        card.history = Today.stageHistory(card.accountId, 3)
    }
    Component.onCompleted: reload()
    onAccountIdChanged: reload()
    Connections {
        target: Today
        function onChanged() { card.reload() }
    }

    title: qsTr("Lifecycle")
    actionText: qsTr("Change stage")
    onActionClicked: card.changeRequested("", false)

    RowLayout {
        Layout.fillWidth: true
        Layout.leftMargin: Theme.margin
        Layout.rightMargin: Theme.margin
        spacing: 8
        StageChip {
            stage: card.life.stage !== undefined ? card.life.stage : ""
            label: card.life.stageLabel !== undefined ? card.life.stageLabel : ""
        }
        Label {
            objectName: "lifecycleRhythm"
            Layout.fillWidth: true
            text: card.life.rhythm !== undefined && card.life.rhythm.length > 0 ? card.life.rhythm
                                                                               : qsTr("No rhythm yet: it needs four contacts or purchases.")
            color: card.life.behind ? Theme.error : Theme.textSecondary
            font.pixelSize: 13
            wrapMode: Text.Wrap
        }
    }
    Rectangle {
        objectName: "lifecycleSuggestion"
        Layout.fillWidth: true
        Layout.leftMargin: Theme.margin
        Layout.rightMargin: Theme.margin
        visible: card.life.suggestion !== undefined && card.life.suggestion.length > 0
        implicitHeight: suggestionColumn.implicitHeight + 2 * Theme.spacing
        radius: Theme.radius
        color: Theme.tipBackground
        border.color: Theme.tipBorder
        ColumnLayout {
            id: suggestionColumn
            x: Theme.spacing
            y: Theme.spacing
            width: parent.width - 2 * Theme.spacing
            spacing: 4
            Label {
                Layout.fillWidth: true
                text: card.life.why || ""
                color: Theme.textPrimary
                wrapMode: Text.Wrap
            }
            Button {
                objectName: "lifecycleApply"
                text: qsTr("Move to %1…").arg(card.life.suggestionLabel || "")
                flat: true
                onClicked: card.changeRequested(card.life.suggestion, true)
            }
        }
    }
    Repeater {
        model: card.history
        delegate: Label {
            required property var modelData
            readonly property var change: modelData
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.topMargin: 4
            text: Labels.joined([change.when, change.from.length > 0 ? change.from + " → " + change.to : change.to,
                                 change.exit, change.winBack, change.reason], " · ")
            color: Theme.textSecondary
            font.pixelSize: 13
            wrapMode: Text.Wrap
        }
    }
    Item { Layout.preferredHeight: Theme.spacing / 2 }
}
