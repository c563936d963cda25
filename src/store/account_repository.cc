#include "store/account_repository.h"

#include <map>

#include "domain/org/org.h"
#include "store/where.h"

namespace tj::store {

using domain::Account;
using domain::Session;

namespace {

constexpr const char* kAccountColumns =
    "u.id, u.username, u.display_name, u.org_id, o.name, o.path, u.password_hash, "
    "u.must_change_password, u.status, u.failed_logins, u.locked_until, u.password_changed_at, "
    "u.last_login_at, u.created_at, u.updated_at, u.member_id";

Account AccountFromRow(const Row& r) {
  Account a;
  a.id = r.Int(0);
  a.username = r.Str(1);
  a.display_name = r.Str(2);
  a.org_id = r.Int(3);
  a.org_name = r.Str(4);
  a.org_path = r.Str(5);
  a.password_hash = r.Str(6);
  a.must_change_password = r.Bool(7);
  a.status = ParseName(domain::AccountStatusNames(), r.Str(8)).value_or(domain::AccountStatus::kDisabled);
  a.login.failed_logins = static_cast<int>(r.Int(9));
  a.login.locked_until = r.OptAt(10);
  a.password_changed_at = r.OptAt(11);
  a.last_login_at = r.OptAt(12);
  a.created_at = r.At(13);
  a.updated_at = r.At(14);
  a.member_id = r.OptInt(15);
  return a;
}

constexpr const char* kSessionColumns =
    "id, user_id, token_hash, csrf_token, created_at, last_seen_at, expires_at, client_address, "
    "user_agent, revoked_at";

Session SessionFromRow(const Row& r) {
  Session s;
  s.id = r.Int(0);
  s.user_id = r.Int(1);
  s.token_hash = r.Str(2);
  s.csrf_token = r.Str(3);
  s.created_at = r.At(4);
  s.last_seen_at = r.At(5);
  s.expires_at = r.At(6);
  s.client_address = r.Str(7);
  s.user_agent = r.Str(8);
  s.revoked_at = r.OptAt(9);
  return s;
}

Value StatusText(domain::AccountStatus s) { return Text(NameOf(domain::AccountStatusNames(), s)); }

}  // namespace

Result<std::vector<domain::Role>> AccountRepository::Roles(int64_t id) {
  auto rows = c_.Query("SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role", {Int(id)});
  if (!rows) return Fail(rows.error());
  std::vector<domain::Role> out;
  for (const auto& r : rows->rows)
    if (auto role = ParseName(domain::RoleNames(), r.Str(0))) out.push_back(*role);
  return out;
}

Result<std::optional<Account>> AccountRepository::Get(int64_t id) {
  auto rows = c_.Query(std::string("SELECT ") + kAccountColumns +
                           " FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.id = $1",
                       {Int(id)});
  if (!rows) return Fail(rows.error());
  if (rows->rows.empty()) return std::optional<Account>();
  Account a = AccountFromRow(rows->rows[0]);
  auto roles = Roles(a.id);
  if (!roles) return Fail(roles.error());
  a.roles = std::move(*roles);
  return std::optional<Account>(std::move(a));
}

Result<std::optional<Account>> AccountRepository::GetByUsername(std::string_view username) {
  auto rows = c_.Query(std::string("SELECT u.id FROM users u WHERE u.username = $1"),
                       {Text(username)});
  if (!rows) return Fail(rows.error());
  if (rows->rows.empty()) return std::optional<Account>();
  return Get(rows->rows[0].Int(0));
}

Result<Account> AccountRepository::Insert(const NewAccount& a, Instant now) {
  auto ins = c_.Query(
      "INSERT INTO users (username, display_name, org_id, password_hash, must_change_password, "
      "status, failed_logins, created_at, updated_at, member_id) VALUES ($1, $2, $3, $4, $5, 'active', 0, "
      "$6, $6, $7) RETURNING id",
      {Text(a.username), Text(a.display_name), Int(a.org_id), Text(a.password_hash),
       Bool(a.must_change_password), At(now), OptInt(a.member_id)});
  if (!ins) return Fail(ins.error());
  int64_t id = ins->rows.at(0).Int(0);
  if (auto r = SetRoles(id, a.roles); !r) return Fail(r.error());
  auto got = Get(id);
  if (!got) return Fail(got.error());
  return **got;
}

Result<void> AccountRepository::UpdateProfile(int64_t id, std::string_view display_name,
                                              int64_t org_id, domain::AccountStatus status,
                                              Instant now) {
  auto r = c_.Query(
      "UPDATE users SET display_name = $1, org_id = $2, status = $3, updated_at = $4 WHERE id = $5",
      {Text(display_name), Int(org_id), StatusText(status), At(now), Int(id)});
  if (!r) return Fail(r.error());
  return {};
}

Result<void> AccountRepository::SetRoles(int64_t id, const std::vector<domain::Role>& roles) {
  if (auto d = c_.Query("DELETE FROM user_roles WHERE user_id = $1", {Int(id)}); !d)
    return Fail(d.error());
  for (auto role : roles) {
    auto r = c_.Query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)",
                      {Int(id), Text(NameOf(domain::RoleNames(), role))});
    if (!r) return Fail(r.error());
  }
  return {};
}

