#pragma once
/**
 * @file
 * The data team's structural checks of the five data files (docs/data-format.md), in the
 * frontdoor_tools library: every problem at once, with its file and JSON pointer. The model they
 * build serves the checks only; load_model (checks.hpp) builds the model it keeps with the
 * reader (reader.hpp), as the browser module does. The further checks (freshness, wording
 * references, the path walk) are checks.hpp's.
 *
 * Problem ids: json.syntax, json.too_deep; data.file.missing, data.file.unknown; data.field.missing,
 * data.field.unknown, data.field.type; data.id.invalid, data.id.duplicate; data.wording;
 * data.date; data.phone.not_uk, data.phone.superseded; data.ref.service, data.ref.group,
 * data.ref.locality, data.ref.level, data.ref.fact, data.ref.value, data.ref.audience;
 * data.age.range; data.source.not_url (a per-fact source or contact_page that is not a web
 * address), data.source.no_fact (email_source or email_checked without an email);
 * data.rules.condition, data.rules.catch_all, data.rules.empty, data.rules.no_question;
 * data.questions.type, data.questions.duplicate_fact; data.ui.missing (an age range with no note
 * while ui.json lacks "age_outside"); data.safety.overlap (a concern both a risk and
 * administrative); plus the calendar and schedule ids.
 */
#include <memory>

#include "frontdoor/json.hpp"

#include "frontdoor/calendar.hpp"
#include "frontdoor/errors.hpp"
#include "frontdoor/model.hpp"
#include "frontdoor/reader.hpp"

namespace frontdoor {

/** The data file names, in the order they are checked. */
const std::vector<std::string>& data_file_names();

/** Checks `files` (object: file name → file text as a string, or the parsed JSON object). */
LoadResult read_model(const Json& files);

/**
 * Parses one `when` condition as rules.json would (area values are checked against the towns of
 * `model`). Problems are reported in `rules.json` at `pointer`.
 */
Condition parse_condition(const Model& model, const Json& when, const std::string& pointer, Problems& problems);

/** Parses JSON text; on a syntax error adds json.syntax with line and column and returns null. */
Json parse_json_text(const std::string& text, const std::string& file, Problems& problems);

}  // namespace frontdoor
