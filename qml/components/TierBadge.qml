// The coloured tier code (KA, A, B, C, P) shown next to an account name.
import QtQuick
import Fieldbook.Ui

Rectangle {
    id: badge
    property string tier

    visible: tier.length > 0
    implicitWidth: Math.max(28, code.implicitWidth + 12)
    implicitHeight: 22
    radius: 4
    color: Theme.tierColor(tier)

    Text {
        id: code
        anchors.centerIn: parent
        text: badge.tier
        color: "white"
        font.pixelSize: Theme.fontSmall
        font.bold: true
    }
}
