// base64url / base64 / hex encodings: RFC 4648 vectors and strict decoding.
#include "common/crypto/encoding.hpp"

#include <gtest/gtest.h>

#include <string>

namespace audioconf::crypto {
namespace {

TEST(CryptoEncoding, Base64UrlMatchesRfc4648VectorsWithoutPadding) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("foob"), "Zm9vYg");
  EXPECT_EQ(base64url_encode("fooba"), "Zm9vYmE");
  EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
}

TEST(CryptoEncoding, Base64UrlUsesDashAndUnderscore) {
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
  EXPECT_EQ(base64_encode("\xfb\xff"), "+/8=");
}

TEST(CryptoEncoding, Base64MatchesRfc4648VectorsWithPadding) {
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(CryptoEncoding, Base64UrlDecodeRoundTripsEveryByte) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (std::size_t length = 0; length <= all.size(); length += 37) {
    const std::string bytes = all.substr(0, length);
    EXPECT_EQ(base64url_decode(base64url_encode(bytes)), bytes) << length;
  }
}

TEST(CryptoEncoding, Base64UrlDecodeRejectsMalformedText) {
  EXPECT_FALSE(base64url_decode("Zg=="));   // padding
  EXPECT_FALSE(base64url_decode("Zm9v+"));  // standard alphabet
  EXPECT_FALSE(base64url_decode("Zm9/"));
  EXPECT_FALSE(base64url_decode("Z"));   // impossible length
  EXPECT_FALSE(base64url_decode("Zh"));  // non-zero unused bits: "Zg" is the only form
  EXPECT_FALSE(base64url_decode("Zm 9"));
  EXPECT_EQ(base64url_decode(""), std::string());
}

TEST(CryptoEncoding, HexIsLowerCase) { EXPECT_EQ(hex_encode("\x01\xab\xff"), "01abff"); }

}  // namespace
}  // namespace audioconf::crypto
