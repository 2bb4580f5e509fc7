#include "io/yaml_tags.hpp"

#include <fmt/format.h>

namespace offtake::io {

std::string YamlTagGuard::path() const {
    std::string p;
    for (const Frame& f : frames_) {
        if (f.mapping) {
            if (f.at_key) break;  // the node is a key of this mapping: its parent's path
            p += (p.empty() ? "" : ".") + f.key;
        } else {
            p += fmt::format("[{}]", f.index);
        }
    }
    return p;
}

void YamlTagGuard::finished_node(const std::string* scalar_key) {
    if (frames_.empty()) return;
    Frame& f = frames_.back();
    if (!f.mapping) {
        ++f.index;
    } else if (f.at_key) {
        // A key that is a collection (YAML allows it; our schemas refuse it later) has
        // no name of its own.
        f.key = scalar_key ? *scalar_key : "?";
        f.at_key = false;
    } else {
        f.at_key = true;
    }
}

bool YamlTagGuard::accept(const yaml_event_t& event, std::vector<Problem>& problems) {
    const yaml_char_t* tag = nullptr;
    switch (event.type) {
        case YAML_SCALAR_EVENT: tag = event.data.scalar.tag; break;
        case YAML_SEQUENCE_START_EVENT: tag = event.data.sequence_start.tag; break;
        case YAML_MAPPING_START_EVENT: tag = event.data.mapping_start.tag; break;
        default: break;
    }
    if (tag) {
        std::string written(reinterpret_cast<const char*>(tag));
        if (written.size() > 40) written = written.substr(0, 40) + "...";
        problems.push_back({source_, static_cast<int>(event.start_mark.line) + 1,
                            static_cast<int>(event.start_mark.column) + 1, path(),
                            fmt::format("has the YAML tag '{}'; {}s use no tags: write the value alone",
                                        written, file_words_)});
        return false;
    }
    switch (event.type) {
        case YAML_SCALAR_EVENT: {
            const std::string text(reinterpret_cast<const char*>(event.data.scalar.value),
                                   event.data.scalar.length);
            finished_node(&text);
            break;
        }
        case YAML_ALIAS_EVENT: finished_node(nullptr); break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT: {
            Frame f;
            f.mapping = event.type == YAML_MAPPING_START_EVENT;
            frames_.push_back(std::move(f));
            break;
        }
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            if (!frames_.empty()) frames_.pop_back();
            finished_node(nullptr);
            break;
        default: break;
    }
    return true;
}

}  // namespace offtake::io
