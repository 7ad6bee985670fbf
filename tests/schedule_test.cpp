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

const char* const kMash = R"({"kind": "weekly", "weekly": [
    {"days": ["mon", "tue", "wed", "thu"], "open": "08:45", "close": "17:00"},
    {"days": ["fri"], "open": "08:45", "close": "16:00"}],
  "holidays": []})";

const char* const kOutOfHours = R"({"kind": "weekly", "weekly": [
    {"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "open": "00:00", "close": "09:00",
     "label": "Social Work Standby Service"},
    {"days": ["mon", "tue", "wed", "thu"], "open": "17:00", "close": "24:00"},
    {"days": ["fri"], "open": "16:00", "close": "24:00"},
    {"days": ["sat", "sun"], "open": "09:00", "close": "24:00"}],
  "holidays": [{"open": "00:00", "close": "09:00", "label": "Social Work Standby Service"},
               {"open": "09:00", "close": "24:00"}]})";

const std::string kStandby = "Social Work Standby Service";

Schedule schedule_from(const char* text) {
  Problems problems;
  const json node = json::parse(text);
  check_schedule(node, "test", "/schedule", problems);
  for (const Problem& p : problems) FAIL_CHECK(to_line(p));
  REQUIRE(problems.empty());
  return read_schedule(node);
}

const Schedule& mash() {
  static const Schedule s = schedule_from(kMash);
  return s;
}

const Schedule& ooh() {
  static const Schedule s = schedule_from(kOutOfHours);
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

OpenState state(const Schedule& s, const std::string& when) { return open_state(s, calendar(), at(when)); }

std::string show(const std::optional<UtcSeconds>& t) { return t ? format_london(*t) : "(none)"; }

Problems schedule_problems(const char* text) {
  Problems problems;
  check_schedule(json::parse(text), "directory.json", "/services/3/schedule", problems);
  return problems;
}

bool has_problem(const Problems& problems, const std::string& id, const std::string& pointer) {
  return std::any_of(problems.begin(), problems.end(), [&](const Problem& p) {
    return p.id == id && p.pointer == pointer && p.file == "directory.json" && !p.message.empty();
  });
}

std::string lines(const Problems& problems) {
  std::string out;
  for (const Problem& p : problems) out += to_line(p) + "\n";
  return out;
}

}  // namespace

TEST_CASE("MASH opens at 08:45 and closes at 17:00, or 16:00 on Fridays") {
  SUBCASE("Thursday 08:44 closed, 08:45 open") {
    const OpenState before = state(mash(), "2026-11-26T08:44");
    CHECK(before.open_now == false);
    CHECK(show(before.opens_next) == "2026-11-26T08:45:00+00:00");
    CHECK_FALSE(before.closes_at.has_value());
    const OpenState open = state(mash(), "2026-11-26T08:45");
    CHECK(open.open_now == true);
    CHECK(show(open.closes_at) == "2026-11-26T17:00:00+00:00");
    CHECK_FALSE(open.opens_next.has_value());
    CHECK(open.label_now.empty());
  }
  SUBCASE("Thursday 16:59 open, 17:00 closed until Friday 08:45") {
    CHECK(state(mash(), "2026-11-26T16:59").open_now == true);
    CHECK(state(mash(), "2026-11-26T16:59:59").open_now == true);
    const OpenState closed = state(mash(), "2026-11-26T17:00");
    CHECK(closed.open_now == false);
    CHECK(show(closed.opens_next) == "2026-11-27T08:45:00+00:00");
  }
  SUBCASE("Friday 15:59 open until 16:00, then closed until Monday 08:45") {
    const OpenState open = state(mash(), "2026-11-27T15:59");
    CHECK(open.open_now == true);
    CHECK(show(open.closes_at) == "2026-11-27T16:00:00+00:00");
    const OpenState closed = state(mash(), "2026-11-27T16:00");
    CHECK(closed.open_now == false);
    CHECK(show(closed.opens_next) == "2026-11-30T08:45:00+00:00");
    CHECK(state(mash(), "2026-11-28T12:00").open_now == false);
    CHECK(state(mash(), "2026-11-29T23:59").open_now == false);
  }
  SUBCASE("in summer the same local hours are an hour earlier in UTC") {
    CHECK(state(mash(), "2026-07-02T07:44:00Z").open_now == false);
    CHECK(state(mash(), "2026-07-02T07:45:00Z").open_now == true);
    CHECK(show(state(mash(), "2026-07-02T12:00:00Z").closes_at) == "2026-07-02T17:00:00+01:00");
  }
  SUBCASE("closed on the summer bank holiday Monday, open again Tuesday") {
    CHECK(state(mash(), "2026-08-31T10:00").open_now == false);
    CHECK(show(state(mash(), "2026-08-28T16:00").opens_next) == "2026-09-01T08:45:00+01:00");
    CHECK(state(mash(), "2026-09-01T08:45").open_now == true);
  }
  SUBCASE("Christmas 2026: closed from Thursday 24 December 17:00 to Tuesday 29 December 08:45") {
    CHECK(state(mash(), "2026-12-24T16:59").open_now == true);
    const OpenState closed = state(mash(), "2026-12-24T17:00");
    CHECK(closed.open_now == false);
    CHECK(show(closed.opens_next) == "2026-12-29T08:45:00+00:00");
    CHECK(state(mash(), "2026-12-28T10:00").open_now == false);  // Boxing Day (substitute day)
  }
  SUBCASE("Easter 2026 spans the change to BST") {
    CHECK(show(state(mash(), "2026-04-02T17:00").opens_next) == "2026-04-07T08:45:00+01:00");
    CHECK(state(mash(), "2026-04-03T10:00").open_now == false);  // Good Friday
    CHECK(state(mash(), "2026-04-06T10:00").open_now == false);  // Easter Monday
  }
  SUBCASE("the one-off holidays of data/calendar.json close it") {
    CHECK(state(mash(), "2023-05-08T10:00").open_now == false);  // Coronation
    CHECK(state(mash(), "2022-09-19T10:00").open_now == false);  // State Funeral
    CHECK(state(mash(), "2022-05-30T10:00").open_now == true);   // the moved spring bank holiday
  }
}

