// Create or edit a key person: the fields laid out on a RecordEditor, which checks each one
// with core's rules as the rep types and shows what a save refused at its field.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Page {
    id: page
    objectName: "keyPersonEditPage"

    property string personId          // empty: a new key person of accountId
    property string accountId
    readonly property alias editor: personEditor

    function save(): bool {
        return personEditor.save()
    }
    // Leaving with unsaved input asks first.
    function leave() {
        if (personEditor.dirty)
            discardDialog.open()
        else
            page.StackView.view.pop()
    }

    RecordEditor {
        id: personEditor
        source: Archive
        entity: "key_person"
        recordId: page.personId
        parentId: page.accountId
        onSaved: (id, created) => {
            const view = page.StackView.view
            if (!view)
                return
            if (created)
                view.replace(page, Qt.resolvedUrl("KeyPersonPage.qml"), { personId: id })
            else
                view.pop()
        }
    }
    Component.onCompleted: personEditor.load()

    background: Rectangle { color: Theme.background }

    header: PageHeader {
        title: page.personId.length > 0 ? qsTr("Edit key person") : qsTr("New key person")
        onBackClicked: page.leave()
    }

    footer: FormActions {
        text: qsTr("Save")
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

            ErrorBanner { text: personEditor.message }

            SectionCard {
                title: qsTr("Person")
                RecordField { objectName: "personNameField"; editor: personEditor; field: "name" }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    RecordField {
                        Layout.preferredWidth: 100
                        editor: personEditor; field: "role"
                    }
                    RecordField {
                        Layout.preferredWidth: 100
                        editor: personEditor; field: "title"
                        placeholderText: qsTr("e.g. office director")
                    }
                }
                RecordField { objectName: "personPhoneField"; editor: personEditor; field: "phone" }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    RecordField {
                        Layout.preferredWidth: 100
                        editor: personEditor; field: "birthday"
                    }
                    RecordField {
                        objectName: "personAgeField"
                        Layout.preferredWidth: 100
                        editor: personEditor; field: "age"
                    }
                }
                RecordField {
                    objectName: "personAnniversariesField"
                    editor: personEditor; field: "anniversaries"
                    multiline: true
                    placeholderText: qsTr("e.g. wedding anniversary 05-20")
                }
            }

            SectionCard {
                title: qsTr("Temperament and attitude")
                RecordField {
                    id: temperamentField
                    editor: personEditor; field: "temperament"
                    inputComponent: Component {
                        TemperamentCombo {
                            objectName: "temperamentBox"
                            controlled: true
                            value: temperamentField.text
                            onPicked: (code) => temperamentField.edit(code)
                        }
                    }
                }
                Rectangle {
                    Layout.fillWidth: true
                    visible: temperamentField.text.length > 0
                    implicitHeight: tipText.implicitHeight + 20
                    radius: 8
                    color: Theme.tipBackground
                    border.color: Theme.tipBorder
                    Label {
                        id: tipText
                        anchors.left: parent.left
                        anchors.right: parent.right
                        anchors.verticalCenter: parent.verticalCenter
                        anchors.margins: 10
                        text: qsTr("Tip: %1").arg(Labels.temperament(temperamentField.text).tip)
                        wrapMode: Text.Wrap
                        font.pixelSize: 14
                        color: Theme.textPrimary
                    }
                }
                RecordField { editor: personEditor; field: "attitude" }
            }

            SectionCard {
                title: qsTr("Background")
                RecordField { editor: personEditor; field: "hobbies" }
                RecordField { editor: personEditor; field: "taboos" }
                RecordField { editor: personEditor; field: "family" }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    RecordField {
                        Layout.preferredWidth: 100
                        editor: personEditor; field: "education"
                    }
                    RecordField {
                        Layout.preferredWidth: 100
                        editor: personEditor; field: "native_place"
                    }
                }
                RecordField { editor: personEditor; field: "personality" }
                RecordField { editor: personEditor; field: "work_style" }
                RecordField { editor: personEditor; field: "notes"; multiline: true }
            }
        }
    }
}
