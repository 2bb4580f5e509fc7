// The negotiation document (docs/negotiation.md section 5): the request, the search's
// answer with its Monte Carlo error, every evaluation's conditions and the full run at
// the answer, each number through the one gate of every writer (reportable()).
#include <offtake/negotiation.hpp>
#include <offtake/reportable.hpp>
#include <offtake/result_json.hpp>
#include <offtake/version.h>

#include <nlohmann/json.hpp>

namespace offtake {
namespace {

using nlohmann::ordered_json;

ordered_json number(const std::optional<double>& v) {
    const auto x = reportable(v);
    return x ? ordered_json(*x) : ordered_json(nullptr);
}

ordered_json conditions_json(const std::vector<TargetCondition>& target, const NegotiationCandidate& c) {
    ordered_json out = ordered_json::array();
    for (std::size_t i = 0; i < target.size() && i < c.conditions.size(); ++i) {
        const auto& v = c.conditions[i];
        out.push_back({{"condition", target[i].text},
                       {"value", number(v.value)},
                       {"std_error", number(v.std_error)},
                       {"met", v.met}});
    }
    return out;
}

ordered_json candidate_json(const std::vector<TargetCondition>& target, const NegotiationCandidate& c) {
    ordered_json terms = ordered_json::array();
    for (double t : c.terms) terms.push_back(number(t));
    return {{"terms", terms},
            {"gearing", number(c.gearing)},
            {"meets", c.meets},
            {"conditions", conditions_json(target, c)}};
}

}  // namespace

std::string to_json(const ThresholdSearch& s, const Deal* deal, int indent) {
    ordered_json doc;
    doc["kind"] = "negotiation";
    doc["search"] = "threshold";
    doc["library_version"] = OFFTAKE_VERSION_STRING;
    if (deal) doc["deal"] = {{"name", deal->project.name}, {"source", deal->source}};
    doc["terms"] = ordered_json::array({{{"path", s.term.path}, {"low", s.term.low}, {"high", s.term.high}}});
    ordered_json target = ordered_json::array();
    for (const auto& t : s.target) {
        ordered_json c = {{"condition", t.text}, {"bound", t.value}, {"at_least", t.at_least}};
        if (t.kind == TargetCondition::Kind::Category) c["category"] = t.category;
        target.push_back(c);
    }
    doc["target"] = target;
    doc["debt_view"] = debt_view_key(s.debt);
    doc["debt_view_label"] = to_string(s.debt);
    doc["direction"] = s.direction;
    doc["threshold"] = number(s.threshold);
    doc["threshold_std_error"] = number(s.threshold_std_error);
    doc["bracket"] = {number(s.bracket_low), number(s.bracket_high)};
    doc["binding"] = s.binding.empty() ? ordered_json(nullptr) : ordered_json(s.binding);
    doc["slope"] = number(s.slope);
    doc["slope_half_width"] = number(s.slope_step);
    doc["runs"] = s.runs;
    ordered_json evaluations = ordered_json::array();
    for (const auto& e : s.evaluations) evaluations.push_back(candidate_json(s.target, e));
    doc["evaluations"] = evaluations;
    ordered_json at = candidate_json(s.target, s.at_threshold);
    at["result"] = ordered_json::parse(to_json(s.at_threshold.result, deal, -1));
    doc["at_threshold"] = at;
    return indent < 0 ? doc.dump() : doc.dump(indent);
}

namespace {
ordered_json estimate(const Estimate& e) { return {{"mean", number(e.value)}, {"std_error", number(e.standard_error)}}; }
}  // namespace

std::string to_json(const DesignSearch& s, const Deal* deal, int indent) {
    ordered_json doc;
    doc["kind"] = "negotiation";
    doc["search"] = s.method == SearchMethod::Optimiser ? "optimiser" : "design";
    doc["library_version"] = OFFTAKE_VERSION_STRING;
    if (deal) doc["deal"] = {{"name", deal->project.name}, {"source", deal->source}};
    ordered_json terms = ordered_json::array();
    for (const auto& t : s.terms) terms.push_back({{"path", t.path}, {"low", t.low}, {"high", t.high}});
    doc["terms"] = terms;
    ordered_json target = ordered_json::array();
    for (const auto& t : s.target) target.push_back({{"condition", t.text}, {"bound", t.value}, {"at_least", t.at_least}});
    doc["target"] = target;
    doc["debt_view"] = debt_view_key(s.debt);
    doc["debt_view_label"] = to_string(s.debt);
    if (s.optimiser) {
        const OptimiserReport& o = *s.optimiser;
        ordered_json start = ordered_json::array();
        for (double v : o.start) start.push_back(number(v));
        doc["optimiser"] = {{"library", o.library},
                            {"algorithm", o.algorithm},
                            {"objective", o.objective},
                            {"start", start},
                            {"initial_step", o.settings.initial_step},
                            {"tolerance", o.settings.relative_tolerance},
                            {"max_evaluations", o.settings.max_evaluations},
                            {"evaluations", o.evaluations},
                            {"stop", o.stop},
                            {"stop_words", o.stop_words}};
    } else {
        doc["points_per_term"] = s.points_per_term;
    }
    doc["preference"] = s.preference == BuyerPreference::Cheapest ? "cheapest" : "most_secure";
    doc["budget"] = number(s.budget);
    doc["recommended"] = s.recommended ? ordered_json(*s.recommended) : ordered_json(nullptr);
    ordered_json points = ordered_json::array();
    for (const auto& p : s.points) {
        const SimulationResult& r = p.candidate.result;
        ordered_json j = candidate_json(s.target, p.candidate);
        j["on_frontier"] = p.on_frontier;
        j["buyer"] = {{"name", p.buyer.buyer},
                      {"cost_against_spot", estimate(p.buyer.cost_against_spot)},
                      {"capital_at_risk", number(p.buyer.capital_at_risk)},
                      {"prepayment", number(p.buyer.prepayment)},
                      {"equity_share", number(p.buyer.equity_share)},
                      {"equity_contributed", p.buyer.equity_share ? estimate(p.buyer.equity_contributed) : ordered_json(nullptr)},
                      {"equity_expected_loss", p.buyer.equity_share ? estimate(p.buyer.equity_expected_loss) : ordered_json(nullptr)},
                      {"expected_loss", estimate(p.buyer.expected_loss)},
                      {"p_shortfall", estimate(p.buyer.p_shortfall)}};
        j["project"] = {{"p_default", estimate(r.p_default)},
                        {"expected_loss", estimate(r.expected_loss)},
                        {"p10_dscr_min", number(r.dscr_min.p10)},
                        {"score", r.bankability ? number(r.bankability->score) : ordered_json(nullptr)},
                        {"category", r.bankability ? ordered_json(r.bankability->category) : ordered_json(nullptr)},
                        {"peak_debt", number(r.peak_debt.mean)}};
        points.push_back(j);
    }
    doc["points"] = points;
    if (s.recommended) doc["recommended_result"] = ordered_json::parse(to_json(s.points[*s.recommended].candidate.result, deal, -1));
    return indent < 0 ? doc.dump() : doc.dump(indent);
}

}  // namespace offtake
