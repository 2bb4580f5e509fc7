#include "io/deal_build.hpp"

#include "io/deal_reader.hpp"
#include "io/ratings.hpp"

#include <filesystem>
#include <stdexcept>

namespace offtake::io {

namespace {

// A map node read against its schema field. Asking for a key the schema does not know
// is a programming error, so the builder cannot drift from the schema unnoticed.
class MapReader {
  public:
    MapReader(YAML::Node node, const Field* field) : node_(std::move(node)), field_(field) {}

    bool present() const { return node_.IsMap(); }

    std::optional<double> number(const char* key) const {
        auto n = value(key, Kind::Number);
        return n ? std::optional<double>(number_of(n->Scalar())) : std::nullopt;
    }
    std::optional<long long> integer(const char* key) const {
        auto n = value(key, Kind::Integer);
        return n ? std::optional<long long>(integer_of(n->Scalar())) : std::nullopt;
    }
    std::optional<std::string> text(const char* key) const {
        auto n = value(key, Kind::String);
        if (!n) n = value(key, Kind::Enum);
        return n ? std::optional<std::string>(n->Scalar()) : std::nullopt;
    }
    std::optional<bool> flag(const char* key) const {
        auto n = value(key, Kind::Bool);
        return n ? std::optional<bool>(bool_of(n->Scalar())) : std::nullopt;
    }
    std::optional<QuantLib::Date> date(const char* key) const {
        auto n = value(key, Kind::Date);
        return n ? std::optional<QuantLib::Date>(date_of(n->Scalar())) : std::nullopt;
    }
    MapReader map(const char* key) const {
        const Field* f = child(key, Kind::Map);
        YAML::Node n = find_key(node_, key);
        return MapReader(n.IsDefined() && n.IsMap() ? n : YAML::Node(YAML::NodeType::Undefined), f);
    }
    std::vector<MapReader> maps(const char* key) const {
        const Field* f = child(key, Kind::List);
        std::vector<MapReader> out;
        YAML::Node n = find_key(node_, key);
        if (n.IsDefined() && n.IsSequence() && n.size() <= f->max_items)
            for (std::size_t i = 0; i < n.size(); ++i) out.emplace_back(n[i], f->item.get());
        return out;
    }
    std::vector<double> numbers(const char* key) const {
        const Field* f = child(key, Kind::List);
        std::vector<double> out;
        YAML::Node n = find_key(node_, key);
        if (n.IsDefined() && n.IsSequence() && n.size() <= f->max_items)
            for (std::size_t i = 0; i < n.size(); ++i)
                if (node_rule(n[i], *f->item).empty()) out.push_back(number_of(n[i].Scalar()));
        return out;
    }

  private:
    const Field* child(const char* key, Kind kind) const {
        const Field* f = field_ ? field_->child(key) : nullptr;
        if (!f || f->kind != kind) throw std::logic_error(std::string("deal builder reads unknown key ") + key);
        return f;
    }
    std::optional<YAML::Node> value(const char* key, Kind kind) const {
        const Field* f = field_ ? field_->child(key) : nullptr;
        if (!f) throw std::logic_error(std::string("deal builder reads unknown key ") + key);
        if (f->kind != kind) return std::nullopt;
        if (!node_.IsMap()) return std::nullopt;
        YAML::Node n = find_key(node_, key);
        if (!n.IsDefined() || n.IsNull() || !node_rule(n, *f).empty()) return std::nullopt;
        return n;
    }

