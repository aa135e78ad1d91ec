// The demo archive generator: vocabulary of Chinese company, place and person names, and
// the drawing of accounts, key persons, personnel changes and referral chains from it.
//
// Determinism rule: every random draw depends only on the seed and on the draws before it,
// never on ids or database state, so the same seed gives the same archive text anywhere.
#include "fieldbook/demo/generator.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fieldbook/core/appointments.h"
#include "fieldbook/core/clock.h"
#include "fieldbook/core/contacts.h"
#include "fieldbook/core/hlc.h"
#include "fieldbook/core/id.h"
#include "fieldbook/core/lifecycle.h"
#include "fieldbook/core/lunar.h"
#include "fieldbook/core/replica.h"
#include "fieldbook/core/visits.h"

namespace fb::demo {
namespace {

using namespace std::string_view_literals;

// ---------------------------------------------------------------------------------------
// Randomness. std::mt19937_64's output sequence is fixed by the standard; the std::
// distributions are not, so the draws below are built on the raw 64-bit output only.
class Dice {
public:
    explicit Dice(std::uint64_t seed) : engine_(seed) {}

    // Uniform in [0, n). Rejection sampling keeps it unbiased for any n.
    std::uint64_t below(std::uint64_t n)
    {
        const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
        const std::uint64_t limit = max - (max % n);
        std::uint64_t x = engine_();
        while (x >= limit)
            x = engine_();
        return x % n;
    }
    // Uniform in [lo, hi].
    int between(int lo, int hi)
    {
        return lo +
               static_cast<int>(below(static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1));
    }
    bool chance(int perMille) { return static_cast<int>(below(1000)) < perMille; }

