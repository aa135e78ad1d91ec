// The tool bar of a pushed page: back arrow, title, and an optional action button.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fieldbook.Ui

ToolBar {
    id: bar
    property string title
    property bool canGoBack: true
    property string actionText
    property bool actionEnabled: true
    signal backClicked()
    signal actionClicked()

    Material.background: Theme.primary
    Material.foreground: "white"

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: bar.canGoBack ? 0 : Theme.margin
        spacing: 0
        ToolButton {
            visible: bar.canGoBack
            text: "\u2190"
            font.pixelSize: 22
            Accessible.name: qsTr("Back")
            onClicked: bar.backClicked()
        }
        Label {
            Layout.fillWidth: true
            text: bar.title
            font.pixelSize: Theme.fontTitle
            font.bold: true
            elide: Text.ElideRight
            verticalAlignment: Text.AlignVCenter
        }
        ToolButton {
            objectName: "headerAction"
            visible: bar.actionText.length > 0
            enabled: bar.actionEnabled
            text: bar.actionText
            font.pixelSize: Theme.fontBody
            font.capitalization: Font.MixedCase
            onClicked: bar.actionClicked()
        }
    }
}
