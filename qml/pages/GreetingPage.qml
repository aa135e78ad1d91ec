// A greeting (问候): for a birthday or an anniversary, the person; for a holiday, everyone of
// the tiers it is for, those not yet greeted first. Each greeting starts from the occasion's
// text with the person's name and title, can be edited, and goes out through the phone's
// share sheet (WeChat, SMS); sending it logs it. A gift in stock that suits the account is
// suggested.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Page {
    id: page
    objectName: "greetingPage"

    property string itemKey
    property string occasion
    property string personId  // a birthday's or an anniversary's person; "" for a holiday's list
    property string heading
    property var people: []
    property string message

    function reload() {
        if (page.personId.length > 0) {
            const p = Archive.keyPerson(page.personId)
            page.people = [{ personId: page.personId, name: p.name, title: p.title || "", accountId: p.account_id,
                             accountName: p.accountName || "", greeted: false }]
        } else {
            page.people = Today.greetingPeople(page.itemKey)
        }
    }
    Component.onCompleted: reload()

    background: Rectangle { color: Theme.background }
    header: PageHeader {
        title: Today.occasionName(page.occasion)
        onBackClicked: page.StackView.view.pop()
    }

    ListView {
        id: list
        objectName: "greetingList"
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing
        clip: true
        model: page.people
        header: ColumnLayout {
            width: list.width
            Label {
                Layout.fillWidth: true
                Layout.bottomMargin: Theme.spacing
                text: page.heading
                wrapMode: Text.Wrap
                font.bold: true
                color: Theme.textPrimary
            }
            ErrorBanner {
                Layout.fillWidth: true
                text: page.message
                visible: page.message.length > 0
            }
        }
        delegate: Rectangle {
            id: card
            required property var modelData
            required property int index
            width: ListView.view.width
            implicitHeight: body.implicitHeight + 2 * Theme.spacing
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.divider
            opacity: card.modelData.greeted ? 0.6 : 1
            ColumnLayout {
                id: body
                x: Theme.spacing
                y: Theme.spacing
                width: parent.width - 2 * Theme.spacing
                spacing: 6
                RowLayout {
                    Layout.fillWidth: true
                    TierBadge {
                        visible: (card.modelData.tier || "").length > 0
                        tier: card.modelData.tier || ""
                    }
                    Label {
                        Layout.fillWidth: true
                        text: Labels.joined([card.modelData.name, card.modelData.title, card.modelData.accountName], " · ")
                        font.bold: true
                        wrapMode: Text.Wrap
                        color: Theme.textPrimary
                    }
                    Label {
                        visible: card.modelData.greeted
                        text: qsTr("Greeted")
                        color: Theme.accent
                    }
                }
                TextArea {
                    id: text
                    objectName: "greetingText_" + card.index
                    Layout.fillWidth: true
                    visible: !card.modelData.greeted
                    wrapMode: TextEdit.Wrap
                    text: Today.greetingText(card.modelData.personId, page.occasion)
                }
                Label {
                    Layout.fillWidth: true
                    visible: !card.modelData.greeted && gift.length > 0
                    readonly property string gift: Today.giftSuggestion(card.modelData.accountId)
                    text: gift
                    wrapMode: Text.Wrap
                    color: Theme.textSecondary
                    font.pixelSize: 13
                }
                Button {
                    objectName: "greetingSend_" + card.index
                    visible: !card.modelData.greeted
                    Layout.alignment: Qt.AlignRight
                    highlighted: true
                    text: qsTr("Send…")
                    onClicked: {
                        const r = Today.sendGreeting(card.modelData.personId, page.occasion, text.text)
                        page.message = r.ok ? "" : r.message
                        if (r.ok) {
                            if (page.personId.length > 0)
                                page.StackView.view.pop()
                            else
                                page.reload()
                        }
                    }
                }
            }
        }
        EmptyState {
            anchors.centerIn: parent
            width: parent.width
            visible: list.count === 0
            title: qsTr("Nobody to greet")
            detail: qsTr("Add key persons to your accounts to greet them on holidays.")
        }
    }
}
