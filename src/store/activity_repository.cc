#include "store/activity_repository.h"

#include "base/crypto.h"
#include "domain/org/org.h"
#include "store/where.h"

namespace tj::store {
namespace {

using domain::ActivityKind;
using domain::ActivityKindNames;

std::string JoinLines(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += '\n';
    out += s;
  }
  return out;
}

std::vector<std::string> SplitLines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

constexpr const char* kActivitySelect =
    "SELECT a.id, a.org_id, o.name, o.path, a.kind, a.held_on, a.place, a.topic, a.topic_id, a.class_half_hours, "
    "a.teacher, a.summary, a.guests, a.participants, a.created_at, a.created_by, a.updated_at, t.title, t.required, "
    "(SELECT COUNT(*) FROM activity_attendance x WHERE x.activity_id = a.id AND x.status = 'present'), "
    "(SELECT COUNT(*) FROM activity_attendance x WHERE x.activity_id = a.id AND x.status = 'leave'), "
    "(SELECT COUNT(*) FROM activity_attendance x WHERE x.activity_id = a.id AND x.status = 'absent') "
    "FROM activities a JOIN orgs o ON o.id = a.org_id LEFT JOIN activity_topics t ON t.id = a.topic_id";

ActivityRow RowToActivity(const Row& r) {
  ActivityRow a;
  a.id = r.Int(0);
  a.org_id = r.Int(1);
  a.org_name = r.Str(2);
  a.org_path = r.Str(3);
  a.draft.kind = ParseName(ActivityKindNames(), r.Str(4)).value_or(ActivityKind::kOther);
  a.draft.held_on = r.Day(5);
  a.draft.place = r.Str(6);
  a.draft.topic = r.Str(7);
  a.draft.topic_id = r.OptInt(8);
  a.draft.class_half_hours = static_cast<int>(r.Int(9));
  a.draft.teacher = r.Str(10);
  a.draft.summary = r.Str(11);
  a.guests = SplitLines(r.Str(12));
  a.participants = static_cast<int>(r.Int(13));
  a.created_at = r.At(14);
  a.created_by = r.Str(15);
  a.updated_at = r.At(16);
  a.topic_title = r.OptStr(17);
  a.topic_required = r.OptStr(18) && r.Bool(18);
  a.present = static_cast<int>(r.Int(19));
  a.leave = static_cast<int>(r.Int(20));
  a.absent = static_cast<int>(r.Int(21));
  return a;
}

constexpr const char* kReportSelect =
    "SELECT r.id, r.org_id, o.name, o.path, r.month, r.state, r.counts, r.participants, r.note, r.comment, "
    "r.submitted_at, r.submitted_by, r.reviewed_at, r.reviewed_by FROM activity_reports r JOIN orgs o ON o.id = r.org_id";

// Counts by kind as "n,n,n,n,n,n,n".
std::string FormatCounts(const std::array<int64_t, domain::kActivityKindCount>& c) {
  std::string out;
  for (size_t i = 0; i < c.size(); ++i) out += (i ? "," : "") + std::to_string(c[i]);
  return out;
}

std::array<int64_t, domain::kActivityKindCount> ParseCounts(const std::string& s) {
  std::array<int64_t, domain::kActivityKindCount> out{};
  size_t i = 0, start = 0;
  while (i < out.size() && start <= s.size()) {
    size_t end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    out[i++] = std::strtoll(s.substr(start, end - start).c_str(), nullptr, 10);
    start = end + 1;
  }
  return out;
}

ReportRow RowToReport(const Row& r) {
  ReportRow x;
  x.id = r.Int(0);
  x.org_id = r.Int(1);
  x.org_name = r.Str(2);
  x.org_path = r.Str(3);
  x.month = static_cast<domain::Month>(r.Int(4));
  x.state = r.Str(5);
  x.counts = ParseCounts(r.Str(6));
  x.participants = r.Int(7);
  x.note = r.Str(8);
  x.comment = r.Str(9);
  x.submitted_at = r.At(10);
  x.submitted_by = r.Str(11);
  x.reviewed_at = r.OptAt(12);
  x.reviewed_by = r.OptStr(13);
  return x;
}

void ScopeWhere(Where& w, const std::string& path, std::optional<int64_t> only_org, const char* org_column) {
  w.Add("o.path >= $?", Text(path));
  w.Add("o.path < $?", Text(domain::SubtreeUpperBound(path)));
  if (only_org) w.Add(std::string(org_column) + " = $?", Int(*only_org));
}

}  // namespace

