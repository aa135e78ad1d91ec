// The account's storefront photo (门头照片): the latest one, when it was taken, and an action
// to take a new one (phones: the camera; desktop: pick a picture file). A tap shows it full
// size. The photo is an attachment record: it syncs with everything else.
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

SectionCard {
    id: card
    objectName: "storefrontCard"
    required property string accountId
    // What the photo shows: "storefront", or "agreement" (the signed paper, at a visit).
    property string purpose: "storefront"
    property var photo: Photos.latest(accountId, purpose)
    property string message
    readonly property bool hasPhoto: card.photo.id !== undefined

    // A photo was stored: its attachment's id.
    signal added(string photoId)

    title: card.purpose === "agreement" ? qsTr("Photo of the signed agreement") : qsTr("Storefront photo")
    actionText: card.hasPhoto ? qsTr("Replace") : qsTr("+ Add photo")
    onActionClicked: picker.open()

    function reload() {
        card.photo = Photos.latest(card.accountId, card.purpose)
    }
    // Stores the picture at `location` (what the picker or the camera handed back).
    function add(location: string): bool {
        const result = Photos.addPhoto(card.accountId, card.purpose, location)
        card.message = result.ok ? "" : result.message
        if (result.ok) {
            card.reload()
            card.added(result.id)
        }
        return result.ok
    }

    Connections {
        target: Photos
        function onChanged(changedAccountId: string) {
            if (changedAccountId.length === 0 || changedAccountId === card.accountId)
                card.reload()
        }
    }

    Image {
        id: thumbnail
        objectName: "storefrontImage"
        Layout.fillWidth: true
        Layout.preferredHeight: 200
        visible: card.hasPhoto && card.photo.local
        source: card.hasPhoto ? card.photo.source : ""
        sourceSize.width: 800
        fillMode: Image.PreserveAspectCrop
        asynchronous: true
        clip: true
        BusyIndicator {
            anchors.centerIn: parent
            running: thumbnail.status === Image.Loading
        }
        MouseArea {
            anchors.fill: parent
            onClicked: viewer.open()
        }
    }
    // Another phone's photo: its record is here, its picture comes from the server when the
    // card is shown (Photos.latest asks for it).
    Rectangle {
        objectName: "storefrontRemote"
        Layout.fillWidth: true
        Layout.preferredHeight: 120
        visible: card.hasPhoto && !card.photo.local
        color: Theme.background
        radius: 8
        ColumnLayout {
            anchors.fill: parent
            anchors.margins: 12
            spacing: 6
            BusyIndicator {
                Layout.alignment: Qt.AlignHCenter
                visible: card.hasPhoto && card.photo.fetching
                running: visible
            }
            Label {
                objectName: "storefrontRemoteText"
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: !card.hasPhoto ? ""
                      : card.photo.fetching ? qsTr("Loading the picture (%1)…").arg(card.photo.sizeText)
                      : card.photo.fetchError
                color: Theme.textSecondary
                font.pixelSize: 13
                wrapMode: Text.Wrap
            }
            Button {
                objectName: "storefrontRetry"
                Layout.alignment: Qt.AlignHCenter
                Layout.minimumHeight: Theme.touch
                visible: card.hasPhoto && !card.photo.fetching && card.photo.fetchError.length > 0
                flat: true
                font.capitalization: Font.MixedCase
                text: qsTr("Try again")
                onClicked: Photos.retryFetch(card.photo.id)
            }
        }
    }
    Label {
        objectName: "storefrontTaken"
        Layout.fillWidth: true
        visible: card.hasPhoto
        text: card.hasPhoto
              ? (card.photo.count > 1 ? qsTr("%1 · %n photo(s) in all", "", card.photo.count).arg(card.photo.takenText)
                                      : card.photo.takenText)
              : ""
        color: Theme.textSecondary
        font.pixelSize: 13
    }
    Label {
        Layout.fillWidth: true
        visible: !card.hasPhoto
        text: card.purpose === "agreement" ? qsTr("No photo yet. Photograph the signed pages.")
              : qsTr("No photo yet. A photo of the entrance helps a colleague find the place.")
        color: Theme.textHint
        font.pixelSize: 13
        wrapMode: Text.Wrap
    }
    Label {
        objectName: "storefrontMessage"
        Layout.fillWidth: true
        visible: card.message.length > 0
        text: card.message
        color: Theme.error
        font.pixelSize: 13
        wrapMode: Text.Wrap
    }

    FileDialog {
        id: picker
        title: card.purpose === "agreement" ? qsTr("Choose a photo of the signed agreement")
                                            : qsTr("Choose a photo of the storefront")
        nameFilters: [qsTr("Pictures (*.jpg *.jpeg *.png)")]
        onAccepted: card.add(String(picker.selectedFile))
    }

    Popup {
        id: viewer
        parent: Overlay.overlay
        x: 0
        y: 0
        width: parent ? parent.width : 0
        height: parent ? parent.height : 0
        padding: 0
        modal: true
        background: Rectangle { color: "black" }
        Image {
            anchors.fill: parent
            source: viewer.opened && card.hasPhoto ? card.photo.source : ""
            fillMode: Image.PreserveAspectFit
            asynchronous: true
        }
        MouseArea {
            anchors.fill: parent
            onClicked: viewer.close()
        }
    }
}
