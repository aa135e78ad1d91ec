// Create or edit an account. Errors are shown under the field they concern: our own
// checks as the rep types, and the ones returned by Archive.saveAccount after Save.
// Nothing is written while a field is invalid.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Page {
    id: page
    objectName: "accountEditPage"

    property string accountId        // empty: a new account
    property bool attempted: false   // Save was pressed once: show every error
    property var serverErrors: ({})
    property string message
    property var lastResult: ({})

    signal saved(string accountId)

    readonly property string nameError: {
        if (!attempted && !nameField.edited)
            return ""
        return nameField.text.trim().length === 0 ? qsTr("Please enter the account name") : ""
    }
    // Core's own rules, as a save applies them (the registry's declaration of each field).
    readonly property string phoneError: Labels.check("account", "phone", phoneField.text)
    readonly property string volumeError: Labels.check("account", "agreement_volume", volumeField.text)
    readonly property string startError: startField.valid ? "" : qsTr("Enter a date as YYYY-MM-DD")
    readonly property string endError: {
        if (!endField.valid)
            return qsTr("Enter a date as YYYY-MM-DD")
        if (startField.text.length > 0 && endField.text.length > 0 && startField.valid
                && endField.text < startField.text)
            return qsTr("The end date is before the start date")
        return ""
    }
    readonly property string customError: {
        const keys = []
        for (let i = 0; i < customModel.count; ++i) {
            const row = customModel.get(i)
            const k = row.fieldKey.trim()
            if (k.length === 0 && row.fieldValue.trim().length > 0)
                return qsTr("Each custom field needs a name")
            if (k.length > 0 && keys.indexOf(k) >= 0)
                return qsTr("The custom field \"%1\" appears twice").arg(k)
            keys.push(k)
        }
        return ""
    }
    readonly property bool valid: nameField.text.trim().length > 0 && phoneError.length === 0
                                  && volumeError.length === 0 && startError.length === 0
                                  && endError.length === 0 && customError.length === 0

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
        const a = accountId.length > 0 ? Archive.account(accountId) : ({})
        const s = f => (a[f] === undefined || a[f] === null) ? "" : String(a[f])
        nameField.text = s("name")
        tierBox.value = s("tier") || "P"
        stageBox.value = s("stage") || "acquisition"
        industryField.text = s("industry")
        scaleBox.value = s("scale")
        regionField.text = s("region")
        addressField.text = s("address")
        phoneField.text = s("phone")
        sourceBox.value = s("source")
        repField.text = s("assigned_rep")
        demandField.text = s("demand_profile")
        capacityBox.value = s("consumption_capacity")
        channelField.text = s("purchase_channel")
        priceLevelBox.value = s("price_level")
        sensitivityBox.value = s("price_sensitivity")
        competitorsField.text = s("competitors")
        volumeField.text = s("agreement_volume")
        startField.text = s("agreement_start")
        endField.text = s("agreement_end")
        exitBox.value = s("exit_reason")
        relationsArea.text = s("social_relations")
        notesArea.text = s("notes")
        customModel.clear()
        const c = a.custom || {}
        for (const k of Object.keys(c).sort())
            customModel.append({ fieldKey: k, fieldValue: String(c[k]) })
    }

    function collect(): var {
        const custom = {}
        for (let i = 0; i < customModel.count; ++i) {
            const row = customModel.get(i)
            if (row.fieldKey.trim().length > 0)
                custom[row.fieldKey.trim()] = row.fieldValue.trim()
        }
        const volume = volumeField.text.trim()
        return {
            name: nameField.text.trim(),
            tier: tierBox.value,
            stage: stageBox.value,
            industry: industryField.text.trim(),
            scale: scaleBox.value,
            region: regionField.text.trim(),
            address: addressField.text.trim(),
            phone: phoneField.text.trim(),
            source: sourceBox.value,
            assigned_rep: repField.text.trim(),
            demand_profile: demandField.text.trim(),
            consumption_capacity: capacityBox.value,
            purchase_channel: channelField.text.trim(),
            price_level: priceLevelBox.value,
            price_sensitivity: sensitivityBox.value,
            competitors: competitorsField.text.trim(),
            agreement_volume: volume.length > 0 ? Number(volume) : "",
            agreement_start: startField.text.trim(),
            agreement_end: endField.text.trim(),
            exit_reason: stageBox.value === "exit" ? exitBox.value : "",
            social_relations: relationsArea.text.trim(),
            notes: notesArea.text.trim(),
            custom: custom
        }
    }

    // Returns true when the account was written.
    function save(): bool {
        attempted = true
        message = ""
        if (!valid) {
            message = qsTr("Please correct the fields marked in red.")
            return false
        }
        const result = Archive.saveAccount(accountId, collect())
        lastResult = result
        if (!result.ok) {
            serverErrors = result.errors || {}
            message = result.message || qsTr("The account could not be saved.")
            return false
        }
        serverErrors = {}
        const view = page.StackView.view
        const isNew = accountId.length === 0
        saved(result.id)
        if (view) {
            if (isNew)
                view.replace(page, Qt.resolvedUrl("AccountPage.qml"), { accountId: result.id })
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
        objectName: "editHeader"
        title: page.accountId.length > 0 ? qsTr("Edit account") : qsTr("New account")
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

            ErrorBanner {
                objectName: "errorBanner"
                text: page.message
            }

            SectionCard {
                title: qsTr("Basic information")
                FormField {
                    objectName: "nameFormField"
                    entity: "account"; field: "name"
                    error: page.fieldError("name", page.nameError)
                    TextField {
                        id: nameField
                        objectName: "nameField"
                        property bool edited: false
                        placeholderText: qsTr("e.g. West Lake State Guesthouse, Hangzhou")
                        maximumLength: 100
                        onTextEdited: { edited = true; page.clearServerError("name") }
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    FormField {
                        Layout.preferredWidth: 100
                        entity: "account"; field: "tier"
                        error: page.fieldError("tier", "")
                        EnumCombo {
                            id: tierBox
                            objectName: "tierBox"
                            entity: "account"; field: "tier"; allowEmpty: false
                            onActivated: page.clearServerError("tier")
                        }
                    }
                    FormField {
                        Layout.preferredWidth: 100
                        entity: "account"; field: "stage"
                        error: page.fieldError("stage", "")
                        EnumCombo {
                            id: stageBox
                            entity: "account"; field: "stage"; allowEmpty: false
                            onActivated: page.clearServerError("stage")
                        }
                    }
                }
                FormField {
                    visible: stageBox.value === "exit"
                    entity: "account"; field: "exit_reason"
                    error: page.fieldError("exit_reason", "")
                    EnumCombo { id: exitBox; entity: "account"; field: "exit_reason" }
                }
                FormField {
                    entity: "account"; field: "industry"
                    error: page.fieldError("industry", "")
                    TextField {
                        id: industryField
                        placeholderText: qsTr("e.g. hotel, hospital, government office")
                        maximumLength: 40
                        onTextEdited: page.clearServerError("industry")
                    }
                }
                FormField {
                    entity: "account"; field: "scale"
                    error: page.fieldError("scale", "")
                    EnumCombo { id: scaleBox; entity: "account"; field: "scale" }
                }
                FormField {
                    entity: "account"; field: "region"
                    error: page.fieldError("region", "")
                    TextField {
                        id: regionField
                        maximumLength: 40
                        placeholderText: qsTr("e.g. Xihu District")
                        onTextEdited: page.clearServerError("region")
                    }
                }
                FormField {
                    entity: "account"; field: "address"
                    error: page.fieldError("address", "")
                    TextField {
                        id: addressField
                        maximumLength: 200
                        onTextEdited: page.clearServerError("address")
                    }
                }
                FormField {
                    entity: "account"; field: "phone"
                    error: page.fieldError("phone", page.phoneError)
                    TextField {
                        id: phoneField
                        inputMethodHints: Qt.ImhDialableCharactersOnly
                        onTextEdited: page.clearServerError("phone")
                    }
                }
                FormField {
                    entity: "account"; field: "source"
                    error: page.fieldError("source", "")
                    EnumCombo { id: sourceBox; entity: "account"; field: "source" }
                }
                FormField {
                    entity: "account"; field: "assigned_rep"
                    error: page.fieldError("assigned_rep", "")
                    TextField {
                        id: repField
                        maximumLength: 64
                        onTextEdited: page.clearServerError("assigned_rep")
                    }
                }
            }

            SectionCard {
                title: qsTr("Demand and consumption")
                FormField {
                    entity: "account"; field: "demand_profile"
                    error: page.fieldError("demand_profile", "")
                    TextField {
                        id: demandField
                        maximumLength: 200
                        placeholderText: qsTr("e.g. daily hospitality, PR events")
                        onTextEdited: page.clearServerError("demand_profile")
                    }
                }
                FormField {
                    entity: "account"; field: "consumption_capacity"
                    error: page.fieldError("consumption_capacity", "")
                    EnumCombo { id: capacityBox; entity: "account"; field: "consumption_capacity" }
                }
                FormField {
                    entity: "account"; field: "purchase_channel"
                    error: page.fieldError("purchase_channel", "")
                    TextField {
                        id: channelField
                        maximumLength: 100
                        onTextEdited: page.clearServerError("purchase_channel")
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    FormField {
                        Layout.preferredWidth: 100
                        entity: "account"; field: "price_level"
                        error: page.fieldError("price_level", "")
                        EnumCombo { id: priceLevelBox; entity: "account"; field: "price_level" }
                    }
                    FormField {
                        Layout.preferredWidth: 100
                        entity: "account"; field: "price_sensitivity"
                        error: page.fieldError("price_sensitivity", "")
                        EnumCombo { id: sensitivityBox; entity: "account"; field: "price_sensitivity" }
                    }
                }
                FormField {
                    entity: "account"; field: "competitors"
                    error: page.fieldError("competitors", "")
                    TextField {
                        id: competitorsField
                        maximumLength: 200
                        onTextEdited: page.clearServerError("competitors")
                    }
                }
            }

            SectionCard {
                title: qsTr("Annual agreement")
                FormField {
                    entity: "account"; field: "agreement_volume"
                    error: page.fieldError("agreement_volume", page.volumeError)
                    TextField {
                        id: volumeField
                        inputMethodHints: Qt.ImhFormattedNumbersOnly
                        onTextEdited: page.clearServerError("agreement_volume")
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    FormField {
                        Layout.preferredWidth: 100
                        entity: "account"; field: "agreement_start"
                        error: page.fieldError("agreement_start", page.startError)
                        DateField { id: startField; onTextEdited: page.clearServerError("agreement_start") }
                    }
                    FormField {
                        Layout.preferredWidth: 100
                        entity: "account"; field: "agreement_end"
                        error: page.fieldError("agreement_end", page.endError)
                        DateField { id: endField; onTextEdited: page.clearServerError("agreement_end") }
                    }
                }
            }

            SectionCard {
                title: qsTr("Relations and notes")
                FormField {
                    entity: "account"; field: "social_relations"
                    error: page.fieldError("social_relations", "")
                    TextArea {
                        id: relationsArea
                        wrapMode: TextEdit.Wrap
                        placeholderText: qsTr("Who knows whom, associations, mutual contacts")
                        onTextChanged: page.clearServerError("social_relations")
                    }
                }
                FormField {
                    entity: "account"; field: "notes"
                    error: page.fieldError("notes", "")
                    TextArea {
                        id: notesArea
                        wrapMode: TextEdit.Wrap
                        onTextChanged: page.clearServerError("notes")
                    }
                }
            }

            SectionCard {
                title: qsTr("Custom fields")
                actionText: qsTr("+ Add field")
                onActionClicked: customModel.append({ fieldKey: "", fieldValue: "" })

                ListModel { id: customModel }

                Label {
                    Layout.fillWidth: true
                    visible: customModel.count === 0
                    text: qsTr("Add facts of your own, e.g. \"parking\": \"east gate\".")
                    color: Theme.textHint
                    font.pixelSize: 13
                    wrapMode: Text.Wrap
                }
                Repeater {
                    model: customModel
                    delegate: RowLayout {
                        id: customRow
                        required property int index
                        required property string fieldKey
                        required property string fieldValue
                        Layout.fillWidth: true
                        spacing: 8
                        TextField {
                            Layout.preferredWidth: 110
                            text: customRow.fieldKey
                            placeholderText: qsTr("Name")
                            onTextEdited: customModel.setProperty(customRow.index, "fieldKey", text)
                        }
                        TextField {
                            Layout.fillWidth: true
                            text: customRow.fieldValue
                            placeholderText: qsTr("Value")
                            onTextEdited: customModel.setProperty(customRow.index, "fieldValue", text)
                        }
                        ToolButton {
                            text: "\u2715"
                            Accessible.name: qsTr("Remove field")
                            onClicked: customModel.remove(customRow.index)
                        }
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: text.length > 0
                    text: page.fieldError("custom", page.customError)
                    color: Theme.error
                    font.pixelSize: 12
                    wrapMode: Text.Wrap
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
