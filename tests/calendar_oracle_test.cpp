// Cross-checks of the calendar against independent oracles: the C library's Europe/London
// time zone (native only: Emscripten has no tz database) and a second, separately written
// implementation of the bank-holiday rules.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "frontdoor/calendar.hpp"

#ifndef __EMSCRIPTEN__
#include <cstdlib>
#include <ctime>
#include <fstream>
#endif

using namespace frontdoor;

namespace {

// ---- A second implementation, sharing no code with core/src/time/calendar.cpp ----

struct Ymd {
  int y, m, d;
  bool operator==(const Ymd& o) const { return y == o.y && m == o.m && d == o.d; }
  bool operator<(const Ymd& o) const { return y != o.y ? y < o.y : m != o.m ? m < o.m : d < o.d; }
};

bool leap(int y) { return y % 400 == 0 || (y % 4 == 0 && y % 100 != 0); }

int month_length(int y, int m) {
  switch (m) {
    case 2: return leap(y) ? 29 : 28;
    case 4: case 6: case 9: case 11: return 30;
    default: return 31;
  }
}

// Sakamoto's method: 0 = Sunday … 6 = Saturday.
int sakamoto(int y, int m, int d) {
  static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y -= 1;
  return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

bool weekend(const Ymd& a) {
  const int w = sakamoto(a.y, a.m, a.d);
  return w == 0 || w == 6;
}

Ymd next_day(Ymd a) {
  if (++a.d > month_length(a.y, a.m)) {
    a.d = 1;
    if (++a.m > 12) {
      a.m = 1;
      ++a.y;
    }
  }
  return a;
}

Ymd prev_day(Ymd a) {
  if (--a.d < 1) {
    if (--a.m < 1) {
      a.m = 12;
      --a.y;
    }
    a.d = month_length(a.y, a.m);
  }
  return a;
}

// Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
Ymd easter_meeus(int y) {
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return {y, month, day};
}

// The n-th Monday of a month (n = -1: the last).
Ymd monday_of(int y, int m, int n) {
  std::vector<Ymd> mondays;
  for (int d = 1; d <= month_length(y, m); ++d) {
    if (sakamoto(y, m, d) == 1) mondays.push_back({y, m, d});
  }
  return n < 0 ? mondays.back() : mondays[static_cast<std::size_t>(n - 1)];
}

// Fixed-date holidays move to the next weekday that is not already a holiday.
std::vector<Ymd> oracle_bank_holidays(int y) {
  std::vector<Ymd> out;
  auto place = [&](Ymd day) {
    while (weekend(day) || std::find(out.begin(), out.end(), day) != out.end()) day = next_day(day);
    out.push_back(day);
  };
  place({y, 1, 1});
  const Ymd easter = easter_meeus(y);
  out.push_back(prev_day(prev_day(easter)));
  out.push_back(next_day(easter));
  out.push_back(monday_of(y, 5, 1));
  out.push_back(monday_of(y, 5, -1));
  out.push_back(monday_of(y, 8, -1));
  place({y, 12, 25});
  place({y, 12, 26});
  std::sort(out.begin(), out.end());
  return out;
}

Ymd ymd_of(Date d) { return {d.year(), static_cast<int>(d.month()), static_cast<int>(d.day())}; }

}  // namespace

TEST_CASE("bank-holiday rules agree with a second implementation from 2018 to 2100") {
  for (int year = 2018; year <= 2100; ++year) {
    CAPTURE(year);
    std::vector<Ymd> ours;
    for (const Holiday& h : rule_bank_holidays(year)) ours.push_back(ymd_of(h.date));
    const std::vector<Ymd> oracle = oracle_bank_holidays(year);
    REQUIRE(ours.size() == oracle.size());
    for (std::size_t i = 0; i < ours.size(); ++i) {
      CAPTURE(i);
      CHECK(ours[i].y == oracle[i].y);
      CHECK(ours[i].m == oracle[i].m);
      CHECK(ours[i].d == oracle[i].d);
    }
  }
}

TEST_CASE("Easter agrees with the Meeus/Jones/Butcher algorithm for 1583 to 9999") {
  for (int year = 1583; year <= 9999; ++year) {
    CAPTURE(year);
    CHECK(ymd_of(easter_sunday(year)) == easter_meeus(year));
  }
}

TEST_CASE("weekdays agree with Sakamoto's method") {
  for (int y = 1900; y <= 2100; ++y) {
    for (int m = 1; m <= 12; ++m) {
      for (int d = 1; d <= month_length(y, m); ++d) {
        INFO(y, "-", m, "-", d);
        CHECK(weekday_of(make_date(y, m, d)) == (sakamoto(y, m, d) + 6) % 7);
      }
    }
  }
}

#ifndef __EMSCRIPTEN__

namespace {

// Runs `body` with the C library set to Europe/London, then restores TZ.
template <typename Body>
void with_london_tz(Body body) {
  const char* old = std::getenv("TZ");
  const std::string saved = old ? old : "";
  setenv("TZ", "Europe/London", 1);
  tzset();
  body();
  if (old) setenv("TZ", saved.c_str(), 1);
  else unsetenv("TZ");
  tzset();
}

void compare_with_libc(UtcSeconds t) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  REQUIRE(localtime_r(&tt, &tm) != nullptr);
  const LondonTime lt = to_london(t);
  CAPTURE(format_london(t));
  CAPTURE(t);
  CHECK(lt.utc_offset_minutes * 60 == tm.tm_gmtoff);
  CHECK(is_bst(t) == (tm.tm_isdst > 0));
  CHECK(lt.date.year() == tm.tm_year + 1900);
  CHECK(static_cast<int>(lt.date.month()) == tm.tm_mon + 1);
  CHECK(static_cast<int>(lt.date.day()) == tm.tm_mday);
  CHECK(lt.minute_of_day == tm.tm_hour * 60 + tm.tm_min);
  CHECK(lt.second == tm.tm_sec);
  CHECK(lt.weekday == (tm.tm_wday + 6) % 7);
}

}  // namespace

