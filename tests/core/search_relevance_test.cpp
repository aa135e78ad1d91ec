// Search relevance as a key-account rep meets it: for what a rep types into the one search box,
// which account comes first, which follow, and the reason each row shows (MatchRank, MatchField,
// nameMarks, the key person or the phone or address that matched; search.h).
//
// The book below spans several cities and is built so that every query has one right answer under
// the ranking rules, with the traps a real book holds: 北京 in an address against names that start
// with 北京, 成都市 (cheng dou shi) against "oushi" for 区氏酒楼, initials that occur mid-name (福州市
// reads f z s, so "zs" finds it as a substring, below the key person 张三), two hospitals that tie
// and are ordered by pinyin, tiers that lift equal matches, an account the rep opened a moment ago.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "fakes/temp_db.h"

using namespace fb;

namespace {

// 杭州
constexpr const char* kHengda = "杭州恒达建材有限公司";
constexpr const char* kHengan = "杭州恒安便利店";
constexpr const char* kHengfeng = "杭州恒丰纺织有限公司";
constexpr const char* kHangzhouHospital = "杭州市第一人民医院";
constexpr const char* kHuqingyu = "杭州胡庆余堂国药号";
// 北京, and a 济南 shop on 北京路
constexpr const char* kXiehe = "北京协和医院";
constexpr const char* kBeijingHotel = "北京饭店";
constexpr const char* kTongrentang = "北京同仁堂药店";
constexpr const char* kHengtong = "济南恒通五金商行";
// 福州
constexpr const char* kFuzhouSchool = "福州市第一中学";
constexpr const char* kFuzhouTax = "福州市税务局";
// 成都 (one name in traditional characters, one Latin brand)
constexpr const char* kJinjiang = "成都錦江賓館";
constexpr const char* kChengduHospital = "成都市第三人民医院";
constexpr const char* kChengduJiancai = "成都建材商行";
constexpr const char* kIkea = "IKEA 宜家家居";
// 深圳, 广州 (traditional), 西安, 重庆: polyphone surnames 区 (ou), 单 (shan), 曾 (zeng)
constexpr const char* kHuaqiang = "深圳华强电子商行";
constexpr const char* kWuji = "吴记茶餐厅";
constexpr const char* kDongfang = "廣州東方酒樓有限公司";
constexpr const char* kOushi = "区氏酒楼";
constexpr const char* kShanji = "单记面馆";
constexpr const char* kZengjia = "曾家老店";
// 上海
constexpr const char* kXujiahui = "徐家汇商厦";
constexpr const char* kYifeng = "上海益丰大药房（徐汇店）";
constexpr const char* kCostco = "Costco";
constexpr const char* kRuijin = "上海瑞金医院";
// Elsewhere
constexpr const char* kHuzhouSilk = "湖州丝绸有限公司";
constexpr const char* kChangjiang = "武汉长江医药有限公司";
constexpr const char* kOujiang = "温州瓯江农资经营部";
constexpr const char* kJinling = "南京金陵饭店";
constexpr const char* kJinjihu = "苏州金鸡湖大酒店";
constexpr const char* kQingdaoSeafood = "青岛海鲜大酒楼";
constexpr const char* kGoubuli = "天津狗不理包子";
constexpr const char* kLujiang = "厦门鹭江宾馆";
constexpr const char* kYintai = "宁波银泰百货";
constexpr const char* kMeiling = "合肥美菱电器有限公司";
constexpr const char* kDianchi = "昆明滇池花园酒店";
constexpr const char* kXinghaiwan = "大连星海湾商务酒店";
constexpr const char* kDennis = "郑州丹尼斯百货";
constexpr const char* kQianwei = "贵阳黔味餐饮有限公司";
constexpr const char* kMazilu = "兰州马子禄牛肉面";
constexpr const char* kTaigang = "太原钢铁集团";
constexpr const char* kXianHospital = "西安交通大学第一附属医院";

struct AccountSpec {
    const char* name;
    const char* tier;
    const char* industry;
    const char* region;
    const char* address;
    const char* phone;
};

// The region names the city (and district) that a name starts with; no name repeats its district
// right after its city, so where the city part ends is never in doubt.
constexpr AccountSpec kAccounts[] = {
    {kHengda, "KA", "建材", "杭州市西湖区", "浙江省杭州市西湖区文三路88号", "0571-8888 6666"},
    {kHengan, "C", "零售", "杭州市拱墅区", "浙江省杭州市拱墅区莫干山路15号", "0571-8512 3300"},
    {kHengfeng, "B", "纺织", "杭州市萧山区", "浙江省杭州市萧山区金城路300号", "0571-8265 1200"},
    {kHangzhouHospital, "KA", "医院", "杭州市上城区", "浙江省杭州市上城区浣纱路261号", "0571-5600 7000"},
    {kHuqingyu, "A", "医药", "杭州市上城区", "浙江省杭州市上城区大井巷95号", "0571-8781 5000"},
    {kXiehe, "KA", "医院", "北京市东城区", "北京市东城区帅府园1号", "010-6915 6114"},
    {kBeijingHotel, "B", "酒店", "北京市东城区", "北京市东城区东长安街33号", "010-6513 7766"},
    {kTongrentang, "KA", "医药", "北京市西城区", "北京市西城区大栅栏街24号", "010-6303 1155"},
    {kHengtong, "B", "五金", "济南市历下区", "山东省济南市历下区北京路12号", "0531-8691 2345"},
    {kFuzhouSchool, "KA", "教育", "福州市鼓楼区", "福建省福州市鼓楼区南门兜1号", "0591-8755 0021"},
    {kFuzhouTax, "P", "政府", "福州市鼓楼区", "福建省福州市鼓楼区五四路38号", "0591-8709 3300"},
    {kJinjiang, "A", "酒店", "成都市青羊区", "四川省成都市青羊区人民南路二段80号", "028-8550 6666"},
    {kChengduHospital, "KA", "医院", "成都市青羊区", "四川省成都市青羊区青龙街82号", "028-6131 8888"},
    {kChengduJiancai, "B", "建材", "成都市金牛区", "四川省成都市金牛区一环路北三段", "028-8333 1200"},
    {kIkea, "A", "零售", "成都市武侯区", "四川省成都市武侯区天府大道中段", "028-8500 9999"},
    {kHuaqiang, "B", "零售", "深圳市福田区", "广东省深圳市福田区华强北路1002号", "0755-8320 1234"},
    {kWuji, "A", "餐饮", "深圳市罗湖区", "广东省深圳市罗湖区东门中路9号", "0755-8222 1919"},
    {kDongfang, "A", "餐饮", "广州市越秀区", "广东省广州市越秀区东风中路88号", "020-8333 8888"},
    {kOushi, "B", "餐饮", "广州市海珠区", "广东省广州市海珠区江南大道中12号", "020-8444 1122"},
    {kShanji, "C", "餐饮", "西安市雁塔区", "陕西省西安市雁塔区小寨东路5号", "029-8526 3311"},
    {kZengjia, "C", "餐饮", "重庆市渝中区", "重庆市渝中区民族路18号", "023-6371 2200"},
    {kXujiahui, "A", "零售", "上海市徐汇区", "上海市徐汇区肇嘉浜路1111号", "021-6407 1234"},
    {kYifeng, "B", "医药", "上海市徐汇区", "上海市徐汇区漕溪北路18号", "021-6438 0000"},
    {kCostco, "A", "零售", "上海市闵行区", "上海市闵行区朱建路235号", "021-6777 0000"},
    {kRuijin, "KA", "医院", "上海市黄浦区", "上海市黄浦区瑞金二路197号", "021-6437 0045"},
    {kHuzhouSilk, "B", "纺织", "湖州市吴兴区", "浙江省湖州市吴兴区凤凰路6号", "0572-222 3344"},
    {kChangjiang, "C", "医药", "武汉市江汉区", "湖北省武汉市江汉区新华路1号", "027-8577 0000"},
    {kOujiang, "C", "农资", "温州市鹿城区", "浙江省温州市鹿城区人民路200号", "0577-8800 1234"},
    {kJinling, "KA", "酒店", "南京市鼓楼区", "江苏省南京市鼓楼区汉中路2号", "025-8471 1888"},
    {kJinjihu, "A", "酒店", "苏州市姑苏区", "江苏省苏州市姑苏区干将西路1号", "0512-6777 8888"},
    {kQingdaoSeafood, "B", "餐饮", "青岛市市南区", "山东省青岛市市南区香港中路9号", "0532-8588 1111"},
    {kGoubuli, "A", "餐饮", "天津市和平区", "天津市和平区山东路77号", "022-2730 2540"},
    {kLujiang, "A", "酒店", "厦门市思明区", "福建省厦门市思明区鹭江道54号", "0592-202 2922"},
    {kYintai, "B", "零售", "宁波市海曙区", "浙江省宁波市海曙区药行街38号", "0574-8730 0000"},
    {kMeiling, "B", "制造", "合肥市蜀山区", "安徽省合肥市蜀山区长江西路8号", "0551-6296 0000"},
    {kDianchi, "B", "酒店", "昆明市西山区", "云南省昆明市西山区滇池路18号", "0871-6431 6666"},
    {kXinghaiwan, "C", "酒店", "大连市沙河口区", "辽宁省大连市沙河口区中山路666号", "0411-8241 8888"},
    {kDennis, "A", "零售", "郑州市二七区", "河南省郑州市二七区人民路59号", "0371-6623 0000"},
    {kQianwei, "C", "餐饮", "贵阳市南明区", "贵州省贵阳市南明区中华南路20号", "0851-8582 0000"},
    {kMazilu, "P", "餐饮", "兰州市城关区", "甘肃省兰州市城关区大众巷86号", "0931-845 0505"},
    {kTaigang, "KA", "制造", "太原市尖草坪区", "山西省太原市尖草坪区尖草坪2号", "0351-313 1234"},
    {kXianHospital, "KA", "医院", "西安市雁塔区", "陕西省西安市雁塔区雁塔西路277号", "029-8532 3112"},
};

struct PersonSpec {
    const char* account;
    const char* name;
    const char* role;
    const char* phone;
};

constexpr PersonSpec kPersons[] = {
    {kHengda, "张三", "head", "138 0013 8000"},
    {kHengan, "王芳", "other", "135 7100 2200"},
    {kHangzhouHospital, "曾国强", "handler", "139 1234 5678"},
    {kXiehe, "李强", "decision_maker", "139 0100 2233"},
    {kFuzhouSchool, "林小红", "head", "137 0591 0021"},
    {kChengduHospital, "陈静", "handler", "138 2800 3300"},
    {kHuaqiang, "单小明", "decision_maker", "136 0000 1111"},
    {kWuji, "刘洋", "other", "137 5555 0101"},
    {kDongfang, "赵敏", "head", "139 2000 8888"},
    {kXujiahui, "胡一刀", "handler", "135 2468 1357"},
    {kJinling, "王建国", "head", "139 5100 6688"},
    {kXianHospital, "吴明", "decision_maker", "135 0291 5566"},
};

struct RelevanceFixture : test::ArchiveFixture {
    std::map<std::string, std::string> ids;        // account name -> id
    std::map<std::string, std::string> personIds;  // key person name -> id
    std::int64_t hengfengOpenedMs = 0;

