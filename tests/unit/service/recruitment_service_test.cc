// RecruitmentService on both backends: the class-hour rule at its edge and the rule version a
// step records, the graduating-class cap's last place, number issue under concurrent
// admissions (never a number twice), admission creating the member with its history and the
// statistics index, and a branch kept out of another branch's files.
#include "service/recruitment_service.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "service/rule_service.h"
#include "unit/service/service_fixture.h"

namespace tj::service::test {
namespace {

using domain::Role;
using domain::Stage;

class RecruitmentServiceTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    recruitment_.emplace(deps());
    SetToday(DateOf("2026-06-15"));
    domain::OrgFields school = OrgFieldsOf("committee", "SCH", "school");
    school.school_stage = "junior_high";
    school_ = Must(orgs().Create(sys_, town1_.id, school), "school").org;
    domain::OrgFields cls = OrgFieldsOf("branch", "SCH-3-1", "school");
    cls.school_stage = "junior_high";
    class_ = Must(orgs().Create(sys_, school_.id, cls), "class").org;
    sponsor_ = MakeMember(class_, DateOf("2008-01-01")).member.id;
    introducer_ = MakeMember(class_, DateOf("2008-02-02")).member.id;
  }
  void TearDown() override {
    recruitment_.reset();
    ServiceTest::TearDown();
  }

  RecruitmentService& recruitment() { return *recruitment_; }

  domain::ApplicantFields Application(const domain::Org& org, Date birth, bool student = true) {
    domain::ApplicantFields f;
    f.person.name = "申请人" + std::to_string(++applicants_);
    f.person.id_number = FreshIdNumber(birth);
    f.person.ethnicity = "汉族";
    f.person.education = "junior_high";
    f.person.occupation = "student";
    if (student) {
      f.school_stage = "junior_high";
      f.graduating_year = 2027;
    }
    f.applied_on = "2025-09-01";
    (void)org;
    return f;
  }

  AdvanceRequest Step(std::string to, std::string date) {
    AdvanceRequest r;
    r.to = std::move(to);
    r.date = std::move(date);
    return r;
  }

  // A file in `org` taken through the branch's stages and approved from above.
  int64_t Approved(const domain::Org& org) {
    auto a = Must(recruitment().Create(sys_, org.id, Application(org, DateOf("2011-05-05"))), "apply");
    int64_t id = a.applicant.id;
    auto activist = Step("activist", "2025-10-01");
    activist.sponsor_ids = std::vector<int64_t>{sponsor_};
    Must(recruitment().Advance(sys_, id, activist), "activist");
    domain::ClassHourFields hours{"2025-11-01", 16, "团课"};
    Must(recruitment().AddClassHours(sys_, id, hours), "class hours");
    auto candidate = Step("candidate", "2026-01-05");
    candidate.introducer_ids = std::vector<int64_t>{sponsor_, introducer_};
    Must(recruitment().Advance(sys_, id, candidate), "candidate");
    auto vote = Step("branch_approved", "2026-02-01");
    vote.eligible = 20, vote.present = 11, vote.yes = 6;
    Must(recruitment().Advance(sys_, id, vote), "vote");
    Must(recruitment().Advance(sys_, id, Step("approved", "2026-02-10")), "approved");
    return id;
  }

  void Cohort(int students, int members_before) {
    QuotaFields q{school_.id, 2027, students, members_before};
    Must(recruitment().PutQuota(sys_, q), "quota");
  }

  void Range(int64_t first, int64_t last, int year = 2026) {
    RangeFields r{school_.id, year, 8, first, last};
    Must(recruitment().CreateRange(sys_, r), "range");
  }

  std::optional<RecruitmentService> recruitment_;
  domain::Org school_, class_;
  int64_t sponsor_ = 0, introducer_ = 0;
  int applicants_ = 0;
};

TJ_INSTANTIATE_BACKENDS(RecruitmentServiceTest);

TEST_P(RecruitmentServiceTest, EightClassHoursPassAndSevenAndAHalfFail) {
  auto a = Must(recruitment().Create(sys_, class_.id, Application(class_, DateOf("2011-05-05"))), "apply");
  int64_t id = a.applicant.id;
  auto activist = Step("activist", "2025-10-01");
  activist.sponsor_ids = std::vector<int64_t>{sponsor_};
  Must(recruitment().Advance(sys_, id, activist), "activist");
  Must(recruitment().AddClassHours(sys_, id, {"2025-11-01", 15, "团课一"}), "7.5 hours");
  // An entry dated after the candidate date does not count toward it.
  Must(recruitment().AddClassHours(sys_, id, {"2026-02-01", 1, "团课二"}), "later");
  auto candidate = Step("candidate", "2026-01-05");
  candidate.introducer_ids = std::vector<int64_t>{sponsor_, introducer_};
  auto refused = recruitment().Advance(sys_, id, candidate);
  ASSERT_TRUE(ViolatesRule(refused, "insufficient_class_hours"));
  EXPECT_EQ(refused.error().args.at("actual"), "7.5");
  EXPECT_EQ(refused.error().args.at("required"), "8");

  Must(recruitment().AddClassHours(sys_, id, {"2025-12-01", 1, "团课三"}), "8 hours");
  auto ok = recruitment().Advance(sys_, id, candidate);
  ASSERT_TRUE(ok) << Describe(ok.error());
  EXPECT_EQ(ok->applicant.stage, Stage::kCandidate);
  EXPECT_EQ(ok->applicant.class_half_hours, 17);  // with the later entry
}

