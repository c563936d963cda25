// MemberImportService on both backends: all-or-nothing imports with every bad cell reported
// (row from 1 at the first data row, the column's Chinese header as the field), dry runs,
// numbers already registered, GBK CSV and XLSX uploads, the annotated copy of a rejected file,
// the template, and exports with masked numbers.
#include "service/member_import.h"

#include <gtest/gtest.h>
#include <iconv.h>

#include <cstdint>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "sheet/sheet.h"
#include "unit/service/service_fixture.h"

namespace tj::service::test {
namespace {

const std::vector<std::string> kHeader = {"姓名",     "身份证号码", "民族", "入团时间",
                                          "团员编号", "手机号码",   "学历", "职业"};

// `utf8` re-encoded as GBK with glibc's iconv (what Chinese Excel and WPS save).
std::string ToGbk(const std::string& utf8) {
  iconv_t cd = iconv_open("GBK", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(static_cast<intptr_t>(-1)))
    throw std::runtime_error("iconv_open GBK");
  std::string in = utf8;
  std::string out(in.size() * 2 + 16, '\0');
  char* ip = in.data();
  size_t il = in.size();
  char* op = out.data();
  size_t ol = out.size();
  const size_t r = iconv(cd, &ip, &il, &op, &ol);
  iconv_close(cd);
  if (r == static_cast<size_t>(-1)) throw std::runtime_error("iconv to GBK failed");
  out.resize(out.size() - ol);
  return out;
}

std::string ToCsv(const sheet::Table& t) {
  auto line = [](const std::vector<std::string>& cells) {
    std::string s;
    for (size_t i = 0; i < cells.size(); ++i) s += (i ? "," : "") + cells[i];
    return s + "\r\n";
  };
  std::string out = line(t.header);
  for (const auto& r : t.rows) out += line(r);
  return out;
}

class MemberImportTest : public ServiceTest {
 protected:
  // One valid row: a member born between 1999 and 2011, every third one a woman, every fifth
  // without a phone.
  std::vector<std::string> ValidRow(int i) {
    NewMember m;
    m.birth = AddDays(DateOf("1999-01-01"), (i * 37) % 4300);
    m.gender = i % 3 == 0 ? Gender::kFemale : Gender::kMale;
    auto f = NextFields(m);
    static const char* kEdu[] = {"高中", "大学本科", "大专", "中专", "初中", "研究生"};
    static const char* kOcc[] = {"学生", "农民", "工人", "企业职员", "自由职业"};
    char phone[16];
    std::snprintf(phone, sizeof phone, "139%08d", i);
    return {"团员" + std::to_string(i),
            *f.id_number,
            i % 7 == 0 ? "蒙古族" : "汉族",
            *f.join_date,
            f.member_no.value_or(""),
            i % 5 == 0 ? "" : phone,
            kEdu[i % 6],
            kOcc[i % 5]};
  }

  sheet::Table ValidTable(int n) {
    sheet::Table t;
    t.header = kHeader;
    for (int i = 1; i <= n; ++i) t.rows.push_back(ValidRow(i));
    return t;
  }

  int64_t MemberCount() {
    auto c = Conn();
    return Must(c->Query("SELECT COUNT(*) FROM members"), "count").rows.at(0).Int(0);
  }
  int64_t StandingIn(const domain::Org& org) {
    return Must(members().Stats(sys_, org.id), "Stats").stats.total;
  }

  // Rows (1-based) of a 1 000-row file that are broken: a wrong check character, admission
  // before the 14th birthday, and an ID number given twice in the file.
  static constexpr int kBadCheck = 17, kTooYoung = 500, kDuplicate = 999, kDuplicateOf = 3;

