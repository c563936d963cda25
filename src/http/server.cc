#include "http/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/json.hpp>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iterator>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include "base/time.h"
#include "http/static_files.h"

namespace tj::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using ErrorArgs = std::map<std::string, std::string, std::less<>>;

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr size_t kFirstReadSize = 4096;
// After refusing a request whose body we did not read, keep reading (and dropping) for a
// moment before closing: closing a socket with unread input sends a reset, which can destroy
// our answer before the client has read it.
constexpr auto kLingerTime = std::chrono::seconds(1);
constexpr size_t kLingerBytes = 4 << 20;

thread_local bool t_io_thread = false;

void LogError(const char* what, std::string_view detail) {
  std::fprintf(stderr, "tj http: %s: %.*s\n", what, static_cast<int>(detail.size()), detail.data());
}

void LogException(const char* what, std::exception_ptr e) {
  try {
    std::rethrow_exception(std::move(e));
  } catch (const std::exception& ex) {
    LogError(what, ex.what());
  } catch (...) {
    LogError(what, "unknown exception");
  }
}

bool IsApiPath(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

std::string Lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Splits the request target into the decoded path and query. False for a target that is not
// origin-form ("/path?query") or has a malformed escape or a NUL.
bool FillTarget(std::string_view target, Request& request) {
  if (!target.starts_with('/')) return false;
  size_t question = target.find('?');
  std::optional<std::string> path = PercentDecode(target.substr(0, question), false);
  if (!path || path->find('\0') != std::string::npos) return false;
  request.path = std::move(*path);
  if (question == std::string_view::npos) return true;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::optional<std::string> key = PercentDecode(pair.substr(0, eq), true);
    std::optional<std::string> value = PercentDecode(
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    if (!key || !value) return false;
    request.query.emplace(std::move(*key), std::move(*value));
  }
  return true;
}

std::string PeerAddress(const tcp::socket& socket) {
  boost::system::error_code ec;
  tcp::endpoint peer = socket.remote_endpoint(ec);
  if (ec) return {};
  asio::ip::address address = peer.address();
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
  }
  return address.to_string();
}

// A parse error means the client sent something that is not HTTP/1.1; other errors (reset,
// timeout, end of stream) mean the connection is gone and there is nobody to answer.
bool IsMalformed(const boost::system::error_code& ec) {
  if (ec.category() != bhttp::make_error_code(bhttp::error::bad_target).category()) return false;
  return ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message &&
         ec != bhttp::error::need_more && ec != bhttp::error::header_limit &&
         ec != bhttp::error::body_limit && ec != bhttp::error::buffer_overflow;
}

std::optional<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return bytes;
}

// Runs `fn` on `pool` and resumes the awaiting coroutine on its own executor with the result.
// `fn` must not throw.
template <typename Fn>
asio::awaitable<Response> RunOnPool(asio::thread_pool& pool, Fn fn) {
  auto initiate = [&pool](auto handler, Fn f) {
    auto work = asio::make_work_guard(asio::get_associated_executor(handler));
    asio::post(pool, [f = std::move(f), handler = std::move(handler),
                      work = std::move(work)]() mutable {
      Response response = f();
      auto home = work.get_executor();
      asio::post(home, [handler = std::move(handler), response = std::move(response)]() mutable {
        std::move(handler)(std::move(response));
      });
    });
  };
  return asio::async_initiate<const asio::use_awaitable_t<>&, void(Response)>(
      initiate, asio::use_awaitable, std::move(fn));
}

// What the access log and the response writer need to know of one request.
struct Exchange {
  std::string remote;
  std::string method = "-";
  std::string path = "-";  // raw, without the query: tokens in query strings stay out of logs
  unsigned version = 11;
  bool is_head = false;
  bool is_api = false;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  std::string accept_language;
};

