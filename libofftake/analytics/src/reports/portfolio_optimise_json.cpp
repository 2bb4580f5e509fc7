// The optimiser's JSON document (docs/json-output.md, "Portfolio optimiser"): the problem
// (constraint, sample, solver, size), the chosen volumes with what they buy, the
// measures predicted on the sample by linear scaling, the exact re-runs on the sample and
// on independent paths, and the scaling check.
#include <offtake/portfolio_optimise.hpp>
#include <offtake/result_json.hpp>

#include "reports/json_values.hpp"
#include "reports/portfolio_json_parts.hpp"

namespace offtake {

namespace {

using nlohmann::json;

json measures_json(const OptimiseMeasures& m, const std::vector<std::string>& cells, const std::vector<double>& need) {
    json years = json::array();
    for (std::size_t i = 0; i < cells.size() && i < m.p_shortfall.size(); ++i)
        years.push_back(json{{"cell", cells[i]},
                             {"need_tonnes", io::json_number(need[i])},
                             {"p_shortfall", io::json_number(m.p_shortfall[i])},
                             {"cvar95_unmet_tonnes", io::json_number(m.cvar95_unmet[i])},
                             {"unmet_tonnes", io::json_number(m.unmet[i])},
                             {"total_cost", io::json_number(m.cost[i])}});
    return json{{"p_shortfall_average", io::json_number(m.p_shortfall_average)},
                {"cvar95_unmet_tonnes_total", io::json_number(m.cvar95_unmet_total)},
                {"unmet_tonnes", io::json_number(m.unmet_total)},
                {"total_cost", io::json_number(m.cost_total)},
                {"cost_on_every_path", m.cost_present},
                {"years", std::move(years)}};
}

json run_json(const OptimiseRun& r, const OptimiseResult& o) {
    return json{{"paths", r.paths},
                {"seed", r.seed},
                {"as_signed", measures_json(r.as_signed, o.cells, o.need)},
                {"optimised", measures_json(r.optimised, o.cells, o.need)},
                {"difference",
                 json{{"p_shortfall", io::estimate_json(r.difference.p_shortfall)},
                      {"unmet_tonnes", io::estimate_json(r.difference.unmet_tonnes)},
                      {"total_cost", io::estimate_json(r.difference.total_cost)},
                      {"capital_loss", io::estimate_json(r.difference.capital_loss)}}}};
}

}  // namespace

std::string to_json(const OptimiseResult& r, int indent) {
    json out = json::object();
    out["kind"] = "portfolio_optimise";
    out["buyer"] = r.buyer;
    out["source"] = r.source;
    out["currency"] = r.currency;
    out["problem"] = json{{"objective", "minimise expected total cost of supply"},
                          {"constraint", to_string(r.spec.measure)},
                          {"max", io::json_number(r.spec.max)},
                          {"over", to_string(r.spec.over)},
                          {"shortfall_threshold", io::json_number(r.threshold)},
                          {"volume_step", io::json_number(r.spec.volume_step)},
                          {"sample_paths", r.sample_paths},
                          {"seed", r.seed},
                          {"type", r.mip ? "MIP" : "LP"},
                          {"columns", r.columns},
                          {"rows", r.rows},
                          {"binaries", r.binaries},
                          {"integers", r.integers},
                          {"solver", r.solver},
                          {"status", r.status},
                          {"solver_seconds", io::json_number(r.solver_seconds)},
                          {"objective_value", io::json_number(r.objective)}};
    json choices = json::array();
    for (const auto& c : r.choices)
        choices.push_back(json{{"deal_file", c.deal_file},
                               {"buyer", c.buyer},
                               {"min_tpa", io::json_number(c.min_tpa)},
                               {"max_tpa", io::json_number(c.max_tpa)},
                               {"offered_tpa", io::json_number(c.offered_tpa)},
                               {"chosen_tpa", io::json_number(c.chosen_tpa)},
                               {"delivered_tonnes", io::json_number(c.delivered_tonnes)},
                               {"payments", io::json_number(c.payments)}});
    out["choices"] = std::move(choices);
    out["predicted"] = measures_json(r.predicted, r.cells, r.need);
    out["linear_scaling"] = json{{"candidate_cells_short_at_max", r.cells_short_at_max},
                                 {"candidate_cells_contracted", r.cells_contracted},
                                 {"max_deviation_tonnes", io::json_number(r.scaling_max_deviation_tonnes)}};
    out["in_sample"] = run_json(r.in_sample, r);
    if (r.out_of_sample) out["out_of_sample"] = run_json(*r.out_of_sample, r);
    out["products"] = io::products_json(r.in_sample.products, r.report);
    out["seconds"] = io::json_number(r.seconds);
    return io::json_text(out, indent);
}

}  // namespace offtake
