#!/usr/bin/env bash
# Measures the member import (100 000 rows from CSV into SQLite, with validation and sealing)
# against a raw sqlite3 insert of the same rows, and prints the machine it ran on.
# Usage: bench/import_members.sh [tj_bench_import options]   (default: --rows 100000 --runs 5)
# Builds the release preset's tj_bench_import first (`make release` configures it).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build-release/build.ninja ] || cmake --preset release > /dev/null
cmake --build build-release --target tj_bench_import > /dev/null
bin=build-release/bench/tj_bench_import
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
  "$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r), $(g++ --version | head -1)"
echo "build: $(grep -E '^CMAKE_CXX_FLAGS_RELEASE:' build-release/CMakeCache.txt | cut -d= -f2-)"
echo "database files on: $(df -T "${TMPDIR:-/tmp}" | awk 'NR == 2 {print $2, $1}')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ $# -eq 0 ]; then set -- --rows 100000 --runs 5; fi
"$bin" "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
