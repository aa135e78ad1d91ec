// The sync state at a glance, shown on the Sync tab so it is visible from every page:
// a spinner while syncing, a red "!" when the last sync failed, otherwise the number of
// changes waiting to be sent (nothing when all is sent).
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import Fieldbook.App
import Fieldbook.Ui

Item {
    id: badge
    objectName: "syncBadge"

    // Deep orange, apart from the red of form errors: a failed sync is retried, not lost.
    readonly property color warningColour: "#e65100"
    readonly property bool hasError: Sync.lastError.length > 0
    readonly property string status: Sync.syncing || Sync.signingIn ? "syncing"
                                    : hasError ? "error"
                                    : Sync.pendingCount > 0 ? "pending" : "idle"

    visible: status !== "idle"
    implicitWidth: status === "syncing" ? 18 : Math.max(18, count.implicitWidth + 10)
    implicitHeight: 18

    Accessible.name: status === "syncing" ? qsTr("Syncing")
                     : status === "error" ? qsTr("The last sync failed")
                     : qsTr("%n change(s) waiting to be sent", "", Sync.pendingCount)

    Rectangle {
        anchors.fill: parent
        visible: badge.status !== "syncing"
        radius: height / 2
        color: badge.status === "error" ? badge.warningColour : Theme.accent
        border.color: Theme.surface
        border.width: 1.5
    }
    Label {
        id: count
        anchors.centerIn: parent
        visible: badge.status !== "syncing"
        text: badge.status === "error" ? "!" : Sync.pendingCount > 99 ? "99+" : String(Sync.pendingCount)
        color: "white"
        font.pixelSize: 11
        font.bold: true
    }
    BusyIndicator {
        anchors.centerIn: parent
        visible: badge.status === "syncing"
        running: visible
        width: 22
        height: 22
        padding: 0
        Material.accent: Theme.primary
    }
}
