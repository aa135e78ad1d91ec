// Record who holds a key position from a date on (or that it fell vacant). History is
// kept: a change never overwrites the previous holder. The page shows who holds the chosen
// position now and never guesses the new holder: the rep picks a person or "Vacant". The
// fields are a RecordEditor's, checked with core's rules as the rep types.
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
    property var history: Archive.roleHistory(accountId)
    readonly property alias editor: changeEditor
    // The rep has picked the new holder (a person, or Vacant): nothing is assumed.
    property bool holderChosen: false
    // Who holds the chosen position today, from the history.
    readonly property var currentHolder: {
        const role = changeEditor.values.role || ""
        const open = page.history.filter(h => h.role === role && !h.to)
        return open.length > 0 ? open[0] : null
    }

    readonly property var holderChoices: [{ value: "", label: qsTr("Vacant") }]
        .concat(persons.map(p => ({ value: p.id,
                                     label: Labels.joined([p.name, Labels.option("key_person", "role", p.role || ""),
                                                           p.title], " · ") })))

    function save(): bool {
        if (!page.holderChosen) {
            changeEditor.check()
            changeEditor.setPageError("person_id", qsTr("Choose the new holder, or Vacant"))
            return false
        }
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
    Component.onCompleted: changeEditor.load()

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
                InfoRow {
                    objectName: "currentHolder"
                    label: qsTr("Now held by")
                    value: page.currentHolder
                           ? qsTr("%1, since %2").arg(page.currentHolder.personName || qsTr("nobody (vacant)"))
                                                   .arg(Labels.display("role_change", "effective_date", page.currentHolder.from))
                           : qsTr("Nobody recorded")
                }
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
                            currentIndex: page.holderChosen ? page.holderChoices.findIndex(c => c.value === holderField.text) : -1
                            displayText: page.holderChosen ? currentText : qsTr("Choose…")
                            onActivated: (index) => {
                                page.holderChosen = true
                                changeEditor.setPageError("person_id", "")
                                holderField.edit(page.holderChoices[index].value)
                            }
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
