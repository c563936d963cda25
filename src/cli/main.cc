// tuanjian: entry point. Parses the configuration and runs one subcommand.
#include <iostream>

#include "base/messages.h"
#include "cli/commands.h"
#include "cli/config.h"

int main(int argc, char** argv) {
  using namespace tj::cli;
  auto cfg = ParseConfig(argc - 1, argv + 1);
  if (!cfg) {
    std::cerr << "tuanjian: " << tj::RenderMessage(cfg.error().message_key, cfg.error().args, tj::Locale::kEn)
              << "\n\n"
              << Usage();
    return 2;
  }
  const auto& p = cfg->positional;
  if (p.empty() || p[0] == "help" || p[0] == "-h") {
    std::cout << Usage();
    return p.empty() ? 2 : 0;
  }
  if (p[0] == "serve") return Serve(*cfg);
  if (p[0] == "migrate") return Migrate(*cfg);
  if (p[0] == "demo") return Demo(*cfg);
  if (p[0] == "gen") return Gen(*cfg);
  if (p[0] == "user" && p.size() > 1 && p[1] == "create") return UserCreate(*cfg);
  if (p[0] == "audit" && p.size() > 1 && p[1] == "verify") return AuditVerify(*cfg);
  std::cerr << "tuanjian: unknown command '" << p[0] << "'\n\n" << Usage();
  return 2;
}
