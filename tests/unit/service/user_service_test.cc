// UserService on both backends: who may create accounts, and that accounts outside the
// caller's scope look exactly like missing ones.
#include "service/user_service.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "unit/service/service_fixture.h"

namespace tj::service::test {
namespace {

using domain::Role;

constexpr int64_t kMissingId = 987654;

class UserServiceTest : public ServiceTest {};

NewAccountRequest Request(std::string username, int64_t org_id, std::string role) {
  NewAccountRequest r;
  r.username = std::move(username);
  r.org_id = org_id;
  r.roles = std::vector<std::string>{std::move(role)};
  r.password = kPassword;
  return r;
}

TEST_P(UserServiceTest, SystemAdminCreatesAnAccountAndItIsAudited) {
  const auto admin_acc = MakeUser("admin", root_.id, "system_admin");
  const Actor admin = ActorFor(admin_acc);
  const int64_t head = AuditHead();
  auto r = users().Create(admin, Request("Sec.A", branch_a_.id, "branch_secretary"));
  ASSERT_TRUE(r) << Describe(r.error());
  EXPECT_EQ(r->username, "sec.a");
  EXPECT_EQ(r->org_id, branch_a_.id);
  EXPECT_EQ(r->org_path, branch_a_.path);
  EXPECT_EQ(r->roles, std::vector<Role>{Role::kBranchSecretary});
  EXPECT_TRUE(r->must_change_password);
  EXPECT_EQ(r->status, domain::AccountStatus::kActive);
  EXPECT_EQ(r->created_at, clock_.Now());
  EXPECT_EQ(r->password_hash.find(kPassword), std::string::npos);

  auto rec = AuditAfter(head);
  ASSERT_EQ(rec.size(), 1u);
  EXPECT_EQ(rec[0].action, "user.create");
  EXPECT_EQ(rec[0].object_id, r->id);
  EXPECT_EQ(rec[0].org_id, branch_a_.id);
  EXPECT_EQ(rec[0].actor_id, admin_acc.id);
  EXPECT_EQ(rec[0].summary.find(kPassword), std::string::npos);
  EXPECT_EQ(rec[0].summary.find("argon2"), std::string::npos);

  auto again = users().Create(admin, Request("SEC.A", branch_b_.id, "branch_secretary"));
  ASSERT_TRUE(FailsWith(again, ErrorCode::kConflict));
  EXPECT_TRUE(HasDetail(again.error(), "username", "unique")) << Describe(again.error());
}

TEST_P(UserServiceTest, CommitteeStaffAndSecretariesCannotCreateAccounts) {
  const int64_t head = AuditHead();
  for (Role role : {Role::kCommitteeStaff, Role::kBranchSecretary, Role::kMember}) {
    const Actor a = StaffActor(town1_, role);
    EXPECT_TRUE(FailsWith(users().Create(a, Request("newbie", branch_a_.id, "member")),
                          ErrorCode::kForbidden));
  }
  EXPECT_EQ(AuditHead(), head);
}

TEST_P(UserServiceTest, CreateRejectsBadFieldsBeforeHashing) {
  NewAccountRequest r;
  r.username = "x";
  r.roles = std::vector<std::string>{"emperor"};
  r.password = "short";
  auto got = users().Create(sys_, r);
  ASSERT_TRUE(FailsWith(got, ErrorCode::kValidationFailed));
  EXPECT_TRUE(HasDetail(got.error(), "username", "invalid_format"));
  EXPECT_TRUE(HasDetail(got.error(), "org_id", "required"));
  EXPECT_TRUE(HasDetail(got.error(), "roles", "invalid_enum"));
  EXPECT_TRUE(HasDetail(got.error(), "password", "too_short"));

  auto contains = users().Create(sys_, [&] {
    auto q = Request("alice", branch_a_.id, "member");
    q.password = "Alice-2026-pass";
    return q;
  }());
  ASSERT_TRUE(FailsWith(contains, ErrorCode::kValidationFailed));
  EXPECT_TRUE(HasDetail(contains.error(), "password", "contains_username"));
}

TEST_P(UserServiceTest, SecretaryGetsNotFoundForAnAccountInASiblingBranch) {
  const auto in_b = MakeUser("sec.b", branch_b_.id, "branch_secretary");
  const auto in_a = MakeUser("sec.a", branch_a_.id, "branch_secretary");
  const Actor sec_a = ActorFor(in_a);

  auto missing = users().Get(sec_a, kMissingId);
  ASSERT_TRUE(FailsWith(missing, ErrorCode::kNotFound));
  auto other = users().Get(sec_a, in_b.id);
  ASSERT_TRUE(FailsWith(other, ErrorCode::kNotFound));
  ExpectIndistinguishable(other.error(), missing.error());

  // Its own account it may read, though it holds no user.read.
  auto self = users().Get(sec_a, in_a.id);
  ASSERT_TRUE(self) << Describe(self.error());
  EXPECT_EQ(self->username, "sec.a");

  // Town 1's staff sees both; town 2's sees neither, as if they did not exist.
  const Actor staff1 = StaffActor(town1_, Role::kCommitteeStaff);
  EXPECT_TRUE(users().Get(staff1, in_b.id));
  const Actor staff2 = StaffActor(town2_, Role::kCommitteeStaff);
  auto far = users().Get(staff2, in_a.id);
  ASSERT_TRUE(FailsWith(far, ErrorCode::kNotFound));
  ExpectIndistinguishable(far.error(), users().Get(staff2, kMissingId).error());

  AccountListRequest list;
  auto l2 = users().List(staff2, list);
  ASSERT_TRUE(l2) << Describe(l2.error());
  EXPECT_EQ(l2->total, 0);
  auto l1 = users().List(staff1, list);
  ASSERT_TRUE(l1) << Describe(l1.error());
  EXPECT_EQ(l1->total, 2);
}

TEST_P(UserServiceTest, AdminOfATownCannotPlaceAccountsOutsideIt) {
  const Actor town_admin = StaffActor(town1_, Role::kSystemAdmin);
  auto r = users().Create(town_admin, Request("sec.c", branch_c_.id, "branch_secretary"));
  ASSERT_TRUE(FailsWith(r, ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(users().Get(sys_, kMissingId), ErrorCode::kNotFound));
}

TJ_INSTANTIATE_BACKENDS(UserServiceTest);

}  // namespace
}  // namespace tj::service::test
