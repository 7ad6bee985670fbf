// England & Wales bank holidays: the rules, data/calendar.json's one-off changes, the GOV.UK
// importer and calendar.json's validation.
#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "frontdoor/calendar.hpp"
#include "frontdoor/calendar_json.hpp"
#include "frontdoor/reader.hpp"
#include "support.hpp"

using namespace frontdoor;
using nlohmann::json;

namespace {

Date day(int y, int m, int d) { return make_date(y, m, d); }

// GOV.UK writes "New Year’s Day" with a typographic apostrophe; the rules use a plain one.
std::string plain(std::string s) {
  const std::string curly = "\xE2\x80\x99";
  for (std::size_t at = s.find(curly); at != std::string::npos; at = s.find(curly)) s.replace(at, curly.size(), "'");
  return s;
}

Calendar data_calendar() {
  Problems problems;
  const json doc = test::read_json("data/calendar.json");
  check_calendar(doc, "calendar.json", problems);
  for (const Problem& p : problems) FAIL_CHECK(to_line(p));
  REQUIRE(problems.empty());
  return read_calendar(doc);
}

std::vector<std::string> dates_of(const std::vector<Holiday>& holidays) {
  std::vector<std::string> out;
  for (const Holiday& h : holidays) out.push_back(format_date(h.date));
  return out;
}

bool has_date(const std::vector<Holiday>& holidays, Date d) {
  return std::any_of(holidays.begin(), holidays.end(), [&](const Holiday& h) { return h.date == d; });
}

std::string name_on(const std::vector<Holiday>& holidays, Date d) {
  for (const Holiday& h : holidays) {
    if (h.date == d) return h.name;
  }
  return "(none)";
}

/**
 * Checks each day of a list of tests/cases/holidays.json: `rules` (true, false or the holiday's
 * name by the standing rules alone) and `calendar` (a bank holiday with data/calendar.json).
 */
void check_days(const char* list) {
  const Calendar calendar = data_calendar();
  for (const json& row : test::read_json("tests/cases/holidays.json", list)) {
    CAPTURE(row.dump());
    const Date d = *parse_date(row.at("date").get<std::string>());
    const auto rules = rule_bank_holidays(d.year());
    if (row.contains("rules") && row["rules"].is_string())
      CHECK(name_on(rules, d) == row["rules"].get<std::string>());
    else if (row.contains("rules"))
      CHECK(has_date(rules, d) == row["rules"].get<bool>());
    if (row.contains("calendar")) CHECK(calendar.is_bank_holiday(d) == row["calendar"].get<bool>());
  }
}

}  // namespace

TEST_CASE("bank holidays match the published England & Wales list 2018 to 2028") {
  const json table = test::read_json("tests/cases/holidays.json");
  const Calendar calendar = data_calendar();
  const int from = table.at("from").get<int>();
  const int to = table.at("to").get<int>();
  for (int year = from; year <= to; ++year) {
    CAPTURE(year);
    std::vector<std::pair<std::string, std::string>> expected;
    for (const json& h : table.at("holidays")) {
      const std::string date = h.at("date").get<std::string>();
      if (date.compare(0, 4, std::to_string(year)) == 0) expected.emplace_back(date, plain(h.at("name").get<std::string>()));
    }
    REQUIRE_FALSE(expected.empty());
    std::vector<std::pair<std::string, std::string>> actual;
    for (const Holiday& h : calendar.bank_holidays(year, year)) actual.emplace_back(format_date(h.date), plain(h.name));
    CHECK(actual == expected);
    for (const auto& e : expected) CHECK(calendar.is_bank_holiday(*parse_date(e.first)));
  }
  SUBCASE("a multi-year query is the years' lists joined") {
    std::vector<std::string> joined;
    for (int year = from; year <= to; ++year) {
      const auto one = dates_of(calendar.bank_holidays(year, year));
      joined.insert(joined.end(), one.begin(), one.end());
    }
    CHECK(dates_of(calendar.bank_holidays(from, to)) == joined);
    CHECK(joined.size() == table.at("holidays").size());
  }
}

TEST_CASE("the rules alone differ from the published list only in the one-off years") {
  check_days("one_off");
  const Calendar calendar = data_calendar();
  CHECK(calendar.bank_holidays(2023, 2023).size() == 9);
  SUBCASE("2018, 2019, 2021 and 2024 to 2028 follow the rules exactly") {
    for (int year : {2018, 2019, 2021, 2024, 2025, 2026, 2027, 2028}) {
      CAPTURE(year);
      CHECK(dates_of(calendar.bank_holidays(year, year)) == dates_of(rule_bank_holidays(year)));
    }
  }
}

