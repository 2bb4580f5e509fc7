#include "io/deal_build.hpp"

#include "io/deal_reader.hpp"
#include "io/deal_schema.hpp"
#include "io/yaml_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <set>

namespace offtake::io {

namespace {

bool is_currency_code(const std::string& s) {
    if (s.size() != 3) return false;
    for (char c : s)
        if (c < 'A' || c > 'Z') return false;
    return true;
}

// The 249 officially assigned ISO 3166-1 alpha-2 codes (ISO 3166 Maintenance Agency's
// list; exceptionally reserved codes such as UK and EU are not country codes), sorted.
constexpr const char* kCountryCodes[] = {
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ", "BA", "BB", "BD", "BE",
    "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD",
    "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM",
    "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM", "HN", "HR", "HT", "HU",
    "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN",
    "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME",
    "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM",
    "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI",
    "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK",
    "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
};


// A wrong code as the message quotes it: in full when short, else by its length (a long
// text is not echoed, nor cut inside a UTF-8 sequence).
std::string printable(const std::string& s) {
    return s.size() <= 16 ? "'" + s + "'" : fmt::format("a text of {} bytes", s.size());
}

}  // namespace

bool is_country_code(const std::string& s) {
    if (s.size() != 2) return false;
    return std::binary_search(std::begin(kCountryCodes), std::end(kCountryCodes), s,
                              [](const std::string& a, const std::string& b) { return a < b; });
}

namespace {

class Rules {
  public:
    Rules(const YAML::Node& root, const Deal& deal, const std::string& file, std::vector<Problem>& problems)
        : root_(root), deal_(deal), file_(file), problems_(problems) {
        for (const auto& p : problems) already_.push_back(p.field);
    }

    void run() {
        project();
        price_deck();
        discounting();
        offtakes();
        prepayment();
        equity();
        debt();
        kpis();
    }

  private:
    // True if a field under `prefix` already has a problem (or is absent because of one).
    bool bad(const std::string& prefix) const {
        auto under = [](const std::string& path, const std::string& root) {
            return path == root || path.rfind(root + ".", 0) == 0 || path.rfind(root + "[", 0) == 0;
        };
        for (const auto& f : already_)
            if (under(f, prefix) || (!f.empty() && under(prefix, f))) return true;
        return false;
    }
    bool given(const std::string& path) const {
        auto seg = parse_path(path);
        if (!seg) return false;
        YAML::Node n = find_node(root_, *seg);
        return n.IsDefined() && !n.IsNull();
    }
    // Reports at the node of `path`, or at the nearest given parent.
    void report(const std::string& path, std::string rule) {
        auto seg = parse_path(path).value_or(std::vector<Segment>{});
        YAML::Node n = find_node(root_, seg);
        while (!n.IsDefined() && !seg.empty()) {
            seg.pop_back();
            n.reset(find_node(root_, seg));
        }
        problems_.push_back(problem_at(file_, n, path, std::move(rule)));
    }

    int periods_per_year() const { return static_cast<int>(deal_.project.time.frequency); }

    void project() {
        const Project& p = deal_.project;
        if (!bad("project.currency") && !is_currency_code(p.currency))
            report("project.currency",
                   fmt::format("{} is not an ISO 4217 currency code: three capital letters such as USD, EUR, AUD",
                               printable(p.currency)));
        if (!bad("project.country") && !p.country.empty() && !is_country_code(p.country))
            report("project.country",
                   fmt::format("{} is not an ISO 3166-1 alpha-2 country code: two capital letters of an assigned "
                               "code such as AU, CL, CD, ID, US",
                               printable(p.country)));
        if (given("export_restrictions") && !bad("project.country") && deal_.project.country.empty())
            report("export_restrictions",
                   "country events are the mine's country's: state project.country (an ISO 3166-1 alpha-2 code)");
        if (!bad("project.construction_periods") && !bad("project.construction_capex") &&
            static_cast<int>(p.construction_capex.size()) != p.construction_periods)
            report("project.construction_capex",
                   fmt::format("gives {} values but construction_periods is {} (one value per construction period)",
                               p.construction_capex.size(), p.construction_periods));
        if (!bad("project.mine_life_years")) {
            for (const char* key : {"production_tpa", "sustaining_capex", "fixed_opex"}) {
                std::string path = std::string("project.") + key;
                const auto& v = key[0] == 'p' ? p.production_tpa : key[0] == 's' ? p.sustaining_capex : p.fixed_opex;
                if (!bad(path) && static_cast<int>(v.size()) > p.mine_life_years)
                    report(path, fmt::format("gives {} yearly values but mine_life_years is {}", v.size(),
                                             p.mine_life_years));
            }
            if (!bad("project.construction_periods") && !bad("project.time.frequency")) {
                long total = p.construction_periods + static_cast<long>(p.mine_life_years) * periods_per_year();
                if (total > kMaxPeriods)
                    report("project.mine_life_years",
                           fmt::format("deal has {} periods (construction + mine life x {} per year); at most {} "
                                       "allowed",
                                       total, periods_per_year(), kMaxPeriods));
            }
        }
    }

