#include "service/user_service.h"

#include "base/crypto.h"
#include "base/json_writer.h"
#include "base/text.h"
#include "service/audit_service.h"
#include "service/org_service.h"
#include "store/dues_repository.h"

namespace tj::service {
namespace {

using domain::Account;
using domain::Permission;
using store::AccountRepository;
using store::TxMode;

std::string RolesText(const std::vector<domain::Role>& roles) {
  std::string s;
  for (auto r : roles) {
    if (!s.empty()) s += ',';
    s += NameOf(domain::RoleNames(), r);
  }
  return s;
}

std::string AccountSummary(const Account& a) {
  return JsonObjectWriter()
      .Str("username", a.username)
      .Str("display_name", a.display_name)
      .Int("org_id", a.org_id)
      .Str("roles", RolesText(a.roles))
      .Str("status", NameOf(domain::AccountStatusNames(), a.status))
      .str();
}

Error UsernameTaken(const Error& e, const std::string& username) {
  auto f = e.args.find("field");
  if (e.code != ErrorCode::kConflict || e.message_key != "common.unique" || f == e.args.end() ||
      f->second != "username")
    return e;
  Error out = Error::Conflict("user.username_exists", {{"username", username}});
  out.details.push_back(
      FieldError("username", "unique", "user.username_exists", {{"username", username}}));
  return out;
}

}  // namespace

Result<std::vector<domain::Role>> ParseRoles(const std::vector<std::string>& names) {
  std::vector<domain::Role> roles;
  for (const auto& n : names) {
    auto r = ParseName(domain::RoleNames(), n);
    if (!r) return Fail(Error::Validation({FieldError("roles", "invalid_enum", "common.invalid_enum")}));
    if (std::find(roles.begin(), roles.end(), *r) == roles.end()) roles.push_back(*r);
  }
  if (roles.empty()) return Fail(Error::Validation({FieldError("roles", "required", "common.required")}));
  return roles;
}

Result<Account> UserService::InScope(store::Connection& c, const Actor& a, int64_t id) {
  auto acc = AccountRepository(c).Get(id);
  if (!acc) return Fail(acc.error());
  if (!*acc || !domain::InSubtree(a.org_path, (*acc)->org_path))
    return Fail(Error::NotFound("common.not_found"));
  return std::move(**acc);
}

Result<store::Page<Account>> UserService::List(const Actor& a, const AccountListRequest& r) {
  auto list = OpenScopedList(d_.db, a, r.org_id, r.subtree, Permission::kUserRead);
  if (!list) return Fail(list.error());
  auto& conn = list->conn;
  const ListScope* scope = &list->scope;
  store::AccountQuery q;
  q.scope_path = scope->path;
  q.org_id = scope->only_org;
  q.q = r.q;
  q.role = r.role;
  q.status = r.status;
  q.page = r.page;
  return AccountRepository(*conn).List(q);
}

Result<Account> UserService::Get(const Actor& a, int64_t id) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto acc = InScope(**conn, a, id);
  if (!acc) return acc;
  if (!a.Can(Permission::kUserRead) && a.user_id != id) return Fail(Error::Forbidden());
  return acc;
}

Result<Account> UserService::Create(const Actor& a, const NewAccountRequest& r) {
  if (!a.Can(Permission::kUserWrite)) return Fail(Error::Forbidden());
  std::vector<ErrorDetail> details;
  std::string username;
  if (!r.username || r.username->empty()) {
    details.push_back(FieldError("username", "required", "common.required"));
  } else if (auto u = domain::NormalizeUsername(*r.username); !u) {
    details.insert(details.end(), u.error().details.begin(), u.error().details.end());
  } else {
    username = *u;
  }
  std::string display = r.display_name ? Trim(*r.display_name) : "";
  if (display.empty()) display = username;
  if (Utf8Length(display) > 50)
    details.push_back(FieldError("display_name", "too_long", "common.too_long", {{"max", "50"}}));
  if (!r.org_id) details.push_back(FieldError("org_id", "required", "user.org_required"));
  std::vector<domain::Role> roles;
  if (!r.roles) {
    details.push_back(FieldError("roles", "required", "common.required"));
  } else if (auto parsed = ParseRoles(*r.roles); !parsed) {
    details.insert(details.end(), parsed.error().details.begin(), parsed.error().details.end());
  } else {
    roles = *parsed;
  }
  if (!r.password || r.password->empty()) {
    details.push_back(FieldError("password", "required", "common.required"));
  } else {
    auto pw = domain::CheckPasswordPolicy(*r.password, username, "password");
    details.insert(details.end(), pw.begin(), pw.end());
  }
  bool member_role = std::find(roles.begin(), roles.end(), domain::Role::kMember) != roles.end();
  if (r.member_id && !member_role)
    details.push_back(FieldError("member_id", "member_role_only", "user.member_role_only"));
  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  std::string hash = crypto::HashPassword(*r.password);
  if (hash.empty()) return Fail(Error::Internal("password hashing failed"));
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<Account> {
    auto org = OrgInScope(c, a, *r.org_id);
    if (!org) return Fail(org.error());
    if (org->status == domain::OrgStatus::kClosed) return Fail(Error::Rule("org_closed", "org.closed"));
    if (r.member_id) {
      // A member's own account: the member is in the caller's scope and the account's org is theirs.
      auto m = store::DuesRepository(c).Member(*r.member_id);
      if (!m) return Fail(m.error());
      if (!*m || !domain::InSubtree(a.org_path, (*m)->org_path)) return Fail(Error::NotFound("member.not_found"));
      if ((*m)->org_id != org->id)
        return Fail(Error::Validation({FieldError("org_id", "member_org_mismatch", "user.member_org_mismatch")}));
      if (!domain::InStanding((*m)->status))
        return Fail(Error::Rule("member_not_in_standing", "user.member_not_in_standing"));
    }
    store::NewAccount na{username, display, org->id, hash, roles, true, r.member_id};
    auto acc = AccountRepository(c).Insert(na, d_.clock.Now());
    if (!acc) {
      const auto& e = acc.error();
      if (e.code == ErrorCode::kConflict && e.args.count("field") && e.args.at("field") == "member_id")
        return Fail(Error::Conflict("user.member_has_account"));
      return Fail(UsernameTaken(e, username));
    }
    if (auto w = AppendAudit(c, d_.clock, a,
                             {"user.create", "user", acc->id, acc->org_id,
                              JsonObjectWriter().Raw("after", AccountSummary(*acc)).str()});
        !w)
      return Fail(w.error());
    return acc;
  });
}

