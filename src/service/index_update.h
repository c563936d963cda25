// How a write that changes members or their dues keeps the statistics indexes following it:
//
//   IndexUpdate idx(d_);                  // before the transaction: holds the index gate
//   InTransaction(..., [&](Connection& c) {
//     idx.Before(c, {member_id});         // the members' dues parts as the tables hold them
//     ... the change ...
//     idx.After(c, {member_id});          // and as they hold them now
//     idx.Member(before_facts, after_facts);  // the registry's side, from the caller
//   });
//   if (ok) idx.Apply();                  // after the commit
//
// Dues parts are read inside the transaction, so they are exactly what it changed (writers
// are serialized by the store); the indexes get the difference only once the transaction has
// committed, and nothing for one rolled back. The gate (stats/index_gate.h) keeps a rebuild
// from the tables from falling between the commit and Apply. One write's helper; not
// thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <utility>
#include <vector>

#include "service/context.h"
#include "stats/dues_index.h"
#include "stats/registry_index.h"
#include "store/dues_repository.h"

namespace tj::service {

// The window of the indexes that keep one (dues by month, Youth Study by episode): this year
// and last year, from 1 January of last year on. Rebuilt daily, so it moves on 1 January.
Date IndexWindowStart(Date today);

class IndexUpdate {
 public:
  explicit IndexUpdate(Deps& d);

  // Inside the transaction, before the change: these members' dues parts are taken away.
  Result<void> Before(store::Connection& c, const std::vector<int64_t>& member_ids);
  // Inside the transaction, after the change: these members' dues parts are added.
  Result<void> After(store::Connection& c, const std::vector<int64_t>& member_ids);
  // Inside the transaction: the dues parts of members it created in bulk (without reading them
  // back; they have no payments or profiles yet).
  Result<void> AfterNew(store::Connection& c, const std::vector<store::DuesMember>& members);
  // A member's registry facts before and after (nullopt: did not exist / no longer exists).
  void Member(std::optional<stats::MemberFacts> before, std::optional<stats::MemberFacts> after);
  // After the commit: applies everything recorded.
  void Apply();

 private:
  Result<void> Read(store::Connection& c, const std::vector<int64_t>& member_ids, std::vector<stats::DuesPart>& to);

  Deps& d_;
  std::shared_lock<std::shared_mutex> gate_;
  std::vector<stats::DuesPart> before_, after_;
  std::vector<std::pair<std::optional<stats::MemberFacts>, std::optional<stats::MemberFacts>>> registry_;
};

}  // namespace tj::service
