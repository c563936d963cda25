// The subcommands: serve, migrate, demo, gen, user create, audit verify.
//
// Each returns the process exit code and prints what the operator needs (or the reason it
// failed) to stdout/stderr. Called once from main.
#pragma once

#include <string>

#include "cli/config.h"

namespace tj::cli {

int Serve(const Config& c);
int Migrate(const Config& c);
int Demo(const Config& c);
// The synthetic country (cli/gen.h): import files (--out) and/or a bulk load (--db).
int Gen(const Config& c);
int UserCreate(const Config& c);
int AuditVerify(const Config& c);

// Prints the first administrator's login and saves it to <data>/first-login.txt (mode 0600).
void ReportFirstLogin(const Config& c, const std::string& password);

}  // namespace tj::cli