    YAML::Node node_;
    const Field* field_;
};

template <class T>
void set(T& target, const std::optional<T>& v) {
    if (v) target = *v;
}
void set(int& target, const std::optional<long long>& v) {
    if (v) target = static_cast<int>(*v);
}

Commodity commodity_of(const std::string& s) {
    if (s == "lithium_hydroxide") return Commodity::LithiumHydroxide;
    if (s == "spodumene_concentrate") return Commodity::SpodumeneConcentrate;
    if (s == "copper_cathode") return Commodity::CopperCathode;
    if (s == "copper_concentrate") return Commodity::CopperConcentrate;
    return Commodity::LithiumCarbonate;
}

Frequency frequency_of(const std::string& s) {
    if (s == "annual") return Frequency::Annual;
    if (s == "semiannual") return Frequency::Semiannual;
    if (s == "monthly") return Frequency::Monthly;
    return Frequency::Quarterly;
}

std::vector<Kpi::YearTarget> year_targets(const MapReader& kpi, const char* key) {
    std::vector<Kpi::YearTarget> out;
    for (const auto& t : kpi.maps(key)) {
        Kpi::YearTarget yt;
        set(yt.year, t.integer("year"));
        set(yt.value, t.number("value"));
        out.push_back(yt);
    }
    return out;
}

void read_project(const MapReader& p, Project& project) {
    set(project.name, p.text("name"));
    set(project.currency, p.text("currency"));
    set(project.country, p.text("country"));
    if (auto c = p.text("commodity")) project.commodity = commodity_of(*c);
    MapReader t = p.map("time");
    set(project.time.start, t.date("start"));
    if (auto f = t.text("frequency")) project.time.frequency = frequency_of(*f);
    set(project.time.calendar, t.text("calendar"));
    set(project.time.business_day_convention, t.text("business_day_convention"));
    set(project.time.day_counter, t.text("day_counter"));
    set(project.construction_periods, p.integer("construction_periods"));
    set(project.mine_life_years, p.integer("mine_life_years"));
    project.production_tpa = p.numbers("production_tpa");
    project.construction_capex = p.numbers("construction_capex");
    project.sustaining_capex = p.numbers("sustaining_capex");
    project.fixed_opex = p.numbers("fixed_opex");
    set(project.unit_opex, p.number("unit_opex"));
    set(project.inflation, p.number("inflation"));
    set(project.royalty_rate, p.number("royalty_rate"));
    set(project.tax_rate, p.number("tax_rate"));
    set(project.depreciation_years, p.number("depreciation_years"));
    set(project.working_capital_days, p.number("working_capital_days"));
    set(project.closure_cost, p.number("closure_cost"));
}

void read_price_deck(const MapReader& r, PriceDeck& deck) {
    if (auto t = r.text("type"))
        deck.type = *t == "table" ? PriceDeck::Type::Table : *t == "curve" ? PriceDeck::Type::Curve
                                                                            : PriceDeck::Type::Flat;
    set(deck.price, r.number("price"));
    for (const auto& row : r.maps("table")) {
        PriceDeck::YearPrice yp;
        set(yp.year, row.integer("year"));
        set(yp.price, row.number("price"));
        deck.table.push_back(yp);
    }
    for (const auto& pt : r.maps("curve")) {
        PriceDeck::DatePrice dp;
        set(dp.date, pt.date("date"));
        set(dp.price, pt.number("price"));
        deck.curve.push_back(dp);
    }
    set(deck.spot_discount, r.number("spot_discount"));
}

void read_offtake(const MapReader& r, Offtake& o) {
    set(o.buyer, r.text("buyer"));
    o.volume_tpa = r.number("volume_tpa");
    o.share = r.number("share");
    o.start = r.date("start");
    o.end = r.date("end");
    set(o.priority, r.integer("priority"));
    MapReader p = r.map("pricing");
    if (auto t = p.text("type"))
        o.pricing.type = *t == "fixed" ? Pricing::Type::Fixed : *t == "collar" ? Pricing::Type::Collar
                                                                               : Pricing::Type::Index;
    set(o.pricing.price, p.number("price"));
    set(o.pricing.discount, p.number("discount"));
    set(o.pricing.discount_abs, p.number("discount_abs"));
    o.pricing.floor = p.number("floor");
    o.pricing.cap = p.number("cap");
    set(o.pricing.escalation, p.number("escalation"));
    set(o.pricing.escalate_floor_cap, p.flag("escalate_floor_cap"));
    set(o.take_or_pay, r.number("take_or_pay"));
    set(o.shortfall_penalty, r.number("shortfall_penalty"));
    o.buyer_pd = r.number("buyer_pd");
    o.buyer_rating = r.text("buyer_rating");
    if (o.buyer_rating && !o.buyer_pd) o.buyer_pd = rating_default_probability(*o.buyer_rating);
    set(o.recovery, r.number("recovery"));
}

void read_debt(const MapReader& r, SeniorDebt& d) {
    set(d.gearing, r.number("gearing"));
    set(d.tenor_years, r.number("tenor_years"));
    set(d.grace_periods, r.integer("grace_periods"));
    if (auto p = r.text("profile"))
        d.profile = *p == "sculpted" ? SeniorDebt::Profile::Sculpted
                    : *p == "straight_line" ? SeniorDebt::Profile::StraightLine
                                            : SeniorDebt::Profile::Annuity;
    set(d.target_dscr, r.number("target_dscr"));
    d.base_rate = r.number("base_rate");
    set(d.margin_bps, r.number("margin_bps"));
    set(d.upfront_fee_bps, r.number("upfront_fee_bps"));
    set(d.commitment_fee_bps, r.number("commitment_fee_bps"));
    if (auto i = r.text("idc")) d.idc = *i == "equity" ? SeniorDebt::Idc::Equity : SeniorDebt::Idc::Capitalised;
    set(d.dsra_months, r.number("dsra_months"));
    set(d.lockup_dscr, r.number("lockup_dscr"));
    set(d.covenant_dscr, r.number("covenant_dscr"));
    if (MapReader od = r.map("on_default"); od.present()) {
        DefaultRemedies m;
        set(m.cure_days, od.number("cure_days"));
        if (auto x = od.text("response"))
            m.response = *x == "restructure" ? DefaultRemedies::Response::Restructure
                         : *x == "enforce"   ? DefaultRemedies::Response::Enforce
                                             : DefaultRemedies::Response::Best;
        set(m.max_extension_years, od.number("max_extension_years"));
        set(m.distressed_discount_rate, od.number("distressed_discount_rate"));
        set(m.enforcement_cost, od.number("enforcement_cost"));
        m.recovery_discount_rate = od.number("recovery_discount_rate");
        d.on_default = m;
    }
    set(d.name, r.text("name"));
    for (const auto& tr : r.maps("tranches")) {
        DebtTranche t;
        set(t.name, tr.text("name"));
        if (auto x = tr.text("priority"))
            t.priority = *x == "senior"        ? DebtTranche::Priority::Senior
                         : *x == "shareholder" ? DebtTranche::Priority::Shareholder
                                               : DebtTranche::Priority::Subordinated;
        t.gearing = tr.number("gearing");
        t.amount = tr.number("amount");
        set(t.tenor_years, tr.number("tenor_years"));
        set(t.grace_periods, tr.integer("grace_periods"));
        if (auto x = tr.text("profile"))
            t.profile = *x == "bullet"          ? DebtTranche::Profile::Bullet
                        : *x == "straight_line" ? DebtTranche::Profile::StraightLine
                                                : DebtTranche::Profile::Annuity;
        t.base_rate = tr.number("base_rate");
        set(t.margin_bps, tr.number("margin_bps"));
        set(t.upfront_fee_bps, tr.number("upfront_fee_bps"));
        set(t.commitment_fee_bps, tr.number("commitment_fee_bps"));
        d.tranches.push_back(t);
    }
}

}  // namespace

Deal build_deal(const YAML::Node& root, const std::string& source) {
    Deal deal;
    deal.source = source;
    MapReader top(root, &deal_schema());
    read_project(top.map("project"), deal.project);
    read_price_deck(top.map("price_deck"), deal.price_deck);

    MapReader disc = top.map("discounting");
    deal.discounting.rate = disc.number("rate");
    for (const auto& z : disc.maps("zero_curve")) {
        Discounting::ZeroPoint zp;
        set(zp.tenor_years, z.number("tenor_years"));
        set(zp.rate, z.number("rate"));
        deal.discounting.zero_curve.push_back(zp);
    }
    set(deal.discounting.cost_of_equity, disc.number("cost_of_equity"));

    for (const auto& r : top.maps("offtakes")) {
        Offtake o;
        read_offtake(r, o);
        deal.offtakes.push_back(std::move(o));
    }

    if (MapReader r = top.map("prepayment"); r.present()) {
        Prepayment p;
        set(p.buyer, r.text("buyer"));
        set(p.amount, r.number("amount"));
        p.draw_date = r.date("draw_date");
        set(p.rate, r.number("rate"));
        set(p.deduction_share, r.number("deduction_share"));
        set(p.counts_as_debt_service, r.flag("counts_as_debt_service"));
        deal.prepayment = p;
    }

    for (const auto& r : top.maps("equity")) {
        EquityInvestor e;
        set(e.name, r.text("name"));
        set(e.share, r.number("share"));
        deal.equity.push_back(e);
    }
    if (!find_key(root, "equity").IsDefined() || find_key(root, "equity").IsNull())
        deal.equity.push_back(default_equity_investor());  // documented default: one investor

    if (MapReader r = top.map("debt"); r.present()) {
        SeniorDebt d;
        read_debt(r, d);
        deal.debt = d;
    }

    if (MapReader r = top.map("guarantee"); r.present()) {
        Guarantee g;
        set(g.provider, r.text("provider"));
        set(g.cover, r.number("cover"));
        set(g.fee_bps, r.number("fee_bps"));
        set(g.margin_bps, r.number("margin_bps"));
        deal.guarantee = g;
    }

    if (MapReader r = top.map("sponsor_support"); r.present()) {
        SponsorSupport s;
        set(s.amount, r.number("amount"));
        set(s.term_years, r.number("term_years"));
        if (auto x = r.text("ranking"))
            s.ranking = *x == "senior" ? SponsorSupport::Ranking::Senior : SponsorSupport::Ranking::Subordinated;
        deal.sponsor_support = s;
    }

    if (MapReader r = top.map("sustainability_linked_margin"); r.present()) {
        SustainabilityLinkedMargin slm;
        for (const auto& k : r.maps("kpis")) {
            Kpi kpi;
            set(kpi.name, k.text("name"));
            set(kpi.higher_is_better, k.flag("higher_is_better"));
            kpi.targets = year_targets(k, "targets");
            kpi.planned = year_targets(k, "planned");
            kpi.probability_met = k.number("probability_met");
            set(kpi.step_up_bps, k.number("step_up_bps"));
            set(kpi.step_down_bps, k.number("step_down_bps"));
            slm.kpis.push_back(std::move(kpi));
        }
        deal.sustainability_linked_margin = std::move(slm);
    }

    if (MapReader r = top.map("export_restrictions"); r.present()) {
        ExportRestrictions x;
        set(x.model, r.text("model"));
        if (!x.model.empty() && !source.empty() && std::filesystem::path(x.model).is_relative())
            x.model = (std::filesystem::path(source).parent_path() / x.model).lexically_normal().string();
        if (auto v = r.text("response"))
            x.response = *v == "stockpile" ? ExportRestrictions::Response::Stockpile
                         : *v == "stop"    ? ExportRestrictions::Response::Stop
                                           : ExportRestrictions::Response::DomesticSale;
        x.domestic_discount = r.number("domestic_discount");
        deal.export_restrictions = x;
    }

    if (MapReader r = top.map("completion_risk"); r.present()) {
        CompletionRisk c;
        const MapReader o = r.map("capex_overrun");
        set(c.overrun_mean, o.number("mean"));
        set(c.overrun_sigma, o.number("sigma"));
        const MapReader l = r.map("delay");
        set(c.delay_probability, l.number("probability"));
        set(c.delay_mean_share, l.number("mean_share"));
        set(c.delay_sigma, l.number("sigma"));
        set(c.delay_max_share, l.number("max_share"));
        set(c.completion_support, r.number("completion_support"));
        set(c.overrun_facility, r.number("overrun_facility"));
        deal.completion_risk = c;
    }

    if (MapReader r = top.map("production_risk"); r.present()) {
        ProductionRisk x;
        const MapReader u = r.map("rampup");
        set(x.rampup_probability, u.number("probability"));
        set(x.rampup_shortfall_mean, u.number("shortfall_mean"));
        set(x.rampup_shortfall_sigma, u.number("shortfall_sigma"));
        set(x.rampup_years, u.number("years"));
        set(x.rampup_permanent_share, u.number("permanent_share"));
        const MapReader o = r.map("operating");
        set(x.operating_sigma, o.number("sigma"));
        set(x.operating_autocorrelation, o.number("autocorrelation"));
        deal.production_risk = x;
    }

    if (MapReader r = top.map("counterparty_dependence"); r.present()) {
        CounterpartyDependence c;
        set(c.factor, r.text("factor"));
        set(c.asset_correlation, r.number("asset_correlation"));
        deal.counterparty_dependence = c;
    }

    MapReader a = top.map("assessment");
    deal.assessment.country_risk = a.number("country_risk");
    deal.assessment.sponsor_strength = a.number("sponsor_strength");
    deal.assessment.esg_standing = a.number("esg_standing");

    MapReader s = top.map("simulation");
    set(deal.simulation.price_model, s.text("price_model"));
    if (!deal.simulation.price_model.empty() && !source.empty()) {
        std::filesystem::path model(deal.simulation.price_model);
        if (model.is_relative())
            deal.simulation.price_model =
                (std::filesystem::path(source).parent_path() / model).lexically_normal().string();
    }
    if (auto p = s.integer("paths")) deal.simulation.paths = static_cast<long>(*p);
    if (auto v = s.integer("seed")) deal.simulation.seed = static_cast<unsigned long long>(*v);
    set(deal.simulation.measure, s.text("measure"));
    return deal;
}

}  // namespace offtake::io
