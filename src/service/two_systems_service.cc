#include "service/two_systems_service.h"

#include <set>

#include "base/date_field.h"
#include "base/json_writer.h"
#include "base/text.h"
#include "service/audit_service.h"
#include "service/member_service.h"
#include "service/org_service.h"
#include "service/rule_service.h"
#include "store/member_repository.h"

namespace tj::service {
namespace {

using domain::EvaluationStatus;
using domain::Permission;
using domain::RecommendationStage;
using store::TwoSystemsRepository;
using store::TxMode;

constexpr size_t kMaxNote = 500;

Result<int> CheckYear(const std::optional<int64_t>& year, Date today) {
  int hi = int(today.year()) + 1;
  if (!year) return Fail(Error::Validation({FieldError("year", "required", "common.required")}));
  if (*year < 2000 || *year > hi)
    return Fail(Error::Validation({FieldError("year", "out_of_range", "common.out_of_range",
                                              {{"min", "2000"}, {"max", std::to_string(hi)}})}));
  return static_cast<int>(*year);
}

// A required day, not in the future. Errors: kValidationFailed with that one detail.
Result<Date> RequiredDay(std::string_view field, const std::optional<std::string>& text, Date today) {
  std::vector<ErrorDetail> details;
  auto d = DayField(field, text, today, true, details);
  if (!d) return Fail(Error::Validation(std::move(details)));
  return *d;
}


// An optional filter given by an enum's name. Errors: kBadRequest naming `param`.
template <typename E>
Result<std::optional<E>> ParseFilter(EnumNames<E> names, const std::optional<std::string>& text, std::string_view param) {
  if (!text || text->empty()) return std::optional<E>();
  auto v = ParseName(names, *text);
  if (!v) return Fail(Error::BadRequest("common.bad_parameter", {{"name", std::string(param)}}));
  return std::optional<E>(*v);
}

// The caller acts as the committee above `org_path`: a strict ancestor with the permission.
bool FromAbove(const Actor& a, Permission p, std::string_view org_path) {
  return a.Can(p) && a.org_path != org_path && domain::InSubtree(a.org_path, org_path);
}

// A history entry effective on a day.
store::HistoryEntry HistoryOn(const Actor& a, Instant at, int64_t member_id, std::string kind, std::string changes,
                              std::optional<Date> effective) {
  store::HistoryEntry h = HistoryOf(a, at, member_id, std::move(kind), std::move(changes));
  h.effective_date = effective;
  return h;
}

std::string EvaluationSummary(const store::Evaluation& e) {
  return JsonObjectWriter()
      .Int("org_id", e.org_id)
      .Int("year", e.year)
      .Str("status", NameOf(domain::EvaluationStatusNames(), e.status))
      .str();
}

}  // namespace

// --- Evaluation -------------------------------------------------------------------------------

Result<store::Evaluation> TwoSystemsService::EvaluationInScope(store::Connection& c, const Actor& a, int64_t id) {
  auto e = TwoSystemsRepository(c).GetEvaluation(id);
  if (!e) return Fail(e.error());
  if (!*e || !domain::InSubtree(a.org_path, (*e)->org_path))
    return Fail(Error::NotFound("evaluation.not_found"));
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  return std::move(**e);
}

Result<EvaluationDetail> TwoSystemsService::Detail(store::Connection& c, store::Evaluation e) {
  auto lines = TwoSystemsRepository(c).Lines(e.id);
  if (!lines) return Fail(lines.error());
  // A submitted evaluation shows the numbers of the rule version it was decided by.
  bool decided = e.status != EvaluationStatus::kOpen && e.rule_version;
  auto rules = decided ? RulesVersion(c, e.rule_year.value_or(e.year), *e.rule_version)
                       : RulesInForce(c, e.year);
  if (!rules) return Fail(rules.error());
  EvaluationDetail d;
  d.excellent_cap = rules->excellent_cap_percent * e.due / 100;
  d.quorum_met = e.due > 0 && e.present * rules->evaluation_quorum_den > e.due * rules->evaluation_quorum_num;
  d.evaluation = std::move(e);
  d.lines = std::move(*lines);
  return d;
}

Result<store::Page<store::Evaluation>> TwoSystemsService::ListEvaluations(
    const Actor& a, std::optional<int64_t> org_id, bool subtree, std::optional<int> year,
    std::optional<std::string> status, store::PageRequest page) {
  auto list = OpenScopedList(d_.db, a, org_id, subtree, Permission::kMemberRead);
  if (!list) return Fail(list.error());
  auto& conn = list->conn;
  const ListScope* scope = &list->scope;
  store::EvaluationQuery q;
  q.scope_path = scope->path;
  q.org_id = scope->only_org;
  q.year = year;
  auto status_filter = ParseFilter(domain::EvaluationStatusNames(), status, "status");
  if (!status_filter) return Fail(status_filter.error());
  q.status = *status_filter;
  q.page = page;
  return TwoSystemsRepository(*conn).ListEvaluations(q);
}

Result<std::pair<ProgressRow, std::vector<ProgressRow>>> TwoSystemsService::Progress(
    const Actor& a, std::optional<int64_t> org_id, int year) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto org = OrgInScope(**conn, a, org_id.value_or(a.org_id));
  if (!org) return Fail(org.error());
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  TwoSystemsRepository repo(**conn);
  auto top = repo.Progress(org->path, year);
  if (!top) return Fail(top.error());
  auto children = ActiveChildren(**conn, *org);
  if (!children) return Fail(children.error());
  std::vector<ProgressRow> rows;
  for (auto& child : *children) {
    auto p = repo.Progress(child.path, year);
    if (!p) return Fail(p.error());
    rows.push_back({std::move(child), *p});
  }
  return std::pair{ProgressRow{*org, *top}, std::move(rows)};
}

