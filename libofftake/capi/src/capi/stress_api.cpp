// Stress scenarios through the C API: the caller's scenario structs checked field by
// field (each rule named, never an abort), the base case put first, every run on the
// same seed and path indices (run_stress), the results flattened for readers.
#include <offtake/montecarlo.hpp>
#include <offtake/offtake.h>

#include "capi/deal_handle.hpp"
#include "capi/firewall.hpp"
#include "capi/handles.hpp"
#include "capi/result_build.hpp"
#include "capi/simulation_bridge.hpp"

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

using offtake::capi::fail;
using offtake::capi::guarded;
using offtake::capi::require;

namespace {

// Every bound is the library's (run_limits.hpp), shared with `offtake stress --scenario`:
// each field is tested with the same predicate, and the whole scenario once more by
// stress_scenario_rule.
constexpr int kMaxDelayPeriods = offtake::kMaxStressDelayPeriods;
constexpr std::size_t kMaxNameLength = offtake::kMaxStressNameLength;
constexpr std::size_t kMaxScenarios = offtake::kMaxStressScenarios;
constexpr const char* kBaseName = offtake::kStressBaseName;

// The size of the struct of each version, to step through a caller's array: an array
// of version-1 structs keeps its stride when a later library adds fields. Version 1 is
// today's layout; a version 2 would add its own line and keep this one.
std::size_t scenario_size(unsigned int version) {
    switch (version) {
        case 1: return sizeof(offtake_stress_scenario);
        default: return 0;
    }
}

void check_version(unsigned int version, const std::string& what) {
    if (scenario_size(version) == 0)
        fail(OFFTAKE_E_MISUSE, what + " is " + std::to_string(version) + "; this library reads version 1 .. " +
                                   std::to_string(OFFTAKE_STRESS_SCENARIO_VERSION) +
                                   " (initialise with offtake_stress_scenario_init)");
}

// A relative change in (-1, +10]: above -100 %, at most +1000 % (kMaxStressRelativeIncrease),
// so that the prices and costs it multiplies cannot overflow.
void check_relative_change(double value, const std::string& field) {
    if (!offtake::stress_relative_change_allowed(value))
        fail(OFFTAKE_E_RANGE, field + " is " + std::to_string(value) +
                                  "; it must be a number above -1 (-100 %) and at most 10 (+1000 %)");
}

std::string checked_name(const char* name, const std::string& field) {
    if (name == nullptr) fail(OFFTAKE_E_MISUSE, field + " is NULL");
    const std::size_t length = strnlen(name, kMaxNameLength + 1);
    if (length == 0) fail(OFFTAKE_E_RANGE, field + " is empty; a scenario needs a name");
    if (length > kMaxNameLength)
        fail(OFFTAKE_E_RANGE, field + " is longer than " + std::to_string(kMaxNameLength) + " bytes");
    std::string text(name, length);
    if (const std::string rule = offtake::stress_name_rule(text); !rule.empty())
        fail(OFFTAKE_E_RANGE, field + " \"" + text + "\": " + rule);
    return text;
}

offtake::StressScenario translate_scenario(const offtake_stress_scenario& c, const std::string& where) {
    offtake::StressScenario s;
    s.name = checked_name(c.name, where + ".name");
    check_relative_change(c.price_shock, where + ".price_shock");
    check_relative_change(c.capex_overrun, where + ".capex_overrun");
    check_relative_change(c.opex_change, where + ".opex_change");
    // Negative: production rises (the tornado's upside), up to double.
    if (!offtake::stress_production_shortfall_allowed(c.production_shortfall))
        fail(OFFTAKE_E_RANGE, where + ".production_shortfall is " + std::to_string(c.production_shortfall) +
                                  "; it must lie in [-1, 1): the share of production lost (negative: gained)");
    if (!offtake::stress_delay_allowed(c.construction_delay_periods))
        fail(OFFTAKE_E_RANGE, where + ".construction_delay_periods is " +
                                  std::to_string(c.construction_delay_periods) + "; it must be 0 .. " +
                                  std::to_string(kMaxDelayPeriods));
    if (!offtake::stress_rate_shift_allowed(c.rate_shift_bps))
        fail(OFFTAKE_E_RANGE, where + ".rate_shift_bps is " + std::to_string(c.rate_shift_bps) +
                                  "; it must lie in -" + std::to_string(static_cast<int>(offtake::kMaxStressRateShiftBps)) +
                                  " .. " + std::to_string(static_cast<int>(offtake::kMaxStressRateShiftBps)));
    s.price_shock = c.price_shock;
    s.capex_overrun = c.capex_overrun;
    s.construction_delay_periods = c.construction_delay_periods;
    s.production_shortfall = c.production_shortfall;
    s.opex_change = c.opex_change;
    s.rate_shift_bps = c.rate_shift_bps;
    if (const std::string rule = offtake::stress_scenario_rule(s); !rule.empty()) fail(OFFTAKE_E_RANGE, where + "." + rule);
    return s;
}

// The base case, then the caller's scenarios (or the standard set), checked.
std::vector<offtake::StressScenario> scenarios_to_run(const offtake_stress_scenario* scenarios, size_t count) {
    std::vector<offtake::StressScenario> out(1);
    out.front().name = kBaseName;
    if (count == 0) {
        if (scenarios != nullptr)
            fail(OFFTAKE_E_MISUSE, "count is 0 with scenarios not NULL; pass scenarios NULL and count 0 "
                                   "for the standard set");
        for (auto& s : offtake::standard_stress_scenarios()) out.push_back(std::move(s));
        return out;
    }
    require(scenarios, "scenarios");
    if (count > kMaxScenarios)
        fail(OFFTAKE_E_RANGE, "count is " + std::to_string(count) + "; at most " + std::to_string(kMaxScenarios) +
                                  " scenarios a call");
    check_version(scenarios[0].version, "scenarios[0].version");
    const unsigned int version = scenarios[0].version;
    const std::size_t stride = scenario_size(version);
    const auto* bytes = reinterpret_cast<const unsigned char*>(scenarios);
    for (size_t k = 0; k < count; ++k) {
        const std::string where = "scenarios[" + std::to_string(k) + "]";
        const auto& c = *reinterpret_cast<const offtake_stress_scenario*>(bytes + k * stride);
        if (c.version != version)
            fail(OFFTAKE_E_MISUSE, where + ".version is " + std::to_string(c.version) + " but scenarios[0].version is " +
                                       std::to_string(version) + "; one array holds one version");
        out.push_back(translate_scenario(c, where));
        for (size_t j = 1; j + 1 < out.size(); ++j)
            if (out[j].name == out.back().name)
                fail(OFFTAKE_E_RANGE, where + ".name \"" + out.back().name + "\" is already the name of scenarios[" +
                                          std::to_string(j - 1) + "]");
    }
    return out;
}

// The standard names, kept for the life of the library: the copies handed to callers
// point into it.
const std::vector<offtake::StressScenario>& standard_set() {
    static const std::vector<offtake::StressScenario> set = offtake::standard_stress_scenarios();
    return set;
}

}  // namespace

