// How a negotiation prints: the table and CSV of a threshold search, and the deal file
// of the structure found (docs/negotiation.md section 5).
#pragma once

#include <offtake/deal_file.hpp>
#include <offtake/negotiation.hpp>

#include <string>

namespace offtake::cli {

std::string threshold_table(const ThresholdSearch& search, const Deal& deal);
// One row per condition at the threshold, after the search's own columns.
std::string threshold_csv(const ThresholdSearch& search, const std::vector<MeasureSensitivity>& sensitivity = {});
std::string sensitivity_table(const std::vector<MeasureSensitivity>& rows, const std::vector<TargetCondition>& target);
std::string design_table(const DesignSearch& search);
std::string design_csv(const DesignSearch& search, const std::vector<MeasureSensitivity>& sensitivity = {});
// The deal file text of `found` written to `path`: its price model named relative to
// path's folder, and the run's seed, paths and measure, so that the file run on its own
// repeats the reported numbers.
// `model_file` is the price model file the run read ("" for none).
std::string deal_file_text(DealDocument found, const Deal& original, const std::string& path,
                           const std::string& model_file, const SimulationResult& run);

}  // namespace offtake::cli