Result<EvaluationDetail> TwoSystemsService::OpenEvaluation(const Actor& a, std::optional<int64_t> org_id,
                                                           std::optional<int64_t> year) {
  auto y = CheckYear(year, d_.Today());
  if (!org_id) {
    Error e = y ? Error::Validation({}) : y.error();
    e.details.insert(e.details.begin(), FieldError("org_id", "required", "common.required"));
    return Fail(std::move(e));
  }
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<EvaluationDetail> {
    auto org = OrgInScope(c, a, *org_id);
    if (!org) return Fail(org.error());
    if (!a.Can(Permission::kEvaluationWrite)) return Fail(Error::Forbidden());
    if (!y) return Fail(y.error());
    if (org->status == domain::OrgStatus::kClosed) return Fail(Error::Rule("org_closed", "org.closed"));
    if (auto b = domain::CheckHoldsMembers(*org); !b) return Fail(b.error());
    store::MemberQuery mq;
    mq.scope_path = org->path;
    mq.org_id = org->id;
    mq.statuses = {domain::MemberStatus::kActive, domain::MemberStatus::kMobile,
                   domain::MemberStatus::kLostContact};
    mq.today = d_.Today();
    mq.page = {1, 100000};
    auto members = store::MemberRepository(c, *d_.cipher).List(mq);
    if (!members) return Fail(members.error());
    if (members->items.empty()) return Fail(Error::Rule("no_members", "evaluation.no_members"));
    std::vector<int64_t> ids;
    for (const auto& m : members->items) ids.push_back(m.member.id);
    TwoSystemsRepository repo(c);
    Instant now = d_.clock.Now();
    auto id = repo.InsertEvaluation(org->id, *y, now, a.username, ids);
    if (!id) {
      if (id.error().code == ErrorCode::kConflict)
        return Fail(Error::Conflict("evaluation.exists", {{"year", std::to_string(*y)}}));
      return Fail(id.error());
    }
    auto e = repo.GetEvaluation(*id);
    if (!e) return Fail(e.error());
    if (auto r = AppendAudit(c, d_.clock, a, {"evaluation.open", "evaluation", *id, org->id, EvaluationSummary(**e)}); !r)
      return Fail(r.error());
    return Detail(c, std::move(**e));
  });
}

Result<EvaluationDetail> TwoSystemsService::GetEvaluation(const Actor& a, int64_t id) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto e = EvaluationInScope(**conn, a, id);
  if (!e) return Fail(e.error());
  return Detail(**conn, std::move(*e));
}

