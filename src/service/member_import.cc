#include "service/member_import.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "base/json_writer.h"
#include "base/messages.h"
#include "base/text.h"
#include "service/audit_service.h"
#include "service/index_update.h"
#include "service/org_service.h"
#include "store/org_repository.h"

namespace tj::service {
namespace {

using domain::Permission;
using store::TxMode;

// The template's columns: header, the member field it fills, whether it is required.
struct Column {
  std::string_view header;
  std::string_view field;
  bool required;
};
constexpr Column kColumns[] = {
    {"姓名", "name", true},          {"身份证号码", "id_number", true},
    {"民族", "ethnicity", true},     {"入团时间", "join_date", true},
    {"团员编号", "member_no", false}, {"手机号码", "phone", false},
    {"学历", "education", true},     {"职业", "occupation", true},
    {"所在团组织编码", "org_code", false},
};
constexpr size_t kColumnCount = std::size(kColumns);

std::string_view HeaderOf(std::string_view field) {
  for (const auto& c : kColumns)
    if (c.field == field) return c.header;
  return field;
}

ErrorDetail CellError(size_t row, std::string_view field, std::string code, std::string key,
                      MessageArgs args = {}) {
  return ErrorDetail{std::string(HeaderOf(field)), static_cast<int>(row), std::move(code),
                     std::move(key), std::move(args)};
}

}  // namespace

struct MemberImportService::Checked {
  sheet::Table table;
  std::vector<std::pair<int64_t, domain::MemberDraft>> rows;  // valid rows
  std::vector<ErrorDetail> errors;
  int64_t org_id = 0;
};

Result<MemberImportService::Checked> MemberImportService::Check(const Actor& a,
                                                                std::optional<int64_t> org_id,
                                                                std::string_view bytes) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto org = OrgInScope(**conn, a, org_id.value_or(a.org_id));
  if (!org) return Fail(org.error());
  if (!a.Can(Permission::kMemberWrite)) return Fail(Error::Forbidden());
  auto table = sheet::Read(bytes, sheet::DetectFormat(bytes), 200'000);
  if (!table) return Fail(table.error());
  Checked out;
  out.org_id = org->id;
  // Map headers to columns; any order, unknown headers ignored.
  std::array<std::optional<size_t>, kColumnCount> at{};
  for (size_t i = 0; i < table->header.size(); ++i) {
    std::string h = Trim(table->header[i]);
    for (size_t c = 0; c < kColumnCount; ++c)
      if (h == kColumns[c].header && !at[c]) at[c] = i;
  }
  for (size_t c = 0; c < kColumnCount; ++c)
    if (kColumns[c].required && !at[c])
      out.errors.push_back(ErrorDetail{std::string(kColumns[c].header), std::nullopt,
                                       "missing_column", "member.import_missing_column",
                                       {{"column", std::string(kColumns[c].header)}}});
  if (!out.errors.empty()) {
    out.table = std::move(*table);
    return out;
  }
  Date today = d_.Today();
  store::OrgRepository orgs(**conn);
  std::unordered_map<std::string, std::optional<domain::Org>> org_by_code;
  std::unordered_map<std::string, size_t> id_seen, no_seen;
  std::vector<std::string> hashes, numbers;
  std::vector<size_t> row_of_hash, row_of_number;
  for (size_t r = 0; r < table->rows.size(); ++r) {
    const auto& cells = table->rows[r];
    size_t row_no = r < table->source_rows.size() ? table->source_rows[r] : r + 1;
    auto cell = [&](size_t c) -> std::optional<std::string> {
      if (!at[c]) return std::nullopt;
      return Trim(cells[*at[c]]);
    };
    domain::MemberFields f;
    f.name = cell(0);
    f.id_number = cell(1);
    f.ethnicity = cell(2);
    f.join_date = cell(3);
    f.member_no = cell(4);
    f.phone = cell(5);
    size_t errors_before = out.errors.size();
    if (auto e = cell(6); e && !e->empty()) {
      auto edu = domain::EducationFromLabel(*e);
      f.education = edu ? std::string(NameOf(domain::EducationNames(), *edu)) : *e;
    }
    if (auto o = cell(7); o && !o->empty()) {
      auto occ = domain::OccupationFromLabel(*o);
      f.occupation = occ ? std::string(NameOf(domain::OccupationNames(), *occ)) : *o;
    }
    int64_t target = org->id;
    if (auto code = cell(8); code && !code->empty()) {
      auto it = org_by_code.find(*code);
      if (it == org_by_code.end()) {
        auto found = orgs.GetByCode(*code);
        if (!found) return Fail(found.error());
        std::optional<domain::Org> ok;
        if (*found && domain::InSubtree(org->path, (*found)->path)) ok = **found;
        it = org_by_code.emplace(*code, ok).first;
      }
      if (!it->second)
        out.errors.push_back(CellError(row_no, "org_code", "unknown_org", "member.import_unknown_org",
                                       {{"code", *code}}));
      else if (it->second->status == domain::OrgStatus::kClosed)
        out.errors.push_back(CellError(row_no, "org_code", "org_closed", "org.closed"));
      else if (!domain::CheckHoldsMembers(*it->second))
        out.errors.push_back(CellError(row_no, "org_code", "org_not_branch", "org.not_branch"));
      else
        target = it->second->id;
    } else if (org->status == domain::OrgStatus::kClosed) {
      out.errors.push_back(CellError(row_no, "org_code", "org_closed", "org.closed"));
    } else if (!domain::CheckHoldsMembers(*org)) {
      out.errors.push_back(CellError(row_no, "org_code", "org_not_branch", "member.import_org_not_branch"));
    }
    auto draft = domain::ValidateNewMember(f, today);
    if (!draft) {
      for (const auto& d : draft.error().details)
        out.errors.push_back(CellError(row_no, d.field, d.code, d.message_key, d.args));
      continue;
    }
    if (auto [it, fresh] = id_seen.emplace(draft->id.number, row_no); !fresh)
      out.errors.push_back(CellError(row_no, "id_number", "duplicate_in_file",
                                     "member.import_duplicate_id", {{"row", std::to_string(it->second)}}));
    if (draft->member_no)
      if (auto [it, fresh] = no_seen.emplace(*draft->member_no, row_no); !fresh)
        out.errors.push_back(CellError(row_no, "member_no", "duplicate_in_file",
                                       "member.import_duplicate_no", {{"row", std::to_string(it->second)}}));
    if (out.errors.size() != errors_before) continue;
    hashes.push_back(d_.cipher->LookupHash(draft->id.number));
    row_of_hash.push_back(row_no);
    if (draft->member_no) {
      numbers.push_back(*draft->member_no);
      row_of_number.push_back(row_no);
    }
    out.rows.emplace_back(target, std::move(*draft));
  }
  // Against the register.
  store::MemberRepository repo(**conn, *d_.cipher);
  auto taken = repo.ExistingIdHashes(hashes);
  if (!taken) return Fail(taken.error());
  std::set<std::string> taken_set(taken->begin(), taken->end());
  for (size_t i = 0; i < hashes.size(); ++i)
    if (taken_set.contains(hashes[i]))
      out.errors.push_back(CellError(row_of_hash[i], "id_number", "already_registered",
                                     "member.id_number_taken"));
  auto taken_no = repo.ExistingMemberNumbers(numbers);
  if (!taken_no) return Fail(taken_no.error());
  std::set<std::string> taken_no_set(taken_no->begin(), taken_no->end());
  for (size_t i = 0; i < numbers.size(); ++i)
    if (taken_no_set.contains(numbers[i]))
      out.errors.push_back(CellError(row_of_number[i], "member_no", "already_registered",
                                     "member.member_no_taken"));
  std::stable_sort(out.errors.begin(), out.errors.end(),
                   [](const ErrorDetail& x, const ErrorDetail& y) { return x.row < y.row; });
  out.table = std::move(*table);
  return out;
}

Result<ImportReport> MemberImportService::Import(const Actor& a, std::optional<int64_t> org_id,
                                                 std::string_view bytes, bool dry_run) {
  auto checked = Check(a, org_id, bytes);
  if (!checked) return Fail(checked.error());
  if (!checked->errors.empty()) return Fail(Error::Validation(std::move(checked->errors)));
  ImportReport report{static_cast<int64_t>(checked->rows.size()), dry_run};
  if (dry_run || checked->rows.empty()) return report;
  auto n = Register(a, checked->rows);
  if (!n && n.error().code == ErrorCode::kConflict) {
    // Another import registered some of these numbers after our check: check again, so the
    // answer names the rows, as for numbers registered earlier.
    auto again = Check(a, org_id, bytes);
    if (!again) return Fail(again.error());
    if (!again->errors.empty()) return Fail(Error::Validation(std::move(again->errors)));
  }
  if (!n) return Fail(n.error());
  report.imported = *n;
  return report;
}

Result<int64_t> MemberImportService::Register(
    const Actor& a, const std::vector<std::pair<int64_t, domain::MemberDraft>>& rows) {
  IndexUpdate idx(d_);
  auto n = store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<int64_t> {
    store::MemberRepository repo(c, *d_.cipher);
    auto inserted = repo.BulkInsert(rows, d_.clock.Now(), a.user_id ? std::optional(a.user_id) : std::nullopt,
                                    a.username);
    if (!inserted) return Fail(inserted.error());
    std::set<int64_t> orgs;
    for (const auto& [org, d] : rows) orgs.insert(org);
    int64_t target = orgs.size() == 1 ? *orgs.begin() : a.org_id;
    if (auto w = AppendAudit(c, d_.clock, a,
                             {"member.import", "org", target, target,
                              JsonObjectWriter().Int("count", *inserted).Int("orgs", static_cast<int64_t>(orgs.size())).str()});
        !w)
      return Fail(w.error());
    std::vector<store::DuesMember> created;
    created.reserve(rows.size());
    for (const auto& [org, d] : rows) {
      store::DuesMember m;
      m.org_id = org;
      m.occupation = NameOf(domain::OccupationNames(), d.occupation);
      m.join_date = d.join_date;
      created.push_back(std::move(m));
      idx.Member(std::nullopt,
                 stats::MemberFacts{org, domain::MemberStatus::kActive, d.id.gender, d.id.birth_date, d.education});
    }
    if (auto r = idx.AfterNew(c, created); !r) return Fail(r.error());
    return *inserted;
  });
  if (n) idx.Apply();
  return n;
}