TEST_CASE("a holiday on a weekend gives a substitute weekday") {
  check_days("substitutes");
  SUBCASE("every rule holiday is a weekday and there are eight a year") {
    for (int year = 1900; year <= 2200; ++year) {
      const auto h = rule_bank_holidays(year);
      CAPTURE(year);
      REQUIRE(h.size() == 8);
      for (std::size_t i = 0; i < h.size(); ++i) {
        CHECK(weekday_of(h[i].date) < 5);
        CHECK(h[i].date.year() == year);
        if (i > 0) CHECK(h[i - 1].date < h[i].date);
      }
    }
  }
}

TEST_CASE("Easter Sunday follows the Gregorian computus") {
  // 2038 is the latest possible, 2285 the earliest.
  for (const auto& e : std::vector<std::pair<int, Date>>{{2019, day(2019, 4, 21)}, {2024, day(2024, 3, 31)}, {2025, day(2025, 4, 20)},
                                                         {2026, day(2026, 4, 5)}, {2038, day(2038, 4, 25)}, {2285, day(2285, 3, 22)},
                                                         {1961, day(1961, 4, 2)}, {2000, day(2000, 4, 23)}})
    CHECK(easter_sunday(e.first) == e.second);
  for (int year = 1583; year <= 4099; ++year) {
    const Date e = easter_sunday(year);
    CAPTURE(year);
    CHECK(weekday_of(e) == 6);
    CHECK(e >= day(year, 3, 22));
    CHECK(e <= day(year, 4, 25));
  }
}

TEST_CASE("a calendar lists added days, omits removed days and never lists closures") {
  const Calendar calendar({
      {day(2026, 5, 4), ExceptionKind::remove, "Early May bank holiday (moved)", "https://example.org"},
      {day(2026, 5, 8), ExceptionKind::add, "Moved early May bank holiday", "https://example.org"},
      {day(2026, 12, 29), ExceptionKind::closure, "Council offices closed", "https://example.org"},
  });
  const auto list = calendar.bank_holidays(2026, 2026);
  CHECK_FALSE(has_date(list, day(2026, 5, 4)));
  CHECK(name_on(list, day(2026, 5, 8)) == "Moved early May bank holiday");
  CHECK_FALSE(has_date(list, day(2026, 12, 29)));
  CHECK(list.size() == 8);
  CHECK(std::is_sorted(list.begin(), list.end(), [](const Holiday& a, const Holiday& b) { return a.date < b.date; }));

  CHECK_FALSE(calendar.is_bank_holiday(day(2026, 5, 4)));
  CHECK(calendar.is_bank_holiday(day(2026, 5, 8)));
  CHECK_FALSE(calendar.is_bank_holiday(day(2026, 12, 29)));
  CHECK(calendar.is_closure(day(2026, 12, 29)));
  CHECK_FALSE(calendar.is_closure(day(2026, 5, 8)));
  CHECK(calendar.holiday_hours(day(2026, 12, 29)));
  CHECK(calendar.holiday_hours(day(2026, 5, 8)));
  CHECK(calendar.holiday_hours(day(2026, 12, 25)));
  CHECK_FALSE(calendar.holiday_hours(day(2026, 5, 4)));
  CHECK_FALSE(calendar.holiday_hours(day(2026, 12, 30)));
  CHECK(calendar.bank_holidays(2027, 2027).size() == 8);
  CHECK(calendar.exceptions().size() == 3);

  const Calendar plain_rules;
  CHECK(dates_of(plain_rules.bank_holidays(2026, 2026)) == dates_of(rule_bank_holidays(2026)));
  CHECK(plain_rules.bank_holidays(2027, 2026).empty());
}

