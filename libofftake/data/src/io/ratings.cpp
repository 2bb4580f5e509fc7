// Buyer rating -> annual default probability, from models/ratings.yaml (compiled in).
#include "io/ratings.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>
#include <vector>

namespace offtake::io {

extern const char* const kRatingsYaml;

namespace {
// Parsed once; immutable afterwards (function-local static, thread-safe initialisation).
const std::map<std::string, double>& ratings_table() {
    static const std::map<std::string, double> table = [] {
        std::map<std::string, double> out;
        const YAML::Node root = YAML::Load(kRatingsYaml);
        const YAML::Node categories = root["categories"];
        const YAML::Node ratings = root["ratings"];
        for (auto it = ratings.begin(); it != ratings.end(); ++it)
            out[it->first.as<std::string>()] = categories[it->second.as<std::string>()].as<double>();
        return out;
    }();
    return table;
}

// The categories by annual PD, best first: parsed once, immutable afterwards.
const std::vector<std::pair<std::string, double>>& categories_by_pd() {
    static const std::vector<std::pair<std::string, double>> list = [] {
        std::vector<std::pair<std::string, double>> out;
        const YAML::Node categories = YAML::Load(kRatingsYaml)["categories"];
        for (auto it = categories.begin(); it != categories.end(); ++it)
            out.emplace_back(it->first.as<std::string>(), it->second.as<double>());
        std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
        return out;
    }();
    return list;
}
}  // namespace

std::string implied_rating(double pd) {
    if (!(pd >= 0.0 && pd <= 1.0)) return "";
    const auto& list = categories_by_pd();
    for (std::size_t k = 0; k + 1 < list.size(); ++k) {
        const double p = list[k].second, q = list[k + 1].second;
        // Below the geometric mean of the two neighbours: the better one (p = 0: only 0).
        if (p <= 0.0 ? pd <= 0.0 : pd < std::sqrt(p * q)) return list[k].first;
    }
    return list.empty() ? "" : list.back().first;
}

std::optional<double> rating_default_probability(const std::string& rating) {
    const auto& table = ratings_table();
    auto it = table.find(rating);
    if (it == table.end()) return std::nullopt;
    return it->second;
}

}  // namespace offtake::io
