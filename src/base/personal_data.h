// Encryption at rest and keyed lookup hashes for personal numbers (ID and phone numbers).
//
// Values are sealed with libsodium secretbox (XSalsa20-Poly1305, a random nonce each time)
// under the current key and stored as "<key id>:<base64 of nonce||ciphertext>", so keys can be
// rotated: older values open with the key their id names. Equality search and uniqueness use
// a keyed BLAKE2b hash (generichash) under a separate key, so the database never holds a
// clear value or a hash that can be brute-forced without the key.
// Immutable after construction; safe from any thread.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "base/error.h"

namespace tj {

class PersonalDataCipher {
 public:
  static constexpr size_t kKeyBytes = 32;

  // `keys` maps key ids (1, 2, ...) to 32-byte secretbox keys; `current` seals new values.
  // `lookup_key` is the 32-byte generichash key. Aborts on wrong key sizes (a wiring mistake).
  PersonalDataCipher(std::map<int, std::string> keys, int current, std::string lookup_key);

  std::string Seal(std::string_view plain) const;
  // Errors: kInternal when the value is malformed, names an unknown key, or fails
  // authentication (tampered).
  Result<std::string> Open(std::string_view sealed) const;
  // Lowercase hex of the keyed hash (64 characters).
  std::string LookupHash(std::string_view plain) const;
  int current_key_id() const { return current_; }

  // A fresh random key (for key files).
  static std::string NewKey();

 private:
  std::map<int, std::string> keys_;
  int current_;
  std::string lookup_key_;
};

}  // namespace tj
