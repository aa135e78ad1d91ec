// Text folding for Chinese search and pinyin sorting: turns names into the normalized text, pinyin
// variants and sort keys that the account search (SQLite FTS5 trigram index) and sorted lists store.
// Pinyin and traditional/simplified data come from Unicode's Unihan, compiled in at build time.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fb::text {

// Separates the parts of searchDocument(). normalize() drops control characters, so a normalized
// query can never contain it and no trigram matches across two variants.
inline constexpr char kSearchSeparator = '\x1f';

// All input/output strings are UTF-8; invalid bytes are skipped, never fatal.
// Lowercases ASCII, folds full-width ASCII to half-width, folds traditional Han (and CJK
// compatibility ideographs) to simplified, and drops whitespace, punctuation, symbols, control
// and format characters (keeps letters, marks, digits and Han). Used for indexed text and queries.
std::string normalize(std::string_view utf8);

// Toneless lowercase readings of one code point ("dan", "chan", "shan"; ü is written "v"), the most
// customary (kMandarin) first. A traditional character also gets the readings of its simplified
// form that it lacks. Empty if not Han or unknown. The views point into static storage.
std::vector<std::string_view> readings(char32_t cp);

struct PinyinKeys {
    std::vector<std::string> full;      // e.g. "shanxiaoming", "danxiaoming"
    std::vector<std::string> initials;  // e.g. "sxm", "dxm"
};

// Distinct full-pinyin and initials strings of a name-like text, over every combination of
// polyphone readings. Each list is capped at maxVariants (0 counts as 1): characters are taken left
// to right, and one whose readings would push the combinations past the cap keeps only its customary
// reading, so the surname, where polyphones matter most, is expanded first. The customary
// combination always comes first. Non-Han text passes through normalized ("ABC科技" -> "abckeji",
// initials "abckj"). Both lists are empty when the text has no Han character with a known reading,
// because the keys would only repeat normalize().
PinyinKeys pinyinKeys(std::string_view utf8, std::size_t maxVariants = 16);
// The same, with the few characters names read one way (长 chang, 厦 xia, 都 du) read only so:
// the keys of the names a word begins, where a rare reading must not count as the name's start.
PinyinKeys namePinyinKeys(std::string_view utf8, std::size_t maxVariants = 16);

// Byte-comparable key (valid UTF-8, no NUL) ordering names by the toneless pinyin of each
// character's customary reading, syllable by syllable (西安 < 先), with ASCII letters and digits
// compared among them (Apple next to 阿里); ties are broken by tone, then by the normalized
// characters, then by the original text, so 張三 sorts right next to 张三. Store it in a TEXT column
// with BINARY collation and ORDER BY it.
std::string sortKey(std::string_view utf8);

// The FTS5 document for a name: normalize(), then the distinct pinyin full and initials variants,
// joined by kSearchSeparator (a variant equal to an earlier part is left out).
std::string searchDocument(std::string_view utf8);
// The same from normalize(utf8) and pinyinKeys(utf8), for a caller that needs them too.
std::string searchDocument(std::string_view normalized, const PinyinKeys& keys);

// A text as search matches it, character by character: each code point normalize() keeps.
struct FoldedText {
    std::u32string chars;          // normalized (folded) code points
    std::u32string original;       // the code point each came from (its readings may differ)
    std::vector<int> origin;       // its offset among the original text's code points
    std::vector<bool> afterBreak;  // a dropped character (space, punctuation) came just before it
};
FoldedText foldText(std::string_view utf8);
// The code points of a normalize()d query word.
std::u32string foldedChars(std::string_view normalized);

// Where a query word matches a text from one of its characters on. Latin letters of the word are
// read as pinyin on syllable boundaries: each Han character takes its whole syllable, in any of
// its readings, or a prefix of it (so "zhangsan", "zs", "zsan", "zhangs" and "zhsan" all match
// 张三, and "oushi" matches 区氏 but not 成都市, although "chengdoushi" contains it). Every other
// character of the word must equal the text's (Han, digits, letters of Latin names).
struct WordMatch {
    std::size_t begin = 0;  // characters of the text, [begin, end)
    std::size_t end = 0;
    int abbreviated = 0;       // characters that took a prefix of their syllable, more letters after
    int uncommon = 0;          // characters read as names rarely read them (长 as zhang in 长沙)
    bool initials = false;     // abbreviated, and every character took one letter ("zs", not "zsan")
    bool lastPartial = false;  // the last character took only a prefix of its syllable
};
class WordMatcher {
public:
    // `text` is read, not copied: it must outlive the matcher.
    WordMatcher(const FoldedText& text, std::u32string_view word);
    // The best match starting at character `at` (fewest abbreviated syllables, then fewest
    // uncommon readings, then a whole last syllable), if any. Abbreviated syllables before the
    // end are one letter or zh, ch, sh.
    std::optional<WordMatch> at(std::size_t at);

private:
    struct Cell {
        signed char state = -1;  // -1 unknown, 0 no match, 1 match
        bool lastPartial = false;
        int abbreviated = 0;
        int uncommon = 0;
        int longer = 0;  // characters that took more than one letter
        std::size_t end = 0;
    };
    const Cell& solve(std::size_t i, std::size_t j);

    const FoldedText& text_;
    std::u32string word_;
    std::vector<Cell> memo_;  // (text position, word position), shared by every start
};

// The ways a word of letters mixes syllables with initials: read as whole syllables and
// one-letter initials (or zh, ch, sh) that the next letter does not continue into a syllable,
// the last piece any start of a syllable, with at least one initial before the end and one piece
// longer than a letter ("zsan": z|san, not z|s|an, since "sa" goes on; "zhsan": zh|san). A
// word that reads as whole syllables, the last perhaps cut short, has none: that is what it
// means ("zhang" is not z|hang; "zs" is plain initials, "zhw" is not: zh|w). Each gives the initials of the
// characters it covers and its longest piece, which the name's pinyin must contain. At most `cap`, distinct.
struct MixedReading {
    std::string initials;  // "zsa", "zs"
    std::string longest;   // "an", "san"
    bool operator==(const MixedReading&) const = default;
};
std::vector<MixedReading> mixedReadings(std::string_view word, std::size_t cap);

// Keeps only the digits (ASCII and full-width, as ASCII): "138-0013 8000" -> "13800138000".
std::string digitsOnly(std::string_view s);

}  // namespace fb::text
