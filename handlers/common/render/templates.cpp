#include "common/render/templates.hpp"

#include <ctemplate/per_expand_data.h>
#include <ctemplate/template_emitter.h>
#include <ctemplate/template_modifiers.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace audioconf::render {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kHtmlPragma = R"({{%AUTOESCAPE context="HTML"}})";
constexpr std::string_view kTitleComment = "{{!title:";
constexpr std::string_view kTextSuffix = ".txt.tpl";
constexpr std::string_view kTemplateSuffix = ".tpl";
constexpr std::string_view kStaticPrefix = "static/";

constexpr const char* kErrorPage = "pages/error.tpl";
// The layout partials and the include names the page templates use for them.
constexpr std::pair<const char*, const char*> kPartials[] = {
    {"HEAD", "partials/head.tpl"},
    {"HEADER", "partials/header.tpl"},
    {"FLASHES", "partials/flashes.tpl"},
    {"FOOTER", "partials/footer.tpl"},
};

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

ctemplate::TemplateString ts(std::string_view text) {
  return ctemplate::TemplateString(text.data(), text.size());
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read template " + path.string());
  }
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// The text of a {{!title: ...}} comment, trimmed; empty when there is none.
std::string title_comment(std::string_view content) {
  const auto start = content.find(kTitleComment);
  if (start == std::string_view::npos) {
    return {};
  }
  const auto text_start = start + kTitleComment.size();
  const auto end = content.find("}}", text_start);
  if (end == std::string_view::npos) {
    return {};
  }
  std::string_view title = content.substr(text_start, end - text_start);
  while (!title.empty() && (title.front() == ' ' || title.front() == '\t')) title.remove_prefix(1);
  while (!title.empty() && (title.back() == ' ' || title.back() == '\t')) title.remove_suffix(1);
  return std::string(title);
}

// {{VAR:x-tel-uri}}: a complete "tel:" URI placed at the start of an href. Auto-escaping would
// replace any URL whose scheme is not http(s) there by "#", so this modifier replaces it: it
// lets through only "tel:" followed by characters that are inert in every HTML and URL context
// (digits, '+', ',', ';', '*', '#', '%'), and emits "#" for anything else.
class TelUriModifier : public ctemplate::TemplateModifier {
 public:
  void Modify(const char* in, size_t inlen, const ctemplate::PerExpandData* /*per_expand_data*/,
              ctemplate::ExpandEmitter* outbuf, const std::string& /*arg*/) const override {
    const std::string_view value(in, inlen);
    constexpr std::string_view kScheme = "tel:";
    const bool safe = value.size() > kScheme.size() && starts_with(value, kScheme) &&
                      std::all_of(value.begin() + static_cast<std::ptrdiff_t>(kScheme.size()),
                                  value.end(), [](char c) {
                                    return (c >= '0' && c <= '9') || c == '+' || c == ',' ||
                                           c == ';' || c == '*' || c == '#' || c == '%';
                                  });
    if (safe) {
      outbuf->Emit(in, inlen);
    } else {
      outbuf->Emit("#");
    }
  }
};

void register_modifiers() {
  // ctemplate's modifier registry is process-wide: register once, however many TemplateSets.
  static std::once_flag once;
  std::call_once(once, [] {
    static const TelUriModifier tel_uri;
    if (!ctemplate::AddXssSafeModifier("x-tel-uri", &tel_uri)) {
      throw std::runtime_error("cannot register the x-tel-uri template modifier");
    }
  });
}

std::string normalized_flash_kind(const std::string& kind) {
  if (kind == "error" || kind == "success" || kind == "warning") {
    return kind;
  }
  return "info";
}

void write_atomically(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  const fs::path temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << content;
    out.close();
    if (!out) {
      throw std::runtime_error("cannot write " + temporary.string());
    }
  }
  fs::rename(temporary, path);  // throws fs::filesystem_error (a std::runtime_error)
}

}  // namespace

TemplateSet::TemplateSet(std::string root, SiteInfo site, Scope scope)
    : root_(std::move(root)),
      site_(std::move(site)),
      cache_(std::make_unique<ctemplate::TemplateCache>()) {
  register_modifiers();
  // SITE_URL is followed by "/path" in templates: never "//".
  while (!site_.hostname_with_protocol.empty() && site_.hostname_with_protocol.back() == '/') {
    site_.hostname_with_protocol.pop_back();
  }
  std::error_code ec;
  if (!fs::is_directory(root_, ec)) {
    throw std::runtime_error("template folder not found: " + root_);
  }
  if (!cache_->SetTemplateRootDirectory(root_)) {
    throw std::runtime_error("cannot use template folder " + root_);
  }

  std::vector<std::string> failures;
  for (const auto& entry : fs::recursive_directory_iterator(root_)) {
    if (!entry.is_regular_file()) continue;
    const std::string key = fs::relative(entry.path(), root_).generic_string();
    if (!ends_with(key, kTemplateSuffix)) continue;
    if (scope == Scope::kHandlers && starts_with(key, kStaticPrefix)) continue;

    const bool text = ends_with(key, kTextSuffix);
    const std::string content = read_file(entry.path());
    Loaded loaded{text ? ctemplate::DO_NOT_STRIP : ctemplate::STRIP_BLANK_LINES, {}};
    if (!text && !starts_with(content, kHtmlPragma)) {
      failures.push_back(key + " (must start with " + std::string(kHtmlPragma) + ")");
      continue;
    }
    if (starts_with(key, kStaticPrefix)) {
      loaded.title = title_comment(content);
      if (loaded.title.empty()) {
        failures.push_back(key + " (static page without a {{!title: ...}} comment)");
        continue;
      }
    }
    // ctemplate explains its own parse and auto-escape errors on stderr.
    if (!cache_->LoadTemplate(key, loaded.strip)) {
      failures.push_back(key);
      continue;
    }
    templates_.emplace(key, std::move(loaded));
  }

  for (const auto& [include_name, file] : kPartials) {
    if (!templates_.count(file) &&
        std::find(failures.begin(), failures.end(), file) == failures.end()) {
      failures.push_back(std::string(file) + " (missing)");
    }
  }
  if (!templates_.count(kErrorPage)) {
    failures.push_back(std::string(kErrorPage) + " (missing or invalid)");
  }
  if (!failures.empty()) {
    std::string message = "templates under " + root_ + " failed to load:";
    for (const auto& failure : failures) message += " " + failure + ";";
    throw std::runtime_error(message);
  }
  // No template is ever (re)loaded from disk after start-up.
  cache_->Freeze();
}

