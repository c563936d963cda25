// Orgs: the nodes of the League's organization tree, and the rules for creating, changing,
// moving and closing them (DOMAIN.md, Organization tree).
//
// A subtree is identified by a materialized path of ids ("/1/5/23/"): an org is inside the
// subtree of another when its path starts with the other's path. Pure functions and value
// types; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include <string_view>

#include "base/enum_names.h"
#include "base/error.h"
#include "base/time.h"

namespace tj::domain {

enum class OrgType { kLocalCommittee, kCommittee, kWorkingCommittee, kGeneralBranch, kBranch };
enum class Sector { kSchool, kRural, kAgency, kEnterprise, kCommunity, kSocial, kOther };
enum class SchoolStage { kPrimary, kJuniorHigh, kSeniorHigh, kVocational, kCollege };
enum class OrgStatus { kActive, kClosed };

EnumNames<OrgType> OrgTypeNames();
EnumNames<Sector> SectorNames();
EnumNames<SchoolStage> SchoolStageNames();
EnumNames<OrgStatus> OrgStatusNames();

// What a branch is for, besides an ordinary branch: the temporary hand-off branch of a town or
// subdistrict for graduates (学社衔接临时团支部), the registry of members serving in the army, the
// branch of members studying abroad.
enum class OrgPurpose { kRegular, kHandoff, kArmy, kAbroad };
EnumNames<OrgPurpose> OrgPurposeNames();

struct Org {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
  std::string name;
  std::optional<std::string> short_name;
  OrgType type = OrgType::kBranch;
  Sector sector = Sector::kOther;
  std::optional<SchoolStage> school_stage;
  std::optional<Date> graduation_date;  // school branches: the class's graduation
  OrgPurpose purpose = OrgPurpose::kRegular;
  std::string code;
  OrgStatus status = OrgStatus::kActive;
  std::string path;  // "/1/5/23/"
  int depth = 0;     // 0 for the top org
  Instant created_at;
  Instant updated_at;
  std::optional<Instant> closed_at;
};

// Fields as a client sent them: absent = not given; for short_name and school_stage an empty
// string means "clear it".
struct OrgFields {
  std::optional<std::string> name;
  std::optional<std::string> short_name;
  std::optional<std::string> type;
  std::optional<std::string> sector;
  std::optional<std::string> school_stage;
  std::optional<std::string> graduation_date;  // "YYYY-MM-DD"; "" clears
  std::optional<std::string> purpose;
  std::optional<std::string> code;
};

// The checked content of an org (everything but its place in the tree).
struct OrgDraft {
  std::string name;
  std::optional<std::string> short_name;
  OrgType type = OrgType::kBranch;
  Sector sector = Sector::kOther;
  std::optional<SchoolStage> school_stage;
  std::optional<Date> graduation_date;
  OrgPurpose purpose = OrgPurpose::kRegular;
  std::string code;
};

inline constexpr size_t kMaxOrgNameChars = 100;
inline constexpr size_t kMaxOrgShortNameChars = 30;

// Validates a new org's fields. Errors: kValidationFailed with one detail per bad field
// (required, too_long, invalid_enum, invalid_format, school_stage_needs_school;
// graduation_date: graduation_needs_school_branch; purpose: purpose_needs_branch).
Result<OrgDraft> ValidateNewOrg(const OrgFields& fields);

// Applies a patch to an existing org's content and validates the result. Errors as above.
Result<OrgDraft> ApplyOrgPatch(const Org& current, const OrgFields& patch);

// Whether a `child` type may sit under a `parent` type: a branch has no children, a general
// branch holds only branches, a local committee sits only under a local committee.
// Errors: kRuleViolation "parent_type".
Result<void> CheckPlacement(OrgType parent, OrgType child);

// True when `path` lies in the subtree rooted at `root_path` (itself included).
inline bool InSubtree(std::string_view root_path, std::string_view path) {
  return path.starts_with(root_path);
}

// Path of a child with id `id` under `parent_path` ("/" for the top org).
std::string ChildPath(std::string_view parent_path, int64_t id);

// Checks a move of `org` under `new_parent`. Errors: kRuleViolation "move_root" when the
// org is the top of the caller's scope or has no parent, "move_into_subtree" when the new parent
// is the org or lies below it, "parent_closed", "parent_type".
Result<void> CheckMove(const Org& org, const Org& new_parent, std::string_view scope_root_path);

// Checks a close. Errors: kRuleViolation "has_active_children" / "has_members", or
// kConflict when it is already closed.
Result<void> CheckClose(const Org& org, int64_t active_children, int64_t active_members);

// Members are registered in branches and general branches only. Errors: kRuleViolation
// "org_not_branch".
Result<void> CheckHoldsMembers(const Org& org);

// The exclusive upper bound of the subtree range of `path` for range scans
// (path >= p AND path < SubtreeUpperBound(p)): "/1/5/" -> "/1/50" (… '/' + 1 = '0').
std::string SubtreeUpperBound(std::string_view path);

// The province of the org at `path`: the top org's child it lies under ("/1/5/23/" → 5), or the
// top org's own id for the top org ("/1/" → 1). Member-scale rows carry their org's province,
// and PostgreSQL partitions them by it (docs/scaling.md). 0 for a path without ids.
int64_t ProvinceOf(std::string_view path);

// The province a whole subtree lies in, for a province-scoped query: that of `path`, or none
// for the top org's path, whose subtree spans every province.
std::optional<int64_t> ProvinceScope(std::string_view path);

// Whether a path is the top org's ("/1/": one segment).
inline bool IsTopPath(std::string_view path) { return path.find('/', 1) == path.size() - 1; }

// The org ids on a path ("/1/5/23/" → 23, 5, 1): the org itself first, then the ones above.
std::vector<int64_t> NearestFirst(std::string_view path);

}  // namespace tj::domain
