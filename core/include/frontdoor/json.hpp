#pragma once
/**
 * @file
 * `frontdoor::Json`, the JSON document type of the core's API: nlohmann::json natively (CLI,
 * tests, fuzzing), and in the web build (FRONTDOOR_LEAN) the much smaller
 * frontdoor::detail::LeanJson (frontdoor/lean_json.hpp), which has the same behaviour for the
 * part of nlohmann's API the core uses. Core code must use only that part: construction from
 * scalars, strings, string vectors and initializer lists; `array()`, `object()`; the `is_*`
 * tests and `type_name()`; `get<T>()` for std::string, bool, integers and double;
 * `get_ref<const std::string&>()`; `operator[]`, `at`, `find`, `contains`, `count`, `erase`;
 * iteration with `key()`/`value()`; `size`, `empty`, `front`, `back`, `push_back`,
 * `emplace_back`; `==`/`!=`; `dump()`; and the exceptions `Json::parse_error` (with `byte`),
 * `Json::type_error` and `Json::out_of_range`.
 */
#ifdef FRONTDOOR_LEAN
#include "frontdoor/lean_json.hpp"
#else
#include <nlohmann/json.hpp>
#endif

namespace frontdoor {

#ifdef FRONTDOOR_LEAN
using Json = detail::LeanJson;
#else
using Json = nlohmann::json;
#endif

}  // namespace frontdoor
