#include "frontdoor/calendar.hpp"
#include "frontdoor/schedule.hpp"
#include "small_sort.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <set>
#include <stdexcept>

#ifdef __EMSCRIPTEN__
#include <emscripten/html5.h>
#endif


#include "frontdoor/json.hpp"

#include "json_parse.hpp"
#include <fmt/format.h>

namespace frontdoor {

namespace {

constexpr std::int64_t kDay = 86400;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

int year_of(Date d) { return d.year(); }
int month_of(Date d) { return static_cast<int>(d.month()); }
int day_of(Date d) { return static_cast<int>(d.day()); }

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian
// calendar and independent of <chrono>'s sys_days, which libc++ 13 handles unevenly.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date last_weekday_of_month(int y, int m, int weekday) {
  Date last = make_date(y, m, days_in_month(y, m));
  int back = (weekday_of(last) - weekday + 7) % 7;
  return add_days(last, -back);
}

Date first_weekday_of_month(int y, int m, int weekday) {
  Date first = make_date(y, m, 1);
  int ahead = (weekday - weekday_of(first) + 7) % 7;
  return add_days(first, ahead);
}

// The BST changeovers of year `y`, as UTC instants.
std::int64_t bst_start(int y) { return day_number(last_weekday_of_month(y, 3, 6)) * kDay + 3600; }
std::int64_t bst_end(int y) { return day_number(last_weekday_of_month(y, 10, 6)) * kDay + 3600; }

// The year containing day number `days`, without a full civil conversion for most calls.
// Caches below hold only results of pure functions of the year (never data from a load), so
// sharing them between Sessions cannot change any answer.
struct BstYear {
  std::int64_t first_day = 1;  // day numbers of 1 January and of the next 1 January
  std::int64_t next_first_day = 0;
  std::int64_t start = 0;
  std::int64_t end = 0;
};

const BstYear& bst_year_of_day(std::int64_t days) {
  static thread_local BstYear cache;
  if (days >= cache.first_day && days < cache.next_first_day) return cache;
  const int y = date_from_day_number(days).year();
  BstYear fresh;
  fresh.first_day = days_from_civil(y, 1, 1);
  fresh.next_first_day = days_from_civil(y + 1, 1, 1);
  fresh.start = bst_start(y);
  fresh.end = bst_end(y);
  cache = fresh;
  return cache;
}

// The dates of the England & Wales rule holidays of a year (always eight), without names.
using RuleDates = std::array<Date, 8>;
RuleDates compute_rule_dates(int year);

const RuleDates& rule_dates(int year) {
  struct Slot {
    int year = 0;
    bool filled = false;
    RuleDates dates;
  };
  // Direct-mapped by year: the exhaustive checks and open_state move over a few years at most.
  static thread_local Slot slots[8];
  Slot& slot = slots[static_cast<unsigned>(year) % 8u];
  if (!slot.filled || slot.year != year) {
    slot.dates = compute_rule_dates(year);
    slot.year = year;
    slot.filled = true;
  }
  return slot.dates;
}

// Reads exactly `n` digits at `pos`; -1 when they are not all digits.
int read_digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

constexpr const char* kSubstitute = " (substitute day)";

}  // namespace

bool Date::ok() const {
  return month_ >= 1 && month_ <= 12 && day_ >= 1 && static_cast<int>(day_) <= days_in_month(year_, static_cast<int>(month_));
}

Date make_date(int year, int month, int day) {
  return Date{year, static_cast<unsigned>(month), static_cast<unsigned>(day)};
}

std::int64_t day_number(Date date) {
  return days_from_civil(year_of(date), static_cast<unsigned>(month_of(date)),
                         static_cast<unsigned>(day_of(date)));
}

Date date_from_day_number(std::int64_t z) {
  z += 719468;
  const std::int64_t era = floor_div(z, 146097);
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = yoe + era * 400;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return make_date(static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d));
}

Date add_days(Date date, std::int64_t days) { return date_from_day_number(day_number(date) + days); }

int weekday_of(Date date) {
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  const std::int64_t n = day_number(date) + 3;
  return static_cast<int>(n - floor_div(n, 7) * 7);
}

bool is_bst(UtcSeconds t) {
  const BstYear& y = bst_year_of_day(floor_div(t, kDay));
  return t >= y.start && t < y.end;
}