// A connection as Stop() sees it. Touched only on the session's own I/O thread (Stop posts
// there), so plain fields suffice.
struct SessionState {
  asio::any_io_executor executor;
  beast::tcp_stream* stream = nullptr;  // null once the session ends
  bool idle = false;                    // waiting for the first byte of a request
};

}  // namespace

bool OnIoThread() { return t_io_thread; }

struct Server::Impl {
  Impl(const Router& r, ServerOptions o)
      : router(r), options(std::move(o)), static_files(options.web_root) {}

  int Run();
  void Stop();

  asio::awaitable<void> Accept();
  asio::awaitable<void> Session(tcp::socket socket);
  // Sends `response` (which it may change) and logs the exchange. False when the connection
  // must end: a write error, or keep_alive false.
  asio::awaitable<bool> Write(beast::tcp_stream& stream, Response& response, const Exchange& ex,
                              bool keep_alive);
  Response ErrorResponse(int status, std::string_view code, std::string_view message_key,
                         const ErrorArgs& args, std::string_view accept_language) const;
  // The 413 answer, naming the limit.
  Response TooLarge(size_t limit, std::string_view accept_language) const {
    ErrorArgs args;
    args.emplace("limit", std::to_string(limit));
    return ErrorResponse(413, "payload_too_large", "common.payload_too_large", args,
                         accept_language);
  }
  // The 405 answer, with the Allow header listing the path's methods.
  Response MethodNotAllowed(const std::string& path, std::string_view accept_language) const {
    Response response =
        ErrorResponse(405, "method_not_allowed", "common.method_not_allowed", {}, accept_language);
    std::string allow;
    for (Method m : router.AllowedMethods(path)) {
      if (!allow.empty()) allow += ", ";
      allow += MethodName(m);
      if (m == Method::kGet) allow += ", HEAD";
    }
    response.AddHeader("Allow", std::move(allow));
    return response;
  }
  // Runs the route's handler, or the static files when `route` is null, on the worker pool.
  // Deliberately not a coroutine: GCC 12 mishandles lambda captures inside coroutines.
  asio::awaitable<Response> Dispatch(const Route* route, Request request, const Exchange& ex) {
    if (route != nullptr) {
      return RunOnPool(*pool, [this, route, &ex, req = std::move(request)]() mutable {
        return CallHandler(*route, req, ex);
      });
    }
    return RunOnPool(*pool, [this, &ex, req = std::move(request)] { return ServeStatic(req, ex); });
  }
  Response CallHandler(const Route& route, Request& request, const Exchange& ex) const;
  Response ServeStatic(const Request& request, const Exchange& ex) const;
  void AccessLog(const Exchange& ex, int status, size_t bytes, int64_t user_id) const;

  const Router& router;
  const ServerOptions options;
  const StaticFiles static_files;

  // Declared before the I/O objects: sessions destroyed with an io_context still unregister.
  std::mutex mutex;
  std::condition_variable changed;
  bool stop_requested = false;
  size_t active_sessions = 0;
  std::unordered_set<std::shared_ptr<SessionState>> sessions;
  std::atomic<bool> stopping{false};

  std::vector<std::unique_ptr<asio::io_context>> io_contexts;
  std::optional<asio::thread_pool> pool;
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::signal_set> signals;
};

Response Server::Impl::ErrorResponse(int status, std::string_view code,
                                     std::string_view message_key, const ErrorArgs& args,
                                     std::string_view accept_language) const {
  if (options.error_renderer) {
    try {
      Response r = options.error_renderer(status, code, message_key, args, accept_language);
      r.status = status;
      return r;
    } catch (...) {
      LogException("error_renderer", std::current_exception());
    }
  }
  json::object error{{"code", code}, {"message", message_key}};
  return Response::Json(status, json::serialize(json::object{{"error", std::move(error)}}));
}