Result<EvaluationDetail> TwoSystemsService::SaveEntries(const Actor& a, int64_t id,
                                                        const std::optional<std::string>& meeting_date,
                                                        const std::vector<EntryFields>& entries) {
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<EvaluationDetail> {
    auto e = EvaluationInScope(c, a, id);
    if (!e) return Fail(e.error());
    if (!a.Can(Permission::kEvaluationWrite)) return Fail(Error::Forbidden());
    TwoSystemsRepository repo(c);
    auto lines = repo.Lines(id);
    if (!lines) return Fail(lines.error());
    std::vector<ErrorDetail> details;
    if (meeting_date && !Trim(*meeting_date).empty()) {
      auto d = RequiredDay("meeting_date", meeting_date, d_.Today());
      if (!d) details.push_back(d.error().details.at(0));
      else e->meeting_date = *d;
    }
    std::vector<domain::EvaluationEntry> changed;
    for (size_t i = 0; i < entries.size(); ++i) {
      const auto& f = entries[i];
      std::string field = "entries[" + std::to_string(i) + "]";
      auto line = std::find_if(lines->begin(), lines->end(),
                               [&](const auto& l) { return l.entry.member_id == f.member_id; });
      if (line == lines->end()) {
        details.push_back(FieldError(field + ".member_id", "not_in_evaluation", "evaluation.member_not_in_evaluation"));
        continue;
      }
      domain::EvaluationEntry next = line->entry;
      if (f.present) next.present = *f.present;
      if (f.grade) {
        if (f.grade->empty()) {
          next.grade.reset();
        } else if (auto g = ParseName(domain::GradeNames(), *f.grade)) {
          next.grade = *g;
        } else {
          details.push_back(FieldError(field + ".grade", "invalid_enum", "common.invalid_enum"));
          continue;
        }
      }
      changed.push_back(next);
    }
    if (!details.empty()) return Fail(Error::Validation(std::move(details)));
    if (e->status != EvaluationStatus::kOpen)
      return Fail(Error::Rule("evaluation_not_open", "evaluation.not_open"));
    Instant now = d_.clock.Now();
    if (auto r = repo.SaveEntries(id, changed); !r) return Fail(r.error());
    if (auto r = repo.SaveEvaluation(*e, now); !r) return Fail(r.error());
    std::string summary = JsonObjectWriter()
                              .Int("year", e->year)
                              .Int("entries", static_cast<int64_t>(changed.size()))
                              .str();
    if (auto r = AppendAudit(c, d_.clock, a, {"evaluation.entries", "evaluation", id, e->org_id, summary}); !r)
      return Fail(r.error());
    auto fresh = repo.GetEvaluation(id);
    if (!fresh) return Fail(fresh.error());
    return Detail(c, std::move(**fresh));
  });
}

Result<EvaluationDetail> TwoSystemsService::Submit(const Actor& a, int64_t id) {
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<EvaluationDetail> {
    auto e = EvaluationInScope(c, a, id);
    if (!e) return Fail(e.error());
    if (!a.Can(Permission::kEvaluationWrite)) return Fail(Error::Forbidden());
    if (e->status != EvaluationStatus::kOpen)
      return Fail(Error::Rule("evaluation_not_open", "evaluation.not_open"));
    if (!e->meeting_date)
      return Fail(Error::Validation({FieldError("meeting_date", "required", "common.required")}));
    TwoSystemsRepository repo(c);
    auto lines = repo.Lines(id);
    if (!lines) return Fail(lines.error());
    auto rules = RulesInForce(c, e->year);
    if (!rules) return Fail(rules.error());
    std::vector<domain::EvaluationEntry> entries;
    for (const auto& l : *lines) entries.push_back(l.entry);
    if (auto check = domain::CheckEvaluationSubmission(entries, *rules); !check) return Fail(check.error());
    Instant now = d_.clock.Now();
    e->status = EvaluationStatus::kSubmitted;
    e->rule_year = rules->year;
    e->rule_version = rules->version;
    e->submitted_at = now;
    e->submitted_by = a.username;
    e->returned_note.clear();
    if (auto r = repo.SaveEvaluation(*e, now); !r) return Fail(r.error());
    std::string summary = JsonObjectWriter()
                              .Raw("evaluation", EvaluationSummary(*e))
                              .Int("rule_version", rules->version)
                              .str();
    if (auto r = AppendAudit(c, d_.clock, a, {"evaluation.submit", "evaluation", id, e->org_id, summary}); !r)
      return Fail(r.error());
    auto fresh = repo.GetEvaluation(id);
    if (!fresh) return Fail(fresh.error());
    return Detail(c, std::move(**fresh));
  });
}

