// The self-contained HTML report (docs/reports.md): one file that opens offline in any
// browser, with the run's JSON document inside it and the charts drawn from that.
#pragma once

#include <offtake/deal.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace offtake::cli {

// `report`: which command's report ("run", "tornado", ...). `document`: the JSON
// document `--format json` prints for the same result, embedded unchanged so that the
// page's numbers are the JSON's. `deal`: for what the document does not carry (the
// lock-up level).
std::string html_report(const std::string& report, const nlohmann::json& document, const Deal& deal);

// The report's data blob: {"report", "metrics", "levels", "document"} (exposed for tests).
nlohmann::json report_blob(const std::string& report, const nlohmann::json& document, const Deal& deal);

// The blob as text safe inside an HTML <script type="application/json"> element: every
// '<', '>' and '&' (which only occur inside JSON strings) written as a \u escape, so no
// deal name can end the element early.
std::string script_safe_json(const nlohmann::json& blob);

}  // namespace offtake::cli