Response Server::Impl::CallHandler(const Route& route, Request& request, const Exchange& ex) const {
  try {
    Response response = route.handler(request);
    if (response.file_path) {
      // Read here, on the worker, so the I/O thread never waits on the disk.
      std::optional<std::string> bytes = ReadWholeFile(*response.file_path);
      if (!bytes) throw std::runtime_error("cannot read file_path " + *response.file_path);
      response.body = std::move(*bytes);
      response.file_path.reset();
    }
    return response;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tj http: %s %s: handler failed: %s\n", ex.method.c_str(), ex.path.c_str(),
                 e.what());
  } catch (...) {
    std::fprintf(stderr, "tj http: %s %s: handler failed: unknown exception\n", ex.method.c_str(),
                 ex.path.c_str());
  }
  return ErrorResponse(500, "internal", "common.internal", {}, ex.accept_language);
}

Response Server::Impl::ServeStatic(const Request& request, const Exchange& ex) const {
  try {
    std::variant<Response, StaticError> result = static_files.Serve(request);
    if (auto* response = std::get_if<Response>(&result)) return std::move(*response);
    const StaticError& e = std::get<StaticError>(result);
    Response response = ErrorResponse(e.status, e.code, e.message_key, {}, ex.accept_language);
    if (e.status == 405) response.AddHeader("Allow", "GET, HEAD");
    return response;
  } catch (...) {
    LogException("static file", std::current_exception());
  }
  return ErrorResponse(500, "internal", "common.internal", {}, ex.accept_language);
}

void Server::Impl::AccessLog(const Exchange& ex, int status, size_t bytes, int64_t user_id) const {
  using namespace std::chrono;
  double ms = duration<double, std::milli>(steady_clock::now() - ex.started).count();
  std::string line = FormatInstantUtc(time_point_cast<microseconds>(system_clock::now()));
  char numbers[96];
  std::snprintf(numbers, sizeof numbers, " %d %zu %.1fms ", status, bytes, ms);
  line.append(" ").append(ex.remote.empty() ? "-" : ex.remote);
  line.append(" ").append(ex.method).append(" ").append(ex.path).append(numbers);
  line.append(user_id == 0 ? std::string("-") : std::to_string(user_id));
  if (options.access_log) {
    try {
      options.access_log(line);
    } catch (...) {
      LogException("access_log", std::current_exception());
    }
    return;
  }
  line.push_back('\n');
  std::fwrite(line.data(), 1, line.size(), stderr);
}

asio::awaitable<bool> Server::Impl::Write(beast::tcp_stream& stream, Response& response,
                                          const Exchange& ex, bool keep_alive) {
  bhttp::response<bhttp::string_body> res;
  size_t body_bytes = 0;
  try {
    if (response.status < 100 || response.status > 599) {
      LogError("handler returned an invalid status", std::to_string(response.status));
      response = ErrorResponse(500, "internal", "common.internal", {}, ex.accept_language);
    }
    const int status = response.status;
    const bool bodiless = status < 200 || status == 204 || status == 304;
    if (bodiless) response.body.clear();
    res.version(ex.version);
    res.result(static_cast<unsigned>(status));
    if (!bodiless && !response.content_type.empty()) {
      res.set(bhttp::field::content_type, response.content_type);
    }
    bool has_cache_control = false;
    for (const auto& [name, value] : response.headers) {
      res.insert(name, value);
      has_cache_control = has_cache_control || beast::iequals(name, "cache-control");
    }
    // API answers carry personal data: no shared or browser cache keeps them.
    if (ex.is_api && !has_cache_control) res.set(bhttp::field::cache_control, "no-store");
    res.keep_alive(keep_alive);
    if (ex.is_head) {
      if (!bodiless) res.content_length(response.body.size());
    } else {
      body_bytes = response.body.size();
      res.body() = std::move(response.body);
      res.prepare_payload();
    }
  } catch (...) {
    LogException("building a response", std::current_exception());
    res = {};
    res.version(ex.version);
    res.result(bhttp::status::internal_server_error);
    res.keep_alive(false);
    keep_alive = false;
    res.prepare_payload();
    body_bytes = 0;
  }
  stream.expires_after(options.body_timeout);
  auto [ec, written] = co_await bhttp::async_write(stream, res, kNoThrow);
  AccessLog(ex, static_cast<int>(res.result_int()), body_bytes, response.log_user_id);
  co_return !ec && keep_alive;
}