Result<EvaluationDetail> TwoSystemsService::Approve(const Actor& a, int64_t id) {
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<EvaluationDetail> {
    auto e = EvaluationInScope(c, a, id);
    if (!e) return Fail(e.error());
    if (!FromAbove(a, Permission::kEvaluationApprove, e->org_path))
      return Fail(Error::Forbidden("evaluation.approve_from_above"));
    if (e->status != EvaluationStatus::kSubmitted)
      return Fail(Error::Rule("evaluation_not_submitted", "evaluation.not_submitted"));
    TwoSystemsRepository repo(c);
    auto lines = repo.Lines(id);
    if (!lines) return Fail(lines.error());
    Instant now = d_.clock.Now();
    e->status = EvaluationStatus::kApproved;
    e->approved_at = now;
    e->approved_by = a.username;
    if (auto r = repo.SaveEvaluation(*e, now); !r) return Fail(r.error());
    // The results go on each member's record.
    store::MemberRepository members(c, *d_.cipher);
    for (const auto& l : *lines) {
      std::string changes = JsonObjectWriter()
                                .Int("evaluation_id", id)
                                .Int("year", e->year)
                                .Str("grade", NameOf(domain::GradeNames(), *l.entry.grade))
                                .Bool("present", l.entry.present)
                                .str();
      if (auto r = members.AddHistory(HistoryOn(a, now, l.entry.member_id, "evaluation", changes, e->meeting_date)); !r)
        return Fail(r.error());
    }
    if (auto r = AppendAudit(c, d_.clock, a, {"evaluation.approve", "evaluation", id, e->org_id, EvaluationSummary(*e)}); !r)
      return Fail(r.error());
    auto fresh = repo.GetEvaluation(id);
    if (!fresh) return Fail(fresh.error());
    return Detail(c, std::move(**fresh));
  });
}

Result<EvaluationDetail> TwoSystemsService::Return(const Actor& a, int64_t id, const std::optional<std::string>& note) {
  std::string text = Trim(note.value_or(""));
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<EvaluationDetail> {
    auto e = EvaluationInScope(c, a, id);
    if (!e) return Fail(e.error());
    if (!FromAbove(a, Permission::kEvaluationApprove, e->org_path))
      return Fail(Error::Forbidden("evaluation.approve_from_above"));
    if (text.empty()) return Fail(Error::Validation({FieldError("note", "required", "common.required")}));
    if (Utf8Length(text) > kMaxNote)
      return Fail(Error::Validation({FieldError("note", "too_long", "common.too_long", {{"max", "500"}})}));
    if (e->status != EvaluationStatus::kSubmitted)
      return Fail(Error::Rule("evaluation_not_submitted", "evaluation.not_submitted"));
    Instant now = d_.clock.Now();
    e->status = EvaluationStatus::kOpen;
    e->returned_note = text;
    e->rule_year.reset();
    e->rule_version.reset();
    e->submitted_at.reset();
    e->submitted_by.clear();
    TwoSystemsRepository repo(c);
    if (auto r = repo.SaveEvaluation(*e, now); !r) return Fail(r.error());
    std::string summary = JsonObjectWriter().Raw("evaluation", EvaluationSummary(*e)).Str("note", text).str();
    if (auto r = AppendAudit(c, d_.clock, a, {"evaluation.return", "evaluation", id, e->org_id, summary}); !r)
      return Fail(r.error());
    auto fresh = repo.GetEvaluation(id);
    if (!fresh) return Fail(fresh.error());
    return Detail(c, std::move(**fresh));
  });
}

Result<std::vector<store::MemberGrade>> TwoSystemsService::MemberGrades(const Actor& a, int64_t member_id) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto m = store::MemberRepository(**conn, *d_.cipher).Get(member_id, d_.Today());
  if (!m) return Fail(m.error());
  if (!*m || !domain::InSubtree(a.org_path, (*m)->org_path)) return Fail(Error::NotFound("member.not_found"));
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  return TwoSystemsRepository(**conn).MemberGrades(member_id);
}