Result<std::map<int64_t, PersonCheck>> ActivityRepository::MemberChecks(const std::vector<int64_t>& ids) {
  std::map<int64_t, PersonCheck> out;
  if (ids.empty()) return out;
  Where w;
  std::string in = IdParams(w, ids);
  auto r = c_.Query("SELECT m.id, m.status, o.path FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.id IN (" + in +
                        ")",
                    w.params());
  if (!r) return Fail(r.error());
  for (const auto& row : r->rows) out[row.Int(0)] = {row.Str(1), row.Str(2), std::nullopt};
  return out;
}

Result<std::map<int64_t, PersonCheck>> ActivityRepository::ApplicantChecks(const std::vector<int64_t>& ids) {
  std::map<int64_t, PersonCheck> out;
  if (ids.empty()) return out;
  Where w;
  std::string in = IdParams(w, ids);
  auto r = c_.Query("SELECT p.id, p.stage, o.path, p.applied_on FROM applicants p JOIN orgs o ON o.id = p.org_id WHERE "
                    "p.id IN (" + in + ")",
                    w.params());
  if (!r) return Fail(r.error());
  for (const auto& row : r->rows) out[row.Int(0)] = {row.Str(1), row.Str(2), row.Day(3)};
  return out;
}

Result<std::vector<std::tuple<int64_t, std::string, std::optional<std::string>>>> ActivityRepository::RosterMembers(
    const std::string& path) {
  auto r = c_.Query(
      "SELECT m.id, m.name, m.member_no FROM members m JOIN orgs o ON o.id = m.org_id WHERE o.path >= $1 AND o.path < "
      "$2 AND m.status IN ('active', 'mobile', 'lost_contact') ORDER BY o.path, m.name, m.id",
      {Text(path), Text(domain::SubtreeUpperBound(path))});
  if (!r) return Fail(r.error());
  std::vector<std::tuple<int64_t, std::string, std::optional<std::string>>> out;
  for (const auto& row : r->rows) out.emplace_back(row.Int(0), row.Str(1), row.OptStr(2));
  return out;
}

Result<std::vector<std::tuple<int64_t, std::string, std::string>>> ActivityRepository::RosterApplicants(
    const std::string& path) {
  auto r = c_.Query(
      "SELECT p.id, p.name, p.stage FROM applicants p JOIN orgs o ON o.id = p.org_id WHERE o.path >= $1 AND o.path < "
      "$2 AND p.stage IN ('applied', 'activist', 'candidate') ORDER BY o.path, p.name, p.id",
      {Text(path), Text(domain::SubtreeUpperBound(path))});
  if (!r) return Fail(r.error());
  std::vector<std::tuple<int64_t, std::string, std::string>> out;
  for (const auto& row : r->rows) out.emplace_back(row.Int(0), row.Str(1), row.Str(2));
  return out;
}

Result<void> ActivityRepository::CreditClassHours(int64_t activity_id, const std::vector<int64_t>& applicant_ids,
                                                  const domain::ActivityDraft& d, Instant now, std::string_view by) {
  // Files still open get the class's hours afresh; a closed file keeps what it was credited.
  if (auto r = c_.Query("DELETE FROM applicant_class_hours WHERE activity_id = $1 AND applicant_id IN (SELECT id FROM "
                        "applicants WHERE stage IN ('applied', 'activist', 'candidate'))",
                        {Int(activity_id)});
      !r)
    return Fail(r.error());
  if (applicant_ids.empty()) return {};
  Where w;
  std::string in = IdParams(w, applicant_ids);
  auto open = c_.Query("SELECT id FROM applicants WHERE id IN (" + in + ") AND stage IN ('applied', 'activist', "
                       "'candidate')",
                       w.params());
  if (!open) return Fail(open.error());
  for (const auto& row : open->rows) {
    auto r = c_.Query(
        "INSERT INTO applicant_class_hours (applicant_id, date, half_hours, topic, created_at, created_by, "
        "activity_id) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {Int(row.Int(0)), DateValue(d.held_on), Int(d.class_half_hours), Text(d.topic), At(now), Text(by),
         Int(activity_id)});
    if (!r) return Fail(r.error());
  }
  return {};
}

