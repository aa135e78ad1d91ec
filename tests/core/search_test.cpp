// Search as a rep uses it: one box, Chinese substrings, pinyin, initials, phone digits,
// traditional characters, several words; lists sorted by pinyin; filters.
#include <catch2/catch.hpp>

#include <algorithm>

#include "fakes/search_index.h"
#include "fakes/temp_db.h"

using namespace fb;

namespace {

struct SearchFixture : test::ArchiveFixture {
    std::string hengda, jinjiang, huaqiang, hospital, bank;
    SearchFixture()
    {
        hengda = account("杭州恒达建材有限公司", "KA",
                         {{"industry", std::string("建材")},
                          {"region", std::string("杭州")},
                          {"address", std::string("浙江省杭州市西湖区文三路 88 号")},
                          {"phone", std::string("0571-8888 6666")}});
        jinjiang = account("成都錦江賓館", "A",
                           {{"industry", std::string("酒店")}, {"region", std::string("成都")}});
        huaqiang = account("深圳华强电子商行", "B",
                           {{"industry", std::string("零售")}, {"region", std::string("深圳")}});
        hospital = account("杭州市第一人民医院", "KA",
                           {{"industry", std::string("医院")},
                            {"region", std::string("杭州")},
                            {"stage", std::string("maturity")}});
        bank = account("Agricultural Bank 农行支行", "C",
                       {{"industry", std::string("金融")}, {"region", std::string("上海")}});
        person(hengda, "张三丰", "head", {{"phone", std::string("138 0013 8000")}});
        person(huaqiang, "单小明", "decision_maker");
        person(hospital, "曾国强", "handler", {{"phone", std::string("13912345678")}});
    }
    std::vector<std::string> names(const AccountFilter& filter)
    {
        AccountQuery q(*db);
        std::vector<std::string> out;
        for (const AccountHit& h : q.page(filter, 0, 50).hits)
            out.push_back(h.name);
        return out;
    }
    bool finds(const std::string& text, const std::string& name)
    {
        auto n = names({.text = text});
        return std::find(n.begin(), n.end(), name) != n.end();
    }
};

}  // namespace

TEST_CASE("search finds accounts by Chinese substring, pinyin, initials, phone and address", "[core][search]")
{
    SearchFixture f;
    CHECK(f.finds("恒达", "杭州恒达建材有限公司"));       // two characters
    CHECK(f.finds("恒达建材", "杭州恒达建材有限公司"));   // longer substring
    CHECK(f.finds("hengda", "杭州恒达建材有限公司"));     // full pinyin substring
    CHECK(f.finds("HengDa", "杭州恒达建材有限公司"));     // case folded
    CHECK(f.finds("hzhdjc", "杭州恒达建材有限公司"));     // initials
    CHECK(f.finds("hd", "杭州恒达建材有限公司"));         // two initials
    CHECK(f.finds("88886666", "杭州恒达建材有限公司"));   // phone digits
    CHECK(f.finds("0571-8888", "杭州恒达建材有限公司"));  // phone as typed
    CHECK(f.finds("文三路", "杭州恒达建材有限公司"));     // address
    CHECK(f.finds("bank", "Agricultural Bank 农行支行"));
    CHECK(f.finds("农行", "Agricultural Bank 农行支行"));
    CHECK_FALSE(f.finds("恒达", "深圳华强电子商行"));
    CHECK(f.names({.text = "不存在的客户"}).empty());
}

TEST_CASE("traditional and simplified characters find each other", "[core][search]")
{
    SearchFixture f;
    CHECK(f.finds("锦江宾馆", "成都錦江賓館"));  // simplified query, traditional name
    CHECK(f.finds("錦江", "成都錦江賓館"));
    CHECK(f.finds("jinjiang", "成都錦江賓館"));
    CHECK(f.finds("華強", "深圳华强电子商行"));  // traditional query, simplified name
}

