// ActivityService on both backends: class attendance credits applicants' class hours (and the
// 8-hour candidacy rule counts them), a reported month is closed until the report is returned,
// compliance follows the injected clock, and scope and permissions hold.
#include "service/activity_service.h"

#include <gtest/gtest.h>

#include "service/recruitment_service.h"
#include "unit/service/service_fixture.h"

namespace tj::service::test {
namespace {

using domain::ComplianceStatus;
using domain::Role;

class ActivityServiceTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    activities_.emplace(deps());
    recruitment_.emplace(deps());
    SetToday(DateOf("2026-06-15"));
  }
  void TearDown() override {
    activities_.reset();
    recruitment_.reset();
    ServiceTest::TearDown();
  }
  ActivityService& activities() { return *activities_; }
  RecruitmentService& recruitment() { return *recruitment_; }

  ActivityInput Class(const domain::Org& org, std::string day, int half_hours) {
    ActivityInput in;
    in.org_id = org.id;
    in.fields.kind = "class";
    in.fields.held_on = std::move(day);
    in.fields.topic = "学习团章";
    in.fields.teacher = "李老师";
    in.fields.class_half_hours = half_hours;
    return in;
  }
  ActivityInput Meeting(const domain::Org& org, std::string kind, std::string day) {
    ActivityInput in;
    in.org_id = org.id;
    in.fields.kind = std::move(kind);
    in.fields.held_on = std::move(day);
    in.fields.topic = "例会";
    return in;
  }

  int64_t Applicant(const domain::Org& org) {
    domain::ApplicantFields f;
    f.person.name = "申请人";
    f.person.id_number = FreshIdNumber(DateOf("2010-05-05"));
    f.person.ethnicity = "汉族";
    f.person.education = "junior_high";
    f.person.occupation = "student";
    f.applied_on = "2025-09-01";
    return Must(recruitment().Create(sys_, org.id, f), "apply").applicant.id;
  }

  int HalfHoursOf(int64_t applicant) {
    int sum = 0;
    for (const auto& h : Must(recruitment().Get(sys_, applicant), "applicant").class_hours) sum += h.half_hours;
    return sum;
  }

  std::optional<ActivityService> activities_;
  std::optional<RecruitmentService> recruitment_;
};

TJ_INSTANTIATE_BACKENDS(ActivityServiceTest);

TEST_P(ActivityServiceTest, ClassAttendanceCreditsApplicantsAndTheCandidacyRuleCountsIt) {
  int64_t sponsor = MakeMember(branch_a_, DateOf("2008-01-01")).member.id;
  int64_t introducer = MakeMember(branch_a_, DateOf("2008-02-02")).member.id;
  int64_t id = Applicant(branch_a_);
  AdvanceRequest activist;
  activist.to = "activist";
  activist.date = "2025-10-01";
  activist.sponsor_ids = std::vector<int64_t>{sponsor};
  Must(recruitment().Advance(sys_, id, activist), "activist");
  // Two classes: 4 hours and 3.5 hours, 7.5 hours in all.
  auto first = Class(branch_a_, "2025-11-01", 8);
  first.applicants = std::vector<int64_t>{id};
  first.attendance = std::vector<std::pair<int64_t, std::string>>{{sponsor, "present"}, {introducer, "leave"}};
  auto c1 = Must(activities().Create(sys_, first), "class 1");
  EXPECT_EQ(c1.row.participants, 2);  // the member present and the applicant
  auto second = Class(branch_a_, "2025-12-01", 7);
  second.applicants = std::vector<int64_t>{id};
  auto c2 = Must(activities().Create(sys_, second), "class 2");
  EXPECT_EQ(HalfHoursOf(id), 15);
  AdvanceRequest candidate;
  candidate.to = "candidate";
  candidate.date = "2026-01-05";
  candidate.introducer_ids = std::vector<int64_t>{sponsor, introducer};
  EXPECT_TRUE(FailsWith(recruitment().Advance(sys_, id, candidate), ErrorCode::kRuleViolation));
  // The second class was 4 hours after all: 8 hours pass.
  ActivityInput fix;
  fix.fields.class_half_hours = 8;
  auto changed = Must(activities().Update(sys_, c2.row.id, fix), "fix hours");
  EXPECT_EQ(changed.applicants.size(), 1u);  // kept: the lists left out stay
  EXPECT_EQ(HalfHoursOf(id), 16);
  Must(recruitment().Advance(sys_, id, candidate), "candidate with 8 hours");
  // Deleting a class takes its hours off the file.
  Must(activities().Delete(sys_, c1.row.id), "delete");
  EXPECT_EQ(HalfHoursOf(id), 8);
}

