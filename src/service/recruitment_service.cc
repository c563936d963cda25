#include "service/recruitment_service.h"

#include <algorithm>
#include <set>

#include "base/json_writer.h"
#include "base/text.h"
#include "service/audit_service.h"
#include "service/index_update.h"
#include "service/member_service.h"
#include "service/org_service.h"
#include "service/rule_service.h"
#include "store/member_repository.h"
#include "store/org_repository.h"

namespace tj::service {
namespace {

using domain::Permission;
using domain::Stage;
using store::ApplicantRow;
using store::RecruitmentRepository;
using store::TxMode;

constexpr int kMaxSkippedNumbers = 10000;

bool Ended(Stage s) { return s == Stage::kAdmitted || s == Stage::kRejected || s == Stage::kWithdrawn; }

std::string StageName(Stage s) { return std::string(NameOf(domain::StageNames(), s)); }

store::ApplicantEvent EventOf(const Actor& a, Instant at, int64_t applicant_id, std::string kind) {
  store::ApplicantEvent e;
  e.applicant_id = applicant_id;
  e.at = at;
  if (a.user_id) e.actor_id = a.user_id;
  e.actor_username = a.username;
  e.kind = std::move(kind);
  return e;
}

void RecordRules(store::ApplicantEvent& e, const domain::RuleSet& r) {
  e.rule_year = r.year;
  e.rule_version = r.version;
}

// The members a step names (sponsors, introducers), deduplicated, with how many are full
// members in the caller's scope.
struct People {
  std::vector<int64_t> ids;
  std::string json;  // [{"member_id","name"}]
  size_t full = 0;
};

Result<People> LoadPeople(store::Connection& c, const Deps& d, const Actor& a,
                          const std::vector<int64_t>& ids) {
  People out;
  std::set<int64_t> seen;
  store::MemberRepository members(c, *d.cipher);
  std::string json = "[";
  for (auto id : ids) {
    if (!seen.insert(id).second) continue;
    out.ids.push_back(id);
    auto m = members.Get(id, d.Today());
    if (!m) return Fail(m.error());
    if (!*m || !domain::InSubtree(a.org_path, (*m)->org_path)) continue;
    if (domain::InStanding((*m)->member.status)) ++out.full;
    if (json.size() > 1) json += ",";
    json += JsonObjectWriter().Int("member_id", id).Str("name", (*m)->member.name).str();
  }
  out.json = json + "]";
  return out;
}

Error QuotaNotSet(int64_t year) {
  return Error::Rule("quota_not_set", "recruitment.quota_not_set", {{"year", std::to_string(year)}});
}

}  // namespace

Result<ApplicantRow> RecruitmentService::InScope(store::Connection& c, const Actor& a, int64_t id) {
  auto row = RecruitmentRepository(c, *d_.cipher).Get(id);
  if (!row) return Fail(row.error());
  if (!*row || !domain::InSubtree(a.org_path, (*row)->org_path))
    return Fail(Error::NotFound("recruitment.not_found"));
  return std::move(**row);
}

Result<store::Page<ApplicantRow>> RecruitmentService::List(const Actor& a, const ApplicantListRequest& r) {
  auto list = OpenScopedList(d_.db, a, r.org_id, r.subtree, Permission::kRecruitmentRead);
  if (!list) return Fail(list.error());
  auto& conn = list->conn;
  const ListScope* scope = &list->scope;
  store::ApplicantQuery q;
  q.scope_path = scope->path;
  q.org_id = scope->only_org;
  std::string stage = r.stage.value_or("all");
  if (stage == "open") {
    q.stages = {Stage::kApplied, Stage::kActivist, Stage::kCandidate, Stage::kBranchApproved,
                Stage::kApproved};
  } else if (stage != "all" && !stage.empty()) {
    auto s = ParseName(domain::StageNames(), stage);
    if (!s) return Fail(Error::BadRequest("common.bad_parameter", {{"name", "stage"}}));
    q.stages = {*s};
  }
  if (r.q) q.name_contains = Trim(*r.q);
  if (r.talk_overdue) q.talk_overdue_on = d_.Today();
  q.page = r.page;
  return RecruitmentRepository(*conn, *d_.cipher).List(q);
}

Result<StageCounts> RecruitmentService::Counts(const Actor& a, std::optional<int64_t> org_id, bool subtree) {
  auto list = OpenScopedList(d_.db, a, org_id, subtree, Permission::kRecruitmentRead);
  if (!list) return Fail(list.error());
  auto& conn = list->conn;
  const ListScope* scope = &list->scope;
  auto counts = RecruitmentRepository(*conn, *d_.cipher).Counts(scope->path, scope->only_org, d_.Today());
  if (!counts) return Fail(counts.error());
  return StageCounts{counts->first, counts->second};
}

Result<ApplicantRow> RecruitmentService::Create(const Actor& a, std::optional<int64_t> org_id,
                                                const domain::ApplicantFields& f) {
  Date today = d_.Today();
  auto draft = domain::ValidateApplication(f, today);
  if (!org_id) {
    Error e = draft ? Error::Validation({}) : draft.error();
    e.details.insert(e.details.begin(), FieldError("org_id", "required", "common.required"));
    return Fail(std::move(e));
  }
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<ApplicantRow> {
    auto org = OrgInScope(c, a, *org_id);
    if (!org) return Fail(org.error());
    if (!a.Can(Permission::kRecruitmentWrite)) return Fail(Error::Forbidden());
    if (!draft) return Fail(draft.error());
    if (org->status == domain::OrgStatus::kClosed) return Fail(Error::Rule("org_closed", "org.closed"));
    if (auto b = domain::CheckHoldsMembers(*org); !b) return Fail(b.error());
    auto rules = RulesInForce(c, int(draft->applied_on.year()));
    if (!rules) return Fail(rules.error());
    if (auto age = domain::CheckAge(draft->person.id.birth_date, draft->applied_on, *rules); !age)
      return Fail(age.error());
    std::string hash = d_.cipher->LookupHash(draft->person.id.number);
    store::MemberQuery mq;
    mq.scope_path = "/";
    mq.id_number_hash = hash;
    mq.today = today;
    mq.page = {1, 1};
    auto existing = store::MemberRepository(c, *d_.cipher).List(mq);
    if (!existing) return Fail(existing.error());
    if (existing->total > 0) {
      Error e = Error::Conflict("applicant.already_member");
      e.details.push_back(FieldError("id_number", "already_member", "applicant.already_member"));
      return Fail(std::move(e));
    }
    RecruitmentRepository repo(c, *d_.cipher);
    auto open = repo.OpenFileExists(hash);
    if (!open) return Fail(open.error());
    if (*open) {
      Error e = Error::Conflict("applicant.open_file");
      e.details.push_back(FieldError("id_number", "unique", "applicant.open_file"));
      return Fail(std::move(e));
    }
    Instant now = d_.clock.Now();
    auto id = repo.Insert(org->id, *draft, now);
    if (!id) return Fail(id.error());
    auto ev = EventOf(a, now, *id, "create");
    ev.stage_to = Stage::kApplied;
    ev.effective_date = draft->applied_on;
    JsonObjectWriter data;
    data.Str("name", draft->person.name).Str("id_number", MaskIdNumber(draft->person.id.number));
    if (draft->talk_on) data.Str("talk_on", FormatDate(*draft->talk_on));
    ev.data = data.str();
    RecordRules(ev, *rules);
    if (auto r = repo.AddEvent(ev); !r) return Fail(r.error());
    if (draft->talk_on) {
      auto talk = EventOf(a, now, *id, "talk");
      talk.effective_date = draft->talk_on;
      talk.data = JsonObjectWriter().Str("note", draft->talk_note).str();
      if (auto r = repo.AddEvent(talk); !r) return Fail(r.error());
    }
    if (auto r = AppendAudit(c, d_.clock, a, {"applicant.create", "applicant", *id, org->id, ev.data}); !r)
      return Fail(r.error());
    auto row = repo.Get(*id);
    if (!row) return Fail(row.error());
    return std::move(**row);
  });
}

