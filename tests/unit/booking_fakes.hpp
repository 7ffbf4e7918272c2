// In-memory stand-ins for the booking service's collaborators: the three tables, OVH (with
// scripted faults) and the emails. They keep just enough of the real semantics (the token
// lease, the atomic store, OVH's 409 for a taken number and 404 for an unknown room) for the
// service's paths to be the same as in production.
#pragma once

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/booking/emails.hpp"
#include "common/failures.hpp"
#include "common/ovh/errors.hpp"
#include "common/ports/booking_stores.hpp"
#include "common/ports/random.hpp"
#include "common/ports/telephony.hpp"

namespace audioconf::booking::testing {

/// The rows of the three tables the booking flow writes.
struct FakeDatabase {
  struct TokenRow {
    NewLoginToken token;
    TimePoint created_at;
    std::optional<TimePoint> claimed_until;
    std::optional<TimePoint> consumed_at;
    std::optional<std::string> conference_id;
  };
  struct PendingRow {
    std::string room_number_sealed;
    std::string token_hash;
  };
  struct ConferenceRow {
    NewConference conference;
    TimePoint created_at;
    std::optional<TimePoint> canceled_at;
    int ics_sequence = 0;
  };
  /// email_link_events: what the hourly link limit counts; outlives the tokens.
  struct LinkEvent {
    std::string address_hash;
    TimePoint created_at;
  };
  std::map<std::string, TokenRow> tokens;
  std::map<std::string, LinkEvent> link_events;
  std::map<std::string, PendingRow> pending;
  std::map<std::string, ConferenceRow> conferences;
  /// The conference transaction fails (database down right after OVH answered).
  bool fail_conference_store = false;
  /// The token insert commits, then the connection breaks before its answer (PostgreSQL
  /// stopping): the caller sees the database unavailable although the rows exist.
  bool token_insert_in_doubt = false;
  /// The database is down: removing a token fails.
  bool fail_token_remove = false;
};

class FakeTokens final : public LoginTokens {
 public:
  explicit FakeTokens(FakeDatabase& db) : db_(db) {}
  bool insert(const NewLoginToken& token, TimePoint now, const TokenLimit& limit) override {
    int count = 0;
    for (const auto& [hash, event] : db_.link_events) {
      if (event.address_hash == limit.address_hash && event.created_at >= limit.since) ++count;
    }
    if (count >= limit.max_tokens) return false;
    db_.tokens[token.token_hash] = {token, now, std::nullopt, std::nullopt, std::nullopt};
    db_.link_events[token.token_hash] = {limit.address_hash, now};
    if (db_.token_insert_in_doubt) throw Unavailable("connection lost after COMMIT");
    return true;
  }
  void remove(const std::string& token_hash) override {
    if (db_.fail_token_remove) throw Unavailable("database down");
    db_.tokens.erase(token_hash);
    db_.link_events.erase(token_hash);
  }
  TokenState state(const std::string& token_hash, TimePoint now) override {
    auto row = db_.tokens.find(token_hash);
    if (row == db_.tokens.end()) return TokenState::kUnknownOrExpired;
    if (row->second.consumed_at) return TokenState::kConsumed;
    if (row->second.token.expires_at <= now) return TokenState::kUnknownOrExpired;
    if (row->second.claimed_until && *row->second.claimed_until > now) return TokenState::kClaimed;
    return TokenState::kUsable;
  }
  std::optional<ClaimedToken> details(const std::string& token_hash, TimePoint now) override {
    auto row = db_.tokens.find(token_hash);
    if (row == db_.tokens.end() || row->second.consumed_at || row->second.token.expires_at <= now) {
      return std::nullopt;
    }
    return request_of(row->second.token);
  }
  std::optional<ClaimedToken> claim(const std::string& token_hash, TimePoint now,
                                    std::chrono::seconds lease) override {
    if (state(token_hash, now) != TokenState::kUsable) return std::nullopt;
    FakeDatabase::TokenRow& row = db_.tokens.at(token_hash);
    row.claimed_until = now + lease;
    return request_of(row.token);
  }
  void release(const std::string& token_hash) override {
    auto row = db_.tokens.find(token_hash);
    if (row != db_.tokens.end() && !row->second.consumed_at) row->second.claimed_until.reset();
  }

