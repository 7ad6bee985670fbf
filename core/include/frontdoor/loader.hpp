#pragma once
/**
 * @file
 * The data team's checks of the five data files (docs/data-format.md), in the frontdoor_tools
 * library: every problem at once, with its file and JSON pointer. They only check, in two
 * passes: the structural pass walks the JSON (shapes, types, wording, phone numbers, dates) and
 * builds nothing; then the reader (reader.hpp) builds the Model of the files that passed, as the
 * browser module does, and the references are checked on it (ids listed twice, unknown
 * services, groups, levels, localities and towns, the safety lists, question order, ui.json's
 * "age_outside"). A reference check that needs a file with a structural error is left out. The
 * further checks (freshness, wording references, the path walk) are checks.hpp's.
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

/**
 * Checks `files` (object: file name → file text as a string, or the parsed JSON object); the
 * model is the reader's, and only when there is no error.
 */
LoadResult read_model(const Json& files);

/**
 * Checks one `when` condition as rules.json's are (area values against the towns of `model`) and
 * builds it with the reader's read_condition. Problems are reported in `rules.json` at
 * `pointer`; with one, the condition is empty.
 */
Condition parse_condition(const Model& model, const Json& when, const std::string& pointer, Problems& problems);

/** Parses JSON text; on a syntax error adds json.syntax with line and column and returns null. */
Json parse_json_text(const std::string& text, const std::string& file, Problems& problems);

}  // namespace frontdoor
