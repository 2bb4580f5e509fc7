// A negotiation request in words: the terms the buyer may move ("PATH=LO..HI") and the
// lenders' target ("p10_dscr_min>=1.30,category>=Good"), parsed, then checked against
// the deal (the parameter paths of the data layer's DealDocument, the metric catalogue,
// the scorecard's categories). Syntax: docs/negotiation.md section 1.
#include "montecarlo/path_context.hpp"

#include <offtake/errors.hpp>
#include <offtake/metric_catalogue.hpp>
#include <offtake/negotiation.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace offtake {
namespace {

std::string trim(const std::string& s) {
    std::size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
    return s.substr(a, b - a);
}

// A whole text that is one finite number (strtod's syntax: 8000, 2e8, -0.5).
std::optional<double> number(const std::string& text) {
    const std::string t = trim(text);
    if (t.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(t.c_str(), &end);
    if (end != t.c_str() + t.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

const char* const kStatistics[] = {"mean", "p5", "p10", "p50", "p90", "p95"};

}  // namespace

NegotiationTerm parse_negotiation_term(const std::string& text) {
    const std::string what = "--vary '" + text + "'";
    const auto eq = text.rfind('=');
    if (eq == std::string::npos)
        throw UsageError(what + ": write PATH=LO..HI, e.g. offtakes[0].pricing.floor=8000..14000");
    NegotiationTerm term;
    term.path = trim(text.substr(0, eq));
    const std::string range = text.substr(eq + 1);
    const auto dots = range.find("..");
    if (term.path.empty() || dots == std::string::npos)
        throw UsageError(what + ": write PATH=LO..HI, e.g. offtakes[0].pricing.floor=8000..14000");
    const auto lo = number(range.substr(0, dots)), hi = number(range.substr(dots + 2));
    if (!lo || !hi) throw UsageError(what + ": LO and HI must be finite numbers (8000, 2e8, 0.25)");
    if (!(*lo < *hi)) throw UsageError(what + fmt::format(": LO must be below HI (got {} .. {})", *lo, *hi));
    term.low = *lo;
    term.high = *hi;
    return term;
}

std::vector<TargetCondition> parse_target(const std::string& text) {
    std::vector<TargetCondition> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        const std::string part = trim(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        start = comma == std::string::npos ? text.size() + 1 : comma + 1;
        const std::string what = "--target '" + part + "'";
        if (part.empty()) throw UsageError("--target '" + text + "': an empty condition (two commas, or a comma at an end)");
        TargetCondition c;
        c.text = part;
        auto ge = part.find(">="), le = part.find("<=");
        if ((ge == std::string::npos) == (le == std::string::npos))
            throw UsageError(what + ": a condition is NAME>=VALUE or NAME<=VALUE (e.g. p10_dscr_min>=1.30)");
        const auto op = ge != std::string::npos ? ge : le;
        c.at_least = ge != std::string::npos;
        const std::string name = trim(part.substr(0, op)), rhs = trim(part.substr(op + 2));
        if (name == "category") {
            c.kind = TargetCondition::Kind::Category;
            if (!c.at_least) throw UsageError(what + ": a category target reads category>=NAME (that category or better)");
            if (rhs.empty()) throw UsageError(what + ": name a category of the scorecard (Strong, Good, ...)");
            c.category = rhs;
        } else {
            const auto v = number(rhs);
            if (!v) throw UsageError(what + ": the bound must be a finite number");
            c.value = *v;
            if (name == "score") {
                c.kind = TargetCondition::Kind::Score;
            } else {
                c.kind = TargetCondition::Kind::Metric;
                c.statistic = "mean";
                c.metric = name;
                for (const char* s : kStatistics) {
                    const std::string prefix = std::string(s) + "_";
                    if (name.rfind(prefix, 0) == 0 && name.size() > prefix.size()) {
                        c.statistic = s;
                        c.metric = name.substr(prefix.size());
                    }
                }
                if (c.metric.empty()) throw UsageError(what + ": name a metric (e.g. p10_dscr_min, p_default)");
            }
        }
        out.push_back(std::move(c));
    }
    return out;
}

namespace {

// "equity[K].share" -> K; nullopt for any other path.
std::optional<std::size_t> equity_share_index(const std::string& path) {
    const std::string head = "equity[", tail = "].share";
    if (path.size() <= head.size() + tail.size() || path.compare(0, head.size(), head) != 0 ||
        path.compare(path.size() - tail.size(), tail.size(), tail) != 0)
        return std::nullopt;
    const std::string digits = path.substr(head.size(), path.size() - head.size() - tail.size());
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    return static_cast<std::size_t>(std::stoul(digits));
}

std::size_t equity_count(const DealDocument& deal) {
    std::size_t k = 0;
    try {
        while (deal.has(fmt::format("equity[{}].name", k))) ++k;
    } catch (const DealError&) {
        // past the list's end
    }
    return k;
}

// The coupled equity shares (docs/negotiation.md section 12): the shares the request
// varies take their values, and every other investor's is rescaled pro rata so that all
// sum to 1: share_j' = share_j (1 - sum of the varied) / (sum of the others' shares).
struct EquityCoupling {
    std::vector<std::size_t> varied;   // index into terms
    std::vector<std::size_t> others;   // equity items not varied
    std::vector<double> others_share;  // their shares in the deal file
    double others_total = 0.0;
};

EquityCoupling equity_coupling(const DealDocument& deal, const std::vector<NegotiationTerm>& terms) {
    EquityCoupling c;
    std::vector<bool> is_varied;
    for (std::size_t i = 0; i < terms.size(); ++i)
        if (const auto k = equity_share_index(terms[i].path)) {
            c.varied.push_back(i);
            if (is_varied.size() <= *k) is_varied.resize(*k + 1, false);
            is_varied[*k] = true;
        }
    if (c.varied.empty()) return c;
    const std::size_t n = equity_count(deal);
    for (std::size_t k = 0; k < n; ++k)
        if (k >= is_varied.size() || !is_varied[k]) {
            c.others.push_back(k);
            c.others_share.push_back(deal.get_number(fmt::format("equity[{}].share", k)));
            c.others_total += c.others_share.back();
        }
    return c;
}

}  // namespace

DealDocument with_terms(const DealDocument& deal, const std::vector<NegotiationTerm>& terms,
                        const std::vector<double>& values) {
    DealDocument doc = deal;
    // Related fields may move together (a floor and a cap): each value's own rule is
    // checked here, the relations when the deal is built.
    doc.set_relation_checks(false);
    for (std::size_t i = 0; i < terms.size(); ++i) doc.set_number(terms[i].path, values.at(i));
    const EquityCoupling c = equity_coupling(deal, terms);
    if (!c.varied.empty() && !c.others.empty()) {
        double varied = 0.0;
        for (const std::size_t i : c.varied) varied += values.at(i);
        if (varied > 1.0 + 1e-12)
            throw UsageError(fmt::format("the equity shares varied sum to {:g}, above 1", varied));
        if (c.others_total <= 0.0 && varied < 1.0)
            throw UsageError("the equity shares not varied are all 0: nothing to rescale pro rata so that they sum to 1");
        const double factor = c.others_total > 0.0 ? std::max(0.0, 1.0 - varied) / c.others_total : 0.0;
        for (std::size_t j = 0; j < c.others.size(); ++j)
            doc.set_number(fmt::format("equity[{}].share", c.others[j]), c.others_share[j] * factor);
    }
    doc.set_relation_checks(true);
    return doc;
}

void check_terms(const DealDocument& deal, const std::vector<NegotiationTerm>& terms) {
    if (terms.empty()) throw UsageError("negotiate needs at least one --vary PATH=LO..HI");
    for (std::size_t i = 0; i < terms.size(); ++i) {
        const NegotiationTerm& t = terms[i];
        const std::string what = fmt::format("--vary {}={}..{}", t.path, t.low, t.high);
        for (std::size_t j = 0; j < i; ++j)
            if (terms[j].path == t.path) throw UsageError(what + ": this parameter is varied twice");
        ParamKind kind{};
        try {
            kind = deal.kind(t.path);
        } catch (const DealError& e) {
            throw UsageError(what + ": " + (e.problems().empty() ? std::string(e.what()) : e.problems().front().rule) +
                             " (parameter paths are the deal file's keys: docs/deal-file.md)");
        }
        if (kind != ParamKind::Number && kind != ParamKind::Integer)
            throw UsageError(what + ": " + t.path + " holds a " + to_string(kind) + ", not a number; only numeric terms can be searched");
        if (!(t.low < t.high)) throw UsageError(what + ": LO must be below HI");
        for (const double end : {t.low, t.high}) {
            DealDocument probe = deal;
            probe.set_relation_checks(false);
            try {
                probe.set_number(t.path, end);
            } catch (const DealError& e) {
                const std::string rule = e.problems().empty() ? std::string(e.what()) : e.problems().front().rule;
                throw UsageError(fmt::format("{}: {} is outside the field's limits: {}", what, end, rule));
            }
        }
    }
    // Coupled equity shares: the varied ones at their highs together at most 1, and some
    // other investor with a share to rescale (section 12).
    const EquityCoupling c = equity_coupling(deal, terms);
    if (!c.varied.empty()) {
        double highs = 0.0;
        std::string names;
        for (const std::size_t i : c.varied) {
            highs += terms[i].high;
            names += (names.empty() ? "" : ", ") + terms[i].path;
        }
        if (c.others.empty())
            throw UsageError("--vary " + names + ": every equity share is varied, so none is left to rescale so that "
                             "they sum to 1; vary all but one");
        if (highs > 1.0 + 1e-12)
            throw UsageError(fmt::format("--vary {}: the equity shares varied reach {:g} together at their highs, "
                                         "above 1 (the other investors' shares are rescaled to 1 minus their sum)",
                                         names, highs));
        if (c.others_total <= 0.0)
            throw UsageError("--vary " + names + ": the other investors' shares are all 0, so none can be rescaled pro "
                             "rata to make the shares sum to 1");
    }
}

std::vector<TargetCondition> bind_targets(const std::vector<TargetCondition>& target, const Deal& deal,
                                          const MonteCarloOptions& options) {
    if (target.empty()) throw UsageError("negotiate needs a --target (e.g. \"p10_dscr_min>=1.30,category>=Good\")");
    std::vector<std::string> investors, buyers;
    for (const auto& e : deal.equity) investors.push_back(e.name);
    for (const auto& o : deal.offtakes) buyers.push_back(o.buyer);
    const auto slots = metric_slots(investors, buyers, [](const MetricEntry& e) { return e.in_monte_carlo(); },
                                    tranche_names(deal));
    const Scorecard card = montecarlo::scorecard_for(options);
    std::vector<TargetCondition> out = target;
    for (auto& c : out) {
        const std::string what = "--target '" + c.text + "'";
        if (c.kind == TargetCondition::Kind::Category) {
            std::string names;
            bool found = false;
            for (const auto& cat : card.categories) {
                names += (names.empty() ? "" : ", ") + cat.name;
                if (cat.name == c.category) {
                    c.value = cat.min_score;
                    found = true;
                }
            }
            if (!found) throw UsageError(what + ": the scorecard '" + card.name + "' has no category '" + c.category +
                                         "' (its categories: " + names + ")");
            continue;
        }
        if (c.kind == TargetCondition::Kind::Score) continue;
        const MetricSlot* slot = nullptr;
        for (const auto& s : slots)
            if (metric_name(*s.entry, s.index) == c.metric) slot = &s;
        if (!slot) {
            std::string names;
            for (const auto& s : slots)
                if (s.entry->scope == MetricScope::Deal) names += (names.empty() ? "" : ", ") + std::string(s.entry->key);
            throw UsageError(what + ": no Monte Carlo metric '" + c.metric +
                             "' (deal metrics: " + names +
                             "; a buyer's or investor's as buyers[0].p_shortfall, equity_irr[1]; optional prefix "
                             "mean_, p5_, p10_, p50_, p90_, p95_; also score and category)");
        }
        if (!slot->entry->summary && c.statistic != "mean")
            throw UsageError(what + ": " + c.metric + " is a probability or expected value, which has no percentiles; write " +
                             c.metric + (c.at_least ? ">=" : "<=") + "X");
    }
    return out;
}

}  // namespace offtake
