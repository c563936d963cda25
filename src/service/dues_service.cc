#include "service/dues_service.h"

#include <algorithm>
#include <span>

#include "base/date_field.h"
#include "base/json_writer.h"
#include "base/text.h"
#include "service/audit_service.h"
#include "service/index_update.h"
#include "service/org_service.h"
#include "store/org_repository.h"

namespace tj::service {
namespace {

using domain::DuesStandard;
using domain::LedgerMonth;
using domain::Month;
using domain::Permission;
using store::DuesRepository;
using store::TxMode;

constexpr int kMaxMonthsAPayment = 24;

std::vector<DuesStandard> Plain(const std::vector<store::StoredStandard>& all) {
  std::vector<DuesStandard> out;
  for (const auto& s : all) out.push_back(s.standard);
  return out;
}

domain::DuesCategory CategoryOf(const store::DuesMember& m) {
  return m.category.value_or(domain::CategoryFromOccupation(m.occupation));
}

using Profiles = std::vector<store::DuesProfile>;

// The member's monthly amount in month `mo`: by the category and wage in force that month (the
// occupation's category and no wage before any was recorded) and the standard of that month.
int64_t DueIn(const store::DuesMember& m, const Profiles& profiles, const std::vector<DuesStandard>& standards,
              Month mo) {
  const store::DuesProfile* p = nullptr;
  for (const auto& x : profiles)
    if (x.from_month <= mo) p = &x;
  auto category = p && p->category ? *p->category : domain::CategoryFromOccupation(m.occupation);
  std::optional<int64_t> wage = p ? p->wage_fen : std::nullopt;
  return domain::MonthlyDue(category, wage, domain::StandardOn(standards, domain::FirstDay(mo)));
}

// What the member owes each month: from the first due month through `through`, and any
// month paid beyond it.
std::vector<LedgerMonth> BuildLedger(const store::DuesMember& m, const Profiles& profiles,
                                     const std::vector<DuesStandard>& standards,
                                     const std::map<Month, int64_t>& paid, Month through) {
  Month first = domain::FirstDueMonth(m.join_date, domain::StandardOn(standards, m.join_date));
  Month last = through;
  if (!paid.empty()) last = std::max(last, paid.rbegin()->first);
  std::vector<LedgerMonth> out;
  for (Month mo = first; mo <= last; ++mo) {
    LedgerMonth l;
    l.month = mo;
    l.due_fen = DueIn(m, profiles, standards, mo);
    if (auto it = paid.find(mo); it != paid.end()) l.paid_fen = it->second;
    out.push_back(l);
  }
  return out;
}

int64_t Owed(const std::vector<LedgerMonth>& months, Month through) {
  int64_t owed = 0;
  for (const auto& l : months)
    if (l.month <= through && !l.settled()) owed += l.due_fen - l.paid_fen;
  return owed;
}

// The ledger rules over a window of months [first, first + months), worked out once for many
// members: the standard in force each month, each category's amount without a wage each month,
// and the first due month of a day of admission.
class WindowRules {
 public:
  WindowRules(const std::vector<DuesStandard>& standards, Month first, int months)
      : first_(first),
        end_(first + months),
        default_offset_(domain::DefaultDuesStandard().start_offset_months) {
    for (Month mo = first; mo < end_; ++mo)
      standard_.push_back(domain::StandardOn(standards, domain::FirstDay(mo)));
    for (const auto& [category, name] : domain::DuesCategoryNames()) {
      if (Index(category) >= no_wage_due_.size()) no_wage_due_.resize(Index(category) + 1);
      for (const auto& s : standard_)
        no_wage_due_[Index(category)].push_back(domain::MonthlyDue(category, std::nullopt, s));
    }
    // As StandardOn picks: the latest effective day not after the day asked; of equal days, the
    // first listed (the stable sort keeps it first, unique keeps the first).
    for (const auto& s : standards) offsets_.emplace_back(s.effective_from, s.start_offset_months);
    std::stable_sort(offsets_.begin(), offsets_.end(),
                     [](const auto& a, const auto& b) { return Before(a.first, b.first); });
    offsets_.erase(std::unique(offsets_.begin(), offsets_.end(),
                               [](const auto& a, const auto& b) { return a.first == b.first; }),
                   offsets_.end());
  }
  Month end() const { return end_; }
  // The first month of a member's part: their first due month (FirstDueMonth by the standard
  // of the day of admission), or the window's first.
  Month StartOf(Date join_date) const {
    auto it = std::upper_bound(offsets_.begin(), offsets_.end(), join_date,
                               [](Date d, const auto& o) { return Before(d, o.first); });
    int offset = it == offsets_.begin() ? default_offset_ : std::prev(it)->second;
    return std::max(first_, domain::MonthOf(join_date) + offset);
  }
  // The monthly amount in a month of the window (MonthlyDue by the standard of its first day).
  int64_t Due(domain::DuesCategory c, std::optional<int64_t> wage_fen, Month mo) const {
    auto k = static_cast<size_t>(mo - first_);
    return wage_fen ? domain::MonthlyDue(c, wage_fen, standard_[k]) : no_wage_due_[Index(c)][k];
  }

