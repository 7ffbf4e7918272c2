// Tokens, room numbers and the OS random source.
#include <gtest/gtest.h>

#include <deque>
#include <set>
#include <stdexcept>
#include <string>

#include "common/crypto/encoding.hpp"
#include "common/crypto/os_random.hpp"
#include "common/crypto/tokens.hpp"

namespace audioconf::crypto {
namespace {

/// Hands out the queued byte strings in order; each call must ask for exactly their size.
class QueuedRandom final : public RandomSource {
 public:
  explicit QueuedRandom(std::deque<std::string> chunks) : chunks_(std::move(chunks)) {}
  std::string bytes(std::size_t count) override {
    if (chunks_.empty()) throw std::runtime_error("QueuedRandom exhausted");
    std::string next = chunks_.front();
    chunks_.pop_front();
    EXPECT_EQ(next.size(), count);
    return next;
  }
  [[nodiscard]] std::size_t remaining() const { return chunks_.size(); }

 private:
  std::deque<std::string> chunks_;
};

/// Always the same byte: a stuck generator.
class StuckRandom final : public RandomSource {
 public:
  explicit StuckRandom(char byte) : byte_(byte) {}
  std::string bytes(std::size_t count) override { return std::string(count, byte_); }

 private:
  char byte_;
};

class ShortRandom final : public RandomSource {
 public:
  std::string bytes(std::size_t count) override { return std::string(count / 2, 'x'); }
};

std::string big_endian(std::uint64_t value) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = static_cast<char>(value & 0xFF);
    value >>= 8;
  }
  return out;
}

TEST(CryptoTokens, RandomTokenIsBase64UrlOfTheBytes) {
  const std::string bytes(32, '\xfb');
  QueuedRandom random({bytes});
  const std::string token = random_token(random, 32);
  EXPECT_EQ(token.size(), 43U);
  EXPECT_EQ(token, base64url_encode(bytes));
}

TEST(CryptoTokens, RandomTokenRejectsShortReads) {
  ShortRandom random;
  EXPECT_THROW((void)random_token(random, 32), std::runtime_error);
}

TEST(CryptoTokens, RoomNumberSmallestDrawGivesSmallestNineDigitNumber) {
  QueuedRandom random({big_endian(0)});
  EXPECT_EQ(random_room_number(random, 9), 100000000);
}

TEST(CryptoTokens, RoomNumberLastValueOfTheRangeGivesLargestNineDigitNumber) {
  QueuedRandom random({big_endian(899999999)});
  EXPECT_EQ(random_room_number(random, 9), 999999999);
}

TEST(CryptoTokens, RoomNumberWrapsByTheRangeSize) {
  QueuedRandom random({big_endian(900000000 + 42)});
  EXPECT_EQ(random_room_number(random, 9), 100000042);
}

TEST(CryptoTokens, RoomNumberRejectsDrawsAboveTheLastFullRange) {
  // 2^64 - 1 lies in the incomplete last block, which would bias low numbers: redraw.
  QueuedRandom random({big_endian(~std::uint64_t{0}), big_endian(7)});
  EXPECT_EQ(random_room_number(random, 9), 100000007);
  EXPECT_EQ(random.remaining(), 0U);
}

TEST(CryptoTokens, RoomNumberGivesUpOnAStuckSource) {
  StuckRandom random('\xff');
  EXPECT_THROW((void)random_room_number(random, 9), std::runtime_error);
}

TEST(CryptoTokens, RoomNumberRejectsUnsupportedDigitCounts) {
  StuckRandom random('\0');
  EXPECT_THROW((void)random_room_number(random, 0), std::invalid_argument);
  EXPECT_THROW((void)random_room_number(random, 19), std::invalid_argument);
  EXPECT_EQ(random_room_number(random, 1), 1);
  EXPECT_EQ(random_room_number(random, 18), 100000000000000000);
}

TEST(CryptoTokens, RoomNumbersFromTheOsHaveNineDigitsAndEveryLeadingDigit) {
  OsRandom random;
  std::set<char> leading;
  for (int i = 0; i < 2000; ++i) {
    const std::int64_t number = random_room_number(random, 9);
    ASSERT_GE(number, 100000000);
    ASSERT_LE(number, 999999999);
    leading.insert(std::to_string(number).front());
  }
  EXPECT_EQ(leading.size(), 9U);
}

TEST(CryptoTokens, OsRandomReturnsTheRequestedCountAndVaries) {
  OsRandom random;
  EXPECT_EQ(random.bytes(0).size(), 0U);
  const std::string a = random.bytes(32);
  const std::string b = random.bytes(32);
  EXPECT_EQ(a.size(), 32U);
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace audioconf::crypto