// --- Registration -----------------------------------------------------------------------------

Result<std::vector<store::RegistrationCampaign>> TwoSystemsService::Campaigns(const Actor& a) {
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  return TwoSystemsRepository(**conn).Campaigns();
}

Result<store::RegistrationCampaign> TwoSystemsService::OpenCampaign(const Actor& a, std::optional<int64_t> year,
                                                                    const std::optional<std::string>& opens_on,
                                                                    const std::optional<std::string>& deadline) {
  if (!a.Can(Permission::kRegistrationOpen) || !a.WholeTree()) return Fail(Error::Forbidden());
  Date today = d_.Today();
  std::vector<ErrorDetail> details;
  auto y = CheckYear(year, today);
  if (!y) details.push_back(y.error().details.at(0));
  auto day = [&](std::string_view field, const std::optional<std::string>& text) -> std::optional<Date> {
    std::string t = Trim(text.value_or(""));
    if (t.empty()) {
      details.push_back(FieldError(std::string(field), "required", "common.required"));
      return std::nullopt;
    }
    auto d = ParseDate(t);
    if (!d) details.push_back(FieldError(std::string(field), "invalid_format", "common.date_format"));
    return d;
  };
  auto opens = day("opens_on", opens_on);
  auto due = day("deadline", deadline);
  if (opens && due && Before(*due, *opens))
    details.push_back(FieldError("deadline", "before_opening", "registration.deadline_before_opening"));
  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<store::RegistrationCampaign> {
    store::RegistrationCampaign campaign{*y, *opens, *due, d_.clock.Now(), a.username};
    TwoSystemsRepository repo(c);
    if (auto r = repo.InsertCampaign(campaign); !r) {
      if (r.error().code == ErrorCode::kConflict)
        return Fail(Error::Conflict("registration.campaign_exists", {{"year", std::to_string(*y)}}));
      return Fail(r.error());
    }
    std::string summary = JsonObjectWriter()
                              .Int("year", *y)
                              .Str("opens_on", FormatDate(*opens))
                              .Str("deadline", FormatDate(*due))
                              .str();
    if (auto r = AppendAudit(c, d_.clock, a, {"registration.open", "registration", *y, a.org_id, summary}); !r)
      return Fail(r.error());
    return campaign;
  });
}

Result<store::Page<store::RegistrationLine>> TwoSystemsService::Lines(const Actor& a, int year,
                                                                      std::optional<int64_t> org_id, bool subtree,
                                                                      std::optional<std::string> state,
                                                                      store::PageRequest page) {
  auto list = OpenScopedList(d_.db, a, org_id, subtree, Permission::kMemberRead);
  if (!list) return Fail(list.error());
  auto& conn = list->conn;
  const ListScope* scope = &list->scope;
  store::RegistrationQuery q;
  q.year = year;
  q.scope_path = scope->path;
  q.org_id = scope->only_org;
  auto state_filter = ParseFilter(domain::RegistrationStateNames(), state, "state");
  if (!state_filter) return Fail(state_filter.error());
  q.state = *state_filter;
  q.page = page;
  return TwoSystemsRepository(*conn).RegistrationLines(q);
}

