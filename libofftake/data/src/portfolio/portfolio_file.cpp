// Reading a portfolio file: the text checks and structural walk every YAML input of the
// library passes (io/yaml_text.hpp, io/deal_reader.hpp) against the portfolio schema,
// then the values, then the rules that relate the portfolio to the deals it names
// (the named counterparties exist in the deal, one currency, a country for every
// project). Every problem is reported, each with its file, line, column and field.
#include <offtake/portfolio.hpp>

#include <offtake/deal_file.hpp>

#include "io/deal_build.hpp"
#include "io/deal_reader.hpp"
#include "io/yaml_text.hpp"
#include "portfolio/portfolio_schema.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <set>

namespace offtake {

namespace {

using namespace io;

const YamlFileKind kPortfolioYaml{"portfolio file", "a portfolio needs buyer, needs and positions",
                                  "buyer, currency, needs, positions, candidates, stresses, optimise, spot, report, simulation, country_events"};

constexpr Commodity kCommodities[] = {Commodity::LithiumCarbonate, Commodity::LithiumHydroxide,
                                      Commodity::SpodumeneConcentrate, Commodity::CopperCathode,
                                      Commodity::CopperConcentrate};

Commodity commodity_named(const std::string& s) {
    for (Commodity c : kCommodities)
        if (s == to_string(c)) return c;
    return Commodity::LithiumCarbonate;  // unreachable: the schema allows only these names
}

// The value of `key` in `map` when it passes its own rule (else its problem was
// reported by the structural walk).
std::optional<YAML::Node> good(const YAML::Node& map, const Field& parent, const char* key) {
    const Field* f = parent.child(key);
    if (!f || !map.IsMap()) return std::nullopt;
    YAML::Node n = find_key(map, key);
    if (!n.IsDefined() || n.IsNull() || !node_rule(n, *f).empty()) return std::nullopt;
    return n;
}

std::optional<std::string> text_of(const YAML::Node& map, const Field& parent, const char* key) {
    auto n = good(map, parent, key);
    return n ? std::optional<std::string>(n->Scalar()) : std::nullopt;
}

std::optional<double> number_at(const YAML::Node& map, const Field& parent, const char* key) {
    auto n = good(map, parent, key);
    return n ? std::optional<double>(number_of(n->Scalar())) : std::nullopt;
}

class PortfolioReader {
  public:
    PortfolioReader(const YAML::Node& root, const std::string& file, std::vector<Problem>& problems)
        : root_(root), file_(file), problems_(problems) {
        for (const auto& p : problems) already_.insert(p.field);
    }

    Portfolio read() {
        Portfolio pf;
        pf.source = file_;
        const Field& schema = portfolio_schema();
        if (auto s = text_of(root_, schema, "buyer")) pf.buyer = *s;
        if (auto s = text_of(root_, schema, "currency")) pf.currency = *s;
        if (!bad("currency") && !is_currency(pf.currency))
            report(root_, "currency", fmt::format("must be an ISO 4217 code of three capital letters, got '{}'",
                                                  pf.currency.size() > 16 ? pf.currency.substr(0, 16) + "..." : pf.currency));
        read_needs(pf, *schema.child("needs"));
        read_spot(pf, *schema.child("spot"));
        read_report(pf, *schema.child("report"));
        read_simulation(pf, *schema.child("simulation"));
        read_positions(pf, *schema.child("positions"), "positions", pf.positions);
        read_positions(pf, *schema.child("candidates"), "candidates", pf.candidates);
        read_stresses(pf, *schema.child("stresses"));
        read_optimise(pf, *schema.child("optimise"));
        read_country_events(pf, *schema.child("country_events"), *schema.child("spot"));
        spot_needs_a_price(pf);
        return pf;
    }

  private:
    static bool is_currency(const std::string& s) {
        if (s.size() != 3) return false;
        for (char c : s)
            if (c < 'A' || c > 'Z') return false;
        return true;
    }

    bool bad(const std::string& path) const {
        for (const auto& p : already_)
            if (p == path || (p.size() > path.size() && p.compare(0, path.size(), path) == 0 &&
                              (p[path.size()] == '.' || p[path.size()] == '[')))
                return true;
        return false;
    }

