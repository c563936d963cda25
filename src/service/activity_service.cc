#include "service/activity_service.h"

#include <algorithm>
#include <set>

#include "base/crypto.h"
#include "base/json_writer.h"
#include "base/text.h"
#include "service/audit_service.h"
#include "service/org_service.h"
#include "service/rule_service.h"
#include "store/org_repository.h"

namespace tj::service {
namespace {

using domain::ActivityKind;
using domain::ComplianceStatus;
using domain::Month;
using domain::Permission;
using store::ActivityRepository;
using store::TxMode;

constexpr size_t kMaxGuests = 100;
constexpr size_t kMaxAttendance = 2000;

bool Closed(const std::optional<store::ReportRow>& r) {
  return r && (r->state == "submitted" || r->state == "accepted");
}

// The month of `day` must not be reported already for `org_id`.
Result<void> MonthOpen(ActivityRepository& repo, int64_t org_id, Date day) {
  Month m = domain::MonthOf(day);
  auto report = repo.ReportOf(org_id, m);
  if (!report) return Fail(report.error());
  if (Closed(*report))
    return Fail(Error::Rule("month_reported", "activity.month_reported", {{"month", domain::FormatMonth(m)}}));
  return {};
}

std::string Summary(const store::ActivityRow& a) {
  return JsonObjectWriter()
      .Str("kind", NameOf(domain::ActivityKindNames(), a.draft.kind))
      .Str("held_on", FormatDate(a.draft.held_on))
      .Str("topic", a.draft.topic)
      .Int("participants", a.participants)
      .str();
}

std::optional<int> ParseYearMonth(std::string_view s) { return domain::ParseMonth(s); }

}  // namespace

Result<ActivityDetail> ActivityService::DetailOf(store::Connection& c, int64_t id) {
  ActivityRepository repo(c);
  auto row = repo.Get(id);
  if (!row) return Fail(row.error());
  if (!*row) return Fail(Error::NotFound("activity.not_found"));
  auto att = repo.Attendance(id);
  if (!att) return Fail(att.error());
  auto apps = repo.Applicants(id);
  if (!apps) return Fail(apps.error());
  auto files = repo.Files(id);
  if (!files) return Fail(files.error());
  return ActivityDetail{std::move(**row), std::move(*att), std::move(*apps), std::move(*files)};
}

Result<store::Page<store::ActivityRow>> ActivityService::List(const Actor& a, const ActivityListRequest& r) {
  auto list = OpenScopedList(d_.db, a, r.org_id, r.subtree, Permission::kMemberRead);
  if (!list) return Fail(list.error());
  store::ActivityQuery q;
  q.scope_path = list->scope.path;
  q.only_org = list->scope.only_org;
  std::vector<ErrorDetail> details;
  for (const auto& k : r.kinds) {
    if (auto kind = ParseName(domain::ActivityKindNames(), k)) q.kinds.push_back(*kind);
    else details.push_back(FieldError("kind", "invalid_enum", "common.invalid_enum"));
  }
  auto day = [&](const std::optional<std::string>& s, const char* name) -> std::optional<Date> {
    if (!s || s->empty()) return std::nullopt;
    auto d = ParseDate(*s);
    if (!d) details.push_back(FieldError(name, "invalid_format", "common.date_format"));
    return d;
  };
  q.from = day(r.from, "from");
  q.to = day(r.to, "to");
  if (r.q && !Trim(*r.q).empty()) q.topic_contains = Trim(*r.q);
  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  q.page = r.page;
  return ActivityRepository(*list->conn).List(q);
}

Result<ActivityDetail> ActivityService::Get(const Actor& a, int64_t id) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto detail = DetailOf(**conn, id);
  if (!detail) return detail;
  if (!domain::InSubtree(a.org_path, detail->row.org_path)) return Fail(Error::NotFound("activity.not_found"));
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  return detail;
}

Result<ActivityDetail> ActivityService::Create(const Actor& a, const ActivityInput& in) { return Save(a, std::nullopt, in); }

Result<ActivityDetail> ActivityService::Update(const Actor& a, int64_t id, const ActivityInput& in) {
  return Save(a, id, in);
}

