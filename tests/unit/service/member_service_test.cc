// MemberService on both backends: the registration rules as the API sees them (validation
// details per field, conflicts on registered numbers), history of updates with masked numbers,
// search and filters (age bands on a ManualClock), paging, status changes with history and
// audit, and the audit of every reveal.
#include "service/member_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "base/json_writer.h"
#include "unit/service/service_fixture.h"

namespace tj::service::test {
namespace {

using domain::MemberStatus;
using domain::Role;

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// `"key":{"from":..,"to":..}` as the history's changes JSON writes it.
std::string FromTo(std::string_view key, std::string_view from, std::string_view to) {
  return JsonQuote(key) + ":" + JsonObjectWriter().Str("from", from).Str("to", to).str();
}

class MemberServiceTest : public ServiceTest {
 protected:
  int64_t MemberCount() {
    auto c = Conn();
    return Must(c->Query("SELECT COUNT(*) FROM members"), "count").rows.at(0).Int(0);
  }

  // The ids of a list's items, in order.
  static std::vector<int64_t> Ids(const store::Page<store::MemberRow>& p) {
    std::vector<int64_t> out;
    for (const auto& r : p.items) out.push_back(r.member.id);
    return out;
  }
  static std::set<int64_t> IdSet(const store::Page<store::MemberRow>& p) {
    auto v = Ids(p);
    return {v.begin(), v.end()};
  }

  // One page large enough for every member these tests make.
  store::Page<store::MemberRow> ListOf(MemberListRequest r) {
    r.page.size = 100;
    return Must(members().List(sys_, r), "List");
  }

  // Sequence numbers whose ID number for `birth` ends in the check character X.
  static std::string IdEndingInX(Date birth) {
    for (int seq = 1; seq < 1000; ++seq) {
      std::string id = IdNumber(birth, seq);
      if (id.back() == 'X') return id;
    }
    throw std::runtime_error("no ID number ends in X");
  }

  // Fields that pass every check: born 2004-05-06, admitted on the 14th birthday (2018).
  domain::MemberFields ValidFields() {
    domain::MemberFields f;
    f.name = "张晓明";
    f.ethnicity = "汉族";
    f.id_number = IdNumber(DateOf("2004-05-06"), 123);
    f.join_date = "2018-05-06";
    f.member_no = "201800001234";
    f.phone = "13800138000";
    f.education = "senior_high";
    f.occupation = "student";
    return f;
  }
};

TEST_P(MemberServiceTest, CreateReportsEachInvalidFieldInTheDetails) {
  const Date today = Today();  // 2026-03-02
  struct Case {
    const char* what;
    std::function<void(domain::MemberFields&)> change;
    const char* field;
    const char* code;
  };
  const std::string bad_check = [] {
    std::string id = IdNumber(DateOf("2004-05-06"), 123);
    id.back() = id.back() == '1' ? '2' : '1';
    return id;
  }();
  const std::vector<Case> cases = {
      {"no name", [](auto& f) { f.name = "  "; }, "name", "required"},
      {"51 characters", [](auto& f) { f.name = Repeat("张", 51); }, "name", "too_long"},
      {"wrong check character", [&](auto& f) { f.id_number = bad_check; }, "id_number", "checksum"},
      {"short ID number", [](auto& f) { f.id_number = "22082120040506"; }, "id_number", "format"},
      {"no such birth day",
       [](auto& f) {
         const std::string first17 = "22082120040230123";
         f.id_number = first17 + ResidentIdCheckChar(first17);
       },
       "id_number", "birth_date"},
      {"born in the future", [&](auto& f) { f.id_number = IdNumber(AddDays(today, 1), 123); },
       "id_number", "birth_date"},
      {"no ID number", [](auto& f) { f.id_number.reset(); }, "id_number", "required"},
      {"unknown ethnicity", [](auto& f) { f.ethnicity = "火星族"; }, "ethnicity", "invalid_enum"},
      {"no ethnicity", [](auto& f) { f.ethnicity = ""; }, "ethnicity", "required"},
      {"unreadable join date", [](auto& f) { f.join_date = "2018-13-01"; }, "join_date",
       "invalid_format"},
      {"join date tomorrow",
       [&](auto& f) {
         f.join_date = FormatDate(AddDays(today, 1));
         f.member_no = "2026" + std::string("00001234");
       },
       "join_date", "in_future"},
      {"joined the day before the 14th birthday", [](auto& f) { f.join_date = "2018-05-05"; },
       "join_date", "before_14th_birthday"},
      {"joined on the 28th birthday",
       [](auto& f) {
         f.id_number = IdNumber(DateOf("1996-01-10"), 7);
         f.join_date = "2024-01-10";
         f.member_no = "202400001234";
       },
       "join_date", "age_out_of_range"},
      {"no member number since 2017", [](auto& f) { f.member_no = ""; }, "member_no",
       "required_since_2017"},
      {"member number of another year", [](auto& f) { f.member_no = "201900001234"; }, "member_no",
       "year_mismatch"},
      {"member number with letters", [](auto& f) { f.member_no = "2018AB001234"; }, "member_no",
       "invalid_format"},
      {"short member number", [](auto& f) { f.member_no = "2018123"; }, "member_no",
       "invalid_format"},
      {"phone number", [](auto& f) { f.phone = "1380013800"; }, "phone", "invalid_format"},
      {"phone number starting 12", [](auto& f) { f.phone = "12800138000"; }, "phone",
       "invalid_format"},
      {"unknown education", [](auto& f) { f.education = "phd"; }, "education", "invalid_enum"},
      {"no education", [](auto& f) { f.education.reset(); }, "education", "required"},
      {"unknown occupation", [](auto& f) { f.occupation = "astronaut"; }, "occupation",
       "invalid_enum"},
      {"no occupation", [](auto& f) { f.occupation = ""; }, "occupation", "required"},
  };
  const int64_t head = AuditHead();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    auto f = ValidFields();
    c.change(f);
    auto r = members().Create(sys_, branch_a_.id, f);
    ASSERT_TRUE(FailsWith(r, ErrorCode::kValidationFailed));
    EXPECT_EQ(r.error().details.size(), 1u) << Describe(r.error());
    EXPECT_TRUE(HasDetail(r.error(), c.field, c.code)) << Describe(r.error());
  }
  EXPECT_EQ(MemberCount(), 0);
  EXPECT_EQ(AuditHead(), head);

