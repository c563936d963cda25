// Personal data at rest on both backends: after registering, changing, importing, revealing and
// exporting members with known ID and phone numbers, no text cell of members, member_history,
// cadres or audit_log holds a clear number, and (SQLite) neither do the raw bytes of the
// database file and its write-ahead log.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "service/member_import.h"
#include "service/member_service.h"
#include "unit/service/service_fixture.h"

namespace tj::service::test {
namespace {

using domain::Role;

class MemberPrivacyTest : public ServiceTest {
 protected:
  // Every clear number the test put in, and the leading 17 characters of each ID number.
  void Remember(const std::string& number) {
    clear_.push_back(number);
    if (number.size() == 18) clear_.push_back(number.substr(0, 17));
  }

  // The clear numbers found in `text` (empty when none).
  std::vector<std::string> Leaks(std::string_view text) const {
    std::vector<std::string> out;
    for (const auto& n : clear_)
      if (text.find(n) != std::string_view::npos) out.push_back(n);
    return out;
  }

  std::string ReadFile(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

  std::vector<std::string> clear_;
};

TEST_P(MemberPrivacyTest, ClearNumbersNeverReachTheDatabase) {
  const Actor sec = StaffActor(branch_a_, Role::kBranchSecretary);
  // Registered one by one, with phones.
  std::vector<store::MemberRow> made;
  for (int i = 0; i < 6; ++i) {
    NewMember m;
    m.birth = AddDays(DateOf("2001-01-01"), 97 * i);
    m.gender = i % 2 ? Gender::kFemale : Gender::kMale;
    m.phone = "1378642" + std::to_string(1000 + i);
    auto f = NextFields(m);
    Remember(*f.id_number);
    Remember(*f.phone);
    made.push_back(Must(members().Create(sec, branch_a_.id, f), "Create"));
  }
  // An ID number ending in X, given with a lower-case x.
  {
    auto f = NextFields(DateOf("2003-03-03"));
    for (int seq = 1; seq < 1000; ++seq)
      if (std::string id = IdNumber(DateOf("2003-03-03"), seq); id.back() == 'X') {
        f.id_number = id;
        break;
      }
    ASSERT_EQ(f.id_number->back(), 'X');
    Remember(*f.id_number);
    f.id_number->back() = 'x';
    Remember(*f.id_number);
    f.phone = "0436-7654321";
    Remember(*f.phone);
    made.push_back(Must(members().Create(sys_, branch_b_.id, f), "Create X"));
  }
  // Corrected numbers: both the old and the new stay out of the tables.
  domain::MemberFields patch;
  patch.id_number = IdNumber(DateOf("2001-01-01"), 911);
  patch.phone = "15912348765";
  Remember(*patch.id_number);
  Remember(*patch.phone);
  Must(members().Update(sec, made[0].member.id, patch), "Update");
  Must(members().ChangeStatus(sec, made[1].member.id, "mobile", FormatDate(Today()), "外出务工"),
       "ChangeStatus");
  CadreFields cadre;
  cadre.member_id = made[2].member.id;
  cadre.org_id = branch_a_.id;
  cadre.post = "secretary";
  cadre.term_start = "2025-01-01";
  Must(members().CreateCadre(sec, cadre), "CreateCadre");
  // Imported.
  std::string csv = "姓名,身份证号码,民族,入团时间,团员编号,手机号码,学历,职业\n";
  for (int i = 0; i < 5; ++i) {
    auto f = NextFields(AddDays(DateOf("2005-06-01"), 31 * i));
    std::string phone = "1865432" + std::to_string(2000 + i);
    Remember(*f.id_number);
    Remember(phone);
    csv += *f.name + "," + *f.id_number + ",汉族," + *f.join_date + "," + f.member_no.value_or("") +
           "," + phone + ",高中,学生\n";
  }
  ASSERT_EQ(Must(imports().Import(sec, branch_a_.id, csv, false), "Import").imported, 5);
  // A rejected import with a registered number, a dry run, searches, reveals and an export.
  EXPECT_FALSE(imports().Import(sec, branch_a_.id, csv, false));
  EXPECT_FALSE(imports().Import(sec, branch_a_.id, csv, true));
  MemberListRequest q;
  q.q = made[3].member.id_number;
  auto found = Must(members().List(sec, q), "List");
  ASSERT_EQ(found.total, 1);
  Must(members().AuditReveal(sec, found.items), "AuditReveal");
  q.q = "15912348765";
  EXPECT_EQ(Must(members().List(sec, q), "List").total, 1);
  Must(imports().Export(sec, {}), "Export");
  // The age-out job, for the history and audit it writes.
  SetToday(YearsAfter(DateOf("2001-01-01"), 28));
  EXPECT_GT(Must(members().RunAgeOut(sys_), "RunAgeOut"), 0);

  // The numbers are readable through the service (so they are in the tables, sealed).
  EXPECT_EQ(Must(members().Get(sys_, made[0].member.id), "Get").member.phone, "15912348765");

  auto c = Conn();
  for (const char* table : {"members", "member_history", "cadres", "audit_log"}) {
    SCOPED_TRACE(table);
    auto rows = Must(c->Query(std::string("SELECT * FROM ") + table), table);
    EXPECT_FALSE(rows.rows.empty());
    size_t cells = 0;
    for (const auto& r : rows.rows)
      for (size_t i = 0; i < r.size(); ++i) {
        auto v = r.OptStr(i);
        if (!v) continue;
        ++cells;
        auto leaks = Leaks(*v);
        EXPECT_TRUE(leaks.empty())
            << table << "." << rows.columns.at(i) << " holds " << leaks.at(0) << ": " << *v;
      }
    EXPECT_GT(cells, rows.rows.size());
  }
  // The sealed columns hold something, and not the same thing for two equal phone numbers.
  auto sealed = Must(c->Query("SELECT id_number_sealed, id_number_hash, phone_sealed FROM members "
                              "ORDER BY id"),
                     "sealed");
  ASSERT_EQ(sealed.rows.size(), 12u);
  for (const auto& r : sealed.rows) {
    EXPECT_EQ(r.Str(0).rfind("1:", 0), 0u) << r.Str(0);
    EXPECT_EQ(r.Str(1).size(), 64u);
  }

  if (!IsPostgresql()) {
    // Everything in the main file, then both files' raw bytes.
    Must(c->Query("PRAGMA wal_checkpoint(TRUNCATE)"), "checkpoint");
    for (const char* suffix : {"", "-wal", "-journal"}) {
      const auto path = dir_ / (std::string("test.db") + suffix);
      if (!std::filesystem::exists(path)) continue;
      const std::string bytes = ReadFile(path);
      auto leaks = Leaks(bytes);
      EXPECT_TRUE(leaks.empty()) << path << " holds " << leaks.at(0);
      if (*suffix == '\0') {
        EXPECT_GT(bytes.size(), 4096u);
        // The file is readable as such: the masked form written to history is there.
        EXPECT_NE(bytes.find(MaskIdNumber(made[4].member.id_number)), std::string::npos);
      }
    }
  }
}

// Two members with the same phone number: the sealed values differ (random nonces), the lookup
// hashes agree, and a search by the number finds both.
TEST_P(MemberPrivacyTest, SealedValuesDifferForEqualNumbers) {
  NewMember m;
  m.birth = DateOf("2002-02-02");
  m.phone = "13700001111";
  auto a = MakeMember(branch_a_, m);
  auto b = MakeMember(branch_b_, m);
  auto c = Conn();
  auto rows = Must(c->Query("SELECT phone_sealed, phone_hash FROM members ORDER BY id"), "rows");
  ASSERT_EQ(rows.rows.size(), 2u);
  EXPECT_NE(rows.rows[0].Str(0), rows.rows[1].Str(0));
  EXPECT_EQ(rows.rows[0].Str(1), rows.rows[1].Str(1));
  MemberListRequest q;
  q.q = "13700001111";
  auto found = Must(members().List(sys_, q), "List");
  EXPECT_EQ(found.total, 2);
  EXPECT_NE(a.member.id, b.member.id);
}

TJ_INSTANTIATE_BACKENDS(MemberPrivacyTest);

}  // namespace
}  // namespace tj::service::test
