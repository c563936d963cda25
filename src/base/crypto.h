// Cryptographic primitives from libsodium: random tokens, SHA-256, argon2id password hashes.
//
// All functions are thread-safe (libsodium is initialized once, on first use). Password
// hashing is deliberately slow (~100-150 ms, 64 MiB): call it from a worker thread, never from
// an I/O thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tj::crypto {

// `bytes` random bytes, base64url without padding (32 bytes -> 43 characters).
std::string RandomToken(size_t bytes = 32);

// Standard base64 (with padding), for binary data kept in text columns.
std::string Base64Encode(std::string_view bytes);
// nullopt when `text` is not standard base64.
std::optional<std::string> Base64Decode(std::string_view text);

// Lowercase hex SHA-256 of the input.
std::string Sha256Hex(std::string_view data);

// An argon2id encoded hash ("$argon2id$v=19$..."), salted. Returns an empty string only if
// the system is out of memory.
std::string HashPassword(std::string_view password);

// True when `password` matches `encoded`; false for a mismatch or a malformed hash.
bool VerifyPassword(std::string_view encoded, std::string_view password);

// Compares in time independent of where the strings differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace tj::crypto
