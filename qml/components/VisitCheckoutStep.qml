// Step 9, check-out: how interested the account is and what the visit achieved, the
// follow-ups the check-out will create (a phone callback and a face revisit for an
// interested account, dated by the policy), and Check out at the bottom.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Flickable {
    id: step
    objectName: "visitCheckoutStep"
    contentHeight: column.implicitHeight + 2 * Theme.margin
    clip: true
    readonly property alias editor: checkoutEditor
    readonly property string interest: checkoutEditor.values.interest || ""

    // Going back or elsewhere keeps what was typed; checking out needs the interest.
    function save(): bool {
        return checkoutEditor.save()
    }
    function readyToFinish(): bool {
        if (step.interest.length === 0) {
            checkoutEditor.setPageError("interest", qsTr("Say how interested the account is"))
            return false
        }
        return checkoutEditor.save()
    }

    RecordEditor {
        id: checkoutEditor
        source: Visit
        entity: "visit"
        recordId: Visit.visitId
        onEdited: (field, value) => {
            Visit.setAnswer(field, value)
            if (field === "interest")
                checkoutEditor.setPageError("interest", "")
        }
    }
    Component.onCompleted: checkoutEditor.load()

    ColumnLayout {
        id: column
        x: Theme.margin
        y: Theme.margin
        width: step.width - 2 * Theme.margin
        spacing: Theme.spacing

        ErrorBanner { text: checkoutEditor.message }

        SectionCard {
            Layout.fillWidth: true
            title: qsTr("How did it go?")
            RecordField {
                objectName: "visitField_interest"
                editor: checkoutEditor
                field: "interest"
                required: true
                allowEmpty: true  // shows "not set" until the rep chooses
            }
            RecordField {
                objectName: "visitField_outcome"
                editor: checkoutEditor
                field: "outcome"
                placeholderText: qsTr("e.g. agreed to try 2 cases at the next banquet")
            }
        }
        SectionCard {
            objectName: "followUpsCard"
            Layout.fillWidth: true
            title: qsTr("Follow-ups")
            Label {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.margin
                Layout.rightMargin: Theme.margin
                readonly property var lines: Visit.followUpPreview(step.interest)
                text: step.interest.length === 0 ? qsTr("Choose the interest to see the follow-ups.")
                    : lines.length === 0 ? qsTr("No follow-up: the account is not interested.")
                    : lines.join("\n")
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontBody
                color: lines.length > 0 ? Theme.textPrimary : Theme.textHint
            }
        }
    }
}
