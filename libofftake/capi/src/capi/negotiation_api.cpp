// Negotiation through the C API (docs/negotiation.md, docs/c-api.md): one term's
// threshold, on the deal's document copied under its lock, then searched unlocked.
#include <offtake/negotiation.hpp>
#include <offtake/offtake.h>

#include "capi/deal_handle.hpp"
#include "capi/firewall.hpp"
#include "capi/handles.hpp"
#include "capi/result_build.hpp"
#include "capi/simulation_bridge.hpp"

#include <cmath>
#include <string>

using offtake::capi::fail;
using offtake::capi::guarded;
using offtake::capi::require;

extern "C" {

OFFTAKE_API offtake_status offtake_negotiate_threshold(offtake_result** out, const offtake_deal* deal,
                                                       const char* path, double low, double high,
                                                       const char* target, int debt_view,
                                                       const offtake_simulation_options* options) {
    if (out) *out = nullptr;
    return guarded("offtake_negotiate_threshold", [&] {
        require(out, "out");
        const auto& d = offtake::capi::live_deal(deal, "deal");
        require(path, "path");
        require(target, "target");
        if (!std::isfinite(low) || !std::isfinite(high) || !(low < high))
            fail(OFFTAKE_E_RANGE, "low and high must be finite numbers with low < high");
        if (debt_view != 0 && debt_view != 1)
            fail(OFFTAKE_E_RANGE, "debt_view is " + std::to_string(debt_view) + "; 0 (fixed) or 1 (resized)");
        offtake::NegotiationTerm term{path, low, high};
        const std::vector<offtake::TargetCondition> conditions = offtake::parse_target(target);
        offtake::DealDocument document = [&] {
            std::lock_guard<std::mutex> lock(d.mutex);
            try {
                (void)d.document.kind(term.path);
            } catch (const offtake::DealError& e) {
                fail(OFFTAKE_E_UNKNOWN_PARAMETER,
                     std::string("path ") + term.path + ": " +
                         (e.problems().empty() ? std::string(e.what()) : e.problems().front().rule));
            }
            return d.document;
        }();
        offtake::capi::SimulationBridge bridge;
        offtake::capi::translate(bridge, options);
        offtake::capi::connect_progress(bridge);
        offtake::NegotiationOptions negotiation;
        negotiation.debt = debt_view == 1 ? offtake::DebtView::Resized : offtake::DebtView::Fixed;
        const offtake::ThresholdSearch s = offtake::find_threshold(document, term, conditions, negotiation, bridge.options);
        offtake::capi::check_cancelled(bridge, s.at_threshold.result.cancelled);
        *out = offtake::capi::publish(offtake::capi::from_negotiation(s, document.to_deal()));
    });
}

}  // extern "C"
