// Two-way mapping between an enum and its wire names ("branch", "junior_high").
//
// Each enum keeps one constexpr table of {value, name} pairs; these helpers read it, so the
// names exist in one place. Immutable; safe from any thread.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <utility>

namespace tj {

template <typename E>
using EnumNames = std::span<const std::pair<E, std::string_view>>;

template <typename E>
std::string_view NameOf(EnumNames<E> table, E value) {
  for (const auto& [v, n] : table)
    if (v == value) return n;
  return {};
}

// nullopt when `name` is not in the table.
template <typename E>
std::optional<E> ParseName(EnumNames<E> table, std::string_view name) {
  for (const auto& [v, n] : table)
    if (n == name) return v;
  return std::nullopt;
}

}  // namespace tj
