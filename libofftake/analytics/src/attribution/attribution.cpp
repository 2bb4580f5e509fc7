#include <offtake/attribution.hpp>

#include <offtake/engine.hpp>
#include <offtake/metric_catalogue.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace offtake {

namespace {

// Prices fixed at the deal's own deck on every path: the price family switched off.
// Only prices are replaced: every other family's draws are keyed by (seed, path, name),
// not by the price simulator, so they are the same draws as in the run with prices on.
class DeckPrices final : public PriceSimulator {
  public:
    explicit DeckPrices(const Deal& deal) : deck_(base_prices(*prepare(deal))) {}
    void simulate(std::uint64_t, std::uint64_t, double* prices, std::vector<double>&) const override {
        std::copy(deck_.begin(), deck_.end(), prices);
    }
    Measure measure() const override { return Measure::RealWorld; }
    std::string description() const override { return "the deal's price deck on every path"; }

  private:
    std::vector<double> deck_;
};

std::optional<double> statistic(const SimulationResult& r, const char* key, MetricScope scope, std::size_t i,
                                bool p10) {
    const MetricEntry* e = find_metric(key, scope);
    if (!e) return std::nullopt;
    const auto s = monte_carlo_statistics(*e, r, i);
    if (!s) return std::nullopt;
    return p10 ? s->p10 : s->mean;
}

AttributionMeasures measures_of(const SimulationResult& r) {
    AttributionMeasures m;
    m.p_default = statistic(r, "p_default", MetricScope::Deal, 0, false);
    m.expected_loss = statistic(r, "expected_loss", MetricScope::Deal, 0, false);
    m.npv_p10 = statistic(r, "npv", MetricScope::Deal, 0, true);
    m.dscr_min_p10 = statistic(r, "dscr_min", MetricScope::Deal, 0, true);
    for (std::size_t b = 0; b < r.buyers.size(); ++b)
        if (auto v = statistic(r, "p_shortfall", MetricScope::Buyer, b, false))
            m.p_shortfall = std::max(m.p_shortfall.value_or(*v), *v);
    return m;
}

std::optional<double> minus(const std::optional<double>& a, const std::optional<double>& b) {
    if (!a || !b) return std::nullopt;
    return *a - *b;
}

AttributionMeasures effect(const AttributionMeasures& all, const AttributionMeasures& off) {
    return {minus(all.p_default, off.p_default), minus(all.expected_loss, off.expected_loss),
            minus(all.npv_p10, off.npv_p10), minus(all.dscr_min_p10, off.dscr_min_p10),
            minus(all.p_shortfall, off.p_shortfall)};
}

bool has_counterparty_risk(const Deal& d) {
    return std::any_of(d.offtakes.begin(), d.offtakes.end(),
                       [](const Offtake& o) { return o.buyer_pd.has_value() || o.buyer_rating.has_value(); });
}

nlohmann::json measures_json(const AttributionMeasures& m) {
    auto v = [](const std::optional<double>& x) { return x ? nlohmann::json(*x) : nlohmann::json(nullptr); };
    return {{"p_default", v(m.p_default)},
            {"expected_loss", v(m.expected_loss)},
            {"npv_p10", v(m.npv_p10)},
            {"dscr_min_p10", v(m.dscr_min_p10)},
            {"p_shortfall", v(m.p_shortfall)}};
}

}  // namespace

Attribution attribute_risks(const Deal& deal, const MonteCarloOptions& options) {
    MonteCarloOptions o = options;
    o.collect_bands = false;
    const SimulationResult base = simulate(deal, o);
    Attribution a;
    a.measure = base.measure;
    a.seed = base.seed;
    a.paths = base.paths;
    a.all = measures_of(base);

    auto row = [&](const char* family, bool in_deal, auto switch_off) {
        AttributionRow r;
        r.family = family;
        r.in_deal = in_deal;
        if (!in_deal) {
            r.without = a.all;  // nothing to switch off: the same run
        } else {
            Deal d = deal;
            MonteCarloOptions x = o;
            switch_off(d, x);
            r.without = measures_of(simulate(d, x));
        }
        r.effect = effect(a.all, r.without);
        a.families.push_back(r);
    };
    row("price", true, [&](Deal& d, MonteCarloOptions& x) {
        x.price_simulator = std::make_shared<DeckPrices>(d);
        x.price_model.reset();
    });
    row("completion", deal.completion_risk.has_value(), [](Deal& d, MonteCarloOptions&) { d.completion_risk.reset(); });
    row("production", deal.production_risk.has_value(), [](Deal& d, MonteCarloOptions&) { d.production_risk.reset(); });
    row("country", deal.export_restrictions.has_value() || deal.fiscal_events.has_value(),
        [](Deal& d, MonteCarloOptions&) {
            d.export_restrictions.reset();
            d.fiscal_events.reset();
        });
    row("counterparty", has_counterparty_risk(deal), [](Deal& d, MonteCarloOptions&) {
        for (auto& off : d.offtakes) {
            off.buyer_pd.reset();
            off.buyer_rating.reset();
        }
    });
    a.not_modelled = {"products", "currency", "parameters"};
    return a;
}

std::string attribution_json(const Attribution& a) {
    nlohmann::json families = nlohmann::json::array();
    for (const auto& r : a.families)
        families.push_back({{"family", r.family},
                            {"in_deal", r.in_deal},
                            {"without", measures_json(r.without)},
                            {"effect", measures_json(r.effect)}});
    nlohmann::json j = {{"measure", a.measure},
                        {"seed", a.seed},
                        {"paths", a.paths},
                        {"all", measures_json(a.all)},
                        {"families", families},
                        {"not_modelled", a.not_modelled}};
    return j.dump();
}

}  // namespace offtake
