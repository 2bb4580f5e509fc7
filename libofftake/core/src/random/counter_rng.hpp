// Counter-based random numbers: a draw is a pure function of (seed, stream, path,
// identity, date, block), so a path's numbers never depend on which thread runs it, in
// which order paths run, or which other deals or factors a run holds. `identity` names
// what is drawn (identity_hash of a factor, counterparty or KPI name) and `date` when
// (a calendar date as yyyymmdd, or 0 for a once-per-path event). Random123's
// Philox4x64-10 (Salmon et al., SC'11) does the mixing; Box-Muller (Random123's
// boxmuller.hpp) turns uniform pairs into normals.
#pragma once

#include <Random123/boxmuller.hpp>
#include <Random123/philox.h>
#include <Random123/uniform.hpp>

#include <cstdint>

namespace offtake {

// Independent streams; each has its own key so they never overlap.
enum class RandomStream : std::uint64_t {
    Prices = 1,         // price-factor shocks
    Jumps = 2,          // jump arrivals and sizes
    BuyerDefaults = 3,  // counterparties' default times
    Kpis = 4,           // sustainability KPI outcomes
    CountryEvents = 5,  // a country's export restrictions (docs/risks.md)
    Completion = 6,     // a project's capex overrun and construction delay
    Production = 7,     // a project's ramp-up shortfall and operating shocks
};

class CounterRng {
  public:
    CounterRng(std::uint64_t seed, std::uint64_t path, RandomStream stream)
        : key_{{seed, static_cast<std::uint64_t>(stream)}}, path_(path) {}

    // Four independent 64-bit words for (identity, date, block).
    r123::Philox4x64::ctr_type words(std::uint64_t identity, std::uint64_t date, std::uint64_t block) const {
        const r123::Philox4x64::ctr_type counter{{path_, identity, date, block}};
        return r123::Philox4x64()(counter, key_);
    }

    // Uniform in (0, 1] (never 0, so -log(u) is finite): word index % 4 of block index / 4.
    double uniform(std::uint64_t identity, std::uint64_t date, std::uint64_t index) const {
        const auto w = words(identity, date, index / 4);
        return r123::u01<double>(w.v[index % 4]);
    }

  private:
    r123::Philox4x64::key_type key_;
    std::uint64_t path_;
};

// yyyymmdd of a date given as (year, month, day): the `date` word of a draw.
constexpr std::uint64_t date_key(int year, int month, int day) {
    return static_cast<std::uint64_t>(year) * 10000u + static_cast<std::uint64_t>(month) * 100u +
           static_cast<std::uint64_t>(day);
}

}  // namespace offtake
