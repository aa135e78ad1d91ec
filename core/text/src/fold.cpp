// Implementation of fb::text folding: UTF-8 handling, lookups in the Unihan-generated tables, and
// the search/sort keys built from them. Portable C++20, no dependencies beyond the standard library.
#include "fieldbook/text/fold.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <tuple>

namespace fb::text {
namespace {

// Layouts the generated .inc fills in; see gen/unihan_gen.cpp for how values are packed.
struct ReadingRange {
    char32_t first;
    char32_t last;
    std::uint32_t base;
};
struct FoldPair {
    char32_t from;
    char32_t to;
};
struct CodeRange {
    char32_t first;
    char32_t last;
};

#include "fieldbook_unihan_data.inc"

// ---- UTF-8 --------------------------------------------------------------------------------

constexpr char32_t kInvalid = 0xFFFFFFFF;

// Decodes the code point at s[i] and advances i. Malformed input (bad lead byte, truncated or
// overlong sequence, surrogate, beyond U+10FFFF) consumes exactly one byte and yields kInvalid,
// so decoding always progresses and resynchronises on the next lead byte.
char32_t decodeNext(std::string_view s, std::size_t& i)
{
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b0 = byte(i);
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    std::size_t len = 0;
    char32_t cp = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
        cp = b0 & 0x1Fu;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        cp = b0 & 0x0Fu;
        lo = b0 == 0xE0 ? 0xA0 : 0x80;  // overlong
        hi = b0 == 0xED ? 0x9F : 0xBF;  // surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        cp = b0 & 0x07u;
        lo = b0 == 0xF0 ? 0x90 : 0x80;  // overlong
        hi = b0 == 0xF4 ? 0x8F : 0xBF;  // > U+10FFFF
    } else {
        ++i;
        return kInvalid;
    }
    if (s.size() - i < len) {
        ++i;
        return kInvalid;
    }
    for (std::size_t k = 1; k < len; ++k) {
        const unsigned char b = byte(i + k);
        if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) {
            ++i;
            return kInvalid;
        }
        cp = (cp << 6) | (b & 0x3Fu);
    }
    i += len;
    return cp;
}

template <typename F> void forEachCodePoint(std::string_view s, F&& f)
{
    for (std::size_t i = 0; i < s.size();) {
        const char32_t cp = decodeNext(s, i);
        if (cp != kInvalid) {
            f(cp);
        }
    }
}

void appendUtf8(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// ---- table lookups ------------------------------------------------------------------------

char32_t foldHan(char32_t cp)
{
    const auto* it = std::lower_bound(std::begin(kFold), std::end(kFold), cp,
                                      [](const FoldPair& p, char32_t c) { return p.from < c; });
    return it != std::end(kFold) && it->from == cp ? it->to : cp;
}

bool isDropped(char32_t cp)
{
    const auto* it = std::upper_bound(std::begin(kDropRanges), std::end(kDropRanges), cp,
                                      [](char32_t c, const CodeRange& r) { return c < r.first; });
    return it != std::begin(kDropRanges) && cp <= std::prev(it)->last;
}

// The normalized form of one code point, or 0 when normalize() drops it.
char32_t normalizeCodePoint(char32_t cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
        cp -= 0xFEE0;  // full-width ASCII block mirrors 0x21..0x7E
    }
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') {
            return cp + ('a' - 'A');
        }
        return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ? cp : 0;
    }
    return isDropped(cp) ? 0 : foldHan(cp);
}

// One packed reading: syllable index in bits 0-8, tone in bits 9-11, bit 15 ends a list.
struct Entries {
    const std::uint16_t* list = nullptr;  // null for a single inline reading
    std::size_t count = 0;
    std::uint16_t single = 0;
    std::uint16_t at(std::size_t k) const { return list != nullptr ? list[k] : single; }
};

