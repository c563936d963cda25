#include "service/member_service.h"

#include "base/json_writer.h"
#include "base/text.h"
#include "service/audit_service.h"
#include "service/index_update.h"
#include "service/org_service.h"
#include "store/org_repository.h"

namespace tj::service {
namespace {

using domain::Member;
using domain::MemberStatus;
using domain::Permission;
using store::MemberRepository;
using store::MemberRow;
using store::TxMode;

// A registered ID number or member number reads better as a field error.
Error Taken(const Error& e) {
  auto f = e.args.find("field");
  if (e.code != ErrorCode::kConflict || f == e.args.end()) return e;
  std::string field = f->second == "id_number_hash" ? "id_number" : f->second;
  if (field != "id_number" && field != "member_no") return e;
  std::string key = field == "id_number" ? "member.id_number_taken" : "member.member_no_taken";
  Error out = Error::Conflict(key);
  out.details.push_back(FieldError(field, "unique", key));
  return out;
}

// What changed between two records, for history and audit (numbers masked).
std::string Changes(const Member* before, const Member& after) {
  JsonObjectWriter w;
  // Compares clear values; records the shown (masked) ones, so a change hidden by the mask is
  // still recorded.
  auto changed = [&](std::string_view name, bool differs, const std::string& b,
                     const std::string& a) {
    if (before && !differs) return;
    JsonObjectWriter fw;
    if (before) fw.Str("from", b);
    fw.Str("to", a);
    w.Raw(name, fw.str());
  };
  auto field = [&](std::string_view name, const std::string& b, const std::string& a) {
    changed(name, b != a, b, a);
  };
  auto opt = [](const std::optional<std::string>& s) { return s.value_or(""); };
  field("name", before ? before->name : "", after.name);
  changed("id_number", !before || before->id_number != after.id_number,
          before ? MaskIdNumber(before->id_number) : "", MaskIdNumber(after.id_number));
  field("ethnicity", before ? before->ethnicity : "", after.ethnicity);
  field("join_date", before ? FormatDate(before->join_date) : "", FormatDate(after.join_date));
  field("member_no", before ? opt(before->member_no) : "", opt(after.member_no));
  changed("phone", !before || before->phone != after.phone,
          before && before->phone ? MaskPhone(*before->phone) : "",
          after.phone ? MaskPhone(*after.phone) : "");
  field("education", before ? std::string(NameOf(domain::EducationNames(), before->education)) : "",
        std::string(NameOf(domain::EducationNames(), after.education)));
  field("occupation",
        before ? std::string(NameOf(domain::OccupationNames(), before->occupation)) : "",
        std::string(NameOf(domain::OccupationNames(), after.occupation)));
  return w.str();
}


}  // namespace

store::HistoryEntry HistoryOf(const Actor& a, Instant at, int64_t member_id, std::string kind,
                              std::string changes) {
  store::HistoryEntry h;
  h.member_id = member_id;
  h.at = at;
  if (a.user_id) h.actor_id = a.user_id;
  h.actor_username = a.username;
  h.kind = std::move(kind);
  h.changes = std::move(changes);
  return h;
}

stats::MemberFacts FactsOf(const Member& m) {
  return {m.org_id, m.status, m.gender, m.birth_date, m.education};
}


Result<MemberRow> MemberService::InScope(store::Connection& c, const Actor& a, int64_t id) {
  auto row = MemberRepository(c, *d_.cipher).Get(id, d_.Today());
  if (!row) return Fail(row.error());
  if (!*row || !domain::InSubtree(a.org_path, (*row)->org_path))
    return Fail(Error::NotFound("member.not_found"));
  return std::move(**row);
}

Result<store::Page<MemberRow>> MemberService::List(const Actor& a, const MemberListRequest& r) {
  auto list = OpenScopedList(d_.db, a, r.org_id, r.subtree, Permission::kMemberRead);
  if (!list) return Fail(list.error());
  auto& conn = list->conn;
  const ListScope* scope = &list->scope;
  store::MemberQuery q;
  q.scope_path = scope->path;
  q.org_id = scope->only_org;
  Date today = d_.Today();
  q.today = today;
  std::string status = r.status.value_or("in_standing");
  if (status == "in_standing") {
    q.statuses = {MemberStatus::kActive, MemberStatus::kMobile, MemberStatus::kLostContact};
  } else if (status != "all") {
    auto s = ParseName(domain::MemberStatusNames(), status);
    if (!s) return Fail(Error::BadRequest("common.bad_parameter", {{"name", "status"}}));
    q.statuses = {*s};
  }
  if (r.q) {
    // One box finds a member by name, member number, ID number or phone number.
    std::string text = Trim(*r.q);
    bool digits = !text.empty() && text[0] >= '0' && text[0] <= '9' &&
                  std::all_of(text.begin(), text.end(), [](char c) {
                    return (c >= '0' && c <= '9') || c == 'x' || c == 'X' || c == '-';
                  });
    if (digits && text.size() >= 7) {
      // A number may be a member number, an ID number or a phone number: match any of them.
      if (text.back() == 'x') text.back() = 'X';
      q.any_number = store::NumberLookup{text, d_.cipher->LookupHash(text)};
    } else if (!text.empty()) {
      q.name_contains = text;
    }
  }
  q.gender = r.gender;
  q.ethnicity = r.ethnicity;
  q.education = r.education;
  q.occupation = r.occupation;
  q.sector = r.sector;
  if (r.age_band && *r.age_band == domain::AgeBand::kOther) {
    // Outside 14–28 today: born after today-14y or on or before today-29y.
    q.outside_born = std::pair{YearsBefore(today, domain::kMinAge), YearsBefore(today, domain::kMaxAge + 1)};
  } else if (r.age_band) {
    // Ages a..b today: born after today-(b+1) years, on or before today-a years.
    auto [lo, hi] = std::pair<int, int>{14, 17};
    if (*r.age_band == domain::AgeBand::k18To22) lo = 18, hi = 22;
    if (*r.age_band == domain::AgeBand::k23To25) lo = 23, hi = 25;
    if (*r.age_band == domain::AgeBand::k26To28) lo = 26, hi = 28;
    q.born_after = YearsBefore(today, hi + 1);
    q.born_on_or_before = YearsBefore(today, lo);
  }
  q.is_cadre = r.is_cadre;
  q.page = r.page;
  return MemberRepository(*conn, *d_.cipher).List(q);
}

Result<MemberRow> MemberService::Get(const Actor& a, int64_t id) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto row = InScope(**conn, a, id);
  if (!row) return row;
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  return row;
}

