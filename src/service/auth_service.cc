#include "service/auth_service.h"

#include "base/crypto.h"
#include "base/json_writer.h"
#include "base/text.h"
#include "service/audit_service.h"
#include "store/account_repository.h"

namespace tj::service {
namespace {

using store::AccountRepository;
using store::TxMode;

Actor ActorOf(const domain::Account& acc, int64_t session_id, std::string client) {
  Actor a;
  a.user_id = acc.id;
  a.username = acc.username;
  a.roles = acc.roles;
  a.org_id = acc.org_id;
  a.org_path = acc.org_path;
  a.session_id = session_id;
  a.client_address = std::move(client);
  a.member_id = acc.member_id;
  return a;
}

// A hash to verify against when the username is unknown, so timing does not reveal which
// usernames exist.
const std::string& DummyHash() {
  static const std::string h = crypto::HashPassword(crypto::RandomToken(16));
  return h;
}

}  // namespace

Result<void> AuthService::AuditFailure(const std::optional<domain::Account>& acc,
                                       const std::string& username, const std::string& client,
                                       std::string_view reason) {
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<void> {
    Actor who;
    who.username = username;
    who.client_address = client;
    AuditEvent e{"auth.login_failed", "user", std::nullopt, std::nullopt,
                 JsonObjectWriter().Str("reason", reason).str()};
    if (acc) {
      who.user_id = acc->id;
      e.object_id = acc->id;
      e.org_id = acc->org_id;
    }
    return AppendAudit(c, d_.clock, who, std::move(e));
  });
}

Error AuthService::LockedError() const {
  return Error{ErrorCode::kLocked,
               "auth.locked",
               {{"minutes", std::to_string(d_.auth.lockout.duration.count())}},
               {},
               {}};
}

Result<bool> AuthService::RecordWrongPassword(const Actor& who, std::string_view reason,
                                              bool end_sessions) {
  bool locked = false;
  auto w = store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<void> {
    AccountRepository repo(c);
    auto fresh = repo.Get(who.user_id);  // count against the stored state, not a snapshot
    if (!fresh) return Fail(fresh.error());
    if (!*fresh) return Fail(Error::Unauthenticated("auth.bad_credentials"));
    Instant t = d_.clock.Now();
    auto outcome = domain::RegisterFailedLogin((*fresh)->login, t, d_.auth.lockout);
    if (auto s = repo.SetLoginState(who.user_id, outcome.state, t); !s) return s;
    locked = outcome.locked;
    AuditEvent failed{"auth.login_failed", "user", who.user_id, who.org_id,
                      JsonObjectWriter()
                          .Str("reason", reason)
                          .Int("failed_logins", outcome.state.failed_logins)
                          .str()};
    if (auto a = AppendAudit(c, d_.clock, who, std::move(failed)); !a) return a;
    if (!locked) return {};
    if (end_sessions)
      if (auto r = repo.RevokeUserSessions(who.user_id, 0, t); !r) return r;
    return AppendAudit(
        c, d_.clock, who,
        {"auth.lockout", "user", who.user_id, who.org_id,
         JsonObjectWriter().Str("locked_until", FormatInstant(*outcome.state.locked_until, d_.zone)).str()});
  });
  if (!w) return Fail(w.error());
  return locked;
}

Result<LoginResult> AuthService::Login(const LoginRequest& r) {
  Instant now = d_.clock.Now();
  if (!limiter_.Allow(r.client_address, now))
    return Fail(Error{ErrorCode::kRateLimited, "auth.rate_limited", {}, {}, {}});
  auto username = domain::NormalizeUsername(r.username);
  std::optional<domain::Account> acc;
  if (username) {
    auto conn = d_.db.Acquire();
    if (!conn) return Fail(conn.error());
    auto got = AccountRepository(**conn).GetByUsername(*username);
    if (!got) return Fail(got.error());
    acc = std::move(*got);
  }
  std::string name = username ? *username : AsciiLower(Trim(r.username)).substr(0, 64);
  if (!acc || acc->status != domain::AccountStatus::kActive) {
    (void)crypto::VerifyPassword(DummyHash(), r.password);
    if (auto a = AuditFailure(acc, name, r.client_address, acc ? "disabled" : "unknown_user"); !a)
      return Fail(a.error());
    return Fail(Error::Unauthenticated("auth.bad_credentials"));
  }
  if (domain::IsLocked(acc->login, now)) {
    if (auto a = AuditFailure(acc, name, r.client_address, "locked"); !a) return Fail(a.error());
    return Fail(LockedError());
  }
  if (!crypto::VerifyPassword(acc->password_hash, r.password)) {
    auto locked = RecordWrongPassword(ActorOf(*acc, 0, r.client_address), "wrong_password",
                                      /*end_sessions=*/false);
    if (!locked) return Fail(locked.error());
    if (*locked) return Fail(LockedError());
    return Fail(Error::Unauthenticated("auth.bad_credentials"));
  }

  LoginResult out;
  out.token = crypto::RandomToken(32);
  out.csrf_token = crypto::RandomToken(24);
  auto w = store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<void> {
    AccountRepository repo(c);
    Instant t = d_.clock.Now();
    if (auto s = repo.RecordLogin(acc->id, t); !s) return s;
    domain::Session s;
    s.user_id = acc->id;
    s.token_hash = crypto::Sha256Hex(out.token);
    s.csrf_token = out.csrf_token;
    s.created_at = t;
    s.last_seen_at = t;
    s.expires_at = t + std::chrono::duration_cast<std::chrono::microseconds>(d_.auth.session.absolute);
    s.client_address = r.client_address;
    s.user_agent = r.user_agent.substr(0, 300);
    auto ins = repo.InsertSession(s);
    if (!ins) return Fail(ins.error());
    out.session = *ins;
    auto fresh = repo.Get(acc->id);
    if (!fresh) return Fail(fresh.error());
    out.account = **fresh;
    return AppendAudit(c, d_.clock, ActorOf(out.account, ins->id, r.client_address),
                       AuditEvent{"auth.login", "session", ins->id, acc->org_id, "{}"});
  });
  if (!w) return Fail(w.error());
  return out;
}

