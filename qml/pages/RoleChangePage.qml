// Record who holds a key position from a date on (or that it fell vacant). History is
// kept: a change never overwrites the previous holder. The fields are a RecordEditor's,
// checked with core's rules as the rep types.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Page {
    id: page
    objectName: "roleChangePage"

    required property string accountId
    property var account: Archive.account(accountId)
    property var persons: Archive.keyPersons(accountId)
    readonly property alias editor: changeEditor

    readonly property var holderChoices: [{ value: "", label: qsTr("Vacant") }]
        .concat(persons.map(p => ({ value: p.id,
                                     label: Labels.joined([p.name, Labels.option("key_person", "role", p.role || ""),
                                                           p.title], " · ") })))

    function save(): bool {
        return changeEditor.save()
    }
    function leave() {
        if (changeEditor.dirty)
            discardDialog.open()
        else
            page.StackView.view.pop()
    }

    RecordEditor {
        id: changeEditor
        source: Archive
        entity: "role_change"
        parentId: page.accountId
        onSaved: if (page.StackView.view) page.StackView.view.pop()
    }
    // The account's first key person is the likeliest new holder.
    Component.onCompleted: changeEditor.load({ person_id: page.persons.length > 0 ? page.persons[0].id : "" })

    background: Rectangle { color: Theme.background }

    header: PageHeader {
        title: qsTr("Key position change")
        onBackClicked: page.leave()
    }

    footer: FormActions {
        text: qsTr("Record change")
        onClicked: page.save()
    }

    DiscardChangesDialog {
        id: discardDialog
        parent: Overlay.overlay
        onDiscard: page.StackView.view.pop()
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

            ErrorBanner { text: changeEditor.message }

            SectionCard {
                title: page.account.name || ""
                Label {
                    Layout.fillWidth: true
                    text: qsTr("Record who holds a key position from which day. The previous holder stays in the history.")
                    color: Theme.textSecondary
                    font.pixelSize: 13
                    wrapMode: Text.Wrap
                }
                RecordField { objectName: "roleField"; editor: changeEditor; field: "role" }
                RecordField {
                    id: holderField
                    editor: changeEditor; field: "person_id"
                    hint: page.persons.length === 0
                          ? qsTr("Add the person as a key person first, or record the position as vacant.") : ""
                    inputComponent: Component {
                        ComboBox {
                            objectName: "holderBox"
                            implicitHeight: Theme.touch
                            model: page.holderChoices
                            textRole: "label"
                            valueRole: "value"
                            currentIndex: Math.max(0, page.holderChoices.findIndex(c => c.value === holderField.text))
                            onActivated: (index) => holderField.edit(page.holderChoices[index].value)
                        }
                    }
                }
                RecordField { objectName: "effectiveDateField"; editor: changeEditor; field: "effective_date" }
                RecordField {
                    editor: changeEditor; field: "note"
                    placeholderText: qsTr("e.g. transferred to the head office")
                }
            }
        }
    }
}