    template <typename T, std::size_t N> const T& pick(const std::array<T, N>& items)
    {
        return items[below(N)];
    }
    template <typename T> const T& pick(std::span<const T> items) { return items[below(items.size())]; }
    // Index drawn with probability proportional to its weight.
    template <std::size_t N> std::size_t weighted(const std::array<int, N>& weights)
    {
        int total = 0;
        for (int w : weights)
            total += w;
        int r = static_cast<int>(below(static_cast<std::uint64_t>(total)));
        for (std::size_t i = 0; i < N; ++i) {
            if (r < weights[i]) return i;
            r -= weights[i];
        }
        return N - 1;
    }
    char digit() { return static_cast<char>('0' + below(10)); }
    std::string digits(int count)
    {
        std::string out;
        for (int i = 0; i < count; ++i)
            out += digit();
        return out;
    }

private:
    std::mt19937_64 engine_;
};

// ---------------------------------------------------------------------------------------
// Places. Municipalities have no province part in an address.
struct City {
    std::string_view province;  // "" for the four municipalities
    std::string_view name;      // without 市
    std::string_view areaCode;
    std::array<std::string_view, 4> districts;
};

constexpr std::array kCities = {
    City{"", "北京", "010", {"朝阳区", "海淀区", "东城区", "丰台区"}},
    City{"", "上海", "021", {"浦东新区", "徐汇区", "静安区", "闵行区"}},
    City{"", "天津", "022", {"和平区", "南开区", "河西区", "滨海新区"}},
    City{"", "重庆", "023", {"渝中区", "江北区", "南岸区", "沙坪坝区"}},
    City{"浙江省", "杭州", "0571", {"西湖区", "上城区", "拱墅区", "滨江区"}},
    City{"浙江省", "宁波", "0574", {"海曙区", "江北区", "鄞州区", "北仑区"}},
    City{"浙江省", "温州", "0577", {"鹿城区", "龙湾区", "瓯海区", "乐清市"}},
    City{"江苏省", "南京", "025", {"玄武区", "秦淮区", "鼓楼区", "江宁区"}},
    City{"江苏省", "苏州", "0512", {"姑苏区", "吴中区", "工业园区", "昆山市"}},
    City{"江苏省", "无锡", "0510", {"梁溪区", "滨湖区", "新吴区", "江阴市"}},
    City{"广东省", "广州", "020", {"天河区", "越秀区", "海珠区", "番禺区"}},
    City{"广东省", "深圳", "0755", {"福田区", "南山区", "罗湖区", "宝安区"}},
    City{"广东省", "东莞", "0769", {"南城街道", "东城街道", "长安镇", "虎门镇"}},
    City{"广东省", "佛山", "0757", {"禅城区", "南海区", "顺德区", "三水区"}},
    City{"广东省", "汕头", "0754", {"金平区", "龙湖区", "澄海区", "潮阳区"}},
    City{"福建省", "厦门", "0592", {"思明区", "湖里区", "集美区", "海沧区"}},
    City{"福建省", "福州", "0591", {"鼓楼区", "台江区", "仓山区", "晋安区"}},
    City{"四川省", "成都", "028", {"锦江区", "青羊区", "武侯区", "成华区"}},
    City{"四川省", "绵阳", "0816", {"涪城区", "游仙区", "安州区", "江油市"}},
    City{"湖北省", "武汉", "027", {"江汉区", "武昌区", "洪山区", "汉阳区"}},
    City{"湖南省", "长沙", "0731", {"芙蓉区", "岳麓区", "开福区", "雨花区"}},
    City{"河南省", "郑州", "0371", {"金水区", "中原区", "二七区", "管城回族区"}},
    City{"山东省", "济南", "0531", {"历下区", "市中区", "槐荫区", "天桥区"}},
    City{"山东省", "青岛", "0532", {"市南区", "市北区", "崂山区", "黄岛区"}},
    City{"陕西省", "西安", "029", {"雁塔区", "碑林区", "未央区", "莲湖区"}},
    City{"安徽省", "合肥", "0551", {"蜀山区", "包河区", "庐阳区", "瑶海区"}},
    City{"云南省", "昆明", "0871", {"五华区", "盘龙区", "官渡区", "西山区"}},
    City{"贵州省", "贵阳", "0851", {"南明区", "云岩区", "观山湖区", "花溪区"}},
    City{"广西壮族自治区", "南宁", "0771", {"青秀区", "兴宁区", "西乡塘区", "江南区"}},
    City{"辽宁省", "沈阳", "024", {"和平区", "沈河区", "皇姑区", "铁西区"}},
    City{"黑龙江省", "哈尔滨", "0451", {"南岗区", "道里区", "香坊区", "松北区"}},
    City{"河北省", "石家庄", "0311", {"长安区", "桥西区", "新华区", "裕华区"}},
    City{"山西省", "太原", "0351", {"小店区", "迎泽区", "杏花岭区", "万柏林区"}},
    City{"江西省", "南昌", "0791", {"东湖区", "西湖区", "青山湖区", "红谷滩区"}},
    City{"广东省", "珠海", "0756", {"香洲区", "斗门区", "金湾区", "横琴新区"}},
    City{"广东省", "中山", "0760", {"石岐街道", "东区街道", "小榄镇", "古镇镇"}},
};

constexpr std::array kStreets = {
    "中山路"sv, "人民路"sv, "解放路"sv, "建设路"sv,   "文三路"sv,   "延安路"sv,   "长江路"sv,
    "黄河路"sv, "和平路"sv, "新华路"sv, "胜利路"sv,   "朝阳路"sv,   "东风路"sv,   "青年路"sv,
    "学院路"sv, "南京路"sv, "北京路"sv, "环城北路"sv, "滨江大道"sv, "工业大道"sv, "科技园南路"sv,
    "金融街"sv, "站前路"sv, "体育路"sv, "复兴路"sv,   "光明路"sv,
};

constexpr std::array kBuildings = {
    "国际大厦"sv, "商务中心"sv, "金融广场"sv, "科技大厦"sv, "时代广场"sv, "财富中心"sv,
};

// ---------------------------------------------------------------------------------------
// Organisations. The kind decides the name pattern and the titles of key persons.
enum class OrgKind { Company, Shop, Hotel, Hospital, School, Government, Bank };

struct Industry {
    std::string_view name;  // stored in account.industry
    OrgKind kind;
    int weight;
    std::array<std::string_view, 4> suffixes;
};

constexpr std::array kIndustries = {
    Industry{"建材", OrgKind::Company, 9, {"建材有限公司", "建材商行", "装饰材料有限公司", "建材市场经营部"}},
    Industry{"餐饮", OrgKind::Shop, 12, {"酒楼", "餐饮管理有限公司", "饭店", "食府"}},
    Industry{"酒店", OrgKind::Hotel, 7, {"宾馆", "大酒店", "酒店管理有限公司", "商务酒店"}},
    Industry{"政府机关", OrgKind::Government, 5, {"财政局", "税务局", "交通运输局", "住房和城乡建设局"}},
    Industry{"医院", OrgKind::Hospital, 4, {"医院", "中医院", "妇幼保健院", "口腔医院"}},
    Industry{"学校", OrgKind::School, 4, {"实验学校", "外国语学校", "职业技术学院", "中学"}},
    Industry{"物流",
             OrgKind::Company,
             7,
             {"物流有限公司", "供应链管理有限公司", "快运有限公司", "货运代理有限公司"}},
    Industry{
        "金融", OrgKind::Bank, 4, {"农村商业银行", "融资担保有限公司", "小额贷款有限公司", "证券营业部"}},
    Industry{"房地产",
             OrgKind::Company,
             6,
             {"房地产开发有限公司", "置业有限公司", "物业服务有限公司", "房产经纪有限公司"}},
    Industry{"化工", OrgKind::Company, 5, {"化工有限公司", "精细化工厂", "涂料有限公司", "塑胶制品有限公司"}},
    Industry{"农资", OrgKind::Company, 6, {"农资有限公司", "农资经营部", "种业有限公司", "化肥经销部"}},
    Industry{"电信",
             OrgKind::Company,
             3,
             {"通信器材有限公司", "通讯营业厅", "信息技术有限公司", "网络工程有限公司"}},
    Industry{"零售", OrgKind::Shop, 14, {"电子商行", "超市", "烟酒行", "便利店"}},
    Industry{"汽车",
             OrgKind::Company,
             4,
             {"汽车销售服务有限公司", "汽车维修中心", "汽车租赁有限公司", "汽配商行"}},
    Industry{"制造", OrgKind::Company, 6, {"机械制造有限公司", "电器有限公司", "五金制品厂", "纺织有限公司"}},
};

// Brands are two characters, one from each list, as shop signs and registered names use.
constexpr std::array kBrandFirst = {
    "恒"sv, "华"sv, "宏"sv, "鑫"sv, "金"sv, "东"sv, "万"sv, "永"sv, "鸿"sv, "隆"sv, "瑞"sv,
    "天"sv, "福"sv, "安"sv, "嘉"sv, "中"sv, "长"sv, "新"sv, "盛"sv, "佳"sv, "宝"sv, "海"sv,
    "振"sv, "信"sv, "广"sv, "德"sv, "同"sv, "庆"sv, "富"sv, "兴"sv, "开"sv, "国"sv, "诚"sv,
    "百"sv, "龙"sv, "星"sv, "远"sv, "银"sv, "昌"sv, "鼎"sv, "祥"sv, "润"sv, "利"sv, "康"sv,
    "泰"sv, "益"sv, "明"sv, "伟"sv, "正"sv, "大"sv, "乐"sv, "凯"sv, "辉"sv, "锦"sv, "汇"sv,
};
constexpr std::array kBrandSecond = {
    "达"sv, "强"sv, "远"sv, "源"sv, "鼎"sv, "方"sv, "通"sv, "盛"sv, "运"sv, "兴"sv,
    "丰"sv, "成"sv, "瑞"sv, "泰"sv, "禾"sv, "联"sv, "华"sv, "美"sv, "龙"sv, "天"sv,
    "业"sv, "信"sv, "德"sv, "仁"sv, "民"sv, "元"sv, "和"sv, "发"sv, "利"sv, "辉"sv,
    "腾"sv, "昌"sv, "祥"sv, "隆"sv, "恒"sv, "鑫"sv, "宇"sv, "航"sv, "江"sv, "泽"sv,
};

constexpr std::array kOrdinals = {"第一"sv, "第二"sv, "第三"sv, "第四"sv, "第五"sv, "第六"sv};

// ---------------------------------------------------------------------------------------
// People. Surname weights follow the rough national frequency; the rare and polyphonic
// surnames are there because they are what breaks search and sorting.
struct Surname {
    std::string_view text;
    int weight;  // per 10,000
};

constexpr std::array kSurnames = {
    Surname{"王", 720},
    Surname{"李", 720},
    Surname{"张", 680},
    Surname{"刘", 540},
    Surname{"陈", 460},
    Surname{"杨", 310},
    Surname{"黄", 230},
    Surname{"赵", 220},
    Surname{"吴", 210},
    Surname{"周", 210},
    Surname{"徐", 170},
    Surname{"孙", 160},
    Surname{"马", 150},
    Surname{"朱", 140},
    Surname{"胡", 130},
    Surname{"郭", 130},
    Surname{"何", 120},
    Surname{"高", 120},
    Surname{"林", 120},
    Surname{"罗", 110},
    Surname{"郑", 110},
    Surname{"梁", 100},
    Surname{"谢", 90},
    Surname{"宋", 90},
    Surname{"唐", 90},
    Surname{"许", 80},
    Surname{"韩", 80},
    Surname{"冯", 80},
    Surname{"邓", 80},
    Surname{"曹", 70},
    Surname{"彭", 70},
    Surname{"曾", 70},
    Surname{"肖", 70},
    Surname{"田", 60},
    Surname{"董", 60},
    Surname{"袁", 60},
    Surname{"潘", 60},
    Surname{"于", 60},
    Surname{"蒋", 60},
    Surname{"蔡", 60},
    Surname{"余", 60},
    Surname{"杜", 60},
    Surname{"叶", 60},
    Surname{"程", 60},
    Surname{"苏", 50},
    Surname{"魏", 50},
    Surname{"吕", 50},
    Surname{"丁", 50},
    Surname{"任", 50},
    Surname{"沈", 50},
    Surname{"姚", 50},
    Surname{"卢", 50},
    Surname{"姜", 50},
    Surname{"崔", 50},
    Surname{"钟", 50},
    Surname{"谭", 50},
    Surname{"陆", 40},
    Surname{"汪", 40},
    Surname{"范", 40},
    Surname{"金", 40},
    Surname{"石", 40},
    Surname{"廖", 40},
    Surname{"贾", 40},
    Surname{"夏", 40},
    Surname{"韦", 40},
    Surname{"方", 40},
    Surname{"白", 40},
    Surname{"邹", 40},
    Surname{"孟", 30},
    Surname{"熊", 30},
    Surname{"秦", 30},
    Surname{"邱", 30},
    Surname{"江", 30},
    Surname{"尹", 30},
    Surname{"薛", 30},
    Surname{"段", 30},
    Surname{"雷", 30},
    Surname{"侯", 30},
    Surname{"龙", 30},
    Surname{"史", 30},
    Surname{"陶", 30},
    Surname{"黎", 30},
    Surname{"贺", 30},
    Surname{"顾", 30},
    Surname{"毛", 30},
    Surname{"郝", 30},
    Surname{"龚", 30},
    Surname{"邵", 30},
    Surname{"万", 30},
    Surname{"钱", 30},
    Surname{"严", 30},
    Surname{"覃", 30},
    Surname{"武", 30},
    Surname{"戴", 30},
    Surname{"莫", 30},
    Surname{"孔", 30},
    // rare, polyphonic or compound (together about 6%)
    Surname{"单", 40},
    Surname{"解", 30},
    Surname{"区", 25},
    Surname{"仇", 25},
    Surname{"查", 25},
    Surname{"朴", 25},
    Surname{"尉迟", 12},
    Surname{"欧阳", 40},
    Surname{"司马", 15},
    Surname{"诸葛", 12},
    Surname{"上官", 12},
    Surname{"令狐", 8},
    Surname{"皇甫", 10},
    Surname{"长孙", 6},
    Surname{"盖", 15},
    Surname{"乐", 15},
    Surname{"缪", 15},
    Surname{"翟", 20},
    Surname{"牟", 15},
    Surname{"佘", 10},
    Surname{"褚", 10},
};

constexpr std::array kMaleSingle = {
    "伟"sv, "强"sv, "磊"sv, "军"sv, "勇"sv, "杰"sv, "涛"sv, "斌"sv, "超"sv, "明"sv,
    "刚"sv, "平"sv, "辉"sv, "鹏"sv, "华"sv, "飞"sv, "鑫"sv, "波"sv, "宇"sv, "浩"sv,
    "凯"sv, "健"sv, "俊"sv, "帆"sv, "旭"sv, "宁"sv, "龙"sv, "林"sv, "峰"sv, "亮"sv,
};
constexpr std::array kFemaleSingle = {
    "芳"sv, "娜"sv, "敏"sv, "静"sv, "丽"sv, "艳"sv, "娟"sv, "霞"sv, "燕"sv, "玲"sv,
    "婷"sv, "雪"sv, "慧"sv, "莹"sv, "琳"sv, "颖"sv, "洁"sv, "倩"sv, "萍"sv, "红"sv,
    "梅"sv, "兰"sv, "月"sv, "晶"sv, "欣"sv, "怡"sv, "璐"sv, "佳"sv,
};
constexpr std::array kMiddle = {
    "志"sv, "建"sv, "文"sv, "晓"sv, "海"sv, "国"sv, "俊"sv, "家"sv, "子"sv, "永"sv,
    "思"sv, "嘉"sv, "雨"sv, "春"sv, "秀"sv, "玉"sv, "金"sv, "德"sv, "宏"sv, "立"sv,
    "少"sv, "振"sv, "一"sv, "明"sv, "新"sv, "卫"sv, "爱"sv, "荣"sv, "云"sv, "天"sv,
};

// Titles per organisation kind and role (head, decision maker, handler, other).
struct Titles {
    std::array<std::string_view, 2> head;
    std::array<std::string_view, 3> decisionMaker;
    std::array<std::string_view, 3> handler;
    std::array<std::string_view, 3> other;
};

const Titles& titlesFor(OrgKind kind)
{
    static const Titles company{{"董事长", "总经理"},
                                {"副总经理", "采购经理", "采购部长"},
                                {"采购专员", "行政主管", "总经理助理"},
                                {"财务总监", "销售经理", "办公室主任"}};
    static const Titles shop{{"老板", "店长"},
                             {"老板娘", "合伙人", "采购主管"},
                             {"店员", "收银主管", "仓库管理员"},
                             {"大堂经理", "厨师长", "会计"}};
    static const Titles hotel{{"总经理", "董事长"},
                              {"副总经理", "餐饮总监", "采购部经理"},
                              {"采购员", "前厅经理", "行政助理"},
                              {"销售总监", "财务经理", "客房部经理"}};
    static const Titles hospital{{"院长", "党委书记"},
                                 {"副院长", "后勤处长", "设备科科长"},
                                 {"办公室主任", "后勤干事", "采购办科员"},
                                 {"工会主席", "财务科科长", "护理部主任"}};
    static const Titles school{{"校长", "党委书记"},
                               {"副校长", "后勤处长", "总务处主任"},
                               {"办公室主任", "总务处干事", "校办秘书"},
                               {"工会主席", "教务处主任", "财务室主任"}};
    static const Titles government{{"局长", "党组书记"},
                                   {"副局长", "办公室主任", "机关事务科科长"},
                                   {"办公室科员", "接待科科员", "综合科副科长"},
                                   {"纪检组长", "财务科科长", "工会主席"}};
    static const Titles bank{{"行长", "总经理"},
                             {"副行长", "综合部总经理", "行政部经理"},
                             {"行政专员", "综合部经理助理", "办公室主任"},
                             {"个金部经理", "公司部经理", "运营主管"}};
    switch (kind) {
    case OrgKind::Company:
        return company;
    case OrgKind::Shop:
        return shop;
    case OrgKind::Hotel:
        return hotel;
    case OrgKind::Hospital:
        return hospital;
    case OrgKind::School:
        return school;
    case OrgKind::Government:
        return government;
    case OrgKind::Bank:
        return bank;
    }
    return company;
}

constexpr std::array kHobbies = {
    "钓鱼"sv,   "高尔夫"sv,     "书法"sv, "茶道"sv, "摄影"sv,   "登山"sv,     "羽毛球"sv,
    "围棋"sv,   "收藏紫砂壶"sv, "跑步"sv, "品酒"sv, "象棋"sv,   "打麻将"sv,   "旅游"sv,
    "看球赛"sv, "太极拳"sv,     "唱歌"sv, "养花"sv, "自驾游"sv, "读历史书"sv,
};
constexpr std::array kTaboos = {
    "不喝白酒"sv,         "忌讳数字4"sv,    "不吃辣"sv,           "素食"sv,     "不谈政治"sv,
    "不抽烟，讨厌烟味"sv, "不收贵重礼品"sv, "不喜欢下午被打扰"sv, "清真饮食"sv,
};
constexpr std::array kFamilies = {
    "已婚，一子在读高中"sv, "已婚，女儿在读大学"sv,   "未婚"sv,
    "已婚，两个孩子"sv,     "已婚，孩子在国外读书"sv, "离异，一女"sv,
    "已婚，孙子刚出生"sv,   "已婚，爱人是中学教师"sv,
};
constexpr std::array kEducations = {
    "高中"sv, "中专"sv, "大专"sv, "本科"sv, "本科"sv, "本科"sv, "硕士"sv, "博士"sv, "EMBA"sv, "MBA"sv,
};
constexpr std::array kNativePlaces = {
    "湖南长沙"sv,     "浙江温州"sv, "四川绵阳"sv, "山东潍坊"sv, "河南信阳"sv, "广东潮州"sv,
    "江苏盐城"sv,     "湖北黄冈"sv, "安徽阜阳"sv, "福建莆田"sv, "江西赣州"sv, "河北保定"sv,
    "黑龙江哈尔滨"sv, "重庆万州"sv, "广西桂林"sv, "陕西宝鸡"sv, "本地"sv,
};
constexpr std::array kPersonalities = {
    "爽快"sv, "稳重"sv,   "热情"sv,   "内向"sv,     "严谨"sv,
    "随和"sv, "好面子"sv, "讲义气"sv, "精打细算"sv, "直来直去"sv,
};
constexpr std::array kWorkStyles = {
    "雷厉风行"sv,           "按流程办事"sv,   "注重细节"sv, "喜欢先看样品"sv, "重视长期关系"sv,
    "决策慢，需多次拜访"sv, "喜欢电话沟通"sv, "只认数据"sv, "习惯集体决策"sv,
};
constexpr std::array kPersonNotes = {
    "喜欢喝龙井"sv,         "春节前需上门拜访"sv,         "孩子今年高考"sv,           "上午比较好约"sv,
    "对我司服务评价较高"sv, "曾投诉过送货延迟，已解决"sv, "微信回复快，电话常不接"sv, "每年中秋送月饼"sv,
    "周末常去钓鱼"sv,
};
constexpr std::array kTemperaments = {
    "conceited"sv, "cautious"sv,   "talkative"sv, "silent"sv,  "picky"sv,     "impatient"sv,
    "negative"sv,  "suspicious"sv, "stubborn"sv,  "hostile"sv, "impulsive"sv, "shrewd"sv,
};
constexpr std::array kAttitudes = {"supportive"sv, "neutral"sv, "skeptical"sv, "opposed"sv};
constexpr std::array kAttitudeWeights = {35, 40, 18, 7};

// Accounts
constexpr std::array kTiers = {"KA"sv, "A"sv, "B"sv, "C"sv, "P"sv};
constexpr std::array kTierWeights = {5, 15, 35, 30, 15};
constexpr std::array kStages = {"acquisition"sv, "growth"sv, "maturity"sv, "decline"sv, "exit"sv};
constexpr std::array kStageWeights = {15, 30, 35, 12, 8};
constexpr std::array kSources = {
    "acquaintance"sv,         "referral"sv, "internal_leader"sv, "group_buy_broker"sv,
    "industry_association"sv, "direct"sv,   "public_source"sv};
constexpr std::array kSourceWeights = {20, 0, 8, 10, 12, 30, 20};  // referrals are drawn apart
constexpr std::array kScales = {"micro"sv, "small"sv, "medium"sv, "large"sv, "enterprise"sv};
constexpr std::array kScaleWeights = {15, 35, 30, 15, 5};
constexpr std::array kCapacities = {"low"sv, "medium"sv, "high"sv, "very_high"sv};
constexpr std::array kCapacityWeights = {20, 45, 25, 10};
constexpr std::array kPriceLevels = {"economy"sv, "mid"sv, "premium"sv, "luxury"sv};
constexpr std::array kPriceLevelWeights = {25, 45, 22, 8};
constexpr std::array kSensitivities = {"low"sv, "medium"sv, "high"sv};
constexpr std::array kExitReasons = {
    "left_voluntarily"sv, "service_failure"sv, "rep_mistake"sv, "price"sv,       "inconvenience"sv,
    "poor_recovery"sv,    "competitor"sv,      "ethical"sv,     "involuntary"sv,
};
constexpr std::array kReps = {
    "周建军"sv, "李晓燕"sv, "王海涛"sv, "陈思远"sv, "刘婷"sv, "赵国庆"sv, "孙佳"sv, "黄志强"sv,
};
constexpr std::array kDemandProfiles = {
    "日常招待为主"sv, "节假日团购"sv,   "大型会议及公关活动"sv,         "员工福利采购"sv,
    "门店零售"sv,     "工程项目配套"sv, "日常招待为主，年底集中采购"sv, "商务宴请为主"sv,
};
constexpr std::array kChannels = {
    "定点商户"sv, "直供"sv, "电话订货，按月配送"sv, "门店自提"sv, "招标采购"sv, "网上商城"sv,
};
constexpr std::array kCompetitorKinds = {"商贸"sv, "贸易公司"sv, "批发部"sv, "经销处"sv};
constexpr std::array kSocialRelations = {
    "负责人与我司区域经理是大学同学"sv, "经本地商会引荐认识"sv,
    "老板是我司老客户的亲戚"sv,         "与采购决策人同乡"sv,
    "负责人曾在我司合作单位任职"sv,
};
constexpr std::array kAccountNotes = {
    "每月初对账"sv,
    "春节、中秋用量大，提前备货"sv,
    "付款周期60天"sv,
    "要求开增值税专用发票"sv,
    "新店明年开业，有增量"sv,
    "竞品正在接触，需加强维护"sv,
    "领导换届后采购流程有变"sv,
    "去年投诉过一次，已闭环"sv,
    "适合邀请参加联谊会"sv,
    "库房在后门，送货走侧门"sv,
};
constexpr std::array kParking = {
    "地下B2层，可停2小时"sv,
    "门口临时车位"sv,
    "无车位，停对面商场"sv,
    "院内可停，需登记"sv,
};
constexpr std::array kDeliveryHours = {
    "工作日 9:00-17:00"sv,
    "上午10点前"sv,
    "下午2点后"sv,
    "提前一天电话预约"sv,
};
constexpr std::array kMobilePrefixes = {
    "130"sv, "131"sv, "132"sv, "133"sv, "135"sv, "136"sv, "137"sv, "138"sv, "139"sv,
    "150"sv, "151"sv, "152"sv, "153"sv, "155"sv, "156"sv, "157"sv, "158"sv, "159"sv,
    "166"sv, "176"sv, "177"sv, "178"sv, "180"sv, "181"sv, "182"sv, "183"sv, "185"sv,
    "186"sv, "187"sv, "188"sv, "189"sv, "191"sv, "198"sv, "199"sv,
};

// Simplified → traditional for the characters of the vocabulary above, so Hong Kong,
// Macau and Taiwan style names ("廣州東方酒樓") appear as they would be typed there.
// 沈 stays: as a surname it has no traditional form.
constexpr std::pair<std::string_view, std::string_view> kTraditional[] = {
    {"广", "廣"}, {"东", "東"}, {"华", "華"}, {"兴", "興"}, {"达", "達"}, {"丰", "豐"}, {"龙", "龍"},
    {"万", "萬"}, {"发", "發"}, {"贸", "貿"}, {"电", "電"}, {"实", "實"}, {"业", "業"}, {"饭", "飯"},
    {"馆", "館"}, {"楼", "樓"}, {"医", "醫"}, {"药", "藥"}, {"门", "門"}, {"厦", "廈"}, {"汇", "匯"},
    {"宾", "賓"}, {"运", "運"}, {"农", "農"}, {"资", "資"}, {"车", "車"}, {"机", "機"}, {"关", "關"},
    {"学", "學"}, {"园", "園"}, {"锦", "錦"}, {"恒", "恆"}, {"长", "長"}, {"庆", "慶"}, {"鸿", "鴻"},
    {"联", "聯"}, {"会", "會"}, {"号", "號"}, {"银", "銀"}, {"险", "險"}, {"产", "產"}, {"乐", "樂"},
    {"凯", "凱"}, {"辉", "輝"}, {"腾", "騰"}, {"宝", "寶"}, {"庄", "莊"}, {"强", "強"}, {"远", "遠"},
    {"国", "國"}, {"诚", "誠"}, {"润", "潤"}, {"伟", "偉"}, {"开", "開"}, {"汉", "漢"}, {"苏", "蘇"},
    {"宁", "寧"}, {"温", "溫"}, {"郑", "鄭"}, {"济", "濟"}, {"岛", "島"}, {"贵", "貴"}, {"阳", "陽"},
    {"尔", "爾"}, {"滨", "濱"}, {"头", "頭"}, {"饰", "飾"}, {"饮", "飲"}, {"应", "應"}, {"链", "鏈"},
    {"烟", "煙"}, {"销", "銷"}, {"务", "務"}, {"种", "種"}, {"经", "經"}, {"营", "營"}, {"职", "職"},
    {"术", "術"}, {"验", "驗"}, {"讯", "訊"}, {"制", "製"}, {"区", "區"}, {"陈", "陳"}, {"杨", "楊"},
    {"黄", "黃"}, {"赵", "趙"}, {"吴", "吳"}, {"刘", "劉"}, {"张", "張"}, {"罗", "羅"}, {"谢", "謝"},
    {"韩", "韓"}, {"冯", "馮"}, {"邓", "鄧"}, {"许", "許"}, {"叶", "葉"}, {"卢", "盧"}, {"钟", "鍾"},
    {"谭", "譚"}, {"陆", "陸"}, {"贾", "賈"}, {"邹", "鄒"}, {"顾", "顧"}, {"龚", "龔"}, {"严", "嚴"},
    {"汤", "湯"}, {"孙", "孫"}, {"马", "馬"}, {"丽", "麗"}, {"红", "紅"}, {"艳", "艷"}, {"军", "軍"},
    {"杰", "傑"}, {"涛", "濤"}, {"鹏", "鵬"}, {"飞", "飛"}, {"帅", "帥"}, {"晓", "曉"}, {"静", "靜"},
    {"莹", "瑩"}, {"颖", "穎"}, {"洁", "潔"}, {"兰", "蘭"}, {"荣", "榮"}, {"卫", "衛"}, {"刚", "剛"},
    {"爱", "愛"}, {"云", "雲"}, {"台", "臺"}, {"湾", "灣"}, {"饼", "餅"}, {"浆", "漿"}, {"鲜", "鮮"},
    {"费", "費"}, {"单", "單"}, {"欧", "歐"}, {"诸", "諸"}, {"缪", "繆"}, {"钱", "錢"}, {"龟", "龜"},
    {"场", "場"}, {"货", "貨"}, {"讲", "講"}, {"总", "總"}, {"设", "設"}, {"备", "備"}, {"厅", "廳"},
    {"网", "網"}, {"纺", "紡"}, {"织", "織"}, {"气", "氣"}, {"维", "維"}, {"赁", "賃"},
};

// Length in bytes of the UTF-8 sequence starting with `lead`.
std::size_t utf8Length(unsigned char lead)
{
    if (lead < 0x80) return 1;
    if ((lead >> 5) == 0x6) return 2;
    if ((lead >> 4) == 0xE) return 3;
    return 4;
}

std::string toTraditional(std::string_view simplified)
{
    std::string out;
    out.reserve(simplified.size());
    for (std::size_t i = 0; i < simplified.size();) {
        const std::size_t len =
            std::min(utf8Length(static_cast<unsigned char>(simplified[i])), simplified.size() - i);
        const std::string_view ch = simplified.substr(i, len);
        const auto it = std::find_if(std::begin(kTraditional), std::end(kTraditional),
                                     [&](const auto& pair) { return pair.first == ch; });
        out += it == std::end(kTraditional) ? ch : it->second;
        i += len;
    }
    return out;
}

std::string joinStrings(const std::vector<std::string>& parts, std::string_view separator)
{
    std::string out;
    for (const auto& part : parts) {
        if (!out.empty()) out += separator;
        out += part;
    }
    return out;
}

// Escapes text for a JSON string literal (custom fields are a JSON object).
std::string jsonQuoted(std::string_view text)
{
    std::string out = "\"";
    for (char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                static constexpr char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[(c >> 4) & 0xF];
                out += hex[c & 0xF];
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

std::string str(std::string_view text)
{
    return std::string(text);
}

// ---------------------------------------------------------------------------------------
// Drawn records. A plan holds everything random about one account, drawn before any write,
// so the draw sequence cannot depend on what the database returns.
struct PersonPlan {
    Fields fields;            // without account_id; role is the role held at creation
    std::string appointedOn;  // date the initial named role started
};

struct AccountPlan {
    Fields fields;
    std::vector<PersonPlan> persons;
    // A personnel change: persons[successor] takes over the head role on `changeDate`.
    int successor = -1;
    std::string changeDate;
    std::string changeNote;
    // A referral by an earlier account (index into the demo's accounts), or -1.
    int referrer = -1;
    std::string referralDate;
    std::string referralNote;
    bool traditional = false;
};

class Planner {
public:
    Planner(std::uint64_t seed, std::int64_t todayDays, int personsPerAccount)
        : dice_(seed), today_(todayDays), personsPerAccount_(std::max(1, personsPerAccount))
    {}

    std::string date(std::int64_t days) const { return formatCivilDate(days); }
    // A day between `minDaysAgo` and `maxDaysAgo` before today.
    std::int64_t daysAgo(int minDaysAgo, int maxDaysAgo)
    {
        return today_ - dice_.between(minDaysAgo, maxDaysAgo);
    }

    std::string mobile() { return str(dice_.pick(kMobilePrefixes)) + dice_.digits(8); }
    std::string landline(const City& city)
    {
        // Local numbers are 8 digits in the big cities, 7 in smaller ones; never start with 0/1.
        const int length = city.areaCode.size() == 3 ? 8 : (dice_.chance(700) ? 8 : 7);
        std::string local(1, static_cast<char>('2' + dice_.below(7)));
        local += dice_.digits(length - 1);
        return str(city.areaCode) + "-" + local;
    }

    std::string personName()
    {
        std::array<int, kSurnames.size()> weights{};
        for (std::size_t i = 0; i < kSurnames.size(); ++i)
            weights[i] = kSurnames[i].weight;
        std::string name = str(kSurnames[dice_.weighted(weights)].text);
        const bool female = dice_.chance(450);
        if (dice_.chance(300)) {
            name += female ? dice_.pick(kFemaleSingle) : dice_.pick(kMaleSingle);
        } else {
            name += dice_.pick(kMiddle);
            name += female ? dice_.pick(kFemaleSingle) : dice_.pick(kMaleSingle);
        }
        return name;
    }

    std::string brand()
    {
        const std::string_view first = dice_.pick(kBrandFirst);
        std::string_view second = dice_.pick(kBrandSecond);
        while (second == first)
            second = dice_.pick(kBrandSecond);
        return str(first) + str(second);
    }

    std::string accountName(const City& city, std::string_view district, const Industry& industry)
    {
        const std::string_view suffix = dice_.pick(industry.suffixes);
        const std::string cityName = str(city.name);
        switch (industry.kind) {
        case OrgKind::Government:
            // Bureaus are named after the city or district they serve.
            return dice_.chance(500) ? cityName + "市" + str(suffix)
                                     : cityName + "市" + str(district) + str(suffix);
        case OrgKind::Hospital:
            if (suffix == "医院"sv) return cityName + "市" + str(dice_.pick(kOrdinals)) + "人民医院";
            return dice_.chance(500) ? cityName + "市" + str(suffix) : cityName + brand() + str(suffix);
        case OrgKind::School:
            if (suffix == "中学"sv) return cityName + "市" + str(dice_.pick(kOrdinals)) + "中学";
            return cityName + brand() + str(suffix);
        case OrgKind::Bank:
            if (suffix == "农村商业银行"sv) return cityName + "农村商业银行" + str(district) + "支行";
            return cityName + brand() + str(suffix);
        case OrgKind::Shop:
            // Shops often go by their sign alone.
            return dice_.chance(350) ? brand() + str(suffix) : cityName + brand() + str(suffix);
        case OrgKind::Company:
        case OrgKind::Hotel:
            break;
        }
        return cityName + brand() + str(suffix);
    }

    std::string address(const City& city, std::string_view district)
    {
        std::string out;
        if (!city.province.empty()) out += str(city.province);
        out += str(city.name) + "市" + str(district) + str(dice_.pick(kStreets));
        out += std::to_string(dice_.between(1, 999)) + "号";
        if (dice_.chance(300)) {
            out += str(dice_.pick(kBuildings)) + std::to_string(dice_.between(2, 32)) + "楼";
        } else if (dice_.chance(200)) {
            out += std::to_string(dice_.between(1, 12)) + "栋" +
                   std::to_string(dice_.between(1, 20) * 100 + dice_.between(1, 8)) + "室";
        }
        return out;
    }

    std::string taxNumber()
    {
        // Unified social credit code: 18 characters from digits and capitals without I O S V Z.
        static constexpr std::string_view alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        std::string out = "91" + dice_.digits(6);
        for (int i = 0; i < 10; ++i)
            out += alphabet[dice_.below(alphabet.size())];
        return out;
    }

    // Key persons of one account: head first, then decision maker and handler, then others.
    std::vector<PersonPlan> persons(OrgKind kind, bool traditional)
    {
        // Around the average: one fewer, as many, or one more (1:2:1).
        const int spread = static_cast<int>(dice_.weighted(std::array{25, 50, 25})) - 1;
        const int count = std::max(1, personsPerAccount_ + spread);
        std::vector<PersonPlan> out;
        for (int i = 0; i < count; ++i) {
            std::string_view role = "other";
            if (i == 0)
                role = "head";
            else if (i == 1 && count >= 3)
                role = "decision_maker";
            else if ((i == 1 && count == 2) || i == 2)
                role = "handler";
            out.push_back(person(kind, role, traditional));
        }
        return out;
    }

    PersonPlan person(OrgKind kind, std::string_view role, bool traditional)
    {
        const Titles& titles = titlesFor(kind);
        PersonPlan plan;
        Fields& f = plan.fields;
        const std::string name = personName();
        f["name"] = traditional ? toTraditional(name) : name;
        f["role"] = str(role);
        std::string_view title;
        if (role == "head")
            title = dice_.pick(titles.head);
        else if (role == "decision_maker")
            title = dice_.pick(titles.decisionMaker);
        else if (role == "handler")
            title = dice_.pick(titles.handler);
        else
            title = dice_.pick(titles.other);
        f["title"] = str(title);
        f["phone"] = mobile();
        const int ageDays = dice_.between(24 * 365, 62 * 365);
        const std::int64_t born = today_ - ageDays;
        f["birthday"] = date(born);
        f["age"] = static_cast<std::int64_t>(ageDays * 100 / 36524);
        if (dice_.chance(250)) {
            const std::string md = date(daysAgo(0, 364)).substr(5);
            f["anniversaries"] = (dice_.chance(600) ? "结婚纪念日 " : "入职纪念日 ") + md;
        }
        std::vector<std::string> hobbies;
        const int hobbyCount = dice_.between(1, 3);
        for (int i = 0; i < hobbyCount; ++i) {
            std::string hobby = str(dice_.pick(kHobbies));
            if (std::find(hobbies.begin(), hobbies.end(), hobby) == hobbies.end())
                hobbies.push_back(std::move(hobby));
        }
        f["hobbies"] = joinStrings(hobbies, "、");
        if (dice_.chance(300)) f["taboos"] = str(dice_.pick(kTaboos));
        if (dice_.chance(600)) f["family"] = str(dice_.pick(kFamilies));
        f["education"] = str(dice_.pick(kEducations));
        f["native_place"] = str(dice_.pick(kNativePlaces));
        f["personality"] = str(dice_.pick(kPersonalities));
        f["temperament"] = str(dice_.pick(kTemperaments));
        f["work_style"] = str(dice_.pick(kWorkStyles));
        f["attitude"] = str(kAttitudes[dice_.weighted(kAttitudeWeights)]);
        if (dice_.chance(400)) f["notes"] = str(dice_.pick(kPersonNotes));
        plan.appointedOn = date(daysAgo(400, 3650));
        return plan;
    }

    AccountPlan account()
    {
        AccountPlan plan;
        Fields& f = plan.fields;
        const City& city = dice_.pick(kCities);
        const std::string_view district = dice_.pick(city.districts);
        std::array<int, kIndustries.size()> industryWeights{};
        for (std::size_t i = 0; i < kIndustries.size(); ++i)
            industryWeights[i] = kIndustries[i].weight;
        const Industry& industry = kIndustries[dice_.weighted(industryWeights)];
        plan.traditional = dice_.chance(30);

        const std::string name = accountName(city, district, industry);
        f["name"] = plan.traditional ? toTraditional(name) : name;
        f["industry"] = str(industry.name);
        f["region"] = str(city.name) + "市" + str(district);
        f["address"] = address(city, district);
        f["phone"] = landline(city);

        const std::string_view tier = kTiers[dice_.weighted(kTierWeights)];
        f["tier"] = str(tier);
        // Potential accounts are still being acquired; the others spread over the lifecycle.
        const std::string_view stage =
            tier == "P"sv ? "acquisition"sv : kStages[dice_.weighted(kStageWeights)];
        f["stage"] = str(stage);
        f["source"] = str(kSources[dice_.weighted(kSourceWeights)]);
        std::array<int, kScales.size()> scaleWeights = kScaleWeights;
        if (tier == "KA"sv) scaleWeights = {0, 5, 25, 45, 25};
        f["scale"] = str(kScales[dice_.weighted(scaleWeights)]);
        // assigned_rep is retired (the server's account owner decides); the draw stays so the
        // demo book is the same as before.
        static_cast<void>(dice_.pick(kReps));
        f["demand_profile"] = str(dice_.pick(kDemandProfiles));
        f["consumption_capacity"] = str(kCapacities[dice_.weighted(kCapacityWeights)]);
        const std::string_view channel = dice_.pick(kChannels);
        f["purchase_channel"] = channel == "定点商户"sv ? "定点商户：" + brand() + "烟酒商行" : str(channel);
        f["price_level"] = str(kPriceLevels[dice_.weighted(kPriceLevelWeights)]);
        f["price_sensitivity"] = str(dice_.pick(kSensitivities));
        const int competitorCount = dice_.between(0, 2);
        std::vector<std::string> competitors;
        competitors.reserve(static_cast<std::size_t>(competitorCount));
        for (int i = 0; i < competitorCount; ++i)
            competitors.push_back(brand() + str(dice_.pick(kCompetitorKinds)));
        if (!competitors.empty()) f["competitors"] = joinStrings(competitors, "、");
        if (dice_.chance(200)) f["social_relations"] = str(dice_.pick(kSocialRelations));
        if (dice_.chance(500)) f["notes"] = str(dice_.pick(kAccountNotes));
        if (dice_.chance(600)) {
            std::string custom = "{" + jsonQuoted("开票抬头") + ":" + jsonQuoted(name) + "," +
                                 jsonQuoted("税号") + ":" + jsonQuoted(taxNumber());
            if (dice_.chance(700))
                custom += "," + jsonQuoted("停车位") + ":" + jsonQuoted(dice_.pick(kParking));
            if (dice_.chance(500))
                custom += "," + jsonQuoted("收货时间") + ":" + jsonQuoted(dice_.pick(kDeliveryHours));
            f["custom"] = custom + "}";
        }
        if (stage == "exit"sv) f["exit_reason"] = str(dice_.pick(kExitReasons));
        if ((tier == "KA"sv || tier == "A"sv) && stage != "exit"sv && dice_.chance(700)) {
            f["agreement_volume"] = static_cast<double>(dice_.between(20, 2000)) * 5.0;
            const std::int64_t start = daysAgo(0, 300);
            f["agreement_start"] = date(start);
            f["agreement_end"] = date(start + 364);
        }

        plan.persons = persons(industry.kind, plan.traditional);
        return plan;
    }

    // About one account in ten has had its head replaced: the successor (another key person)
    // took over on a date after the first head's appointment.
    void maybeChangeHead(AccountPlan& plan)
    {
        if (plan.persons.size() < 2 || !dice_.chance(100)) return;
        plan.successor = static_cast<int>(plan.persons.size()) - 1;
        PersonPlan& successor = plan.persons[static_cast<std::size_t>(plan.successor)];
        successor.fields["role"] = std::string("other");
        plan.persons[0].appointedOn = date(daysAgo(1500, 3650));
        plan.changeDate = date(daysAgo(30, 1400));
        static constexpr std::array notes = {"原负责人退休"sv, "原负责人调任其他单位"sv, "换届"sv,
                                             "原负责人离职"sv, ""sv};
        plan.changeNote = str(dice_.pick(notes));
    }

    Dice& dice() { return dice_; }
    std::int64_t today() const { return today_; }

private:
    Dice dice_;
    std::int64_t today_;
    int personsPerAccount_;
};

// ---------------------------------------------------------------------------------------
// The showcase accounts that open every demo: the examples from the domain notes, rare and
// polyphonic surnames, traditional names, a personnel change and a referral chain, so a
// walkthrough and the search benchmark always find them.
struct ShowcasePerson {
    std::string_view name, role, title, phone;
};
struct ShowcaseAccount {
    std::string_view name, industry, tier, stage, region, address, phone;
    std::array<ShowcasePerson, 4> persons;  // empty names are skipped
};

constexpr std::array kShowcase = {
    ShowcaseAccount{"杭州恒达建材有限公司",
                    "建材",
                    "KA",
                    "maturity",
                    "杭州市西湖区",
                    "浙江省杭州市西湖区文三路88号",
                    "0571-88886666",
                    {{{"刘德明", "head", "董事长", "13905710001"},
                      {"单丽华", "decision_maker", "采购经理", "13857112345"},
                      {"解晓东", "handler", "采购专员", "13606521234"},
                      {"张伟", "other", "总经理", "13800571234"}}}},
    ShowcaseAccount{"成都锦江宾馆",
                    "酒店",
                    "A",
                    "growth",
                    "成都市锦江区",
                    "四川省成都市锦江区人民南路二段80号",
                    "028-85506666",
                    {{{"欧阳娜", "head", "总经理", "13908061234"},
                      {"曾志明", "decision_maker", "餐饮总监", "13518129876"},
                      {"查文斌", "handler", "采购部经理", "18982001234"},
                      {}}}},
    ShowcaseAccount{"深圳华强电子商行",
                    "零售",
                    "B",
                    "growth",
                    "深圳市福田区",
                    "广东省深圳市福田区华强北路1002号",
                    "0755-83216688",
                    {{{"区永健", "head", "老板", "13923801234"},
                      {"仇建国", "decision_maker", "合伙人", "13600001380"},
                      {"朴成浩", "handler", "店员", "15012345678"},
                      {}}}},
    ShowcaseAccount{"廣州東方酒樓有限公司",
                    "餐饮",
                    "A",
                    "maturity",
                    "广州市越秀区",
                    "广东省广州市越秀区中山五路88号",
                    "020-83338888",
                    {{{"司马文", "head", "董事长", "13802201234"},
                      {"尉迟敬", "decision_maker", "副总经理", "13711112222"},
                      {"黃麗", "handler", "行政助理", "13533334444"},
                      {}}}},
    ShowcaseAccount{"臺北永和豆漿餐飲店",
                    "餐饮",
                    "C",
                    "acquisition",
                    "上海市徐汇区",
                    "上海市徐汇区漕溪北路18号",
                    "021-64381234",
                    {{{"陳美玲", "head", "店长", "13661801234"}, {}, {}, {}}}},
    ShowcaseAccount{"北京市朝阳区人民医院",
                    "医院",
                    "KA",
                    "maturity",
                    "北京市朝阳区",
                    "北京市朝阳区工体南路8号",
                    "010-65001234",
                    {{{"王芳", "head", "院长", "13901011234"},
                      {"李强", "decision_maker", "后勤处长", "13801015678"},
                      {"诸葛明", "handler", "办公室主任", "18601011234"},
                      {}}}},
    ShowcaseAccount{"武汉长江物流有限公司",
                    "物流",
                    "B",
                    "decline",
                    "武汉市江汉区",
                    "湖北省武汉市江汉区解放大道688号",
                    "027-85771234",
                    {{{"上官云", "head", "总经理", "13707101234"},
                      {"盖晓东", "decision_maker", "副总经理", "13871001234"},
                      {},
                      {}}}},
    ShowcaseAccount{"南京金陵农资有限公司",
                    "农资",
                    "P",
                    "acquisition",
                    "南京市江宁区",
                    "江苏省南京市江宁区天元中路126号",
                    "025-52101234",
                    {{{"乐振华", "head", "总经理", "13905201234"}, {}, {}, {}}}},
};

std::vector<AccountPlan> showcasePlans(Planner& planner)
{
    std::vector<AccountPlan> plans;
    for (const ShowcaseAccount& s : kShowcase) {
        AccountPlan plan;
        plan.fields = {
            {"name", str(s.name)},   {"industry", str(s.industry)},     {"tier", str(s.tier)},
            {"stage", str(s.stage)}, {"region", str(s.region)},         {"address", str(s.address)},
            {"phone", str(s.phone)}, {"source", std::string("direct")},
        };
        for (const ShowcasePerson& p : s.persons) {
            if (p.name.empty()) continue;
            PersonPlan person;
            person.fields = {{"name", str(p.name)},
                             {"role", str(p.role)},
                             {"title", str(p.title)},
                             {"phone", str(p.phone)}};
            person.appointedOn = planner.date(planner.today() - 2000);
            plan.persons.push_back(std::move(person));
        }
        plan.traditional =
            s.name.find("臺") != std::string_view::npos || s.name.find("廣") != std::string_view::npos;
        plans.push_back(std::move(plan));
    }
    // 张伟 took over from 刘德明 as head of 杭州恒达建材.
    plans[0].successor = 3;
    plans[0].changeDate = planner.date(planner.today() - 400);
    plans[0].changeNote = "原董事长退休";
    // 杭州恒达建材 → 成都锦江宾馆 → 深圳华强电子商行
    plans[1].referrer = 0;
    plans[1].referralDate = planner.date(planner.today() - 700);
    plans[1].referralNote = "在行业协会年会上引荐";
    plans[1].fields["source"] = std::string("referral");
    plans[2].referrer = 1;
    plans[2].referralDate = planner.date(planner.today() - 300);
    plans[2].fields["source"] = std::string("referral");
    return plans;
}

constexpr int kMaxReferralDepth = 4;

// Chooses who referred account `index`, if anyone. Only earlier accounts can refer, so the
// referral graph is acyclic by construction; half of the referrers are themselves referred
// accounts, which grows chains, up to kMaxReferralDepth links.
void maybeReferral(Planner& planner, AccountPlan& plan, int index, const std::vector<int>& depth,
                   const std::vector<int>& referredSoFar)
{
    Dice& dice = planner.dice();
    if (index == 0 || !dice.chance(80)) return;
    int referrer = -1;
    if (!referredSoFar.empty() && dice.chance(500)) {
        const int candidate = referredSoFar[dice.below(referredSoFar.size())];
        if (depth[static_cast<std::size_t>(candidate)] < kMaxReferralDepth) referrer = candidate;
    }
    for (int attempt = 0; referrer < 0 && attempt < 4; ++attempt) {
        const int candidate = static_cast<int>(dice.below(static_cast<std::uint64_t>(index)));
        if (depth[static_cast<std::size_t>(candidate)] < kMaxReferralDepth) referrer = candidate;
    }
    if (referrer < 0) return;
    plan.referrer = referrer;
    plan.referralDate = planner.date(planner.daysAgo(0, 1000));
    static constexpr std::array notes = {"老客户主动推荐"sv, "联谊会上认识"sv, "负责人是朋友"sv, ""sv};
    plan.referralNote = str(dice.pick(notes));
    plan.fields["source"] = std::string("referral");
}

std::int64_t localDayNumber(const Clock& clock)
{
    const std::int64_t ms = clock.nowMs();
    const std::int64_t localMs = ms + std::int64_t{clock.utcOffsetMinutes(ms)} * 60'000;
    // Floor division: days before 1970 would otherwise round toward zero.
    return localMs >= 0 ? localMs / 86'400'000 : -((-localMs + 86'399'999) / 86'400'000);
}

Error withContext(const Error& error, int index, std::string_view what)
{
    return makeError(error.code,
                     "demo account " + std::to_string(index + 1) + ", " + std::string(what) + ": " +
                         error.message,
                     error.field);
}

}  // namespace

int showcaseAccountCount()
{
    return static_cast<int>(kShowcase.size());
}

Result<DemoStats> generateDemo(Archive& archive, Database& db, const DemoOptions& options,
                               const std::function<void(int done, int total)>& progress)
{
    if (options.accounts < 1 || options.accounts > 100'000)
        return makeError(ErrorCode::BadFormat, "accounts must be between 1 and 100000", "accounts");
    if (options.keyPersonsPerAccount < 1 || options.keyPersonsPerAccount > 20)
        return makeError(ErrorCode::BadFormat, "key persons per account must be between 1 and 20",
                         "keyPersonsPerAccount");
    const int batchSize = std::max(1, options.accountsPerTransaction);
    const int total = options.accounts;

    Planner planner(options.seed, localDayNumber(archive.store().device().clock()),
                    options.keyPersonsPerAccount);
    std::vector<AccountPlan> showcase = showcasePlans(planner);

    DemoStats stats;
    stats.accountIds.reserve(static_cast<std::size_t>(total));
    std::vector<std::string> headIds;  // current head of each account, for referrals
    headIds.reserve(static_cast<std::size_t>(total));
    std::vector<int> depth(static_cast<std::size_t>(total), 0);  // referral depth
    std::vector<int> referredSoFar;

    for (int batchStart = 0; batchStart < total; batchStart += batchSize) {
        const int batchEnd = std::min(total, batchStart + batchSize);
        Transaction tx(db);
        for (int index = batchStart; index < batchEnd; ++index) {
            AccountPlan plan;
            if (index < static_cast<int>(showcase.size())) {
                plan = std::move(showcase[static_cast<std::size_t>(index)]);
            } else {
                plan = planner.account();
                planner.maybeChangeHead(plan);
                maybeReferral(planner, plan, index, depth, referredSoFar);
            }

            auto accountId = archive.createAccount(tx, plan.fields);
            if (!accountId) return withContext(accountId.error(), index, "account");
            std::vector<std::string> personIds;
            for (PersonPlan& person : plan.persons) {
                // Created without its role, then appointed on its own past date: the
                // archive would date an appointment made at creation today.
                const std::string role = valueToString(person.fields["role"]);
                person.fields["role"] = std::string(kRoleOther);
                auto personId = archive.createKeyPerson(tx, *accountId, person.fields);
                if (!personId) return withContext(personId.error(), index, "key person");
                if (role != kRoleOther) {
                    auto appointed = archive.changeRole(tx, *accountId, role, *personId, person.appointedOn);
                    if (!appointed) return withContext(appointed.error(), index, "appointment");
                }
                personIds.push_back(std::move(personId.value()));
            }
            std::string head = personIds.empty() ? std::string() : personIds.front();
            if (plan.successor >= 0) {
                const std::string& successorId = personIds[static_cast<std::size_t>(plan.successor)];
                auto changed = archive.changeRole(tx, *accountId, kRoleHead, successorId, plan.changeDate,
                                                  plan.changeNote);
                if (!changed) return withContext(changed.error(), index, "role change");
                head = successorId;
                ++stats.roleChanges;
            }
            if (plan.referrer >= 0) {
                const auto referrer = static_cast<std::size_t>(plan.referrer);
                auto referral = archive.addReferral(tx, stats.accountIds[referrer], headIds[referrer],
                                                    *accountId, plan.referralDate, plan.referralNote);
                if (!referral) return withContext(referral.error(), index, "referral");
                const int linkDepth = depth[referrer] + 1;
                depth[static_cast<std::size_t>(index)] = linkDepth;
                referredSoFar.push_back(index);
                stats.maxReferralDepth = std::max(stats.maxReferralDepth, linkDepth);
                ++stats.referrals;
            }
            ++stats.accounts;
            stats.keyPersons += static_cast<int>(personIds.size());
            if (plan.traditional) ++stats.traditionalNames;
            headIds.push_back(std::move(head));
            stats.accountIds.push_back(std::move(accountId.value()));
        }
        tx.commit();
        if (progress) progress(batchEnd, total);
    }
    return stats;
}

std::vector<DemoQuery> demoSearchQueries()
{
    return {
        // Chinese substrings of company names
        {"恒达建材", "name"},
        {"锦江宾馆", "name"},
        {"华强电子", "name"},
        {"建材有限公司", "name"},
        {"人民医院", "name"},
        {"长江物流", "name"},
        {"金陵农资", "name"},
        {"有限公司", "name"},
        // full names of key persons
        {"张伟", "person"},
        {"王芳", "person"},
        {"欧阳娜", "person"},
        {"单丽华", "person"},
        {"尉迟敬", "person"},
        {"司马文", "person"},
        {"诸葛明", "person"},
        // full pinyin, including each reading of polyphonic surnames
        {"zhangwei", "pinyin"},
        {"wangfang", "pinyin"},
        {"ouyangna", "pinyin"},
        {"shanlihua", "pinyin"},
        {"zengzhiming", "pinyin"},
        {"qiujianguo", "pinyin"},
        {"zhawenbin", "pinyin"},
        {"piaochenghao", "pinyin"},
        {"yuchijing", "pinyin"},
        {"xiexiaodong", "pinyin"},
        {"hangzhou", "pinyin"},
        // pinyin initials
        {"zw", "initials"},
        {"wf", "initials"},
        {"hdjc", "initials"},
        {"oyn", "initials"},
        // phone digit fragments
        {"1380", "phone"},
        {"0571", "phone"},
        {"8888", "phone"},
        {"13600001380", "phone"},
        // address fragments
        {"文三路", "address"},
        {"华强北路", "address"},
        {"中山五路", "address"},
        {"88号", "address"},
        // traditional characters find simplified text and the other way round
        {"廣州", "traditional"},
        {"東方酒樓", "traditional"},
        {"臺北", "traditional"},
        {"華強", "traditional"},
        {"醫院", "traditional"},
        {"东方酒楼", "traditional"},
        // one and two characters
        {"杭", "short"},
        {"酒", "short"},
        {"曾", "short"},
        {"建材", "short"},
        {"医院", "short"},
        {"王芳", "short"},
        // one letter and two-letter syllables: the first keystrokes
        {"z", "syllable"},
        {"li", "syllable"},
        {"wu", "syllable"},
        {"ou", "syllable"},
        {"zh", "syllable"},
        {"hu", "syllable"},
        // initials mixed with syllables
        {"zwei", "mixed"},
        {"zhangw", "mixed"},
        {"zhwei", "mixed"},
        {"wfang", "mixed"},
        {"hzhengda", "mixed"},
        // several words, and pinyin with spaces between syllables
        {"北京 医院", "words"},
        {"杭州 建材", "words"},
        {"杭州 张", "words"},
        {"zhang wei", "words"},
        {"hang zhou", "words"},
    };
}

namespace {

constexpr std::array<std::string_view, 8> kAims = {
    "介绍新品并邀请参加品鉴会", "回访上次样品的试用情况", "洽谈年度采购协议",     "了解年底宴请用酒需求",
    "送达节日礼品，维护关系",   "处理上次送货延误的投诉", "确认下季度的订货计划", "拜访新任采购负责人"};
constexpr std::array<std::string_view, 8> kConversations = {
    "对方对新品口感评价不错，但担心价格偏高，希望看到书面报价。",
    "采购负责人出差，和经办人沟通了用量和交货周期，经办人态度积极。",
    "老板亲自接待，谈到下季度有三场大型宴请，愿意先小批量试用。",
    "客户反馈上次送货晚了一天，已当面致歉并说明了改进措施，对方表示理解。",
    "对方正在比较两家供应商，关注售后服务和账期。",
    "新任采购负责人刚到任，先做了介绍，留了名片和产品手册。",
    "客户对样品很满意，打算在年会上使用，需要确认数量。",
    "谈得比较顺利，对方同意把我们列入明年的供应商名单。"};
constexpr std::array<std::string_view, 6> kNextNotes = {"带上书面报价和品鉴酒", "提前电话确认老板在店时间",
                                                        "准备年度协议草稿",     "带上答应的宣传册和样品",
                                                        "问清楚账期的要求",     "约经办人一起吃个便饭"};
constexpr std::array<std::string_view, 6> kNextGoals = {"签订季度试用协议",     "确定年会用酒数量",
                                                        "约老板参加品鉴会",     "拿到采购负责人的决策意见",
                                                        "把我们列入供应商名单", "收回上次的货款"};
constexpr std::array<std::string_view, 4> kPlaces = {"客户办公室", "三楼会议室", "门店", "客户餐厅包间"};

constexpr std::int64_t kHourMs = 3'600'000;
constexpr std::int64_t kDayMs = 24 * kHourMs;

Result<std::string> firstPerson(Database& db, const std::string& accountId)
{
    Statement st = db.prepare(
        "SELECT id FROM key_person WHERE account_id = ? ORDER BY role = 'head' DESC, _sort LIMIT 1");
    st.bind(1, accountId);
    if (!st.step()) return std::string();
    return st.text(0);
}

// The accounts of `ids` whose tier is one of `tiers`, in order.
std::vector<std::string> ofTiers(Database& db, const std::vector<std::string>& ids, std::string_view tiers)
{
    std::vector<std::string> out;
    Statement& st = db.cached("SELECT coalesce(tier, '') FROM account WHERE id = ?");
    for (const std::string& id : ids) {
        st.bind(1, id);
        if (st.step() && !st.textView(0).empty() && tiers.find(st.textView(0)) != std::string_view::npos)
            out.push_back(id);
        st.reset();
    }
    return out;
}

// A finished visit `daysAgo` days back at about 10:00, agreeing a sale when `quantity` > 0.
Result<void> pastVisit(Store& store, Visits& visits, Transaction& tx, const std::string& repId,
                       const std::string& account, std::int64_t midnight, std::int64_t today, int daysAgo,
                       std::int64_t quantity)
{
    const std::int64_t checkin = midnight - std::int64_t{daysAgo} * kDayMs + 10 * kHourMs;
    auto id = visits.start(tx, repId, {account, "delivery", "", std::nullopt, checkin});
    if (!id) return id.error();
    const Fields answers{{"aim", std::string("按月送货，了解库存与下月需求")},
                         {"achieved", std::string("fully")},
                         {"conversation", std::string("库存正常，对方对上批货满意")}};
    for (const auto& [field, value] : answers)
        if (auto kept = visits.draft(tx, *id, field, value); !kept) return kept.error();
    if (quantity > 0) {
        if (auto kept = visits.draft(tx, *id, "sale_agreed", std::string("按月度协议补货")); !kept)
            return kept.error();
        if (auto kept = visits.draft(tx, *id, "sale_quantity", quantity); !kept) return kept.error();
    }
    const CheckOut out{"some", "", std::nullopt, checkin + std::int64_t{45} * 60'000,
                       formatCivilDate(today - daysAgo)};
    if (auto done = visits.finish(tx, *id, out); !done) return done.error();
    for (const Record& task : visits.followUpsOf(*id))
        if (auto closed = store.update(tx, "task", task.id, {{"status", std::string("done")}}); !closed)
            return closed.error();
    return {};
}

// Today's mix (issue 11): regular buyers with their rhythm and one fallen behind it, a
// prospect's first purchase, callbacks and a points redemption this month, two birthdays in
// the coming days (one lunar) and a wedding anniversary, and an exit with its win-back
// follow-ups.
Result<void> todayMix(Store& store, Transaction& tx, Database& db, const std::vector<std::string>& accountIds,
                      const std::string& repId, std::int64_t midnight, std::int64_t today, WorkStats& stats)
{
    const Clock& clock = store.device().clock();
    Visits visits(store);
    const auto keyAccounts = ofTiers(db, accountIds, "KA A");
    const auto ordinary = ofTiers(db, accountIds, "B C");
    const auto prospects = ofTiers(db, accountIds, "P");
    // Two regular buyers (every 12 or 16 days, the last within the week), one that bought every
    // 10 days and stopped five weeks ago.
    const std::array<std::pair<int, int>, 3> rhythms{{{12, 4}, {16, 6}, {10, 36}}};
    for (std::size_t k = 0; k < rhythms.size() && k < keyAccounts.size(); ++k) {
        const auto [every, last] = rhythms[k];
        for (int daysAgo = last + every * 6; daysAgo >= last; daysAgo -= every) {
            if (auto r = pastVisit(store, visits, tx, repId, keyAccounts[k], midnight, today, daysAgo,
                                   20 + daysAgo % 7);
                !r)
                return r.error();
            ++stats.visits;
        }
    }
    if (!prospects.empty()) {
        if (auto r = pastVisit(store, visits, tx, repId, prospects.front(), midnight, today, 2, 5); !r)
            return r.error();
        ++stats.visits;
    }
    // Callbacks earlier today (so they fall in this month), and a points redemption.
    Contacts contacts(store, clock);
    const std::int64_t now = clock.nowMs();
    const std::int64_t earlier = std::max(midnight, now - 3 * kHourMs);
    for (std::size_t k = 0; k < keyAccounts.size() && k < 4; ++k) {
        const std::string kind = k == 3 ? "points_redemption" : "phone_callback";
        auto id = contacts.log(
            tx, repId, {keyAccounts[k], "", kind, earlier + std::int64_t(k) * 60'000, "", "", "", ""});
        if (!id) return id.error();
        ++stats.contacts;
    }
    // Birthdays: tomorrow (solar) and in two days (lunar) at the first two key accounts.
    for (std::size_t k = 0; k < 2 && k < keyAccounts.size(); ++k) {
        auto person = firstPerson(db, keyAccounts[k]);
        if (!person) return person.error();
        if (person->empty()) continue;
        const std::string day = formatCivilDate(today + 1 + std::int64_t(k));
        const int y = std::stoi(day.substr(0, 4)), m = std::stoi(day.substr(5, 2)),
                  d = std::stoi(day.substr(8, 2));
        std::string birthday;
        if (k == 0) {
            // 1976 is a leap year: a 29 February birthday exists.
            birthday = "1976" + day.substr(4);
        } else {
            const auto moon = lunar::toLunar({y, m, d});
            if (!moon || moon->leap || moon->day > 29) continue;
            birthday = formatCivilDate(
                daysFromCivil(1972, static_cast<unsigned>(moon->month), static_cast<unsigned>(moon->day)));
        }
        Fields change{{"birthday", birthday}};
        if (k == 1) change.emplace("birthday_lunar", std::int64_t{1});
        if (auto r = store.update(tx, "key_person", *person, change); !r) return r.error();
    }
    // A wedding anniversary in three days at the third key account.
    if (keyAccounts.size() > 2) {
        auto person = firstPerson(db, keyAccounts[2]);
        if (!person) return person.error();
        if (!person->empty())
            if (auto r =
                    store.update(tx, "key_person", *person,
                                 {{"anniversaries", "结婚纪念日 " + formatCivilDate(today + 3).substr(5)}});
                !r)
                return r.error();
    }
    // An ordinary account left for a competitor's price: decided case by case.
    if (ordinary.size() > 1) {
        const std::string& gone = ordinary.back();
        auto account = store.get("account", gone);
        if (!account) return account.error();
        if (account->text("stage") != "exit") {
            Lifecycle lifecycle(store, clock);
            auto id = lifecycle.changeStage(tx, repId,
                                            {gone, "exit", "对方改从竞争对手进货，价格低一成", "competitor",
                                             std::string(defaultWinBack(account->text("tier"))), false});
            if (!id) return id.error();
        }
    }
    return {};
}

}  // namespace

Result<WorkStats> generateWork(Store& store, Database& db, const std::vector<std::string>& accountIds,
                               const WorkOptions& options)
{
    if (options.repId.empty()) return makeError(ErrorCode::Required, "the rep is required", "repId");
    WorkStats stats;
    Dice dice(options.seed);
    const Clock& clock = store.device().clock();
    const std::int64_t offsetMs = std::int64_t{clock.utcOffsetMinutes(clock.nowMs())} * 60'000;
    const std::int64_t today = localDayNumber(clock);
    const std::int64_t midnight = today * kDayMs - offsetMs;  // today 00:00 where the rep is
    const std::string todayText = formatCivilDate(today);
    Visits visits(store);
    Appointments appointments(store);

    Transaction tx(db);
    // Months of past visits at the first accounts, oldest first, each with its progress notes.
    const std::size_t visited =
        std::min(accountIds.size(), static_cast<std::size_t>(options.visitedAccounts));
    for (std::size_t i = 0; i < visited; ++i) {
        const std::string& account = accountIds[i];
        const int count = dice.between(1, 4);
        std::vector<int> daysAgo;
        daysAgo.reserve(static_cast<std::size_t>(count));
        for (int k = 0; k < count; ++k)
            daysAgo.push_back(dice.between(3, 180));
        std::sort(daysAgo.begin(), daysAgo.end(), std::greater<>());
        daysAgo.erase(std::unique(daysAgo.begin(), daysAgo.end()), daysAgo.end());
        for (std::size_t k = 0; k < daysAgo.size(); ++k) {
            const std::int64_t day = today - daysAgo[k];
            const std::int64_t checkin = midnight - std::int64_t{daysAgo[k]} * kDayMs +
                                         std::int64_t{dice.between(9, 16)} * kHourMs +
                                         std::int64_t{dice.between(0, 3)} * 15 * 60'000;
            const std::string purpose = k == 0             ? "first_visit"
                                        : dice.chance(150) ? "delivery"
                                                           : "return_visit";
            auto id = visits.start(tx, options.repId, {account, purpose, "", std::nullopt, checkin});
            if (!id) return id.error();
            const Fields answers{
                {"aim", std::string(dice.pick(kAims))},
                {"achieved",
                 std::string(dice.pick(std::array<std::string_view, 3>{"not", "partly", "fully"}))},
                {"conversation", std::string(dice.pick(kConversations))},
                {"next_notes", std::string(dice.pick(kNextNotes))},
                {"next_goal", std::string(dice.pick(kNextGoals))}};
            for (const auto& [field, value] : answers) {
                if (purpose == "first_visit" && field == "achieved") continue;
                if (auto kept = visits.draft(tx, *id, field, value); !kept) return kept.error();
            }
            const std::string interest =
                std::string(dice.pick(std::array<std::string_view, 4>{"none", "some", "some", "strong"}));
            const CheckOut out{interest, "", std::nullopt,
                               checkin + std::int64_t{dice.between(40, 90)} * 60'000, formatCivilDate(day)};
            if (auto done = visits.finish(tx, *id, out); !done) return done.error();
            // Follow-ups of the past were done.
            for (const Record& task : visits.followUpsOf(*id))
                if (task.text("due_on") < todayText)
                    if (auto closed = store.update(tx, "task", task.id, {{"status", std::string("done")}});
                        !closed)
                        return closed.error();
            ++stats.visits;
        }
    }
    // Appointments: three today, five more this week.
    const std::array<std::pair<int, int>, 8> slots = {{{0, 10 * 60},
                                                       {0, 14 * 60},
                                                       {0, 16 * 60 + 30},
                                                       {1, 10 * 60},
                                                       {2, 15 * 60},
                                                       {3, 9 * 60 + 30},
                                                       {4, 14 * 60},
                                                       {5, 10 * 60}}};
    for (std::size_t k = 0; k < slots.size() && k < accountIds.size(); ++k) {
        const std::string& account = accountIds[k];
        auto person = firstPerson(db, account);
        if (!person) return person.error();
        Fields fields{
            {"account_id", account},
            {"starts_at", midnight + slots[k].first * kDayMs + std::int64_t{slots[k].second} * 60'000},
            {"minutes", std::int64_t{k % 2 == 0 ? 60 : 45}},
            {"purpose", std::string(k % 3 == 0   ? "return_visit"
                                    : k % 3 == 1 ? "delivery"
                                                 : "gift_delivery")},
            {"place", std::string(dice.pick(kPlaces))}};
        if (!person->empty()) fields.emplace("key_person_id", *person);
        auto booked = appointments.book(tx, options.repId, fields);
        if (!booked) return booked.error();
        ++stats.appointments;
    }
    if (auto mixed = todayMix(store, tx, db, accountIds, options.repId, midnight, today, stats); !mixed)
        return mixed.error();
    tx.commit();
    return stats;
}

std::span<const DemoGift> demoGifts()
{
    static constexpr DemoGift kGifts[] = {
        {"G001", "定制礼盒装白酒", "gift", "盒", "gift_delivery event_invitation", "KA A", 688, 6},
        {"G002", "品牌茶具套装", "gift", "套", "gift_delivery return_visit first_visit", "KA A B", 268, 10},
        {"G003", "中秋月饼礼盒", "gift", "盒", "gift_delivery", "", 198, 0},
        {"G004", "品牌雨伞", "gift", "把", "", "", 45, 20},
        {"S001", "品鉴酒 125ml", "sample", "瓶", "", "", 38, 24},
        {"S002", "品鉴酒 500ml", "sample", "瓶", "first_visit return_visit event_invitation", "", 158, 6},
        {"M001", "产品手册", "material", "本", "", "", 12, 30},
        {"M002", "企业宣传册", "material", "本", "", "", 8, 0},
    };
    return kGifts;
}

std::span<const DemoLimit> demoLimits()
{
    static constexpr DemoLimit kLimits[] = {
        {"KA", "recipient_month", 2000}, {"KA", "account_quarter", 6000}, {"A", "recipient_month", 1000},
        {"A", "account_quarter", 3000},  {"B", "recipient_month", 500},   {"B", "account_quarter", 1500},
        {"C", "recipient_month", 300},   {"C", "account_quarter", 800},   {"P", "recipient_month", 300},
        {"P", "account_quarter", 600},
    };
    return kLimits;
}

Result<int> pullDemoGifts(Store& store, Database& db, const std::string& repId)
{
    Replica replica(store);
    IdGenerator ids(store.device().clock());
    const std::int64_t now = store.device().clock().nowMs();
    const std::string stamp = HlcStamp{now - 60'000, 0, "00000000-0000-7000-8000-000000000000"}.toString();
    int written = 0;
    Transaction tx(db);
    auto pulled = [&](std::string_view entity, Fields fields) -> Result<void> {
        RecordState state;
        for (const auto& [name, value] : fields)
            state.clocks.emplace(name, stamp);
        state.fields = std::move(fields);
        auto r = replica.applyRemote(tx, entity, ids.next(), state);
        if (!r) return r.error();
        ++written;
        return {};
    };
    for (const DemoGift& g : demoGifts()) {
        Fields item{{"code", std::string(g.code)},
                    {"name", std::string(g.name)},
                    {"category", std::string(g.category)},
                    {"unit", std::string(g.unit)},
                    {"unit_value", std::int64_t{g.yuan} * 100},
                    {"active", std::int64_t{1}}};
        if (*g.purposes) item.emplace("purposes", std::string(g.purposes));
        if (*g.tiers) item.emplace("tiers", std::string(g.tiers));
        const std::string itemId = ids.next();
        RecordState state;
        for (const auto& [name, value] : item)
            state.clocks.emplace(name, stamp);
        state.fields = std::move(item);
        if (auto r = replica.applyRemote(tx, "gift_item", itemId, state); !r) return r.error();
        ++written;
        if (g.handOut > 0)
            if (auto r = pulled("stock_movement", {{"owner_id", repId},
                                                   {"item_id", itemId},
                                                   {"kind", std::string("receipt")},
                                                   {"quantity", std::int64_t{g.handOut}},
                                                   {"moved_at", now - 86'400'000},
                                                   {"note", std::string("仓库首次发放")}});
                !r)
                return r.error();
    }
    for (const DemoLimit& l : demoLimits())
        if (auto r = pulled("gift_limit", {{"tier", std::string(l.tier)},
                                           {"per", std::string(l.per)},
                                           {"max_value", std::int64_t{l.yuan} * 100}});
            !r)
            return r.error();
    tx.commit();
    return written;
}

}  // namespace fb::demo
