#include "sheet/zip_archive.h"

#include <zip.h>

#include <utility>
#include <vector>

#include "sheet/table_builder.h"

namespace tj::sheet {

struct ZipArchive::Handle {
  zip_t* zip = nullptr;
  uint64_t budget = 0;  // decompressed bytes still allowed
  ~Handle() {
    if (zip) zip_discard(zip);  // read-only: nothing to write back
  }
};

namespace {

std::string ZipErrorText(zip_error_t* error) { return zip_error_strerror(error); }

Error OverBudget() {
  return Unreadable("the archive unpacks to more data than a spreadsheet may (zip bomb?)");
}

}  // namespace

ZipArchive::ZipArchive(std::unique_ptr<Handle> handle) : handle_(std::move(handle)) {}
ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;
ZipArchive::~ZipArchive() = default;

Result<ZipArchive> ZipArchive::Open(std::string_view bytes, uint64_t max_uncompressed) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) {
    std::string text = ZipErrorText(&error);
    zip_error_fini(&error);
    return Fail(Unreadable("cannot read the zip archive: " + text));
  }
  zip_t* zip = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (!zip) {
    zip_source_free(source);  // still ours when opening fails
    std::string text = ZipErrorText(&error);
    zip_error_fini(&error);
    return Fail(Unreadable("not a readable zip archive: " + text));
  }
  zip_error_fini(&error);
  auto handle = std::make_unique<Handle>();
  handle->zip = zip;
  handle->budget = max_uncompressed;
  return ZipArchive(std::move(handle));
}

bool ZipArchive::Contains(const std::string& name) const {
  return zip_name_locate(handle_->zip, name.c_str(), ZIP_FL_NOCASE) >= 0;
}

Result<void> ZipArchive::Stream(const std::string& name,
                                const std::function<bool(std::string_view chunk)>& sink) {
  zip_t* zip = handle_->zip;
  const zip_int64_t index = zip_name_locate(zip, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return Fail(Unreadable("the package has no part " + name));
  const auto at = static_cast<zip_uint64_t>(index);
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(zip, at, 0, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE) &&
      stat.size > handle_->budget)
    return Fail(OverBudget());
  zip_file_t* file = zip_fopen_index(zip, at, 0);
  if (!file)
    return Fail(Unreadable("cannot open " + name + ": " + ZipErrorText(zip_get_error(zip))));
  std::vector<char> buffer(64 * 1024);
  Result<void> result;
  for (;;) {
    const zip_int64_t n = zip_fread(file, buffer.data(), buffer.size());
    if (n < 0) {
      result =
          Fail(Unreadable("damaged part " + name + ": " + ZipErrorText(zip_file_get_error(file))));
      break;
    }
    if (n == 0) break;
    const auto size = static_cast<uint64_t>(n);
    if (size > handle_->budget) {
      result = Fail(OverBudget());
      break;
    }
    handle_->budget -= size;
    if (!sink(std::string_view(buffer.data(), static_cast<size_t>(size)))) break;
  }
  zip_fclose(file);
  return result;
}

}  // namespace tj::sheet
