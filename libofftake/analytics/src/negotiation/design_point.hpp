// What the grid design and the optimiser share (docs/negotiation.md sections 8 and 11):
// one structure evaluated with the buyer's side measured on the run's own paths, and the
// frontier and recommendation over the structures tried.
#pragma once

#include <offtake/negotiation.hpp>

#include <string>
#include <vector>

namespace offtake::negotiation_detail {

// The candidate's full run (evaluate_candidate) and the buyer's side of offtake `buyer`
// on the same paths: cost against spot by a light second pass, capital at risk, expected
// loss on it, P(shortfall).
DesignPoint evaluate_design_point(const DealDocument& deal, const std::vector<NegotiationTerm>& terms,
                                  const std::vector<double>& values, const std::vector<TargetCondition>& target,
                                  const NegotiationOptions& negotiation, const MonteCarloOptions& pinned,
                                  const Scorecard& card, std::size_t buyer);

// What both searches set up before their first run: the run options pinned for every
// candidate (one seed and path count: common random numbers), the scorecard, and the
// result's request fields (terms, debt, preference, budget, the target bound to the deal).
struct SearchSetup {
    MonteCarloOptions pinned;
    Scorecard card;
};
SearchSetup open_search(const DealDocument& deal, const std::vector<NegotiationTerm>& terms,
                        const std::vector<TargetCondition>& target, std::size_t buyer, BuyerPreference preference,
                        std::optional<double> budget, const NegotiationOptions& negotiation,
                        const MonteCarloOptions& options, DesignSearch& out);

// The cost a recommendation minimises: cost against spot plus expected loss on capital.
double buyer_cost(const DesignPoint& p);

// Marks every point's `on_frontier` and sets `recommended` by the search's preference
// and budget (the rule of section 8).
void mark_frontier_and_recommend(DesignSearch& search);

}  // namespace offtake::negotiation_detail
