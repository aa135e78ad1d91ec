// The answers a rep types into a return visit's form, for the benchmarks that carry out whole
// visits (fb_bench's visit, fb_eod_bench's visit day): one list, so both measure the same visit.
#pragma once

#include <array>
#include <utility>

namespace fb::bench {

inline constexpr std::array<std::pair<const char*, const char*>, 5> kReturnVisitAnswers = {{
    {"aim", "回访上次样品的试用情况"},
    {"achieved", "partly"},
    {"conversation", "老板对新品口感评价不错，希望看到书面报价。"},
    {"next_notes", "带上书面报价和品鉴酒"},
    {"next_goal", "签订季度试用协议"},
}};

}  // namespace fb::bench