Result<std::vector<ActivityRow>> ActivityRepository::ClassesOf(int64_t member_id, domain::Month from,
                                                               domain::Month to) {
  auto r = c_.Query(std::string(kActivitySelect) +
                        " WHERE a.kind = 'class' AND a.month >= $1 AND a.month <= $2 AND EXISTS (SELECT 1 FROM "
                        "activity_attendance x WHERE x.activity_id = a.id AND x.member_id = $3 AND x.status = "
                        "'present') ORDER BY a.held_on DESC, a.id DESC",
                    {Int(from), Int(to), Int(member_id)});
  if (!r) return Fail(r.error());
  std::vector<ActivityRow> out;
  for (const auto& row : r->rows) out.push_back(RowToActivity(row));
  return out;
}

Result<int64_t> ActivityRepository::InsertTopic(int64_t org_id, int year, const std::string& title, bool required,
                                                Instant now, std::string_view by) {
  auto r = c_.Query(
      "INSERT INTO activity_topics (org_id, year, title, required, created_at, created_by) VALUES ($1, $2, $3, $4, "
      "$5, $6) RETURNING id",
      {Int(org_id), Int(year), Text(title), Bool(required), At(now), Text(by)});
  if (!r) return Fail(r.error());
  return r->rows.at(0).Int(0);
}

Result<std::vector<Topic>> ActivityRepository::Topics(int year, const std::vector<int64_t>& org_ids) {
  std::vector<Topic> out;
  if (org_ids.empty()) return out;
  Where w;
  w.Add("t.year = $?", Int(year));
  w.AddRaw("t.org_id IN (" + IdParams(w, org_ids) + ")");
  auto r = c_.Query(
      "SELECT t.id, t.org_id, o.name, t.year, t.title, t.required, t.created_at, t.created_by FROM activity_topics t "
      "JOIN orgs o ON o.id = t.org_id" + w.sql() + " ORDER BY o.path, t.required DESC, t.id",
      w.params());
  if (!r) return Fail(r.error());
  for (const auto& row : r->rows)
    out.push_back({row.Int(0), row.Int(1), row.Str(2), static_cast<int>(row.Int(3)), row.Str(4), row.Bool(5),
                   row.At(6), row.Str(7)});
  return out;
}

Result<std::optional<Topic>> ActivityRepository::GetTopic(int64_t id) {
  auto r = c_.Query(
      "SELECT t.id, t.org_id, o.name, t.year, t.title, t.required, t.created_at, t.created_by FROM activity_topics t "
      "JOIN orgs o ON o.id = t.org_id WHERE t.id = $1",
      {Int(id)});
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return std::optional<Topic>();
  const auto& row = r->rows[0];
  return std::optional<Topic>(Topic{row.Int(0), row.Int(1), row.Str(2), static_cast<int>(row.Int(3)), row.Str(4),
                                    row.Bool(5), row.At(6), row.Str(7)});
}

Result<bool> ActivityRepository::TopicUsed(int64_t id) {
  auto r = c_.Query("SELECT COUNT(*) FROM activities WHERE topic_id = $1", {Int(id)});
  if (!r) return Fail(r.error());
  return r->rows.at(0).Int(0) > 0;
}

Result<void> ActivityRepository::DeleteTopic(int64_t id) {
  auto r = c_.Query("DELETE FROM activity_topics WHERE id = $1", {Int(id)});
  if (!r) return Fail(r.error());
  return {};
}

