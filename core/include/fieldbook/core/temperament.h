// Temperament types of a customer (domain §9) with the coaching tip for each, in Chinese
// and English. Reference data compiled in: the list is part of the practice we implement.
#pragma once

#include <span>
#include <string_view>

namespace fb {

struct Temperament {
    std::string_view code;  // stored in key_person.temperament
    std::string_view nameZh;
    std::string_view nameEn;
    std::string_view tipZh;
    std::string_view tipEn;
};

std::span<const Temperament> temperaments();
const Temperament* temperament(std::string_view code);

}  // namespace fb
