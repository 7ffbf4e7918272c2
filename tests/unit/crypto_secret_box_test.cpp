// SecretBox: sealing round trips, and every kind of bad input opens to nothing.
#include "common/crypto/secret_box.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "common/crypto/encoding.hpp"
#include "common/crypto/os_random.hpp"

namespace audioconf::crypto {
namespace {

constexpr std::string_view kSecret = "a-long-test-secret-of-at-least-32-characters";
constexpr std::string_view kPurpose = "audioconf room number v1";

TEST(CryptoSecretBox, OpensWhatItSealed) {
  OsRandom random;
  const SecretBox box(kSecret, kPurpose);
  const std::string sealed = box.seal("123456789", random);
  EXPECT_EQ(sealed.rfind("v1.", 0), 0U);
  EXPECT_EQ(sealed.find("123456789"), std::string::npos);
  EXPECT_EQ(box.open(sealed), "123456789");
}

TEST(CryptoSecretBox, AnotherBoxWithTheSameSecretAndPurposeOpensIt) {
  OsRandom random;
  const std::string sealed = SecretBox(kSecret, kPurpose).seal("123456789", random);
  EXPECT_EQ(SecretBox(kSecret, kPurpose).open(sealed), "123456789");
}

TEST(CryptoSecretBox, SealedTextHasNonceCiphertextAndTag) {
  OsRandom random;
  const std::string sealed = SecretBox(kSecret, kPurpose).seal("123456789", random);
  const auto raw = base64url_decode(sealed.substr(3));
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->size(), 12U + 9U + 16U);
}

TEST(CryptoSecretBox, SealingTwiceGivesDifferentTexts) {
  OsRandom random;
  const SecretBox box(kSecret, kPurpose);
  EXPECT_NE(box.seal("123456789", random), box.seal("123456789", random));
}

TEST(CryptoSecretBox, RoundTripsEmptyAndBinaryPlaintexts) {
  OsRandom random;
  const SecretBox box(kSecret, kPurpose);
  EXPECT_EQ(box.open(box.seal("", random)), "");
  const std::string binary("\0\xff\x80 é", 6);
  EXPECT_EQ(box.open(box.seal(binary, random)), binary);
}

TEST(CryptoSecretBox, DetectsAFlippedBitAnywhere) {
  OsRandom random;
  const SecretBox box(kSecret, kPurpose);
  const std::string sealed = box.seal("123456789", random);
  const std::string raw = *base64url_decode(sealed.substr(3));
  // Nonce, ciphertext and tag bytes alike.
  for (std::size_t i = 0; i < raw.size(); ++i) {
    for (const unsigned char mask : {0x01, 0x80}) {
      std::string tampered = raw;
      tampered[i] = static_cast<char>(static_cast<unsigned char>(tampered[i]) ^ mask);
      EXPECT_FALSE(box.open("v1." + base64url_encode(tampered))) << "byte " << i;
    }
  }
}

TEST(CryptoSecretBox, RejectsAWrongSecret) {
  OsRandom random;
  const std::string sealed = SecretBox(kSecret, kPurpose).seal("123456789", random);
  EXPECT_FALSE(SecretBox("another-secret", kPurpose).open(sealed));
}

TEST(CryptoSecretBox, RejectsAWrongPurpose) {
  OsRandom random;
  const std::string sealed = SecretBox(kSecret, kPurpose).seal("123456789", random);
  EXPECT_FALSE(SecretBox(kSecret, "audioconf session v1").open(sealed));
}

TEST(CryptoSecretBox, RejectsTruncatedAndMalformedInput) {
  OsRandom random;
  const SecretBox box(kSecret, kPurpose);
  const std::string sealed = box.seal("123456789", random);
  for (std::size_t length = 0; length < sealed.size(); ++length) {
    EXPECT_FALSE(box.open(sealed.substr(0, length))) << length;
  }
  EXPECT_FALSE(box.open(sealed + "A"));
  EXPECT_FALSE(box.open(sealed.substr(3)));          // no version
  EXPECT_FALSE(box.open("v2." + sealed.substr(3)));  // unknown version
  EXPECT_FALSE(box.open("V1." + sealed.substr(3)));
  EXPECT_FALSE(box.open("v1." + sealed.substr(3) + "="));  // padding is not our format
  EXPECT_FALSE(box.open("v1.!!!!"));
  EXPECT_FALSE(box.open(""));
}

TEST(CryptoSecretBox, RefusesAnEmptySecret) {
  EXPECT_THROW(SecretBox("", kPurpose), std::invalid_argument);
}

}  // namespace
}  // namespace audioconf::crypto