  sheet::Table BadTable() {
    sheet::Table t = ValidTable(1000);
    std::string& id = t.rows[kBadCheck - 1][1];
    id.back() = id.back() == '3' ? '4' : '3';
    auto& young = t.rows[kTooYoung - 1];
    auto birth =
        DateOf(young[1].substr(6, 4) + "-" + young[1].substr(10, 2) + "-" + young[1].substr(12, 2));
    Date join = AddDays(YearsAfter(birth, 14), -1);
    young[3] = FormatDate(join);
    young[4] = FreshMemberNo(int(join.year()));
    t.rows[kDuplicate - 1][1] = t.rows[kDuplicateOf - 1][1];
    return t;
  }
};

TEST_P(MemberImportTest, RejectedFileImportsNothingAndNamesEachBadRow) {
  const sheet::Table bad = BadTable();
  const int64_t head = AuditHead();
  auto r = imports().Import(sys_, branch_a_.id, ToCsv(bad), false);
  ASSERT_TRUE(FailsWith(r, ErrorCode::kValidationFailed));
  const auto& d = r.error().details;
  ASSERT_EQ(d.size(), 3u) << Describe(r.error());
  EXPECT_EQ(d[0].row, kBadCheck);
  EXPECT_EQ(d[0].field, "身份证号码");
  EXPECT_EQ(d[0].code, "checksum");
  EXPECT_EQ(d[1].row, kTooYoung);
  EXPECT_EQ(d[1].field, "入团时间");
  EXPECT_EQ(d[1].code, "before_14th_birthday");
  EXPECT_EQ(d[2].row, kDuplicate);
  EXPECT_EQ(d[2].field, "身份证号码");
  EXPECT_EQ(d[2].code, "duplicate_in_file");
  EXPECT_EQ(d[2].args.at("row"), std::to_string(kDuplicateOf));
  EXPECT_EQ(MemberCount(), 0);
  EXPECT_EQ(StandingIn(root_), 0);
  EXPECT_EQ(AuditHead(), head);

  // The same through a dry run.
  auto dry = imports().Import(sys_, branch_a_.id, ToCsv(bad), true);
  ASSERT_TRUE(FailsWith(dry, ErrorCode::kValidationFailed));
  EXPECT_EQ(dry.error().details.size(), 3u);

  // The annotated copy: every uploaded row, with 错误 filled on the bad rows only.
  auto xlsx = imports().Annotated(sys_, branch_a_.id, ToCsv(bad));
  ASSERT_TRUE(xlsx) << Describe(xlsx.error());
  auto back = sheet::Read(*xlsx, sheet::Format::kXlsx);
  ASSERT_TRUE(back) << Describe(back.error());
  ASSERT_EQ(back->header.size(), kHeader.size() + 1);
  EXPECT_EQ(back->header.back(), "错误");
  ASSERT_EQ(back->rows.size(), 1000u);
  for (size_t i = 0; i < back->rows.size(); ++i) {
    const int row = int(i) + 1;
    const std::string& err = back->rows[i].back();
    if (row == kBadCheck || row == kDuplicate) {
      EXPECT_NE(err.find("身份证号码"), std::string::npos) << row << ": " << err;
    } else if (row == kTooYoung) {
      EXPECT_NE(err.find("入团时间"), std::string::npos) << row << ": " << err;
    } else {
      EXPECT_EQ(err, "") << "row " << row;
    }
    // The uploaded cells come back as they were (ID numbers as text, all 18 characters).
    EXPECT_EQ(back->rows[i][1], bad.rows[i][1]) << "row " << row;
  }
  EXPECT_EQ(MemberCount(), 0);
}

TEST_P(MemberImportTest, FixedFileImportsEveryRowAndTheRegistryGrows) {
  const sheet::Table good = ValidTable(1000);
  MakeMemberAged(branch_a_, 20);
  const int64_t before = StandingIn(root_);
  const int64_t branch_before = StandingIn(branch_a_);

  // Dry run: checked, nothing written.
  const int64_t head = AuditHead();
  auto dry = imports().Import(sys_, branch_a_.id, ToCsv(good), true);
  ASSERT_TRUE(dry) << Describe(dry.error());
  EXPECT_TRUE(dry->dry_run);
  EXPECT_EQ(dry->imported, 1000);  // what a real run would import
  EXPECT_EQ(MemberCount(), 1);
  EXPECT_EQ(StandingIn(root_), before);
  EXPECT_EQ(AuditHead(), head);

  clock_.Advance(std::chrono::minutes(1));
  auto r = imports().Import(sys_, branch_a_.id, ToCsv(good), false);
  ASSERT_TRUE(r) << Describe(r.error());
  EXPECT_FALSE(r->dry_run);
  EXPECT_EQ(r->imported, 1000);
  EXPECT_EQ(MemberCount(), 1001);
  EXPECT_EQ(StandingIn(root_), before + 1000);
  EXPECT_EQ(StandingIn(branch_a_), branch_before + 1000);
  EXPECT_EQ(StandingIn(branch_b_), 0);

  // One audit record for the import, one history row per member.
  auto audit = AuditAfter(head);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "member.import");
  EXPECT_NE(audit[0].summary.find("\"count\":1000"), std::string::npos) << audit[0].summary;
  auto c = Conn();
  EXPECT_EQ(Must(c->Query("SELECT COUNT(*) FROM member_history WHERE kind = 'import'"), "history")
                .rows.at(0)
                .Int(0),
            1000);