    void report(const YAML::Node& at, const std::string& path, std::string rule) {
        YAML::Node n = find_node(root_, *parse_path(path));
        problems_.push_back(problem_at(file_, n.IsDefined() ? n : at, path, std::move(rule)));
        already_.insert(path);
    }

    void read_needs(Portfolio& pf, const Field& f) {
        auto list = good(root_, portfolio_schema(), "needs");
        if (!list) return;
        std::map<Commodity, std::size_t> seen;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const YAML::Node item = (*list)[i];
            const std::string base = item_path("needs", i);
            ProductNeed need;
            auto product = text_of(item, *f.item, "product");
            if (!product) continue;
            need.product = commodity_named(*product);
            auto [it, fresh] = seen.emplace(need.product, i);
            if (!fresh) {
                report(item, base + ".product",
                       fmt::format("{} is needed twice (also needs[{}]); give one entry per product", *product,
                                   it->second));
                continue;
            }
            const Field& years_field = *f.item->child("years");
            auto years = good(item, *f.item, "years");
            if (!years) continue;
            for (std::size_t k = 0; k < years->size(); ++k) {
                const YAML::Node y = (*years)[k];
                auto year = number_at(y, *years_field.item, "year");
                auto tonnes = number_at(y, *years_field.item, "tonnes");
                if (!year || !tonnes) continue;
                const std::string yp = item_path(base + ".years", k);
                if (!need.years.empty() && static_cast<int>(*year) <= need.years.back().year) {
                    report(y, yp + ".year",
                           fmt::format("years must increase: {} follows {}", static_cast<int>(*year),
                                       need.years.back().year));
                    continue;
                }
                need.years.push_back({static_cast<int>(*year), *tonnes});
            }
            pf.needs.push_back(std::move(need));
        }
    }

    void read_spot(Portfolio& pf, const Field& f) {
        auto m = good(root_, portfolio_schema(), "spot");
        if (!m) return;
        if (auto v = number_at(*m, f, "max_share")) pf.spot.max_share = *v;
        if (auto v = number_at(*m, f, "shortage_premium")) pf.spot.shortage_premium = *v;
    }

    void read_report(Portfolio& pf, const Field& f) {
        auto m = good(root_, portfolio_schema(), "report");
        if (!m) return;
        if (auto v = number_at(*m, f, "concentration_limit")) pf.report.concentration_limit = *v;
        if (auto v = number_at(*m, f, "carbon_price")) pf.report.carbon_price = *v;
        if (auto v = text_of(*m, f, "carbon_standard")) pf.report.carbon_standard = *v;
        if (auto l = good(*m, f, "shortfall_thresholds")) {
            pf.report.shortfall_thresholds.clear();
            for (std::size_t i = 0; i < l->size(); ++i) {
                const double x = number_of((*l)[i].Scalar());
                if (!pf.report.shortfall_thresholds.empty() && !(x > pf.report.shortfall_thresholds.back()))
                    report(*m, item_path("report.shortfall_thresholds", i),
                           fmt::format("thresholds must increase: {} follows {}", x,
                                       pf.report.shortfall_thresholds.back()));
                else
                    pf.report.shortfall_thresholds.push_back(x);
            }
        }
    }

    void read_simulation(Portfolio& pf, const Field& f) {
        auto m = good(root_, portfolio_schema(), "simulation");
        if (!m) return;
        if (auto s = text_of(*m, f, "price_model")) {
            const auto base = std::filesystem::path(file_).parent_path();
            pf.price_model = (base / *s).lexically_normal().string();
        }
        if (auto v = good(*m, f, "paths")) pf.paths = static_cast<long>(integer_of(v->Scalar()));
        if (auto v = good(*m, f, "seed")) pf.seed = static_cast<unsigned long long>(integer_of(v->Scalar()));
    }

    std::vector<std::string> names(const YAML::Node& position, const Field& f, const char* key) {
        std::vector<std::string> out;
        if (auto l = good(position, f, key))
            for (std::size_t i = 0; i < l->size(); ++i) out.push_back((*l)[i].Scalar());
        return out;
    }

