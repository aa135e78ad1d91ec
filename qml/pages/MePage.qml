// The rep's own settings and facts about this device.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Page {
    id: page
    objectName: "mePage"

    background: Rectangle { color: Theme.background }

    header: ToolBar {
        Material.background: Theme.primary
        Material.foreground: "white"
        implicitHeight: Theme.touch + 8
        Label {
            anchors.fill: parent
            anchors.leftMargin: Theme.margin
            verticalAlignment: Text.AlignVCenter
            text: qsTr("Me")
            font.pixelSize: Theme.fontHeadline
            font.bold: true
        }
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentHeight: column.implicitHeight + 32
        clip: true

        ColumnLayout {
            id: column
            x: Theme.margin
            y: Theme.margin
            width: flick.width - 2 * Theme.margin
            spacing: Theme.spacing

            SectionCard {
                title: qsTr("Language")
                ButtonGroup { id: languageGroup }
                RadioButton {
                    objectName: "languageZh"
                    Layout.fillWidth: true
                    text: "中文（简体）"
                    checked: AppSettings.language === "zh_CN"
                    ButtonGroup.group: languageGroup
                    onClicked: AppSettings.language = "zh_CN"
                }
                RadioButton {
                    objectName: "languageEn"
                    Layout.fillWidth: true
                    text: "English"
                    checked: AppSettings.language === "en"
                    ButtonGroup.group: languageGroup
                    onClicked: AppSettings.language = "en"
                }
            }

            SectionCard {
                title: qsTr("Archive")
                InfoRow { label: qsTr("Accounts"); value: String(AppSettings.accountCount) }
                InfoRow { label: qsTr("Database"); value: AppSettings.databasePath }
            }

            SectionCard {
                title: qsTr("This device")
                InfoRow { label: qsTr("Device"); value: AppSettings.deviceModel }
                InfoRow { label: qsTr("System"); value: AppSettings.osName }
                InfoRow { label: qsTr("Device ID"); value: AppSettings.deviceId }
                InfoRow { label: qsTr("App version"); value: AppSettings.version }
            }
        }
    }
}
