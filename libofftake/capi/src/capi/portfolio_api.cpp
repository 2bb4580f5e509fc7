// The buyer's portfolio through the C API (docs/portfolio.md, docs/c-api.md): a portfolio
// file and the deal files it names, every project on one simulated market, flattened into
// a result of kind OFFTAKE_RESULT_PORTFOLIO.
#include <offtake/offtake.h>
#include <offtake/portfolio.hpp>
#include <offtake/portfolio_run.hpp>

#include "capi/firewall.hpp"
#include "capi/handles.hpp"
#include "capi/result_build.hpp"
#include "capi/simulation_bridge.hpp"

#include <cstring>
#include <string>

using offtake::capi::fail;
using offtake::capi::guarded;
using offtake::capi::require;

extern "C" {

OFFTAKE_API offtake_status offtake_run_portfolio(offtake_result** out, const char* portfolio_file,
                                                 const offtake_simulation_options* options) {
    if (out) *out = nullptr;
    return guarded("offtake_run_portfolio", [&] {
        require(out, "out");
        require(portfolio_file, "portfolio_file");
        // A path longer than any file system's is a caller's mistake, not a file to look for.
        if (::strnlen(portfolio_file, 4097) > 4096) fail(OFFTAKE_E_RANGE, "portfolio_file is longer than 4,096 bytes");
        const offtake::Portfolio pf = offtake::load_portfolio_file(portfolio_file);
        offtake::capi::SimulationBridge bridge;
        offtake::capi::translate(bridge, options);
        if (bridge.options.antithetic)
            fail(OFFTAKE_E_RANGE, "options->antithetic: antithetic runs are not offered for portfolios "
                                  "(docs/portfolio.md section 7)");
        offtake::capi::connect_progress(bridge);
        const offtake::PortfolioResult r = offtake::run_portfolio(pf, bridge.options);
        offtake::capi::check_cancelled(bridge, r.cancelled);
        *out = offtake::capi::publish(offtake::capi::from_portfolio(r));
    });
}

}  // extern "C"
