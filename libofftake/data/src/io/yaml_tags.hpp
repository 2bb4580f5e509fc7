// Tags refused before yaml-cpp sees the text. Our files have no use for YAML tags
// (!money 6500, !!str 5), and yaml-cpp 0.7 loops, allocating without bound, on some
// tagged documents that libyaml accepts (fuzz_price_model: `! a` followed by a line that
// starts with ','). So the libyaml event stream is walked once and the first tag is
// reported with its field path, line and column.
#pragma once

#include <offtake/errors.hpp>

#include <string>
#include <vector>

#include <yaml.h>

namespace offtake::io {

// Follows the field path ("offtakes[0].pricing.floor") through libyaml events.
class YamlTagGuard {
  public:
    YamlTagGuard(std::string source, std::string file_words)
        : source_(std::move(source)), file_words_(std::move(file_words)) {}

    // Reads one event; returns false (and adds the problem) on the first tag.
    bool accept(const yaml_event_t& event, std::vector<Problem>& problems);

  private:
    struct Frame {
        bool mapping = false;
        bool at_key = true;   // a mapping's next node is a key
        long index = 0;       // a sequence's next index
        std::string key;      // a mapping's current key
    };
    std::string path() const;
    void finished_node(const std::string* scalar_key);

    std::string source_, file_words_;
    std::vector<Frame> frames_;
};

}  // namespace offtake::io
