#include "store/recruitment_repository.h"

#include <charconv>

#include "store/where.h"

namespace tj::store {

using domain::Applicant;
using domain::Stage;

namespace {

constexpr const char* kApplicantColumns =
    "a.id, a.org_id, a.name, a.gender, a.ethnicity, a.birth_date, a.id_number_sealed, "
    "a.phone_sealed, a.education, a.occupation, a.school_stage, a.graduating_year, a.applied_on, "
    "a.talk_on, a.talk_note, a.stage, a.stage_date, a.activist_since, a.candidate_on, a.voted_on, "
    "a.approved_on, a.admitted_on, a.member_id, a.member_no, a.end_reason, a.created_at, "
    "a.updated_at, o.name, o.path, "
    "(SELECT COALESCE(SUM(h.half_hours), 0) FROM applicant_class_hours h WHERE h.applicant_id = a.id)";

constexpr const char* kApplicantFrom = " FROM applicants a JOIN orgs o ON o.id = a.org_id";

Result<ApplicantRow> RowToApplicant(const Row& r, const PersonalDataCipher& cipher) {
  ApplicantRow out;
  Applicant& a = out.applicant;
  a.id = r.Int(0);
  a.org_id = r.Int(1);
  a.name = r.Str(2);
  a.gender = ParseName(domain::GenderNames(), r.Str(3)).value_or(Gender::kMale);
  a.ethnicity = r.Str(4);
  a.birth_date = r.Day(5);
  auto id = cipher.Open(r.Str(6));
  if (!id) return Fail(id.error());
  a.id_number = std::move(*id);
  if (auto p = r.OptStr(7)) {
    auto phone = cipher.Open(*p);
    if (!phone) return Fail(phone.error());
    a.phone = std::move(*phone);
  }
  a.education = ParseName(domain::EducationNames(), r.Str(8)).value_or(domain::Education::kJuniorHigh);
  a.occupation = ParseName(domain::OccupationNames(), r.Str(9)).value_or(domain::Occupation::kOther);
  if (auto s = r.OptStr(10)) a.school_stage = ParseName(domain::SchoolStageNames(), *s);
  if (auto y = r.OptInt(11)) a.graduating_year = static_cast<int>(*y);
  a.applied_on = r.Day(12);
  a.talk_on = r.OptDay(13);
  a.talk_note = r.Str(14);
  a.stage = ParseName(domain::StageNames(), r.Str(15)).value_or(Stage::kApplied);
  a.stage_date = r.Day(16);
  a.activist_since = r.OptDay(17);
  a.candidate_on = r.OptDay(18);
  a.voted_on = r.OptDay(19);
  a.approved_on = r.OptDay(20);
  a.admitted_on = r.OptDay(21);
  a.member_id = r.OptInt(22);
  a.member_no = r.OptStr(23);
  a.end_reason = r.Str(24);
  a.created_at = r.At(25);
  a.updated_at = r.At(26);
  out.org_name = r.Str(27);
  out.org_path = r.Str(28);
  a.class_half_hours = static_cast<int>(r.Int(29));
  return out;
}

Cohort RowToCohort(const Row& r) {
  Cohort c;
  c.org_id = r.Int(0);
  c.org_name = r.Str(1);
  c.org_path = r.Str(2);
  if (auto s = r.OptStr(3)) c.school_stage = ParseName(domain::SchoolStageNames(), *s);
  c.graduating_year = static_cast<int>(r.Int(4));
  c.students = static_cast<int>(r.Int(5));
  c.members_before = static_cast<int>(r.Int(6));
  c.updated_at = r.At(7);
  c.updated_by = r.Str(8);
  c.admitted = r.Int(9);
  return c;
}

constexpr const char* kCohortSelect =
    "SELECT c.org_id, o.name, o.path, o.school_stage, c.graduating_year, c.students, "
    "c.members_before, c.updated_at, c.updated_by, "
    "(SELECT COUNT(*) FROM applicants a WHERE a.quota_org_id = c.org_id AND "
    "a.graduating_year = c.graduating_year AND a.stage = 'admitted') "
    "FROM cohorts c JOIN orgs o ON o.id = c.org_id";

constexpr const char* kRangeColumns =
    "r.id, r.org_id, r.year, r.serial_width, r.first_serial, r.last_serial, r.next_serial, "
    "r.created_at, r.created_by, o.name";

RangeRow RowToRange(const Row& row) {
  RangeRow out;
  auto& r = out.range;
  r.id = row.Int(0);
  r.org_id = row.Int(1);
  r.year = static_cast<int>(row.Int(2));
  r.serial_width = static_cast<int>(row.Int(3));
  r.first_serial = row.Int(4);
  r.last_serial = row.Int(5);
  r.next_serial = row.Int(6);
  r.created_at = row.At(7);
  r.created_by = row.Str(8);
  out.org_name = row.Str(9);
  return out;
}

Value OptEnum(const std::optional<Stage>& s) {
  return s ? EnumValue(domain::StageNames(), *s) : Value(Null{});
}

}  // namespace

Result<int64_t> RecruitmentRepository::Insert(int64_t org_id, const domain::ApplicantDraft& d,
                                              Instant now) {
  const auto& p = d.person;
  auto r = c_.Query(
      "INSERT INTO applicants (org_id, name, gender, ethnicity, birth_date, id_number_sealed, "
      "id_number_hash, phone_sealed, phone_hash, education, occupation, school_stage, "
      "graduating_year, applied_on, talk_on, talk_note, stage, stage_date, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'applied', "
      "$14, $17, $17) RETURNING id",
      {Int(org_id), Text(p.name), EnumValue(domain::GenderNames(), p.id.gender), Text(p.ethnicity),
       DateValue(p.id.birth_date), Text(cipher_.Seal(p.id.number)),
       Text(cipher_.LookupHash(p.id.number)), p.phone ? Text(cipher_.Seal(*p.phone)) : Value(Null{}),
       p.phone ? Text(cipher_.LookupHash(*p.phone)) : Value(Null{}),
       EnumValue(domain::EducationNames(), p.education),
       EnumValue(domain::OccupationNames(), p.occupation),
       d.school_stage ? EnumValue(domain::SchoolStageNames(), *d.school_stage) : Value(Null{}),
       d.graduating_year ? Int(*d.graduating_year) : Value(Null{}), DateValue(d.applied_on),
       OptDateValue(d.talk_on), Text(d.talk_note), At(now)});
  if (!r) return Fail(r.error());
  return r->rows.at(0).Int(0);
}

Result<std::optional<ApplicantRow>> RecruitmentRepository::Get(int64_t id) {
  auto rows = c_.Query(std::string("SELECT ") + kApplicantColumns + kApplicantFrom + " WHERE a.id = $1",
                       {Int(id)});
  if (!rows) return Fail(rows.error());
  if (rows->rows.empty()) return std::optional<ApplicantRow>();
  auto a = RowToApplicant(rows->rows[0], cipher_);
  if (!a) return Fail(a.error());
  auto people = c_.Query(
      "SELECT p.role, m.id, m.name, m.member_no FROM applicant_people p JOIN members m ON "
      "m.id = p.member_id WHERE p.applicant_id = $1 ORDER BY p.role, m.id",
      {Int(id)});
  if (!people) return Fail(people.error());
  for (const auto& r : people->rows) {
    FilePerson fp{r.Int(1), r.Str(2), r.OptStr(3)};
    (r.Str(0) == "sponsor" ? a->sponsors : a->introducers).push_back(std::move(fp));
  }
  return std::optional<ApplicantRow>(std::move(*a));
}

Result<void> RecruitmentRepository::Save(const Applicant& a, Instant now) {
  auto r = c_.Query(
      "UPDATE applicants SET talk_on = $1, talk_note = $2, stage = $3, stage_date = $4, "
      "activist_since = $5, candidate_on = $6, voted_on = $7, approved_on = $8, admitted_on = $9, "
      "member_id = $10, member_no = $11, end_reason = $12, updated_at = $13 WHERE id = $14",
      {OptDateValue(a.talk_on), Text(a.talk_note), EnumValue(domain::StageNames(), a.stage),
       DateValue(a.stage_date), OptDateValue(a.activist_since), OptDateValue(a.candidate_on),
       OptDateValue(a.voted_on), OptDateValue(a.approved_on), OptDateValue(a.admitted_on),
       OptInt(a.member_id), OptText(a.member_no), Text(a.end_reason), At(now), Int(a.id)});
  if (!r) return Fail(r.error());
  return {};
}

namespace {

void AddOpenTalkOverdue(Where& w, Date today) {
  // Open files with no talk whose due day (a month after applying) is before today.
  w.Add("a.talk_on IS NULL AND a.stage NOT IN ('admitted', 'rejected', 'withdrawn') AND "
        "a.applied_on <= $?",
        DateValue(domain::LatestOverdueApplication(today)));
}

}  // namespace

Result<Page<ApplicantRow>> RecruitmentRepository::List(const ApplicantQuery& q) {
  Where w;
  w.Add("o.path >= $?", Text(q.scope_path));
  w.Add("o.path < $?", Text(domain::SubtreeUpperBound(q.scope_path)));
  if (q.org_id) w.Add("a.org_id = $?", Int(*q.org_id));
  if (!q.stages.empty()) {
    std::string in;
    for (auto s : q.stages) {
      in += in.empty() ? "" : ", ";
      in += w.Param(EnumValue(domain::StageNames(), s));
    }
    w.AddRaw("a.stage IN (" + in + ")");
  }
  if (q.name_contains && !q.name_contains->empty())
    w.Add("a.name LIKE $? ESCAPE '\\'", Text(LikeContains(*q.name_contains)));
  if (q.talk_overdue_on) AddOpenTalkOverdue(w, *q.talk_overdue_on);
  auto count = c_.Query(std::string("SELECT COUNT(*)") + kApplicantFrom + w.sql(), w.params());
  if (!count) return Fail(count.error());
  Page<ApplicantRow> page;
  page.total = count->rows.at(0).Int(0);
  std::string where = w.sql();
  std::string limit = w.Param(Int(q.page.size));
  std::string offset = w.Param(Int(q.page.offset()));
  auto rows = c_.Query(std::string("SELECT ") + kApplicantColumns + kApplicantFrom + where +
                           " ORDER BY a.applied_on DESC, a.id DESC LIMIT " + limit + " OFFSET " + offset,
                       w.params());
  if (!rows) return Fail(rows.error());
  for (const auto& r : rows->rows) {
    auto a = RowToApplicant(r, cipher_);
    if (!a) return Fail(a.error());
    page.items.push_back(std::move(*a));
  }
  return page;
}

Result<std::pair<std::array<int64_t, kStageCount>, int64_t>> RecruitmentRepository::Counts(
    const std::string& scope_path, std::optional<int64_t> org_id, Date today) {
  Where w;
  w.Add("o.path >= $?", Text(scope_path));
  w.Add("o.path < $?", Text(domain::SubtreeUpperBound(scope_path)));
  if (org_id) w.Add("a.org_id = $?", Int(*org_id));
  auto rows = c_.Query(std::string("SELECT a.stage, COUNT(*)") + kApplicantFrom + w.sql() +
                           " GROUP BY a.stage",
                       w.params());
  if (!rows) return Fail(rows.error());
  std::array<int64_t, kStageCount> counts{};
  for (const auto& r : rows->rows)
    if (auto s = ParseName(domain::StageNames(), r.Str(0))) counts[static_cast<size_t>(*s)] = r.Int(1);
  AddOpenTalkOverdue(w, today);
  auto overdue = c_.Query(std::string("SELECT COUNT(*)") + kApplicantFrom + w.sql(), w.params());
  if (!overdue) return Fail(overdue.error());
  return std::pair{counts, overdue->rows.at(0).Int(0)};
}

Result<bool> RecruitmentRepository::OpenFileExists(const std::string& id_number_hash) {
  auto r = c_.Query(
      "SELECT 1 FROM applicants WHERE id_number_hash = $1 AND stage NOT IN ('admitted', "
      "'rejected', 'withdrawn')",
      {Text(id_number_hash)});
  if (!r) return Fail(r.error());
  return !r->rows.empty();
}

Result<void> RecruitmentRepository::SetPeople(int64_t applicant_id, std::string_view role,
                                              const std::vector<int64_t>& member_ids) {
  if (auto r = c_.Query("DELETE FROM applicant_people WHERE applicant_id = $1 AND role = $2",
                        {Int(applicant_id), Text(role)});
      !r)
    return Fail(r.error());
  for (auto m : member_ids) {
    if (auto r = c_.Query(
            "INSERT INTO applicant_people (applicant_id, role, member_id) VALUES ($1, $2, $3)",
            {Int(applicant_id), Text(role), Int(m)});
        !r)
      return Fail(r.error());
  }
  return {};
}

Result<void> RecruitmentRepository::AddClassHours(int64_t applicant_id, const domain::ClassHourDraft& d,
                                                  Instant now, std::string_view by) {
  auto r = c_.Query(
      "INSERT INTO applicant_class_hours (applicant_id, date, half_hours, topic, created_at, "
      "created_by) VALUES ($1, $2, $3, $4, $5, $6)",
      {Int(applicant_id), DateValue(d.date), Int(d.half_hours), Text(d.topic), At(now), Text(by)});
  if (!r) return Fail(r.error());
  return {};
}

Result<std::vector<ClassHourEntry>> RecruitmentRepository::ClassHours(int64_t applicant_id) {
  auto r = c_.Query(
      "SELECT id, date, half_hours, topic, created_at, created_by FROM applicant_class_hours "
      "WHERE applicant_id = $1 ORDER BY date, id",
      {Int(applicant_id)});
  if (!r) return Fail(r.error());
  std::vector<ClassHourEntry> out;
  for (const auto& row : r->rows)
    out.push_back({row.Int(0), row.Day(1), static_cast<int>(row.Int(2)), row.Str(3), row.At(4), row.Str(5)});
  return out;
}

Result<int> RecruitmentRepository::HalfHoursUpTo(int64_t applicant_id, Date up_to) {
  auto r = c_.Query(
      "SELECT COALESCE(SUM(half_hours), 0) FROM applicant_class_hours WHERE applicant_id = $1 "
      "AND date <= $2",
      {Int(applicant_id), DateValue(up_to)});
  if (!r) return Fail(r.error());
  return static_cast<int>(r->rows.at(0).Int(0));
}

Result<void> RecruitmentRepository::AddEvent(const ApplicantEvent& e) {
  auto r = c_.Query(
      "INSERT INTO applicant_events (applicant_id, at, actor_id, actor_username, kind, stage_from, "
      "stage_to, effective_date, data, rule_year, rule_version) VALUES ($1, $2, $3, $4, $5, $6, "
      "$7, $8, $9, $10, $11)",
      {Int(e.applicant_id), At(e.at), OptInt(e.actor_id), Text(e.actor_username), Text(e.kind),
       OptEnum(e.stage_from), OptEnum(e.stage_to), OptDateValue(e.effective_date), Text(e.data),
       e.rule_year ? Int(*e.rule_year) : Value(Null{}),
       e.rule_version ? Int(*e.rule_version) : Value(Null{})});
  if (!r) return Fail(r.error());
  return {};
}

Result<std::vector<ApplicantEvent>> RecruitmentRepository::Events(int64_t applicant_id) {
  auto r = c_.Query(
      "SELECT id, applicant_id, at, actor_id, actor_username, kind, stage_from, stage_to, "
      "effective_date, data, rule_year, rule_version FROM applicant_events WHERE applicant_id = $1 "
      "ORDER BY id",
      {Int(applicant_id)});
  if (!r) return Fail(r.error());
  std::vector<ApplicantEvent> out;
  for (const auto& row : r->rows) {
    ApplicantEvent e;
    e.id = row.Int(0);
    e.applicant_id = row.Int(1);
    e.at = row.At(2);
    e.actor_id = row.OptInt(3);
    e.actor_username = row.Str(4);
    e.kind = row.Str(5);
    if (auto s = row.OptStr(6)) e.stage_from = ParseName(domain::StageNames(), *s);
    if (auto s = row.OptStr(7)) e.stage_to = ParseName(domain::StageNames(), *s);
    e.effective_date = row.OptDay(8);
    e.data = row.Str(9);
    if (auto y = row.OptInt(10)) e.rule_year = static_cast<int>(*y);
    if (auto v = row.OptInt(11)) e.rule_version = static_cast<int>(*v);
    out.push_back(std::move(e));
  }
  return out;
}

Result<void> RecruitmentRepository::PutCohort(int64_t org_id, int graduating_year, int students,
                                              int members_before, Instant now, std::string_view by) {
  auto r = c_.Query(
      "INSERT INTO cohorts (org_id, graduating_year, students, members_before, updated_at, "
      "updated_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (org_id, graduating_year) DO UPDATE "
      "SET students = excluded.students, members_before = excluded.members_before, "
      "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
      {Int(org_id), Int(graduating_year), Int(students), Int(members_before), At(now), Text(by)});
  if (!r) return Fail(r.error());
  return {};
}

Result<std::optional<Cohort>> RecruitmentRepository::GetCohort(int64_t org_id, int graduating_year) {
  auto r = c_.Query(std::string(kCohortSelect) + " WHERE c.org_id = $1 AND c.graduating_year = $2",
                    {Int(org_id), Int(graduating_year)});
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return std::optional<Cohort>();
  return std::optional<Cohort>(RowToCohort(r->rows[0]));
}

Result<std::optional<Cohort>> RecruitmentRepository::NearestCohort(const std::vector<int64_t>& org_ids,
                                                                   int graduating_year) {
  if (org_ids.empty()) return std::optional<Cohort>();
  Where w;
  w.Add("c.graduating_year = $?", Int(graduating_year));
  w.AddRaw("c.org_id IN (" + IdParams(w, org_ids) + ")");
  auto r = c_.Query(std::string(kCohortSelect) + w.sql(), w.params());
  if (!r) return Fail(r.error());
  std::optional<Cohort> best;
  size_t best_rank = org_ids.size();
  for (const auto& row : r->rows) {
    Cohort c = RowToCohort(row);
    size_t rank = static_cast<size_t>(std::find(org_ids.begin(), org_ids.end(), c.org_id) - org_ids.begin());
    if (rank < best_rank) best_rank = rank, best = std::move(c);
  }
  return best;
}

Result<Page<Cohort>> RecruitmentRepository::ListCohorts(const std::string& scope_path,
                                                        std::optional<int64_t> org_id,
                                                        std::optional<int> graduating_year,
                                                        PageRequest page) {
  Where w;
  w.Add("o.path >= $?", Text(scope_path));
  w.Add("o.path < $?", Text(domain::SubtreeUpperBound(scope_path)));
  if (org_id) w.Add("c.org_id = $?", Int(*org_id));
  if (graduating_year) w.Add("c.graduating_year = $?", Int(*graduating_year));
  auto count = c_.Query("SELECT COUNT(*) FROM cohorts c JOIN orgs o ON o.id = c.org_id" + w.sql(),
                        w.params());
  if (!count) return Fail(count.error());
  Page<Cohort> out;
  out.total = count->rows.at(0).Int(0);
  std::string where = w.sql();
  std::string limit = w.Param(Int(page.size));
  std::string offset = w.Param(Int(page.offset()));
  auto r = c_.Query(std::string(kCohortSelect) + where +
                        " ORDER BY c.graduating_year DESC, o.path LIMIT " + limit + " OFFSET " + offset,
                    w.params());
  if (!r) return Fail(r.error());
  for (const auto& row : r->rows) out.items.push_back(RowToCohort(row));
  return out;
}

Result<void> RecruitmentRepository::SetQuotaOrg(int64_t applicant_id, int64_t org_id) {
  auto r = c_.Query("UPDATE applicants SET quota_org_id = $1 WHERE id = $2", {Int(org_id), Int(applicant_id)});
  if (!r) return Fail(r.error());
  return {};
}

Result<int64_t> RecruitmentRepository::InsertRange(const domain::NumberRange& n, Instant now,
                                                   std::string_view by) {
  auto r = c_.Query(
      "INSERT INTO number_ranges (org_id, year, serial_width, first_serial, last_serial, "
      "next_serial, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $4, $6, $7) RETURNING id",
      {Int(n.org_id), Int(n.year), Int(n.serial_width), Int(n.first_serial), Int(n.last_serial),
       At(now), Text(by)});
  if (!r) return Fail(r.error());
  return r->rows.at(0).Int(0);
}

Result<std::optional<RangeRow>> RecruitmentRepository::GetRange(int64_t id) {
  auto r = c_.Query(std::string("SELECT ") + kRangeColumns +
                        " FROM number_ranges r JOIN orgs o ON o.id = r.org_id WHERE r.id = $1",
                    {Int(id)});
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return std::optional<RangeRow>();
  return std::optional<RangeRow>(RowToRange(r->rows[0]));
}

Result<std::vector<domain::NumberRange>> RecruitmentRepository::RangesOf(int year, std::optional<int> width) {
  Where w;
  w.Add("r.year = $?", Int(year));
  if (width) w.Add("r.serial_width = $?", Int(*width));
  auto r = c_.Query(std::string("SELECT ") + kRangeColumns +
                        " FROM number_ranges r JOIN orgs o ON o.id = r.org_id" + w.sql(),
                    w.params());
  if (!r) return Fail(r.error());
  std::vector<domain::NumberRange> out;
  for (const auto& row : r->rows) out.push_back(RowToRange(row).range);
  return out;
}

Result<std::vector<RangeRow>> RecruitmentRepository::ListRanges(std::optional<int> year,
                                                                const std::string& scope_path,
                                                                std::optional<int64_t> org_id,
                                                                const std::vector<int64_t>& also_org_ids) {
  Where w;
  if (year) w.Add("r.year = $?", Int(*year));
  if (org_id) {
    w.Add("r.org_id = $?", Int(*org_id));
  } else {
    std::string lo = w.Param(Text(scope_path));
    std::string hi = w.Param(Text(domain::SubtreeUpperBound(scope_path)));
    std::string cond = "(o.path >= " + lo + " AND o.path < " + hi + ")";
    if (!also_org_ids.empty()) cond = "(" + cond + " OR r.org_id IN (" + IdParams(w, also_org_ids) + "))";
    w.AddRaw(cond);
  }
  auto r = c_.Query(std::string("SELECT ") + kRangeColumns +
                        " FROM number_ranges r JOIN orgs o ON o.id = r.org_id" + w.sql() +
                        " ORDER BY r.year DESC, o.path, r.serial_width, r.first_serial",
                    w.params());
  if (!r) return Fail(r.error());
  std::vector<RangeRow> out;
  for (const auto& row : r->rows) out.push_back(RowToRange(row));
  return out;
}

Result<std::optional<std::pair<domain::NumberRange, int64_t>>> RecruitmentRepository::TakeSerial(
    const std::vector<int64_t>& org_ids, int year) {
  using Taken = std::optional<std::pair<domain::NumberRange, int64_t>>;
  if (org_ids.empty()) return Taken();
  Where w;
  w.Add("r.year = $?", Int(year));
  w.AddRaw("r.org_id IN (" + IdParams(w, org_ids) + ")");
  w.AddRaw("r.next_serial <= r.last_serial");
  auto r = c_.Query(std::string("SELECT ") + kRangeColumns +
                        " FROM number_ranges r JOIN orgs o ON o.id = r.org_id" + w.sql() +
                        " ORDER BY r.id",
                    w.params());
  if (!r) return Fail(r.error());
  std::optional<domain::NumberRange> best;
  size_t best_rank = org_ids.size();
  for (const auto& row : r->rows) {
    auto range = RowToRange(row).range;
    size_t rank = static_cast<size_t>(std::find(org_ids.begin(), org_ids.end(), range.org_id) - org_ids.begin());
    if (rank < best_rank) best_rank = rank, best = range;
  }
  if (!best) return Taken();
  // The conditional increment is the atomic step: it only succeeds while numbers are left,
  // and the caller's write transaction serializes it with every other admission.
  auto u = c_.Query(
      "UPDATE number_ranges SET next_serial = next_serial + 1 WHERE id = $1 AND "
      "next_serial <= last_serial RETURNING next_serial - 1",
      {Int(best->id)});
  if (!u) return Fail(u.error());
  if (u->rows.empty()) return Taken();
  int64_t serial = u->rows[0].Int(0);
  best->next_serial = serial + 1;
  return Taken(std::pair{*best, serial});
}

Result<bool> RecruitmentRepository::MemberNoTaken(const std::string& member_no) {
  auto r = c_.Query("SELECT 1 FROM members WHERE member_no = $1", {Text(member_no)});
  if (!r) return Fail(r.error());
  return !r->rows.empty();
}

}  // namespace tj::store
