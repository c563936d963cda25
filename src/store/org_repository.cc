#include "store/org_repository.h"

#include <charconv>

#include "store/where.h"

namespace tj::store {

using domain::Org;

const char* const kOrgColumns =
    "o.id, o.parent_id, o.name, o.short_name, o.type, o.sector, o.school_stage, o.code, "
    "o.status, o.path, o.depth, o.created_at, o.updated_at, o.closed_at, o.graduation_date, o.purpose";

Org OrgFromRow(const Row& r, size_t i) {
  Org o;
  o.id = r.Int(i + 0);
  o.parent_id = r.OptInt(i + 1);
  o.name = r.Str(i + 2);
  o.short_name = r.OptStr(i + 3);
  o.type = ParseName(domain::OrgTypeNames(), r.Str(i + 4)).value_or(domain::OrgType::kBranch);
  o.sector = ParseName(domain::SectorNames(), r.Str(i + 5)).value_or(domain::Sector::kOther);
  if (auto s = r.OptStr(i + 6)) o.school_stage = ParseName(domain::SchoolStageNames(), *s);
  o.code = r.Str(i + 7);
  o.status = ParseName(domain::OrgStatusNames(), r.Str(i + 8)).value_or(domain::OrgStatus::kActive);
  o.path = r.Str(i + 9);
  o.depth = static_cast<int>(r.Int(i + 10));
  o.created_at = r.At(i + 11);
  o.updated_at = r.At(i + 12);
  o.closed_at = r.OptAt(i + 13);
  o.graduation_date = r.OptDay(i + 14);
  o.purpose = ParseName(domain::OrgPurposeNames(), r.Str(i + 15)).value_or(domain::OrgPurpose::kRegular);
  return o;
}

namespace {

Value Stage(const std::optional<domain::SchoolStage>& s) {
  return s ? Text(NameOf(domain::SchoolStageNames(), *s)) : Value(Null{});
}

Result<std::optional<Org>> One(Connection& c, std::string_view where, Value param) {
  std::string sql = std::string("SELECT ") + kOrgColumns + " FROM orgs o WHERE " + std::string(where);
  auto rows = c.Query(sql, {std::move(param)});
  if (!rows) return Fail(rows.error());
  if (rows->rows.empty()) return std::optional<Org>();
  return std::optional<Org>(OrgFromRow(rows->rows[0]));
}

}  // namespace

Result<std::optional<Org>> OrgRepository::Get(int64_t id) { return One(c_, "o.id = $1", Int(id)); }

Result<std::optional<Org>> OrgRepository::GetByCode(std::string_view code) {
  return One(c_, "o.code = $1", Text(code));
}

Result<std::optional<Org>> OrgRepository::Root() {
  auto rows = c_.Query(std::string("SELECT ") + kOrgColumns +
                       " FROM orgs o WHERE o.parent_id IS NULL ORDER BY o.id LIMIT 1");
  if (!rows) return Fail(rows.error());
  if (rows->rows.empty()) return std::optional<Org>();
  return std::optional<Org>(OrgFromRow(rows->rows[0]));
}

Result<Org> OrgRepository::Insert(const domain::OrgDraft& d, const Org* parent, Instant now) {
  auto ins = c_.Query(
      "INSERT INTO orgs (parent_id, name, short_name, type, sector, school_stage, code, status, "
      "path, depth, created_at, updated_at, graduation_date, purpose, province_id) VALUES ($1, $2, $3, "
      "$4, $5, $6, $7, 'active', '', $8, $9, $9, $10, $11, 0) RETURNING id",
      {parent ? Int(parent->id) : Value(Null{}), Text(d.name), OptText(d.short_name),
       Text(NameOf(domain::OrgTypeNames(), d.type)), Text(NameOf(domain::SectorNames(), d.sector)),
       Stage(d.school_stage), Text(d.code), Int(parent ? parent->depth + 1 : 0), At(now),
       OptDateValue(d.graduation_date), EnumValue(domain::OrgPurposeNames(), d.purpose)});
  if (!ins) return Fail(ins.error());
  int64_t id = ins->rows.at(0).Int(0);
  std::string path = domain::ChildPath(parent ? parent->path : "/", id);
  // The path and province wait for the id.
  if (auto u = c_.Query("UPDATE orgs SET path = $1, province_id = $2 WHERE id = $3",
                        {Text(path), Int(domain::ProvinceOf(path)), Int(id)});
      !u)
    return Fail(u.error());
  auto got = Get(id);
  if (!got) return Fail(got.error());
  return **got;
}

Result<void> OrgRepository::UpdateContent(int64_t id, const domain::OrgDraft& d, Instant now) {
  auto r = c_.Query(
      "UPDATE orgs SET name = $1, short_name = $2, type = $3, sector = $4, school_stage = $5, "
      "code = $6, updated_at = $7, graduation_date = $8, purpose = $9 WHERE id = $10",
      {Text(d.name), OptText(d.short_name), Text(NameOf(domain::OrgTypeNames(), d.type)),
       Text(NameOf(domain::SectorNames(), d.sector)), Stage(d.school_stage), Text(d.code),
       At(now), OptDateValue(d.graduation_date), EnumValue(domain::OrgPurposeNames(), d.purpose), Int(id)});
  if (!r) return Fail(r.error());
  return {};
}

Result<void> OrgRepository::Move(const Org& org, const Org& new_parent, Instant now) {
  std::string new_path = domain::ChildPath(new_parent.path, org.id);
  int64_t depth_delta = int64_t(new_parent.depth) + 1 - org.depth;
  auto r = c_.Query(
      "UPDATE orgs SET path = $1 || substr(path, $2), depth = depth + $3, updated_at = $4 "
      "WHERE path >= $5 AND path < $6",
      {Text(new_path), Int(int64_t(org.path.size()) + 1), Int(depth_delta), At(now),
       Text(org.path), Text(domain::SubtreeUpperBound(org.path))});
  if (!r) return Fail(r.error());
  auto p = c_.Query("UPDATE orgs SET parent_id = $1 WHERE id = $2",
                    {Int(new_parent.id), Int(org.id)});
  if (!p) return Fail(p.error());
  // A move to another province carries the subtree's rows along: they all had the old org's
  // province and all take the new one (the top org never moves).
  const int64_t from = domain::ProvinceOf(org.path), to = domain::ProvinceOf(new_path);
  if (from == to) return {};
  const std::string lo = new_path, hi = domain::SubtreeUpperBound(new_path);
  const std::string subtree = "(SELECT id FROM orgs WHERE path >= $3 AND path < $4)";
  const std::string carry[] = {
      "UPDATE orgs SET province_id = $1 WHERE province_id = $2 AND path >= $3 AND path < $4",
      "UPDATE members SET province_id = $1 WHERE province_id = $2 AND org_id IN " + subtree,
      "UPDATE member_history SET province_id = $1 WHERE province_id = $2 AND member_id IN "
      "(SELECT id FROM members WHERE province_id = $1 AND org_id IN " + subtree + ")",
      "UPDATE study_checkins SET province_id = $1 WHERE province_id = $2 AND org_id IN " + subtree,
      "UPDATE dues_payments SET province_id = $1 WHERE province_id = $2 AND org_id IN " + subtree,
      // PostgreSQL's foreign key has carried these along already (ON UPDATE CASCADE).
      "UPDATE dues_allocations SET province_id = $1 WHERE province_id = $2 AND payment_id IN "
      "(SELECT id FROM dues_payments WHERE province_id = $1 AND org_id IN " + subtree + ")",
      "UPDATE activity_attendance SET province_id = $1 WHERE province_id = $2 AND activity_id IN "
      "(SELECT id FROM activities WHERE org_id IN " + subtree + ")",
  };
  for (const auto& sql : carry)
    if (auto u = c_.Query(sql, {Int(to), Int(from), Text(lo), Text(hi)}); !u) return Fail(u.error());
  return {};
}

Result<void> OrgRepository::Close(int64_t id, Instant now) {
  auto r = c_.Query(
      "UPDATE orgs SET status = 'closed', closed_at = $1, updated_at = $1 WHERE id = $2",
      {At(now), Int(id)});
  if (!r) return Fail(r.error());
  return {};
}

Result<int64_t> OrgRepository::CountActiveChildren(int64_t id) {
  auto r = c_.Query("SELECT COUNT(*) FROM orgs WHERE parent_id = $1 AND status = 'active'",
                    {Int(id)});
  if (!r) return Fail(r.error());
  return r->rows.at(0).Int(0);
}

Result<int64_t> OrgRepository::CountMembersInStanding(int64_t id) {
  auto r = c_.Query(
      "SELECT COUNT(*) FROM members WHERE org_id = $1 AND status IN ('active', 'mobile', "
      "'lost_contact')",
      {Int(id)});
  if (!r) return Fail(r.error());
  return r->rows.at(0).Int(0);
}

Result<Page<OrgListItem>> OrgRepository::List(const OrgQuery& q) {
  Where w;
  w.Add("o.path >= $?", Text(q.scope_path));
  w.Add("o.path < $?", Text(domain::SubtreeUpperBound(q.scope_path)));
  if (q.parent_id) w.Add("o.parent_id = $?", Int(*q.parent_id));
  if (q.exclude_id) w.Add("o.id <> $?", Int(*q.exclude_id));
  if (q.q && !q.q->empty())
    w.Add("(o.name LIKE $? ESCAPE '\\' OR o.short_name LIKE $? ESCAPE '\\' OR o.code LIKE $? "
          "ESCAPE '\\')",
          Text(LikeContains(*q.q)));
  if (q.type) w.Add("o.type = $?", Text(NameOf(domain::OrgTypeNames(), *q.type)));
  if (q.sector) w.Add("o.sector = $?", Text(NameOf(domain::SectorNames(), *q.sector)));
  if (q.status) w.Add("o.status = $?", Text(NameOf(domain::OrgStatusNames(), *q.status)));

  auto count = c_.Query("SELECT COUNT(*) FROM orgs o" + w.sql(), w.params());
  if (!count) return Fail(count.error());
  Page<OrgListItem> page;
  page.total = count->rows.at(0).Int(0);
  std::string where = w.sql();
  std::string limit = w.Param(Int(q.page.size));
  std::string offset = w.Param(Int(q.page.offset()));
  auto rows = c_.Query(std::string("SELECT ") + kOrgColumns +
                           ", (SELECT COUNT(*) FROM orgs c WHERE c.parent_id = o.id AND "
                           "c.status = 'active') FROM orgs o" +
                           where + " ORDER BY o.depth, o.path LIMIT " + limit + " OFFSET " + offset,
                       w.params());
  if (!rows) return Fail(rows.error());
  for (const auto& r : rows->rows) page.items.push_back({OrgFromRow(r), r.Int(kOrgColumnCount)});
  return page;
}

Result<std::vector<Org>> OrgRepository::Ancestors(std::string_view path,
                                                  std::string_view scope_path) {
  std::vector<Value> ids;
  std::string placeholders;
  size_t start = 1;
  while (start < path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) break;
    int64_t id = 0;
    std::from_chars(path.data() + start, path.data() + slash, id);
    ids.push_back(Int(id));
    placeholders += (placeholders.empty() ? "$" : ", $") + std::to_string(ids.size());
    start = slash + 1;
  }
  std::vector<Org> out;
  if (ids.empty()) return out;
  auto rows = c_.Query(std::string("SELECT ") + kOrgColumns + " FROM orgs o WHERE o.id IN (" +
                           placeholders + ") ORDER BY o.depth",
                       ids);
  if (!rows) return Fail(rows.error());
  for (const auto& r : rows->rows) {
    Org o = OrgFromRow(r);
    if (domain::InSubtree(scope_path, o.path)) out.push_back(std::move(o));
  }
  return out;
}

Result<std::vector<OrgNodeRow>> OrgRepository::AllNodes() {
  auto rows = c_.Query("SELECT id, parent_id, type, status FROM orgs ORDER BY depth, id");
  if (!rows) return Fail(rows.error());
  std::vector<OrgNodeRow> out;
  out.reserve(rows->rows.size());
  for (const auto& r : rows->rows)
    out.push_back({r.Int(0), r.OptInt(1),
                   ParseName(domain::OrgTypeNames(), r.Str(2)).value_or(domain::OrgType::kBranch),
                   ParseName(domain::OrgStatusNames(), r.Str(3)).value_or(domain::OrgStatus::kActive)});
  return out;
}

}  // namespace tj::store