Result<MemberRow> MemberService::Own(const Actor& a) {
  if (!a.member_id || !a.Can(Permission::kSelfService)) return Fail(Error::Forbidden());
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto row = MemberRepository(**conn, *d_.cipher).Get(*a.member_id, d_.Today());
  if (!row) return Fail(row.error());
  if (!*row) return Fail(Error::NotFound("member.not_found"));
  return std::move(**row);
}

Result<MemberRow> MemberService::Create(const Actor& a, std::optional<int64_t> org_id,
                                        const domain::MemberFields& f) {
  Date today = d_.Today();
  auto draft = domain::ValidateNewMember(f, today);
  if (!org_id) {
    Error e = draft ? Error::Validation({}) : draft.error();
    e.details.insert(e.details.begin(), FieldError("org_id", "required", "common.required"));
    return Fail(std::move(e));
  }
  IndexUpdate idx(d_);
  auto row = store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<MemberRow> {
    auto org = OrgInScope(c, a, *org_id);
    if (!org) return Fail(org.error());
    if (!a.Can(Permission::kMemberWrite)) return Fail(Error::Forbidden());
    if (!draft) return Fail(draft.error());
    if (org->status == domain::OrgStatus::kClosed) return Fail(Error::Rule("org_closed", "org.closed"));
    if (auto b = domain::CheckHoldsMembers(*org); !b) return Fail(b.error());
    MemberRepository repo(c, *d_.cipher);
    Instant now = d_.clock.Now();
    auto created = repo.Insert(org->id, *draft, now, today);
    if (!created) return Fail(Taken(created.error()));
    auto h = HistoryOf(a, now, created->member.id, "create", Changes(nullptr, created->member));
    h.status_to = MemberStatus::kActive;
    h.effective_date = created->member.join_date;
    if (auto r = repo.AddHistory(h); !r) return Fail(r.error());
    if (auto r = AppendAudit(c, d_.clock, a,
                             {"member.create", "member", created->member.id, org->id, h.changes});
        !r)
      return Fail(r.error());
    if (auto r = idx.After(c, {created->member.id}); !r) return Fail(r.error());
    idx.Member(std::nullopt, FactsOf(created->member));
    return created;
  });
  if (row) idx.Apply();
  return row;
}

