// `bfvsim schema`: a JSON Schema (draft-07) of the scenario format, walked from the loader's own key
// tables (sim/scenario/scenario_keys.cpp), its config option tables (config_loader.cpp's bind lists,
// through modelled_options()) and the unit parser's unit tables (core/units.cpp). docs/scenario-format.md.
#pragma once
#include <nlohmann/json.hpp>

namespace bfv {
nlohmann::ordered_json scenario_schema();
}  // namespace bfv