TEST_CASE("the Out of Hours line answers evenings, nights, weekends and holidays") {
  SUBCASE("Thursday 16:59 closed, 17:00 open until MASH opens on Friday") {
    const OpenState closed = state(ooh(), "2026-11-26T16:59");
    CHECK(closed.open_now == false);
    CHECK(show(closed.opens_next) == "2026-11-26T17:00:00+00:00");
    const OpenState open = state(ooh(), "2026-11-26T17:00");
    CHECK(open.open_now == true);
    CHECK(open.label_now.empty());
    CHECK(show(open.closes_at) == "2026-11-27T09:00:00+00:00");  // 17:00-24:00 and 00:00-09:00 merge
  }
  SUBCASE("23:59 is the evening line, 00:00 the Social Work Standby Service, 09:00 closed") {
    CHECK(state(ooh(), "2026-11-26T23:59").label_now.empty());
    const OpenState midnight = state(ooh(), "2026-11-27T00:00");
    CHECK(midnight.open_now == true);
    CHECK(midnight.label_now == kStandby);
    CHECK(show(midnight.closes_at) == "2026-11-27T09:00:00+00:00");
    CHECK(state(ooh(), "2026-11-27T08:59").label_now == kStandby);
    const OpenState nine = state(ooh(), "2026-11-27T09:00");
    CHECK(nine.open_now == false);
    CHECK(nine.label_now.empty());
    CHECK(show(nine.opens_next) == "2026-11-27T16:00:00+00:00");
  }
  SUBCASE("Friday 15:59 closed, 16:00 open through the weekend until Monday 09:00") {
    CHECK(state(ooh(), "2026-11-27T15:59").open_now == false);
    const OpenState open = state(ooh(), "2026-11-27T16:00");
    CHECK(open.open_now == true);
    CHECK(show(open.closes_at) == "2026-11-30T09:00:00+00:00");
    CHECK(state(ooh(), "2026-11-28T08:59").label_now == kStandby);
    const OpenState saturday = state(ooh(), "2026-11-28T09:00");
    CHECK(saturday.label_now.empty());
    CHECK(show(saturday.closes_at) == "2026-11-30T09:00:00+00:00");
  }
  SUBCASE("a bank holiday Monday keeps the line open until Tuesday 09:00") {
    CHECK(show(state(ooh(), "2026-08-29T12:00").closes_at) == "2026-09-01T09:00:00+01:00");
    const OpenState monday = state(ooh(), "2026-08-31T12:00");
    CHECK(monday.open_now == true);
    CHECK(monday.label_now.empty());
    CHECK(state(ooh(), "2026-08-31T08:00").label_now == kStandby);
  }
  SUBCASE("over Christmas 2026 it is open from Thursday 24 December 17:00 to Tuesday 29 December 09:00") {
    CHECK(show(state(ooh(), "2026-12-24T17:00").closes_at) == "2026-12-29T09:00:00+00:00");
    CHECK(state(ooh(), "2026-12-25T12:00").open_now == true);
    CHECK(state(ooh(), "2026-12-28T12:00").open_now == true);
  }
  SUBCASE("the spring change weekend: the standby night is an hour shorter") {
    CHECK(show(state(ooh(), "2026-03-27T16:00").closes_at) == "2026-03-30T09:00:00+01:00");
    const OpenState after_gap = state(ooh(), "2026-03-29T01:30:00Z");  // 02:30 BST
    CHECK(after_gap.label_now == kStandby);
    CHECK(state(ooh(), "2026-03-29T07:59:00Z").label_now == kStandby);
    CHECK(state(ooh(), "2026-03-29T08:00:00Z").label_now.empty());  // 09:00 BST
    CHECK(state(ooh(), "2026-03-30T07:59:00Z").label_now == kStandby);
    CHECK(state(ooh(), "2026-03-30T08:00:00Z").open_now == false);
    CHECK(state(mash(), "2026-03-30T07:44:00Z").open_now == false);
    CHECK(state(mash(), "2026-03-30T07:45:00Z").open_now == true);
  }
  SUBCASE("the autumn change weekend: the repeated hour is standby both times") {
    CHECK(show(state(ooh(), "2026-10-23T16:00").closes_at) == "2026-10-26T09:00:00+00:00");
    CHECK(state(ooh(), "2026-10-24T23:30:00Z").label_now == kStandby);  // 00:30 BST
    CHECK(state(ooh(), "2026-10-25T00:30:00Z").label_now == kStandby);  // 01:30 BST
    CHECK(state(ooh(), "2026-10-25T01:30:00Z").label_now == kStandby);  // 01:30 GMT
    CHECK(state(ooh(), "2026-10-25T08:59:00Z").label_now == kStandby);
    CHECK(state(ooh(), "2026-10-25T09:00:00Z").label_now.empty());
    CHECK(state(mash(), "2026-10-26T08:44:00Z").open_now == false);
    CHECK(state(mash(), "2026-10-26T08:45:00Z").open_now == true);
  }
}

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
    CHECK(parse_hhmm("00:00") == 0);
    CHECK(parse_hhmm("08:45") == 525);
    CHECK(parse_hhmm("23:59") == 1439);
    CHECK(parse_hhmm("24:00") == 1440);
    for (const char* bad : {"24:01", "25:00", "8:45", "08:60", "0845", "08:45:00", "ab:cd", " 8:45", "", "-1:00"}) {
      CAPTURE(bad);
      CHECK_FALSE(parse_hhmm(bad).has_value());
    }
  }
  SUBCASE("format_clock") {
    CHECK(format_clock(525) == "8.45am");
    CHECK(format_clock(17 * 60) == "5pm");
    CHECK(format_clock(16 * 60) == "4pm");
    CHECK(format_clock(0) == "midnight");
    CHECK(format_clock(1440) == "midnight");
    CHECK(format_clock(720) == "midday");
    CHECK(format_clock(750) == "12.30pm");
    CHECK(format_clock(30) == "12.30am");
    CHECK(format_clock(9 * 60) == "9am");
    CHECK(format_clock(14 * 60 + 30) == "2.30pm");
    CHECK(format_clock(23 * 60 + 5) == "11.05pm");
    CHECK(format_clock(60) == "1am");
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
  SUBCASE("a malformed time") {
    const Problems p = schedule_problems(R"({"kind": "weekly", "weekly": [{"days": ["mon"], "open": "8:45", "close": "17:00"}], "holidays": []})");
    CHECK_MESSAGE(has_problem(p, "data.schedule.time", "/services/3/schedule/weekly/0/open"), lines(p));
    CHECK(p.at(0).message.find("8:45") != std::string::npos);
  }
  SUBCASE("24:00 is only a closing time, 24:01 is never a time") {
    const Problems p = schedule_problems(R"({"kind": "weekly", "weekly": [{"days": ["mon"], "open": "24:00", "close": "24:01"}], "holidays": []})");
    CHECK_MESSAGE(has_problem(p, "data.schedule.time", "/services/3/schedule/weekly/0/open"), lines(p));
    CHECK(has_problem(p, "data.schedule.time", "/services/3/schedule/weekly/0/close"));
  }
  SUBCASE("an interval that closes before it opens (17:00-08:45)") {
    const Problems p = schedule_problems(R"({"kind": "weekly", "weekly": [{"days": ["mon"], "open": "17:00", "close": "08:45"}], "holidays": []})");
    CHECK_MESSAGE(has_problem(p, "data.schedule.inverted", "/services/3/schedule/weekly/0"), lines(p));
    CHECK(p.at(0).message.find("17:00") != std::string::npos);
    CHECK(p.at(0).message.find("08:45") != std::string::npos);
  }
  SUBCASE("overlapping intervals on one day") {
    const Problems p = schedule_problems(R"({"kind": "weekly", "weekly": [
        {"days": ["mon", "tue"], "open": "08:45", "close": "17:00"},
        {"days": ["tue"], "open": "16:00", "close": "24:00"}], "holidays": []})");
    CHECK_MESSAGE(has_problem(p, "data.schedule.overlap", "/services/3/schedule/weekly/1"), lines(p));
    CHECK(p.size() == 1);
    CHECK(p.at(0).message.find("tue") != std::string::npos);
  }
  SUBCASE("touching intervals are fine") {
    const Problems p = schedule_problems(kOutOfHours);
    CHECK_MESSAGE(p.empty(), lines(p));
  }
  SUBCASE("overlapping holiday intervals") {
    const Problems p = schedule_problems(R"({"kind": "weekly", "weekly": [],
        "holidays": [{"open": "00:00", "close": "10:00"}, {"open": "09:00", "close": "24:00"}]})");
    CHECK_MESSAGE(has_problem(p, "data.schedule.overlap", "/services/3/schedule/holidays/1"), lines(p));
  }
  SUBCASE("an unknown day, and a day listed twice") {
    const Problems p = schedule_problems(R"({"kind": "weekly", "weekly": [{"days": ["mon", "monday", "mon"], "open": "09:00", "close": "17:00"}], "holidays": []})");
    CHECK_MESSAGE(has_problem(p, "data.schedule.day", "/services/3/schedule/weekly/0/days/1"), lines(p));
    CHECK(has_problem(p, "data.schedule.day", "/services/3/schedule/weekly/0/days/2"));
  }
  SUBCASE("an unknown kind") {
    const Problems p = schedule_problems(R"({"kind": "sometimes"})");
    CHECK_MESSAGE(has_problem(p, "data.schedule.kind", "/services/3/schedule/kind"), lines(p));
    CHECK(p.at(0).message.find("sometimes") != std::string::npos);
  }
  SUBCASE("a weekly schedule without holiday hours") {
    const Problems p = schedule_problems(R"({"kind": "weekly", "weekly": [{"days": ["mon"], "open": "09:00", "close": "17:00"}]})");
    CHECK_MESSAGE(has_problem(p, "data.schedule.holidays_missing", "/services/3/schedule"), lines(p));
  }
  SUBCASE("empty days, empty label, unknown member, days on a holiday interval") {
    const Problems p = schedule_problems(R"({"kind": "weekly", "weekly": [{"days": [], "open": "09:00", "close": "17:00", "label": "", "note": 1}],
        "holidays": [{"days": ["mon"], "open": "09:00", "close": "17:00"}]})");
    CHECK_MESSAGE(has_problem(p, "data.schedule.days", "/services/3/schedule/weekly/0/days"), lines(p));
    CHECK(has_problem(p, "data.schedule.label", "/services/3/schedule/weekly/0/label"));
    CHECK(has_problem(p, "data.schedule.member", "/services/3/schedule/weekly/0/note"));
    CHECK(has_problem(p, "data.schedule.day", "/services/3/schedule/holidays/0/days"));
  }
  SUBCASE("not an object, and weekly not a list") {
    CHECK(has_problem(schedule_problems("\"9 to 5\""), "data.schedule.type", "/services/3/schedule"));
    CHECK(has_problem(schedule_problems(R"({"kind": "weekly", "weekly": {}, "holidays": []})"), "data.schedule.weekly",
                      "/services/3/schedule/weekly"));
  }
  SUBCASE("hours given with kind always are only a warning") {
    const Problems p = schedule_problems(R"({"kind": "always", "weekly": [{"days": ["mon"], "open": "09:00", "close": "17:00"}]})");
    CHECK_MESSAGE(has_problem(p, "data.schedule.unused", "/services/3/schedule/weekly"), lines(p));
    CHECK_FALSE(has_errors(p));
  }
}
