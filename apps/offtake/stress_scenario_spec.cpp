#include "stress_scenario_spec.hpp"

#include <offtake/errors.hpp>
#include <offtake/run_limits.hpp>

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <cstdlib>

namespace offtake::cli {
namespace {

std::string trim(const std::string& s) {
    std::size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
    return s.substr(a, b - a);
}

[[noreturn]] void refuse(const std::string& text, const std::string& rule) {
    throw UsageError(fmt::format("--scenario \"{}\": {}", text, rule));
}

// "-20%", "+0.1", "100bps", "2": the number and its suffix.
double number_of(const std::string& text, const std::string& key, std::string value, const char* suffix) {
    const std::string tail(suffix);
    bool had_suffix = false;
    if (!tail.empty() && value.size() > tail.size() &&
        value.compare(value.size() - tail.size(), tail.size(), tail) == 0) {
        value = trim(value.substr(0, value.size() - tail.size()));
        had_suffix = true;
    }
    char* end = nullptr;
    const double x = std::strtod(value.c_str(), &end);
    if (value.empty() || end != value.c_str() + value.size() || !std::isfinite(x))
        refuse(text, fmt::format("'{}' needs a number, got '{}'", key, value));
    return tail == "%" && had_suffix ? x / 100.0 : x;
}

}  // namespace

StressScenario parse_stress_scenario(const std::string& text) {
    StressScenario s;
    const auto colon = text.find(':');
    if (colon == std::string::npos) refuse(text, "write NAME: key=value, ... (e.g. \"downside: price=-20%\")");
    s.name = trim(text.substr(0, colon));
    if (s.name.empty()) refuse(text, "the scenario needs a name before ':'");
    // Every bound below is the library's (run_limits.hpp), as the C API's offtake_stress.
    if (const std::string rule = stress_name_rule(s.name); !rule.empty()) refuse(text, rule);
    const std::string body = text.substr(colon + 1);
    bool any = false;
    std::size_t start = 0;
    while (start <= body.size()) {
        const auto comma = body.find(',', start);
        const std::string part = trim(body.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        start = comma == std::string::npos ? body.size() + 1 : comma + 1;
        if (part.empty()) continue;
        const auto eq = part.find('=');
        if (eq == std::string::npos) refuse(text, fmt::format("'{}' is not key=value", part));
        const std::string key = trim(part.substr(0, eq)), value = trim(part.substr(eq + 1));
        if (key == "price") {
            s.price_shock = number_of(text, key, value, "%");
            if (!stress_relative_change_allowed(s.price_shock))
                refuse(text, "price change must lie in (-100%, +1000%]");
        } else if (key == "capex") {
            s.capex_overrun = number_of(text, key, value, "%");
            if (!stress_relative_change_allowed(s.capex_overrun))
                refuse(text, "capex change must lie in (-100%, +1000%]");
        } else if (key == "opex") {
            s.opex_change = number_of(text, key, value, "%");
            if (!stress_relative_change_allowed(s.opex_change))
                refuse(text, "opex change must lie in (-100%, +1000%]");
        } else if (key == "production") {
            const double change = number_of(text, key, value, "%");
            if (!stress_production_shortfall_allowed(-change))
                refuse(text, "production change must lie in (-100%, +100%]");
            s.production_shortfall = -change;
        } else if (key == "delay") {
            const double d = number_of(text, key, value, "");
            if (!(d == std::floor(d) && std::abs(d) <= kMaxStressDelayPeriods + 1.0 &&
                  stress_delay_allowed(static_cast<long long>(d))))
                refuse(text, fmt::format("delay is a whole number of periods from 0 to {}", kMaxStressDelayPeriods));
            s.construction_delay_periods = static_cast<int>(d);
        } else if (key == "rates") {
            s.rate_shift_bps = number_of(text, key, value, "bps");
            if (!stress_rate_shift_allowed(s.rate_shift_bps))
                refuse(text, fmt::format("rates shift at most {:.0f} bps either way", kMaxStressRateShiftBps));
        } else {
            refuse(text, fmt::format("unknown key '{}' (price, capex, opex, production, delay, rates)", key));
        }
        any = true;
    }
    if (!any) refuse(text, "no change given (price, capex, opex, production, delay, rates)");
    if (const std::string rule = stress_scenario_rule(s); !rule.empty()) refuse(text, rule);
    return s;
}

}  // namespace offtake::cli
