// Behaviour checks for fb_text: normalization, Unihan-backed pinyin readings, search keys and
// pinyin sort keys as the account search and sorted lists rely on them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "fieldbook/text/fold.h"

using namespace fb::text;
using namespace std::string_literals;

namespace {

bool contains(const std::vector<std::string>& v, const std::string& s)
{
    return std::find(v.begin(), v.end(), s) != v.end();
}

bool contains(const std::vector<std::string_view>& v, std::string_view s)
{
    return std::find(v.begin(), v.end(), s) != v.end();
}

std::vector<std::string> sortedByKey(std::vector<std::string> names)
{
    std::stable_sort(names.begin(), names.end(),
                     [](const std::string& a, const std::string& b) { return sortKey(a) < sortKey(b); });
    return names;
}

}  // namespace

TEST_CASE("normalize folds traditional Han to simplified", "[core][text]")
{
    CHECK(normalize("張三") == "张三");
    CHECK(normalize("張三") == normalize("张三"));
    CHECK(normalize("單曉明") == "单晓明");
    CHECK(normalize("廣州市") == "广州市");
}

TEST_CASE("normalize folds width and case and drops punctuation", "[core][text]")
{
    CHECK(normalize("ＡＢＣ１２３") == "abc123");
    CHECK(normalize("Hello, World! 你好。") == "helloworld你好");
    CHECK(normalize("  张\u3000三（销售部）·") == "张三销售部");
    CHECK(normalize("Zhang-San_#1") == "zhangsan1");
    CHECK(normalize("") == "");
    CHECK(normalize("，。！？、—…") == "");
    CHECK(normalize("©2024 Acme™ 😀") == "2024acme");  // symbols and emoji are not letters
    CHECK(normalize("\uF900") == "岂");               // CJK compatibility ideograph -> 豈 -> simplified
    // Variation selectors only choose a glyph and must not break matching.
    CHECK(normalize("张\xEF\xB8\x80三") == "张三");
    // Normalizing twice changes nothing, so queries and documents agree.
    const std::string once = normalize("張三 ＡＢＣ, Café 广州");
    CHECK(normalize(once) == once);
}

TEST_CASE("readings come from Unihan, customary first", "[core][text]")
{
    const auto dan = readings(U'单');
    REQUIRE_FALSE(dan.empty());
    CHECK(dan.front() == "dan");
    CHECK(contains(dan, "shan"));
    CHECK(contains(dan, "chan"));  // kTGHZ2013 lists chán (单于)

    const auto zeng = readings(U'曾');
    CHECK(contains(zeng, "zeng"));
    CHECK(contains(zeng, "ceng"));

    const auto jie = readings(U'解');
    CHECK(jie.front() == "jie");
    CHECK(contains(jie, "xie"));

    CHECK(readings(U'张') == std::vector<std::string_view>{"zhang"});
    CHECK(readings(U'張').front() == "zhang");
    CHECK(readings(U'绿').front() == "lv");  // ü written as v
    CHECK(readings(U'女').front() == "nv");
    // kMandarin's neutral-tone zh-Hans value (卜 "bo bǔ") is not how the surname is read alone.
    CHECK(readings(U'卜').front() == "bu");
    CHECK(contains(readings(U'卜'), "bo"));
    CHECK(readings(U'A').empty());
    CHECK(readings(U'。').empty());
    CHECK(readings(U'あ').empty());
}

TEST_CASE("pinyinKeys gives full pinyin and initials", "[core][text]")
{
    const PinyinKeys k = pinyinKeys("张三");
    CHECK(k.full == std::vector<std::string>{"zhangsan"});
    CHECK(k.initials == std::vector<std::string>{"zs"});

    const PinyinKeys trad = pinyinKeys("張三");
    CHECK(contains(trad.full, "zhangsan"));
    CHECK(contains(trad.initials, "zs"));

    const PinyinKeys mixed = pinyinKeys("ABC科技");
    CHECK(mixed.full == std::vector<std::string>{"abckeji"});
    CHECK(mixed.initials == std::vector<std::string>{"abckj"});

    // Without Han the keys would only repeat normalize().
    const PinyinKeys ascii = pinyinKeys("Apple Inc.");
    CHECK(ascii.full.empty());
    CHECK(ascii.initials.empty());
}

