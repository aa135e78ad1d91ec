// Record that this account referred another one (转介绍): an account already in the archive,
// picked by searching, or a new prospect (name, phone, region: added as tier P, source
// referral); optionally the key person who made the referral, a date and a note.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Page {
    id: page
    objectName: "referralPage"

    required property string accountId   // the referrer
    property var account: Archive.account(accountId)
    property var persons: Archive.keyPersons(accountId)
    // The picked account's name, for the chip that replaces the search once one is picked.
    property string referredName
    readonly property string referredId: referralEditor.values.referred_account_id || ""
    readonly property alias editor: referralEditor
    readonly property alias prospect: prospectEditor
    // A new prospect rather than an account already in the archive.
    property bool newProspect: false

    readonly property var personChoices: [{ value: "", label: qsTr("Not specified") }]
        .concat(persons.map(p => ({ value: p.id,
                                     label: Labels.joined([p.name, Labels.option("key_person", "role", p.role || "")], " · ") })))

    function pick(accountId: string, name: string) {
        referredName = name
        referralEditor.set("referred_account_id", accountId)
    }
    function save(): bool {
        if (!page.newProspect)
            return referralEditor.save()
        // The prospect's fields are checked by its own form; the referral's date and note by
        // theirs (its referred account is the one being made).
        const prospectOk = prospectEditor.check()
        const referralOk = ["referral_date", "note", "referrer_person_id"]
            .every(f => referralEditor.errors[f] === undefined)
        if (!prospectOk || !referralOk)
            return false
        const v = referralEditor.values
        const result = Archive.addReferredProspect(page.accountId, v.referrer_person_id || "", prospectEditor.values,
                                                   v.referral_date || "", v.note || "")
        if (!result.ok) {
            const errors = result.errors || ({})
            for (const field in errors)
                prospectEditor.setPageError(field, String(errors[field]))
            prospectMessage.text = result.message
            return false
        }
        page.StackView.view.pop()
        return true
    }
    function leave() {
        if (referralEditor.dirty || (page.newProspect && prospectEditor.dirty))
            discardDialog.open()
        else
            page.StackView.view.pop()
    }

    RecordEditor {
        id: referralEditor
        source: Archive
        entity: "referral"
        parentId: page.accountId
        onSaved: if (page.StackView.view) page.StackView.view.pop()
    }
    Component.onCompleted: {
        referralEditor.load()
        prospectEditor.load({ tier: "P", stage: "acquisition", source: "referral" })
    }

    // The new prospect's own fields (the account form's rules); saved through
    // Archive.addReferredProspect, not by this editor.
    RecordEditor {
        id: prospectEditor
        source: Archive
        entity: "account"
        onEdited: (field) => prospectEditor.setPageError(field, "")
    }

    background: Rectangle { color: Theme.background }

    header: PageHeader {
        title: qsTr("Record referral")
        onBackClicked: page.leave()
    }

    footer: FormActions {
        text: qsTr("Record referral")
        onClicked: page.save()
    }

    DiscardChangesDialog {
        id: discardDialog
        parent: Overlay.overlay
        onDiscard: page.StackView.view.pop()
    }

    AccountListModel {
        id: candidates
    }
    Timer {
        id: debounce
        interval: 250
        onTriggered: candidates.searchText = searchField.text.trim()
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

            ErrorBanner { objectName: "referralError"; text: referralEditor.message }

            SectionCard {
                title: qsTr("Referred by %1").arg(page.account.name || "")
                // The picker is the page's own (search, then tap); label and message come from
                // the registry and the editor like every other field's.
                TabBar {
                    id: modeBar
                    objectName: "referralMode"
                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.margin
                    Layout.rightMargin: Theme.margin
                    currentIndex: page.newProspect ? 1 : 0
                    onCurrentIndexChanged: page.newProspect = currentIndex === 1
                    TabButton {
                        text: qsTr("In the archive")
                        font.capitalization: Font.MixedCase
                    }
                    TabButton {
                        objectName: "newProspectTab"
                        text: qsTr("New prospect")
                        font.capitalization: Font.MixedCase
                    }
                }
                ColumnLayout {
                    objectName: "prospectForm"
                    Layout.fillWidth: true
                    visible: page.newProspect
                    spacing: Theme.spacing
                    Label {
                        Layout.fillWidth: true
                        Layout.leftMargin: Theme.margin
                        Layout.rightMargin: Theme.margin
                        text: qsTr("Added to your accounts as tier P (potential), source: referral.")
                        wrapMode: Text.Wrap
                        font.pixelSize: 13
                        color: Theme.textSecondary
                    }
                    RecordField { objectName: "prospectName"; editor: prospectEditor; field: "name" }
                    RecordField { objectName: "prospectPhone"; editor: prospectEditor; field: "phone" }
                    RecordField { editor: prospectEditor; field: "region" }
                    RecordField {
                        editor: prospectEditor; field: "notes"
                        placeholderText: qsTr("e.g. runs three restaurants in 西湖区, wants a tasting")
                    }
                    Label {
                        id: prospectMessage
                        Layout.fillWidth: true
                        Layout.leftMargin: Theme.margin
                        visible: text.length > 0 && page.newProspect
                        color: Theme.error
                        wrapMode: Text.Wrap
                    }
                }
                FormField {
                    visible: !page.newProspect
                    objectName: "referredField"
                    entity: "referral"; field: "referred_account_id"
                    error: referralEditor.errors.referred_account_id !== undefined
                           ? String(referralEditor.errors.referred_account_id) : ""
                    ColumnLayout {
                        spacing: 6
                        Rectangle {
                            Layout.fillWidth: true
                            visible: page.referredId.length > 0
                            implicitHeight: Theme.touch
                            radius: 8
                            color: Theme.primaryLight
                            RowLayout {
                                anchors.fill: parent
                                anchors.leftMargin: 12
                                Label {
                                    Layout.fillWidth: true
                                    text: page.referredName
                                    font.pixelSize: Theme.fontBody
                                    font.bold: true
                                    color: Theme.primaryDark
                                    elide: Text.ElideRight
                                }
                                ToolButton {
                                    text: qsTr("Change")
                                    onClicked: page.pick("", "")
                                }
                            }
                        }
                        TextField {
                            id: searchField
                            objectName: "referralSearchField"
                            Layout.fillWidth: true
                            visible: page.referredId.length === 0
                            implicitHeight: Theme.touch
                            placeholderText: qsTr("Search the account by name or pinyin")
                            onTextChanged: debounce.restart()
                        }
                        Rectangle {
                            Layout.fillWidth: true
                            visible: page.referredId.length === 0
                            implicitHeight: 5 * 56 + 2
                            radius: 8
                            color: Theme.surface
                            border.color: Theme.divider
                            ListView {
                                id: picker
                                objectName: "referralPicker"
                                anchors.fill: parent
                                anchors.margins: 1
                                clip: true
                                model: candidates
                                ScrollIndicator.vertical: ScrollIndicator {}
                                delegate: ItemDelegate {
                                    id: candidate
                                    required property string accountId
                                    required property string name
                                    required property string tier
                                    required property string industry
                                    required property string region
                                    width: ListView.view.width
                                    height: 56
                                    enabled: candidate.accountId !== page.accountId
                                    contentItem: RowLayout {
                                        spacing: 8
                                        ColumnLayout {
                                            Layout.fillWidth: true
                                            spacing: 0
                                            Label {
                                                Layout.fillWidth: true
                                                text: candidate.name
                                                font.pixelSize: 15
                                                elide: Text.ElideRight
                                            }
                                            Label {
                                                Layout.fillWidth: true
                                                text: Labels.joined([candidate.industry, candidate.region], " · ")
                                                font.pixelSize: 12
                                                color: Theme.textSecondary
                                                elide: Text.ElideRight
                                            }
                                        }
                                        TierBadge { tier: candidate.tier }
                                    }
                                    onClicked: page.pick(candidate.accountId, candidate.name)
                                }
                                onAtYEndChanged: {
                                    if (atYEnd && count > 0 && candidates.canFetchMore(candidates.index(-1, -1)))
                                        candidates.fetchMore(candidates.index(-1, -1))
                                }
                                Label {
                                    anchors.centerIn: parent
                                    visible: !candidates.loading && picker.count === 0
                                    text: qsTr("No account matches")
                                    color: Theme.textHint
                                }
                            }
                        }
                    }
                }
                RecordField {
                    id: personField
                    editor: referralEditor; field: "referrer_person_id"
                    inputComponent: Component {
                        ComboBox {
                            objectName: "referrerPersonBox"
                            implicitHeight: Theme.touch
                            model: page.personChoices
                            textRole: "label"
                            valueRole: "value"
                            currentIndex: Math.max(0, page.personChoices.findIndex(c => c.value === personField.text))
                            onActivated: (index) => personField.edit(page.personChoices[index].value)
                        }
                    }
                }
                RecordField { objectName: "referralDateField"; editor: referralEditor; field: "referral_date" }
                RecordField {
                    editor: referralEditor; field: "note"
                    placeholderText: qsTr("e.g. introduced at the association dinner")
                }
            }
        }
    }
}
