// Record who holds a key position from a date on (or that it fell vacant). History is
// kept: a change never overwrites the previous holder.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Page {
    id: page
    objectName: "roleChangePage"

    required property string accountId
    property var account: Archive.account(accountId)
    property var persons: Archive.keyPersons(accountId)
    property bool attempted: false
    property var serverErrors: ({})
    property string message
    property var lastResult: ({})

    readonly property var holderChoices: [{ value: "", label: qsTr("Vacant") }]
        .concat(persons.map(p => ({ value: p.id,
                                     label: Labels.joined([p.name, Labels.option("key_person", "role", p.role || ""),
                                                           p.title], " · ") })))
    readonly property string dateError: {
        if (dateField.text.trim().length === 0)
            return attempted ? qsTr("Please enter the effective date") : ""
        return dateField.valid ? "" : qsTr("Enter a date as YYYY-MM-DD")
    }
    readonly property bool valid: dateField.text.trim().length > 0 && dateField.valid

    function fieldError(field: string, local: string): string {
        if (local.length > 0)
            return local
        const e = serverErrors[field]
        return e ? String(e) : ""
    }

    function save(): bool {
        attempted = true
        message = ""
        if (!valid) {
            message = qsTr("Please correct the fields marked in red.")
            return false
        }
        const result = Archive.changeRole(accountId, roleBox.value, holderBox.currentValue || "",
                                          dateField.text.trim(), noteField.text.trim())
        lastResult = result
        if (!result.ok) {
            serverErrors = result.errors || {}
            message = result.message || qsTr("The change could not be recorded.")
            return false
        }
        if (page.StackView.view)
            page.StackView.view.pop()
        return true
    }

    background: Rectangle { color: Theme.background }

    header: PageHeader {
        title: qsTr("Key position change")
        actionText: qsTr("Save")
        actionEnabled: !page.attempted || page.valid
        onBackClicked: page.StackView.view.pop()
        onActionClicked: page.save()
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentHeight: form.implicitHeight + 48
        clip: true

        ColumnLayout {
            id: form
            x: Theme.margin
            y: Theme.margin
            width: flick.width - 2 * Theme.margin
            spacing: Theme.spacing

            ErrorBanner { text: page.message }

            SectionCard {
                title: page.account.name || ""
                Label {
                    Layout.fillWidth: true
                    text: qsTr("Record who holds a key position from which day. The previous holder stays in the history.")
                    color: Theme.textSecondary
                    font.pixelSize: 13
                    wrapMode: Text.Wrap
                }
                FormField {
                    label: qsTr("Position")
                    required: true
                    error: page.fieldError("role", "")
                    EnumCombo {
                        id: roleBox
                        objectName: "roleBox"
                        entity: "role_change"; field: "role"; allowEmpty: false
                        value: "decision_maker"
                    }
                }
                FormField {
                    label: qsTr("New holder")
                    error: page.fieldError("person_id", "")
                    hint: page.persons.length === 0 ? qsTr("Add the person as a key person first, or record the position as vacant.") : ""
                    ComboBox {
                        id: holderBox
                        objectName: "holderBox"
                        implicitHeight: Theme.touch
                        model: page.holderChoices
                        textRole: "label"
                        valueRole: "value"
                        currentIndex: page.persons.length > 0 ? 1 : 0
                    }
                }
                FormField {
                    label: qsTr("Effective date")
                    required: true
                    error: page.fieldError("effective_date", page.dateError)
                    DateField {
                        id: dateField
                        objectName: "effectiveDateField"
                        text: Archive.today()
                    }
                }
                FormField {
                    label: qsTr("Note")
                    error: page.fieldError("note", "")
                    TextField {
                        id: noteField
                        maximumLength: 200
                        placeholderText: qsTr("e.g. transferred to the head office")
                    }
                }
            }

            Button {
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch + 4
                text: qsTr("Record change")
                highlighted: true
                enabled: !page.attempted || page.valid
                Material.accent: Theme.primary
                onClicked: page.save()
            }
        }
    }
}
