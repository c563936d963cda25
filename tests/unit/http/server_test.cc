// Drives a real Server on an ephemeral port with raw sockets (no Asio in the tests: tj_http
// compiles Asio separately, and a second, header-only copy here would break the ODR).
#include "http/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace tj::http {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// A minimal HTTP/1.1 client over a blocking socket.

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lowercase names
  std::string body;

  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

class Client {
 public:
  explicit Client(unsigned short port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    SetTimeout(5s);
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return connected_; }

  void SetTimeout(std::chrono::milliseconds t) {
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(t.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((t.count() % 1000) * 1000);
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }

  bool Send(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // Reads one response; nullopt on timeout or when the server closed before a full answer.
  // `head` marks the answer to a HEAD request (headers only, whatever Content-Length says).
  std::optional<HttpResponse> Read(bool head = false) {
    size_t header_end;
    while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) return std::nullopt;
    }
    HttpResponse r;
    std::string_view head_text(buffer_.data(), header_end);
    size_t line_end = head_text.find("\r\n");
    std::string_view status_line = head_text.substr(0, line_end);
    if (!status_line.starts_with("HTTP/1.")) return std::nullopt;
    r.status = std::stoi(std::string(status_line.substr(9, 3)));
    std::string_view rest =
        line_end == std::string_view::npos ? std::string_view() : head_text.substr(line_end + 2);
    while (!rest.empty()) {
      size_t end = rest.find("\r\n");
      std::string_view line = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 2);
      size_t colon = line.find(':');
      std::string name(line.substr(0, colon));
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      r.headers[name] = std::string(value);
    }
    buffer_.erase(0, header_end + 4);
    if (r.status == 100) return r;
    size_t length = 0;
    bool until_close = false;
    if (auto it = r.headers.find("content-length"); it != r.headers.end()) {
      length = std::stoul(it->second);
    } else {
      until_close = r.status != 204 && r.status != 304;
    }
    if (head || r.status == 204 || r.status == 304) length = 0;
    if (until_close && !head) {
      while (Fill()) {
      }
      length = buffer_.size();
    }
    while (buffer_.size() < length) {
      if (!Fill()) return std::nullopt;
    }
    r.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return r;
  }

  // True when the server closed the connection (EOF or reset) within the receive timeout.
  bool ClosedByServer() {
    char c;
    ssize_t n = ::recv(fd_, &c, 1, 0);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
  }

 private:
  bool Fill() {
    char chunk[8192];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buffer_;
};

// One request on a fresh connection that asks to be closed afterwards.
std::optional<HttpResponse> Fetch(unsigned short port, std::string_view method,
                                  std::string_view target, std::string_view extra_headers = "",
                                  std::string_view body = "") {
  Client client(port);
  if (!client.connected()) return std::nullopt;
  std::string request = std::string(method) + " " + std::string(target) +
                        " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n" +
                        std::string(extra_headers);
  if (!body.empty()) request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  request += "\r\n" + std::string(body);
  client.Send(request);
  return client.Read(method == "HEAD");
}

// ---------------------------------------------------------------------------------------------
// A server on an ephemeral port, run on its own thread.

class TestServer {
 public:
  TestServer(const Router& router, ServerOptions options, bool handle_signals = false) {
    options.handle_signals = handle_signals;
    options.host = "127.0.0.1";
    options.port = 0;
    if (options.io_threads == 0) options.io_threads = 2;
    if (options.worker_threads == 0) options.worker_threads = 2;
    options.on_listening = [this](unsigned short port) {
      listening_thread_ = std::this_thread::get_id();
      port_promise_.set_value(port);
    };
    if (!options.access_log) {
      options.access_log = [this](std::string_view line) {
        std::lock_guard lock(log_mutex_);
        log_.emplace_back(line);
      };
    }
    server_ = std::make_unique<Server>(router, std::move(options));
    thread_ = std::thread([this] { run_result_.set_value(server_->Run()); });
    auto port = port_promise_.get_future();
    if (port.wait_for(5s) == std::future_status::ready) port_ = port.get();
    result_ = run_result_.get_future();
  }
  ~TestServer() { StopAndWait(); }