asio::awaitable<void> Server::Impl::Session(tcp::socket socket) {
  auto state = std::make_shared<SessionState>();
  state->executor = socket.get_executor();
  {
    std::lock_guard lock(mutex);
    sessions.insert(state);
    ++active_sessions;
  }
  // Unregisters on every way out, including destruction of the frame at a forced stop.
  struct Registration {
    Impl& impl;
    std::shared_ptr<SessionState> state;
    ~Registration() {
      state->stream = nullptr;
      std::lock_guard lock(impl.mutex);
      impl.sessions.erase(state);
      --impl.active_sessions;
      impl.changed.notify_all();
    }
  } registration{*this, state};

  const std::string remote = PeerAddress(socket);
  beast::tcp_stream stream(std::move(socket));
  state->stream = &stream;
  beast::flat_buffer buffer;
  bool first = true;
  bool linger = false;  // unread request bytes may remain when we close
  std::optional<Response> refusal;
  Exchange ex;

  for (;;) {
    // Idle: wait for the first byte of the next request. Stop() ends the session here.
    if (buffer.size() == 0) {
      state->idle = true;
      if (stopping.load()) break;
      stream.expires_after(first ? options.header_timeout : options.idle_timeout);
      auto [ec, n] = co_await stream.async_read_some(buffer.prepare(kFirstReadSize), kNoThrow);
      state->idle = false;
      if (ec) break;
      buffer.commit(n);
    }
    first = false;

    ex = Exchange{};
    ex.remote = remote;
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
    parser.body_limit(boost::none);  // the route's limit is applied once the route is known
    stream.expires_after(options.header_timeout);
    auto [header_ec, header_bytes] =
        co_await bhttp::async_read_header(stream, buffer, parser, kNoThrow);
    if (header_ec) {
      if (header_ec == bhttp::error::header_limit) {
        refusal = ErrorResponse(431, "bad_request", "common.header_too_large", {}, "");
      } else if (IsMalformed(header_ec)) {
        refusal = ErrorResponse(400, "bad_request", "common.invalid_format", {}, "");
      }
      break;
    }

    bhttp::request<bhttp::string_body>& head = parser.get();
    Request request;
    request.method = ParseMethod(head.method_string());
    request.remote_address = remote;
    const std::string_view target = head.target();
    ex.method = std::string(head.method_string());
    ex.path = std::string(target.substr(0, target.find('?')));
    ex.version = head.version();
    ex.is_head = request.method == Method::kHead;
    ex.accept_language = std::string(head[bhttp::field::accept_language]);
    const bool target_ok = FillTarget(target, request);
    ex.is_api = target_ok && IsApiPath(request.path);
    if (!target_ok) {
      refusal = ErrorResponse(400, "bad_request", "common.invalid_format", {}, ex.accept_language);
      break;
    }

    // Learn the route before the body: its limit decides whether to read the body at all.
    const Route* route = nullptr;
    bool path_matched = false;
    if (ex.is_api) {
      Router::Match match = router.Find(request.method, request.path, &request.path_params);
      if (match.route == nullptr && request.method == Method::kHead) {
        // HEAD of a GET route: run the GET handler and send only the headers.
        Router::Match get = router.Find(Method::kGet, request.path, &request.path_params);
        if (get.route != nullptr) match = get;
      }
      route = match.route;
      path_matched = match.path_matched;
    }
    const size_t limit = route != nullptr ? route->body_limit : kDefaultBodyLimit;
    if (auto length = parser.content_length(); length && *length > limit) {
      refusal = TooLarge(limit, ex.accept_language);
      break;
    }

    if (!parser.is_done()) {
      if (beast::iequals(head[bhttp::field::expect], "100-continue")) {
        bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, head.version()};
        auto [ec, n] = co_await bhttp::async_write(stream, go_on, kNoThrow);
        if (ec) break;
      }
      parser.body_limit(limit);  // also bounds chunked bodies, which announce no length
      stream.expires_after(options.body_timeout);
      auto [body_ec, body_bytes] = co_await bhttp::async_read(stream, buffer, parser, kNoThrow);
      if (body_ec) {
        if (body_ec == bhttp::error::body_limit) {
          refusal = TooLarge(limit, ex.accept_language);
        } else if (IsMalformed(body_ec)) {
          refusal =
              ErrorResponse(400, "bad_request", "common.invalid_format", {}, ex.accept_language);
        }
        break;
      }
    }

    for (const auto& field : head) {
      std::string name = Lowercase(field.name_string());
      std::string_view value = field.value();
      auto [it, inserted] = request.headers.try_emplace(std::move(name), value);
      if (!inserted) {
        // Repeated fields are one comma-separated list; cookies use their own separator.
        it->second.append(it->first == "cookie" ? "; " : ", ").append(value);
      }
    }
    request.body = std::move(head.body());
    const bool client_keeps_alive = head.keep_alive();

    Response response;
    if (ex.is_api && route == nullptr) {
      response = path_matched ? MethodNotAllowed(request.path, ex.accept_language)
                              : ErrorResponse(404, "not_found", "common.route_not_found", {},
                                              ex.accept_language);
    } else if (route != nullptr && route->on_io_thread) {
      response = CallHandler(*route, request, ex);
    } else if (ex.is_api || static_files.enabled()) {
      asio::awaitable<Response> work = Dispatch(route, std::move(request), ex);
      response = co_await std::move(work);
    } else {
      response = ErrorResponse(404, "not_found", "common.not_found", {}, ex.accept_language);
    }

    // A request that was in flight when Stop() came still gets its answer, then the end.
    const bool keep_alive = client_keeps_alive && !stopping.load();
    if (!co_await Write(stream, response, ex, keep_alive)) break;
  }

  // A refused request ends the connection: its body, if any, was not read, so the next
  // request's start is unknown.
  if (refusal) {
    co_await Write(stream, *refusal, ex, false);
    linger = true;
  }

  boost::system::error_code ignored;
  tcp::socket& sock = stream.socket();
  if (sock.is_open()) {
    sock.shutdown(tcp::socket::shutdown_send, ignored);
    if (linger) {
      stream.expires_after(kLingerTime);
      // std::array: GCC 12 cannot keep a plain array in a coroutine frame.
      std::array<char, 4096> scratch;
      size_t dropped = 0;
      while (dropped < kLingerBytes) {
        auto [ec, n] = co_await stream.async_read_some(asio::buffer(scratch), kNoThrow);
        if (ec) break;
        dropped += n;
      }
    }
    stream.socket().close(ignored);
  }
}

