#include "http/static_files.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <system_error>

namespace tj::http {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";

constexpr StaticError kNotFound{404, "not_found", "common.not_found"};
constexpr StaticError kBadPath{400, "bad_request", "common.invalid_format"};
constexpr StaticError kMethodNotAllowed{405, "bad_request", "common.method_not_allowed"};

struct FileData {
  std::string bytes;
  std::string etag;
};

// Reads the whole file; nullopt when it is not a readable regular file.
std::optional<FileData> ReadFile(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  auto mtime = fs::last_write_time(path, ec);
  if (ec) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  FileData data;
  data.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  // A weak validator is enough: size and modification time change with every build.
  char etag[64];
  std::snprintf(etag, sizeof etag, "\"%zx-%llx\"", data.bytes.size(),
                static_cast<unsigned long long>(mtime.time_since_epoch().count()));
  data.etag = etag;
  return data;
}

// True when an If-None-Match header names `etag` (or is "*").
bool EtagMatches(const std::string* if_none_match, std::string_view etag) {
  if (if_none_match == nullptr) return false;
  std::string_view rest = *if_none_match;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.starts_with("W/")) item.remove_prefix(2);
    if (item == "*" || item == etag) return true;
  }
  return false;
}

bool HasDotDotSegment(std::string_view path) {
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    size_t end = slash == std::string_view::npos ? path.size() : slash;
    if (path.substr(start, end - start) == "..") return true;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return false;
}

// True when `p` is `root` or lies below it (both canonical).
bool IsUnder(const fs::path& root, const fs::path& p) {
  auto [root_it, p_it] = std::mismatch(root.begin(), root.end(), p.begin(), p.end());
  return root_it == root.end();
}

}  // namespace

StaticFiles::StaticFiles(const std::string& web_root) {
  if (web_root.empty()) return;
  std::error_code ec;
  fs::path root = fs::weakly_canonical(fs::path(web_root), ec);
  if (ec) return;
  // A trailing separator would leave an empty last component and break IsUnder.
  if (!root.has_filename()) root = root.parent_path();
  root_ = std::move(root);
  enabled_ = fs::is_regular_file(root_ / "index.html", ec);
}

std::string_view StaticFiles::ContentType(std::string_view file_name) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {"html", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"ico", "image/x-icon"},
      {"json", "application/json; charset=utf-8"},
      {"woff", "font/woff"},
      {"woff2", "font/woff2"},
      {"ttf", "font/ttf"},
      {"map", "application/json; charset=utf-8"},
      {"txt", "text/plain; charset=utf-8"},
      {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
  };
  size_t dot = file_name.rfind('.');
  size_t slash = file_name.rfind('/');
  if (dot != std::string_view::npos && (slash == std::string_view::npos || dot > slash)) {
    std::string ext(file_name.substr(dot + 1));
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& [known, type] : kTypes) {
      if (known == ext) return type;
    }
  }
  return "application/octet-stream";
}

std::variant<Response, StaticError> StaticFiles::Serve(const Request& request) const {
  if (!enabled_) return kNotFound;
  if (request.method != Method::kGet && request.method != Method::kHead) {
    return kMethodNotAllowed;
  }
  const std::string& path = request.path;
  if (!path.starts_with('/') || path.find('\0') != std::string::npos || HasDotDotSegment(path)) {
    return kBadPath;
  }
  const bool is_asset = path.starts_with("/assets/");

  fs::path file = root_ / "index.html";
  bool exact = false;
  if (path.size() > 1) {
    std::error_code ec;
    fs::path candidate = fs::weakly_canonical(root_ / fs::path(path.substr(1)), ec);
    if (ec) return kNotFound;
    if (!IsUnder(root_, candidate)) return kBadPath;  // a symlink pointing out of the root
    if (fs::is_regular_file(candidate, ec)) {
      file = std::move(candidate);
      exact = true;
    } else if (is_asset) {
      // A missing script must not be answered with HTML the browser then fails to run.
      return kNotFound;
    }
  }

  std::optional<FileData> data = ReadFile(file);
  if (!data) return kNotFound;

  Response response;
  response.AddHeader("Cache-Control", std::string(exact && is_asset ? kImmutable : kRevalidate));
  response.AddHeader("ETag", data->etag);
  if (EtagMatches(request.Header("if-none-match"), data->etag)) {
    response.status = 304;
    response.content_type.clear();
    return response;
  }
  response.status = 200;
  response.content_type = std::string(ContentType(file.filename().native()));
  response.body = std::move(data->bytes);
  return response;
}

}  // namespace tj::http