Result<ActivityDetail> ActivityService::Save(const Actor& a, std::optional<int64_t> id, const ActivityInput& in) {
  Date today = d_.Today();
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<ActivityDetail> {
    ActivityRepository repo(c);
    std::optional<ActivityDetail> before;
    domain::Org org;
    domain::ActivityFields f = in.fields;
    if (id) {
      auto cur = DetailOf(c, *id);
      if (!cur) return cur;
      if (!domain::InSubtree(a.org_path, cur->row.org_path)) return Fail(Error::NotFound("activity.not_found"));
      auto o = OrgInScope(c, a, cur->row.org_id);
      if (!o) return Fail(o.error());
      org = *o;
      if (!a.Can(Permission::kActivityWrite)) return Fail(Error::Forbidden());
      if (auto open = MonthOpen(repo, org.id, cur->row.draft.held_on); !open) return Fail(open.error());
      // What the request leaves out stays as it was.
      const auto& d = cur->row.draft;
      if (!f.kind) f.kind = std::string(NameOf(domain::ActivityKindNames(), d.kind));
      if (!f.held_on) f.held_on = FormatDate(d.held_on);
      if (!f.place) f.place = d.place;
      if (!f.topic) f.topic = d.topic;
      if (!f.topic_id && !in.clear_topic_id) f.topic_id = d.topic_id;
      if (!f.class_half_hours && d.kind == ActivityKind::kClass && *f.kind == "class")
        f.class_half_hours = d.class_half_hours;
      if (!f.teacher) f.teacher = d.teacher;
      if (!f.summary) f.summary = d.summary;
      before = std::move(*cur);
    } else {
      if (!in.org_id) {
        auto v = domain::ValidateActivity(f, today);
        Error e = v ? Error::Validation({}) : v.error();
        e.details.insert(e.details.begin(), FieldError("org_id", "required", "common.required"));
        return Fail(std::move(e));
      }
      auto o = OrgInScope(c, a, *in.org_id);
      if (!o) return Fail(o.error());
      org = *o;
      if (!a.Can(Permission::kActivityWrite)) return Fail(Error::Forbidden());
      if (org.status == domain::OrgStatus::kClosed) return Fail(Error::Rule("org_closed", "org.closed"));
    }
    auto draft = domain::ValidateActivity(f, today);
    std::vector<ErrorDetail> details;
    if (!draft) details = draft.error().details;
    // The topic, if one from a list: of the activity's year, kept by its org or one above.
    if (draft && draft->topic_id) {
      auto topic = repo.GetTopic(*draft->topic_id);
      if (!topic) return Fail(topic.error());
      bool fits = false;
      if (*topic && (*topic)->year == static_cast<int>(draft->held_on.year())) {
        auto owner = store::OrgRepository(c).Get((*topic)->org_id);
        if (!owner) return Fail(owner.error());
        fits = *owner && domain::InSubtree((*owner)->path, org.path);
      }
      if (!fits) details.push_back(FieldError("topic_id", "invalid", "activity.topic_not_available"));
    }
    // Attendance: members in standing of the org's subtree, each once.
    std::vector<std::pair<int64_t, domain::Attendance>> attendance;
    if (in.attendance) {
      if (in.attendance->size() > kMaxAttendance)
        details.push_back(FieldError("attendance", "too_many", "activity.too_many", {{"max", std::to_string(kMaxAttendance)}}));
      std::vector<int64_t> ids;
      for (const auto& [m, s] : *in.attendance) ids.push_back(m);
      auto checks = repo.MemberChecks(ids);
      if (!checks) return Fail(checks.error());
      std::set<int64_t> seen;
      for (size_t i = 0; i < in.attendance->size(); ++i) {
        const auto& [member, status] = (*in.attendance)[i];
        std::string field = "attendance[" + std::to_string(i) + "]";
        auto st = ParseName(domain::AttendanceNames(), status);
        auto it = checks->find(member);
        if (!st)
          details.push_back(FieldError(field + ".status", "invalid_enum", "common.invalid_enum"));
        else if (it == checks->end() || !domain::InSubtree(a.org_path, it->second.org_path))
          return Fail(Error::NotFound("member.not_found"));
        else if (!domain::InSubtree(org.path, it->second.org_path))
          details.push_back(FieldError(field + ".member_id", "not_in_org", "activity.attendee_not_in_org"));
        else if (!domain::InStanding(
                     ParseName(domain::MemberStatusNames(), it->second.status).value_or(domain::MemberStatus::kRemoved)))
          details.push_back(FieldError(field + ".member_id", "not_in_standing", "activity.attendee_not_in_standing"));
        else if (!seen.insert(member).second)
          details.push_back(FieldError(field + ".member_id", "duplicate", "activity.attendee_twice"));
        else
          attendance.emplace_back(member, *st);
      }
    } else if (before) {
      for (const auto& r : before->attendance) attendance.emplace_back(r.member_id, r.status);
    }
    // Applicants: open files of the org's subtree, at classes only, on or after the application.
    std::vector<int64_t> applicants;
    std::optional<std::vector<int64_t>> asked = in.applicants;
    if (!asked && before) {
      asked.emplace();
      for (const auto& x : before->applicants) asked->push_back(x.applicant_id);
    }
    // Applicants already at this class stay, whatever became of their files since.
    std::set<int64_t> already;
    if (before)
      for (const auto& x : before->applicants) already.insert(x.applicant_id);
    if (asked && !asked->empty()) {
      auto checks = repo.ApplicantChecks(*asked);
      if (!checks) return Fail(checks.error());
      std::set<int64_t> seen;
      for (size_t i = 0; i < asked->size(); ++i) {
        int64_t id_i = (*asked)[i];
        std::string field = "applicants[" + std::to_string(i) + "]";
        auto it = checks->find(id_i);
        if (it == checks->end() || !domain::InSubtree(a.org_path, it->second.org_path))
          return Fail(Error::NotFound("recruitment.not_found"));
        if (draft && draft->kind != ActivityKind::kClass) {
          details.push_back(FieldError(field, "not_a_class", "activity.applicants_at_classes_only"));
          break;
        }
        const auto& stage = it->second.status;
        if (!domain::InSubtree(org.path, it->second.org_path))
          details.push_back(FieldError(field, "not_in_org", "activity.attendee_not_in_org"));
        else if (stage != "applied" && stage != "activist" && stage != "candidate" && !already.contains(id_i))
          details.push_back(FieldError(field, "file_closed", "activity.applicant_not_open"));
        else if (draft && it->second.applied_on && Before(draft->held_on, *it->second.applied_on))
          details.push_back(FieldError(field, "before_application", "recruitment.class_before_application",
                                       {{"applied_on", FormatDate(*it->second.applied_on)}}));
        else if (!seen.insert(id_i).second)
          details.push_back(FieldError(field, "duplicate", "activity.attendee_twice"));
        else
          applicants.push_back(id_i);
      }
    }
    std::vector<std::string> guests;
    if (in.guests) {
      if (in.guests->size() > kMaxGuests)
        details.push_back(FieldError("guests", "too_many", "activity.too_many", {{"max", std::to_string(kMaxGuests)}}));
      for (size_t i = 0; i < in.guests->size(); ++i) {
        std::string g = Trim((*in.guests)[i]);
        std::string field = "guests[" + std::to_string(i) + "]";
        if (g.empty() || g.find('\n') != std::string::npos || g.find('\r') != std::string::npos)
          details.push_back(FieldError(field, "invalid", "activity.guest_name"));
        else if (Utf8Length(g) > 50)
          details.push_back(FieldError(field, "too_long", "common.too_long", {{"max", "50"}}));
        else
          guests.push_back(std::move(g));
      }
    } else if (before) {
      guests = before->row.guests;
    }
    if (!details.empty()) return Fail(Error::Validation(std::move(details)));
    if (auto open = MonthOpen(repo, org.id, draft->held_on); !open) return Fail(open.error());
    Instant now = d_.clock.Now();
    int64_t activity_id = 0;
    if (id) {
      activity_id = *id;
      if (auto r = repo.Update(*id, *draft, guests, now); !r) return Fail(r.error());
    } else {
      auto inserted = repo.Insert(org.id, *draft, guests, now, a.username);
      if (!inserted) return Fail(inserted.error());
      activity_id = *inserted;
    }
    if (auto r = repo.SetAttendance(activity_id, attendance, applicants, static_cast<int>(guests.size())); !r)
      return Fail(r.error());
    if (auto r = repo.CreditClassHours(activity_id, applicants, *draft, now, a.username); !r) return Fail(r.error());
    auto out = DetailOf(c, activity_id);
    if (!out) return out;
    if (auto r = AppendAudit(c, d_.clock, a,
                             {id ? "activity.update" : "activity.create", "activity", activity_id, org.id,
                              Summary(out->row)});
        !r)
      return Fail(r.error());
    return out;
  });
}

