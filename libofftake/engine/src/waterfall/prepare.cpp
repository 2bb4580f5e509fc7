// prepare(): a Deal compiled into a PreparedDeal (grid, discount factors, escalated
// costs, contracts on the grid, debt sized and scheduled on the base case).
#include "instruments/debt_schedule.hpp"
#include "instruments/guarantee.hpp"
#include "instruments/sculpting.hpp"
#include "instruments/sll_margin.hpp"
#include "market/discount_curve.hpp"
#include "market/price_deck.hpp"
#include "time/period_grid.hpp"
#include "waterfall/prepare_remedies.hpp"
#include "waterfall/prepared_deal.hpp"
#include "waterfall/waterfall.hpp"

#include <offtake/engine.hpp>
#include <offtake/errors.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace offtake {

namespace {

[[noreturn]] void fail(const Deal& d, const std::string& field, const std::string& rule) {
    throw DealError(Problem{d.source, 0, 0, field, rule});
}

double yearly(const YearlyValues& v, int year) {
    if (v.empty() || year < 0) return 0.0;
    return v[std::min<std::size_t>(static_cast<std::size_t>(year), v.size() - 1)];
}

// First period whose end date is on or after `date` (0 when on or before the start).
int period_on_or_after(const TimeGrid& g, const QuantLib::Date& date) {
    for (int t = 0; t <= g.periods(); ++t)
        if (g.dates[t] >= date) return t;
    return g.periods() + 1;
}

void prepare_costs(PreparedDeal& p) {
    const Project& pr = p.deal.project;
    const int n = p.n, C = p.cod;
    auto sized = [n](std::vector<double>& v) { v.assign(n + 1, 0.0); };
    sized(p.production); sized(p.fixed_opex); sized(p.unit_opex); sized(p.sustaining_capex);
    sized(p.construction_capex); sized(p.closure); sized(p.depreciation);
    p.operating_year.assign(n + 1, -1);
    std::vector<double> esc(n + 1);
    for (int t = 0; t <= n; ++t) esc[t] = std::pow(1.0 + pr.inflation, p.grid.years[t]);
    if (static_cast<int>(pr.construction_capex.size()) != std::max(C, 1) &&
        !(C == 0 && pr.construction_capex.empty()))
        fail(p.deal, "project.construction_capex",
             "needs one amount per construction period (" + std::to_string(C) + ")");
    for (int t = 0; t <= C; ++t) {
        if (C == 0) p.construction_capex[0] = pr.construction_capex.empty() ? 0.0 : pr.construction_capex[0];
        else if (t >= 1) p.construction_capex[t] = pr.construction_capex[t - 1] * esc[t];
    }
    for (int t = C + 1; t <= n; ++t) {
        const int y = (t - C - 1) / p.per_year;
        p.operating_year[t] = y;
        p.production[t] = yearly(pr.production_tpa, y) / p.per_year;
        p.fixed_opex[t] = yearly(pr.fixed_opex, y) / p.per_year * esc[t];
        p.unit_opex[t] = pr.unit_opex * esc[t];
        p.sustaining_capex[t] = yearly(pr.sustaining_capex, y) / p.per_year * esc[t];
    }
    p.closure[n] = pr.closure_cost * esc[n];
    // Depreciation, straight line: construction capex from COD, sustaining capex from the
    // period spent; what is left at the end of the mine life is written off then.
    const int life = std::max(1, static_cast<int>(std::lround(pr.depreciation_years * p.per_year)));
    auto depreciate = [&](double amount, int from) {
        if (amount == 0.0) return;
        const double each = amount / life;
        for (int k = 0; k < life; ++k) {
            const int t = from + k;
            if (t >= n) { p.depreciation[n] += amount - each * k; break; }
            p.depreciation[t] += each;
        }
    };
    const double total_capex = std::accumulate(p.construction_capex.begin(), p.construction_capex.end(), 0.0);
    depreciate(total_capex, C + 1);
    p.construction_depreciation = p.depreciation;  // before the sustaining capex is added
    for (int t = C + 1; t <= n; ++t) depreciate(p.sustaining_capex[t], t);
    p.royalty_rate = pr.royalty_rate;
    p.tax_rate = pr.tax_rate;
    p.working_capital_factor = pr.working_capital_days / 365.0 * p.per_year;
    if (p.deal.export_restrictions) p.export_response = p.deal.export_restrictions->response;
    if (p.deal.completion_risk) {
        p.completion.active = true;
        p.completion.support_cap = p.deal.completion_risk->completion_support;
        p.completion.facility_cap = p.deal.completion_risk->overrun_facility;
    }
}

void prepare_contracts(PreparedDeal& p) {
    const Deal& d = p.deal;
    const int n = p.n, C = p.cod;
    p.contracts.resize(d.offtakes.size());
    for (std::size_t c = 0; c < d.offtakes.size(); ++c) {
        const Offtake& o = d.offtakes[c];
        const std::string field = "offtakes[" + std::to_string(c) + "]";
        ContractPlan& cp = p.contracts[c];
        if (!o.volume_tpa == !o.share) fail(d, field, "give either volume_tpa or share");
        const QuantLib::Date start = o.start.value_or(p.grid.dates[C]);
        const QuantLib::Date end = o.end.value_or(p.grid.dates[n]);
        if (end <= start) fail(d, field + ".end", "must be after start");
        cp.volume.assign(n + 1, 0.0);
        cp.escalation.assign(n + 1, 1.0);
        cp.share_of_output = o.share.has_value();
        for (int t = 0; t <= n; ++t) {
            cp.escalation[t] = std::pow(1.0 + o.pricing.escalation, p.grid.years[t]);
            if (t <= C || p.grid.dates[t] <= start || p.grid.dates[t] > end) continue;
            cp.volume[t] = o.volume_tpa ? *o.volume_tpa / p.per_year : *o.share * p.production[t];
        }
        if (o.pricing.type == Pricing::Type::Collar && o.pricing.floor && o.pricing.cap &&
            *o.pricing.floor > *o.pricing.cap)
            fail(d, field + ".pricing.floor", "floor must not exceed cap");
        cp.pricing = o.pricing;
        cp.take_or_pay = o.take_or_pay;
        cp.shortfall_penalty = o.shortfall_penalty;
        cp.recovery = o.recovery;
        cp.prepayment_buyer = d.prepayment && d.prepayment->buyer == o.buyer;
        for (std::size_t i = 0; i < d.equity.size(); ++i)
            if (d.equity[i].name == o.buyer) cp.equity_investor = static_cast<int>(i);
    }
    p.priority_order.resize(d.offtakes.size());
    std::iota(p.priority_order.begin(), p.priority_order.end(), 0);
    std::stable_sort(p.priority_order.begin(), p.priority_order.end(),
                     [&](int a, int b) { return d.offtakes[a].priority < d.offtakes[b].priority; });
}

void prepare_prepayment(PreparedDeal& p) {
    const Deal& d = p.deal;
    if (!d.prepayment) return;
    const Prepayment& pp = *d.prepayment;
    PrepaymentPlan& plan = p.prepayment;
    plan.active = pp.amount > 0.0;
    plan.amount = pp.amount;
    plan.rate = pp.rate;
    plan.deduction_share = pp.deduction_share;
    plan.counts_as_debt_service = pp.counts_as_debt_service;
    plan.draw_period = pp.draw_date ? period_on_or_after(p.grid, *pp.draw_date) : 0;
    if (plan.draw_period > p.n) fail(d, "prepayment.draw_date", "is after the end of the mine life");
    int end = -1;
    for (std::size_t c = 0; c < p.contracts.size(); ++c) {
        if (!p.contracts[c].prepayment_buyer) continue;
        for (int t = 0; t <= p.n; ++t)
            if (p.contracts[c].volume[t] > 0.0) end = std::max(end, t);
    }
    if (end < 0) fail(d, "prepayment.buyer", "must name the buyer of an offtake with deliveries");
    if (end <= plan.draw_period) fail(d, "prepayment.draw_date", "must come before the buyer's last delivery");
    plan.end_period = end;
}

instruments::LoanGrid loan_grid(const PreparedDeal& p) {
    return instruments::LoanGrid{p.grid, p.cod, p.per_year, p.construction_capex};
}

// Runs the base case in sculpting mode: principal from each period's CFADS.
void sculpt_run(PreparedDeal& p, double fraction, double dscr, std::vector<double>& cfads,
                std::vector<double>& ded, std::vector<double>& principal) {
    instruments::set_construction_draws(p.debt, *p.deal.debt, loan_grid(p), fraction);
    // DSRA does not change CFADS; targets from the last plan are fine here.
    waterfall::SculptCapture cap{dscr, cfads.data(), ded.data(), principal.data()};
    PathResult r;
    r.equity_npv.resize(p.equity_share.size());
    r.equity_irr.resize(p.equity_share.size());
    r.buyers.resize(p.contracts.size());
    r.tranches.resize(p.tranches.size());
    std::vector<double> scratch(p.scratch_doubles, std::numeric_limits<double>::quiet_NaN());
    waterfall::NoRecorder rec;
    PathInputs in;
    waterfall::run_waterfall(p, in, r, scratch.data(), nullptr, rec, &cap, IrrStart{}, LenderResponse::Restructure);
}

void prepare_debt(PreparedDeal& p) {
    const Deal& d = p.deal;
    if (!d.debt) return;
    const SeniorDebt& sd = *d.debt;
    DebtPlan& debt = p.debt;
    const int n = p.n, C = p.cod;
    if (sd.gearing < 0.0 || sd.gearing > 1.0) fail(d, "debt.gearing", "must lie in [0, 1]");
    if (sd.gearing == 0.0) return;
    debt.active = true;
    debt.maturity = C + static_cast<int>(std::lround(sd.tenor_years * p.per_year));
    debt.first_repayment = C + sd.grace_periods + 1;
    if (debt.maturity > n) fail(d, "debt.tenor_years", "the loan must mature within the mine life");
    if (debt.first_repayment > debt.maturity) fail(d, "debt.grace_periods", "grace must end before maturity");
    debt.idc_capitalised = sd.idc == SeniorDebt::Idc::Capitalised;
    debt.lockup_dscr = sd.lockup_dscr;
    debt.cover = d.guarantee ? d.guarantee->cover : 0.0;
    debt.guarantee_fee_rate = instruments::guarantee_fee_rate(d.guarantee);
    auto sized = [n](std::vector<double>& v) { v.assign(n + 1, 0.0); };
    sized(debt.draw); sized(debt.base_rate); sized(debt.margin); sized(debt.planned_sll);
    sized(debt.commitment_fee); sized(debt.principal); sized(debt.planned_interest);
    sized(debt.planned_fee); sized(debt.planned_balance); sized(debt.dsra_target); sized(debt.df_lender);
    const double margin = instruments::blended_margin(sd, d.guarantee);
    for (int t = 1; t <= n; ++t) {
        // Floating: the curve's simple forward over the period, so that a period's interest
        // equals what the curve implies (section 7).
        debt.base_rate[t] = sd.base_rate ? *sd.base_rate
                                         : (p.df[t - 1] / p.df[t] - 1.0) / p.grid.tau[t];
        debt.margin[t] = margin;
        debt.planned_sll[t] = instruments::sll_adjustment(p.sll, p.operating_year[t], nullptr);
    }
    const instruments::LoanGrid lg = loan_grid(p);
    const double per_unit = instruments::cod_balance_per_unit_draw(debt, lg);
    if (per_unit <= 0.0) { debt.active = false; return; }
    const double cap_fraction = std::min(sd.gearing, 1.0);
    double fraction = cap_fraction;
    switch (sd.profile) {
        case SeniorDebt::Profile::StraightLine:
            instruments::set_straight_line_principal(debt, fraction * per_unit);
            break;
        case SeniorDebt::Profile::Annuity:
            instruments::set_annuity_principal(debt, lg, fraction * per_unit);
            break;
        case SeniorDebt::Profile::Sculpted: {
            if (sd.target_dscr <= 0.0) fail(d, "debt.target_dscr", "must be positive");
            std::vector<double> cfads(n + 1), ded(n + 1), pr(n + 1), reff(n + 1);
            for (int t = 0; t <= n; ++t)
                reff[t] = instruments::planned_rate(debt, t) + debt.guarantee_fee_rate;
            double dscr = sd.target_dscr;
            const double cap = cap_fraction * per_unit;
            for (int it = 0; it < 200; ++it) {
                sculpt_run(p, fraction, dscr, cfads, ded, pr);
                // The balance is flat through grace (interest paid), so the capacity at the
                // first repayment is the COD balance.
                const double capacity = instruments::sculpted_capacity(
                    cfads.data(), ded.data(), reff.data(), p.grid.tau.data(),
                    debt.first_repayment, debt.maturity, sd.target_dscr);
                double new_fraction, new_dscr;
                if (capacity >= cap) {
                    new_fraction = cap_fraction;
                    new_dscr = instruments::dscr_for_capacity(
                        cfads.data(), ded.data(), reff.data(), p.grid.tau.data(),
                        debt.first_repayment, debt.maturity, cap, sd.target_dscr);
                } else {
                    new_fraction = capacity / per_unit;
                    new_dscr = sd.target_dscr;
                }
                const bool done = std::fabs(new_fraction - fraction) <= 1e-15 * std::max(1.0, fraction) &&
                                  std::fabs(new_dscr - dscr) <= 1e-14 * dscr;
                fraction = new_fraction;
                dscr = new_dscr;
                if (done && it > 0) break;
            }
            sculpt_run(p, fraction, dscr, cfads, ded, pr);
            debt.principal = pr;
            for (int t = 0; t < debt.first_repayment && t <= n; ++t) debt.principal[t] = 0.0;
            debt.sculpted_dscr = dscr;
            break;
        }
    }
    instruments::set_construction_draws(debt, sd, lg, fraction);
    instruments::set_planned_schedule(debt, sd, lg, fraction * per_unit);
}

// The tranches below the senior debt (docs/credit.md section 7): each scheduled as a loan
// of its own on the base rates, drawn pro rata with construction capex, interest
// capitalised during construction. Planned before the senior debt: their interest is
// deductible, so it moves the CFADS the senior loan is sculpted on.
void prepare_tranches(PreparedDeal& p) {
    const Deal& d = p.deal;
    if (!d.debt || d.debt->tranches.empty()) return;
    const int n = p.n, C = p.cod;
    const auto& list = d.debt->tranches;
    if (static_cast<int>(list.size()) > kMaxJuniorTranches)
        fail(d, "debt.tranches", "at most " + std::to_string(kMaxJuniorTranches) + " tranches");
    double capex = 0.0;
    for (int t = 0; t <= C; ++t) capex += p.construction_capex[t];
    const instruments::LoanGrid lg = loan_grid(p);
    for (int rank : {0, 1}) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            const DebtTranche& tr = list[i];
            if (tr.priority == DebtTranche::Priority::Senior)
                fail(d, "debt.tranches[" + std::to_string(i) + "].priority",
                     "a second senior tranche is not built yet");
            const bool shareholder = tr.priority == DebtTranche::Priority::Shareholder;
            if (shareholder != (rank == 1)) continue;
            const std::string field = "debt.tranches[" + std::to_string(i) + "]";
            TranchePlan tp;
            tp.name = tr.name;
            tp.shareholder = shareholder;
            DebtPlan& plan = tp.plan;
            plan.active = true;
            plan.idc_capitalised = true;
            plan.maturity = C + static_cast<int>(std::lround(tr.tenor_years * p.per_year));
            plan.first_repayment = tr.profile == DebtTranche::Profile::Bullet ? plan.maturity
                                                                               : C + tr.grace_periods + 1;
            if (plan.maturity > n) fail(d, field + ".tenor_years", "the tranche must mature within the mine life");
            if (plan.first_repayment > plan.maturity) fail(d, field + ".grace_periods", "grace must end before maturity");
            auto sized = [n](std::vector<double>& v) { v.assign(n + 1, 0.0); };
            sized(plan.draw); sized(plan.base_rate); sized(plan.margin); sized(plan.planned_sll);
            sized(plan.commitment_fee); sized(plan.principal); sized(plan.planned_interest);
            sized(plan.planned_fee); sized(plan.planned_balance); sized(plan.dsra_target); sized(plan.df_lender);
            for (int t = 1; t <= n; ++t) {
                plan.base_rate[t] = tr.base_rate ? *tr.base_rate : (p.df[t - 1] / p.df[t] - 1.0) / p.grid.tau[t];
                plan.margin[t] = tr.margin_bps * 1e-4;
            }
            double fraction = 0.0;
            if (tr.gearing) fraction = *tr.gearing;
            else if (tr.amount && capex > 0.0) fraction = *tr.amount / capex;
            else fail(d, field, "give gearing, or an amount and construction capex to draw it against");
            SeniorDebt terms;  // the loan terms the schedule functions read
            terms.upfront_fee_bps = tr.upfront_fee_bps;
            terms.commitment_fee_bps = tr.commitment_fee_bps;
            terms.dsra_months = 0.0;
            const double cod_balance = fraction * instruments::cod_balance_per_unit_draw(plan, lg);
            if (tr.profile == DebtTranche::Profile::Annuity) instruments::set_annuity_principal(plan, lg, cod_balance);
            else instruments::set_straight_line_principal(plan, cod_balance);
            instruments::set_construction_draws(plan, terms, lg, fraction);
            instruments::set_planned_schedule(plan, terms, lg, cod_balance);
            p.tranches.push_back(std::move(tp));
        }
    }
}

