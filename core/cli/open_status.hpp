#pragma once
// The open/closed line of a contact ("Open now until 9am on Monday"), shared by `frontdoor ask`
// and tests/open_status_test.cpp. The widget's openStatusText (web/components/frontdoor-wizard)
// says exactly the same: both run every row of tests/cases/open_status.json.
#include <string>
#include <utility>
#include <vector>

#include "cli.hpp"
#include "frontdoor/model.hpp"

namespace frontdoor::cli {

/** `{name}` → value pairs for a ui.json template (frontdoor::fill, as the widget fills them). */
using Fill = TemplateArgs;

/** data/ui.json wording for one audience (the `strings` of a `ui` response). */
class Wording {
 public:
  explicit Wording(Json strings) : strings_(std::move(strings)) {}

  /** The wording of `key` with its `{name}` placeholders filled; empty when ui.json has none. */
  std::string get(const std::string& key, const Fill& fill = {}) const;

  /** Whether ui.json has wording for `key` (for this audience). */
  bool has(const std::string& key) const;

 private:
  Json strings_;
};

/** "8.45am", "5pm"; ui.json `time_midnight` and `time_midday` at 00:00 and 12:00. */
std::string clock_text(int minute_of_day, const Wording& ui);

/**
 * The status line of a route response's contact at `now_iso` (the response's `at`), from its
 * `open_now`, `closes_at` and `opens_next`: ui.json `open_until`, `open_always`, `closed_opens`,
 * `closed` or `hours_not_published`. A day within 6 days is named by its weekday ("Monday"),
 * a later one by weekday and date ("Monday 14 December"); a close at midnight belongs to the
 * day that ends then.
 */
std::string open_status(const Json& contact, const std::string& now_iso, const Wording& ui);

/** A line open longer than this many seconds ahead is "answered day and night" (the widget's
    DAY_AND_NIGHT_MS, web/components/frontdoor-wizard/contacts.js). */
constexpr long long kDayAndNightSeconds = 24 * 60 * 60;

/**
 * The line `frontdoor ask` prints, as the widget's openStatusLine: open_status, except that a
 * contact open around the clock (no `closes_at`) or without a break for more than
 * kDayAndNightSeconds from `now_iso` says ui.json `open_day_and_night` ("Answered day and night")
 * instead of a closing time days away, when ui.json has that wording.
 */
std::string open_status_line(const Json& contact, const std::string& now_iso, const Wording& ui);

/** ui.json `outcome_time` for the instant `at_iso`, its `{time}` as ui.json `date_time`:
    "Worked out for Thursday 3 December 2026 at 4.50pm (UK time)" (London time). */
std::string outcome_time(const std::string& at_iso, const Wording& ui);

}  // namespace frontdoor::cli
