// Short names for deals in column headers: the file name without folder and extension.
#pragma once

#include <filesystem>
#include <string>

namespace offtake::cli {

inline std::string deal_label(const std::string& path) {
    return std::filesystem::path(path).stem().string();
}

}  // namespace offtake::cli