Entries entriesOf(char32_t cp)
{
    Entries e;
    const auto* r = std::upper_bound(std::begin(kReadingRanges), std::end(kReadingRanges), cp,
                                     [](char32_t c, const ReadingRange& x) { return c < x.first; });
    if (r == std::begin(kReadingRanges) || cp > std::prev(r)->last) {
        return e;
    }
    const std::uint16_t v = kReadingValues[std::prev(r)->base + (cp - std::prev(r)->first)];
    if (v == 0) {
        return e;
    }
    if ((v & 0x8000) == 0) {
        e.single = v;
        e.count = 1;
        return e;
    }
    e.list = &kListPool[kListStart[v & 0x7FFF]];
    while ((e.list[e.count] & 0x8000) == 0) {
        ++e.count;
    }
    ++e.count;
    return e;
}

std::string_view syllableOf(std::uint16_t entry)
{
    const std::size_t index = entry & 0x1FF;
    return {kSyllableText + kSyllableOffset[index],
            static_cast<std::size_t>(kSyllableOffset[index + 1] - kSyllableOffset[index])};
}

int toneOf(std::uint16_t entry)
{
    return (entry >> 9) & 0x7;
}

// The customary reading used for sorting: the folded character's, so traditional and simplified
// spellings of a name sort identically.
bool customaryReading(char32_t cp, std::string_view& syllable, int& tone)
{
    Entries e = entriesOf(foldHan(cp));
    if (e.count == 0) {
        e = entriesOf(cp);
    }
    if (e.count == 0) {
        return false;
    }
    const std::uint16_t first = e.at(0);
    syllable = syllableOf(first);
    tone = toneOf(first);
    return true;
}

// A normalized character of a name, with its readings if it is Han with known readings.
struct Token {
    std::string text;
    std::vector<std::string_view> options;
};

// Expands the Cartesian product of the chosen options into distinct strings, customary first.
std::vector<std::string> combine(const std::vector<std::vector<std::string>>& choices)
{
    std::vector<std::string> out;
    std::vector<std::size_t> index(choices.size(), 0);
    while (true) {
        std::string s;
        for (std::size_t k = 0; k < choices.size(); ++k) {
            s += choices[k][index[k]];
        }
        if (std::find(out.begin(), out.end(), s) == out.end()) {
            out.push_back(std::move(s));
        }
        std::size_t k = choices.size();
        while (k > 0) {
            --k;
            if (++index[k] < choices[k].size()) {
                break;
            }
            index[k] = 0;
        }
        if (std::all_of(index.begin(), index.end(), [](std::size_t x) { return x == 0; })) {
            return out;
        }
    }
}

// Keeps every option of a character while the product of kept counts stays within the cap.
void capChoices(std::vector<std::vector<std::string>>& choices, std::size_t cap)
{
    std::size_t product = 1;
    for (auto& c : choices) {
        if (c.size() > 1) {
            if (product * c.size() <= cap) {
                product *= c.size();
            } else {
                c.resize(1);
            }
        }
    }
}

// How names read a few characters that Unihan lists first by another reading (长沙, 厦门, 成都):
// a match by that other reading is how the name could be read, rarely how a rep reads it.
std::string_view nameReading(char32_t cp)
{
    switch (cp) {
    case U'长':
        return "chang";
    case U'厦':
        return "xia";
    case U'都':
        return "du";
    default:
        return {};
    }
}

}  // namespace

std::string normalize(std::string_view utf8)
{
    std::string out;
    out.reserve(utf8.size());
    forEachCodePoint(utf8, [&](char32_t cp) {
        if (const char32_t n = normalizeCodePoint(cp); n != 0) {
            appendUtf8(out, n);
        }
    });
    return out;
}

std::vector<std::string_view> readings(char32_t cp)
{
    std::vector<std::string_view> out;
    auto add = [&](char32_t c) {
        const Entries e = entriesOf(c);
        for (std::size_t k = 0; k < e.count; ++k) {
            const std::string_view s = syllableOf(e.at(k));
            if (std::find(out.begin(), out.end(), s) == out.end()) {
                out.push_back(s);
            }
        }
    };
    add(cp);
    if (const char32_t folded = foldHan(cp); folded != cp) {
        add(folded);
    }
    return out;
}

namespace {

PinyinKeys pinyinKeysOf(std::string_view utf8, std::size_t maxVariants, bool asNamesRead);

}  // namespace

PinyinKeys pinyinKeys(std::string_view utf8, std::size_t maxVariants)
{
    return pinyinKeysOf(utf8, maxVariants, false);
}

