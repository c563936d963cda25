#include "cli/commands.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "api/common.h"
#include "base/crypto.h"
#include "cli/daily_jobs.h"
#include "cli/demo_county.h"
#include "cli/runtime.h"
#include "http/server.h"
#include "service/audit_service.h"
#include "service/checkin_queue.h"
#include "service/org_service.h"
#include "service/user_service.h"
#include "store/org_repository.h"

#ifndef TJ_VERSION
#define TJ_VERSION "0.0.0"
#endif

namespace tj::cli {
namespace {

// Handlers block on the database and, for Youth Study check-ins, on their group commit, so
// there are more workers than cores: 16 did best in the check-in benchmark on 2 cores
// (docs/performance.md).
int Workers(const Config& c) {
  if (c.workers > 0) return c.workers;
  int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::max(16, 2 * cores);
}

Result<service::Actor> RootActor(Runtime& rt) {
  auto conn = rt.db->Acquire();
  if (!conn) return Fail(conn.error());
  auto root = store::OrgRepository(**conn).Root();
  if (!root) return Fail(root.error());
  if (!*root) return Fail(Error::NotFound("org.not_found"));
  return service::SystemActor((*root)->id, (*root)->path);
}

}  // namespace

int Serve(const Config& c) {
  int workers = Workers(c);
  auto rt = OpenRuntime(c, c.db_pool > 0 ? c.db_pool : workers);
  if (!rt) return 1;
  http::ServerOptions o;
  auto colon = c.listen.rfind(':');
  o.host = c.listen.substr(0, colon);
  int port = 0;
  try {
    port = std::stoi(c.listen.substr(colon + 1));
  } catch (...) {
    port = -1;
  }
  if (port < 0 || port > 65535) {
    std::cerr << "tuanjian: bad --listen " << c.listen << "\n";
    return 2;
  }
  o.port = static_cast<unsigned short>(port);
  o.io_threads = c.io_threads;
  o.worker_threads = workers;
  std::error_code ec;
  if (std::filesystem::exists(std::filesystem::path(c.web_root) / "index.html", ec)) {
    o.web_root = c.web_root;
  } else {
    std::cerr << "tuanjian: no web app at " << c.web_root << " (run `make build`); serving the API only\n";
  }
  o.error_renderer = api::RenderServerError;
  o.on_listening = [&](unsigned short p) {
    std::cout << "tuanjian " << TJ_VERSION << " serving http://" << o.host << ":" << p << "/ ("
              << rt->db->name() << ")" << std::endl;
  };
  // Youth Study check-ins commit in groups; the queue outlives the server's requests.
  service::CheckinQueue checkins(*rt->deps);
  checkins.Start();
  rt->deps->checkins = &checkins;
  http::Router router;
  api::ApiContext ctx(*rt->deps,
                      api::ApiSettings{TJ_VERSION, c.secure_cookies, c.test_routes, rt->test_clock});
  api::RegisterAllRoutes(router, ctx);
  // Daily jobs run on real time; a pinned test clock leaves them to the test routes.
  std::optional<DailyJobs> jobs;
  if (!rt->test_clock) {
    auto system = RootActor(*rt);
    if (!system) {
      PrintError("no top org", system.error());
      return 1;
    }
    jobs.emplace(*rt->deps, *system);
    jobs->Start();
  }
  int rc;
  {
    http::Server server(router, o);
    rc = server.Run();
  }
  if (jobs) jobs->Stop();
  checkins.Stop();
  rt->deps->checkins = nullptr;
  rt->db->Close();
  std::cerr << "tuanjian: stopped\n";
  return rc;
}

int Migrate(const Config& c) {
  auto rt = OpenRuntime(c, 1);
  if (!rt) return 1;
  std::cout << "database is up to date\n";
  return 0;
}

int UserCreate(const Config& c) {
  if (c.username.empty() || c.role.empty() || c.org_code.empty()) {
    std::cerr << "tuanjian: user create needs --username, --role and --org\n";
    return 2;
  }
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  auto rt = OpenRuntime(c, 1);
  if (!rt) return 1;
  auto actor = RootActor(*rt);
  if (!actor) {
    PrintError("no top org", actor.error());
    return 1;
  }
  std::optional<int64_t> org_id;
  {
    auto conn = rt->db->Acquire();
    if (!conn) {
      PrintError("database", conn.error());
      return 1;
    }
    auto org = store::OrgRepository(**conn).GetByCode(c.org_code);
    if (!org || !*org) {
      std::cerr << "tuanjian: no org with code " << c.org_code << "\n";
      return 1;
    }
    org_id = (*org)->id;
  }
  service::UserService users(*rt->deps);
  service::NewAccountRequest r;
  r.username = c.username;
  r.display_name = c.display_name.empty() ? c.username : c.display_name;
  r.org_id = org_id;
  r.roles = std::vector<std::string>{c.role};
  r.password = password;
  auto acc = users.Create(*actor, r);
  if (!acc) {
    PrintError("cannot create the account", acc.error());
    return 1;
  }
  std::cout << "created account " << acc->username << " (id " << acc->id
            << "); the password must be changed at first login\n";
  return 0;
}

int AuditVerify(const Config& c) {
  auto rt = OpenRuntime(c, 1);
  if (!rt) return 1;
  service::AuditService audit(*rt->deps);
  auto rep = audit.VerifyChain();
  if (!rep) {
    PrintError("cannot read the audit log", rep.error());
    return 1;
  }
  if (rep->ok) {
    std::cout << "ok " << rep->checked << "\n";
    return 0;
  }
  std::cout << "broken at " << *rep->first_bad_id << " (" << rep->checked
            << " records verified before it)\n";
  return 3;
}

int Demo(const Config& c) {
  auto rt = OpenRuntime(c, 2);
  if (!rt) return 1;
  auto actor = RootActor(*rt);
  if (!actor) {
    PrintError("no top org", actor.error());
    return 1;
  }
  auto created = CreateDemoCounty(*rt->deps, *actor, c.demo_activity);
  if (!created) {
    PrintError("cannot create the demo county", created.error());
    return 1;
  }
  if (created->orgs == 0) {
    std::cout << "the database already holds data; the demo county was not added\n";
    return 0;
  }
  std::cout << "demo county created: " << created->orgs << " orgs, " << created->members
            << " members\n";
  if (created->activity)
    std::cout << "  and the year's work: " << created->activity->applicants << " recruitment files, "
              << created->activity->evaluations << " branch evaluations, " << created->activity->registered
              << " members registered, " << created->activity->recommendations << " Party recommendations, "
              << created->activity->transfers << " transfers, " << created->activity->payments << " dues payments, "
              << created->activity->activities << " meetings, classes and themed days, "
              << created->activity->episodes << " Youth Study episodes with " << created->activity->checkins
              << " participations\n";
  if (!created->admin_password.empty()) ReportFirstLogin(c, created->admin_password);
  return 0;
}

void ReportFirstLogin(const Config& c, const std::string& password) {
  std::filesystem::create_directories(c.data_dir);
  auto path = std::filesystem::path(c.data_dir) / "first-login.txt";
  {
    std::ofstream f(path, std::ios::trunc);
    f << "username: admin\npassword: " << password << "\n";
  }
  ::chmod(path.c_str(), 0600);
  std::cout << "first login: admin / " << password
            << " (you must choose a new password; also saved in " << path.string() << ")\n";
}

}  // namespace tj::cli
