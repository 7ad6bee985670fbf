#pragma once
// Internal: the one JSON parse path of the core, and the nesting pre-check.
#include <cstddef>
#include <string_view>

#include "frontdoor/json.hpp"

namespace frontdoor::detail {

/** Deepest nesting of arrays and objects accepted in a request or a data file's text. */
constexpr std::size_t kMaxJsonDepth = 256;

/**
 * True when `text` nests arrays/objects deeper than `limit` (brackets inside strings do not
 * count). A cheap scan run before parsing, so no deep document is ever built or destroyed.
 */
bool json_nesting_exceeds(std::string_view text, std::size_t limit = kMaxJsonDepth);

/**
 * Parses `text` as one JSON document; throws Json::parse_error. Every parse in the
 * core goes through here so that the wasm build holds one instantiation of nlohmann's parser
 * (a DOM sax parser, without json::parse's callback variant).
 */
Json parse_json(std::string_view text);

}  // namespace frontdoor::detail