  // The rows arrived as written: labels mapped, numbers readable through the service.
  MemberListRequest q;
  q.q = good.rows[41][1];  // row 42
  auto found = Must(members().List(sys_, q), "List");
  ASSERT_EQ(found.total, 1);
  const auto& m = found.items[0].member;
  EXPECT_EQ(m.name, "团员42");
  EXPECT_EQ(m.org_id, branch_a_.id);
  EXPECT_EQ(m.ethnicity, "蒙古族");
  EXPECT_EQ(m.education, domain::Education::kSeniorHigh);  // 42 % 6 == 0: 高中
  EXPECT_EQ(m.occupation, domain::Occupation::kWorker);    // 42 % 5 == 2: 工人
  EXPECT_EQ(m.phone, "13900000042");
  EXPECT_EQ(m.gender, Gender::kFemale);
  EXPECT_EQ(FormatDate(m.join_date), good.rows[41][3]);
  auto h = Must(members().History(sys_, m.id), "History");
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].kind, "import");
  EXPECT_EQ(h[0].status_to, domain::MemberStatus::kActive);

  // The index equals a rebuild from the tables.
  auto live = Must(members().Stats(sys_, root_.id), "Stats").stats;
  Must(members().RebuildIndex(), "RebuildIndex");
  EXPECT_EQ(Must(members().Stats(sys_, root_.id), "Stats").stats, live);

  // Importing the same file again: every row is already registered.
  auto again = imports().Import(sys_, branch_a_.id, ToCsv(good), false);
  ASSERT_TRUE(FailsWith(again, ErrorCode::kValidationFailed));
  EXPECT_EQ(MemberCount(), 1001);
}

TEST_P(MemberImportTest, NumbersAlreadyRegisteredAreReportedOnTheirRows) {
  auto existing = MakeMemberAged(branch_b_, 22);
  sheet::Table t = ValidTable(5);
  t.rows[1][1] = existing.member.id_number;  // row 2
  t.rows[1][3] = FormatDate(existing.member.join_date);
  t.rows[1][4] = FreshMemberNo(int(existing.member.join_date.year()));
  t.rows[3][4] = *existing.member.member_no;  // row 4
  // Row 4's member number must fit its join year.
  t.rows[3][3] = FormatDate(existing.member.join_date);
  const int64_t before = MemberCount();
  // Imports into another branch still see the whole register.
  auto r = imports().Import(StaffActor(branch_a_, domain::Role::kBranchSecretary), branch_a_.id,
                            ToCsv(t), false);
  ASSERT_TRUE(FailsWith(r, ErrorCode::kValidationFailed));
  const auto& d = r.error().details;
  ASSERT_EQ(d.size(), 2u) << Describe(r.error());
  EXPECT_EQ(d[0].row, 2);
  EXPECT_EQ(d[0].field, "身份证号码");
  EXPECT_EQ(d[0].code, "already_registered");
  EXPECT_EQ(d[1].row, 4);
  EXPECT_EQ(d[1].field, "团员编号");
  EXPECT_EQ(d[1].code, "already_registered");
  EXPECT_EQ(MemberCount(), before);

  // A lower-case x is the same registered number.
  auto fx = NextFields(DateOf("2004-04-04"));
  for (int seq = 1; seq < 1000; ++seq)
    if (std::string id = IdNumber(DateOf("2004-04-04"), seq); id.back() == 'X') {
      fx.id_number = id;
      break;
    }
  ASSERT_EQ(fx.id_number->back(), 'X');
  Must(members().Create(sys_, branch_b_.id, fx), "Create");
  sheet::Table x = ValidTable(1);
  x.rows[0][1] = *fx.id_number;
  x.rows[0][1].back() = 'x';
  x.rows[0][3] = *fx.join_date;
  x.rows[0][4] = FreshMemberNo(int(DateOf(*fx.join_date).year()));
  auto rx = imports().Import(sys_, branch_a_.id, ToCsv(x), true);
  ASSERT_TRUE(FailsWith(rx, ErrorCode::kValidationFailed));
  EXPECT_EQ(rx.error().details.at(0).code, "already_registered");
}

