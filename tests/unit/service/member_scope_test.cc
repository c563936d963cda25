// The registry's data scope and permissions on both backends: a member outside the caller's
// subtree answers kNotFound exactly like a missing one, for every call that names it; a pure
// system administrator sees no member data at all ("no member data by default").
#include <gtest/gtest.h>

#include <string>

#include "service/member_import.h"
#include "service/member_service.h"
#include "sheet/sheet.h"
#include "unit/service/service_fixture.h"

namespace tj::service::test {
namespace {

using domain::Role;

constexpr int64_t kMissingId = 987654;

class MemberScopeTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    NewMember m;
    m.birth = DateOf("2004-05-06");
    m.phone = "13912345678";
    in_a_ = MakeMember(branch_a_, m);
    in_b_ = MakeMember(branch_b_, m);
  }

  // A one-row import file without an org code column (the row goes to the import's target).
  std::string ImportCsv() {
    auto f = NextFields(DateOf("2005-07-08"));
    return "姓名,身份证号码,民族,入团时间,团员编号,手机号码,学历,职业\n" + *f.name + "," +
           *f.id_number + ",汉族," + *f.join_date + "," + f.member_no.value_or("") +
           ",,高中,学生\n";
  }

  int64_t MemberCount() {
    auto c = Conn();
    return Must(c->Query("SELECT COUNT(*) FROM members"), "count").rows.at(0).Int(0);
  }

  store::MemberRow in_a_, in_b_;
};

TEST_P(MemberScopeTest, BranchSecretaryGetsNotFoundForAMemberOfASiblingBranch) {
  const Actor sec = StaffActor(branch_a_, Role::kBranchSecretary);
  const int64_t head = AuditHead();
  const int64_t b = in_b_.member.id;

  auto missing = members().Get(sec, kMissingId);
  ASSERT_TRUE(FailsWith(missing, ErrorCode::kNotFound));
  auto get = members().Get(sec, b);
  ASSERT_TRUE(FailsWith(get, ErrorCode::kNotFound));
  ExpectIndistinguishable(get.error(), missing.error());

  domain::MemberFields rename;
  rename.name = "改名";
  auto update = members().Update(sec, b, rename);
  ASSERT_TRUE(FailsWith(update, ErrorCode::kNotFound));
  ExpectIndistinguishable(update.error(), members().Update(sec, kMissingId, rename).error());

  const std::string today = FormatDate(Today());
  auto status = members().ChangeStatus(sec, b, "withdrawn", today, "本人申请");
  ASSERT_TRUE(FailsWith(status, ErrorCode::kNotFound));
  ExpectIndistinguishable(status.error(),
                          members().ChangeStatus(sec, kMissingId, "withdrawn", today, "x").error());
  // Even a request that would fail validation does not tell the member exists.
  ExpectIndistinguishable(members().ChangeStatus(sec, b, "", "", "").error(), missing.error());

  auto history = members().History(sec, b);
  ASSERT_TRUE(FailsWith(history, ErrorCode::kNotFound));
  ExpectIndistinguishable(history.error(), members().History(sec, kMissingId).error());

  // The member is untouched and nothing was audited.
  auto still = Must(members().Get(sys_, b), "Get");
  EXPECT_EQ(still.member.name, in_b_.member.name);
  EXPECT_EQ(still.member.status, domain::MemberStatus::kActive);
  EXPECT_EQ(Must(members().History(sys_, b), "History").size(), 1u);
  EXPECT_EQ(AuditHead(), head);

  // Its own branch's member is there.
  auto own = members().Get(sec, in_a_.member.id);
  ASSERT_TRUE(own) << Describe(own.error());
  EXPECT_EQ(own->member.id_number, in_a_.member.id_number);
}

