// A small writer for JSON objects, for the few places below the API layer that store JSON
// text (audit summaries). Escapes strings per RFC 8259. Value type; not synchronized.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tj {

class JsonObjectWriter {
 public:
  JsonObjectWriter& Str(std::string_view key, std::string_view value);
  JsonObjectWriter& OptStr(std::string_view key, const std::optional<std::string>& value);
  JsonObjectWriter& Int(std::string_view key, int64_t value);
  JsonObjectWriter& Bool(std::string_view key, bool value);
  // `json` must already be valid JSON text (a nested object from another writer).
  JsonObjectWriter& Raw(std::string_view key, std::string_view json);
  bool empty() const { return body_.empty(); }
  std::string str() const { return "{" + body_ + "}"; }

 private:
  void Key(std::string_view key);
  std::string body_;
};

// `s` as a JSON string literal, quotes included.
std::string JsonQuote(std::string_view s);

}  // namespace tj
