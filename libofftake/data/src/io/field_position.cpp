// Where a field of a deal file sits (line and column, one-based), for errors found after
// loading: a deal that asks the scenario for a factor it does not have is refused with
// the line of the field that asks.
#include <offtake/deal_file.hpp>

#include <yaml-cpp/yaml.h>

#include <sstream>

namespace offtake {

FieldPosition find_field_position(const std::string& file, const std::string& dotted_path) {
    FieldPosition out;
    if (file.empty()) return out;
    try {
        YAML::Node node = YAML::LoadFile(file);
        std::istringstream parts(dotted_path);
        std::string key;
        while (std::getline(parts, key, '.')) {
            if (!node.IsMap()) return out;
            node = node[key];
            if (!node.IsDefined()) return out;
        }
        const auto mark = node.Mark();
        if (mark.line >= 0) out = FieldPosition{mark.line + 1, mark.column + 1};
    } catch (const YAML::Exception&) {
        // Unreadable now: the message goes without a position.
    }
    return out;
}

}  // namespace offtake
