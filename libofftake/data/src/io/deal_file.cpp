#include <offtake/deal_file.hpp>

#include "io/deal_build.hpp"
#include "io/yaml_text.hpp"

namespace offtake {

namespace {
std::vector<Problem> validate_text(const std::string& text, const std::string& source, Deal* out) {
    std::vector<Problem> problems;
    try {
        YAML::Node root = io::parse_deal_yaml(text, source, problems);
        if (!problems.empty()) return problems;
        return io::analyse(root, source, out);
    } catch (const std::exception& e) {
        // A safety net: no input may take the caller's process down.
        problems.push_back({source, 0, 0, "", std::string("cannot read the deal: ") + e.what()});
        return problems;
    }
}

std::vector<Problem> validate_path(const std::string& path, Deal* out) {
    std::vector<Problem> problems;
    std::string text;
    if (!io::read_text_file(path, text, problems)) return problems;
    return validate_text(text, path, out);
}
}  // namespace

Deal load_deal_file(const std::string& path) {
    Deal deal;
    auto problems = validate_path(path, &deal);
    if (!problems.empty()) throw DealError(std::move(problems));
    return deal;
}

Deal load_deal_string(const std::string& yaml, const std::string& source_name) {
    Deal deal;
    auto problems = validate_text(yaml, source_name, &deal);
    if (!problems.empty()) throw DealError(std::move(problems));
    return deal;
}

std::vector<Problem> validate_deal_file(const std::string& path) { return validate_path(path, nullptr); }

std::vector<Problem> validate_deal_string(const std::string& yaml, const std::string& source_name) {
    return validate_text(yaml, source_name, nullptr);
}

}  // namespace offtake
