#include "cli/keys.h"

#include <sodium.h>
#include <sys/stat.h>

#include <fstream>
#include <map>
#include <sstream>

namespace tj::cli {
namespace {

namespace fs = std::filesystem;

std::string ToBase64(std::string_view bin) {
  std::string out(sodium_base64_encoded_len(bin.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bin.data()),
                    bin.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);
  return out;
}

Result<std::string> FromBase64(std::string_view b64, const fs::path& file) {
  std::string out(b64.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(),
                        b64.size(), " \t\r\n", &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      len != PersonalDataCipher::kKeyBytes)
    return Fail(Error::Internal(file.string() + ": not a base64 32-byte key"));
  out.resize(len);
  return out;
}

Result<void> WritePrivate(const fs::path& file, const std::string& text) {
  {
    std::ofstream f(file, std::ios::trunc);
    if (!f) return Fail(Error::Internal("cannot write " + file.string()));
    f << text;
  }
  if (::chmod(file.c_str(), 0600) != 0) return Fail(Error::Internal("cannot chmod " + file.string()));
  return {};
}

}  // namespace

Result<std::unique_ptr<PersonalDataCipher>> LoadOrCreateKeys(const fs::path& dir) {
  if (sodium_init() < 0) return Fail(Error::Internal("libsodium failed to initialize"));
  const fs::path seal_file = dir / "personal-data.keys";
  const fs::path lookup_file = dir / "lookup.key";
  std::error_code ec;
  if (!fs::exists(seal_file, ec) && !fs::exists(lookup_file, ec)) {
    fs::create_directories(dir, ec);
    if (ec) return Fail(Error::Internal("cannot create " + dir.string() + ": " + ec.message()));
    ::chmod(dir.c_str(), 0700);
    if (auto w = WritePrivate(seal_file, "1 " + ToBase64(PersonalDataCipher::NewKey()) + "\n"); !w)
      return Fail(w.error());
    if (auto w = WritePrivate(lookup_file, ToBase64(PersonalDataCipher::NewKey()) + "\n"); !w)
      return Fail(w.error());
  }
  std::map<int, std::string> keys;
  std::ifstream in(seal_file);
  if (!in) return Fail(Error::Internal("cannot read " + seal_file.string()));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    int id = 0;
    std::string b64;
    if (!(ls >> id >> b64) || id <= 0)
      return Fail(Error::Internal(seal_file.string() + ": expected '<id> <base64 key>' lines"));
    auto key = FromBase64(b64, seal_file);
    if (!key) return Fail(key.error());
    keys[id] = std::move(*key);
  }
  if (keys.empty()) return Fail(Error::Internal(seal_file.string() + " holds no key"));
  std::ifstream lin(lookup_file);
  std::stringstream lookup_text;
  lookup_text << lin.rdbuf();
  if (!lin) return Fail(Error::Internal("cannot read " + lookup_file.string()));
  auto lookup = FromBase64(lookup_text.str(), lookup_file);
  if (!lookup) return Fail(lookup.error());
  int current = keys.rbegin()->first;
  return std::make_unique<PersonalDataCipher>(std::move(keys), current, std::move(*lookup));
}

}  // namespace tj::cli
