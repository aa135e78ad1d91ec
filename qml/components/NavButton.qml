// A bottom-navigation tab: icon above its label, accent colour when selected. `kind` names
// the icon: "accounts" and "me" (NavIcon), or "sync", the sync icon with the SyncBadge on its
// corner, so the sync state shows from every page.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import Fieldbook.Ui

TabButton {
    id: tab
    property string kind

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
            NavIcon {
                anchors.fill: parent
                visible: tab.kind !== "sync"
                kind: tab.kind
                color: tab.tint
            }
            Loader {
                anchors.fill: parent
                active: tab.kind === "sync"
                sourceComponent: Item {
                    SyncIcon {
                        anchors.fill: parent
                        color: tab.tint
                    }
                    SyncBadge {
                        x: 14
                        y: -5
                    }
                }
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
