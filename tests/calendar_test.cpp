// London time without the host's time zone: BST edges, local-to-UTC, parsing and formats.
#include <doctest/doctest.h>

#include "frontdoor/calendar.hpp"

using namespace frontdoor;

namespace {

UtcSeconds at(const char* text) {
  const auto t = parse_instant(text);
  REQUIRE_MESSAGE(t.has_value(), "could not parse ", text);
  return *t;
}

Date day(int y, int m, int d) { return make_date(y, m, d); }

}  // namespace

TEST_CASE("BST starts at 01:00 UTC on the last Sunday of March, to the second") {
  SUBCASE("2026: one second before the change is GMT, the change itself is BST") {
    CHECK_FALSE(is_bst(at("2026-03-29T00:59:59Z")));
    CHECK(is_bst(at("2026-03-29T01:00:00Z")));
    const LondonTime before = to_london(at("2026-03-29T00:59:59Z"));
    CHECK(before.utc_offset_minutes == 0);
    CHECK(before.minute_of_day == 59);
    CHECK(before.second == 59);
    const LondonTime after = to_london(at("2026-03-29T01:00:00Z"));
    CHECK(after.utc_offset_minutes == 60);
    CHECK(after.minute_of_day == 2 * 60);
    CHECK(after.second == 0);
    CHECK(after.date == day(2026, 3, 29));
    CHECK(after.weekday == 6);
  }
  SUBCASE("the last Sunday moves with the year (2027-03-28, 2021-03-28, 2024-03-31)") {
    for (const char* gmt : {"2027-03-28T00:59:59Z", "2021-03-28T00:59:59Z", "2024-03-31T00:59:59Z", "2024-03-24T12:00:00Z"})
      CHECK_MESSAGE(!is_bst(at(gmt)), gmt);
    for (const char* bst : {"2027-03-28T01:00:00Z", "2021-03-28T01:00:00Z", "2024-03-31T01:00:00Z"}) CHECK_MESSAGE(is_bst(at(bst)), bst);
  }
}

TEST_CASE("BST ends at 01:00 UTC on the last Sunday of October, to the second") {
  SUBCASE("2026: 00:59:59Z is still BST, 01:00Z is GMT") {
    CHECK(is_bst(at("2026-10-25T00:59:59Z")));
    CHECK_FALSE(is_bst(at("2026-10-25T01:00:00Z")));
    const LondonTime before = to_london(at("2026-10-25T00:59:59Z"));
    CHECK(before.utc_offset_minutes == 60);
    CHECK(before.minute_of_day == 60 + 59);
    CHECK(before.second == 59);
    const LondonTime after = to_london(at("2026-10-25T01:00:00Z"));
    CHECK(after.utc_offset_minutes == 0);
    CHECK(after.minute_of_day == 60);  // 01:00 local again: the hour is repeated
  }
  SUBCASE("2025-10-26 and 2020-10-25") {
    for (const char* bst : {"2025-10-26T00:59:59Z", "2020-10-25T00:59:59Z"}) CHECK_MESSAGE(is_bst(at(bst)), bst);
    for (const char* gmt : {"2025-10-26T01:00:00Z", "2020-10-25T01:00:00Z"}) CHECK_MESSAGE(!is_bst(at(gmt)), gmt);
  }
  SUBCASE("midwinter and midsummer") {
    CHECK_FALSE(is_bst(at("2026-01-15T12:00:00Z")));
    CHECK(is_bst(at("2026-07-15T12:00:00Z")));
  }
}