  unsigned short port() const { return port_; }
  Server& server() { return *server_; }
  std::thread::id listening_thread() const { return listening_thread_; }
  std::future<int>& result() { return result_; }

  // Stops the server and returns what Run() returned (-1 if it did not return in time).
  int StopAndWait() {
    if (!thread_.joinable()) return stopped_result_;
    server_->Stop();
    stopped_result_ = result_.wait_for(5s) == std::future_status::ready ? result_.get() : -1;
    thread_.join();
    return stopped_result_;
  }

  std::vector<std::string> log() {
    std::lock_guard lock(log_mutex_);
    return log_;
  }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::promise<unsigned short> port_promise_;
  std::promise<int> run_result_;
  std::future<int> result_;
  unsigned short port_ = 0;
  int stopped_result_ = -1;
  std::thread::id listening_thread_;
  std::mutex log_mutex_;
  std::vector<std::string> log_;
};

Route MakeRoute(Method method, std::string pattern, Handler handler,
                size_t body_limit = kDefaultBodyLimit) {
  Route r;
  r.method = method;
  r.pattern = std::move(pattern);
  r.handler = std::move(handler);
  r.body_limit = body_limit;
  return r;
}

// Echoes what the server put into the Request, one "key=value" a line.
Response Echo(Request& request) {
  std::string body;
  body += "method=" + std::string(MethodName(request.method)) + "\n";
  body += "path=" + request.path + "\n";
  for (const auto& [k, v] : request.path_params) body += "param." + k + "=" + v + "\n";
  for (const auto& [k, v] : request.query) body += "query." + k + "=" + v + "\n";
  if (const std::string* h = request.Header("x-test")) body += "header.x-test=" + *h + "\n";
  body += "remote=" + request.remote_address + "\n";
  body += "body=" + request.body + "\n";
  body += "on_io_thread=" + std::string(OnIoThread() ? "yes" : "no") + "\n";
  Response r;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(body);
  r.log_user_id = 42;
  return r;
}

class ServerTest : public testing::Test {
 protected:
  void SetUp() override {
    router_.Add(MakeRoute(Method::kGet, "/api/v1/echo/{name}", Echo));
    router_.Add(MakeRoute(Method::kPost, "/api/v1/echo/{name}", Echo));
    router_.Add(MakeRoute(
        Method::kPost, "/api/v1/small",
        [this](Request& r) {
          ++small_calls_;
          return Echo(r);
        },
        16));
    router_.Add(MakeRoute(Method::kGet, "/api/v1/boom", [](Request&) -> Response {
      throw std::runtime_error("handler exploded");
    }));
    router_.Add(MakeRoute(Method::kGet, "/api/v1/cached", [](Request&) {
      Response r = Response::Json(200, "{}");
      r.AddHeader("Cache-Control", "private, max-age=60");
      return r;
    }));
    router_.Add(MakeRoute(Method::kPost, "/api/v1/empty", [](Request&) {
      Response r;
      r.status = 204;
      r.body = "dropped";
      return r;
    }));
  }

  Router router_;
  std::atomic<int> small_calls_{0};
};