TEST_CASE("a polyphone name yields every reading", "[core][text]")
{
    const PinyinKeys k = pinyinKeys("单小明");
    REQUIRE_FALSE(k.full.empty());
    CHECK(k.full.front() == "danxiaoming");  // customary combination first
    CHECK(contains(k.full, "shanxiaoming"));
    CHECK(contains(k.initials, "dxm"));
    CHECK(contains(k.initials, "sxm"));

    const PinyinKeys zeng = pinyinKeys("曾国藩");
    CHECK(contains(zeng.full, "zengguofan"));
    CHECK(contains(zeng.full, "cengguofan"));
    CHECK(contains(zeng.initials, "zgf"));
    CHECK(contains(zeng.initials, "cgf"));

    const PinyinKeys xie = pinyinKeys("解晓东");
    CHECK(contains(xie.full, "jiexiaodong"));
    CHECK(contains(xie.full, "xiexiaodong"));
}

TEST_CASE("the variant cap holds for a long all-polyphone string", "[core][text]")
{
    const std::string name = "单曾解单曾解单曾解单曾解单曾解单曾解";
    const PinyinKeys k = pinyinKeys(name);
    CHECK(k.full.size() <= 16);
    CHECK(k.initials.size() <= 16);
    CHECK(k.full.size() > 1);
    CHECK(k.full.front() == "dancengjiedancengjiedancengjiedancengjiedancengjiedancengjie");

    const PinyinKeys small = pinyinKeys(name, 4);
    CHECK(small.full.size() <= 4);
    CHECK(small.initials.size() <= 4);

    const PinyinKeys one = pinyinKeys(name, 0);
    CHECK(one.full.size() == 1);
    CHECK(one.initials.size() == 1);
    CHECK(one.full.front() == k.full.front());
}

TEST_CASE("sortKey orders names by pinyin", "[core][text]")
{
    const std::vector<std::string> expected{"阿里", "Apple", "白云", "Bob", "张三", "張三", "張四", "赵六"};
    std::vector<std::string> shuffled{"赵六", "張四", "Bob", "Apple", "张三", "白云", "張三", "阿里"};
    CHECK(sortedByKey(shuffled) == expected);
    std::reverse(shuffled.begin(), shuffled.end());
    CHECK(sortedByKey(shuffled) == expected);

    CHECK(sortKey("apple") < sortKey("BANANA"));
    CHECK(sortKey("西安") < sortKey("先"));     // syllable by syllable, not letter by letter
    CHECK(sortKey("张三") != sortKey("張三"));  // total order
    CHECK(sortKey("张三") == sortKey("张三"));

    const std::string key = sortKey("\x00张\x01三"s);
    CHECK(key.find('\0') == std::string::npos);
}

TEST_CASE("searchDocument joins the variants with the separator", "[core][text]")
{
    CHECK(searchDocument("张三") ==
          std::string("张三") + kSearchSeparator + "zhangsan" + kSearchSeparator + "zs");
    CHECK(searchDocument("張三") == searchDocument("张三"));
    CHECK(searchDocument("Apple") == "apple");

    const std::string doc = searchDocument("单小明");
    CHECK(doc.find("danxiaoming") != std::string::npos);
    CHECK(doc.find("shanxiaoming") != std::string::npos);
    CHECK(doc.find("sxm") != std::string::npos);
    // No query can contain the separator.
    CHECK(normalize(std::string(1, kSearchSeparator)).empty());
}

TEST_CASE("invalid UTF-8 is skipped, never fatal", "[core][text]")
{
    const std::string bad = "\xff\xfe张\xe5\xbc三\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80\xe5";
    CHECK(normalize(bad) == "张三");
    CHECK(digitsOnly("1\xff"
                     "2\xc3") == "12");
    CHECK_NOTHROW(pinyinKeys(bad));
    CHECK_NOTHROW(sortKey(bad));
    CHECK_NOTHROW(searchDocument(bad));

    // Deterministic pseudo-random bytes: every function must survive, and normalize() must emit
    // well-formed text (normalizing it again is the identity).
    std::uint32_t state = 12345;
    for (int round = 0; round < 2000; ++round) {
        std::string s;
        const int len = static_cast<int>(state % 24);
        for (int k = 0; k < len; ++k) {
            state = state * 1664525u + 1013904223u;
            s.push_back(static_cast<char>(state >> 24));
        }
        state = state * 1664525u + 1013904223u;
        const std::string n = normalize(s);
        CHECK(normalize(n) == n);
        (void)pinyinKeys(s);
        (void)sortKey(s);
        (void)searchDocument(s);
        (void)digitsOnly(s);
    }
}

