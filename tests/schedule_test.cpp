// Opening hours: open now, closes at, opens next, labels, DST days, holidays and the parser.
// The MASH and Out of Hours schedules below are fixtures written from the published hours
// (domain notes, "Calendar facts"); the live ones are in data/directory.json.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "frontdoor/calendar.hpp"
#include "frontdoor/calendar_json.hpp"
#include "frontdoor/reader.hpp"
#include "frontdoor/schedule.hpp"
#include "support.hpp"

using namespace frontdoor;
using nlohmann::json;

namespace {

const std::string kStandby = "Social Work Standby Service";

/** tests/cases/opening_hours.json: the fixture schedules, the instants to check and the problem rows. */
const json& table() {
  static const json t = test::read_json("tests/cases/opening_hours.json");
  return t;
}

Schedule schedule_from(const json& doc) {
  Problems problems;
  check_schedule(doc, "test", "/schedule", problems);
  for (const Problem& p : problems) FAIL_CHECK(to_line(p));
  REQUIRE(problems.empty());
  return read_schedule(doc);
}

Schedule schedule_from(const char* text) { return schedule_from(json::parse(text)); }

const Schedule& mash() {
  static const Schedule s = schedule_from(table().at("schedules").at("mash"));
  return s;
}

const Schedule& ooh() {
  static const Schedule s = schedule_from(table().at("schedules").at("out-of-hours"));
  return s;
}

const Calendar& calendar() {
  static const Calendar c = [] {
    Problems problems;
    const json doc = test::read_json("data/calendar.json");
    check_calendar(doc, "calendar.json", problems);
    REQUIRE(problems.empty());
    return read_calendar(doc);
  }();
  return c;
}

// An instant from London local time ("2026-11-26T08:45") or an explicit zone.
UtcSeconds at(const std::string& text) {
  const auto t = parse_instant(text);
  REQUIRE_MESSAGE(t.has_value(), "could not parse ", text);
  return *t;
}

std::string show(const std::optional<UtcSeconds>& t) { return t ? format_london(*t) : "(none)"; }
std::string when_or_none(const json& t) { return t.is_null() ? "(none)" : t.get<std::string>(); }

/** Checks each instant of a group list of the table (`open`, `closes_at`, `opens_next`, `label` when given). */
void check_instants(const char* groups) {
  for (const json& group : table().at(groups)) {
    const std::string name = group.at("name");
    CAPTURE(name);
    for (const json& c : group.at("checks")) {
      const std::string when = c.at("at");
      CAPTURE(when);
      const OpenState st = open_state(c.at("schedule") == "mash" ? mash() : ooh(), calendar(), at(when));
      if (c.contains("open")) CHECK(st.open_now == c["open"].get<bool>());
      if (c.contains("closes_at")) CHECK(show(st.closes_at) == when_or_none(c["closes_at"]));
      if (c.contains("opens_next")) CHECK(show(st.opens_next) == when_or_none(c["opens_next"]));
      if (c.contains("label")) CHECK(st.label_now == c["label"].get<std::string>());
    }
  }
}

}  // namespace

TEST_CASE("MASH opens at 08:45 and closes at 17:00, or 16:00 on Fridays") { check_instants("mash"); }

TEST_CASE("the Out of Hours line answers evenings, nights, weekends and holidays") { check_instants("out-of-hours"); }

TEST_CASE("the Out of Hours line is open at every minute MASH is closed") {
  // Ordinary weeks in winter and summer, both changeover weeks, Easter, a bank holiday and
  // Christmas to New Year.
  const char* const starts[] = {"2026-11-23T00:00", "2026-07-06T00:00", "2026-03-23T00:00", "2026-10-19T00:00",
                                "2026-03-30T00:00", "2026-08-24T00:00", "2026-12-21T00:00", "2026-12-28T00:00"};
  for (const char* start : starts) {
    CAPTURE(start);
    const UtcSeconds from = at(start);
    int mash_open = 0;
    int both_open = 0;
    for (UtcSeconds t = from; t < from + 7 * 86400; t += 60) {
      const OpenState m = open_state(mash(), calendar(), t);
      const OpenState o = open_state(ooh(), calendar(), t);
      REQUIRE(m.open_now.has_value());
      REQUIRE(o.open_now.has_value());
      if (!*m.open_now && !*o.open_now) FAIL_CHECK("nobody answers at " << format_london(t));
      if (*m.open_now) ++mash_open;
      if (*m.open_now && *o.open_now) ++both_open;
    }
    // MASH hours are 4 x 8h15 + 7h15 = 40h15 in a week without holidays; the lines only
    // overlap 08:45-09:00 while the standby service is still on.
    if (std::string(start) == "2026-11-23T00:00" || std::string(start) == "2026-07-06T00:00") {
      CHECK(mash_open == 40 * 60 + 15);
      CHECK(both_open == 5 * 15);
    }
  }
}

