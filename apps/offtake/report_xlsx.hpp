// The Excel workbook of a result (docs/reports.md), written with libxlsxwriter: the
// period schedule with formulas an analyst can audit, the Monte Carlo summary, the
// bands with native charts, the buyers and the bankability factors.
#pragma once

#include <offtake/deal.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace offtake::cli {

// `document`: the JSON document `--format json` prints for the run (the Monte Carlo
// document with `base_case`, or the deterministic one): every value in the workbook is
// read from it, or from the schedule CSV of the same deal (`schedule_csv`, every line).
// Returns the .xlsx file's bytes.
std::string xlsx_run_workbook(const nlohmann::json& document, const Deal& deal, const std::string& schedule_csv);

// The tornado document (`offtake tornado --format json`): the rows and a native bar chart.
std::string xlsx_tornado_workbook(const nlohmann::json& document);

// The comparison (`compare`), stress and debt-sizing documents of --format json: each
// number with its JSON path beside it (a key column and a key row).
std::string xlsx_compare_workbook(const nlohmann::json& document);
std::string xlsx_stress_workbook(const nlohmann::json& document);
std::string xlsx_sizing_workbook(const nlohmann::json& document);

}  // namespace offtake::cli
