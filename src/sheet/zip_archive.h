// A zip archive read from memory with libzip, for the parts of an XLSX package. Every
// decompressed byte counts against one budget, checked both against the sizes the archive
// declares and while inflating (declared sizes can lie), so a zip bomb is refused after at most
// `max_uncompressed` bytes of work. Owns the libzip handle; borrows the bytes, which must outlive
// it. Not synchronized; one per Read call.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/error.h"

namespace tj::sheet {

class ZipArchive {
 public:
  // Fails with sheet.unreadable when `bytes` is not a zip archive libzip can open.
  static Result<ZipArchive> Open(std::string_view bytes, uint64_t max_uncompressed);

  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;
  ~ZipArchive();

  // True when the archive has a member named `name` (ASCII case ignored, as OPC part names).
  bool Contains(const std::string& name) const;

  // Feeds the decompressed member `name` to `sink` in chunks. A sink returning false stops the
  // read early (successfully). Fails with sheet.unreadable when the member is missing, damaged,
  // encrypted, or would take the archive past its budget.
  Result<void> Stream(const std::string& name,
                      const std::function<bool(std::string_view chunk)>& sink);

 private:
  struct Handle;
  explicit ZipArchive(std::unique_ptr<Handle> handle);
  std::unique_ptr<Handle> handle_;
};

}  // namespace tj::sheet
