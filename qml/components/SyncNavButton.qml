// The Sync tab of the bottom navigation: the sync icon with the SyncBadge on its corner,
// styled like NavButton.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import Fieldbook.Ui

TabButton {
    id: tab

    implicitHeight: 60
    font.pixelSize: 13
    font.capitalization: Font.MixedCase
    readonly property color tint: checked ? Theme.primary : Theme.textSecondary

    contentItem: Column {
        spacing: 2
        Item {
            anchors.horizontalCenter: parent.horizontalCenter
            width: 24
            height: 24
            SyncIcon {
                anchors.fill: parent
                color: tab.tint
            }
            SyncBadge {
                x: 14
                y: -5
            }
        }
        Label {
            anchors.horizontalCenter: parent.horizontalCenter
            text: tab.text
            font: tab.font
            color: tab.tint
        }
    }
}
