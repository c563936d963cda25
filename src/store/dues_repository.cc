#include "store/dues_repository.h"

#include "domain/member/member.h"
#include "domain/org/org.h"
#include "store/where.h"

namespace tj::store {
namespace {

constexpr std::pair<PaymentKind, std::string_view> kKinds[] = {
    {PaymentKind::kPayment, "payment"},
    {PaymentKind::kRefund, "refund"},
};
constexpr std::pair<PaymentMethod, std::string_view> kMethods[] = {
    {PaymentMethod::kCash, "cash"},
    {PaymentMethod::kBank, "bank"},
    {PaymentMethod::kOther, "other"},
};

constexpr const char* kStandardColumns =
    "effective_from, student_fen, no_income_fen, farmer_fen, low_wage_fen, wage_threshold_fen, "
    "wage_per_mille, max_fen, start_offset_months, branch_keep_percent, committee_keep_percent, "
    "created_at, created_by";

constexpr const char* kMemberSelect =
    "SELECT m.id, m.name, m.member_no, m.org_id, o.name, o.path, m.occupation, m.join_date, m.status, "
    "m.dues_category, m.wage_fen FROM members m JOIN orgs o ON o.id = m.org_id";

// What a ledger needs of a member, in kMemberSelect's column order (no names, no join).
constexpr const char* kLedgerSelect =
    "SELECT m.id, '', NULL, m.org_id, '', '', m.occupation, m.join_date, m.status, m.dues_category, m.wage_fen "
    "FROM members m";

DuesMember RowToMember(const Row& r) {
  DuesMember m;
  m.member_id = r.Int(0);
  m.name = r.Str(1);
  m.member_no = r.OptStr(2);
  m.org_id = r.Int(3);
  m.org_name = r.Str(4);
  m.org_path = r.Str(5);
  m.occupation = r.Str(6);
  m.join_date = r.Day(7);
  m.status = ParseName(domain::MemberStatusNames(), r.Str(8)).value_or(domain::MemberStatus::kActive);
  if (auto c = r.OptStr(9)) m.category = ParseName(domain::DuesCategoryNames(), *c);
  m.wage_fen = r.OptInt(10);
  return m;
}

}  // namespace

EnumNames<PaymentKind> PaymentKindNames() { return kKinds; }
EnumNames<PaymentMethod> PaymentMethodNames() { return kMethods; }

Result<std::vector<StoredStandard>> DuesRepository::Standards() {
  auto r = c_.Query(std::string("SELECT ") + kStandardColumns + " FROM dues_standards ORDER BY effective_from DESC");
  if (!r) return Fail(r.error());
  std::vector<StoredStandard> out;
  for (const auto& row : r->rows) {
    StoredStandard s;
    auto& d = s.standard;
    d.effective_from = row.Day(0);
    d.student_fen = row.Int(1);
    d.no_income_fen = row.Int(2);
    d.farmer_fen = row.Int(3);
    d.low_wage_fen = row.Int(4);
    d.wage_threshold_fen = row.Int(5);
    d.wage_per_mille = static_cast<int>(row.Int(6));
    d.max_fen = row.Int(7);
    d.start_offset_months = static_cast<int>(row.Int(8));
    d.branch_keep_percent = static_cast<int>(row.Int(9));
    d.committee_keep_percent = static_cast<int>(row.Int(10));
    s.created_at = row.At(11);
    s.created_by = row.Str(12);
    out.push_back(std::move(s));
  }
  return out;
}

Result<void> DuesRepository::InsertStandard(const domain::DuesStandard& d, Instant now, std::string_view by) {
  auto r = c_.Query(std::string("INSERT INTO dues_standards (") + kStandardColumns +
                        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                    {DateValue(d.effective_from), Int(d.student_fen), Int(d.no_income_fen), Int(d.farmer_fen),
                     Int(d.low_wage_fen), Int(d.wage_threshold_fen), Int(d.wage_per_mille), Int(d.max_fen),
                     Int(d.start_offset_months), Int(d.branch_keep_percent), Int(d.committee_keep_percent),
                     At(now), Text(by)});
  if (!r) return Fail(r.error());
  return {};
}

Result<void> DuesRepository::SetProfile(int64_t member_id, domain::Month from,
                                        std::optional<domain::DuesCategory> category,
                                        std::optional<int64_t> wage_fen, Instant now, std::string_view by) {
  Value cat = category ? EnumValue(domain::DuesCategoryNames(), *category) : Value(Null{});
  auto p = c_.Query(
      "INSERT INTO dues_profiles (member_id, from_month, category, wage_fen, created_at, created_by) VALUES "
      "($1, $2, $3, $4, $5, $6) ON CONFLICT (member_id, from_month) DO UPDATE SET category = excluded.category, "
      "wage_fen = excluded.wage_fen, created_at = excluded.created_at, created_by = excluded.created_by",
      {Int(member_id), Int(from), cat, OptInt(wage_fen), At(now), Text(by)});
  if (!p) return Fail(p.error());
  // The member's row keeps the latest profile.
  auto latest = c_.Query(
      "SELECT category, wage_fen FROM dues_profiles WHERE member_id = $1 ORDER BY from_month DESC LIMIT 1",
      {Int(member_id)});
  if (!latest) return Fail(latest.error());
  const auto& row = latest->rows.at(0);
  auto r = c_.Query("UPDATE members SET dues_category = $1, wage_fen = $2, updated_at = $3 WHERE id = $4",
                    {row.OptStr(0) ? Text(*row.OptStr(0)) : Value(Null{}), OptInt(row.OptInt(1)), At(now),
                     Int(member_id)});
  if (!r) return Fail(r.error());
  return {};
}

Result<std::map<int64_t, std::vector<DuesProfile>>> DuesRepository::Profiles(const MemberIds& member_ids) {
  std::map<int64_t, std::vector<DuesProfile>> out;
  auto r = Profiles(member_ids,
                    [&](int64_t member_id, const DuesProfile& p) { out[member_id].push_back(p); });
  if (!r) return Fail(r.error());
  return out;
}

Result<void> DuesRepository::Profiles(
    const MemberIds& member_ids, const std::function<void(int64_t, const DuesProfile&)>& each) {
  return ForMembers(member_ids,
                    "SELECT member_id, from_month, category, wage_fen FROM dues_profiles",
                    "member_id", Where(), " ORDER BY member_id, from_month", [&](const Row& row) {
                      DuesProfile p;
                      p.from_month = static_cast<domain::Month>(row.Int(1));
                      if (!row.IsNull(2))
                        p.category = ParseName(domain::DuesCategoryNames(), row.Str(2));
                      p.wage_fen = row.OptInt(3);
                      each(row.Int(0), p);
                    });
}

Result<void> DuesRepository::ForMembers(const MemberIds& ids, std::string_view select,
                                        std::string_view column, const Where& also,
                                        std::string_view tail,
                                        const std::function<void(const Row&)>& each) {
  if (const auto* range = std::get_if<IdRange>(&ids)) {
    // Every member's rows at national size: streamed, never held whole.
    Where w = also;
    w.Add(std::string(column) + " >= $?", Int(range->first));
    w.Add(std::string(column) + " <= $?", Int(range->last));
    auto r = c_.Scan(std::string(select) + w.sql() + std::string(tail), w.params(), each);
    if (!r) return Fail(r.error());
    return {};
  }
  const auto& list = std::get<std::vector<int64_t>>(ids);
  constexpr size_t kChunk = 500;
  for (size_t start = 0; start < list.size(); start += kChunk) {
    std::vector<int64_t> chunk(list.begin() + static_cast<std::ptrdiff_t>(start),
                               list.begin() + static_cast<std::ptrdiff_t>(std::min(list.size(), start + kChunk)));
    Where w = also;
    w.AddRaw(std::string(column) + " IN (" + IdParams(w, chunk) + ")");
    auto r = c_.Query(std::string(select) + w.sql() + std::string(tail), w.params());
    if (!r) return Fail(r.error());
    for (const auto& row : r->rows) each(row);
  }
  return {};
}

Result<std::optional<DuesMember>> DuesRepository::Member(int64_t member_id) {
  auto r = c_.Query(std::string(kMemberSelect) + " WHERE m.id = $1", {Int(member_id)});
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return std::optional<DuesMember>();
  return std::optional<DuesMember>(RowToMember(r->rows[0]));
}

Result<std::vector<DuesMember>> DuesRepository::LedgerMembers(const MemberIds& member_ids) {
  std::vector<DuesMember> out;
  auto r = ForMembers(member_ids, kLedgerSelect, "m.id", Where(), "",
                      [&](const Row& row) { out.push_back(RowToMember(row)); });
  if (!r) return Fail(r.error());
  return out;
}

Result<void> DuesRepository::LedgerMembersInStanding(
    IdRange range, const std::function<void(const LedgerFacts&)>& each) {
  // Only the statuses in standing, so the status itself need not be read.
  Where w;
  std::string statuses;
  for (const auto& [status, name] : domain::MemberStatusNames())
    if (domain::InStanding(status))
      statuses += (statuses.empty() ? "" : ", ") + w.Param(Text(name));
  w.AddRaw("m.status IN (" + statuses + ")");
  LedgerFacts f;
  return ForMembers(range, "SELECT m.id, m.org_id, m.occupation, m.join_date FROM members m",
                    "m.id", w, "", [&](const Row& row) {
                      f.member_id = row.Int(0);
                      f.org_id = row.Int(1);
                      f.occupation = row.Str(2);
                      f.join_date = row.Day(3);
                      each(f);
                    });
}

Result<std::vector<DuesMember>> DuesRepository::Members(const std::string& scope_path, std::optional<int64_t> org_id) {
  Where w;
  w.Add("o.path >= $?", Text(scope_path));
  w.Add("o.path < $?", Text(domain::SubtreeUpperBound(scope_path)));
  if (org_id) w.Add("m.org_id = $?", Int(*org_id));
  w.AddRaw("m.status IN ('active', 'mobile', 'lost_contact')");
  auto r = c_.Query(std::string(kMemberSelect) + w.sql() + " ORDER BY o.path, m.name, m.id", w.params());
  if (!r) return Fail(r.error());
  std::vector<DuesMember> out;
  for (const auto& row : r->rows) out.push_back(RowToMember(row));
  return out;
}

Result<int64_t> DuesRepository::InsertPayment(const Payment& p, Instant now) {
  auto r = c_.Query(
      "INSERT INTO dues_payments (member_id, org_id, kind, paid_on, method, receipt_no, amount_fen, months, "
      "note, created_at, created_by, province_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
      "(SELECT province_id FROM orgs WHERE id = $2)) RETURNING id, province_id",
      {Int(p.member_id), Int(p.org_id), EnumValue(PaymentKindNames(), p.kind), DateValue(p.paid_on),
       EnumValue(PaymentMethodNames(), p.method), Text(p.receipt_no), Int(p.amount_fen), Int(p.months),
       Text(p.note), At(now), Text(p.created_by)});
  if (!r) return Fail(r.error());
  int64_t id = r->rows.at(0).Int(0);
  const int64_t province = r->rows.at(0).Int(1);  // the payment's, as its allocations'
  for (const auto& [month, amount] : p.allocations) {
    auto a = c_.Query(
        "INSERT INTO dues_allocations (payment_id, member_id, month, amount_fen, province_id) "
        "VALUES ($1, $2, $3, $4, $5)",
        {Int(id), Int(p.member_id), Int(month), Int(amount), Int(province)});
    if (!a) return Fail(a.error());
  }
  return id;
}

Result<std::map<int64_t, std::map<domain::Month, int64_t>>> DuesRepository::Paid(const MemberIds& member_ids) {
  std::map<int64_t, std::map<domain::Month, int64_t>> out;
  auto r = ForMembers(member_ids, "SELECT member_id, month, SUM(amount_fen) FROM dues_allocations", "member_id",
                      Where(), " GROUP BY member_id, month",
                      [&](const Row& row) { out[row.Int(0)][static_cast<domain::Month>(row.Int(1))] = row.Int(2); });
  if (!r) return Fail(r.error());
  return out;
}

Result<void> DuesRepository::Paid(
    const MemberIds& member_ids, domain::Month from, domain::Month to,
    const std::function<void(int64_t, domain::Month, int64_t)>& each) {
  Where w;
  w.Add("month >= $?", Int(from));
  w.Add("month < $?", Int(to));
  return ForMembers(member_ids, "SELECT member_id, month, SUM(amount_fen) FROM dues_allocations",
                    "member_id", w, " GROUP BY member_id, month ORDER BY member_id, month",
                    [&](const Row& row) {
                      each(row.Int(0), static_cast<domain::Month>(row.Int(1)), row.Int(2));
                    });
}

Result<std::vector<Payment>> DuesRepository::MemberPayments(int64_t member_id) {
  auto r = c_.Query(
      "SELECT id, member_id, org_id, kind, paid_on, method, receipt_no, amount_fen, months, note, created_at, "
      "created_by FROM dues_payments WHERE member_id = $1 ORDER BY paid_on DESC, id DESC",
      {Int(member_id)});
  if (!r) return Fail(r.error());
  std::vector<Payment> out;
  for (const auto& row : r->rows) {
    Payment p;
    p.id = row.Int(0);
    p.member_id = row.Int(1);
    p.org_id = row.Int(2);
    p.kind = ParseName(PaymentKindNames(), row.Str(3)).value_or(PaymentKind::kPayment);
    p.paid_on = row.Day(4);
    p.method = ParseName(PaymentMethodNames(), row.Str(5)).value_or(PaymentMethod::kOther);
    p.receipt_no = row.Str(6);
    p.amount_fen = row.Int(7);
    p.months = static_cast<int>(row.Int(8));
    p.note = row.Str(9);
    p.created_at = row.At(10);
    p.created_by = row.Str(11);
    out.push_back(std::move(p));
  }
  auto alloc = c_.Query(
      "SELECT payment_id, month, amount_fen FROM dues_allocations WHERE member_id = $1 ORDER BY payment_id, month",
      {Int(member_id)});
  if (!alloc) return Fail(alloc.error());
  for (const auto& row : alloc->rows)
    for (auto& p : out)
      if (p.id == row.Int(0)) p.allocations.emplace_back(static_cast<domain::Month>(row.Int(1)), row.Int(2));
  return out;
}

Result<int64_t> DuesRepository::Collected(int64_t org_id, Date from, Date to) {
  auto r = c_.Query(
      "SELECT COALESCE(SUM(amount_fen), 0) FROM dues_payments WHERE org_id = $1 AND paid_on >= $2 AND paid_on <= $3",
      {Int(org_id), DateValue(from), DateValue(to)});
  if (!r) return Fail(r.error());
  return r->rows.at(0).Int(0);
}

Result<int64_t> DuesRepository::InsertRemittance(const Remittance& m) {
  auto r = c_.Query(
      "INSERT INTO dues_remittances (org_id, from_month, to_month, collected_fen, received_fen, kept_fen, "
      "remitted_fen, keep_percent, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
      "RETURNING id",
      {Int(m.org_id), Int(m.from_month), Int(m.to_month), Int(m.collected_fen), Int(m.received_fen),
       Int(m.kept_fen), Int(m.remitted_fen), Int(m.keep_percent), At(m.created_at), Text(m.created_by)});
  if (!r) return Fail(r.error());
  return r->rows.at(0).Int(0);
}

Result<std::vector<Remittance>> DuesRepository::Remittances(const std::vector<int64_t>& org_ids, domain::Month from,
                                                            domain::Month to) {
  std::vector<Remittance> out;
  if (org_ids.empty()) return out;
  Where w;
  std::string in = IdParams(w, org_ids);
  std::string f = w.Param(Int(from));
  std::string t = w.Param(Int(to));
  auto r = c_.Query(
      "SELECT d.id, d.org_id, o.name, d.from_month, d.to_month, d.collected_fen, d.received_fen, d.kept_fen, "
      "d.remitted_fen, d.keep_percent, d.created_at, d.created_by FROM dues_remittances d JOIN orgs o ON o.id = "
      "d.org_id WHERE d.org_id IN (" + in + ") AND d.from_month = " + f + " AND d.to_month = " + t +
          " ORDER BY o.path",
      w.params());
  if (!r) return Fail(r.error());
  for (const auto& row : r->rows) {
    Remittance m;
    m.id = row.Int(0);
    m.org_id = row.Int(1);
    m.org_name = row.Str(2);
    m.from_month = static_cast<domain::Month>(row.Int(3));
    m.to_month = static_cast<domain::Month>(row.Int(4));
    m.collected_fen = row.Int(5);
    m.received_fen = row.Int(6);
    m.kept_fen = row.Int(7);
    m.remitted_fen = row.Int(8);
    m.keep_percent = static_cast<int>(row.Int(9));
    m.created_at = row.At(10);
    m.created_by = row.Str(11);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace tj::store
