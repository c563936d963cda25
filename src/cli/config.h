// Command-line and environment configuration of every subcommand.
//
// Each setting has a flag and an environment variable (TUANJIAN_*); a flag wins over the
// environment, which wins over the default. Parsed once in main; read-only afterwards.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/time.h"

namespace tj::cli {

struct Config {
  std::string db_url = "sqlite:./data/tuanjian.db";
  bool db_given = false;  // --db or TUANJIAN_DB was set (gen loads a database only when asked)
  std::string listen = "127.0.0.1:8080";
  std::string data_dir = "./data";
  std::string web_root = "web/dist";
  std::string keys_dir;  // empty: <data_dir>/keys
  TimeZone zone{480};
  int session_idle_seconds = 30 * 60;
  int session_absolute_seconds = 12 * 60 * 60;
  int lockout_threshold = 5;
  int lockout_minutes = 15;
  int login_ip_limit = 20;
  int io_threads = 0;
  int workers = 0;
  int db_pool = 0;
  bool test_routes = false;
  std::string test_now;  // pins the clock (tests only)
  bool secure_cookies = false;
  std::string root_code = "root";
  std::string root_name = "共青团委员会";
  bool demo_activity = true;  // demo: add the year's League work, not only the register
  // user create
  std::string username;
  std::string role;
  std::string org_code;
  std::string display_name;
  // gen
  double gen_scale = 0;  // 0: not given
  uint64_t gen_seed = 1;
  std::string gen_out;   // empty: no files
  int gen_episodes = 1;

  std::vector<std::string> positional;  // subcommand words
};

// Parses argv after the program name. Errors: kBadRequest naming the bad flag or value.
Result<Config> ParseConfig(int argc, char** argv);

// The help text for `tuanjian --help`.
std::string Usage();

}  // namespace tj::cli
