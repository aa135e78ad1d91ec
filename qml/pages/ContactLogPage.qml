// The quick contact form (记录联系): what kind of contact, with whom, a note. A contact beyond
// the tier's maximum (a second sample mailing this month) shows the rule and asks why before
// it is saved; a follow-up opened from Today is closed by it.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Page {
    id: page
    objectName: "contactLogPage"

    property string accountId
    property string accountName
    property string kind: "phone_callback"
    property string taskId
    readonly property var kinds: Today.contactKinds()
    readonly property var persons: {
        const list = [{ id: "", name: qsTr("Nobody in particular") }]
        const found = Archive.keyPersons(page.accountId)
        for (let i = 0; i < found.length; ++i)
            list.push(found[i])
        return list
    }
    property string capText: Today.capWarning(page.accountId, page.kind)
    property string error
    property string errorField

    function save() {
        const r = Today.logContact(page.accountId, page.kind, persons[personBox.currentIndex].id, note.text,
                                   reason.text, page.taskId)
        if (r.ok) {
            page.StackView.view.pop()
            return
        }
        page.error = r.message
        page.errorField = r.field
    }

    background: Rectangle { color: Theme.background }
    header: PageHeader {
        title: qsTr("Log a contact")
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
            FormField {
                entity: "contact_log"
                field: "kind"
                ComboBox {
                    id: kindBox
                    objectName: "contactKind"
                    width: parent.width
                    model: page.kinds
                    textRole: "label"
                    currentIndex: Math.max(0, page.kinds.findIndex(k => k.value === page.kind))
                    onActivated: (index) => page.kind = page.kinds[index].value
                }
            }
            FormField {
                entity: "contact_log"
                field: "key_person_id"
                ComboBox {
                    id: personBox
                    objectName: "contactPerson"
                    width: parent.width
                    model: page.persons
                    textRole: "name"
                }
            }
            FormField {
                entity: "contact_log"
                field: "note"
                error: page.errorField === "note" ? page.error : ""
                TextArea {
                    id: note
                    objectName: "contactNote"
                    width: parent.width
                    wrapMode: TextEdit.Wrap
                    placeholderText: qsTr("What was said, what was sent")
                }
            }
            Rectangle {
                objectName: "contactCap"
                Layout.fillWidth: true
                visible: page.capText.length > 0
                implicitHeight: capLabel.implicitHeight + 2 * Theme.spacing
                radius: Theme.radius
                color: Theme.tipBackground
                border.color: Theme.tipBorder
                Label {
                    id: capLabel
                    x: Theme.spacing
                    y: Theme.spacing
                    width: parent.width - 2 * Theme.spacing
                    text: page.capText
                    wrapMode: Text.Wrap
                    color: Theme.textPrimary
                }
            }
            FormField {
                visible: page.capText.length > 0
                entity: "contact_log"
                field: "over_cap_reason"
                required: true
                error: page.errorField === "over_cap_reason" ? page.error : ""
                TextField {
                    id: reason
                    objectName: "contactReason"
                    width: parent.width
                }
            }
            ErrorBanner {
                Layout.fillWidth: true
                text: page.error
                visible: page.error.length > 0 && page.errorField !== "over_cap_reason" && page.errorField !== "note"
            }
            FormActions {
                Layout.fillWidth: true
                text: qsTr("Save")
                onClicked: page.save()
            }
        }
    }
}
