// A titled white card grouping the rows of one section of a profile page, with an
// optional action (e.g. "+ 添加关键人") at the right of the title.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fieldbook.Ui

Rectangle {
    id: card
    property string title
    property string actionText
    signal actionClicked()
    default property alias content: body.data

    Layout.fillWidth: true
    implicitHeight: column.implicitHeight + 8
    color: Theme.surface
    radius: Theme.radius
    border.color: Theme.divider

    ColumnLayout {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.topMargin: 4
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: 4
            Layout.minimumHeight: Theme.touch
            Label {
                Layout.fillWidth: true
                text: card.title
                font.pixelSize: Theme.fontBody
                font.bold: true
                color: Theme.primaryDark
                elide: Text.ElideRight
            }
            Button {
                visible: card.actionText.length > 0
                text: card.actionText
                flat: true
                Material.foreground: Theme.primary
                onClicked: card.actionClicked()
            }
        }
        ColumnLayout {
            id: body
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.bottomMargin: Theme.spacing
            spacing: 8
        }
    }
}