TEST_CASE("an account is found through its key persons, polyphones by each reading", "[core][search]")
{
    SearchFixture f;
    AccountQuery q(*f.db);
    auto page = q.page({.text = "张三丰"}, 0, 10);
    REQUIRE(page.total == 1);
    CHECK(page.hits[0].name == "杭州恒达建材有限公司");
    CHECK(page.hits[0].personName == "张三丰");
    CHECK(page.hits[0].personRole == "head");

    CHECK(f.finds("zsf", "杭州恒达建材有限公司"));
    CHECK(f.finds("zhangsanfeng", "杭州恒达建材有限公司"));
    CHECK(f.finds("13800138000", "杭州恒达建材有限公司"));
    CHECK(f.finds("張三豐", "杭州恒达建材有限公司"));
    // 单 reads shan (surname) or dan; 曾 reads zeng (surname) or ceng.
    CHECK(f.finds("shanxiaoming", "深圳华强电子商行"));
    CHECK(f.finds("danxiaoming", "深圳华强电子商行"));
    CHECK(f.finds("sxm", "深圳华强电子商行"));
    CHECK(f.finds("dxm", "深圳华强电子商行"));
    CHECK(f.finds("zengguoqiang", "杭州市第一人民医院"));
    CHECK(f.finds("cengguoqiang", "杭州市第一人民医院"));

    // A direct hit on the account is shown without a "via" person.
    auto direct = q.page({.text = "杭州恒达"}, 0, 10);
    REQUIRE(direct.total == 1);
    CHECK(direct.hits[0].personName.empty());
}

TEST_CASE("several words each must match, in the account or one of its key persons", "[core][search]")
{
    SearchFixture f;
    const std::string beijingHospital =
        f.account("协和医院", "A", {{"address", std::string("北京市东城区帅府园 1 号")}});
    const std::string beijingHotel =
        f.account("北京饭店", "B", {{"address", std::string("北京市东城区东长安街 33 号")}});
    f.person(beijingHotel, "李强", "handler", {{"phone", std::string("138 0013 8000")}});
    // The city in the address, the kind of place in the name; in either order, any spaces.
    for (const char* text : {"北京 医院", "医院 北京", "  北京\u3000医院 ", "xiehe 北京", "xh 北京"}) {
        INFO(text);
        CHECK(f.names({.text = text}) == std::vector<std::string>{"协和医院"});
    }
    // Hospitals elsewhere and other places in Beijing are not hits.
    CHECK_FALSE(f.finds("北京 医院", "杭州市第一人民医院"));
    CHECK_FALSE(f.finds("北京 医院", "北京饭店"));
    // A word matched by a key person: the account is found through them.
    AccountQuery q(*f.db);
    auto page = q.page({.text = "北京 李强"}, 0, 10);
    REQUIRE(page.total == 1);
    CHECK(page.hits[0].name == "北京饭店");
    CHECK(page.hits[0].personName == "李强");
    // Both words in the name: a direct hit.
    auto direct = q.page({.text = "北京 饭店"}, 0, 10);
    REQUIRE(direct.total == 1);
    CHECK(direct.hits[0].personName.empty());
    // A phone typed in groups still finds it; a word nothing matches finds nothing.
    CHECK(f.finds("138 0013 8000", "北京饭店"));
    CHECK(f.names({.text = "北京 不存在"}).empty());
    // Punctuation alone is not a word.
    CHECK(f.finds("北京 , 饭店", "北京饭店"));
}

TEST_CASE("two letters of pinyin find the syllable, by every reading", "[core][search]")
{
    SearchFixture f;
    const std::string ou = f.account("区氏酒楼", "B");
    const std::string wu = f.account("吴记茶餐厅", "C");
    const std::string xu = f.account("徐家汇商厦", "A");
    f.person(wu, "李强", "head");
    f.person(xu, "胡一刀", "handler");
    CHECK(f.finds("ou", "区氏酒楼"));  // 区 as the surname ou
    CHECK(f.finds("qu", "区氏酒楼"));  // and as qu
    CHECK(f.finds("wu", "吴记茶餐厅"));
    CHECK(f.finds("xu", "徐家汇商厦"));
    CHECK(f.finds("li", "吴记茶餐厅"));  // through its key person 李强
    CHECK(f.finds("hu", "徐家汇商厦"));  // 胡 (and 汇 hui)
    CHECK(f.finds("LI", "吴记茶餐厅"));
    // The first letters of a longer syllable: 锦 jin, 张 zhang.
    CHECK(f.finds("ji", "成都錦江賓館"));
    CHECK(f.finds("zh", "杭州恒达建材有限公司"));
    // Not every pair of letters: no reading of these names starts with "ou".
    CHECK_FALSE(f.finds("ou", "吴记茶餐厅"));
    CHECK_FALSE(f.finds("wu", "区氏酒楼"));
}

