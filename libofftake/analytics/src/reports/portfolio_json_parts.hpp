// Parts of the portfolio's JSON document that the what-if document repeats per change
// (docs/json-output.md, "Portfolio" and "Portfolio what-if").
#pragma once

#include <offtake/portfolio_run.hpp>

#include <nlohmann/json.hpp>

#include <vector>

namespace offtake::io {

nlohmann::json products_json(const std::vector<ProductSupply>& products, const PortfolioReport& report);
nlohmann::json capital_json(const CapitalAtRisk& capital);
nlohmann::json portfolio_document(const PortfolioResult& result);  // to_json's document
nlohmann::json estimate_json(const Estimate& e);  // mean, std_error, count

}  // namespace offtake::io
