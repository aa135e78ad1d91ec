// Step 8, referrals (转介绍): ask a satisfied customer for new contacts and record each as a
// prospect referred by this account (and the key person who named it).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Flickable {
    id: step
    objectName: "visitReferralsStep"
    contentHeight: column.implicitHeight + 2 * Theme.margin
    clip: true

    signal navigate(url url, var properties)

    property var referrals: Visit.referralsToday()
    Connections {
        target: Archive
        function onChanged() { step.referrals = Visit.referralsToday() }
    }

    ColumnLayout {
        id: column
        x: Theme.margin
        y: Theme.margin
        width: step.width - 2 * Theme.margin
        spacing: Theme.spacing

        SectionCard {
            Layout.fillWidth: true
            title: qsTr("Referred today")
            actionText: qsTr("+ Record referral")
            onActionClicked: step.navigate(Qt.resolvedUrl("../pages/ReferralPage.qml"), { accountId: Visit.accountId })
            Label {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.margin
                Layout.rightMargin: Theme.margin
                visible: step.referrals.length === 0
                text: qsTr("None yet. Who else could use what we offer? A new prospect is added as tier P, referred by this account.")
                wrapMode: Text.Wrap
                color: Theme.textHint
                font.pixelSize: 13
            }
            Repeater {
                model: step.referrals
                delegate: InfoRow {
                    required property var modelData
                    objectName: "referredToday"
                    label: modelData.personName || qsTr("Referred")
                    value: modelData.name
                }
            }
        }
    }
}