TEST_P(MemberImportTest, GbkCsvAndXlsxBothImport) {
  sheet::Table t = ValidTable(30);
  t.rows[0][0] = "张三丰";
  t.rows[1][0] = "乌兰图雅";
  t.rows[2][3] = [&] {  // "2019/3/4"-style dates are accepted
    Date j = DateOf(t.rows[2][3]);
    return std::to_string(int(j.year())) + "/" + std::to_string(unsigned(j.month())) + "/" +
           std::to_string(unsigned(j.day()));
  }();
  const std::string utf8 = ToCsv(t);
  const std::string gbk = ToGbk(utf8);
  ASSERT_NE(gbk, utf8);
  auto r = imports().Import(sys_, branch_a_.id, gbk, false);
  ASSERT_TRUE(r) << Describe(r.error());
  EXPECT_EQ(r->imported, 30);
  MemberListRequest q;
  q.q = "张三丰";
  auto found = Must(members().List(sys_, q), "List");
  ASSERT_EQ(found.total, 1);
  EXPECT_EQ(found.items[0].member.id_number, t.rows[0][1]);
  q.q = "乌兰图雅";
  EXPECT_EQ(Must(members().List(sys_, q), "List").total, 1);

  // XLSX, with the columns in another order and an extra one, into another branch.
  sheet::Table x;
  x.header = {"备注",     "职业", "学历",       "手机号码", "团员编号",
              "入团时间", "民族", "身份证号码", "姓名"};
  for (int i = 0; i < 20; ++i) {
    auto row = ValidRow(100 + i);
    x.rows.push_back({"无", row[7], row[6], row[5], row[4], row[3], row[2], row[1], row[0]});
  }
  sheet::XlsxOptions opts;
  opts.text_columns = {3, 4, 7};
  auto bytes = sheet::WriteXlsx(x, opts);
  ASSERT_TRUE(bytes) << Describe(bytes.error());
  auto rx = imports().Import(sys_, branch_b_.id, *bytes, false);
  ASSERT_TRUE(rx) << Describe(rx.error());
  EXPECT_EQ(rx->imported, 20);
  EXPECT_EQ(StandingIn(branch_a_), 30);
  EXPECT_EQ(StandingIn(branch_b_), 20);
  q.q = x.rows[5][7];
  auto by_id = Must(members().List(sys_, q), "List");
  ASSERT_EQ(by_id.total, 1);
  EXPECT_EQ(by_id.items[0].member.name, x.rows[5][8]);
  EXPECT_EQ(by_id.items[0].member.org_id, branch_b_.id);
}

TEST_P(MemberImportTest, RowsMayNameTheirBranchByCodeWithinTheTarget) {
  sheet::Table t = ValidTable(3);
  t.header.push_back("所在团组织编码");
  t.rows[0].push_back("A");
  t.rows[1].push_back("B");
  t.rows[2].push_back("B");
  auto r = imports().Import(sys_, town1_.id, ToCsv(t), false);
  ASSERT_TRUE(r) << Describe(r.error());
  EXPECT_EQ(StandingIn(branch_a_), 1);
  EXPECT_EQ(StandingIn(branch_b_), 2);

  // A code outside the target org is unknown there.
  sheet::Table u = ValidTable(2);
  u.header.push_back("所在团组织编码");
  u.rows[0].push_back("C");
  u.rows[1].push_back("A");
  auto bad = imports().Import(sys_, town1_.id, ToCsv(u), false);
  ASSERT_TRUE(FailsWith(bad, ErrorCode::kValidationFailed));
  ASSERT_EQ(bad.error().details.size(), 1u) << Describe(bad.error());
  EXPECT_EQ(bad.error().details[0].row, 1);
  EXPECT_EQ(bad.error().details[0].field, "所在团组织编码");
  EXPECT_EQ(bad.error().details[0].code, "unknown_org");

  // A required column missing: one error naming it, nothing else checked.
  sheet::Table m = ValidTable(2);
  m.header.erase(m.header.begin() + 1);
  for (auto& row : m.rows) row.erase(row.begin() + 1);
  auto missing = imports().Import(sys_, branch_a_.id, ToCsv(m), false);
  ASSERT_TRUE(FailsWith(missing, ErrorCode::kValidationFailed));
  ASSERT_EQ(missing.error().details.size(), 1u);
  EXPECT_EQ(missing.error().details[0].field, "身份证号码");
  EXPECT_EQ(missing.error().details[0].code, "missing_column");
  EXPECT_FALSE(missing.error().details[0].row.has_value());
}