// The base case's IRRs (found, as in run_deterministic, from the solver's start of 0.1)
// become the start of every path of this deal: a constant close to most paths' roots.
// The base case report keeps its own start, so its printed IRRs do not move; a path on
// the base inputs can differ from it in the last digit (within the 1e-12 tolerance).
void set_irr_start(PreparedDeal& p) {
    PathResult r;
    size_path_result(p, r);
    std::vector<double> scratch(p.scratch_doubles);
    waterfall::NoRecorder rec;
    // Only the solver's start: under rule `best`, the restructured base case will do.
    waterfall::run_waterfall(p, PathInputs{}, r, scratch.data(), nullptr, rec, nullptr, IrrStart{},
                             p.remedies.best ? LenderResponse::Restructure : p.remedies.response);
    if (r.irr) p.irr_start.project = *r.irr;
    const auto equity = std::find_if(r.equity_irr.begin(), r.equity_irr.end(),
                                     [](const std::optional<double>& x) { return x.has_value(); });
    if (equity != r.equity_irr.end()) p.irr_start.equity = **equity;
}

}  // namespace

std::shared_ptr<const PreparedDeal> prepare(const Deal& deal) {
    auto p = std::make_shared<PreparedDeal>();
    p->deal = deal;
    Deal& d = p->deal;
    const Project& pr = d.project;
    p->per_year = static_cast<int>(pr.time.frequency);
    p->cod = pr.construction_periods;
    if (p->cod < 0) fail(d, "project.construction_periods", "must not be negative");
    if (pr.mine_life_years <= 0) fail(d, "project.mine_life_years", "must be positive");
    p->n = p->cod + pr.mine_life_years * p->per_year;
    p->grid = time::make_period_grid(pr.time, p->cod, p->n);
    p->base_prices = market::base_price_deck(d.price_deck, p->grid);
    p->spot_discount = d.price_deck.spot_discount;
    const auto curve = market::make_discount_curve(d.discounting, pr.time.start);
    p->df = market::discount_factors(*curve, p->grid.dates);
    p->df_equity.resize(p->n + 1);
    for (int t = 0; t <= p->n; ++t)
        p->df_equity[t] = std::pow(1.0 + d.discounting.cost_of_equity, -p->grid.years[t]);
    p->irr_grid = metrics::IrrGrid(p->grid.years);

    if (d.equity.empty()) d.equity.push_back(default_equity_investor());
    double shares = 0.0;
    for (const auto& e : d.equity) {
        if (e.share < 0.0) fail(d, "equity", "shares must not be negative");
        shares += e.share;
    }
    if (std::fabs(shares - 1.0) > 1e-9) fail(d, "equity", "shares must sum to 1");
    for (const auto& e : d.equity) p->equity_share.push_back(e.share);

    prepare_costs(*p);
    prepare_contracts(*p);
    prepare_prepayment(*p);
    p->sll = instruments::make_sll_plan(d.sustainability_linked_margin, pr.mine_life_years);
    p->scratch_doubles = 2 * (p->n + 1) + 4 * p->contracts.size();  // layout: PathBuffers
    prepare_remedies(*p);  // sized for the sculpting runs, which never default
    prepare_tranches(*p);
    prepare_debt(*p);
    prepare_remedies(*p);  // on the loan's maturity and base rates
    set_irr_start(*p);
    return p;
}

const TimeGrid& grid(const PreparedDeal& p) { return p.grid; }
const Deal& deal(const PreparedDeal& p) { return p.deal; }
const std::vector<double>& base_prices(const PreparedDeal& p) { return p.base_prices; }

}  // namespace offtake
