#include "service/audit_service.h"

#include "store/org_repository.h"

namespace tj::service {

Actor SystemActor(int64_t root_id, std::string root_path) {
  Actor a;
  a.username = "system";
  a.roles = {domain::Role::kSystemAdmin, domain::Role::kCommitteeStaff};
  a.org_id = root_id;
  a.org_path = std::move(root_path);
  a.client_address = "cli";
  return a;
}

Result<void> AppendAudit(store::Connection& c, const Clock& clock, const Actor& actor,
                         AuditEvent e) {
  store::AuditRepository repo(c);
  auto head = repo.ReserveNext();
  if (!head) return Fail(head.error());
  domain::AuditRecord r;
  r.id = head->last_id;
  r.at = clock.Now();
  if (actor.user_id) r.actor_id = actor.user_id;
  r.actor_username = actor.username;
  r.action = std::move(e.action);
  r.object_type = std::move(e.object_type);
  r.object_id = e.object_id;
  r.org_id = e.org_id;
  r.summary = std::move(e.summary);
  r.client_address = actor.client_address;
  r.prev_hash = head->last_hash;
  r.hash = domain::AuditHash(r);
  return repo.Insert(r);
}

Result<store::Page<store::AuditListItem>> AuditService::List(const Actor& a,
                                                            const AuditListRequest& req) {
  if (!a.Can(domain::Permission::kAuditRead)) return Fail(Error::Forbidden());
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  store::AuditQuery q;
  q.scope_path = a.org_path;
  if (req.org_id) {
    auto org = store::OrgRepository(**conn).Get(*req.org_id);
    if (!org) return Fail(org.error());
    if (!*org || !domain::InSubtree(a.org_path, (*org)->path))
      return Fail(Error::NotFound("org.not_found"));
    q.scope_path = (*org)->path;
  }
  // Records with no org (failed logins for unknown names) belong to the top of the tree.
  q.include_orgless = a.WholeTree() && !req.org_id;
  if (!req.subtree) q.org_id = req.org_id.value_or(a.org_id);
  q.action = req.action;
  q.actor = req.actor;
  auto start_of = [&](Date d) {
    return Instant(std::chrono::sys_days(d)) - std::chrono::minutes(d_.zone.offset_minutes);
  };
  if (req.from) q.from = start_of(*req.from);
  if (req.to) q.to = start_of(Date(std::chrono::sys_days(*req.to) + std::chrono::days(1)));
  q.page = req.page;
  auto page = store::AuditRepository(**conn).List(q);
  if (!page) return Fail(page.error());
  return page;
}

Result<VerifyReport> AuditService::Verify(const Actor& a) {
  if (!a.Can(domain::Permission::kAuditVerify)) return Fail(Error::Forbidden());
  return VerifyChain();
}

Result<VerifyReport> AuditService::VerifyChain() {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  if (auto b = (*conn)->Begin(store::TxMode::kRead); !b) return Fail(b.error());
  store::AuditRepository repo(**conn);
  VerifyReport report;
  std::string prev(domain::kAuditGenesisHash);
  int64_t prev_id = 0;
  constexpr int64_t kBatch = 5000;
  for (;;) {
    auto batch = repo.Scan(prev_id, kBatch);
    if (!batch) return Fail(batch.error());
    if (batch->empty()) break;
    if (auto bad = domain::FirstBrokenRecord(*batch, prev, prev_id)) {
      report.ok = false;
      report.first_bad_id = bad;
      report.checked += *bad - prev_id - 1;
      (void)(*conn)->Rollback();
      return report;
    }
    report.checked += static_cast<int64_t>(batch->size());
    prev = batch->back().hash;
    prev_id = batch->back().id;
  }
  // A removed tail shows as a head that points past the last record or to another hash.
  auto head = repo.Head();
  (void)(*conn)->Rollback();
  if (!head) return Fail(head.error());
  if (head->last_id != prev_id || head->last_hash != prev) {
    report.ok = false;
    report.first_bad_id = prev_id + 1;
  }
  return report;
}

}  // namespace tj::service