    void price_deck() {
        if (bad("price_deck.type")) return;
        const PriceDeck& d = deal_.price_deck;
        const char* type = d.type == PriceDeck::Type::Flat ? "flat" : d.type == PriceDeck::Type::Table ? "table" : "curve";
        for (const char* key : {"price", "table", "curve"}) {
            std::string path = std::string("price_deck.") + key;
            bool wanted = std::string(key) == (d.type == PriceDeck::Type::Flat ? "price" : type);
            if (wanted && !given(path) && !bad(path))
                report(path, fmt::format("price deck of type {} needs '{}'", type, key));
            if (!wanted && given(path))
                report(path, fmt::format("'{}' is not used by a price deck of type {}", key, type));
        }
        if (d.type == PriceDeck::Type::Table && !bad("price_deck.table"))
            for (std::size_t i = 1; i < d.table.size(); ++i)
                if (d.table[i].year <= d.table[i - 1].year)
                    report(item_path("price_deck.table", i) + ".year",
                           fmt::format("years must increase (year {} follows {})", d.table[i].year,
                                       d.table[i - 1].year));
        if (d.type == PriceDeck::Type::Curve && !bad("price_deck.curve"))
            for (std::size_t i = 1; i < d.curve.size(); ++i)
                if (d.curve[i].date <= d.curve[i - 1].date)
                    report(item_path("price_deck.curve", i) + ".date",
                           fmt::format("dates must increase ({} follows {})", date_text(d.curve[i].date),
                                       date_text(d.curve[i - 1].date)));
    }

    void discounting() {
        bool rate = given("discounting.rate"), curve = given("discounting.zero_curve");
        if (rate && curve)
            report("discounting.zero_curve", "give either rate or zero_curve, not both");
        if (!rate && !curve && !bad("discounting"))
            report("discounting.rate", "missing: give a discount rate or a zero_curve");
        const auto& z = deal_.discounting.zero_curve;
        if (!bad("discounting.zero_curve"))
            for (std::size_t i = 1; i < z.size(); ++i)
                if (z[i].tenor_years <= z[i - 1].tenor_years)
                    report(item_path("discounting.zero_curve", i) + ".tenor_years",
                           fmt::format("tenors must increase ({} follows {})", z[i].tenor_years, z[i - 1].tenor_years));
    }

    void offtakes() {
        const QuantLib::Date start = deal_.project.time.start;
        for (std::size_t i = 0; i < deal_.offtakes.size(); ++i) {
            const Offtake& o = deal_.offtakes[i];
            const std::string base = item_path("offtakes", i);
            bool vol = given(base + ".volume_tpa"), share = given(base + ".share");
            if (vol && share) report(base + ".share", "give either volume_tpa or share, not both");
            if (!vol && !share && !bad(base + ".volume_tpa") && !bad(base + ".share"))
                report(base + ".volume_tpa", "missing: give volume_tpa (t/yr) or share (of production)");
            if (o.start && o.end && !bad(base + ".start") && !bad(base + ".end") && *o.end <= *o.start)
                report(base + ".end", fmt::format("end {} must be after start {}", date_text(*o.end),
                                                  date_text(*o.start)));
            if (o.start && start != QuantLib::Date() && !bad("project.time.start") && !bad(base + ".start") &&
                *o.start < start)
                report(base + ".start", fmt::format("start {} is before the project start {}", date_text(*o.start),
                                                    date_text(start)));
            if (o.end && start != QuantLib::Date() && !bad("project.time.start") && !bad(base + ".end") &&
                *o.end <= start)
                report(base + ".end", fmt::format("end {} is not after the project start {}", date_text(*o.end),
                                                  date_text(start)));
            if (given(base + ".buyer_pd") && given(base + ".buyer_rating"))
                report(base + ".buyer_rating", "give either buyer_pd or buyer_rating, not both");
            pricing(o.pricing, base + ".pricing");
        }
    }

