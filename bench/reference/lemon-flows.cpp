// The reference solvers of bench/reference.ts: LEMON 1.3.1 (Debian's liblemon-dev) on an instance
// the bench wrote in DIMACS form. Times the solve only (the graph is read before the clock starts),
// best of `repeats`, and prints one JSON line the bench parses.
//   lemon-flows min <file.dimacs> [repeats]   NetworkSimplex (block search), integer data
//   lemon-flows max <file.dimacs> [repeats]   Preflow (highest label, global relabelling), double capacities
#include <lemon/dimacs.h>
#include <lemon/network_simplex.h>
#include <lemon/preflow.h>
#include <lemon/smart_graph.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>

using namespace lemon;
using Clock = std::chrono::steady_clock;

static double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: lemon-flows min|max <file.dimacs> [repeats]\n");
    return 2;
  }
  const int repeats = argc > 3 ? std::atoi(argv[3]) : 3;
  std::ifstream in(argv[2]);
  if (!in) {
    std::fprintf(stderr, "lemon-flows: cannot read %s\n", argv[2]);
    return 2;
  }
  SmartDigraph g;
  double best = 1e300;
  if (std::strcmp(argv[1], "min") == 0) {
    SmartDigraph::ArcMap<long long> lower(g), capacity(g), cost(g);
    SmartDigraph::NodeMap<long long> supply(g);
    readDimacsMin(in, g, lower, capacity, cost, supply);
    long long total = 0;
    for (int r = 0; r < repeats; r++) {
      const auto start = Clock::now();
      NetworkSimplex<SmartDigraph, long long, long long> simplex(g);
      simplex.lowerMap(lower).upperMap(capacity).costMap(cost).supplyMap(supply);
      if (simplex.run() != NetworkSimplex<SmartDigraph, long long, long long>::OPTIMAL) {
        std::fprintf(stderr, "lemon-flows: the instance has no optimal solution\n");
        return 1;
      }
      total = simplex.totalCost();
      const double s = secondsSince(start);
      if (s < best) best = s;
    }
    std::printf("{\"seconds\":%.6f,\"cost\":%lld}\n", best, total);
  } else {
    SmartDigraph::ArcMap<double> capacity(g);
    SmartDigraph::Node s, t;
    readDimacsMax(in, g, capacity, s, t);
    double value = 0;
    for (int r = 0; r < repeats; r++) {
      const auto start = Clock::now();
      Preflow<SmartDigraph, SmartDigraph::ArcMap<double>> preflow(g, capacity, s, t);
      preflow.run();
      value = preflow.flowValue();
      const double sec = secondsSince(start);
      if (sec < best) best = sec;
    }
    std::printf("{\"seconds\":%.6f,\"value\":%.6f}\n", best, value);
  }
  return 0;
}