PinyinKeys namePinyinKeys(std::string_view utf8, std::size_t maxVariants)
{
    return pinyinKeysOf(utf8, maxVariants, true);
}

namespace {

PinyinKeys pinyinKeysOf(std::string_view utf8, std::size_t maxVariants, bool asNamesRead)
{
    const std::size_t cap = std::max<std::size_t>(maxVariants, 1);
    std::vector<Token> tokens;
    bool anyHan = false;
    forEachCodePoint(utf8, [&](char32_t cp) {
        const char32_t n = normalizeCodePoint(cp);
        if (n == 0) {
            return;
        }
        Token t;
        appendUtf8(t.text, n);
        // The original code point, not the folded one: a traditional character may carry readings
        // its simplified form lacks, and readings() already adds the simplified form's.
        t.options = readings(cp);
        if (const std::string_view named = nameReading(n); asNamesRead && !named.empty()) {
            t.options = {named};
        }
        anyHan = anyHan || !t.options.empty();
        tokens.push_back(std::move(t));
    });
    PinyinKeys keys;
    if (!anyHan) {
        return keys;
    }

    std::vector<std::vector<std::string>> full;
    std::vector<std::vector<std::string>> initials;
    for (const Token& t : tokens) {
        if (t.options.empty()) {
            full.push_back({t.text});
            initials.push_back({t.text});
            continue;
        }
        std::vector<std::string>& f = full.emplace_back();
        std::vector<std::string>& i = initials.emplace_back();
        for (const std::string_view o : t.options) {
            f.emplace_back(o);
            std::string letter(o.substr(0, 1));
            if (std::find(i.begin(), i.end(), letter) == i.end()) {
                i.push_back(std::move(letter));
            }
        }
    }
    capChoices(full, cap);
    capChoices(initials, cap);
    keys.full = combine(full);
    keys.initials = combine(initials);
    return keys;
}

}  // namespace

std::string sortKey(std::string_view utf8)
{
    // Levels separated by 0x01, which sorts below every byte a level can contain, so a shorter
    // level sorts first; 0x02 ends each Han syllable so names compare syllable by syllable.
    std::string primary;
    std::string tones;
    std::string chars;
    forEachCodePoint(utf8, [&](char32_t cp) {
        const char32_t n = normalizeCodePoint(cp);
        if (n == 0) {
            return;
        }
        appendUtf8(chars, n);
        std::string_view syllable;
        int tone = 0;
        if (n < 0x80) {
            primary.push_back(static_cast<char>(n));
        } else if (customaryReading(n, syllable, tone)) {
            primary += syllable;
            primary.push_back('\x02');
            tones.push_back(static_cast<char>('0' + tone));
        } else {
            // Unknown Han and other scripts after all Latin letters, in code point order.
            primary.push_back('~');
            appendUtf8(primary, n);
        }
    });
    std::string key = std::move(primary);
    key.push_back('\x01');
    key += tones;
    key.push_back('\x01');
    key += chars;
    key.push_back('\x01');
    // Control characters would break the level ordering (and NUL the TEXT column), so the raw
    // tie-breaker keeps only well-formed, printable code points.
    forEachCodePoint(utf8, [&](char32_t cp) {
        if (cp >= 0x20 && cp != 0x7F) {
            appendUtf8(key, cp);
        }
    });
    return key;
}

std::string searchDocument(std::string_view utf8)
{
    return searchDocument(normalize(utf8), pinyinKeys(utf8));
}

std::string searchDocument(std::string_view doc, const PinyinKeys& keys)
{
    std::vector<std::string_view> parts{doc};
    auto add = [&](const std::string& v) {
        if (v.empty() || std::find(parts.begin(), parts.end(), v) != parts.end()) {
            return;
        }
        parts.push_back(v);
    };
    for (const std::string& v : keys.full) {
        add(v);
    }
    for (const std::string& v : keys.initials) {
        add(v);
    }
    std::string out(doc);
    for (std::size_t k = 1; k < parts.size(); ++k) {
        out.push_back(kSearchSeparator);
        out += parts[k];
    }
    return out;
}

