// Monte Carlo runs through the C API: options checked and translated
// (simulation_bridge.hpp), results flattened for readers.
#include <offtake/montecarlo.hpp>
#include <offtake/offtake.h>

#include "capi/deal_handle.hpp"
#include "capi/firewall.hpp"
#include "capi/handles.hpp"
#include "capi/result_build.hpp"
#include "capi/simulation_bridge.hpp"

#include <cmath>
#include <cstring>

using offtake::capi::fail;
using offtake::capi::guarded;
using offtake::capi::live_deal;
using offtake::capi::require;
using offtake::capi::check_cancelled;
using offtake::capi::connect_progress;
using offtake::capi::translate;

namespace {

// Each field is checked on its own for its own message, then the whole by the library's
// debt_sizing_rule (run_limits.hpp), the one the command line and size_debt() apply.
void check_percentile(double value, const char* name) {
    if (!offtake::sizing_percentile_allowed(value))
        fail(OFFTAKE_E_RANGE, std::string("sizing->") + name + " is " + std::to_string(value) +
                                  "; it must be in (0, 1)");
}

offtake::DebtSizingOptions translate(const offtake_debt_sizing_options* c) {
    offtake::DebtSizingOptions o;
    if (c == nullptr) return o;
    if (c->version == 0 || c->version > OFFTAKE_DEBT_SIZING_OPTIONS_VERSION)
        fail(OFFTAKE_E_MISUSE, "sizing->version is " + std::to_string(c->version) +
                                   "; initialise with offtake_debt_sizing_options_init");
    check_percentile(c->dscr_percentile, "dscr_percentile");
    check_percentile(c->llcr_percentile, "llcr_percentile");
    if (!offtake::sizing_gearing_bracket_allowed(c->min_gearing, c->max_gearing))
        fail(OFFTAKE_E_RANGE, "sizing->min_gearing is " + std::to_string(c->min_gearing) +
                                  " and sizing->max_gearing " + std::to_string(c->max_gearing) +
                                  "; they must satisfy 0 <= min_gearing < max_gearing < 1");
    if (!offtake::sizing_target_allowed(c->target_dscr))
        fail(OFFTAKE_E_RANGE, "sizing->target_dscr is " + std::to_string(c->target_dscr) +
                                  "; it must be a number above 0");
    if (!(c->target_llcr == 0.0 || offtake::sizing_target_allowed(c->target_llcr)))
        fail(OFFTAKE_E_RANGE, "sizing->target_llcr is " + std::to_string(c->target_llcr) +
                                  "; it must be 0 (no LLCR condition) or a number above 0");
    o.dscr_percentile = c->dscr_percentile;
    o.target_dscr = c->target_dscr;
    o.llcr_percentile = c->llcr_percentile;
    if (c->target_llcr > 0.0) o.target_llcr = c->target_llcr;
    o.min_gearing = c->min_gearing;
    o.max_gearing = c->max_gearing;
    if (const std::string rule = offtake::debt_sizing_rule(o); !rule.empty())
        fail(OFFTAKE_E_RANGE, "sizing: " + rule);
    return o;
}

}  // namespace

