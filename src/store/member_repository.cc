#include "store/member_repository.h"

#include <map>

#include "store/where.h"

namespace tj::store {

using domain::Member;

namespace {

constexpr std::pair<CadrePost, std::string_view> kPosts[] = {
    {CadrePost::kSecretary, "secretary"},
    {CadrePost::kDeputySecretary, "deputy_secretary"},
    {CadrePost::kOrganization, "organization"},
    {CadrePost::kPublicity, "publicity"},
    {CadrePost::kCommitteeMember, "committee_member"},
    {CadrePost::kOther, "other"},
};


std::string MemberColumns() {
  return "m.id, m.org_id, m.member_no, m.name, m.gender, m.ethnicity, m.birth_date, m.join_date, "
         "m.id_number_sealed, m.phone_sealed, m.education, m.occupation, m.status, m.status_date, "
         "m.created_at, m.updated_at, o.name, o.path";
}

}  // namespace

EnumNames<CadrePost> CadrePostNames() { return kPosts; }

namespace {

Result<MemberRow> RowToMember(const Row& r, const PersonalDataCipher& cipher, bool cadre) {
  MemberRow out;
  Member& m = out.member;
  m.id = r.Int(0);
  m.org_id = r.Int(1);
  m.member_no = r.OptStr(2);
  m.name = r.Str(3);
  m.gender = ParseName(domain::GenderNames(), r.Str(4)).value_or(Gender::kMale);
  m.ethnicity = r.Str(5);
  m.birth_date = ParseDate(r.Str(6)).value_or(Date{});
  m.join_date = ParseDate(r.Str(7)).value_or(Date{});
  auto id = cipher.Open(r.Str(8));
  if (!id) return Fail(id.error());
  m.id_number = std::move(*id);
  if (auto p = r.OptStr(9)) {
    auto phone = cipher.Open(*p);
    if (!phone) return Fail(phone.error());
    m.phone = std::move(*phone);
  }
  m.education = ParseName(domain::EducationNames(), r.Str(10)).value_or(domain::Education::kSeniorHigh);
  m.occupation = ParseName(domain::OccupationNames(), r.Str(11)).value_or(domain::Occupation::kOther);
  m.status = ParseName(domain::MemberStatusNames(), r.Str(12)).value_or(domain::MemberStatus::kActive);
  m.status_date = ParseDate(r.Str(13)).value_or(Date{});
  m.created_at = r.At(14);
  m.updated_at = r.At(15);
  out.org_name = r.Str(16);
  out.org_path = r.Str(17);
  m.is_cadre = cadre;
  return out;
}

std::vector<Value> SealedValues(const PersonalDataCipher& cipher, const domain::MemberDraft& d) {
  return SealedNumbers(cipher, d.id.number, d.phone ? std::optional<std::string_view>(*d.phone) : std::nullopt);
}

}  // namespace

std::vector<Value> SealedNumbers(const PersonalDataCipher& cipher, std::string_view id_number,
                                 std::optional<std::string_view> phone) {
  return {Text(cipher.Seal(id_number)), Text(cipher.LookupHash(id_number)),
          phone ? Text(cipher.Seal(*phone)) : Value(Null{}), phone ? Text(cipher.LookupHash(*phone)) : Value(Null{})};
}

Result<std::optional<MemberRow>> MemberRepository::Get(int64_t id, Date today) {
  Where w;
  w.Add("m.id = $?", Int(id));
  std::string t1 = w.Param(DateValue(today));
  std::string cadre = "EXISTS (SELECT 1 FROM cadres c WHERE c.member_id = m.id AND c.term_start <= " +
                      t1 + " AND (c.term_end IS NULL OR c.term_end >= " + t1 + "))";
  auto rows = c_.Query("SELECT " + MemberColumns() + ", " + cadre +
                           " FROM members m JOIN orgs o ON o.id = m.org_id" + w.sql(),
                       w.params());
  if (!rows) return Fail(rows.error());
  if (rows->rows.empty()) return std::optional<MemberRow>();
  auto m = RowToMember(rows->rows[0], cipher_, rows->rows[0].Bool(18));
  if (!m) return Fail(m.error());
  return std::optional<MemberRow>(std::move(*m));
}

Result<MemberRow> MemberRepository::Insert(int64_t org_id, const domain::MemberDraft& d,
                                           Instant now, Date today) {
  auto sealed = SealedValues(cipher_, d);
  auto r = c_.Query(
      "INSERT INTO members (org_id, member_no, name, gender, ethnicity, birth_date, join_date, "
      "id_number_sealed, id_number_hash, phone_sealed, phone_hash, education, occupation, status, "
      "status_date, created_at, updated_at, province_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
      "$10, $11, $12, $13, 'active', $7, $14, $14, (SELECT province_id FROM orgs WHERE id = $1)) "
      "RETURNING id",
      {Int(org_id), OptText(d.member_no), Text(d.name),
       EnumValue(domain::GenderNames(), d.id.gender), Text(d.ethnicity),
       DateValue(d.id.birth_date), DateValue(d.join_date), sealed[0], sealed[1], sealed[2],
       sealed[3], EnumValue(domain::EducationNames(), d.education),
       EnumValue(domain::OccupationNames(), d.occupation), At(now)});
  if (!r) return Fail(r.error());
  auto got = Get(r->rows.at(0).Int(0), today);
  if (!got) return Fail(got.error());
  return std::move(**got);
}

Result<void> MemberRepository::Update(int64_t id, const domain::MemberDraft& d, Instant now) {
  auto sealed = SealedValues(cipher_, d);
  auto r = c_.Query(
      "UPDATE members SET member_no = $1, name = $2, gender = $3, ethnicity = $4, birth_date = $5, "
      "join_date = $6, id_number_sealed = $7, id_number_hash = $8, phone_sealed = $9, "
      "phone_hash = $10, education = $11, occupation = $12, updated_at = $13 WHERE id = $14",
      {OptText(d.member_no), Text(d.name), EnumValue(domain::GenderNames(), d.id.gender),
       Text(d.ethnicity), DateValue(d.id.birth_date), DateValue(d.join_date), sealed[0], sealed[1],
       sealed[2], sealed[3], EnumValue(domain::EducationNames(), d.education),
       EnumValue(domain::OccupationNames(), d.occupation), At(now), Int(id)});
  if (!r) return Fail(r.error());
  return {};
}

Result<void> MemberRepository::SetStatus(int64_t id, domain::MemberStatus s, Date date, Instant now) {
  auto r = c_.Query("UPDATE members SET status = $1, status_date = $2, updated_at = $3 WHERE id = $4",
                    {EnumValue(domain::MemberStatusNames(), s), DateValue(date), At(now), Int(id)});
  if (!r) return Fail(r.error());
  return {};
}

Result<void> MemberRepository::SetOrg(int64_t id, int64_t org_id, Instant now) {
  // The member's history moves with them to the new org's province.
  auto r = c_.Query(
      "UPDATE members SET org_id = $1, province_id = (SELECT province_id FROM orgs WHERE id = $1), "
      "updated_at = $2 WHERE id = $3 RETURNING province_id",
      {Int(org_id), At(now), Int(id)});
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return {};
  auto h = c_.Query("UPDATE member_history SET province_id = $1 WHERE member_id = $2 AND province_id <> $1",
                    {Int(r->rows[0].Int(0)), Int(id)});
  if (!h) return Fail(h.error());
  return {};
}

Result<Page<MemberRow>> MemberRepository::List(const MemberQuery& q) {
  Where w;
  w.Add("o.path >= $?", Text(q.scope_path));
  w.Add("o.path < $?", Text(domain::SubtreeUpperBound(q.scope_path)));
  // Within a province, PostgreSQL reads that province's partition only.
  if (auto province = domain::ProvinceScope(q.scope_path)) w.Add("m.province_id = $?", Int(*province));
  if (q.org_id) w.Add("m.org_id = $?", Int(*q.org_id));
  if (q.name_contains && !q.name_contains->empty())
    w.Add("m.name LIKE $? ESCAPE '\\'", Text(LikeContains(*q.name_contains)));
  if (q.member_no) w.Add("m.member_no = $?", Text(*q.member_no));
  if (q.id_number_hash) w.Add("m.id_number_hash = $?", Text(*q.id_number_hash));
  if (q.phone_hash) w.Add("m.phone_hash = $?", Text(*q.phone_hash));
  if (q.any_number) {
    std::string no = w.Param(Text(q.any_number->text));
    std::string hash = w.Param(Text(q.any_number->hash));
    w.AddRaw("(m.member_no = " + no + " OR m.id_number_hash = " + hash + " OR m.phone_hash = " +
             hash + ")");
  }
  if (!q.statuses.empty()) {
    std::string in;
    for (auto s : q.statuses) {
      in += in.empty() ? "" : ", ";
      in += w.Param(EnumValue(domain::MemberStatusNames(), s));
    }
    w.AddRaw("m.status IN (" + in + ")");
  }
  if (q.gender) w.Add("m.gender = $?", EnumValue(domain::GenderNames(), *q.gender));
  if (q.ethnicity) w.Add("m.ethnicity = $?", Text(*q.ethnicity));
  if (q.education) w.Add("m.education = $?", EnumValue(domain::EducationNames(), *q.education));
  if (q.occupation) w.Add("m.occupation = $?", EnumValue(domain::OccupationNames(), *q.occupation));
  if (q.sector) w.Add("o.sector = $?", EnumValue(domain::SectorNames(), *q.sector));
  if (q.born_after) w.Add("m.birth_date > $?", DateValue(*q.born_after));
  if (q.born_on_or_before) w.Add("m.birth_date <= $?", DateValue(*q.born_on_or_before));
  if (q.outside_born) {
    std::string young = w.Param(DateValue(q.outside_born->first));
    std::string old = w.Param(DateValue(q.outside_born->second));
    w.AddRaw("(m.birth_date > " + young + " OR m.birth_date <= " + old + ")");
  }
  // The day "in office" is judged on; bound only where a statement uses it (both backends
  // refuse parameters a statement does not mention).
  std::string today;
  auto cadre = [&] {
    return "EXISTS (SELECT 1 FROM cadres c WHERE c.member_id = m.id AND c.term_start <= " + today +
           " AND (c.term_end IS NULL OR c.term_end >= " + today + "))";
  };
  if (q.is_cadre) {
    today = w.Param(DateValue(q.today));
    w.AddRaw(*q.is_cadre ? cadre() : "NOT " + cadre());
  }
  const std::string from = " FROM members m JOIN orgs o ON o.id = m.org_id";
  auto count = c_.Query("SELECT COUNT(*)" + from + w.sql(), w.params());
  if (!count) return Fail(count.error());
  Page<MemberRow> page;
  page.total = count->rows.at(0).Int(0);
  std::string where = w.sql();
  if (today.empty()) today = w.Param(DateValue(q.today));
  std::string limit = w.Param(Int(q.page.size));
  std::string offset = w.Param(Int(q.page.offset()));
  std::string order = q.order_by_birth ? " ORDER BY m.birth_date, m.id" : " ORDER BY o.path, m.name, m.id";
  auto rows = c_.Query("SELECT " + MemberColumns() + ", " + cadre() + from + where + order +
                           " LIMIT " + limit + " OFFSET " + offset,
                       w.params());
  if (!rows) return Fail(rows.error());
  page.items.reserve(rows->rows.size());
  for (const auto& r : rows->rows) {
    auto m = RowToMember(r, cipher_, r.Bool(18));
    if (!m) return Fail(m.error());
    page.items.push_back(std::move(*m));
  }
  return page;
}

namespace {

Result<std::vector<std::string>> ExistingValues(Connection& c, std::string_view column,
                                                const std::vector<std::string>& values) {
  std::vector<std::string> out;
  constexpr size_t kChunk = 500;
  for (size_t start = 0; start < values.size(); start += kChunk) {
    std::vector<Value> params;
    std::string in;
    for (size_t i = start; i < std::min(values.size(), start + kChunk); ++i) {
      params.push_back(Text(values[i]));
      in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
    }
    auto r = c.Query("SELECT " + std::string(column) + " FROM members WHERE " +
                         std::string(column) + " IN (" + in + ")",
                     params);
    if (!r) return Fail(r.error());
    for (const auto& row : r->rows) out.push_back(row.Str(0));
  }
  return out;
}

}  // namespace

Result<std::vector<std::string>> MemberRepository::ExistingIdHashes(
    const std::vector<std::string>& hashes) {
  return ExistingValues(c_, "id_number_hash", hashes);
}

Result<std::vector<std::string>> MemberRepository::ExistingMemberNumbers(
    const std::vector<std::string>& numbers) {
  return ExistingValues(c_, "member_no", numbers);
}

Result<int64_t> MemberRepository::BulkInsert(
    const std::vector<std::pair<int64_t, domain::MemberDraft>>& rows, Instant now,
    std::optional<int64_t> actor_id, std::string_view actor_username) {
  auto before = c_.Query("SELECT COALESCE(MAX(id), 0) FROM members");
  if (!before) return Fail(before.error());
  int64_t last_id = before->rows.at(0).Int(0);
  static const std::string kColumns[] = {
      "org_id",     "member_no",    "name",         "gender",    "ethnicity",
      "birth_date", "join_date",    "id_number_sealed", "id_number_hash", "phone_sealed",
      "phone_hash", "education",    "occupation",   "status",    "status_date",
      "created_at", "updated_at",   "province_id"};
  // The rows' provinces, from their orgs.
  std::map<int64_t, int64_t> province;
  for (const auto& row : rows) province.emplace(row.first, 0);
  {
    Where w;
    std::vector<int64_t> ids;
    for (const auto& [org, _] : province) ids.push_back(org);
    const std::string in = IdParams(w, ids);
    auto r = c_.Query("SELECT id, province_id FROM orgs WHERE id IN (" + in + ")", w.params());
    if (!r) return Fail(r.error());
    for (const auto& row : r->rows) province[row.Int(0)] = row.Int(1);
  }
  std::vector<std::vector<Value>> values;
  values.reserve(rows.size());
  Value at = At(now);
  for (const auto& [org_id, d] : rows) {
    auto sealed = SealedValues(cipher_, d);
    values.push_back({Int(org_id), OptText(d.member_no), Text(d.name),
                      EnumValue(domain::GenderNames(), d.id.gender), Text(d.ethnicity),
                      DateValue(d.id.birth_date), DateValue(d.join_date), std::move(sealed[0]),
                      std::move(sealed[1]), std::move(sealed[2]), std::move(sealed[3]),
                      EnumValue(domain::EducationNames(), d.education),
                      EnumValue(domain::OccupationNames(), d.occupation), Text("active"),
                      DateValue(d.join_date), at, at, Int(province[org_id])});
  }
  auto n = c_.BulkInsert("members", kColumns, values);
  if (!n) return Fail(n.error());
  auto h = c_.Query(
      "INSERT INTO member_history (member_id, province_id, at, actor_id, actor_username, kind, "
      "changes, status_to, effective_date) SELECT id, province_id, $1, $2, $3, 'import', '{}', "
      "'active', join_date FROM members WHERE id > $4 AND created_at = $1",
      {at, OptInt(actor_id), Text(actor_username), Int(last_id)});
  if (!h) return Fail(h.error());
  return *n;
}

Result<std::vector<std::tuple<int64_t, domain::MemberStatus, Gender, Date, domain::Education>>>
MemberRepository::AllFacts() {
  // Streamed: at national size the members do not fit in one materialized result.
  std::vector<std::tuple<int64_t, domain::MemberStatus, Gender, Date, domain::Education>> out;
  auto n = c_.Scan("SELECT org_id, status, gender, birth_date, education FROM members", {}, [&](const Row& row) {
    out.emplace_back(row.Int(0),
                     ParseName(domain::MemberStatusNames(), row.Str(1)).value_or(domain::MemberStatus::kActive),
                     ParseName(domain::GenderNames(), row.Str(2)).value_or(Gender::kMale), row.Day(3),
                     ParseName(domain::EducationNames(), row.Str(4)).value_or(domain::Education::kSeniorHigh));
  });
  if (!n) return Fail(n.error());
  return out;
}

Result<std::optional<Date>> MemberRepository::LatestTermEnd(int64_t member_id) {
  auto r = c_.Query("SELECT MAX(term_end) FROM cadres WHERE member_id = $1", {Int(member_id)});
  if (!r) return Fail(r.error());
  auto text = r->rows.at(0).OptStr(0);
  if (!text) return std::optional<Date>();
  return ParseDate(*text);
}

Result<void> MemberRepository::AddHistory(const HistoryEntry& h) {
  auto status = [](const std::optional<domain::MemberStatus>& s) {
    return s ? EnumValue(domain::MemberStatusNames(), *s) : Value(Null{});
  };
  auto r = c_.Query(
      "INSERT INTO member_history (member_id, at, actor_id, actor_username, kind, changes, "
      "status_from, status_to, effective_date, reason, province_id) VALUES ($1, $2, $3, $4, $5, $6, "
      "$7, $8, $9, $10, (SELECT province_id FROM member_keys WHERE id = $1))",
      {Int(h.member_id), At(h.at), OptInt(h.actor_id), Text(h.actor_username), Text(h.kind),
       Text(h.changes), status(h.status_from), status(h.status_to),
       h.effective_date ? DateValue(*h.effective_date) : Value(Null{}),
       h.reason.empty() ? Value(Null{}) : Text(h.reason)});
  if (!r) return Fail(r.error());
  return {};
}

namespace {

constexpr const char* kHistoryColumns =
    "h.id, h.member_id, h.at, h.actor_id, h.actor_username, h.kind, h.changes, h.status_from, "
    "h.status_to, h.effective_date, h.reason";

HistoryEntry HistoryFromRow(const Row& row) {
  HistoryEntry h;
  h.id = row.Int(0);
  h.member_id = row.Int(1);
  h.at = row.At(2);
  h.actor_id = row.OptInt(3);
  h.actor_username = row.Str(4);
  h.kind = row.Str(5);
  h.changes = row.Str(6);
  if (auto s = row.OptStr(7)) h.status_from = ParseName(domain::MemberStatusNames(), *s);
  if (auto s = row.OptStr(8)) h.status_to = ParseName(domain::MemberStatusNames(), *s);
  if (auto d = row.OptStr(9)) h.effective_date = ParseDate(*d);
  h.reason = row.Str(10);
  return h;
}

}  // namespace

Result<std::vector<HistoryEntry>> MemberRepository::History(int64_t member_id) {
  auto r = c_.Query(std::string("SELECT ") + kHistoryColumns +
                        " FROM member_history h WHERE h.member_id = $1 ORDER BY h.id",
                    {Int(member_id)});
  if (!r) return Fail(r.error());
  std::vector<HistoryEntry> out;
  for (const auto& row : r->rows) out.push_back(HistoryFromRow(row));
  return out;
}

Result<Page<StatusChange>> MemberRepository::StatusChanges(const StatusChangeQuery& q) {
  Where w;
  w.Add("o.path >= $?", Text(q.scope_path));
  w.Add("o.path < $?", Text(domain::SubtreeUpperBound(q.scope_path)));
  w.AddRaw("h.kind IN ('status', 'age_out')");
  if (q.org_id) w.Add("m.org_id = $?", Int(*q.org_id));
  if (q.status_to) w.Add("h.status_to = $?", EnumValue(domain::MemberStatusNames(), *q.status_to));
  if (q.from) w.Add("h.effective_date >= $?", DateValue(*q.from));
  if (q.to) w.Add("h.effective_date <= $?", DateValue(*q.to));
  const std::string from =
      " FROM member_history h JOIN members m ON m.id = h.member_id JOIN orgs o ON o.id = m.org_id";
  auto count = c_.Query("SELECT COUNT(*)" + from + w.sql(), w.params());
  if (!count) return Fail(count.error());
  Page<StatusChange> page;
  page.total = count->rows.at(0).Int(0);
  std::string where = w.sql();
  std::string limit = w.Param(Int(q.page.size));
  std::string offset = w.Param(Int(q.page.offset()));
  auto rows = c_.Query(std::string("SELECT ") + kHistoryColumns + ", m.name, m.org_id, o.name" +
                           from + where + " ORDER BY h.effective_date DESC, h.id DESC LIMIT " + limit +
                           " OFFSET " + offset,
                       w.params());
  if (!rows) return Fail(rows.error());
  for (const auto& r : rows->rows)
    page.items.push_back({HistoryFromRow(r), r.Str(11), r.Int(12), r.Str(13)});
  return page;
}

namespace {

constexpr const char* kCadreColumns =
    "c.id, c.member_id, c.name, c.org_id, o.name, c.post, c.post_title, c.term_start, c.term_end";

Cadre CadreFromRow(const Row& r) {
  Cadre c;
  c.id = r.Int(0);
  c.member_id = r.OptInt(1);
  c.name = r.Str(2);
  c.org_id = r.Int(3);
  c.org_name = r.Str(4);
  c.post = ParseName(CadrePostNames(), r.Str(5)).value_or(CadrePost::kOther);
  c.post_title = r.OptStr(6);
  c.term_start = ParseDate(r.Str(7)).value_or(Date{});
  if (auto e = r.OptStr(8)) c.term_end = ParseDate(*e);
  return c;
}

}  // namespace

Result<Cadre> MemberRepository::InsertCadre(const Cadre& c, Instant now) {
  auto r = c_.Query(
      "INSERT INTO cadres (member_id, name, org_id, post, post_title, term_start, term_end, "
      "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
      {OptInt(c.member_id), Text(c.name), Int(c.org_id), EnumValue(CadrePostNames(), c.post),
       OptText(c.post_title), DateValue(c.term_start),
       c.term_end ? DateValue(*c.term_end) : Value(Null{}), At(now)});
  if (!r) return Fail(r.error());
  auto got = GetCadre(r->rows.at(0).Int(0));
  if (!got) return Fail(got.error());
  return **got;
}

Result<void> MemberRepository::UpdateCadre(const Cadre& c, Instant now) {
  auto r = c_.Query(
      "UPDATE cadres SET post = $1, post_title = $2, term_start = $3, term_end = $4, "
      "updated_at = $5 WHERE id = $6",
      {EnumValue(CadrePostNames(), c.post), OptText(c.post_title), DateValue(c.term_start),
       c.term_end ? DateValue(*c.term_end) : Value(Null{}), At(now), Int(c.id)});
  if (!r) return Fail(r.error());
  return {};
}

Result<std::optional<Cadre>> MemberRepository::GetCadre(int64_t id) {
  auto r = c_.Query(std::string("SELECT ") + kCadreColumns +
                        " FROM cadres c JOIN orgs o ON o.id = c.org_id WHERE c.id = $1",
                    {Int(id)});
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return std::optional<Cadre>();
  return std::optional<Cadre>(CadreFromRow(r->rows[0]));
}

Result<Page<Cadre>> MemberRepository::ListCadres(const CadreQuery& q) {
  Where w;
  w.Add("o.path >= $?", Text(q.scope_path));
  w.Add("o.path < $?", Text(domain::SubtreeUpperBound(q.scope_path)));
  if (q.org_id) w.Add("c.org_id = $?", Int(*q.org_id));
  if (q.name_contains && !q.name_contains->empty())
    w.Add("c.name LIKE $? ESCAPE '\\'", Text(LikeContains(*q.name_contains)));
  if (q.in_office) {
    std::string t = w.Param(DateValue(q.today));
    std::string cond = "c.term_start <= " + t + " AND (c.term_end IS NULL OR c.term_end >= " + t + ")";
    w.AddRaw(*q.in_office ? "(" + cond + ")" : "NOT (" + cond + ")");
  }
  const std::string from = " FROM cadres c JOIN orgs o ON o.id = c.org_id";
  auto count = c_.Query("SELECT COUNT(*)" + from + w.sql(), w.params());
  if (!count) return Fail(count.error());
  Page<Cadre> page;
  page.total = count->rows.at(0).Int(0);
  std::string where = w.sql();
  std::string limit = w.Param(Int(q.page.size));
  std::string offset = w.Param(Int(q.page.offset()));
  auto rows = c_.Query(std::string("SELECT ") + kCadreColumns + from + where +
                           " ORDER BY o.path, c.post, c.id LIMIT " + limit + " OFFSET " + offset,
                       w.params());
  if (!rows) return Fail(rows.error());
  for (const auto& r : rows->rows) page.items.push_back(CadreFromRow(r));
  return page;
}

}  // namespace tj::store