TEST_CASE("digitsOnly keeps phone digits", "[core][text]")
{
    CHECK(digitsOnly("138-0013 8000") == "13800138000");
    CHECK(digitsOnly("+86 (10) 6552-9988") == "861065529988");
    CHECK(digitsOnly("１３８ ００１３") == "1380013");
    CHECK(digitsOnly("no digits") == "");
}

namespace {

// Where `word` matches `name` from character `at`, as "begin-end[ a2][ u1][ partial]", or "-".
std::string matchOf(const std::string& name, const std::string& word, std::size_t at = 0)
{
    const FoldedText text = foldText(name);
    WordMatcher m(text, foldedChars(normalize(word)));
    const auto found = m.at(at);
    if (!found) return "-";
    std::string out = std::to_string(found->begin) + "-" + std::to_string(found->end);
    if (found->abbreviated) out += " a" + std::to_string(found->abbreviated);
    if (found->uncommon) out += " u" + std::to_string(found->uncommon);
    if (found->initials) out += " initials";
    if (found->lastPartial) out += " partial";
    return out;
}

}  // namespace

TEST_CASE("a word matches pinyin on syllable boundaries, whole or cut to initials", "[core][text]")
{
    CHECK(matchOf("张三", "zhangsan") == "0-2");
    CHECK(matchOf("张三", "zhangs") == "0-2 partial");
    CHECK(matchOf("张三", "zs") == "0-2 a1 initials partial");
    CHECK(matchOf("张三", "zsan") == "0-2 a1");
    CHECK(matchOf("张三", "zhsan") == "0-2 a1");
    CHECK(matchOf("张三", "张san") == "0-2");
    CHECK(matchOf("張三", "张三") == "0-2");
    // A syllable is cut to its initial (zh, ch, sh count as one), not to any prefix.
    CHECK(matchOf("张伟", "zhanw") == "-");
    // Across syllables is not a match: 成都市 is cheng-du-shi (or dou), "oushi" starts inside.
    CHECK(matchOf("成都市", "oushi", 0) == "-");
    CHECK(matchOf("成都市", "oushi", 1) == "-");
    CHECK(matchOf("区氏酒楼", "oushi") == "0-2");  // 区 read ou, as the surname
    CHECK(matchOf("区氏酒楼", "qushi") == "0-2");
    // A reading names rarely use is marked (长沙 is chang-sha; zhang is a reading of 长).
    CHECK(matchOf("长沙", "changsha") == "0-2");
    CHECK(matchOf("长沙", "zhangsha") == "0-2 u1");
    CHECK(matchOf("杭州恒达建材", "hengda", 2) == "2-4");
    CHECK(matchOf("杭州中达建材", "zhd", 2) == "2-4 a1 initials partial");  // zh is one initial
    CHECK(matchOf("杭州恒达建材", "hengda", 0) == "-");
    CHECK(matchOf("ABC科技", "abck") == "0-4 partial");
}

TEST_CASE("mixed readings are the initials and syllables a word stands for", "[core][text]")
{
    const auto readings = [](std::string_view word) {
        std::vector<std::string> out;
        for (const MixedReading& r : mixedReadings(word, 32))
            out.push_back(r.initials + "/" + r.longest);
        return out;
    };
    const auto has = [](const std::vector<std::string>& list, const std::string& r) {
        return std::find(list.begin(), list.end(), r) != list.end();
    };
    CHECK(has(readings("zsan"), "zs/san"));    // z|san: 张三
    CHECK(has(readings("zsan"), "zsn/sa"));    // z|sa|n
    CHECK(!has(readings("zsan"), "zsa/an"));   // not z|s|an: "sa" goes on into a syllable
    CHECK(has(readings("zhsan"), "zs/san"));   // zh|san
    CHECK(has(readings("zhsan"), "zhs/san"));  // z|h|san: z before h may be an initial
    CHECK(readings("zwei") == std::vector<std::string>{"zw/wei"});
    CHECK(readings("zhw") == std::vector<std::string>{"zw/w"});  // zh as one initial: 张伟
    // Whole syllables mean what they say; initials alone are found as initials.
    CHECK(readings("zhangwei").empty());
    CHECK(readings("hangzhou").empty());
    CHECK(readings("zhang").empty());
    CHECK(readings("zs").empty());
    CHECK(has(readings("hzhengda"), "hzhd/heng"));    // h|z|heng|da: 杭州恒达
    CHECK(mixedReadings("hzhengda", 2).size() == 2);  // the cap holds
}