extern "C" {

OFFTAKE_API offtake_status offtake_simulation_options_init(offtake_simulation_options* options,
                                                           unsigned int version) {
    return guarded("offtake_simulation_options_init", [&] {
        require(options, "options");
        if (version == 0 || version > OFFTAKE_SIMULATION_OPTIONS_VERSION)
            fail(OFFTAKE_E_MISUSE, "version " + std::to_string(version) + " is unknown to this library (1 .. " +
                                       std::to_string(OFFTAKE_SIMULATION_OPTIONS_VERSION) + ")");
        // Only the bytes of the caller's version: its struct may end before the later fields.
        const offtake_simulation_options defaults{};
        std::memcpy(options, &defaults, offtake::capi::simulation_options_size(version));
        options->version = version;
        options->measure = OFFTAKE_MEASURE_DEAL;
    });
}

OFFTAKE_API offtake_status offtake_debt_sizing_options_init(offtake_debt_sizing_options* options,
                                                            unsigned int version) {
    return guarded("offtake_debt_sizing_options_init", [&] {
        require(options, "options");
        if (version == 0 || version > OFFTAKE_DEBT_SIZING_OPTIONS_VERSION)
            fail(OFFTAKE_E_MISUSE, "version " + std::to_string(version) + " is unknown to this library (1 .. " +
                                       std::to_string(OFFTAKE_DEBT_SIZING_OPTIONS_VERSION) + ")");
        const offtake::DebtSizingOptions defaults;
        *options = offtake_debt_sizing_options{};
        options->version = version;
        options->dscr_percentile = defaults.dscr_percentile;
        options->target_dscr = defaults.target_dscr;
        options->llcr_percentile = defaults.llcr_percentile;
        options->target_llcr = defaults.target_llcr.value_or(0.0);
        options->min_gearing = defaults.min_gearing;
        options->max_gearing = defaults.max_gearing;
    });
}

OFFTAKE_API offtake_status offtake_simulate(offtake_result** out, const offtake_deal* deal,
                                            const offtake_simulation_options* options) {
    if (out) *out = nullptr;
    return guarded("offtake_simulate", [&] {
        require(out, "out");
        const auto& d = live_deal(deal, "deal");
        offtake::capi::SimulationBridge bridge;
        translate(bridge, options);
        connect_progress(bridge);
        const offtake::Deal snapshot = offtake::capi::deal_snapshot(d);
        const offtake::SimulationResult r = offtake::simulate(snapshot, bridge.options);
        check_cancelled(bridge, r.cancelled);
        *out = offtake::capi::publish(offtake::capi::from_simulation(r, snapshot));
    });
}

OFFTAKE_API offtake_status offtake_compare(offtake_result** out, const offtake_deal* const* deals,
                                           size_t count, const offtake_simulation_options* options) {
    if (out) *out = nullptr;
    return guarded("offtake_compare", [&] {
        require(out, "out");
        require(deals, "deals");
        // Each deal is a whole Monte Carlo run: a bound on the work one call can ask for
        // (run_limits.hpp, as `offtake compare`'s), checked before the array is read.
        if (!offtake::compare_count_allowed(count))
            fail(OFFTAKE_E_RANGE, "count is " + std::to_string(count) + "; at least " +
                                      std::to_string(offtake::kMinCompareDeals) + " and at most " +
                                      std::to_string(offtake::kMaxCompareDeals) + " deals a call");
        std::vector<offtake::Deal> snapshots;
        snapshots.reserve(count);
        for (size_t k = 0; k < count; ++k) {
            const std::string name = "deals[" + std::to_string(k) + "]";
            snapshots.push_back(offtake::capi::deal_snapshot(live_deal(deals[k], name.c_str())));
        }
        offtake::capi::SimulationBridge bridge;
        translate(bridge, options);
        connect_progress(bridge);
        const offtake::DealComparison c = offtake::compare(snapshots, bridge.options);
        bool cancelled = false;
        for (const auto& r : c.results) cancelled = cancelled || r.cancelled;
        check_cancelled(bridge, cancelled);
        *out = offtake::capi::publish(offtake::capi::from_comparison(c, snapshots));
    });
}

OFFTAKE_API offtake_status offtake_size_debt(offtake_result** out, const offtake_deal* deal,
                                             const offtake_debt_sizing_options* sizing,
                                             const offtake_simulation_options* options) {
    if (out) *out = nullptr;
    return guarded("offtake_size_debt", [&] {
        require(out, "out");
        const auto& d = live_deal(deal, "deal");
        const offtake::DebtSizingOptions targets = translate(sizing);
        offtake::capi::SimulationBridge bridge;
        translate(bridge, options);
        connect_progress(bridge);
        const offtake::Deal snapshot = offtake::capi::deal_snapshot(d);
        if (!snapshot.debt)
            fail(OFFTAKE_E_INVALID_DEAL, (snapshot.source.empty() ? std::string("<deal>") : snapshot.source) +
                                             ": debt: sizing needs a `debt` section");
        const offtake::DebtSizingResult s = offtake::size_debt(snapshot, targets, bridge.options);
        check_cancelled(bridge, s.result.cancelled);
        *out = offtake::capi::publish(offtake::capi::from_sizing(s, snapshot));
    });
}

}  // extern "C"