    // Each name must be a counterparty of the deal in that role, and named once.
    void check_names(const std::vector<std::string>& given, const std::vector<std::string>& in_deal,
                     const YAML::Node& position, const std::string& base, const char* key, const char* role,
                     const std::string& deal_file) {
        std::set<std::string> seen;
        for (std::size_t i = 0; i < given.size(); ++i) {
            const std::string path = item_path(base + "." + key, i);
            if (!seen.insert(given[i]).second) {
                report(position, path, fmt::format("'{}' is named twice", given[i]));
                continue;
            }
            bool found = false;
            for (const auto& n : in_deal) found = found || n == given[i];
            if (found) continue;
            std::string known;
            for (const auto& n : in_deal) known += (known.empty() ? "'" : ", '") + n + "'";
            report(position, path,
                   fmt::format("{} has no {} '{}' ({})", deal_file, role, given[i],
                               known.empty() ? fmt::format("it has no {}", role) : "it has " + known));
        }
    }

    // `key`: positions or candidates (a candidate also gives its offtake's volume bounds).
    void read_positions(Portfolio& pf, const Field& f, const char* key, std::vector<PortfolioPosition>& out) {
        auto list = good(root_, portfolio_schema(), key);
        if (!list) return;
        const Field& item = *f.item;
        const bool candidate = std::string(key) == "candidates";
        const auto folder = std::filesystem::path(file_).parent_path();
        for (std::size_t i = 0; i < list->size(); ++i) {
            const YAML::Node node = (*list)[i];
            const std::string base = item_path(key, i);
            PortfolioPosition pos;
            auto deal_file = text_of(node, item, "deal");
            if (!deal_file) continue;
            pos.deal_file = *deal_file;
            const std::string path = (folder / *deal_file).lexically_normal().string();
            std::vector<Problem> deal_problems = validate_deal_file(path);
            if (!deal_problems.empty()) {
                // The deal's own problems, with its file's name, after a pointer from here.
                report(node, base + ".deal",
                       fmt::format("deal file {} cannot be used ({} problem{} below)", path, deal_problems.size(),
                                   deal_problems.size() == 1 ? "" : "s"));
                for (auto& p : deal_problems) problems_.push_back(std::move(p));
                continue;
            }
            pos.deal = load_deal_file(path);
            const Deal& d = pos.deal;
            pos.offtakes = names(node, item, "offtakes");
            pos.prepayments = names(node, item, "prepayments");
            pos.equity = names(node, item, "equity");
            pos.guarantees = names(node, item, "guarantees");
            std::vector<std::string> buyers, prepayer, investors, providers;
            for (const auto& o : d.offtakes) buyers.push_back(o.buyer);
            if (d.prepayment) prepayer.push_back(d.prepayment->buyer);
            for (const auto& e : d.equity) investors.push_back(e.name);
            if (d.guarantee) providers.push_back(d.guarantee->provider);
            if (!bad(base + ".offtakes")) check_names(pos.offtakes, buyers, node, base, "offtakes", "offtake buyer", path);
            if (!bad(base + ".prepayments"))
                check_names(pos.prepayments, prepayer, node, base, "prepayments", "prepayment buyer", path);
            if (!bad(base + ".equity")) check_names(pos.equity, investors, node, base, "equity", "equity investor", path);
            if (!bad(base + ".guarantees"))
                check_names(pos.guarantees, providers, node, base, "guarantees", "guarantee provider", path);
            if (pos.offtakes.empty() && pos.prepayments.empty() && pos.equity.empty() && pos.guarantees.empty() &&
                !bad(base + ".offtakes") && !bad(base + ".prepayments") && !bad(base + ".equity") &&
                !bad(base + ".guarantees"))
                report(node, base,
                       "a position names at least one of the deal's offtakes, prepayments, equity or guarantees");
            if (d.project.currency != pf.currency && !bad("currency"))
                report(node, base + ".deal",
                       fmt::format("{} is in {}, the portfolio in {}: one currency for all (no conversion is made)",
                                   path, d.project.currency, pf.currency));
            countries(pos, node, item, base, path);
            if (auto c = good(node, item, "converts_to")) {
                const Field& cf = *item.child("converts_to");
                auto product = text_of(*c, cf, "product");
                auto factor = number_at(*c, cf, "tonnes_per_tonne");
                if (product && factor) pos.converts_to = ProductConversion{commodity_named(*product), *factor};
            }
            if (auto c = good(node, item, "carbon")) {
                const Field& cf = *item.child("carbon");
                auto intensity = number_at(*c, cf, "intensity");
                auto source = text_of(*c, cf, "source");
                if (intensity && source) {
                    CarbonIntensity ci{*intensity, *source, false};
                    if (auto m = good(*c, cf, "meets_standard")) ci.meets_standard = bool_of(m->Scalar());
                    pos.carbon = ci;
                }
            }
            if (candidate) volume_on_offer(pos, node, item, base, path);
            out.push_back(std::move(pos));
        }
    }

