#include "capi/simulation_bridge.hpp"

#include "capi/firewall.hpp"

#include <cstddef>
#include <cstring>
#include <string>

#include <offtake/time_grid.hpp>

namespace offtake::capi {

void translate(SimulationBridge& bridge, const offtake_simulation_options* c) {
    if (c == nullptr) return;  // the deal's own settings
    if (c->version == 0 || c->version > OFFTAKE_SIMULATION_OPTIONS_VERSION)
        fail(OFFTAKE_E_MISUSE, "options->version is " + std::to_string(c->version) +
                                   "; this library reads version 1 .. " +
                                   std::to_string(OFFTAKE_SIMULATION_OPTIONS_VERSION) +
                                   " (initialise with offtake_simulation_options_init)");
    auto& o = bridge.options;
    // Bounds: run_limits.hpp, the same predicates as the command line's.
    if (c->paths != 0 && !(c->paths > 0 && paths_allowed(static_cast<unsigned long long>(c->paths))))
        fail(OFFTAKE_E_RANGE, "options->paths is " + std::to_string(c->paths) +
                                  "; it must be 0 (the deal's) or 1 .. " + std::to_string(kMaxPaths));
    if (c->paths > 0) o.paths = static_cast<std::uint64_t>(c->paths);
    if (!seed_allowed(c->seed))
        fail(OFFTAKE_E_RANGE, "options->seed is " + std::to_string(c->seed) +
                                  "; it must be 0 (the deal's) or 1 .. " + std::to_string(kMaxSeed) +
                                  " (2^53 - 1, the deal file's bound)");
    if (c->seed != 0) o.seed = c->seed;
    if (!threads_allowed(c->threads))
        fail(OFFTAKE_E_RANGE, "options->threads is " + std::to_string(c->threads) +
                                  "; it must be 0 (every hardware thread) or 1 .. " +
                                  std::to_string(kMaxThreads));
    o.threads = c->threads;
    switch (c->measure) {
        case OFFTAKE_MEASURE_DEAL: break;
        case OFFTAKE_MEASURE_REAL_WORLD: o.measure = Measure::RealWorld; break;
        case OFFTAKE_MEASURE_RISK_NEUTRAL: o.measure = Measure::RiskNeutral; break;
        case OFFTAKE_MEASURE_LENDERS_CASE: o.measure = Measure::LendersCase; break;
        default:
            fail(OFFTAKE_E_RANGE, "options->measure is " + std::to_string(c->measure) +
                                      "; it must be an offtake_measure (0, 1, 2 or 3)");
    }
    o.antithetic = c->antithetic != 0;
    bridge.progress = c->progress;
    bridge.user_data = c->progress_user_data;
    if (c->version < 2) return;  // a version-1 struct ends here
    switch (c->price_aggregation) {
        case OFFTAKE_PRICE_END_OF_PERIOD: o.price_aggregation = PriceAggregation::EndOfPeriod; break;
        case OFFTAKE_PRICE_PERIOD_AVERAGE: o.price_aggregation = PriceAggregation::PeriodAverage; break;
        default:
            fail(OFFTAKE_E_RANGE, "options->price_aggregation is " + std::to_string(c->price_aggregation) +
                                      "; it must be an offtake_price_aggregation (0 or 1)");
    }
    if (c->scenario_start != nullptr) {
        // At most 64 bytes are read: a date has 10, and the caller's text need not end.
        std::string text(c->scenario_start, ::strnlen(c->scenario_start, 64));
        const auto date = parse_iso_date(text);
        for (char& ch : text)  // echoed in the message: no control or non-ASCII bytes
            if (static_cast<unsigned char>(ch) < 0x20 || static_cast<unsigned char>(ch) >= 0x7f) ch = '?';
        if (!date)
            fail(OFFTAKE_E_RANGE, "options->scenario_start is '" + text +
                                      "'; it must be a calendar date written yyyy-mm-dd (1901-2199) or NULL");
        o.scenario_start = *date;
    }
}

std::size_t simulation_options_size(unsigned int version) {
    return version < 2 ? offsetof(offtake_simulation_options, price_aggregation) : sizeof(offtake_simulation_options);
}

// The engine calls this on the calling thread between blocks of paths.
void connect_progress(SimulationBridge& bridge) {
    if (bridge.progress == nullptr) return;
    SimulationBridge* b = &bridge;
    bridge.options.progress = [b](std::uint64_t done, std::uint64_t total) {
        if (b->stopped) return ProgressAction::Stop;
        const auto all_done = b->runs_before * total + done;
        const auto all_total = b->runs_total * total;
        if (b->progress(b->user_data, static_cast<long long>(all_done), static_cast<long long>(all_total)) != 0)
            b->stopped = true;
        return b->stopped ? ProgressAction::Stop : ProgressAction::Continue;
    };
}

void check_cancelled(const SimulationBridge& bridge, bool engine_cancelled) {
    if (bridge.stopped || engine_cancelled)
        fail(OFFTAKE_E_CANCELLED, "the progress callback stopped the run");
}

}  // namespace offtake::capi