Result<void> ActivityService::Delete(const Actor& a, int64_t id) {
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<void> {
    auto cur = DetailOf(c, id);
    if (!cur) return Fail(cur.error());
    if (!domain::InSubtree(a.org_path, cur->row.org_path)) return Fail(Error::NotFound("activity.not_found"));
    if (!a.Can(Permission::kActivityWrite)) return Fail(Error::Forbidden());
    ActivityRepository repo(c);
    if (auto open = MonthOpen(repo, cur->row.org_id, cur->row.draft.held_on); !open) return Fail(open.error());
    if (auto r = repo.Delete(id); !r) return Fail(r.error());
    return AppendAudit(c, d_.clock, a, {"activity.delete", "activity", id, cur->row.org_id, Summary(cur->row)});
  });
}

Result<store::ActivityFile> ActivityService::AddFile(const Actor& a, int64_t activity_id, const std::string& name,
                                                    std::string_view bytes) {
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<store::ActivityFile> {
    auto cur = DetailOf(c, activity_id);
    if (!cur) return Fail(cur.error());
    if (!domain::InSubtree(a.org_path, cur->row.org_path)) return Fail(Error::NotFound("activity.not_found"));
    if (!a.Can(Permission::kActivityWrite)) return Fail(Error::Forbidden());
    auto type = domain::CheckAttachment(name, bytes);
    if (!type) return Fail(type.error());
    if (cur->files.size() >= domain::kMaxAttachments)
      return Fail(Error::Validation({FieldError("file", "too_many", "activity.too_many",
                                                {{"max", std::to_string(domain::kMaxAttachments)}})}));
    ActivityRepository repo(c);
    if (auto open = MonthOpen(repo, cur->row.org_id, cur->row.draft.held_on); !open) return Fail(open.error());
    store::ActivityFile f;
    f.activity_id = activity_id;
    f.name = Trim(name);
    f.content_type = *type;
    f.size = static_cast<int64_t>(bytes.size());
    f.sha256 = crypto::Sha256Hex(bytes);
    f.created_at = d_.clock.Now();
    f.created_by = a.username;
    auto id = repo.InsertFile(f, bytes);
    if (!id) return Fail(id.error());
    f.id = *id;
    if (auto r = AppendAudit(c, d_.clock, a,
                             {"activity.file_add", "activity", activity_id, cur->row.org_id,
                              JsonObjectWriter().Int("file_id", f.id).Str("name", f.name).Int("size", f.size).Str("sha256", f.sha256).str()});
        !r)
      return Fail(r.error());
    return f;
  });
}

