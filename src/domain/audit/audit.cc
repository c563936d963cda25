#include "domain/audit/audit.h"

#include "base/crypto.h"

namespace tj::domain {
namespace {

void Put(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ';';
}

std::string OptId(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : "-"; }

}  // namespace

std::string AuditHash(const AuditRecord& r) {
  std::string buf;
  buf.reserve(256 + r.summary.size());
  Put(buf, r.prev_hash);
  Put(buf, std::to_string(r.id));
  Put(buf, FormatInstantUtc(r.at));
  Put(buf, OptId(r.actor_id));
  Put(buf, r.actor_username);
  Put(buf, r.action);
  Put(buf, r.object_type);
  Put(buf, OptId(r.object_id));
  Put(buf, OptId(r.org_id));
  Put(buf, r.summary);
  Put(buf, r.client_address);
  return crypto::Sha256Hex(buf);
}

std::optional<int64_t> FirstBrokenRecord(const std::vector<AuditRecord>& records,
                                         std::string_view prev_hash, int64_t prev_id) {
  std::string expected_prev(prev_hash);
  int64_t expected_id = prev_id + 1;
  for (const auto& r : records) {
    if (r.id != expected_id || r.prev_hash != expected_prev || AuditHash(r) != r.hash) return r.id;
    expected_prev = r.hash;
    ++expected_id;
  }
  return std::nullopt;
}

}  // namespace tj::domain