Result<ApplicantDetail> RecruitmentService::Get(const Actor& a, int64_t id) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto row = InScope(**conn, a, id);
  if (!row) return Fail(row.error());
  if (!a.Can(Permission::kRecruitmentRead)) return Fail(Error::Forbidden());
  RecruitmentRepository repo(**conn, *d_.cipher);
  auto hours = repo.ClassHours(id);
  if (!hours) return Fail(hours.error());
  auto events = repo.Events(id);
  if (!events) return Fail(events.error());
  return ApplicantDetail{std::move(*row), std::move(*hours), std::move(*events)};
}

Result<ApplicantRow> RecruitmentService::RecordTalk(const Actor& a, int64_t id,
                                                    const std::optional<std::string>& date,
                                                    const std::optional<std::string>& note) {
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<ApplicantRow> {
    auto row = InScope(c, a, id);
    if (!row) return row;
    if (!a.Can(Permission::kRecruitmentWrite)) return Fail(Error::Forbidden());
    auto& ap = row->applicant;
    auto day = domain::CheckStepDate(date, ap.applied_on, d_.Today());
    std::string text = Trim(note.value_or(""));
    if (!day || Utf8Length(text) > domain::kMaxNoteChars) {
      Error e = day ? Error::Validation({}) : day.error();
      if (Utf8Length(text) > domain::kMaxNoteChars)
        e.details.push_back(FieldError("note", "too_long", "common.too_long",
                                       {{"max", std::to_string(domain::kMaxNoteChars)}}));
      return Fail(std::move(e));
    }
    if (Ended(ap.stage)) return Fail(Error::Rule("file_ended", "recruitment.file_ended"));
    Instant now = d_.clock.Now();
    ap.talk_on = *day;
    ap.talk_note = text;
    RecruitmentRepository repo(c, *d_.cipher);
    if (auto r = repo.Save(ap, now); !r) return Fail(r.error());
    auto ev = EventOf(a, now, id, "talk");
    ev.effective_date = *day;
    ev.data = JsonObjectWriter().Str("note", text).str();
    if (auto r = repo.AddEvent(ev); !r) return Fail(r.error());
    if (auto r = AppendAudit(c, d_.clock, a, {"applicant.talk", "applicant", id, ap.org_id, ev.data}); !r)
      return Fail(r.error());
    auto out = repo.Get(id);
    if (!out) return Fail(out.error());
    return std::move(**out);
  });
}

