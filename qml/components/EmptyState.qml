// Centered message shown when a list has nothing to show.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

ColumnLayout {
    id: empty
    property string title
    property string detail
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
}
