#pragma once
/**
 * @file
 * `frontdoor::Json`, nlohmann::json: the type of the JSON edges of the core (data files and
 * requests read, responses written), natively and in the wasm alike.
 */
#include <nlohmann/json.hpp>

namespace frontdoor {

using Json = nlohmann::json;

namespace detail {

/**
 * `value` when it is a scalar (null, boolean, number, string), else null. The domain holds only
 * scalars (fact, option and condition values, a phone's menu option); copying them this way keeps
 * basic_json's copy constructor, which copies whole arrays and objects, out of the wasm
 * (about 1 KB brotli).
 */
Json scalar(const Json& value);

}  // namespace detail

}  // namespace frontdoor
