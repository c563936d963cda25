// The server's daily jobs: shortly after each local midnight (the deployment's zone), record the
// age-out of members who turned 28 and hold no post in office, then rebuild the registry's
// statistics index (age bands move with the date). One background thread; Stop() wakes and
// joins it. Start/Stop from the thread that owns the object.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "service/context.h"

namespace tj::cli {

class DailyJobs {
 public:
  DailyJobs(service::Deps& deps, service::Actor system) : deps_(deps), system_(std::move(system)) {}
  ~DailyJobs() { Stop(); }
  void Start();
  void Stop();
  // One run of every job (also used at start-up); logs what it did to stderr.
  void RunOnce();

 private:
  service::Deps& deps_;
  service::Actor system_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace tj::cli