  // Several problems at once: one detail each; a missing org comes first.
  domain::MemberFields empty;
  auto r = members().Create(sys_, std::nullopt, empty);
  ASSERT_TRUE(FailsWith(r, ErrorCode::kValidationFailed));
  ASSERT_FALSE(r.error().details.empty());
  EXPECT_EQ(r.error().details.front().field, "org_id");
  for (const char* field :
       {"name", "id_number", "ethnicity", "join_date", "education", "occupation"})
    EXPECT_TRUE(HasDetail(r.error(), field, "required")) << field << ": " << Describe(r.error());
  auto no_org = members().Create(sys_, std::nullopt, ValidFields());
  ASSERT_TRUE(FailsWith(no_org, ErrorCode::kValidationFailed));
  EXPECT_EQ(no_org.error().details.size(), 1u);
  EXPECT_TRUE(HasDetail(no_org.error(), "org_id", "required"));

  // The edges that pass: 50 characters; admitted on the 14th birthday; before 2017 without a
  // number; an ethnicity without 族; a landline; a final lower-case x.
  auto fifty = ValidFields();
  fifty.name = Repeat("张", 50);
  auto ok = members().Create(sys_, branch_a_.id, fifty);
  ASSERT_TRUE(ok) << Describe(ok.error());
  EXPECT_EQ(ok->member.birth_date, DateOf("2004-05-06"));
  EXPECT_EQ(ok->member.gender, Gender::kMale);  // sequence 123 is odd
  EXPECT_EQ(ok->member.status, MemberStatus::kActive);
  EXPECT_EQ(ok->member.status_date, DateOf("2018-05-06"));
  auto old = ValidFields();
  old.id_number = IdEndingInX(DateOf("2000-02-29"));
  std::transform(old.id_number->begin(), old.id_number->end(), old.id_number->begin(),
                 [](char ch) { return ch == 'X' ? 'x' : ch; });
  old.join_date = "2016-06-01";
  old.member_no = "";
  old.ethnicity = "蒙古";
  old.phone = "0436-1234567";
  auto ok2 = members().Create(sys_, branch_a_.id, old);
  ASSERT_TRUE(ok2) << Describe(ok2.error());
  EXPECT_EQ(ok2->member.id_number.back(), 'X');
  EXPECT_EQ(ok2->member.ethnicity, "蒙古族");
  EXPECT_FALSE(ok2->member.member_no.has_value());
  EXPECT_EQ(ok2->member.phone, "0436-1234567");
}

TEST_P(MemberServiceTest, CreateWritesHistoryAuditAndTheIndex) {
  const int64_t head = AuditHead();
  auto m = Must(members().Create(sys_, branch_a_.id, ValidFields()), "Create");
  auto h = Must(members().History(sys_, m.member.id), "History");
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].kind, "create");
  EXPECT_EQ(h[0].status_to, MemberStatus::kActive);
  EXPECT_EQ(h[0].effective_date, DateOf("2018-05-06"));
  EXPECT_EQ(h[0].actor_username, "system");
  EXPECT_NE(h[0].changes.find(JsonQuote("id_number") + ":" +
                              JsonObjectWriter().Str("to", MaskIdNumber(m.member.id_number)).str()),
            std::string::npos)
      << h[0].changes;
  EXPECT_EQ(h[0].changes.find(m.member.id_number), std::string::npos);
  EXPECT_EQ(h[0].changes.find("13800138000"), std::string::npos);
  auto audit = AuditAfter(head);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "member.create");
  EXPECT_EQ(audit[0].object_id, m.member.id);
  EXPECT_EQ(audit[0].org_id, branch_a_.id);
  EXPECT_EQ(Must(members().Stats(sys_, town1_.id), "Stats").stats.total, 1);

  // Into a closed branch: refused by rule.
  auto closed = MakeOrg(town2_.id, "branch", "Z");
  Must(orgs().Close(sys_, closed.id, "合并"), "Close");
  EXPECT_TRUE(ViolatesRule(members().Create(sys_, closed.id, NextFields(DateOf("2005-01-01"))),
                           "org_closed"));
}

