#include "cli/config.h"

#include <charconv>
#include <cstdlib>
#include <functional>
#include <map>

#include "cli/gen_country.h"

namespace tj::cli {
namespace {

struct Setting {
  const char* flag;
  const char* env;  // nullptr: flag only
  std::function<bool(Config&, const std::string&)> set;
};

bool ToInt(const std::string& s, int& out, int min) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < min) return false;
  out = v;
  return true;
}

// A scale of the synthetic country: (0, 1].
bool ToScale(const std::string& s, double& out) {
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !(v > 0 && v <= gen::kMaxScale)) return false;
  out = v;
  return true;
}

bool ToSeed(const std::string& s, uint64_t& out) {
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return false;
  out = v;
  return true;
}

bool ToBool(const std::string& s, bool& out) {
  if (s == "1" || s == "true" || s == "yes" || s.empty()) {
    out = true;
    return true;
  }
  if (s == "0" || s == "false" || s == "no") {
    out = false;
    return true;
  }
  return false;
}

const std::vector<Setting>& Settings() {
  static const std::vector<Setting> kAll = {
      {"--db", "TUANJIAN_DB", [](Config& c, const std::string& v) { c.db_url = v; c.db_given = true; return !v.empty(); }},
      {"--listen", "TUANJIAN_LISTEN", [](Config& c, const std::string& v) { c.listen = v; return v.find(':') != std::string::npos; }},
      {"--data", "TUANJIAN_DATA", [](Config& c, const std::string& v) { c.data_dir = v; return !v.empty(); }},
      {"--keys", "TUANJIAN_KEYS_DIR", [](Config& c, const std::string& v) { c.keys_dir = v; return !v.empty(); }},
      {"--web-root", "TUANJIAN_WEB_ROOT", [](Config& c, const std::string& v) { c.web_root = v; return true; }},
      {"--time-zone", "TUANJIAN_TZ", [](Config& c, const std::string& v) {
         auto z = TimeZone::Parse(v);
         if (z) c.zone = *z;
         return z.has_value();
       }},
      {"--session-idle-seconds", "TUANJIAN_SESSION_IDLE_SECONDS", [](Config& c, const std::string& v) { return ToInt(v, c.session_idle_seconds, 1); }},
      {"--session-absolute-seconds", "TUANJIAN_SESSION_ABSOLUTE_SECONDS", [](Config& c, const std::string& v) { return ToInt(v, c.session_absolute_seconds, 1); }},
      {"--lockout-threshold", "TUANJIAN_LOCKOUT_THRESHOLD", [](Config& c, const std::string& v) { return ToInt(v, c.lockout_threshold, 1); }},
      {"--lockout-minutes", "TUANJIAN_LOCKOUT_MINUTES", [](Config& c, const std::string& v) { return ToInt(v, c.lockout_minutes, 1); }},
      {"--login-ip-limit", "TUANJIAN_LOGIN_IP_LIMIT", [](Config& c, const std::string& v) { return ToInt(v, c.login_ip_limit, 1); }},
      {"--io-threads", "TUANJIAN_IO_THREADS", [](Config& c, const std::string& v) { return ToInt(v, c.io_threads, 0); }},
      {"--workers", "TUANJIAN_WORKERS", [](Config& c, const std::string& v) { return ToInt(v, c.workers, 0); }},
      {"--db-pool", "TUANJIAN_DB_POOL", [](Config& c, const std::string& v) { return ToInt(v, c.db_pool, 0); }},
      {"--test-now", "TUANJIAN_TEST_NOW", [](Config& c, const std::string& v) { c.test_now = v; return !v.empty(); }},
      {"--test-routes", "TUANJIAN_TEST_ROUTES", [](Config& c, const std::string& v) { return ToBool(v, c.test_routes); }},
      {"--secure-cookies", "TUANJIAN_SECURE_COOKIES", [](Config& c, const std::string& v) { return ToBool(v, c.secure_cookies); }},
      {"--root-code", "TUANJIAN_ROOT_CODE", [](Config& c, const std::string& v) { c.root_code = v; return !v.empty(); }},
      {"--demo-activity", "TUANJIAN_DEMO_ACTIVITY", [](Config& c, const std::string& v) { return ToBool(v, c.demo_activity); }},
      {"--root-name", "TUANJIAN_ROOT_NAME", [](Config& c, const std::string& v) { c.root_name = v; return !v.empty(); }},
      {"--username", nullptr, [](Config& c, const std::string& v) { c.username = v; return !v.empty(); }},
      {"--role", nullptr, [](Config& c, const std::string& v) { c.role = v; return !v.empty(); }},
      {"--org", nullptr, [](Config& c, const std::string& v) { c.org_code = v; return !v.empty(); }},
      {"--display-name", nullptr, [](Config& c, const std::string& v) { c.display_name = v; return true; }},
      {"--scale", nullptr, [](Config& c, const std::string& v) { return ToScale(v, c.gen_scale); }},
      {"--seed", nullptr, [](Config& c, const std::string& v) { return ToSeed(v, c.gen_seed); }},
      {"--out", nullptr, [](Config& c, const std::string& v) { c.gen_out = v; return !v.empty(); }},
      {"--episodes", nullptr, [](Config& c, const std::string& v) {
         return ToInt(v, c.gen_episodes, 0) && c.gen_episodes <= gen::kMaxEpisodes;
       }},
  };
  return kAll;
}

