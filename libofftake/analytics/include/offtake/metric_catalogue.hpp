// The metric catalogue: one table of every metric the library reports (its key, unit,
// label and how it is read from a deterministic report, a path's result, a Monte Carlo
// statistic or a paired difference). The JSON writers, the command-line tables and CSV
// and the C API all iterate it, so a metric added here appears in every output
// (docs/architecture.md, "How to add a metric"). What each metric means:
// docs/conventions.md.
//
// Every value the accessors below return has passed the one gate of every writer,
// reportable() (offtake/reportable.hpp): absent, NaN and infinite values leave as "no
// value", never as "nan" or "inf".
#pragma once

#include <offtake/deterministic.hpp>
#include <offtake/export.h>
#include <offtake/montecarlo.hpp>
#include <offtake/reportable.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace offtake {

// --- Units -----------------------------------------------------------------------------

// What kind of number a metric is, which decides its unit label and format.
enum class UnitKind {
    Money,          // the deal's currency
    MoneyPerTonne,  // a price: the deal's currency per tonne
    Tonnes,
    Percent,        // a rate (IRR) as a fraction
    Probability,    // a share of paths (or an expected loss as a share of peak debt)
    Ratio,          // a coverage ratio (DSCR, LLCR, PLCR)
    Years,
    Count,
    Flag            // yes / no in a deterministic report (1 / 0 in numbers)
};

// ISO 4217 code of a deal without one (docs/deal-file.md, project.currency).
inline constexpr const char* kDefaultCurrency = "USD";

// The unit as the tables print it: "EUR m" (money in millions), "EUR/t", "t", "%", "x",
// "years", "" (counts and flags).
OFFTAKE_API std::string table_unit(UnitKind unit, const std::string& currency);
// The unit of the plain numbers in CSV and through the C API: "EUR", "EUR/t", "t",
// "fraction", "x", "years", "count", "" (flags, 1 or 0).
OFFTAKE_API std::string plain_unit(UnitKind unit, const std::string& currency);

// --- The catalogue ---------------------------------------------------------------------

// Whose metric it is: the deal's, one per equity investor, one per offtake (buyer), or
// one per debt tranche (docs/credit.md section 7: the senior debt first, then the
// tranches below it; only for a deal with debt.tranches).
enum class MetricScope { Deal, Investor, Buyer, Tranche };

// When a deterministic table shows the row (JSON and the C API always carry it, but for
// Tranches: only a deal with debt.tranches has the row anywhere).
enum class MetricNeeds { Always, Debt, SculptedDebt, Guarantee, Tranches };

// One Monte Carlo statistic as every writer shows it: a distribution (MetricSummary)
// or a probability / expected value (Estimate, no percentiles), already through the gate.
struct MetricStatistics {
    bool distribution = true;
    std::uint64_t count = 0;      // paths with a finite value
    std::uint64_t absent = 0;     // paths where the metric does not exist
    std::uint64_t nonfinite = 0;  // paths where it came out NaN or infinite (left out)
    std::optional<double> mean, sd, std_error, p5, p10, p50, p90, p95;
    bool exact_quantiles = true;
    // MetricSummary::quantiles through the gate; empty for an Estimate or no paths.
    std::vector<std::optional<double>> quantiles;
};

struct MetricEntry {
    const char* key;     // JSON key and C API name (docs/json-output.md)
    MetricScope scope;
    UnitKind unit;
    const char* label;   // in words; per investor or buyer followed by ", <name>"
    const char* column;  // short heading where rows are buyers ("price paid")
    MetricNeeds needs;
    // How the value is read; null where the metric does not exist in that kind of
    // result. `i` is the investor or buyer index (ignored for deal metrics).
    std::optional<double> (*path)(const PathResult&, std::size_t i);
    std::optional<double> (*report)(const DealReport&, std::size_t i);  // deterministic only
    const MetricSummary* (*summary)(const SimulationResult&, std::size_t i);
    const Estimate* (*estimate)(const SimulationResult&, std::size_t i);
    const Estimate* (*difference)(const PairedDifferences&, std::size_t i);