// Members belong to a branch or general branch (DOMAIN.md, Organization tree); the service's
// contract names the rule org_not_branch.
TEST_P(MemberServiceTest, CreateRefusesAnOrgThatIsNotABranch) {
  const int64_t head = AuditHead();
  for (const auto* org : {&root_, &town1_}) {
    SCOPED_TRACE(org->code);
    auto r = members().Create(sys_, org->id, NextFields(DateOf("2005-01-01")));
    EXPECT_TRUE(ViolatesRule(r, "org_not_branch"));
  }
  EXPECT_EQ(MemberCount(), 0);
  EXPECT_EQ(AuditHead(), head);
  // Nor through an import that names no branch.
  auto f = NextFields(DateOf("2005-02-02"));
  const std::string csv = "姓名,身份证号码,民族,入团时间,团员编号,学历,职业\n" + *f.name + "," +
                          *f.id_number + ",汉族," + *f.join_date + "," + *f.member_no +
                          ",高中,学生\n";
  auto imported = imports().Import(sys_, town1_.id, csv, false);
  EXPECT_FALSE(imported) << "imported " << (imported ? imported->imported : 0)
                         << " members into a committee";
  EXPECT_EQ(MemberCount(), 0);
  // A general branch holds members.
  auto general = MakeOrg(town1_.id, "general_branch", "GB");
  EXPECT_TRUE(members().Create(sys_, general.id, NextFields(DateOf("2005-01-01"))));
}

TEST_P(MemberServiceTest, RegisteredIdOrMemberNumberIsAConflictOnThatField) {
  auto first = Must(members().Create(sys_, branch_a_.id, ValidFields()), "Create");
  const int64_t head = AuditHead();

  auto same_id = ValidFields();
  same_id.member_no = "201800009999";
  auto r = members().Create(sys_, branch_b_.id, same_id);
  ASSERT_TRUE(FailsWith(r, ErrorCode::kConflict));
  EXPECT_TRUE(HasDetail(r.error(), "id_number")) << Describe(r.error());
  EXPECT_FALSE(HasDetail(r.error(), "member_no")) << Describe(r.error());
  // The branch secretary of another branch learns the same (the number is registered).
  auto sec_b = StaffActor(branch_b_, Role::kBranchSecretary);
  EXPECT_TRUE(FailsWith(members().Create(sec_b, branch_b_.id, same_id), ErrorCode::kConflict));
  EXPECT_EQ(AuditHead(), head);
  EXPECT_EQ(MemberCount(), 1);

  // An X written in lower case is the same number.
  auto x = ValidFields();
  x.id_number = IdEndingInX(DateOf("2003-03-03"));
  x.join_date = "2017-03-03";
  x.member_no = "201700000001";
  Must(members().Create(sys_, branch_a_.id, x), "Create X");
  auto lower = x;
  std::replace(lower.id_number->begin(), lower.id_number->end(), 'X', 'x');
  lower.member_no = "201700000002";
  auto r_lower = members().Create(sys_, branch_b_.id, lower);
  ASSERT_TRUE(FailsWith(r_lower, ErrorCode::kConflict));
  EXPECT_TRUE(HasDetail(r_lower.error(), "id_number"));

  auto same_no = NextFields(DateOf("2004-09-09"));
  same_no.member_no = first.member.member_no;
  same_no.join_date = "2018-09-09";
  auto r2 = members().Create(sys_, branch_b_.id, same_no);
  ASSERT_TRUE(FailsWith(r2, ErrorCode::kConflict));
  EXPECT_TRUE(HasDetail(r2.error(), "member_no")) << Describe(r2.error());
  EXPECT_FALSE(HasDetail(r2.error(), "id_number")) << Describe(r2.error());

  // The same on update.
  auto other =
      Must(members().Create(sys_, branch_a_.id, NextFields(DateOf("2004-10-10"))), "Create other");
  const int64_t before_updates = AuditHead();
  domain::MemberFields take_id;
  take_id.id_number = first.member.id_number;
  auto u = members().Update(sys_, other.member.id, take_id);
  ASSERT_TRUE(FailsWith(u, ErrorCode::kConflict));
  EXPECT_TRUE(HasDetail(u.error(), "id_number")) << Describe(u.error());
  domain::MemberFields take_no;
  take_no.member_no = first.member.member_no;
  take_no.join_date = "2018-10-10";
  auto u2 = members().Update(sys_, other.member.id, take_no);
  ASSERT_TRUE(FailsWith(u2, ErrorCode::kConflict));
  EXPECT_TRUE(HasDetail(u2.error(), "member_no")) << Describe(u2.error());
  EXPECT_EQ(AuditHead(), before_updates);
  EXPECT_EQ(Must(members().History(sys_, other.member.id), "History").size(), 1u);
  EXPECT_EQ(MemberCount(), 3);
}

