// run_what_if(): one run of every signed position and every candidate on the same paths,
// summed into one view per change (portfolio/portfolio_views.hpp), so that every change
// is measured against the signed portfolio path by path (docs/portfolio.md, "What-if").
#include <offtake/portfolio_what_if.hpp>

#include <offtake/deterministic.hpp>
#include <offtake/errors.hpp>

#include "portfolio/portfolio_views.hpp"

#include <algorithm>
#include <cmath>

namespace offtake {

namespace {

using portfolio::StressPlan;
using portfolio::ViewSpec;

// The money a position commits: its prepayment if the buyer's, the buyer's equity
// contributions in the base case (undiscounted), and the expected contract payments in
// the need years (ASSUMPTION: undiscounted sums, as a procurement budget adds them).
double committed_by(const PortfolioPosition& p, double contract_payments) {
    double money = contract_payments;
    if (!p.prepayments.empty() && p.deal.prepayment) money += p.deal.prepayment->amount;
    if (!p.equity.empty()) {
        const DealReport report = run_deterministic(p.deal);
        for (std::size_t j = 0; j < report.deal.equity.size(); ++j) {
            if (std::find(p.equity.begin(), p.equity.end(), report.deal.equity[j].name) == p.equity.end()) continue;
            for (const auto& row : report.periods)
                if (j < row.contribution_by_investor.size()) money += row.contribution_by_investor[j];
        }
    }
    return money;
}

StressPlan stress_plan(const PortfolioStress& s, const std::vector<PortfolioPosition>& projects) {
    StressPlan plan;
    plan.deals.assign(projects.size(), montecarlo::DealStress{});
    plan.active.assign(projects.size(), false);
    for (std::size_t k = 0; k < projects.size(); ++k) {
        if (s.export_ban && projects[k].mining_country == s.export_ban->country) {
            auto& d = plan.deals[k];
            d.ban = true;
            d.ban_from = QuantLib::Date(1, QuantLib::January, s.export_ban->from_year);
            // A year of the ban is 365 days (as the country events count a duration).
            d.ban_to = d.ban_from + static_cast<QuantLib::Date::serial_type>(std::lround(365.0 * s.export_ban->years));
            d.ban_share = s.export_ban->share;
            plan.active[k] = true;
        }
        if (!s.fails_to_complete.empty() && projects[k].deal_file == s.fails_to_complete) {
            plan.deals[k].fail_to_complete = true;
            plan.active[k] = true;
        }
    }
    return plan;
}

}  // namespace

const char* to_string(WhatIfKind kind) {
    switch (kind) {
        case WhatIfKind::Remove: return "remove";
        case WhatIfKind::Add: return "add";
        case WhatIfKind::Stress: return "stress";
    }
    return "remove";
}

WhatIfResult run_what_if(const Portfolio& pf, const MonteCarloOptions& options_in) {
    if (pf.positions.empty()) throw UsageError("a portfolio needs at least one position");
    const MonteCarloOptions options = portfolio_options(pf, options_in);
    std::vector<PortfolioPosition> projects = pf.positions;
    projects.insert(projects.end(), pf.candidates.begin(), pf.candidates.end());
    const std::size_t n = pf.positions.size(), m = pf.candidates.size();

    std::vector<std::size_t> signed_members(n);
    for (std::size_t k = 0; k < n; ++k) signed_members[k] = k;
    std::vector<ViewSpec> views{{signed_members, -1}};
    for (std::size_t j = 0; j < n; ++j) {
        std::vector<std::size_t> without;
        for (std::size_t k : signed_members)
            if (k != j) without.push_back(k);
        views.push_back({without, -1});
    }
    for (std::size_t c = 0; c < m; ++c) {
        std::vector<std::size_t> with = signed_members;
        with.push_back(n + c);
        views.push_back({with, -1});
    }
    std::vector<StressPlan> stresses;
    for (std::size_t s = 0; s < pf.stresses.size(); ++s) {
        stresses.push_back(stress_plan(pf.stresses[s], projects));
        views.push_back({signed_members, static_cast<int>(s)});
    }

    const portfolio::ViewsRun run = portfolio::run_views(pf, projects, views, stresses, options);

    WhatIfResult out;
    out.base = portfolio_result(pf, run, 0, signed_members);
    out.headline = run.views[0].headline;
    std::vector<double> committed;
    for (std::size_t k = 0; k < projects.size(); ++k)
        committed.push_back(committed_by(projects[k], run.contract_payments[k]));
    out.committed.assign(committed.begin(), committed.begin() + static_cast<std::ptrdiff_t>(n));
    out.candidate_positions = pf.candidates;
    for (std::size_t c = 0; c < m; ++c) out.candidates.push_back(run.projects[n + c]);
    std::size_t v = 1;
    auto change = [&](WhatIfKind kind, std::string label, std::size_t index, double money) {
        WhatIfChange ch;
        ch.kind = kind;
        ch.label = std::move(label);
        ch.index = index;
        ch.committed = money;
        ch.after = run.views[v].headline;
        ch.difference = run.views[v].difference;
        ch.products = run.views[v].products;
        ch.capital = run.views[v].capital;
        out.changes.push_back(std::move(ch));
        ++v;
    };
    for (std::size_t j = 0; j < n; ++j) change(WhatIfKind::Remove, pf.positions[j].deal_file, j, -committed[j]);
    for (std::size_t c = 0; c < m; ++c) change(WhatIfKind::Add, pf.candidates[c].deal_file, c, committed[n + c]);
    for (std::size_t s = 0; s < pf.stresses.size(); ++s) change(WhatIfKind::Stress, pf.stresses[s].name, s, 0.0);
    return out;
}

std::optional<double> per_million_committed(const WhatIfChange& change, const std::string& measure) {
    if (!(std::fabs(change.committed) > 0.0)) return std::nullopt;
    const PortfolioHeadline& d = change.difference;
    const Estimate* e = measure == "p_shortfall"    ? &d.p_shortfall
                        : measure == "unmet_tonnes" ? &d.unmet_tonnes
                        : measure == "total_cost"   ? &d.total_cost
                        : measure == "capital_loss" ? &d.capital_loss
                                                    : nullptr;
    if (!e || e->paths == 0) return std::nullopt;
    return e->value / (std::fabs(change.committed) / 1e6);
}

}  // namespace offtake