Result<MemberRow> MemberService::Update(const Actor& a, int64_t id, const domain::MemberFields& f) {
  IndexUpdate idx(d_);
  auto row = store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<MemberRow> {
    auto cur = InScope(c, a, id);
    if (!cur) return cur;
    if (!a.Can(Permission::kMemberWrite)) return Fail(Error::Forbidden());
    Date today = d_.Today();
    auto draft = domain::ApplyMemberPatch(cur->member, f, today);
    if (!draft) return Fail(draft.error());
    if (auto r = idx.Before(c, {id}); !r) return Fail(r.error());
    MemberRepository repo(c, *d_.cipher);
    Instant now = d_.clock.Now();
    if (auto u = repo.Update(id, *draft, now); !u) return Fail(Taken(u.error()));
    auto after = InScope(c, a, id);
    if (!after) return after;
    std::string changes = Changes(&cur->member, after->member);
    if (changes != "{}") {
      if (auto r = repo.AddHistory(HistoryOf(a, now, id, "update", changes)); !r)
        return Fail(r.error());
      if (auto r = AppendAudit(c, d_.clock, a, {"member.update", "member", id, after->member.org_id, changes}); !r)
        return Fail(r.error());
    }
    if (auto r = idx.After(c, {id}); !r) return Fail(r.error());
    idx.Member(FactsOf(cur->member), FactsOf(after->member));
    return after;
  });
  if (row) idx.Apply();
  return row;
}

Result<MemberRow> MemberService::ChangeStatus(const Actor& a, int64_t id, std::string_view status,
                                              std::string_view date, std::string_view reason) {
  IndexUpdate idx(d_);
  auto row = store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<MemberRow> {
    auto cur = InScope(c, a, id);
    if (!cur) return cur;
    if (!a.Can(Permission::kMemberWrite)) return Fail(Error::Forbidden());
    std::vector<ErrorDetail> details;
    auto to = ParseName(domain::MemberStatusNames(), status);
    if (status.empty())
      details.push_back(FieldError("status", "required", "common.required"));
    else if (!to || *to == MemberStatus::kTransferredOut)  // transfers are their own workflow
      details.push_back(FieldError("status", "invalid_enum", "common.invalid_enum"));
    Date today = d_.Today();
    auto when = ParseDate(date);
    if (date.empty())
      details.push_back(FieldError("date", "required", "common.required"));
    else if (!when)
      details.push_back(FieldError("date", "invalid_format", "member.date_format"));
    else if (std::chrono::sys_days(*when) > std::chrono::sys_days(today))
      details.push_back(FieldError("date", "in_future", "member.date_in_future"));
    else if (std::chrono::sys_days(*when) < std::chrono::sys_days(cur->member.join_date))
      details.push_back(FieldError("date", "before_join", "member.date_before_join"));
    std::string why = Trim(reason);
    if (why.empty()) details.push_back(FieldError("reason", "required", "common.required"));
    if (!details.empty()) return Fail(Error::Validation(std::move(details)));
    if (*to == cur->member.status)
      return Fail(Error::Validation({FieldError("status", "unchanged", "member.status_unchanged")}));
    if (!domain::StatusChangeAllowed(cur->member.status, *to))
      return Fail(Error::Rule(
          "status_final", "member.status_final",
          {{"status", "@member_status." + std::string(NameOf(domain::MemberStatusNames(), cur->member.status))}}));
    if (auto r = idx.Before(c, {id}); !r) return Fail(r.error());
    MemberRepository repo(c, *d_.cipher);
    Instant now = d_.clock.Now();
    if (auto s = repo.SetStatus(id, *to, *when, now); !s) return Fail(s.error());
    auto h = HistoryOf(a, now, id, "status", "{}");
    h.status_from = cur->member.status;
    h.status_to = *to;
    h.effective_date = *when;
    h.reason = why;
    if (auto r = repo.AddHistory(h); !r) return Fail(r.error());
    std::string summary = JsonObjectWriter()
                              .Str("from", NameOf(domain::MemberStatusNames(), cur->member.status))
                              .Str("to", NameOf(domain::MemberStatusNames(), *to))
                              .Str("date", FormatDate(*when))
                              .Str("reason", why)
                              .str();
    if (auto r = AppendAudit(c, d_.clock, a, {"member.status", "member", id, cur->member.org_id, summary}); !r)
      return Fail(r.error());
    auto after = InScope(c, a, id);
    if (!after) return after;
    if (auto r = idx.After(c, {id}); !r) return Fail(r.error());
    idx.Member(FactsOf(cur->member), FactsOf(after->member));
    return after;
  });
  if (row) idx.Apply();
  return row;
}

