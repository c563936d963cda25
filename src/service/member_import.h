// Member spreadsheets: the import template, imports (all rows or none) with a dry run and an
// annotated copy of a rejected file, exports of a filtered list, and the bulk registration
// imports and the demo county share.
//
// An import validates every row first (all errors at once, each with its row, column and
// reason), then checks ID and member numbers against each other and the register and
// inserts everything in one transaction. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "service/member_service.h"
#include "sheet/sheet.h"

namespace tj::service {

struct ImportReport {
  int64_t imported = 0;
  bool dry_run = false;
};

class MemberImportService {
 public:
  explicit MemberImportService(Deps& deps) : d_(deps) {}

  // Errors: kNotFound (org outside scope), kForbidden, kBadRequest (unreadable file),
  // kValidationFailed (one detail per bad cell; field = the column's Chinese header; row from
  // 1 at the first data row; nothing imported).
  Result<ImportReport> Import(const Actor& a, std::optional<int64_t> org_id,
                              std::string_view bytes, bool dry_run);
  // The uploaded rows as XLSX with an added 错误 column (empty where a row is fine).
  Result<std::string> Annotated(const Actor& a, std::optional<int64_t> org_id,
                                std::string_view bytes);
  // The template with the Chinese headers (no data rows).
  Result<std::string> Template(sheet::Format format) const;
  // The filtered list as XLSX (numbers masked).
  Result<std::string> Export(const Actor& a, MemberListRequest r);

  // Registers members in one transaction with one history row each and one audit record.
  // Callers have validated the drafts. Errors: the store's (kConflict on a registered number).
  Result<int64_t> Register(const Actor& a, const std::vector<std::pair<int64_t, domain::MemberDraft>>& rows);

 private:
  struct Checked;
  Result<Checked> Check(const Actor& a, std::optional<int64_t> org_id, std::string_view bytes);
  Deps& d_;
};

}  // namespace tj::service
