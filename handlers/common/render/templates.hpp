// Page, email and static-site rendering with ctemplate: one frozen template cache per process.
#pragma once

#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>
#include <ctemplate/template_dictionary.h>

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace audioconf::render {

/// Values every page and email shows (header, footer, links back to the site).
struct SiteInfo {
  std::string app_name;
  std::string version;
  std::string support_email;
  /// e.g. "https://audioconf.numerique.gouv.fr"; shown as SITE_URL (trailing slashes dropped).
  std::string hostname_with_protocol;
  /// /stats exists (FEATURE_STATS_PAGE): only then do pages link to it (STATS_PAGE section).
  bool stats_page = false;
};

/// One flash message as the layout shows it (a DSFR alert).
struct FlashView {
  std::string kind;  // "error" | "info" | "success" | "warning"; anything else is shown as "info"
  std::string message;
  bool contact_button = false;  // adds a "Nous contacter" mailto:SUPPORT_EMAIL button
};

/// Every template under a root folder, loaded and checked once, then rendered many times.
///
/// Layout: pages/<page>.tpl and static/**.tpl include the partials HEAD, HEADER, FLASHES and
/// FOOTER (templates/partials/*.tpl); the renderer adds their include dictionaries. Values the
/// partials need (APP_NAME, VERSION, SUPPORT_EMAIL, SITE_URL, PAGE_TITLE) are template-global
/// values of the page dictionary, since ctemplate include dictionaries do not see their
/// parent's ordinary values; likewise the template-global section STATS_PAGE, shown when
/// SiteInfo::stats_page is set.
///
/// Every HTML template must start with {{%AUTOESCAPE context="HTML"}} (checked at load), so
/// escaping is ctemplate's job; only ANNOUNCEMENT's {{HTML:none}} (ops' markup) and fragments
/// (rendered by render_fragment, escaped there) are printed raw. Text emails
/// (*.txt.tpl) have no pragma and are not stripped of whitespace.
///
/// Thread safety: after construction the cache is frozen, and the render functions are const
/// and may run concurrently (each call uses its own dictionaries).
class TemplateSet {
 public:
  /// kHandlers leaves out templates/static/ (pages nginx serves, rendered once by
  /// render_static): a handler starts faster without compiling them.
  enum class Scope { kAll, kHandlers };

  /// Loads and compiles every template under `root` (in scope) once. Throws std::runtime_error
  /// naming every template that fails to load (syntax error, auto-escape error, missing pragma)
  /// or when a required template (layout partials, error page) is absent.
  explicit TemplateSet(std::string root, SiteInfo site, Scope scope = Scope::kAll);
  ~TemplateSet();
  TemplateSet(const TemplateSet&) = delete;
  TemplateSet& operator=(const TemplateSet&) = delete;

  /// Renders templates/pages/<page>.tpl inside the layout. `dict` holds the page's own values
  /// and gets the site values, PAGE_TITLE ("<title> | <APP_NAME>"), the FLASH sections and the
  /// SCRIPT sections (src paths like "/static/js/landing.js") added to it: pass a fresh
  /// dictionary for each call. Throws std::runtime_error for an unknown page or a failed render.
  [[nodiscard]] std::string render_page(std::string_view page, ctemplate::TemplateDictionary& dict,
                                        std::string_view title,
                                        const std::vector<FlashView>& flashes,
                                        const std::vector<std::string>& scripts) const;

  /// A piece of a page rendered on its own (templates/fragments/<name>.tpl, HTML, auto-escaped
  /// like every template), for a page that caches it and prints it with {{NAME:none}} (e.g.
  /// the landing page's <option> list, the same for every visitor). Throws
  /// std::runtime_error for an unknown fragment or a failed render.
  [[nodiscard]] std::string render_fragment(std::string_view name,
                                            ctemplate::TemplateDictionary& dict) const;
  /// A complete French error page (templates/pages/error.tpl) for handler errors
  /// (403/404/405/500...), used as the response body. `title` is also the page's h1.
  [[nodiscard]] std::string render_error(int status, std::string_view title,
                                         std::string_view message) const;

  /// Emails: templates/emails/<name>.html.tpl and <name>.txt.tpl rendered with `dict` plus the
  /// site values; returns {text, html}. Throws std::runtime_error for an unknown email.
  [[nodiscard]] std::pair<std::string, std::string> render_email(
      std::string_view name, ctemplate::TemplateDictionary& dict) const;

  /// Static pages (no request data): every templates/static/<name>.tpl → out_dir/<name>.html
  /// and templates/static/errors/<code>.tpl → out_dir/errors/<code>.html. The page title comes
  /// from the template's {{!title: ...}} comment. Files are replaced atomically (rename), so
  /// nginx never serves half a page. Returns the number of files written; throws
  /// std::runtime_error on any failure.
  std::size_t render_static_site(const std::string& out_dir) const;

  /// Site values given at construction.
  [[nodiscard]] const SiteInfo& site() const { return site_; }

 private:
  struct Loaded {
    ctemplate::Strip strip;
    std::string title;  // from {{!title: ...}}, static pages only
  };

  [[nodiscard]] std::string expand(const std::string& key,
                                   ctemplate::TemplateDictionary& dict) const;
  [[nodiscard]] std::string render_in_layout(const std::string& key,
                                             ctemplate::TemplateDictionary& dict,
                                             std::string_view title,
                                             const std::vector<FlashView>& flashes,
                                             const std::vector<std::string>& scripts) const;
  void add_site_values(ctemplate::TemplateDictionary& dict) const;

  std::string root_;
  SiteInfo site_;
  std::unique_ptr<ctemplate::TemplateCache> cache_;
  std::map<std::string, Loaded, std::less<>> templates_;  // key: path relative to root_
};

}  // namespace audioconf::render
