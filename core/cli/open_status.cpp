#include "open_status.hpp"

#include <cstdint>
#include <ctime>

#include "frontdoor/calendar.hpp"
#include "frontdoor/schedule.hpp"

namespace frontdoor::cli {
namespace {

std::string member(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/** `format` (strftime) of a calendar date: weekday and month names are the C library's locale
    data, as the widget takes them from the browser's Intl. */
std::string date_part(Date date, const char* format) {
  std::tm tm{};
  tm.tm_year = date.year() - 1900;
  tm.tm_mon = static_cast<int>(date.month()) - 1;
  tm.tm_mday = static_cast<int>(date.day());
  tm.tm_wday = (weekday_of(date) + 1) % 7;
  char out[64] = {0};
  std::strftime(out, sizeof out, format, &tm);
  return out;
}

/** "Thursday 3 December". */
std::string day_and_date(Date date) {
  return date_part(date, "%A") + " " + std::to_string(date.day()) + " " + date_part(date, "%B");
}

/** A day `days` after today: its weekday within 6 days ("Monday"), else with its date. */
std::string day_words(Date date, std::int64_t days) {
  return days <= 6 ? date_part(date, "%A") : day_and_date(date);
}

/** When a closed service opens: today / tomorrow / a day (ui.json when_*). */
std::string when_text(UtcSeconds when, UtcSeconds now, const Wording& ui) {
  const LondonTime local = to_london(when);
  const std::string time = clock_text(local.minute_of_day, ui);
  const std::int64_t days = day_number(local.date) - day_number(to_london(now).date);
  if (days == 0) return ui.get("when_today", {{"time", time}});
  if (days == 1) return ui.get("when_tomorrow", {{"time", time}});
  return ui.get("when_day", {{"day", day_words(local.date, days)}, {"time", time}});
}

/** Until when an open service stays open: a time today, or with tomorrow / a day (until_*). */
std::string until_text(UtcSeconds until, UtcSeconds now, const Wording& ui) {
  const LondonTime local = to_london(until);
  const std::string time = clock_text(local.minute_of_day, ui);
  // Midnight ends the day before: "until midnight" tonight, "midnight on Monday".
  const Date day = local.minute_of_day == 0 ? add_days(local.date, -1) : local.date;
  const std::int64_t days = day_number(day) - day_number(to_london(now).date);
  if (days <= 0) return time;
  if (days == 1) return ui.get("until_tomorrow", {{"time", time}});
  return ui.get("until_day", {{"time", time}, {"day", day_words(day, days)}});
}

}  // namespace

std::string Wording::get(const std::string& key, const Fill& args) const {
  return fill(member(strings_, key.c_str()), args);
}

bool Wording::has(const std::string& key) const {
  auto it = strings_.find(key);
  return it != strings_.end() && it->is_string();
}

std::string clock_text(int minute_of_day, const Wording& ui) {
  if (minute_of_day % 1440 == 0 && !ui.get("time_midnight").empty()) return ui.get("time_midnight");
  if (minute_of_day == 720 && !ui.get("time_midday").empty()) return ui.get("time_midday");
  return format_clock(minute_of_day);
}

std::string open_status(const Json& contact, const std::string& now_iso, const Wording& ui) {
  const Json open = contact.value("open_now", Json());
  if (!open.is_boolean()) return ui.get("hours_not_published");
  const auto now = parse_instant(now_iso);
  if (open.get<bool>()) {
    const auto closes = parse_instant(member(contact, "closes_at"));
    if (!closes) return ui.get("open_always");
    return ui.get("open_until", {{"time", now ? until_text(*closes, *now, ui) : member(contact, "closes_at")}});
  }
  const auto opens = parse_instant(member(contact, "opens_next"));
  if (!opens) return ui.get("closed");
  return ui.get("closed_opens", {{"when", now ? when_text(*opens, *now, ui) : member(contact, "opens_next")}});
}

std::string open_status_line(const Json& contact, const std::string& now_iso, const Wording& ui) {
  const Json open = contact.value("open_now", Json());
  if (open.is_boolean() && open.get<bool>() && ui.has("open_day_and_night")) {
    const std::string closes_at = member(contact, "closes_at");
    if (closes_at.empty()) return ui.get("open_day_and_night");
    const auto closes = parse_instant(closes_at);
    const auto now = parse_instant(now_iso);
    if (closes && now && *closes - *now > kDayAndNightSeconds) return ui.get("open_day_and_night");
  }
  return open_status(contact, now_iso, ui);
}

std::string outcome_time(const std::string& at_iso, const Wording& ui) {
  const auto at = parse_instant(at_iso);
  if (!at) return "";
  const LondonTime local = to_london(*at);
  const std::string date = day_and_date(local.date) + " " + std::to_string(local.date.year());
  return ui.get("outcome_time", {{"time", ui.get("date_time", {{"date", date}, {"time", clock_text(local.minute_of_day, ui)}})}});
}

}  // namespace frontdoor::cli
