// Builds the WHERE clause of a list query from optional filters, numbering parameters
// ($1..$N) as conditions are added. Only code-written SQL fragments go in; every value is a
// bound parameter. Value type; not synchronized.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace tj::store {

class Where {
 public:
  // Adds `cond`, replacing every "$?" in it with one new parameter bound to `v`.
  void Add(std::string cond, Value v);
  // Adds a condition whose parameters were made with Param().
  void AddRaw(std::string cond);
  // Adds a parameter that is not part of the WHERE clause (LIMIT, OFFSET); returns "$N".
  std::string Param(Value v);
  // " WHERE a AND b" (empty when nothing was added).
  std::string sql() const { return sql_; }
  const std::vector<Value>& params() const { return params_; }

 private:
  std::string sql_;
  std::vector<Value> params_;
};

// "$a, $b, ..." for an IN list, one new parameter of `w` an id.
std::string IdParams(Where& w, const std::vector<int64_t>& ids);

// A LIKE pattern matching values that contain `text`, with %, _ and \ in it escaped for
// `LIKE ... ESCAPE '\'`.
std::string LikeContains(std::string_view text);

}  // namespace tj::store