Result<int64_t> ActivityRepository::Insert(int64_t org_id, const domain::ActivityDraft& d,
                                           const std::vector<std::string>& guests, Instant now, std::string_view by) {
  auto r = c_.Query(
      "INSERT INTO activities (org_id, kind, held_on, month, place, topic, topic_id, class_half_hours, teacher, "
      "summary, guests, participants, created_at, created_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
      "$10, $11, 0, $12, $13, $12) RETURNING id",
      {Int(org_id), EnumValue(ActivityKindNames(), d.kind), DateValue(d.held_on), Int(domain::MonthOf(d.held_on)),
       Text(d.place), Text(d.topic), OptInt(d.topic_id), Int(d.class_half_hours), Text(d.teacher), Text(d.summary),
       Text(JoinLines(guests)), At(now), Text(by)});
  if (!r) return Fail(r.error());
  return r->rows.at(0).Int(0);
}

Result<void> ActivityRepository::Update(int64_t id, const domain::ActivityDraft& d,
                                        const std::vector<std::string>& guests, Instant now) {
  auto r = c_.Query(
      "UPDATE activities SET kind = $1, held_on = $2, month = $3, place = $4, topic = $5, topic_id = $6, "
      "class_half_hours = $7, teacher = $8, summary = $9, guests = $10, updated_at = $11 WHERE id = $12",
      {EnumValue(ActivityKindNames(), d.kind), DateValue(d.held_on), Int(domain::MonthOf(d.held_on)), Text(d.place),
       Text(d.topic), OptInt(d.topic_id), Int(d.class_half_hours), Text(d.teacher), Text(d.summary),
       Text(JoinLines(guests)), At(now), Int(id)});
  if (!r) return Fail(r.error());
  return {};
}

Result<void> ActivityRepository::SetAttendance(int64_t id,
                                               const std::vector<std::pair<int64_t, domain::Attendance>>& members,
                                               const std::vector<int64_t>& applicants, int guests) {
  if (auto r = c_.Query("DELETE FROM activity_attendance WHERE activity_id = $1", {Int(id)}); !r) return Fail(r.error());
  if (auto r = c_.Query("DELETE FROM activity_applicants WHERE activity_id = $1", {Int(id)}); !r)
    return Fail(r.error());
  int present = 0;
  for (const auto& [member, status] : members) {
    if (status == domain::Attendance::kPresent) ++present;
    auto r = c_.Query(
        "INSERT INTO activity_attendance (activity_id, member_id, status, province_id) VALUES ($1, $2, $3, "
        "(SELECT o.province_id FROM activities a JOIN orgs o ON o.id = a.org_id WHERE a.id = $1))",
        {Int(id), Int(member), EnumValue(domain::AttendanceNames(), status)});
    if (!r) return Fail(r.error());
  }
  for (int64_t a : applicants) {
    auto r = c_.Query("INSERT INTO activity_applicants (activity_id, applicant_id) VALUES ($1, $2)", {Int(id), Int(a)});
    if (!r) return Fail(r.error());
  }
  int participants = present + static_cast<int>(applicants.size()) + guests;
  if (auto r = c_.Query("UPDATE activities SET participants = $1 WHERE id = $2", {Int(participants), Int(id)}); !r)
    return Fail(r.error());
  return {};
}

Result<void> ActivityRepository::Delete(int64_t id) {
  // Open files lose the class's hours; closed ones keep them, no longer linked to it.
  for (const char* sql : {"DELETE FROM activity_files WHERE activity_id = $1",
                          "DELETE FROM applicant_class_hours WHERE activity_id = $1 AND applicant_id IN (SELECT id FROM "
                          "applicants WHERE stage IN ('applied', 'activist', 'candidate'))",
                          "UPDATE applicant_class_hours SET activity_id = NULL WHERE activity_id = $1",
                          "DELETE FROM activity_attendance WHERE activity_id = $1",
                          "DELETE FROM activity_applicants WHERE activity_id = $1", "DELETE FROM activities WHERE id = $1"})
    if (auto r = c_.Query(sql, {Int(id)}); !r) return Fail(r.error());
  return {};
}

