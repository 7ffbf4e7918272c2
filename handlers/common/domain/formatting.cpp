#include "common/domain/formatting.hpp"

#include <algorithm>
#include <optional>

namespace audioconf::domain {

namespace {

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// The 9 digits after the French country code, when `number` is "0033" or "+33" and 9 digits.
std::optional<std::string_view> french_subscriber_digits(std::string_view number) {
  std::string_view rest;
  if (starts_with(number, "0033")) {
    rest = number.substr(4);
  } else if (starts_with(number, "+33")) {
    rest = number.substr(3);
  } else {
    return std::nullopt;
  }
  if (rest.size() != 9 || !all_digits(rest)) return std::nullopt;
  return rest;
}

bool is_plural(std::int64_t count) { return count > 1 || count < -1; }

void append_uri_bytes(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : s) {
    if ((c >= '0' && c <= '9') || c == '+') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0F];
    }
  }
}

}  // namespace

std::string phone_for_humans(std::string_view ovh_number) {
  const std::optional<std::string_view> subscriber = french_subscriber_digits(ovh_number);
  if (!subscriber) return std::string(ovh_number);
  const std::string national = "0" + std::string(*subscriber);
  std::string out;
  for (std::size_t i = 0; i < national.size(); i += 2) {
    if (i != 0) out += ' ';
    out += national.substr(i, 2);
  }
  return out;
}

std::string phone_e164(std::string_view ovh_number) {
  if (starts_with(ovh_number, "00") && ovh_number.size() > 2 && all_digits(ovh_number)) {
    return "+" + std::string(ovh_number.substr(2));
  }
  if (starts_with(ovh_number, "+") && ovh_number.size() > 1 && all_digits(ovh_number.substr(1))) {
    return std::string(ovh_number);
  }
  if (ovh_number.size() == 10 && ovh_number[0] == '0' && ovh_number[1] != '0' &&
      all_digits(ovh_number)) {
    return "+33" + std::string(ovh_number.substr(1));
  }
  return std::string(ovh_number);
}

std::string group_code(std::string_view digits) {
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && i % 3 == 0) out += ' ';
    out += digits[i];
  }
  return out;
}

std::string tel_uri_with_code(std::string_view ovh_number, std::string_view code) {
  std::string out = "tel:";
  append_uri_bytes(out, phone_e164(ovh_number));
  out += ",,";
  append_uri_bytes(out, code);
  out += "%23";
  return out;
}

std::string online_stats_sentence(std::int64_t participants, std::int64_t conferences) {
  std::string out = "Actuellement, il y a ";
  out += std::to_string(participants);
  out += is_plural(participants) ? " personnes" : " personne";
  out += " dans ";
  out += std::to_string(conferences);
  out += is_plural(conferences) ? " conférences téléphoniques." : " conférence téléphonique.";
  return out;
}

bool is_room_number(std::string_view s, int digits) {
  if (digits <= 0 || s.size() != static_cast<std::size_t>(digits)) return false;
  return s.front() != '0' && all_digits(s);
}

}  // namespace audioconf::domain
