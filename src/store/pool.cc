#include "store/pool.h"

namespace tj::store {

ConnectionPool::ConnectionPool(Factory factory, int max_size)
    : factory_(std::move(factory)), max_size_(max_size < 1 ? 1 : max_size) {}

Result<std::unique_ptr<Connection>> ConnectionPool::Take() {
  std::unique_lock lock(mu_);
  for (;;) {
    if (closed_) return Fail(Error{ErrorCode::kUnavailable, "common.unavailable", {}, {}, "pool closed"});
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
    if (open_ < max_size_) {
      ++open_;
      lock.unlock();
      auto c = factory_();
      if (!c) {
        lock.lock();
        --open_;
        cv_.notify_one();
      }
      return c;
    }
    cv_.wait(lock);
  }
}

void ConnectionPool::Give(std::unique_ptr<Connection> c) {
  std::lock_guard lock(mu_);
  if (closed_ || !c->Healthy()) {
    --open_;
    c.reset();
  } else {
    idle_.push_back(std::move(c));
  }
  cv_.notify_one();
}

void ConnectionPool::Close() {
  std::lock_guard lock(mu_);
  closed_ = true;
  open_ -= static_cast<int>(idle_.size());
  idle_.clear();
  cv_.notify_all();
}

}  // namespace tj::store
