// In-memory fakes of the moderation seams: an OVH room with people on the line, the shared
// participant snapshots (the same lease rules as PostgreSQL's statement) and the lock state.
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/ovh/call_budget_rules.hpp"
#include "common/ovh/errors.hpp"
#include "common/ports/call_budget.hpp"
#include "common/ports/moderation.hpp"

namespace audioconf::moderation::testing {

enum class CallFault { kRefused404, kRefused500, kTimeout };

class FakeRoomModeration final : public RoomModeration {
 public:
  std::map<std::int64_t, std::vector<RoomParticipant>> rooms;
  std::map<std::int64_t, bool> locked;
  std::deque<CallFault> list_faults;
  std::deque<CallFault> detail_faults;
  /// Faults of act(), by participant id (each used once).
  std::map<std::int64_t, CallFault> act_faults;
  std::deque<CallFault> lock_faults;
  int list_calls = 0;
  int detail_calls = 0;
  int act_calls = 0;
  int lock_calls = 0;

  RoomParticipant* find(std::int64_t room, std::int64_t id) {
    for (RoomParticipant& p : rooms[room]) {
      if (p.id == id) return &p;
    }
    return nullptr;
  }

  std::vector<std::int64_t> participants(std::int64_t room_number) override {
    ++list_calls;
    fail(list_faults);
    std::vector<std::int64_t> ids;
    for (const RoomParticipant& p : rooms[room_number]) ids.push_back(p.id);
    return ids;
  }
  RoomParticipant participant(std::int64_t room_number, std::int64_t id) override {
    ++detail_calls;
    fail(detail_faults);
    RoomParticipant* p = find(room_number, id);
    if (p == nullptr) refuse(404);
    return *p;
  }
  void act(std::int64_t room_number, std::int64_t id, ParticipantAction action) override {
    ++act_calls;
    if (auto fault = act_faults.find(id); fault != act_faults.end()) {
      std::deque<CallFault> one{fault->second};
      act_faults.erase(fault);
      fail(one);
    }
    RoomParticipant* p = find(room_number, id);
    if (p == nullptr) refuse(404);
    if (action == ParticipantAction::kKick) {
      std::erase_if(rooms[room_number], [&](const RoomParticipant& q) { return q.id == id; });
    } else {
      p->speak = action == ParticipantAction::kUnmute;
    }
  }
  void lock(std::int64_t room_number, bool value) override {
    ++lock_calls;
    fail(lock_faults);
    locked[room_number] = value;
  }

 private:
  [[noreturn]] static void refuse(int status) {
    throw ovh::OvhRefused("OVH call: status " + std::to_string(status), status, "", "");
  }
  static void fail(std::deque<CallFault>& faults) {
    if (faults.empty()) return;
    const CallFault fault = faults.front();
    faults.pop_front();
    switch (fault) {
      case CallFault::kRefused404:
        refuse(404);
      case CallFault::kRefused500:
        refuse(500);
      case CallFault::kTimeout:
        throw ovh::OvhUnavailable("OVH call: timeout");
    }
  }
};

/// The fleet's OVH call budget in memory: a count of the calls of the current minute, with the
/// real rules (ovh/call_budget_rules.hpp). `new_minute()` empties it.
class FakeCallBudget final : public CallBudget {
 public:
  int per_minute = 100000;
  int used = 0;
  int refused = 0;
  bool take(CallPriority priority) override {
    if (!ovh::may_call(priority, used, per_minute)) {
      ++refused;
      return false;
    }
    ++used;
    return true;
  }
  void new_minute() { used = 0; }
};

/// An OVH client's gate (ovh::CallGate) in front of a fake room: each call asks the budget first
/// and throws OvhBudgetSpent, without reaching the room, when refused.
class BudgetedRoomModeration final : public RoomModeration {
 public:
  BudgetedRoomModeration(RoomModeration& room, CallBudget& budget, CallPriority priority)
      : room_(room), budget_(budget), priority_(priority) {}
  std::vector<std::int64_t> participants(std::int64_t room_number) override {
    ask();
    return room_.participants(room_number);
  }
  RoomParticipant participant(std::int64_t room_number, std::int64_t id) override {
    ask();
    return room_.participant(room_number, id);
  }
  void act(std::int64_t room_number, std::int64_t id, ParticipantAction action) override {
    ask();
    room_.act(room_number, id, action);
  }
  void lock(std::int64_t room_number, bool value) override {
    ask();
    room_.lock(room_number, value);
  }

 private:
  void ask() {
    if (!budget_.take(priority_)) throw ovh::OvhBudgetSpent("OVH call: budget spent");
  }
  RoomModeration& room_;
  CallBudget& budget_;
  CallPriority priority_;
};

class FakeSnapshots final : public ParticipantSnapshots {
 public:
  struct Row {
    Snapshot snapshot;
    std::optional<TimePoint> refreshing_until;
  };
  std::map<std::string, Row> rows;

  Snapshot load(const std::string& id) override {
    auto row = rows.find(id);
    return row == rows.end() ? Snapshot{} : row->second.snapshot;
  }
  bool try_begin_refresh(const std::string& id, TimePoint now, std::chrono::seconds min_interval,
                         std::chrono::seconds lease) override {
    Row& row = rows[id];
    if (row.refreshing_until && *row.refreshing_until > now) return false;
    if (row.snapshot.taken_at && *row.snapshot.taken_at > now - min_interval) return false;
    row.refreshing_until = now + lease;
    return true;
  }
  void save(const std::string& id, const Snapshot& snapshot) override {
    rows[id].snapshot = snapshot;
    rows[id].refreshing_until.reset();
  }
  void update_entries(const std::string& id,
                      const std::vector<SnapshotEntry>& participants) override {
    auto row = rows.find(id);
    if (row != rows.end()) row->second.snapshot.participants = participants;
  }
  void abandon_refresh(const std::string& id, TimePoint retry_at) override {
    rows[id].refreshing_until = retry_at;
  }
  void remove(const std::string& id) override { rows.erase(id); }
};

class FakeLocks final : public RoomLocks {
 public:
  std::map<std::string, bool> rows;
  bool locked(const std::string& id) override { return rows.count(id) != 0 && rows.at(id); }
  void set_locked(const std::string& id, bool value) override { rows[id] = value; }
  std::map<std::string, int> sequences;
  int invitation_sequence(const std::string& id) override { return sequences[id]; }
  void raise_invitation_sequence(const std::string& id) override { ++sequences[id]; }
};

}  // namespace audioconf::moderation::testing
