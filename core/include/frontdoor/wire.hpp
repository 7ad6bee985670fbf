#pragma once
/**
 * @file
 * The response side of the JSON wire (docs/api.md): the shapes of problems and refusals, and
 * the request members every op reads the same way. Requests are read with nlohmann/json; every
 * response is built here or in the writers beside the data they write (rules.hpp: outcome_json).
 */
#include <optional>
#include <string>

#include "frontdoor/calendar.hpp"
#include "frontdoor/errors.hpp"
#include "frontdoor/json.hpp"

namespace frontdoor {

/** One problem: `{"id", "where", "file", "pointer", "message", "warning", "line"}`. */
Json problem_json(const Problem& problem);

/** The errors (`warnings` false) or the warnings (true) of `problems`, as problem_json objects. */
Json problems_json(const Problems& problems, bool warnings);

/** A refusal: `{"ok": false, "errors": [...], "warnings": [...]}`. */
Json failure(const Problems& problems);

/** A refusal with one error `id` at `where` (a pointer without its leading slash, or ""). */
Json failure(const std::string& id, const std::string& where, const std::string& message);

/**
 * A request's `at`: the instant it names, now when it is absent or null, or nullopt after adding
 * time.invalid to `problems`.
 */
std::optional<UtcSeconds> request_at(const Json& request, Problems& problems);

}  // namespace frontdoor
