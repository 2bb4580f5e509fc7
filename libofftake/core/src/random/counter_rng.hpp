// Counter-based random numbers: a draw is a pure function of (seed, path, stream,
// step, index), so a path's numbers never depend on which thread runs it or in which
// order paths are run. Random123's Philox4x64-10 (Salmon et al., SC'11) does the
// mixing; Box-Muller (Random123's boxmuller.hpp) turns uniform pairs into normals.
#pragma once

#include <Random123/boxmuller.hpp>
#include <Random123/philox.h>
#include <Random123/uniform.hpp>

#include <cstdint>

namespace offtake {

// Independent streams a path draws from; each has its own key so they never overlap.
enum class RandomStream : std::uint64_t {
    Prices = 1,         // price-factor shocks
    Jumps = 2,          // jump arrivals and sizes
    BuyerDefaults = 3,  // buyers' default times
    Kpis = 4,           // sustainability KPI outcomes
};

class CounterRng {
  public:
    CounterRng(std::uint64_t seed, std::uint64_t path, RandomStream stream)
        : key_{{seed, static_cast<std::uint64_t>(stream)}}, path_(path) {}

    // Four independent 64-bit words for (step, block).
    r123::Philox4x64::ctr_type words(std::uint64_t step, std::uint64_t block) const {
        const r123::Philox4x64::ctr_type counter{{path_, step, block, 0}};
        return r123::Philox4x64()(counter, key_);
    }

    // Uniform in (0, 1] (never 0, so -log(u) is finite).
    double uniform(std::uint64_t step, std::uint64_t index) const {
        const auto w = words(step, index / 4);
        return r123::u01<double>(w.v[index % 4]);
    }

    // n standard normals for `step`, written to out[0..n).
    void normals(std::uint64_t step, double* out, int n) const {
        int written = 0;
        for (std::uint64_t block = 0; written < n; ++block) {
            const auto w = words(step, block);
            const auto a = r123::boxmuller(w.v[0], w.v[1]);
            const auto b = r123::boxmuller(w.v[2], w.v[3]);
            const double z[4] = {a.x, a.y, b.x, b.y};
            for (int i = 0; i < 4 && written < n; ++i) out[written++] = z[i];
        }
    }

  private:
    r123::Philox4x64::key_type key_;
    std::uint64_t path_;
};

}  // namespace offtake