bool IsBoolFlag(std::string_view flag) {
  return flag == "--test-routes" || flag == "--secure-cookies";
}

}  // namespace

Result<Config> ParseConfig(int argc, char** argv) {
  Config c;
  for (const auto& s : Settings()) {
    if (!s.env) continue;
    if (const char* v = std::getenv(s.env); v && *v) {
      if (!s.set(c, v))
        return Fail(Error::BadRequest("cli.bad_value", {{"name", s.env}, {"value", v}}));
    }
  }
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (!arg.starts_with("--")) {
      c.positional.push_back(arg);
      continue;
    }
    std::string value;
    bool has_value = false;
    if (auto eq = arg.find('='); eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      has_value = true;
    }
    const Setting* found = nullptr;
    for (const auto& s : Settings())
      if (arg == s.flag) found = &s;
    if (!found) return Fail(Error::BadRequest("cli.unknown_flag", {{"name", arg}}));
    if (!has_value && !IsBoolFlag(arg)) {
      if (i + 1 >= argc) return Fail(Error::BadRequest("cli.missing_value", {{"name", arg}}));
      value = argv[++i];
    }
    if (!found->set(c, value))
      return Fail(Error::BadRequest("cli.bad_value", {{"name", arg}, {"value", value}}));
  }
  return c;
}

std::string Usage() {
  return R"(tuanjian: the online Youth League for League committees

Usage:
  tuanjian serve   [--db URL] [--listen HOST:PORT] [--data DIR] [--web-root DIR]
  tuanjian migrate [--db URL] [--root-code CODE] [--root-name NAME]
  tuanjian demo    [--db URL] [--data DIR] [--root-code CODE] [--demo-activity 0|1]
  tuanjian gen     --scale F [--seed S] [--out DIR] [--db URL] [--episodes N]
                   a synthetic country of scale F (1 = the nation, 0.0003 = a county) as
                   import files in DIR and/or bulk-loaded into an empty database
  tuanjian user create --username U --role ROLE --org ORG_CODE [--display-name N]
                   (reads the initial password from standard input)
  tuanjian audit verify [--db URL]

Settings (flag / environment / default):
  --db                       TUANJIAN_DB                        sqlite:./data/tuanjian.db
                             (or postgresql://user:pass@host:port/dbname)
  --listen                   TUANJIAN_LISTEN                    127.0.0.1:8080
  --data                     TUANJIAN_DATA                      ./data
  --web-root                 TUANJIAN_WEB_ROOT                  web/dist
  --keys                     TUANJIAN_KEYS_DIR                  <data>/keys (personal-data keys)
  --time-zone                TUANJIAN_TZ                        Asia/Shanghai (or +HH:MM)
  --session-idle-seconds     TUANJIAN_SESSION_IDLE_SECONDS      1800
  --session-absolute-seconds TUANJIAN_SESSION_ABSOLUTE_SECONDS  43200
  --lockout-threshold        TUANJIAN_LOCKOUT_THRESHOLD         5
  --lockout-minutes          TUANJIAN_LOCKOUT_MINUTES           15
  --login-ip-limit           TUANJIAN_LOGIN_IP_LIMIT            20 (login attempts per address per minute)
  --io-threads               TUANJIAN_IO_THREADS                0 (one a core)
  --workers                  TUANJIAN_WORKERS                   0 (max(16, 2 x cores))
  --db-pool                  TUANJIAN_DB_POOL                   0 (= workers)
  --secure-cookies           TUANJIAN_SECURE_COOKIES            off (turn on behind TLS)
  --test-routes              TUANJIAN_TEST_ROUTES               off (test-only routes)
  --test-now                 TUANJIAN_TEST_NOW                  (tests) pin the clock to an ISO instant
  --root-code / --root-name  TUANJIAN_ROOT_CODE / _ROOT_NAME    root / 共青团委员会
  --demo-activity            TUANJIAN_DEMO_ACTIVITY             1 (demo: also the year's recruitment,
                             evaluations, registration, Party recommendations and the
                             county's rules; 0: the register only, as the API tests use)
  TUANJIAN_INITIAL_PASSWORD  the demo admin's initial password (default: random)
)";
}

}  // namespace tj::cli