TEST_CASE("lists sort by pinyin and filters narrow them", "[core][search]")
{
    SearchFixture f;
    // Agricultural (a) < 成都 (cheng) < 杭州恒达 (hang zhou heng) < 杭州市 (hang zhou shi) < 深圳 (shen)
    CHECK(f.names({}) == std::vector<std::string>{"Agricultural Bank 农行支行", "成都錦江賓館",
                                                  "杭州恒达建材有限公司", "杭州市第一人民医院",
                                                  "深圳华强电子商行"});
    CHECK(f.names({.tier = "KA"}) == std::vector<std::string>{"杭州恒达建材有限公司", "杭州市第一人民医院"});
    CHECK(f.names({.stage = "maturity"}) == std::vector<std::string>{"杭州市第一人民医院"});
    CHECK(f.names({.text = "杭州", .industry = "医院"}) == std::vector<std::string>{"杭州市第一人民医院"});
    CHECK(f.names({.region = "深圳"}) == std::vector<std::string>{"深圳华强电子商行"});

    AccountQuery q(*f.db);
    auto firstTwo = q.page({}, 0, 2);
    CHECK(firstTwo.total == 5);
    CHECK(firstTwo.hits.size() == 2);
    auto rest = q.page({}, 2, 50);
    CHECK(rest.hits.size() == 3);
    CHECK(rest.hits[0].name == "杭州恒达建材有限公司");

    auto industries = q.industries();
    CHECK(industries.front() == "建材");  // jiancai < jinrong < jiudian < lingshou < yiyuan
    CHECK(industries.size() == 5);
}

TEST_CASE("the index follows edits and archiving", "[core][search]")
{
    SearchFixture f;
    {
        Transaction tx(*f.db);
        REQUIRE(f.archive->updateAccount(tx, f.huaqiang, {{"name", std::string("深圳赛格电子")}}).ok());
        tx.commit();
    }
    CHECK_FALSE(f.finds("华强", "深圳华强电子商行"));
    CHECK(f.finds("saige", "深圳赛格电子"));
    {
        Transaction tx(*f.db);
        REQUIRE(f.archive->updateAccount(tx, f.bank, {{"archived", std::int64_t{1}}}).ok());
        tx.commit();
    }
    CHECK_FALSE(f.finds("bank", "Agricultural Bank 农行支行"));
    AccountQuery q(*f.db);
    CHECK(q.page({.text = "bank", .includeArchived = true}, 0, 10).total == 0);  // archived leave the index
    CHECK(q.page({.includeArchived = true}, 0, 10).total == 5);
    CHECK(q.page({}, 0, 10).total == 4);
}

namespace {

// prepareIndex of every account or key person row, as an initial sync prepares them.
std::vector<std::pair<std::string, IndexPrep>> prepared(Database& db, const char* table, const char* sql,
                                                        const std::vector<const char*>& columns)
{
    std::vector<std::pair<std::string, IndexPrep>> out;
    Statement st = db.prepare(sql);
    while (st.step()) {
        Fields fields;
        for (std::size_t i = 0; i < columns.size(); ++i)
            fields.emplace(columns[i], st.value(static_cast<int>(i) + 1));
        out.emplace_back(st.text(0), prepareIndex(table, fields));
    }
    return out;
}

}  // namespace

