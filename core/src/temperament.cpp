// The twelve temperament types of domain §9 and how to approach each.
#include "fieldbook/core/temperament.h"

#include <array>

namespace fb {

namespace {

constexpr std::array<Temperament, 12> kTemperaments{{
    {"conceited", "自负型", "Conceited", "多向他请教，认真倾听，满足其被尊重的需要。",
     "Ask for their advice and listen; let them feel respected."},
    {"cautious", "谨慎型", "Cautious", "拿出证据和数据说话，突出品牌信誉，不夸大。",
     "Show evidence and figures; stress the brand's reputation; never exaggerate."},
    {"talkative", "健谈型", "Talkative", "耐心听，适时把话题引回正题。",
     "Listen patiently, then steer the conversation back to the topic."},
    {"silent", "沉默型", "Silent", "以提问开场，用开放式问题引导对方表达。",
     "Open with questions; use open questions to draw them out."},
    {"picky", "挑剔型", "Picky", "讲逻辑、态度真诚，对质疑逐条回应。",
     "Be logical and sincere; answer each objection in turn."},
    {"impatient", "性急型", "Impatient", "开门见山，直奔主题，节奏要快。",
     "Get to the point at once and keep the pace brisk."},
    {"negative", "否定型", "Negative", "不气馁，多次拜访，逐步建立信任。",
     "Don't be discouraged: visit repeatedly and build trust step by step."},
    {"suspicious", "怀疑型", "Suspicious", "反复强调产品和服务的优势，用事实消除疑虑。",
     "Repeat the strengths of product and service; let facts remove doubts."},
    {"stubborn", "顽固型", "Stubborn", "用真实案例说服，少讲道理。",
     "Persuade with real cases rather than arguments."},
    {"hostile", "反感型", "Hostile", "保持微笑和礼貌，先赢得好感再谈业务。",
     "Keep smiling and courteous; win goodwill before talking business."},
    {"impulsive", "冲动型", "Impulsive", "适时提出建议，让对方先试用体验。",
     "Make a timely suggestion and let them try it."},
    {"shrewd", "精明型", "Shrewd", "适度赞美，巧妙探询，多听少说。",
     "Praise sincerely, probe gently, listen more than you talk."},
}};

}  // namespace

std::span<const Temperament> temperaments()
{
    return kTemperaments;
}

const Temperament* temperament(std::string_view code)
{
    for (const Temperament& t : kTemperaments)
        if (t.code == code) return &t;
    return nullptr;
}

}  // namespace fb
