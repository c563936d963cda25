// The demo county's year of League work on top of its register: the county's rules (graduating
// class caps of 20 % and 40 %), member number ranges and cohort sizes for its schools,
// recruitment files at every stage, last year's evaluations (approved, waiting, open), this
// year's registration, Party recommendations, graduation dates of school branches and a town's
// hand-off branch, transfers at each step, and dues paid (and owed) in one town with its
// remittances. Everything goes through the services, so
// it obeys the same rules as a user's work and leaves the same history and audit records.
#pragma once

#include "base/error.h"
#include "service/context.h"

namespace tj::cli {

struct DemoActivity {
  int applicants = 0;
  int evaluations = 0;
  int registered = 0;
  int recommendations = 0;
  int transfers = 0;
  int payments = 0;
  int activities = 0;   // meetings, classes and themed days recorded
  int episodes = 0;     // Youth Study episodes
  int checkins = 0;     // participations in them
};

// Dates are relative to deps.Today(). Errors: the services'.
Result<DemoActivity> CreateDemoActivity(service::Deps& deps, const service::Actor& root);

}  // namespace tj::cli
