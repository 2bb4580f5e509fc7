// How Monte Carlo results read: summary tables for people, CSV for spreadsheets. Both
// iterate the metric catalogue (offtake/metric_catalogue.hpp), so they carry the same
// metrics as the JSON document and the C API. Money is shown in millions of the deal's
// currency ("EUR m") in tables and in plain units in CSV; rates and probabilities as
// percentages in tables and as fractions in CSV; absent and non-finite values as "n/a"
// in tables and empty cells in CSV (docs/conventions.md).
#pragma once

#include <offtake/metric_catalogue.hpp>
#include <offtake/montecarlo.hpp>

#include <string>

namespace offtake::cli {

// The run's header: paths, seed, measure, model, time.
std::string simulation_header(const SimulationResult& r);
// The full summary of one run (metrics, probabilities, buyers, bankability).
std::string simulation_table(const SimulationResult& r);
// One line per metric: metric,unit,mean,sd,standard_error,p5,p10,p50,p90,p95,paths,
// absent,nonfinite,key.
std::string simulation_csv(const SimulationResult& r);

// A value in a table: "1,234.5" (money in millions), "12.3 %", "1.35x", "yes"; "n/a".
std::string format_value(UnitKind unit, const std::optional<double>& v);
// A column heading for metrics shown across (buyers): "price paid EUR/t", "equity IRR".
std::string column_heading(const MetricEntry& entry, const std::string& currency);

}  // namespace offtake::cli
