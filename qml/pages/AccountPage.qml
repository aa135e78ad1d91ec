// One account, as a rep reads it before going in: the summary, quick actions (call, navigate,
// start or continue the visit), the last visit's "next time", the key persons (a birthday
// soon marked), the visit timeline and appointments, then the archive's sections: the
// storefront, basic information, demand, role history, the referral chain both ways, social
// relations, notes and custom fields.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fieldbook.App
import Fieldbook.Ui

Page {
    id: page
    objectName: "accountPage"

    required property string accountId
    property var account: ({})
    property var persons: []
    property var history: []
    property var referrers: []
    property var referred: []
    property var life: ({})  // Today.lifecycleOf: the rhythm and the decline warning
    property string nextTime

    function reload() {
        nextTime = Visit.nextTime(accountId)
        life = Today.lifecycleOf(accountId)
        account = Archive.account(accountId)
        persons = Archive.keyPersons(accountId)
        history = Archive.roleHistory(accountId)
        referrers = Archive.referralsUp(accountId)
        referred = Archive.referralsDown(accountId)
    }
    function fieldText(field: string): string {
        const v = account[field]
        return v === undefined || v === null ? "" : String(v)
    }
    function label(field: string): string {
        return Labels.option("account", field, page.fieldText(field))
    }
    function push(file: string, props: var) {
        page.StackView.view.push(Qt.resolvedUrl(file), props)
    }
    function customEntries(): var {
        const c = account.custom
        if (!c)
            return []
        return Object.keys(c).sort().map(k => ({ key: k, value: String(c[k]) }))
    }
    // A field's value as the rep reads it (its declared type: dates in full, the volume with
    // its unit).
    function shown(field: string): string {
        return Labels.display("account", field, page.account[field])
    }
    function agreementText(): string {
        const parts = []
        if (page.fieldText("agreement_volume").length > 0)
            parts.push(qsTr("volume %1").arg(page.shown("agreement_volume")))
        if (page.fieldText("agreement_start").length > 0 || page.fieldText("agreement_end").length > 0)
            parts.push(qsTr("%1 to %2").arg(page.shown("agreement_start") || "…").arg(page.shown("agreement_end") || "…"))
        //: the separator between the parts of the annual agreement
        return parts.join(qsTr(", "))
    }

    Component.onCompleted: {
        Archive.noteOpened(accountId)
        reload()
    }
    Connections {
        target: Archive
        function onChanged() { page.reload() }
    }
    Connections {
        target: Visit
        function onVisitsChanged() { page.nextTime = Visit.nextTime(page.accountId) }
    }
    Connections {
        target: Today
        function onChanged() { page.life = Today.lifecycleOf(page.accountId) }
    }

    background: Rectangle { color: Theme.background }

    header: PageHeader {
        title: page.fieldText("name")
        actionText: qsTr("Edit")
        onBackClicked: page.StackView.view.pop()
        onActionClicked: page.push("AccountEditPage.qml", { accountId: page.accountId })
    }

    Flickable {
        id: flick
        objectName: "accountFlick"
        anchors.fill: parent
        contentHeight: column.implicitHeight + 32
        clip: true
        ScrollIndicator.vertical: ScrollIndicator {}

        ColumnLayout {
            id: column
            x: Theme.margin
            y: Theme.margin
            width: flick.width - 2 * Theme.margin
            spacing: Theme.spacing

            // Summary: name, tier, stage, industry · region
            Rectangle {
                Layout.fillWidth: true
                implicitHeight: summary.implicitHeight + 2 * Theme.margin
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.divider
                ColumnLayout {
                    id: summary
                    anchors.fill: parent
                    anchors.margins: Theme.margin
                    spacing: 8
                    Label {
                        Layout.fillWidth: true
                        text: page.fieldText("name")
                        font.pixelSize: Theme.fontHeadline
                        font.bold: true
                        color: Theme.textPrimary
                        wrapMode: Text.Wrap
                    }
                    Flow {
                        Layout.fillWidth: true
                        spacing: 8
                        TierBadge { tier: page.fieldText("tier") }
                        Label {
                            text: page.label("tier")
                            color: Theme.tierColor(page.fieldText("tier"))
                            font.pixelSize: 13
                            height: 22
                            verticalAlignment: Text.AlignVCenter
                        }
                        StageChip {
                            stage: page.fieldText("stage")
                            label: page.label("stage")
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: text.length > 0
                        text: Labels.joined([page.fieldText("industry"), page.fieldText("region")], " · ")
                        color: Theme.textSecondary
                        font.pixelSize: 14
                        wrapMode: Text.Wrap
                    }
                    // The decline warning: the account has fallen behind its own rhythm.
                    Label {
                        objectName: "declineMark"
                        Layout.fillWidth: true
                        visible: page.life.behind === true
                        text: "⚠ " + qsTr("Falling behind: %1").arg(page.life.rhythm || "")
                        color: Theme.error
                        font.pixelSize: 14
                        wrapMode: Text.Wrap
                    }
                }
            }

            // The rep's two-minute start: call, find the way, start the visit.
            RowLayout {
                objectName: "quickActions"
                Layout.fillWidth: true
                spacing: 8
                Button {
                    objectName: "quickCall"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    implicitHeight: Theme.touch
                    enabled: page.fieldText("phone").length > 0
                    font.capitalization: Font.MixedCase
                    text: qsTr("Call")
                    onClicked: Contact.call(page.fieldText("phone"))
                }
                Button {
                    objectName: "quickNavigate"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    implicitHeight: Theme.touch
                    enabled: page.fieldText("address").length > 0 || page.fieldText("location").length > 0
                    font.capitalization: Font.MixedCase
                    text: qsTr("Navigate")
                    onClicked: Contact.openMap(page.fieldText("name"), page.fieldText("address"), page.fieldText("location"))
                }
                Button {
                    objectName: "startVisitButton"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    implicitHeight: Theme.touch
                    highlighted: true
                    enabled: Visit.active ? Visit.accountId === page.accountId : Visit.canStart
                    font.capitalization: Font.MixedCase
                    text: Visit.active && Visit.accountId === page.accountId ? qsTr("Continue the visit")
                                                                              : qsTr("Start visit")
                    onClicked: {
                        if (Visit.active)
                            Visit.requestStart("", "")
                        else
                            Visit.requestStart(page.accountId, page.fieldText("name"))
                    }
                }
            }
            // What the last visit said to do next time.
            Rectangle {
                objectName: "accountNextTime"
                Layout.fillWidth: true
                visible: page.nextTime.length > 0
                implicitHeight: nextLabel.implicitHeight + 20
                radius: Theme.radius
                color: Theme.tipBackground
                border.color: Theme.tipBorder
                Label {
                    id: nextLabel
                    x: 12
                    y: 10
                    width: parent.width - 24
                    text: qsTr("Next time: %1").arg(page.nextTime)
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.fontBody
                    color: Theme.textPrimary
                }
            }
            SectionCard {
                objectName: "keyPersonsSection"
                title: qsTr("Key persons (%1)").arg(page.persons.length)
                actionText: qsTr("+ Add key person")
                onActionClicked: page.push("KeyPersonEditPage.qml", { personId: "", accountId: page.accountId })

                Label {
                    Layout.fillWidth: true
                    visible: page.persons.length === 0
                    text: qsTr("No key persons recorded. Add the head of unit, the purchasing decision-maker and the handler.")
                    color: Theme.textHint
                    font.pixelSize: 14
                    wrapMode: Text.Wrap
                }
                Repeater {
                    model: page.persons
                    delegate: KeyPersonCard {
                        id: personCard
                        onClicked: page.push("KeyPersonPage.qml", { personId: personCard.person.id })
                    }
                }
                Button {
                    Layout.fillWidth: true
                    flat: true
                    text: qsTr("Record a role change")
                    Material.foreground: Theme.primary
                    onClicked: page.push("RoleChangePage.qml", { accountId: page.accountId })
                }
            }

            VisitTimelineCard {
                accountId: page.accountId
            }

            AppointmentsCard {
                accountId: page.accountId
                onBook: page.push("AppointmentEditPage.qml", { accountId: page.accountId })
            }

            LifecycleCard {
                accountId: page.accountId
                life: page.life
                onChangeRequested: (toStage, suggested) => page.push("StageChangePage.qml", {
                    accountId: page.accountId, accountName: page.account.name || "",
                    toStage: toStage, suggested: suggested })
            }

            CadenceCard {
                accountId: page.accountId
                onLogRequested: page.push("ContactLogPage.qml", { accountId: page.accountId,
                                                                  accountName: page.account.name || "" })
            }

            StorefrontPhoto {
                accountId: page.accountId
            }

            SectionCard {
                id: basics
                title: qsTr("Basic information")
                visible: ["industry", "scale", "region", "address", "phone", "source", "ownerName",
                          "exit_reason"].some(f => page.fieldText(f).length > 0)
                InfoRow { label: qsTr("Industry"); value: page.fieldText("industry") }
                InfoRow { label: qsTr("Scale"); value: page.label("scale") }
                InfoRow { label: qsTr("Region"); value: page.fieldText("region") }
                ContactRow {
                    objectName: "accountAddress"
                    label: qsTr("Address")
                    value: page.fieldText("address")
                    address: page.fieldText("address")
                    placeName: page.fieldText("name")
                    location: page.fieldText("location")
                }
                LocationRow {
                    accountId: page.accountId
                    value: page.fieldText("location")
                    placeName: page.fieldText("name")
                    address: page.fieldText("address")
                }
                ContactRow {
                    objectName: "accountPhone"
                    label: qsTr("Phone")
                    value: Labels.phone(page.fieldText("phone"))
                    phone: page.fieldText("phone")
                }
                InfoRow { label: qsTr("Source"); value: page.label("source") }
                // Whose account it is: the server's owner, read-only (reassigned there).
                InfoRow { objectName: "accountOwner"; label: qsTr("Account manager"); value: page.fieldText("ownerName") }
                InfoRow { label: qsTr("Exit reason"); value: page.label("exit_reason") }
            }

            SectionCard {
                title: qsTr("Demand and consumption")
                visible: ["demand_profile", "consumption_capacity", "purchase_channel", "price_level",
                          "price_sensitivity", "competitors", "agreement_volume", "agreement_start",
                          "agreement_end"].some(f => page.fieldText(f).length > 0)
                InfoRow { label: qsTr("Demand profile"); value: page.fieldText("demand_profile") }
                InfoRow { label: qsTr("Capacity"); value: page.label("consumption_capacity") }
                InfoRow { label: qsTr("Purchase channel"); value: page.fieldText("purchase_channel") }
                InfoRow { label: qsTr("Price level"); value: page.label("price_level") }
                InfoRow { label: qsTr("Price sensitivity"); value: page.label("price_sensitivity") }
                InfoRow { label: qsTr("Competitors"); value: page.fieldText("competitors") }
                InfoRow { label: qsTr("Annual agreement"); value: page.agreementText() }
            }

            SectionCard {
                title: qsTr("Key position changes")
                visible: page.history.length > 0
                Repeater {
                    model: page.history
                    delegate: RoleHistoryRow {}
                }
            }

            SectionCard {
                objectName: "referralsSection"
                title: qsTr("Referrals")
                actionText: qsTr("+ Record referral")
                onActionClicked: page.push("ReferralPage.qml", { accountId: page.accountId })

                Label {
                    Layout.fillWidth: true
                    visible: page.referrers.length === 0 && page.referred.length === 0
                    text: qsTr("No referrals yet. Ask satisfied customers for new contacts.")
                    color: Theme.textHint
                    font.pixelSize: 14
                    wrapMode: Text.Wrap
                }
                Label {
                    visible: page.referrers.length > 0
                    text: qsTr("Referred by (chain)")
                    color: Theme.textSecondary
                    font.pixelSize: 13
                }
                Repeater {
                    model: page.referrers
                    delegate: ReferralRow {
                        id: upRow
                        accountName: upRow.referral.referrerAccountName
                        upward: true
                        onClicked: page.push("AccountPage.qml", { accountId: upRow.referral.referrerAccountId })
                    }
                }
                Label {
                    visible: page.referred.length > 0
                    Layout.topMargin: page.referrers.length > 0 ? 8 : 0
                    text: qsTr("Accounts it referred")
                    color: Theme.textSecondary
                    font.pixelSize: 13
                }
                Repeater {
                    model: page.referred
                    delegate: ReferralRow {
                        id: downRow
                        accountName: downRow.referral.referredAccountName
                        upward: false
                        onClicked: page.push("AccountPage.qml", { accountId: downRow.referral.referredAccountId })
                    }
                }
            }

            SectionCard {
                title: qsTr("Social relations")
                visible: page.fieldText("social_relations").length > 0
                Label {
                    Layout.fillWidth: true
                    text: page.fieldText("social_relations")
                    wrapMode: Text.Wrap
                    textFormat: Text.PlainText
                    font.pixelSize: 14
                }
            }

            SectionCard {
                title: qsTr("Notes")
                visible: page.fieldText("notes").length > 0
                Label {
                    Layout.fillWidth: true
                    text: page.fieldText("notes")
                    wrapMode: Text.Wrap
                    textFormat: Text.PlainText
                    font.pixelSize: 14
                }
            }

            SectionCard {
                title: qsTr("Custom fields")
                visible: page.customEntries().length > 0
                Repeater {
                    model: page.customEntries()
                    delegate: InfoRow {
                        required property var modelData
                        label: modelData.key
                        value: modelData.value
                    }
                }
            }
        }
    }
}