TEST_P(MemberServiceTest, UpdateKeepsHistoryWithMaskedFromAndTo) {
  auto m = Must(members().Create(sys_, branch_a_.id, ValidFields()), "Create");
  clock_.Advance(std::chrono::hours(2));
  const int64_t head = AuditHead();
  const std::string old_id = m.member.id_number;
  const std::string new_id = IdNumber(DateOf("2004-05-05"), 124);  // a woman, a day older
  domain::MemberFields patch;
  patch.name = "张晓红";
  patch.id_number = new_id;
  patch.phone = "13912345678";
  patch.education = "bachelor";
  auto u = members().Update(sys_, m.member.id, patch);
  ASSERT_TRUE(u) << Describe(u.error());
  EXPECT_EQ(u->member.name, "张晓红");
  EXPECT_EQ(u->member.id_number, new_id);
  EXPECT_EQ(u->member.gender, Gender::kFemale);
  EXPECT_EQ(u->member.birth_date, DateOf("2004-05-05"));
  EXPECT_EQ(u->member.phone, "13912345678");
  EXPECT_EQ(u->member.join_date, m.member.join_date);  // untouched fields stay

  auto h = Must(members().History(sys_, m.member.id), "History");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[1].kind, "update");
  EXPECT_EQ(h[1].at, clock_.Now());
  const std::string& ch = h[1].changes;
  EXPECT_NE(ch.find(FromTo("name", "张晓明", "张晓红")), std::string::npos) << ch;
  EXPECT_NE(ch.find(FromTo("id_number", MaskIdNumber(old_id), MaskIdNumber(new_id))),
            std::string::npos)
      << ch;
  EXPECT_NE(ch.find(FromTo("phone", MaskPhone("13800138000"), MaskPhone("13912345678"))),
            std::string::npos)
      << ch;
  EXPECT_NE(ch.find(FromTo("education", "senior_high", "bachelor")), std::string::npos) << ch;
  EXPECT_EQ(ch.find("join_date"), std::string::npos) << ch;  // unchanged
  for (const auto& clear : {old_id, new_id, std::string("13800138000"), std::string("13912345678")})
    EXPECT_EQ(ch.find(clear), std::string::npos) << "clear number in history: " << ch;

  auto audit = AuditAfter(head);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "member.update");
  EXPECT_EQ(audit[0].object_id, m.member.id);
  EXPECT_EQ(audit[0].summary, ch);

  // A patch that changes nothing writes neither history nor audit.
  domain::MemberFields same;
  same.name = "张晓红";
  ASSERT_TRUE(members().Update(sys_, m.member.id, same));
  EXPECT_EQ(Must(members().History(sys_, m.member.id), "History").size(), 2u);
  EXPECT_EQ(AuditHead(), head + 1);

  // A patch that breaks a rule changes nothing.
  domain::MemberFields bad;
  bad.join_date = "2018-05-04";  // the day before the (new) 14th birthday
  auto r = members().Update(sys_, m.member.id, bad);
  ASSERT_TRUE(FailsWith(r, ErrorCode::kValidationFailed));
  EXPECT_TRUE(HasDetail(r.error(), "join_date", "before_14th_birthday"));
  EXPECT_EQ(Must(members().Get(sys_, m.member.id), "Get").member.join_date, DateOf("2018-05-06"));

  // Clearing the phone number.
  domain::MemberFields clear_phone;
  clear_phone.phone = "";
  auto cleared = Must(members().Update(sys_, m.member.id, clear_phone), "Update");
  EXPECT_FALSE(cleared.member.phone.has_value());
}

