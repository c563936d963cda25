// `tuanjian gen`: the synthetic country (cli/gen_country.h) streamed province by province into
// the app's import files (--out) and/or bulk-loaded into an empty database (--db).
//
// ForEachProvince makes provinces on a few threads, at most a window ahead of the one being
// written, and hands them over in the country's order, so what is written does not depend on
// the threads' timing and only a few provinces are in memory at once.
//
// ImportFiles writes what the app's imports accept (docs/operations.md, "Synthetic national
// data"): orgs.csv (the tree; there is no org import), members_<province>.csv in the member
// import template (members in standing: an import registers everyone as active) and
// study_<episode>_<province>.csv in the Youth Study import's format, each file cut at the
// imports' 200 000 rows (members_22_1.csv, members_22_2.csv, …), UTF-8 with a BOM and CRLF.
//
// DatabaseLoad writes the rows the repositories would (explicit ids, materialized paths,
// sealed ID and phone numbers with their lookup hashes, a member_history "import" row a
// member and a status row for the members not active, the participations) with
// Connection::BulkInsert in batches, a transaction a province, sealing on two threads ahead of
// the inserts; the caller defers and restores the indexes (store/bulk_load.h).
//
// Each object is used by one thread (ForEachProvince's callback runs on the caller's thread).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/personal_data.h"
#include "cli/gen_country.h"
#include "store/database.h"

namespace tj::cli::gen {

// Calls `fn` with each province of `plan` in order, made on `threads` threads at most `window`
// provinces ahead. Stops at the first error `fn` returns and returns it (after the threads
// have finished the provinces they were making).
Result<void> ForEachProvince(const CountryPlan& plan, const CountryOptions& options, int threads,
                             int window, const std::function<Result<void>(Province&&)>& fn);

// The largest file the member and Youth Study imports take (their row limit).
inline constexpr size_t kImportFileRows = 200'000;

class ImportFiles {
 public:
  // Creates `dir` if needed and starts orgs.csv. Errors: kInternal naming the path.
  static Result<ImportFiles> Open(const std::filesystem::path& dir, std::vector<Episode> episodes,
                                  TimeZone zone);
  ImportFiles(ImportFiles&&) = default;

  // Appends the province's orgs to orgs.csv and writes its member and participation files.
  // Errors: kInternal naming the file that could not be written.
  Result<void> Add(const Province& p);
  // Closes orgs.csv. Errors: kInternal if it could not be written.
  Result<void> Finish();

  int64_t rows() const { return rows_; }
  int64_t bytes() const { return bytes_; }
  int files() const { return files_; }

 private:
  ImportFiles(std::filesystem::path dir, std::vector<Episode> episodes, TimeZone zone)
      : dir_(std::move(dir)), episodes_(std::move(episodes)), zone_(zone) {}
  Result<void> WriteFile(const std::string& name, const std::string& bytes);

  std::filesystem::path dir_;
  std::vector<Episode> episodes_;
  TimeZone zone_;
  std::ofstream orgs_;
  int64_t rows_ = 0, bytes_ = 0;
  int files_ = 0;
};

// Rows and the time spent inserting them, by table.
struct TableLoad {
  std::string table;
  int64_t rows = 0;
  double seconds = 0;  // inside BulkInsert
};

class DatabaseLoad {
 public:
  static constexpr size_t kBatchRows = 20'000;

  // Loads under `root` (its id and path), with org and member ids from first_org_id and
  // first_member_id on, participations in `episode_ids` (parallel to Episodes()), every row
  // created at `now` by `actor`.
  DatabaseLoad(store::Connection& c, const PersonalDataCipher& cipher, int64_t root_id,
               std::string root_path, int64_t first_org_id, int64_t first_member_id,
               std::vector<int64_t> episode_ids, Instant now, std::string actor);

  // Inserts the province's orgs, members with their history, and participations, in one
  // transaction. Errors: the store's (the province's rows are rolled back).
  Result<void> Add(const Province& p);

  const std::vector<TableLoad>& tables() const { return tables_; }
  // Time the inserts waited for sealed rows (the sealing threads fell behind).
  double sealing_wait_seconds() const { return sealing_wait_; }
  double commit_seconds() const { return commit_seconds_; }
  int64_t last_org_id() const { return next_org_id_ - 1; }
  int64_t last_member_id() const { return next_member_id_ - 1; }

 private:
  Result<void> AddRows(const Province& p);
  Result<void> Insert(size_t table, std::span<const std::string> columns,
                      std::span<const std::vector<store::Value>> rows);

  store::Connection& c_;
  const PersonalDataCipher& cipher_;
  int64_t root_id_;
  std::string root_path_;
  int64_t next_org_id_;
  int64_t next_member_id_;
  std::vector<int64_t> episode_ids_;
  store::Value at_;
  std::string actor_;
  std::vector<TableLoad> tables_;
  double sealing_wait_ = 0;
  double commit_seconds_ = 0;
};

}  // namespace tj::cli::gen
