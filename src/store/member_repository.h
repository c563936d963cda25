// Persistence of members (sealed ID and phone numbers), their history, and cadres.
//
// The repository seals personal numbers on the way in and opens them on the way out with the
// PersonalDataCipher it is given, so clear values exist only in memory; lookups go through the
// keyed hashes. Works on a borrowed Connection inside the caller's transaction; not
// thread-safe. Methods return the store's error on failure (a registered ID number or member
// number → kConflict with args {"field"}).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/personal_data.h"
#include "domain/member/member.h"
#include "domain/org/org.h"
#include "store/database.h"
#include "store/paging.h"

namespace tj::store {

// A number typed into the search box, and its lookup hash: it matches a member number, an ID
// number or a phone number.
struct NumberLookup {
  std::string text;
  std::string hash;
};

struct MemberQuery {
  std::string scope_path;                    // members of orgs in this subtree
  std::optional<int64_t> org_id;             // only this org
  std::optional<std::string> name_contains;
  std::optional<std::string> member_no;
  std::optional<std::string> id_number_hash;
  std::optional<std::string> phone_hash;
  std::optional<NumberLookup> any_number;
  std::vector<domain::MemberStatus> statuses;  // empty = any
  std::optional<Gender> gender;
  std::optional<std::string> ethnicity;
  std::optional<domain::Education> education;
  std::optional<domain::Occupation> occupation;
  std::optional<domain::Sector> sector;      // of the member's org
  std::optional<Date> born_after;            // birth_date > this
  std::optional<Date> born_on_or_before;     // birth_date <= this
  // birth_date > first OR birth_date <= second (ages outside a range)
  std::optional<std::pair<Date, Date>> outside_born;
  std::optional<bool> is_cadre;              // holds a post in office on `today`
  Date today;
  bool order_by_birth = false;               // oldest first (aging lists); else by org and name
  PageRequest page;
};

struct MemberRow {
  domain::Member member;
  std::string org_name;
  std::string org_path;
};

struct HistoryEntry {
  int64_t id = 0;
  int64_t member_id = 0;
  Instant at;
  std::optional<int64_t> actor_id;
  std::string actor_username;
  std::string kind;     // create, update, status, import, age_out
  std::string changes;  // JSON text
  std::optional<domain::MemberStatus> status_from;
  std::optional<domain::MemberStatus> status_to;
  std::optional<Date> effective_date;
  std::string reason;
};

// A status change with the member and org it concerns (the 状态变更记录 list).
struct StatusChange {
  HistoryEntry entry;
  std::string member_name;
  int64_t org_id = 0;
  std::string org_name;
};

struct StatusChangeQuery {
  std::string scope_path;
  std::optional<int64_t> org_id;  // only this org
  std::optional<domain::MemberStatus> status_to;
  std::optional<Date> from;        // effective date, inclusive
  std::optional<Date> to;          // effective date, inclusive
  PageRequest page;
};

enum class CadrePost { kSecretary, kDeputySecretary, kOrganization, kPublicity, kCommitteeMember, kOther };
EnumNames<CadrePost> CadrePostNames();

struct Cadre {
  int64_t id = 0;
  std::optional<int64_t> member_id;
  std::string name;
  int64_t org_id = 0;
  std::string org_name;
  CadrePost post = CadrePost::kCommitteeMember;
  std::optional<std::string> post_title;
  Date term_start;
  std::optional<Date> term_end;
};

struct CadreQuery {
  std::string scope_path;
  std::optional<int64_t> org_id;
  std::optional<bool> in_office;
  std::optional<std::string> name_contains;
  Date today;
  PageRequest page;
};

// How a member's personal numbers are stored: the ID number sealed and its lookup hash, the
// phone sealed and its lookup hash (NULLs without a phone), in the members table's column order
// (id_number_sealed, id_number_hash, phone_sealed, phone_hash).
std::vector<Value> SealedNumbers(const PersonalDataCipher& cipher, std::string_view id_number,
                                 std::optional<std::string_view> phone);

class MemberRepository {
 public:
  MemberRepository(Connection& c, const PersonalDataCipher& cipher) : c_(c), cipher_(cipher) {}

  Result<std::optional<MemberRow>> Get(int64_t id, Date today);
  Result<MemberRow> Insert(int64_t org_id, const domain::MemberDraft& d, Instant now, Date today);
  Result<void> Update(int64_t id, const domain::MemberDraft& d, Instant now);
  Result<void> SetStatus(int64_t id, domain::MemberStatus s, Date date, Instant now);
  // Moves the member to another org (a completed transfer).
  Result<void> SetOrg(int64_t id, int64_t org_id, Instant now);
  Result<Page<MemberRow>> List(const MemberQuery& q);
  // Ids of the members with these ID-number hashes (for duplicate checks in imports).
  Result<std::vector<std::string>> ExistingIdHashes(const std::vector<std::string>& hashes);
  Result<std::vector<std::string>> ExistingMemberNumbers(const std::vector<std::string>& numbers);
  // Inserts many members at once (COPY on PostgreSQL) with one "import" history row each.
  Result<int64_t> BulkInsert(const std::vector<std::pair<int64_t, domain::MemberDraft>>& rows,
                             Instant now, std::optional<int64_t> actor_id,
                             std::string_view actor_username);
  // (org_id, status, gender, birth date, education) of every member, for the stats index.
  Result<std::vector<std::tuple<int64_t, domain::MemberStatus, Gender, Date, domain::Education>>>
  AllFacts();

  // The last day of the member's latest ended League post, if any.
  Result<std::optional<Date>> LatestTermEnd(int64_t member_id);

  Result<void> AddHistory(const HistoryEntry& h);
  Result<std::vector<HistoryEntry>> History(int64_t member_id);
  // Status changes (kinds status and age_out) of members of orgs in a subtree, latest effective
  // date first.
  Result<Page<StatusChange>> StatusChanges(const StatusChangeQuery& q);

  Result<Cadre> InsertCadre(const Cadre& c, Instant now);
  Result<void> UpdateCadre(const Cadre& c, Instant now);
  Result<std::optional<Cadre>> GetCadre(int64_t id);
  Result<Page<Cadre>> ListCadres(const CadreQuery& q);

 private:
  Connection& c_;
  const PersonalDataCipher& cipher_;
};

}  // namespace tj::store
