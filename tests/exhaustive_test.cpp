// Every answer path of the real data × every 15 minutes of a week and of a bank holiday.
#include <doctest/doctest.h>

#include <frontdoor/checks.hpp>
#include <frontdoor/paths.hpp>
#include <frontdoor/tools.hpp>

#include <algorithm>

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
  // Conditions do not read the time: each path is matched once, and evaluated at every instant.
  std::vector<RuleMatch> matches;
  for (const auto& facts : paths) matches.push_back(match_rules(model, facts));

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
      for (std::size_t i = 0; i < paths.size(); ++i) {
        const Facts& facts = paths[i];
        Outcome o = evaluate(model, facts, matches[i], t, &states);
        ++checked;
        if (!o.missing.empty()) fail("not final: " + describe(facts, t));
        if (o.contacts.empty()) {
          fail("no contact: " + describe(facts, t));
          continue;
        }
        auto danger = facts.values.find("immediate_danger");
        if (danger != facts.values.end() && danger->second == Value(true)) {
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
      CHECK(json(f.values.at("audience")) == "professional");
    }, start);
    // concern: 5 other options for professionals and the unknown option; sexual_health: 27 ages;
    // team_contact: 5 areas.
    CHECK(n == 6 + 27 + 5);
  }
}

namespace {

/** The real data as request files, with `change` applied, loaded. */
std::shared_ptr<const Model> real_data(const std::function<void(json&)>& change = nullptr) {
  return test::load_model_of("data", change);
}

std::vector<UtcSeconds> proof_instants(const Model& model) {
  // A week with no bank holiday, then every bank holiday and both clock-change days of 2026–2027.
  return safety_instants(model, make_date(2026, 11, 16), 2026, 2027);
}

std::string violations(const SafetyReport& report) {
  std::string out;
  for (const auto& v : report.violations) out += v.message + "\n";
  return out;
}

}  // namespace

TEST_CASE("every answer path keeps the safety invariants at every quarter hour of a week, bank holidays and clock changes") {
  auto model = real_data();
  const std::vector<UtcSeconds> instants = proof_instants(*model);
  SUBCASE("the instants cover a week, each bank holiday and both clock-change days") {
    // 7 days + 8 bank holidays a year (2026: 8; 2027: 8) + 2 clock changes a year; a 23-hour
    // spring day has 92 quarter hours and a 25-hour autumn day 100.
    CHECK(instants.size() == (7 + 16 + 4) * 96);
    auto on = [&](Date d) {
      return std::count_if(instants.begin(), instants.end(), [&](UtcSeconds t) { return to_london(t).date == d; });
    };
    CHECK(on(make_date(2027, 3, 28)) == 92);    // spring forward: 23 hours
    CHECK(on(make_date(2027, 10, 31)) == 100);  // fall back: 25 hours
    CHECK(std::find(instants.begin(), instants.end(), *parse_instant("2026-10-25T00:45:00Z")) != instants.end());  // 01:45 BST
    CHECK(std::find(instants.begin(), instants.end(), *parse_instant("2026-10-25T01:45:00Z")) != instants.end());  // 01:45 GMT
    CHECK(std::find(instants.begin(), instants.end(), from_london(make_date(2026, 12, 28), 9 * 60)) != instants.end());  // Boxing Day (substitute)
  }
  const SafetyReport report = check_safety(*model, instants);
  INFO(violations(report));
  CHECK(report.problems.empty());
  CHECK(report.violations.empty());
  CHECK(report.paths > 100);
  CHECK(report.checked == report.paths * instants.size());
  MESSAGE("safety proof: " << report.paths << " paths × " << instants.size() << " instants = " << report.checked
                           << " path-instants checked (" << report.distinct << " distinct instants evaluated path by path)");
}

TEST_CASE("a broken copy of the data fails the safety proof with the path, the instant and the property") {
  auto broken = [](const std::function<void(json&)>& change) {
    auto model = real_data(change);
    REQUIRE(model != nullptr);
    return check_safety(*model, proof_instants(*model), 100000);
  };
  auto has = [](const SafetyReport& r, int property, const char* fragment) {
    return std::any_of(r.violations.begin(), r.violations.end(), [&](const SafetyViolation& v) {
      return v.property == property && v.message.find(fragment) != std::string::npos;
    });
  };
  SUBCASE("Out of Hours closed on Saturday afternoons: no line is answered, on risk and other paths") {
    SafetyReport r = broken([](json& f) {
      for (auto& s : f["directory.json"]["services"])
        if (s["id"] == "out-of-hours")
          for (auto& w : s["schedule"]["weekly"])
            if (w["days"] == json::array({"sat", "sun"})) w["close"] = "12:00";
    });
    INFO(violations(r));
    CHECK(has(r, 1, "no line of the safeguarding group is answered"));
    CHECK(has(r, 1, "2026-03-29T12:00"));  // the first Sunday afternoon of the instants (the clock change)
    CHECK(has(r, 1, "\"concern\":\"harm\""));
    CHECK(has(r, 2, "\"concern\":\"childcare\""));
  }
  SUBCASE("a rule that puts the safeguarding line before 999") {
    SafetyReport r = broken([](json& f) {
      auto& rule = f["rules.json"]["rules"][0];
      REQUIRE(rule["id"] == "immediate-danger");
      std::swap(rule["contacts"][0], rule["contacts"][1]);
    });
    INFO(violations(r));
    CHECK(has(r, 0, "not 999"));
  }
  SUBCASE("a specialist route that states a level of need") {
    SafetyReport r = broken([](json& f) {
      for (auto& rule : f["rules.json"]["rules"])
        if (rule["id"] == "childcare") rule["level"] = "blue";
    });
    INFO(violations(r));
    CHECK(has(r, 6, "level \"blue\" is stated on a route to childcare-info"));
  }
}