Result<void> AccountRepository::SetPassword(int64_t id, std::string_view hash, bool must_change,
                                            Instant now) {
  auto r = c_.Query(
      "UPDATE users SET password_hash = $1, must_change_password = $2, password_changed_at = $3, "
      "failed_logins = 0, locked_until = NULL, updated_at = $3 WHERE id = $4",
      {Text(hash), Bool(must_change), At(now), Int(id)});
  if (!r) return Fail(r.error());
  return {};
}

Result<void> AccountRepository::SetLoginState(int64_t id, const domain::LoginState& s,
                                              Instant now) {
  auto r = c_.Query(
      "UPDATE users SET failed_logins = $1, locked_until = $2, updated_at = $3 WHERE id = $4",
      {Int(s.failed_logins), s.locked_until ? At(*s.locked_until) : Value(Null{}), At(now),
       Int(id)});
  if (!r) return Fail(r.error());
  return {};
}

Result<void> AccountRepository::RecordLogin(int64_t id, Instant now) {
  auto r = c_.Query(
      "UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = $1 WHERE id = $2",
      {At(now), Int(id)});
  if (!r) return Fail(r.error());
  return {};
}

Result<Page<Account>> AccountRepository::List(const AccountQuery& q) {
  Where w;
  w.Add("o.path >= $?", Text(q.scope_path));
  w.Add("o.path < $?", Text(domain::SubtreeUpperBound(q.scope_path)));
  if (q.org_id) w.Add("u.org_id = $?", Int(*q.org_id));
  if (q.q && !q.q->empty())
    w.Add("(u.username LIKE $? ESCAPE '\\' OR u.display_name LIKE $? ESCAPE '\\')",
          Text(LikeContains(*q.q)));
  if (q.role)
    w.Add("EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = $?)",
          Text(NameOf(domain::RoleNames(), *q.role)));
  if (q.status) w.Add("u.status = $?", StatusText(*q.status));
  const std::string from = " FROM users u JOIN orgs o ON o.id = u.org_id";
  auto count = c_.Query("SELECT COUNT(*)" + from + w.sql(), w.params());
  if (!count) return Fail(count.error());
  Page<Account> page;
  page.total = count->rows.at(0).Int(0);
  std::string where = w.sql();
  std::string limit = w.Param(Int(q.page.size));
  std::string offset = w.Param(Int(q.page.offset()));
  auto rows = c_.Query(std::string("SELECT ") + kAccountColumns + from + where +
                           " ORDER BY o.path, u.username LIMIT " + limit + " OFFSET " + offset,
                       w.params());
  if (!rows) return Fail(rows.error());
  for (const auto& r : rows->rows) {
    Account a = AccountFromRow(r);
    auto roles = Roles(a.id);
    if (!roles) return Fail(roles.error());
    a.roles = std::move(*roles);
    page.items.push_back(std::move(a));
  }
  return page;
}

Result<Session> AccountRepository::InsertSession(const Session& s) {
  auto r = c_.Query(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, "
      "expires_at, client_address, user_agent) VALUES ($1, $2, $3, $4, $4, $5, $6, $7) "
      "RETURNING id",
      {Text(s.token_hash), Int(s.user_id), Text(s.csrf_token), At(s.created_at), At(s.expires_at),
       Text(s.client_address), Text(s.user_agent)});
  if (!r) return Fail(r.error());
  Session out = s;
  out.id = r->rows.at(0).Int(0);
  out.last_seen_at = s.created_at;
  return out;
}

Result<std::optional<Session>> AccountRepository::FindSession(std::string_view token_hash) {
  auto r = c_.Query(std::string("SELECT ") + kSessionColumns + " FROM sessions WHERE token_hash = $1",
                    {Text(token_hash)});
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return std::optional<Session>();
  return std::optional<Session>(SessionFromRow(r->rows[0]));
}

Result<void> AccountRepository::TouchSession(int64_t id, Instant now) {
  auto r = c_.Query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2", {At(now), Int(id)});
  if (!r) return Fail(r.error());
  return {};
}

Result<void> AccountRepository::RevokeSession(int64_t id, Instant now) {
  auto r = c_.Query("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
                    {At(now), Int(id)});
  if (!r) return Fail(r.error());
  return {};
}

Result<void> AccountRepository::RevokeUserSessions(int64_t user_id, int64_t keep_id, Instant now) {
  auto r = c_.Query(
      "UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND id <> $3 AND revoked_at IS NULL",
      {At(now), Int(user_id), Int(keep_id)});
  if (!r) return Fail(r.error());
  return {};
}

Result<std::vector<Session>> AccountRepository::ListSessions(int64_t user_id, Instant now) {
  auto r = c_.Query(std::string("SELECT ") + kSessionColumns +
                        " FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND "
                        "expires_at > $2 ORDER BY created_at DESC",
                    {Int(user_id), At(now)});
  if (!r) return Fail(r.error());
  std::vector<Session> out;
  for (const auto& row : r->rows) out.push_back(SessionFromRow(row));
  return out;
}

}  // namespace tj::store
