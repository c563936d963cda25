#include "store/audit_repository.h"

#include "domain/org/org.h"
#include "store/where.h"

namespace tj::store {

using domain::AuditRecord;

namespace {

constexpr const char* kAuditColumns =
    "a.id, a.at, a.actor_id, a.actor_username, a.action, a.object_type, a.object_id, a.org_id, "
    "a.summary, a.client_address, a.prev_hash, a.hash";

AuditRecord AuditFromRow(const Row& r) {
  AuditRecord a;
  a.id = r.Int(0);
  a.at = r.At(1);
  a.actor_id = r.OptInt(2);
  a.actor_username = r.Str(3);
  a.action = r.Str(4);
  a.object_type = r.Str(5);
  a.object_id = r.OptInt(6);
  a.org_id = r.OptInt(7);
  a.summary = r.Str(8);
  a.client_address = r.Str(9);
  a.prev_hash = r.Str(10);
  a.hash = r.Str(11);
  return a;
}

}  // namespace

Result<ChainHead> AuditRepository::ReserveNext() {
  auto r = c_.Query(
      "UPDATE audit_head SET last_id = last_id + 1 WHERE id = 1 RETURNING last_id, last_hash");
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return Fail(Error::Internal("audit_head row missing"));
  return ChainHead{r->rows[0].Int(0), r->rows[0].Str(1)};
}

Result<void> AuditRepository::Insert(const AuditRecord& a) {
  auto r = c_.Query(
      "INSERT INTO audit_log (id, at, actor_id, actor_username, action, object_type, object_id, "
      "org_id, summary, client_address, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
      "$9, $10, $11, $12)",
      {Int(a.id), At(a.at), OptInt(a.actor_id), Text(a.actor_username), Text(a.action),
       Text(a.object_type), OptInt(a.object_id), OptInt(a.org_id), Text(a.summary),
       Text(a.client_address), Text(a.prev_hash), Text(a.hash)});
  if (!r) return Fail(r.error());
  auto h = c_.Query("UPDATE audit_head SET last_hash = $1 WHERE id = 1", {Text(a.hash)});
  if (!h) return Fail(h.error());
  return {};
}

Result<ChainHead> AuditRepository::Head() {
  auto r = c_.Query("SELECT last_id, last_hash FROM audit_head WHERE id = 1");
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return Fail(Error::Internal("audit_head row missing"));
  return ChainHead{r->rows[0].Int(0), r->rows[0].Str(1)};
}

Result<Page<AuditListItem>> AuditRepository::List(const AuditQuery& q) {
  Where w;
  std::string lo = w.Param(Text(q.scope_path));
  std::string hi = w.Param(Text(domain::SubtreeUpperBound(q.scope_path)));
  std::string scope = "(o.path >= " + lo + " AND o.path < " + hi + ")";
  if (q.include_orgless) scope = "(" + scope + " OR a.org_id IS NULL)";
  w.AddRaw(scope);
  if (q.org_id) w.Add("a.org_id = $?", Int(*q.org_id));
  if (q.action) w.Add("a.action = $?", Text(*q.action));
  if (q.actor) w.Add("a.actor_username = $?", Text(*q.actor));
  if (q.from) w.Add("a.at >= $?", At(*q.from));
  if (q.to) w.Add("a.at < $?", At(*q.to));
  const std::string from = " FROM audit_log a LEFT JOIN orgs o ON o.id = a.org_id";
  auto count = c_.Query("SELECT COUNT(*)" + from + w.sql(), w.params());
  if (!count) return Fail(count.error());
  Page<AuditListItem> page;
  page.total = count->rows.at(0).Int(0);
  std::string where = w.sql();
  std::string limit = w.Param(Int(q.page.size));
  std::string offset = w.Param(Int(q.page.offset()));
  auto rows = c_.Query(std::string("SELECT ") + kAuditColumns + ", o.name" + from + where +
                           " ORDER BY a.id DESC LIMIT " + limit + " OFFSET " + offset,
                       w.params());
  if (!rows) return Fail(rows.error());
  for (const auto& r : rows->rows) page.items.push_back({AuditFromRow(r), r.Str(12)});
  return page;
}

Result<std::vector<AuditRecord>> AuditRepository::Scan(int64_t after_id, int64_t limit) {
  auto r = c_.Query(std::string("SELECT ") + kAuditColumns +
                        " FROM audit_log a WHERE a.id > $1 ORDER BY a.id LIMIT $2",
                    {Int(after_id), Int(limit)});
  if (!r) return Fail(r.error());
  std::vector<AuditRecord> out;
  out.reserve(r->rows.size());
  for (const auto& row : r->rows) out.push_back(AuditFromRow(row));
  return out;
}

}  // namespace tj::store