Result<std::vector<store::HistoryEntry>> MemberService::History(const Actor& a, int64_t id) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto row = InScope(**conn, a, id);
  if (!row) return Fail(row.error());
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  return MemberRepository(**conn, *d_.cipher).History(id);
}

Result<store::Page<store::StatusChange>> MemberService::StatusChanges(
    const Actor& a, std::optional<int64_t> org_id, bool subtree,
    std::optional<domain::MemberStatus> status_to, std::optional<Date> from,
    std::optional<Date> to, store::PageRequest page) {
  auto list = OpenScopedList(d_.db, a, org_id, subtree, Permission::kMemberRead);
  if (!list) return Fail(list.error());
  auto& conn = list->conn;
  const ListScope* scope = &list->scope;
  store::StatusChangeQuery q{scope->path, scope->only_org, status_to, from, to, page};
  return MemberRepository(*conn, *d_.cipher).StatusChanges(q);
}

Result<void> MemberService::AuditReveal(const Actor& a, const std::vector<MemberRow>& rows) {
  if (!MayReveal(a)) return Fail(Error::Forbidden());
  if (rows.empty()) return {};
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<void> {
    for (const auto& r : rows) {
      if (auto w = AppendAudit(c, d_.clock, a,
                               {"member.reveal", "member", r.member.id, r.member.org_id,
                                JsonObjectWriter().Str("fields", "id_number,phone").str()});
          !w)
        return w;
    }
    return {};
  });
}

Result<store::Page<MemberRow>> MemberService::AgingOut(const Actor& a, AgingKind kind,
                                                       int within_days,
                                                       std::optional<int64_t> org_id, bool subtree,
                                                       store::PageRequest page) {
  auto list = OpenScopedList(d_.db, a, org_id, subtree, Permission::kMemberRead);
  if (!list) return Fail(list.error());
  auto& conn = list->conn;
  const ListScope* scope = &list->scope;
  store::MemberQuery q;
  q.scope_path = scope->path;
  q.org_id = scope->only_org;
  Date today = d_.Today();
  q.today = today;
  q.statuses = {MemberStatus::kActive, MemberStatus::kMobile, MemberStatus::kLostContact};
  Date overdue_bound = YearsBefore(today, domain::kMaxAge);  // born on or before: 28 or older
  if (kind == AgingKind::kOverdue) {
    q.born_on_or_before = overdue_bound;
  } else {
    q.born_after = overdue_bound;
    q.born_on_or_before = YearsBefore(
        Date(std::chrono::sys_days(today) + std::chrono::days(std::clamp(within_days, 1, 366))),
        domain::kMaxAge);
  }
  q.order_by_birth = true;
  q.page = page;
  return MemberRepository(*conn, *d_.cipher).List(q);
}

Result<int64_t> MemberService::RunAgeOut(const Actor& a) {
  if (!a.Can(Permission::kMemberWrite)) return Fail(Error::Forbidden());
  Date today = d_.Today();
  IndexUpdate idx(d_);
  auto n = store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<int64_t> {
    MemberRepository repo(c, *d_.cipher);
    store::MemberQuery q;
    q.scope_path = a.org_path;
    q.today = today;
    q.statuses = {MemberStatus::kActive, MemberStatus::kMobile, MemberStatus::kLostContact};
    q.born_on_or_before = YearsBefore(today, domain::kMaxAge);
    q.is_cadre = false;
    q.page.size = 1000;
    Instant now = d_.clock.Now();
    int64_t count = 0;
    for (;;) {
      auto page = repo.List(q);  // the list shrinks as members age out, so always page 1
      if (!page) return Fail(page.error());
      std::vector<const Member*> due;
      std::vector<int64_t> ids;
      for (const auto& row : page->items)
        if (domain::DueToAgeOut(row.member, today)) {
          due.push_back(&row.member);
          ids.push_back(row.member.id);
        }
      if (due.empty()) break;  // nothing left that is due
      if (auto r = idx.Before(c, ids); !r) return Fail(r.error());
      for (const Member* mp : due) {
        const Member& m = *mp;
        // A cadre who turned 28 in office leaves when the term ends, not before.
        Date out_date = domain::TwentyEighthBirthday(m.birth_date);
        auto term_end = repo.LatestTermEnd(m.id);
        if (!term_end) return Fail(term_end.error());
        if (*term_end && std::chrono::sys_days(**term_end) > std::chrono::sys_days(out_date))
          out_date = **term_end;
        if (auto s = repo.SetStatus(m.id, MemberStatus::kAgedOut, out_date, now); !s)
          return Fail(s.error());
        auto h = HistoryOf(a, now, m.id, "age_out", "{}");
        h.status_from = m.status;
        h.status_to = MemberStatus::kAgedOut;
        h.effective_date = out_date;
        h.reason = "超龄离团";
        if (auto r = repo.AddHistory(h); !r) return Fail(r.error());
        if (auto r = AppendAudit(c, d_.clock, a,
                                 {"member.age_out", "member", m.id, m.org_id,
                                  JsonObjectWriter().Str("date", FormatDate(out_date)).str()});
            !r)
          return Fail(r.error());
        Member after = m;
        after.status = MemberStatus::kAgedOut;
        idx.Member(FactsOf(m), FactsOf(after));
        ++count;
      }
      if (auto r = idx.After(c, ids); !r) return Fail(r.error());
    }
    return count;
  });
  if (n) idx.Apply();
  return n;
}

