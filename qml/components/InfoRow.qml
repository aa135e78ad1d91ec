// One "label  value" line of a profile section; hides itself when the value is empty.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

RowLayout {
    id: row
    property string label
    property string value
    property color valueColor: Theme.textPrimary

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
    Label {
        Layout.fillWidth: true
        Layout.alignment: Qt.AlignTop
        text: row.value
        color: row.valueColor
        font.pixelSize: 14
        wrapMode: Text.Wrap
        textFormat: Text.PlainText
    }
}
