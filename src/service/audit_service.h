// Writing and reading the audit log.
//
// AppendAudit adds one record inside the caller's write transaction (so a change and its
// audit record commit together); AuditService lists records in the caller's scope and
// verifies the hash chain. Thread-safe (state lives in the database).
#pragma once

#include <optional>
#include <string>

#include "domain/audit/audit.h"
#include "service/context.h"
#include "store/audit_repository.h"

namespace tj::service {

struct AuditEvent {
  std::string action;
  std::string object_type;
  std::optional<int64_t> object_id;
  std::optional<int64_t> org_id;
  std::string summary = "{}";  // JSON text
};

// Errors: the store's.
Result<void> AppendAudit(store::Connection& c, const Clock& clock, const Actor& actor,
                         AuditEvent e);

struct AuditListRequest {
  std::optional<int64_t> org_id;  // default: the caller's org
  bool subtree = true;
  std::optional<std::string> action;
  std::optional<std::string> actor;
  std::optional<Date> from;
  std::optional<Date> to;  // inclusive
  store::PageRequest page;
};

struct VerifyReport {
  bool ok = true;
  int64_t checked = 0;
  std::optional<int64_t> first_bad_id;
};

class AuditService {
 public:
  explicit AuditService(Deps& deps) : d_(deps) {}
  // Errors: kForbidden without audit.read; kNotFound for an org outside the scope.
  Result<store::Page<store::AuditListItem>> List(const Actor& a, const AuditListRequest& r);
  // Errors: kForbidden without audit.verify.
  Result<VerifyReport> Verify(const Actor& a);
  // For the command line: no permission check.
  Result<VerifyReport> VerifyChain();

 private:
  Deps& d_;
};

}  // namespace tj::service
