#include "domain/org/org.h"

#include <gtest/gtest.h>

namespace tj::domain {
namespace {

OrgFields Valid() {
  OrgFields f;
  f.name = "镇赉县第一中学团委";
  f.type = "committee";
  f.sector = "school";
  f.school_stage = "senior_high";
  f.code = "zl-01";
  return f;
}

std::vector<std::string> Fields(const Error& e) {
  std::vector<std::string> out;
  for (const auto& d : e.details) out.push_back(d.field + ":" + d.code);
  return out;
}

TEST(OrgTest, AcceptsACompleteSchoolCommittee) {
  auto d = ValidateNewOrg(Valid());
  ASSERT_TRUE(d) << Fields(d.error()).size();
  EXPECT_EQ(d->type, OrgType::kCommittee);
  EXPECT_EQ(d->school_stage, SchoolStage::kSeniorHigh);
}

TEST(OrgTest, ReportsEveryBadFieldAtOnce) {
  OrgFields f;
  f.name = "  ";
  f.type = "squad";
  f.code = "has space";
  auto d = ValidateNewOrg(f);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, ErrorCode::kValidationFailed);
  EXPECT_EQ(Fields(d.error()), (std::vector<std::string>{"name:required", "type:invalid_enum",
                                                         "sector:required",
                                                         "code:invalid_format"}));
}

TEST(OrgTest, NameLimitIsInCharacters) {
  OrgFields f = Valid();
  std::string hundred;
  for (int i = 0; i < 100; ++i) hundred += "团";
  f.name = hundred;
  EXPECT_TRUE(ValidateNewOrg(f));
  f.name = hundred + "团";
  EXPECT_EQ(Fields(ValidateNewOrg(f).error()), std::vector<std::string>{"name:too_long"});
}

TEST(OrgTest, OnlySchoolsHaveAStage) {
  OrgFields f = Valid();
  f.sector = "rural";
  EXPECT_EQ(Fields(ValidateNewOrg(f).error()),
            std::vector<std::string>{"school_stage:school_stage_needs_school"});
}

TEST(OrgTest, PatchLeavingSchoolSectorDropsTheStage) {
  Org cur;
  cur.name = "学校团委";
  cur.type = OrgType::kCommittee;
  cur.sector = Sector::kSchool;
  cur.school_stage = SchoolStage::kJuniorHigh;
  cur.code = "s1";
  OrgFields p;
  p.sector = "agency";
  auto d = ApplyOrgPatch(cur, p);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->sector, Sector::kAgency);
  EXPECT_FALSE(d->school_stage);
  OrgFields clear;
  clear.school_stage = "";
  auto d2 = ApplyOrgPatch(cur, clear);
  ASSERT_TRUE(d2);
  EXPECT_FALSE(d2->school_stage);
}

struct PlacementCase {
  OrgType parent;
  OrgType child;
  bool ok;
};

class PlacementTest : public testing::TestWithParam<PlacementCase> {};

TEST_P(PlacementTest, FollowsTheTreeLevels) {
  auto c = GetParam();
  auto r = CheckPlacement(c.parent, c.child);
  EXPECT_EQ(r.has_value(), c.ok);
  if (!r) {
    EXPECT_EQ(r.error().details.at(0).code, "parent_type");
  }
}

INSTANTIATE_TEST_SUITE_P(
    Levels, PlacementTest,
    testing::Values(PlacementCase{OrgType::kLocalCommittee, OrgType::kLocalCommittee, true},
                    PlacementCase{OrgType::kLocalCommittee, OrgType::kCommittee, true},
                    PlacementCase{OrgType::kLocalCommittee, OrgType::kBranch, true},
                    PlacementCase{OrgType::kCommittee, OrgType::kGeneralBranch, true},
                    PlacementCase{OrgType::kCommittee, OrgType::kLocalCommittee, false},
                    PlacementCase{OrgType::kGeneralBranch, OrgType::kBranch, true},
                    PlacementCase{OrgType::kGeneralBranch, OrgType::kGeneralBranch, false},
                    PlacementCase{OrgType::kBranch, OrgType::kBranch, false}),
    [](const testing::TestParamInfo<PlacementCase>& p) {
      return std::string(NameOf(OrgTypeNames(), p.param.child)) + "_under_" +
             std::string(NameOf(OrgTypeNames(), p.param.parent));
    });