 private:
  static size_t Index(domain::DuesCategory c) { return static_cast<size_t>(c); }

  Month first_, end_;
  int default_offset_;
  std::vector<DuesStandard> standard_;
  std::vector<std::vector<int64_t>> no_wage_due_;  // by category, then month
  std::vector<std::pair<Date, int>> offsets_;      // by effective day
};

// Calls add(due_fen, paid_fen) for each month of a member's part, from `start` (StartOf) to the
// window's end: what is due (DueIn: the category and wage of the profile in force that month,
// `profiles` oldest first, else `own` from the occupation and no wage; the month's standard)
// and what was paid for it (`paid` to `paid_end`: (month, fen) by month).
template <typename PaidIt, typename Add>
void ForEachPartMonth(const WindowRules& w, Month start, domain::DuesCategory own,
                      std::span<const store::DuesProfile> profiles, PaidIt paid, PaidIt paid_end,
                      Add&& add) {
  const store::DuesProfile* p = nullptr;
  size_t next = 0;
  for (Month mo = start; mo < w.end(); ++mo) {
    for (; next < profiles.size() && profiles[next].from_month <= mo; ++next) p = &profiles[next];
    while (paid != paid_end && paid->first < mo) ++paid;
    int64_t paid_fen = paid != paid_end && paid->first == mo ? paid->second : 0;
    add(w.Due(p && p->category ? *p->category : own, p ? p->wage_fen : std::nullopt, mo), paid_fen);
  }
}

// The member's part of the dues index over the window: every month of their ledger in it,
// nothing for a member not in standing.
stats::DuesPart PartOf(const store::DuesMember& m, const Profiles& profiles, const WindowRules& w,
                       const std::map<Month, int64_t>& paid) {
  stats::DuesPart part;
  part.org_id = m.org_id;
  if (!domain::InStanding(m.status)) return part;
  part.first_month = w.StartOf(m.join_date);
  ForEachPartMonth(w, part.first_month, domain::CategoryFromOccupation(m.occupation), profiles,
                   paid.begin(), paid.end(),
                   [&](int64_t due, int64_t fen) { part.months.push_back({due, fen}); });
  return part;
}

// The index's window (IndexWindowStart): this year and last year.
constexpr int kIndexMonths = 24;

Date LastDay(Month m) { return Date(std::chrono::sys_days(domain::FirstDay(m + 1)) - std::chrono::days(1)); }

}  // namespace

Result<store::DuesMember> DuesService::MemberInScope(store::Connection& c, const Actor& a, int64_t member_id) {
  auto m = DuesRepository(c).Member(member_id);
  if (!m) return Fail(m.error());
  if (!*m || !domain::InSubtree(a.org_path, (*m)->org_path)) return Fail(Error::NotFound("member.not_found"));
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  return std::move(**m);
}

namespace {

// What the ledgers of some members are computed from.
struct LedgerInputs {
  std::vector<DuesStandard> standards;
  std::map<int64_t, std::map<Month, int64_t>> paid;
  std::map<int64_t, Profiles> profiles;
};

Result<LedgerInputs> InputsOf(DuesRepository& repo, const DuesRepository::MemberIds& member_ids) {
  LedgerInputs in;
  auto standards = repo.Standards();
  if (!standards) return Fail(standards.error());
  in.standards = Plain(*standards);
  auto paid = repo.Paid(member_ids);
  if (!paid) return Fail(paid.error());
  in.paid = std::move(*paid);
  auto profiles = repo.Profiles(member_ids);
  if (!profiles) return Fail(profiles.error());
  in.profiles = std::move(*profiles);
  return in;
}

Result<LedgerInputs> InputsOf(DuesRepository& repo, const std::vector<store::DuesMember>& members) {
  std::vector<int64_t> ids;
  ids.reserve(members.size());
  for (const auto& m : members) ids.push_back(m.member_id);
  return InputsOf(repo, ids);
}

// The parts of `members` given their payments and profiles (absent: none).
std::vector<stats::DuesPart> PartsOf(const std::vector<store::DuesMember>& members,
                                     const std::vector<DuesStandard>& standards,
                                     const std::map<int64_t, std::map<Month, int64_t>>& paid,
                                     const std::map<int64_t, Profiles>& profiles, Month first, int months) {
  static const Profiles kNoProfiles;
  static const std::map<Month, int64_t> kNothingPaid;
  const WindowRules rules(standards, first, months);
  std::vector<stats::DuesPart> out;
  out.reserve(members.size());
  for (const auto& m : members) {
    auto p = profiles.find(m.member_id);
    auto q = paid.find(m.member_id);
    out.push_back(PartOf(m, p == profiles.end() ? kNoProfiles : p->second, rules,
                         q == paid.end() ? kNothingPaid : q->second));
  }
  return out;
}

}  // namespace

Result<std::vector<stats::DuesPart>> DuesPartsOf(store::Connection& c, const DuesRepository::MemberIds& member_ids,
                                                Month first, int months) {
  DuesRepository repo(c);
  auto members = repo.LedgerMembers(member_ids);
  if (!members) return Fail(members.error());
  if (members->empty()) return std::vector<stats::DuesPart>{};
  auto in = InputsOf(repo, member_ids);
  if (!in) return Fail(in.error());
  return PartsOf(*members, in->standards, in->paid, in->profiles, first, months);
}

Result<std::vector<stats::DuesPart>> NewMemberDuesParts(store::Connection& c,
                                                       const std::vector<store::DuesMember>& members, Month first,
                                                       int months) {
  auto standards = DuesRepository(c).Standards();
  if (!standards) return Fail(standards.error());
  return PartsOf(members, Plain(*standards), {}, {}, first, months);
}

Result<void> DuesService::RebuildIndex() {
  if (!d_.dues) return {};
  std::unique_lock<std::shared_mutex> gate;
  if (d_.gate) gate = d_.gate->ForRebuild();
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  if (auto b = (*conn)->Begin(TxMode::kRead); !b) return Fail(b.error());
  auto built = [&]() -> Result<stats::DuesIndex::Builder> {
    Month first = domain::MonthOf(IndexWindowStart(d_.Today()));
    auto orgs = store::OrgRepository(**conn).AllNodes();
    if (!orgs) return Fail(orgs.error());
    std::vector<stats::DuesOrg> org_list;
    org_list.reserve(orgs->size());
    for (const auto& o : *orgs) org_list.push_back({o.id, o.parent_id});
    stats::DuesIndex::Builder builder(org_list, first, kIndexMonths);
    DuesRepository repo(**conn);
    auto standards = repo.Standards();
    if (!standards) return Fail(standards.error());
    const WindowRules rules(Plain(*standards), first, kIndexMonths);
    // Members in ranges of ids: a range's payments (of the window's months) and profiles are
    // held, by member, then its members stream past and each one's months go straight into the
    // builder, so memory stays that of one range's payments and profiles at national size and
    // no member costs an allocation.
    std::vector<int64_t> paid_by;  // paid_by[i] paid paid[i]
    std::vector<std::pair<Month, int64_t>> paid;
    std::vector<int64_t> profile_of;  // profile_of[i] has profiles[i]
    std::vector<store::DuesProfile> profiles;
    std::vector<stats::DuesMonthPart> months;
    auto span = (*conn)->Query("SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), -1) FROM members");
    if (!span) return Fail(span.error());
    constexpr int64_t kRange = 500000;
    for (int64_t lo = span->rows.at(0).Int(0), hi = span->rows.at(0).Int(1); lo <= hi; lo += kRange) {
      DuesRepository::IdRange range{lo, std::min(hi, lo + kRange - 1)};
      paid_by.clear();
      paid.clear();
      profile_of.clear();
      profiles.clear();
      auto p = repo.Paid(range, first, rules.end(), [&](int64_t member_id, Month mo, int64_t fen) {
        paid_by.push_back(member_id);
        paid.emplace_back(mo, fen);
      });
      if (!p) return Fail(p.error());
      auto q = repo.Profiles(range, [&](int64_t member_id, const store::DuesProfile& x) {
        profile_of.push_back(member_id);
        profiles.push_back(x);
      });
      if (!q) return Fail(q.error());
      // Both come by member (and month), so a member's are a run found by binary search.
      auto run = [](const std::vector<int64_t>& ids, int64_t id) {
        auto [b, e] = std::equal_range(ids.begin(), ids.end(), id);
        return std::pair{static_cast<size_t>(b - ids.begin()),
                         static_cast<size_t>(e - ids.begin())};
      };
      auto r = repo.LedgerMembersInStanding(range, [&](const store::LedgerFacts& m) {
        auto [pb, pe] = run(paid_by, m.member_id);
        auto [fb, fe] = run(profile_of, m.member_id);
        Month start = rules.StartOf(m.join_date);
        months.clear();
        ForEachPartMonth(rules, start, domain::CategoryFromOccupation(m.occupation),
                         std::span<const store::DuesProfile>(profiles).subspan(fb, fe - fb),
                         paid.begin() + static_cast<std::ptrdiff_t>(pb),
                         paid.begin() + static_cast<std::ptrdiff_t>(pe),
                         [&](int64_t due, int64_t fen) { months.push_back({due, fen}); });
        builder.Add(m.org_id, start, months);
      });
      if (!r) return Fail(r.error());
    }
    return builder;
  }();
  (void)(*conn)->Rollback();
  if (!built) return Fail(built.error());
  d_.dues->Rebuild(std::move(*built));
  return {};
}

Result<MemberLedger> DuesService::LedgerOf(store::Connection& c, const store::DuesMember& m, Date today) {
  DuesRepository repo(c);
  auto in = InputsOf(repo, std::vector<int64_t>{m.member_id});
  if (!in) return Fail(in.error());
  auto payments = repo.MemberPayments(m.member_id);
  if (!payments) return Fail(payments.error());
  MemberLedger out;
  out.member = m;
  out.category = CategoryOf(m);
  out.monthly_fen = DueIn(m, in->profiles[m.member_id], in->standards, domain::MonthOf(today));
  Month now = domain::MonthOf(today);
  out.months = BuildLedger(m, in->profiles[m.member_id], in->standards, in->paid[m.member_id], now);
  out.payments = std::move(*payments);
  out.arrears_months = domain::ConsecutiveArrears(out.months, now - 1);
  out.owed_fen = Owed(out.months, now);
  return out;
}

Result<std::vector<store::StoredStandard>> DuesService::Standards(const Actor& a) {
  if (!a.Can(Permission::kMemberRead) && !a.Can(Permission::kDuesStandards)) return Fail(Error::Forbidden());
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  return DuesRepository(**conn).Standards();
}

Result<store::StoredStandard> DuesService::PutStandard(const Actor& a, const StandardFields& f) {
  if (!a.Can(Permission::kDuesStandards) || !a.WholeTree()) return Fail(Error::Forbidden());
  DuesStandard s = domain::DefaultDuesStandard();
  std::vector<ErrorDetail> details;
  auto from = ParseDate(Trim(f.effective_from.value_or("")));
  if (!f.effective_from || Trim(*f.effective_from).empty())
    details.push_back(FieldError("effective_from", "required", "common.required"));
  else if (!from)
    details.push_back(FieldError("effective_from", "invalid_format", "common.date_format"));
  else
    s.effective_from = *from;
  auto set = [](auto& field, const std::optional<int64_t>& v) {
    if (v) field = static_cast<std::remove_reference_t<decltype(field)>>(std::clamp<int64_t>(*v, -1, 1000000000));
  };
  set(s.student_fen, f.student_fen);
  set(s.no_income_fen, f.no_income_fen);
  set(s.farmer_fen, f.farmer_fen);
  set(s.low_wage_fen, f.low_wage_fen);
  set(s.wage_threshold_fen, f.wage_threshold_fen);
  set(s.wage_per_mille, f.wage_per_mille);
  set(s.max_fen, f.max_fen);
  set(s.start_offset_months, f.start_offset_months);
  set(s.branch_keep_percent, f.branch_keep_percent);
  set(s.committee_keep_percent, f.committee_keep_percent);
  if (auto v = domain::ValidateDuesStandard(s); !v) details.insert(details.end(), v.error().details.begin(), v.error().details.end());
  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  auto out = store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<store::StoredStandard> {
    Instant now = d_.clock.Now();
    if (auto r = DuesRepository(c).InsertStandard(s, now, a.username); !r) {
      if (r.error().code == ErrorCode::kConflict)
        return Fail(Error::Conflict("dues.standard_exists", {{"date", FormatDate(s.effective_from)}}));
      return Fail(r.error());
    }
    std::string summary = JsonObjectWriter()
                              .Str("effective_from", FormatDate(s.effective_from))
                              .Int("student_fen", s.student_fen)
                              .Int("farmer_fen", s.farmer_fen)
                              .Int("low_wage_fen", s.low_wage_fen)
                              .Int("max_fen", s.max_fen)
                              .Int("committee_keep_percent", s.committee_keep_percent)
                              .str();
    if (auto r = AppendAudit(c, d_.clock, a, {"dues.standard", "dues_standard", 0, a.org_id, summary}); !r)
      return Fail(r.error());
    return store::StoredStandard{s, now, a.username};
  });
  // Every ledger may have changed; the index is rebuilt (should that fail, the daily rebuild
  // catches up, and the statistics of months it covers lag until then).
  if (out) (void)RebuildIndex();
  return out;
}