// "Every change keeps history": a corrected ID or phone number whose masked form happens to be
// the same (the middle digits differ) is still a change and must be recorded and audited.
TEST_P(MemberServiceTest, UpdateRecordsANumberChangeHiddenByTheMask) {
  // Two ID numbers with the same first six and last four characters: other birth dates, same
  // sequence and check character.
  const std::string old_id = IdNumber(DateOf("2004-05-06"), 123);
  std::string new_id;
  for (int day = 1; day <= 28 && new_id.empty(); ++day) {
    std::string id = IdNumber(
        Date{std::chrono::year(2004), std::chrono::January, std::chrono::day(unsigned(day))}, 123);
    if (id.substr(14) == old_id.substr(14)) new_id = id;
  }
  ASSERT_FALSE(new_id.empty());
  ASSERT_EQ(MaskIdNumber(new_id), MaskIdNumber(old_id));
  auto f = ValidFields();
  f.id_number = old_id;
  auto m = Must(members().Create(sys_, branch_a_.id, f), "Create");
  const int64_t head = AuditHead();

  domain::MemberFields patch;
  patch.id_number = new_id;
  auto u = members().Update(sys_, m.member.id, patch);
  ASSERT_TRUE(u) << Describe(u.error());
  EXPECT_EQ(u->member.id_number, new_id);
  auto h = Must(members().History(sys_, m.member.id), "History");
  ASSERT_EQ(h.size(), 2u) << "the ID number correction left no history";
  EXPECT_NE(h[1].changes.find("id_number"), std::string::npos) << h[1].changes;
  EXPECT_EQ(h[1].changes.find(new_id), std::string::npos) << h[1].changes;
  EXPECT_EQ(AuditHead(), head + 1) << "the ID number correction was not audited";

  domain::MemberFields phone;
  phone.phone = "13800238000";  // 138****8000 like 13800138000
  ASSERT_EQ(MaskPhone("13800238000"), MaskPhone("13800138000"));
  ASSERT_TRUE(members().Update(sys_, m.member.id, phone));
  h = Must(members().History(sys_, m.member.id), "History");
  ASSERT_EQ(h.size(), 3u) << "the phone number change left no history";
  EXPECT_NE(h[2].changes.find("phone"), std::string::npos) << h[2].changes;
}

TEST_P(MemberServiceTest, SearchFindsByIdNumberPhoneMemberNumberAndNameFragment) {
  NewMember a;
  a.birth = DateOf("2003-03-03");
  a.name = "王小明";
  a.phone = "13512345678";
  auto ma = MakeMember(branch_a_, a);
  auto fx = NextFields(DateOf("2004-04-04"));
  fx.id_number = IdEndingInX(DateOf("2004-04-04"));
  fx.name = "李小红";
  auto mx = Must(members().Create(sys_, branch_b_.id, fx), "Create X");
  NewMember c;
  c.birth = DateOf("2005-05-05");
  c.name = "王大力";
  auto mc = MakeMember(branch_c_, c);

  auto q = [&](std::string text) {
    MemberListRequest r;
    r.q = std::move(text);
    return IdSet(ListOf(r));
  };
  using S = std::set<int64_t>;
  EXPECT_EQ(q(ma.member.id_number), S{ma.member.id});
  EXPECT_EQ(q(mx.member.id_number), S{mx.member.id});
  std::string lower = mx.member.id_number;
  lower.back() = 'x';
  EXPECT_EQ(q(lower), S{mx.member.id});
  EXPECT_EQ(q(" " + ma.member.id_number + " "), S{ma.member.id});
  EXPECT_EQ(q("13512345678"), S{ma.member.id});
  EXPECT_EQ(q("13512345679"), S{});
  EXPECT_EQ(q(*mc.member.member_no), S{mc.member.id});
  EXPECT_EQ(q("小"), (S{ma.member.id, mx.member.id}));
  EXPECT_EQ(q("王"), (S{ma.member.id, mc.member.id}));
  EXPECT_EQ(q("大力"), S{mc.member.id});
  EXPECT_EQ(q("赵"), S{});
  // Partial numbers find nothing: lookups are exact.
  EXPECT_EQ(q(ma.member.id_number.substr(0, 17)), S{});
  EXPECT_EQ(q("1351234567"), S{});
  EXPECT_EQ(q("%"), S{});  // LIKE wildcards are literal

  // The search stays within the org asked for.
  MemberListRequest in_town2;
  in_town2.org_id = town2_.id;
  in_town2.q = "王";
  EXPECT_EQ(IdSet(ListOf(in_town2)), S{mc.member.id});
  MemberListRequest not_subtree;
  not_subtree.org_id = town1_.id;
  not_subtree.subtree = false;
  EXPECT_EQ(ListOf(not_subtree).total, 0);
}

