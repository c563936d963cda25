// Serves the built web app (web/dist) for every request outside /api/.
//
// Owns the canonical web root and the rules for what may leave it: an exact file when one
// exists below the root (never above it: `..` segments are refused and the resolved path must
// stay under the root), otherwise index.html so client-side routes load the app. Hashed files
// under /assets/ are cached for a year; everything else must be revalidated. Reads the disk,
// so the server calls it on the worker pool, never on an I/O thread. Immutable after
// construction: safe to share between threads.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <variant>

#include "http/message.h"

namespace tj::http {

// Why a static request got no file; the server renders it as a JSON error.
struct StaticError {
  int status = 404;
  std::string_view code = "not_found";
  std::string_view message_key = "common.not_found";
};

class StaticFiles {
 public:
  // `web_root` may be empty or lack index.html: then enabled() is false.
  explicit StaticFiles(const std::string& web_root);

  // True when the web root holds an index.html to serve.
  bool enabled() const { return enabled_; }

  // Answers a GET or HEAD (the caller strips the body of a HEAD answer) with the file's bytes,
  // or 304 when If-None-Match names the current version. Fails with 404 when disabled or for a
  // missing file under /assets/, 400 for a path with `..`, a NUL or an escape from the root,
  // 405 for other methods.
  std::variant<Response, StaticError> Serve(const Request& request) const;

  // The Content-Type for a file name's extension ("application/octet-stream" if unknown).
  static std::string_view ContentType(std::string_view file_name);

 private:
  std::filesystem::path root_;  // canonical
  bool enabled_ = false;
};

}  // namespace tj::http
