#pragma once
/**
 * @file
 * Reading `data/calendar.json` and a service's `schedule` member (see docs/data-format.md).
 *
 * Problem ids: `data.calendar.type`, `data.calendar.member`, `data.calendar.division`,
 * `data.calendar.exceptions`, `data.calendar.kind`, `data.calendar.name`, `data.calendar.source`,
 * `data.calendar.duplicate`, `data.calendar.add_existing`, `data.calendar.remove_missing`,
 * `data.date.invalid`; `data.schedule.type`, `data.schedule.member`, `data.schedule.kind`,
 * `data.schedule.weekly`, `data.schedule.days`, `data.schedule.day`, `data.schedule.time`,
 * `data.schedule.inverted`, `data.schedule.overlap`, `data.schedule.label`,
 * `data.schedule.holidays_missing`, `data.schedule.unused` (a warning).
 */
#include <string>

#include "frontdoor/json.hpp"

#include "frontdoor/calendar.hpp"
#include "frontdoor/errors.hpp"
#include "frontdoor/schedule.hpp"

namespace frontdoor {

/**
 * The calendar described by `doc` (the parsed `calendar.json`). Every problem found is appended
 * to `problems` with `file` and its JSON pointer; the returned calendar holds only the
 * exceptions that were valid, so callers must refuse it when `has_errors(problems)`.
 */
Calendar parse_calendar(const Json& doc, const std::string& file, Problems& problems);

/**
 * The schedule described by `node` (a service's `schedule` member, found at `pointer` in
 * `file`). Problems are appended to `problems`; the returned schedule holds only the valid
 * intervals, so callers must refuse it when `has_errors(problems)`.
 */
Schedule parse_schedule(const Json& node, const std::string& file, const std::string& pointer,
                        Problems& problems);

}  // namespace frontdoor