Result<MemberLedger> DuesService::SetProfile(const Actor& a, int64_t member_id,
                                             const std::optional<std::string>& category,
                                             std::optional<int64_t> wage_fen, bool clear_wage,
                                             const std::optional<std::string>& from) {
  IndexUpdate idx(d_);
  auto out = store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<MemberLedger> {
    auto m = MemberInScope(c, a, member_id);
    if (!m) return Fail(m.error());
    if (!a.Can(Permission::kDuesWrite)) return Fail(Error::Forbidden());
    if (auto r = idx.Before(c, {member_id}); !r) return Fail(r.error());
    std::vector<ErrorDetail> details;
    std::optional<domain::DuesCategory> cat = m->category;
    if (category) {
      if (category->empty()) cat.reset();
      else if (auto p = ParseName(domain::DuesCategoryNames(), *category)) cat = *p;
      else details.push_back(FieldError("category", "invalid_enum", "common.invalid_enum"));
    }
    std::optional<int64_t> wage = clear_wage ? std::nullopt : m->wage_fen;
    if (wage_fen) {
      if (*wage_fen < 0 || *wage_fen > 100000000)
        details.push_back(FieldError("wage_fen", "out_of_range", "common.out_of_range", {{"min", "0"}, {"max", "100000000"}}));
      else
        wage = *wage_fen;
    }
    Month now_month = domain::MonthOf(d_.Today());
    Month from_month = now_month;
    if (from && !from->empty()) {
      auto parsed = domain::ParseMonth(*from);
      if (!parsed) details.push_back(FieldError("from", "invalid_format", "dues.month_format"));
      else if (*parsed > now_month + 12)
        details.push_back(FieldError("from", "out_of_range", "dues.profile_from_range"));
      else from_month = *parsed;
    }
    if (!details.empty()) return Fail(Error::Validation(std::move(details)));
    Instant now = d_.clock.Now();
    if (auto r = DuesRepository(c).SetProfile(member_id, from_month, cat, wage, now, a.username); !r)
      return Fail(r.error());
    JsonObjectWriter summary;
    summary.Str("from", domain::FormatMonth(from_month));
    summary.Str("category", cat ? NameOf(domain::DuesCategoryNames(), *cat) : "");
    summary.Bool("wage_on_record", wage.has_value());  // the wage itself stays out of the log
    if (auto r = AppendAudit(c, d_.clock, a, {"dues.profile", "member", member_id, m->org_id, summary.str()}); !r)
      return Fail(r.error());
    auto fresh = DuesRepository(c).Member(member_id);
    if (!fresh) return Fail(fresh.error());
    if (auto r = idx.After(c, {member_id}); !r) return Fail(r.error());
    return LedgerOf(c, **fresh, d_.Today());
  });
  if (out) idx.Apply();
  return out;
}

