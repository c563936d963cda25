#include "store/transfer_repository.h"

#include "domain/org/org.h"
#include "store/where.h"

namespace tj::store {
namespace {

using domain::Transfer;
using domain::TransferState;

constexpr const char* kSelect =
    "SELECT t.id, t.member_id, t.kind, t.reason, t.note, t.from_org_id, t.to_org_id, t.external_name, "
    "t.external_code, t.state, t.started_side, t.started_on, t.due_on, t.sending_committee_id, "
    "t.committee_needed, t.branch_approved, t.committee_approved, t.placed_org_id, t.completed_on, "
    "t.end_reason, t.created_at, t.created_by, t.updated_at, m.name, m.member_no, fo.name, fo.path, "
    "tt.name, tt.path, po.name "
    "FROM transfers t JOIN members m ON m.id = t.member_id JOIN orgs fo ON fo.id = t.from_org_id "
    "LEFT JOIN orgs tt ON tt.id = t.to_org_id LEFT JOIN orgs po ON po.id = t.placed_org_id";

TransferRow RowToTransfer(const Row& r) {
  TransferRow out;
  Transfer& t = out.transfer;
  t.id = r.Int(0);
  t.member_id = r.Int(1);
  t.kind = ParseName(domain::TransferKindNames(), r.Str(2)).value_or(domain::TransferKind::kInternal);
  t.reason = ParseName(domain::TransferReasonNames(), r.Str(3)).value_or(domain::TransferReason::kOther);
  t.note = r.Str(4);
  t.from_org_id = r.Int(5);
  t.to_org_id = r.OptInt(6);
  t.external_name = r.Str(7);
  t.external_code = r.Str(8);
  t.state = ParseName(domain::TransferStateNames(), r.Str(9)).value_or(TransferState::kPendingOut);
  t.started_side = ParseName(domain::TransferSideNames(), r.Str(10)).value_or(domain::TransferSide::kSending);
  t.started_on = r.Day(11);
  t.due_on = r.Day(12);
  t.sending_committee_id = r.OptInt(13);
  t.approvals.committee_needed = r.Bool(14);
  t.approvals.branch = r.Bool(15);
  t.approvals.committee = r.Bool(16);
  t.placed_org_id = r.OptInt(17);
  t.completed_on = r.OptDay(18);
  t.end_reason = r.Str(19);
  t.created_at = r.At(20);
  t.created_by = r.Str(21);
  t.updated_at = r.At(22);
  out.member_name = r.Str(23);
  out.member_no = r.OptStr(24);
  out.from_org_name = r.Str(25);
  out.from_org_path = r.Str(26);
  out.to_org_name = r.Str(27);
  out.to_org_path = r.Str(28);
  out.placed_org_name = r.Str(29);
  return out;
}

Value OptId(const std::optional<int64_t>& v) { return v ? Int(*v) : Value(Null{}); }
Value OptNonEmpty(const std::string& s) { return s.empty() ? Value(Null{}) : Text(s); }

}  // namespace

Result<int64_t> TransferRepository::Insert(const Transfer& t, Instant now) {
  auto r = c_.Query(
      "INSERT INTO transfers (member_id, kind, reason, note, from_org_id, to_org_id, external_name, "
      "external_code, state, started_side, started_on, due_on, sending_committee_id, committee_needed, "
      "branch_approved, committee_approved, created_at, created_by, updated_at) VALUES ($1, $2, $3, $4, "
      "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $17) RETURNING id",
      {Int(t.member_id), EnumValue(domain::TransferKindNames(), t.kind),
       EnumValue(domain::TransferReasonNames(), t.reason), Text(t.note), Int(t.from_org_id),
       OptId(t.to_org_id), OptNonEmpty(t.external_name), OptNonEmpty(t.external_code),
       EnumValue(domain::TransferStateNames(), t.state), EnumValue(domain::TransferSideNames(), t.started_side),
       DateValue(t.started_on), DateValue(t.due_on), OptId(t.sending_committee_id),
       Bool(t.approvals.committee_needed), Bool(t.approvals.branch), Bool(t.approvals.committee), At(now),
       Text(t.created_by)});
  if (!r) return Fail(r.error());
  return r->rows.at(0).Int(0);
}

Result<std::optional<TransferRow>> TransferRepository::Get(int64_t id) {
  auto r = c_.Query(std::string(kSelect) + " WHERE t.id = $1", {Int(id)});
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return std::optional<TransferRow>();
  return std::optional<TransferRow>(RowToTransfer(r->rows[0]));
}

Result<void> TransferRepository::Save(const Transfer& t, TransferState expected, Instant now) {
  auto r = c_.Query(
      "UPDATE transfers SET state = $1, branch_approved = $2, committee_approved = $3, "
      "placed_org_id = $4, completed_on = $5, end_reason = $6, updated_at = $7 WHERE id = $8 AND state = $9",
      {EnumValue(domain::TransferStateNames(), t.state), Bool(t.approvals.branch), Bool(t.approvals.committee),
       OptId(t.placed_org_id), OptDateValue(t.completed_on), Text(t.end_reason), At(now), Int(t.id),
       EnumValue(domain::TransferStateNames(), expected)});
  if (!r) return Fail(r.error());
  if (r->affected != 1) return Fail(Error::Conflict("transfer.changed"));
  return {};
}

Result<Page<TransferRow>> TransferRepository::List(const TransferQuery& q) {
  Where w;
  // In the caller's scope from either end; the direction narrows it to one end.
  auto end_in = [&](const char* alias) {
    std::string lo = w.Param(Text(q.scope_path));
    std::string hi = w.Param(Text(domain::SubtreeUpperBound(q.scope_path)));
    std::string cond = std::string("(") + alias + ".path >= " + lo + " AND " + alias + ".path < " + hi;
    if (q.org_id) cond += std::string(" AND ") + alias + ".id = " + w.Param(Int(*q.org_id));
    return cond + ")";
  };
  switch (q.direction) {
    case TransferDirection::kIncoming:
      w.AddRaw(end_in("tt"));
      break;
    case TransferDirection::kOutgoing:
      w.AddRaw(end_in("fo"));
      break;
    case TransferDirection::kAny: {
      std::string from = end_in("fo");
      w.AddRaw("(" + from + " OR " + end_in("tt") + ")");
      break;
    }
  }
  if (!q.states.empty()) {
    std::string in;
    for (auto s : q.states) {
      in += in.empty() ? "" : ", ";
      in += w.Param(EnumValue(domain::TransferStateNames(), s));
    }
    w.AddRaw("t.state IN (" + in + ")");
  }
  if (q.member_id) w.Add("t.member_id = $?", Int(*q.member_id));
  if (q.overdue_on)
    w.Add("t.state IN ('pending_out', 'pending_in') AND t.due_on < $?", DateValue(*q.overdue_on));
  const std::string from =
      " FROM transfers t JOIN members m ON m.id = t.member_id JOIN orgs fo ON fo.id = t.from_org_id "
      "LEFT JOIN orgs tt ON tt.id = t.to_org_id";
  auto count = c_.Query("SELECT COUNT(*)" + from + w.sql(), w.params());
  if (!count) return Fail(count.error());
  Page<TransferRow> page;
  page.total = count->rows.at(0).Int(0);
  std::string where = w.sql();
  std::string limit = w.Param(Int(q.page.size));
  std::string offset = w.Param(Int(q.page.offset()));
  auto r = c_.Query(std::string(kSelect) + where + " ORDER BY t.started_on DESC, t.id DESC LIMIT " + limit +
                        " OFFSET " + offset,
                    w.params());
  if (!r) return Fail(r.error());
  for (const auto& row : r->rows) page.items.push_back(RowToTransfer(row));
  return page;
}

Result<void> TransferRepository::AddEvent(const TransferEvent& e) {
  auto r = c_.Query(
      "INSERT INTO transfer_events (transfer_id, at, actor_id, actor_username, action, state_from, "
      "state_to, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {Int(e.transfer_id), At(e.at), OptId(e.actor_id), Text(e.actor_username), Text(e.action),
       e.state_from ? EnumValue(domain::TransferStateNames(), *e.state_from) : Value(Null{}),
       EnumValue(domain::TransferStateNames(), e.state_to), Text(e.note)});
  if (!r) return Fail(r.error());
  return {};
}

