#include "montecarlo/common_random_numbers.hpp"

#include <offtake/errors.hpp>

#include <algorithm>
#include <filesystem>

namespace offtake::montecarlo {

MonteCarloOptions pin_common_random_numbers(const Deal& deal, MonteCarloOptions o) {
    if (!o.seed) o.seed = deal.simulation.seed;
    if (!o.paths) o.paths = static_cast<std::uint64_t>(std::max(1L, deal.simulation.paths));
    if (!o.scenario_start) o.scenario_start = deal.project.time.start;
    if (!o.price_model && !o.price_simulator) {
        std::string file = o.price_model_path.empty() ? deal.simulation.price_model : o.price_model_path;
        if (!file.empty()) {
            std::filesystem::path p(file);
            std::error_code ec;
            if (o.price_model_path.empty() && p.is_relative() && !deal.source.empty() &&
                !std::filesystem::exists(p, ec))
                p = std::filesystem::path(deal.source).parent_path() / p;
            o.price_model = load_price_model(p.string());
            o.price_model_path = p.string();  // kept for the inputs hash
        }
    }
    return o;
}

}  // namespace offtake::montecarlo