 private:
  static ClaimedToken request_of(const NewLoginToken& token) {
    return {token.email, token.duration_minutes, token.conference_day, token.timezone_offset,
            token.time_zone};
  }
  FakeDatabase& db_;
};

class FakePending final : public PendingConferences {
 public:
  explicit FakePending(FakeDatabase& db) : db_(db) {}
  void insert(const std::string& id, const std::string& sealed, const std::string& token_hash,
              TimePoint) override {
    db_.pending[id] = {sealed, token_hash};
  }
  void update_room(const std::string& id, const std::string& sealed) override {
    db_.pending.at(id).room_number_sealed = sealed;
  }
  void remove(const std::string& id) override { db_.pending.erase(id); }

 private:
  FakeDatabase& db_;
};

class FakeConferences final : public Conferences {
 public:
  explicit FakeConferences(FakeDatabase& db) : db_(db) {}
  void store(const NewConference& conference, const std::string& token_hash,
             TimePoint now) override {
    if (db_.fail_conference_store) throw std::runtime_error("connection lost during commit");
    db_.conferences[conference.id] = {conference, now, std::nullopt, 0};
    db_.pending.erase(conference.id);
    FakeDatabase::TokenRow& token = db_.tokens.at(token_hash);
    token.consumed_at = now;
    token.claimed_until.reset();
    token.conference_id = conference.id;
  }
  int count_for_hash_since(const std::string& hashed_email, TimePoint since) override {
    return static_cast<int>(
        std::count_if(db_.conferences.begin(), db_.conferences.end(), [&](const auto& entry) {
          return entry.second.conference.hashed_email == hashed_email &&
                 entry.second.created_at >= since;
        }));
  }
  std::optional<ConferenceView> find(const std::string& id) override {
    auto row = db_.conferences.find(id);
    if (row == db_.conferences.end()) return std::nullopt;
    const NewConference& c = row->second.conference;
    std::optional<std::string> duration;
    if (c.duration_minutes) duration = std::to_string(*c.duration_minutes);
    std::optional<std::string> sealed;
    if (!c.room_number_sealed.empty()) sealed = c.room_number_sealed;
    std::optional<std::string> email;
    if (!c.email.empty()) email = c.email;
    return ConferenceView{
        c.id,         c.phone_number,           duration,         c.conference_day,
        c.expires_at, row->second.canceled_at,  sealed,           c.time_zone,
        email,        row->second.ics_sequence, c.timezone_offset};
  }
  std::optional<int> mark_canceled(const std::string& id, TimePoint now) override {
    auto row = db_.conferences.find(id);
    if (row == db_.conferences.end() || row->second.canceled_at) return std::nullopt;
    row->second.canceled_at = now;
    return ++row->second.ics_sequence;
  }

 private:
  FakeDatabase& db_;
};

/// How one scripted OVH call fails.
enum class OvhFault {
  kRefused400,
  kRefused409,  ///< the number is taken
  kRefused500,
  kTimeout,     ///< no answer, nothing done
  kLostAnswer,  ///< done at OVH, but the answer never came back
};

class FakeTelephony final : public Telephony {
 public:
  struct Room {
    std::optional<TimePoint> expires_at;
    bool expired = false;  ///< expire_room() was called
  };

  std::map<std::int64_t, Room> rooms;
  std::deque<OvhFault> create_faults;
  std::deque<OvhFault> configure_faults;
  std::deque<OvhFault> expire_faults;
  int create_calls = 0;
  int configure_calls = 0;
  int expire_calls = 0;

