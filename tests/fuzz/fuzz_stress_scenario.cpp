// libFuzzer target for `offtake stress --scenario SPEC` (apps/offtake/stress_scenario_spec.cpp).
// Any text must give a scenario or a UsageError, never a crash, hang or sanitizer report.
// An accepted scenario must lie within the documented bounds (docs/cli.md), and applying
// it to a bundled deal and running the base case must give a report or a DealError that
// names the scenario: never another exception, never a non-finite NPV.
#include "stress_scenario_spec.hpp"

#include <offtake/deal_file.hpp>
#include <offtake/deterministic.hpp>
#include <offtake/errors.hpp>
#include <offtake/montecarlo.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {
const offtake::Deal& deal() {
    static const offtake::Deal d = offtake::load_deal_file(OFFTAKE_SOURCE_DIR "/examples/copper-prepay.yaml");
    return d;
}
bool within(double x, double lo, double hi) { return std::isfinite(x) && x >= lo && x <= hi; }
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 4096) return 0;  // a command-line argument, not a file
    const std::string text(reinterpret_cast<const char*>(data), size);
    offtake::StressScenario s;
    try {
        s = offtake::cli::parse_stress_scenario(text);
    } catch (const offtake::UsageError& e) {
        if (std::string(e.what()).empty()) std::abort();
        return 0;
    }
    using offtake::kMaxStressRelativeIncrease;
    if (s.name.empty() || !(s.price_shock > -1.0 && s.price_shock <= kMaxStressRelativeIncrease) ||
        !(s.capex_overrun > -1.0 && s.capex_overrun <= kMaxStressRelativeIncrease) ||
        !(s.opex_change > -1.0 && s.opex_change <= kMaxStressRelativeIncrease) ||
        !within(s.production_shortfall, -1.0, 1.0) || s.production_shortfall == 1.0 ||
        s.construction_delay_periods < 0 || s.construction_delay_periods > offtake::kMaxStressDelayPeriods ||
        !within(s.rate_shift_bps, -offtake::kMaxStressRateShiftBps, offtake::kMaxStressRateShiftBps))
        std::abort();
    if (offtake::describe_stress(s).empty()) std::abort();
    try {
        const offtake::Deal stressed = offtake::apply_stress(deal(), s);
        const offtake::DealReport report = offtake::run_deterministic(stressed);
        if (!std::isfinite(report.metrics.npv)) std::abort();
    } catch (const offtake::DealError&) {
        // a change that breaks the deal (a delay past an offtake's end): a clear error
    }
    return 0;
}