Result<ApplicantRow> RecruitmentService::AddClassHours(const Actor& a, int64_t id,
                                                       const domain::ClassHourFields& f) {
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<ApplicantRow> {
    auto row = InScope(c, a, id);
    if (!row) return row;
    if (!a.Can(Permission::kRecruitmentWrite)) return Fail(Error::Forbidden());
    auto& ap = row->applicant;
    auto entry = domain::ValidateClassHours(f, ap.applied_on, d_.Today());
    if (!entry) return Fail(entry.error());
    if (Ended(ap.stage)) return Fail(Error::Rule("file_ended", "recruitment.file_ended"));
    Instant now = d_.clock.Now();
    RecruitmentRepository repo(c, *d_.cipher);
    if (auto r = repo.AddClassHours(id, *entry, now, a.username); !r) return Fail(r.error());
    auto ev = EventOf(a, now, id, "class_hours");
    ev.effective_date = entry->date;
    ev.data = JsonObjectWriter()
                  .Raw("hours", domain::FormatHalfHours(entry->half_hours))
                  .Str("topic", entry->topic)
                  .Raw("total", domain::FormatHalfHours(ap.class_half_hours + entry->half_hours))
                  .str();
    if (auto r = repo.AddEvent(ev); !r) return Fail(r.error());
    if (auto r = AppendAudit(c, d_.clock, a, {"applicant.class_hours", "applicant", id, ap.org_id, ev.data}); !r)
      return Fail(r.error());
    auto out = repo.Get(id);
    if (!out) return Fail(out.error());
    return std::move(**out);
  });
}