    void pricing(const Pricing& p, const std::string& base) {
        if (bad(base + ".type")) return;
        const char* type = p.type == Pricing::Type::Fixed ? "fixed" : p.type == Pricing::Type::Index ? "index" : "collar";
        if (p.type == Pricing::Type::Fixed && !given(base + ".price") && !bad(base + ".price"))
            report(base + ".price", "fixed pricing needs 'price'");
        if (p.type != Pricing::Type::Fixed && given(base + ".price"))
            report(base + ".price", fmt::format("'price' is only used by fixed pricing, not {}", type));
        if (p.type != Pricing::Type::Collar)
            for (const char* key : {"floor", "cap"})
                if (given(base + "." + key))
                    report(base + "." + key, fmt::format("'{}' is only used by collar pricing, not {}", key, type));
        if (p.type == Pricing::Type::Collar) {
            if (!given(base + ".floor") && !given(base + ".cap") && !bad(base + ".floor") && !bad(base + ".cap"))
                report(base + ".floor", "collar pricing needs a floor, a cap or both");
            if (p.floor && p.cap && *p.floor > *p.cap)
                report(base + ".floor", fmt::format("floor must not exceed cap (floor {} > cap {})", *p.floor, *p.cap));
            if (given(base + ".discount_abs"))
                report(base + ".discount_abs", "'discount_abs' is only used by index pricing");
        }
        if (p.type == Pricing::Type::Fixed)
            for (const char* key : {"discount", "discount_abs"})
                if (given(base + "." + key))
                    report(base + "." + key, fmt::format("'{}' is not used by fixed pricing", key));
    }

    void prepayment() {
        if (!deal_.prepayment) return;
        const Prepayment& p = *deal_.prepayment;
        if (!bad("prepayment.buyer") && !bad("offtakes")) {
            bool found = false;
            std::string buyers;
            for (const auto& o : deal_.offtakes) {
                found = found || o.buyer == p.buyer;
                buyers += (buyers.empty() ? "" : ", ") + o.buyer;
            }
            if (!found)
                report("prepayment.buyer",
                       fmt::format("prepayment buyer '{}' is not the buyer of any offtake ({})", p.buyer,
                                   buyers.empty() ? "no offtakes given" : "buyers: " + buyers));
        }
        const QuantLib::Date start = deal_.project.time.start;
        if (p.draw_date && start != QuantLib::Date() && !bad("project.time.start") && !bad("prepayment.draw_date") &&
            *p.draw_date < start)
            report("prepayment.draw_date", fmt::format("draw_date {} is before the project start {}",
                                                       date_text(*p.draw_date), date_text(start)));
    }

    void equity() {
        if (!given("equity") || bad("equity")) return;
        double sum = 0;
        std::map<std::string, std::size_t> names;
        for (std::size_t i = 0; i < deal_.equity.size(); ++i) {
            sum += deal_.equity[i].share;
            auto [it, fresh] = names.emplace(deal_.equity[i].name, i);
            if (!fresh)
                report(item_path("equity", i) + ".name",
                       fmt::format("investor '{}' is listed twice (also equity[{}])", deal_.equity[i].name, it->second));
        }
        if (std::fabs(sum - 1.0) > 1e-9)
            report("equity", fmt::format("equity shares must sum to 1 (within 1e-9), they sum to {:.12g}", sum));
    }

    void debt() {
        if (given("guarantee") && !given("debt"))
            report("guarantee", "a guarantee needs senior debt to guarantee (no 'debt' section)");
        if (given("sponsor_support") && !given("debt"))
            report("sponsor_support", "a sponsor support facility supports senior debt (no 'debt' section)");
        if (given("sustainability_linked_margin") && !given("debt"))
            report("sustainability_linked_margin", "a sustainability-linked margin needs senior debt (no 'debt' section)");
        if (!deal_.debt) return;
        const SeniorDebt& d = *deal_.debt;
        if (!bad("debt.tenor_years") && !bad("project.mine_life_years") && d.tenor_years > deal_.project.mine_life_years)
            report("debt.tenor_years", fmt::format("tenor {} years is longer than the mine life ({} years)",
                                                   d.tenor_years, deal_.project.mine_life_years));
        if (!bad("debt.tenor_years") && !bad("debt.grace_periods") &&
            d.grace_periods >= d.tenor_years * periods_per_year())
            report("debt.grace_periods", fmt::format("grace of {} periods leaves no repayment within the {}-year tenor",
                                                     d.grace_periods, d.tenor_years));
        tranches(d);
    }