TEST_P(RecruitmentServiceTest, AStepRecordsTheRuleVersionThatDecidedIt) {
  auto a = Must(recruitment().Create(sys_, class_.id, Application(class_, DateOf("2011-05-05"))), "apply");
  int64_t id = a.applicant.id;
  auto activist = Step("activist", "2025-10-01");
  activist.sponsor_ids = std::vector<int64_t>{sponsor_};
  Must(recruitment().Advance(sys_, id, activist), "activist");
  Must(recruitment().AddClassHours(sys_, id, {"2025-11-01", 12, "团课"}), "6 hours");
  auto candidate = Step("candidate", "2026-01-05");
  candidate.introducer_ids = std::vector<int64_t>{sponsor_, introducer_};
  ASSERT_TRUE(ViolatesRule(recruitment().Advance(sys_, id, candidate), "insufficient_class_hours"));

  // The county lowers 2026's minimum to 6 hours: version 1 of 2026 decides the step.
  RuleFields change;
  change.min_class_half_hours = 12;
  Must(RuleService(deps()).Put(sys_, 2026, change), "rules");
  Must(recruitment().Advance(sys_, id, candidate), "candidate");
  auto detail = Must(recruitment().Get(sys_, id), "get");
  ASSERT_FALSE(detail.timeline.empty());
  const auto& last = detail.timeline.back();
  EXPECT_EQ(last.kind, "advance");
  EXPECT_EQ(last.stage_to, Stage::kCandidate);
  EXPECT_EQ(last.rule_year, 2026);
  EXPECT_EQ(last.rule_version, 1);
  // The application was decided by 2025's rules, never saved: the defaults, version 0.
  EXPECT_EQ(detail.timeline.front().kind, "create");
  EXPECT_EQ(detail.timeline.front().rule_year, 2025);
  EXPECT_EQ(detail.timeline.front().rule_version, 0);
}

TEST_P(RecruitmentServiceTest, TheCapsLastPlaceAdmitsAndTheNextIsRefused) {
  // 30 % of 10 students = 3 places; 2 members were admitted before the system.
  Cohort(10, 2);
  Range(1, 100);
  int64_t first = Approved(class_);
  int64_t second = Approved(class_);
  auto admitted = recruitment().Advance(sys_, first, Step("admitted", "2026-03-01"));
  ASSERT_TRUE(admitted) << Describe(admitted.error());
  auto refused = recruitment().Advance(sys_, second, Step("admitted", "2026-03-01"));
  ASSERT_TRUE(ViolatesRule(refused, "quota_exceeded"));
  EXPECT_EQ(refused.error().args.at("cap"), "3");
  EXPECT_EQ(refused.error().args.at("count"), "4");
  // Nothing changed: the file stays approved and the range issued one number.
  EXPECT_EQ(Must(recruitment().Get(sys_, second), "get").row.applicant.stage, Stage::kApproved);
  auto ranges = Must(recruitment().Ranges(sys_, 2026, std::nullopt, true), "ranges");
  ASSERT_EQ(ranges.size(), 1u);
  EXPECT_EQ(ranges[0].range.issued(), 1);

  auto quotas = Must(recruitment().Quotas(sys_, school_.id, true, 2027, {1, 20}), "quotas");
  ASSERT_EQ(quotas.items.size(), 1u);
  EXPECT_EQ(quotas.items[0].cap, 3);
  EXPECT_EQ(quotas.items[0].used(), 3);
  EXPECT_EQ(quotas.items[0].remaining(), 0);
}

TEST_P(RecruitmentServiceTest, AdmissionCreatesTheMemberWithHistoryAndCountsIt) {
  Cohort(100, 0);
  Range(7, 9);
  int64_t id = Approved(class_);
  auto before = Must(members().Stats(sys_, class_.id), "stats").stats.total;
  auto admitted = Must(recruitment().Advance(sys_, id, Step("admitted", "2026-03-01")), "admit");
  ASSERT_TRUE(admitted.applicant.member_id.has_value());
  EXPECT_EQ(admitted.applicant.member_no, "202600000007");
  auto member = Must(members().Get(sys_, *admitted.applicant.member_id), "member");
  EXPECT_EQ(member.member.join_date, DateOf("2026-02-01"));  // seniority from the vote
  EXPECT_EQ(member.member.member_no, "202600000007");
  EXPECT_EQ(member.member.org_id, class_.id);
  EXPECT_EQ(member.member.id_number, admitted.applicant.id_number);
  auto history = Must(members().History(sys_, member.member.id), "history");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].kind, "admission");
  EXPECT_EQ(Must(members().Stats(sys_, class_.id), "stats").stats.total, before + 1);
}

