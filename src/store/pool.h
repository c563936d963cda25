// A bounded pool of connections shared by both backends.
//
// Thread-safe. Acquire hands out an idle connection, opens a new one while fewer than
// `max_size` exist, or waits for one to come back. Broken connections (Healthy() == false)
// are dropped on return so the next Acquire opens a fresh one.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "store/database.h"

namespace tj::store {

class ConnectionPool {
 public:
  using Factory = std::function<Result<std::unique_ptr<Connection>>()>;
  ConnectionPool(Factory factory, int max_size);

  // Errors: the factory's error when a new connection cannot be opened; kUnavailable after
  // Close().
  Result<std::unique_ptr<Connection>> Take();
  void Give(std::unique_ptr<Connection> c);
  void Close();

 private:
  Factory factory_;
  const int max_size_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;
  bool closed_ = false;
};

}  // namespace tj::store
