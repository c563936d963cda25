#include "domain/audit/audit.h"

#include <gtest/gtest.h>

namespace tj::domain {
namespace {

std::vector<AuditRecord> Chain(int n) {
  std::vector<AuditRecord> out;
  std::string prev(kAuditGenesisHash);
  for (int i = 1; i <= n; ++i) {
    AuditRecord r;
    r.id = i;
    r.at = Instant(std::chrono::seconds(1'800'000'000 + i));
    r.actor_id = 1;
    r.actor_username = "admin";
    r.action = "org.create";
    r.object_type = "org";
    r.object_id = 100 + i;
    r.org_id = 100 + i;
    r.summary = R"({"after":{"name":"团支部"}})";
    r.client_address = "127.0.0.1";
    r.prev_hash = prev;
    r.hash = AuditHash(r);
    prev = r.hash;
    out.push_back(r);
  }
  return out;
}

TEST(AuditChainTest, AnIntactChainVerifies) {
  EXPECT_EQ(FirstBrokenRecord(Chain(5), kAuditGenesisHash, 0), std::nullopt);
}

TEST(AuditChainTest, DetectsAnAlteredField) {
  auto c = Chain(5);
  c[2].summary = R"({"after":{"name":"改过"}})";
  EXPECT_EQ(FirstBrokenRecord(c, kAuditGenesisHash, 0), 3);
  c = Chain(5);
  c[3].client_address = "10.0.0.1";
  EXPECT_EQ(FirstBrokenRecord(c, kAuditGenesisHash, 0), 4);
}

TEST(AuditChainTest, DetectsARemovedRecordEvenIfRehashed) {
  auto c = Chain(5);
  c.erase(c.begin() + 1);
  EXPECT_EQ(FirstBrokenRecord(c, kAuditGenesisHash, 0), 3);
}

TEST(AuditChainTest, FieldBoundariesCannotBeShifted) {
  auto c = Chain(1);
  AuditRecord shifted = c[0];
  shifted.actor_username = "admi";
  shifted.action = "norg.create";
  EXPECT_NE(AuditHash(shifted), c[0].hash);
}

}  // namespace
}  // namespace tj::domain