// As MemberService::Create (rule org_closed): a closed branch takes no new members, neither as
// the import's target nor named by a row's org code.
TEST_P(MemberImportTest, ImportIntoAClosedBranchIsRefused) {
  auto closed = MakeOrg(town2_.id, "branch", "Z");
  Must(orgs().Close(sys_, closed.id, "合并"), "Close");
  const int64_t head = AuditHead();
  auto r = imports().Import(sys_, closed.id, ToCsv(ValidTable(2)), false);
  EXPECT_FALSE(r) << "imported " << (r ? r->imported : 0) << " members into a closed branch";
  EXPECT_EQ(MemberCount(), 0);
  EXPECT_EQ(AuditHead(), head);

  sheet::Table t = ValidTable(2);
  t.header.push_back("所在团组织编码");
  t.rows[0].push_back("C");
  t.rows[1].push_back("Z");
  auto by_code = imports().Import(sys_, town2_.id, ToCsv(t), false);
  ASSERT_TRUE(FailsWith(by_code, ErrorCode::kValidationFailed));
  ASSERT_EQ(by_code.error().details.size(), 1u) << Describe(by_code.error());
  EXPECT_EQ(by_code.error().details[0].row, 2);
  EXPECT_EQ(by_code.error().details[0].code, "org_closed");
  EXPECT_EQ(MemberCount(), 0);
}

TEST_P(MemberImportTest, TemplateHasTheNineChineseHeaders) {
  const std::vector<std::string> want = {"姓名",     "身份证号码", "民族",
                                         "入团时间", "团员编号",   "手机号码",
                                         "学历",     "职业",       "所在团组织编码"};
  for (auto format : {sheet::Format::kCsv, sheet::Format::kXlsx}) {
    SCOPED_TRACE(format == sheet::Format::kCsv ? "csv" : "xlsx");
    auto bytes = imports().Template(format);
    ASSERT_TRUE(bytes) << Describe(bytes.error());
    EXPECT_EQ(sheet::DetectFormat(*bytes), format);
    auto t = sheet::Read(*bytes, format);
    ASSERT_TRUE(t) << Describe(t.error());
    EXPECT_EQ(t->header, want);
    EXPECT_TRUE(t->rows.empty());
  }
}

TEST_P(MemberImportTest, ExportOfAFilteredListHasMaskedNumbers) {
  const sheet::Table good = ValidTable(120);
  Must(imports().Import(sys_, branch_a_.id, ToCsv(good), false), "Import");
  Must(imports().Import(sys_, branch_b_.id, ToCsv(ValidTable(7)), false), "Import B");
  std::set<std::string> women;
  for (const auto& row : good.rows)
    if ((row[1][16] - '0') % 2 == 0) women.insert(row[1]);
  ASSERT_EQ(women.size(), 40u);  // every third row

  MemberListRequest r;
  r.org_id = branch_a_.id;
  r.gender = Gender::kFemale;
  auto bytes = imports().Export(sys_, r);
  ASSERT_TRUE(bytes) << Describe(bytes.error());
  auto t = sheet::Read(*bytes, sheet::Format::kXlsx);
  ASSERT_TRUE(t) << Describe(t.error());
  ASSERT_EQ(t->rows.size(), women.size());
  auto col = [&](std::string_view h) {
    for (size_t i = 0; i < t->header.size(); ++i)
      if (t->header[i] == h) return i;
    ADD_FAILURE() << "no column " << h;
    return size_t(0);
  };
  const size_t id = col("身份证号码"), phone = col("手机号码"), gender = col("性别");
  std::set<std::string> masked_women;
  for (const auto& w : women) masked_women.insert(MaskIdNumber(w));
  for (const auto& row : t->rows) {
    EXPECT_EQ(row[id].size(), 18u);
    EXPECT_EQ(row[id].substr(0, 14), "220821********") << row[id];
    EXPECT_TRUE(masked_women.contains(row[id])) << row[id];
    EXPECT_EQ(women.count(row[id]), 0u) << "clear ID number exported: " << row[id];
    EXPECT_TRUE(row[phone].empty() || row[phone].substr(3, 4) == "****") << row[phone];
    EXPECT_EQ(row[gender], "女");
  }

  // The whole branch: 120 rows; a branch secretary exports only within reach.
  MemberListRequest all;
  all.org_id = branch_a_.id;
  auto every = sheet::Read(Must(imports().Export(sys_, all), "Export"), sheet::Format::kXlsx);
  ASSERT_TRUE(every);
  EXPECT_EQ(every->rows.size(), 120u);
  auto mine = sheet::Read(
      Must(imports().Export(StaffActor(branch_b_, domain::Role::kBranchSecretary), {}), "Export"),
      sheet::Format::kXlsx);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->rows.size(), 7u);
}

TJ_INSTANTIATE_BACKENDS(MemberImportTest);

}  // namespace
}  // namespace tj::service::test
