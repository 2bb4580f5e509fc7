// Negotiation through the C API (docs/negotiation.md, docs/c-api.md): one term's
// threshold, or several terms by a grid or NLopt's COBYLA, on the deal's document copied
// under its lock, then searched unlocked.
#include <offtake/negotiation.hpp>
#include <offtake/offtake.h>

#include "capi/deal_handle.hpp"
#include "capi/firewall.hpp"
#include "capi/handles.hpp"
#include "capi/result_build.hpp"
#include "capi/simulation_bridge.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

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

OFFTAKE_API offtake_status offtake_negotiation_options_init(offtake_negotiation_options* options,
                                                            unsigned int version) {
    return guarded("offtake_negotiation_options_init", [&] {
        require(options, "options");
        if (version == 0 || version > OFFTAKE_NEGOTIATION_OPTIONS_VERSION)
            fail(OFFTAKE_E_MISUSE, "version " + std::to_string(version) + " is unknown to this library (1 .. " +
                                       std::to_string(OFFTAKE_NEGOTIATION_OPTIONS_VERSION) + ")");
        const offtake::OptimiserOptions defaults;
        *options = offtake_negotiation_options{};
        options->version = version;
        options->search = OFFTAKE_SEARCH_GRID;
        options->max_evaluations = defaults.max_evaluations;
        options->tolerance = defaults.relative_tolerance;
    });
}

OFFTAKE_API offtake_status offtake_negotiate_terms(offtake_result** out, const offtake_deal* deal,
                                                   const offtake_negotiation_term* terms, size_t count,
                                                   const char* target,
                                                   const offtake_negotiation_options* negotiation,
                                                   const offtake_simulation_options* options) {
    if (out) *out = nullptr;
    return guarded("offtake_negotiate_terms", [&] {
        require(out, "out");
        const auto& d = offtake::capi::live_deal(deal, "deal");
        require(terms, "terms");
        require(target, "target");
        if (count < 1 || count > 8) fail(OFFTAKE_E_RANGE, "count is " + std::to_string(count) + "; 1 .. 8 terms");
        offtake_negotiation_options n{};
        n.version = OFFTAKE_NEGOTIATION_OPTIONS_VERSION;
        n.max_evaluations = offtake::OptimiserOptions{}.max_evaluations;
        n.tolerance = offtake::OptimiserOptions{}.relative_tolerance;
        if (negotiation) {
            if (negotiation->version == 0 || negotiation->version > OFFTAKE_NEGOTIATION_OPTIONS_VERSION)
                fail(OFFTAKE_E_MISUSE, "negotiation->version " + std::to_string(negotiation->version) +
                                           " is unknown to this library; initialise with offtake_negotiation_options_init");
            n = *negotiation;  // version 1 is every field
        }
        if (n.search != OFFTAKE_SEARCH_GRID && n.search != OFFTAKE_SEARCH_NLOPT)
            fail(OFFTAKE_E_RANGE, "negotiation->search is " + std::to_string(n.search) + "; 0 (grid) or 1 (NLopt)");
        if (n.points_per_term != 0 && (n.points_per_term < 2 || n.points_per_term > 50))
            fail(OFFTAKE_E_RANGE, "negotiation->points_per_term is " + std::to_string(n.points_per_term) +
                                      "; 0 (about 50 runs in all) or 2 .. 50");
        if (n.debt_view != 0 && n.debt_view != 1)
            fail(OFFTAKE_E_RANGE, "negotiation->debt_view is " + std::to_string(n.debt_view) + "; 0 (fixed) or 1 (resized)");
        if (n.prefer_secure != 0 && n.prefer_secure != 1)
            fail(OFFTAKE_E_RANGE, "negotiation->prefer_secure is " + std::to_string(n.prefer_secure) + "; 0 or 1");
        if (n.has_budget && !std::isfinite(n.budget)) fail(OFFTAKE_E_RANGE, "negotiation->budget must be a finite number");
        if (!std::isfinite(n.tolerance)) fail(OFFTAKE_E_RANGE, "negotiation->tolerance must be a finite number");
        std::vector<offtake::NegotiationTerm> list;
        for (std::size_t i = 0; i < count; ++i) {
            const std::string what = "terms[" + std::to_string(i) + "]";
            require(terms[i].path, (what + ".path").c_str());
            if (!std::isfinite(terms[i].low) || !std::isfinite(terms[i].high) || !(terms[i].low < terms[i].high))
                fail(OFFTAKE_E_RANGE, what + ": low and high must be finite numbers with low < high");
            list.push_back(offtake::NegotiationTerm{terms[i].path, terms[i].low, terms[i].high});
        }
        const std::vector<offtake::TargetCondition> conditions = offtake::parse_target(target);
        offtake::DealDocument document = [&] {
            std::lock_guard<std::mutex> lock(d.mutex);
            for (const auto& t : list) {
                try {
                    (void)d.document.kind(t.path);
                } catch (const offtake::DealError& e) {
                    fail(OFFTAKE_E_UNKNOWN_PARAMETER,
                         std::string("path ") + t.path + ": " +
                             (e.problems().empty() ? std::string(e.what()) : e.problems().front().rule));
                }
            }
            return d.document;
        }();
        offtake::capi::SimulationBridge bridge;
        offtake::capi::translate(bridge, options);
        offtake::capi::connect_progress(bridge);
        offtake::NegotiationOptions view;
        view.debt = n.debt_view == 1 ? offtake::DebtView::Resized : offtake::DebtView::Fixed;
        const offtake::BuyerPreference pref =
            n.prefer_secure ? offtake::BuyerPreference::MostSecure : offtake::BuyerPreference::Cheapest;
        const std::optional<double> budget = n.has_budget ? std::optional<double>(n.budget) : std::nullopt;
        offtake::DesignSearch s;
        if (n.search == OFFTAKE_SEARCH_NLOPT) {
            offtake::OptimiserOptions opt;
            opt.max_evaluations = n.max_evaluations;
            opt.relative_tolerance = n.tolerance;
            s = offtake::search_optimised(document, list, conditions, 0, pref, budget, opt, view, bridge.options);
        } else {
            // The CLI's default: the most points per term with about 50 runs in all.
            const int points = n.points_per_term
                                   ? n.points_per_term
                                   : std::max(2, static_cast<int>(std::floor(
                                                     std::pow(50.0, 1.0 / static_cast<double>(count)) + 1e-9)));
            s = offtake::search_design(document, list, conditions, points, 0, pref, budget, view, bridge.options);
        }
        bool cancelled = false;
        for (const auto& p : s.points) cancelled = cancelled || p.candidate.result.cancelled;
        offtake::capi::check_cancelled(bridge, cancelled);
        const offtake::Deal base = document.to_deal();
        std::optional<offtake::Deal> recommended;
        if (s.recommended)
            recommended = offtake::with_terms(document, list, s.points[*s.recommended].candidate.terms).to_deal();
        *out = offtake::capi::publish(offtake::capi::from_design(s, base, recommended ? &*recommended : nullptr));
    });
}

}  // extern "C"
