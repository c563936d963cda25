#include "store/where.h"

namespace tj::store {

void Where::Add(std::string cond, Value v) {
  std::string n = Param(std::move(v));
  for (size_t pos; (pos = cond.find("$?")) != std::string::npos;) cond.replace(pos, 2, n);
  AddRaw(std::move(cond));
}

void Where::AddRaw(std::string cond) {
  sql_ += sql_.empty() ? " WHERE " : " AND ";
  sql_ += cond;
}

std::string Where::Param(Value v) {
  params_.push_back(std::move(v));
  return "$" + std::to_string(params_.size());
}

std::string LikeContains(std::string_view text) {
  std::string pattern = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
    pattern += ch;
  }
  pattern += '%';
  return pattern;
}

std::string IdParams(Where& w, const std::vector<int64_t>& ids) {
  std::string in;
  for (auto id : ids) {
    in += in.empty() ? "" : ", ";
    in += w.Param(Int(id));
  }
  return in;
}

}  // namespace tj::store