Result<MemberLedger> DuesService::OwnLedger(const Actor& a) {
  if (!a.member_id || !a.Can(Permission::kSelfService)) return Fail(Error::Forbidden());
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto m = DuesRepository(**conn).Member(*a.member_id);
  if (!m) return Fail(m.error());
  if (!*m) return Fail(Error::NotFound("member.not_found"));
  return LedgerOf(**conn, **m, d_.Today());
}

Result<MemberLedger> DuesService::Ledger(const Actor& a, int64_t member_id) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto m = MemberInScope(**conn, a, member_id);
  if (!m) return Fail(m.error());
  return LedgerOf(**conn, *m, d_.Today());
}

namespace {

// The checked fields of a payment or refund.
Result<store::Payment> ReadPayment(const PaymentFields& f, Date today, bool refund) {
  std::vector<ErrorDetail> details;
  store::Payment p;
  if (!f.months) details.push_back(FieldError("months", "required", "common.required"));
  else if (*f.months < 1 || *f.months > kMaxMonthsAPayment)
    details.push_back(FieldError("months", "out_of_range", "common.out_of_range",
                                 {{"min", "1"}, {"max", std::to_string(kMaxMonthsAPayment)}}));
  else
    p.months = static_cast<int>(*f.months);
  if (auto d = DayField("paid_on", f.paid_on, today, true, details)) p.paid_on = *d;
  std::string method = Trim(f.method.value_or("cash"));
  if (auto m = ParseName(store::PaymentMethodNames(), method)) p.method = *m;
  else details.push_back(FieldError("method", "invalid_enum", "common.invalid_enum"));
  p.receipt_no = Trim(f.receipt_no.value_or(""));
  if (Utf8Length(p.receipt_no) > 50)
    details.push_back(FieldError("receipt_no", "too_long", "common.too_long", {{"max", "50"}}));
  p.note = Trim(f.note.value_or(""));
  if (refund && p.note.empty()) details.push_back(FieldError("note", "required", "common.required"));
  if (Utf8Length(p.note) > 500) details.push_back(FieldError("note", "too_long", "common.too_long", {{"max", "500"}}));
  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  p.kind = refund ? store::PaymentKind::kRefund : store::PaymentKind::kPayment;
  return p;
}

}  // namespace