TEST_F(ServerTest, HandlerAnswersWithDecodedRequestAndNoStoreCaching) {
  TestServer server(router_, {});
  ASSERT_NE(server.port(), 0);
  auto r = Fetch(server.port(), "GET", "/api/v1/echo/%E4%B8%AD%20x?q=a+b&q=c%26d&page=2",
                 "X-Test: hello\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->Header("content-type"), "text/plain; charset=utf-8");
  EXPECT_EQ(r->Header("cache-control"), "no-store");
  EXPECT_EQ(r->Header("content-length"), std::to_string(r->body.size()));
  EXPECT_NE(r->body.find("method=GET\n"), std::string::npos);
  EXPECT_NE(r->body.find("path=/api/v1/echo/\xE4\xB8\xAD x\n"), std::string::npos);
  EXPECT_NE(r->body.find("param.name=\xE4\xB8\xAD x\n"), std::string::npos);
  EXPECT_NE(r->body.find("query.q=a b\nquery.q=c&d\n"), std::string::npos);
  EXPECT_NE(r->body.find("query.page=2\n"), std::string::npos);
  EXPECT_NE(r->body.find("header.x-test=hello\n"), std::string::npos);
  EXPECT_NE(r->body.find("remote=127.0.0.1\n"), std::string::npos);
}

// A route marked on_io_thread (the health check) answers on the I/O thread, so it still
// answers while every worker is held by other requests.
TEST_F(ServerTest, AnIoThreadRouteAnswersWhileEveryWorkerIsBusy) {
  std::promise<void> started;
  std::promise<void> release;
  auto released = release.get_future().share();
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/v1/busy", [&](Request&) {
    started.set_value();
    released.wait();
    return Response::Json(200, "{}");
  }));
  Route health = MakeRoute(Method::kGet, "/api/v1/health",
                           [](Request&) { return Response::Json(200, OnIoThread() ? "io" : "worker"); });
  health.on_io_thread = true;
  router.Add(std::move(health));
  router.Add(MakeRoute(Method::kGet, "/api/v1/queued", [](Request&) { return Response::Json(200, "{}"); }));
  ServerOptions options;
  options.worker_threads = 1;
  TestServer server(router, options);
  auto busy = std::async(std::launch::async, [&] { return Fetch(server.port(), "GET", "/api/v1/busy"); });
  ASSERT_EQ(started.get_future().wait_for(5s), std::future_status::ready);
  // The only worker is held: a pool route waits, the I/O-thread route answers at once.
  auto queued = std::async(std::launch::async, [&] { return Fetch(server.port(), "GET", "/api/v1/queued"); });
  EXPECT_EQ(queued.wait_for(200ms), std::future_status::timeout);
  auto h = Fetch(server.port(), "GET", "/api/v1/health");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->body, "io");
  EXPECT_EQ(queued.wait_for(0ms), std::future_status::timeout);
  release.set_value();
  ASSERT_TRUE(busy.get());
  auto q = queued.get();
  ASSERT_TRUE(q);
  EXPECT_EQ(q->status, 200);
}

TEST_F(ServerTest, HandlerRunsOnAWorkerNeverOnAnIoThread) {
  std::thread::id handler_thread;
  std::atomic<bool> renderer_on_io{false};
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/v1/where", [&](Request&) {
    handler_thread = std::this_thread::get_id();
    return Response::Json(200, OnIoThread() ? "io" : "worker");
  }));
  ServerOptions options;
  options.error_renderer = [&](int status, std::string_view, std::string_view,
                               const std::map<std::string, std::string, std::less<>>&,
                               std::string_view) {
    renderer_on_io = OnIoThread();
    return Response::Json(status, "{}");
  };
  TestServer server(router, options);
  auto r = Fetch(server.port(), "GET", "/api/v1/where");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "worker");
  EXPECT_NE(handler_thread, std::thread::id());
  EXPECT_NE(handler_thread, server.listening_thread());
  // The observable can say yes: errors the session answers itself are rendered on I/O threads.
  ASSERT_TRUE(Fetch(server.port(), "GET", "/api/v1/nowhere"));
  EXPECT_TRUE(renderer_on_io);
  EXPECT_FALSE(OnIoThread());
}

TEST_F(ServerTest, UnknownApiRouteIs404JsonInTheFallbackFormat) {
  TestServer server(router_, {});
  auto r = Fetch(server.port(), "GET", "/api/v1/nothing/here");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->Header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(r->body, R"({"error":{"code":"not_found","message":"common.route_not_found"}})");
}