Result<int64_t> TwoSystemsService::Register(const Actor& a, int year, const std::vector<int64_t>& member_ids,
                                            const std::optional<std::string>& date) {
  Date today = d_.Today();
  auto on = RequiredDay("date", date, today);
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<int64_t> {
    TwoSystemsRepository repo(c);
    std::set<int64_t> unique(member_ids.begin(), member_ids.end());
    auto lines = repo.LinesOf(year, {unique.begin(), unique.end()});
    if (!lines) return Fail(lines.error());
    if (lines->size() != unique.size()) return Fail(Error::NotFound("member.not_found"));
    for (const auto& l : *lines)
      if (!domain::InSubtree(a.org_path, l.org_path)) return Fail(Error::NotFound("member.not_found"));
    if (!a.Can(Permission::kRegistrationWrite)) return Fail(Error::Forbidden());
    if (!on) return Fail(on.error());
    if (unique.empty())
      return Fail(Error::Validation({FieldError("member_ids", "required", "common.required")}));
    auto campaign = repo.GetCampaign(year);
    if (!campaign) return Fail(campaign.error());
    if (!*campaign)
      return Fail(Error::Rule("registration_not_open", "registration.not_open", {{"year", std::to_string(year)}}));
    if (Before(*on, (*campaign)->opens_on))
      return Fail(Error::Validation({FieldError("date", "before_opening", "registration.date_before_opening",
                                                {{"opens_on", FormatDate((*campaign)->opens_on)}})}));
    std::string refused;
    for (const auto& l : *lines) {
      bool ok = l.in_standing && (l.state == domain::RegistrationState::kRegistered ||
                                  l.state == domain::RegistrationState::kEligible);
      if (!ok) refused += (refused.empty() ? "" : "、") + l.name;
    }
    if (!refused.empty())
      return Fail(Error::Rule("not_eligible", "registration.not_eligible", {{"names", refused}}));
    Instant now = d_.clock.Now();
    store::MemberRepository members(c, *d_.cipher);
    int64_t registered = 0;
    for (const auto& l : *lines) {
      if (l.state == domain::RegistrationState::kRegistered) continue;
      if (auto r = repo.Register(l.member_id, year, l.org_id, *on, a.username, now); !r) return Fail(r.error());
      std::string changes = JsonObjectWriter().Int("year", year).str();
      if (auto r = members.AddHistory(HistoryOn(a, now, l.member_id, "registration", changes, *on)); !r)
        return Fail(r.error());
      ++registered;
    }
    std::string summary = JsonObjectWriter().Int("year", year).Int("registered", registered).str();
    if (auto r = AppendAudit(c, d_.clock, a, {"registration.register", "registration", year, a.org_id, summary}); !r)
      return Fail(r.error());
    return registered;
  });
}

Result<std::pair<RegistrationRate, std::vector<RegistrationRate>>> TwoSystemsService::Rates(
    const Actor& a, std::optional<int64_t> org_id, int year) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto org = OrgInScope(**conn, a, org_id.value_or(a.org_id));
  if (!org) return Fail(org.error());
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  TwoSystemsRepository repo(**conn);
  auto rate_of = [&](domain::Org o) -> Result<RegistrationRate> {
    auto counts = repo.RegistrationCounts(o.path, year);
    if (!counts) return Fail(counts.error());
    return RegistrationRate{std::move(o), counts->first, counts->second};
  };
  auto top = rate_of(*org);
  if (!top) return Fail(top.error());
  auto children = ActiveChildren(**conn, *org);
  if (!children) return Fail(children.error());
  std::vector<RegistrationRate> rows;
  for (auto& child : *children) {
    auto r = rate_of(std::move(child));
    if (!r) return Fail(r.error());
    rows.push_back(std::move(*r));
  }
  return std::pair{std::move(*top), std::move(rows)};
}

// --- Party recommendation ---------------------------------------------------------------------

Result<store::Recommendation> TwoSystemsService::RecommendationInScope(store::Connection& c, const Actor& a,
                                                                       int64_t id) {
  auto r = TwoSystemsRepository(c).GetRecommendation(id);
  if (!r) return Fail(r.error());
  if (!*r || !domain::InSubtree(a.org_path, (*r)->org_path))
    return Fail(Error::NotFound("party.not_found"));
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  return std::move(**r);
}

Result<store::Page<store::Recommendation>> TwoSystemsService::Recommendations(
    const Actor& a, std::optional<int64_t> org_id, bool subtree, std::optional<int> year,
    std::optional<std::string> stage, std::optional<int64_t> member_id, store::PageRequest page) {
  auto list = OpenScopedList(d_.db, a, org_id, subtree, Permission::kMemberRead);
  if (!list) return Fail(list.error());
  auto& conn = list->conn;
  const ListScope* scope = &list->scope;
  store::RecommendationQuery q;
  q.scope_path = scope->path;
  q.org_id = scope->only_org;
  q.year = year;
  q.member_id = member_id;
  auto stage_filter = ParseFilter(domain::RecommendationStageNames(), stage, "stage");
  if (!stage_filter) return Fail(stage_filter.error());
  q.stage = *stage_filter;
  q.page = page;
  return TwoSystemsRepository(*conn).ListRecommendations(q);
}

