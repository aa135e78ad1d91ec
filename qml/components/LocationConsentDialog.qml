// The rep's separate consent to the phone's position (PIPL art. 29: sensitive personal
// information), asked when the rep first taps something that needs it: what is read, when,
// what for, who sees it, and where to withdraw. The answer goes to Location.setConsent.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Dialog {
    id: dialog
    objectName: "locationConsentDialog"
    signal answered(bool granted)

    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(parent ? parent.width - 32 : 360, 420)
    title: qsTr("Use this phone's location?")

    ColumnLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: Theme.spacing
        Label {
            Layout.fillWidth: true
            Layout.preferredWidth: 100
            wrapMode: Text.Wrap
            font.pixelSize: 14
            color: Theme.textPrimary
            lineHeight: 1.2
            text: qsTr("Fieldbook reads the phone's position once, only when you tap to record it: to keep where "
                       + "an account is, and later to check in at a visit.")
        }
        Label {
            Layout.fillWidth: true
            Layout.preferredWidth: 100
            wrapMode: Text.Wrap
            font.pixelSize: 13
            color: Theme.textSecondary
            lineHeight: 1.2
            text: qsTr("The position is saved with the record and synced to your company's server, where you and "
                       + "your manager see it. Nothing tracks you in the background. You can withdraw this on the "
                       + "Me tab at any time.")
        }
    }

    footer: RowLayout {
        spacing: Theme.spacing
        Item { Layout.fillWidth: true }
        Button {
            objectName: "consentDecline"
            Layout.bottomMargin: 8
            text: qsTr("Not now")
            flat: true
            onClicked: dialog.reject()
        }
        Button {
            objectName: "consentGrant"
            Layout.rightMargin: 16
            Layout.bottomMargin: 8
            text: qsTr("Allow")
            highlighted: true
            onClicked: dialog.accept()
        }
    }
    onAccepted: {
        Location.setConsent(true)
        dialog.answered(true)
    }
    onRejected: {
        Location.setConsent(false)
        dialog.answered(false)
    }
}
