#include "common/web/router.hpp"

#include <gtest/gtest.h>

namespace audioconf::web {
namespace {

using TestRouter = Router<int>;

TestRouter sample() {
  TestRouter router;
  router.add("GET", "/", 1);
  router.add("POST", "/valider-email", 2);
  router.add("GET", "/conferences/{id}", 3);
  router.add("GET", "/conferences/{id}/annuler", 4);
  router.add("POST", "/conferences/{id}/annuler", 5);
  return router;
}

TEST(Router, MatchesLiteralAndPlaceholderRoutes) {
  TestRouter router = sample();
  auto root = router.match("GET", "/");
  ASSERT_NE(root.handler, nullptr);
  EXPECT_EQ(*root.handler, 1);
  auto conference = router.match("GET", "/conferences/abc");
  ASSERT_NE(conference.handler, nullptr);
  EXPECT_EQ(*conference.handler, 3);
  EXPECT_EQ(conference.params.at("id"), "abc");
  auto cancel = router.match("POST", "/conferences/abc/annuler");
  ASSERT_NE(cancel.handler, nullptr);
  EXPECT_EQ(*cancel.handler, 5);
}

TEST(Router, ReportsAllowedMethodsWhenOnlyTheMethodDiffers) {
  TestRouter router = sample();
  auto wrong = router.match("DELETE", "/conferences/abc/annuler");
  EXPECT_EQ(wrong.handler, nullptr);
  EXPECT_EQ(wrong.allowed_methods, (std::vector<std::string>{"GET", "POST"}));
  auto get_on_post = router.match("GET", "/valider-email");
  EXPECT_EQ(get_on_post.handler, nullptr);
  EXPECT_EQ(get_on_post.allowed_methods, (std::vector<std::string>{"POST"}));
}

TEST(Router, TreatsHeadAsGet) {
  TestRouter router = sample();  // match() points into the router: keep it alive
  auto head = router.match("HEAD", "/");
  ASSERT_NE(head.handler, nullptr);
  EXPECT_EQ(*head.handler, 1);
}

TEST(Router, DoesNotMatchExtraSegmentsTrailingSlashesOrEmptyPlaceholders) {
  TestRouter router = sample();
  for (const char* path : {"/conferences", "/conferences/", "/conferences/abc/", "/conferences/a/b",
                           "/conferences//annuler", "/unknown"}) {
    auto match = router.match("GET", path);
    EXPECT_EQ(match.handler, nullptr) << path;
    EXPECT_TRUE(match.allowed_methods.empty()) << path;
  }
}

}  // namespace
}  // namespace audioconf::web
