// London time without the host's time zone: BST edges, local-to-UTC, parsing and formats.
#include <doctest/doctest.h>

#include "frontdoor/calendar.hpp"
#include "support.hpp"

using namespace frontdoor;
using nlohmann::json;

namespace {

UtcSeconds at(const std::string& text) {
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
  for (const json& row : test::read_json("tests/cases/instants.json", "from_london")) {
    CAPTURE(row.dump());
    CHECK(from_london(*parse_date(row.at("date").get<std::string>()), row.at("minute").get<int>()) == at(row.at("instant")));
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
  }
  SUBCASE("an offset, London local time without one, 24:00 and fractions of a second") {
    for (const json& row : test::read_json("tests/cases/instants.json", "same_instant")) {
      CAPTURE(row.dump());
      CHECK(parse_instant(row.at("text").get<std::string>()) == parse_instant(row.at("same_as").get<std::string>()));
    }
  }
  SUBCASE("leap days") {
    CHECK(parse_instant("2024-02-29T12:00:00Z").has_value());
    CHECK(parse_instant("2000-02-29T12:00:00Z").has_value());
    CHECK_FALSE(parse_instant("2026-02-29T12:00:00Z").has_value());
    CHECK_FALSE(parse_instant("2100-02-29T12:00:00Z").has_value());
  }
  SUBCASE("impossible or malformed text is refused") {
    for (const std::string bad : test::read_json("tests/cases/instants.json", "refused")) {
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
  for (const json& row : test::read_json("tests/cases/instants.json", "format_london")) CHECK(format_london(at(row.at(0))) == row.at(1));
}

TEST_CASE("now_utc reads a plausible system clock") {
  const UtcSeconds now = now_utc();
  CHECK(now > at("2024-01-01T00:00:00Z"));
  CHECK(now < at("2100-01-01T00:00:00Z"));
}