TEST_P(MemberServiceTest, FiltersByStatusGenderEducationOccupationSectorAndCadre) {
  auto school =
      Must(orgs().Create(sys_, town2_.id, OrgFieldsOf("branch", "S1", "school")), "S1").org;
  NewMember w;
  w.birth = DateOf("2004-01-01");
  w.gender = Gender::kFemale;
  w.education = "bachelor";
  w.occupation = "farmer";
  auto woman = MakeMember(branch_a_, w);
  auto pupil = MakeMember(school, DateOf("2009-09-09"));
  auto gone = MakeMember(branch_a_, DateOf("2002-02-02"));
  auto cadre = MakeMember(branch_b_, DateOf("2000-06-06"));
  auto former = MakeMember(branch_b_, DateOf("2001-07-07"));
  Must(members().ChangeStatus(sys_, gone.member.id, "withdrawn", FormatDate(Today()), "本人申请"),
       "ChangeStatus");
  auto lost = MakeMember(branch_c_, DateOf("2003-08-08"));
  Must(
      members().ChangeStatus(sys_, lost.member.id, "lost_contact", FormatDate(Today()), "联系不上"),
      "ChangeStatus");
  CadreFields cf;
  cf.member_id = cadre.member.id;
  cf.org_id = branch_b_.id;
  cf.post = "secretary";
  cf.term_start = "2025-01-01";
  Must(members().CreateCadre(sys_, cf), "cadre");
  cf.member_id = former.member.id;
  cf.term_end = FormatDate(AddDays(Today(), -1));
  Must(members().CreateCadre(sys_, cf), "former cadre");

  using S = std::set<int64_t>;
  auto ids = [&](MemberListRequest r) { return IdSet(ListOf(r)); };
  MemberListRequest r;
  const S in_standing{woman.member.id, pupil.member.id, cadre.member.id, former.member.id,
                      lost.member.id};
  EXPECT_EQ(ids(r), in_standing);  // default: in standing (lost contact included)
  r.status = "in_standing";
  EXPECT_EQ(ids(r), in_standing);
  r.status = "all";
  EXPECT_EQ(ListOf(r).total, 6);
  r.status = "withdrawn";
  EXPECT_EQ(ids(r), S{gone.member.id});
  r.status = "lost_contact";
  EXPECT_EQ(ids(r), S{lost.member.id});
  r.status = "retired";
  EXPECT_TRUE(FailsWith(members().List(sys_, r), ErrorCode::kBadRequest));

  MemberListRequest g;
  g.gender = Gender::kFemale;
  EXPECT_EQ(ids(g), S{woman.member.id});
  MemberListRequest e;
  e.education = domain::Education::kBachelor;
  EXPECT_EQ(ids(e), S{woman.member.id});
  MemberListRequest o;
  o.occupation = domain::Occupation::kFarmer;
  EXPECT_EQ(ids(o), S{woman.member.id});
  MemberListRequest sec;
  sec.sector = domain::Sector::kSchool;
  EXPECT_EQ(ids(sec), S{pupil.member.id});
  MemberListRequest eth;
  eth.ethnicity = "汉族";
  EXPECT_EQ(ids(eth), in_standing);
  eth.ethnicity = "回族";
  EXPECT_EQ(ids(eth), S{});

  MemberListRequest cad;
  cad.is_cadre = true;
  auto cadres = ListOf(cad);
  EXPECT_EQ(IdSet(cadres), S{cadre.member.id});
  EXPECT_TRUE(cadres.items.at(0).member.is_cadre);
  cad.is_cadre = false;
  EXPECT_EQ(ids(cad), (S{woman.member.id, pupil.member.id, former.member.id, lost.member.id}));
  EXPECT_FALSE(Must(members().Get(sys_, former.member.id), "Get").member.is_cadre);
  EXPECT_TRUE(Must(members().Get(sys_, cadre.member.id), "Get").member.is_cadre);

  // Filters combine.
  MemberListRequest both;
  both.gender = Gender::kMale;
  both.org_id = town1_.id;
  EXPECT_EQ(ids(both), (S{cadre.member.id, former.member.id}));
}

