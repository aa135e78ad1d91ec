// Create or edit a key person. Name, phone, birthday and age are checked at the field;
// errors returned by Archive.saveKeyPerson are shown under the field they concern.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Page {
    id: page
    objectName: "keyPersonEditPage"

    property string personId          // empty: a new key person of accountId
    property string accountId
    property bool attempted: false
    property var serverErrors: ({})
    property string message
    property var lastResult: ({})

    readonly property string nameError: (attempted || nameField.edited) && nameField.text.trim().length === 0
                                        ? qsTr("Please enter the person's name") : ""
    // Core's own rules, as a save applies them (the registry's declaration of each field).
    readonly property string phoneError: Labels.check("key_person", "phone", phoneField.text)
    readonly property string birthdayError: birthdayField.valid ? "" : qsTr("Enter a date as YYYY-MM-DD")
    readonly property string ageError: Labels.check("key_person", "age", ageField.text)
    readonly property bool valid: nameField.text.trim().length > 0 && phoneError.length === 0
                                  && birthdayError.length === 0 && ageError.length === 0

    function fieldError(field: string, local: string): string {
        if (local.length > 0)
            return local
        const e = serverErrors[field]
        return e ? String(e) : ""
    }
    function clearServerError(field: string) {
        if (serverErrors[field] !== undefined) {
            const copy = Object.assign({}, serverErrors)
            delete copy[field]
            serverErrors = copy
        }
    }

    function load() {
        const p = personId.length > 0 ? Archive.keyPerson(personId) : ({})
        const s = f => (p[f] === undefined || p[f] === null) ? "" : String(p[f])
        if (personId.length > 0 && accountId.length === 0)
            accountId = s("account_id")
        nameField.text = s("name")
        roleBox.value = s("role") || "other"
        titleField.text = s("title")
        phoneField.text = s("phone")
        birthdayField.text = s("birthday")
        ageField.text = s("age")
        temperamentBox.value = s("temperament")
        attitudeBox.value = s("attitude")
        anniversariesArea.text = s("anniversaries")
        hobbiesField.text = s("hobbies")
        taboosField.text = s("taboos")
        familyField.text = s("family")
        educationField.text = s("education")
        nativeField.text = s("native_place")
        personalityField.text = s("personality")
        workStyleField.text = s("work_style")
        notesArea.text = s("notes")
    }

    function collect(): var {
        const age = ageField.text.trim()
        return {
            name: nameField.text.trim(),
            role: roleBox.value,
            title: titleField.text.trim(),
            phone: phoneField.text.trim(),
            birthday: birthdayField.text.trim(),
            age: age.length > 0 ? Number(age) : "",
            temperament: temperamentBox.value,
            attitude: attitudeBox.value,
            anniversaries: anniversariesArea.text.trim(),
            hobbies: hobbiesField.text.trim(),
            taboos: taboosField.text.trim(),
            family: familyField.text.trim(),
            education: educationField.text.trim(),
            native_place: nativeField.text.trim(),
            personality: personalityField.text.trim(),
            work_style: workStyleField.text.trim(),
            notes: notesArea.text.trim()
        }
    }

    function save(): bool {
        attempted = true
        message = ""
        if (!valid) {
            message = qsTr("Please correct the fields marked in red.")
            return false
        }
        const result = Archive.saveKeyPerson(personId, accountId, collect())
        lastResult = result
        if (!result.ok) {
            serverErrors = result.errors || {}
            message = result.message || qsTr("The key person could not be saved.")
            return false
        }
        serverErrors = {}
        const view = page.StackView.view
        if (view) {
            if (personId.length === 0)
                view.replace(page, Qt.resolvedUrl("KeyPersonPage.qml"), { personId: result.id })
            else
                view.pop()
        }
        return true
    }

    // What the form held when it was loaded: leaving with anything else asks first.
    property string loaded
    function dirty(): bool {
        return JSON.stringify(collect()) !== loaded
    }
    function leave() {
        if (dirty())
            discardDialog.open()
        else
            page.StackView.view.pop()
    }

    Component.onCompleted: {
        load()
        loaded = JSON.stringify(collect())
    }

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

            ErrorBanner { text: page.message }

            SectionCard {
                title: qsTr("Person")
                FormField {
                    entity: "key_person"; field: "name"
                    error: page.fieldError("name", page.nameError)
                    TextField {
                        id: nameField
                        objectName: "personNameField"
                        property bool edited: false
                        maximumLength: 50
                        onTextEdited: { edited = true; page.clearServerError("name") }
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    FormField {
                        Layout.preferredWidth: 100
                        entity: "key_person"; field: "role"
                        error: page.fieldError("role", "")
                        EnumCombo { id: roleBox; entity: "key_person"; field: "role"; allowEmpty: false }
                    }
                    FormField {
                        Layout.preferredWidth: 100
                        entity: "key_person"; field: "title"
                        error: page.fieldError("title", "")
                        TextField {
                            id: titleField
                            maximumLength: 50
                            placeholderText: qsTr("e.g. office director")
                            onTextEdited: page.clearServerError("title")
                        }
                    }
                }
                FormField {
                    entity: "key_person"; field: "phone"
                    error: page.fieldError("phone", page.phoneError)
                    TextField {
                        id: phoneField
                        objectName: "personPhoneField"
                        inputMethodHints: Qt.ImhDialableCharactersOnly
                        onTextEdited: page.clearServerError("phone")
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    FormField {
                        Layout.preferredWidth: 100
                        entity: "key_person"; field: "birthday"
                        error: page.fieldError("birthday", page.birthdayError)
                        DateField { id: birthdayField; onTextEdited: page.clearServerError("birthday") }
                    }
                    FormField {
                        Layout.preferredWidth: 100
                        entity: "key_person"; field: "age"
                        error: page.fieldError("age", page.ageError)
                        TextField {
                            id: ageField
                            objectName: "personAgeField"
                            inputMethodHints: Qt.ImhDigitsOnly
                            maximumLength: 3
                            onTextEdited: page.clearServerError("age")
                        }
                    }
                }
                FormField {
                    entity: "key_person"; field: "anniversaries"
                    error: page.fieldError("anniversaries", "")
                    TextArea {
                        id: anniversariesArea
                        wrapMode: TextEdit.Wrap
                        placeholderText: qsTr("e.g. wedding anniversary 05-20")
                        onTextChanged: page.clearServerError("anniversaries")
                    }
                }
            }

            SectionCard {
                title: qsTr("Temperament and attitude")
                FormField {
                    entity: "key_person"; field: "temperament"
                    error: page.fieldError("temperament", "")
                    TemperamentCombo { id: temperamentBox; objectName: "temperamentBox" }
                }
                Rectangle {
                    Layout.fillWidth: true
                    visible: temperamentBox.value.length > 0
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
                        text: qsTr("Tip: %1").arg(Labels.temperament(temperamentBox.value).tip)
                        wrapMode: Text.Wrap
                        font.pixelSize: 14
                        color: Theme.textPrimary
                    }
                }
                FormField {
                    entity: "key_person"; field: "attitude"
                    error: page.fieldError("attitude", "")
                    EnumCombo { id: attitudeBox; entity: "key_person"; field: "attitude" }
                }
            }

            SectionCard {
                title: qsTr("Background")
                FormField {
                    entity: "key_person"; field: "hobbies"
                    error: page.fieldError("hobbies", "")
                    TextField { id: hobbiesField; maximumLength: 200; onTextEdited: page.clearServerError("hobbies") }
                }
                FormField {
                    entity: "key_person"; field: "taboos"
                    error: page.fieldError("taboos", "")
                    TextField { id: taboosField; maximumLength: 200; onTextEdited: page.clearServerError("taboos") }
                }
                FormField {
                    entity: "key_person"; field: "family"
                    error: page.fieldError("family", "")
                    TextField { id: familyField; maximumLength: 200; onTextEdited: page.clearServerError("family") }
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    FormField {
                        Layout.preferredWidth: 100
                        entity: "key_person"; field: "education"
                        error: page.fieldError("education", "")
                        TextField { id: educationField; maximumLength: 100; onTextEdited: page.clearServerError("education") }
                    }
                    FormField {
                        Layout.preferredWidth: 100
                        entity: "key_person"; field: "native_place"
                        error: page.fieldError("native_place", "")
                        TextField { id: nativeField; maximumLength: 50; onTextEdited: page.clearServerError("native_place") }
                    }
                }
                FormField {
                    entity: "key_person"; field: "personality"
                    error: page.fieldError("personality", "")
                    TextField { id: personalityField; maximumLength: 200; onTextEdited: page.clearServerError("personality") }
                }
                FormField {
                    entity: "key_person"; field: "work_style"
                    error: page.fieldError("work_style", "")
                    TextField { id: workStyleField; maximumLength: 200; onTextEdited: page.clearServerError("work_style") }
                }
                FormField {
                    entity: "key_person"; field: "notes"
                    error: page.fieldError("notes", "")
                    TextArea { id: notesArea; wrapMode: TextEdit.Wrap; onTextChanged: page.clearServerError("notes") }
                }
            }

            Button {
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch + 4
                text: qsTr("Save")
                highlighted: true
                enabled: !page.attempted || page.valid
                Material.accent: Theme.primary
                onClicked: page.save()
            }
        }
    }
}
