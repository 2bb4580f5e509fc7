// A calibration result as a models/prices YAML file: the parameters load_price_model
// reads, the provenance and the standard errors as comments.
#include <offtake/calibration.hpp>
#include <offtake/errors.hpp>

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace offtake {

namespace {
}  // namespace

std::string price_model_yaml(const CalibrationResult& r, const std::string& commodity) {
    std::string out;
    out += fmt::format("# Calibrated by libofftake ({}) from {}\n", to_string(r.model), r.source);
    out += fmt::format("# {} observations, {} to {}; log-likelihood {:.4f}\n", r.observations,
                       iso_date(r.first), iso_date(r.last),
                       r.log_likelihood);
    out += "# Estimates (standard error from the observed information):\n";
    for (const auto& p : r.parameters)
        out += fmt::format("#   {:<22} {:>12.6g}  se {}\n", p.name, p.value,
                           p.std_error ? fmt::format("{:.3g}", *p.std_error) : "n/a");
    for (const auto& n : r.notes) out += "# Note: " + n + "\n";
    out += fmt::format("description: \"{} calibrated to {}\"\n", to_string(r.model), r.source);
    out += "commodities:\n";
    out += fmt::format("  {}:\n", commodity);
    out += fmt::format("    model: {}\n", to_string(r.model));
    for (const auto& p : r.parameters) {
        if (p.name.rfind("measurement_sd", 0) == 0) continue;
        out += fmt::format("    {}: {:.6g}\n", p.name, p.value);
    }
    out += fmt::format("    source: \"{} maximum likelihood on {} ({} to {})\"\n",
                       r.model == CalibrationModel::SchwartzSmith ? "Kalman-filter" : "exact",
                       r.source, iso_date(r.first), iso_date(r.last));
    return out;
}

void write_price_model(const CalibrationResult& r, const std::string& commodity,
                       const std::string& path) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp);
        if (!out) throw UsageError("cannot write " + path);
        out << price_model_yaml(r, commodity);
        if (!out) throw UsageError("cannot write " + path);
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) throw UsageError("cannot write " + path);
}

}  // namespace offtake
