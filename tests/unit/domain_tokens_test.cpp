// Unit tests for common/domain/tokens: login token shapes (ours and the original's), UUIDs.
#include "common/domain/tokens.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace audioconf::domain {
namespace {

// base64 of the bytes 0..255, as the original service (Node) wrote its tokens.
const std::string kLegacyToken =
    "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+"
    "P0BBQkNERUZH"
    "SElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+"
    "AgYKDhIWGh4iJiouMjY6P"
    "kJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmqq6ytrq+wsbKztLW2t7i5uru8vb6/"
    "wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX"
    "2Nna29zd3t/g4eLj5OXm5+jp6uvs7e7v8PHy8/T19vf4+fr7/P3+/w==";

// base64url of 32 bytes, unpadded: the shape of our own tokens.
const std::string kOurToken = "yMnKy8zNzs_Q0dLT1NXW19jZ2tvc3d7f4OHi4-Tl5uc";

TEST(LooksLikeLoginToken, AcceptsOurTokens) {
  ASSERT_EQ(kOurToken.size(), 43u);
  EXPECT_TRUE(looks_like_login_token(kOurToken));
  EXPECT_TRUE(looks_like_login_token(std::string(43, 'A')));
  EXPECT_TRUE(looks_like_login_token(std::string(128, '_')));
  EXPECT_TRUE(looks_like_login_token(std::string(64, '-')));
}

TEST(LooksLikeLoginToken, AcceptsTheOriginalServiceTokens) {
  ASSERT_EQ(kLegacyToken.size(), 344u);
  EXPECT_TRUE(looks_like_login_token(kLegacyToken));
  std::string last_q = kLegacyToken;
  last_q[341] = 'Q';
  EXPECT_TRUE(looks_like_login_token(last_q));
}

TEST(LooksLikeLoginToken, RefusesWrongLengths) {
  EXPECT_FALSE(looks_like_login_token(""));
  EXPECT_FALSE(looks_like_login_token(std::string(42, 'A')));
  EXPECT_FALSE(looks_like_login_token(std::string(129, 'A')));
  EXPECT_FALSE(looks_like_login_token(kLegacyToken.substr(0, 343)));
  EXPECT_FALSE(looks_like_login_token(kLegacyToken + "="));
  EXPECT_FALSE(looks_like_login_token(std::string(1'000'000, 'A')));
}

TEST(LooksLikeLoginToken, RefusesWrongAlphabets) {
  std::vector<std::string> refused;
  for (const char bad : {'+', '/', '=', '.', ' ', '%', '\0', '\n'}) {
    std::string t = kOurToken;
    t[10] = bad;
    refused.push_back(t);
  }
  for (const std::string& t : refused) {
    EXPECT_FALSE(looks_like_login_token(t)) << t;
  }
}

TEST(LooksLikeLoginToken, RefusesMalformedLegacyTokens) {
  ASSERT_EQ(kLegacyToken[83], '+');
  std::string url_safe = kLegacyToken;
  url_safe[83] = '-';  // '+' → '-': base64url alphabet mixed in
  EXPECT_FALSE(looks_like_login_token(url_safe));

  std::string space = kLegacyToken;  // '+' decoded to ' ' by a careless form decoder
  space[83] = ' ';
  EXPECT_FALSE(looks_like_login_token(space));

  std::string no_padding = kLegacyToken;
  no_padding[342] = 'A';
  no_padding[343] = 'A';
  EXPECT_FALSE(looks_like_login_token(no_padding));

  std::string padding_inside = kLegacyToken;
  padding_inside[100] = '=';
  EXPECT_FALSE(looks_like_login_token(padding_inside));

  std::string non_canonical = kLegacyToken;
  non_canonical[341] = 'x';  // leftover bits not zero: Node never writes this
  EXPECT_FALSE(looks_like_login_token(non_canonical));
}

TEST(CanonicalUuid, LowerCasesValidUuids) {
  EXPECT_EQ(canonical_uuid("3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
            "3f2504e0-4f89-11d3-9a0c-0305e82c3301");
  EXPECT_EQ(canonical_uuid("3F2504E0-4F89-11D3-9A0C-0305E82C3301"),
            "3f2504e0-4f89-11d3-9a0c-0305e82c3301");
  EXPECT_EQ(canonical_uuid("00000000-0000-0000-0000-000000000000"),
            "00000000-0000-0000-0000-000000000000");
}

TEST(CanonicalUuid, RefusesOtherShapes) {
  const std::vector<std::string> refused = {
      "",
      "3f2504e0-4f89-11d3-9a0c-0305e82c330",    // short
      "3f2504e0-4f89-11d3-9a0c-0305e82c33011",  // long
      "3f2504e04f8911d39a0c0305e82c3301",       // no hyphens
      "{3f2504e0-4f89-11d3-9a0c-0305e82c3301}",
      "3f2504e0-4f89-11d3-9a0c_0305e82c3301",
      "3f2504e0-4f8911d3-9a0c-0305e82c3301-",
      "3f2504e0-4f89-11d3-9a0c-0305e82c330g",
      " f2504e0-4f89-11d3-9a0c-0305e82c3301",
      "3f2504e0-4f89-11d3-9a0c-0305e82c3301\n",
      "../../../etc/passwd/././././././././.",
  };
  for (const auto& text : refused) {
    EXPECT_FALSE(canonical_uuid(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace audioconf::domain
