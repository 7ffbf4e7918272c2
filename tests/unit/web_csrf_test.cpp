#include "common/web/csrf.hpp"

#include <gtest/gtest.h>

namespace audioconf::web {
namespace {

Request post_with(std::initializer_list<std::pair<const std::string, std::string>> headers) {
  Request request;
  request.method = "POST";
  for (const auto& [name, value] : headers) request.headers[name] = value;
  return request;
}

constexpr const char* kOrigin = "https://audioconf.example.gouv.fr";

TEST(OriginCheck, AcceptsPostsFromTheServiceItself) {
  EXPECT_TRUE(passes_origin_check(post_with({{"origin", kOrigin}}), kOrigin));
  EXPECT_TRUE(passes_origin_check(
      post_with({{"referer", "https://audioconf.example.gouv.fr/creer-conf?token=x"}}), kOrigin));
}

TEST(OriginCheck, RefusesOtherOriginsLookAlikesAndMissingHeaders) {
  EXPECT_FALSE(passes_origin_check(post_with({{"origin", "https://evil.example"}}), kOrigin));
  EXPECT_FALSE(passes_origin_check(post_with({{"origin", "null"}}), kOrigin));
  EXPECT_FALSE(
      passes_origin_check(post_with({{"origin", "http://audioconf.example.gouv.fr"}}), kOrigin));
  EXPECT_FALSE(passes_origin_check(
      post_with({{"referer", "https://audioconf.example.gouv.fr.evil.example/"}}), kOrigin));
  EXPECT_FALSE(passes_origin_check(post_with({}), kOrigin));
  // An Origin header wins over a matching Referer.
  EXPECT_FALSE(passes_origin_check(
      post_with({{"origin", "https://evil.example"}, {"referer", std::string(kOrigin) + "/"}}),
      kOrigin));
}

TEST(OriginCheck, LetsSafeMethodsThrough) {
  Request get;
  get.method = "GET";
  EXPECT_TRUE(passes_origin_check(get, kOrigin));
}

}  // namespace
}  // namespace audioconf::web