Result<MemberLedger> DuesService::Pay(const Actor& a, int64_t member_id, const PaymentFields& f) {
  Date today = d_.Today();
  IndexUpdate idx(d_);
  auto out = store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<MemberLedger> {
    auto m = MemberInScope(c, a, member_id);
    if (!m) return Fail(m.error());
    if (!a.Can(Permission::kDuesWrite)) return Fail(Error::Forbidden());
    if (auto r = idx.Before(c, {member_id}); !r) return Fail(r.error());
    auto p = ReadPayment(f, today, false);
    if (!p) return Fail(p.error());
    if (!domain::InStanding(m->status))
      return Fail(Error::Rule("member_not_in_standing", "dues.member_not_in_standing"));
    DuesRepository repo(c);
    auto in = InputsOf(repo, std::vector<int64_t>{member_id});
    if (!in) return Fail(in.error());
    const auto& plain = in->standards;
    const auto& own = in->profiles[member_id];
    auto months = BuildLedger(*m, own, plain, in->paid[member_id], domain::MonthOf(today));
    auto due_of = [&](Month mo) { return DueIn(*m, own, plain, mo); };
    p->allocations = domain::AllocatePayment(months, p->months, due_of);
    if (months.empty()) {
      // Admitted this month: the ledger starts later; pay from its first month.
      Month first = domain::FirstDueMonth(m->join_date, domain::StandardOn(plain, m->join_date));
      for (int i = 0; i < p->months; ++i) p->allocations.emplace_back(first + i, due_of(first + i));
    }
    p->member_id = member_id;
    p->org_id = m->org_id;
    p->created_by = a.username;
    for (const auto& [mo, amount] : p->allocations) p->amount_fen += amount;
    Instant now = d_.clock.Now();
    auto id = repo.InsertPayment(*p, now);
    if (!id) return Fail(id.error());
    std::string summary = JsonObjectWriter()
                              .Int("payment_id", *id)
                              .Int("amount_fen", p->amount_fen)
                              .Int("months", p->months)
                              .Str("from", domain::FormatMonth(p->allocations.front().first))
                              .Str("to", domain::FormatMonth(p->allocations.back().first))
                              .Str("receipt_no", p->receipt_no)
                              .str();
    if (auto r = AppendAudit(c, d_.clock, a, {"dues.payment", "member", member_id, m->org_id, summary}); !r)
      return Fail(r.error());
    if (auto r = idx.After(c, {member_id}); !r) return Fail(r.error());
    return LedgerOf(c, *m, today);
  });
  if (out) idx.Apply();
  return out;
}

