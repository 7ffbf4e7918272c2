#include "common/calendar/ics.hpp"

#include <chrono>
#include <cstdio>

#include "common/domain/formatting.hpp"

namespace audioconf::calendar {

std::string ics_utc(TimePoint at) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(at);
  const auto day = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{seconds - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d%02u%02uT%02ld%02ld%02lldZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<long>(time.hours().count()), static_cast<long>(time.minutes().count()),
                static_cast<long long>(time.seconds().count()));
  return text;
}

std::string escape_text(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string fold_line(std::string_view line) {
  std::string out;
  std::size_t used = 0;  // octets on the current physical line
  std::size_t i = 0;
  while (i < line.size()) {
    // The whole UTF-8 character: a continuation byte never starts a physical line.
    std::size_t length = 1;
    while (i + length < line.size() &&
           (static_cast<unsigned char>(line[i + length]) & 0xC0) == 0x80) {
      ++length;
    }
    if (used + length > 75) {
      out += "\r\n ";
      used = 1;  // the leading space counts
    }
    out.append(line.substr(i, length));
    used += length;
    i += length;
  }
  out += "\r\n";
  return out;
}

std::string render_ics(const Invitation& inv) {
  const std::string phone = domain::phone_for_humans(inv.phone_number);
  // No code: a conference adopted from the original service, whose code we never stored.
  const bool has_code = !inv.code.empty();
  const std::string code = has_code ? domain::group_code(inv.code) : "";
  const std::string tel = has_code ? domain::tel_uri_with_code(inv.phone_number, inv.code) : "";
  const std::string summary = "Conférence téléphonique (" + inv.app_name + ")";
  const std::string description =
      has_code
          ? "Pour rejoindre la conférence, appelez le " + phone + " puis tapez le code d’accès " +
                code + " suivi de #.\nAppel direct depuis un téléphone : " + tel +
                "\nLa conférence : " + inv.conference_url
          : "Conférence téléphonique au " + phone + ".\nLa conférence : " + inv.conference_url;
  std::string out;
  const auto line = [&](std::string_view text) { out += fold_line(text); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//" + escape_text(inv.app_name) + "//Audioconf//FR");
  line("CALSCALE:GREGORIAN");
  line(inv.cancelled ? "METHOD:CANCEL" : "METHOD:PUBLISH");
  line("BEGIN:VEVENT");
  line("UID:" + inv.uid);
  line("SEQUENCE:" + std::to_string(inv.sequence));
  line("DTSTAMP:" + ics_utc(inv.stamp));
  line("DTSTART:" + ics_utc(inv.start));
  line("DTEND:" + ics_utc(inv.end));
  line("SUMMARY:" + escape_text(summary));
  line("LOCATION:" + escape_text(has_code ? phone + " (code " + code + ")" : phone));
  line("DESCRIPTION:" + escape_text(description));
  if (has_code) line("URL:" + tel);
  // CN is a parameter value: quoted, without the characters a quoted value cannot hold.
  std::string name;
  for (const char c : inv.app_name) {
    if (c != '"' && c != '\r' && c != '\n') name += c;
  }
  line("ORGANIZER;CN=\"" + name + "\":mailto:" + inv.sender_email);
  line(inv.cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
  line("TRANSP:OPAQUE");
  line("END:VEVENT");
  line("END:VCALENDAR");
  return out;
}

}  // namespace audioconf::calendar