Result<std::optional<ActivityRow>> ActivityRepository::Get(int64_t id) {
  auto r = c_.Query(std::string(kActivitySelect) + " WHERE a.id = $1", {Int(id)});
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return std::optional<ActivityRow>();
  return std::optional<ActivityRow>(RowToActivity(r->rows[0]));
}

Result<std::vector<AttendanceRow>> ActivityRepository::Attendance(int64_t id) {
  auto r = c_.Query(
      "SELECT x.member_id, m.name, m.member_no, x.status FROM activity_attendance x JOIN members m ON m.id = "
      "x.member_id WHERE x.activity_id = $1 ORDER BY m.name, m.id",
      {Int(id)});
  if (!r) return Fail(r.error());
  std::vector<AttendanceRow> out;
  for (const auto& row : r->rows)
    out.push_back({row.Int(0), row.Str(1), row.OptStr(2),
                   ParseName(domain::AttendanceNames(), row.Str(3)).value_or(domain::Attendance::kPresent)});
  return out;
}

Result<std::vector<ActivityApplicant>> ActivityRepository::Applicants(int64_t id) {
  auto r = c_.Query(
      "SELECT x.applicant_id, p.name FROM activity_applicants x JOIN applicants p ON p.id = x.applicant_id WHERE "
      "x.activity_id = $1 ORDER BY p.name, p.id",
      {Int(id)});
  if (!r) return Fail(r.error());
  std::vector<ActivityApplicant> out;
  for (const auto& row : r->rows) out.push_back({row.Int(0), row.Str(1)});
  return out;
}

Result<int64_t> ActivityRepository::InsertFile(const ActivityFile& f, std::string_view bytes) {
  auto r = c_.Query(
      "INSERT INTO activity_files (activity_id, name, content_type, size, sha256, data, created_at, created_by) VALUES "
      "($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {Int(f.activity_id), Text(f.name), Text(f.content_type), Int(f.size), Text(f.sha256),
       Text(crypto::Base64Encode(bytes)), At(f.created_at), Text(f.created_by)});
  if (!r) return Fail(r.error());
  return r->rows.at(0).Int(0);
}

Result<std::vector<ActivityFile>> ActivityRepository::Files(int64_t activity_id) {
  auto r = c_.Query(
      "SELECT id, activity_id, name, content_type, size, sha256, created_at, created_by FROM activity_files WHERE "
      "activity_id = $1 ORDER BY id",
      {Int(activity_id)});
  if (!r) return Fail(r.error());
  std::vector<ActivityFile> out;
  for (const auto& row : r->rows)
    out.push_back({row.Int(0), row.Int(1), row.Str(2), row.Str(3), row.Int(4), row.Str(5), row.At(6), row.Str(7)});
  return out;
}

Result<std::optional<std::pair<ActivityFile, std::string>>> ActivityRepository::File(int64_t activity_id,
                                                                                     int64_t file_id) {
  auto r = c_.Query(
      "SELECT id, activity_id, name, content_type, size, sha256, created_at, created_by, data FROM activity_files "
      "WHERE id = $1 AND activity_id = $2",
      {Int(file_id), Int(activity_id)});
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return std::optional<std::pair<ActivityFile, std::string>>();
  const auto& row = r->rows[0];
  auto bytes = crypto::Base64Decode(row.Str(8));
  if (!bytes) return Fail(Error::Internal("activity file " + std::to_string(file_id) + " is not base64"));
  return std::optional<std::pair<ActivityFile, std::string>>(std::pair{
      ActivityFile{row.Int(0), row.Int(1), row.Str(2), row.Str(3), row.Int(4), row.Str(5), row.At(6), row.Str(7)},
      std::move(*bytes)});
}

Result<void> ActivityRepository::DeleteFile(int64_t file_id) {
  auto r = c_.Query("DELETE FROM activity_files WHERE id = $1", {Int(file_id)});
  if (!r) return Fail(r.error());
  return {};
}