    RelevanceFixture()
    {
        for (const AccountSpec& a : kAccounts)
            ids[a.name] = account(a.name, a.tier,
                                  {{"industry", std::string(a.industry)},
                                   {"region", std::string(a.region)},
                                   {"address", std::string(a.address)},
                                   {"phone", std::string(a.phone)}});
        for (const PersonSpec& p : kPersons)
            personIds[p.name] = person(ids.at(p.account), p.name, p.role, {{"phone", std::string(p.phone)}});
        // The rep has just opened 杭州恒丰纺织: it leads the accounts that match equally well.
        hengfengOpenedMs = clock.nowMs();
        opened(kHengfeng);
    }

    // The rep opens an account now.
    void opened(const std::string& name)
    {
        Transaction tx(*db);
        noteAccountOpened(tx, ids.at(name), clock.nowMs());
        tx.commit();
        clock.advance(1000);
    }

    AccountPage search(const std::string& text, int offset = 0, int limit = 50,
                       std::int64_t recentSinceMs = 0)
    {
        AccountQuery q(*db);
        return q.page({.text = text, .recentSinceMs = recentSinceMs}, offset, limit);
    }

    std::vector<std::string> names(const std::string& text, std::int64_t recentSinceMs = 0)
    {
        const AccountPage page = search(text, 0, 50, recentSinceMs);
        std::vector<std::string> out;
        for (const AccountHit& h : page.hits)
            out.push_back(h.name);
        return out;
    }

