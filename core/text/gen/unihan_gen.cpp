// fb_unihan_gen: build-time generator for fb_text. Reads Unicode's Unihan readings and variants plus
// UnicodeData.txt and writes the compact lookup tables (pinyin readings, traditional -> simplified
// folding, which code points normalize() drops) as a C++ .inc that fb_text compiles in, so the
// shipped data always comes from the authoritative Unicode files rather than hand-made lists.
//
// Usage: fb_unihan_gen <Unihan_Readings.txt> <Unihan_Variants.txt> <UnicodeData.txt> <out.inc>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

struct Reading {
    std::string syllable;  // toneless, ü written as v
    int tone = 5;          // 1..4, 5 = neutral
};

std::vector<std::string> split(std::string_view s, char sep)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t pos = s.find(sep, start);
        out.emplace_back(
            s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
        if (pos == std::string_view::npos) {
            break;
        }
        start = pos + 1;
    }
    return out;
}

// Unicode's files are well-formed, so a minimal decoder is enough; a malformed byte is still
// reported as U+FFFD so a corrupt input file fails loudly in toneless() rather than silently.
std::vector<char32_t> decodeUtf8(std::string_view s)
{
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1Fu) : len == 3 ? (b & 0x0Fu) : (b & 0x07u);
        for (int k = 1; k < len; ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3Fu);
        }
        out.push_back(cp);
        i += static_cast<std::size_t>(len);
    }
    return out;
}

// Turns a Unihan pinyin spelling ("shàn", "lǚ", "ê̄", "ńg") into the toneless ASCII form
// used for search keys plus its tone (kept only for sorting). Returns false for anything
// that is not a pinyin syllable, which the caller treats as a data error.
bool toneless(std::string_view pinyin, Reading& out)
{
    out = Reading{};
    struct Mark {
        char32_t cp;
        char base;
        int tone;
    };
    static const Mark marks[] = {
        {U'ā', 'a', 1}, {U'á', 'a', 2}, {U'ǎ', 'a', 3}, {U'à', 'a', 4}, {U'ē', 'e', 1}, {U'é', 'e', 2},
        {U'ě', 'e', 3}, {U'è', 'e', 4}, {U'ī', 'i', 1}, {U'í', 'i', 2}, {U'ǐ', 'i', 3}, {U'ì', 'i', 4},
        {U'ō', 'o', 1}, {U'ó', 'o', 2}, {U'ǒ', 'o', 3}, {U'ò', 'o', 4}, {U'ū', 'u', 1}, {U'ú', 'u', 2},
        {U'ǔ', 'u', 3}, {U'ù', 'u', 4}, {U'ǖ', 'v', 1}, {U'ǘ', 'v', 2}, {U'ǚ', 'v', 3}, {U'ǜ', 'v', 4},
        {U'ü', 'v', 5}, {U'ń', 'n', 2}, {U'ň', 'n', 3}, {U'ǹ', 'n', 4}, {U'ḿ', 'm', 2}, {U'ê', 'e', 5},
        {U'ế', 'e', 2}, {U'ề', 'e', 4},
    };
    for (const char32_t cp : decodeUtf8(pinyin)) {
        if (cp >= 'a' && cp <= 'z') {
            out.syllable.push_back(static_cast<char>(cp));
            continue;
        }
        // Combining marks appear where no precomposed letter exists (m̄, ê̄, ê̌).
        switch (cp) {
        case 0x0304:
            out.tone = 1;
            continue;
        case 0x0301:
            out.tone = 2;
            continue;
        case 0x030C:
            out.tone = 3;
            continue;
        case 0x0300:
            out.tone = 4;
            continue;
        case 0x0302:
            continue;  // circumflex of a decomposed ê
        default:
            break;
        }
        const auto* m =
            std::find_if(std::begin(marks), std::end(marks), [cp](const Mark& x) { return x.cp == cp; });
        if (m == std::end(marks)) {
            return false;
        }
        out.syllable.push_back(m->base);
        if (m->tone != 5) {
            out.tone = m->tone;
        }
    }
    return !out.syllable.empty();
}

