#pragma once
/**
 * @file
 * London local time from a UTC instant, and England & Wales bank holidays.
 *
 * Nothing here reads the host's time zone: GMT/BST follow the UK rule (BST from 01:00 UTC on
 * the last Sunday of March to 01:00 UTC on the last Sunday of October).
 */
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace frontdoor {

/** An instant: whole seconds since 1970-01-01T00:00:00Z. */
using UtcSeconds = std::int64_t;

/**
 * A calendar date (proleptic Gregorian).
 *
 * The project is C++17, where `std::chrono::year_month_day` does not exist (libstdc++ only
 * declares it in C++20 mode), so this is a small stand-in with the same accessors:
 * `static_cast<int>(d.year())`, `static_cast<unsigned>(d.month())`, `d.day()`, `d.ok()`.
 */
class Date {
 public:
  /** 1970-01-01. */
  constexpr Date() = default;
  /** `year`-`month`-`day`; not checked (see `ok()`). */
  constexpr Date(int year, unsigned month, unsigned day) : year_(year), month_(month), day_(day) {}
  /** The year, e.g. 2026. */
  constexpr int year() const { return year_; }
  /** The month, 1..12. */
  constexpr unsigned month() const { return month_; }
  /** The day of the month, 1..31. */
  constexpr unsigned day() const { return day_; }
  /** True when this is a real date. */
  bool ok() const;

  friend constexpr bool operator==(const Date& a, const Date& b) {
    return a.year_ == b.year_ && a.month_ == b.month_ && a.day_ == b.day_;
  }
  friend constexpr bool operator!=(const Date& a, const Date& b) { return !(a == b); }
  friend constexpr bool operator<(const Date& a, const Date& b) {
    return a.year_ != b.year_ ? a.year_ < b.year_ : a.month_ != b.month_ ? a.month_ < b.month_ : a.day_ < b.day_;
  }
  friend constexpr bool operator>(const Date& a, const Date& b) { return b < a; }
  friend constexpr bool operator<=(const Date& a, const Date& b) { return !(b < a); }
  friend constexpr bool operator>=(const Date& a, const Date& b) { return !(a < b); }

 private:
  int year_ = 1970;
  unsigned month_ = 1;
  unsigned day_ = 1;
};

/** A wall-clock moment in London. */
struct LondonTime {
  Date date;                  /**< local calendar date */
  int minute_of_day = 0;      /**< minutes since local midnight, 0..1439 */
  int second = 0;             /**< seconds within the minute, 0..59 */
  int utc_offset_minutes = 0; /**< 0 in GMT, 60 in BST */
  int weekday = 0;            /**< 0 = Monday … 6 = Sunday */
};

/** `date` from year, month (1..12) and day (1..31); the result may be invalid (`!ok()`). */
Date make_date(int year, int month, int day);

/** Days since 1970-01-01 of a valid `date` (negative before 1970). */
std::int64_t day_number(Date date);

/** The date `days` days after 1970-01-01. */
Date date_from_day_number(std::int64_t days);

/** `date` moved by `days` days (negative: earlier). */
Date add_days(Date date, std::int64_t days);

/** Weekday of `date`: 0 = Monday … 6 = Sunday. */
int weekday_of(Date date);

/** True when British Summer Time is in force at instant `t`. */
bool is_bst(UtcSeconds t);

/** London local time at instant `t`. */
LondonTime to_london(UtcSeconds t);

/**
 * The instant at which London clocks show `date` `minute_of_day` (0..1440; 1440 is the next
 * midnight). A time skipped by the spring change maps to the instant after the gap; a time
 * repeated by the autumn change maps to its first (BST) occurrence.
 */
UtcSeconds from_london(Date date, int minute_of_day);

/**
 * Parses an ISO 8601 instant: `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z`, `+HH:MM` or `-HH:MM`;
 * a fraction of a second (`.` or `,` then one or more digits) is truncated to the whole second.
 * with no zone it is London local time. Returns nullopt when the text is not such an instant
 * or names an impossible date or time.
 */
std::optional<UtcSeconds> parse_instant(std::string_view text);

/** Parses `YYYY-MM-DD`; nullopt unless it is a real date. */
std::optional<Date> parse_date(std::string_view text);

/** `YYYY-MM-DD`. */
std::string format_date(Date date);

/** London local time with its offset: `2026-11-26T17:00:00+00:00`. */
std::string format_london(UtcSeconds t);

/** The current instant from the system clock (the only clock read in the core). */
UtcSeconds now_utc();

/** One bank holiday. */
struct Holiday {
  Date date;
  std::string name; /**< e.g. "Christmas Day", "Boxing Day (substitute day)" */
};

/** How a `calendar.json` exception changes a day. */
enum class ExceptionKind {
  add,     /**< a bank holiday the rules do not give (e.g. 2023-05-08, Coronation) */
  remove,  /**< a rule date that is not a bank holiday that year (e.g. 2020-05-04) */
  closure, /**< council offices closed: services use their holiday hours; not a bank holiday */
};

/** One entry of `calendar.json` → `exceptions`. */
struct CalendarException {
  Date date;
  ExceptionKind kind = ExceptionKind::add;
  std::string name;
  std::string source;
};

/** England & Wales bank holidays of `year` by rule alone (with substitute days), in date order. */
std::vector<Holiday> rule_bank_holidays(int year);

/** Easter Sunday of `year` (Gregorian computus). */
Date easter_sunday(int year);

/** Bank holidays by rule plus exceptions, and council closure days. */
class Calendar {
 public:
  /** A calendar with no exceptions. */
  Calendar() = default;
  /** A calendar with `exceptions` applied over the rules. */
  explicit Calendar(std::vector<CalendarException> exceptions);

  /** Bank holidays from 1 January `from_year` to 31 December `to_year`, in date order. */
  std::vector<Holiday> bank_holidays(int from_year, int to_year) const;
  /** True when `date` is a bank holiday (rules and exceptions). */
  bool is_bank_holiday(Date date) const;
  /** True when `date` is a council closure day. */
  bool is_closure(Date date) const;
  /** True when services keep their holiday hours on `date` (bank holiday or closure). */
  bool holiday_hours(Date date) const { return is_bank_holiday(date) || is_closure(date); }
  /** The exceptions this calendar applies. */
  const std::vector<CalendarException>& exceptions() const { return exceptions_; }

 private:
  std::vector<CalendarException> exceptions_;
};

/**
 * Converts GOV.UK's `bank-holidays.json` (its `england-and-wales` division) into exceptions
 * relative to the rules, for the years it covers: listed dates the rules lack become `add`,
 * rule dates it does not list become `remove`. Throws `std::invalid_argument` naming the
 * JSON pointer when the text is not in that format.
 */
std::vector<CalendarException> import_govuk_bank_holidays(std::string_view json_text);

namespace detail {
/**
 * `value` (0 or more) in decimal with leading zeros to `width` digits ("07"). fmt::to_string, not
 * fmt::format: the runtime formatter would add 8.5 KB brotli to the wasm (measured).
 */
inline std::string padded(long long value, std::size_t width) {
  std::string digits = fmt::to_string(value);
  return digits.size() < width ? std::string(width - digits.size(), '0') + digits : digits;
}
}  // namespace detail

}  // namespace frontdoor