Result<Page<ActivityRow>> ActivityRepository::List(const ActivityQuery& q) {
  Where w;
  ScopeWhere(w, q.scope_path, q.only_org, "a.org_id");
  if (!q.kinds.empty()) {
    std::string in;
    for (auto k : q.kinds) in += (in.empty() ? "" : ", ") + w.Param(EnumValue(ActivityKindNames(), k));
    w.AddRaw("a.kind IN (" + in + ")");
  }
  if (q.from) w.Add("a.held_on >= $?", DateValue(*q.from));
  if (q.to) w.Add("a.held_on <= $?", DateValue(*q.to));
  if (q.topic_contains) w.Add("a.topic LIKE $? ESCAPE '\\'", Text(LikeContains(*q.topic_contains)));
  auto count = c_.Query("SELECT COUNT(*) FROM activities a JOIN orgs o ON o.id = a.org_id" + w.sql(), w.params());
  if (!count) return Fail(count.error());
  Page<ActivityRow> page;
  page.total = count->rows.at(0).Int(0);
  std::string limit = w.Param(Int(q.page.size)), offset = w.Param(Int(q.page.offset()));
  auto r = c_.Query(std::string(kActivitySelect) + w.sql() + " ORDER BY a.held_on DESC, a.id DESC LIMIT " + limit +
                        " OFFSET " + offset,
                    w.params());
  if (!r) return Fail(r.error());
  for (const auto& row : r->rows) page.items.push_back(RowToActivity(row));
  return page;
}

Result<OrgMonthCounts> ActivityRepository::MonthCountsOf(const std::string& scope_path,
                                                         std::optional<int64_t> only_org, int year) {
  Where w;
  ScopeWhere(w, scope_path, only_org, "a.org_id");
  w.Add("a.month >= $?", Int(domain::MakeMonth(year, 1)));
  w.Add("a.month <= $?", Int(domain::MakeMonth(year, 12)));
  auto r = c_.Query("SELECT a.org_id, a.kind, a.month, COUNT(*) FROM activities a JOIN orgs o ON o.id = a.org_id" +
                        w.sql() + " GROUP BY a.org_id, a.kind, a.month",
                    w.params());
  if (!r) return Fail(r.error());
  OrgMonthCounts out;
  for (const auto& row : r->rows) {
    auto kind = ParseName(ActivityKindNames(), row.Str(1));
    if (!kind) continue;
    int month_index = static_cast<int>(row.Int(2)) - domain::MakeMonth(year, 1);
    out[row.Int(0)][static_cast<size_t>(*kind)][static_cast<size_t>(month_index)] += static_cast<int>(row.Int(3));
  }
  return out;
}

Result<std::map<int64_t, std::pair<int64_t, int>>> ActivityRepository::MemberClasses(
    const std::string& scope_path, std::optional<int64_t> only_org, int year) {
  Where w;
  std::string from = w.Param(Int(domain::MakeMonth(year, 1)));
  std::string to = w.Param(Int(domain::MakeMonth(year, 12)));
  ScopeWhere(w, scope_path, only_org, "m.org_id");
  w.AddRaw("m.status IN ('active', 'mobile', 'lost_contact')");
  auto r = c_.Query(
      "SELECT m.id, m.org_id, (SELECT COUNT(*) FROM activity_attendance x JOIN activities a ON a.id = x.activity_id "
      "WHERE x.member_id = m.id AND x.status = 'present' AND a.kind = 'class' AND a.month >= " + from +
          " AND a.month <= " + to + ") FROM members m JOIN orgs o ON o.id = m.org_id" + w.sql(),
      w.params());
  if (!r) return Fail(r.error());
  std::map<int64_t, std::pair<int64_t, int>> out;
  for (const auto& row : r->rows) out[row.Int(0)] = {row.Int(1), static_cast<int>(row.Int(2))};
  return out;
}

