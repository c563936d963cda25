#include "service/checkin_queue.h"

#include <map>
#include <set>

namespace tj::service {

Result<std::vector<bool>> RecordCheckins(Deps& d, const std::vector<store::Checkin>& rows) {
  std::shared_lock<std::shared_mutex> gate;
  if (d.gate) gate = d.gate->ForWrite();
  auto created = store::InTransaction(d.db, store::TxMode::kWrite,
                                      [&](store::Connection& c) { return store::StudyRepository(c).InsertCheckins(rows); });
  if (!created) return Fail(created.error());
  std::set<std::pair<int64_t, int64_t>> fresh(created->begin(), created->end());
  std::vector<bool> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    bool is_new = fresh.erase({r.episode_id, r.member_id}) > 0;
    out.push_back(is_new);
    if (is_new && d.study) d.study->Add(r.episode_id, r.org_id, 1);
  }
  return out;
}

void CheckinQueue::Start() {
  std::lock_guard lock(mu_);
  if (running_) return;
  running_ = true;
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void CheckinQueue::Stop() {
  {
    std::lock_guard lock(mu_);
    if (!running_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mu_);
  running_ = false;
}

Result<bool> CheckinQueue::Submit(const store::Checkin& c) {
  std::future<Result<bool>> done;
  {
    std::lock_guard lock(mu_);
    if (!running_ || stopping_) {
      auto r = RecordCheckins(d_, {c});
      if (!r) return Fail(r.error());
      return r->front();
    }
    queue_.push_back(Pending{c, {}});
    done = queue_.back().done.get_future();
  }
  cv_.notify_one();
  return done.get();
}

std::pair<int64_t, int64_t> CheckinQueue::Written() const {
  std::lock_guard lock(mu_);
  return {batches_, written_};
}

void CheckinQueue::Run() {
  for (;;) {
    std::vector<Pending> batch;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    std::vector<store::Checkin> rows;
    rows.reserve(batch.size());
    for (const auto& p : batch) rows.push_back(p.checkin);
    auto result = RecordCheckins(d_, rows);
    {
      std::lock_guard lock(mu_);
      ++batches_;
      if (result) written_ += static_cast<int64_t>(rows.size());
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      if (result) batch[i].done.set_value((*result)[i]);
      else batch[i].done.set_value(Fail(result.error()));
    }
  }
}

}  // namespace tj::service