TEST_P(ActivityServiceTest, AttendeesMustBeMembersInStandingOfTheOrg) {
  int64_t in_a = MakeMemberAged(branch_a_, 20).member.id;
  int64_t in_b = MakeMemberAged(branch_b_, 20).member.id;
  int64_t in_c = MakeMemberAged(branch_c_, 20).member.id;
  auto m = Meeting(branch_a_, "general_meeting", "2026-06-01");
  m.attendance = std::vector<std::pair<int64_t, std::string>>{{in_a, "present"}, {in_b, "present"}};
  auto r = activities().Create(sys_, m);
  ASSERT_TRUE(FailsWith(r, ErrorCode::kValidationFailed));
  EXPECT_TRUE(HasDetail(r.error(), "attendance[1].member_id", "not_in_org"));
  // A member outside the caller's scope is not found, as if it did not exist.
  Actor town1 = StaffActor(town1_, Role::kCommitteeStaff);
  m.attendance = std::vector<std::pair<int64_t, std::string>>{{in_c, "present"}};
  EXPECT_TRUE(FailsWith(activities().Create(town1, m), ErrorCode::kNotFound));
  Must(members().ChangeStatus(sys_, in_a, "withdrawn", "2026-06-01", "退团"), "withdraw");
  m.attendance = std::vector<std::pair<int64_t, std::string>>{{in_a, "present"}};
  auto gone = activities().Create(sys_, m);
  ASSERT_TRUE(FailsWith(gone, ErrorCode::kValidationFailed));
  EXPECT_TRUE(HasDetail(gone.error(), "attendance[0].member_id", "not_in_standing"));
}

TEST_P(ActivityServiceTest, AReportedMonthIsClosedUntilTheReportIsReturned) {
  Actor secretary = StaffActor(branch_a_, Role::kBranchSecretary);
  Actor town1 = StaffActor(town1_, Role::kCommitteeStaff);
  auto meeting = Must(activities().Create(secretary, Meeting(branch_a_, "committee_meeting", "2026-05-10")), "meeting");
  auto report = Must(activities().Submit(secretary, branch_a_.id, "2026-05", "五月"), "submit");
  EXPECT_EQ(report.state, "submitted");
  EXPECT_EQ(report.counts[static_cast<size_t>(domain::ActivityKind::kCommitteeMeeting)], 1);
  EXPECT_TRUE(FailsWith(activities().Submit(secretary, branch_a_.id, "2026-05", ""), ErrorCode::kConflict));
  EXPECT_TRUE(ViolatesRule(activities().Create(secretary, Class(branch_a_, "2026-05-20", 4)), "month_reported"));
  EXPECT_TRUE(ViolatesRule(activities().Create(secretary, Meeting(branch_a_, "general_meeting", "2026-05-20")),
                           "month_reported"));
  EXPECT_TRUE(ViolatesRule(activities().Delete(secretary, meeting.row.id), "month_reported"));
  // June is open.
  EXPECT_TRUE(activities().Create(secretary, Meeting(branch_a_, "general_meeting", "2026-06-01")));
  // The branch cannot review its own report; the committee above returns it with a comment.
  EXPECT_TRUE(FailsWith(activities().Review(secretary, report.id, "accept", ""), ErrorCode::kForbidden));
  EXPECT_TRUE(FailsWith(activities().Review(town1, report.id, "return", ""), ErrorCode::kValidationFailed));
  auto returned = Must(activities().Review(town1, report.id, "return", "缺少会议记录"), "return");
  EXPECT_EQ(returned.state, "returned");
  ActivityInput minutes;
  minutes.fields.summary = "会议记录：……";
  Must(activities().Update(secretary, meeting.row.id, minutes), "edit after return");
  auto again = Must(activities().Submit(secretary, branch_a_.id, "2026-05", "补充记录"), "resubmit");
  EXPECT_EQ(again.id, report.id);
  EXPECT_EQ(Must(activities().Review(town1, report.id, "accept", ""), "accept").state, "accepted");
  EXPECT_TRUE(FailsWith(activities().Review(town1, report.id, "accept", ""), ErrorCode::kConflict));
  // Another town's committee does not see it.
  Actor town2 = StaffActor(town2_, Role::kCommitteeStaff);
  EXPECT_TRUE(FailsWith(activities().Review(town2, report.id, "accept", ""), ErrorCode::kNotFound));
}

