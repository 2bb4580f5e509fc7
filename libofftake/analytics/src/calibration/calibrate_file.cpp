// One entry point for the command line: model name -> reader -> estimator.
#include <offtake/calibration.hpp>

namespace offtake {

std::optional<CalibrationModel> parse_calibration_model(const std::string& name) {
    if (name == "gbm") return CalibrationModel::Gbm;
    if (name == "schwartz1f") return CalibrationModel::Schwartz1F;
    if (name == "schwartz-smith" || name == "schwartz_smith") return CalibrationModel::SchwartzSmith;
    return std::nullopt;
}

CalibrationResult calibrate_file(const std::string& csv_path, CalibrationModel model) {
    switch (model) {
        case CalibrationModel::Gbm: return calibrate_gbm(read_price_series(csv_path));
        case CalibrationModel::Schwartz1F: return calibrate_one_factor(read_price_series(csv_path));
        case CalibrationModel::SchwartzSmith:
            return calibrate_schwartz_smith(read_futures_panel(csv_path));
    }
    return calibrate_gbm(read_price_series(csv_path));
}

}  // namespace offtake
