// Text folding for Chinese search and pinyin sorting: turns names into the normalized text, pinyin
// variants and sort keys that the account search (SQLite FTS5 trigram index) and sorted lists store.
// Pinyin and traditional/simplified data come from Unicode's Unihan, compiled in at build time.
#pragma once

#include <cstddef>
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

// Keeps only the digits (ASCII and full-width, as ASCII): "138-0013 8000" -> "13800138000".
std::string digitsOnly(std::string_view s);

}  // namespace fb::text