TEST_CASE(
    "an initial sync's page-by-page index equals the write hooks' index, whatever order records come in",
    "[core][search]")
{
    SearchFixture f;
    f.person(f.bank, "王建国", "head");
    {
        Transaction tx(*f.db);
        REQUIRE(f.archive->updateAccount(tx, f.bank, {{"archived", std::int64_t{1}}})
                    .ok());  // it and 王建国 leave
        tx.commit();
    }
    const auto byHooks = test::searchIndexLines(*f.db);
    REQUIRE_FALSE(test::anyMisplaced(byHooks));

    auto accounts =
        prepared(*f.db, "account",
                 "SELECT id, name, phone, address, archived, tier, stage, industry, region FROM account",
                 {"name", "phone", "address", "archived", "tier", "stage", "industry", "region"});
    auto persons =
        prepared(*f.db, "key_person", "SELECT id, name, phone, account_id, archived, role FROM key_person",
                 {"name", "phone", "account_id", "archived", "role"});
    REQUIRE(accounts.size() == 5);
    REQUIRE(persons.size() == 4);
    const auto find = [](auto& list, const std::string& id) -> std::pair<std::string, IndexPrep>& {
        return *std::find_if(list.begin(), list.end(), [&](const auto& r) { return r.first == id; });
    };
    const auto personOf = [&](const std::string& account) -> std::pair<std::string, IndexPrep>& {
        return *std::find_if(persons.begin(), persons.end(),
                             [&](const auto& r) { return r.second.accountId == account; });
    };
    {
        Transaction tx(*f.db);
        f.db->execScript("DELETE FROM search_fts; DELETE FROM search_short; DELETE FROM search_entry; DELETE "
                         "FROM search_key; DELETE FROM search_account;"
                         "UPDATE account SET _sort = ''; UPDATE key_person SET _sort = '';");
        for (const auto* table : {"account", "key_person"})
            for (const auto& [id, prep] : std::string_view(table) == "account" ? accounts : persons)
                f.db->cached(std::string("UPDATE ") + table + " SET _sort = ? WHERE id = ?")
                    .bind(1, prep.sort)
                    .bind(2, id)
                    .exec();
        BulkIndexer indexer;
        // Page 1: two key persons whose accounts come later, and one account.
        indexer.add(personOf(f.hengda).first, personOf(f.hengda).second);
        indexer.add(personOf(f.bank).first, personOf(f.bank).second);
        indexer.add(find(accounts, f.jinjiang).first, find(accounts, f.jinjiang).second);
        indexer.endPage(tx);
        // Page 2: a key person before its account on the same page, the archived account,
        // the account the first page's person waited for, the rest.
        indexer.add(personOf(f.hospital).first, personOf(f.hospital).second);
        indexer.add(find(accounts, f.hospital).first, find(accounts, f.hospital).second);
        indexer.add(find(accounts, f.bank).first, find(accounts, f.bank).second);
        indexer.add(find(accounts, f.hengda).first, find(accounts, f.hengda).second);
        indexer.endPage(tx);
        // Page 3 and the last: an account, then on the last page its key person.
        indexer.add(find(accounts, f.huaqiang).first, find(accounts, f.huaqiang).second);
        indexer.endPage(tx);
        indexer.add(personOf(f.huaqiang).first, personOf(f.huaqiang).second);
        indexer.finish(tx, false);
        tx.commit();
    }
    CHECK(test::searchIndexLines(*f.db) == byHooks);
    CHECK(f.finds("曾国强", "杭州市第一人民医院"));
    CHECK(f.finds("zsf", "杭州恒达建材有限公司"));
    CHECK_FALSE(f.finds("王建国", "Agricultural Bank 农行支行"));

    // rebuildSearchIndex (migration, repair) makes the same index too.
    {
        Transaction tx(*f.db);
        f.db->execScript(
            "DELETE FROM search_account; UPDATE account SET _sort = ''; UPDATE key_person SET _sort = '';");
        rebuildSearchIndex(tx);
        tx.commit();
    }
    CHECK(test::searchIndexLines(*f.db) == byHooks);
}

TEST_CASE("a key person's name ranks above a name matched only by a rare reading", "[core][search]")
{
    test::ArchiveFixture f;
    // 长沙 read zhang-sha is how the name can be read, not how a rep reads it.
    f.account("长沙盛达建材", "KA", {{"region", std::string("长沙市岳麓区")}});
    const std::string hospital = f.account("长沙市第三医院", "C", {{"region", std::string("长沙市开福区")}});
    f.person(hospital, "张爽", "head");
    const AccountPage page = AccountQuery(*f.db).page({.text = "zhangs"}, 0, 10);
    REQUIRE(page.hits.size() == 2);
    CHECK(page.hits[0].name == "长沙市第三医院");
    CHECK(page.hits[0].rank == MatchRank::KeyPerson);
    CHECK(page.hits[0].personName == "张爽");
    CHECK(page.hits[1].name == "长沙盛达建材");
    CHECK(page.hits[1].rank == MatchRank::NameSubstring);
}