asio::awaitable<void> Server::Impl::Accept() {
  size_t next = 0;
  for (;;) {
    asio::io_context& home = *io_contexts[next++ % io_contexts.size()];
    auto [ec, socket] = co_await acceptor->async_accept(home, kNoThrow);
    if (!acceptor->is_open() || ec == asio::error::operation_aborted) co_return;
    if (ec) {
      // Out of descriptors, usually: pause instead of spinning on the same error.
      LogError("accept", ec.message());
      asio::steady_timer pause(co_await asio::this_coro::executor, std::chrono::milliseconds(50));
      co_await pause.async_wait(kNoThrow);
      continue;
    }
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    asio::any_io_executor executor = socket.get_executor();
    asio::co_spawn(executor, Session(std::move(socket)), [](std::exception_ptr e) {
      if (e) LogException("session", std::move(e));
    });
  }
}

int Server::Impl::Run() {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const size_t io_count = options.io_threads > 0 ? static_cast<size_t>(options.io_threads) : cores;
  const size_t worker_count = options.worker_threads > 0
                                  ? static_cast<size_t>(options.worker_threads)
                                  : std::max<size_t>(4, 2 * size_t{cores});
  for (size_t i = 0; i < io_count; ++i) {
    // One thread runs each context: the hint lets Asio skip cross-thread wake-ups.
    io_contexts.push_back(std::make_unique<asio::io_context>(1));
  }
  asio::io_context& main = *io_contexts.front();

  auto release = [this] {
    signals.reset();
    acceptor.reset();
    pool.reset();
    io_contexts.clear();  // destroys any session frame still held
  };

  boost::system::error_code ec;
  tcp::endpoint endpoint;
  asio::ip::address address = asio::ip::make_address(options.host, ec);
  if (!ec) {
    endpoint = tcp::endpoint(address, options.port);
  } else {
    tcp::resolver resolver(main);
    auto results = resolver.resolve(options.host, std::to_string(options.port), ec);
    if (!ec && results.empty()) ec = asio::error::host_not_found;
    if (!ec) endpoint = results.begin()->endpoint();
  }
  if (!ec) {
    acceptor.emplace(main);
    acceptor->open(endpoint.protocol(), ec);
    if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor->bind(endpoint, ec);
    if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    std::fprintf(stderr, "tj http: cannot listen on %s:%u: %s\n", options.host.c_str(),
                 static_cast<unsigned>(options.port), ec.message().c_str());
    release();
    return 1;
  }
  const unsigned short port = acceptor->local_endpoint().port();

  pool.emplace(worker_count);
  if (options.handle_signals) {
    signals.emplace(main, SIGINT, SIGTERM);
    signals->async_wait([this](const boost::system::error_code& signal_ec, int) {
      if (!signal_ec) Stop();
    });
  }
  asio::co_spawn(main, Accept(), [](std::exception_ptr e) {
    if (e) LogException("accept loop", std::move(e));
  });

  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
  std::vector<std::thread> io_threads;
  for (auto& context : io_contexts) {
    keep_running.push_back(asio::make_work_guard(*context));
    io_threads.emplace_back([&context = *context] {
      t_io_thread = true;
      for (;;) {
        try {
          context.run();
          return;
        } catch (...) {
          LogException("I/O thread", std::current_exception());
        }
      }
    });
  }
  if (options.on_listening) {
    try {
      options.on_listening(port);
    } catch (...) {
      LogException("on_listening", std::current_exception());
      Stop();
    }
  }

  std::unique_lock lock(mutex);
  changed.wait(lock, [this] { return stop_requested; });
  // Stop accepting, and let go of connections that are only waiting for a next request.
  asio::post(main, [this] {
    boost::system::error_code ignored;
    acceptor->close(ignored);
    if (signals) signals->cancel(ignored);
  });
  for (const std::shared_ptr<SessionState>& session : sessions) {
    asio::post(session->executor, [session] {
      if (session->idle && session->stream != nullptr) session->stream->cancel();
    });
  }
  if (!changed.wait_for(lock, options.shutdown_grace, [this] { return active_sessions == 0; })) {
    std::fprintf(stderr, "tj http: %zu connections still open after the shutdown grace\n",
                 active_sessions);
  }
  lock.unlock();

  keep_running.clear();
  for (auto& context : io_contexts) context->stop();
  for (std::thread& t : io_threads) t.join();
  pool->join();  // a handler still running past the grace finishes here
  release();
  return 0;
}

void Server::Impl::Stop() {
  stopping.store(true);
  std::lock_guard lock(mutex);
  stop_requested = true;
  changed.notify_all();
}

Server::Server(const Router& router, ServerOptions options)
    : impl_(std::make_unique<Impl>(router, std::move(options))) {}

Server::~Server() = default;

int Server::Run() { return impl_->Run(); }

void Server::Stop() { impl_->Stop(); }

}  // namespace tj::http
