// Monte Carlo runs through the C API: options checked and translated, the progress
// callback bridged (a non-zero return stops the run), results flattened for readers.
#include <offtake/montecarlo.hpp>
#include <offtake/offtake.h>

#include "capi/deal_handle.hpp"
#include "capi/firewall.hpp"
#include "capi/handles.hpp"
#include "capi/result_build.hpp"

#include <cmath>

using offtake::capi::fail;
using offtake::capi::guarded;
using offtake::capi::live_deal;
using offtake::capi::require;

namespace {

constexpr long long kMaxPaths = 100000000;  // 10^8: the header's documented bound
constexpr int kMaxThreads = offtake::kMaxThreads;  // the engine's own limit

// What the C caller asked for, and whether its callback asked to stop.
struct Bridge {
    offtake::MonteCarloOptions options;
    offtake_progress_fn progress = nullptr;
    void* user_data = nullptr;
    bool stopped = false;
};

void translate(Bridge& bridge, const offtake_simulation_options* c) {
    if (c == nullptr) return;  // the deal's own settings
    if (c->version == 0 || c->version > OFFTAKE_SIMULATION_OPTIONS_VERSION)
        fail(OFFTAKE_E_MISUSE, "options->version is " + std::to_string(c->version) +
                                   "; this library reads version 1 .. " +
                                   std::to_string(OFFTAKE_SIMULATION_OPTIONS_VERSION) +
                                   " (initialise with offtake_simulation_options_init)");
    auto& o = bridge.options;
    if (c->paths < 0 || c->paths > kMaxPaths)
        fail(OFFTAKE_E_RANGE, "options->paths is " + std::to_string(c->paths) +
                                  "; it must be 0 (the deal's) or 1 .. " + std::to_string(kMaxPaths));
    if (c->paths > 0) o.paths = static_cast<std::uint64_t>(c->paths);
    if (c->seed != 0) o.seed = c->seed;
    if (c->threads < 0 || c->threads > kMaxThreads)
        fail(OFFTAKE_E_RANGE, "options->threads is " + std::to_string(c->threads) +
                                  "; it must be 0 (every hardware thread) or 1 .. " +
                                  std::to_string(kMaxThreads));
    o.threads = c->threads;
    switch (c->measure) {
        case OFFTAKE_MEASURE_DEAL: break;
        case OFFTAKE_MEASURE_REAL_WORLD: o.measure = offtake::Measure::RealWorld; break;
        case OFFTAKE_MEASURE_RISK_NEUTRAL: o.measure = offtake::Measure::RiskNeutral; break;
        default:
            fail(OFFTAKE_E_RANGE, "options->measure is " + std::to_string(c->measure) +
                                      "; it must be an offtake_measure (0, 1 or 2)");
    }
    o.antithetic = c->antithetic != 0;
    bridge.progress = c->progress;
    bridge.user_data = c->progress_user_data;
}

// The engine calls this on the calling thread between blocks of paths.
void connect_progress(Bridge& bridge) {
    if (bridge.progress == nullptr) return;
    Bridge* b = &bridge;
    bridge.options.progress = [b](std::uint64_t done, std::uint64_t total) {
        if (b->stopped) return offtake::ProgressAction::Stop;
        if (b->progress(b->user_data, static_cast<long long>(done), static_cast<long long>(total)) != 0)
            b->stopped = true;
        return b->stopped ? offtake::ProgressAction::Stop : offtake::ProgressAction::Continue;
    };
}

void check_cancelled(const Bridge& bridge, bool engine_cancelled) {
    if (bridge.stopped || engine_cancelled)
        fail(OFFTAKE_E_CANCELLED, "the progress callback stopped the run");
}

void check_fraction(double value, const char* name, bool open_ends) {
    const bool ok = std::isfinite(value) && (open_ends ? value > 0.0 && value < 1.0 : value >= 0.0 && value <= 1.0);
    if (!ok)
        fail(OFFTAKE_E_RANGE, std::string("sizing->") + name + " is " + std::to_string(value) +
                                  (open_ends ? "; it must be in (0, 1)" : "; it must be in [0, 1]"));
}

offtake::DebtSizingOptions translate(const offtake_debt_sizing_options* c) {
    offtake::DebtSizingOptions o;
    if (c == nullptr) return o;
    if (c->version == 0 || c->version > OFFTAKE_DEBT_SIZING_OPTIONS_VERSION)
        fail(OFFTAKE_E_MISUSE, "sizing->version is " + std::to_string(c->version) +
                                   "; initialise with offtake_debt_sizing_options_init");
    check_fraction(c->dscr_percentile, "dscr_percentile", true);
    check_fraction(c->llcr_percentile, "llcr_percentile", true);
    check_fraction(c->min_gearing, "min_gearing", false);
    check_fraction(c->max_gearing, "max_gearing", false);
    if (!(std::isfinite(c->target_dscr) && c->target_dscr > 0.0))
        fail(OFFTAKE_E_RANGE, "sizing->target_dscr must be a number > 0");
    if (!(std::isfinite(c->target_llcr) && c->target_llcr >= 0.0))
        fail(OFFTAKE_E_RANGE, "sizing->target_llcr must be 0 (no LLCR condition) or a number > 0");
    if (c->min_gearing > c->max_gearing)
        fail(OFFTAKE_E_RANGE, "sizing->min_gearing exceeds sizing->max_gearing");
    o.dscr_percentile = c->dscr_percentile;
    o.target_dscr = c->target_dscr;
    o.llcr_percentile = c->llcr_percentile;
    if (c->target_llcr > 0.0) o.target_llcr = c->target_llcr;
    o.min_gearing = c->min_gearing;
    o.max_gearing = c->max_gearing;
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
        *options = offtake_simulation_options{};
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
        Bridge bridge;
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
        if (count == 0) fail(OFFTAKE_E_RANGE, "count is 0: compare needs at least one deal");
        std::vector<offtake::Deal> snapshots;
        snapshots.reserve(count);
        for (size_t k = 0; k < count; ++k) {
            const std::string name = "deals[" + std::to_string(k) + "]";
            snapshots.push_back(offtake::capi::deal_snapshot(live_deal(deals[k], name.c_str())));
        }
        Bridge bridge;
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
        Bridge bridge;
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
