// Price-model files (models/prices/*.yaml): read once, on one thread, into a plain
// parameter set that the scenario layer's simulators are built from.
#pragma once

#include <offtake/export.h>

#include <memory>
#include <string>

namespace offtake {

// A parameter set as models/ ships it (one file may hold several correlated
// commodities). Defined by the data layer (models/price_model_spec.hpp); opaque here.
struct PriceModelSpec;

// Throws DealError naming the file, line, field and rule broken.
OFFTAKE_API std::shared_ptr<const PriceModelSpec> load_price_model(const std::string& path);

}  // namespace offtake