Result<std::pair<store::ActivityFile, std::string>> ActivityService::File(const Actor& a, int64_t activity_id,
                                                                           int64_t file_id) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  ActivityRepository repo(**conn);
  auto row = repo.Get(activity_id);
  if (!row) return Fail(row.error());
  if (!*row || !domain::InSubtree(a.org_path, (*row)->org_path)) return Fail(Error::NotFound("activity.not_found"));
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  auto f = repo.File(activity_id, file_id);
  if (!f) return Fail(f.error());
  if (!*f) return Fail(Error::NotFound("activity.file_not_found"));
  return std::move(**f);
}

Result<void> ActivityService::DeleteFile(const Actor& a, int64_t activity_id, int64_t file_id) {
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<void> {
    ActivityRepository repo(c);
    auto row = repo.Get(activity_id);
    if (!row) return Fail(row.error());
    if (!*row || !domain::InSubtree(a.org_path, (*row)->org_path)) return Fail(Error::NotFound("activity.not_found"));
    if (!a.Can(Permission::kActivityWrite)) return Fail(Error::Forbidden());
    auto f = repo.File(activity_id, file_id);
    if (!f) return Fail(f.error());
    if (!*f) return Fail(Error::NotFound("activity.file_not_found"));
    if (auto open = MonthOpen(repo, (*row)->org_id, (*row)->draft.held_on); !open) return Fail(open.error());
    if (auto r = repo.DeleteFile(file_id); !r) return Fail(r.error());
    return AppendAudit(c, d_.clock, a,
                       {"activity.file_delete", "activity", activity_id, (*row)->org_id,
                        JsonObjectWriter().Int("file_id", file_id).Str("name", (*f)->first.name).str()});
  });
}

