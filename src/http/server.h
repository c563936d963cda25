// The HTTP/1.1 server: Boost.Beast sessions on Asio coroutines.
//
// One io_context a core runs the sessions; each session only does I/O, timeouts and
// keep-alive. Handlers run on a separate worker pool (database calls and password hashing
// block), never on an I/O thread. Limits: header 16 KiB, header read 10 s, idle keep-alive
// 60 s, body limit per route checked against Content-Length before the body is read (413).
// Requests under /api/ go to the router (unknown route: 404 JSON); other GET/HEAD requests
// serve the built web app from `web_root`, falling back to index.html for client routes, with
// long cache headers for hashed files under /assets/.
//
// Thread safety: Run() blocks the calling thread until Stop() (from any thread, or
// SIGTERM/SIGINT when handle_signals) and in-flight requests have drained. Run() is called
// once per Server. The option callbacks (error_renderer, access_log) are called from I/O and
// worker threads concurrently and must be thread-safe; on_listening is called once, from the
// thread running Run().
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "http/router.h"

namespace tj::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;       // 0 picks a free port (see on_listening)
  int io_threads = 0;               // 0 = one a core
  int worker_threads = 0;           // 0 = max(4, 2 * cores)
  std::string web_root;             // built web app; empty = no static files
  size_t header_limit = 16 * 1024;
  std::chrono::seconds header_timeout{10};
  std::chrono::seconds idle_timeout{60};
  std::chrono::seconds body_timeout{60};
  std::chrono::seconds shutdown_grace{30};  // longest wait for in-flight requests
  bool handle_signals = true;
  // Called once the socket listens, with the bound port (useful with port 0).
  std::function<void(unsigned short)> on_listening;
  // Renders an error response in the server's JSON error format (status, code, message key,
  // args, Accept-Language header). Supplied by the api layer so messages are translated.
  // When empty, the body is {"error":{"code":<code>,"message":<message_key>}}.
  std::function<Response(int status, std::string_view code, std::string_view message_key,
                         const std::map<std::string, std::string, std::less<>>& args,
                         std::string_view accept_language)>
      error_renderer;
  // One line per request; defaults to stderr.
  std::function<void(std::string_view line)> access_log;
};

// True on the server's I/O threads. Handlers run on worker threads, where this is false;
// anything that blocks (database, password hashing, disk) may assert that.
bool OnIoThread();

class Server {
 public:
  Server(const Router& router, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Listens, serves until stopped, then drains. Returns 0 on a clean stop, non-zero when the
  // socket could not be bound (the reason is printed to stderr).
  int Run();
  // Stops accepting and closes idle keep-alive connections; requests being handled finish
  // and get their answers (with `Connection: close`), for at most shutdown_grace. Run() then
  // returns. Thread-safe, non-blocking, idempotent; a Stop() before Run() makes Run() return
  // right after binding.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tj::http
