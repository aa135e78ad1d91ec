// One line of key-position history: "role: person, from – to / until now".
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

ColumnLayout {
    id: row
    required property var modelData
    readonly property var change: modelData

    Layout.fillWidth: true
    spacing: 2

    RowLayout {
        Layout.fillWidth: true
        spacing: 8
        Label {
            text: Labels.option("role_change", "role", row.change.role || "") + ":"
            color: Theme.textSecondary
            font.pixelSize: 14
        }
        Label {
            Layout.fillWidth: true
            text: (row.change.personName || "").length > 0 ? row.change.personName : qsTr("Vacant")
            font.pixelSize: 14
            font.bold: (row.change.personName || "").length > 0
            color: (row.change.personName || "").length > 0 ? Theme.textPrimary : Theme.textHint
            elide: Text.ElideRight
        }
    }
    Label {
        Layout.fillWidth: true
        text: qsTr("%1 – %2").arg(Labels.display("role_change", "effective_date", row.change.from || "")).arg((row.change.to || "").length > 0 ? Labels.display("role_change", "effective_date", row.change.to) : qsTr("present"))
              + ((row.change.note || "").length > 0 ? "  " + row.change.note : "")
        color: Theme.textHint
        font.pixelSize: 12
        wrapMode: Text.Wrap
    }
}
