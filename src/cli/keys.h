// The key files that protect personal data, under the keys folder (default <data>/keys):
//   personal-data.keys  one "<id> <base64 32-byte key>" a line; the highest id seals new values
//   lookup.key          the base64 32-byte key of the lookup hashes
// Created on first start (folder 0700, files 0600). Rotation: append a line with a higher id
// and restart; values sealed under older ids still open. Read once at start-up.
#pragma once

#include <filesystem>
#include <memory>

#include "base/error.h"
#include "base/personal_data.h"

namespace tj::cli {

// Loads the keys, creating them when the folder holds none. Errors: kInternal naming the file
// and the problem (unreadable, wrong size, bad permissions).
Result<std::unique_ptr<PersonalDataCipher>> LoadOrCreateKeys(const std::filesystem::path& dir);

}  // namespace tj::cli