TEST_CASE("a search with hundreds of hits pages the same order as one long page", "[core][search]")
{
    test::ArchiveFixture f;
    // 300 names a one-letter word begins (more than are ranked in full), the words of 30 more,
    // and 20 key persons; every third of the 300 is tier B.
    std::vector<std::string> ids;
    for (int i = 0; i < 300; ++i)
        ids.push_back(f.account("中" + std::to_string(1000 + i) + "商行", i % 3 == 0 ? "B" : "A"));
    for (int i = 0; i < 30; ++i)
        f.account("杭州中" + std::to_string(i) + "号", "C", {{"region", std::string("杭州市西湖区")}});
    // Ten the word begins only by a reading names rarely use (长 as zhang): after the others.
    for (int i = 0; i < 10; ++i)
        f.account("长乐" + std::to_string(i) + "号", "A");
    for (int i = 0; i < 20; ++i)
        f.person(f.account("安" + std::to_string(i) + "号", "C"), "周" + std::to_string(i));
    {
        // The rep opened one late in pinyin order: it leads.
        Transaction tx(*f.db);
        noteAccountOpened(tx, ids[299], f.clock.nowMs());
        tx.commit();
    }
    for (const std::string& tier : {std::string(), std::string("B")}) {
        INFO("tier filter: " << tier);
        AccountFilter filter{.text = "z", .tier = tier};
        AccountQuery query(*f.db);
        const AccountPage whole = query.page(filter, 0, 500);
        std::vector<std::string> paged;
        int lastTotal = 0;
        for (int offset = 0;; offset += 40) {
            const AccountPage page = query.page(filter, offset, 40);
            for (const AccountHit& h : page.hits)
                paged.push_back(h.accountId);
            lastTotal = page.total;
            if (page.hits.size() < 40) break;
        }
        std::vector<std::string> wholeIds;
        for (const AccountHit& h : whole.hits)
            wholeIds.push_back(h.accountId);
        CHECK(paged == wholeIds);
        CHECK(lastTotal == static_cast<int>(wholeIds.size()));
        CHECK(whole.total == static_cast<int>(wholeIds.size()));
        CHECK(wholeIds.size() == (tier.empty() ? 360U : 100U));
        if (tier.empty()) {
            CHECK(wholeIds.front() == ids[299]);
            // The names it begins, the words of names it begins, the key persons, then the
            // names it begins only by a rare reading: 长乐 sorts as zhang, before 中.
            CHECK(whole.hits[299].name.starts_with("中"));
            CHECK(whole.hits[300].name.starts_with("杭州中"));
            CHECK(whole.hits[330].personName.starts_with("周"));
            CHECK(whole.hits[350].name.starts_with("长乐"));
            CHECK(whole.hits[350].rank == MatchRank::NameSubstring);
            CHECK(whole.hits[359].name.starts_with("长乐"));
        }
    }
}

TEST_CASE("past 250 hits the ranks stay in order across the tiers", "[core][search]")
{
    test::ArchiveFixture f;
    // 260 names whose initials begin with zs (more than are ranked in full), and three whose
    // word after the city does: a word start ranks above initials from the start.
    for (int i = 0; i < 260; ++i)
        f.account("中山" + std::to_string(100 + i) + "店", "A");
    for (int i = 0; i < 3; ++i)
        f.account("杭州中盛" + std::to_string(i) + "号", "C", {{"region", std::string("杭州市西湖区")}});
    AccountQuery query(*f.db);
    const AccountPage first = query.page({.text = "zs"}, 0, 5);
    REQUIRE(first.hits.size() == 5);
    for (int i = 0; i < 3; ++i) {
        CHECK(first.hits[static_cast<std::size_t>(i)].name.starts_with("杭州中盛"));
        CHECK(first.hits[static_cast<std::size_t>(i)].rank == MatchRank::WordStart);
    }
    CHECK(first.hits[3].name.starts_with("中山"));
    CHECK(first.hits[3].rank == MatchRank::Initials);
    CHECK(first.total == 263);
    // The same order page by page.
    const AccountPage second = query.page({.text = "zs"}, 5, 5);
    REQUIRE(second.hits.size() == 5);
    CHECK(second.hits[0].name.starts_with("中山"));
    CHECK(second.hits[0].accountId != first.hits[4].accountId);
}