TEST_F(ServerTest, ErrorsGoThroughTheErrorRendererWithAcceptLanguage) {
  ServerOptions options;
  options.error_renderer = [](int status, std::string_view code, std::string_view key,
                              const std::map<std::string, std::string, std::less<>>& args,
                              std::string_view accept_language) {
    std::string body =
        std::string(code) + "|" + std::string(key) + "|" + std::string(accept_language);
    for (const auto& [k, v] : args) body += "|" + k + "=" + v;
    return Response::Json(status, body);
  };
  TestServer server(router_, options);
  auto r = Fetch(server.port(), "GET", "/api/v1/nothing", "Accept-Language: en-US\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->body, "not_found|common.route_not_found|en-US");

  r = Fetch(server.port(), "POST", "/api/v1/small", "Accept-Language: en\r\n",
            std::string(100, 'x'));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(r->body, "payload_too_large|common.payload_too_large|en|limit=16");
}

TEST_F(ServerTest, WrongMethodIs405WithAllowHeader) {
  TestServer server(router_, {});
  auto r = Fetch(server.port(), "DELETE", "/api/v1/echo/x");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->Header("allow"), "GET, HEAD, POST");
  EXPECT_NE(r->body.find("common.method_not_allowed"), std::string::npos);
}

TEST_F(ServerTest, ContentLengthOverTheRouteLimitIs413BeforeTheBodyIsRead) {
  TestServer server(router_, {});
  Client client(server.port());
  // Only the header goes out: the answer must come without waiting for the body.
  client.Send("POST /api/v1/small HTTP/1.1\r\nHost: t\r\nContent-Length: 1000000\r\n\r\n");
  auto r = client.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_NE(r->body.find("payload_too_large"), std::string::npos);
  EXPECT_EQ(r->Header("connection"), "close");
  EXPECT_EQ(small_calls_, 0);

  // Within the limit the same route works.
  r = Fetch(server.port(), "POST", "/api/v1/small", "", "0123456789abcdef");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(small_calls_, 1);
}

TEST_F(ServerTest, ChunkedBodyOverTheRouteLimitIs413) {
  TestServer server(router_, {});
  Client client(server.port());
  client.Send(
      "POST /api/v1/small HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
      "10\r\n0123456789abcdef\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n");
  auto r = client.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(small_calls_, 0);
}

TEST_F(ServerTest, HeaderOver16KiBIsRefused) {
  TestServer server(router_, {});
  Client client(server.port());
  client.Send("GET /api/v1/echo/x HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(20000, 'a') +
              "\r\n\r\n");
  auto r = client.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
  EXPECT_TRUE(client.ClosedByServer());
}

TEST_F(ServerTest, MalformedRequestIs400AndTheConnectionCloses) {
  TestServer server(router_, {});
  for (std::string_view garbage : {"GARBAGE\r\n\r\n", "GET /api/v1/echo/x HTTP/9.9\r\n\r\n",
                                   "GET /api/v1/echo/%zz HTTP/1.1\r\nHost: t\r\n\r\n",
                                   "GET http://example.com/ HTTP/1.1\r\nHost: t\r\n\r\n"}) {
    Client client(server.port());
    client.Send(garbage);
    auto r = client.Read();
    ASSERT_TRUE(r) << garbage;
    EXPECT_EQ(r->status, 400) << garbage;
    EXPECT_TRUE(client.ClosedByServer()) << garbage;
  }
}

TEST_F(ServerTest, HandlerExceptionIs500AndTheServerKeepsServing) {
  TestServer server(router_, {});
  auto r = Fetch(server.port(), "GET", "/api/v1/boom");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->body, R"({"error":{"code":"internal","message":"common.internal"}})");
  EXPECT_EQ(r->body.find("exploded"), std::string::npos);  // no internals in the answer
  r = Fetch(server.port(), "GET", "/api/v1/echo/after");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(ServerTest, KeepsAliveAcrossRequestsIncludingPipelinedOnes) {
  TestServer server(router_, {});
  Client client(server.port());
  client.Send("GET /api/v1/echo/one HTTP/1.1\r\nHost: t\r\n\r\n");
  auto first = client.Read();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_NE(first->Header("connection"), "close");
  // Two at once, the second with a body; answers come back in order.
  client.Send(
      "POST /api/v1/echo/two HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello"
      "GET /api/v1/echo/three HTTP/1.1\r\nHost: t\r\n\r\n");
  auto second = client.Read();
  auto third = client.Read();
  ASSERT_TRUE(second && third);
  EXPECT_NE(second->body.find("param.name=two\n"), std::string::npos);
  EXPECT_NE(second->body.find("body=hello\n"), std::string::npos);
  EXPECT_NE(third->body.find("param.name=three\n"), std::string::npos);
}