namespace {

// The pinyin syllables the tables know, sorted, for the prefix tests below.
const std::vector<std::string_view>& syllables()
{
    static const std::vector<std::string_view> all = [] {
        std::vector<std::string_view> out;
        for (std::size_t i = 0; i + 1 < std::size(kSyllableOffset); ++i) {
            out.emplace_back(kSyllableText + kSyllableOffset[i],
                             static_cast<std::size_t>(kSyllableOffset[i + 1] - kSyllableOffset[i]));
        }
        std::sort(out.begin(), out.end());
        return out;
    }();
    return all;
}

bool isSyllable(std::string_view s)
{
    return std::binary_search(syllables().begin(), syllables().end(), s);
}

bool startsSyllable(std::string_view s)
{
    const auto it = std::lower_bound(syllables().begin(), syllables().end(), s);
    return it != syllables().end() && it->starts_with(s);
}

// An abbreviated syllable before the end of a word: one letter, or zh, ch, sh.
bool isAbbreviation(std::string_view piece)
{
    return (piece.size() == 1 && startsSyllable(piece)) || piece == "zh" || piece == "ch" || piece == "sh";
}

}  // namespace

FoldedText foldText(std::string_view utf8)
{
    FoldedText t;
    int offset = 0;
    bool dropped = false;
    forEachCodePoint(utf8, [&](char32_t cp) {
        if (const char32_t n = normalizeCodePoint(cp); n != 0) {
            t.chars.push_back(n);
            t.original.push_back(cp);
            t.origin.push_back(offset);
            t.afterBreak.push_back(dropped);
            dropped = false;
        } else {
            dropped = true;
        }
        ++offset;
    });
    return t;
}

std::u32string foldedChars(std::string_view normalized)
{
    std::u32string out;
    forEachCodePoint(normalized, [&](char32_t cp) { out.push_back(cp); });
    return out;
}

WordMatcher::WordMatcher(const FoldedText& text, std::u32string_view word)
    : text_(text), word_(word), memo_((text.chars.size() + 1) * (word.size() + 1))
{}

std::optional<WordMatch> WordMatcher::at(std::size_t at)
{
    if (word_.empty() || at >= text_.chars.size()) {
        return std::nullopt;
    }
    const Cell& c = solve(at, 0);
    if (c.state != 1) {
        return std::nullopt;
    }
    return WordMatch{at, c.end, c.abbreviated, c.uncommon, c.abbreviated > 0 && c.longer == 0, c.lastPartial};
}

const WordMatcher::Cell& WordMatcher::solve(std::size_t i, std::size_t j)
{
    Cell& cell = memo_[i * (word_.size() + 1) + j];
    if (cell.state != -1) {
        return cell;
    }
    cell.state = 0;
    if (j == word_.size()) {
        cell = {1, false, 0, 0, 0, i};
        return cell;
    }
    if (i == text_.chars.size()) {
        return cell;
    }
    Cell best;
    const auto consider = [&](const Cell& c) {
        const auto quality = [](const Cell& x) {
            return std::tuple(x.abbreviated, x.uncommon, x.lastPartial);
        };
        if (best.state != 1 || quality(c) < quality(best)) {
            best = c;
        }
    };
    const char32_t q = word_[j];
    if (text_.chars[i] == q) {
        const Cell& next = solve(i + 1, j + 1);
        if (next.state == 1) {
            consider(next);
        }
    }
    if (q >= 'a' && q <= 'z' && text_.chars[i] >= 0x80) {
        const auto tryReading = [&](std::string_view syllable, int uncommon) {
            for (std::size_t k = 1; k <= syllable.size() && j + k <= word_.size(); ++k) {
                if (word_[j + k - 1] != static_cast<char32_t>(syllable[k - 1])) {
                    break;
                }
                const bool whole = k == syllable.size();
                const bool last = j + k == word_.size();
                // Cut short before the end: to its initial (zh, ch, sh count as one), as a
                // rep abbreviates; "zhan" for 张 with more after is not.
                if (!whole && !last && !isAbbreviation(syllable.substr(0, k))) {
                    continue;
                }
                Cell next = !whole && last ? Cell{1, true, 0, 0, 0, i + 1} : solve(i + 1, j + k);
                if (next.state != 1) {
                    continue;
                }
                next.abbreviated += !whole && !last ? 1 : 0;
                next.uncommon += uncommon;
                // zh, ch, sh cut short are one initial, not a longer piece ("zhd" is initials).
                next.longer += k > 1 && (whole || !isAbbreviation(syllable.substr(0, k))) ? 1 : 0;
                consider(next);
            }
        };
        // Every reading counts (单 dan and shan, 区 qu and ou, 曾 ceng and zeng: a surname's
        // reading is among them), except that a character names read one way is uncommon read
        // another (长 as zhang).
        const std::string_view named = nameReading(text_.chars[i]);
        const auto tryEntries = [&](const Entries& e) {
            for (std::size_t r = 0; r < e.count; ++r) {
                const std::string_view syllable = syllableOf(e.at(r));
                tryReading(syllable, named.empty() || syllable == named ? 0 : 1);
            }
        };
        tryEntries(entriesOf(text_.original[i]));
        if (text_.original[i] != text_.chars[i]) {
            tryEntries(entriesOf(text_.chars[i]));
        }
    }
    if (best.state == 1) {
        cell = best;
    }
    return cell;
}

