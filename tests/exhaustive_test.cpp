// Every answer path of the real data × every 15 minutes of a week and of a bank holiday.
#include <doctest/doctest.h>

#include <frontdoor/loader.hpp>
#include <frontdoor/paths.hpp>

#include "support.hpp"

using nlohmann::json;
using namespace frontdoor;

namespace {

struct Path {
  Facts facts;
};

std::string describe(const Facts& facts, UtcSeconds t) { return format_london(t) + " " + facts.to_json().dump(); }

}  // namespace

TEST_CASE("every path of the real data ends well at every quarter hour") {
  const UtcSeconds loaded_at = *parse_instant("2026-11-26T12:00:00Z");
  LoadResult r = load_model(test::load_request("data")["files"], loaded_at);
  std::string lines;
  for (const auto& p : r.problems) lines += to_line(p) + "\n";
  INFO(lines);
  REQUIRE(r.model != nullptr);
  const Model& model = *r.model;

  std::vector<Facts> paths;
  PathReport report = enumerate_paths(model, loaded_at, [&](const Facts& f, const Outcome&) { paths.push_back(f); });
  CHECK(report.problems.empty());
  REQUIRE(paths.size() == report.paths);
  REQUIRE(!paths.empty());

  // Monday 16 to Sunday 22 November 2026 has no bank holiday; Christmas Day 2026 is one.
  std::vector<Date> days;
  for (int d = 16; d <= 22; ++d) days.push_back(make_date(2026, 11, d));
  for (const auto& d : days) REQUIRE_FALSE(model.calendar.holiday_hours(d));
  const Date christmas = make_date(2026, 12, 25);
  REQUIRE(model.calendar.is_bank_holiday(christmas));
  days.push_back(christmas);

  std::size_t checked = 0, failures = 0;
  std::string examples;
  auto fail = [&](const std::string& what) {
    if (failures++ < 10) examples += what + "\n";
  };
  for (const auto& day : days) {
    for (int minute = 0; minute < 1440; minute += 15) {
      const UtcSeconds t = from_london(day, minute);
      const OpenStates states = open_states(model, t);
      for (const auto& facts : paths) {
        Outcome o = evaluate(model, facts, t, &states);
        ++checked;
        if (!o.missing.empty()) fail("not final: " + describe(facts, t));
        if (o.contacts.empty()) {
          fail("no contact: " + describe(facts, t));
          continue;
        }
        auto danger = facts.values.find("immediate_danger");
        if (danger != facts.values.end() && danger->second == true) {
          const Service& first = *o.contacts.front().service;
          if (first.phones.empty() || first.phones.front().number != "999") fail("999 not first: " + describe(facts, t));
        }
        if (o.level && o.level->id == "red") {
          const auto& open = o.contacts.front().state.open_now;
          if (!open || !*open)
            fail("red outcome whose first contact (" + o.contacts.front().service->id + ") is not open: " + describe(facts, t));
        }
      }
    }
  }
  INFO(examples);
  CHECK(failures == 0);
  MESSAGE("paths: " << paths.size() << ", path × quarter-hour outcomes checked: " << checked);
}

TEST_CASE("path enumeration tries every answer and stops at a cycle-free final outcome") {
  const UtcSeconds t = *parse_instant("2026-11-26T12:00:00Z");
  LoadResult r = load_model(test::data_files("tests/fixtures/data-min"), t);
  REQUIRE(r.model != nullptr);
  std::size_t with_age = 0, with_area = 0, total = 0;
  PathReport report = enumerate_paths(*r.model, t, [&](const Facts& f, const Outcome& o) {
    ++total;
    CHECK(o.missing.empty());
    with_age += f.given("child_age");
    with_area += f.given("area");
  });
  CHECK(report.problems.empty());
  CHECK(report.paths == total);
  // audience (4) × immediate_danger false × sexual_health × ages 0..25 and unknown = 4 × 27 paths with an age.
  CHECK(with_age == 4 * 27);
  // team_contact × 4 towns and the unknown option, for each audience.
  CHECK(with_area == 4 * 5);
  SUBCASE("pre-filled facts start the walk further on") {
    Problems problems;
    Facts start = parse_facts(json{{"audience", "professional"}, {"immediate_danger", false}}, problems);
    std::size_t n = 0;
    enumerate_paths(*r.model, t, [&](const Facts& f, const Outcome&) {
      ++n;
      CHECK(f.values.at("audience") == "professional");
    }, start);
    // concern: 5 other options for professionals and the unknown option; sexual_health: 27 ages;
    // team_contact: 5 areas.
    CHECK(n == 6 + 27 + 5);
  }
}