TEST_CASE("to_london crosses the date line at local midnight") {
  SUBCASE("23:30Z in summer is 00:30 the next day in London") {
    const LondonTime lt = to_london(at("2026-06-30T23:30:00Z"));
    CHECK(lt.date == day(2026, 7, 1));
    CHECK(lt.minute_of_day == 30);
    CHECK(lt.weekday == 2);  // Wednesday
  }
  SUBCASE("new year in winter stays on UTC") {
    const LondonTime lt = to_london(at("2026-12-31T23:59:59Z"));
    CHECK(lt.date == day(2026, 12, 31));
    CHECK(lt.minute_of_day == 1439);
    CHECK(to_london(at("2027-01-01T00:00:00Z")).date == day(2027, 1, 1));
  }
  SUBCASE("instants before 1970 work too") {
    const LondonTime lt = to_london(-1);
    CHECK(lt.date == day(1969, 12, 31));
    CHECK(lt.minute_of_day == 1439);
    CHECK(lt.second == 59);
  }
}

TEST_CASE("from_london maps wall-clock times to instants, also on changeover days") {
  SUBCASE("ordinary winter and summer days") {
    CHECK(from_london(day(2026, 11, 26), 17 * 60) == at("2026-11-26T17:00:00Z"));
    CHECK(from_london(day(2026, 7, 1), 9 * 60) == at("2026-07-01T08:00:00Z"));
    CHECK(from_london(day(2026, 11, 26), 1440) == at("2026-11-27T00:00:00Z"));
  }
  SUBCASE("spring: times before the gap are GMT, after it BST") {
    CHECK(from_london(day(2026, 3, 29), 0) == at("2026-03-29T00:00:00Z"));
    CHECK(from_london(day(2026, 3, 29), 59) == at("2026-03-29T00:59:00Z"));
    CHECK(from_london(day(2026, 3, 29), 2 * 60) == at("2026-03-29T01:00:00Z"));
    CHECK(from_london(day(2026, 3, 29), 9 * 60) == at("2026-03-29T08:00:00Z"));
  }
  SUBCASE("spring: skipped times (01:00-01:59) map to the instant after the gap") {
    CHECK(from_london(day(2026, 3, 29), 60) == at("2026-03-29T01:00:00Z"));
    CHECK(from_london(day(2026, 3, 29), 90) == at("2026-03-29T01:00:00Z"));
    CHECK(from_london(day(2026, 3, 29), 119) == at("2026-03-29T01:00:00Z"));
  }
  SUBCASE("autumn: repeated times (01:00-01:59) map to their first, BST, occurrence") {
    CHECK(from_london(day(2026, 10, 25), 60) == at("2026-10-25T00:00:00Z"));
    CHECK(from_london(day(2026, 10, 25), 90) == at("2026-10-25T00:30:00Z"));
    CHECK(from_london(day(2026, 10, 25), 59) == at("2026-10-24T23:59:00Z"));
    CHECK(from_london(day(2026, 10, 25), 2 * 60) == at("2026-10-25T02:00:00Z"));
  }
  SUBCASE("round trip for every minute of a changeover weekend") {
    for (UtcSeconds t = at("2026-10-24T00:00:00Z"); t < at("2026-10-26T00:00:00Z"); t += 60) {
      const LondonTime lt = to_london(t);
      const UtcSeconds back = from_london(lt.date, lt.minute_of_day);
      // In the repeated hour the GMT copy maps back to the BST one, an hour earlier.
      if (lt.utc_offset_minutes == 0 && lt.date == day(2026, 10, 25) && lt.minute_of_day >= 60 && lt.minute_of_day < 120) {
        CHECK(back == t - 3600);
      } else {
        CHECK(back == t);
      }
    }
  }
}