TEST_CASE("the system has the Europe/London zone the oracle tests need") {
  const bool present = std::ifstream("/usr/share/zoneinfo/Europe/London").good();
  if (!present) FAIL("/usr/share/zoneinfo/Europe/London is missing: install tzdata to run the time-zone oracle tests");
}

TEST_CASE("to_london agrees with the C library's Europe/London for every hour from 1996 to 2100") {
  REQUIRE_MESSAGE(std::ifstream("/usr/share/zoneinfo/Europe/London").good(),
                  "/usr/share/zoneinfo/Europe/London is missing: install tzdata");
  with_london_tz([] {
    const UtcSeconds from = day_number(make_date(1996, 1, 1)) * 86400;
    const UtcSeconds to = day_number(make_date(2101, 1, 1)) * 86400;
    for (UtcSeconds t = from; t < to; t += 3600) compare_with_libc(t);
  });
}

TEST_CASE("to_london and from_london agree with the C library for every minute of the changeover days 2018 to 2040") {
  REQUIRE_MESSAGE(std::ifstream("/usr/share/zoneinfo/Europe/London").good(),
                  "/usr/share/zoneinfo/Europe/London is missing: install tzdata");
  with_london_tz([] {
    int changeover_days = 0;
    for (int year = 2018; year <= 2040; ++year) {
      for (int month : {3, 10}) {
        for (int d = 25; d <= 31; ++d) {
          // Find the changeover day with the C library alone: its offset differs at the two ends.
          const UtcSeconds start = day_number(make_date(year, month, d)) * 86400;
          std::tm a{}, b{};
          const std::time_t t0 = static_cast<std::time_t>(start), t1 = static_cast<std::time_t>(start + 86399);
          localtime_r(&t0, &a);
          localtime_r(&t1, &b);
          if (a.tm_gmtoff == b.tm_gmtoff) continue;
          ++changeover_days;
          INFO(year, "-", month, "-", d);
          CHECK(sakamoto(year, month, d) == 0);  // always a Sunday
          for (UtcSeconds t = start - 3600; t < start + 86400 + 3600; t += 60) {
            compare_with_libc(t);
            const LondonTime lt = to_london(t);
            const UtcSeconds back = from_london(lt.date, lt.minute_of_day);
            std::tm earlier{};
            const std::time_t hour_before = static_cast<std::time_t>(t - 3600);
            localtime_r(&hour_before, &earlier);
            // A wall-clock time shown an hour earlier too is the repeated hour: from_london gives the first.
            const bool repeated = earlier.tm_hour * 60 + earlier.tm_min == lt.minute_of_day &&
                                  earlier.tm_mday == static_cast<int>(lt.date.day());
            CHECK(back == (repeated ? t - 3600 : t));
          }
        }
      }
    }
    CHECK(changeover_days == 2 * 23);
  });
}

#endif  // __EMSCRIPTEN__