TEST_CASE("closes_at and opens_next agree with open_now") {
  for (const Schedule* s : {&mash(), &ooh()}) {
    const UtcSeconds from = at("2026-10-19T00:00");
    for (UtcSeconds t = from; t < from + 14 * 86400; t += 7 * 60) {
      const OpenState st = open_state(*s, calendar(), t);
      CAPTURE(format_london(t));
      REQUIRE(st.open_now.has_value());
      if (*st.open_now) {
        REQUIRE(st.closes_at.has_value());
        CHECK(*st.closes_at > t);
        CHECK(open_state(*s, calendar(), *st.closes_at - 1).open_now == true);
        CHECK(open_state(*s, calendar(), *st.closes_at).open_now == false);
        CHECK_FALSE(st.opens_next.has_value());
      } else {
        REQUIRE(st.opens_next.has_value());
        CHECK(*st.opens_next > t);
        CHECK(open_state(*s, calendar(), *st.opens_next).open_now == true);
        CHECK(open_state(*s, calendar(), *st.opens_next - 1).open_now == false);
        CHECK_FALSE(st.closes_at.has_value());
        CHECK(st.label_now.empty());
      }
    }
  }
}

TEST_CASE("always, unknown and never-open schedules") {
  SUBCASE("always open: no closing time") {
    const Schedule s = schedule_from(R"({"kind": "always"})");
    const OpenState st = open_state(s, calendar(), at("2026-12-25T03:00"));
    CHECK(st.open_now == true);
    CHECK_FALSE(st.closes_at.has_value());
    CHECK_FALSE(st.opens_next.has_value());
    CHECK(intervals_on(s, calendar(), make_date(2026, 12, 25)).size() == 1);
  }
  SUBCASE("unknown hours: open_now is unknown") {
    const Schedule s = schedule_from(R"({"kind": "unknown"})");
    const OpenState st = open_state(s, calendar(), at("2026-11-26T12:00"));
    CHECK_FALSE(st.open_now.has_value());
    CHECK_FALSE(st.closes_at.has_value());
    CHECK_FALSE(st.opens_next.has_value());
    CHECK(intervals_on(s, calendar(), make_date(2026, 11, 26)).empty());
  }
  SUBCASE("weekly 00:00-24:00 every day and on holidays counts as always open") {
    const Schedule s = schedule_from(R"({"kind": "weekly", "weekly": [
        {"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "open": "00:00", "close": "24:00"}],
        "holidays": [{"open": "00:00", "close": "24:00"}]})");
    const OpenState st = open_state(s, calendar(), at("2026-10-25T01:30"));
    CHECK(st.open_now == true);
    CHECK_FALSE(st.closes_at.has_value());
  }
  SUBCASE("no intervals at all: closed with no next opening") {
    const Schedule s = schedule_from(R"({"kind": "weekly", "weekly": [], "holidays": []})");
    const OpenState st = open_state(s, calendar(), at("2026-11-26T12:00"));
    CHECK(st.open_now == false);
    CHECK_FALSE(st.opens_next.has_value());
  }
  SUBCASE("opens_next looks 14 days ahead and no further") {
    const Schedule s = schedule_from(R"({"kind": "weekly", "weekly": [{"days": ["wed"], "open": "10:00", "close": "11:00"}],
        "holidays": []})");
    std::vector<CalendarException> closures;
    for (int d = 1; d <= 20; ++d) closures.push_back({make_date(2027, 2, d), ExceptionKind::closure, "closed", "https://example.org"});
    const Calendar closed_for_weeks(closures);
    // Closed on Wednesdays 3, 10 and 17 February; next opening Wednesday 24 February.
    CHECK_FALSE(open_state(s, closed_for_weeks, at("2027-02-01T12:00")).opens_next.has_value());
    CHECK(show(open_state(s, closed_for_weeks, at("2027-02-10T12:00")).opens_next) == "2027-02-24T10:00:00+00:00");
  }
}

