// Step 5, gift issue (赠品发放): the gifts and samples in the bag that suit this visit, how
// many of each for which key person, the stock and the caps left before the rep commits
// (a cap passed is said in red, and the phone refuses it, as it refuses more than is held),
// an optional signature of the recipient drawn on the screen, and what was handed over.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Flickable {
    id: step
    objectName: "visitGiftsStep"
    contentHeight: column.implicitHeight + 2 * Theme.margin
    clip: true
    interactive: !signing

    property var stock: Visit.giftStock()
    property var given: Visit.giftsGiven()
    property var persons: Archive.keyPersons(Visit.accountId)
    // Nobody is assumed: the rep chooses the recipient.
    property string recipientId
    // itemId → quantity picked
    property var picked: ({})
    property string message
    property bool signed: false
    property bool signing: false
    readonly property int total: {
        let sum = 0
        for (const line of step.stock)
            sum += (step.picked[line.itemId] || 0) * line.unitValueFen
        return sum
    }
    readonly property bool anyPicked: Object.keys(step.picked).some(k => step.picked[k] > 0)
    readonly property var limits: Visit.giftLimits(step.recipientId, step.total)

    function setPicked(itemId: string, quantity: int) {
        const next = Object.assign({}, step.picked)
        next[itemId] = quantity
        step.picked = next
    }
    function reload() {
        step.stock = Visit.giftStock()
        step.given = Visit.giftsGiven()
        step.picked = ({})
        signature.clear()
    }
    // Leaving the step with gifts picked but not handed over would lose the rep's count.
    function save(): bool {
        if (!step.anyPicked)
            return true
        step.message = qsTr("Hand the picked gifts over, or set them back to 0")
        return false
    }
    function handOver() {
        step.message = ""
        if (step.recipientId.length === 0) {
            step.message = qsTr("Choose who receives the gifts")
            return
        }
        const lines = Object.keys(step.picked).filter(k => step.picked[k] > 0)
                            .map(k => ({ itemId: k, quantity: step.picked[k] }))
        // Checked before the signature is stored, so a refused hand-over leaves no signature.
        const check = Visit.checkGifts(step.recipientId, lines)
        if (!check.ok) {
            step.message = check.message
            return
        }
        if (step.signed) {
            signature.grabToImage(function(result) {
                const stored = Photos.addImage(Visit.accountId, "signature", result.image)
                if (!stored.ok) {
                    step.message = stored.message
                    return
                }
                step.finish(lines, stored.id)
            })
        } else {
            step.finish(lines, "")
        }
    }
    function finish(lines: var, signatureId: string) {
        const done = Visit.issueGifts(step.recipientId, lines, signatureId)
        if (!done.ok) {
            step.message = done.message
            return
        }
        step.reload()
    }

    ColumnLayout {
        id: column
        x: Theme.margin
        y: Theme.margin
        width: step.width - 2 * Theme.margin
        spacing: Theme.spacing

        SectionCard {
            Layout.fillWidth: true
            title: qsTr("Handed over at this visit")
            visible: step.given.length > 0
            Repeater {
                model: step.given
                delegate: Label {
                    required property var modelData
                    objectName: "givenLine"
                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.margin
                    Layout.rightMargin: Theme.margin
                    text: modelData.text
                    wrapMode: Text.Wrap
                    font.pixelSize: 14
                }
            }
        }

        SectionCard {
            Layout.fillWidth: true
            title: qsTr("Give to")
            ComboBox {
                id: recipientBox
                objectName: "giftRecipientBox"
                Layout.fillWidth: true
                Layout.leftMargin: Theme.margin
                Layout.rightMargin: Theme.margin
                implicitHeight: Theme.touch
                model: step.persons
                textRole: "name"
                valueRole: "id"
                currentIndex: step.persons.findIndex(p => p.id === step.recipientId)
                displayText: currentIndex >= 0 ? currentText : qsTr("Choose…")
                onActivated: (index) => step.recipientId = step.persons[index].id
            }
            Label {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.margin
                visible: step.persons.length === 0
                text: qsTr("Add the key person first (Archive step).")
                color: Theme.textHint
                font.pixelSize: 13
            }
        }

        SectionCard {
            objectName: "giftStockCard"
            Layout.fillWidth: true
            title: qsTr("In your bag for this visit")
            Label {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.margin
                Layout.rightMargin: Theme.margin
                visible: step.stock.length === 0
                text: qsTr("Nothing in your stock suits this visit.")
                wrapMode: Text.Wrap
                color: Theme.textHint
                font.pixelSize: 13
            }
            Repeater {
                model: step.stock
                delegate: ColumnLayout {
                    id: line
                    required property var modelData
                    objectName: "giftLine"
                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.margin
                    Layout.rightMargin: 8
                    spacing: 0
                    Label {
                        Layout.fillWidth: true
                        text: line.modelData.name
                        font.pixelSize: Theme.fontBody
                        wrapMode: Text.Wrap
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: 8
                        Label {
                            Layout.fillWidth: true
                            text: qsTr("%1 · %2 each · %3 left").arg(line.modelData.categoryLabel)
                                  .arg(line.modelData.valueText)
                                  .arg(line.modelData.quantityText)
                            font.pixelSize: 12
                            color: Theme.textSecondary
                            wrapMode: Text.Wrap
                        }
                        SpinBox {
                            objectName: "giftQuantity"
                            Layout.preferredWidth: 140
                            from: 0
                            to: line.modelData.quantity
                            value: step.picked[line.modelData.itemId] || 0
                            editable: true
                            onValueModified: step.setPicked(line.modelData.itemId, value)
                        }
                    }
                }
            }
        }

        SectionCard {
            objectName: "giftLimitsCard"
            Layout.fillWidth: true
            title: qsTr("Value %1").arg(Labels.display("gift_item", "unit_value", step.total))
            Repeater {
                model: step.limits
                delegate: InfoRow {
                    required property var modelData
                    objectName: "giftLimit"
                    label: modelData.label
                    value: modelData.capText + " · " + modelData.leftText
                    valueColor: modelData.over ? Theme.error : Theme.textPrimary
                }
            }
            Label {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.margin
                visible: step.limits.length === 0
                text: qsTr("No gift limit for this tier.")
                color: Theme.textHint
                font.pixelSize: 13
            }
        }

        SectionCard {
            Layout.fillWidth: true
            title: qsTr("Recipient's signature (optional)")
            actionText: step.signed ? qsTr("Clear") : ""
            onActionClicked: signature.clear()
            Canvas {
                id: signature
                objectName: "signaturePad"
                Layout.fillWidth: true
                Layout.leftMargin: Theme.margin
                Layout.rightMargin: Theme.margin
                Layout.preferredHeight: 140
                property var strokes: []
                function clear() {
                    signature.strokes = []
                    step.signed = false
                    signature.requestPaint()
                }
                onPaint: {
                    const ctx = getContext("2d")
                    ctx.fillStyle = "white"
                    ctx.fillRect(0, 0, width, height)
                    ctx.strokeStyle = "#1f2330"
                    ctx.lineWidth = 2.5
                    ctx.lineCap = "round"
                    for (const stroke of signature.strokes) {
                        ctx.beginPath()
                        for (let i = 0; i < stroke.length; ++i) {
                            if (i === 0)
                                ctx.moveTo(stroke[i].x, stroke[i].y)
                            else
                                ctx.lineTo(stroke[i].x, stroke[i].y)
                        }
                        ctx.stroke()
                    }
                }
                Rectangle {
                    anchors.fill: parent
                    color: "transparent"
                    border.color: Theme.divider
                    radius: 6
                }
                Label {
                    anchors.centerIn: parent
                    visible: !step.signed
                    text: qsTr("Sign here")
                    color: Theme.textHint
                }
                MouseArea {
                    anchors.fill: parent
                    preventStealing: true
                    onPressed: (mouse) => {
                        step.signing = true
                        signature.strokes.push([Qt.point(mouse.x, mouse.y)])
                    }
                    onPositionChanged: (mouse) => {
                        signature.strokes[signature.strokes.length - 1].push(Qt.point(mouse.x, mouse.y))
                        step.signed = true
                        signature.requestPaint()
                    }
                    onReleased: step.signing = false
                }
            }
        }

        ErrorBanner { objectName: "giftMessage"; text: step.message }

        Button {
            objectName: "handOverButton"
            Layout.fillWidth: true
            implicitHeight: Theme.touch
            highlighted: true
            enabled: step.anyPicked
            font.capitalization: Font.MixedCase
            text: qsTr("Hand over")
            onClicked: step.handOver()
        }
    }
}