TEST_P(RecruitmentServiceTest, ConcurrentAdmissionsNeverShareANumber) {
  constexpr int kFiles = 6;
  Cohort(1000, 0);
  Range(1, kFiles);
  std::vector<int64_t> files;
  for (int i = 0; i < kFiles + 1; ++i) files.push_back(Approved(class_));
  std::vector<Result<store::ApplicantRow>> results(files.size(), Fail(Error::Internal("not run")));
  std::vector<std::function<void()>> fns;
  for (size_t i = 0; i < files.size(); ++i)
    fns.push_back([&, i] { results[i] = recruitment().Advance(sys_, files[i], Step("admitted", "2026-03-01")); });
  RunWhileAuditHeadHeld(fns);

  std::set<std::string> numbers;
  int exhausted = 0;
  for (const auto& r : results) {
    if (r) {
      numbers.insert(r->applicant.member_no.value_or(""));
    } else {
      EXPECT_TRUE(ViolatesRule(r, "number_range_exhausted"));
      ++exhausted;
    }
  }
  EXPECT_EQ(exhausted, 1);
  std::set<std::string> expected;
  for (int s = 1; s <= kFiles; ++s) expected.insert(domain::FormatMemberNo(2026, 8, s));
  EXPECT_EQ(numbers, expected);
  auto ranges = Must(recruitment().Ranges(sys_, 2026, std::nullopt, true), "ranges");
  ASSERT_EQ(ranges.size(), 1u);
  EXPECT_EQ(ranges[0].range.issued(), kFiles);
  EXPECT_EQ(ranges[0].range.remaining(), 0);
}

TEST_P(RecruitmentServiceTest, ANumberAlreadyRegisteredIsSkipped) {
  Cohort(1000, 0);
  Range(1, 5);
  NewMember m;
  m.birth = DateOf("2010-01-01");
  auto f = NextFields(m);
  f.join_date = "2026-01-10";
  f.member_no = "202600000001";
  Must(members().Create(sys_, class_.id, f), "typed-in member");
  int64_t id = Approved(class_);
  auto admitted = Must(recruitment().Advance(sys_, id, Step("admitted", "2026-03-01")), "admit");
  EXPECT_EQ(admitted.applicant.member_no, "202600000002");
}

TEST_P(RecruitmentServiceTest, ABranchCannotTouchAnotherBranchsFiles) {
  auto a = Must(recruitment().Create(sys_, branch_b_.id, Application(branch_b_, DateOf("2011-05-05"), false)), "apply");
  Actor secretary = StaffActor(branch_a_, Role::kBranchSecretary);
  auto step = Step("rejected", "2026-01-01");
  step.reason = "不符合条件";
  EXPECT_TRUE(FailsWith(recruitment().Advance(secretary, a.applicant.id, step), ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(recruitment().Get(secretary, a.applicant.id), ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(recruitment().AddClassHours(secretary, a.applicant.id, {"2025-11-01", 2, "x"}),
                        ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(recruitment().Create(secretary, branch_b_.id, Application(branch_b_, DateOf("2011-06-06"), false)),
                        ErrorCode::kNotFound));
  // Their own branch's secretary may end it, but may not approve from the branch itself.
  Actor own = StaffActor(branch_b_, Role::kBranchSecretary);
  EXPECT_TRUE(recruitment().Advance(own, a.applicant.id, step));
  Actor staff_at_branch = StaffActor(branch_b_, Role::kCommitteeStaff);
  auto other = Must(recruitment().Create(sys_, branch_b_.id, Application(branch_b_, DateOf("2011-07-07"), false)), "apply");
  EXPECT_TRUE(FailsWith(recruitment().Advance(staff_at_branch, other.applicant.id, Step("approved", "2026-01-01")),
                        ErrorCode::kForbidden));
}

TEST_P(RecruitmentServiceTest, NumberRangesOfOneYearAndWidthMayNotOverlap) {
  Range(1, 100);
  RangeFields overlapping{town2_.id, 2026, 8, 100, 200};
  EXPECT_TRUE(FailsWith(recruitment().CreateRange(sys_, overlapping), ErrorCode::kConflict));
  RangeFields next{town2_.id, 2026, 8, 101, 200};
  EXPECT_TRUE(recruitment().CreateRange(sys_, next));
  RangeFields other_width{town2_.id, 2026, 6, 1, 100};
  EXPECT_TRUE(recruitment().CreateRange(sys_, other_width));
  // Only from the top: a committee's staff below it may not allocate.
  Actor town_staff = StaffActor(town1_, Role::kCommitteeStaff);
  RangeFields mine{town1_.id, 2027, 8, 1, 10};
  EXPECT_TRUE(FailsWith(recruitment().CreateRange(town_staff, mine), ErrorCode::kForbidden));
}

}  // namespace
}  // namespace tj::service::test