TEST_CASE("intervals_on uses the holiday hours on bank holidays and closure days") {
  const Calendar with_closure({{make_date(2026, 12, 29), ExceptionKind::closure, "Council offices closed", "https://example.org"}});
  CHECK(intervals_on(mash(), with_closure, make_date(2026, 12, 28)).empty());  // Boxing Day (substitute day)
  CHECK(intervals_on(mash(), with_closure, make_date(2026, 12, 29)).empty());  // closure
  CHECK(intervals_on(mash(), with_closure, make_date(2026, 12, 30)).size() == 1);
  CHECK(intervals_on(mash(), with_closure, make_date(2026, 12, 30)).front().close == 17 * 60);
  CHECK(intervals_on(mash(), with_closure, make_date(2027, 1, 1)).empty());
  CHECK(intervals_on(mash(), with_closure, make_date(2027, 1, 2)).empty());  // Saturday
  const auto& hol = intervals_on(ooh(), with_closure, make_date(2026, 12, 29));
  REQUIRE(hol.size() == 2);
  CHECK(hol[0].label == kStandby);
  CHECK(hol[1].open == 9 * 60);
  CHECK(hol[1].close == 1440);
  CHECK(open_state(ooh(), with_closure, at("2026-12-29T12:00")).open_now == true);
  CHECK(open_state(mash(), with_closure, at("2026-12-29T12:00")).open_now == false);
  CHECK(open_state(mash(), calendar(), at("2026-12-29T12:00")).open_now == true);
}

TEST_CASE("clock times are read as HH:MM and written as GOV.UK writes them") {
  SUBCASE("parse_hhmm") {
    for (const auto& good : std::vector<std::pair<const char*, int>>{{"00:00", 0}, {"08:45", 525}, {"23:59", 1439}, {"24:00", 1440}}) {
      CAPTURE(good.first);
      CHECK(parse_hhmm(good.first) == good.second);
    }
    for (const char* bad : {"24:01", "25:00", "8:45", "08:60", "0845", "08:45:00", "ab:cd", " 8:45", "", "-1:00"}) {
      CAPTURE(bad);
      CHECK_FALSE(parse_hhmm(bad).has_value());
    }
  }
  SUBCASE("format_clock") {
    const std::vector<std::pair<int, const char*>> written = {
        {525, "8.45am"}, {17 * 60, "5pm"}, {16 * 60, "4pm"}, {0, "midnight"}, {1440, "midnight"}, {720, "midday"},
        {750, "12.30pm"}, {30, "12.30am"}, {9 * 60, "9am"}, {14 * 60 + 30, "2.30pm"}, {23 * 60 + 5, "11.05pm"}, {60, "1am"}};
    for (const auto& w : written) CHECK(format_clock(w.first) == w.second);
  }
}

TEST_CASE("read_schedule reads the published hours into intervals") {
  CHECK(mash().kind == Schedule::Kind::weekly);
  CHECK(mash().weekly[0].size() == 1);
  CHECK(mash().weekly[4].front().close == 16 * 60);
  CHECK(mash().weekly[5].empty());
  CHECK(mash().holidays.empty());
  REQUIRE(ooh().weekly[5].size() == 2);
  CHECK(ooh().weekly[5][0].label == kStandby);
  CHECK(ooh().weekly[5][1].open == 9 * 60);
  REQUIRE(ooh().weekly[0].size() == 2);
  CHECK(ooh().weekly[0][1].open == 17 * 60);  // sorted by opening time
}

TEST_CASE("check_schedule reports each problem with its id, file and pointer") {
  for (const json& row : table().at("problems")) {
    const std::string name = row.at("name");
    CAPTURE(name);
    Problems p;
    check_schedule(row.contains("fixture") ? table().at("schedules").at(row["fixture"].get<std::string>()) : row.at("schedule"),
                   "directory.json", "/services/3/schedule", p);
    INFO(test::problem_lines(p));
    for (const json& e : row.at("expect")) {
      const std::string id = e.at(0), pointer = "/services/3/schedule" + e.at(1).get<std::string>();
      CHECK_MESSAGE(std::any_of(p.begin(), p.end(), [&](const Problem& q) {
                      return q.id == id && q.pointer == pointer && q.file == "directory.json" && !q.message.empty();
                    }), id << " at " << pointer);
    }
    if (row.contains("count")) CHECK(p.size() == row["count"].get<std::size_t>());
    for (const json& word : row.value("first_message_includes", json::array()))
      CHECK(p.at(0).message.find(word.get<std::string>()) != std::string::npos);
    if (row.contains("errors")) CHECK(has_errors(p) == row["errors"].get<bool>());
  }
}
