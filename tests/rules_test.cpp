// The generic rules engine: conditions, three-valued logic, contacts at an instant.
#include <doctest/doctest.h>

#include <algorithm>

#include <frontdoor/checks.hpp>
#include <frontdoor/rules.hpp>

#include "support.hpp"

using nlohmann::json;
using namespace frontdoor;

namespace {

std::shared_ptr<const Model> fixture(const std::function<void(json&)>& change = nullptr) {
  return test::load_model_of("tests/fixtures/data-min", change);
}

Facts facts(const json& object) { return test::facts_of(object); }

UtcSeconds at(const char* text) { return *parse_instant(text); }

std::vector<std::string> services(const Outcome& o) {
  std::vector<std::string> out;
  for (const auto& c : o.contacts) out.push_back(c.service->id);
  return out;
}

Condition parse_when(const Model& m, const json& when) {
  Problems problems;
  Condition c = parse_condition(m, when, "/when", problems);
  for (const auto& p : problems) FAIL(to_line(p));
  return c;
}

}  // namespace

TEST_CASE("each condition form is true, false or unknown") {
  auto m = fixture();
  for (const json& row : test::read_json("tests/cases/conditions.json", "rows")) {
    INFO(row.dump());
    std::vector<std::string> missing;
    const Tri t = evaluate_condition(*m, parse_when(*m, row.at("when")), facts(row.at("facts")), missing);
    const std::string expect = row.at("expect");
    CHECK(t == (expect == "yes" ? Tri::yes : expect == "no" ? Tri::no : Tri::unknown));
    if (row.contains("missing")) CHECK(missing == row.at("missing").get<std::vector<std::string>>());
  }
}

TEST_CASE("rules fire in order; final stops; missing facts are listed in question order") {
  auto m = fixture();
  const UtcSeconds friday = at("2026-11-27T10:00:00Z");
  SUBCASE("no facts: the catch-all answers and every fact the earlier rules test is missing") {
    Outcome o = evaluate(*m, facts(json::object()), friday);
    CHECK(o.missing == std::vector<std::string>{"audience", "immediate_danger", "concern", "child_age", "area"});
    REQUIRE(o.next_question != nullptr);
    CHECK(o.next_question->id == "audience");
    CHECK(o.fired == std::vector<std::string>{"catch-all"});
    CHECK(services(o) == std::vector<std::string>{"mash", "front-door"});
    CHECK(o.level->id == "green");
  }
  SUBCASE("a final rule stops the evaluation and later rules add no missing facts") {
    Outcome o = evaluate(*m, facts({{"immediate_danger", true}}), friday);
    CHECK(o.fired == std::vector<std::string>{"immediate-danger"});
    CHECK(o.missing.empty());
    CHECK(o.next_question == nullptr);
    CHECK(services(o) == std::vector<std::string>{"emergency-999", "mash"});
    CHECK(o.level->id == "red");
    REQUIRE(o.explain.size() == 1);
    CHECK(o.explain[0].rule == "immediate-danger");
    CHECK(o.explain[0].text == "Someone is in danger.");
  }
  SUBCASE("a non-final rule adds to later ones; the highest level wins; a service is listed once") {
    Outcome o = evaluate(*m, facts({{"audience", "professional"}, {"immediate_danger", false}, {"concern", "unsure"}}), friday);
    CHECK(o.fired == std::vector<std::string>{"unsure-professional", "unsure"});
    CHECK(o.level->id == "amber");
    CHECK(services(o) == std::vector<std::string>{"mash", "front-door"});
    Outcome twice = evaluate(*m, facts({{"audience", "professional"}, {"immediate_danger", false}, {"concern", "harm"}}), friday);
    CHECK(services(twice) == std::vector<std::string>{"mash"});
  }
  SUBCASE("notes are resolved for the audience") {
    Outcome parent = evaluate(*m, facts({{"audience", "parent"}, {"immediate_danger", false}, {"concern", "harm"}}), friday);
    CHECK(parent.notes == std::vector<std::string>{"If anyone is in danger, call 999."});
    Outcome pro = evaluate(*m, facts({{"audience", "professional"}, {"immediate_danger", false}, {"concern", "harm"}}), friday);
    CHECK(pro.notes == std::vector<std::string>{"No consent is needed."});
  }
  SUBCASE("an unknown rule adds its missing facts but does not fire") {
    Outcome o = evaluate(*m, facts({{"audience", "parent"}, {"immediate_danger", false}, {"concern", "sexual_health"}}), friday);
    CHECK(o.missing == std::vector<std::string>{"child_age"});
    CHECK(o.fired == std::vector<std::string>{"sexual-health"});
  }
}