    bool in_base_case() const { return path != nullptr || report != nullptr; }
    bool in_monte_carlo() const { return summary != nullptr || estimate != nullptr; }
    bool in_differences() const { return difference != nullptr; }
};

// Every metric, in the order tables and CSV rows show them. Investor and buyer metrics
// sit in contiguous blocks (shown holder by holder).
OFFTAKE_API const std::vector<MetricEntry>& metric_catalogue();
OFFTAKE_API const MetricEntry* find_metric(const std::string& key, MetricScope scope);

// One metric of one holder: what the writers iterate.
struct MetricSlot {
    const MetricEntry* entry = nullptr;
    std::size_t index = 0;   // investor or buyer index
    std::string holder;      // the investor's or buyer's name ("" for deal metrics)
};

// The catalogue expanded over a deal's investors, buyers and tranches, in display order:
// deal metrics in catalogue order, each investor block investor by investor, each buyer
// block buyer by buyer, each tranche block tranche by tranche. `keep` (optional) filters
// the entries. Without tranches (an empty list) the Tranches-only deal metrics are left
// out too, so a deal without debt.tranches lists what it listed before them.
OFFTAKE_API std::vector<MetricSlot> metric_slots(const std::vector<std::string>& investors,
                                                 const std::vector<std::string>& buyers,
                                                 bool (*keep)(const MetricEntry&) = nullptr,
                                                 const std::vector<std::string>& tranches = {});
// The tranche names of a deal as the catalogue indexes them: debt.name, then the tranches
// below it in the waterfall's order (subordinated, then shareholder loans); empty
// without debt.tranches.
OFFTAKE_API std::vector<std::string> tranche_names(const Deal& deal);
OFFTAKE_API std::vector<std::string> tranche_names(const SimulationResult& result);

// Names: "npv", "equity_npv[1]", "buyers[0].price_paid", "tranches[1].expected_loss" (the
// C API's names and the JSON paths); paired differences "npv", "equity_npv[1]",
// "buyer_price_paid[0]".
OFFTAKE_API std::string metric_name(const MetricEntry& entry, std::size_t index);
OFFTAKE_API std::string difference_name(const MetricEntry& entry, std::size_t index);
// "Equity NPV, General Motors"; a `context` goes in parentheses, joined to the label's
// own when it ends with one: "Project NPV (after tax, 8.0 %)".
OFFTAKE_API std::string metric_label(const MetricEntry& entry, const std::string& holder,
                                     const std::string& context = "");

// Values, through the gate. Absent when the entry does not exist in that kind of
// result or the index is out of range.
OFFTAKE_API std::optional<double> base_case_value(const MetricEntry& entry, const DealReport& report,
                                                  std::size_t index);
OFFTAKE_API std::optional<double> path_value(const MetricEntry& entry, const PathResult& result,
                                             std::size_t index);
OFFTAKE_API std::optional<MetricStatistics> monte_carlo_statistics(const MetricEntry& entry,
                                                                   const SimulationResult& result,
                                                                   std::size_t index);
OFFTAKE_API std::optional<MetricStatistics> difference_statistics(const MetricEntry& entry,
                                                                  const PairedDifferences& differences,
                                                                  std::size_t index);
OFFTAKE_API MetricStatistics statistics_of(const MetricSummary& summary);
OFFTAKE_API MetricStatistics statistics_of(const Estimate& estimate);

// False when some metric of the path (any catalogue entry read from a PathResult, for
// every investor and buyer) is NaN or infinite: a Monte Carlo run then counts the path
// in nonfinite_paths and leaves it out of its probabilities, rather than reading a NaN
// cash flow as "no default" (docs/conventions.md, "Values that do not exist").
OFFTAKE_API bool path_is_finite(const PathResult& result);

// Whether a deterministic table shows the row for this deal.
OFFTAKE_API bool applies_to(const MetricEntry& entry, const Deal& deal);

}  // namespace offtake
