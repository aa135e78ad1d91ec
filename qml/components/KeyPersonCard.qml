// A key person on the account page: name, role, title, phone and temperament, and a mark when
// their birthday is within 30 days.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

ItemDelegate {
    id: card
    required property var modelData
    readonly property var person: modelData

    Layout.fillWidth: true
    implicitHeight: Math.max(Theme.touch + 16, implicitContentHeight + topPadding + bottomPadding)
    leftPadding: 12
    rightPadding: 12
    topPadding: 10
    bottomPadding: 10

    background: Rectangle {
        radius: 8
        color: card.pressed ? Theme.primaryLight : "#f8f9fc"
        border.color: Theme.divider
    }

    contentItem: ColumnLayout {
        spacing: 4
        RowLayout {
            Layout.fillWidth: true
            spacing: 8
            Label {
                text: card.person.name
                font.pixelSize: 16
                font.bold: true
                color: Theme.textPrimary
            }
            Label {
                visible: text.length > 0
                text: Labels.option("key_person", "role", card.person.role || "")
                color: Theme.primaryDark
                font.pixelSize: 12
                leftPadding: 6
                rightPadding: 6
                topPadding: 2
                bottomPadding: 2
                background: Rectangle { radius: 4; color: Theme.primaryLight }
            }
            Item { Layout.fillWidth: true }
            Label {
                text: "\u203a"
                font.pixelSize: 22
                color: Theme.textHint
            }
        }
        Label {
            Layout.fillWidth: true
            visible: text.length > 0
            text: Labels.joined([card.person.title, Labels.phone(card.person.phone)], " · ")
            color: Theme.textSecondary
            font.pixelSize: 13
            elide: Text.ElideRight
        }
        Label {
            Layout.fillWidth: true
            visible: (card.person.temperament || "").length > 0
            text: qsTr("Temperament: %1").arg(Labels.temperament(card.person.temperament || "").name)
            color: "#8d6e00"
            font.pixelSize: 13
            elide: Text.ElideRight
        }
        Label {
            objectName: "birthdaySoon"
            visible: text.length > 0
            text: card.person.birthdaySoon ? card.person.birthdaySoon : ""
            color: "#ad1457"
            font.pixelSize: 13
        }
    }
}
