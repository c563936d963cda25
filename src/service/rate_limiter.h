// Counts events per key (a client address) in a sliding one-minute window, to refuse login
// attempts beyond a per-address limit. In memory, per server process. Thread-safe.
#pragma once

#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "base/time.h"

namespace tj::service {

class RateLimiter {
 public:
  explicit RateLimiter(int per_minute) : per_minute_(per_minute) {}
  // Records an attempt at `now`; false when `key` already made `per_minute` attempts in the
  // minute before (the refused attempt is not counted).
  bool Allow(const std::string& key, Instant now);

 private:
  const int per_minute_;
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<Instant>> hits_;
  Instant last_sweep_{};
};

}  // namespace tj::service