LondonTime to_london(UtcSeconds t) {
  LondonTime out;
  out.utc_offset_minutes = is_bst(t) ? 60 : 0;
  const std::int64_t local = t + out.utc_offset_minutes * 60;
  const std::int64_t days = floor_div(local, kDay);
  const std::int64_t secs = local - days * kDay;
  out.date = date_from_day_number(days);
  out.minute_of_day = static_cast<int>(secs / 60);
  out.second = static_cast<int>(secs % 60);
  out.weekday = weekday_of(out.date);
  return out;
}

UtcSeconds from_london(Date date, int minute_of_day) {
  const std::int64_t local = day_number(date) * kDay + static_cast<std::int64_t>(minute_of_day) * 60;
  const std::int64_t as_bst = local - 3600;
  if (is_bst(as_bst)) return as_bst;  // also the first of a repeated autumn hour
  if (!is_bst(local)) return local;
  // Skipped by the spring change: the clocks jump at 01:00 UTC of that day.
  const int y = year_of(date_from_day_number(floor_div(local, kDay)));
  return bst_start(y);
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const int y = read_digits(text, 0, 4);
  const int m = read_digits(text, 5, 2);
  const int d = read_digits(text, 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return make_date(y, m, d);
}

std::optional<UtcSeconds> parse_instant(std::string_view text) {
  if (text.size() < 16 || text[10] != 'T' || text[13] != ':') return std::nullopt;
  const auto date = parse_date(text.substr(0, 10));
  if (!date) return std::nullopt;
  const int hh = read_digits(text, 11, 2);
  const int mm = read_digits(text, 14, 2);
  int ss = 0;
  bool fraction = false;  // a non-zero fraction of a second was given
  std::size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    ss = read_digits(text, pos + 1, 2);
    pos += 3;
    // A decimal fraction of the second ("." or ",", ISO 8601) is truncated to the second.
    if (ss >= 0 && pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      std::size_t end = pos + 1;
      while (end < text.size() && text[end] >= '0' && text[end] <= '9') {
        fraction = fraction || text[end] != '0';
        ++end;
      }
      if (end == pos + 1) return std::nullopt;
      pos = end;
    }
  }
  if (hh < 0 || mm < 0 || ss < 0 || mm > 59 || ss > 59) return std::nullopt;
  // 24:00 is the end of the day (ISO 8601); any later 24:xx is impossible.
  if (hh > 24 || (hh == 24 && (mm != 0 || ss != 0 || fraction))) return std::nullopt;
  const int minute = hh * 60 + mm;
  std::string_view zone = text.substr(pos);
  if (zone.empty()) {
    const UtcSeconds t = from_london(*date, minute);
    // A time skipped by the spring change is the instant after the gap, whatever its seconds.
    const LondonTime shown = to_london(t);
    const bool skipped = shown.date == *date && shown.minute_of_day != minute % 1440;
    return skipped ? t : t + ss;
  }
  std::int64_t offset = 0;
  if (zone == "Z") {
    offset = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    const int oh = read_digits(zone, 1, 2);
    const int om = read_digits(zone, 4, 2);
    if (oh < 0 || om < 0 || oh > 23 || om > 59) return std::nullopt;
    offset = (oh * 60 + om) * 60 * (zone[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  return day_number(*date) * kDay + minute * 60 + ss - offset;
}

std::string format_date(Date date) {
  return detail::padded(year_of(date), 4) + "-" + detail::padded(month_of(date), 2) + "-" + detail::padded(day_of(date), 2);
}

std::string format_london(UtcSeconds t) {
  const LondonTime lt = to_london(t);
  return format_date(lt.date) + "T" + format_hhmm(lt.minute_of_day) + ":" + detail::padded(lt.second, 2) + "+" +
         detail::padded(lt.utc_offset_minutes / 60, 2) + ":00";
}

UtcSeconds now_utc() {
#ifdef __EMSCRIPTEN__
  // The browser's clock, the one import web/core/frontdoor-core-loader.js gives for time: libc's
  // clocks are JS imports of their own under Emscripten 3.1.6, and std::chrono::system_clock
  // would also bring std::system_error and its strerror messages (about 1.5 KB brotli).
  const double ms = emscripten_date_now();
  const auto seconds = static_cast<UtcSeconds>(ms / 1000);
  return ms < 0 && static_cast<double>(seconds) * 1000 != ms ? seconds - 1 : seconds;
#else
  const auto since = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::floor<std::chrono::seconds>(since).count();
#endif
}

Date easter_sunday(int year) {
  // Oudin's algorithm (1940) for the Gregorian computus.
  const int y = year;
  const int c = y / 100;
  const int n = y - 19 * (y / 19);
  const int k = (c - 17) / 25;
  int i = c - c / 4 - (c - k) / 3 + 19 * n + 15;
  i = i - 30 * (i / 30);
  i = i - (i / 28) * (1 - (i / 28) * (29 / (i + 1)) * ((21 - n) / 11));
  int j = y + y / 4 + i + 2 - c + c / 4;
  j = j - 7 * (j / 7);
  const int l = i - j;
  const int month = 3 + (l + 40) / 44;
  const int day = l + 28 - 31 * (month / 4);
  return make_date(y, month, day);
}

std::vector<Holiday> rule_bank_holidays(int year) {
  std::vector<Holiday> out;
  const std::string sub = kSubstitute;

  const Date new_year = make_date(year, 1, 1);
  switch (weekday_of(new_year)) {
    case 5: out.push_back({add_days(new_year, 2), "New Year's Day" + sub}); break;
    case 6: out.push_back({add_days(new_year, 1), "New Year's Day" + sub}); break;
    default: out.push_back({new_year, "New Year's Day"});
  }

  const Date easter = easter_sunday(year);
  out.push_back({add_days(easter, -2), "Good Friday"});
  out.push_back({add_days(easter, 1), "Easter Monday"});
  out.push_back({first_weekday_of_month(year, 5, 0), "Early May bank holiday"});
  out.push_back({last_weekday_of_month(year, 5, 0), "Spring bank holiday"});
  out.push_back({last_weekday_of_month(year, 8, 0), "Summer bank holiday"});

  const Date christmas = make_date(year, 12, 25);
  const Date boxing = make_date(year, 12, 26);
  switch (weekday_of(christmas)) {
    case 4:  // Friday: Boxing Day falls on Saturday
      out.push_back({christmas, "Christmas Day"});
      out.push_back({make_date(year, 12, 28), "Boxing Day" + sub});
      break;
    case 5:  // Saturday: both move to the next weekdays
      out.push_back({make_date(year, 12, 27), "Christmas Day" + sub});
      out.push_back({make_date(year, 12, 28), "Boxing Day" + sub});
      break;
    case 6:  // Sunday: Boxing Day keeps Monday, Christmas takes Tuesday
      out.push_back({boxing, "Boxing Day"});
      out.push_back({make_date(year, 12, 27), "Christmas Day" + sub});
      break;
    default:
      out.push_back({christmas, "Christmas Day"});
      out.push_back({boxing, "Boxing Day"});
  }
  detail::small_stable_sort(out.begin(), out.end(),
                   [](const Holiday& a, const Holiday& b) { return day_number(a.date) < day_number(b.date); });
  return out;
}

namespace {

RuleDates compute_rule_dates(int year) {
  const std::vector<Holiday> holidays = rule_bank_holidays(year);
  RuleDates out{};
  for (std::size_t i = 0; i < out.size() && i < holidays.size(); ++i) out[i] = holidays[i].date;
  // Fewer than eight cannot happen; padding with the first keeps the lookup exact anyway.
  for (std::size_t i = holidays.size(); i < out.size(); ++i) out[i] = holidays.empty() ? Date{} : holidays[0].date;
  return out;
}

}  // namespace

Calendar::Calendar(std::vector<CalendarException> exceptions) : exceptions_(std::move(exceptions)) {}

std::vector<Holiday> Calendar::bank_holidays(int from_year, int to_year) const {
  std::vector<Holiday> out;
  for (int y = from_year; y <= to_year; ++y) {
    for (Holiday& h : rule_bank_holidays(y)) {
      const bool removed = std::any_of(exceptions_.begin(), exceptions_.end(), [&](const CalendarException& e) {
        return e.kind == ExceptionKind::remove && e.date == h.date;
      });
      if (!removed) out.push_back(std::move(h));
    }
  }
  for (const CalendarException& e : exceptions_) {
    const int y = year_of(e.date);
    if (e.kind != ExceptionKind::add || y < from_year || y > to_year) continue;
    const bool listed = std::any_of(out.begin(), out.end(), [&](const Holiday& h) { return h.date == e.date; });
    if (!listed) out.push_back({e.date, e.name});
  }
  detail::small_stable_sort(out.begin(), out.end(),
                   [](const Holiday& a, const Holiday& b) { return day_number(a.date) < day_number(b.date); });
  return out;
}

bool Calendar::is_bank_holiday(Date date) const {
  bool added = false;
  for (const CalendarException& e : exceptions_) {
    if (e.date != date) continue;
    if (e.kind == ExceptionKind::remove) return false;
    if (e.kind == ExceptionKind::add) added = true;
  }
  if (added) return true;
  // Every rule holiday falls in January, March, April, May, August or December.
  const unsigned m = date.month();
  if (m != 1 && m != 3 && m != 4 && m != 5 && m != 8 && m != 12) return false;
  for (const Date& d : rule_dates(year_of(date))) {
    if (d == date) return true;
  }
  return false;
}

bool Calendar::is_closure(Date date) const {
  return std::any_of(exceptions_.begin(), exceptions_.end(), [&](const CalendarException& e) {
    return e.kind == ExceptionKind::closure && e.date == date;
  });
}

std::vector<CalendarException> import_govuk_bank_holidays(std::string_view json_text) {
  using json = Json;
  const std::string source = "https://www.gov.uk/bank-holidays";
  json doc;
  try {
    if (detail::json_nesting_exceeds(json_text)) throw std::invalid_argument("nested too deep");
    doc = detail::parse_json(json_text);
  } catch (const std::exception&) {
    throw std::invalid_argument("GOV.UK bank holidays: the text is not valid JSON");
  }
  auto fail = [](const std::string& pointer, const std::string& what) {
    throw std::invalid_argument("GOV.UK bank holidays: " + pointer + ": " + what);
  };
  if (!doc.is_object()) fail("", "expected an object with divisions, found " + std::string(doc.type_name()));
  const auto division = doc.find("england-and-wales");
  if (division == doc.end()) fail("/england-and-wales", "the england-and-wales division is missing");
  if (!division->is_object()) fail("/england-and-wales", "expected an object, found " + std::string(division->type_name()));
  const auto name = division->find("division");
  if (name != division->end() && *name != "england-and-wales")
    fail("/england-and-wales/division", "expected \"england-and-wales\", found " + name->dump());
  const auto events = division->find("events");
  if (events == division->end()) fail("/england-and-wales/events", "the events list is missing");
  if (!events->is_array()) fail("/england-and-wales/events", "expected an array, found " + std::string(events->type_name()));

  std::vector<Holiday> listed;
  std::set<int> years;
  for (std::size_t i = 0; i < events->size(); ++i) {
    const json& ev = (*events)[i];
    const std::string at = "/england-and-wales/events/" + fmt::to_string(i);
    if (!ev.is_object()) fail(at, "expected an event object, found " + std::string(ev.type_name()));
    const auto title = ev.find("title");
    if (title == ev.end() || !title->is_string()) fail(at + "/title", "expected a title string");
    const auto date = ev.find("date");
    if (date == ev.end() || !date->is_string()) fail(at + "/date", "expected a date string");
    const auto parsed = parse_date(date->get<std::string>());
    if (!parsed) fail(at + "/date", "expected a YYYY-MM-DD date, found " + date->dump());
    const auto notes = ev.find("notes");
    if (notes != ev.end() && !notes->is_string()) fail(at + "/notes", "expected a string, found " + notes->dump());
    const auto bunting = ev.find("bunting");
    if (bunting != ev.end() && !bunting->is_boolean())
      fail(at + "/bunting", "expected true or false, found " + bunting->dump());
    for (const Holiday& h : listed) {
      if (h.date == *parsed) fail(at + "/date", "the date " + date->get<std::string>() + " is listed twice");
    }
    listed.push_back({*parsed, title->get<std::string>()});
    years.insert(year_of(*parsed));
  }

  std::vector<CalendarException> out;
  for (int y : years) {
    const std::vector<Holiday> rules = rule_bank_holidays(y);
    for (const Holiday& r : rules) {
      const bool kept = std::any_of(listed.begin(), listed.end(), [&](const Holiday& h) { return h.date == r.date; });
      if (!kept) out.push_back({r.date, ExceptionKind::remove, r.name, source});
    }
    for (const Holiday& h : listed) {
      if (year_of(h.date) != y) continue;
      const bool by_rule = std::any_of(rules.begin(), rules.end(), [&](const Holiday& r) { return r.date == h.date; });
      if (!by_rule) out.push_back({h.date, ExceptionKind::add, h.name, source});
    }
  }
  detail::small_stable_sort(out.begin(), out.end(), [](const CalendarException& a, const CalendarException& b) {
    return day_number(a.date) < day_number(b.date);
  });
  return out;
}

}  // namespace frontdoor
