// Step 2, the briefing on one screen (read before going in): tier and stage, how long since
// the last visit, that visit's progress notes and its "next time" goal, the key persons with
// their temperament's coaching tip and birthdays in the next 30 days, and the gifts and
// samples the rep carries. Moving on marks it read.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Flickable {
    id: step
    objectName: "visitBriefingStep"
    contentHeight: column.implicitHeight + 2 * Theme.margin
    clip: true
    readonly property var brief: { void Visit.step; return Visit.briefing() }
    readonly property var last: brief.lastVisit || ({})
    readonly property bool hasLast: last.whenText !== undefined

    ColumnLayout {
        id: column
        x: Theme.margin
        y: Theme.margin
        width: step.width - 2 * Theme.margin
        spacing: Theme.spacing

        SectionCard {
            Layout.fillWidth: true
            title: qsTr("The account")
            RowLayout {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.margin
                Layout.rightMargin: Theme.margin
                spacing: 8
                TierBadge { tier: step.brief.tier || "" }
                Label {
                    Layout.fillWidth: true
                    text: Labels.joined([step.brief.tierLabel, step.brief.stageLabel], " · ")
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.fontBody
                    color: Theme.textPrimary
                }
            }
            Label {
                objectName: "briefingLastContact"
                Layout.fillWidth: true
                Layout.leftMargin: Theme.margin
                Layout.rightMargin: Theme.margin
                text: step.brief.lastContactText || ""
                wrapMode: Text.Wrap
                font.pixelSize: 13
                color: Theme.textSecondary
            }
        }

        SectionCard {
            objectName: "briefingLastVisit"
            Layout.fillWidth: true
            visible: step.hasLast
            title: qsTr("Last visit · %1").arg(step.last.whenText || "")
            InfoRow { label: qsTr("Purpose"); value: Labels.joined([step.last.purposeLabel, step.last.aim], ": ") }
            InfoRow { label: qsTr("Achieved"); value: step.last.achievedLabel || "" }
            InfoRow { label: qsTr("Conversation"); value: step.last.conversation || "" }
            Rectangle {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.margin
                Layout.rightMargin: Theme.margin
                visible: (step.last.nextGoal || "").length + (step.last.nextNotes || "").length > 0
                implicitHeight: nextColumn.implicitHeight + 16
                radius: 8
                color: Theme.tipBackground
                border.color: Theme.tipBorder
                ColumnLayout {
                    id: nextColumn
                    x: 10
                    y: 8
                    width: parent.width - 20
                    spacing: 2
                    Label {
                        text: qsTr("Next time")
                        font.pixelSize: 12
                        font.bold: true
                        color: Theme.textSecondary
                    }
                    Label {
                        objectName: "briefingNextGoal"
                        Layout.fillWidth: true
                        text: Labels.joined([step.last.nextGoal, step.last.nextNotes], "\n")
                        wrapMode: Text.Wrap
                        font.pixelSize: Theme.fontBody
                        color: Theme.textPrimary
                    }
                }
            }
        }

        SectionCard {
            Layout.fillWidth: true
            title: qsTr("Key persons")
            Label {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.margin
                visible: (step.brief.persons || []).length === 0
                text: qsTr("No key person recorded yet: ask who decides, and add them in the Archive step.")
                wrapMode: Text.Wrap
                font.pixelSize: 13
                color: Theme.textHint
            }
            Repeater {
                model: step.brief.persons || []
                delegate: ColumnLayout {
                    id: person
                    required property var modelData
                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.margin
                    Layout.rightMargin: Theme.margin
                    spacing: 2
                    Label {
                        Layout.fillWidth: true
                        text: Labels.joined([person.modelData.name, person.modelData.roleLabel,
                                             person.modelData.temperament], " · ")
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                        color: Theme.textPrimary
                        wrapMode: Text.Wrap
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: text.length > 0
                        text: person.modelData.tip || ""
                        font.pixelSize: 13
                        color: Theme.textSecondary
                        wrapMode: Text.Wrap
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: text.length > 0
                        text: person.modelData.birthdayText ? person.modelData.birthdayText : ""
                        font.pixelSize: 13
                        color: Theme.primaryDark
                        wrapMode: Text.Wrap
                    }
                }
            }
        }

        SectionCard {
            Layout.fillWidth: true
            title: qsTr("In your bag for this visit")
            Label {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.margin
                visible: (step.brief.stock || []).length === 0
                text: qsTr("Nothing in your stock suits this visit.")
                font.pixelSize: 13
                color: Theme.textHint
            }
            Repeater {
                model: step.brief.stock || []
                delegate: InfoRow {
                    required property var modelData
                    label: modelData.categoryLabel
                    value: modelData.name + "  " + modelData.quantityText
                }
            }
        }
    }
}
