// Until the Monte Carlo engine lands: the Monte Carlo entry points answer
// OFFTAKE_E_UNSUPPORTED with a message, so that the C API's ABI is complete.
#include <offtake/offtake.h>

#include "capi/firewall.hpp"

using offtake::capi::fail;
using offtake::capi::guarded;

namespace {
[[noreturn]] void pending() { fail(OFFTAKE_E_UNSUPPORTED, "the Monte Carlo engine is not in this build yet"); }
}  // namespace

extern "C" {

OFFTAKE_API offtake_status offtake_simulation_options_init(offtake_simulation_options* options,
                                                           unsigned int version) {
    return guarded("offtake_simulation_options_init", [&] {
        offtake::capi::require(options, "options");
        if (version == 0 || version > OFFTAKE_SIMULATION_OPTIONS_VERSION) fail(OFFTAKE_E_MISUSE, "unknown version");
        *options = offtake_simulation_options{};
        options->version = version;
    });
}
OFFTAKE_API offtake_status offtake_debt_sizing_options_init(offtake_debt_sizing_options*, unsigned int) {
    return guarded("offtake_debt_sizing_options_init", [&] { pending(); });
}
OFFTAKE_API offtake_status offtake_simulate(offtake_result** out, const offtake_deal*,
                                            const offtake_simulation_options*) {
    if (out) *out = nullptr;
    return guarded("offtake_simulate", [&] { pending(); });
}
OFFTAKE_API offtake_status offtake_compare(offtake_result** out, const offtake_deal* const*, size_t,
                                           const offtake_simulation_options*) {
    if (out) *out = nullptr;
    return guarded("offtake_compare", [&] { pending(); });
}
OFFTAKE_API offtake_status offtake_size_debt(offtake_result** out, const offtake_deal*,
                                             const offtake_debt_sizing_options*,
                                             const offtake_simulation_options*) {
    if (out) *out = nullptr;
    return guarded("offtake_size_debt", [&] { pending(); });
}

}  // extern "C"