Result<ApplicantRow> RecruitmentService::Advance(const Actor& a, int64_t id, const AdvanceRequest& req) {
  IndexUpdate idx(d_);
  auto result = store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<ApplicantRow> {
    auto row = InScope(c, a, id);
    if (!row) return row;
    if (!a.Can(Permission::kRecruitmentWrite)) return Fail(Error::Forbidden());
    auto& ap = row->applicant;
    Date today = d_.Today();

    // The request's shape: the target stage, the date and the fields that stage takes.
    std::vector<ErrorDetail> details;
    std::optional<Stage> to;
    std::string to_text = Trim(req.to.value_or(""));
    if (to_text.empty())
      details.push_back(FieldError("to", "required", "common.required"));
    else if (!(to = ParseName(domain::StageNames(), to_text)) || *to == Stage::kApplied)
      details.push_back(FieldError("to", "invalid_enum", "common.invalid_enum"));
    auto date = domain::CheckStepDate(req.date, ap.stage_date, today);
    if (!date) details.push_back(date.error().details.at(0));
    std::string reason = Trim(req.reason.value_or(""));
    if (to && (*to == Stage::kRejected || *to == Stage::kWithdrawn)) {
      if (reason.empty()) details.push_back(FieldError("reason", "required", "common.required"));
      else if (Utf8Length(reason) > domain::kMaxNoteChars)
        details.push_back(FieldError("reason", "too_long", "common.too_long",
                                     {{"max", std::to_string(domain::kMaxNoteChars)}}));
    }
    if (to == Stage::kActivist && !req.sponsor_ids)
      details.push_back(FieldError("sponsor_ids", "required", "common.required"));
    if (to == Stage::kCandidate && !req.introducer_ids)
      details.push_back(FieldError("introducer_ids", "required", "common.required"));
    if (to == Stage::kBranchApproved) {
      auto count = [&](const char* field, const std::optional<int64_t>& v) {
        if (!v) details.push_back(FieldError(field, "required", "common.required"));
        else if (*v < 0 || *v > 100000)
          details.push_back(FieldError(field, "out_of_range", "common.out_of_range",
                                       {{"min", "0"}, {"max", "100000"}}));
      };
      count("eligible", req.eligible);
      count("present", req.present);
      count("yes", req.yes);
    }
    if (!details.empty()) return Fail(Error::Validation(std::move(details)));

    bool approving = *to == Stage::kApproved || *to == Stage::kAdmitted;
    if (approving && (!a.Can(Permission::kRecruitmentApprove) || a.org_path == row->org_path))
      return Fail(Error::Forbidden("recruitment.approve_from_above"));
    if (auto t = domain::CheckTransition(ap.stage, *to); !t) return Fail(t.error());

    auto rules = RulesInForce(c, int(date->year()));
    if (!rules) return Fail(rules.error());
    Instant now = d_.clock.Now();
    RecruitmentRepository repo(c, *d_.cipher);
    auto ev = EventOf(a, now, id, "advance");
    ev.stage_from = ap.stage;
    ev.stage_to = *to;
    ev.effective_date = *date;
    RecordRules(ev, *rules);
    JsonObjectWriter data;

    switch (*to) {
      case Stage::kActivist: {
        auto people = LoadPeople(c, d_, a, *req.sponsor_ids);
        if (!people) return Fail(people.error());
        if (auto s = domain::CheckSponsors(people->ids.size()); !s) return Fail(s.error());
        if (people->full != people->ids.size())
          return Fail(Error::Rule("introducers_invalid", "recruitment.sponsors_invalid"));
        if (auto r = repo.SetPeople(id, "sponsor", people->ids); !r) return Fail(r.error());
        ap.activist_since = *date;
        data.Raw("sponsors", people->json);
        break;
      }
      case Stage::kCandidate: {
        auto half = repo.HalfHoursUpTo(id, *date);
        if (!half) return Fail(half.error());
        if (auto h = domain::CheckClassHours(*half, *rules); !h) return Fail(h.error());
        if (auto p = domain::CheckActivistPeriod(ap.activist_since.value_or(ap.stage_date), *date, *rules); !p)
          return Fail(p.error());
        auto people = LoadPeople(c, d_, a, *req.introducer_ids);
        if (!people) return Fail(people.error());
        if (auto i = domain::CheckIntroducers(people->ids.size(), people->full); !i) return Fail(i.error());
        if (auto r = repo.SetPeople(id, "introducer", people->ids); !r) return Fail(r.error());
        ap.candidate_on = *date;
        data.Raw("introducers", people->json).Raw("class_hours", domain::FormatHalfHours(*half));
        if (ap.activist_since) data.Str("activist_since", FormatDate(*ap.activist_since));
        break;
      }
      case Stage::kBranchApproved: {
        if (auto age = domain::CheckAge(ap.birth_date, *date, *rules); !age) return Fail(age.error());
        int eligible = static_cast<int>(*req.eligible), present = static_cast<int>(*req.present),
            yes = static_cast<int>(*req.yes);
        if (auto v = domain::CheckVote(eligible, present, yes); !v) return Fail(v.error());
        ap.voted_on = *date;
        data.Int("eligible", eligible).Int("present", present).Int("yes", yes);
        break;
      }
      case Stage::kApproved:
        ap.approved_on = *date;
        break;
      case Stage::kAdmitted: {
        // The graduating-class cap of a student's school: the stage of the school whose cohort
        // the student belongs to decides (the branch's, or the file's, when no cohort is set).
        if (ap.graduating_year) {
          auto near = repo.NearestCohort(domain::NearestFirst(row->org_path), *ap.graduating_year);
          if (!near) return Fail(near.error());
          std::optional<domain::SchoolStage> stage;
          if (*near) {
            stage = (*near)->school_stage;
          } else {
            auto branch = store::OrgRepository(c).Get(ap.org_id);
            if (!branch) return Fail(branch.error());
            stage = *branch && (*branch)->school_stage ? (*branch)->school_stage : ap.school_stage;
          }
          auto percent = stage ? domain::CapPercent(*stage, *rules) : std::nullopt;
          if (percent && !*near) return Fail(QuotaNotSet(*ap.graduating_year));
          if (percent) {
            const store::Cohort& cohort = **near;
            int after = cohort.members_before + static_cast<int>(cohort.admitted) + 1;
            if (auto q = domain::CheckQuota(*percent, cohort.students, after); !q) return Fail(q.error());
            if (auto r = repo.SetQuotaOrg(id, cohort.org_id); !r) return Fail(r.error());
            data.Raw("quota", JsonObjectWriter()
                                  .Int("org_id", cohort.org_id)
                                  .Int("graduating_year", cohort.graduating_year)
                                  .Int("cap", domain::QuotaCap(*percent, cohort.students))
                                  .Int("count", after)
                                  .str());
          }
        }
        // The next free number of the nearest range, for the year seniority counts from.
        Date joined = ap.voted_on.value_or(*date);
        std::optional<std::string> number;
        for (int skipped = 0; !number && skipped < kMaxSkippedNumbers; ++skipped) {
          auto taken = repo.TakeSerial(domain::NearestFirst(row->org_path), int(joined.year()));
          if (!taken) return Fail(taken.error());
          if (!*taken)
            return Fail(Error::Rule("number_range_exhausted", "recruitment.number_range_exhausted",
                                    {{"year", std::to_string(int(joined.year()))}}));
          std::string candidate = domain::FormatMemberNo((*taken)->first.year, (*taken)->first.serial_width,
                                                         (*taken)->second);
          auto used = repo.MemberNoTaken(candidate);
          if (!used) return Fail(used.error());
          if (!*used) number = candidate;
        }
        if (!number)
          return Fail(Error::Rule("number_range_exhausted", "recruitment.number_range_exhausted",
                                  {{"year", std::to_string(int(joined.year()))}}));
        // The member record, as the registry keeps it.
        auto id_number = ParseResidentId(ap.id_number, today);
        if (!id_number) return Fail(Error::Internal("stored ID number no longer parses"));
        domain::MemberDraft m;
        m.name = ap.name;
        m.ethnicity = ap.ethnicity;
        m.id = *id_number;
        m.join_date = joined;
        m.member_no = number;
        m.phone = ap.phone;
        m.education = ap.education;
        m.occupation = ap.occupation;
        store::MemberRepository members(c, *d_.cipher);
        auto created = members.Insert(ap.org_id, m, now, today);
        if (!created) {
          if (created.error().code == ErrorCode::kConflict)
            return Fail(Error::Conflict("applicant.already_member"));
          return Fail(created.error());
        }
        auto h = HistoryOf(a, now, created->member.id, "admission",
                           JsonObjectWriter()
                               .Int("applicant_id", id)
                               .Str("member_no", *number)
                               .Str("join_date", FormatDate(joined))
                               .str());
        h.status_to = domain::MemberStatus::kActive;
        h.effective_date = joined;
        if (auto r = members.AddHistory(h); !r) return Fail(r.error());
        if (auto r = AppendAudit(c, d_.clock, a,
                                 {"member.create", "member", created->member.id, ap.org_id, h.changes});
            !r)
          return Fail(r.error());
        ap.admitted_on = *date;
        ap.member_id = created->member.id;
        ap.member_no = number;
        if (auto r = idx.After(c, {created->member.id}); !r) return Fail(r.error());
        idx.Member(std::nullopt, FactsOf(created->member));
        data.Int("member_id", created->member.id).Str("member_no", *number).Str("join_date", FormatDate(joined));
        break;
      }
      case Stage::kRejected:
      case Stage::kWithdrawn:
        ap.end_reason = reason;
        data.Str("reason", reason);
        break;
      case Stage::kApplied:
        break;
    }
    ap.stage = *to;
    ap.stage_date = *date;
    if (auto r = repo.Save(ap, now); !r) return Fail(r.error());
    ev.data = data.str();
    if (auto r = repo.AddEvent(ev); !r) return Fail(r.error());
    std::string summary = JsonObjectWriter()
                              .Str("from", StageName(*ev.stage_from))
                              .Str("to", StageName(*to))
                              .Str("date", FormatDate(*date))
                              .Raw("data", ev.data)
                              .Int("rule_version", rules->version)
                              .str();
    if (auto r = AppendAudit(c, d_.clock, a, {"applicant.advance", "applicant", id, ap.org_id, summary}); !r)
      return Fail(r.error());
    auto out = repo.Get(id);
    if (!out) return Fail(out.error());
    return std::move(**out);
  });
  if (result) idx.Apply();
  return result;
}