    bool finds(const std::string& text, const std::string& name)
    {
        const auto n = names(text);
        return std::find(n.begin(), n.end(), name) != n.end();
    }

    // The hit for one account in the results for `text`; an empty accountId when it is not there.
    AccountHit hitOf(const std::string& text, const std::string& name)
    {
        const AccountPage page = search(text);
        for (const AccountHit& h : page.hits)
            if (h.name == name) return h;
        return {};
    }

    // A column as the database stores it (phones are stored as their digits).
    std::string stored(const std::string& table, const std::string& column, const std::string& id)
    {
        Statement st = db->prepare("SELECT " + column + " FROM " + table + " WHERE id = ?");
        st.bind(1, id);
        return st.step() ? st.text(0) : std::string();
    }
};

std::string rankName(MatchRank rank)
{
    switch (rank) {
    case MatchRank::ExactName:
        return "ExactName";
    case MatchRank::NamePrefix:
        return "NamePrefix";
    case MatchRank::WordStart:
        return "WordStart";
    case MatchRank::Initials:
        return "Initials";
    case MatchRank::KeyPerson:
        return "KeyPerson";
    case MatchRank::NameSubstring:
        return "NameSubstring";
    case MatchRank::OtherField:
        return "OtherField";
    }
    return "?";
}

std::string fieldName(MatchField field)
{
    switch (field) {
    case MatchField::Name:
        return "Name";
    case MatchField::KeyPerson:
        return "KeyPerson";
    case MatchField::Phone:
        return "Phone";
    case MatchField::Address:
        return "Address";
    }
    return "?";
}

using Marks = std::vector<std::pair<int, int>>;

std::string marksText(const Marks& marks)
{
    std::ostringstream os;
    for (const auto& [begin, end] : marks)
        os << '[' << begin << ',' << end << ')';
    return os.str();
}

// The code points of the name that some mark covers (several words may mark one part or two).
std::set<int> covered(const Marks& marks)
{
    std::set<int> out;
    for (const auto& [begin, end] : marks)
        for (int i = begin; i < end; ++i)
            out.insert(i);
    return out;
}

std::vector<std::string> namesOf(const AccountPage& page)
{
    std::vector<std::string> out;
    for (const AccountHit& h : page.hits)
        out.push_back(h.name);
    return out;
}

struct Expectation {
    const char* query;
    const char* top;
    // The first hits in order: the first three, or all of them when fewer match. Empty: only the
    // top is checked (where a match in an address's pinyin, which the rules leave open, or an odd
    // split of the pinyin, could add a hit).
    std::vector<std::string> first;
    MatchRank rank;  // of the top hit
};

std::vector<Expectation> expectations()
{
    using enum MatchRank;
    return {
        // The whole name, in characters or in full pinyin (any reading of a polyphone), any case;
        // a simplified query finds a name written in traditional characters.
        {"北京饭店", kBeijingHotel, {kBeijingHotel}, ExactName},
        {"beijingfandian", kBeijingHotel, {kBeijingHotel}, ExactName},
        {"Costco", kCostco, {kCostco}, ExactName},
        {"COSTCO", kCostco, {kCostco}, ExactName},
        {"区氏酒楼", kOushi, {kOushi}, ExactName},
        {"oushijiulou", kOushi, {kOushi}, ExactName},  // 区 as the surname ou
        {"qushijiulou", kOushi, {kOushi}, ExactName},  // 区 as qu
        {"shanjimianguan", kShanji, {kShanji}, ExactName},
        {"danjimianguan", kShanji, {kShanji}, ExactName},
        {"zengjialaodian", kZengjia, {kZengjia}, ExactName},
        {"cengjialaodian", kZengjia, {kZengjia}, ExactName},
        {"广州东方酒楼有限公司", kDongfang, {kDongfang}, ExactName},

        // The start of the name. Ties: the account the rep opened (杭州恒丰), then KA and A before
        // B and C (北京饭店 after 北京同仁堂 and 北京协和 though fan < tong < xie; 成都建材 after
        // 成都市第三, jian < shi), then pinyin (同仁堂 tong < 协和 xie; KA and A are one class:
        // 成都錦江 jin (A) before 成都市第三 shi (KA)). A name beats an address (杭州市, 北京).
        {"北京", kTongrentang, {kTongrentang, kXiehe, kBeijingHotel}, NamePrefix},
        {"beijing", kTongrentang, {kTongrentang, kXiehe, kBeijingHotel}, NamePrefix},
        {"beijingx", kXiehe, {kXiehe}, NamePrefix},  // the last syllable may be cut short
        {"杭州恒", kHengfeng, {kHengfeng, kHengda, kHengan}, NamePrefix},
        {"hangzhouh", kHengfeng, {kHengfeng, kHengda, kHuqingyu}, NamePrefix},
        {"hangzhouhe", kHengfeng, {kHengfeng, kHengda, kHengan}, NamePrefix},
        {"杭州市", kHangzhouHospital, {kHangzhouHospital, kHengfeng, kHengda}, NamePrefix},
        {"成都", kJinjiang, {kJinjiang, kChengduHospital, kChengduJiancai}, NamePrefix},
        {"chengdu", kJinjiang, {kJinjiang, kChengduHospital, kChengduJiancai}, NamePrefix},
        {"chengdus", kChengduHospital, {}, NamePrefix},
        {"chengdoushi", kChengduHospital, {}, NameSubstring},  // 都 as dou: names read du
        {"廣州", kDongfang, {kDongfang, kOushi}, NamePrefix},  // traditional query; 区氏 by its address
        {"Ikea", kIkea, {kIkea}, NamePrefix},
        {"oushi", kOushi, {kOushi}, NamePrefix},
        {"shanji", kShanji, {kShanji}, NamePrefix},
        {"danji", kShanji, {kShanji}, NamePrefix},
        {"zengjia", kZengjia, {}, NamePrefix},
        {"cengjia", kZengjia, {}, NamePrefix},

        // The start of a word past the city (and after a space or a bracket), in characters,
        // pinyin or initials, traditional or simplified. Two schools tie on 第一: 福州 fu < 杭州 hang.
        {"恒达", kHengda, {kHengda}, WordStart},
        {"hengda", kHengda, {kHengda}, WordStart},
        {"HengDa", kHengda, {kHengda}, WordStart},
        {"hd", kHengda, {kHengda, kJinjihu, kYifeng}, WordStart},  // then 湖大, 汇店 mid-name
        {"xiehe", kXiehe, {kXiehe}, WordStart},
        {"同仁堂", kTongrentang, {kTongrentang}, WordStart},
        {"trt", kTongrentang, {kTongrentang}, WordStart},
        {"第一", kFuzhouSchool, {kFuzhouSchool, kHangzhouHospital, kXianHospital}, WordStart},
        {"diyi", kFuzhouSchool, {kFuzhouSchool, kHangzhouHospital, kXianHospital}, WordStart},
        {"dy", kFuzhouSchool, {kFuzhouSchool, kHangzhouHospital, kXianHospital}, WordStart},
        {"东方", kDongfang, {kDongfang}, WordStart},
        {"dongfang", kDongfang, {kDongfang}, WordStart},
        {"锦江宾馆", kJinjiang, {kJinjiang}, WordStart},
        {"錦江", kJinjiang, {kJinjiang}, WordStart},
        {"jinjiang", kJinjiang, {kJinjiang}, WordStart},
        {"華強", kHuaqiang, {kHuaqiang}, WordStart},
        {"huaqiang", kHuaqiang, {kHuaqiang}, WordStart},
        {"宜家", kIkea, {kIkea}, WordStart},
        {"yijia", kIkea, {kIkea}, WordStart},
        {"徐汇店", kYifeng, {kYifeng}, WordStart},
        {"税务局", kFuzhouTax, {kFuzhouTax}, WordStart},
        {"建材", kChengduJiancai, {kChengduJiancai, kHengda}, WordStart},  // 恒达建材: mid-name

        // Initials from the start of the name, or initials mixed with syllables.
        {"hzhd", kHengda, {kHengda}, Initials},
        {"bjxh", kXiehe, {kXiehe}, Initials},
        {"BJXH", kXiehe, {kXiehe}, Initials},
        {"bj", kTongrentang, {kTongrentang, kXiehe, kBeijingHotel}, Initials},
        {"gzdf", kDongfang, {kDongfang}, Initials},
        {"cdjj", kJinjiang, {kJinjiang}, Initials},
        {"hzs", kHangzhouHospital, {}, Initials},  // then 湖州丝绸 (h z s)
        {"hzhengda", kHengda, {kHengda}, Initials},
        {"hangzhd", kHengda, {kHengda}, Initials},
        {"bjfandian", kBeijingHotel, {kBeijingHotel}, Initials},

        // A key person's name in any form finds their account; "zs" finds 张三 before the names
        // where z s only occur mid-name (福州市, 杭州市).
        {"张三", kHengda, {kHengda}, KeyPerson},
        {"張三", kHengda, {kHengda}, KeyPerson},
        {"zhangsan", kHengda, {kHengda}, KeyPerson},
        {"ZhangSan", kHengda, {kHengda}, KeyPerson},
        {"zs", kHengda, {kHengda, kFuzhouSchool, kHangzhouHospital}, KeyPerson},
        {"zsan", kHengda, {kHengda}, KeyPerson},
        {"zhangs", kHengda, {kHengda}, KeyPerson},
        {"zhsan", kHengda, {kHengda}, KeyPerson},
        {"zhs", kHengda, {kHengda}, KeyPerson},  // zh as one initial
        {"李强", kXiehe, {kXiehe}, KeyPerson},
        {"liqiang", kXiehe, {kXiehe}, KeyPerson},
        {"lq", kXiehe, {}, KeyPerson},
        {"曾国强", kHangzhouHospital, {kHangzhouHospital}, KeyPerson},
        {"zengguoqiang", kHangzhouHospital, {kHangzhouHospital}, KeyPerson},
        {"cengguoqiang", kHangzhouHospital, {kHangzhouHospital}, KeyPerson},
        {"zgq", kHangzhouHospital, {kHangzhouHospital}, KeyPerson},
        {"shanxiaoming", kHuaqiang, {kHuaqiang}, KeyPerson},
        {"danxiaoming", kHuaqiang, {kHuaqiang}, KeyPerson},
        {"huyidao", kXujiahui, {kXujiahui}, KeyPerson},
        // 李强, 林小红, 刘洋: each syllable starts with li (no name or word does).
        {"li", kXiehe, {kXiehe, kFuzhouSchool, kWuji}, KeyPerson},

        // Two letters find the syllables they start, by every reading.
        {"ou", kOushi, {}, NamePrefix},  // then 温州瓯江 (a word); not 杭州 (zhou) nor 成都 (dou)
        {"qu", kOushi, {}, NamePrefix},
        {"wu", kWuji, {kWuji, kChangjiang, kXianHospital}, NamePrefix},      // 吴记 (A) before 武汉 (C)
        {"xu", kXujiahui, {kXujiahui, kYifeng, kFuzhouSchool}, NamePrefix},  // 徐家汇, (徐汇店), 中学
        {"hu", kHuzhouSilk, {kHuzhouSilk, kHuqingyu, kHuaqiang}, NamePrefix},  // 湖州; 胡庆余堂, 华强

        // Anywhere else in the name; still before an address.
        {"人民医院", kChengduHospital, {kChengduHospital, kHangzhouHospital}, NameSubstring},
        {"人民", kChengduHospital, {kChengduHospital, kHangzhouHospital, kJinjiang}, NameSubstring},
        {"有限公司", kHengfeng, {kHengfeng, kDongfang, kHengda}, NameSubstring},
        {"jiulou", kDongfang, {kDongfang, kQingdaoSeafood, kOushi}, NameSubstring},
        {"酒樓", kDongfang, {kDongfang, kQingdaoSeafood, kOushi}, NameSubstring},
        {"yaodian", kTongrentang, {kTongrentang}, NameSubstring},
        {"chacanting", kWuji, {kWuji}, NameSubstring},

        // The address, the account's phone, a key person's phone (three digits or more, typed
        // with dashes or in groups).
        {"文三路", kHengda, {kHengda}, OtherField},
        {"北京路", kHengtong, {kHengtong}, OtherField},
        {"帅府园", kXiehe, {kXiehe}, OtherField},
        {"88886666", kHengda, {kHengda}, OtherField},
        {"0571-8888", kHengda, {kHengda}, OtherField},
        {"13800138000", kHengda, {kHengda}, OtherField},
        {"138 0013 8000", kHengda, {kHengda}, OtherField},
        {"6114", kXiehe, {kXiehe}, OtherField},
        {"1234 5678", kHangzhouHospital, {kHangzhouHospital}, OtherField},

        // Several words: each must match; the account ranks by its worst word.
        {"北京 医院", kXiehe, {kXiehe}, NameSubstring},
        {"医院 北京", kXiehe, {kXiehe}, NameSubstring},
        {"杭州 医院", kHangzhouHospital, {kHangzhouHospital}, NameSubstring},
        {"北京 饭店", kBeijingHotel, {kBeijingHotel}, WordStart},
        {"成都 建材", kChengduJiancai, {kChengduJiancai}, WordStart},
        {"恒达 张三", kHengda, {kHengda}, KeyPerson},
        {"hengda zs", kHengda, {kHengda}, KeyPerson},
        {"北京 李强", kXiehe, {kXiehe}, KeyPerson},
        {"杭州 8888", kHengda, {kHengda}, OtherField},
        {"济南 北京", kHengtong, {kHengtong}, OtherField},
        // A key person's name typed with spaces between its syllables.
        {"zhang san", kHengda, {kHengda}, KeyPerson},
        {"li qiang", kXiehe, {kXiehe}, KeyPerson},
        {"zeng guo qiang", kHangzhouHospital, {kHangzhouHospital}, KeyPerson},
    };
}

}  // namespace

