// One row of the account list. Roles of AccountListModel arrive as required properties.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

ItemDelegate {
    id: row
    required property int index
    required property string accountId
    required property string name
    required property string tier
    required property string stage
    required property string industry
    required property string region
    required property string personName
    required property string personRole
    required property string matchField
    required property string matchedText
    required property string matchedIn
    required property var nameMarks
    required property string lastVisit
    required property string next
    required property bool nextOverdue
    required property bool declining

    // The name with the part the search matched in the primary colour (StyledText, escaped).
    function markedName(): string {
        const esc = t => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
        const marks = row.nameMarks || []
        if (marks.length === 0)
            return esc(row.name)
        let out = ""
        let at = 0
        for (const m of marks) {
            if (m[0] < at)
                continue
            out += esc(row.name.slice(at, m[0]))
            out += "<font color=\"" + Theme.primary + "\">" + esc(row.name.slice(m[0], m[1])) + "</font>"
            at = m[1]
        }
        return out + esc(row.name.slice(at))
    }
    // Why a search listed the row beyond the marked name: the phone it matched (first, where a
    // narrow row keeps it), the key person it came through, the address it matched.
    function reason(): string {
        let out = ""
        if (row.matchedIn === "phone")
            out = qsTr("Phone: %1").arg(Labels.phone(row.matchedText))
        if (row.personName.length > 0) {
            // "other" says nothing a rep needs here.
            const role = row.personRole.length > 0 && row.personRole !== "other"
                       ? Labels.option("key_person", "role", row.personRole) : ""
            const who = role.length > 0 ? qsTr("Key person %1 (%2)").arg(row.personName).arg(role)
                                        : qsTr("Key person %1").arg(row.personName)
            out = out.length > 0 ? out + " · " + who : who
        }
        if (row.matchedIn === "address") {
            const where = qsTr("Address: %1").arg(row.matchedText)
            out = out.length > 0 ? out + " · " + where : where
        }
        return out
    }

    implicitHeight: Math.max(Theme.touch + 24, implicitContentHeight + 24)
    padding: 0
    leftPadding: Theme.margin
    rightPadding: Theme.margin

    background: Rectangle {
        color: row.pressed ? Theme.primaryLight : Theme.surface
        Rectangle {
            anchors.bottom: parent.bottom
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.leftMargin: Theme.margin
            height: 1
            color: Theme.divider
        }
    }

    contentItem: ColumnLayout {
        spacing: 4
        RowLayout {
            Layout.fillWidth: true
            spacing: 8
            // Long names wrap: branches of one chain differ at their end.
            Label {
                objectName: "rowName"
                Layout.fillWidth: true
                text: row.markedName()
                textFormat: Text.StyledText
                font.pixelSize: 16
                font.bold: true
                color: Theme.textPrimary
                wrapMode: Text.Wrap
                maximumLineCount: 2
                elide: Text.ElideRight
            }
            TierBadge { tier: row.tier }
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: 8
            StageChip {
                stage: row.stage
                label: Labels.option("account", "stage", row.stage)
            }
            // The decline warning: fallen behind its own rhythm (the account page says how far).
            Label {
                objectName: "rowDeclining"
                visible: row.declining
                text: "⚠ " + qsTr("Falling behind")
                color: Theme.error
                font.pixelSize: 13
            }
            Label {
                Layout.fillWidth: true
                text: Labels.joined([row.industry, row.region], " · ")
                color: Theme.textSecondary
                font.pixelSize: 13
                elide: Text.ElideRight
            }
        }
        Label {
            objectName: "rowRhythm"
            Layout.fillWidth: true
            text: Labels.joined([row.lastVisit, row.next.length > 0 ? qsTr("Next: %1").arg(row.next) : ""], " · ")
            color: row.nextOverdue ? Theme.error : Theme.textSecondary
            font.pixelSize: 12
            elide: Text.ElideRight
        }
        Label {
            objectName: "rowReason"
            Layout.fillWidth: true
            visible: text.length > 0
            text: row.reason()
            wrapMode: Text.Wrap
            maximumLineCount: 2
            color: Theme.accent
            font.pixelSize: 13
            elide: Text.ElideRight
        }
    }
}