TEST_P(MemberServiceTest, AgeBandsTurnOnTheBirthday) {
  const Date today = Today();
  auto band = [&](domain::AgeBand b) {
    MemberListRequest r;
    r.age_band = b;
    return IdSet(ListOf(r));
  };
  using S = std::set<int64_t>;
  using domain::AgeBand;
  auto eighteen = MakeMember(branch_a_, YearsBefore(today, 18));            // 18 today
  auto almost = MakeMember(branch_a_, AddDays(YearsBefore(today, 18), 1));  // 18 tomorrow
  auto fourteen = MakeMember(branch_b_, YearsBefore(today, 14));            // 14 today
  auto twenty_three = MakeMember(branch_b_, YearsBefore(today, 23));
  auto twenty_two = MakeMember(branch_b_, AddDays(YearsBefore(today, 23), 1));
  auto twenty_six = MakeMember(branch_c_, YearsBefore(today, 26));
  auto twenty_eight = MakeMember(branch_c_, AddDays(YearsBefore(today, 29), 1));  // 29 tomorrow
  auto twenty_nine = MakeMember(branch_c_, YearsBefore(today, 29));  // not yet aged out

  EXPECT_EQ(band(AgeBand::k14To17), (S{almost.member.id, fourteen.member.id}));
  EXPECT_EQ(band(AgeBand::k18To22), (S{eighteen.member.id, twenty_two.member.id}));
  EXPECT_EQ(band(AgeBand::k23To25), S{twenty_three.member.id});
  EXPECT_EQ(band(AgeBand::k26To28), (S{twenty_six.member.id, twenty_eight.member.id}));
  // "other" is everyone outside 14–28 today: here the member who turned 29.
  EXPECT_EQ(band(AgeBand::kOther), S{twenty_nine.member.id});

  // The statistics count the same bands.
  auto s = Must(members().Stats(sys_, root_.id), "Stats").stats;
  EXPECT_EQ(s.by_age_band[size_t(AgeBand::k14To17)], 2);
  EXPECT_EQ(s.by_age_band[size_t(AgeBand::k18To22)], 2);
  EXPECT_EQ(s.by_age_band[size_t(AgeBand::k23To25)], 1);
  EXPECT_EQ(s.by_age_band[size_t(AgeBand::k26To28)], 2);
  EXPECT_EQ(s.by_age_band[size_t(AgeBand::kOther)], 1);

  // A day later the one who was 17 is 18.
  SetToday(AddDays(today, 1));
  EXPECT_EQ(band(AgeBand::k14To17), S{fourteen.member.id});
  EXPECT_EQ(band(AgeBand::k18To22), (S{eighteen.member.id, almost.member.id}));
  EXPECT_EQ(band(AgeBand::k23To25), (S{twenty_three.member.id, twenty_two.member.id}));
  EXPECT_EQ(band(AgeBand::k26To28), S{twenty_six.member.id});
  // The statistics keep the day they were built on until the daily rebuild moves them along.
  EXPECT_EQ(Must(members().Stats(sys_, root_.id), "Stats").stats, s);
  Must(members().RebuildIndex(), "RebuildIndex");
  s = Must(members().Stats(sys_, root_.id), "Stats").stats;
  EXPECT_EQ(s.by_age_band[size_t(AgeBand::k14To17)], 1);
  EXPECT_EQ(s.by_age_band[size_t(AgeBand::k18To22)], 2);
  EXPECT_EQ(s.by_age_band[size_t(AgeBand::k23To25)], 2);
  EXPECT_EQ(s.by_age_band[size_t(AgeBand::k26To28)], 1);
  EXPECT_EQ(s.by_age_band[size_t(AgeBand::kOther)], 2);
}

TEST_P(MemberServiceTest, PagesCarryTheTotal) {
  std::vector<int64_t> made;
  for (int i = 0; i < 5; ++i) made.push_back(MakeMemberAged(branch_a_, 20 + i).member.id);
  MemberListRequest r;
  r.page.size = 2;
  std::vector<int64_t> seen;
  for (int64_t page = 1; page <= 3; ++page) {
    r.page.page = page;
    auto p = Must(members().List(sys_, r), "List");
    EXPECT_EQ(p.total, 5);
    EXPECT_EQ(p.items.size(), page < 3 ? 2u : 1u);
    for (auto id : Ids(p)) seen.push_back(id);
  }
  r.page.page = 4;
  auto past = Must(members().List(sys_, r), "List");
  EXPECT_EQ(past.total, 5);
  EXPECT_TRUE(past.items.empty());
  std::sort(seen.begin(), seen.end());
  std::sort(made.begin(), made.end());
  EXPECT_EQ(seen, made);  // every member once
}