Result<std::string> MemberImportService::Annotated(const Actor& a, std::optional<int64_t> org_id,
                                                   std::string_view bytes) {
  auto checked = Check(a, org_id, bytes);
  if (!checked) return Fail(checked.error());
  sheet::Table out;
  out.header = checked->table.header;
  out.header.push_back("错误");
  std::map<int, std::string> by_row;
  std::string file_errors;
  for (const auto& e : checked->errors) {
    std::string text = e.field + "：" + RenderMessage(e.message_key, e.args, Locale::kZhCN);
    if (!e.row) {
      file_errors += (file_errors.empty() ? "" : "；") + text;
      continue;
    }
    auto& s = by_row[*e.row];
    s += (s.empty() ? "" : "；") + text;
  }
  for (size_t r = 0; r < checked->table.rows.size(); ++r) {
    auto row = checked->table.rows[r];
    size_t row_no = r < checked->table.source_rows.size() ? checked->table.source_rows[r] : r + 1;
    auto it = by_row.find(static_cast<int>(row_no));
    std::string err = it == by_row.end() ? "" : it->second;
    if (!file_errors.empty()) err = file_errors + (err.empty() ? "" : "；" + err);
    row.push_back(std::move(err));
    out.rows.push_back(std::move(row));
  }
  sheet::XlsxOptions opts;
  opts.sheet_name = "团员导入";
  for (size_t i = 0; i < out.header.size(); ++i) opts.text_columns.push_back(i);
  opts.highlight_column = out.header.size() - 1;
  return sheet::WriteXlsx(out, opts);
}

