#pragma once
#include <cmath>
#include <cstdint>
#include <random>
#include <span>

namespace boucle {

// Randomness. std::mt19937_64's output is fixed by the standard for a given seed; the standard
// distributions are not, so every draw below is built on the raw 64-bit output.

class Rng {
 public:
  Rng(uint64_t seed, uint64_t stream) : engine_(seed ^ (stream * 0x9E3779B97F4A7C15ULL)) {}

  double Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }  // [0, 1)
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  int Int(int lo, int hi) {  // [lo, hi]; the modulo bias is below 2^-50 for these ranges
    return lo + static_cast<int>(engine_() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool Chance(double p) { return Uniform() < p; }
  double Exponential(double mean) { return -mean * std::log1p(-Uniform()); }
  // Right-skewed: the sum of two exponentials (Erlang-2), with a long tail now and then.
  double Skewed(double mean, double tail_chance) {
    double v = Exponential(mean / 2) + Exponential(mean / 2);
    if (Chance(tail_chance)) v *= Uniform(1.8, 4.5);
    return v;
  }
  size_t Weighted(std::span<const int> weights) {
    int total = 0;
    for (int w : weights) total += w;
    int draw = Int(0, total - 1);
    for (size_t i = 0; i < weights.size(); ++i) {
      if (draw < weights[i]) return i;
      draw -= weights[i];
    }
    return weights.size() - 1;
  }
  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[static_cast<size_t>(Int(0, static_cast<int>(items.size()) - 1))];
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace boucle
