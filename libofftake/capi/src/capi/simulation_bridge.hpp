// The C caller's Monte Carlo options turned into the engine's, with its progress
// callback bridged: a non-zero return stops the run. Shared by every Monte Carlo entry
// point (simulate, compare, size_debt, stress).
#pragma once

#include <offtake/montecarlo.hpp>
#include <offtake/offtake.h>

#include <cstddef>
#include <cstdint>

namespace offtake::capi {

struct SimulationBridge {
    MonteCarloOptions options;
    offtake_progress_fn progress = nullptr;
    void* user_data = nullptr;
    bool stopped = false;
    // Successive runs reported as one: run `runs_before` of `runs_total` is under way,
    // so the caller sees paths done and paths requested over every run.
    std::uint64_t runs_before = 0;
    std::uint64_t runs_total = 1;
};

// Checks `c` (NULL: the deal's own settings) and fills the bridge; OFFTAKE_E_MISUSE for
// an unknown struct version, OFFTAKE_E_RANGE for a field out of range.
void translate(SimulationBridge& bridge, const offtake_simulation_options* c);
// The bytes of an offtake_simulation_options of `version` (1 ends before price_aggregation).
std::size_t simulation_options_size(unsigned int version);
// Installs the engine-side callback when the caller gave one.
void connect_progress(SimulationBridge& bridge);
// OFFTAKE_E_CANCELLED when the caller's callback or the engine stopped the run.
void check_cancelled(const SimulationBridge& bridge, bool engine_cancelled);

}  // namespace offtake::capi
