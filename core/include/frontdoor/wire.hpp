#pragma once
/**
 * @file
 * The response side of the JSON wire (docs/api.md): the shapes of problems and refusals, and
 * the request members every op reads the same way, and the writers of the domain's answers
 * (question, contact, outcome): every response member the core writes is written here. Requests
 * are read with nlohmann/json.
 */
#include <optional>
#include <string>

#include "frontdoor/calendar.hpp"
#include "frontdoor/errors.hpp"
#include "frontdoor/json.hpp"
#include "frontdoor/reader.hpp"
#include "frontdoor/rules.hpp"

namespace frontdoor {

/** `key` as one token of a JSON pointer (RFC 6901: `~` is written `~0`, `/` is written `~1`). */
inline std::string pointer_token(const std::string& key) { return (Json::json_pointer() / key).to_string().substr(1); }

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

/**
 * The `at` and `files` of a load, lint or stamp request. When either is missing or malformed,
 * `files` is null and `refusal` is the answer (time.invalid, request.field).
 */
struct FilesRequest {
  UtcSeconds at = 0;
  const Json* files = nullptr; /**< into the request */
  Json refusal;
};
FilesRequest files_request(const Json& request);

/** The answer to a load: `{"ok": true, "checked", "warnings"}`, or the refusal of its problems. */
Json load_answer(const LoadResult& result);

/**
 * The question as shown for `facts`: wording resolved for the audience, the options of
 * shown_options, area questions listing the directory's towns, the unknown option last
 * (value null). Shape: docs/api.md → next_question.
 */
Json question_json(const Model& model, const Question& question, const Facts& facts);

/**
 * One contact as in docs/api.md (`contacts[]`), wording resolved for `audience`; `role` as in
 * ContactResult ("" gives null).
 */
Json contact_json(const Service& service, const OpenState& state, const std::string& why,
                  const std::string& audience, const std::string& role = "");

/** The whole `route` response body (without `ok`) for an outcome. */
Json outcome_json(const Model& model, const Outcome& outcome, const Facts& facts, UtcSeconds at);

}  // namespace frontdoor
