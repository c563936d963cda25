// The wired-up application for one process: database, clock, stats index and service
// dependencies, opened from a Config. Owned by the subcommand that opened it; the objects it
// holds are thread-safe.
#pragma once

#include <memory>

#include "base/personal_data.h"
#include "cli/config.h"
#include "service/context.h"
#include "stats/org_index.h"
#include "stats/dues_index.h"
#include "stats/index_gate.h"
#include "stats/registry_index.h"
#include "stats/study_index.h"
#include "store/database.h"

namespace tj::cli {

struct Runtime {
  std::unique_ptr<store::Database> db;
  std::unique_ptr<Clock> clock;
  ManualClock* test_clock = nullptr;  // set when TUANJIAN_TEST_NOW pins time (test routes only)
  stats::OrgIndex org_index;
  stats::RegistryIndex registry;
  stats::DuesIndex dues;
  stats::StudyIndex study;
  stats::IndexGate gate;
  std::unique_ptr<PersonalDataCipher> cipher;
  std::unique_ptr<service::Deps> deps;
};

// Opens the database (creating the SQLite file's folder), applies migrations, makes sure the
// top org exists and loads the stats index. Prints the reason and returns nullptr on failure.
std::unique_ptr<Runtime> OpenRuntime(const Config& c, int pool_size);

// Prints an error for the operator (English).
void PrintError(std::string_view what, const Error& e);

}  // namespace tj::cli
