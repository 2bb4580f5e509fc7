// offtake negotiate DEAL --vary PATH=LO..HI --target "p10_dscr_min>=1.30,category>=Good":
// the least the buyer must commit on the named term for the lenders' target to hold,
// with the Monte Carlo error of that threshold (docs/negotiation.md).
#include "command.hpp"
#include "exit_codes.hpp"
#include "negotiation_view.hpp"
#include "output_file.hpp"
#include "report_html.hpp"
#include "simulation_args.hpp"

#include <offtake/deal_file.hpp>
#include <offtake/negotiation.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace offtake::cli {

namespace {

struct NegotiateArgs {
    std::string deal;
    std::vector<std::string> vary;
    std::string target;
    std::string debt = "fixed";
    double tolerance = 1.0e-3;
    SimulationArgs sim;
    Format format = Format::Table;
    std::optional<std::string> out;
    std::optional<std::string> write_deal;
    std::optional<int> points;
    std::string prefer = "cheapest";
    std::optional<double> budget;
    bool sensitivity = false;
    std::string search = "grid";
    int max_evaluations = 60;
};

// The sensitivity rows, appended to the document (JSON) or the table.
std::string with_sensitivity(const std::string& body, Format format, const std::vector<MeasureSensitivity>& rows,
                             const std::vector<TargetCondition>& target) {
    if (rows.empty()) return body;
    if (format == Format::Json) {
        nlohmann::ordered_json doc = nlohmann::ordered_json::parse(body);
        doc["sensitivity"] = nlohmann::ordered_json::parse(sensitivity_json(rows, target));
        return doc.dump(2) + "\n";
    }
    if (format == Format::Table) return body + sensitivity_table(rows, target);
    return body;
}

int run_negotiate(const NegotiateArgs& args) {
    // Every request is checked before the first run: syntax, then the deal.
    std::vector<NegotiationTerm> terms;
    for (const auto& v : args.vary) terms.push_back(parse_negotiation_term(v));
    const std::vector<TargetCondition> target = parse_target(args.target);
    const DealDocument doc = DealDocument::from_file(args.deal);
    const Deal deal = doc.to_deal();
    std::vector<std::string> inputs = input_files(args.sim, deal);
    check_output_target(args.out, inputs);
    check_output_target(args.write_deal, inputs);
    if (args.out && args.write_deal &&
        std::filesystem::weakly_canonical(*args.out) == std::filesystem::weakly_canonical(*args.write_deal))
        throw UsageError("--out and --write-deal name the same file");
    check_terms(doc, terms);
    if (args.format == Format::Html) check_report_destination(to_string(args.format), args.out);
    NegotiationOptions negotiation;
    negotiation.debt = args.debt == "resized" ? DebtView::Resized : DebtView::Fixed;
    negotiation.relative_tolerance = args.tolerance;
    if (negotiation.debt == DebtView::Resized && !deal.debt)
        throw DealError(Problem{args.deal, 0, 0, "debt", "--debt resized re-sizes senior debt: the deal has no `debt` section"});

    ProgressBar bar(static_cast<long>(planned_paths(args.sim, deal)), "paths");
    MonteCarloOptions options = to_options(args.sim, deal, &bar);
    track_successive_runs(options, bar);
    if (args.search == "nlopt" && args.points)
        throw UsageError("--points sets the grid; --search nlopt takes --max-evaluations and --tolerance instead");
    if (terms.size() > 1 || args.search == "nlopt") {
        // Several terms: a grid over the ranges, about 50 runs unless --points says; or
        // NLopt's COBYLA within --max-evaluations runs.
        const BuyerPreference pref = args.prefer == "secure" ? BuyerPreference::MostSecure : BuyerPreference::Cheapest;
        DesignSearch d;
        if (args.search == "nlopt") {
            OptimiserOptions opt;
            opt.max_evaluations = args.max_evaluations;
            opt.relative_tolerance = args.tolerance;
            d = search_optimised(doc, terms, target, 0, pref, args.budget, opt, negotiation, options);
        } else {
            const int points = args.points.value_or(std::max(
                2, static_cast<int>(std::floor(std::pow(50.0, 1.0 / static_cast<double>(terms.size())) + 1e-9))));
            d = search_design(doc, terms, target, points, 0, pref, args.budget, negotiation, options);
        }
        bar.finish();
        const std::vector<MeasureSensitivity> rows =
            args.sensitivity && d.recommended
                ? measure_sensitivity(doc, terms, d.points[*d.recommended].candidate.terms, target, negotiation, options,
                                      false)
                : std::vector<MeasureSensitivity>{};
        std::string body = args.format == Format::Json || args.format == Format::Html ? to_json(d, &deal) + "\n"
                           : args.format == Format::Csv                               ? design_csv(d, rows)
                                                                                      : design_table(d);
        body = with_sensitivity(body, args.format == Format::Html ? Format::Json : args.format, rows, d.target);
        if (args.format == Format::Html) body = html_report("negotiate", nlohmann::json::parse(body), deal);
        if (args.write_deal) {
            if (!d.recommended) {
                std::fprintf(stderr, "offtake: no structure %s meets the target%s: no deal file written\n",
                             d.optimiser ? "tried" : "of the design", args.budget ? " within the budget" : "");
                return kTargetNotReached;
            }
            DealDocument found = with_terms(doc, terms, d.points[*d.recommended].candidate.terms);
            emit(args.write_deal, deal_file_text(found, deal, *args.write_deal, price_model_file(args.sim, deal),
                                                 d.points[*d.recommended].candidate.result));
        }
        emit(args.out, body);
        return kSuccess;
    }
    ThresholdSearch s;
    try {
        s = find_threshold(doc, terms.front(), target, negotiation, options);
    } catch (const NegotiationUnreachable& e) {
        bar.finish();
        std::fprintf(stderr, "offtake: %s\n", e.what());
        return kTargetNotReached;
    }
    bar.finish();
    check_not_cancelled(s.at_threshold.result);

    const std::vector<MeasureSensitivity> rows =
        args.sensitivity ? measure_sensitivity(doc, terms, {s.threshold}, target, negotiation, options, true)
                         : std::vector<MeasureSensitivity>{};
    std::string body;
    if (args.format == Format::Json || args.format == Format::Html) {
        body = to_json(s, &deal) + "\n";
    } else if (args.format == Format::Csv) {
        body = threshold_csv(s, rows);
    } else {
        body = threshold_table(s, deal);
    }
    body = with_sensitivity(body, args.format == Format::Html ? Format::Json : args.format, rows, s.target);
    if (args.format == Format::Html) body = html_report("negotiate", nlohmann::json::parse(body), deal);
    if (args.write_deal) {
        // The structure found, as a deal file that runs on its own: its price model path
        // rewritten relative to the new file's folder.
        DealDocument found = with_terms(doc, terms, {s.threshold});
        emit(args.write_deal, deal_file_text(found, deal, *args.write_deal, price_model_file(args.sim, deal), s.at_threshold.result));
    }
    emit(args.out, body);
    return kSuccess;
}

}  // namespace

