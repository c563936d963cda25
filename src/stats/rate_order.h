// The order of a participation ranking (青年大学习 rankings of an org's children): the rate
// participants / members descending, compared exactly, then participants; orgs without
// members last. Shared by the service and the benchmarks so both rank alike. Pure; safe from
// any thread.
#pragma once

#include <algorithm>
#include <cstdint>

namespace tj::stats {

// True when figures (p1 of m1) rank before (p2 of m2). Counts stay below 10^9, so the
// cross products fit in 64 bits.
inline bool RanksBefore(int64_t p1, int64_t m1, int64_t p2, int64_t m2) {
  if (m1 == 0 || m2 == 0) {
    if ((m1 == 0) != (m2 == 0)) return m2 == 0;
    return p1 > p2;
  }
  int64_t lhs = p1 * m2, rhs = p2 * m1;
  if (lhs != rhs) return lhs > rhs;
  return p1 > p2;
}

}  // namespace tj::stats