    // A candidate offers one offtake, sized in tonnes a year, within its bounds: the
    // optimiser chooses that volume, what-if adds it at the deal file's.
    void volume_on_offer(PortfolioPosition& pos, const YAML::Node& node, const Field& item, const std::string& base,
                         const std::string& deal_path) {
        auto bounds = good(node, item, "volume_tpa");
        if (!bounds) return;
        const Field& bf = *item.child("volume_tpa");
        auto lo = number_at(*bounds, bf, "min");
        auto hi = number_at(*bounds, bf, "max");
        if (!lo || !hi) return;
        if (*lo > *hi) {
            report(node, base + ".volume_tpa.min", fmt::format("min {} is above max {}", *lo, *hi));
            return;
        }
        pos.volume = VolumeBounds{*lo, *hi};
        if (bad(base + ".offtakes")) return;
        if (pos.offtakes.size() != 1) {
            report(node, base + ".offtakes",
                   fmt::format("a candidate names exactly one offtake, the one on offer (it names {})",
                               pos.offtakes.size()));
            return;
        }
        for (const auto& o : pos.deal.offtakes) {
            if (o.buyer != pos.offtakes.front()) continue;
            if (!o.volume_tpa) {
                report(node, item_path(base + ".offtakes", 0),
                       fmt::format("the offtake of '{}' in {} is sized by share: a candidate's volume is chosen in "
                                   "tonnes a year, so its offtake gives volume_tpa",
                                   o.buyer, deal_path));
            } else if (*o.volume_tpa < *lo || *o.volume_tpa > *hi) {
                report(node, base + ".volume_tpa",
                       fmt::format("the offtake of '{}' in {} has volume_tpa {}, outside [{}, {}]: the terms on "
                                   "offer lie within the bounds",
                                   o.buyer, deal_path, *o.volume_tpa, *lo, *hi));
            }
        }
    }

    void read_stresses(Portfolio& pf, const Field& f) {
        auto list = good(root_, portfolio_schema(), "stresses");
        if (!list) return;
        const Field& item = *f.item;
        std::set<std::string> names;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const YAML::Node node = (*list)[i];
            const std::string base = item_path("stresses", i);
            PortfolioStress st;
            auto name = text_of(node, item, "name");
            if (!name) continue;
            st.name = *name;
            if (!names.insert(st.name).second) {
                report(node, base + ".name", fmt::format("stress '{}' is named twice", st.name));
                continue;
            }
            const bool has_ban = find_key(node, "export_ban").IsDefined();
            const bool has_fail = find_key(node, "fails_to_complete").IsDefined();
            if (has_ban == has_fail) {
                report(node, base, "a stress gives exactly one of export_ban and fails_to_complete");
                continue;
            }
            if (has_ban) {
                auto ban = good(node, item, "export_ban");
                if (!ban) continue;
                const Field& bf = *item.child("export_ban");
                auto country = text_of(*ban, bf, "country");
                auto from = number_at(*ban, bf, "from_year");
                auto years = number_at(*ban, bf, "years");
                if (!country || !from || !years) continue;
                if (!is_country_code(*country)) {
                    report(*ban, base + ".export_ban.country",
                           fmt::format("'{}' is not an ISO 3166-1 alpha-2 country code (two capital letters of an "
                                       "assigned code such as CN, ID, CD)",
                                       country->size() > 16 ? country->substr(0, 16) + "..." : *country));
                    continue;
                }
                ExportBanStress b{*country, static_cast<int>(*from), *years, 1.0};
                if (auto share = number_at(*ban, bf, "share")) b.share = *share;
                st.export_ban = b;
            } else {
                auto deal = text_of(node, item, "fails_to_complete");
                if (!deal) continue;
                bool known = false;
                std::string deals;
                for (const auto* list_of : {&pf.positions, &pf.candidates})
                    for (const auto& p : *list_of) {
                        known = known || p.deal_file == *deal;
                        deals += (deals.empty() ? "'" : ", '") + p.deal_file + "'";
                    }
                if (!known) {
                    report(node, base + ".fails_to_complete",
                           fmt::format("'{}' is not the deal of a position or candidate ({})", *deal,
                                       deals.empty() ? "none loaded" : "they are " + deals));
                    continue;
                }
                st.fails_to_complete = *deal;
            }
            pf.stresses.push_back(std::move(st));
        }
    }