    // docs/credit.md section 7: the tranches below the senior debt.
    void tranches(const SeniorDebt& d) {
        if (bad("debt.tranches")) return;
        std::set<std::string> names{d.name};
        double capex = 0.0;
        for (double c : deal_.project.construction_capex) capex += c;
        double drawn = bad("debt.gearing") ? 0.0 : d.gearing;
        std::string drawn_text = fmt::format("debt {:.6g}", drawn);
        for (std::size_t i = 0; i < d.tranches.size(); ++i) {
            const DebtTranche& t = d.tranches[i];
            const std::string at = item_path("debt.tranches", i);
            if (!names.insert(t.name).second)
                report(at + ".name", fmt::format("tranche name '{}' is used twice (debt.name is '{}')", t.name, d.name));
            if (t.priority == DebtTranche::Priority::Senior)
                report(at + ".priority", "a second senior tranche (paid pro rata with debt) is not built yet: "
                                         "give the senior debt as the 'debt' section itself");
            if (t.gearing.has_value() == t.amount.has_value())
                report(at, "give exactly one of gearing or amount");
            else if (t.gearing) {
                drawn += *t.gearing;
                drawn_text += fmt::format(" + {} {:.6g}", t.name, *t.gearing);
            } else if (capex > 0.0) {
                drawn += *t.amount / capex;
                drawn_text += fmt::format(" + {} {:.6g}", t.name, *t.amount / capex);
            } else {
                report(at + ".amount", "an amount needs construction capex to draw it against");
            }
            if (!bad(at + ".tenor_years") && !bad("project.mine_life_years") && t.tenor_years > deal_.project.mine_life_years)
                report(at + ".tenor_years", fmt::format("tenor {} years is longer than the mine life ({} years)",
                                                        t.tenor_years, deal_.project.mine_life_years));
            if (!bad(at + ".tenor_years") && !bad(at + ".grace_periods") &&
                t.grace_periods >= t.tenor_years * periods_per_year())
                report(at + ".grace_periods",
                       fmt::format("grace of {} periods leaves no repayment within the {}-year tenor",
                                   t.grace_periods, t.tenor_years));
        }
        if (drawn > 1.0 + 1e-9)
            report("debt.tranches", fmt::format("the tranches draw {:.6g} of construction capex together ({}); "
                                                "at most 1", drawn, drawn_text));
    }

    void year_list(const std::vector<Kpi::YearTarget>& v, const std::string& path) {
        if (bad(path)) return;
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i > 0 && v[i].year <= v[i - 1].year)
                report(item_path(path, i) + ".year",
                       fmt::format("years must increase (year {} follows {})", v[i].year, v[i - 1].year));
            if (!bad("project.mine_life_years") && v[i].year > deal_.project.mine_life_years)
                report(item_path(path, i) + ".year", fmt::format("operating year {} is after the mine life ({} years)",
                                                                 v[i].year, deal_.project.mine_life_years));
        }
    }

    void kpis() {
        if (!deal_.sustainability_linked_margin) return;
        const auto& kpis = deal_.sustainability_linked_margin->kpis;
        std::map<std::string, std::size_t> names;
        for (std::size_t i = 0; i < kpis.size(); ++i) {
            const std::string base = item_path("sustainability_linked_margin.kpis", i);
            auto [it, fresh] = names.emplace(kpis[i].name, i);
            if (!fresh)
                report(base + ".name", fmt::format("KPI '{}' is listed twice (also kpis[{}])", kpis[i].name, it->second));
            year_list(kpis[i].targets, base + ".targets");
            year_list(kpis[i].planned, base + ".planned");
        }
    }

    const YAML::Node& root_;
    const Deal& deal_;
    const std::string& file_;
    std::vector<Problem>& problems_;
    std::vector<std::string> already_;
};

}  // namespace

void check_rules(const YAML::Node& root, const Deal& deal, const std::string& file, std::vector<Problem>& problems) {
    Rules(root, deal, file, problems).run();
}

std::vector<Problem> analyse(const YAML::Node& root, const std::string& source, Deal* out) {
    std::vector<Problem> problems;
    check_structure(root, source, problems);
    Deal deal = build_deal(root, source);
    check_rules(root, deal, source, problems);
    if (out) *out = std::move(deal);
    return problems;
}

}  // namespace offtake::io