Result<Roster> ActivityService::RosterOf(const Actor& a, int64_t org_id) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto org = OrgInScope(**conn, a, org_id);
  if (!org) return Fail(org.error());
  if (!a.Can(Permission::kActivityWrite)) return Fail(Error::Forbidden());
  ActivityRepository repo(**conn);
  auto members = repo.RosterMembers(org->path);
  if (!members) return Fail(members.error());
  auto applicants = repo.RosterApplicants(org->path);
  if (!applicants) return Fail(applicants.error());
  Roster out;
  for (auto& [id, name, no] : *members) out.members.push_back({id, std::move(name), std::move(no)});
  for (auto& [id, name, stage] : *applicants) out.applicants.push_back({id, std::move(name), std::move(stage)});
  return out;
}

Result<std::vector<store::Topic>> ActivityService::Topics(const Actor& a, int year) {
  if (!a.Can(Permission::kMemberRead) && !a.Can(Permission::kActivityWrite)) return Fail(Error::Forbidden());
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  // The caller's org and every org above it.
  return ActivityRepository(**conn).Topics(year, domain::NearestFirst(a.org_path));
}

Result<store::Topic> ActivityService::CreateTopic(const Actor& a, int year, const std::string& title_in,
                                                  bool required) {
  if (!a.Can(Permission::kActivityReview)) return Fail(Error::Forbidden());
  std::vector<ErrorDetail> details;
  std::string title = Trim(title_in);
  if (title.empty()) details.push_back(FieldError("title", "required", "common.required"));
  else if (Utf8Length(title) > 200) details.push_back(FieldError("title", "too_long", "common.too_long", {{"max", "200"}}));
  int this_year = static_cast<int>(d_.Today().year());
  if (year < this_year - 1 || year > this_year + 1)
    details.push_back(FieldError("year", "out_of_range", "common.out_of_range",
                                 {{"min", std::to_string(this_year - 1)}, {"max", std::to_string(this_year + 1)}}));
  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<store::Topic> {
    ActivityRepository repo(c);
    auto id = repo.InsertTopic(a.org_id, year, title, required, d_.clock.Now(), a.username);
    if (!id) return Fail(id.error());
    auto t = repo.GetTopic(*id);
    if (!t) return Fail(t.error());
    if (auto r = AppendAudit(c, d_.clock, a,
                             {"activity.topic", "activity_topic", *id, a.org_id,
                              JsonObjectWriter().Int("year", year).Str("title", title).Bool("required", required).str()});
        !r)
      return Fail(r.error());
    return std::move(**t);
  });
}

Result<void> ActivityService::DeleteTopic(const Actor& a, int64_t id) {
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<void> {
    ActivityRepository repo(c);
    auto t = repo.GetTopic(id);
    if (!t) return Fail(t.error());
    // Only the org that keeps the list may take a topic off it.
    if (!*t || (*t)->org_id != a.org_id) return Fail(Error::NotFound("activity.topic_not_found"));
    if (!a.Can(Permission::kActivityReview)) return Fail(Error::Forbidden());
    auto used = repo.TopicUsed(id);
    if (!used) return Fail(used.error());
    if (*used) return Fail(Error::Conflict("activity.topic_in_use"));
    if (auto r = repo.DeleteTopic(id); !r) return Fail(r.error());
    return AppendAudit(c, d_.clock, a,
                       {"activity.topic_delete", "activity_topic", id, a.org_id,
                        JsonObjectWriter().Str("title", (*t)->title).str()});
  });
}

