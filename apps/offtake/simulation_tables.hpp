// How Monte Carlo results read: summary tables for people, CSV for spreadsheets.
// Money is shown in millions (USD m) in tables and in plain units in CSV; rates and
// probabilities as percentages in tables and as fractions in CSV.
#pragma once

#include <offtake/montecarlo.hpp>

#include <string>

namespace offtake::cli {

// What kind of number a metric is, which decides its unit and format.
enum class Unit { Money, Rate, Ratio, Years, Tonnes, PricePerTonne };

// The run's header: paths, seed, measure, model, time.
std::string simulation_header(const SimulationResult& r);
// The full summary of one run (metrics, probabilities, buyers, bankability).
std::string simulation_table(const SimulationResult& r);
// One line per metric: metric,unit,mean,sd,standard_error,p5,p10,p50,p90,p95,paths.
std::string simulation_csv(const SimulationResult& r);

std::string format_value(Unit unit, const std::optional<double>& v);
std::string unit_label(Unit unit);
// "12.3 % ± 0.2"
std::string format_probability(const Estimate& e);

}  // namespace offtake::cli