extern "C" {

OFFTAKE_API offtake_status offtake_stress_scenario_init(offtake_stress_scenario* scenario, unsigned int version) {
    return guarded("offtake_stress_scenario_init", [&] {
        require(scenario, "scenario");
        check_version(version, "version");
        *scenario = offtake_stress_scenario{};
        scenario->version = version;
        scenario->name = nullptr;
    });
}

OFFTAKE_API offtake_status offtake_standard_stress_scenarios(size_t* count, offtake_stress_scenario* buffer,
                                                             size_t capacity, unsigned int version) {
    if (count) *count = 0;
    return guarded("offtake_standard_stress_scenarios", [&] {
        require(count, "count");
        check_version(version, "version");
        const auto& set = standard_set();
        *count = set.size();
        if (buffer == nullptr && capacity > 0) fail(OFFTAKE_E_MISUSE, "buffer is NULL with capacity > 0");
        if (capacity < set.size())
            fail(OFFTAKE_E_BUFFER, "the standard set has " + std::to_string(set.size()) +
                                       " scenarios; the buffer holds " + std::to_string(capacity));
        const std::size_t stride = scenario_size(version);
        auto* bytes = reinterpret_cast<unsigned char*>(buffer);
        for (std::size_t k = 0; k < set.size(); ++k) {
            offtake_stress_scenario c{};
            c.version = version;
            c.name = set[k].name.c_str();
            c.price_shock = set[k].price_shock;
            c.capex_overrun = set[k].capex_overrun;
            c.construction_delay_periods = set[k].construction_delay_periods;
            c.production_shortfall = set[k].production_shortfall;
            c.opex_change = set[k].opex_change;
            c.rate_shift_bps = set[k].rate_shift_bps;
            std::memcpy(bytes + k * stride, &c, stride);
        }
    });
}

OFFTAKE_API offtake_status offtake_stress(offtake_result** out, const offtake_deal* deal,
                                          const offtake_stress_scenario* scenarios, size_t count,
                                          const offtake_simulation_options* options) {
    if (out) *out = nullptr;
    return guarded("offtake_stress", [&] {
        require(out, "out");
        const auto& d = offtake::capi::live_deal(deal, "deal");
        const std::vector<offtake::StressScenario> runs = scenarios_to_run(scenarios, count);
        offtake::capi::SimulationBridge bridge;
        offtake::capi::translate(bridge, options);
        bridge.runs_total = runs.size();
        offtake::capi::connect_progress(bridge);
        const offtake::Deal snapshot = offtake::capi::deal_snapshot(d);
        // One scenario at a time (run_stress fixes the seed and paths from the deal
        // each time, so the runs share their random numbers): a stop asked during
        // one run ends the call there, not after every remaining run.
        std::vector<offtake::StressResult> results;
        results.reserve(runs.size());
        for (std::size_t k = 0; k < runs.size(); ++k) {
            bridge.runs_before = k;
            auto one = offtake::run_stress(snapshot, {runs[k]}, bridge.options);
            offtake::capi::check_cancelled(bridge, one.front().result.cancelled);
            results.push_back(std::move(one.front()));
        }
        *out = offtake::capi::publish(offtake::capi::from_stress(results, snapshot));
    });
}

}  // extern "C"
