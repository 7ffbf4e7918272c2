// The two ways an OVH call fails: no usable answer (OvhUnavailable) or an explicit refusal
// (OvhRefused).
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include "common/failures.hpp"

namespace audioconf::ovh {

/// OVH gave no usable answer: connection failure, timeout, or a response that is not the JSON
/// we expect. Retrying later may work. The message names the route, never credentials.
class OvhUnavailable : public Unavailable {
 public:
  using Unavailable::Unavailable;
};

/// The call was not made: the fleet's OVH call budget (SPEC §8) has nothing left for its
/// priority this minute. Like no answer, retrying later may work.
class OvhBudgetSpent : public OvhUnavailable {
 public:
  using OvhUnavailable::OvhUnavailable;
};

/// OVH answered with a non-200 status. what() holds the route, the status and the error code
/// only: ovh_message() is kept apart because OVH may echo request data in it.
class OvhRefused : public std::runtime_error {
 public:
  OvhRefused(const std::string& what, int status, std::string error_code, std::string ovh_message)
      : std::runtime_error(what),
        status_(status),
        error_code_(std::move(error_code)),
        ovh_message_(std::move(ovh_message)) {}

  /// The HTTP status OVH answered (400, 403, 404, 409, 500, ...).
  [[nodiscard]] int status() const { return status_; }
  /// The body's `errorCode` (legacy, e.g. "INVALID_SIGNATURE"), else its `class`
  /// (e.g. "Client::NotFound"), else "".
  [[nodiscard]] const std::string& error_code() const { return error_code_; }
  /// The body's `message`, else "".
  [[nodiscard]] const std::string& ovh_message() const { return ovh_message_; }

 private:
  int status_;
  std::string error_code_;
  std::string ovh_message_;
};

}  // namespace audioconf::ovh
