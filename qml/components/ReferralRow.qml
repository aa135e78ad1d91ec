// One referral on the account page; tapping it opens the other account.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

ItemDelegate {
    id: row
    required property var modelData
    readonly property var referral: modelData
    property string accountName
    property bool upward: true
    // The other end may be another rep's account, which is not on this phone.
    readonly property bool onThisDevice: accountName.length > 0

    enabled: onThisDevice

    Layout.fillWidth: true
    implicitHeight: Math.max(Theme.touch, implicitContentHeight + 12)
    leftPadding: 8 + (upward ? Math.max(0, (referral.depth || 1) - 1) * 14 : 0)
    rightPadding: 4

    contentItem: RowLayout {
        spacing: 8
        Label {
            text: row.upward ? qsTr("L%1").arg(row.referral.depth || 1) : "\u2192"
            font.pixelSize: 12
            color: row.upward ? "#2e7d32" : "#1565c0"
            leftPadding: 6
            rightPadding: 6
            topPadding: 2
            bottomPadding: 2
            background: Rectangle { radius: 10; color: row.upward ? "#e8f5e9" : "#e3f2fd" }
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2
            Label {
                Layout.fillWidth: true
                text: row.onThisDevice ? row.accountName : qsTr("An account of another rep")
                font.pixelSize: 15
                color: row.onThisDevice ? Theme.primaryDark : Theme.textHint
                elide: Text.ElideRight
            }
            Label {
                Layout.fillWidth: true
                visible: text.length > 0
                text: Labels.joined([
                          (row.referral.referrerPersonName || "").length > 0
                              ? qsTr("by %1").arg(row.referral.referrerPersonName) : "",
                          Labels.display("referral", "referral_date", row.referral.date), row.referral.note], " · ")
                color: Theme.textHint
                font.pixelSize: 12
                elide: Text.ElideRight
            }
        }
        Label {
            visible: row.onThisDevice
            text: "\u203a"
            font.pixelSize: 22
            color: Theme.textHint
        }
    }
}