TEST_CASE("a rep's queries find the right account first", "[core][search][relevance]")
{
    RelevanceFixture f;
    const std::vector<Expectation> rows = expectations();
    REQUIRE(rows.size() >= 70);
    for (const Expectation& row : rows) {
        INFO("query: \"" << row.query << '"');
        const AccountPage page = f.search(row.query);
        const std::vector<std::string> got = namesOf(page);
        CAPTURE(got);
        if (page.hits.empty()) {
            FAIL_CHECK("no hits");
            continue;
        }
        CHECK(page.hits.front().name == std::string(row.top));
        CHECK(rankName(page.hits.front().rank) == rankName(row.rank));
        if (!row.first.empty()) {
            const auto n = static_cast<std::ptrdiff_t>(std::min<std::size_t>(3, got.size()));
            CHECK(std::vector<std::string>(got.begin(), got.begin() + n) == row.first);
        }
        // The list is in rank order, and one page of 50 holds every hit of this book.
        CHECK(std::is_sorted(page.hits.begin(), page.hits.end(),
                             [](const AccountHit& a, const AccountHit& b) { return a.rank < b.rank; }));
        CHECK(page.total == static_cast<int>(page.hits.size()));
    }
}

TEST_CASE("pinyin matches whole syllables or their first letters and never across them",
          "[core][search][relevance]")
{
    RelevanceFixture f;
    // 区氏 reads ou shi; 成都市 reads cheng dou shi, which holds "oushi" only across syllables.
    CHECK(f.names("oushi") == std::vector<std::string>{kOushi});
    CHECK_FALSE(f.finds("oushi", kChengduHospital));
    CHECK_FALSE(f.finds("oushi", kJinjiang));
    CHECK(f.finds("chengdoushi", kChengduHospital));
    // Letters from inside a syllable: hang zhou heng da jian cai.
    CHECK(f.finds("zhouheng", kHengda));  // whole syllables mid-name
    CHECK_FALSE(f.finds("ouheng", kHengda));
    CHECK_FALSE(f.finds("angzhou", kHengda));
    CHECK_FALSE(f.finds("ingda", kHengda));
    CHECK_FALSE(f.finds("iancai", kHengda));
    CHECK_FALSE(f.finds("oujin", kJinjiang));  // dou jin
    // Two letters: the start of a syllable (恒安 an), not its end (杭 hang, 建 jian).
    CHECK(f.finds("an", kHengan));
    CHECK_FALSE(f.finds("an", kHengda));
    // 区 (ou) starts the name, 瓯 (ou) a word; 州 (zhou) and 都 (dou) only end with ou.
    const std::vector<std::string> ou = f.names("ou");
    REQUIRE(ou.size() >= 2);
    CHECK(ou[0] == kOushi);
    CHECK(ou[1] == kOujiang);
    // Initials that occur mid-name are a substring match, not the name's initials.
    const AccountHit school = f.hitOf("zs", kFuzhouSchool);
    REQUIRE_FALSE(school.accountId.empty());
    CHECK(rankName(school.rank) == rankName(MatchRank::NameSubstring));
    // Each word must match: hospitals elsewhere and other places in Beijing are not hits.
    CHECK_FALSE(f.finds("北京 医院", kBeijingHotel));
    CHECK_FALSE(f.finds("北京 医院", kHangzhouHospital));
    CHECK(f.names("北京 不存在").empty());
}

