#include "cli/runtime.h"

#include <filesystem>
#include <future>
#include <iostream>

#include "base/messages.h"
#include "cli/keys.h"
#include "service/dues_service.h"
#include "service/member_service.h"
#include "service/org_service.h"
#include "service/study_service.h"
#include "store/migrations.h"

namespace tj::cli {

void PrintError(std::string_view what, const Error& e) {
  std::cerr << "tuanjian: " << what << ": " << RenderMessage(e.message_key, e.args, Locale::kEn);
  if (!e.log_detail.empty()) std::cerr << " (" << e.log_detail << ")";
  for (const auto& d : e.details)
    std::cerr << "\n  " << d.field << ": " << RenderMessage(d.message_key, d.args, Locale::kEn);
  std::cerr << "\n";
}

std::unique_ptr<Runtime> OpenRuntime(const Config& c, int pool_size) {
  if (c.db_url.starts_with("sqlite:") && c.db_url != "sqlite::memory:") {
    std::filesystem::path file = c.db_url.substr(7);
    std::error_code ec;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  }
  auto rt = std::make_unique<Runtime>();
  if (!c.test_now.empty()) {
    auto t = ParseInstant(c.test_now);
    if (!t || !c.test_routes) {
      std::cerr << "tuanjian: TUANJIAN_TEST_NOW needs an ISO instant and TUANJIAN_TEST_ROUTES=1\n";
      return nullptr;
    }
    auto manual = std::make_unique<ManualClock>(*t);
    rt->test_clock = manual.get();
    rt->clock = std::move(manual);
  } else {
    rt->clock = std::make_unique<SystemClock>();
  }
  auto db = store::OpenDatabase(c.db_url, pool_size);
  if (!db) {
    PrintError("cannot open the database", db.error());
    return nullptr;
  }
  rt->db = std::move(*db);
  auto report = store::Migrate(*rt->db);
  if (!report) {
    PrintError("migration failed", report.error());
    return nullptr;
  }
  for (const auto& name : report->applied) std::cerr << "migrated: " << name << "\n";
  service::AuthSettings auth;
  auth.session.idle = std::chrono::seconds(c.session_idle_seconds);
  auth.session.absolute = std::chrono::seconds(c.session_absolute_seconds);
  auth.lockout.threshold = c.lockout_threshold;
  auth.lockout.duration = std::chrono::minutes(c.lockout_minutes);
  auth.login_attempts_per_ip_per_minute = c.login_ip_limit;
  auto cipher = LoadOrCreateKeys(c.keys_dir.empty() ? std::filesystem::path(c.data_dir) / "keys"
                                                    : std::filesystem::path(c.keys_dir));
  if (!cipher) {
    PrintError("cannot load the personal-data keys", cipher.error());
    return nullptr;
  }
  rt->cipher = std::move(*cipher);
  rt->deps = std::make_unique<service::Deps>(service::Deps{
      *rt->db, *rt->clock, rt->org_index, c.zone, auth, rt->cipher.get(), &rt->registry, &rt->dues, &rt->gate, &rt->study});
  service::OrgService orgs(*rt->deps);
  if (auto root = orgs.EnsureRoot(c.root_code, c.root_name); !root) {
    PrintError("cannot create the top org", root.error());
    return nullptr;
  }
  // The indexes from the tables. Each rebuild reads the tables on a connection of its own and
  // none uses another's index, so with two connections the dues index (about as long as the
  // others together) loads on a thread of its own meanwhile. That thread goes without the gate:
  // each rebuild holds it exclusively, which would put the two back in a row, and it orders
  // rebuilds against index updates of writes, none of which can run before this returns.
  // Failures are reported in the order the rebuilds ran in one after another.
  service::Deps alone = *rt->deps;
  alone.gate = nullptr;
  auto dues = std::async(pool_size >= 2 ? std::launch::async : std::launch::deferred,
                         [&alone] { return service::DuesService(alone).RebuildIndex(); });
  if (auto idx = orgs.RebuildIndex(); !idx) {
    PrintError("cannot load the org index", idx.error());
    return nullptr;
  }
  if (auto idx = service::MemberService(*rt->deps).RebuildIndex(); !idx) {
    PrintError("cannot load the registry index", idx.error());
    return nullptr;
  }
  auto study = service::StudyService(*rt->deps).RebuildIndex();
  if (auto idx = dues.get(); !idx) {
    PrintError("cannot load the dues index", idx.error());
    return nullptr;
  }
  if (!study) {
    PrintError("cannot load the Youth Study index", study.error());
    return nullptr;
  }
  return rt;
}

}  // namespace tj::cli
