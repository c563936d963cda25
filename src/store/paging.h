// Paging for list queries: the page a caller asked for, and one page of results with the
// total. Value types; not synchronized.
#pragma once

#include <cstdint>
#include <vector>

namespace tj::store {

struct PageRequest {
  int64_t page = 1;  // 1-based
  int64_t size = 20;
  int64_t offset() const { return (page - 1) * size; }
};

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;
};

}  // namespace tj::store
