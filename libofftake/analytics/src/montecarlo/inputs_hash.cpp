// The inputs' hash of a run: FNV-1a 64 (Fowler, Noll, Vo; the IETF draft
// draft-eastlake-fnv) over a canonical text dump of every Deal field, doubles written
// with 17 significant digits (enough to round-trip), followed by the price model file's
// bytes. Not cryptographic: it identifies inputs, it does not protect them.
#include "montecarlo/inputs_hash.hpp"

#include <offtake/montecarlo.hpp>

#include <fmt/format.h>

#include <fstream>
#include <iterator>

namespace offtake {
namespace montecarlo {

std::uint64_t fnv1a(const std::string& bytes, std::uint64_t h) { return identity_hash(bytes, h); }

namespace {

class Dump {
  public:
    void key(const char* k) { text_ += k; text_ += '='; }
    void num(const char* k, double v) { key(k); text_ += fmt::format("{:.17g};", v); }
    void num(const char* k, long long v) { key(k); text_ += fmt::format("{};", v); }
    void str(const char* k, const std::string& v) { key(k); text_ += fmt::format("{}:{};", v.size(), v); }
    void date(const char* k, const QuantLib::Date& d) { num(k, static_cast<long long>(d.serialNumber())); }
    void opt(const char* k, const std::optional<double>& v) {
        if (v) num(k, *v); else { key(k); text_ += "null;"; }
    }
    void opt(const char* k, const std::optional<QuantLib::Date>& v) {
        if (v) date(k, *v); else { key(k); text_ += "null;"; }
    }
    void list(const char* k, const std::vector<double>& v) {
        key(k);
        text_ += '[';
        for (double x : v) text_ += fmt::format("{:.17g},", x);
        text_ += "];";
    }
    void open(const char* k) { text_ += k; text_ += '{'; }
    void close() { text_ += '}'; }
    const std::string& text() const { return text_; }