TEST_CASE("pinyin typed with spaces between syllables still finds the name", "[core][search][relevance]")
{
    RelevanceFixture f;
    // Read as separate words, "jing" and "zhou" only occur mid-name (NameSubstring); read as one
    // word, "beijing" and "hangzhouheng" start the names (NamePrefix). Either way the same names
    // come first, in the same order (the account the rep opened, then by tier and pinyin).
    const std::vector<std::pair<const char*, std::vector<std::string>>> cases = {
        {"bei jing", {kTongrentang, kXiehe, kBeijingHotel}},
        {"BEI JING", {kTongrentang, kXiehe, kBeijingHotel}},
        {"hang zhou heng", {kHengfeng, kHengda, kHengan}},
    };
    for (const auto& [query, expected] : cases) {
        INFO("query: " << query);
        const AccountPage page = f.search(query);
        const std::vector<std::string> got = namesOf(page);
        REQUIRE(got.size() >= expected.size());
        const auto n = static_cast<std::ptrdiff_t>(expected.size());
        CHECK(std::vector<std::string>(got.begin(), got.begin() + n) == expected);
        for (std::size_t i = 0; i < expected.size(); ++i) {
            CHECK(page.hits[i].rank >= MatchRank::NamePrefix);
            CHECK(page.hits[i].rank <= MatchRank::NameSubstring);
        }
    }
}

