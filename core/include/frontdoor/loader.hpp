#pragma once
/**
 * @file
 * Builds a Model from the five data files, checking everything (docs/data-format.md) and
 * returning every problem at once.
 *
 * Problem ids: json.syntax; data.file.missing, data.file.unknown; data.field.missing,
 * data.field.unknown, data.field.type; data.id.invalid, data.id.duplicate; data.wording;
 * data.date; data.phone.not_uk, data.phone.superseded; data.ref.service, data.ref.group,
 * data.ref.locality, data.ref.level, data.ref.fact, data.ref.value, data.ref.audience;
 * data.age.range; data.source.not_url (a per-fact source or contact_page that is not a web
 * address), data.source.no_fact (email_source or email_checked without an email); data.rules.condition, data.rules.catch_all, data.rules.empty,
 * data.rules.unreachable, data.rules.no_question; data.questions.type, data.questions.duplicate_fact,
 * data.questions.unused, data.questions.cycle; data.paths.dead_end, data.paths.no_contact;
 * data.ui.missing (an age range with no note while ui.json lacks "age_outside");
 * data.safety.overlap (a concern both a risk and administrative); data.text.unknown_service,
 * data.text.unknown_group, data.text.service_by_name (wording that names a service it cannot
 * resolve, or by name: checked by the native core only, as `frontdoor bundle` checks the web's);
 * data.safety.property (the safety proof of `frontdoor lint`, tools.hpp check_safety);
 * data.checked.stale and data.checked.future (warnings); plus the calendar and schedule ids.
 */
#include <memory>

#include "frontdoor/json.hpp"

#include "frontdoor/calendar.hpp"
#include "frontdoor/errors.hpp"
#include "frontdoor/model.hpp"

namespace frontdoor {

/** The data file names, in the order they are checked. */
const std::vector<std::string>& data_file_names();

/** The result of a load: a model only when there is no error. */
struct LoadResult {
  std::shared_ptr<const Model> model; /**< null when `problems` has an error */
  Problems problems;                  /**< errors and warnings */
};

/**
 * Loads `files` (object: file name → file text as a string, or the parsed JSON object).
 * `at` is the instant for freshness warnings and for the path walk.
 */
LoadResult load_model(const Json& files, UtcSeconds at);

/**
 * Parses one `when` condition as rules.json would (area values are checked against the towns of
 * `model`). Problems are reported in `rules.json` at `pointer`.
 */
Condition parse_condition(const Model& model, const Json& when, const std::string& pointer, Problems& problems);

/** Parses JSON text; on a syntax error adds json.syntax with line and column and returns null. */
Json parse_json_text(const std::string& text, const std::string& file, Problems& problems);

}  // namespace frontdoor