// Dictionary fields are "location:reading" (kTGHZ2013, kXHC1983; locations may be a comma list)
// or "location:reading,reading" (kHanyuPinyin); kMandarin is plain readings.
std::vector<std::string> fieldReadings(const std::string& field, const std::string& value)
{
    std::vector<std::string> out;
    for (const std::string& entry : split(value, ' ')) {
        if (entry.empty()) {
            continue;
        }
        if (field == "kMandarin") {
            out.push_back(entry);
            continue;
        }
        const std::size_t colon = entry.find(':');
        if (colon == std::string::npos) {
            continue;
        }
        for (const std::string& r : split(std::string_view(entry).substr(colon + 1), ',')) {
            if (!r.empty()) {
                out.push_back(r);
            }
        }
    }
    return out;
}

char32_t parseCodePoint(std::string_view s)
{
    if (s.size() > 2 && s[0] == 'U' && s[1] == '+') {
        s.remove_prefix(2);
    }
    return static_cast<char32_t>(std::stoul(std::string(s), nullptr, 16));
}

bool readLines(const char* path, std::vector<std::string>& lines)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return false;
    }
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (!line.empty() && line[0] != '#') {
            lines.push_back(std::move(line));
        }
    }
    return true;
}

struct Sources {
    std::vector<std::string> mandarin, tghz, xhc, hanyu;
};