Result<MemberLedger> DuesService::Refund(const Actor& a, int64_t member_id, const PaymentFields& f) {
  Date today = d_.Today();
  IndexUpdate idx(d_);
  auto out = store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<MemberLedger> {
    auto m = MemberInScope(c, a, member_id);
    if (!m) return Fail(m.error());
    if (!a.Can(Permission::kDuesWrite)) return Fail(Error::Forbidden());
    if (auto r = idx.Before(c, {member_id}); !r) return Fail(r.error());
    auto p = ReadPayment(f, today, true);
    if (!p) return Fail(p.error());
    auto ledger = LedgerOf(c, *m, today);
    if (!ledger) return ledger;
    // The latest paid months first.
    for (auto it = ledger->months.rbegin(); it != ledger->months.rend(); ++it) {
      if (static_cast<int>(p->allocations.size()) == p->months) break;
      if (it->paid_fen > 0) p->allocations.emplace_back(it->month, -it->paid_fen);
    }
    if (static_cast<int>(p->allocations.size()) < p->months)
      return Fail(Error::Rule("nothing_to_refund", "dues.nothing_to_refund",
                              {{"paid", std::to_string(p->allocations.size())}}));
    std::reverse(p->allocations.begin(), p->allocations.end());
    p->member_id = member_id;
    p->org_id = m->org_id;
    p->created_by = a.username;
    for (const auto& [mo, amount] : p->allocations) p->amount_fen += amount;
    Instant now = d_.clock.Now();
    auto id = DuesRepository(c).InsertPayment(*p, now);
    if (!id) return Fail(id.error());
    std::string summary = JsonObjectWriter()
                              .Int("payment_id", *id)
                              .Int("amount_fen", p->amount_fen)
                              .Int("months", p->months)
                              .Str("note", p->note)
                              .str();
    if (auto r = AppendAudit(c, d_.clock, a, {"dues.refund", "member", member_id, m->org_id, summary}); !r)
      return Fail(r.error());
    if (auto r = idx.After(c, {member_id}); !r) return Fail(r.error());
    return LedgerOf(c, *m, today);
  });
  if (out) idx.Apply();
  return out;
}

