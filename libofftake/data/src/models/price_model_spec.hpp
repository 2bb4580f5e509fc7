// A price model as models/prices/*.yaml describes it: one entry per commodity, each a
// set of Gaussian factors (GBM: one Brownian factor; Schwartz 1997: one OU factor;
// Schwartz-Smith 2000: an OU short-term factor and a Brownian long-term factor), an
// optional jump overlay, and one instantaneous correlation matrix over every factor of
// the file. Parsed once on one thread into these plain structs (yaml-cpp is not
// thread-safe); simulators read them only while being built.
#pragma once

#include <offtake/deal.hpp>
#include <offtake/price_model_file.hpp>

#include <optional>
#include <memory>
#include <string>
#include <vector>

namespace offtake {

enum class PriceDynamics { Deterministic, Gbm, OneFactor, TwoFactor };
const char* to_string(PriceDynamics d);

// Merton jumps in the log price: Poisson arrivals at `intensity` per year, log sizes
// N(mean, stdev^2). In mean-reverting models a jump decays with the short-term factor's
// kappa (a spike that reverts, as lithium's 2021-2023 spike did); under GBM it is permanent.
struct JumpSpec {
    double intensity = 0.0;
    double mean = 0.0;
    double stdev = 0.0;
};

struct CommodityPriceSpec {
    std::string name;                 // key in the file: a commodity name or "copper"
    PriceDynamics dynamics = PriceDynamics::Deterministic;
    int line = 0;                     // one-based line of the entry, for errors
    std::optional<double> spot;       // today's price if the file fixes it (else forward[0])

    // GBM: dS/S = mu dt + sigma dW; risk-neutral drift mu - lambda sigma (model futures).
    double mu = 0.0;
    double sigma = 0.0;
    // One-factor (Schwartz 1997 model 1): d ln S = kappa (alpha - ln S) dt + sigma dW;
    // under Q alpha* = alpha - lambda / kappa.
    double kappa = 0.0;
    double alpha = 0.0;
    double lambda = 0.0;
    // Two-factor (Schwartz-Smith 2000): ln S = chi + xi,
    // d chi = -kappa chi dt + sigma_chi dW_chi, d xi = mu_xi dt + sigma_xi dW_xi,
    // dW_chi dW_xi = rho dt; under Q chi drifts by -lambda_chi and xi by mu_xi_star.
    double sigma_chi = 0.0;
    double sigma_xi = 0.0;
    double mu_xi = 0.0;
    double mu_xi_star = 0.0;
    double lambda_chi = 0.0;
    double rho = 0.0;
    double chi0 = 0.0;                // today's short-term deviation (xi0 = ln S0 - chi0)

    // Deterministic: a flat price is a one-entry table; empty = the caller's forward curve.
    std::vector<double> deck_by_year;

    std::optional<JumpSpec> jumps;
    std::string source;               // provenance, echoed in reports

    int first_factor = -1;            // index of its first factor in PriceModelSpec::factors
    int factor_count() const;
    bool matches(Commodity c) const;  // "copper" matches cathode and concentrate
};

// One Gaussian factor: dX = -kappa X dt + sigma dW, X_0 = 0 (kappa = 0: Brownian).
// Drifts and starting levels live in the deterministic log level, not in the factor.
struct FactorSpec {
    std::string name;                 // "lithium_carbonate", or "<name>.short" / "<name>.long"
    double kappa = 0.0;
    double sigma = 0.0;
};

struct PriceModelSpec {
    std::string file;                 // where it came from (errors, reports)
    std::string description;
    std::vector<CommodityPriceSpec> commodities;
    std::vector<FactorSpec> factors;
    std::vector<double> correlation;  // factors x factors, row-major, validated PSD
    std::vector<double> cholesky;     // lower triangular factor of `correlation`

    const CommodityPriceSpec* find(Commodity c) const;
    double corr(int a, int b) const { return correlation[a * factors.size() + b]; }
};

// Fills `factors`, `correlation` and `cholesky` from the commodities and the explicit
// cross-factor entries (pairs of factor indices and values). Throws DealError naming the
// file and the offending entries if the matrix is not a correlation matrix or not PSD.
struct CorrelationEntry {
    int a = 0, b = 0;
    double value = 0.0;
    int line = 0;
};
void assemble_factors(PriceModelSpec& spec, const std::vector<CorrelationEntry>& entries,
                      int correlation_line);

// load_price_model on text already read (`path` names it in messages); the fuzz target
// tests/fuzz/fuzz_price_model.cpp drives it. Throws DealError.
std::shared_ptr<const PriceModelSpec> parse_price_model(const std::string& text, const std::string& path);

}  // namespace offtake