Org At(int64_t id, std::optional<int64_t> parent, std::string path,
       OrgType type = OrgType::kCommittee) {
  Org o;
  o.id = id;
  o.parent_id = parent;
  o.path = std::move(path);
  o.type = type;
  return o;
}

TEST(OrgTest, RefusesMovingUnderItselfOrItsDescendants) {
  Org org = At(5, 1, "/1/5/");
  EXPECT_EQ(CheckMove(org, At(5, 1, "/1/5/"), "/1/").error().details[0].code, "move_into_subtree");
  EXPECT_EQ(CheckMove(org, At(9, 5, "/1/5/9/"), "/1/").error().details[0].code,
            "move_into_subtree");
  EXPECT_TRUE(CheckMove(org, At(50, 1, "/1/50/"), "/1/"));  // a sibling whose id shares a prefix
  EXPECT_EQ(CheckMove(At(1, std::nullopt, "/1/"), At(5, 1, "/1/5/"), "/1/").error().details[0].code,
            "move_root");
  EXPECT_EQ(CheckMove(org, At(7, 1, "/1/7/"), "/1/5/").error().details[0].code, "move_root");
}

TEST(OrgTest, RefusesClosingWithActiveChildren) {
  Org org = At(5, 1, "/1/5/");
  EXPECT_EQ(CheckClose(org, 1, 0).error().details[0].code, "has_active_children");
  EXPECT_EQ(CheckClose(org, 0, 3).error().details[0].code, "has_members");
  EXPECT_TRUE(CheckClose(org, 0, 0));
  org.status = OrgStatus::kClosed;
  EXPECT_EQ(CheckClose(org, 0, 0).error().code, ErrorCode::kConflict);
}

TEST(OrgTest, SubtreeRangeExcludesSiblingsWithLongerIds) {
  std::string lo = "/1/5/";
  std::string hi = SubtreeUpperBound(lo);
  EXPECT_EQ(hi, "/1/50");
  auto in = [&](const std::string& p) { return p >= lo && p < hi; };
  EXPECT_TRUE(in("/1/5/"));
  EXPECT_TRUE(in("/1/5/99/12/"));
  EXPECT_FALSE(in("/1/50/"));
  EXPECT_FALSE(in("/1/6/"));
  EXPECT_FALSE(in("/1/4/"));
  EXPECT_TRUE(InSubtree("/1/5/", "/1/5/7/"));
  EXPECT_FALSE(InSubtree("/1/5/", "/1/50/"));
  EXPECT_EQ(ChildPath("/1/5/", 23), "/1/5/23/");
}

TEST(OrgTest, TheProvinceIsTheTopOrgsChildOnThePath) {
  EXPECT_EQ(ProvinceOf("/1/"), 1);  // the top org is its own
  EXPECT_EQ(ProvinceOf("/1/5/"), 5);
  EXPECT_EQ(ProvinceOf("/1/5/23/"), 5);
  EXPECT_EQ(ProvinceOf("/100/4507/230001/9/"), 4507);
  EXPECT_EQ(ProvinceScope("/1/"), std::nullopt);  // spans every province
  EXPECT_EQ(ProvinceScope("/"), std::nullopt);    // so does the whole tree's
  EXPECT_EQ(ProvinceScope(""), std::nullopt);
  EXPECT_EQ(ProvinceScope("/1/5/"), 5);
  EXPECT_EQ(ProvinceScope("/1/5/23/"), 5);
}

}  // namespace
}  // namespace tj::domain
