// Buyer rating -> annual default probability, from models/ratings.yaml (compiled in).
#include "io/ratings.hpp"

#include <yaml-cpp/yaml.h>

#include <map>

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
}  // namespace

std::optional<double> rating_default_probability(const std::string& rating) {
    const auto& table = ratings_table();
    auto it = table.find(rating);
    if (it == table.end()) return std::nullopt;
    return it->second;
}

}  // namespace offtake::io