TEST_P(MemberScopeTest, BranchSecretaryCannotListImportOrExportASiblingBranch) {
  const Actor sec = StaffActor(branch_a_, Role::kBranchSecretary);
  const int64_t head = AuditHead();

  MemberListRequest list_b;
  list_b.org_id = branch_b_.id;
  auto list = members().List(sec, list_b);
  ASSERT_TRUE(FailsWith(list, ErrorCode::kNotFound));
  MemberListRequest list_missing;
  list_missing.org_id = kMissingId;
  ExpectIndistinguishable(list.error(), members().List(sec, list_missing).error());
  // The parent town is outside the scope too (it would include branch B).
  MemberListRequest list_town;
  list_town.org_id = town1_.id;
  EXPECT_TRUE(FailsWith(members().List(sec, list_town), ErrorCode::kNotFound));

  // Without an org the list is the caller's scope: only branch A's member.
  auto mine = members().List(sec, MemberListRequest{});
  ASSERT_TRUE(mine) << Describe(mine.error());
  ASSERT_EQ(mine->total, 1);
  EXPECT_EQ(mine->items.at(0).member.id, in_a_.member.id);
  // A search by B's member's ID number finds nothing either.
  MemberListRequest by_id;
  by_id.q = in_b_.member.id_number;
  EXPECT_EQ(Must(members().List(sec, by_id), "List").total, 0);

  const int64_t before = MemberCount();
  auto import = imports().Import(sec, branch_b_.id, ImportCsv(), false);
  ASSERT_TRUE(FailsWith(import, ErrorCode::kNotFound));
  ExpectIndistinguishable(import.error(),
                          imports().Import(sec, kMissingId, ImportCsv(), false).error());
  EXPECT_TRUE(
      FailsWith(imports().Import(sec, branch_b_.id, ImportCsv(), true), ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(imports().Annotated(sec, branch_b_.id, ImportCsv()), ErrorCode::kNotFound));
  EXPECT_EQ(MemberCount(), before);

  auto exported = imports().Export(sec, list_b);
  ASSERT_TRUE(FailsWith(exported, ErrorCode::kNotFound));
  ExpectIndistinguishable(exported.error(), list.error());

  // Registering into B through the service is refused the same way.
  auto create = members().Create(sec, branch_b_.id, NextFields(DateOf("2006-01-02")));
  ASSERT_TRUE(FailsWith(create, ErrorCode::kNotFound));
  EXPECT_EQ(MemberCount(), before);

  // Aging lists and statistics of B are out of reach as well.
  EXPECT_TRUE(FailsWith(members().AgingOut(sec, AgingKind::kUpcoming, 90, branch_b_.id, true, {}),
                        ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(members().Stats(sec, branch_b_.id), ErrorCode::kNotFound));
  EXPECT_EQ(AuditHead(), head);

  // The secretary's own branch imports and exports.
  auto own = imports().Import(sec, branch_a_.id, ImportCsv(), false);
  ASSERT_TRUE(own) << Describe(own.error());
  EXPECT_EQ(own->imported, 1);
  MemberListRequest list_a;
  list_a.org_id = branch_a_.id;
  auto xlsx = imports().Export(sec, list_a);
  ASSERT_TRUE(xlsx) << Describe(xlsx.error());
  EXPECT_EQ(Must(sheet::Read(*xlsx, sheet::Format::kXlsx), "Read").rows.size(), 2u);
}

TEST_P(MemberScopeTest, PureSystemAdministratorSeesNoMemberData) {
  const Actor admin = StaffActor(root_, Role::kSystemAdmin);
  const int64_t id = in_a_.member.id;
  const int64_t head = AuditHead();

  EXPECT_TRUE(FailsWith(members().List(admin, MemberListRequest{}), ErrorCode::kForbidden));
  MemberListRequest by_org;
  by_org.org_id = branch_a_.id;
  EXPECT_TRUE(FailsWith(members().List(admin, by_org), ErrorCode::kForbidden));
  MemberListRequest by_id;
  by_id.q = in_a_.member.id_number;
  EXPECT_TRUE(FailsWith(members().List(admin, by_id), ErrorCode::kForbidden));
  EXPECT_TRUE(FailsWith(members().Get(admin, id), ErrorCode::kForbidden));
  EXPECT_TRUE(FailsWith(members().History(admin, id), ErrorCode::kForbidden));
  EXPECT_TRUE(FailsWith(members().Stats(admin, root_.id), ErrorCode::kForbidden));
  EXPECT_TRUE(FailsWith(members().ChildStats(admin, root_.id), ErrorCode::kForbidden));
  EXPECT_TRUE(FailsWith(members().AgingOut(admin, AgingKind::kOverdue, 90, std::nullopt, true, {}),
                        ErrorCode::kForbidden));
  EXPECT_TRUE(
      FailsWith(members().ListCadres(admin, std::nullopt, true, std::nullopt, std::nullopt, {}),
                ErrorCode::kForbidden));
  EXPECT_TRUE(FailsWith(imports().Export(admin, MemberListRequest{}), ErrorCode::kForbidden));
  EXPECT_FALSE(members().MayReveal(admin));
  EXPECT_TRUE(FailsWith(members().AuditReveal(admin, {in_a_}), ErrorCode::kForbidden));

  // Nor may it write member data.
  EXPECT_TRUE(FailsWith(members().Create(admin, branch_a_.id, NextFields(DateOf("2006-01-02"))),
                        ErrorCode::kForbidden));
  domain::MemberFields rename;
  rename.name = "改名";
  EXPECT_TRUE(FailsWith(members().Update(admin, id, rename), ErrorCode::kForbidden));
  EXPECT_TRUE(
      FailsWith(members().ChangeStatus(admin, id, "withdrawn", FormatDate(Today()), "本人申请"),
                ErrorCode::kForbidden));
  EXPECT_TRUE(
      FailsWith(imports().Import(admin, branch_a_.id, ImportCsv(), true), ErrorCode::kForbidden));
  EXPECT_EQ(AuditHead(), head);

  // With an account behind it (what the API builds), the same.
  auto acc = MakeUser("sysadmin1", root_.id, "system_admin");
  const Actor real = ActorFor(acc);
  const int64_t after_user = AuditHead();
  EXPECT_TRUE(FailsWith(members().Get(real, id), ErrorCode::kForbidden));
  EXPECT_TRUE(FailsWith(members().List(real, MemberListRequest{}), ErrorCode::kForbidden));
  EXPECT_TRUE(FailsWith(members().RunAgeOut(real), ErrorCode::kForbidden));
  EXPECT_EQ(AuditHead(), after_user);
}

TEST_P(MemberScopeTest, CommitteeStaffSeesItsTownButNotAnother) {
  const Actor staff = StaffActor(town1_, Role::kCommitteeStaff);
  auto c_member = MakeMember(branch_c_, DateOf("2003-03-03"));
  EXPECT_TRUE(members().Get(staff, in_a_.member.id));
  EXPECT_TRUE(members().Get(staff, in_b_.member.id));
  EXPECT_TRUE(FailsWith(members().Get(staff, c_member.member.id), ErrorCode::kNotFound));
  auto list = Must(members().List(staff, MemberListRequest{}), "List");
  EXPECT_EQ(list.total, 2);
  EXPECT_EQ(Must(members().Stats(staff, town1_.id), "Stats").stats.total, 2);
  EXPECT_TRUE(FailsWith(members().Stats(staff, town2_.id), ErrorCode::kNotFound));

  // An account with the member role reads orgs only.
  const Actor member = StaffActor(branch_a_, Role::kMember);
  EXPECT_TRUE(FailsWith(members().Get(member, in_a_.member.id), ErrorCode::kForbidden));
}

TJ_INSTANTIATE_BACKENDS(MemberScopeTest);

}  // namespace
}  // namespace tj::service::test
