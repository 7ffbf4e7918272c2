// Maps (method, path) to a handler. Patterns are literal segments and `{name}` placeholders,
// e.g. "/conferences/{id}/annuler"; a path that exists with another method gives 405 + Allow.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace audioconf::web {

template <class Handler>
class Router {
 public:
  void add(std::string method, std::string pattern, Handler handler) {
    routes_.push_back({std::move(method), split(pattern), std::move(handler)});
  }

  struct Match {
    const Handler* handler = nullptr;           ///< null when nothing matched
    std::map<std::string, std::string> params;  ///< placeholder values
    std::vector<std::string> allowed_methods;   ///< non-empty when only the method differs
  };

  [[nodiscard]] Match match(std::string_view method, std::string_view path) const {
    Match result;
    std::vector<std::string> segments = split(path);
    std::string effective = method == "HEAD" ? "GET" : std::string(method);
    for (const Route& route : routes_) {
      std::map<std::string, std::string> params;
      if (!matches(route.segments, segments, params)) continue;
      if (route.method == effective) {
        result.handler = &route.handler;
        result.params = std::move(params);
        result.allowed_methods.clear();
        return result;
      }
      result.allowed_methods.push_back(route.method);
    }
    return result;
  }

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
  };

  // "/a/b" → {"a","b"}; empty segments are kept ("/a//b", "/a/") so they never match a route.
  static std::vector<std::string> split(std::string_view path) {
    std::vector<std::string> out;
    if (path.empty() || path == "/") return out;
    std::size_t start = path.front() == '/' ? 1 : 0;
    while (true) {
      std::size_t end = path.find('/', start);
      if (end == std::string_view::npos) {
        out.emplace_back(path.substr(start));
        return out;
      }
      out.emplace_back(path.substr(start, end - start));
      start = end + 1;
    }
  }

  static bool matches(const std::vector<std::string>& pattern,
                      const std::vector<std::string>& segments,
                      std::map<std::string, std::string>& params) {
    if (pattern.size() != segments.size()) return false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      const std::string& p = pattern[i];
      if (segments[i].empty()) return false;
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        params[p.substr(1, p.size() - 2)] = segments[i];
      } else if (p != segments[i]) {
        return false;
      }
    }
    return true;
  }

  std::vector<Route> routes_;
};

}  // namespace audioconf::web