Result<Account> UserService::Update(const Actor& a, int64_t id, const AccountPatch& p) {
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<Account> {
    auto before = InScope(c, a, id);
    if (!before) return before;
    if (!a.Can(Permission::kUserWrite)) return Fail(Error::Forbidden());
    std::vector<ErrorDetail> details;
    std::string display = p.display_name ? Trim(*p.display_name) : before->display_name;
    if (display.empty()) details.push_back(FieldError("display_name", "required", "common.required"));
    if (Utf8Length(display) > 50)
      details.push_back(FieldError("display_name", "too_long", "common.too_long", {{"max", "50"}}));
    auto status = before->status;
    if (p.status) {
      auto s = ParseName(domain::AccountStatusNames(), *p.status);
      if (!s)
        details.push_back(FieldError("status", "invalid_enum", "common.invalid_enum"));
      else
        status = *s;
    }
    std::optional<std::vector<domain::Role>> roles;
    if (p.roles) {
      auto parsed = ParseRoles(*p.roles);
      if (!parsed)
        details.insert(details.end(), parsed.error().details.begin(), parsed.error().details.end());
      else
        roles = *parsed;
    }
    if (!details.empty()) return Fail(Error::Validation(std::move(details)));
    int64_t org_id = before->org_id;
    if (p.org_id) {
      auto org = OrgInScope(c, a, *p.org_id);
      if (!org) return Fail(org.error());
      if (org->id != before->org_id && org->status == domain::OrgStatus::kClosed)
        return Fail(Error::Rule("org_closed", "org.closed"));
      org_id = org->id;
    }
    AccountRepository repo(c);
    Instant now = d_.clock.Now();
    if (auto u = repo.UpdateProfile(id, display, org_id, status, now); !u) return Fail(u.error());
    if (roles)
      if (auto u = repo.SetRoles(id, *roles); !u) return Fail(u.error());
    if (status == domain::AccountStatus::kDisabled)
      if (auto u = repo.RevokeUserSessions(id, 0, now); !u) return Fail(u.error());
    auto after = InScope(c, a, id);
    if (!after) return after;
    if (auto w = AppendAudit(c, d_.clock, a,
                             {"user.update", "user", id, after->org_id,
                              JsonObjectWriter()
                                  .Raw("before", AccountSummary(*before))
                                  .Raw("after", AccountSummary(*after))
                                  .str()});
        !w)
      return Fail(w.error());
    return after;
  });
}

Result<Account> UserService::ResetPassword(const Actor& a, int64_t id, std::string_view password) {
  if (!a.Can(Permission::kUserWrite)) return Fail(Error::Forbidden());
  std::string username;
  {
    auto conn = d_.db.Acquire();
    if (!conn) return Fail(conn.error());
    auto acc = InScope(**conn, a, id);
    if (!acc) return acc;
    username = acc->username;
  }
  auto details = domain::CheckPasswordPolicy(password, username, "password");
  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  std::string hash = crypto::HashPassword(password);
  if (hash.empty()) return Fail(Error::Internal("password hashing failed"));
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<Account> {
    auto acc = InScope(c, a, id);
    if (!acc) return acc;
    AccountRepository repo(c);
    Instant now = d_.clock.Now();
    if (auto u = repo.SetPassword(id, hash, true, now); !u) return Fail(u.error());
    if (auto u = repo.RevokeUserSessions(id, 0, now); !u) return Fail(u.error());
    if (auto w = AppendAudit(c, d_.clock, a, {"user.reset_password", "user", id, acc->org_id, "{}"});
        !w)
      return Fail(w.error());
    return InScope(c, a, id);
  });
}

Result<Account> UserService::Unlock(const Actor& a, int64_t id) {
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<Account> {
    auto acc = InScope(c, a, id);
    if (!acc) return acc;
    if (!a.Can(Permission::kUserWrite)) return Fail(Error::Forbidden());
    AccountRepository repo(c);
    if (auto u = repo.SetLoginState(id, {}, d_.clock.Now()); !u) return Fail(u.error());
    if (auto w = AppendAudit(c, d_.clock, a, {"user.unlock", "user", id, acc->org_id, "{}"}); !w)
      return Fail(w.error());
    return InScope(c, a, id);
  });
}

}  // namespace tj::service