TEST_CASE("accounts the rep opened lately lead equal matches only", "[core][search][relevance]")
{
    RelevanceFixture f;
    using Names = std::vector<std::string>;
    // 北京: three names start with it (KA, KA, B), 济南恒通 has it in its address.
    const Names byTier{kTongrentang, kXiehe, kBeijingHotel, kHengtong};
    CHECK(f.names("北京") == byTier);

    const std::int64_t first = f.clock.nowMs();
    f.opened(kBeijingHotel);
    CHECK(f.names("北京") == Names{kBeijingHotel, kTongrentang, kXiehe, kHengtong});

    f.clock.advance(60'000);
    const std::int64_t second = f.clock.nowMs();
    f.opened(kXiehe);
    // The latest opening first.
    CHECK(f.names("北京") == Names{kXiehe, kBeijingHotel, kTongrentang, kHengtong});
    // Openings before recentSinceMs do not count; one exactly at it does.
    CHECK(f.names("北京", second) == Names{kXiehe, kTongrentang, kBeijingHotel, kHengtong});
    CHECK(f.names("北京", first) == Names{kXiehe, kBeijingHotel, kTongrentang, kHengtong});
    CHECK(f.names("北京", second + 1) == byTier);

    // Opening an account does not lift it above better matches: 济南恒通 only has 北京 in its address.
    f.opened(kHengtong);
    CHECK(f.names("北京") == Names{kXiehe, kBeijingHotel, kTongrentang, kHengtong});

    // The fixture's own opening of 杭州恒丰 (B) leads 杭州恒; from after it, 杭州恒达 (KA) does.
    const auto firstOf = [&f](const char* text, std::int64_t since) {
        const Names n = f.names(text, since);
        return n.empty() ? std::string() : n.front();
    };
    CHECK(firstOf("杭州恒", 0) == kHengfeng);
    CHECK(firstOf("杭州恒", f.hengfengOpenedMs) == kHengfeng);
    CHECK(firstOf("杭州恒", f.hengfengOpenedMs + 1) == kHengda);
}

TEST_CASE("a name hit marks the characters that matched", "[core][search][relevance]")
{
    RelevanceFixture f;
    struct MarkCase {
        const char* query;
        const char* name;
        MatchRank rank;
        Marks marks;
    };
    const std::vector<MarkCase> cases = {
        {"hengda", kHengda, MatchRank::WordStart, {{2, 4}}},  // the characters the pinyin covered
        {"恒达", kHengda, MatchRank::WordStart, {{2, 4}}},
        {"杭州恒", kHengda, MatchRank::NamePrefix, {{0, 3}}},
        {"hzhd", kHengda, MatchRank::Initials, {{0, 4}}},
        {"hangzhd", kHengda, MatchRank::Initials, {{0, 4}}},
        {"建材", kHengda, MatchRank::NameSubstring, {{4, 6}}},
        {"建材", kChengduJiancai, MatchRank::WordStart, {{2, 4}}},
        {"dongfang", kDongfang, MatchRank::WordStart, {{2, 4}}},  // traditional 東方
        {"东方", kDongfang, MatchRank::WordStart, {{2, 4}}},
        {"宜家", kIkea, MatchRank::WordStart, {{5, 7}}},       // offsets count "IKEA " too
        {"徐汇店", kYifeng, MatchRank::WordStart, {{8, 11}}},  // and the bracket
        {"Costco", kCostco, MatchRank::ExactName, {{0, 6}}},
        {"oushi", kOushi, MatchRank::NamePrefix, {{0, 2}}},
        {"chengdoushi", kChengduHospital, MatchRank::NameSubstring, {{0, 3}}},
        {"jiulou", kQingdaoSeafood, MatchRank::NameSubstring, {{5, 7}}},
        {"hd", kJinjihu, MatchRank::NameSubstring, {{4, 6}}},
        {"zs", kFuzhouSchool, MatchRank::NameSubstring, {{1, 3}}},
    };
    for (const MarkCase& c : cases) {
        INFO("query: \"" << c.query << "\" on " << c.name);
        const AccountHit h = f.hitOf(c.query, c.name);
        REQUIRE_FALSE(h.accountId.empty());
        INFO("marks: " << marksText(h.nameMarks));
        CHECK(rankName(h.rank) == rankName(c.rank));
        CHECK(fieldName(h.field) == "Name");
        CHECK(h.nameMarks == c.marks);
        CHECK(h.personName.empty());
        CHECK(h.personPhone.empty());
        CHECK(h.matchedText.empty());
    }

    // Several words mark each word's part of the name (as one mark or several).
    const AccountHit hotel = f.hitOf("北京 饭店", kBeijingHotel);
    REQUIRE_FALSE(hotel.accountId.empty());
    INFO("marks: " << marksText(hotel.nameMarks));
    CHECK(covered(hotel.nameMarks) == std::set<int>{0, 1, 2, 3});
    const AccountHit hospital = f.hitOf("杭州 医院", kHangzhouHospital);
    REQUIRE_FALSE(hospital.accountId.empty());
    INFO("marks: " << marksText(hospital.nameMarks));
    CHECK(covered(hospital.nameMarks) == std::set<int>{0, 1, 7, 8});
}

TEST_CASE("a key person hit names the person and a phone hit their phone", "[core][search][relevance]")
{
    RelevanceFixture f;
    for (const char* query : {"张三", "zsan", "zhangs", "ZS"}) {
        INFO("query: " << query);
        const AccountHit h = f.hitOf(query, kHengda);
        REQUIRE_FALSE(h.accountId.empty());
        CHECK(rankName(h.rank) == rankName(MatchRank::KeyPerson));
        CHECK(fieldName(h.field) == "KeyPerson");
        CHECK(h.personId == f.personIds.at("张三"));
        CHECK(h.personName == "张三");
        CHECK(h.personRole == "head");
        CHECK(h.personPhone.empty());  // only a search that matched the phone shows it
        CHECK(h.nameMarks.empty());    // nothing in the account's name matched
        CHECK(h.matchedText.empty());
    }
    const AccountHit zeng = f.hitOf("cengguoqiang", kHangzhouHospital);
    REQUIRE_FALSE(zeng.accountId.empty());
    CHECK(fieldName(zeng.field) == "KeyPerson");
    CHECK(zeng.personName == "曾国强");
    CHECK(zeng.personRole == "handler");
    CHECK(zeng.personPhone.empty());

    // A hit on the account itself names no person.
    const AccountHit direct = f.hitOf("hengda", kHengda);
    REQUIRE_FALSE(direct.accountId.empty());
    CHECK(direct.personId.empty());
    CHECK(direct.personName.empty());
    CHECK(direct.personPhone.empty());
}

TEST_CASE("a phone or address hit shows the number or address that matched", "[core][search][relevance]")
{
    RelevanceFixture f;
    // The account's phone, typed as digits or with a dash.
    for (const char* query : {"88886666", "0571-8888"}) {
        INFO("query: " << query);
        const AccountHit h = f.hitOf(query, kHengda);
        REQUIRE_FALSE(h.accountId.empty());
        CHECK(rankName(h.rank) == rankName(MatchRank::OtherField));
        CHECK(fieldName(h.field) == "Phone");
        CHECK(h.matchedText == f.stored("account", "phone", f.ids.at(kHengda)));
        CHECK(h.personName.empty());
        CHECK(h.personPhone.empty());
        CHECK(h.nameMarks.empty());
    }
    const AccountHit xiehe = f.hitOf("6114", kXiehe);
    REQUIRE_FALSE(xiehe.accountId.empty());
    CHECK(fieldName(xiehe.field) == "Phone");
    CHECK(xiehe.matchedText == f.stored("account", "phone", f.ids.at(kXiehe)));

    // A key person's phone: through that person.
    const std::string zhangsanPhone = f.stored("key_person", "phone", f.personIds.at("张三"));
    for (const char* query : {"13800138000", "138 0013 8000", "0013"}) {
        INFO("query: " << query);
        const AccountHit h = f.hitOf(query, kHengda);
        REQUIRE_FALSE(h.accountId.empty());
        CHECK(rankName(h.rank) == rankName(MatchRank::OtherField));
        CHECK(fieldName(h.field) == "Phone");
        CHECK(h.matchedText == zhangsanPhone);
        CHECK(h.personPhone == zhangsanPhone);
        CHECK(h.personName == "张三");
    }

    // The address, as stored.
    const AccountHit wensan = f.hitOf("文三路", kHengda);
    REQUIRE_FALSE(wensan.accountId.empty());
    CHECK(fieldName(wensan.field) == "Address");
    CHECK(wensan.matchedText == "浙江省杭州市西湖区文三路88号");
    CHECK(wensan.matchedText == f.stored("account", "address", f.ids.at(kHengda)));
    CHECK(wensan.nameMarks.empty());

    // 北京: 济南恒通 by its address on 北京路; 北京协和 by its name, though its address has 北京 too.
    const AccountHit jinan = f.hitOf("北京", kHengtong);
    REQUIRE_FALSE(jinan.accountId.empty());
    CHECK(fieldName(jinan.field) == "Address");
    CHECK(jinan.matchedText == "山东省济南市历下区北京路12号");
    const AccountHit byName = f.hitOf("北京", kXiehe);
    REQUIRE_FALSE(byName.accountId.empty());
    CHECK(fieldName(byName.field) == "Name");
    CHECK(byName.matchedText.empty());
    CHECK(byName.nameMarks == Marks{{0, 2}});
}

TEST_CASE("total counts every hit and pages keep the ranked order", "[core][search][relevance]")
{
    RelevanceFixture f;
    const AccountPage two = f.search("北京", 0, 2);
    CHECK(two.total == 4);  // three names and one address
    CHECK(namesOf(two) == std::vector<std::string>{kTongrentang, kXiehe});
    CHECK(f.search("有限公司", 0, 3).total == 7);
    CHECK(f.search("人民", 0, 1).total == 5);  // two names, three addresses

    // "h", a rep's first keystroke: many hits over every rank, with ties on tier and pinyin.
    const AccountPage all = f.search("h", 0, 50);
    REQUIRE(all.total >= 9);
    REQUIRE(all.hits.size() == static_cast<std::size_t>(all.total));
    const std::vector<std::string> allNames = namesOf(all);
    std::vector<std::string> paged;
    for (int p = 0; p < 3; ++p) {
        const AccountPage part = f.search("h", p * 3, 3);
        CHECK(part.total == all.total);
        CHECK(part.hits.size() == 3);
        for (const AccountHit& h : part.hits)
            paged.push_back(h.name);
    }
    CHECK(paged == std::vector<std::string>(allNames.begin(), allNames.begin() + 9));
    // The rest, page by page, to the end; past the end a page is empty but still counts.
    for (int offset = 9; offset < all.total; offset += 3)
        for (const AccountHit& h : f.search("h", offset, 3).hits)
            paged.push_back(h.name);
    CHECK(paged == allNames);
    const AccountPage past = f.search("h", all.total, 3);
    CHECK(past.hits.empty());
    CHECK(past.total == all.total);
}