Result<std::map<int64_t, OrgTotals>> ActivityRepository::Totals(const std::string& scope_path, domain::Month from,
                                                                domain::Month to) {
  Where w;
  ScopeWhere(w, scope_path, std::nullopt, "a.org_id");
  w.Add("a.month >= $?", Int(from));
  w.Add("a.month <= $?", Int(to));
  auto r = c_.Query("SELECT a.org_id, o.path, a.kind, COUNT(*), COALESCE(SUM(a.participants), 0) FROM activities a "
                    "JOIN orgs o ON o.id = a.org_id" + w.sql() + " GROUP BY a.org_id, o.path, a.kind",
                    w.params());
  if (!r) return Fail(r.error());
  std::map<int64_t, OrgTotals> out;
  for (const auto& row : r->rows) {
    auto kind = ParseName(ActivityKindNames(), row.Str(2));
    if (!kind) continue;
    auto& org = out[row.Int(0)];
    org.path = row.Str(1);
    auto& t = org.totals;
    t.count[static_cast<size_t>(*kind)] += row.Int(3);
    t.participants[static_cast<size_t>(*kind)] += row.Int(4);
  }
  return out;
}

Result<std::optional<ReportRow>> ActivityRepository::GetReport(int64_t id) {
  auto r = c_.Query(std::string(kReportSelect) + " WHERE r.id = $1", {Int(id)});
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return std::optional<ReportRow>();
  return std::optional<ReportRow>(RowToReport(r->rows[0]));
}

Result<std::optional<ReportRow>> ActivityRepository::ReportOf(int64_t org_id, domain::Month month) {
  auto r = c_.Query(std::string(kReportSelect) + " WHERE r.org_id = $1 AND r.month = $2", {Int(org_id), Int(month)});
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return std::optional<ReportRow>();
  return std::optional<ReportRow>(RowToReport(r->rows[0]));
}

Result<int64_t> ActivityRepository::SubmitReport(const ReportRow& x) {
  auto r = c_.Query(
      "INSERT INTO activity_reports (org_id, month, state, counts, participants, note, comment, submitted_at, "
      "submitted_by) VALUES ($1, $2, 'submitted', $3, $4, $5, '', $6, $7) ON CONFLICT (org_id, month) DO UPDATE SET "
      "state = 'submitted', counts = excluded.counts, participants = excluded.participants, note = excluded.note, "
      "comment = '', reviewed_at = NULL, reviewed_by = NULL, submitted_at = excluded.submitted_at, "
      "submitted_by = excluded.submitted_by WHERE activity_reports.state = "
      "'returned' RETURNING id",
      {Int(x.org_id), Int(x.month), Text(FormatCounts(x.counts)), Int(x.participants), Text(x.note), At(x.submitted_at),
       Text(x.submitted_by)});
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return Fail(Error::Conflict("activity.report_exists"));
  return r->rows.at(0).Int(0);
}

Result<void> ActivityRepository::ReviewReport(int64_t id, const std::string& state, const std::string& comment,
                                              Instant now, std::string_view by) {
  auto r = c_.Query(
      "UPDATE activity_reports SET state = $1, comment = $2, reviewed_at = $3, reviewed_by = $4 WHERE id = $5 AND "
      "state = 'submitted' RETURNING id",
      {Text(state), Text(comment), At(now), Text(by), Int(id)});
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return Fail(Error::Conflict("activity.report_changed"));
  return {};
}

Result<Page<ReportRow>> ActivityRepository::Reports(const ReportQuery& q) {
  Where w;
  ScopeWhere(w, q.scope_path, q.only_org, "r.org_id");
  if (q.month) w.Add("r.month = $?", Int(*q.month));
  if (q.state) w.Add("r.state = $?", Text(*q.state));
  auto count = c_.Query("SELECT COUNT(*) FROM activity_reports r JOIN orgs o ON o.id = r.org_id" + w.sql(), w.params());
  if (!count) return Fail(count.error());
  Page<ReportRow> page;
  page.total = count->rows.at(0).Int(0);
  std::string limit = w.Param(Int(q.page.size)), offset = w.Param(Int(q.page.offset()));
  auto r = c_.Query(std::string(kReportSelect) + w.sql() + " ORDER BY r.month DESC, o.path LIMIT " + limit + " OFFSET " +
                        offset,
                    w.params());
  if (!r) return Fail(r.error());
  for (const auto& row : r->rows) page.items.push_back(RowToReport(row));
  return page;
}

}  // namespace tj::store
