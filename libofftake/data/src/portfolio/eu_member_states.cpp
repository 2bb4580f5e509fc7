// EU member states, from models/eu_member_states.yaml (compiled in): the countries that
// are not third countries for the CRMA benchmark (docs/portfolio.md).
#include <offtake/portfolio.hpp>

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace offtake {

namespace io {
extern const char* const kEuMemberStatesYaml;
}

namespace {
// Parsed once; immutable afterwards (function-local static, thread-safe initialisation).
const std::vector<std::string>& members() {
    static const std::vector<std::string> table = [] {
        std::vector<std::string> out;
        const YAML::Node root = YAML::Load(io::kEuMemberStatesYaml);
        for (const auto& n : root["member_states"]) out.push_back(n["code"].as<std::string>());
        std::sort(out.begin(), out.end());
        return out;
    }();
    return table;
}
}  // namespace

bool is_eu_member_state(const std::string& code) {
    return std::binary_search(members().begin(), members().end(), code);
}

std::vector<std::string> eu_member_states() { return members(); }

}  // namespace offtake
