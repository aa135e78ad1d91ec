// A notice the OS did not take (no notification service on this desktop), shown by the app
// itself at the top of the window: tap to open what it is about, × to dismiss. It stays until
// then, or until a later sync settles it (Notices.withdraw).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Rectangle {
    id: banner
    objectName: "noticeBanner"
    readonly property var notice: Notices.banner

    visible: notice.key !== undefined && notice.key !== ""
    implicitHeight: Math.max(64, row.implicitHeight + 20)
    color: Theme.surface

    TapHandler {
        objectName: "noticeOpen"
        onTapped: Notices.activate()
    }

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.rightMargin: 4
        spacing: 10
        Rectangle {
            Layout.fillHeight: true
            implicitWidth: 4
            color: Theme.tipBorder
        }
        ColumnLayout {
            Layout.fillWidth: true
            Layout.topMargin: 10
            Layout.bottomMargin: 10
            spacing: 2
            Label {
                Layout.fillWidth: true
                text: banner.notice.title ?? ""
                font.pixelSize: Theme.fontBody
                font.weight: Font.DemiBold
                color: Theme.textPrimary
                wrapMode: Text.Wrap
            }
            Label {
                Layout.fillWidth: true
                text: banner.notice.body ?? ""
                font.pixelSize: Theme.fontSmall
                color: Theme.textSecondary
                wrapMode: Text.Wrap
                maximumLineCount: 3
                elide: Text.ElideRight
            }
        }
        ToolButton {
            objectName: "noticeDismiss"
            Layout.alignment: Qt.AlignTop
            text: "×"
            font.pixelSize: 22
            Accessible.name: qsTr("Dismiss")
            onClicked: Notices.dismiss()
        }
    }

    Rectangle {  // the edge between the notice and the page below
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: 1
        color: Theme.divider
    }
}
