// Centered message shown when a list has nothing to show, with one thing to do about it
// when `actionText` is given.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

ColumnLayout {
    id: empty
    property string title
    property string detail
    property string actionText
    signal action()
    spacing: 6

    Label {
        Layout.fillWidth: true
        horizontalAlignment: Text.AlignHCenter
        text: empty.title
        font.pixelSize: Theme.fontTitle
        color: Theme.textSecondary
        wrapMode: Text.Wrap
    }
    Label {
        Layout.fillWidth: true
        horizontalAlignment: Text.AlignHCenter
        visible: text.length > 0
        text: empty.detail
        font.pixelSize: 14
        color: Theme.textHint
        wrapMode: Text.Wrap
    }
    Button {
        objectName: "emptyStateAction"
        Layout.alignment: Qt.AlignHCenter
        Layout.topMargin: Theme.spacing
        Layout.maximumWidth: empty.width
        visible: empty.actionText.length > 0
        text: empty.actionText
        highlighted: true
        onClicked: empty.action()
    }
}
