// Starting a visit without an appointment: find the account (name, pinyin or initials), say
// what the visit is for, and check in. The check-in itself is the Visit tab's (position
// consent, the position, then the stepper).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Page {
    id: page
    objectName: "visitStartPage"

    // Called with (accountId, purpose, appointmentId) to check in.
    property var starter
    property string accountId
    property string accountName
    // A first visit where none was recorded, a return visit otherwise (the rep may change it).
    property string purpose: accountId.length > 0 && Visit.timeline(accountId).length === 0 ? "first_visit"
                                                                                            : "return_visit"

    background: Rectangle { color: Theme.background }

    header: PageHeader {
        title: qsTr("Start a visit")
        onBackClicked: page.StackView.view.pop()
    }

    footer: FormActions {
        text: qsTr("Check in")
        onClicked: {
            if (page.accountId.length === 0) {
                pickError.visible = true
                return
            }
            const start = page.starter
            const view = page.StackView.view
            view.pop()
            start(page.accountId, page.purpose, "")
        }
    }

    AccountListModel {
        id: candidates
    }
    Timer {
        id: debounce
        interval: 250
        onTriggered: candidates.searchText = searchField.text.trim()
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing

        FormField {
            Layout.fillWidth: true
            label: qsTr("Purpose")
            required: true
            EnumCombo {
                objectName: "visitPurposeBox"
                entity: "visit"
                field: "purpose"
                allowEmpty: false
                value: page.purpose
                controlled: true
                onPicked: (value) => page.purpose = value
            }
        }
        FormField {
            Layout.fillWidth: true
            label: qsTr("Account")
            required: true
            error: pickError.visible ? qsTr("Pick the account you are visiting") : ""
            ColumnLayout {
                spacing: 6
                Label { id: pickError; visible: false }
                Rectangle {
                    Layout.fillWidth: true
                    visible: page.accountId.length > 0
                    implicitHeight: Math.max(Theme.touch, chosenName.implicitHeight + 16)
                    radius: 8
                    color: Theme.primaryLight
                    RowLayout {
                        anchors.fill: parent
                        anchors.leftMargin: 12
                        Label {
                            id: chosenName
                            objectName: "visitChosenAccount"
                            Layout.fillWidth: true
                            text: page.accountName
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                            color: Theme.primaryDark
                            wrapMode: Text.Wrap
                        }
                        ToolButton {
                            text: qsTr("Change")
                            onClicked: {
                                page.accountId = ""
                                page.accountName = ""
                            }
                        }
                    }
                }
                TextField {
                    id: searchField
                    objectName: "visitSearchField"
                    Layout.fillWidth: true
                    visible: page.accountId.length === 0
                    implicitHeight: Theme.touch
                    placeholderText: qsTr("Search the account by name or pinyin")
                    onTextChanged: debounce.restart()
                }
            }
        }
        ListView {
            id: picker
            objectName: "visitAccountPicker"
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: page.accountId.length === 0
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
                contentItem: RowLayout {
                    spacing: 8
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 0
                        Label {
                            Layout.fillWidth: true
                            text: candidate.name
                            font.pixelSize: 15
                            wrapMode: Text.Wrap
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
                    page.accountId = candidate.accountId
                    page.accountName = candidate.name
                    pickError.visible = false
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
        Item { Layout.fillHeight: true; visible: page.accountId.length > 0 }
    }
}