namespace {

// Whether a word reads as whole syllables, the last one possibly cut short ("zhangw").
bool readsAsSyllables(std::string_view word)
{
    std::vector<bool> reach(word.size() + 1, false);
    reach[0] = true;
    for (std::size_t at = 0; at < word.size(); ++at) {
        if (!reach[at]) {
            continue;
        }
        for (std::size_t k = 1; at + k <= word.size() && k <= 6; ++k) {
            const std::string_view piece = word.substr(at, k);
            if (at + k == word.size() ? startsSyllable(piece) : isSyllable(piece)) {
                reach[at + k] = true;
            }
        }
    }
    return reach[word.size()];
}

}  // namespace

std::vector<MixedReading> mixedReadings(std::string_view word, std::size_t cap)
{
    std::vector<MixedReading> out;
    if (readsAsSyllables(word)) {
        return out;  // the full pinyin finds it ("zhang" is not z|hang)
    }
    std::string initials;
    std::string_view longest;
    // `abbreviated`: a piece so far was an initial (all initials are what the plain initials
    // find; all syllables what the full pinyin finds).
    // `digraph`: an initial was zh, ch or sh ("zhw" for 张伟 is not plain initials either).
    const auto walk = [&](const auto& self, std::size_t at, bool abbreviated, bool digraph) -> void {
        for (std::size_t k = 1; at + k <= word.size() && k <= 6 && out.size() < cap; ++k) {
            const std::string_view piece = word.substr(at, k);
            const std::string_view before = longest;
            if (piece.size() > longest.size()) {
                longest = piece;
            }
            initials.push_back(piece[0]);
            if (at + k == word.size()) {
                MixedReading r{initials, std::string(longest)};
                if (abbreviated && (longest.size() > 1 || digraph) && initials.size() >= 2 &&
                    startsSyllable(piece) && std::find(out.begin(), out.end(), r) == out.end()) {
                    out.push_back(std::move(r));
                }
            } else {
                // An initial the next letter would continue into a syllable ("ha" in hangzhou)
                // is not one: the rep went on typing the syllable. But z, c, s before h may be
                // one ("hzhengda": h|z|heng|da).
                const std::string_view next = word.substr(at, k + 1);
                const bool continued = startsSyllable(next) && !(k == 1 && next[1] == 'h');
                if (isAbbreviation(piece) && !continued) {
                    const std::string_view kept = longest;
                    longest = before;  // an initial is not a piece the pinyin must contain
                    self(self, at + k, true, digraph || k == 2);
                    longest = kept;
                }
                if (isSyllable(piece)) {
                    self(self, at + k, abbreviated, digraph);
                }
            }
            initials.pop_back();
            longest = before;
        }
    };
    walk(walk, 0, false, false);
    return out;
}

std::string digitsOnly(std::string_view s)
{
    std::string out;
    forEachCodePoint(s, [&](char32_t cp) {
        if (cp >= 0xFF10 && cp <= 0xFF19) {
            cp -= 0xFEE0;
        }
        if (cp >= '0' && cp <= '9') {
            out.push_back(static_cast<char>(cp));
        }
    });
    return out;
}

}  // namespace fb::text
