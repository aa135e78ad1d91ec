// Record that this account referred another one (转介绍): pick the referred account by
// searching, optionally the key person who made the referral, a date and a note.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Page {
    id: page
    objectName: "referralPage"

    required property string accountId   // the referrer
    property var account: Archive.account(accountId)
    property var persons: Archive.keyPersons(accountId)
    property string referredId
    property string referredName
    property bool attempted: false
    property var serverErrors: ({})
    property string message
    property var lastResult: ({})

    readonly property var personChoices: [{ value: "", label: qsTr("Not specified") }]
        .concat(persons.map(p => ({ value: p.id,
                                     label: Labels.joined([p.name, Labels.option("key_person", "role", p.role || "")], " · ") })))
    readonly property string referredError: {
        if (attempted && referredId.length === 0)
            return qsTr("Choose the account that was referred")
        if (referredId.length > 0 && referredId === accountId)
            return qsTr("An account cannot refer itself")
        return ""
    }
    readonly property string dateError: {
        if (dateField.text.trim().length === 0)
            return attempted ? qsTr("Please enter the referral date") : ""
        return dateField.valid ? "" : qsTr("Enter a date as YYYY-MM-DD")
    }
    readonly property bool valid: referredId.length > 0 && referredId !== accountId
                                  && dateField.text.trim().length > 0 && dateField.valid

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
        const result = Archive.addReferral(accountId, personBox.currentValue || "", referredId,
                                           dateField.text.trim(), noteField.text.trim())
        lastResult = result
        if (!result.ok) {
            serverErrors = result.errors || {}
            message = result.message || qsTr("The referral could not be recorded.")
            return false
        }
        if (page.StackView.view)
            page.StackView.view.pop()
        return true
    }

    background: Rectangle { color: Theme.background }

    header: PageHeader {
        title: qsTr("Record referral")
        actionText: qsTr("Save")
        actionEnabled: !page.attempted || page.valid
        onBackClicked: page.StackView.view.pop()
        onActionClicked: page.save()
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

            ErrorBanner { objectName: "referralError"; text: page.message }

            SectionCard {
                title: qsTr("Referred by %1").arg(page.account.name || "")
                FormField {
                    label: qsTr("Referred account")
                    required: true
                    error: page.fieldError("referred_account_id", page.referredError)
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
                                    onClicked: { page.referredId = ""; page.referredName = "" }
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
                                    onClicked: {
                                        page.referredId = candidate.accountId
                                        page.referredName = candidate.name
                                    }
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
                FormField {
                    label: qsTr("Referred by key person")
                    error: page.fieldError("referrer_person_id", "")
                    ComboBox {
                        id: personBox
                        implicitHeight: Theme.touch
                        model: page.personChoices
                        textRole: "label"
                        valueRole: "value"
                    }
                }
                FormField {
                    label: qsTr("Date")
                    required: true
                    error: page.fieldError("referral_date", page.dateError)
                    DateField { id: dateField; text: Archive.today() }
                }
                FormField {
                    label: qsTr("Note")
                    error: page.fieldError("note", "")
                    TextField {
                        id: noteField
                        maximumLength: 200
                        placeholderText: qsTr("e.g. introduced at the association dinner")
                    }
                }
            }

            Button {
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch + 4
                text: qsTr("Record referral")
                highlighted: true
                enabled: !page.attempted || page.valid
                Material.accent: Theme.primary
                onClicked: page.save()
            }
        }
    }
}
