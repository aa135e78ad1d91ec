// A "label  value" line of a profile with the actions a rep takes on it: call and text for
// a phone number, the map for an address (through the Contact singleton: the phone's dialler,
// messaging and map apps). Hides itself when the value is empty.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

RowLayout {
    id: row
    property string label
    property string value       // as shown
    property string phone       // the stored digits: call and text
    property string address     // the address: map
    property string placeName   // what the map pin is called
    property string location    // a stored position: the map opens there rather than searching

    visible: value.length > 0
    Layout.fillWidth: true
    spacing: Theme.spacing

    Label {
        Layout.preferredWidth: 104
        Layout.alignment: Qt.AlignTop
        text: row.label
        color: Theme.textSecondary
        font.pixelSize: 14
        wrapMode: Text.Wrap
    }
    ColumnLayout {
        Layout.fillWidth: true
        Layout.preferredWidth: 100
        spacing: 0
        Label {
            Layout.fillWidth: true
            Layout.preferredWidth: 100
            text: row.value
            color: Theme.textPrimary
            font.pixelSize: 14
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
        }
        // The actions under the value, where a thumb reaches them and the number stays whole.
        RowLayout {
            spacing: 0
            Button {
                objectName: "callButton"
                visible: row.phone.length > 0
                flat: true
                leftPadding: 0
                rightPadding: 20
                // As wide as its text (not Material's 64 px minimum), so it lines up with the value.
                implicitWidth: contentItem.implicitWidth + leftPadding + rightPadding
                text: qsTr("Call")
                Material.foreground: Theme.primary
                onClicked: Contact.call(row.phone)
            }
            Button {
                objectName: "textButton"
                visible: row.phone.length > 0
                flat: true
                leftPadding: 0
                rightPadding: 20
                implicitWidth: contentItem.implicitWidth + leftPadding + rightPadding
                text: qsTr("Text")
                Material.foreground: Theme.primary
                onClicked: Contact.message(row.phone)
            }
            Button {
                objectName: "mapButton"
                visible: row.address.length > 0
                flat: true
                leftPadding: 0
                rightPadding: 20
                // As wide as its text (not Material's 64 px minimum), so it lines up with the value.
                implicitWidth: contentItem.implicitWidth + leftPadding + rightPadding
                text: qsTr("Map")
                Material.foreground: Theme.primary
                onClicked: Contact.openMap(row.placeName, row.address, row.location)
            }
        }
    }
}