void add_negotiate_command(CLI::App& app, CommandAction& action) {
    auto args = std::make_shared<NegotiateArgs>();
    CLI::App* cmd = app.add_subcommand(
        "negotiate", "The least the buyer must commit on a term for the lenders' target to hold");
    cmd->add_option("deal", args->deal, "Deal file")->required();
    cmd->add_option("--vary", args->vary, "A term to search: PATH=LO..HI (a numeric parameter path of the deal file)")
        ->required();
    cmd->add_option("--target", args->target,
                    "The lenders' target: conditions joined by commas, e.g. \"p10_dscr_min>=1.30,category>=Good\"")
        ->required();
    cmd->add_option("--debt", args->debt,
                    "Senior debt at each candidate: fixed (lender's view, default) or resized (sponsor's view)")
        ->check(CLI::IsMember({"fixed", "resized"}));
    cmd->add_option("--tolerance", args->tolerance,
                    "Bisection stops when the bracket is below this share of the range; --search nlopt when its step "
                    "is (default 0.001)")
        ->check(CLI::Range(1.0e-6, 0.1));
    add_simulation_options(*cmd, args->sim, "Simulated price paths per candidate (default: the deal file's)");
    add_format_option(*cmd, args->format, {Format::Table, Format::Json, Format::Csv, Format::Html});
    cmd->add_option("--out", args->out, "Write the result to this file (atomically)");
    cmd->add_option("--write-deal", args->write_deal,
                    "Write the deal found (the threshold, or the recommended design point) to this file (atomically)");
    cmd->add_option("--points", args->points, "Several terms: grid points per term (default: about 50 runs in all)")
        ->check(CLI::Range(2, 50));
    cmd->add_option("--prefer", args->prefer,
                    "Several terms: the recommended point is the cheapest for the buyer, or the most secure supply "
                    "(least P(shortfall)) within --budget")
        ->check(CLI::IsMember({"cheapest", "secure"}));
    cmd->add_flag("--sensitivity", args->sensitivity,
                  "Also run the structure found (and, for one term, the search) under the other measures "
                  "(real_world, lenders_case) of the price model; table, JSON and CSV (a leading measure column)");
    cmd->add_option("--search", args->search,
                    "Several terms: grid (default; --points per term) or nlopt (NLopt's COBYLA minimises the "
                    "buyer's cost, or its P(shortfall) within --budget, subject to the target)")
        ->check(CLI::IsMember({"grid", "nlopt"}));
    cmd->add_option("--max-evaluations", args->max_evaluations,
                    "--search nlopt: the evaluation budget, full runs at most (default 60); it also stops when its "
                    "step is below --tolerance of each range")
        ->check(CLI::Range(2, 2500));
    cmd->add_option("--budget", args->budget, "With --prefer secure: the most cost against spot accepted (money)");
    cmd->footer(examples_footer({"offtake negotiate examples/procurement/collar-prepay.yaml "
                                 "--vary offtakes[0].pricing.floor=6000..8000 --target \"category>=Good\" --paths 2000"}));
    cmd->callback([args, &action] { action = [args] { return run_negotiate(*args); }; });
}

}  // namespace offtake::cli
