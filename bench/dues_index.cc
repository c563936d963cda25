// The dues statistics index at province size, with Google Benchmark (docs/performance.md).
//
// A synthetic province the size of an average one (1/31 of the nation): 14 cities, 9 counties
// each, 30 grassroots committees a county and 30–40 branches each (about 136 000 orgs), and
// 2.4 million members spread over the branches, each with a part for the 24 months of the
// window (admission dates over ten years, the national dues amounts, paid months a prefix of
// the ledger with a few partial months). Fixed seed. Measures:
//   - one subtree's figures for a month (random org, random month);
//   - the province's and a county's figures with each child's (what GET /dues/stats answers);
//   - a payment's update (the member's old part out, the new one in);
//   - the start-up rebuild from parts already in memory, and the index's bytes a member;
//   - for comparison, the figures summed from every member's part at request time (what the
//     service did before the index, without reading the tables).
// Usage: bench/dues_index.sh [benchmark options]
#include <benchmark/benchmark.h>

#include <array>
#include <cstdio>
#include <random>
#include <vector>

#include "stats/dues_index.h"

namespace {

using tj::domain::MakeMonth;
using tj::domain::Month;
using tj::stats::DuesFigures;
using tj::stats::DuesIndex;
using tj::stats::DuesOrg;
using tj::stats::DuesPart;

constexpr int kWindow = 24;

struct Province {
  std::vector<DuesOrg> orgs;
  std::vector<int64_t> counties;
  std::vector<int64_t> branches;
  std::vector<DuesPart> parts;
  Month first = MakeMonth(2025, 1);
  DuesIndex index;
};

Province& Data() {
  static Province* p = [] {
    auto* d = new Province;
    std::mt19937_64 rng(20261127);
    int64_t next = 1;
    int64_t root = next++;
    d->orgs.push_back({root, std::nullopt});
    for (int c = 0; c < 14; ++c) {
      int64_t city = next++;
      d->orgs.push_back({city, root});
      for (int k = 0; k < 9; ++k) {
        int64_t county = next++;
        d->orgs.push_back({county, city});
        d->counties.push_back(county);
        for (int g = 0; g < 30; ++g) {
          int64_t committee = next++;
          d->orgs.push_back({committee, county});
          int n = 30 + static_cast<int>(rng() % 11);
          for (int b = 0; b < n; ++b) {
            int64_t branch = next++;
            d->orgs.push_back({branch, committee});
            d->branches.push_back(branch);
          }
        }
      }
    }
    constexpr std::array<int64_t, 6> kDues = {20, 20, 20, 50, 300, 600};
    d->parts.reserve(2'400'000);
    for (int i = 0; i < 2'400'000; ++i) {
      DuesPart part;
      part.org_id = d->branches[rng() % d->branches.size()];
      Month first_due = d->first - 96 + static_cast<int>(rng() % 120);
      part.first_month = std::max(first_due, d->first);
      int64_t due = kDues[rng() % kDues.size()];
      int paid_through = static_cast<int>(rng() % (kWindow + 1));
      for (Month m = part.first_month; m < d->first + kWindow; ++m) {
        int k = m - d->first;
        int64_t paid = k < paid_through ? due : (rng() % 50 == 0 ? due / 2 : 0);
        part.months.push_back({due, paid});
      }
      d->parts.push_back(std::move(part));
    }
    d->index.Rebuild(d->orgs, d->parts, d->first, kWindow);
    std::fprintf(stderr, "province: %zu orgs, %zu branches, %zu members; index %.1f MiB, %.1f bytes a member\n",
                 d->orgs.size(), d->branches.size(), d->parts.size(), static_cast<double>(d->index.MemoryBytes()) / 1048576.0,
                 static_cast<double>(d->index.MemoryBytes()) / static_cast<double>(d->parts.size()));
    return d;
  }();
  return *p;
}

void BM_SubtreeFigure(benchmark::State& state) {
  auto& d = Data();
  std::mt19937_64 rng(1);
  std::vector<std::pair<int64_t, Month>> queries(4096);
  for (auto& q : queries) q = {d.orgs[rng() % d.orgs.size()].id, d.first + static_cast<int>(rng() % kWindow)};
  size_t i = 0;
  for (auto _ : state) {
    const auto& q = queries[i++ & 4095];
    benchmark::DoNotOptimize(d.index.Subtree(q.first, q.second));
  }
}
BENCHMARK(BM_SubtreeFigure);

// An org's figures and each of its children's: the province (14 cities) or a county (30).
void BM_ChildrenFigures(benchmark::State& state) {
  auto& d = Data();
  int64_t org = state.range(0) == 0 ? 1 : d.counties[57];
  std::vector<int64_t> children;
  for (const auto& o : d.orgs)
    if (o.parent_id == org) children.push_back(o.id);
  Month month = d.first + 17;
  for (auto _ : state) {
    benchmark::DoNotOptimize(d.index.Subtree(org, month));
    for (int64_t c : children) benchmark::DoNotOptimize(d.index.Subtree(c, month));
  }
  state.SetLabel(std::to_string(children.size()) + " children");
}
BENCHMARK(BM_ChildrenFigures)->Arg(0)->Arg(1)->ArgNames({"county"});

// A payment of three months: the member's part before out, after in.
void BM_PaymentUpdate(benchmark::State& state) {
  auto& d = Data();
  std::mt19937_64 rng(2);
  for (auto _ : state) {
    const DuesPart& before = d.parts[rng() % d.parts.size()];
    DuesPart after = before;
    for (size_t k = 0, paid = 0; k < after.months.size() && paid < 3; ++k)
      if (after.months[k].paid_fen < after.months[k].due_fen) {
        after.months[k].paid_fen = after.months[k].due_fen;
        ++paid;
      }
    d.index.Apply(before, -1);
    d.index.Apply(after, +1);
    // Put it back so the data set stays as generated.
    d.index.Apply(after, -1);
    d.index.Apply(before, +1);
  }
  state.SetLabel("two updates an iteration (applied and undone)");
}
BENCHMARK(BM_PaymentUpdate);

void BM_Rebuild(benchmark::State& state) {
  auto& d = Data();
  for (auto _ : state) {
    DuesIndex fresh;
    fresh.Rebuild(d.orgs, d.parts, d.first, kWindow);
    benchmark::DoNotOptimize(fresh.Subtree(1, d.first));
  }
}
BENCHMARK(BM_Rebuild)->Unit(benchmark::kMillisecond)->Iterations(3);

// Without the index: the province's figures for a month summed from every member's part at
// request time (the CPU floor of computing per request; reading the tables costs more).
void BM_SumAtRequestTime(benchmark::State& state) {
  auto& d = Data();
  Month month = d.first + 17;
  for (auto _ : state) {
    DuesFigures f;
    for (const auto& p : d.parts) {
      int k = month - p.first_month;
      if (k < 0 || k >= static_cast<int>(p.months.size())) continue;
      const auto& m = p.months[static_cast<size_t>(k)];
      ++f.members_due;
      if (m.paid_fen >= m.due_fen) ++f.members_paid;
      f.due_fen += m.due_fen;
      f.paid_fen += m.paid_fen;
    }
    benchmark::DoNotOptimize(f);
  }
}
BENCHMARK(BM_SumAtRequestTime)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
