// An account's location: where it was recorded (from the phone's position at the place), the
// map there, and "record here" — which asks for the rep's consent first (LocationConsentDialog)
// and saves the fix as the account's location. Failures are said under the row.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

ColumnLayout {
    id: row
    objectName: "locationRow"
    required property string accountId
    property string value       // the stored position ("" when none)
    property string placeName
    property string address
    property bool asking: false // this row asked Location for the fix on its way
    property string problem

    Layout.fillWidth: true
    spacing: 2

    function record() {
        row.problem = ""
        if (Location.consent !== "granted") {
            consent.open()
            return
        }
        row.asking = Location.locate()
    }

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacing
        Label {
            Layout.preferredWidth: 104
            Layout.alignment: Qt.AlignTop
            text: qsTr("Location")
            color: Theme.textSecondary
            font.pixelSize: 14
            wrapMode: Text.Wrap
        }
        ColumnLayout {
            Layout.fillWidth: true
            Layout.preferredWidth: 100
            spacing: 0
            Label {
                objectName: "locationText"
                Layout.fillWidth: true
                Layout.preferredWidth: 100
                text: row.asking ? qsTr("Finding your position…")
                      : row.value.length > 0 ? Labels.display("account", "location", row.value)
                      : qsTr("Not recorded")
                color: row.value.length > 0 && !row.asking ? Theme.textPrimary : Theme.textHint
                font.pixelSize: 14
                wrapMode: Text.Wrap
            }
            RowLayout {
                spacing: 0
                Button {
                    objectName: "locationMap"
                    visible: row.value.length > 0
                    flat: true
                    leftPadding: 0
                    rightPadding: 20
                    implicitWidth: contentItem.implicitWidth + leftPadding + rightPadding
                    text: qsTr("Map")
                    Material.foreground: Theme.primary
                    onClicked: Contact.openMap(row.placeName, row.address, row.value)
                }
                Button {
                    objectName: "locationRecord"
                    flat: true
                    leftPadding: 0
                    rightPadding: 0
                    implicitWidth: contentItem.implicitWidth + leftPadding + rightPadding
                    enabled: !row.asking
                    text: row.value.length > 0 ? qsTr("Record again here") : qsTr("Record here")
                    Material.foreground: Theme.primary
                    onClicked: row.record()
                }
            }
        }
    }
    Label {
        objectName: "locationProblem"
        Layout.fillWidth: true
        Layout.preferredWidth: 100
        visible: row.problem.length > 0
        text: row.problem
        color: Theme.error
        font.pixelSize: 13
        wrapMode: Text.Wrap
    }

    LocationConsentDialog {
        id: consent
        parent: Overlay.overlay
        onAnswered: (granted) => {
            if (granted)
                row.asking = Location.locate()
            else
                row.problem = qsTr("Not recorded: using the location needs your consent (Me tab).")
        }
    }

    Connections {
        target: Location
        function onLocated(value: string, text: string) {
            if (!row.asking)
                return
            row.asking = false
            const saved = Archive.saveAccount(row.accountId, { location: value })
            if (!saved.ok)
                row.problem = saved.message
        }
        function onLocateFailed(message: string) {
            if (!row.asking)
                return
            row.asking = false
            row.problem = message
        }
    }
}
