#include "base/personal_data.h"

#include <sodium.h>

#include <charconv>
#include <cstdlib>
#include <vector>

namespace tj {
namespace {

void InitSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();
}

}  // namespace

PersonalDataCipher::PersonalDataCipher(std::map<int, std::string> keys, int current,
                                       std::string lookup_key)
    : keys_(std::move(keys)), current_(current), lookup_key_(std::move(lookup_key)) {
  InitSodium();
  for (const auto& [id, k] : keys_)
    if (k.size() != crypto_secretbox_KEYBYTES) std::abort();
  if (!keys_.contains(current_) || lookup_key_.size() != crypto_generichash_KEYBYTES) std::abort();
}

std::string PersonalDataCipher::NewKey() {
  InitSodium();
  std::string k(kKeyBytes, '\0');
  randombytes_buf(k.data(), k.size());
  return k;
}

std::string PersonalDataCipher::Seal(std::string_view plain) const {
  const std::string& key = keys_.at(current_);
  std::vector<unsigned char> buf(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                 plain.size());
  unsigned char* nonce = buf.data();
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(buf.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), nonce,
                        reinterpret_cast<const unsigned char*>(key.data()));
  std::string b64(sodium_base64_encoded_len(buf.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), buf.data(), buf.size(), sodium_base64_VARIANT_ORIGINAL);
  b64.resize(b64.size() - 1);  // the terminating NUL
  return std::to_string(current_) + ":" + b64;
}

Result<std::string> PersonalDataCipher::Open(std::string_view sealed) const {
  auto colon = sealed.find(':');
  int id = 0;
  if (colon == std::string_view::npos ||
      std::from_chars(sealed.data(), sealed.data() + colon, id).ec != std::errc())
    return Fail(Error::Internal("sealed value malformed"));
  auto key = keys_.find(id);
  if (key == keys_.end()) return Fail(Error::Internal("sealed value names an unknown key"));
  std::string_view b64 = sealed.substr(colon + 1);
  std::vector<unsigned char> buf(b64.size());
  size_t len = 0;
  if (sodium_base642bin(buf.data(), buf.size(), b64.data(), b64.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    return Fail(Error::Internal("sealed value malformed"));
  std::string plain(len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 buf.data() + crypto_secretbox_NONCEBYTES,
                                 len - crypto_secretbox_NONCEBYTES, buf.data(),
                                 reinterpret_cast<const unsigned char*>(key->second.data())) != 0)
    return Fail(Error::Internal("sealed value fails authentication"));
  return plain;
}

std::string PersonalDataCipher::LookupHash(std::string_view plain) const {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(plain.data()),
                     plain.size(), reinterpret_cast<const unsigned char*>(lookup_key_.data()),
                     lookup_key_.size());
  std::string hex(sizeof out * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), out, sizeof out);
  hex.pop_back();
  return hex;
}

}  // namespace tj
