#pragma once
/**
 * @file
 * The checks of `data/calendar.json` and of a service's `schedule` member (see
 * docs/data-format.md). They build nothing: the reader's read_calendar and read_schedule
 * (reader.hpp) build what passed.
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

#include "frontdoor/errors.hpp"
#include "frontdoor/json.hpp"

namespace frontdoor {

/**
 * Checks `doc` (the parsed `calendar.json`): every problem found is appended to `problems` with
 * `file` and its JSON pointer.
 */
void check_calendar(const Json& doc, const std::string& file, Problems& problems);

/**
 * Checks `node` (a service's `schedule` member, found at `pointer` in `file`): every problem
 * found is appended to `problems`.
 */
void check_schedule(const Json& node, const std::string& file, const std::string& pointer, Problems& problems);

}  // namespace frontdoor
