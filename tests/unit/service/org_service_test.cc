// OrgService on both backends: data scope, permissions, the tree rules, the audit records of
// each write, and the stats index against a rebuild.
#include "service/org_service.h"

#include <gtest/gtest.h>

#include <string>

#include "unit/service/service_fixture.h"

namespace tj::service::test {
namespace {

using domain::OrgStatus;
using domain::Role;

constexpr int64_t kMissingId = 987654;

class OrgServiceTest : public ServiceTest {
 protected:
  // Every org's path and depth follow from its parent's, and no active org sits under a
  // closed one.
  void ExpectTreeConsistent() {
    auto c = Conn();
    auto rows = c->Query(
        "SELECT c.id, c.path, c.depth, c.status, p.path, p.depth, p.status "
        "FROM orgs c JOIN orgs p ON p.id = c.parent_id ORDER BY c.id");
    ASSERT_TRUE(rows) << Describe(rows.error());
    for (const auto& r : rows->rows) {
      const int64_t id = r.Int(0);
      EXPECT_EQ(r.Str(1), r.Str(4) + std::to_string(id) + "/") << "org " << id;
      EXPECT_EQ(r.Int(2), r.Int(5) + 1) << "org " << id;
      EXPECT_FALSE(r.Str(3) == "active" && r.Str(6) == "closed")
          << "active org " << id << " under a closed parent";
    }
  }
};

TEST_P(OrgServiceTest, BranchSecretaryCannotSeeOrTouchASiblingBranch) {
  const Actor sec = StaffActor(branch_a_, Role::kBranchSecretary);
  const int64_t head = AuditHead();

  auto missing = orgs().Get(sec, kMissingId);
  ASSERT_TRUE(FailsWith(missing, ErrorCode::kNotFound));

  auto get = orgs().Get(sec, branch_b_.id);
  ASSERT_TRUE(FailsWith(get, ErrorCode::kNotFound));
  ExpectIndistinguishable(get.error(), missing.error());

  domain::OrgFields rename;
  rename.name = "renamed";
  auto update = orgs().Update(sec, branch_b_.id, rename);
  ASSERT_TRUE(FailsWith(update, ErrorCode::kNotFound));
  ExpectIndistinguishable(update.error(), orgs().Update(sec, kMissingId, rename).error());

  auto move = orgs().Move(sec, branch_b_.id, town2_.id);
  ASSERT_TRUE(FailsWith(move, ErrorCode::kNotFound));
  ExpectIndistinguishable(move.error(), orgs().Move(sec, kMissingId, town2_.id).error());

  auto close = orgs().Close(sec, branch_b_.id, "test");
  ASSERT_TRUE(FailsWith(close, ErrorCode::kNotFound));
  ExpectIndistinguishable(close.error(), orgs().Close(sec, kMissingId, "test").error());

  // Its parent is outside the scope too.
  ExpectIndistinguishable(orgs().Get(sec, town1_.id).error(), missing.error());
  // Its own branch is visible.
  auto own = orgs().Get(sec, branch_a_.id);
  ASSERT_TRUE(own) << Describe(own.error());
  EXPECT_EQ(own->org.code, "A");
  EXPECT_TRUE(own->ancestors.empty());  // ancestors stop at the scope

  EXPECT_EQ(GetOrg(branch_b_.id).name, "org B");
  EXPECT_EQ(GetOrg(branch_b_.id).status, OrgStatus::kActive);
  EXPECT_EQ(AuditHead(), head);
}

TEST_P(OrgServiceTest, CommitteeStaffSeesItsTownsSubtreeButNotAnotherTown) {
  const Actor staff = StaffActor(town1_, Role::kCommitteeStaff);
  auto a = orgs().Get(staff, branch_a_.id);
  ASSERT_TRUE(a) << Describe(a.error());
  ASSERT_EQ(a->ancestors.size(), 1u);
  EXPECT_EQ(a->ancestors[0].id, town1_.id);

  OrgListRequest all;
  all.subtree = true;
  auto list = orgs().List(staff, all);
  ASSERT_TRUE(list) << Describe(list.error());
  EXPECT_EQ(list->total, 2);  // branch_a, branch_b: every org below town1, not town1 itself
  for (const auto& item : list->items) EXPECT_TRUE(item.org.path.starts_with(town1_.path));

  const Error missing = orgs().Get(staff, kMissingId).error();
  EXPECT_EQ(missing.code, ErrorCode::kNotFound);
  for (int64_t id : {town2_.id, branch_c_.id, root_.id}) {
    auto r = orgs().Get(staff, id);
    ASSERT_TRUE(FailsWith(r, ErrorCode::kNotFound)) << "org " << id;
    ExpectIndistinguishable(r.error(), missing);
  }
  OrgListRequest other;
  other.org_id = town2_.id;
  auto other_list = orgs().List(staff, other);
  ASSERT_TRUE(FailsWith(other_list, ErrorCode::kNotFound));
  ExpectIndistinguishable(other_list.error(), missing);

  // Writes inside the town work; a move out of it names a parent it cannot see.
  auto made = orgs().Create(staff, town1_.id, OrgFieldsOf("branch", "A2"));
  ASSERT_TRUE(made) << Describe(made.error());
  auto out = orgs().Move(staff, branch_a_.id, town2_.id);
  ASSERT_TRUE(FailsWith(out, ErrorCode::kNotFound));
  ExpectIndistinguishable(out.error(), missing);
  EXPECT_EQ(GetOrg(branch_a_.id).parent_id, town1_.id);
  auto into_other = orgs().Create(staff, town2_.id, OrgFieldsOf("branch", "C2"));
  ASSERT_TRUE(FailsWith(into_other, ErrorCode::kNotFound));
  ExpectIndistinguishable(into_other.error(), missing);
}

TEST_P(OrgServiceTest, BranchSecretaryMayReadButNotChangeItsOwnOrg) {
  const Actor sec = StaffActor(branch_a_, Role::kBranchSecretary);
  const int64_t head = AuditHead();
  domain::OrgFields rename;
  rename.name = "renamed";
  EXPECT_TRUE(FailsWith(orgs().Update(sec, branch_a_.id, rename), ErrorCode::kForbidden));
  EXPECT_TRUE(FailsWith(orgs().Close(sec, branch_a_.id, "x"), ErrorCode::kForbidden));
  EXPECT_EQ(GetOrg(branch_a_.id).name, "org A");
  EXPECT_EQ(AuditHead(), head);
}

TEST_P(OrgServiceTest, CreateUnderABranchViolatesParentType) {
  const int64_t head = AuditHead();
  auto r = orgs().Create(sys_, branch_a_.id, OrgFieldsOf("branch", "UNDER_A"));
  EXPECT_TRUE(ViolatesRule(r, "parent_type"));
  EXPECT_EQ(AuditHead(), head);
  EXPECT_EQ(orgs().Get(sys_, branch_a_.id)->child_count, 0);
}

TEST_P(OrgServiceTest, MoveUnderItsOwnDescendantViolatesMoveIntoSubtree) {
  auto gb = MakeOrg(town1_.id, "general_branch", "GB");
  EXPECT_TRUE(ViolatesRule(orgs().Move(sys_, town1_.id, gb.id), "move_into_subtree"));
  EXPECT_TRUE(ViolatesRule(orgs().Move(sys_, town1_.id, town1_.id), "move_into_subtree"));
  EXPECT_EQ(GetOrg(town1_.id).path, town1_.path);
}

TEST_P(OrgServiceTest, MovingASubtreeRewritesDescendantsPathsAndDepths) {
  auto gb = MakeOrg(town1_.id, "general_branch", "GB");
  auto leaf = MakeOrg(gb.id, "branch", "GB1");
  ASSERT_EQ(leaf.depth, 3);
  const int64_t head = AuditHead();
  clock_.Advance(std::chrono::minutes(5));

  auto moved = orgs().Move(sys_, gb.id, town2_.id);
  ASSERT_TRUE(moved) << Describe(moved.error());
  const std::string gb_path = town2_.path + std::to_string(gb.id) + "/";
  EXPECT_EQ(moved->org.parent_id, town2_.id);
  EXPECT_EQ(moved->org.path, gb_path);
  EXPECT_EQ(moved->org.depth, 2);
  EXPECT_EQ(moved->org.updated_at, clock_.Now());
  EXPECT_EQ(moved->subtree.total, 1);

  auto l = orgs().Get(sys_, leaf.id);
  ASSERT_TRUE(l) << Describe(l.error());
  EXPECT_EQ(l->org.path, gb_path + std::to_string(leaf.id) + "/");
  EXPECT_EQ(l->org.depth, 3);
  EXPECT_EQ(l->org.parent_id, gb.id);
  ASSERT_EQ(l->ancestors.size(), 3u);
  EXPECT_EQ(l->ancestors[0].id, root_.id);
  EXPECT_EQ(l->ancestors[1].id, town2_.id);
  EXPECT_EQ(l->ancestors[2].id, gb.id);

  // Siblings of the moved org and the old parent keep their places.
  EXPECT_EQ(GetOrg(branch_a_.id).path, branch_a_.path);
  EXPECT_EQ(orgs().Get(sys_, town1_.id)->child_count, 2);
  EXPECT_EQ(orgs().Get(sys_, town2_.id)->child_count, 2);

  // Town 1's staff lost sight of the moved subtree; town 2's gained it.
  EXPECT_TRUE(FailsWith(orgs().Get(StaffActor(town1_, Role::kCommitteeStaff), leaf.id),
                        ErrorCode::kNotFound));
  EXPECT_TRUE(orgs().Get(StaffActor(town2_, Role::kCommitteeStaff), leaf.id));

  auto rec = AuditAfter(head);
  ASSERT_EQ(rec.size(), 1u);
  EXPECT_EQ(rec[0].action, "org.move");
  EXPECT_EQ(rec[0].org_id, gb.id);
  EXPECT_EQ(rec[0].object_id, gb.id);
  EXPECT_EQ(rec[0].at, clock_.Now());
  ExpectIndexMatchesRebuild();
}

TEST_P(OrgServiceTest, CloseRefusesAnOrgWithActiveChildren) {
  const int64_t head = AuditHead();
  EXPECT_TRUE(ViolatesRule(orgs().Close(sys_, town1_.id, "merge"), "has_active_children"));
  EXPECT_EQ(GetOrg(town1_.id).status, OrgStatus::kActive);
  EXPECT_EQ(AuditHead(), head);
}

TEST_P(OrgServiceTest, ClosedOrgTakesNoNewChildrenAndCannotCloseTwice) {
  auto town3 = MakeOrg(root_.id, "committee", "T3");
  const int64_t head = AuditHead();
  clock_.Advance(std::chrono::hours(1));
  auto closed = orgs().Close(sys_, town3.id, "merged into T1");
  ASSERT_TRUE(closed) << Describe(closed.error());
  EXPECT_EQ(closed->org.status, OrgStatus::kClosed);
  EXPECT_EQ(closed->org.closed_at, clock_.Now());

  EXPECT_TRUE(
      ViolatesRule(orgs().Create(sys_, town3.id, OrgFieldsOf("branch", "LATE")), "parent_closed"));
  EXPECT_TRUE(ViolatesRule(orgs().Move(sys_, branch_a_.id, town3.id), "parent_closed"));
  EXPECT_TRUE(FailsWith(orgs().Close(sys_, town3.id, "again"), ErrorCode::kConflict));

  auto rec = AuditAfter(head);
  ASSERT_EQ(rec.size(), 1u);
  EXPECT_EQ(rec[0].action, "org.close");
  EXPECT_EQ(rec[0].org_id, town3.id);
  EXPECT_NE(rec[0].summary.find("merged into T1"), std::string::npos) << rec[0].summary;
  ExpectIndexMatchesRebuild();
}

TEST_P(OrgServiceTest, TopOfTheScopeCannotBeClosedOrMoved) {
  const Actor staff = StaffActor(town1_, Role::kCommitteeStaff);
  // Emptied so that only the scope rule stands in the way.
  ASSERT_TRUE(orgs().Move(sys_, branch_a_.id, town2_.id));
  ASSERT_TRUE(orgs().Move(sys_, branch_b_.id, town2_.id));
  EXPECT_TRUE(ViolatesRule(orgs().Close(staff, town1_.id, "x"), "close_root"));
  EXPECT_TRUE(ViolatesRule(orgs().Move(sys_, root_.id, town1_.id), "move_root"));
  EXPECT_EQ(GetOrg(town1_.id).status, OrgStatus::kActive);
}

TEST_P(OrgServiceTest, DuplicateCodeIsAConflictOnFieldCode) {
  const int64_t head = AuditHead();
  auto r = orgs().Create(sys_, town2_.id, OrgFieldsOf("branch", "A"));
  ASSERT_TRUE(FailsWith(r, ErrorCode::kConflict));
  EXPECT_EQ(r.error().message_key, "org.code_exists");
  EXPECT_TRUE(HasDetail(r.error(), "code", "unique")) << Describe(r.error());

  domain::OrgFields recode;
  recode.code = "B";
  auto u = orgs().Update(sys_, branch_a_.id, recode);
  ASSERT_TRUE(FailsWith(u, ErrorCode::kConflict));
  EXPECT_TRUE(HasDetail(u.error(), "code", "unique")) << Describe(u.error());
  EXPECT_EQ(AuditHead(), head);
}

TEST_P(OrgServiceTest, CreateValidatesFieldsAndNeedsAParent) {
  domain::OrgFields bad;
  bad.type = "castle";
  bad.code = "has space";
  auto r = orgs().Create(sys_, town1_.id, bad);
  ASSERT_TRUE(FailsWith(r, ErrorCode::kValidationFailed));
  EXPECT_TRUE(HasDetail(r.error(), "name", "required"));
  EXPECT_TRUE(HasDetail(r.error(), "type", "invalid_enum"));
  EXPECT_TRUE(HasDetail(r.error(), "sector", "required"));
  EXPECT_TRUE(HasDetail(r.error(), "code", "invalid_format"));

  auto orphan = orgs().Create(sys_, std::nullopt, OrgFieldsOf("committee", "T9"));
  ASSERT_TRUE(FailsWith(orphan, ErrorCode::kValidationFailed));
  EXPECT_TRUE(HasDetail(orphan.error(), "parent_id", "required"));
}

TEST_P(OrgServiceTest, EveryWriteLeavesItsAuditRecord) {
  const Actor staff = StaffActor(town1_, Role::kCommitteeStaff);
  const int64_t head = AuditHead();
  auto gb = Must(orgs().Create(staff, town1_.id, OrgFieldsOf("general_branch", "GB")), "create");
  domain::OrgFields patch;
  patch.name = "Renamed GB";
  ASSERT_TRUE(orgs().Update(staff, gb.org.id, patch));
  ASSERT_TRUE(orgs().Move(staff, branch_b_.id, gb.org.id));
  ASSERT_TRUE(orgs().Close(staff, branch_a_.id, "empty"));

  auto rec = AuditAfter(head);
  ASSERT_EQ(rec.size(), 4u);
  const std::pair<std::string, int64_t> expected[] = {{"org.create", gb.org.id},
                                                      {"org.update", gb.org.id},
                                                      {"org.move", branch_b_.id},
                                                      {"org.close", branch_a_.id}};
  for (size_t i = 0; i < rec.size(); ++i) {
    EXPECT_EQ(rec[i].id, head + 1 + int64_t(i));
    EXPECT_EQ(rec[i].action, expected[i].first);
    EXPECT_EQ(rec[i].org_id, expected[i].second);
    EXPECT_EQ(rec[i].object_type, "org");
    EXPECT_EQ(rec[i].actor_username, "staff");
    EXPECT_EQ(rec[i].client_address, "192.0.2.20");
  }
  EXPECT_NE(rec[1].summary.find("Renamed GB"), std::string::npos) << rec[1].summary;
  auto v = audit().VerifyChain();
  ASSERT_TRUE(v) << Describe(v.error());
  EXPECT_TRUE(v->ok);
  EXPECT_EQ(v->checked, head + 4);
}

TEST_P(OrgServiceTest, IndexAfterCreateMoveCloseAndTypeChangeEqualsARebuild) {
  ExpectIndexMatchesRebuild();
  auto root_counts = orgs().Get(sys_, root_.id)->subtree;
  EXPECT_EQ(root_counts.total, 5);
  EXPECT_EQ(root_counts.by_type[size_t(domain::OrgType::kCommittee)], 2);
  EXPECT_EQ(root_counts.by_type[size_t(domain::OrgType::kBranch)], 3);

  auto gb = MakeOrg(town1_.id, "general_branch", "GB");
  auto gb1 = MakeOrg(gb.id, "branch", "GB1");
  MakeOrg(gb.id, "branch", "GB2");
  ExpectIndexMatchesRebuild();
  ASSERT_TRUE(orgs().Move(sys_, gb.id, town2_.id));
  ExpectIndexMatchesRebuild();
  EXPECT_EQ(orgs().Get(sys_, town2_.id)->subtree.total, 4);
  EXPECT_EQ(orgs().Get(sys_, town1_.id)->subtree.total, 2);
  ASSERT_TRUE(orgs().Close(sys_, gb1.id, "done"));
  ExpectIndexMatchesRebuild();
  EXPECT_EQ(orgs().Get(sys_, town2_.id)->subtree.total, 3);
  domain::OrgFields retype;
  retype.type = "working_committee";
  ASSERT_TRUE(orgs().Update(sys_, town1_.id, retype));
  ExpectIndexMatchesRebuild();
  EXPECT_EQ(orgs().Get(sys_, root_.id)->subtree.by_type[size_t(domain::OrgType::kWorkingCommittee)],
            1);
}

// Close checks for active children and Create checks that the parent is active; run together,
// one of them must see the other.
TEST_P(OrgServiceTest, ConcurrentCloseAndCreateNeverLeaveAChildUnderAClosedOrg) {
  for (int i = 0; i < 3; ++i) {
    SCOPED_TRACE("round " + std::to_string(i));
    auto town = MakeOrg(root_.id, "committee", "R" + std::to_string(i));
    Result<OrgView> closed, made;
    RunWhileAuditHeadHeld(
        {[&] { closed = orgs().Close(sys_, town.id, "race"); },
         [&] {
           made =
               orgs().Create(sys_, town.id, OrgFieldsOf("branch", "R" + std::to_string(i) + "_1"));
         }});
    EXPECT_FALSE(closed && made) << "a close and a create under the closed org both committed";
    if (!closed) {
      EXPECT_TRUE(ViolatesRule(closed, "has_active_children"));
    }
    if (!made) {
      EXPECT_TRUE(ViolatesRule(made, "parent_closed"));
    }
  }
  ExpectTreeConsistent();
  ExpectIndexMatchesRebuild();
}

// A create under an org being moved must not keep the org's old path.
TEST_P(OrgServiceTest, ConcurrentMoveAndCreateKeepEveryPathUnderItsParent) {
  auto gb = MakeOrg(town1_.id, "general_branch", "GB");
  for (int i = 0; i < 3; ++i) {
    SCOPED_TRACE("round " + std::to_string(i));
    Result<OrgView> moved, made;
    RunWhileAuditHeadHeld({[&] { moved = orgs().Move(sys_, gb.id, i % 2 ? town1_.id : town2_.id); },
                           [&] {
                             made = orgs().Create(sys_, gb.id,
                                                  OrgFieldsOf("branch", "M" + std::to_string(i)));
                           }});
    ASSERT_TRUE(moved) << Describe(moved.error());
    ASSERT_TRUE(made) << Describe(made.error());
  }
  ExpectTreeConsistent();
  ExpectIndexMatchesRebuild();
  EXPECT_EQ(orgs().Get(sys_, gb.id)->subtree.total, 3);
}

TJ_INSTANTIATE_BACKENDS(OrgServiceTest);

}  // namespace
}  // namespace tj::service::test
