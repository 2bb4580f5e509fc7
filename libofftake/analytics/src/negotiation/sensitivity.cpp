// How the structure found depends on the price model: the same structure (and, for one
// term, the threshold) under the other measures of the same model file, on the same
// seed and paths (docs/negotiation.md section 9).
#include "montecarlo/path_context.hpp"

#include <offtake/negotiation.hpp>
#include <offtake/reportable.hpp>

#include <nlohmann/json.hpp>

namespace offtake {

std::vector<MeasureSensitivity> measure_sensitivity(const DealDocument& deal, const std::vector<NegotiationTerm>& terms,
                                                    const std::vector<double>& values,
                                                    const std::vector<TargetCondition>& target_in,
                                                    const NegotiationOptions& negotiation,
                                                    const MonteCarloOptions& options, bool search_threshold) {
    const Deal base = deal.to_deal();
    const Measure ran = run_measure(base, options.measure);
    std::vector<MeasureSensitivity> out;
    for (const Measure m : {Measure::RealWorld, Measure::LendersCase}) {
        if (m == ran) continue;
        MonteCarloOptions o = options;
        o.measure = m;
        const MonteCarloOptions pinned = negotiation_run_options(base, o);
        const auto target = bind_targets(target_in, base, pinned);
        const Scorecard card = montecarlo::scorecard_for(pinned);
        MeasureSensitivity row;
        row.measure = to_string(m);
        row.structure = evaluate_candidate(deal, terms, values, target, negotiation, pinned, card);
        if (search_threshold && terms.size() == 1) {
            try {
                const ThresholdSearch s = find_threshold(deal, terms.front(), target_in, negotiation, o);
                row.threshold = s.threshold;
                row.threshold_std_error = s.threshold_std_error;
            } catch (const NegotiationUnreachable& e) {
                row.unreachable = e.what();
            }
        }
        out.push_back(std::move(row));
    }
    return out;
}

std::string sensitivity_json(const std::vector<MeasureSensitivity>& rows, const std::vector<TargetCondition>& target) {
    using nlohmann::ordered_json;
    auto num = [](const std::optional<double>& v) {
        const auto x = reportable(v);
        return x ? ordered_json(*x) : ordered_json(nullptr);
    };
    ordered_json out = ordered_json::array();
    for (const auto& r : rows) {
        ordered_json conditions = ordered_json::array();
        for (std::size_t i = 0; i < target.size() && i < r.structure.conditions.size(); ++i)
            conditions.push_back({{"condition", target[i].text},
                                  {"value", num(r.structure.conditions[i].value)},
                                  {"std_error", num(r.structure.conditions[i].std_error)},
                                  {"met", r.structure.conditions[i].met}});
        const auto& res = r.structure.result;
        ordered_json terms = ordered_json::array();
        for (double t : r.structure.terms) terms.push_back(num(t));
        out.push_back({{"measure", r.measure},
                       {"terms", terms},
                       {"meets", r.structure.meets},
                       {"conditions", conditions},
                       {"p_default", num(res.p_default.value)},
                       {"score", res.bankability ? num(res.bankability->score) : ordered_json(nullptr)},
                       {"category", res.bankability ? ordered_json(res.bankability->category) : ordered_json(nullptr)},
                       {"threshold", num(r.threshold)},
                       {"threshold_std_error", num(r.threshold_std_error)},
                       {"unreachable", r.unreachable.empty() ? ordered_json(nullptr) : ordered_json(r.unreachable)}});
    }
    return out.dump();
}

}  // namespace offtake
