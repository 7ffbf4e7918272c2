#include "common/moderation/masking.hpp"

#include <algorithm>

namespace audioconf::moderation {

std::string mask_caller_number(std::string_view number) {
  std::string digits;
  if (number.rfind("0033", 0) == 0) {
    digits = "0" + std::string(number.substr(4));
  } else if (number.rfind("+33", 0) == 0) {
    digits = "0" + std::string(number.substr(3));
  } else if (!number.empty() && number.front() == '+') {
    digits = "00" + std::string(number.substr(1));
  } else {
    digits = std::string(number);
  }
  // Anything else than digits ("anonymous", "Unknown"...) or too short to hide anything.
  if (digits.size() < 7 || digits.size() > 20 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return "";
  }
  std::string masked;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && i % 2 == 0) masked += ' ';
    if (i < 4 || i + 2 >= digits.size()) {
      masked += digits[i];
    } else {
      masked += "•";
    }
  }
  return masked;
}

}  // namespace audioconf::moderation