TEST_P(ActivityServiceTest, ComplianceFollowsTheClockAtTheQuarterEdge) {
  MakeMemberAged(branch_a_, 20);
  SetToday(DateOf("2026-03-31"));
  Must(activities().Create(sys_, Meeting(branch_a_, "committee_meeting", "2026-01-10")), "jan");
  Must(activities().Create(sys_, Meeting(branch_a_, "committee_meeting", "2026-02-10")), "feb");
  Must(activities().Create(sys_, Meeting(branch_a_, "committee_meeting", "2026-03-10")), "mar");
  Must(activities().Create(sys_, Class(branch_a_, "2026-03-10", 4)), "class");
  auto on_31 = Must(activities().Branch(sys_, branch_a_.id, 2026), "31 March");
  EXPECT_EQ(on_31.status, ComplianceStatus::kBehind);  // no general meeting yet, the quarter still runs
  SetToday(DateOf("2026-04-01"));
  auto on_1 = Must(activities().Branch(sys_, branch_a_.id, 2026), "1 April");
  EXPECT_EQ(on_1.status, ComplianceStatus::kMissed);
  EXPECT_EQ(on_1.requirements[0].periods[0].status, ComplianceStatus::kMissed);  // general meetings, Q1
  EXPECT_EQ(on_1.requirements[1].periods[2].status, ComplianceStatus::kMet);     // committee, March
  EXPECT_EQ(on_1.requirements[2].periods[0].count, 1);                           // classes, Q1
  ASSERT_EQ(on_1.members.size(), 1u);
  EXPECT_EQ(on_1.members[0].classes, 0);  // nobody was marked present
  auto overview = Must(activities().Overview(sys_, town1_.id, 2026), "overview");
  EXPECT_EQ(overview.total.branches, 2);  // A and B
  EXPECT_EQ(overview.total.missed, 2);
  ASSERT_FALSE(overview.branches.empty());
  EXPECT_EQ(overview.branches[0].status, ComplianceStatus::kMissed);
  EXPECT_TRUE(FailsWith(activities().Branch(sys_, town1_.id, 2026), ErrorCode::kValidationFailed));
  EXPECT_TRUE(FailsWith(activities().Branch(StaffActor(town2_, Role::kCommitteeStaff), branch_a_.id, 2026),
                        ErrorCode::kNotFound));
}

TEST_P(ActivityServiceTest, AMemberSeesTheirOwnClasses) {
  int64_t m = MakeMemberAged(branch_a_, 20).member.id;
  auto in = Class(branch_a_, "2026-04-01", 4);
  in.attendance = std::vector<std::pair<int64_t, std::string>>{{m, "present"}};
  Must(activities().Create(sys_, in), "class");
  auto absent = Class(branch_a_, "2026-05-01", 4);
  absent.attendance = std::vector<std::pair<int64_t, std::string>>{{m, "absent"}};
  Must(activities().Create(sys_, absent), "class absent");
  Actor self = StaffActor(branch_a_, Role::kMember);
  self.member_id = m;
  auto own = Must(activities().OwnClasses(self, 2026), "own");
  ASSERT_EQ(own.first.size(), 1u);
  EXPECT_EQ(own.second, 4);
  EXPECT_TRUE(FailsWith(activities().Create(self, Class(branch_a_, "2026-05-02", 2)), ErrorCode::kForbidden));
}

TEST_P(ActivityServiceTest, PhotosAreKeptWithTheRecordAndFollowItsMonth) {
  Actor secretary = StaffActor(branch_a_, Role::kBranchSecretary);
  auto a = Must(activities().Create(secretary, Meeting(branch_a_, "themed_day", "2026-05-04")), "themed day");
  std::string jpeg("\xFF\xD8\xFF\xE0photo-bytes\x00\x01\xFE", 18);
  auto f = Must(activities().AddFile(secretary, a.row.id, "五四合影.jpg", jpeg), "attach");
  EXPECT_EQ(f.content_type, "image/jpeg");
  EXPECT_EQ(f.size, 18);
  auto back = Must(activities().File(secretary, a.row.id, f.id), "read back");
  EXPECT_EQ(back.second, jpeg);  // byte for byte, zero bytes included
  EXPECT_EQ(Must(activities().Get(secretary, a.row.id), "detail").files.size(), 1u);
  EXPECT_TRUE(FailsWith(activities().File(StaffActor(branch_b_, Role::kBranchSecretary), a.row.id, f.id),
                        ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(activities().File(secretary, a.row.id, f.id + 100), ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(activities().AddFile(secretary, a.row.id, "x.exe", "MZ\x90\x00"), ErrorCode::kValidationFailed));
  Must(activities().Submit(secretary, branch_a_.id, "2026-05", ""), "report May");
  EXPECT_TRUE(ViolatesRule(activities().DeleteFile(secretary, a.row.id, f.id), "month_reported"));
  EXPECT_TRUE(ViolatesRule(activities().AddFile(secretary, a.row.id, "b.jpg", jpeg), "month_reported"));
}

}  // namespace
}  // namespace tj::service::test
