// The scorecard's category against the expected loss (docs/bankability.md, "Score and
// expected loss"): a deal should not be Weak with a near-zero expected loss, or Strong
// with a high one, without the output saying why.
#include <offtake/bankability.hpp>
#include <offtake/montecarlo.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace offtake {

namespace {

// Basel slotting, project finance, performing categories: EL = 8 % x EL risk weight x EAD,
// EL risk weights 5, 10, 35 and 100 % (SAMA rulebook 6.2 "Expected Loss for SL Exposures
// Subject to the Supervisory Slotting Criteria"; Central Bank of Bahrain CA-5.7.5).
struct SlottingCategory {
    const char* name;
    double el_rate;
};
constexpr SlottingCategory kSlotting[] = {
    {"Strong", 0.08 * 0.05}, {"Good", 0.08 * 0.10}, {"Satisfactory", 0.08 * 0.35}, {"Weak", 0.08 * 1.00}};
constexpr int kCategories = 4;

// Nearest on a log scale, as the implied rating (docs/credit.md section 5): boundaries at
// the geometric means of neighbouring rates; a rate of 0 is Strong.
int category_of_loss(double el) {
    for (int k = 0; k + 1 < kCategories; ++k)
        if (el < std::sqrt(kSlotting[k].el_rate * kSlotting[k + 1].el_rate)) return k;
    return kCategories - 1;
}

int category_index(const std::string& name) {
    for (int k = 0; k < kCategories; ++k)
        if (name == kSlotting[k].name) return k;
    return -1;
}

// The factors that move the score most in the direction of its category: the largest
// points lost (weight x (100 - sub-score)) when the score is worse than the loss, the
// largest contributions when it is better; at most three.
std::vector<const FactorScore*> drivers(const BankabilityScore& b, bool worse) {
    std::vector<const FactorScore*> f;
    for (const auto& x : b.factors)
        if (x.applicable && x.weight > 0.0) f.push_back(&x);
    auto key = [&](const FactorScore* x) { return worse ? x->weight * (100.0 - x->sub_score) : x->contribution; };
    std::stable_sort(f.begin(), f.end(), [&](const FactorScore* a, const FactorScore* c) { return key(a) > key(c); });
    if (f.size() > 3) f.resize(3);
    return f;
}

std::string listed(const std::vector<const FactorScore*>& f) {
    std::string out;
    for (std::size_t i = 0; i < f.size(); ++i)
        out += fmt::format("{}{} ({:.0f})", i ? ", " : "", f[i]->label, f[i]->sub_score);
    return out;
}

bool is_default_frequency(const std::string& id) {
    return id == "p_default" || id == "pd_annual" || id == "p_dscr_below_1";
}

bool is_loss(const std::string& id) {
    return id == "expected_loss" || id == "expected_loss_net" || id == "annual_expected_loss" ||
           id == "annual_expected_loss_net";
}

// What the drivers outside default risk measure, in words, by their scorecard groups (in
// the order they first appear among the drivers).
std::string group_words(const std::vector<const FactorScore*>& f) {
    static const std::vector<std::pair<std::string, std::string>> words{
        {"coverage", "coverage (DSCR, LLCR)"},
        {"revenue_certainty", "contracts"},
        {"security", "security package"},
        {"stated", "stated standing"}};
    std::vector<std::string> seen;
    for (const auto* x : f) {
        if (is_default_frequency(x->id) || is_loss(x->id)) continue;
        std::string w = x->group;
        for (const auto& [g, text] : words)
            if (g == x->group) w = text;
        if (std::find(seen.begin(), seen.end(), w) == seen.end()) seen.push_back(w);
    }
    std::string out;
    for (std::size_t i = 0; i < seen.size(); ++i)
        out += (i == 0 ? "" : i + 1 == seen.size() ? " and " : ", ") + seen[i];
    return out;
}

// The last sentence: why those factors move the score away from the loss. It names what
// the drivers actually are: the probability of default (scored apart from recoveries),
// the loss net of a guarantee, or factors outside the lenders' loss.
std::string why(const std::vector<const FactorScore*>& f, bool worse) {
    bool frequency = false, loss = false, other = false;
    for (const auto* x : f) {
        if (is_default_frequency(x->id)) frequency = true;
        else if (is_loss(x->id)) loss = true;
        else other = true;
    }
    std::string out;
    if (frequency)
        out += worse ? " The probability of default is scored apart from what a default loses: the high recoveries "
                       "that keep the expected loss low do not lift it."
                     : " The probability of default is scored apart from what a default loses: a low probability "
                       "lifts the score even though a default would lose much.";
    if (loss)
        out += worse ? " The expected-loss factor is scored on the scorecard's own thresholds, which need not be "
                       "the slotting rates the category is compared with."
                     : " The expected-loss factor scores the loss net of the guarantee (or on the user's "
                       "thresholds), lower than the gross loss the category is compared with.";
    if (other)
        out += fmt::format(worse ? " The {} factors score more than the lenders' loss: a low loss does not lift them."
                                 : " The {} factors outweigh the expected loss, which the scorecard weighs at its "
                                   "default-risk share only.",
                           group_words(f));
    return out;
}

}  // namespace

void check_expected_loss_consistency(BankabilityScore& b, const SimulationResult& r) {
    b.annual_expected_loss.reset();
    b.expected_loss_category.clear();
    b.consistency_note.clear();
    if (!b.senior_debt || r.pd_annual.paths == 0) return;
    // Annual: the slotting rates are one-year expected losses. No default: no loss.
    const double lgd = r.lgd.paths > 0 ? r.lgd.value : 0.0;
    const double el = r.pd_annual.value * lgd;
    if (!std::isfinite(el)) return;
    b.annual_expected_loss = el;
    const int by_loss = category_of_loss(el);
    b.expected_loss_category = kSlotting[by_loss].name;
    const int by_score = category_index(b.category);
    if (by_score < 0 || std::abs(by_score - by_loss) < 2) return;
    const bool worse = by_score > by_loss;
    const auto top = drivers(b, worse);
    b.consistency_note = fmt::format(
        "The score's category {} is {} than its expected loss suggests: an annual expected loss of {:.2f} % "
        "(PD {:.2f} % a year x LGD {:.1f} %) is nearest to the slotting rate of {} ({:.1f} %). {}: {}.",
        b.category, worse ? "worse" : "better", 100.0 * el, 100.0 * r.pd_annual.value, 100.0 * lgd,
        kSlotting[by_loss].name, 100.0 * kSlotting[by_loss].el_rate,
        worse ? "The points lost are mostly on" : "The points won are mostly on", listed(top));
    b.consistency_note += why(top, worse);
}

}  // namespace offtake
