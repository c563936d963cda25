// What every service needs: the caller (Actor), and the shared dependencies (database,
// clock, stats index, settings).
//
// An Actor is built per request by AuthService::Authenticate (or for the command line by
// SystemActor) and is immutable afterwards. Deps are shared by all threads; the objects it
// points to are themselves thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/personal_data.h"
#include "base/time.h"
#include "domain/account/account.h"
#include "domain/org/org.h"
#include "stats/dues_index.h"
#include "stats/index_gate.h"
#include "stats/org_index.h"
#include "stats/registry_index.h"
#include "stats/study_index.h"
#include "store/database.h"

namespace tj::service {

class CheckinQueue;

struct Actor {
  int64_t user_id = 0;  // 0 for the command line
  std::string username;
  std::vector<domain::Role> roles;
  int64_t org_id = 0;
  std::string org_path;  // data scope: this org's subtree
  int64_t session_id = 0;
  std::string client_address;
  std::optional<int64_t> member_id;  // a member acting for themself (self-service)

  bool Can(domain::Permission p) const { return domain::HasPermission(roles, p); }
  // The caller's scope is the whole tree (an account of the top org).
  bool WholeTree() const { return domain::IsTopPath(org_path); }
};

struct AuthSettings {
  domain::SessionPolicy session;
  domain::LockoutPolicy lockout;
  int login_attempts_per_ip_per_minute = 20;
};

struct Deps {
  store::Database& db;
  const Clock& clock;
  stats::OrgIndex& org_index;
  TimeZone zone;
  AuthSettings auth;
  // The registry's dependencies (null where a process serves no member data, e.g. unit tests
  // of other modules).
  const PersonalDataCipher* cipher = nullptr;
  stats::RegistryIndex* registry = nullptr;
  // The dues statistics (null where none are kept), and the gate ordering index rebuilds
  // against incremental updates (stats/index_gate.h; null: no ordering, for single-threaded
  // tools).
  stats::DuesIndex* dues = nullptr;
  stats::IndexGate* gate = nullptr;
  // Youth Study participation (null where none is kept), and the group-commit queue of
  // check-ins (null: each check-in commits on its own, as the command line and tests do).
  stats::StudyIndex* study = nullptr;
  CheckinQueue* checkins = nullptr;

  Date Today() const { return LocalDate(clock.Now(), zone); }
};

// The command line's actor (also the server's daily jobs): the whole tree under `root`, with
// the permissions of a system administrator and of committee staff.
Actor SystemActor(int64_t root_id, std::string root_path);

}  // namespace tj::service
