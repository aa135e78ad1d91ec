// Book a phone appointment (电话预约) with an account, optionally with one of its key persons:
// when (local day and time), for how long, what for, where, notes. A time that runs into
// another of the rep's appointments is allowed and said under the time. Fields are a
// RecordEditor's, checked with core's rules as the rep types.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Page {
    id: page
    objectName: "appointmentEditPage"

    required property string accountId
    property string personId  // booking from a key person: preselected
    property var account: Archive.account(accountId)
    property var persons: Archive.keyPersons(accountId)
    readonly property alias editor: bookEditor
    readonly property var personChoices: [{ value: "", label: qsTr("Nobody in particular") }]
        .concat(persons.map(p => ({ value: p.id,
                                     label: Labels.joined([p.name, Labels.option("key_person", "role", p.role || "")], " · ") })))
    readonly property bool canBook: Agenda.canBook()
    // What the time runs into (a warning, not a refusal).
    property var clashes: []

    function save(): bool {
        return bookEditor.save()
    }
    function leave() {
        if (bookEditor.dirty)
            discardDialog.open()
        else
            page.StackView.view.pop()
    }
    // The day and time fields make one instant; a day or time that is not one is said there.
    function timeEdited() {
        const at = Agenda.instantOf(dateField.text, timeField.text)
        bookEditor.setPageError("starts_at", at < 0 ? qsTr("Enter the day as YYYY-MM-DD and the time as HH:mm") : "")
        if (at >= 0)
            bookEditor.set("starts_at", at)
        page.checkClashes()
    }
    function checkClashes() {
        const at = Number(bookEditor.values.starts_at)
        const minutes = Number(bookEditor.values.minutes)
        page.clashes = at > 0 && minutes > 0 ? Agenda.overlaps(at, minutes, "") : []
    }

    RecordEditor {
        id: bookEditor
        source: Agenda
        entity: "appointment"
        parentId: page.accountId
        onSaved: if (page.StackView.view) page.StackView.view.pop()
        onValuesChanged: page.checkClashes()
    }
    Component.onCompleted: {
        bookEditor.load(page.personId.length > 0 ? { key_person_id: page.personId } : ({}))
        const local = Agenda.localOf(Number(bookEditor.values.starts_at))
        dateField.text = local.date
        timeField.text = local.time
        page.checkClashes()
    }

    background: Rectangle { color: Theme.background }

    header: PageHeader {
        title: qsTr("Book an appointment")
        onBackClicked: page.leave()
    }

    footer: FormActions {
        text: qsTr("Book")
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
        ScrollIndicator.vertical: ScrollIndicator {}

        ColumnLayout {
            id: form
            x: Theme.margin
            y: Theme.margin
            width: flick.width - 2 * Theme.margin
            spacing: Theme.spacing

            ErrorBanner {
                objectName: "bookError"
                text: page.canBook ? bookEditor.message
                                   : qsTr("Sign in on the Sync tab first: an appointment is booked in your name.")
            }

            SectionCard {
                title: page.account.name || ""
                RecordField {
                    id: personField
                    editor: bookEditor; field: "key_person_id"
                    inputComponent: Component {
                        ComboBox {
                            objectName: "appointmentPersonBox"
                            implicitHeight: Theme.touch
                            model: page.personChoices
                            textRole: "label"
                            valueRole: "value"
                            currentIndex: Math.max(0, page.personChoices.findIndex(c => c.value === personField.text))
                            onActivated: (index) => personField.edit(page.personChoices[index].value)
                        }
                    }
                }
                FormField {
                    objectName: "whenFormField"
                    entity: "appointment"; field: "starts_at"
                    error: bookEditor.errors.starts_at !== undefined ? String(bookEditor.errors.starts_at) : ""
                    hint: page.clashes.length > 0 ? "" : info.hint
                    RowLayout {
                        spacing: Theme.spacing
                        DateField {
                            id: dateField
                            objectName: "appointmentDateField"
                            Layout.fillWidth: true
                            onTextEdited: page.timeEdited()
                        }
                        TextField {
                            id: timeField
                            objectName: "appointmentTimeField"
                            Layout.preferredWidth: 90
                            implicitHeight: Theme.touch
                            placeholderText: qsTr("HH:mm")
                            inputMethodHints: Qt.ImhTime
                            maximumLength: 5
                            onTextEdited: page.timeEdited()
                        }
                    }
                }
                Label {
                    objectName: "appointmentClash"
                    Layout.fillWidth: true
                    visible: page.clashes.length > 0
                    text: qsTr("Runs into: %1. You can still book it.").arg(page.clashes.join("; "))
                    color: Theme.error
                    font.pixelSize: 12
                    wrapMode: Text.Wrap
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    RecordField {
                        objectName: "minutesFormField"
                        Layout.preferredWidth: 100
                        editor: bookEditor; field: "minutes"
                    }
                    RecordField {
                        Layout.preferredWidth: 100
                        editor: bookEditor; field: "purpose"
                    }
                }
                RecordField {
                    editor: bookEditor; field: "place"
                    placeholderText: qsTr("e.g. third-floor meeting room")
                }
                RecordField { editor: bookEditor; field: "notes" }
            }
        }
    }
}
