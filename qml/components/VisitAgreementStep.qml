// Step 6, agreement (签订协议): only with an account able and willing to cooperate long
// term, so the step may be skipped. Recording one: its type, the period, the agreed volume
// and terms, when it was signed and a photo of the signed pages. An annual agreement also
// becomes the account's annual agreement.
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Flickable {
    id: step
    objectName: "visitAgreementStep"
    contentHeight: column.implicitHeight + 2 * Theme.margin
    clip: true
    property var recorded: Visit.agreements()
    property bool adding: recorded.length === 0
    property string photoMessage
    readonly property alias editor: agreementEditor
    readonly property string photoId: agreementEditor.values.photo_id || ""

    // Leaving the step never records an agreement by itself: with something typed, the rep
    // records it or cancels it first.
    property string leaveMessage
    function save(): bool {
        if (!step.adding || !agreementEditor.dirty) {
            step.leaveMessage = ""
            return true
        }
        step.leaveMessage = qsTr("Record the agreement, or cancel it")
        return false
    }

    RecordEditor {
        id: agreementEditor
        source: Visit
        entity: "agreement"
        parentId: Visit.visitId
        onSaved: {
            step.recorded = Visit.agreements()
            step.adding = false
            step.leaveMessage = ""
            agreementEditor.load()
        }
    }
    Component.onCompleted: agreementEditor.load()

    FileDialog {
        id: picker
        title: qsTr("Choose a photo of the signed agreement")
        nameFilters: [qsTr("Pictures (*.jpg *.jpeg *.png)")]
        onAccepted: {
            const result = Photos.addPhoto(Visit.accountId, "agreement", String(picker.selectedFile))
            step.photoMessage = result.ok ? "" : result.message
            if (result.ok)
                agreementEditor.set("photo_id", result.id)
        }
    }

    ColumnLayout {
        id: column
        x: Theme.margin
        y: Theme.margin
        width: step.width - 2 * Theme.margin
        spacing: Theme.spacing

        Repeater {
            model: step.recorded
            delegate: SectionCard {
                id: signedCard
                required property var modelData
                objectName: "recordedAgreement"
                Layout.fillWidth: true
                title: signedCard.modelData.kindLabel
                InfoRow { label: qsTr("Period"); value: signedCard.modelData.periodText }
                InfoRow { label: qsTr("Volume"); value: signedCard.modelData.volumeText }
                InfoRow { label: qsTr("Terms"); value: signedCard.modelData.terms }
                InfoRow { label: qsTr("Photo"); value: signedCard.modelData.hasPhoto ? qsTr("Attached") : "" }
            }
        }

        Label {
            Layout.fillWidth: true
            visible: !step.adding && step.recorded.length === 0
            text: qsTr("No agreement at this visit.")
            color: Theme.textHint
        }
        Button {
            objectName: "addAgreementButton"
            visible: !step.adding
            flat: true
            text: qsTr("+ Record an agreement")
            onClicked: step.adding = true
        }

        ErrorBanner { text: step.adding ? (agreementEditor.message || step.leaveMessage) : "" }

        SectionCard {
            objectName: "agreementForm"
            Layout.fillWidth: true
            visible: step.adding
            title: qsTr("Agreement signed")
            RecordField { objectName: "agreementKind"; editor: agreementEditor; field: "kind" }
            RecordField { editor: agreementEditor; field: "signed_on" }
            RecordField { objectName: "agreementStarts"; editor: agreementEditor; field: "starts_on" }
            RecordField { objectName: "agreementEnds"; editor: agreementEditor; field: "ends_on" }
            RecordField { objectName: "agreementVolume"; editor: agreementEditor; field: "volume" }
            RecordField {
                objectName: "agreementTerms"
                editor: agreementEditor
                field: "terms"
                placeholderText: qsTr("e.g. quarterly rebate 2%, delivery within 3 days")
            }
            Image {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.margin
                Layout.rightMargin: Theme.margin
                Layout.preferredHeight: 160
                visible: step.photoId.length > 0
                source: step.photoId.length > 0 ? "image://photos/" + step.photoId : ""
                sourceSize.width: 800
                fillMode: Image.PreserveAspectFit
                asynchronous: true
            }
            Button {
                objectName: "agreementPhotoButton"
                Layout.leftMargin: Theme.margin
                flat: true
                text: step.photoId.length > 0 ? qsTr("Replace the photo") : qsTr("+ Photo of the signed pages")
                onClicked: picker.open()
            }
            Label {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.margin
                visible: step.photoMessage.length > 0
                text: step.photoMessage
                color: Theme.error
                wrapMode: Text.Wrap
                font.pixelSize: 13
            }
            RowLayout {
                Layout.fillWidth: true
                Layout.margins: Theme.margin
                Button {
                    objectName: "cancelAgreementButton"
                    flat: true
                    text: qsTr("Cancel")
                    onClicked: {
                        step.adding = false
                        step.leaveMessage = ""
                        agreementEditor.load()
                    }
                }
                Item { Layout.fillWidth: true }
                Button {
                    objectName: "saveAgreementButton"
                    highlighted: true
                    text: qsTr("Record agreement")
                    onClicked: agreementEditor.save()
                }
            }
        }
    }
}