TEST_CASE("parse_instant reads ISO 8601 instants with Z, an offset or London local time") {
  SUBCASE("with Z") {
    CHECK(parse_instant("1970-01-01T00:00:00Z") == UtcSeconds{0});
    CHECK(parse_instant("2026-11-27T15:59:00Z") == UtcSeconds{1795795140});
    CHECK(parse_instant("2026-11-27T15:59Z") == parse_instant("2026-11-27T15:59:00Z"));
  }
  SUBCASE("with an offset") {
    CHECK(parse_instant("2026-07-01T09:00:00+01:00") == parse_instant("2026-07-01T08:00:00Z"));
    CHECK(parse_instant("2026-07-01T09:00+05:30") == parse_instant("2026-07-01T03:30:00Z"));
    CHECK(parse_instant("2026-07-01T01:00:00-02:00") == parse_instant("2026-07-01T03:00:00Z"));
    CHECK(parse_instant("2026-07-01T01:00:00-00:00") == parse_instant("2026-07-01T01:00:00Z"));
  }
  SUBCASE("with no zone it is London local time") {
    CHECK(parse_instant("2026-07-01T09:00") == parse_instant("2026-07-01T08:00:00Z"));
    CHECK(parse_instant("2026-12-01T09:00:30") == parse_instant("2026-12-01T09:00:30Z"));
    CHECK(parse_instant("2026-10-25T01:30") == parse_instant("2026-10-25T00:30:00Z"));
    CHECK(parse_instant("2026-03-29T01:30") == parse_instant("2026-03-29T01:00:00Z"));
    CHECK(parse_instant("2026-03-29T01:30:15") == parse_instant("2026-03-29T01:00:00Z"));
    CHECK(parse_instant("2026-03-29T02:00:15") == parse_instant("2026-03-29T01:00:15Z"));
    CHECK(parse_instant("2026-03-29T00:59:59") == parse_instant("2026-03-29T00:59:59Z"));
  }
  SUBCASE("24:00 is the end of the day") {
    CHECK(parse_instant("2026-02-28T24:00:00Z") == parse_instant("2026-03-01T00:00:00Z"));
    CHECK(parse_instant("2026-12-31T24:00") == parse_instant("2027-01-01T00:00:00Z"));
  }
  SUBCASE("leap days") {
    CHECK(parse_instant("2024-02-29T12:00:00Z").has_value());
    CHECK(parse_instant("2000-02-29T12:00:00Z").has_value());
    CHECK_FALSE(parse_instant("2026-02-29T12:00:00Z").has_value());
    CHECK_FALSE(parse_instant("2100-02-29T12:00:00Z").has_value());
  }
  SUBCASE("a fraction of a second is truncated to the second") {
    CHECK(parse_instant("2026-11-27T12:00:00.123Z") == parse_instant("2026-11-27T12:00:00Z"));
    CHECK(parse_instant("2026-11-27T12:00:59.999999999Z") == parse_instant("2026-11-27T12:00:59Z"));
    CHECK(parse_instant("2026-11-27T12:00:00,5Z") == parse_instant("2026-11-27T12:00:00Z"));
    CHECK(parse_instant("2026-07-01T09:00:00.5+01:00") == parse_instant("2026-07-01T08:00:00Z"));
    CHECK(parse_instant("2026-12-01T09:00:30.75") == parse_instant("2026-12-01T09:00:30Z"));
    CHECK(parse_instant("2026-11-27T23:59:59.999Z") == parse_instant("2026-11-27T23:59:59Z"));
    CHECK(parse_instant("2026-12-31T24:00:00.000Z") == parse_instant("2027-01-01T00:00:00Z"));
    for (const char* bad : {"2026-11-26T10:00:00.Z", "2026-11-26T10:00.5Z", "2026-11-26T10:00:00.5x",
                            "2026-11-26T10:00:00.1.2Z", "2026-11-26T24:00:00.001Z", "2026-11-26T10:00:60.5Z",
                            "2026-11-26T10:00:00.-5Z", "2026-11-26T10:00:00. 5Z"}) {
      CAPTURE(bad);
      CHECK_FALSE(parse_instant(bad).has_value());
    }
  }
  SUBCASE("impossible or malformed text is refused") {
    for (const char* bad : {"", "2026", "2026-11-26", "2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z",
                            "2026-00-10T10:00:00Z", "2026-04-31T10:00:00Z", "2026-11-26T24:01:00Z",
                            "2026-11-26T24:00:01Z", "2026-11-26T25:00Z", "2026-11-26T10:60:00Z",
                            "2026-11-26T10:00:60Z", "2026-11-26 10:00:00Z", "2026-11-26T10:00:00z",
                            "2026-11-26T10:00:00+0100", "2026-11-26T10:00:00+24:00", "2026-11-26T10:00:00+01:60",
                            "2026-11-26T1:00:00Z", "26-11-26T10:00:00Z",
                            "2026-11-26T10:00:00ZZ", "2026-11-26T10:00:00 ", "+2026-11-26T10:00Z",
                            "2026-1a-26T10:00:00Z", "2026-11-26T10:00:00+01:00x"}) {
      CAPTURE(bad);
      CHECK_FALSE(parse_instant(bad).has_value());
    }
  }
}