Result<std::pair<OrgYearTotals, std::vector<OrgYearTotals>>> ActivityService::Stats(const Actor& a,
                                                                                    std::optional<int64_t> org_id,
                                                                                    int year) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto org = OrgInScope(**conn, a, org_id.value_or(a.org_id));
  if (!org) return Fail(org.error());
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  auto totals = ActivityRepository(**conn).Totals(org->path, domain::MakeMonth(year, 1), domain::MakeMonth(year, 12));
  if (!totals) return Fail(totals.error());
  auto children = ActiveChildren(**conn, *org);
  if (!children) return Fail(children.error());
  OrgYearTotals top{*org, {}};
  std::vector<OrgYearTotals> rows;
  for (auto& ch : *children) rows.push_back({std::move(ch), {}});
  auto add = [](store::KindTotals& to, const store::KindTotals& from) {
    for (size_t k = 0; k < domain::kActivityKindCount; ++k) {
      to.count[k] += from.count[k];
      to.participants[k] += from.participants[k];
    }
  };
  // Each org's path decides which child's subtree its totals count in.
  for (const auto& [id, t] : *totals) {
    add(top.totals, t.totals);
    for (auto& r : rows)
      if (domain::InSubtree(r.org.path, t.path)) add(r.totals, t.totals);
  }
  return std::pair{std::move(top), std::move(rows)};
}

namespace {

// Compliance of every branch of a subtree (or one branch) from the tables.
struct SubtreeCompliance {
  std::vector<BranchSummary> branches;
  std::map<int64_t, BranchComplianceView> detail;  // filled for `detail_of` only
  std::map<int64_t, std::pair<int64_t, int>> classes;  // member -> (org, classes this year)
};

Result<SubtreeCompliance> ComplianceOf(store::Connection& c, const domain::Org& root, int year, Date today,
                                       std::optional<int64_t> detail_of) {
  auto rules = RulesInForce(c, year);
  if (!rules) return Fail(rules.error());
  store::OrgQuery q;
  q.scope_path = root.path;
  q.type = domain::OrgType::kBranch;
  q.status = domain::OrgStatus::kActive;
  q.page.size = 1'000'000;
  auto branches = store::OrgRepository(c).List(q);
  if (!branches) return Fail(branches.error());
  ActivityRepository repo(c);
  auto counts = repo.MonthCountsOf(root.path, std::nullopt, year);
  if (!counts) return Fail(counts.error());
  auto classes = repo.MemberClasses(root.path, std::nullopt, year);
  if (!classes) return Fail(classes.error());
  std::map<int64_t, std::vector<std::pair<int64_t, int>>> members_of;  // org -> (member, classes)
  for (const auto& [member, oc] : *classes) members_of[oc.first].emplace_back(member, oc.second);
  SubtreeCompliance out;
  out.classes = std::move(*classes);
  for (const auto& item : branches->items) {
    const domain::Org& b = item.org;
    domain::MonthCounts mc{};
    if (auto it = counts->find(b.id); it != counts->end()) mc = it->second;
    auto reqs = domain::BranchCompliance(mc, year, today, *rules);
    BranchSummary s;
    s.org = b;
    bool members_missed = false, members_behind = false;
    for (const auto& [member, n] : members_of[b.id]) {
      auto st = domain::MemberClassStatus(n, rules->min_classes_per_year, year, today);
      ++s.members;
      if (st == ComplianceStatus::kMet) ++s.members_met;
      members_missed = members_missed || st == ComplianceStatus::kMissed;
      members_behind = members_behind || st == ComplianceStatus::kBehind;
    }
    for (const auto& r : reqs) {
      std::string key(NameOf(domain::RequirementNames(), r.requirement));
      if (r.status == ComplianceStatus::kMissed) s.missed.push_back(key);
      if (r.status == ComplianceStatus::kBehind) s.behind.push_back(key);
    }
    if (members_missed) s.missed.push_back("member_classes");
    else if (members_behind) s.behind.push_back("member_classes");
    s.status = domain::Overall(reqs, members_missed, members_behind);
    if (detail_of && *detail_of == b.id) {
      BranchComplianceView v;
      v.org = b;
      v.year = year;
      v.requirements = reqs;
      v.classes_required = rules->min_classes_per_year;
      v.members_met = s.members_met;
      v.status = s.status;
      out.detail.emplace(b.id, std::move(v));
    }
    out.branches.push_back(std::move(s));
  }
  return out;
}

}  // namespace