Result<Authenticated> AuthService::Authenticate(std::string_view token,
                                                std::string_view client_address) {
  if (token.empty() || token.size() > 200) return Fail(Error::Unauthenticated());
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  AccountRepository repo(**conn);
  auto s = repo.FindSession(crypto::Sha256Hex(token));
  if (!s) return Fail(s.error());
  Instant now = d_.clock.Now();
  if (!*s || (*s)->revoked_at ||
      !domain::SessionAlive((*s)->last_seen_at, (*s)->expires_at, now, d_.auth.session))
    return Fail(Error::Unauthenticated());
  auto acc = repo.Get((*s)->user_id);
  if (!acc) return Fail(acc.error());
  if (!*acc || (*acc)->status != domain::AccountStatus::kActive)
    return Fail(Error::Unauthenticated());
  // Refresh last_seen only when it has aged a little, so steady traffic does not write on
  // every request; the slack stays far below the idle timeout.
  auto slack = std::min<std::chrono::microseconds>(std::chrono::seconds(30), d_.auth.session.idle / 8);
  if (now - (*s)->last_seen_at > slack) {
    if (auto t = repo.TouchSession((*s)->id, now); !t) return Fail(t.error());
    (*s)->last_seen_at = now;
  }
  Authenticated out{ActorOf(**acc, (*s)->id, std::string(client_address)), std::move(**acc),
                    std::move(**s)};
  return out;
}

Result<void> AuthService::Logout(const Actor& a) {
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<void> {
    if (auto r = AccountRepository(c).RevokeSession(a.session_id, d_.clock.Now()); !r) return r;
    return AppendAudit(c, d_.clock, a, {"auth.logout", "session", a.session_id, a.org_id, "{}"});
  });
}

Result<domain::Account> AuthService::ChangePassword(const Actor& a, std::string_view old_password,
                                                    std::string_view new_password) {
  std::optional<domain::Account> acc;
  {
    auto conn = d_.db.Acquire();
    if (!conn) return Fail(conn.error());
    auto got = AccountRepository(**conn).Get(a.user_id);
    if (!got) return Fail(got.error());
    if (!*got) return Fail(Error::Unauthenticated());
    acc = std::move(*got);
  }
  if (!crypto::VerifyPassword(acc->password_hash, old_password)) {
    // Guessing the current password from a live session counts toward the lockout like a
    // failed login; the lock ends every session of the account.
    auto locked = RecordWrongPassword(a, "wrong_old_password", /*end_sessions=*/true);
    if (!locked) return Fail(locked.error());
    if (*locked) return Fail(LockedError());
    return Fail(Error::Validation({ErrorDetail{"old_password", std::nullopt, "wrong_password",
                                               "auth.wrong_old_password", {}}}));
  }
  auto details = domain::CheckPasswordPolicy(new_password, acc->username, "new_password");
  if (old_password == new_password)
    details.push_back(
        ErrorDetail{"new_password", std::nullopt, "reused", "auth.password_reused", {}});
  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  std::string hash = crypto::HashPassword(new_password);
  if (hash.empty()) return Fail(Error::Internal("password hashing failed"));
  return store::InTransaction(
      d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<domain::Account> {
        AccountRepository repo(c);
        Instant t = d_.clock.Now();
        if (auto r = repo.SetPassword(a.user_id, hash, false, t); !r) return Fail(r.error());
        if (auto r = repo.RevokeUserSessions(a.user_id, a.session_id, t); !r)
          return Fail(r.error());
        if (auto r = AppendAudit(c, d_.clock, a,
                                 {"auth.password_change", "user", a.user_id, a.org_id, "{}"});
            !r)
          return Fail(r.error());
        auto fresh = repo.Get(a.user_id);
        if (!fresh) return Fail(fresh.error());
        return **fresh;
      });
}

Result<std::vector<domain::Session>> AuthService::Sessions(const Actor& a) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto all = AccountRepository(**conn).ListSessions(a.user_id, d_.clock.Now());
  if (!all) return Fail(all.error());
  Instant now = d_.clock.Now();
  std::erase_if(*all, [&](const domain::Session& s) {
    return !domain::SessionAlive(s.last_seen_at, s.expires_at, now, d_.auth.session);
  });
  return all;
}

Result<void> AuthService::RevokeSession(const Actor& a, int64_t session_id) {
  auto sessions = Sessions(a);
  if (!sessions) return Fail(sessions.error());
  bool mine = std::any_of(sessions->begin(), sessions->end(),
                          [&](const domain::Session& s) { return s.id == session_id; });
  if (!mine) return Fail(Error::NotFound("auth.session_not_found"));
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<void> {
    if (auto r = AccountRepository(c).RevokeSession(session_id, d_.clock.Now()); !r) return r;
    return AppendAudit(c, d_.clock, a,
                       {"auth.session_revoke", "session", session_id, a.org_id, "{}"});
  });
}

}  // namespace tj::service