Result<void> RecruitmentService::AuditReveal(const Actor& a, const std::vector<const ApplicantRow*>& rows) {
  if (!MayReveal(a)) return Fail(Error::Forbidden());
  if (rows.empty()) return {};
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<void> {
    for (const auto* r : rows) {
      if (auto w = AppendAudit(c, d_.clock, a,
                               {"applicant.reveal", "applicant", r->applicant.id, r->applicant.org_id,
                                JsonObjectWriter().Str("fields", "id_number,phone").str()});
          !w)
        return w;
    }
    return {};
  });
}

namespace {

QuotaView ViewOf(const store::Cohort& c, const domain::RuleSet& r) {
  QuotaView v;
  v.cohort = c;
  v.rule_year = r.year;
  v.rule_version = r.version;
  if (c.school_stage) v.cap_percent = domain::CapPercent(*c.school_stage, r).value_or(0);
  v.cap = domain::QuotaCap(v.cap_percent, c.students);
  return v;
}

}  // namespace

Result<store::Page<QuotaView>> RecruitmentService::Quotas(const Actor& a, std::optional<int64_t> org_id,
                                                          bool subtree, std::optional<int> graduating_year,
                                                          store::PageRequest page) {
  auto list = OpenScopedList(d_.db, a, org_id, subtree, Permission::kRecruitmentRead);
  if (!list) return Fail(list.error());
  auto& conn = list->conn;
  const ListScope* scope = &list->scope;
  auto rules = RulesInForce(*conn, int(d_.Today().year()));
  if (!rules) return Fail(rules.error());
  auto cohorts = RecruitmentRepository(*conn, *d_.cipher)
                     .ListCohorts(scope->path, scope->only_org, graduating_year, page);
  if (!cohorts) return Fail(cohorts.error());
  store::Page<QuotaView> out;
  out.total = cohorts->total;
  for (const auto& c : cohorts->items) out.items.push_back(ViewOf(c, *rules));
  return out;
}