    // The country model of processing-country bans and spot sources; every spot source is
    // one of its countries, named once, the shares summing to at most 1.
    void read_country_events(Portfolio& pf, const Field& f, const Field& spot_field) {
        if (auto m = good(root_, portfolio_schema(), "country_events"))
            if (auto model = text_of(*m, f, "model")) {
                const auto base = std::filesystem::path(file_).parent_path();
                const std::string path = (base / *model).lexically_normal().string();
                try {
                    pf.countries = load_country_model(path);
                } catch (const DealError& e) {
                    report(*m, "country_events.model",
                           fmt::format("country model {} cannot be used ({} problem{} below)", path,
                                       e.problems().size(), e.problems().size() == 1 ? "" : "s"));
                    for (const auto& p : e.problems()) problems_.push_back(p);
                }
            }
        auto spot = good(root_, portfolio_schema(), "spot");
        if (!spot) return;
        auto list = good(*spot, spot_field, "sources");
        if (!list) return;
        const Field& item = *spot_field.child("sources")->item;
        std::set<std::string> seen;
        double total = 0.0;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const YAML::Node node = (*list)[i];
            const std::string base = item_path("spot.sources", i);
            auto country = text_of(node, item, "country");
            auto share = number_at(node, item, "share");
            if (!country || !share) continue;
            if (!is_country_code(*country)) {
                report(node, base + ".country",
                       fmt::format("'{}' is not an ISO 3166-1 alpha-2 country code (two capital letters such as CN)",
                                   country->size() > 16 ? country->substr(0, 16) + "..." : *country));
                continue;
            }
            if (!seen.insert(*country).second) {
                report(node, base + ".country", fmt::format("{} is named twice", *country));
                continue;
            }
            if (!pf.countries) {
                if (!bad("country_events"))
                    report(node, base, "a spot source is lost only under a modelled restriction: give country_events.model");
                continue;
            }
            if (!pf.countries->find(*country)) {
                report(node, base + ".country",
                       fmt::format("{} is not in the country model {} (it models {})", *country, pf.countries->file,
                                   pf.countries->country_names()));
                continue;
            }
            total += *share;
            if (total > 1.0 + 1e-12) {
                report(node, base + ".share", fmt::format("spot sources' shares sum to {} (above 1)", total));
                continue;
            }
            pf.spot.sources.push_back({*country, *share});
        }
    }

    // The optimiser's problem: exactly one constraint, and candidates to choose.
    void read_optimise(Portfolio& pf, const Field& f) {
        auto m = good(root_, portfolio_schema(), "optimise");
        if (!m) return;
        OptimiseSpec spec;
        const bool p = find_key(*m, "p_shortfall").IsDefined(), c = find_key(*m, "cvar95_unmet").IsDefined();
        if (p == c) {
            report(*m, "optimise", "the optimiser takes exactly one constraint: p_shortfall or cvar95_unmet");
            return;
        }
        const char* key = p ? "p_shortfall" : "cvar95_unmet";
        spec.measure = p ? OptimiseMeasure::PShortfall : OptimiseMeasure::Cvar95Unmet;
        auto k = good(*m, f, key);
        if (!k) return;
        const Field& kf = *f.child(key);
        auto max = number_at(*k, kf, "max");
        if (!max) return;
        spec.max = *max;
        if (auto over = text_of(*k, kf, "over")) spec.over = *over == "all_years" ? OptimiseScope::AllYears : OptimiseScope::EachYear;
        if (auto v = good(*m, f, "paths")) spec.paths = static_cast<long>(integer_of(v->Scalar()));
        if (auto v = number_at(*m, f, "volume_step")) spec.volume_step = *v;
        if (auto v = number_at(*m, f, "time_limit")) spec.time_limit_s = *v;
        if (pf.candidates.empty() && !bad("candidates"))
            report(*m, "optimise", "the optimiser chooses the volumes of candidates: the file lists none");
        pf.optimise = spec;
    }

    void countries(PortfolioPosition& pos, const YAML::Node& node, const Field& item, const std::string& base,
                   const std::string& deal_path) {
        const std::string& deal_country = pos.deal.project.country;
        auto mining = text_of(node, item, "mining_country");
        auto processing = text_of(node, item, "processing_country");
        if (mining && !is_country_code(*mining))
            report(node, base + ".mining_country",
                   fmt::format("'{}' is not an ISO 3166-1 alpha-2 country code (two capital letters of an assigned "
                               "code such as AU, RS, US)", mining->size() > 16 ? mining->substr(0, 16) + "..." : *mining));
        else if (mining && !deal_country.empty() && *mining != deal_country)
            report(node, base + ".mining_country",
                   fmt::format("mining_country {} contradicts project.country {} of {}: give the country in one place",
                               *mining, deal_country, deal_path));
        else if (!mining && deal_country.empty() && !bad(base + ".mining_country"))
            report(node, base,
                   fmt::format("{} states no project.country: give the mine's country as mining_country", deal_path));
        pos.mining_country = mining ? *mining : deal_country;
        if (processing && !is_country_code(*processing))
            report(node, base + ".processing_country",
                   fmt::format("'{}' is not an ISO 3166-1 alpha-2 country code (two capital letters of an assigned "
                               "code such as AU, CN, US)",
                               processing->size() > 16 ? processing->substr(0, 16) + "..." : *processing));
        pos.processing_country = processing ? *processing : pos.mining_country;
    }

    // A spot top-up is priced at the index of its product, which the scenario gives
    // through a deal of that product.
    void spot_needs_a_price(const Portfolio& pf) {
        if (!(pf.spot.max_share > 0.0)) return;
        for (std::size_t i = 0; i < pf.needs.size(); ++i) {
            bool priced = false;
            for (const auto& p : pf.positions) priced = priced || p.deal.project.commodity == pf.needs[i].product;
            if (!priced && pf.positions.size() == static_cast<std::size_t>(find_node(root_, *parse_path("positions")).size()))
                report(root_, item_path("needs", i) + ".product",
                       fmt::format("spot top-ups of {} need its index price, which comes from a position's deal of {}: "
                                   "no position's deal is of it (set spot.max_share to 0, or add such a position)",
                                   to_string(pf.needs[i].product), to_string(pf.needs[i].product)));
        }
    }

    const YAML::Node& root_;
    const std::string& file_;
    std::vector<Problem>& problems_;
    std::set<std::string> already_;
};