TEST_F(ServerTest, HonoursHandlerCacheControlAndBodilessStatuses) {
  TestServer server(router_, {});
  auto r = Fetch(server.port(), "GET", "/api/v1/cached");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->Header("cache-control"), "private, max-age=60");
  r = Fetch(server.port(), "POST", "/api/v1/empty");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 204);
  EXPECT_EQ(r->body, "");
}

TEST_F(ServerTest, HeadOfAnApiGetRouteSendsHeadersOnly) {
  TestServer server(router_, {});
  Client client(server.port());
  client.Send("HEAD /api/v1/echo/x HTTP/1.1\r\nHost: t\r\n\r\n");
  auto head = client.Read(/*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_NE(head->Header("content-length"), "0");
  // Nothing but the next answer follows: the connection is still in step.
  client.Send("GET /api/v1/echo/y HTTP/1.1\r\nHost: t\r\n\r\n");
  auto get = client.Read();
  ASSERT_TRUE(get);
  EXPECT_NE(get->body.find("param.name=y\n"), std::string::npos);
}

TEST_F(ServerTest, ExpectContinueGets100BeforeTheBody) {
  TestServer server(router_, {});
  Client client(server.port());
  client.Send(
      "POST /api/v1/echo/x HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\n"
      "Content-Length: 3\r\n\r\n");
  auto go_on = client.Read();
  ASSERT_TRUE(go_on);
  EXPECT_EQ(go_on->status, 100);
  client.Send("abc");
  auto r = client.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("body=abc\n"), std::string::npos);
}

TEST_F(ServerTest, AccessLogHasOneLinePerRequestWithoutTheQueryString) {
  TestServer server(router_, {});
  ASSERT_TRUE(Fetch(server.port(), "GET", "/api/v1/echo/x?token=secret"));
  ASSERT_TRUE(Fetch(server.port(), "GET", "/api/v1/nothing"));
  server.StopAndWait();
  std::vector<std::string> log = server.log();
  ASSERT_EQ(log.size(), 2u);
  // "2026-01-02T03:04:05.123456Z 127.0.0.1 GET /api/v1/echo/x 200 <bytes> <ms>ms 42"
  EXPECT_NE(log[0].find("Z 127.0.0.1 GET /api/v1/echo/x 200 "), std::string::npos) << log[0];
  EXPECT_EQ(log[0].find("secret"), std::string::npos) << log[0];
  EXPECT_TRUE(log[0].ends_with("ms 42")) << log[0];
  EXPECT_EQ(log[0].substr(4, 1) + log[0].substr(7, 1) + log[0].substr(10, 1), "--T") << log[0];
  EXPECT_NE(log[1].find(" GET /api/v1/nothing 404 "), std::string::npos) << log[1];
  EXPECT_TRUE(log[1].ends_with("ms -")) << log[1];
}

TEST_F(ServerTest, StopLetsTheRequestInFlightFinishThenRunReturnsZero) {
  std::promise<void> started;
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/v1/slow", [&](Request&) {
    started.set_value();
    std::this_thread::sleep_for(500ms);
    return Response::Json(200, R"({"slow":true})");
  }));
  router.Add(
      MakeRoute(Method::kGet, "/api/v1/fast", [](Request&) { return Response::Json(200, "{}"); }));
  TestServer server(router, {});

  // A keep-alive connection that sits idle: Stop must not wait 60 s for it.
  Client idle(server.port());
  idle.Send("GET /api/v1/fast HTTP/1.1\r\nHost: t\r\n\r\n");
  ASSERT_TRUE(idle.Read());

  auto slow =
      std::async(std::launch::async, [&] { return Fetch(server.port(), "GET", "/api/v1/slow"); });
  ASSERT_EQ(started.get_future().wait_for(5s), std::future_status::ready);
  auto stop_began = std::chrono::steady_clock::now();
  server.server().Stop();

  EXPECT_TRUE(idle.ClosedByServer());
  auto r = slow.get();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, R"({"slow":true})");
  EXPECT_EQ(server.StopAndWait(), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - stop_began, 3s);

  // No longer listening.
  Client late(server.port());
  EXPECT_FALSE(late.connected() && late.Send("GET / HTTP/1.1\r\n\r\n") && late.Read());
}

TEST_F(ServerTest, StopGivesUpOnRequestsThatOutlastTheGrace) {
  std::promise<void> started;
  std::atomic<bool> finished{false};
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/v1/stuck", [&](Request&) {
    started.set_value();
    std::this_thread::sleep_for(300ms);
    finished = true;
    return Response::Json(200, "{}");
  }));
  ServerOptions options;
  options.shutdown_grace = std::chrono::seconds(0);
  TestServer server(router, options);
  Client client(server.port());
  client.Send("GET /api/v1/stuck HTTP/1.1\r\nHost: t\r\n\r\n");
  ASSERT_EQ(started.get_future().wait_for(5s), std::future_status::ready);
  testing::internal::CaptureStderr();
  EXPECT_EQ(server.StopAndWait(), 0);
  EXPECT_NE(testing::internal::GetCapturedStderr().find("after the shutdown grace"),
            std::string::npos);
  // Run() waited for the worker (it cannot be interrupted) but sent no answer after the grace.
  EXPECT_TRUE(finished);
  EXPECT_FALSE(client.Read());
}

TEST_F(ServerTest, SigtermStopsTheServerWhenHandlingSignals) {
  TestServer server(router_, {}, /*handle_signals=*/true);
  ASSERT_NE(server.port(), 0);
  ::kill(::getpid(), SIGTERM);
  ASSERT_EQ(server.result().wait_for(5s), std::future_status::ready);
  EXPECT_EQ(server.StopAndWait(), 0);
}

