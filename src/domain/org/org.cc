#include "domain/org/org.h"

#include <algorithm>
#include <charconv>

#include <array>

#include "base/text.h"

namespace tj::domain {
namespace {

constexpr std::pair<OrgType, std::string_view> kOrgTypes[] = {
    {OrgType::kLocalCommittee, "local_committee"},
    {OrgType::kCommittee, "committee"},
    {OrgType::kWorkingCommittee, "working_committee"},
    {OrgType::kGeneralBranch, "general_branch"},
    {OrgType::kBranch, "branch"},
};
constexpr std::pair<Sector, std::string_view> kSectors[] = {
    {Sector::kSchool, "school"},       {Sector::kRural, "rural"},
    {Sector::kAgency, "agency"},       {Sector::kEnterprise, "enterprise"},
    {Sector::kCommunity, "community"}, {Sector::kSocial, "social"},
    {Sector::kOther, "other"},
};
constexpr std::pair<SchoolStage, std::string_view> kStages[] = {
    {SchoolStage::kPrimary, "primary"},
    {SchoolStage::kJuniorHigh, "junior_high"},
    {SchoolStage::kSeniorHigh, "senior_high"},
    {SchoolStage::kVocational, "vocational"},
    {SchoolStage::kCollege, "college"},
};
constexpr std::pair<OrgPurpose, std::string_view> kPurposes[] = {
    {OrgPurpose::kRegular, "regular"},
    {OrgPurpose::kHandoff, "handoff"},
    {OrgPurpose::kArmy, "army"},
    {OrgPurpose::kAbroad, "abroad"},
};

constexpr std::pair<OrgStatus, std::string_view> kStatuses[] = {
    {OrgStatus::kActive, "active"},
    {OrgStatus::kClosed, "closed"},
};

bool ValidCode(std::string_view code) {
  if (code.empty() || code.size() > 64) return false;
  for (char c : code) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

// Checks the draft's fields one by one, collecting every problem.
Result<OrgDraft> Check(const OrgFields& f) {
  const std::string name = f.name.value_or("");
  const auto& short_name = f.short_name;
  const auto& type = f.type;
  const auto& sector = f.sector;
  const auto& school_stage = f.school_stage;
  const auto& code = f.code;
  std::vector<ErrorDetail> details;
  OrgDraft d;
  d.name = Trim(name);
  if (d.name.empty()) {
    details.push_back(FieldError("name", "required", "common.required"));
  } else if (Utf8Length(d.name) > kMaxOrgNameChars) {
    details.push_back(FieldError("name", "too_long", "common.too_long",
                             {{"max", std::to_string(kMaxOrgNameChars)}}));
  }
  if (short_name && !Trim(*short_name).empty()) {
    d.short_name = Trim(*short_name);
    if (Utf8Length(*d.short_name) > kMaxOrgShortNameChars)
      details.push_back(FieldError("short_name", "too_long", "common.too_long",
                               {{"max", std::to_string(kMaxOrgShortNameChars)}}));
  }
  if (!type || type->empty()) {
    details.push_back(FieldError("type", "required", "common.required"));
  } else if (auto t = ParseName(OrgTypeNames(), *type)) {
    d.type = *t;
  } else {
    details.push_back(FieldError("type", "invalid_enum", "common.invalid_enum"));
  }
  bool sector_ok = false;
  if (!sector || sector->empty()) {
    details.push_back(FieldError("sector", "required", "common.required"));
  } else if (auto s = ParseName(SectorNames(), *sector)) {
    d.sector = *s;
    sector_ok = true;
  } else {
    details.push_back(FieldError("sector", "invalid_enum", "common.invalid_enum"));
  }
  if (school_stage && !school_stage->empty()) {
    if (auto st = ParseName(SchoolStageNames(), *school_stage)) {
      if (sector_ok && d.sector != Sector::kSchool)
        details.push_back(FieldError("school_stage", "school_stage_needs_school",
                                 "org.school_stage_needs_school"));
      else
        d.school_stage = *st;
    } else {
      details.push_back(FieldError("school_stage", "invalid_enum", "common.invalid_enum"));
    }
  }
  bool branch = type && *type == "branch";
  std::string grad = Trim(f.graduation_date.value_or(""));
  if (!grad.empty()) {
    auto g = ParseDate(grad);
    if (!g)
      details.push_back(FieldError("graduation_date", "invalid_format", "common.date_format"));
    else if (!branch || (sector_ok && d.sector != Sector::kSchool))
      details.push_back(FieldError("graduation_date", "graduation_needs_school_branch",
                                   "org.graduation_needs_school_branch"));
    else
      d.graduation_date = *g;
  }
  std::string purpose = Trim(f.purpose.value_or(""));
  if (!purpose.empty()) {
    if (auto p = ParseName(OrgPurposeNames(), purpose)) {
      if (*p != OrgPurpose::kRegular && !branch)
        details.push_back(FieldError("purpose", "purpose_needs_branch", "org.purpose_needs_branch"));
      else
        d.purpose = *p;
    } else {
      details.push_back(FieldError("purpose", "invalid_enum", "common.invalid_enum"));
    }
  }
  std::string c = code ? Trim(*code) : std::string();
  if (c.empty()) {
    details.push_back(FieldError("code", "required", "common.required"));
  } else if (!ValidCode(c)) {
    details.push_back(FieldError("code", "invalid_format", "org.code_format"));
  }
  d.code = c;
  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  return d;
}

}  // namespace

EnumNames<OrgType> OrgTypeNames() { return kOrgTypes; }
EnumNames<Sector> SectorNames() { return kSectors; }
EnumNames<SchoolStage> SchoolStageNames() { return kStages; }
EnumNames<OrgStatus> OrgStatusNames() { return kStatuses; }
EnumNames<OrgPurpose> OrgPurposeNames() { return kPurposes; }

Result<OrgDraft> ValidateNewOrg(const OrgFields& f) { return Check(f); }

Result<OrgDraft> ApplyOrgPatch(const Org& cur, const OrgFields& p) {
  OrgFields m;
  m.name = p.name ? *p.name : cur.name;
  m.short_name = p.short_name ? p.short_name : cur.short_name;
  m.type = p.type ? *p.type : std::string(NameOf(OrgTypeNames(), cur.type));
  m.sector = p.sector ? *p.sector : std::string(NameOf(SectorNames(), cur.sector));
  if (p.school_stage)
    m.school_stage = p.school_stage;
  else if (cur.school_stage)
    m.school_stage = std::string(NameOf(SchoolStageNames(), *cur.school_stage));
  // Leaving the school sector drops a stage and a graduation date the client did not mention.
  bool leaves_school = p.sector && *p.sector != "school";
  if (!p.school_stage && leaves_school) m.school_stage.reset();
  if (p.graduation_date)
    m.graduation_date = p.graduation_date;
  else if (cur.graduation_date && !leaves_school)
    m.graduation_date = FormatDate(*cur.graduation_date);
  m.purpose = p.purpose ? *p.purpose : std::string(NameOf(OrgPurposeNames(), cur.purpose));
  m.code = p.code ? *p.code : cur.code;
  return Check(m);
}

Result<void> CheckPlacement(OrgType parent, OrgType child) {
  bool ok = true;
  if (parent == OrgType::kBranch) ok = false;
  if (parent == OrgType::kGeneralBranch && child != OrgType::kBranch) ok = false;
  if (child == OrgType::kLocalCommittee && parent != OrgType::kLocalCommittee) ok = false;
  if (ok) return {};
  return Fail(Error::Rule("parent_type", "org.parent_type",
                          {{"child", "@org_type." + std::string(NameOf(OrgTypeNames(), child))},
                           {"parent", "@org_type." + std::string(NameOf(OrgTypeNames(), parent))}}));
}

std::string ChildPath(std::string_view parent_path, int64_t id) {
  std::string p(parent_path.empty() ? "/" : parent_path);
  p += std::to_string(id);
  p += '/';
  return p;
}

Result<void> CheckMove(const Org& org, const Org& new_parent, std::string_view scope_root_path) {
  if (!org.parent_id || org.path == scope_root_path)
    return Fail(Error::Rule("move_root", "org.move_root"));
  if (InSubtree(org.path, new_parent.path))
    return Fail(Error::Rule("move_into_subtree", "org.move_into_subtree"));
  if (new_parent.status == OrgStatus::kClosed)
    return Fail(Error::Rule("parent_closed", "org.parent_closed"));
  return CheckPlacement(new_parent.type, org.type);
}

Result<void> CheckClose(const Org& org, int64_t active_children, int64_t active_members) {
  if (org.status == OrgStatus::kClosed) return Fail(Error::Conflict("org.closed"));
  if (!org.parent_id) return Fail(Error::Rule("close_root", "org.close_root"));
  if (active_children > 0)
    return Fail(Error::Rule("has_active_children", "org.close_has_children",
                            {{"count", std::to_string(active_children)}}));
  if (active_members > 0)
    return Fail(Error::Rule("has_members", "org.close_has_members",
                            {{"count", std::to_string(active_members)}}));
  return {};
}

Result<void> CheckHoldsMembers(const Org& org) {
  if (org.type == OrgType::kBranch || org.type == OrgType::kGeneralBranch) return {};
  return Fail(Error::Rule("org_not_branch", "org.not_branch"));
}

std::string SubtreeUpperBound(std::string_view path) {
  std::string p(path);
  if (!p.empty() && p.back() == '/') p.back() = '0';
  return p;
}

int64_t ProvinceOf(std::string_view path) {
  // The first two ids of "/1/5/23/", by hand: this runs for every row a load writes.
  int64_t ids[2] = {0, 0};
  int n = 0;
  for (size_t i = 1; i < path.size() && n < 2; ++i) {
    const char ch = path[i];
    if (ch == '/') {
      ++n;
    } else if (ch >= '0' && ch <= '9') {
      ids[n] = ids[n] * 10 + (ch - '0');
    }
  }
  return n >= 2 ? ids[1] : ids[0];
}

std::optional<int64_t> ProvinceScope(std::string_view path) {
  // Two ids at least ("/1/5/..."): "/", "" or the top org's "/1/" span every province.
  if (std::count(path.begin(), path.end(), '/') < 3) return std::nullopt;
  return ProvinceOf(path);
}

std::vector<int64_t> NearestFirst(std::string_view path) {
  std::vector<int64_t> ids;
  size_t pos = 0;
  while (pos < path.size()) {
    size_t next = path.find('/', pos);
    if (next == std::string_view::npos) next = path.size();
    if (next > pos) {
      int64_t v = 0;
      std::from_chars(path.data() + pos, path.data() + next, v);
      if (v > 0) ids.push_back(v);
    }
    pos = next + 1;
  }
  std::reverse(ids.begin(), ids.end());
  return ids;
}

}  // namespace tj::domain
