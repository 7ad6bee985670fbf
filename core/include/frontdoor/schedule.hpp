#pragma once
/**
 * @file
 * Weekly opening schedules with minute precision, holiday hours, "open now" and "opens next".
 */
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "frontdoor/calendar.hpp"

namespace frontdoor {

/** Open from `open` to `close`, minutes since local midnight (0 ≤ open < close ≤ 1440). */
struct Interval {
  int open = 0;
  int close = 0;
  std::string label; /**< who answers in this interval; empty = the service itself */
};

/** When a service answers. */
struct Schedule {
  enum class Kind {
    always,  /**< every minute (999) */
    weekly,  /**< `weekly` by weekday, `holidays` on bank holidays and closure days */
    unknown, /**< the source publishes no hours */
  };
  Kind kind = Kind::unknown;
  std::array<std::vector<Interval>, 7> weekly; /**< index 0 = Monday; sorted, not overlapping */
  std::vector<Interval> holidays;              /**< replaces the weekday's intervals on holidays */
};

/** Whether a service is open at an instant. */
struct OpenState {
  std::optional<bool> open_now;        /**< nullopt when the hours are unknown */
  std::optional<UtcSeconds> closes_at; /**< end of the current open period (adjacent intervals,
                                            also over midnight, merge); nullopt if closed or 24/7 */
  std::optional<UtcSeconds> opens_next; /**< next opening when closed (within 14 days) */
  std::string label_now;               /**< label of the interval open now, if any */
};

/** The intervals that apply on a local `date`. */
const std::vector<Interval>& intervals_on(const Schedule& schedule, const Calendar& calendar, Date date);

/** The open state of `schedule` at instant `now`. */
OpenState open_state(const Schedule& schedule, const Calendar& calendar, UtcSeconds now);

/** Minutes since midnight from `"HH:MM"` (00:00..24:00); nullopt when malformed. */
std::optional<int> parse_hhmm(const std::string& text);

/** `"HH:MM"` of minutes since midnight (0..1440), as printf's "%02d:%02d" writes it. */
std::string format_hhmm(int minutes);

/** Plain-English clock time as GOV.UK writes it: "8.45am", "5pm", "midnight", "midday". */
std::string format_clock(int minute_of_day);

}  // namespace frontdoor