Result<QuotaView> RecruitmentService::PutQuota(const Actor& a, const QuotaFields& f) {
  std::vector<ErrorDetail> details;
  int this_year = int(d_.Today().year());
  auto in_range = [&](const char* field, const std::optional<int64_t>& v, int64_t lo, int64_t hi) {
    if (!v) details.push_back(FieldError(field, "required", "common.required"));
    else if (*v < lo || *v > hi)
      details.push_back(FieldError(field, "out_of_range", "common.out_of_range",
                                   {{"min", std::to_string(lo)}, {"max", std::to_string(hi)}}));
  };
  if (!f.org_id) details.push_back(FieldError("org_id", "required", "common.required"));
  in_range("graduating_year", f.graduating_year, this_year - 10, this_year + 10);
  in_range("students", f.students, 0, 100000);
  bool students_ok = f.students && *f.students >= 0 && *f.students <= 100000;
  in_range("members_before", f.members_before, 0, students_ok ? *f.students : 100000);
  if (!f.org_id) return Fail(Error::Validation(std::move(details)));
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<QuotaView> {
    auto org = OrgInScope(c, a, *f.org_id);
    if (!org) return Fail(org.error());
    if (!a.Can(Permission::kQuotaWrite)) return Fail(Error::Forbidden());
    if (!details.empty()) return Fail(Error::Validation(details));
    if (org->school_stage != domain::SchoolStage::kJuniorHigh &&
        org->school_stage != domain::SchoolStage::kSeniorHigh)
      return Fail(Error::Rule("not_school", "recruitment.quota_not_school"));
    RecruitmentRepository repo(c, *d_.cipher);
    Instant now = d_.clock.Now();
    int year = static_cast<int>(*f.graduating_year);
    auto before = repo.GetCohort(org->id, year);
    if (!before) return Fail(before.error());
    if (auto r = repo.PutCohort(org->id, year, static_cast<int>(*f.students),
                                static_cast<int>(*f.members_before), now, a.username);
        !r)
      return Fail(r.error());
    JsonObjectWriter summary;
    summary.Int("graduating_year", year).Int("students", *f.students).Int("members_before", *f.members_before);
    if (*before) summary.Int("students_before", (*before)->students);
    if (auto r = AppendAudit(c, d_.clock, a, {"quota.put", "org", org->id, org->id, summary.str()}); !r)
      return Fail(r.error());
    auto rules = RulesInForce(c, this_year);
    if (!rules) return Fail(rules.error());
    auto cohort = repo.GetCohort(org->id, year);
    if (!cohort) return Fail(cohort.error());
    return ViewOf(**cohort, *rules);
  });
}

