// The scenario layer: one simulated market that many deals read (docs/scenarios.md).
//
// A scenario path holds every risk factor of one price-model file on one calendar (month
// points from an origin date, docs/scenarios.md section 2). Each draw is a pure function
// of (seed, path, factor name, calendar date), so a deal's prices depend on the dates it
// reads, never on its position in a run, on its start date, or on the other deals:
//   - ScenarioCalendar: the month points and their times (Act/365F years from the origin);
//   - ScenarioModel: generates a path's factor values and jump components on the calendar,
//     yearly anchors first, then quarters and months by an exact Gaussian bridge, so that
//     adding a deal that needs finer dates leaves every coarser value bit for bit as it was;
//   - DealPriceReader: one deal's commodity price per period, read from a generated path
//     by date and aggregated to the deal's periods (PriceAggregation).
#pragma once

#include <offtake/deal.hpp>
#include <offtake/export.h>
#include <offtake/price_model.hpp>
#include <offtake/price_model_file.hpp>
#include <offtake/time_grid.hpp>

#include <ql/time/date.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace offtake {

// Month points k = 0..months of origin + k months (months a multiple of 12). Level of a
// point: 0 for yearly anchors (k % 12 == 0), 1 for quarters, 2 for the other months.
class OFFTAKE_API ScenarioCalendar {
  public:
    static constexpr int kMaxYears = 200;
    // Covers origin..last (whole years); throws UsageError beyond kMaxYears.
    ScenarioCalendar(QuantLib::Date origin, QuantLib::Date last);

    const QuantLib::Date& origin() const { return dates_.front(); }
    int months() const { return static_cast<int>(dates_.size()) - 1; }
    int years_covered() const { return months() / 12; }
    const QuantLib::Date& date(int k) const { return dates_[static_cast<std::size_t>(k)]; }
    double time(int k) const { return times_[static_cast<std::size_t>(k)]; }
    // Act/365F years from the origin (the scenario's clock).
    double time_of(const QuantLib::Date& d) const { return (d - origin()) / 365.0; }
    static int level(int k) { return k % 12 == 0 ? 0 : k % 3 == 0 ? 1 : 2; }
    // The month point nearest `d` (a tie goes to the earlier point); throws UsageError for
    // a date before the origin or after the last point.
    int nearest(const QuantLib::Date& d) const;

  private:
    std::vector<QuantLib::Date> dates_;
    std::vector<double> times_;
};

class OFFTAKE_API ScenarioModel {
  public:
    ScenarioModel(std::shared_ptr<const PriceModelSpec> spec, ScenarioCalendar calendar, bool antithetic);
    ~ScenarioModel();
    ScenarioModel(const ScenarioModel&) = delete;
    ScenarioModel& operator=(const ScenarioModel&) = delete;

    const PriceModelSpec& spec() const { return *spec_; }
    const ScenarioCalendar& calendar() const { return calendar_; }
    bool antithetic() const { return antithetic_; }
    int factors() const { return factors_; }
    bool models(Commodity c) const;                 // the file has an entry for c
    std::string commodity_names() const;            // "copper, lithium_carbonate"
    const std::string& file() const;                // where the model came from
    // Doubles a generated path occupies (factor values, then jump components).
    std::size_t path_size() const;

    // Fills `world` (path_size() doubles) with path `path`: every factor at every month
    // point of level <= finest (others are left as they were), and every jump component
    // at the same points. Antithetic runs mirror path 2k + 1 on path 2k.
    void generate(std::uint64_t seed, std::uint64_t path, int finest, double* world) const;

    // Reading a generated path.
    double factor(const double* world, int k, int f) const {
        return world[static_cast<std::size_t>(k) * factors_ + f];
    }
    // The jump slot of a commodity of the file (-1: no jumps).
    int jump_slot(int commodity) const { return jump_slot_[static_cast<std::size_t>(commodity)]; }
    double jump(const double* world, int slot, int k) const {
        return world[jump_base_ + static_cast<std::size_t>(slot) * (calendar_.months() + 1) + k];
    }

    struct Plan;  // precomputed transition and bridge coefficients (scenario_model.cpp)

  private:
    std::shared_ptr<const PriceModelSpec> spec_;
    ScenarioCalendar calendar_;
    bool antithetic_;
    int factors_ = 0;
    std::size_t jump_base_ = 0;
    std::vector<int> jump_slot_;
    std::unique_ptr<Plan> plan_;
};

class OFFTAKE_API DealPriceReader {
  public:
    // `forward`: the deal's deck on its grid (0..n). Under RiskNeutral the mean price of
    // each period equals forward[t]; under RealWorld the model drifts from the spot at the
    // scenario origin: the file's `spot`, else `origin_spot`.
    DealPriceReader(const ScenarioModel& model, Commodity commodity, const TimeGrid& grid,
                    const std::vector<double>& forward, Measure measure, PriceAggregation aggregation,
                    double origin_spot);

    int finest_level() const { return finest_; }
    // prices[0..n] of the deal's commodity on a path generated at level >= finest_level().
    void read(const double* world, double* prices) const;
    Measure measure() const { return measure_; }
    const std::string& description() const { return description_; }
    // For tests: the deterministic log level of the e-th point read for period t.
    double log_level(int t, int e = 0) const;
    int points_read(int t) const { return offsets_[t + 1] - offsets_[t]; }
    int point(int t, int e = 0) const { return points_[offsets_[t] + e]; }

  private:
    const ScenarioModel* model_;
    Measure measure_;
    int periods_ = 0;
    int finest_ = 0;
    int first_ = 0, own_ = 0, jump_slot_ = -1;
    std::vector<int> offsets_;     // points of period t: [offsets_[t], offsets_[t + 1])
    std::vector<int> points_;      // month indices
    std::vector<double> level_;    // deterministic log level per entry of points_
    std::vector<double> deck_;     // a deterministic commodity's prices (no factors)
    std::string description_;
};

}  // namespace offtake