TEST_CASE("a match of the rules is made once and serves every instant") {
  auto m = fixture();
  const RuleMatch none = match_rules(*m, facts(json::object()));
  CHECK((none.steps.front().rule->id == "immediate-danger" && !none.steps.front().fired));
  CHECK(none.steps.front().missing == std::vector<std::string>{"immediate_danger"});
  CHECK((none.steps.back().rule->id == "catch-all" && none.steps.back().fired));
  CHECK(match_rules(*m, facts({{"immediate_danger", true}})).steps.size() == 1);  // a final rule fired
  for (const json& given : {json::object(), json{{"immediate_danger", true}},
                            json{{"audience", "parent"}, {"immediate_danger", false}, {"concern", "sexual_health"}}}) {
    const Facts f = facts(given);
    const RuleMatch match = match_rules(*m, f);
    for (int minute = 0; minute < 7 * 1440; minute += 15) {  // every quarter hour of a week
      const UtcSeconds t = from_london(make_date(2026, 11, 23), 0) + minute * 60;
      const Outcome once = evaluate(*m, f, match, t), fresh = evaluate(*m, f, t);
      INFO(given.dump(), " at ", format_london(t));
      CHECK((once.fired == fresh.fired && once.missing == fresh.missing && once.notes == fresh.notes));
      REQUIRE(once.contacts.size() == fresh.contacts.size());
      for (std::size_t i = 0; i < once.contacts.size(); ++i)
        CHECK((once.contacts[i].service == fresh.contacts[i].service && once.contacts[i].why == fresh.contacts[i].why &&
               once.contacts[i].role == fresh.contacts[i].role && once.contacts[i].state.open_now == fresh.contacts[i].state.open_now));
    }
  }
}

TEST_CASE("first_open picks the first open member of the group over a week") {
  auto m = fixture();
  const Facts harm = facts({{"audience", "parent"}, {"immediate_danger", false}, {"concern", "harm"}});
  auto first = [&](const char* when) { return evaluate(*m, harm, at(when)).contacts.at(0); };
  for (const json& row : test::read_json("tests/cases/first_open.json", "rows")) {
    CAPTURE(row.dump());
    CHECK(first(row.at("at").get<std::string>().c_str()).service->id == row.at("first").get<std::string>());
  }
  CHECK(first("2026-11-23T08:44:00Z").state.label_now == "Standby");
  CHECK(first("2026-11-27T15:59:00Z").state.open_now == true);
  CHECK(first("2026-11-27T15:59:00Z").why == "MASH is open now.");
  SUBCASE("every quarter hour of a week: MASH while it is open, else Out of Hours, always open") {
    const Date monday = make_date(2026, 11, 23);
    for (int day = 0; day < 7; ++day) {
      for (int minute = 0; minute < 1440; minute += 15) {
        const UtcSeconds t = from_london(add_days(monday, day), minute);
        const bool mash_open = open_state(m->service("mash")->schedule, m->calendar, t).open_now == true;
        const ContactResult c = evaluate(*m, harm, t).contacts.at(0);
        CAPTURE(format_london(t));
        CHECK(c.service->id == (mash_open ? "mash" : "out-of-hours"));
        CHECK(c.state.open_now == true);
        CHECK(mash_open == (day < 5 && minute >= 8 * 60 + 45 && minute < (day == 4 ? 16 * 60 : 17 * 60)));
      }
    }
  }
  SUBCASE("when no member is open, the one that opens soonest") {
    auto closed = fixture([](json& f) {
      f["rules.json"]["groups"]["safeguarding-line"][1]["service"] = "front-door";
      f["directory.json"]["services"][6]["schedule"]["weekly"][0]["open"] = "09:30";
      f["directory.json"]["services"][6]["schedule"]["weekly"][1]["open"] = "08:00";
      f["directory.json"]["services"][6]["schedule"]["weekly"][1]["close"] = "08:30";
    });
    const UtcSeconds sunday = at("2026-11-29T12:00:00Z");
    Outcome o = evaluate(*closed, harm, sunday);
    CHECK(o.contacts.at(0).service->id == "mash");  // Monday 08:45 beats front door's Monday 09:30
    CHECK(o.contacts.at(0).state.open_now == false);
    const UtcSeconds thursday_night = at("2026-11-26T20:00:00Z");
    CHECK(evaluate(*closed, harm, thursday_night).contacts.at(0).service->id == "front-door");  // Friday 08:00
  }
  SUBCASE("a member with unknown hours comes before closed ones") {
    auto unknown = fixture([](json& f) { f["rules.json"]["groups"]["safeguarding-line"][1]["service"] = "sst-north"; });
    Outcome o = evaluate(*unknown, harm, at("2026-11-28T12:00:00Z"));
    CHECK(o.contacts.at(0).service->id == "sst-north");
    CHECK_FALSE(o.contacts.at(0).state.open_now.has_value());
  }
}

