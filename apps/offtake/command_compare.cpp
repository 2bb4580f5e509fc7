// offtake compare DEAL...: deals side by side on common random numbers, with each
// deal's difference to the first one and the standard error of that difference.
#include "command.hpp"
#include "deal_label.hpp"
#include "exit_codes.hpp"
#include "number_format.hpp"
#include "output_file.hpp"
#include "report_html.hpp"
#include "report_xlsx.hpp"
#include "simulation_args.hpp"
#include "simulation_tables.hpp"
#include "text_table.hpp"

#include <offtake/deal_file.hpp>
#include <offtake/errors.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/result_json.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <memory>

namespace offtake::cli {

namespace {

struct CompareArgs {
    std::vector<std::string> deals;
    std::optional<std::string> buyer;  // whose view the buyer rows show
    SimulationArgs sim;
    Format format = Format::Table;
    std::optional<std::string> out;
};

std::string diff_cell(UnitKind unit, const Estimate& e) {
    if (e.paths == 0) return kAbsent;
    if (unit == UnitKind::Percent)
        return fmt::format("{} ± {}", thousands(e.value * 100, 2), thousands(e.standard_error * 100, 2));
    if (unit == UnitKind::Money)
        return fmt::format("{} ± {}", millions(e.value, 1), millions(e.standard_error, 1));
    if (unit == UnitKind::MoneyPerTonne || unit == UnitKind::Tonnes)
        return fmt::format("{} ± {}", thousands(e.value, 0), thousands(e.standard_error, 0));
    return fmt::format("{} ± {}", thousands(e.value, 3), thousands(e.standard_error, 3));
}

// The buyer rows follow one buyer by name across the term sheets (its index may differ
// from deal to deal); absent where a deal has no offtake with that buyer.
const BuyerStatistics* find_buyer(const SimulationResult& r, const std::string& name) {
    for (const auto& b : r.buyers)
        if (b.buyer == name) return &b;
    return nullptr;
}

// Index of the buyer in deal k when it sits at the same index in the baseline: the
// paired differences are kept per buyer index.
std::optional<std::size_t> same_index_buyer(const DealComparison& c, std::size_t k, const std::string& name) {
    const auto& base = c.results.front().buyers;
    const auto& other = c.results[k].buyers;
    for (std::size_t i = 0; i < base.size() && i < other.size(); ++i)
        if (base[i].buyer == name && other[i].buyer == name) return i;
    return std::nullopt;
}

std::string render_table(const CompareArgs& args, const DealComparison& c, const std::string& buyer) {
    std::vector<std::string> header{"metric", "unit"};
    for (const auto& d : args.deals) header.push_back(deal_label(d));
    TextTable t(header);
    t.set_align(1, TextTable::Align::Left);
    const std::string& currency = c.results.front().currency;
    auto row = [&](const std::string& name, UnitKind unit, auto get) {
        std::vector<std::string> cells{name, table_unit(unit, currency)};
        for (const auto& r : c.results) cells.push_back(format_value(unit, get(r)));
        t.add_row(cells);
    };
    // `get` gives the run's estimate, or nullptr where the run has none (absent buyer).
    auto prob_row = [&](const std::string& name, auto get) {
        std::vector<std::string> cells{name, "%"};
        for (const auto& r : c.results) {
            const Estimate* e = get(r);
            cells.push_back(e && e->paths ? percent(e->value, 2) : kAbsent);
        }
        t.add_row(cells);
    };
    using R = SimulationResult;
    row("Project NPV, mean", UnitKind::Money, [](const R& r) { return r.npv.mean; });
    row("Project NPV, P10", UnitKind::Money, [](const R& r) { return r.npv.p10; });
    row("Project IRR, P50", UnitKind::Percent, [](const R& r) { return r.irr.p50; });
    row("Sponsor equity NPV, mean", UnitKind::Money, [](const R& r) {
        return r.equity_npv.empty() ? std::optional<double>() : r.equity_npv[0].mean;
    });
    row("Sponsor equity IRR, P50", UnitKind::Percent, [](const R& r) {
        return r.equity_irr.empty() ? std::optional<double>() : r.equity_irr[0].p50;
    });
    row("Min DSCR, P10", UnitKind::Ratio, [](const R& r) { return r.dscr_min.p10; });
    row("Min DSCR, P50", UnitKind::Ratio, [](const R& r) { return r.dscr_min.p50; });
    row("LLCR at COD, P50", UnitKind::Ratio, [](const R& r) { return r.llcr.p50; });
    row("Peak senior debt, mean", UnitKind::Money, [](const R& r) { return r.peak_debt.mean; });
    prob_row("P(min DSCR < 1.00x)", [](const R& r) { return &r.p_dscr_below_1; });
    prob_row("P(payment default)", [](const R& r) { return &r.p_default; });
    prob_row("Expected lender loss, net", [](const R& r) { return &r.expected_loss_net; });
    // The buyer's view: what it pays, how sure its supply is, what it puts at risk.
    auto buyer_row = [&](const std::string& name, UnitKind unit, auto get) {
        row(name, unit, [&](const R& r) {
            const BuyerStatistics* b = find_buyer(r, buyer);
            return b ? get(*b) : std::optional<double>();
        });
    };
    using B = BuyerStatistics;
    buyer_row("Buyer price paid, mean", UnitKind::MoneyPerTonne, [](const B& b) { return b.price_paid.mean; });
    buyer_row("Buyer price paid, P90", UnitKind::MoneyPerTonne, [](const B& b) { return b.price_paid.p90; });
    buyer_row("Buyer premium over spot, mean", UnitKind::MoneyPerTonne, [](const B& b) { return b.price_premium.mean; });
    buyer_row("Buyer tonnes delivered, mean", UnitKind::Tonnes, [](const B& b) { return b.delivered_tonnes.mean; });
    prob_row("Buyer P(delivery shortfall)", [&](const R& r) -> const Estimate* {
        const BuyerStatistics* b = find_buyer(r, buyer);
        return b ? &b->p_shortfall : nullptr;
    });
    buyer_row("Buyer prepayment lost, mean", UnitKind::Money, [](const B& b) { return b.prepayment_lost.mean; });
    buyer_row("Buyer equity IRR, P50", UnitKind::Percent, [](const B& b) { return b.equity_irr.p50; });
    {
        std::vector<std::string> cells{"Bankability score", "/100"};
        for (const auto& r : c.results)
            cells.push_back(r.bankability ? fmt::format("{} {}", thousands(r.bankability->score, 1),
                                                        r.bankability->category)
                                          : kAbsent);
        t.add_row(cells);
    }

    std::string out = simulation_header(c.results.front()) +
                      "All deals read one simulated market: the same price on the same date, each buyer's default by name.\n" +
                      (buyer.empty() ? std::string() : "Buyer rows: " + buyer + " (--buyer to choose another).\n") +
                      "\n" + t.render();

    if (c.results.size() > 1) {
        std::vector<std::string> dh{"difference to " + deal_label(args.deals[0]), "unit"};
        for (std::size_t k = 1; k < args.deals.size(); ++k) dh.push_back(deal_label(args.deals[k]));
        TextTable d(dh);
        d.set_align(1, TextTable::Align::Left);
        auto drow = [&](const std::string& name, const std::string& unit, UnitKind u, auto get) {
            std::vector<std::string> cells{name, unit};
            for (std::size_t k = 1; k < c.differences.size(); ++k)
                cells.push_back(diff_cell(u, get(c.differences[k])));
            d.add_row(cells);
        };
        using D = PairedDifferences;
        drow("Project NPV, mean", table_unit(UnitKind::Money, currency), UnitKind::Money, [](const D& x) -> const Estimate& { return x.npv; });
        drow("Project IRR, mean", "pts", UnitKind::Percent, [](const D& x) -> const Estimate& { return x.irr; });
        drow("Min DSCR, mean", "x", UnitKind::Ratio, [](const D& x) -> const Estimate& { return x.dscr_min; });
        drow("P(payment default)", "pts", UnitKind::Percent, [](const D& x) -> const Estimate& { return x.p_default; });
        drow("Expected lender loss, net", "pts", UnitKind::Percent, [](const D& x) -> const Estimate& { return x.expected_loss_net; });
        auto buyer_drow = [&](const std::string& name, const std::string& unit, UnitKind u,
                              const std::vector<Estimate> D::*series) {
            std::vector<std::string> cells{name, unit};
            for (std::size_t k = 1; k < c.differences.size(); ++k) {
                const auto i = same_index_buyer(c, k, buyer);
                const auto& v = c.differences[k].*series;
                cells.push_back(i && *i < v.size() ? diff_cell(u, v[*i]) : kAbsent);
            }
            d.add_row(cells);
        };
        if (!buyer.empty()) {
            buyer_drow("Buyer price paid, mean", table_unit(UnitKind::MoneyPerTonne, currency), UnitKind::MoneyPerTonne, &D::buyer_price_paid);
            buyer_drow("Buyer tonnes delivered, mean", "t", UnitKind::Tonnes, &D::buyer_delivered_tonnes);
        }
        out += "\nPaired differences (mean ± standard error over the same paths):\n" + d.render();
    }
    return out;
}

std::string render_csv(const CompareArgs& args, const DealComparison& c) {
    std::string out;
    for (std::size_t k = 0; k < c.results.size(); ++k) {
        std::string body = simulation_csv(c.results[k]);
        // Prefix each line with the deal's label; the header once.
        std::size_t pos = 0;
        bool first = true;
        while (pos < body.size()) {
            std::size_t end = body.find('\n', pos);
            std::string line = body.substr(pos, end - pos);
            if (first) {
                if (k == 0) out += "deal," + line + "\n";
            } else {
                out += csv_field(deal_label(args.deals[k])) + "," + line + "\n";
            }
            first = false;
            pos = end + 1;
        }
    }
    return out;
}

// --buyer, or the first deal's first offtake buyer; an unknown name is bad usage.
std::string buyer_name(const CompareArgs& args, const std::vector<Deal>& deals) {
    if (!args.buyer) return deals.front().offtakes.empty() ? std::string() : deals.front().offtakes.front().buyer;
    for (const auto& d : deals)
        for (const auto& o : d.offtakes)
            if (o.buyer == *args.buyer) return *args.buyer;
    throw UsageError("--buyer " + *args.buyer + ": no offtake in these deals has that buyer");
}

int run_compare(const CompareArgs& args) {
    if (args.format == Format::Html || args.format == Format::Xlsx)
        check_report_destination(to_string(args.format), args.out);
    std::vector<Deal> deals;
    for (const auto& path : args.deals) deals.push_back(load_deal_file(path));
    std::vector<std::string> inputs;
    for (const auto& d : deals)
        for (auto& f : input_files(args.sim, d)) inputs.push_back(std::move(f));
    check_output_target(args.out, inputs);
    const std::string buyer = buyer_name(args, deals);
    std::uint64_t paths = planned_paths(args.sim, deals.front());
    ProgressBar bar(static_cast<long>(paths * deals.size()), "paths");
    // compare() reports progress per deal; scale it to the whole job. All deals share
    // the first one's price model: common random numbers need one model.
    MonteCarloOptions options = to_options(args.sim, deals.front(), nullptr);
    track_successive_runs(options, bar);
    DealComparison c = compare(deals, options);
    bar.finish();
    for (const auto& r : c.results) check_not_cancelled(r);
    std::string body;
    if (args.format == Format::Json || args.format == Format::Html || args.format == Format::Xlsx) {
        std::vector<const Deal*> pointers;
        for (const auto& d : deals) pointers.push_back(&d);
        body = to_json(c, pointers) + "\n";
        if (args.format == Format::Html) body = html_report("compare", nlohmann::json::parse(body), deals.front());
        if (args.format == Format::Xlsx) body = xlsx_compare_workbook(nlohmann::json::parse(body));
    } else {
        body = args.format == Format::Csv ? render_csv(args, c) : render_table(args, c, buyer);
    }
    emit(args.out, body);
    return kSuccess;
}

}  // namespace

void add_compare_command(CLI::App& app, CommandAction& action) {
    auto args = std::make_shared<CompareArgs>();
    CLI::App* cmd = app.add_subcommand(
        "compare", "Compare deals (term sheets) side by side on common random numbers");
    cmd->add_option("deal", args->deals, "Two or more deal files; the first is the baseline")
        ->required()
        ->expected(static_cast<int>(kMinCompareDeals), static_cast<int>(kMaxCompareDeals));  // run_limits.hpp
    add_simulation_options(*cmd, args->sim, "Simulated price paths (default: the first deal's simulation.paths)");
    cmd->add_option("--buyer", args->buyer,
                    "Buyer whose view the table shows (price paid, supply, prepayment, stake); "
                    "default: the first deal's first offtake buyer");
    add_format_option(*cmd, args->format, {Format::Table, Format::Json, Format::Csv, Format::Html, Format::Xlsx});
    cmd->add_option("--out", args->out, "Write the result to this file (atomically)");
    cmd->footer(examples_footer({"offtake compare examples/procurement/fixed.yaml "
                                 "examples/procurement/collar-prepay.yaml "
                                 "examples/procurement/index-equity-eca.yaml --paths 2000",
                                 "offtake compare examples/procurement/fixed.yaml "
                                 "examples/procurement/collar-prepay.yaml --paths 2000 --format html --out compare.html"}));
    cmd->callback([args, &action] { action = [args] { return run_compare(*args); }; });
}

}  // namespace offtake::cli