Result<std::vector<GridRow>> DuesService::Grid(const Actor& a, int64_t org_id, int year) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto org = OrgInScope(**conn, a, org_id);
  if (!org) return Fail(org.error());
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  DuesRepository repo(**conn);
  auto members = repo.Members(org->path, org->id);
  if (!members) return Fail(members.error());
  auto in = InputsOf(repo, *members);
  if (!in) return Fail(in.error());
  const auto& plain = in->standards;
  auto& paid = in->paid;
  auto& profiles = in->profiles;
  Date today = d_.Today();
  Month now = domain::MonthOf(today);
  std::vector<GridRow> out;
  for (const auto& m : *members) {
    auto ledger = BuildLedger(m, profiles[m.member_id], plain, paid[m.member_id],
                              std::max(now, domain::MakeMonth(year, 12)));
    GridRow row;
    row.member = m;
    row.monthly_fen = DueIn(m, profiles[m.member_id], plain, now);
    for (int mo = 1; mo <= 12; ++mo) {
      Month month = domain::MakeMonth(year, mo);
      LedgerMonth l{month, 0, 0};
      for (const auto& x : ledger)
        if (x.month == month) l = x;
      row.months.push_back(l);
    }
    std::vector<LedgerMonth> through_now;
    for (const auto& x : ledger)
      if (x.month <= now) through_now.push_back(x);
    row.arrears_months = domain::ConsecutiveArrears(through_now, now - 1);
    out.push_back(std::move(row));
  }
  return out;
}

Result<store::Page<ArrearsRow>> DuesService::Arrears(const Actor& a, std::optional<int64_t> org_id, bool subtree,
                                                     int min_months, store::PageRequest page) {
  auto list = OpenScopedList(d_.db, a, org_id, subtree, Permission::kMemberRead);
  if (!list) return Fail(list.error());
  DuesRepository repo(*list->conn);
  auto members = repo.Members(list->scope.path, list->scope.only_org);
  if (!members) return Fail(members.error());
  auto in = InputsOf(repo, *members);
  if (!in) return Fail(in.error());
  const auto& plain = in->standards;
  auto& paid = in->paid;
  auto& profiles = in->profiles;
  Month now = domain::MonthOf(d_.Today());
  std::vector<ArrearsRow> all;
  for (const auto& m : *members) {
    auto ledger = BuildLedger(m, profiles[m.member_id], plain, paid[m.member_id], now);
    int n = domain::ConsecutiveArrears(ledger, now - 1);
    if (n < min_months) continue;
    all.push_back({m, n, Owed(ledger, now - 1), n >= 6});
  }
  std::stable_sort(all.begin(), all.end(), [](const auto& x, const auto& y) { return x.months > y.months; });
  store::Page<ArrearsRow> out;
  out.total = static_cast<int64_t>(all.size());
  for (int64_t i = page.offset(); i < out.total && i < page.offset() + page.size; ++i)
    out.items.push_back(all[static_cast<size_t>(i)]);
  return out;
}

Result<std::pair<DuesStats, std::vector<DuesStats>>> DuesService::Stats(const Actor& a, std::optional<int64_t> org_id,
                                                                        Month month) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto org = OrgInScope(**conn, a, org_id.value_or(a.org_id));
  if (!org) return Fail(org.error());
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  auto children = ActiveChildren(**conn, *org);
  if (!children) return Fail(children.error());
  DuesStats top{*org};
  std::vector<DuesStats> rows;
  for (auto& c : *children) rows.push_back(DuesStats{std::move(c)});
  // From the index when it covers the month (this year and last year), else from the tables.
  auto from_index = [&](DuesStats& s) {
    auto f = d_.dues ? d_.dues->Subtree(s.org.id, month) : std::nullopt;
    if (!f) return false;
    s.members_due = f->members_due;
    s.members_paid = f->members_paid;
    s.due_fen = f->due_fen;
    s.paid_fen = f->paid_fen;
    return true;
  };
  bool indexed = from_index(top);
  for (auto& r : rows) indexed = from_index(r) && indexed;
  if (indexed) return std::pair{top, std::move(rows)};
  top = DuesStats{top.org};
  for (auto& r : rows) r = DuesStats{r.org};
  DuesRepository repo(**conn);
  auto members = repo.Members(org->path, std::nullopt);
  if (!members) return Fail(members.error());
  auto in = InputsOf(repo, *members);
  if (!in) return Fail(in.error());
  auto parts = PartsOf(*members, in->standards, in->paid, in->profiles, month, 1);
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].months.empty()) continue;  // the ledger starts later
    const auto& p = parts[i].months.front();
    auto add = [&](DuesStats& s) {
      ++s.members_due;
      if (p.paid_fen >= p.due_fen) ++s.members_paid;
      s.due_fen += p.due_fen;
      s.paid_fen += p.paid_fen;
    };
    add(top);
    for (auto& r : rows)
      if (domain::InSubtree(r.org.path, (*members)[i].org_path)) add(r);
  }
  return std::pair{top, std::move(rows)};
}

