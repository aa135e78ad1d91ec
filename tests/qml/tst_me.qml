// The Me tab as a rep reads it, signed out on the database seeded by main.cpp: how to sign
// in, the sync state in the same words as the strip on every page, and nothing a rep has
// no use for (no database path, no device id).
import QtQuick
import QtQuick.Controls
import QtTest
import Fieldbook.App
import Fieldbook.Ui

Item {
    id: root
    width: 390
    height: 844

    MePage {
        id: page
        anchors.fill: parent
    }

    TestCase {
        name: "Me"
        when: windowShown

        // Every visible text under `item`, joined.
        function texts(item) {
            if (item.visible === false)
                return ""
            let out = item.text !== undefined ? String(item.text) + "\n" : ""
            if (item.value !== undefined)
                out += String(item.value) + "\n"
            for (let i = 0; i < item.children.length; ++i)
                out += texts(item.children[i])
            if (item.contentItem && item.contentItem !== item)
                out += texts(item.contentItem)
            return out
        }

        function test_signedOutSaysHowToSignIn() {
            tryVerify(() => Sync.ready, 5000)
            verify(!Sync.signedIn)
            const card = findChild(page, "meAccountCard")
            verify(texts(card).indexOf("尚未登录") >= 0, texts(card))
            verify(!findChild(page, "meTeam").visible, "no team row without a sign-in")
        }

        function test_syncStateIsTheStripsLine() {
            tryVerify(() => Sync.ready && Sync.pendingCount > 0, 5000)
            const state = findChild(page, "meSyncState")
            compare(state.value, Sync.statusLine)
            verify(state.value.indexOf("未登录") === 0, state.value)
        }

        function test_myStockPerItem() {
            // What the warehouse handed out, less what was given at visits; another rep's
            // ledger on this phone is not the rep's stock.
            tryVerify(() => Gifts.loaded, 5000)
            const card = findChild(page, "meStockCard")
            const all = texts(card)
            verify(all.indexOf("定制礼盒装白酒") >= 0, all)
            verify(all.indexOf("6盒") >= 0, all)
            verify(all.indexOf("1,176瓶") >= 0, all)
            verify(all.indexOf("¥688.00") >= 0, all)
            verify(all.indexOf("99") < 0, "another user's receipt is not shown: " + all)
            verify(all.indexOf("昨天入库") >= 0, "the last receipt, said relative to today: " + all)
        }

        function test_cadenceByTier() {
            tryVerify(() => Gifts.loaded, 5000)
            const all = texts(findChild(page, "meCadenceCard"))
            verify(all.indexOf("电话回访") >= 0, all)
            verify(all.indexOf("至少 3 次") >= 0, all)
            verify(all.indexOf("最多 1 次") >= 0, all)
        }

        function test_noDatabasePathOrDeviceId() {
            const all = texts(page)
            verify(all.indexOf(".db") < 0, "no database path")
            verify(!/[0-9a-f]{8}-[0-9a-f]{4}-/.test(all), "no device UUID")
            verify(all.indexOf("Linux") < 0, "no OS name")
        }
    }
}
