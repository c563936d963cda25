#include "service/rate_limiter.h"

namespace tj::service {

bool RateLimiter::Allow(const std::string& key, Instant now) {
  const auto window = std::chrono::minutes(1);
  std::lock_guard lock(mu_);
  if (now - last_sweep_ > window) {  // forget addresses that went quiet
    std::erase_if(hits_, [&](const auto& kv) { return kv.second.empty() || now - kv.second.back() > window; });
    last_sweep_ = now;
  }
  auto& q = hits_[key];
  while (!q.empty() && now - q.front() >= window) q.pop_front();
  if (static_cast<int>(q.size()) >= per_minute_) return false;
  q.push_back(now);
  return true;
}

}  // namespace tj::service