Result<store::Recommendation> TwoSystemsService::Nominate(const Actor& a, const NominationFields& f) {
  Date today = d_.Today();
  std::vector<ErrorDetail> details;
  if (!f.member_id) details.push_back(FieldError("member_id", "required", "common.required"));
  auto applied = RequiredDay("party_applied_on", f.party_applied_on, today);
  if (!applied) details.push_back(applied.error().details.at(0));
  auto on = RequiredDay("date", f.date, today);
  if (!on) details.push_back(on.error().details.at(0));
  std::string reason = Trim(f.reason.value_or(""));
  if (Utf8Length(reason) > kMaxNote)
    details.push_back(FieldError("reason", "too_long", "common.too_long", {{"max", "500"}}));
  if (!f.member_id) return Fail(Error::Validation(std::move(details)));
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<store::Recommendation> {
    auto m = store::MemberRepository(c, *d_.cipher).Get(*f.member_id, today);
    if (!m) return Fail(m.error());
    if (!*m || !domain::InSubtree(a.org_path, (*m)->org_path)) return Fail(Error::NotFound("member.not_found"));
    if (!a.Can(Permission::kPartyWrite)) return Fail(Error::Forbidden());
    if (!details.empty()) return Fail(Error::Validation(details));
    if (!domain::InStanding((*m)->member.status))
      return Fail(Error::Rule("not_in_standing", "party.not_in_standing"));
    if (auto check = domain::CheckPartyApplication(*applied, *on); !check) return Fail(check.error());
    store::Recommendation p;
    p.member_id = *f.member_id;
    p.org_id = (*m)->member.org_id;
    p.year = int(on->year());
    p.party_applied_on = *applied;
    p.stage = RecommendationStage::kNominated;
    p.nominated_on = *on;
    p.reason = reason;
    p.created_by = a.username;
    TwoSystemsRepository repo(c);
    Instant now = d_.clock.Now();
    auto id = repo.InsertRecommendation(p, now);
    if (!id) {
      if (id.error().code == ErrorCode::kConflict) return Fail(Error::Conflict("party.open_exists"));
      return Fail(id.error());
    }
    std::string changes = JsonObjectWriter()
                              .Int("recommendation_id", *id)
                              .Str("stage", "nominated")
                              .Str("party_applied_on", FormatDate(*applied))
                              .str();
    if (auto r = store::MemberRepository(c, *d_.cipher)
                     .AddHistory(HistoryOn(a, now, p.member_id, "party_recommendation", changes, *on));
        !r)
      return Fail(r.error());
    if (auto r = AppendAudit(c, d_.clock, a, {"party.nominate", "party_recommendation", *id, p.org_id, changes}); !r)
      return Fail(r.error());
    auto out = repo.GetRecommendation(*id);
    if (!out) return Fail(out.error());
    return std::move(**out);
  });
}

Result<store::Recommendation> TwoSystemsService::RecordVote(const Actor& a, int64_t id, const VoteFields& f) {
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<store::Recommendation> {
    auto p = RecommendationInScope(c, a, id);
    if (!p) return p;
    if (!a.Can(Permission::kPartyWrite)) return Fail(Error::Forbidden());
    std::vector<ErrorDetail> details;
    auto on = RequiredDay("date", f.date, d_.Today());
    if (!on) details.push_back(on.error().details.at(0));
    else if (Before(*on, p->nominated_on))
      details.push_back(FieldError("date", "before_previous", "recruitment.date_before_previous",
                                   {{"previous", FormatDate(p->nominated_on)}}));
    auto count = [&](const char* field, const std::optional<int64_t>& v) {
      if (!v) details.push_back(FieldError(field, "required", "common.required"));
      else if (*v < 0 || *v > 100000)
        details.push_back(FieldError(field, "out_of_range", "common.out_of_range", {{"min", "0"}, {"max", "100000"}}));
    };
    count("eligible", f.eligible);
    count("present", f.present);
    count("yes", f.yes);
    if (!details.empty()) return Fail(Error::Validation(std::move(details)));
    if (p->stage != RecommendationStage::kNominated)
      return Fail(Error::Rule("stage_order", "party.stage_order"));
    int eligible = static_cast<int>(*f.eligible), present = static_cast<int>(*f.present),
        yes = static_cast<int>(*f.yes);
    if (auto v = domain::CheckVote(eligible, present, yes); !v) return Fail(v.error());
    Instant now = d_.clock.Now();
    p->stage = RecommendationStage::kRecommended;
    p->voted_on = *on;
    p->eligible = eligible, p->present = present, p->yes = yes;
    TwoSystemsRepository repo(c);
    if (auto r = repo.SaveRecommendation(*p, now); !r) return Fail(r.error());
    std::string changes = JsonObjectWriter()
                              .Int("recommendation_id", id)
                              .Str("stage", "recommended")
                              .Int("eligible", eligible)
                              .Int("present", present)
                              .Int("yes", yes)
                              .str();
    if (auto r = store::MemberRepository(c, *d_.cipher)
                     .AddHistory(HistoryOn(a, now, p->member_id, "party_recommendation", changes, *on));
        !r)
      return Fail(r.error());
    if (auto r = AppendAudit(c, d_.clock, a, {"party.vote", "party_recommendation", id, p->org_id, changes}); !r)
      return Fail(r.error());
    auto out = repo.GetRecommendation(id);
    if (!out) return Fail(out.error());
    return std::move(**out);
  });
}

