#include <offtake/deal.hpp>

namespace offtake {

const char* to_string(Commodity c) {
    switch (c) {
        case Commodity::LithiumCarbonate: return "lithium_carbonate";
        case Commodity::LithiumHydroxide: return "lithium_hydroxide";
        case Commodity::SpodumeneConcentrate: return "spodumene_concentrate";
        case Commodity::CopperCathode: return "copper_cathode";
        case Commodity::CopperConcentrate: return "copper_concentrate";
    }
    return "unknown";
}

}  // namespace offtake
