#include "store/two_systems_repository.h"

#include "domain/member/member.h"
#include "domain/org/org.h"
#include "store/where.h"

namespace tj::store {
namespace {

using domain::EvaluationStatus;
using domain::Grade;

constexpr const char* kInStanding = "('active', 'mobile', 'lost_contact')";

constexpr const char* kEvaluationSelect =
    "SELECT e.id, e.org_id, o.name, o.path, e.year, e.status, e.meeting_date, e.rule_year, "
    "e.rule_version, e.submitted_at, e.submitted_by, e.approved_at, e.approved_by, "
    "e.returned_note, e.created_at, e.created_by, e.updated_at, "
    "(SELECT COUNT(*) FROM evaluation_entries x WHERE x.evaluation_id = e.id), "
    "(SELECT COUNT(*) FROM evaluation_entries x WHERE x.evaluation_id = e.id AND x.present), "
    "(SELECT COUNT(*) FROM evaluation_entries x WHERE x.evaluation_id = e.id AND x.grade IS NOT NULL), "
    "(SELECT COUNT(*) FROM evaluation_entries x WHERE x.evaluation_id = e.id AND x.grade = 'excellent') "
    "FROM evaluations e JOIN orgs o ON o.id = e.org_id";

Evaluation RowToEvaluation(const Row& r) {
  Evaluation e;
  e.id = r.Int(0);
  e.org_id = r.Int(1);
  e.org_name = r.Str(2);
  e.org_path = r.Str(3);
  e.year = static_cast<int>(r.Int(4));
  e.status = ParseName(domain::EvaluationStatusNames(), r.Str(5)).value_or(EvaluationStatus::kOpen);
  e.meeting_date = r.OptDay(6);
  if (auto v = r.OptInt(7)) e.rule_year = static_cast<int>(*v);
  if (auto v = r.OptInt(8)) e.rule_version = static_cast<int>(*v);
  e.submitted_at = r.OptAt(9);
  e.submitted_by = r.Str(10);
  e.approved_at = r.OptAt(11);
  e.approved_by = r.Str(12);
  e.returned_note = r.Str(13);
  e.created_at = r.At(14);
  e.created_by = r.Str(15);
  e.updated_at = r.At(16);
  e.due = static_cast<int>(r.Int(17));
  e.present = static_cast<int>(r.Int(18));
  e.rated = static_cast<int>(r.Int(19));
  e.excellent = static_cast<int>(r.Int(20));
  return e;
}

constexpr const char* kRecommendationSelect =
    "SELECT p.id, p.member_id, m.name, m.member_no, p.org_id, o.name, o.path, p.year, "
    "p.party_applied_on, p.stage, p.nominated_on, p.reason, p.voted_on, p.eligible, p.present, "
    "p.yes, p.reviewed_on, p.rank, p.note, p.created_at, p.created_by, p.updated_at "
    "FROM party_recommendations p JOIN members m ON m.id = p.member_id JOIN orgs o ON o.id = p.org_id";

Recommendation RowToRecommendation(const Row& r) {
  Recommendation p;
  auto opt_int = [&](size_t i) -> std::optional<int> {
    if (auto v = r.OptInt(i)) return static_cast<int>(*v);
    return std::nullopt;
  };
  p.id = r.Int(0);
  p.member_id = r.Int(1);
  p.member_name = r.Str(2);
  p.member_no = r.OptStr(3);
  p.org_id = r.Int(4);
  p.org_name = r.Str(5);
  p.org_path = r.Str(6);
  p.year = static_cast<int>(r.Int(7));
  p.party_applied_on = r.Day(8);
  p.stage = ParseName(domain::RecommendationStageNames(), r.Str(9))
                .value_or(domain::RecommendationStage::kNominated);
  p.nominated_on = r.Day(10);
  p.reason = r.Str(11);
  p.voted_on = r.OptDay(12);
  p.eligible = opt_int(13);
  p.present = opt_int(14);
  p.yes = opt_int(15);
  p.reviewed_on = r.OptDay(16);
  p.rank = opt_int(17);
  p.note = r.Str(18);
  p.created_at = r.At(19);
  p.created_by = r.Str(20);
  p.updated_at = r.At(21);
  return p;
}

Value OptIntValue(const std::optional<int>& v) { return v ? Int(*v) : Value(Null{}); }

void AddScope(Where& w, const std::string& scope_path, std::optional<int64_t> org_id, const char* org_column) {
  w.Add("o.path >= $?", Text(scope_path));
  w.Add("o.path < $?", Text(domain::SubtreeUpperBound(scope_path)));
  if (org_id) w.Add(std::string(org_column) + " = $?", Int(*org_id));
}

// The grade of the member's latest approved evaluation of year $a or year $b.
std::string LatestGrade(const std::string& a, const std::string& b, const char* column) {
  return std::string("(SELECT ") + column +
         " FROM evaluation_entries x JOIN evaluations e ON e.id = x.evaluation_id WHERE "
         "x.member_id = m.id AND e.status = 'approved' AND x.grade IS NOT NULL AND e.year IN (" +
         a + ", " + b + ") ORDER BY e.year DESC LIMIT 1)";
}

}  // namespace

Result<int64_t> TwoSystemsRepository::InsertEvaluation(int64_t org_id, int year, Instant now,
                                                       std::string_view by,
                                                       const std::vector<int64_t>& member_ids) {
  auto r = c_.Query(
      "INSERT INTO evaluations (org_id, year, status, created_at, created_by, updated_at) VALUES "
      "($1, $2, 'open', $3, $4, $3) RETURNING id",
      {Int(org_id), Int(year), At(now), Text(by)});
  if (!r) return Fail(r.error());
  int64_t id = r->rows.at(0).Int(0);
  for (auto m : member_ids) {
    if (auto x = c_.Query("INSERT INTO evaluation_entries (evaluation_id, member_id, present) VALUES ($1, $2, $3)",
                          {Int(id), Int(m), Bool(false)});
        !x)
      return Fail(x.error());
  }
  return id;
}

Result<std::optional<Evaluation>> TwoSystemsRepository::GetEvaluation(int64_t id) {
  auto r = c_.Query(std::string(kEvaluationSelect) + " WHERE e.id = $1", {Int(id)});
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return std::optional<Evaluation>();
  return std::optional<Evaluation>(RowToEvaluation(r->rows[0]));
}

Result<std::vector<EvaluationLine>> TwoSystemsRepository::Lines(int64_t evaluation_id) {
  auto r = c_.Query(
      "SELECT x.member_id, x.present, x.grade, m.name, m.member_no FROM evaluation_entries x "
      "JOIN members m ON m.id = x.member_id WHERE x.evaluation_id = $1 ORDER BY m.name, m.id",
      {Int(evaluation_id)});
  if (!r) return Fail(r.error());
  std::vector<EvaluationLine> out;
  for (const auto& row : r->rows) {
    EvaluationLine l;
    l.entry.member_id = row.Int(0);
    l.entry.present = row.Bool(1);
    if (auto g = row.OptStr(2)) l.entry.grade = ParseName(domain::GradeNames(), *g);
    l.name = row.Str(3);
    l.member_no = row.OptStr(4);
    out.push_back(std::move(l));
  }
  return out;
}

Result<void> TwoSystemsRepository::SaveEntries(int64_t evaluation_id,
                                               const std::vector<domain::EvaluationEntry>& entries) {
  for (const auto& e : entries) {
    auto r = c_.Query(
        "UPDATE evaluation_entries SET present = $1, grade = $2 WHERE evaluation_id = $3 AND member_id = $4",
        {Bool(e.present), e.grade ? EnumValue(domain::GradeNames(), *e.grade) : Value(Null{}),
         Int(evaluation_id), Int(e.member_id)});
    if (!r) return Fail(r.error());
  }
  return {};
}

Result<void> TwoSystemsRepository::SaveEvaluation(const Evaluation& e, Instant now) {
  auto opt_at = [](const std::optional<Instant>& t) { return t ? At(*t) : Value(Null{}); };
  auto opt_text = [](const std::string& s) { return s.empty() ? Value(Null{}) : Text(s); };
  auto r = c_.Query(
      "UPDATE evaluations SET status = $1, meeting_date = $2, rule_year = $3, rule_version = $4, "
      "submitted_at = $5, submitted_by = $6, approved_at = $7, approved_by = $8, "
      "returned_note = $9, updated_at = $10 WHERE id = $11",
      {EnumValue(domain::EvaluationStatusNames(), e.status), OptDateValue(e.meeting_date),
       OptIntValue(e.rule_year), OptIntValue(e.rule_version), opt_at(e.submitted_at),
       opt_text(e.submitted_by), opt_at(e.approved_at), opt_text(e.approved_by),
       Text(e.returned_note), At(now), Int(e.id)});
  if (!r) return Fail(r.error());
  return {};
}

Result<Page<Evaluation>> TwoSystemsRepository::ListEvaluations(const EvaluationQuery& q) {
  Where w;
  AddScope(w, q.scope_path, q.org_id, "e.org_id");
  if (q.year) w.Add("e.year = $?", Int(*q.year));
  if (q.status) w.Add("e.status = $?", EnumValue(domain::EvaluationStatusNames(), *q.status));
  auto count = c_.Query("SELECT COUNT(*) FROM evaluations e JOIN orgs o ON o.id = e.org_id" + w.sql(),
                        w.params());
  if (!count) return Fail(count.error());
  Page<Evaluation> page;
  page.total = count->rows.at(0).Int(0);
  std::string where = w.sql();
  std::string limit = w.Param(Int(q.page.size));
  std::string offset = w.Param(Int(q.page.offset()));
  auto r = c_.Query(std::string(kEvaluationSelect) + where + " ORDER BY e.year DESC, o.path LIMIT " +
                        limit + " OFFSET " + offset,
                    w.params());
  if (!r) return Fail(r.error());
  for (const auto& row : r->rows) page.items.push_back(RowToEvaluation(row));
  return page;
}

Result<EvaluationProgress> TwoSystemsRepository::Progress(const std::string& subtree_path, int year) {
  EvaluationProgress p;
  auto branches = c_.Query(
      std::string("SELECT COUNT(*) FROM orgs o WHERE o.path >= $1 AND o.path < $2 AND o.status = "
                  "'active' AND EXISTS (SELECT 1 FROM members m WHERE m.org_id = o.id AND m.status IN ") +
          kInStanding + ")",
      {Text(subtree_path), Text(domain::SubtreeUpperBound(subtree_path))});
  if (!branches) return Fail(branches.error());
  p.branches = branches->rows.at(0).Int(0);
  auto by_status = c_.Query(
      "SELECT e.status, COUNT(*) FROM evaluations e JOIN orgs o ON o.id = e.org_id WHERE o.path >= $1 "
      "AND o.path < $2 AND e.year = $3 GROUP BY e.status",
      {Text(subtree_path), Text(domain::SubtreeUpperBound(subtree_path)), Int(year)});
  if (!by_status) return Fail(by_status.error());
  for (const auto& row : by_status->rows) {
    p.started += row.Int(1);
    if (row.Str(0) == "submitted") p.submitted += row.Int(1);
    if (row.Str(0) == "approved") p.approved += row.Int(1);
  }
  auto members = c_.Query(
      "SELECT COUNT(*), COUNT(x.grade) FROM evaluation_entries x JOIN evaluations e ON e.id = "
      "x.evaluation_id JOIN orgs o ON o.id = e.org_id WHERE o.path >= $1 AND o.path < $2 AND e.year = $3",
      {Text(subtree_path), Text(domain::SubtreeUpperBound(subtree_path)), Int(year)});
  if (!members) return Fail(members.error());
  p.members_due = members->rows.at(0).Int(0);
  p.members_rated = members->rows.at(0).Int(1);
  return p;
}

Result<std::vector<MemberGrade>> TwoSystemsRepository::MemberGrades(int64_t member_id) {
  auto r = c_.Query(
      "SELECT e.year, x.grade, o.name, e.approved_at FROM evaluation_entries x JOIN evaluations e ON "
      "e.id = x.evaluation_id JOIN orgs o ON o.id = e.org_id WHERE x.member_id = $1 AND e.status = "
      "'approved' AND x.grade IS NOT NULL ORDER BY e.year DESC",
      {Int(member_id)});
  if (!r) return Fail(r.error());
  std::vector<MemberGrade> out;
  for (const auto& row : r->rows)
    out.push_back({static_cast<int>(row.Int(0)),
                   ParseName(domain::GradeNames(), row.Str(1)).value_or(Grade::kQualified), row.Str(2),
                   row.OptAt(3)});
  return out;
}

Result<void> TwoSystemsRepository::InsertCampaign(const RegistrationCampaign& c) {
  auto r = c_.Query(
      "INSERT INTO registration_campaigns (year, opens_on, deadline, created_at, created_by) VALUES "
      "($1, $2, $3, $4, $5)",
      {Int(c.year), DateValue(c.opens_on), DateValue(c.deadline), At(c.created_at), Text(c.created_by)});
  if (!r) return Fail(r.error());
  return {};
}

namespace {

RegistrationCampaign RowToCampaign(const Row& r) {
  return {static_cast<int>(r.Int(0)), r.Day(1), r.Day(2), r.At(3), r.Str(4)};
}

}  // namespace

Result<std::optional<RegistrationCampaign>> TwoSystemsRepository::GetCampaign(int year) {
  auto r = c_.Query(
      "SELECT year, opens_on, deadline, created_at, created_by FROM registration_campaigns WHERE year = $1",
      {Int(year)});
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return std::optional<RegistrationCampaign>();
  return std::optional<RegistrationCampaign>(RowToCampaign(r->rows[0]));
}

Result<std::vector<RegistrationCampaign>> TwoSystemsRepository::Campaigns() {
  auto r = c_.Query(
      "SELECT year, opens_on, deadline, created_at, created_by FROM registration_campaigns ORDER BY year DESC");
  if (!r) return Fail(r.error());
  std::vector<RegistrationCampaign> out;
  for (const auto& row : r->rows) out.push_back(RowToCampaign(row));
  return out;
}

namespace {

// The members in standing of a subtree with their registration and latest grade for a year.
// Parameters are numbered as they are made, and both backends refuse one a statement does not
// use, so the year before is made only where the grade is selected or filtered on.
struct LineSql {
  Where w;
  std::string from;
  std::string grade, grade_year;  // empty unless made with grades
};

LineSql LineQuery(int year, bool with_grades) {
  LineSql s;
  std::string y = s.w.Param(Int(year));
  s.from = " FROM members m JOIN orgs o ON o.id = m.org_id LEFT JOIN registrations r ON r.member_id = "
           "m.id AND r.year = " + y;
  if (with_grades) {
    std::string prior = s.w.Param(Int(year - 1));
    s.grade = LatestGrade(y, prior, "x.grade");
    s.grade_year = LatestGrade(y, prior, "e.year");
  }
  s.w.AddRaw(std::string("m.status IN ") + kInStanding);
  return s;
}

void AddStateFilter(LineSql& s, domain::RegistrationState state) {
  switch (state) {
    case domain::RegistrationState::kRegistered:
      s.w.AddRaw("r.member_id IS NOT NULL");
      break;
    case domain::RegistrationState::kEligible:
      s.w.AddRaw("r.member_id IS NULL AND " + s.grade + " IN ('excellent', 'qualified', 'basically_qualified')");
      break;
    case domain::RegistrationState::kUnqualified:
      s.w.AddRaw("r.member_id IS NULL AND " + s.grade + " = 'unqualified'");
      break;
    case domain::RegistrationState::kNotEvaluated:
      s.w.AddRaw("r.member_id IS NULL AND " + s.grade + " IS NULL");
      break;
  }
}

RegistrationLine RowToLine(const Row& r) {
  RegistrationLine l;
  l.member_id = r.Int(0);
  l.name = r.Str(1);
  l.member_no = r.OptStr(2);
  l.org_id = r.Int(3);
  l.org_name = r.Str(4);
  l.registered_on = r.OptDay(5);
  if (auto g = r.OptStr(6)) l.grade = ParseName(domain::GradeNames(), *g);
  if (auto y = r.OptInt(7)) l.grade_year = static_cast<int>(*y);
  l.state = domain::RegistrationStateOf(l.registered_on.has_value(), l.grade);
  return l;
}

}  // namespace

Result<Page<RegistrationLine>> TwoSystemsRepository::RegistrationLines(const RegistrationQuery& q) {
  bool filter_grade = q.state && *q.state != domain::RegistrationState::kRegistered;
  LineSql counted = LineQuery(q.year, filter_grade);
  AddScope(counted.w, q.scope_path, q.org_id, "m.org_id");
  if (q.state) AddStateFilter(counted, *q.state);
  auto count = c_.Query("SELECT COUNT(*)" + counted.from + counted.w.sql(), counted.w.params());
  if (!count) return Fail(count.error());
  Page<RegistrationLine> page;
  page.total = count->rows.at(0).Int(0);

  LineSql s = LineQuery(q.year, true);
  AddScope(s.w, q.scope_path, q.org_id, "m.org_id");
  if (q.state) AddStateFilter(s, *q.state);
  std::string where = s.w.sql();
  std::string limit = s.w.Param(Int(q.page.size));
  std::string offset = s.w.Param(Int(q.page.offset()));
  auto r = c_.Query("SELECT m.id, m.name, m.member_no, m.org_id, o.name, r.registered_on, " + s.grade +
                        ", " + s.grade_year + s.from + where + " ORDER BY o.path, m.name, m.id LIMIT " +
                        limit + " OFFSET " + offset,
                    s.w.params());
  if (!r) return Fail(r.error());
  for (const auto& row : r->rows) page.items.push_back(RowToLine(row));
  return page;
}

Result<std::vector<RegistrationLine>> TwoSystemsRepository::LinesOf(int year, const std::vector<int64_t>& member_ids) {
  std::vector<RegistrationLine> out;
  if (member_ids.empty()) return out;
  // Every member asked for, in standing or not (the caller checks).
  Where w;
  std::string y = w.Param(Int(year));
  std::string prior = w.Param(Int(year - 1));
  std::string in = IdParams(w, member_ids);
  auto r = c_.Query("SELECT m.id, m.name, m.member_no, m.org_id, o.name, r.registered_on, " +
                        LatestGrade(y, prior, "x.grade") + ", " + LatestGrade(y, prior, "e.year") +
                        ", m.status, o.path FROM members m JOIN orgs o ON o.id = m.org_id LEFT JOIN "
                        "registrations r ON r.member_id = m.id AND r.year = " + y +
                        " WHERE m.id IN (" + in + ")",
                    w.params());
  if (!r) return Fail(r.error());
  for (const auto& row : r->rows) {
    RegistrationLine l = RowToLine(row);
    auto status = ParseName(domain::MemberStatusNames(), row.Str(8));
    l.in_standing = status && domain::InStanding(*status);
    l.org_path = row.Str(9);
    out.push_back(std::move(l));
  }
  return out;
}

Result<void> TwoSystemsRepository::Register(int64_t member_id, int year, int64_t org_id, Date on,
                                            std::string_view by, Instant now) {
  auto r = c_.Query(
      "INSERT INTO registrations (member_id, year, org_id, registered_on, registered_by, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {Int(member_id), Int(year), Int(org_id), DateValue(on), Text(by), At(now)});
  if (!r) return Fail(r.error());
  return {};
}

Result<std::pair<int64_t, int64_t>> TwoSystemsRepository::RegistrationCounts(const std::string& subtree_path,
                                                                              int year) {
  auto r = c_.Query(
      std::string("SELECT COUNT(*), COUNT(r.member_id) FROM members m JOIN orgs o ON o.id = m.org_id "
                  "LEFT JOIN registrations r ON r.member_id = m.id AND r.year = $1 WHERE o.path >= $2 "
                  "AND o.path < $3 AND m.status IN ") + kInStanding,
      {Int(year), Text(subtree_path), Text(domain::SubtreeUpperBound(subtree_path))});
  if (!r) return Fail(r.error());
  return std::pair{r->rows.at(0).Int(0), r->rows.at(0).Int(1)};
}

Result<int64_t> TwoSystemsRepository::InsertRecommendation(const Recommendation& p, Instant now) {
  auto r = c_.Query(
      "INSERT INTO party_recommendations (member_id, org_id, year, party_applied_on, stage, "
      "nominated_on, reason, created_at, created_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
      "$8, $9, $8) RETURNING id",
      {Int(p.member_id), Int(p.org_id), Int(p.year), DateValue(p.party_applied_on),
       EnumValue(domain::RecommendationStageNames(), p.stage), DateValue(p.nominated_on),
       Text(p.reason), At(now), Text(p.created_by)});
  if (!r) return Fail(r.error());
  return r->rows.at(0).Int(0);
}

Result<std::optional<Recommendation>> TwoSystemsRepository::GetRecommendation(int64_t id) {
  auto r = c_.Query(std::string(kRecommendationSelect) + " WHERE p.id = $1", {Int(id)});
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return std::optional<Recommendation>();
  return std::optional<Recommendation>(RowToRecommendation(r->rows[0]));
}

Result<void> TwoSystemsRepository::SaveRecommendation(const Recommendation& p, Instant now) {
  auto r = c_.Query(
      "UPDATE party_recommendations SET stage = $1, voted_on = $2, eligible = $3, present = $4, "
      "yes = $5, reviewed_on = $6, rank = $7, note = $8, updated_at = $9 WHERE id = $10",
      {EnumValue(domain::RecommendationStageNames(), p.stage), OptDateValue(p.voted_on),
       OptIntValue(p.eligible), OptIntValue(p.present), OptIntValue(p.yes),
       OptDateValue(p.reviewed_on), OptIntValue(p.rank), Text(p.note), At(now), Int(p.id)});
  if (!r) return Fail(r.error());
  return {};
}

Result<Page<Recommendation>> TwoSystemsRepository::ListRecommendations(const RecommendationQuery& q) {
  Where w;
  AddScope(w, q.scope_path, q.org_id, "p.org_id");
  if (q.year) w.Add("p.year = $?", Int(*q.year));
  if (q.stage) w.Add("p.stage = $?", EnumValue(domain::RecommendationStageNames(), *q.stage));
  if (q.member_id) w.Add("p.member_id = $?", Int(*q.member_id));
  const std::string from =
      " FROM party_recommendations p JOIN members m ON m.id = p.member_id JOIN orgs o ON o.id = p.org_id";
  auto count = c_.Query("SELECT COUNT(*)" + from + w.sql(), w.params());
  if (!count) return Fail(count.error());
  Page<Recommendation> page;
  page.total = count->rows.at(0).Int(0);
  std::string where = w.sql();
  std::string limit = w.Param(Int(q.page.size));
  std::string offset = w.Param(Int(q.page.offset()));
  // Ranked ones first in rank order, then the rest by nomination date.
  auto r = c_.Query(std::string(kRecommendationSelect) + where +
                        " ORDER BY p.year DESC, CASE WHEN p.rank IS NULL THEN 1 ELSE 0 END, p.rank, "
                        "p.nominated_on, p.id LIMIT " + limit + " OFFSET " + offset,
                    w.params());
  if (!r) return Fail(r.error());
  for (const auto& row : r->rows) page.items.push_back(RowToRecommendation(row));
  return page;
}

}  // namespace tj::store
