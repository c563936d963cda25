// The demo county: Zhenlai county's League org tree (团镇赉县委 with its 3 subdistricts, 7
// towns, 4 townships, schools, agencies and enterprises, each with branches) and a first
// administrator, so `make run` shows a living county. Later issues add members and activity.
#pragma once

#include <optional>

#include <string>

#include "cli/demo_activity.h"
#include "service/context.h"

namespace tj::cli {

struct DemoResult {
  int orgs = 0;                // orgs created; 0 when the database already had a tree
  int members = 0;
  std::string admin_password;  // the first login's initial password
  std::optional<DemoActivity> activity;  // with_activity only
};

// Creates the tree under the top org and the account `admin`, and with `with_activity` the
// year's League work (demo_activity.h). The admin's password comes from
// TUANJIAN_INITIAL_PASSWORD, else is random. Errors: the services'.
Result<DemoResult> CreateDemoCounty(service::Deps& deps, const service::Actor& root, bool with_activity);

// Creates the first administrator, `admin` (system administrator and committee staff of the top
// org), who must choose a new password at first login, and returns the initial password:
// TUANJIAN_INITIAL_PASSWORD if set, else a random one. Errors: the user service's (kConflict
// when the account exists).
Result<std::string> CreateFirstAdmin(service::Deps& deps, const service::Actor& root,
                                     const std::string& display_name);

}  // namespace tj::cli
