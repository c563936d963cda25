// The subcommands: serve, migrate, demo, user create, audit verify.
//
// Each returns the process exit code and prints what the operator needs (or the reason it
// failed) to stdout/stderr. Called once from main.
#pragma once

#include "cli/config.h"

namespace tj::cli {

int Serve(const Config& c);
int Migrate(const Config& c);
int Demo(const Config& c);
int UserCreate(const Config& c);
int AuditVerify(const Config& c);

}  // namespace tj::cli
