#include <offtake/fiscal_events.hpp>

#include "country/poisson_count.hpp"
#include "random/counter_rng.hpp"
#include "random/identity_hash.hpp"

#include <algorithm>

namespace offtake {

namespace {

constexpr int kMaxStepsPerYear = 100;

double year_start(int year) { return static_cast<double>(QuantLib::Date(1, QuantLib::January, year).serialNumber()); }

}  // namespace

FiscalStepEvents::FiscalStepEvents(std::string country, const std::string& kind, FiscalStepModel model)
    : model_(model), identity_(identity_hash(kind + ":" + country)) {}

void FiscalStepEvents::arrivals(std::uint64_t seed, std::uint64_t path, const QuantLib::Date& from,
                                const QuantLib::Date& to, std::vector<double>& out) const {
    out.clear();
    if (!active()) return;
    const CounterRng rng(seed, path, RandomStream::CountryEvents);
    const double lo = static_cast<double>(from.serialNumber()), hi = static_cast<double>(to.serialNumber());
    for (int y = from.year(); y <= to.year(); ++y) {
        const std::uint64_t key = date_key(y, 1, 1);
        const double u = r123::u01<double>(rng.words(identity_, key, 0).v[0]);
        const int count = country::poisson_count(u, model_.arrivals_per_year, kMaxStepsPerYear);
        const double y0 = year_start(y), days = year_start(y + 1) - y0;
        for (int i = 0; i < count; ++i) {
            // Arrival i of the year: word 0 of block 1 + i (as export restrictions do).
            const double at = y0 + r123::u01<double>(rng.words(identity_, key, 1 + static_cast<std::uint64_t>(i)).v[0]) * days;
            if (at > lo && at <= hi) out.push_back(at);
        }
    }
    std::sort(out.begin(), out.end());
}

void FiscalStepEvents::rates(std::uint64_t seed, std::uint64_t path, const std::vector<QuantLib::Date>& dates,
                             double base, double* rate, std::vector<double>& scratch) const {
    const std::size_t n = dates.size();
    for (std::size_t t = 0; t < n; ++t) rate[t] = base;
    if (n < 2 || !active()) return;
    arrivals(seed, path, dates.front(), dates[n - 2] + 1, scratch);
    const double cap = std::max(base, model_.max_rate);
    std::size_t seen = 0;
    for (std::size_t t = 1; t < n; ++t) {
        const double period_start = static_cast<double>(dates[t - 1].serialNumber()) + 1.0;
        while (seen < scratch.size() && scratch[seen] <= period_start) ++seen;
        rate[t] = std::min(cap, base + model_.step * static_cast<double>(seen));
    }
}

}  // namespace offtake