Result<store::Recommendation> TwoSystemsService::Review(const Actor& a, int64_t id, const ReviewFields& f) {
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<store::Recommendation> {
    auto p = RecommendationInScope(c, a, id);
    if (!p) return p;
    if (!FromAbove(a, Permission::kPartyReview, p->org_path))
      return Fail(Error::Forbidden("party.review_from_above"));
    std::vector<ErrorDetail> details;
    auto on = RequiredDay("date", f.date, d_.Today());
    if (!on) details.push_back(on.error().details.at(0));
    else if (p->voted_on && Before(*on, *p->voted_on))
      details.push_back(FieldError("date", "before_previous", "recruitment.date_before_previous",
                                   {{"previous", FormatDate(*p->voted_on)}}));
    std::string decision = Trim(f.decision.value_or(""));
    if (decision.empty()) details.push_back(FieldError("decision", "required", "common.required"));
    else if (decision != "accepted" && decision != "declined")
      details.push_back(FieldError("decision", "invalid_enum", "common.invalid_enum"));
    if (decision == "accepted") {
      if (!f.rank) details.push_back(FieldError("rank", "required", "common.required"));
      else if (*f.rank < 1 || *f.rank > 10000)
        details.push_back(FieldError("rank", "out_of_range", "common.out_of_range", {{"min", "1"}, {"max", "10000"}}));
    }
    std::string note = Trim(f.note.value_or(""));
    if (Utf8Length(note) > kMaxNote) details.push_back(FieldError("note", "too_long", "common.too_long", {{"max", "500"}}));
    if (!details.empty()) return Fail(Error::Validation(std::move(details)));
    if (p->stage != RecommendationStage::kRecommended)
      return Fail(Error::Rule("stage_order", "party.stage_order"));
    Instant now = d_.clock.Now();
    p->stage = decision == "accepted" ? RecommendationStage::kReviewed : RecommendationStage::kDeclined;
    p->reviewed_on = *on;
    if (decision == "accepted") p->rank = static_cast<int>(*f.rank);
    p->note = note;
    TwoSystemsRepository repo(c);
    if (auto r = repo.SaveRecommendation(*p, now); !r) return Fail(r.error());
    JsonObjectWriter changes;
    changes.Int("recommendation_id", id).Str("stage", NameOf(domain::RecommendationStageNames(), p->stage));
    if (p->rank) changes.Int("rank", *p->rank);
    if (!note.empty()) changes.Str("note", note);
    if (auto r = store::MemberRepository(c, *d_.cipher)
                     .AddHistory(HistoryOn(a, now, p->member_id, "party_recommendation", changes.str(), *on));
        !r)
      return Fail(r.error());
    if (auto r = AppendAudit(c, d_.clock, a, {"party.review", "party_recommendation", id, p->org_id, changes.str()}); !r)
      return Fail(r.error());
    auto out = repo.GetRecommendation(id);
    if (!out) return Fail(out.error());
    return std::move(**out);
  });
}

}  // namespace tj::service
