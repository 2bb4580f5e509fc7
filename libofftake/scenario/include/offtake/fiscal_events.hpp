// Fiscal events on the scenario layer (docs/risks.md section 1b): a country's royalty or
// tax step-ups on a path, read by calendar date. Draws are keyed by (seed, path,
// `royalty_step:<country>` or `tax_step:<country>`, calendar year) in the CountryEvents
// stream, so every project in one country, in any deal or portfolio of a run, sees the
// same step-ups on a path.
//
// The law (models/country/*.yaml, `fiscal_events`): arrivals form a Poisson process of
// rate lambda per year in calendar time (the count of year Y by inversion of the Poisson
// distribution function, each arrival's time uniform in the year). Every arrival after the
// grid's first date raises the rate by `step`, for good, from the first period that starts
// on or after it; the rate never exceeds max(base, max_rate).
#pragma once

#include <offtake/country_model.hpp>
#include <offtake/export.h>

#include <ql/time/date.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace offtake {

class OFFTAKE_API FiscalStepEvents {
  public:
    // `kind` names the rate ("royalty_step" or "tax_step") in the draw's identity.
    FiscalStepEvents(std::string country, const std::string& kind, FiscalStepModel model);
    const FiscalStepModel& model() const { return model_; }
    bool active() const { return model_.arrivals_per_year > 0.0 && model_.step > 0.0; }

    // The arrival times (QuantLib serial numbers, fractional) in (from, to], in time order;
    // `out` is cleared first.
    void arrivals(std::uint64_t seed, std::uint64_t path, const QuantLib::Date& from, const QuantLib::Date& to,
                  std::vector<double>& out) const;

    // rate[t] for each period t = 1..n of a grid (period t covers (d_{t-1}, d_t], so it
    // starts on day d_{t-1} + 1): min(cap, base + step x (arrivals in (d_0, d_{t-1} + 1])),
    // cap = max(base, max_rate); rate[0] = base.
    void rates(std::uint64_t seed, std::uint64_t path, const std::vector<QuantLib::Date>& dates, double base,
               double* rate, std::vector<double>& scratch) const;

  private:
    FiscalStepModel model_;
    std::uint64_t identity_ = 0;
};

}  // namespace offtake
