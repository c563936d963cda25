#include "store/database.h"

#include <charconv>

namespace tj::store {

Value At(Instant t) { return Value(FormatInstantUtc(t)); }

const std::string& Row::Str(size_t i) const {
  static const std::string kEmpty;
  const auto& c = cells_.at(i);
  return c ? *c : kEmpty;
}

int64_t Row::Int(size_t i) const { return OptInt(i).value_or(0); }

std::optional<int64_t> Row::OptInt(size_t i) const {
  const auto& c = cells_.at(i);
  if (!c) return std::nullopt;
  int64_t v = 0;
  std::from_chars(c->data(), c->data() + c->size(), v);
  return v;
}

bool Row::Bool(size_t i) const {
  const auto& c = cells_.at(i);
  if (!c || c->empty()) return false;
  return (*c)[0] == '1' || (*c)[0] == 't' || (*c)[0] == 'T';
}

Instant Row::At(size_t i) const { return OptAt(i).value_or(Instant{}); }

std::optional<Instant> Row::OptAt(size_t i) const {
  const auto& c = cells_.at(i);
  if (!c) return std::nullopt;
  return ParseInstant(*c);
}

Date Row::Day(size_t i) const { return OptDay(i).value_or(Date{}); }

std::optional<Date> Row::OptDay(size_t i) const {
  const auto& c = cells_.at(i);
  if (!c) return std::nullopt;
  return ParseDate(std::string_view(*c).substr(0, 10));
}

PooledConnection::~PooledConnection() {
  if (owner_ && conn_) owner_->Release(std::move(conn_));
}

}  // namespace tj::store