TEST_CASE("by_locality uses the locality of the area's town") {
  auto m = fixture();
  const UtcSeconds t = at("2026-11-27T10:00:00Z");
  auto with_area = [&](const json& area) {
    json f = {{"audience", "parent"}, {"immediate_danger", false}, {"concern", "team_contact"}, {"area", area}};
    return evaluate(*m, facts(f), t);
  };
  // A team of unpublished hours leads in office hours, with the line answered now (MASH) second.
  CHECK(services(with_area("calne")) == std::vector<std::string>{"sst-north", "mash"});
  CHECK(services(with_area(" Royal Wootton Bassett ")) == std::vector<std::string>{"sst-south", "mash"});
  CHECK(services(with_area("Bristol")) == std::vector<std::string>{"front-door"});  // otherwise
  CHECK(with_area("Bristol").contacts[0].why == "Front door will connect you.");
  CHECK(with_area("Calne").contacts[0].why == "Your area's team.");
  CHECK(services(with_area(nullptr)) == std::vector<std::string>{"front-door"});
  CHECK(with_area(nullptr).fired == std::vector<std::string>{"team-unknown-area"});
  Outcome asked = evaluate(*m, facts({{"audience", "parent"}, {"immediate_danger", false}, {"concern", "team_contact"}}), t);
  CHECK(asked.missing == std::vector<std::string>{"area"});
}

TEST_CASE("a contact outside its service's ages is dropped with an explanation") {
  auto m = fixture();
  const UtcSeconds t = at("2026-11-27T10:00:00Z");
  auto sexual_health = [&](const json& age) {
    return evaluate(*m, facts({{"audience", "young_person"}, {"immediate_danger", false}, {"concern", "sexual_health"}, {"child_age", age}}), t);
  };
  // Each ends with the safety net: the safeguarding line answered now (MASH on a Friday morning).
  CHECK(services(sexual_health(13)) == std::vector<std::string>{"sexual-health", "front-door", "mash"});
  CHECK(services(sexual_health(24)) == std::vector<std::string>{"sexual-health", "front-door", "mash"});
  CHECK(services(sexual_health(nullptr)) == std::vector<std::string>{"sexual-health", "front-door", "mash"});
  Outcome old = sexual_health(25);
  CHECK(services(old) == std::vector<std::string>{"front-door", "mash"});
  bool explained = std::any_of(old.explain.begin(), old.explain.end(), [](const ExplainEntry& e) {
    return e.rule == "sexual-health" && e.text == "The sexual health service is for ages 13 to 24.";
  });
  CHECK(explained);
  Outcome young = sexual_health(12);
  CHECK(young.fired == std::vector<std::string>{"sexual-health-under-13"});
  CHECK(young.level->id == "red");
  SUBCASE("without a note, the ui.json sentence is filled in") {
    auto no_note = fixture([](json& f) { f["directory.json"]["services"][5]["age"].erase("note"); });
    Outcome o = evaluate(*no_note, facts({{"immediate_danger", false}, {"concern", "sexual_health"}, {"child_age", 25}}), t);
    CHECK(o.explain.back().text == "Sexual health is for ages 13 to 24.");
  }
}