TemplateSet::~TemplateSet() = default;

void TemplateSet::add_site_values(ctemplate::TemplateDictionary& dict) const {
  // Template-global so that included partials see them too.
  dict.SetTemplateGlobalValue("APP_NAME", site_.app_name);
  dict.SetTemplateGlobalValue("VERSION", site_.version);
  dict.SetTemplateGlobalValue("SUPPORT_EMAIL", site_.support_email);
  dict.SetTemplateGlobalValue("SITE_URL", site_.hostname_with_protocol);
  // A link to /stats only where the page exists: it answers 404 with the feature off.
  if (site_.stats_page) dict.ShowTemplateGlobalSection("STATS_PAGE");
}

std::string TemplateSet::expand(const std::string& key, ctemplate::TemplateDictionary& dict) const {
  const auto found = templates_.find(key);
  if (found == templates_.end()) {
    throw std::runtime_error("unknown template " + key);
  }
  std::string out;
  if (!cache_->ExpandNoLoad(key, found->second.strip, &dict, nullptr, &out)) {
    throw std::runtime_error("template " + key + " failed to render");
  }
  return out;
}

std::string TemplateSet::render_in_layout(const std::string& key,
                                          ctemplate::TemplateDictionary& dict,
                                          std::string_view title,
                                          const std::vector<FlashView>& flashes,
                                          const std::vector<std::string>& scripts) const {
  add_site_values(dict);
  std::string page_title(title);
  page_title += " | ";
  page_title += site_.app_name;
  dict.SetTemplateGlobalValue("PAGE_TITLE", page_title);

  for (const auto& [include_name, file] : kPartials) {
    ctemplate::TemplateDictionary* partial = dict.AddIncludeDictionary(include_name);
    partial->SetFilename(file);
    if (std::string_view(include_name) == "FLASHES") {
      for (const auto& flash : flashes) {
        ctemplate::TemplateDictionary* section = partial->AddSectionDictionary("FLASH");
        section->SetValue("KIND", normalized_flash_kind(flash.kind));
        section->SetValue("MESSAGE", flash.message);
        if (flash.contact_button) section->ShowSection("CONTACT");
      }
    } else if (std::string_view(include_name) == "FOOTER") {
      for (const auto& script : scripts) {
        partial->AddSectionDictionary("SCRIPT")->SetValue("SRC", script);
      }
    }
  }
  return expand(key, dict);
}

std::string TemplateSet::render_page(std::string_view page, ctemplate::TemplateDictionary& dict,
                                     std::string_view title, const std::vector<FlashView>& flashes,
                                     const std::vector<std::string>& scripts) const {
  std::string key = "pages/";
  key += page;
  key += kTemplateSuffix;
  return render_in_layout(key, dict, title, flashes, scripts);
}

std::string TemplateSet::render_fragment(std::string_view name,
                                         ctemplate::TemplateDictionary& dict) const {
  std::string key = "fragments/";
  key += name;
  key += kTemplateSuffix;
  return expand(key, dict);
}

std::string TemplateSet::render_error(int status, std::string_view title,
                                      std::string_view message) const {
  ctemplate::TemplateDictionary dict("error");
  dict.SetIntValue("STATUS", status);
  dict.SetValue("TITLE", ts(title));
  dict.SetValue("MESSAGE", ts(message));
  return render_in_layout(kErrorPage, dict, title, {}, {});
}

std::pair<std::string, std::string> TemplateSet::render_email(
    std::string_view name, ctemplate::TemplateDictionary& dict) const {
  const std::string base = "emails/" + std::string(name);
  add_site_values(dict);
  std::string text = expand(base + ".txt.tpl", dict);
  std::string html = expand(base + ".html.tpl", dict);
  return {std::move(text), std::move(html)};
}

std::size_t TemplateSet::render_static_site(const std::string& out_dir) const {
  std::size_t written = 0;
  for (const auto& [key, loaded] : templates_) {
    if (!starts_with(key, kStaticPrefix)) continue;
    // "static/errors/404.tpl" -> "errors/404.html"
    std::string relative = key.substr(kStaticPrefix.size());
    relative.resize(relative.size() - kTemplateSuffix.size());
    relative += ".html";

    ctemplate::TemplateDictionary dict("static");
    const std::string html = render_in_layout(key, dict, loaded.title, {}, {});
    write_atomically(fs::path(out_dir) / relative, html);
    ++written;
  }
  return written;
}

}  // namespace audioconf::render