  [[nodiscard]] bool live(std::int64_t room_number) const {
    auto room = rooms.find(room_number);
    return room != rooms.end() && !room->second.expired;
  }
  [[nodiscard]] std::set<std::int64_t> live_rooms() const {
    std::set<std::int64_t> numbers;
    for (const auto& [number, room] : rooms) {
      if (!room.expired) numbers.insert(number);
    }
    return numbers;
  }

  void create_room(std::int64_t room_number) override {
    ++create_calls;
    if (fails(create_faults, [&] { rooms[room_number] = {}; })) return;
    if (rooms.count(room_number) != 0) refuse(409);
    rooms[room_number] = {};
  }
  void configure_room(std::int64_t room_number, TimePoint expires_at) override {
    ++configure_calls;
    if (fails(configure_faults, [&] { rooms.at(room_number).expires_at = expires_at; })) return;
    if (rooms.count(room_number) == 0) refuse(404);
    rooms.at(room_number).expires_at = expires_at;
  }
  void expire_room(std::int64_t room_number, TimePoint at) override {
    ++expire_calls;
    auto expire = [&] { rooms.at(room_number) = {at, true}; };
    if (fails(expire_faults, expire)) return;
    if (rooms.count(room_number) == 0) refuse(404);
    expire();
  }
  RoomsStats rooms_stats() override { return {}; }
  std::vector<std::string> conference_numbers() override { return {}; }
  std::vector<std::int64_t> histories(const std::string&, std::optional<TimePoint>) override {
    return {};
  }
  ConferenceHistory history(const std::string&, std::int64_t) override { return {}; }

 private:
  [[noreturn]] static void refuse(int status) {
    throw ovh::OvhRefused("OVH call: status " + std::to_string(status), status, "", "");
  }
  /// Applies the next scripted fault, if any: throws, after doing the work for a lost answer.
  template <class Work>
  static bool fails(std::deque<OvhFault>& faults, Work work) {
    if (faults.empty()) return false;
    OvhFault fault = faults.front();
    faults.pop_front();
    switch (fault) {
      case OvhFault::kRefused400:
        refuse(400);
      case OvhFault::kRefused409:
        refuse(409);
      case OvhFault::kRefused500:
        refuse(500);
      case OvhFault::kTimeout:
        throw ovh::OvhUnavailable("OVH call: timeout");
      case OvhFault::kLostAnswer:
        work();
        throw ovh::OvhUnavailable("OVH call: timeout after the request was sent");
    }
    return false;
  }
};

class FakeEmails final : public BookingEmails {
 public:
  std::vector<LinkEmail> links;
  std::vector<ConferenceEmail> conferences;
  std::vector<ConferenceEmail> extensions;
  std::vector<CanceledEmail> cancellations;
  bool fail = false;
  bool refuse_recipient = false;  ///< the relay answers RCPT TO with a 5xx

  void send_link(const LinkEmail& email) override {
    if (refuse_recipient) throw MailRecipientRefused("SMTP: RCPT TO refused (550)");
    if (fail) throw MailError("SMTP: connection refused");
    links.push_back(email);
  }
  void send_conference(const ConferenceEmail& email) override {
    if (fail) throw MailError("SMTP: connection refused");
    conferences.push_back(email);
  }
  void send_extended(const ConferenceEmail& email) override {
    if (fail) throw MailError("SMTP: connection refused");
    extensions.push_back(email);
  }
  void send_canceled(const CanceledEmail& email) override {
    if (fail) throw MailError("SMTP: connection refused");
    cancellations.push_back(email);
  }
};

/// A fixed pseudo-random sequence (xorshift64): runs are reproducible, draws do not repeat.
class SequenceRandom final : public RandomSource {
 public:
  std::string bytes(std::size_t count) override {
    std::string out(count, '\0');
    for (char& byte : out) {
      state_ ^= state_ << 13;
      state_ ^= state_ >> 7;
      state_ ^= state_ << 17;
      byte = static_cast<char>(state_ & 0xff);
    }
    return out;
  }

 private:
  std::uint64_t state_ = 0x2545F4914F6CDD1DULL;
};

}  // namespace audioconf::booking::testing
