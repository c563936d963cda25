// Orders the rebuilds of the statistics indexes against the writes that update them
// incrementally.
//
// The indexes follow committed writes: a write records what it changes inside its transaction
// and applies the difference after the commit. A write holds the gate shared from before its
// transaction until it has applied its difference; a rebuild reads the tables and replaces an
// index holding the gate exclusively. So every write is either wholly in a rebuild's snapshot
// (and its difference was applied to the index the rebuild replaces) or wholly after it, and
// nothing is counted twice or lost. Never take the gate while holding it.
#pragma once

#include <mutex>
#include <shared_mutex>

namespace tj::stats {

class IndexGate {
 public:
  [[nodiscard]] std::shared_lock<std::shared_mutex> ForWrite() { return std::shared_lock(mu_); }
  [[nodiscard]] std::unique_lock<std::shared_mutex> ForRebuild() { return std::unique_lock(mu_); }

 private:
  std::shared_mutex mu_;
};

}  // namespace tj::stats