// Emits a comma-separated array body, a fixed number of items per line, to keep the .inc readable in diffs.
template <typename T, typename F>
void writeArray(std::ostream& os, const std::vector<T>& items, F format, int perLine)
{
    for (std::size_t i = 0; i < items.size(); ++i) {
        os << (i % static_cast<std::size_t>(perLine) == 0 ? "\n    " : " ");
        format(os, items[i]);
        os << ',';
    }
    os << '\n';
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc != 5) {
        std::cerr << "usage: fb_unihan_gen <Unihan_Readings.txt> <Unihan_Variants.txt> <UnicodeData.txt> "
                     "<out.inc>\n";
        return 2;
    }
    std::vector<std::string> readingLines, variantLines, dataLines;
    for (auto [path, lines] : {std::pair{argv[1], &readingLines}, std::pair{argv[2], &variantLines},
                               std::pair{argv[3], &dataLines}}) {
        if (!readLines(path, *lines)) {
            std::cerr << "fb_unihan_gen: cannot read " << path << '\n';
            return 1;
        }
    }

    // ---- readings -------------------------------------------------------------------------
    std::map<char32_t, Sources> sources;
    for (const std::string& line : readingLines) {
        const auto f = split(line, '\t');
        if (f.size() < 3) {
            continue;
        }
        std::vector<std::string>* slot = nullptr;
        Sources& s = sources[parseCodePoint(f[0])];
        if (f[1] == "kMandarin")
            slot = &s.mandarin;
        else if (f[1] == "kTGHZ2013")
            slot = &s.tghz;
        else if (f[1] == "kXHC1983")
            slot = &s.xhc;
        else if (f[1] == "kHanyuPinyin")
            slot = &s.hanyu;
        if (slot != nullptr) {
            for (std::string& r : fieldReadings(f[1], f[2])) {
                slot->push_back(std::move(r));
            }
        }
    }

    std::map<char32_t, std::vector<Reading>> readings;
    std::set<std::string> syllableSet;
    std::size_t badReadings = 0;
    for (const auto& [cp, s] : sources) {
        std::vector<std::string> ordered;
        // kMandarin's first value is the customary one and must stay first (it drives sorting);
        // kHanyuPinyin is full of archaic readings, so it only speaks when nothing else does.
        for (const auto* list : {&s.mandarin, &s.tghz, &s.xhc}) {
            ordered.insert(ordered.end(), list->begin(), list->end());
        }
        if (ordered.empty()) {
            ordered = s.hanyu;
        }
        // A second kMandarin value exists only where the zh-Hans one is a neutral-tone
        // contextual reading (卜 "bo bǔ", 地 "de dì"); a name is never read that way in
        // isolation, so the toned value is the customary one for sorting. Both stay searchable.
        Reading first;
        Reading second;
        if (s.mandarin.size() >= 2 && toneless(s.mandarin[0], first) && toneless(s.mandarin[1], second) &&
            first.tone == 5 && second.tone != 5) {
            std::swap(ordered[0], ordered[1]);
        }
        std::vector<Reading> out;
        for (const std::string& spelled : ordered) {
            Reading r;
            if (!toneless(spelled, r)) {
                std::cerr << "fb_unihan_gen: unrecognised pinyin '" << spelled << "'\n";
                ++badReadings;
                continue;
            }
            const bool seen = std::any_of(out.begin(), out.end(),
                                          [&](const Reading& x) { return x.syllable == r.syllable; });
            if (!seen) {
                syllableSet.insert(r.syllable);
                out.push_back(std::move(r));
            }
        }
        if (!out.empty()) {
            readings.emplace(cp, std::move(out));
        }
    }
    if (badReadings != 0) {
        return 1;
    }
    const std::vector<std::string> syllables(syllableSet.begin(), syllableSet.end());
    if (syllables.size() >= 512) {
        std::cerr << "fb_unihan_gen: " << syllables.size() << " syllables do not fit the 9-bit index\n";
        return 1;
    }
    auto syllableIndex = [&](const std::string& s) {
        return static_cast<std::uint16_t>(std::lower_bound(syllables.begin(), syllables.end(), s) -
                                          syllables.begin());
    };

    // A value is either one reading inline (bit 15 clear: syllable in bits 0-8, tone in 9-11,
    // never 0 because tone >= 1) or, with bit 15 set, an index into the list table; list
    // entries use the same layout with bit 15 marking the last one. Identical lists are shared.
    auto packed = [&](const Reading& r) {
        return static_cast<std::uint16_t>(syllableIndex(r.syllable) | (r.tone << 9));
    };
    std::vector<std::uint16_t> pool;
    std::vector<std::uint32_t> listStart;
    std::map<std::vector<std::uint16_t>, std::uint16_t> listIds;
    std::map<char32_t, std::uint16_t> values;
    for (const auto& [cp, rs] : readings) {
        if (rs.size() == 1) {
            values[cp] = packed(rs[0]);
            continue;
        }
        std::vector<std::uint16_t> list;
        for (const Reading& r : rs) {
            list.push_back(packed(r));
        }
        list.back() = static_cast<std::uint16_t>(list.back() | 0x8000);
        auto it = listIds.find(list);
        if (it == listIds.end()) {
            if (listStart.size() >= 0x8000) {
                std::cerr << "fb_unihan_gen: too many distinct reading lists\n";
                return 1;
            }
            it = listIds.emplace(list, static_cast<std::uint16_t>(listStart.size())).first;
            listStart.push_back(static_cast<std::uint32_t>(pool.size()));
            pool.insert(pool.end(), list.begin(), list.end());
        }
        values[cp] = static_cast<std::uint16_t>(0x8000 | it->second);
    }

    // Dense runs: a gap this short costs less as zero-filled values than as a new range entry.
    constexpr char32_t kMaxGap = 6;
    struct Range {
        char32_t first, last;
        std::uint32_t base;
    };
    std::vector<Range> ranges;
    std::vector<std::uint16_t> dense;
    for (const auto& [cp, v] : values) {
        if (ranges.empty() || cp - ranges.back().last > kMaxGap) {
            ranges.push_back({cp, cp, static_cast<std::uint32_t>(dense.size())});
        } else {
            dense.insert(dense.end(), cp - ranges.back().last - 1, 0);
            ranges.back().last = cp;
        }
        dense.push_back(v);
    }

    // ---- folding ----------------------------------------------------------------------------
    std::map<char32_t, char32_t> simplified;
    for (const std::string& line : variantLines) {
        const auto f = split(line, '\t');
        if (f.size() < 3 || f[1] != "kSimplifiedVariant") {
            continue;
        }
        const char32_t from = parseCodePoint(f[0]);
        const char32_t to = parseCodePoint(split(f[2], ' ').front());
        if (from != to) {
            simplified[from] = to;
        }
    }

    // UnicodeData: CJK compatibility ideographs canonically decompose to a unified ideograph
    // (what NFC would do); everything in a category other than letter, mark or number is
    // dropped by normalize(). Unassigned code points are left alone so newer text survives.
    std::map<char32_t, char32_t> fold = simplified;
    std::vector<std::pair<char32_t, char32_t>> drop;
    std::size_t compatFolds = 0;
    char32_t rangeFirst = 0;
    for (const std::string& line : dataLines) {
        const auto f = split(line, ';');
        if (f.size() < 6) {
            continue;
        }
        const char32_t cp = parseCodePoint(f[0]);
        char32_t first = cp;
        if (f[1].size() > 8 && f[1].compare(f[1].size() - 8, 8, ", First>") == 0) {
            rangeFirst = cp;
            continue;
        }
        if (f[1].size() > 7 && f[1].compare(f[1].size() - 7, 7, ", Last>") == 0) {
            first = rangeFirst;
        }
        const char major = f[2].empty() ? 'C' : f[2][0];
        // Variation selectors are marks but only pick a glyph; keeping them would make "张\uFE00" miss "张".
        const bool variationSelector = (cp >= 0x180B && cp <= 0x180F && cp != 0x180E) ||
                                       (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
        if ((major != 'L' && major != 'M' && major != 'N') || variationSelector) {
            if (!drop.empty() && drop.back().second + 1 == first) {
                drop.back().second = cp;
            } else {
                drop.emplace_back(first, cp);
            }
        }
        const bool compatIdeograph = (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
        if (compatIdeograph && !f[5].empty() && f[5][0] != '<' && f[5].find(' ') == std::string::npos) {
            const char32_t unified = parseCodePoint(f[5]);
            const auto s = simplified.find(unified);
            fold[cp] = s == simplified.end() ? unified : s->second;
            ++compatFolds;
        }
    }
    // ASCII and full-width forms are handled in code, so they need no table rows.
    std::erase_if(drop, [](const auto& r) { return r.second < 0x80; });

    // ---- output -----------------------------------------------------------------------------
    std::ostringstream os;
    os << "// Generated by fb_unihan_gen from Unihan (kMandarin, kTGHZ2013, kXHC1983, kHanyuPinyin as last "
          "resort;\n"
          "// kSimplifiedVariant) and UnicodeData.txt. Do not edit: rebuild to regenerate.\n"
          "// "
       << readings.size() << " code points with readings (" << listStart.size()
       << " distinct polyphone lists), " << simplified.size() << " simplified + " << compatFolds
       << " compatibility folds, " << drop.size() << " dropped ranges.\n\n";
    os << "inline constexpr char kSyllableText[] =";
    std::vector<std::uint16_t> offsets{0};
    std::string line;
    for (const std::string& s : syllables) {
        line += s;
        offsets.push_back(static_cast<std::uint16_t>(offsets.back() + s.size()));
        if (line.size() > 90) {
            os << "\n    \"" << line << '"';
            line.clear();
        }
    }
    os << "\n    \"" << line << "\";\n";
    os << "inline constexpr std::uint16_t kSyllableOffset[] = {";
    writeArray(
        os, offsets, [](std::ostream& o, std::uint16_t v) { o << v; }, 16);
    os << "};\n";
    os << "inline constexpr ReadingRange kReadingRanges[] = {";
    writeArray(
        os, ranges,
        [](std::ostream& o, const Range& r) {
            o << '{' << static_cast<std::uint32_t>(r.first) << ',' << static_cast<std::uint32_t>(r.last)
              << ',' << r.base << '}';
        },
        4);
    os << "};\n";
    os << "inline constexpr std::uint16_t kReadingValues[] = {";
    writeArray(
        os, dense, [](std::ostream& o, std::uint16_t v) { o << v; }, 16);
    os << "};\n";
    os << "inline constexpr std::uint32_t kListStart[] = {";
    writeArray(
        os, listStart, [](std::ostream& o, std::uint32_t v) { o << v; }, 16);
    os << "};\n";
    os << "inline constexpr std::uint16_t kListPool[] = {";
    writeArray(
        os, pool, [](std::ostream& o, std::uint16_t v) { o << v; }, 16);
    os << "};\n";
    const std::vector<std::pair<char32_t, char32_t>> foldRows(fold.begin(), fold.end());
    os << "inline constexpr FoldPair kFold[] = {";
    writeArray(
        os, foldRows,
        [](std::ostream& o, const auto& p) {
            o << '{' << static_cast<std::uint32_t>(p.first) << ',' << static_cast<std::uint32_t>(p.second)
              << '}';
        },
        8);
    os << "};\n";
    os << "inline constexpr CodeRange kDropRanges[] = {";
    writeArray(
        os, drop,
        [](std::ostream& o, const auto& p) {
            o << '{' << static_cast<std::uint32_t>(p.first) << ',' << static_cast<std::uint32_t>(p.second)
              << '}';
        },
        8);
    os << "};\n";

    const std::string text = os.str();
    std::ofstream out(argv[4], std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) {
        std::cerr << "fb_unihan_gen: cannot write " << argv[4] << '\n';
        return 1;
    }
    std::cerr << "fb_unihan_gen: " << readings.size() << " code points with readings, " << syllables.size()
              << " syllables, " << simplified.size() << " simplified folds, " << compatFolds
              << " compatibility folds, " << drop.size() << " dropped ranges\n";
    return 0;
}
