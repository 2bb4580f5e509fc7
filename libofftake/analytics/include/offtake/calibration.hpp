// Calibration of the price models to history (docs/price-models.md, "Calibration"):
// exact maximum likelihood for GBM and the Schwartz one-factor model from a dated price
// series, and Kalman-filter maximum likelihood for Schwartz-Smith from a futures panel,
// each with standard errors from the observed information (the inverse of the negative
// Hessian of the log-likelihood at the optimum). `offtake calibrate` calls these and
// writes the result as a models/prices-style file with write_price_model().
#pragma once

#include <offtake/deal.hpp>
#include <offtake/export.h>

#include <optional>
#include <string>
#include <vector>

namespace offtake {

// A dated price series: CSV "date,price" (ISO dates, one header line allowed, lines
// starting with '#' are comments). Any spacing: daily, monthly, annual, with gaps.
struct PriceSeries {
    std::string file;
    std::vector<QuantLib::Date> dates;
    std::vector<double> prices;
};
OFFTAKE_API PriceSeries read_price_series(const std::string& csv_path);

// A futures panel: CSV "date,T1,T2,..." whose header gives each column's time to
// maturity in years (constant-maturity columns, as Schwartz-Smith use); cells are prices,
// empty for missing.
struct FuturesPanel {
    std::string file;
    std::vector<QuantLib::Date> dates;
    std::vector<double> maturities;        // years, per column
    std::vector<double> prices;            // dates x maturities, row-major; NaN = missing
};
OFFTAKE_API FuturesPanel read_futures_panel(const std::string& csv_path);

// The same on text already read; `source` names it in messages (the fuzz target
// tests/fuzz/fuzz_price_series.cpp drives these). Throw DealError.
OFFTAKE_API PriceSeries parse_price_series(const std::string& csv_text, const std::string& source);
OFFTAKE_API FuturesPanel parse_futures_panel(const std::string& csv_text, const std::string& source);

enum class CalibrationModel { Gbm, Schwartz1F, SchwartzSmith };
OFFTAKE_API const char* to_string(CalibrationModel m);

struct CalibratedParameter {
    std::string name;                      // as in the model file: mu, sigma, kappa, ...
    double value = 0.0;
    std::optional<double> std_error;       // absent when the information matrix is singular
};

struct CalibrationResult {
    CalibrationModel model = CalibrationModel::Gbm;
    std::string source;                    // the data file
    int observations = 0;                  // prices (or panel dates) used
    QuantLib::Date first, last;
    double last_price = 0.0;               // the series' last price (or nearest future)
    double log_likelihood = 0.0;
    std::vector<CalibratedParameter> parameters;
    std::vector<std::string> notes;        // boundary solutions, small samples, ...
    const CalibratedParameter& parameter(const std::string& name) const;
};

OFFTAKE_API CalibrationResult calibrate_gbm(const PriceSeries& series);
OFFTAKE_API CalibrationResult calibrate_one_factor(const PriceSeries& series);
OFFTAKE_API CalibrationResult calibrate_schwartz_smith(const FuturesPanel& panel);

// For `offtake calibrate FILE --model NAME`: NAME is gbm, schwartz1f, or schwartz-smith
// (schwartz_smith also accepted); nullopt for anything else.
OFFTAKE_API std::optional<CalibrationModel> parse_calibration_model(const std::string& name);
// Reads what the model needs from `csv_path` (a date,price series for gbm and schwartz1f;
// a futures panel for schwartz-smith) and calibrates. Throws DealError on bad data.
OFFTAKE_API CalibrationResult calibrate_file(const std::string& csv_path, CalibrationModel model);

// The calibrated set as a models/prices YAML document for one commodity (a name that
// load_price_model accepts: lithium_carbonate, copper, ...), with the provenance and the
// standard errors as comments.
OFFTAKE_API std::string price_model_yaml(const CalibrationResult& result,
                                         const std::string& commodity);
OFFTAKE_API void write_price_model(const CalibrationResult& result, const std::string& commodity,
                                   const std::string& path);

}  // namespace offtake