Result<std::vector<TransferEvent>> TransferRepository::Events(int64_t transfer_id) {
  auto r = c_.Query(
      "SELECT id, transfer_id, at, actor_id, actor_username, action, state_from, state_to, note FROM "
      "transfer_events WHERE transfer_id = $1 ORDER BY id",
      {Int(transfer_id)});
  if (!r) return Fail(r.error());
  std::vector<TransferEvent> out;
  for (const auto& row : r->rows) {
    TransferEvent e;
    e.id = row.Int(0);
    e.transfer_id = row.Int(1);
    e.at = row.At(2);
    e.actor_id = row.OptInt(3);
    e.actor_username = row.Str(4);
    e.action = row.Str(5);
    if (auto s = row.OptStr(6)) e.state_from = ParseName(domain::TransferStateNames(), *s);
    e.state_to = ParseName(domain::TransferStateNames(), row.Str(7)).value_or(TransferState::kPendingOut);
    e.note = row.Str(8);
    out.push_back(std::move(e));
  }
  return out;
}

Result<Page<GraduateRow>> TransferRepository::Graduates(const std::string& scope_path, std::optional<int64_t> org_id,
                                                        Date on, PageRequest page) {
  Where w;
  w.Add("o.path >= $?", Text(scope_path));
  w.Add("o.path < $?", Text(domain::SubtreeUpperBound(scope_path)));
  if (org_id) w.Add("o.id = $?", Int(*org_id));
  w.Add("o.graduation_date <= $?", DateValue(on));
  w.AddRaw("m.status IN ('active', 'mobile', 'lost_contact')");
  w.AddRaw("NOT EXISTS (SELECT 1 FROM transfers t WHERE t.member_id = m.id AND t.state IN ('pending_out', 'pending_in'))");
  const std::string from = " FROM members m JOIN orgs o ON o.id = m.org_id";
  auto count = c_.Query("SELECT COUNT(*)" + from + w.sql(), w.params());
  if (!count) return Fail(count.error());
  Page<GraduateRow> out;
  out.total = count->rows.at(0).Int(0);
  std::string where = w.sql();
  std::string limit = w.Param(Int(page.size));
  std::string offset = w.Param(Int(page.offset()));
  auto r = c_.Query("SELECT m.id, m.name, m.member_no, o.id, o.name, o.graduation_date" + from + where +
                        " ORDER BY o.path, m.name, m.id LIMIT " + limit + " OFFSET " + offset,
                    w.params());
  if (!r) return Fail(r.error());
  for (const auto& row : r->rows)
    out.items.push_back({row.Int(0), row.Str(1), row.OptStr(2), row.Int(3), row.Str(4), row.Day(5)});
  return out;
}

Result<std::vector<int64_t>> TransferRepository::Overdue(Date today) {
  auto r = c_.Query(
      "SELECT id FROM transfers WHERE state IN ('pending_out', 'pending_in') AND due_on < $1 ORDER BY id",
      {DateValue(today)});
  if (!r) return Fail(r.error());
  std::vector<int64_t> out;
  for (const auto& row : r->rows) out.push_back(row.Int(0));
  return out;
}

}  // namespace tj::store
