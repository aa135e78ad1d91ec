// Create or edit an account: the fields laid out on a RecordEditor, which checks each one
// with core's rules as the rep types (the registry's declarations and the account's entry
// rules: an agreement cannot end before it starts) and shows what a save refused at its
// field. Nothing is written while a field is invalid.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Page {
    id: page
    objectName: "accountEditPage"

    property string accountId        // empty: a new account
    property string initialName      // a new account's name as the rep typed it in the search
    readonly property alias editor: accountEditor

    signal saved(string accountId)

    // Returns true when the account was written.
    function save(): bool {
        return accountEditor.save()
    }
    // Leaving with unsaved input asks first.
    function leave() {
        if (accountEditor.dirty)
            discardDialog.open()
        else
            page.StackView.view.pop()
    }

    // The custom fields are edited as rows of name and value; the editor holds them as one
    // map. Names must be given and unique, which only this page can see.
    function customChanged() {
        const custom = {}
        let problem = ""
        for (let i = 0; i < customModel.count; ++i) {
            const row = customModel.get(i)
            const k = row.fieldKey.trim()
            if (k.length === 0 && row.fieldValue.trim().length > 0 && problem.length === 0)
                problem = qsTr("Each custom field needs a name")
            else if (k.length > 0 && custom[k] !== undefined && problem.length === 0)
                problem = qsTr("The custom field \"%1\" appears twice").arg(k)
            if (k.length > 0 && custom[k] === undefined)
                custom[k] = row.fieldValue.trim()
        }
        accountEditor.setPageError("custom", problem)
        accountEditor.set("custom", custom)
    }

    RecordEditor {
        id: accountEditor
        source: Archive
        entity: "account"
        recordId: page.accountId
        onSaved: (id, created) => {
            page.saved(id)
            const view = page.StackView.view
            if (!view)
                return
            if (created)
                view.replace(page, Qt.resolvedUrl("AccountPage.qml"), { accountId: id })
            else
                view.pop()
        }
    }
    Component.onCompleted: {
        accountEditor.load(page.accountId.length === 0 && page.initialName.length > 0
                           ? { name: page.initialName } : {})
        const c = accountEditor.values.custom || {}
        for (const k of Object.keys(c).sort())
            customModel.append({ fieldKey: k, fieldValue: String(c[k]) })
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
                text: accountEditor.message
            }

            SectionCard {
                title: qsTr("Basic information")
                RecordField {
                    objectName: "nameFormField"
                    editor: accountEditor; field: "name"
                    placeholderText: qsTr("e.g. West Lake State Guesthouse, Hangzhou")
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    RecordField {
                        objectName: "tierFormField"
                        Layout.preferredWidth: 100
                        editor: accountEditor; field: "tier"
                    }
                    // A new account starts in a stage; later moves go through "Change stage"
                    // on the account page, with their reason (stage_change).
                    RecordField {
                        id: stageField
                        visible: page.accountId.length === 0
                        Layout.preferredWidth: 100
                        editor: accountEditor; field: "stage"
                        // An exit reason belongs to an exit only.
                        onTextChanged: if (text !== "exit" && exitField.text.length > 0) accountEditor.set("exit_reason", "")
                    }
                }
                RecordField {
                    id: exitField
                    visible: page.accountId.length === 0 && stageField.text === "exit"
                    editor: accountEditor; field: "exit_reason"
                }
                RecordField {
                    editor: accountEditor; field: "industry"
                    placeholderText: qsTr("e.g. hotel, hospital, government office")
                }
                RecordField { editor: accountEditor; field: "scale" }
                RecordField {
                    editor: accountEditor; field: "region"
                    placeholderText: qsTr("e.g. Xihu District")
                }
                RecordField { editor: accountEditor; field: "address" }
                RecordField { objectName: "phoneFormField"; editor: accountEditor; field: "phone" }
                RecordField { editor: accountEditor; field: "source" }
            }

            SectionCard {
                title: qsTr("Demand and consumption")
                RecordField {
                    editor: accountEditor; field: "demand_profile"
                    placeholderText: qsTr("e.g. daily hospitality, PR events")
                }
                RecordField { editor: accountEditor; field: "consumption_capacity" }
                RecordField { editor: accountEditor; field: "purchase_channel" }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    RecordField {
                        Layout.preferredWidth: 100
                        editor: accountEditor; field: "price_level"
                    }
                    RecordField {
                        Layout.preferredWidth: 100
                        editor: accountEditor; field: "price_sensitivity"
                    }
                }
                RecordField { editor: accountEditor; field: "competitors" }
            }

            SectionCard {
                title: qsTr("Annual agreement")
                RecordField { objectName: "volumeFormField"; editor: accountEditor; field: "agreement_volume" }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    RecordField {
                        objectName: "startFormField"
                        Layout.preferredWidth: 100
                        editor: accountEditor; field: "agreement_start"
                    }
                    RecordField {
                        objectName: "endFormField"
                        Layout.preferredWidth: 100
                        editor: accountEditor; field: "agreement_end"
                    }
                }
            }

            SectionCard {
                title: qsTr("Relations and notes")
                RecordField {
                    editor: accountEditor; field: "social_relations"
                    placeholderText: qsTr("Who knows whom, associations, mutual contacts")
                }
                RecordField { editor: accountEditor; field: "notes" }
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
                            onTextEdited: {
                                customModel.setProperty(customRow.index, "fieldKey", text)
                                page.customChanged()
                            }
                        }
                        TextField {
                            Layout.fillWidth: true
                            text: customRow.fieldValue
                            placeholderText: qsTr("Value")
                            onTextEdited: {
                                customModel.setProperty(customRow.index, "fieldValue", text)
                                page.customChanged()
                            }
                        }
                        ToolButton {
                            text: "\u2715"
                            Accessible.name: qsTr("Remove field")
                            onClicked: {
                                customModel.remove(customRow.index)
                                page.customChanged()
                            }
                        }
                    }
                }
                Label {
                    objectName: "customError"
                    Layout.fillWidth: true
                    visible: text.length > 0
                    text: accountEditor.errors.custom !== undefined ? String(accountEditor.errors.custom) : ""
                    color: Theme.error
                    font.pixelSize: 12
                    wrapMode: Text.Wrap
                }
            }
        }
    }
}