Result<BranchComplianceView> ActivityService::Branch(const Actor& a, int64_t org_id, int year) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto org = OrgInScope(**conn, a, org_id);
  if (!org) return Fail(org.error());
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  if (org->type != domain::OrgType::kBranch)
    return Fail(Error::Validation({FieldError("org_id", "not_a_branch", "activity.not_a_branch")}));
  Date today = d_.Today();
  auto all = ComplianceOf(**conn, *org, year, today, org->id);
  if (!all) return Fail(all.error());
  auto it = all->detail.find(org->id);
  if (it == all->detail.end()) return Fail(Error::Validation({FieldError("org_id", "not_a_branch", "activity.not_a_branch")}));
  BranchComplianceView v = std::move(it->second);
  auto roster = ActivityRepository(**conn).RosterMembers(org->path);
  if (!roster) return Fail(roster.error());
  for (auto& [id, name, no] : *roster) {
    auto cls = all->classes.find(id);
    if (cls == all->classes.end() || cls->second.first != org->id) continue;  // only the branch's own members
    MemberClassCount m{id, std::move(name), std::move(no), cls->second.second, ComplianceStatus::kBehind};
    m.status = domain::MemberClassStatus(m.classes, v.classes_required, year, today);
    v.members.push_back(std::move(m));
  }
  return v;
}

Result<ComplianceOverview> ActivityService::Overview(const Actor& a, std::optional<int64_t> org_id, int year) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto org = OrgInScope(**conn, a, org_id.value_or(a.org_id));
  if (!org) return Fail(org.error());
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  auto all = ComplianceOf(**conn, *org, year, d_.Today(), std::nullopt);
  if (!all) return Fail(all.error());
  auto children = ActiveChildren(**conn, *org);
  if (!children) return Fail(children.error());
  ComplianceOverview out;
  out.total.org = *org;
  for (auto& ch : *children) out.children.push_back(ComplianceCount{std::move(ch)});
  auto count = [](ComplianceCount& c, ComplianceStatus s) {
    ++c.branches;
    switch (s) {
      case ComplianceStatus::kMet: ++c.met; break;
      case ComplianceStatus::kBehind: ++c.behind; break;
      case ComplianceStatus::kMissed: ++c.missed; break;
      case ComplianceStatus::kUpcoming: ++c.upcoming; break;
    }
  };
  for (const auto& b : all->branches) {
    count(out.total, b.status);
    for (auto& ch : out.children)
      if (domain::InSubtree(ch.org.path, b.org.path)) count(ch, b.status);
  }
  out.branches = std::move(all->branches);
  auto rank = [](ComplianceStatus s) {
    return s == ComplianceStatus::kMissed ? 0 : s == ComplianceStatus::kBehind ? 1 : s == ComplianceStatus::kUpcoming ? 2 : 3;
  };
  std::stable_sort(out.branches.begin(), out.branches.end(),
                   [&](const BranchSummary& x, const BranchSummary& y) { return rank(x.status) < rank(y.status); });
  return out;
}

Result<store::Page<store::ReportRow>> ActivityService::Reports(const Actor& a, std::optional<int64_t> org_id,
                                                               bool subtree, std::optional<std::string> month,
                                                               std::optional<std::string> state,
                                                               store::PageRequest page) {
  auto list = OpenScopedList(d_.db, a, org_id, subtree, Permission::kMemberRead);
  if (!list) return Fail(list.error());
  store::ReportQuery q;
  q.scope_path = list->scope.path;
  q.only_org = list->scope.only_org;
  std::vector<ErrorDetail> details;
  if (month && !month->empty()) {
    if (auto m = ParseYearMonth(*month)) q.month = *m;
    else details.push_back(FieldError("month", "invalid_format", "dues.month_format"));
  }
  if (state && !state->empty()) {
    if (*state != "submitted" && *state != "accepted" && *state != "returned")
      details.push_back(FieldError("state", "invalid_enum", "common.invalid_enum"));
    else
      q.state = *state;
  }
  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  q.page = page;
  return ActivityRepository(*list->conn).Reports(q);
}

