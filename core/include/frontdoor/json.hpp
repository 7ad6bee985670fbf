#pragma once
/**
 * @file
 * `frontdoor::Json`, nlohmann::json: the type of the JSON edges of the core (data files and
 * requests read, responses written), natively and in the wasm alike.
 */
#include <nlohmann/json.hpp>

namespace frontdoor {

using Json = nlohmann::json;

}  // namespace frontdoor