Result<std::vector<store::RangeRow>> RecruitmentService::Ranges(const Actor& a, std::optional<int> year,
                                                                std::optional<int64_t> org_id, bool subtree) {
  auto list = OpenScopedList(d_.db, a, org_id, subtree, Permission::kRecruitmentRead);
  if (!list) return Fail(list.error());
  auto& conn = list->conn;
  const ListScope* scope = &list->scope;
  // The orgs above the caller allocate the numbers the caller's admissions take.
  std::vector<int64_t> above;
  if (!org_id) {
    above = domain::NearestFirst(a.org_path);
    if (!above.empty()) above.erase(above.begin());
  }
  return RecruitmentRepository(*conn, *d_.cipher).ListRanges(year, scope->path, scope->only_org, above);
}

Result<store::RangeRow> RecruitmentService::CreateRange(const Actor& a, const RangeFields& f) {
  std::vector<ErrorDetail> details;
  auto required = [&](const char* field, const std::optional<int64_t>& v) {
    if (!v) details.push_back(FieldError(field, "required", "common.required"));
  };
  required("org_id", f.org_id);
  required("year", f.year);
  required("first_serial", f.first_serial);
  required("last_serial", f.last_serial);
  domain::NumberRange range;
  range.org_id = f.org_id.value_or(0);
  range.year = static_cast<int>(std::clamp<int64_t>(f.year.value_or(0), -1, 100000));
  range.serial_width = static_cast<int>(std::clamp<int64_t>(f.serial_width.value_or(8), -1, 100));
  range.first_serial = f.first_serial.value_or(1);
  range.last_serial = f.last_serial.value_or(1);
  if (details.empty())
    if (auto v = domain::ValidateNumberRange(range); !v) details = v.error().details;
  if (!f.org_id) return Fail(Error::Validation(std::move(details)));
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<store::RangeRow> {
    auto org = OrgInScope(c, a, *f.org_id);
    if (!org) return Fail(org.error());
    if (!a.Can(Permission::kNumberRangeWrite) || !a.WholeTree()) return Fail(Error::Forbidden());
    if (!details.empty()) return Fail(Error::Validation(details));
    if (org->type == domain::OrgType::kBranch)
      return Fail(Error::Rule("range_org_branch", "recruitment.range_org_branch"));
    RecruitmentRepository repo(c, *d_.cipher);
    auto others = repo.RangesOf(range.year, range.serial_width);
    if (!others) return Fail(others.error());
    for (const auto& o : *others) {
      if (!domain::Overlaps(range, o)) continue;
      return Fail(Error::Conflict(
          "number_range.overlap",
          {{"first", domain::FormatMemberNo(o.year, o.serial_width, o.first_serial)},
           {"last", domain::FormatMemberNo(o.year, o.serial_width, o.last_serial)}}));
    }
    Instant now = d_.clock.Now();
    auto id = repo.InsertRange(range, now, a.username);
    if (!id) return Fail(id.error());
    std::string summary = JsonObjectWriter()
                              .Int("year", range.year)
                              .Str("first", domain::FormatMemberNo(range.year, range.serial_width, range.first_serial))
                              .Str("last", domain::FormatMemberNo(range.year, range.serial_width, range.last_serial))
                              .str();
    if (auto r = AppendAudit(c, d_.clock, a, {"number_range.create", "number_range", *id, org->id, summary}); !r)
      return Fail(r.error());
    auto out = repo.GetRange(*id);
    if (!out) return Fail(out.error());
    return std::move(**out);
  });
}

}  // namespace tj::service
