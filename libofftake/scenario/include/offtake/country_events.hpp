// Country events on the scenario layer (docs/risks.md section 1): a country's export
// restrictions on a path, read by calendar date. Every draw is keyed by (seed, path,
// `export_restriction:<country>`, calendar year), in its own stream, so every project in
// one country, in any deal or portfolio of a run, sees the same restrictions on a path,
// whatever its start date, period length or position in the run.
//
// The law (per country, models/country/*.yaml): arrivals form a Poisson process of rate
// lambda per year in calendar time; an arrival in year Y is drawn with the year's key
// (count by inversion of the Poisson distribution function, then per arrival its time,
// uniform in the year, and its duration D = min(max, median e^{sigma Z}), Z normal).
// While at least one restriction lasts, `restricted_share` of output cannot be exported.
#pragma once

#include <offtake/country_model.hpp>
#include <offtake/export.h>

#include <ql/time/date.hpp>

#include <cstdint>
#include <vector>

namespace offtake {

class OFFTAKE_API ExportRestrictionEvents {
  public:
    // One restriction, as calendar days (QuantLib serial numbers, fractional): in force
    // on [start, end).
    struct Event {
        double start = 0.0;
        double end = 0.0;
    };
    static constexpr int kMaxArrivalsPerYear = 100;

    explicit ExportRestrictionEvents(ExportRestrictionModel model);
    const ExportRestrictionModel& model() const { return model_; }

    // The restrictions of path `path` in force at some time in [from, to), by arrival
    // (calendar year, then arrival within the year); `out` is cleared first and reused.
    void events(std::uint64_t seed, std::uint64_t path, const QuantLib::Date& from, const QuantLib::Date& to,
                std::vector<Event>& out) const;

    // The share of output that cannot be exported in each period of a grid: for t >= 1,
    // share[t] = restricted_share x (the time of (dates[t-1], dates[t]] under at least one
    // restriction) / (the period's length); share[0] = 0. `scratch` holds the events.
    // A monthly or yearly calendar of dates gives the share per calendar month or year
    // (a portfolio's view of one country).
    void restricted_share(std::uint64_t seed, std::uint64_t path, const std::vector<QuantLib::Date>& dates,
                          double* share, std::vector<Event>& scratch) const;

  private:
    ExportRestrictionModel model_;
    std::uint64_t identity_ = 0;
};

}  // namespace offtake
