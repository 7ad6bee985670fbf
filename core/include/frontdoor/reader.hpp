#pragma once
/**
 * @file
 * The reader: builds a Model from data files that were already checked, by `frontdoor bundle`
 * (which stamps what it checked, stamp.hpp) or by the data team's checks (checks.hpp). It checks
 * nothing itself (but read_condition, given a problems sink, is the checks' `when`) and trusts
 * the shapes of docs/data-format.md; anything it did not expect (a missing member, a value of
 * another type) throws, and read_bundle reports that as `bundle.malformed`. The browser module reads its data only through here; the CLI's checks
 * (loader.hpp) build nothing themselves: after their structural pass this reader builds the model
 * their reference checks run on and the CLI keeps, so every route runs on a model built by this
 * one reader.
 *
 * Problem ids: bundle.unstamped, bundle.format, bundle.hash (stamp.hpp), bundle.malformed.
 */
#include <memory>

#include "frontdoor/errors.hpp"
#include "frontdoor/json.hpp"
#include "frontdoor/model.hpp"

namespace frontdoor {

/** The result of a load: a model only when there is no error. */
struct LoadResult {
  std::shared_ptr<const Model> model; /**< null when `problems` has an error */
  Problems problems;                  /**< errors and warnings */
};

/**
 * The model of checked `files` (object: file name → the file's JSON, or its text). Throws (a
 * nlohmann or standard exception) on anything that is not the documented shape.
 */
std::shared_ptr<const Model> read_data(const Json& files);

/**
 * The schedule a checked `schedule` member of a service describes (check_schedule,
 * calendar_json.hpp): the one builder of a Schedule. Throws on a shape it does not know.
 */
Schedule read_schedule(const Json& schedule);

/**
 * The calendar a checked `calendar.json` describes (check_calendar, calendar_json.hpp): the one
 * builder of a Calendar. Throws on a shape it does not know.
 */
Calendar read_calendar(const Json& doc);

/**
 * The condition a checked `when` (rules.json) describes: the one builder of a Condition, for the
 * reader and for the checks (parse_condition, loader.hpp). Throws on a shape it does not know.
 */
Condition read_condition(const Json& when);

/**
 * read_condition of a `when` not yet checked, by the same one definition in C++ of a condition's
 * shape (docs/data-format.md): reports each shape problem in rules.json at `pointer`
 * (data.rules.condition, data.ref.fact, data.ref.value, data.age.range, data.field.type) and
 * leaves the refused part out. The checks (loader.hpp) call it; the browser module does not.
 */
Condition read_condition(const Json& when, const std::string& pointer, Problems& problems);

/** read_data of a stamped bundle: refuses an untrue stamp, and reports a throw as bundle.malformed. */
LoadResult read_bundle(const Json& files);

}  // namespace frontdoor