TEST(ServerBindTest, RunFailsWhenThePortIsTaken) {
  Router router;
  TestServer first(router, {});
  ASSERT_NE(first.port(), 0);
  ServerOptions options;
  options.port = first.port();
  options.handle_signals = false;
  options.io_threads = 1;
  options.worker_threads = 1;
  Server second(router, options);
  testing::internal::CaptureStderr();
  EXPECT_NE(second.Run(), 0);
  EXPECT_NE(testing::internal::GetCapturedStderr().find("cannot listen"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Static files

class StaticFilesTest : public testing::Test {
 protected:
  void SetUp() override {
    base_ =
        fs::temp_directory_path() / ("tj_http_static_" + std::to_string(::getpid()) + "_" +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    root_ = base_ / "dist";
    fs::create_directories(root_ / "assets");
    Write(root_ / "index.html", "<!doctype html><title>app</title>");
    Write(root_ / "assets" / "app-3f9a1c.js", "console.log('app');");
    Write(root_ / "assets" / "style-77.css", "body{}");
    Write(root_ / "favicon.ico", "ICO");
    Write(base_ / "secret.txt", "TOP SECRET");
    fs::create_symlink(base_ / "secret.txt", root_ / "leak.txt");
  }
  void TearDown() override { fs::remove_all(base_); }

  static void Write(const fs::path& p, std::string_view content) {
    std::ofstream(p, std::ios::binary) << content;
  }

  ServerOptions WithRoot() {
    ServerOptions options;
    options.web_root = root_.string();
    return options;
  }

  fs::path base_;
  fs::path root_;
  Router router_;
};

TEST_F(StaticFilesTest, ServesExactFilesWithTypesAndCacheHeaders) {
  TestServer server(router_, WithRoot());
  auto js = Fetch(server.port(), "GET", "/assets/app-3f9a1c.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->body, "console.log('app');");
  EXPECT_EQ(js->Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js->Header("cache-control"), "public, max-age=31536000, immutable");

  auto css = Fetch(server.port(), "GET", "/assets/style-77.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->Header("content-type"), "text/css; charset=utf-8");

  auto index = Fetch(server.port(), "GET", "/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->body, "<!doctype html><title>app</title>");
  EXPECT_EQ(index->Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(index->Header("cache-control"), "no-cache");

  auto icon = Fetch(server.port(), "GET", "/favicon.ico");
  ASSERT_TRUE(icon);
  EXPECT_EQ(icon->body, "ICO");
  EXPECT_EQ(icon->Header("content-type"), "image/x-icon");
}

TEST_F(StaticFilesTest, ClientRoutesFallBackToIndexButMissingAssetsAre404) {
  TestServer server(router_, WithRoot());
  auto route = Fetch(server.port(), "GET", "/orgs/12/edit?tab=members");
  ASSERT_TRUE(route);
  EXPECT_EQ(route->status, 200);
  EXPECT_EQ(route->body, "<!doctype html><title>app</title>");
  EXPECT_EQ(route->Header("cache-control"), "no-cache");

  auto missing = Fetch(server.port(), "GET", "/assets/gone-123.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->Header("content-type"), "application/json; charset=utf-8");
}

TEST_F(StaticFilesTest, HeadSendsLengthWithoutBody) {
  TestServer server(router_, WithRoot());
  Client client(server.port());
  client.Send("HEAD /assets/app-3f9a1c.js HTTP/1.1\r\nHost: t\r\n\r\n");
  auto head = client.Read(/*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->Header("content-length"), "19");
  EXPECT_EQ(head->Header("cache-control"), "public, max-age=31536000, immutable");
  client.Send("GET /favicon.ico HTTP/1.1\r\nHost: t\r\n\r\n");
  auto next = client.Read();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body, "ICO");  // no stray body bytes from the HEAD answer
}

TEST_F(StaticFilesTest, MatchingEtagIs304) {
  TestServer server(router_, WithRoot());
  auto first = Fetch(server.port(), "GET", "/");
  ASSERT_TRUE(first);
  std::string etag = first->Header("etag");
  ASSERT_FALSE(etag.empty());
  auto again = Fetch(server.port(), "GET", "/", "If-None-Match: " + etag + "\r\n");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_EQ(again->body, "");
}

TEST_F(StaticFilesTest, RefusesPathTraversal) {
  TestServer server(router_, WithRoot());
  for (const char* target :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/%2E%2E/%2e%2e/secret.txt",
        "/assets/..%2f..%2fsecret.txt", "/leak.txt", "/x%00.js"}) {
    auto r = Fetch(server.port(), "GET", target);
    ASSERT_TRUE(r) << target;
    EXPECT_EQ(r->body.find("TOP SECRET"), std::string::npos) << target;
    EXPECT_GE(r->status, 400) << target;
  }
}

TEST_F(StaticFilesTest, OtherMethodsOnStaticPathsAre405) {
  TestServer server(router_, WithRoot());
  auto r = Fetch(server.port(), "POST", "/index.html", "", "x");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->Header("allow"), "GET, HEAD");
}

TEST_F(StaticFilesTest, WithoutWebRootOrIndexNonApiPathsAre404Json) {
  {
    TestServer server(router_, {});
    auto r = Fetch(server.port(), "GET", "/");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404);
    EXPECT_EQ(r->body, R"({"error":{"code":"not_found","message":"common.not_found"}})");
  }
  fs::remove(root_ / "index.html");
  TestServer server(router_, WithRoot());
  auto r = Fetch(server.port(), "GET", "/assets/app-3f9a1c.js");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
}

}  // namespace
}  // namespace tj::http
