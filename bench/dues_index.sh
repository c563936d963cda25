#!/usr/bin/env bash
# Measures the dues statistics index at province size (bench/dues_index.cc) and prints the
# machine it ran on. Usage: bench/dues_index.sh [Google Benchmark options]
# Builds the release preset's tj_bench_dues first (`make release` configures it).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build-release/build.ninja ] || cmake --preset release > /dev/null
cmake --build build-release --target tj_bench_dues > /dev/null
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
  "$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r), $(g++ --version | head -1)"
echo "build: $(grep -E '^CMAKE_CXX_FLAGS_RELEASE:' build-release/CMakeCache.txt | cut -d= -f2-)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
build-release/bench/tj_bench_dues --benchmark_repetitions=5 --benchmark_report_aggregates_only=true "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
