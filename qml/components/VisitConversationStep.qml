// Step 4, the conversation record: the form of the visit's purpose — the first-visit form
// (首次拜访登记表) or the return-visit form (回访登记表) with its progress notes: what the visit
// was for and how far it got, how the conversation went, the notes and goal for next time —
// and, when something was agreed, the sales form (销售登记表). Each answer is kept as it is
// typed; moving on saves the form, a refused answer keeps the rep here with the reason.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Flickable {
    id: step
    objectName: "visitConversationStep"
    contentHeight: column.implicitHeight + 2 * Theme.margin
    clip: true
    readonly property alias editor: visitEditor
    property bool sale: Visit.hasSale()

    function save(): bool {
        return visitEditor.save()
    }

    RecordEditor {
        id: visitEditor
        source: Visit
        entity: "visit"
        recordId: Visit.visitId
        onEdited: (field, value) => Visit.setAnswer(field, value)
    }
    Component.onCompleted: visitEditor.load()

    ColumnLayout {
        id: column
        x: Theme.margin
        y: Theme.margin
        width: step.width - 2 * Theme.margin
        spacing: Theme.spacing

        ErrorBanner { text: visitEditor.message }

        SectionCard {
            Layout.fillWidth: true
            title: Visit.purpose === "first_visit" ? qsTr("First-visit form") : qsTr("Return-visit form")
            Repeater {
                model: Visit.conversationFields()
                delegate: RecordField {
                    required property string modelData
                    objectName: "visitField_" + modelData
                    Layout.fillWidth: true
                    editor: visitEditor
                    field: modelData
                    multiline: modelData !== "next_goal" && modelData !== "achieved"
                    required: modelData === "conversation"
                }
            }
        }

        SectionCard {
            Layout.fillWidth: true
            title: qsTr("Sales form")
            Switch {
                objectName: "saleSwitch"
                Layout.leftMargin: 4
                text: qsTr("Something was agreed")
                checked: step.sale
                onToggled: {
                    step.sale = checked
                    if (!checked)
                        for (const f of Visit.saleFields())
                            visitEditor.set(f, "")
                }
            }
            Repeater {
                model: step.sale ? Visit.saleFields() : []
                delegate: RecordField {
                    required property string modelData
                    objectName: "visitField_" + modelData
                    Layout.fillWidth: true
                    editor: visitEditor
                    field: modelData
                    multiline: modelData === "sale_agreed"
                }
            }
        }
    }
}
