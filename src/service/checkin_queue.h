// Youth Study check-ins written in groups (group commit).
//
// Check-ins are the hottest write (an episode's release brings a burst of them). Handler
// threads Submit one and wait; a single writer thread takes everything waiting (up to
// `max_batch`), inserts it in one transaction (INSERT … ON CONFLICT DO NOTHING, so a member
// counts once an episode), commits, updates the participation index, and only then answers
// each waiter: an acknowledged check-in is committed (SQLite's write-ahead log or
// PostgreSQL's), so it survives the server being killed. A failed batch fails each of its
// check-ins with the store's error; nothing of it is kept. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "service/context.h"
#include "store/study_repository.h"

namespace tj::service {

// Records participations in one transaction and updates the index after the commit; returns
// for each whether it was new (the first of duplicates within `rows` is the new one).
Result<std::vector<bool>> RecordCheckins(Deps& d, const std::vector<store::Checkin>& rows);

class CheckinQueue {
 public:
  explicit CheckinQueue(Deps& d, size_t max_batch = 1000) : d_(d), max_batch_(max_batch) {}
  ~CheckinQueue() { Stop(); }
  CheckinQueue(const CheckinQueue&) = delete;
  CheckinQueue& operator=(const CheckinQueue&) = delete;

  void Start();
  // Writes what was submitted, then ends the writer thread; later Submits write directly.
  void Stop();
  // Blocks until the check-in is committed. True when it was new.
  Result<bool> Submit(const store::Checkin& c);
  // Batches written so far, and check-ins in them (for the benchmark's report).
  std::pair<int64_t, int64_t> Written() const;

 private:
  struct Pending {
    store::Checkin checkin;
    std::promise<Result<bool>> done;
  };
  void Run();

  Deps& d_;
  size_t max_batch_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;
  bool running_ = false, stopping_ = false;
  int64_t batches_ = 0, written_ = 0;
  std::thread thread_;
};

}  // namespace tj::service
