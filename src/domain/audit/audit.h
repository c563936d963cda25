// The audit log's records and its hash chain.
//
// Each record carries the hash of the previous record; its own hash covers that previous
// hash and every field, so removing, inserting or altering any record breaks the chain from
// that point. Ids are consecutive from 1, so a removed last record is detectable against the
// chain head. Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"

namespace tj::domain {

inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

struct AuditRecord {
  int64_t id = 0;
  Instant at;
  std::optional<int64_t> actor_id;
  std::string actor_username;
  std::string action;       // "org.create", "auth.login_failed"
  std::string object_type;  // "org", "user", "session"; empty when none
  std::optional<int64_t> object_id;
  std::optional<int64_t> org_id;  // the org the record concerns (for scoped viewing)
  std::string summary;            // JSON text: {"before":{...},"after":{...}}
  std::string client_address;
  std::string prev_hash;
  std::string hash;
};

// The hash of `r` given its prev_hash (r.hash is ignored): SHA-256 over a length-prefixed
// encoding of every field, so no two different records encode alike.
std::string AuditHash(const AuditRecord& r);

// Checks records given in id order, continuing from `prev_hash` and `prev_id`. Returns the id of
// the first record whose id is not consecutive, whose prev_hash differs from its predecessor's
// hash, or whose hash does not match its content; nullopt when all hold.
std::optional<int64_t> FirstBrokenRecord(const std::vector<AuditRecord>& records,
                                         std::string_view prev_hash, int64_t prev_id);

}  // namespace tj::domain
