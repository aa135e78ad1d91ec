// A red message above a form: why the last save did not go through.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

Rectangle {
    id: banner
    property string text

    Layout.fillWidth: true
    visible: text.length > 0
    implicitHeight: label.implicitHeight + 20
    radius: 8
    color: "#fdecea"
    border.color: "#f5c2c0"

    Label {
        id: label
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        anchors.margins: 12
        text: banner.text
        color: Theme.error
        font.pixelSize: 14
        wrapMode: Text.Wrap
    }
}
