#include "command.hpp"

#include <map>

namespace offtake::cli {

const char* to_string(Format f) {
    switch (f) {
        case Format::Table: return "table";
        case Format::Json: return "json";
        case Format::Csv: return "csv";
        case Format::Html: return "html";
        case Format::Xlsx: return "xlsx";
    }
    return "table";
}

CLI::Option* add_format_option(CLI::App& cmd, Format& format, std::vector<Format> allowed) {
    std::map<std::string, Format> names;
    std::string list;
    for (Format f : allowed) {
        names.emplace(to_string(f), f);
        list += (list.empty() ? "" : "|") + std::string(to_string(f));
    }
    format = allowed.front();
    return cmd.add_option("--format", format, "Output format: " + list)
        ->transform(CLI::CheckedTransformer(names, CLI::ignore_case))
        ->default_str(to_string(allowed.front()));
}

std::string examples_footer(std::initializer_list<const char*> lines) {
    std::string text = lines.size() > 1 ? "Examples:" : "Example:";
    for (const char* line : lines) text += std::string("\n  ") + line;
    return text;
}

}  // namespace offtake::cli
