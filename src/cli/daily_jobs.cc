#include "cli/daily_jobs.h"

#include <iostream>

#include "base/messages.h"
#include "service/dues_service.h"
#include "service/member_service.h"
#include "service/study_service.h"
#include "service/transfer_service.h"

namespace tj::cli {

void DailyJobs::RunOnce() {
  service::MemberService members(deps_);
  auto n = members.RunAgeOut(system_);
  if (n)
    std::cerr << "daily: " << *n << " members aged out\n";
  else
    std::cerr << "daily: age-out failed: " << RenderMessage(n.error().message_key, n.error().args, Locale::kEn)
              << " " << n.error().log_detail << "\n";
  auto expired = service::TransferService(deps_).ExpireDue(system_);
  if (expired)
    std::cerr << "daily: " << *expired << " transfers expired\n";
  else
    std::cerr << "daily: transfer expiry failed: " << expired.error().log_detail << "\n";
  if (auto r = members.RebuildIndex(); !r)
    std::cerr << "daily: index rebuild failed: " << r.error().log_detail << "\n";
  // The dues index's window (this year and last year) moves on the first of January.
  if (auto r = service::DuesService(deps_).RebuildIndex(); !r)
    std::cerr << "daily: dues index rebuild failed: " << r.error().log_detail << "\n";
  if (auto r = service::StudyService(deps_).RebuildIndex(); !r)
    std::cerr << "daily: Youth Study index rebuild failed: " << r.error().log_detail << "\n";
}

void DailyJobs::Start() {
  thread_ = std::thread([this] {
    RunOnce();
    std::unique_lock lock(mu_);
    while (!stop_) {
      // The next local midnight, plus a minute for clock skew.
      auto now = std::chrono::system_clock::now();
      auto offset = std::chrono::minutes(deps_.zone.offset_minutes);
      auto local_day = std::chrono::floor<std::chrono::days>(now + offset);
      auto next = local_day + std::chrono::days(1) - offset + std::chrono::minutes(1);
      if (cv_.wait_until(lock, next, [this] { return stop_; })) break;
      lock.unlock();
      RunOnce();
      lock.lock();
    }
  });
}

void DailyJobs::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace tj::cli
