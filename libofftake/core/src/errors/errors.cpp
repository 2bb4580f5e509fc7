#include <offtake/errors.hpp>

#include <fmt/format.h>

namespace offtake {

std::string Problem::to_string() const {
    std::string where = file.empty() ? std::string("<deal>") : file;
    if (line > 0) where += fmt::format(":{}:{}", line, column);
    return field.empty() ? fmt::format("{}: {}", where, rule)
                         : fmt::format("{}: {}: {}", where, field, rule);
}

namespace {
std::string join(const std::vector<Problem>& problems) {
    std::string text;
    for (const auto& p : problems) {
        if (!text.empty()) text += '\n';
        text += p.to_string();
    }
    return text;
}
}  // namespace

DealError::DealError(std::vector<Problem> problems)
    : std::runtime_error(join(problems)), problems_(std::move(problems)) {}

DealError::DealError(Problem problem) : DealError(std::vector<Problem>{std::move(problem)}) {}

}  // namespace offtake
