#include <offtake/country_events.hpp>

#include "country/poisson_count.hpp"
#include "random/counter_rng.hpp"
#include "random/identity_hash.hpp"

#include <algorithm>
#include <cmath>

namespace offtake {

namespace {

constexpr double kDaysPerYear = 365.0;  // the scenario's clock is Act/365F

double year_start(int year) { return static_cast<double>(QuantLib::Date(1, QuantLib::January, year).serialNumber()); }

}  // namespace

ExportRestrictionEvents::ExportRestrictionEvents(ExportRestrictionModel model)
    : model_(std::move(model)), identity_(identity_hash("export_restriction:" + model_.country)) {}

void ExportRestrictionEvents::events(std::uint64_t seed, std::uint64_t path, const QuantLib::Date& from,
                                     const QuantLib::Date& to, std::vector<Event>& out) const {
    out.clear();
    const double rate = model_.arrivals_per_year;
    if (!(rate > 0.0)) return;
    const CounterRng rng(seed, path, RandomStream::CountryEvents);
    const double lo = static_cast<double>(from.serialNumber()), hi = static_cast<double>(to.serialNumber());
    // An event that began up to max_years before `from` may still be in force.
    const int first = std::max(static_cast<int>(QuantLib::Date::minDate().year()) + 1,
                               from.year() - static_cast<int>(std::ceil(model_.duration_max_years)) - 1);
    const int last = std::min(static_cast<int>(QuantLib::Date::maxDate().year()) - 1, to.year());
    const double p0 = std::exp(-rate);
    for (int y = first; y <= last; ++y) {
        const std::uint64_t key = date_key(y, 1, 1);
        const double u = r123::u01<double>(rng.words(identity_, key, 0).v[0]);
        if (!(u > p0)) continue;
        const int count = country::poisson_count(u, rate, kMaxArrivalsPerYear);
        const double y0 = year_start(y), days = year_start(y + 1) - y0;
        for (int i = 0; i < count; ++i) {
            const auto w = rng.words(identity_, key, 1 + static_cast<std::uint64_t>(i));
            const double start = y0 + r123::u01<double>(w.v[0]) * days;
            const double z = r123::boxmuller(w.v[2], w.v[3]).x;
            const double years = std::min(model_.duration_max_years,
                                          model_.duration_median_years * std::exp(model_.duration_sigma * z));
            const double end = start + years * kDaysPerYear;
            if (end > lo && start < hi) out.push_back(Event{start, end});
        }
    }
}

void ExportRestrictionEvents::restricted_share(std::uint64_t seed, std::uint64_t path,
                                               const std::vector<QuantLib::Date>& dates, double* share,
                                               std::vector<Event>& scratch) const {
    const std::size_t n = dates.size();
    for (std::size_t t = 0; t < n; ++t) share[t] = 0.0;
    if (n < 2 || !(model_.restricted_share > 0.0)) return;
    events(seed, path, dates.front(), dates.back() + 1, scratch);
    if (scratch.empty()) return;
    // The union of the restrictions as disjoint intervals, in time order.
    std::sort(scratch.begin(), scratch.end(), [](const Event& a, const Event& b) { return a.start < b.start; });
    std::size_t m = 0;
    for (std::size_t i = 1; i < scratch.size(); ++i) {
        if (scratch[i].start <= scratch[m].end) scratch[m].end = std::max(scratch[m].end, scratch[i].end);
        else scratch[++m] = scratch[i];
    }
    scratch.resize(m + 1);
    // Period t covers (d_{t-1}, d_t]: in days, the interval [d_{t-1} + 1, d_t + 1).
    for (std::size_t t = 1; t < n; ++t) {
        const double a = static_cast<double>(dates[t - 1].serialNumber()) + 1.0;
        const double b = static_cast<double>(dates[t].serialNumber()) + 1.0;
        double covered = 0.0;
        for (const Event& e : scratch) {
            if (e.start >= b) break;
            covered += std::max(0.0, std::min(b, e.end) - std::max(a, e.start));
        }
        if (covered > 0.0) share[t] = model_.restricted_share * std::min(1.0, covered / (b - a));
    }
}

}  // namespace offtake