  private:
    std::string text_;
};

}  // namespace

std::string canonical_dump(const Deal& d) {
    Dump o;
    const auto& p = d.project;
    o.open("project");
    o.str("name", p.name);
    // Only a currency other than the default enters the dump, so that the hash of a
    // deal that states none (or states USD) is what it was before the field existed.
    if (p.currency != "USD") o.str("currency", p.currency);
    // Likewise the country and the risks block: deals without them hash as before.
    if (!p.country.empty()) o.str("country", p.country);
    o.num("commodity", static_cast<long long>(p.commodity));
    o.date("start", p.time.start);
    o.num("frequency", static_cast<long long>(p.time.frequency));
    o.str("calendar", p.time.calendar);
    o.str("bdc", p.time.business_day_convention);
    o.str("day_counter", p.time.day_counter);
    o.num("construction_periods", static_cast<long long>(p.construction_periods));
    o.num("mine_life_years", static_cast<long long>(p.mine_life_years));
    o.list("production_tpa", p.production_tpa);
    o.list("construction_capex", p.construction_capex);
    o.list("sustaining_capex", p.sustaining_capex);
    o.list("fixed_opex", p.fixed_opex);
    o.num("unit_opex", p.unit_opex);
    o.num("inflation", p.inflation);
    o.num("royalty_rate", p.royalty_rate);
    o.num("tax_rate", p.tax_rate);
    o.num("depreciation_years", p.depreciation_years);
    o.num("working_capital_days", p.working_capital_days);
    o.num("closure_cost", p.closure_cost);
    o.close();
    o.open("price_deck");
    o.num("type", static_cast<long long>(d.price_deck.type));
    o.num("price", d.price_deck.price);
    for (const auto& y : d.price_deck.table) { o.num("year", static_cast<long long>(y.year)); o.num("price", y.price); }
    for (const auto& c : d.price_deck.curve) { o.date("date", c.date); o.num("price", c.price); }
    o.num("spot_discount", d.price_deck.spot_discount);
    o.close();
    o.open("discounting");
    o.opt("rate", d.discounting.rate);
    for (const auto& z : d.discounting.zero_curve) { o.num("tenor", z.tenor_years); o.num("rate", z.rate); }
    o.num("cost_of_equity", d.discounting.cost_of_equity);
    o.close();
    for (const auto& x : d.offtakes) {
        o.open("offtake");
        o.str("buyer", x.buyer);
        o.opt("volume_tpa", x.volume_tpa);
        o.opt("share", x.share);
        o.opt("start", x.start);
        o.opt("end", x.end);
        o.num("priority", static_cast<long long>(x.priority));
        o.num("pricing.type", static_cast<long long>(x.pricing.type));
        o.num("pricing.price", x.pricing.price);
        o.num("pricing.discount", x.pricing.discount);
        o.num("pricing.discount_abs", x.pricing.discount_abs);
        o.opt("pricing.floor", x.pricing.floor);
        o.opt("pricing.cap", x.pricing.cap);
        o.num("pricing.escalation", x.pricing.escalation);
        o.num("pricing.escalate_floor_cap", static_cast<long long>(x.pricing.escalate_floor_cap));
        o.num("take_or_pay", x.take_or_pay);
        o.num("shortfall_penalty", x.shortfall_penalty);
        o.opt("buyer_pd", x.buyer_pd);
        o.str("buyer_rating", x.buyer_rating.value_or("<none>"));
        o.num("recovery", x.recovery);
        o.close();
    }
    if (d.prepayment) {
        const auto& x = *d.prepayment;
        o.open("prepayment");
        o.str("buyer", x.buyer);
        o.num("amount", x.amount);
        o.opt("draw_date", x.draw_date);
        o.num("rate", x.rate);
        o.num("deduction_share", x.deduction_share);
        o.num("counts_as_debt_service", static_cast<long long>(x.counts_as_debt_service));
        o.close();
    }
    for (const auto& e : d.equity) {
        o.open("equity");
        o.str("name", e.name);
        o.num("share", e.share);
        o.close();
    }
    if (d.debt) {
        const auto& x = *d.debt;
        o.open("debt");
        o.num("gearing", x.gearing);
        o.num("tenor_years", x.tenor_years);
        o.num("grace_periods", static_cast<long long>(x.grace_periods));
        o.num("profile", static_cast<long long>(x.profile));
        o.num("target_dscr", x.target_dscr);
        o.opt("base_rate", x.base_rate);
        o.num("margin_bps", x.margin_bps);
        o.num("upfront_fee_bps", x.upfront_fee_bps);
        o.num("commitment_fee_bps", x.commitment_fee_bps);
        o.num("idc", static_cast<long long>(x.idc));
        o.num("dsra_months", x.dsra_months);
        o.num("lockup_dscr", x.lockup_dscr);
        o.num("covenant_dscr", x.covenant_dscr);
        // Stated only: a deal without these sections hashes as before issue 13.
        if (x.on_default) {
            const DefaultRemedies& m = *x.on_default;
            o.open("on_default");
            o.num("cure_days", m.cure_days);
            o.num("response", static_cast<long long>(m.response));
            o.num("max_extension_years", m.max_extension_years);
            o.num("distressed_discount_rate", m.distressed_discount_rate);
            o.num("enforcement_cost", m.enforcement_cost);
            o.opt("recovery_discount_rate", m.recovery_discount_rate);
            o.close();
        }
        // Likewise a name other than the default and the tranches (docs/credit.md section 7).
        if (x.name != "senior") o.str("name", x.name);
        for (const DebtTranche& t : x.tranches) {
            o.open("tranche");
            o.str("name", t.name);
            o.num("priority", static_cast<long long>(t.priority));
            o.opt("gearing", t.gearing);
            o.opt("amount", t.amount);
            o.num("tenor_years", t.tenor_years);
            o.num("grace_periods", static_cast<long long>(t.grace_periods));
            o.num("profile", static_cast<long long>(t.profile));
            o.opt("base_rate", t.base_rate);
            o.num("margin_bps", t.margin_bps);
            o.num("upfront_fee_bps", t.upfront_fee_bps);
            o.num("commitment_fee_bps", t.commitment_fee_bps);
            o.close();
        }
        o.close();
    }
    if (d.sponsor_support) {
        o.open("sponsor_support");
        o.num("amount", d.sponsor_support->amount);
        o.num("term_years", d.sponsor_support->term_years);
        o.num("ranking", static_cast<long long>(d.sponsor_support->ranking));
        o.close();
    }
    if (d.guarantee) {
        o.open("guarantee");
        o.str("provider", d.guarantee->provider);
        o.num("cover", d.guarantee->cover);
        o.num("fee_bps", d.guarantee->fee_bps);
        o.num("margin_bps", d.guarantee->margin_bps);
        o.close();
    }
    if (d.sustainability_linked_margin) {
        for (const auto& k : d.sustainability_linked_margin->kpis) {
            o.open("kpi");
            o.str("name", k.name);
            o.num("higher_is_better", static_cast<long long>(k.higher_is_better));
            for (const auto& t : k.targets) { o.num("target.year", static_cast<long long>(t.year)); o.num("target.value", t.value); }
            for (const auto& t : k.planned) { o.num("planned.year", static_cast<long long>(t.year)); o.num("planned.value", t.value); }
            o.opt("probability_met", k.probability_met);
            o.num("step_up_bps", k.step_up_bps);
            o.num("step_down_bps", k.step_down_bps);
            o.close();
        }
    }
    // Only when stated, so that deals without export restrictions hash as before.
    if (d.export_restrictions) {
        o.open("export_restrictions");
        o.str("model", d.export_restrictions->model);
        o.num("response", static_cast<long long>(d.export_restrictions->response));
        o.opt("domestic_discount", d.export_restrictions->domestic_discount);
        o.close();
    }
    if (d.completion_risk) {
        const CompletionRisk& c = *d.completion_risk;
        o.open("completion_risk");
        o.list("values", {c.overrun_mean, c.overrun_sigma, c.delay_probability, c.delay_mean_share, c.delay_sigma,
                          c.delay_max_share, c.completion_support, c.overrun_facility});
        o.close();
    }
    if (d.production_risk) {
        const ProductionRisk& x = *d.production_risk;
        o.open("production_risk");
        o.list("values", {x.rampup_probability, x.rampup_shortfall_mean, x.rampup_shortfall_sigma, x.rampup_years,
                          x.rampup_permanent_share, x.operating_sigma, x.operating_autocorrelation});
        o.close();
    }
    if (d.counterparty_dependence) {
        o.open("counterparty_dependence");
        o.str("factor", d.counterparty_dependence->factor);
        o.list("values", {d.counterparty_dependence->asset_correlation});
        o.close();
    }
    o.open("assessment");
    o.opt("country_risk", d.assessment.country_risk);
    o.opt("sponsor_strength", d.assessment.sponsor_strength);
    o.opt("esg_standing", d.assessment.esg_standing);
    o.close();
    o.open("simulation");
    o.str("price_model", d.simulation.price_model);
    o.str("measure", d.simulation.measure);
    o.close();
    return o.text();
}

}  // namespace montecarlo

std::string inputs_hash(const Deal& deal, const std::string& price_model_file) {
    std::uint64_t h = montecarlo::fnv1a(montecarlo::canonical_dump(deal));
    if (!price_model_file.empty()) {
        std::ifstream in(price_model_file, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        h = montecarlo::fnv1a("model:" + bytes, h);
    }
    return fmt::format("{:016x}", h);
}

}  // namespace offtake
