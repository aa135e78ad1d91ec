// Changing an account's lifecycle stage (阶段调整), always with the reason. Opened from the
// account's lifecycle card or a decline warning on Today, with the stage the engine suggests
// filled in. An exit asks for its reason code and the win-back decision (by value: important
// accounts plan a win-back, ordinary ones are decided case by case, small ones let go), and
// says which follow-ups the decision sets.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Page {
    id: page
    objectName: "stageChangePage"

    property string accountId
    property string accountName
    // The stage to move to as the page opens (the engine's suggestion), and whether it was one.
    property string toStage
    property bool suggested: false
    readonly property var life: Today.lifecycleOf(page.accountId)
    property string target: page.toStage.length > 0 ? page.toStage : ""
    property string exitReason
    property string winBack: page.life.winBack !== undefined ? page.life.winBack : "let_go"
    property string error
    property string errorField

    function save() {
        const r = Today.changeStage(page.accountId, page.target, reason.text, page.exitReason, page.winBack,
                                    page.suggested && page.target === page.toStage)
        if (r.ok) {
            page.StackView.view.pop()
            return
        }
        page.error = r.message
        page.errorField = r.field
    }
    function errorAt(field: string): string {
        return page.errorField === field ? page.error : ""
    }

    background: Rectangle { color: Theme.background }
    header: PageHeader {
        title: qsTr("Change stage")
        actionText: qsTr("Save")
        onBackClicked: page.StackView.view.pop()
        onActionClicked: page.save()
    }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 2 * Theme.margin
        clip: true
        ColumnLayout {
            id: column
            x: Theme.margin
            y: Theme.margin
            width: parent.width - 2 * Theme.margin
            spacing: Theme.spacing

            Label {
                Layout.fillWidth: true
                text: page.accountName
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.textPrimary
                wrapMode: Text.Wrap
            }
            RowLayout {
                spacing: 8
                Label {
                    text: qsTr("Now")
                    color: Theme.textSecondary
                }
                StageChip {
                    stage: page.life.stage !== undefined ? page.life.stage : ""
                    label: page.life.stageLabel !== undefined ? page.life.stageLabel : ""
                }
            }
            Label {
                objectName: "stageRhythm"
                Layout.fillWidth: true
                visible: text.length > 0
                text: page.life.rhythm !== undefined ? page.life.rhythm : ""
                color: page.life.behind ? Theme.error : Theme.textSecondary
                wrapMode: Text.Wrap
            }
            FormField {
                entity: "stage_change"
                field: "to_stage"
                error: page.errorAt("to_stage")
                EnumCombo {
                    objectName: "stageTarget"
                    width: parent.width
                    entity: "stage_change"
                    field: "to_stage"
                    allowEmpty: false
                    value: page.target
                    onPicked: (value) => page.target = value
                }
            }
            Label {
                objectName: "stageSuggestion"
                Layout.fillWidth: true
                visible: page.suggested && page.target === page.toStage && page.life.why !== undefined
                         && page.life.why.length > 0
                text: qsTr("Suggested: %1").arg(page.life.why)
                color: Theme.textSecondary
                wrapMode: Text.Wrap
            }
            FormField {
                entity: "stage_change"
                field: "reason"
                error: page.errorAt("reason")
                TextArea {
                    id: reason
                    objectName: "stageReason"
                    width: parent.width
                    wrapMode: TextEdit.Wrap
                    placeholderText: page.target === "exit" ? qsTr("What happened, what you found out")
                                                            : qsTr("What you saw that calls for it")
                }
            }
            FormField {
                visible: page.target === "exit"
                entity: "stage_change"
                field: "exit_reason"
                required: true
                error: page.errorAt("exit_reason")
                EnumCombo {
                    objectName: "stageExitReason"
                    width: parent.width
                    entity: "stage_change"
                    field: "exit_reason"
                    value: page.exitReason
                    onPicked: (value) => page.exitReason = value
                }
            }
            FormField {
                visible: page.target === "exit"
                entity: "stage_change"
                field: "win_back"
                required: true
                error: page.errorAt("win_back")
                EnumCombo {
                    objectName: "stageWinBack"
                    width: parent.width
                    entity: "stage_change"
                    field: "win_back"
                    allowEmpty: false
                    value: page.winBack
                    onPicked: (value) => page.winBack = value
                }
            }
            Label {
                objectName: "stageWinBackPlan"
                Layout.fillWidth: true
                visible: page.target === "exit"
                text: page.winBack === "plan" ? qsTr("Sets you a call within 2 days to find out why, and a visit within 14 days.")
                    : page.winBack === "case_by_case" ? qsTr("Sets you a call within 7 days to decide.")
                    : qsTr("No follow-ups. Find out the cause first if you can.")
                color: Theme.textSecondary
                wrapMode: Text.Wrap
            }
            ErrorBanner {
                Layout.fillWidth: true
                text: page.error
                visible: page.error.length > 0
                         && ["reason", "exit_reason", "win_back", "to_stage"].indexOf(page.errorField) < 0
            }
            FormActions {
                Layout.fillWidth: true
                text: qsTr("Save")
                onClicked: page.save()
            }
        }
    }
}