TEST_CASE("dates are parsed, formatted and counted without the host's calendar") {
  SUBCASE("parse_date accepts real dates only") {
    CHECK(parse_date("2026-11-26") == day(2026, 11, 26));
    CHECK(parse_date("2024-02-29") == day(2024, 2, 29));
    for (const char* bad : {"2026-02-30", "2026-11-31", "2026-11-26T00:00", "2026-1-26", "20261126", "2026-11-26 ", ""}) {
      CAPTURE(bad);
      CHECK_FALSE(parse_date(bad).has_value());
    }
  }
  SUBCASE("format_date pads with zeros") {
    CHECK(format_date(day(2026, 1, 5)) == "2026-01-05");
    CHECK(format_date(day(999, 12, 31)) == "0999-12-31");
  }
  SUBCASE("day numbers and weekdays") {
    CHECK(day_number(day(1970, 1, 1)) == 0);
    CHECK(day_number(day(2000, 3, 1)) == 11017);
    CHECK(date_from_day_number(-1) == day(1969, 12, 31));
    CHECK(add_days(day(2024, 2, 28), 1) == day(2024, 2, 29));
    CHECK(add_days(day(2026, 1, 1), -1) == day(2025, 12, 31));
    CHECK(weekday_of(day(2026, 11, 26)) == 3);  // Thursday
    CHECK(weekday_of(day(1970, 1, 1)) == 3);
    CHECK(weekday_of(day(1969, 12, 29)) == 0);  // Monday
    CHECK(weekday_of(day(2026, 11, 29)) == 6);  // Sunday
    for (std::int64_t n = -800000; n <= 800000; n += 997) {
      CAPTURE(n);
      const Date d = date_from_day_number(n);
      REQUIRE(d.ok());
      CHECK(day_number(d) == n);
    }
  }
  SUBCASE("Date::ok rejects impossible dates") {
    CHECK(day(2024, 2, 29).ok());
    CHECK_FALSE(day(2023, 2, 29).ok());
    CHECK_FALSE(day(2023, 13, 1).ok());
    CHECK_FALSE(day(2023, 4, 31).ok());
    CHECK(day(2023, 4, 30) < day(2023, 5, 1));
  }
}

TEST_CASE("format_london writes London time with its offset") {
  CHECK(format_london(at("2026-11-26T17:00:00Z")) == "2026-11-26T17:00:00+00:00");
  CHECK(format_london(at("2026-07-01T08:00:05Z")) == "2026-07-01T09:00:05+01:00");
  CHECK(format_london(at("2026-03-29T01:00:00Z")) == "2026-03-29T02:00:00+01:00");
  CHECK(format_london(at("2026-10-25T01:00:00Z")) == "2026-10-25T01:00:00+00:00");
  CHECK(format_london(at("2026-10-25T00:59:59Z")) == "2026-10-25T01:59:59+01:00");
}

TEST_CASE("now_utc reads a plausible system clock") {
  const UtcSeconds now = now_utc();
  CHECK(now > at("2024-01-01T00:00:00Z"));
  CHECK(now < at("2100-01-01T00:00:00Z"));
}
