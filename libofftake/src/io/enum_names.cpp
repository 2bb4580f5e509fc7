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

const char* to_string(Frequency f) {
    switch (f) {
        case Frequency::Annual: return "annual";
        case Frequency::Semiannual: return "semiannual";
        case Frequency::Quarterly: return "quarterly";
        case Frequency::Monthly: return "monthly";
    }
    return "unknown";
}

}  // namespace offtake