TEST_CASE("importing GOV.UK's bank-holidays.json gives back data/calendar.json's changes since 2018") {
  const std::string text = test::read_text("tests/fixtures/govuk-bank-holidays.json");
  const std::vector<CalendarException> imported = import_govuk_bank_holidays(text);

  std::vector<std::pair<std::string, ExceptionKind>> got;
  for (const CalendarException& e : imported) {
    got.emplace_back(format_date(e.date), e.kind);
    CHECK(e.source == "https://www.gov.uk/bank-holidays");
    CHECK_FALSE(e.name.empty());
  }
  std::vector<std::pair<std::string, ExceptionKind>> expected;
  const Calendar recorded = data_calendar();
  for (const CalendarException& e : recorded.exceptions()) {
    if (e.date >= day(2018, 1, 1) && e.kind != ExceptionKind::closure) expected.emplace_back(format_date(e.date), e.kind);
  }
  REQUIRE(expected.size() == 7);
  CHECK(got == expected);

  SUBCASE("the imported calendar lists exactly GOV.UK's dates") {
    const json doc = json::parse(text);
    std::vector<std::string> listed;
    for (const json& ev : doc.at("england-and-wales").at("events")) listed.push_back(ev.at("date").get<std::string>());
    std::sort(listed.begin(), listed.end());
    CHECK(dates_of(Calendar(imported).bank_holidays(2018, 2026)) == listed);
  }
  SUBCASE("added days keep GOV.UK's titles") {
    const Calendar calendar(imported);
    CHECK(name_on(calendar.bank_holidays(2023, 2023), day(2023, 5, 8)) ==
          "Bank holiday for the coronation of King Charles III");
  }
  SUBCASE("a list that follows the rules gives no exceptions") {
    json doc = json::parse(text);
    json& events = doc["england-and-wales"]["events"];
    json kept = json::array();
    for (const json& ev : events) {
      if (ev.at("date").get<std::string>().compare(0, 4, "2024") == 0) kept.push_back(ev);
    }
    events = kept;
    CHECK(import_govuk_bank_holidays(doc.dump()).empty());
  }
}

TEST_CASE("the GOV.UK importer refuses other formats and names where") {
  for (const json& row : test::read_json("tests/cases/calendar_problems.json", "import")) {
    const std::string name = row.at("name");
    CAPTURE(name);
    std::string message = "(no error)";
    try {
      import_govuk_bank_holidays(row.contains("text") ? row["text"].get<std::string>() : row.at("doc").dump());
    } catch (const std::invalid_argument& e) {
      message = e.what();
    }
    for (const json& word : row.at("includes")) CHECK_MESSAGE(message.find(word.get<std::string>()) != std::string::npos, message);
  }
}

TEST_CASE("data/calendar.json is valid and documents its one-off days") {
  const json doc = test::read_json("data/calendar.json");
  CHECK(doc.at("$schema") == "schema/calendar.schema.json");
  CHECK(doc.at("division") == "england-and-wales");
  const Calendar calendar = data_calendar();
  CHECK(calendar.exceptions().size() == doc.at("exceptions").size());
  for (const CalendarException& e : calendar.exceptions()) {
    CAPTURE(format_date(e.date));
    CHECK(e.kind != ExceptionKind::closure);  // no council closure days are recorded yet
    CHECK(e.source == "https://www.gov.uk/bank-holidays");
  }
}

TEST_CASE("check_calendar reports each problem with its id, file and pointer") {
  for (const json& row : test::read_json("tests/cases/calendar_problems.json", "problems")) {
    const std::string name = row.at("name");
    CAPTURE(name);
    Problems p;
    check_calendar(row.at("calendar"), "calendar.json", p);
    INFO(test::problem_lines(p));
    for (const json& e : row.at("expect")) {
      const std::string id = e.at(0), pointer = e.at(1);
      CHECK_MESSAGE(std::any_of(p.begin(), p.end(), [&](const Problem& q) {
                      return q.id == id && q.pointer == pointer && q.file == "calendar.json";
                    }), id << " at " << pointer);
    }
    if (row.contains("count")) CHECK(p.size() == row["count"].get<std::size_t>());
    for (const json& word : row.value("first_message_includes", json::array()))
      CHECK(p.at(0).message.find(word.get<std::string>()) != std::string::npos);
  }
  SUBCASE("a checked document reads into the calendar it describes") {
    const json doc = json::parse(R"({"division": "england-and-wales", "exceptions": [
      {"date": "2026-12-29", "kind": "closure", "name": "x", "source": "https://example.org"}]})");
    Problems problems;
    check_calendar(doc, "calendar.json", problems);
    CHECK_MESSAGE(problems.empty(), test::problem_lines(problems));
    const Calendar c = read_calendar(doc);
    CHECK(c.exceptions().size() == 1);
    CHECK(c.is_closure(day(2026, 12, 29)));
    CHECK_FALSE(c.is_closure(day(2026, 12, 30)));
  }
}
