// render_static: writes the pages nginx serves without a handler (legal notice, contact, FAQ,
// French error pages) from templates/static/. Run at start-up, before nginx serves out_dir.
//
//   render_static --templates DIR --out DIR
//
// Environment: APP_NAME (default "CoucouCollègues"), SUPPORT_EMAIL (default MAIL_SENDER_EMAIL),
// HOSTNAME_WITH_PROTOCOL, FEATURE_STATS_PAGE (the footer links to /stats only when it is "true",
// as for the handlers' pages).
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>

#include "common/render/templates.hpp"
#include "common/version.hpp"

namespace {

constexpr const char* kUsage = "usage: render_static --templates DIR --out DIR\n";

std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return (value != nullptr && *value != '\0') ? std::string(value) : std::string(fallback);
}

}  // namespace

int main(int argc, char** argv) {
  std::string templates_dir;
  std::string out_dir;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if ((arg == "--templates" || arg == "--out") && i + 1 < argc) {
      (arg == "--templates" ? templates_dir : out_dir) = argv[++i];
    } else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return EXIT_SUCCESS;
    } else {
      std::cerr << "render_static: unexpected argument " << arg << "\n" << kUsage;
      return EXIT_FAILURE;
    }
  }
  if (templates_dir.empty() || out_dir.empty()) {
    std::cerr << kUsage;
    return EXIT_FAILURE;
  }

  try {
    const audioconf::render::SiteInfo site{
        env_or("APP_NAME", "CoucouCollègues"),
        audioconf::kVersion,
        // SUPPORT_EMAIL defaults to the sender address, as for the handlers.
        env_or("SUPPORT_EMAIL", env_or("MAIL_SENDER_EMAIL", "").c_str()),
        env_or("HOSTNAME_WITH_PROTOCOL", ""),
        // On only for the exact string "true", like every feature flag (common/config.cpp).
        env_or("FEATURE_STATS_PAGE", "false") == "true",
    };
    const audioconf::render::TemplateSet templates(templates_dir, site);
    const std::size_t written = templates.render_static_site(out_dir);
    std::cout << "render_static: wrote " << written << " pages to " << out_dir << "\n";
  } catch (const std::exception& error) {
    std::cerr << "render_static: " << error.what() << "\n";
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
