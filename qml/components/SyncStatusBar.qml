// The sync state in one line above the tab bar, on every page but the Sync tab's own (which
// shows it in full): syncing, not signed in, offline, server unreachable, failed, refused
// changes, changes waiting, all synced (SyncController::statusKind). The words come from Sync.statusLine; tapping the
// strip opens the Sync tab.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

ItemDelegate {
    id: bar
    objectName: "syncStatusBar"

    readonly property string kind: Sync.statusKind
    // Something the rep should act on (or know is not reaching the server) stands out; the
    // rest stays quiet.
    readonly property bool attention: kind === "signedOut" || kind === "rejected" || kind === "error"
                                      || kind === "unreachable"
    readonly property color tone: attention ? "#bf360c"
                                : kind === "offline" ? Theme.textSecondary
                                : kind === "syncing" || kind === "pending" ? Theme.primary
                                : Theme.textHint

    implicitHeight: 32
    padding: 0
    leftPadding: Theme.margin
    rightPadding: Theme.margin
    Accessible.name: Sync.statusLine

    background: Rectangle {
        color: bar.attention ? "#fbe9e7" : bar.kind === "offline" ? "#eceff1"
             : bar.kind === "syncing" || bar.kind === "pending" ? Theme.primaryLight : Theme.surface
        Rectangle {
            anchors.top: parent.top
            width: parent.width
            height: 1
            color: Theme.divider
        }
    }

    contentItem: RowLayout {
        spacing: 8
        Item {
            Layout.preferredWidth: 14
            Layout.preferredHeight: 14
            Rectangle {
                anchors.centerIn: parent
                visible: bar.kind !== "syncing"
                width: 8
                height: 8
                radius: 4
                color: bar.kind === "synced" ? "#2e7d32" : bar.tone
            }
            BusyIndicator {
                anchors.centerIn: parent
                visible: bar.kind === "syncing"
                running: visible
                width: 18
                height: 18
                padding: 0
                Material.accent: Theme.primary
            }
        }
        Label {
            objectName: "syncStatusText"
            Layout.fillWidth: true
            text: Sync.statusLine
            color: bar.tone
            font.pixelSize: Theme.fontSmall + 1
            elide: Text.ElideRight
        }
        Label {
            text: "\u203a"
            color: bar.tone
            font.pixelSize: Theme.fontBody
        }
    }
}