std::vector<Problem> read_portfolio(const std::string& path, Portfolio* out) {
    std::vector<Problem> problems;
    try {
        std::string text;
        if (!read_text_file(path, text, problems, nullptr, "portfolio file")) return problems;
        YAML::Node root = parse_yaml_map(text, path, kPortfolioYaml, problems);
        if (!problems.empty()) return problems;
        check_structure(root, portfolio_schema(), path, problems);
        Portfolio pf = PortfolioReader(root, path, problems).read();
        if (out) *out = std::move(pf);
    } catch (const DealError& e) {
        for (const auto& p : e.problems()) problems.push_back(p);
    } catch (const std::exception& e) {
        problems.push_back({path, 0, 0, "", std::string("cannot read the portfolio: ") + e.what()});
    }
    return problems;
}

}  // namespace

Portfolio load_portfolio_file(const std::string& path) {
    Portfolio pf;
    auto problems = read_portfolio(path, &pf);
    if (!problems.empty()) throw DealError(std::move(problems));
    return pf;
}

std::vector<Problem> validate_portfolio_file(const std::string& path) { return read_portfolio(path, nullptr); }

const char* to_string(OptimiseMeasure m) {
    return m == OptimiseMeasure::PShortfall ? "p_shortfall" : "cvar95_unmet";
}

const char* to_string(OptimiseScope s) { return s == OptimiseScope::EachYear ? "each_year" : "all_years"; }

std::string portfolio_schema_markdown() { return io::schema_markdown(io::portfolio_schema()); }

}  // namespace offtake