Result<OrgStats> MemberService::Stats(const Actor& a, int64_t org_id) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto org = OrgInScope(**conn, a, org_id);
  if (!org) return Fail(org.error());
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  auto s = d_.registry ? d_.registry->Subtree(org_id) : std::nullopt;
  return OrgStats{std::move(*org), s.value_or(stats::MemberStats{})};
}

Result<std::vector<OrgStats>> MemberService::ChildStats(const Actor& a, int64_t org_id) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto org = OrgInScope(**conn, a, org_id);
  if (!org) return Fail(org.error());
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  auto children = ActiveChildren(**conn, *org);
  if (!children) return Fail(children.error());
  std::vector<OrgStats> out;
  for (auto& child : *children) {
    auto s = d_.registry ? d_.registry->Subtree(child.id) : std::nullopt;
    out.push_back({std::move(child), s.value_or(stats::MemberStats{})});
  }
  return out;
}

Result<void> MemberService::RebuildIndex() {
  if (!d_.registry) return {};
  std::unique_lock<std::shared_mutex> gate;
  if (d_.gate) gate = d_.gate->ForRebuild();
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  if (auto b = (*conn)->Begin(TxMode::kRead); !b) return Fail(b.error());
  auto orgs = store::OrgRepository(**conn).AllNodes();
  if (!orgs) return Fail(orgs.error());
  auto sectors = (*conn)->Query("SELECT id, sector FROM orgs");
  if (!sectors) return Fail(sectors.error());
  std::unordered_map<int64_t, domain::Sector> sector_of;
  for (const auto& r : sectors->rows)
    sector_of[r.Int(0)] = ParseName(domain::SectorNames(), r.Str(1)).value_or(domain::Sector::kOther);
  auto facts = MemberRepository(**conn, *d_.cipher).AllFacts();
  (void)(*conn)->Rollback();
  if (!facts) return Fail(facts.error());
  std::vector<stats::RegistryOrg> org_list;
  org_list.reserve(orgs->size());
  for (const auto& o : *orgs) org_list.push_back({o.id, o.parent_id, sector_of[o.id]});
  std::vector<stats::MemberFacts> member_list;
  member_list.reserve(facts->size());
  for (const auto& [org, status, gender, birth, edu] : *facts)
    member_list.push_back({org, status, gender, birth, edu});
  d_.registry->Rebuild(org_list, member_list, d_.Today());
  return {};
}

Result<store::Page<store::Cadre>> MemberService::ListCadres(const Actor& a,
                                                            std::optional<int64_t> org_id,
                                                            bool subtree,
                                                            std::optional<bool> in_office,
                                                            std::optional<std::string> q,
                                                            store::PageRequest page) {
  auto list = OpenScopedList(d_.db, a, org_id, subtree, Permission::kMemberRead);
  if (!list) return Fail(list.error());
  auto& conn = list->conn;
  const ListScope* scope = &list->scope;
  store::CadreQuery cq;
  cq.scope_path = scope->path;
  cq.org_id = scope->only_org;
  cq.in_office = in_office;
  cq.name_contains = std::move(q);
  cq.today = d_.Today();
  cq.page = page;
  return MemberRepository(*conn, *d_.cipher).ListCadres(cq);
}