TEST_P(MemberServiceTest, StatusChangeWritesHistoryAndAuditAndFinalStatusesStay) {
  auto m = MakeMemberAged(branch_a_, 22);
  const Date today = Today();
  const int64_t head = AuditHead();
  const std::string when = FormatDate(AddDays(today, -3));
  auto r = members().ChangeStatus(sys_, m.member.id, "mobile", when, " 外出务工 ");
  ASSERT_TRUE(r) << Describe(r.error());
  EXPECT_EQ(r->member.status, MemberStatus::kMobile);
  EXPECT_EQ(r->member.status_date, AddDays(today, -3));

  auto h = Must(members().History(sys_, m.member.id), "History");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[1].kind, "status");
  EXPECT_EQ(h[1].status_from, MemberStatus::kActive);
  EXPECT_EQ(h[1].status_to, MemberStatus::kMobile);
  EXPECT_EQ(h[1].effective_date, AddDays(today, -3));
  EXPECT_EQ(h[1].reason, "外出务工");
  EXPECT_EQ(h[1].at, clock_.Now());
  auto audit = AuditAfter(head);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "member.status");
  EXPECT_EQ(audit[0].object_type, "member");
  EXPECT_EQ(audit[0].object_id, m.member.id);
  EXPECT_EQ(audit[0].org_id, branch_a_.id);
  EXPECT_EQ(audit[0].summary, JsonObjectWriter()
                                  .Str("from", "active")
                                  .Str("to", "mobile")
                                  .Str("date", when)
                                  .Str("reason", "外出务工")
                                  .str());

  // Checks: one detail per problem, nothing written.
  const int64_t after = AuditHead();
  struct Case {
    const char* what;
    std::string status, date, reason;
    const char* field;
    const char* code;
  };
  const std::vector<Case> cases = {
      {"tomorrow", "active", FormatDate(AddDays(today, 1)), "回来了", "date", "in_future"},
      {"no date", "active", "", "回来了", "date", "required"},
      {"bad date", "active", "2026-02-30", "回来了", "date", "invalid_format"},
      {"no status", "", FormatDate(today), "回来了", "status", "required"},
      {"unknown status", "retired", FormatDate(today), "回来了", "status", "invalid_enum"},
      {"transfers are a workflow", "transferred_out", FormatDate(today), "调走", "status",
       "invalid_enum"},
      {"no reason", "active", FormatDate(today), "  ", "reason", "required"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    auto bad = members().ChangeStatus(sys_, m.member.id, c.status, c.date, c.reason);
    ASSERT_TRUE(FailsWith(bad, ErrorCode::kValidationFailed));
    EXPECT_EQ(bad.error().details.size(), 1u) << Describe(bad.error());
    EXPECT_TRUE(HasDetail(bad.error(), c.field, c.code)) << Describe(bad.error());
  }
  // Today is allowed.
  ASSERT_TRUE(members().ChangeStatus(sys_, m.member.id, "active", FormatDate(today), "回来了"));

  // Ending statuses are final.
  ASSERT_TRUE(members().ChangeStatus(sys_, m.member.id, "expelled", FormatDate(today), "严重违纪"));
  const int64_t final_head = AuditHead();
  EXPECT_EQ(final_head, after + 2);
  for (const char* to : {"active", "mobile", "withdrawn", "deceased"}) {
    SCOPED_TRACE(to);
    EXPECT_TRUE(ViolatesRule(
        members().ChangeStatus(sys_, m.member.id, to, FormatDate(today), "改回"), "status_final"));
  }
  EXPECT_EQ(AuditHead(), final_head);
  EXPECT_EQ(Must(members().Get(sys_, m.member.id), "Get").member.status, MemberStatus::kExpelled);
  EXPECT_EQ(Must(members().History(sys_, m.member.id), "History").size(), 4u);
  // The default list no longer shows the member; the statistics count it by status only.
  EXPECT_EQ(ListOf({}).total, 0);
  auto s = Must(members().Stats(sys_, branch_a_.id), "Stats").stats;
  EXPECT_EQ(s.total, 0);
  EXPECT_EQ(s.by_status[size_t(MemberStatus::kExpelled)], 1);
}

TEST_P(MemberServiceTest, EachRevealIsAuditedAndNeedsThePermission) {
  auto m1 = MakeMemberAged(branch_a_, 20);
  auto m2 = MakeMemberAged(branch_a_, 21);
  const Actor sec = StaffActor(branch_a_, Role::kBranchSecretary);
  ASSERT_TRUE(members().MayReveal(sec));
  const int64_t head = AuditHead();
  auto page = Must(members().List(sec, {}), "List");
  ASSERT_EQ(page.items.size(), 2u);
  ASSERT_TRUE(members().AuditReveal(sec, page.items));
  auto audit = AuditAfter(head);
  ASSERT_EQ(audit.size(), 2u);
  std::set<int64_t> revealed;
  for (const auto& a : audit) {
    EXPECT_EQ(a.action, "member.reveal");
    EXPECT_EQ(a.object_type, "member");
    EXPECT_EQ(a.org_id, branch_a_.id);
    EXPECT_EQ(a.actor_username, "staff");
    EXPECT_EQ(a.client_address, "192.0.2.20");
    revealed.insert(a.object_id.value_or(0));
  }
  EXPECT_EQ(revealed, (std::set<int64_t>{m1.member.id, m2.member.id}));
  // Nothing to reveal, nothing recorded.
  ASSERT_TRUE(members().AuditReveal(sec, {}));
  EXPECT_EQ(AuditHead(), head + 2);

  for (Role role : {Role::kSystemAdmin, Role::kMember}) {
    const Actor no = StaffActor(branch_a_, role);
    EXPECT_FALSE(members().MayReveal(no));
    EXPECT_TRUE(FailsWith(members().AuditReveal(no, {m1}), ErrorCode::kForbidden));
  }
  EXPECT_EQ(AuditHead(), head + 2);
}

TJ_INSTANTIATE_BACKENDS(MemberServiceTest);

}  // namespace
}  // namespace tj::service::test