Result<store::ReportRow> ActivityService::Submit(const Actor& a, int64_t org_id, const std::string& month_text,
                                                 const std::string& note_in) {
  Date today = d_.Today();
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<store::ReportRow> {
    auto org = OrgInScope(c, a, org_id);
    if (!org) return Fail(org.error());
    if (!a.Can(Permission::kActivityWrite)) return Fail(Error::Forbidden());
    std::vector<ErrorDetail> details;
    auto month = ParseYearMonth(month_text);
    if (!month) details.push_back(FieldError("month", month_text.empty() ? "required" : "invalid_format",
                                             month_text.empty() ? "common.required" : "dues.month_format"));
    else if (*month > domain::MonthOf(today))
      details.push_back(FieldError("month", "not_begun", "activity.report_month_not_begun"));
    std::string note = Trim(note_in);
    if (Utf8Length(note) > 2000) details.push_back(FieldError("note", "too_long", "common.too_long", {{"max", "2000"}}));
    if (domain::IsTopPath(org->path))
      details.push_back(FieldError("org_id", "top_org", "activity.report_top_org"));
    if (!details.empty()) return Fail(Error::Validation(std::move(details)));
    ActivityRepository repo(c);
    auto totals = repo.Totals(org->path, *month, *month);
    if (!totals) return Fail(totals.error());
    store::ReportRow r;
    r.org_id = org->id;
    r.month = *month;
    // The org's own records of the month.
    if (auto it = totals->find(org->id); it != totals->end()) {
      r.counts = it->second.totals.count;
      for (auto p : it->second.totals.participants) r.participants += p;
    }
    r.note = note;
    r.submitted_at = d_.clock.Now();
    r.submitted_by = a.username;
    auto id = repo.SubmitReport(r);
    if (!id) return Fail(id.error());
    auto out = repo.GetReport(*id);
    if (!out) return Fail(out.error());
    int64_t total = 0;
    for (auto n : r.counts) total += n;
    if (auto w = AppendAudit(c, d_.clock, a,
                             {"activity.report_submit", "activity_report", *id, org->id,
                              JsonObjectWriter().Str("month", domain::FormatMonth(*month)).Int("activities", total).str()});
        !w)
      return Fail(w.error());
    return std::move(**out);
  });
}

Result<store::ReportRow> ActivityService::Review(const Actor& a, int64_t id, const std::string& action,
                                                 const std::string& comment_in) {
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<store::ReportRow> {
    ActivityRepository repo(c);
    auto report = repo.GetReport(id);
    if (!report) return Fail(report.error());
    if (!*report || !domain::InSubtree(a.org_path, (*report)->org_path))
      return Fail(Error::NotFound("activity.report_not_found"));
    // The committee above reviews: the report's org lies strictly below the caller's.
    if (!a.Can(Permission::kActivityReview) || (*report)->org_path == a.org_path) return Fail(Error::Forbidden());
    std::vector<ErrorDetail> details;
    std::string comment = Trim(comment_in);
    if (action != "accept" && action != "return")
      details.push_back(FieldError("action", action.empty() ? "required" : "invalid_enum",
                                   action.empty() ? "common.required" : "common.invalid_enum"));
    if (action == "return" && comment.empty()) details.push_back(FieldError("comment", "required", "common.required"));
    if (Utf8Length(comment) > 2000)
      details.push_back(FieldError("comment", "too_long", "common.too_long", {{"max", "2000"}}));
    if (!details.empty()) return Fail(Error::Validation(std::move(details)));
    std::string state = action == "accept" ? "accepted" : "returned";
    if (auto r = repo.ReviewReport(id, state, comment, d_.clock.Now(), a.username); !r) return Fail(r.error());
    if (auto w = AppendAudit(c, d_.clock, a,
                             {action == "accept" ? "activity.report_accept" : "activity.report_return", "activity_report", id, (*report)->org_id,
                              JsonObjectWriter().Str("month", domain::FormatMonth((*report)->month)).Str("comment", comment).str()});
        !w)
      return Fail(w.error());
    auto out = repo.GetReport(id);
    if (!out) return Fail(out.error());
    return std::move(**out);
  });
}

Result<std::pair<std::vector<store::ActivityRow>, int>> ActivityService::OwnClasses(const Actor& a, int year) {
  if (!a.member_id || !a.Can(Permission::kSelfService)) return Fail(Error::Forbidden());
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto rules = RulesInForce(**conn, year);
  if (!rules) return Fail(rules.error());
  auto list = ActivityRepository(**conn).ClassesOf(*a.member_id, domain::MakeMonth(year, 1), domain::MakeMonth(year, 12));
  if (!list) return Fail(list.error());
  return std::pair{std::move(*list), rules->min_classes_per_year};
}

}  // namespace tj::service