namespace {

// Checks and fills a cadre's post and term from `f` onto `c`.
Result<void> ApplyCadreFields(store::Cadre& c, const CadreFields& f) {
  std::vector<ErrorDetail> details;
  if (f.post) {
    auto p = ParseName(store::CadrePostNames(), *f.post);
    if (!p)
      details.push_back(FieldError("post", "invalid_enum", "common.invalid_enum"));
    else
      c.post = *p;
  }
  if (f.post_title) c.post_title = Trim(*f.post_title).empty() ? std::nullopt : std::optional(Trim(*f.post_title));
  if (c.post == store::CadrePost::kOther && !c.post_title)
    details.push_back(FieldError("post_title", "required", "common.required"));
  if (f.term_start) {
    auto d = ParseDate(*f.term_start);
    if (!d)
      details.push_back(FieldError("term_start", "invalid_format", "member.date_format"));
    else
      c.term_start = *d;
  }
  if (f.term_end) {
    if (f.term_end->empty()) {
      c.term_end.reset();
    } else if (auto d = ParseDate(*f.term_end)) {
      c.term_end = *d;
    } else {
      details.push_back(FieldError("term_end", "invalid_format", "member.date_format"));
    }
  }
  if (c.term_end && c.term_start.ok() &&
      std::chrono::sys_days(*c.term_end) < std::chrono::sys_days(c.term_start))
    details.push_back(FieldError("term_end", "before_start", "member.term_end_before_start"));
  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  return {};
}

}  // namespace

Result<store::Cadre> MemberService::CreateCadre(const Actor& a, const CadreFields& f) {
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<store::Cadre> {
    std::vector<ErrorDetail> missing;
    if (!f.org_id) missing.push_back(FieldError("org_id", "required", "common.required"));
    if (!f.post) missing.push_back(FieldError("post", "required", "common.required"));
    if (!f.term_start) missing.push_back(FieldError("term_start", "required", "common.required"));
    if (!f.member_id && Trim(f.name.value_or("")).empty())
      missing.push_back(FieldError("name", "required", "common.required"));
    if (!missing.empty()) return Fail(Error::Validation(std::move(missing)));
    auto org = OrgInScope(c, a, *f.org_id);
    if (!org) return Fail(org.error());
    if (!a.Can(Permission::kMemberWrite)) return Fail(Error::Forbidden());
    store::Cadre cadre;
    cadre.org_id = org->id;
    if (f.member_id) {
      auto m = InScope(c, a, *f.member_id);
      if (!m) return Fail(m.error());
      cadre.member_id = m->member.id;
      cadre.name = m->member.name;
    } else {
      cadre.name = Trim(*f.name);
    }
    if (auto r = ApplyCadreFields(cadre, f); !r) return Fail(r.error());
    auto created = MemberRepository(c, *d_.cipher).InsertCadre(cadre, d_.clock.Now());
    if (!created) return created;
    if (auto r = AppendAudit(c, d_.clock, a,
                             {"cadre.create", "cadre", created->id, created->org_id,
                              JsonObjectWriter()
                                  .Str("name", created->name)
                                  .Str("post", NameOf(store::CadrePostNames(), created->post))
                                  .Str("term_start", FormatDate(created->term_start))
                                  .str()});
        !r)
      return Fail(r.error());
    return created;
  });
}

Result<store::Cadre> MemberService::UpdateCadre(const Actor& a, int64_t id, const CadreFields& f) {
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<store::Cadre> {
    MemberRepository repo(c, *d_.cipher);
    auto cur = repo.GetCadre(id);
    if (!cur) return Fail(cur.error());
    if (!*cur) return Fail(Error::NotFound());
    auto org = OrgInScope(c, a, (*cur)->org_id);
    if (!org) return Fail(Error::NotFound());
    if (!a.Can(Permission::kMemberWrite)) return Fail(Error::Forbidden());
    store::Cadre next = **cur;
    if (auto r = ApplyCadreFields(next, f); !r) return Fail(r.error());
    if (auto u = repo.UpdateCadre(next, d_.clock.Now()); !u) return Fail(u.error());
    if (auto r = AppendAudit(c, d_.clock, a,
                             {"cadre.update", "cadre", id, next.org_id,
                              JsonObjectWriter()
                                  .Str("post", NameOf(store::CadrePostNames(), next.post))
                                  .Str("term_start", FormatDate(next.term_start))
                                  .Str("term_end", next.term_end ? FormatDate(*next.term_end) : "")
                                  .str()});
        !r)
      return Fail(r.error());
    auto after = repo.GetCadre(id);
    if (!after) return Fail(after.error());
    return **after;
  });
}

}  // namespace tj::service