Result<std::string> MemberImportService::Template(sheet::Format format) const {
  sheet::Table t;
  for (const auto& c : kColumns) t.header.emplace_back(c.header);
  if (format == sheet::Format::kCsv) return sheet::WriteCsv(t);
  sheet::XlsxOptions opts;
  opts.sheet_name = "团员导入";
  for (size_t i = 0; i < kColumnCount; ++i) opts.text_columns.push_back(i);
  opts.widths = {10, 22, 10, 12, 16, 14, 12, 18, 18};
  return sheet::WriteXlsx(t, opts);
}

Result<std::string> MemberImportService::Export(const Actor& a, MemberListRequest r) {
  MemberService members(d_);
  sheet::Table t;
  t.header = {"姓名", "性别", "民族", "身份证号码", "出生日期", "入团时间", "团员编号",
              "手机号码", "学历", "职业", "状态", "所在团组织", "团干部"};
  static constexpr std::pair<domain::MemberStatus, std::string_view> kStatusLabels[] = {
      {domain::MemberStatus::kActive, "正常"},         {domain::MemberStatus::kMobile, "流动"},
      {domain::MemberStatus::kLostContact, "失联"},    {domain::MemberStatus::kAgedOut, "超龄离团"},
      {domain::MemberStatus::kWithdrawn, "退团"},      {domain::MemberStatus::kRemoved, "除名"},
      {domain::MemberStatus::kExpelled, "开除团籍"},   {domain::MemberStatus::kDeceased, "去世"},
      {domain::MemberStatus::kTransferredOut, "已转出"}};
  r.page.size = 500;
  constexpr int64_t kMaxRows = 200'000;
  for (r.page.page = 1;; ++r.page.page) {
    auto page = members.List(a, r);
    if (!page) return Fail(page.error());
    for (const auto& row : page->items) {
      const auto& m = row.member;
      t.rows.push_back({m.name, m.gender == Gender::kMale ? "男" : "女", m.ethnicity,
                        MaskIdNumber(m.id_number), FormatDate(m.birth_date), FormatDate(m.join_date),
                        m.member_no.value_or(""), m.phone ? MaskPhone(*m.phone) : "",
                        std::string(domain::EducationLabel(m.education)),
                        std::string(domain::OccupationLabel(m.occupation)),
                        std::string(NameOf<domain::MemberStatus>(kStatusLabels, m.status)),
                        row.org_name, m.is_cadre ? "是" : ""});
    }
    if (r.page.page * r.page.size >= std::min(page->total, kMaxRows)) break;
  }
  sheet::XlsxOptions opts;
  opts.sheet_name = "团员名册";
  opts.text_columns = {3, 6, 7};
  return sheet::WriteXlsx(t, opts);
}

}  // namespace tj::service
