// A bottom-navigation tab: icon above its label, accent colour when selected.
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
        NavIcon {
            anchors.horizontalCenter: parent.horizontalCenter
            kind: tab.kind
            color: tab.tint
        }
        Label {
            anchors.horizontalCenter: parent.horizontalCenter
            text: tab.text
            font: tab.font
            color: tab.tint
        }
    }
}
