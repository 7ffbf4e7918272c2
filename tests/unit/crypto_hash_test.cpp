// Hashes, HMAC, HKDF and comparison against published test vectors.
#include "common/crypto/hash.hpp"

#include <gtest/gtest.h>

#include <string>

namespace audioconf::crypto {
namespace {

std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return out;
}

TEST(CryptoHash, Sha256MatchesFips180Vectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(CryptoHash, Sha1MatchesFips180Vector) {
  EXPECT_EQ(sha1_hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
}

TEST(CryptoHash, HmacSha256MatchesRfc4231Case1) {
  EXPECT_EQ(hmac_sha256_hex(std::string(20, '\x0b'), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST(CryptoHash, HmacSha256MatchesRfc4231Case2) {
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(CryptoHash, HkdfSha256MatchesRfc5869Case1) {
  const std::string okm =
      hkdf_sha256(std::string(22, '\x0b'), from_hex("000102030405060708090a0b0c"),
                  from_hex("f0f1f2f3f4f5f6f7f8f9"), 42);
  EXPECT_EQ(okm, from_hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf3400"
                          "7208d5b887185865"));
}

TEST(CryptoHash, HkdfSha256MatchesRfc5869Case3WithoutSaltOrInfo) {
  EXPECT_EQ(hkdf_sha256(std::string(22, '\x0b'), "", "", 42),
            from_hex("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395f"
                     "aa4b61a96c8"));
}

TEST(CryptoHash, ConstantTimeEqualsComparesContentAndLength) {
  EXPECT_TRUE(constant_time_equals("abc", "abc"));
  EXPECT_TRUE(constant_time_equals("", ""));
  EXPECT_FALSE(constant_time_equals("abc", "abd"));
  EXPECT_FALSE(constant_time_equals("abc", "abcd"));
  EXPECT_FALSE(constant_time_equals("", "a"));
  EXPECT_FALSE(constant_time_equals(std::string("a\0b", 3), std::string("a\0c", 3)));
}

TEST(CryptoHash, HashedEmailIsHmacOfTheAddress) {
  // Computed independently: Python hmac.new(b"test-secret", b"alice.martin@example.gouv.fr",
  // sha256).
  EXPECT_EQ(hashed_email("test-secret", "alice.martin@example.gouv.fr"),
            "401543c3c331090c8b26d3b70826cc2d826bb8f7e8761ec58e597a4e0a7eee87");
}

TEST(CryptoHash, HashedEmailLowerCasesTheAddress) {
  EXPECT_EQ(hashed_email("test-secret", "Alice.MARTIN@Example.Gouv.FR"),
            hashed_email("test-secret", "alice.martin@example.gouv.fr"));
}

TEST(CryptoHash, HashedEmailDependsOnTheSecret) {
  EXPECT_NE(hashed_email("secret-one", "alice@example.fr"),
            hashed_email("secret-two", "alice@example.fr"));
}

}  // namespace
}  // namespace audioconf::crypto