Result<RemittanceView> DuesService::ViewOf(store::Connection& c, const domain::Org& org, Month from, Month to) {
  DuesRepository repo(c);
  auto own = repo.Remittances({org.id}, from, to);
  if (!own) return Fail(own.error());
  auto children = ActiveChildren(c, org);
  if (!children) return Fail(children.error());
  std::vector<int64_t> ids;
  for (const auto& ch : *children) ids.push_back(ch.id);
  auto theirs = repo.Remittances(ids, from, to);
  if (!theirs) return Fail(theirs.error());
  RemittanceView v;
  v.org = org;
  for (const auto& r : *theirs) v.children_remitted_fen += r.remitted_fen;
  for (const auto& ch : *children)
    if (std::none_of(theirs->begin(), theirs->end(), [&](const auto& r) { return r.org_id == ch.id; }))
      v.children_missing.push_back(ch.name);
  if (!own->empty()) {
    v.remittance = own->front();
    const auto& r = *v.remittance;
    v.reconciles = r.received_fen == v.children_remitted_fen &&
                   r.kept_fen + r.remitted_fen == r.collected_fen + r.received_fen;
  }
  return v;
}

Result<RemittanceView> DuesService::Remit(const Actor& a, int64_t org_id, Month from, Month to) {
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<RemittanceView> {
    auto org = OrgInScope(c, a, org_id);
    if (!org) return Fail(org.error());
    if (!a.Can(Permission::kDuesWrite)) return Fail(Error::Forbidden());
    if (to < from || to - from > 11)
      return Fail(Error::Validation({FieldError("to", "out_of_range", "dues.period_range")}));
    // A period is remitted once it has ended, so no later payment of it is left out.
    if (to >= domain::MonthOf(d_.Today()))
      return Fail(Error::Rule("period_not_ended", "dues.period_not_ended", {{"to", domain::FormatMonth(to)}}));
    DuesRepository repo(c);
    // What the children have remitted for the period so far; a child that records later shows
    // in the view as not reconciling (the children should remit first).
    auto children = ActiveChildren(c, *org);
    if (!children) return Fail(children.error());
    std::vector<int64_t> ids;
    for (const auto& ch : *children) ids.push_back(ch.id);
    auto theirs = repo.Remittances(ids, from, to);
    if (!theirs) return Fail(theirs.error());
    auto collected = repo.Collected(org->id, domain::FirstDay(from), LastDay(to));
    if (!collected) return Fail(collected.error());
    auto standards = repo.Standards();
    if (!standards) return Fail(standards.error());
    auto standard = domain::StandardOn(Plain(*standards), domain::FirstDay(from));
    bool top = domain::IsTopPath(org->path);
    int keep = top ? 100
               : org->type == domain::OrgType::kBranch || org->type == domain::OrgType::kGeneralBranch
                   ? standard.branch_keep_percent
                   : standard.committee_keep_percent;
    store::Remittance r;
    r.org_id = org->id;
    r.from_month = from;
    r.to_month = to;
    r.collected_fen = *collected;
    for (const auto& t : *theirs) r.received_fen += t.remitted_fen;
    auto split = domain::SplitDues(r.collected_fen + r.received_fen, keep);
    r.kept_fen = split.kept_fen;
    r.remitted_fen = split.remitted_fen;
    r.keep_percent = keep;
    r.created_at = d_.clock.Now();
    r.created_by = a.username;
    if (auto id = repo.InsertRemittance(r); !id) {
      if (id.error().code == ErrorCode::kConflict) return Fail(Error::Conflict("dues.remittance_exists"));
      return Fail(id.error());
    }
    std::string summary = JsonObjectWriter()
                              .Str("from", domain::FormatMonth(from))
                              .Str("to", domain::FormatMonth(to))
                              .Int("collected_fen", r.collected_fen)
                              .Int("received_fen", r.received_fen)
                              .Int("kept_fen", r.kept_fen)
                              .Int("remitted_fen", r.remitted_fen)
                              .str();
    if (auto w = AppendAudit(c, d_.clock, a, {"dues.remit", "org", org->id, org->id, summary}); !w)
      return Fail(w.error());
    return ViewOf(c, *org, from, to);
  });
}

Result<std::pair<RemittanceView, std::vector<RemittanceView>>> DuesService::Remittances(
    const Actor& a, std::optional<int64_t> org_id, Month from, Month to) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto org = OrgInScope(**conn, a, org_id.value_or(a.org_id));
  if (!org) return Fail(org.error());
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  auto top = ViewOf(**conn, *org, from, to);
  if (!top) return Fail(top.error());
  auto children = ActiveChildren(**conn, *org);
  if (!children) return Fail(children.error());
  std::vector<RemittanceView> rows;
  for (const auto& ch : *children) {
    auto v = ViewOf(**conn, ch, from, to);
    if (!v) return Fail(v.error());
    rows.push_back(std::move(*v));
  }
  return std::pair{std::move(*top), std::move(rows)};
}

}  // namespace tj::service
