// Step 1, check-in: when, where (the position if the rep allowed it, with its accuracy), the
// distance from the account's recorded location and the "away" flag, and the storefront
// photo (optional: take one if the front has changed).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Flickable {
    id: step
    objectName: "visitCheckinStep"
    contentHeight: column.implicitHeight + 2 * Theme.margin
    clip: true
    readonly property var info: { void Visit.step; return Visit.checkin() }

    ColumnLayout {
        id: column
        x: Theme.margin
        y: Theme.margin
        width: step.width - 2 * Theme.margin
        spacing: Theme.spacing

        SectionCard {
            Layout.fillWidth: true
            title: qsTr("Checked in")
            InfoRow { label: qsTr("Time"); value: step.info.timeText || "" }
            InfoRow {
                objectName: "checkinPosition"
                label: qsTr("Position")
                value: step.info.positionText || (Location.consent === "granted"
                       ? qsTr("No position was available")
                       : qsTr("Not recorded (location not allowed; see the Me tab)"))
            }
            InfoRow { label: qsTr("Distance"); value: step.info.distanceText || "" }
            Label {
                objectName: "checkinAway"
                Layout.fillWidth: true
                visible: step.info.away === true
                text: step.info.awayText || ""
                wrapMode: Text.Wrap
                color: Theme.error
                font.pixelSize: 13
            }
        }
        StorefrontPhoto {
            Layout.fillWidth: true
            accountId: Visit.accountId
        }
    }
}
