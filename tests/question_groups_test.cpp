// The concern question in two steps (issue 15, item 4): first "is a child being harmed or at
// risk?" (the flow-only fact concern_group), then the short list of that group's concerns.
#include <doctest/doctest.h>

#include <frontdoor/api.hpp>
#include <frontdoor/checks.hpp>
#include <frontdoor/paths.hpp>
#include <frontdoor/rules.hpp>
#include <frontdoor/wire.hpp>
#include <frontdoor/tools.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "support.hpp"

using nlohmann::json;
using namespace frontdoor;

namespace {

const UtcSeconds kAt = *parse_instant("2026-11-27T10:00:00Z");

std::shared_ptr<const Model> real() { return test::load_model_of("data"); }

Facts facts(const json& object) { return test::facts_of(object); }

std::vector<std::string> values(const json& question) {
  std::vector<std::string> out;
  for (const auto& o : question["options"]) out.push_back(o["value"].is_null() ? "null" : o["value"].get<std::string>());
  return out;
}

/** The question the core asks next for `given`, as the route response shows it. */
json next_for(const Model& m, const json& given) {
  const Facts f = facts(given);
  const Outcome o = evaluate(m, f, kAt);
  REQUIRE(o.next_question != nullptr);
  return question_json(m, *o.next_question, f);
}

using List = std::vector<std::string>;

/** The short lists of the concern question per audience: `list` is "risk" or "other" (tests/cases/concern_lists.json). */
std::map<std::string, List> lists(const char* list) {
  return test::read_json("tests/cases/concern_lists.json").at(list).get<std::map<std::string, List>>();
}

}  // namespace

TEST_CASE("after the danger question the wizard asks whether a child is being harmed or at risk") {
  auto m = real();
  for (const char* audience : {"parent", "young_person", "professional", "public"}) {
    CAPTURE(audience);
    const json given = {{"audience", audience}, {"immediate_danger", false}};
    const Outcome o = evaluate(*m, facts(given), kAt);
    // The rules still need only the concern: the group is a step of the flow, never `missing`.
    REQUIRE(!o.missing.empty());
    CHECK(o.missing.front() == "concern");
    CHECK(std::find(o.missing.begin(), o.missing.end(), "concern_group") == o.missing.end());
    const json q = next_for(*m, given);
    CHECK(q["id"] == "concern-group");
    CHECK(q["fact"] == "concern_group");
    CHECK(values(q) == List{"harm_or_risk", "other_help", "null"});
    CHECK(q["unknown_option"]["label"] == "I'm not sure");
  }
  SUBCASE("young people are asked in their own words") {
    const json q = next_for(*m, {{"audience", "young_person"}, {"immediate_danger", false}});
    CHECK(q["text"] == "Is someone hurting you or another young person, or are you worried they might?");
    CHECK(q["options"][0]["label"] == "Yes, or I think they might");
    const json adult = next_for(*m, {{"audience", "parent"}, {"immediate_danger", false}});
    CHECK(adult["text"] == "Is a child being harmed, or do you think a child may be at risk of harm?");
  }
  SUBCASE("when the danger is not known the group question still comes before the concern") {
    CHECK(next_for(*m, {{"audience", "parent"}, {"immediate_danger", nullptr}})["id"] == "concern-group");
  }
  SUBCASE("someone in danger now is not asked it: the outcome is final") {
    const Outcome o = evaluate(*m, facts({{"audience", "parent"}, {"immediate_danger", true}}), kAt);
    CHECK(o.next_question == nullptr);
    CHECK(o.contacts.front().service->id == "emergency-999");
  }
}

/** After the group answer `group`, the concern question offers each audience its list of `expected`. */
void check_lists(const Model& m, const json& group, const std::map<std::string, List>& expected) {
  for (const auto& entry : expected) {
    const std::string& audience = entry.first;  // a named copy: doctest's CAPTURE cannot take a structured binding
    CAPTURE(audience);
    const json q = next_for(m, {{"audience", audience}, {"immediate_danger", false}, {"concern_group", group}});
    CHECK(q["id"] == "concern");
    CHECK(values(q) == entry.second);
  }
}

TEST_CASE("yes shows only the concerns where a child may be at risk") { check_lists(*real(), "harm_or_risk", lists("risk")); }

TEST_CASE("no shows only the concerns of other help and advice") { check_lists(*real(), "other_help", lists("other")); }

TEST_CASE("not sure shows the risk list, never the long one") {
  auto m = real();
  check_lists(*m, nullptr, lists("risk"));
  SUBCASE("every concern that may carry risk is in that list") {
    const List parent = lists("risk").at("professional");
    for (const auto& value : m->safety.risk) {
      CAPTURE(value);
      CHECK(std::find(parent.begin(), parent.end(), value) != parent.end());
    }
  }
}

TEST_CASE("a concern given already skips the group question, so every existing request works unchanged") {
  auto m = real();
  // Given without concern_group (the CLI, the ABI, the scenario tables).
  CHECK(evaluate(*m, facts({{"audience", "parent"}, {"immediate_danger", false}, {"concern", "harm"}}), kAt).next_question ==
        nullptr);
  CHECK(next_for(*m, {{"audience", "parent"}, {"immediate_danger", false}, {"concern", "team_contact"}})["id"] == "area");
  CHECK(next_for(*m, {{"immediate_danger", false}, {"concern", "unsure"}})["id"] == "audience");
  SUBCASE("a concern outside the group given is still routed by the rules alone") {
    const Outcome with = evaluate(*m, facts({{"audience", "parent"}, {"immediate_danger", false},
                                             {"concern_group", "other_help"}, {"concern", "harm"}}), kAt);
    const Outcome without = evaluate(*m, facts({{"audience", "parent"}, {"immediate_danger", false}, {"concern", "harm"}}), kAt);
    CHECK(with.fired == without.fired);
    REQUIRE(!with.contacts.empty());
    CHECK(with.contacts.front().service == without.contacts.front().service);
  }
}

TEST_CASE("the route response carries the group question and then the short list") {
  Session session(workbench());
  REQUIRE(json::parse(session.handle(test::load_request("data").dump()))["ok"] == true);
  auto route = [&](const json& f) {
    return json::parse(session.handle(json{{"op", "route"}, {"at", "2026-11-27T10:00:00Z"}, {"facts", f}}.dump()));
  };
  json r = route({{"audience", "parent"}, {"immediate_danger", false}});
  CHECK(r["ok"] == true);
  CHECK(r["missing"][0] == "concern");
  CHECK(r["next_question"]["id"] == "concern-group");
  r = route({{"audience", "parent"}, {"immediate_danger", false}, {"concern_group", "other_help"}});
  CHECK(r["next_question"]["id"] == "concern");
  CHECK(values(r["next_question"]) == lists("other").at("parent"));
  r = route({{"audience", "parent"}, {"immediate_danger", false}, {"concern_group", "maybe"}});
  CHECK(r["ok"] == false);
  CHECK(r["errors"][0]["id"] == "facts.unknown_value");
  CHECK(r["errors"][0]["where"] == "facts/concern_group");
}

TEST_CASE("the path walk asks the group question and reaches every concern through it") {
  auto m = real();
  std::map<std::string, std::set<std::string>> reached;  // concern_group answer → concerns
  std::size_t without_group = 0;
  PathReport report = enumerate_paths(*m, kAt, [&](const Facts& f, const Outcome&) {
    auto concern = f.values.find("concern");
    if (concern == f.values.end()) return;  // someone in danger: no concern asked
    auto group = f.values.find("concern_group");
    if (group == f.values.end()) {
      ++without_group;
      return;
    }
    reached[is_null(group->second) ? "null" : *string_of(group->second)].insert(*string_of(concern->second));
  });
  CHECK(report.problems.empty());
  CHECK(without_group == 0);
  const List risk_list = lists("risk").at("professional");
  const List other_list = lists("other").at("professional");
  const std::set<std::string> risk(risk_list.begin(), risk_list.end());
  const std::set<std::string> other(other_list.begin(), other_list.end());
  CHECK(reached["harm_or_risk"] == risk);
  CHECK(reached["null"] == risk);
  CHECK(reached["other_help"] == other);
  std::set<std::string> all = risk;
  all.insert(other.begin(), other.end());
  CHECK(all.size() == find_fact("concern")->values.size());
  SUBCASE("pre-filled concerns start past it") {
    Problems problems;
    const Facts start = parse_facts(json{{"audience", "parent"}, {"immediate_danger", false}, {"concern", "harm"}}, problems);
    std::size_t n = 0;
    enumerate_paths(*m, kAt, [&](const Facts& f, const Outcome&) {
      ++n;
      CHECK_FALSE(f.given("concern_group"));
    }, start);
    CHECK(n == 1);
  }
}

TEST_CASE("lint knows the group question is for the flow, and refuses a broken grouping") {
  auto problems_of = [](const std::function<void(json&)>& change) {
    json files = test::data_files("data");
    if (change) change(files);
    return load_model(files, kAt).problems;
  };
  auto has = [](const Problems& ps, const std::string& id, const std::string& pointer) {
    return std::any_of(ps.begin(), ps.end(), [&](const Problem& p) { return p.id == id && p.pointer == pointer; });
  };
  auto concern_index = [](json& f) {
    auto& qs = f["questions.json"]["questions"];
    for (std::size_t i = 0; i < qs.size(); ++i)
      if (qs[i]["fact"] == "concern") return i;
    return qs.size();
  };
  const Problems clean = problems_of(nullptr);
  CHECK_FALSE(std::any_of(clean.begin(), clean.end(), [](const Problem& p) { return p.id == "data.questions.unused"; }));
  CHECK_FALSE(has_errors(clean));
  SUBCASE("a group that is not a value of the fact") {
    std::string pointer;
    const Problems ps = problems_of([&](json& f) {
      const std::size_t i = concern_index(f);
      f["questions.json"]["questions"][i]["options"][0]["groups"] = json::array({"urgent"});
      pointer = "/questions/" + std::to_string(i) + "/options/0/groups/0";
    });
    CHECK(has(ps, "data.questions.group", pointer));
  }
  SUBCASE("groups on a question that is not grouped") {
    const Problems ps = problems_of([](json& f) {
      f["questions.json"]["questions"][0]["options"][0]["groups"] = json::array({"harm_or_risk"});
    });
    CHECK(has(ps, "data.questions.group", "/questions/0/options/0/groups"));
  }
  SUBCASE("grouped by an unknown fact, or by a fact asked later") {
    std::string pointer;
    Problems ps = problems_of([&](json& f) {
      const std::size_t i = concern_index(f);
      f["questions.json"]["questions"][i]["grouped_by"] = "colour";
      pointer = "/questions/" + std::to_string(i) + "/grouped_by";
    });
    CHECK(has(ps, "data.questions.group", pointer));
    ps = problems_of([&](json& f) {
      auto& qs = f["questions.json"]["questions"];
      const std::size_t i = concern_index(f);
      std::swap(qs[i - 1], qs[i]);  // the group question after the concern
      pointer = "/questions/" + std::to_string(i - 1) + "/grouped_by";
    });
    CHECK(has(ps, "data.questions.group", pointer));
  }
}

TEST_CASE("the safety proof refuses a risk concern left out of the list shown to someone not sure") {
  auto model = test::load_model_of("data", [](json& f) {
    for (auto& q : f["questions.json"]["questions"])
      if (q["fact"] == "concern")
        for (auto& o : q["options"])
          if (o["value"] == "missing") o["groups"] = json::array({"other_help"});
  });
  REQUIRE(model != nullptr);
  const SafetyReport report = check_safety(*model, {kAt});
  const bool found = std::any_of(report.problems.begin(), report.problems.end(), [](const Problem& p) {
    return p.id == "data.safety.risk_group" && p.message.find("\"missing\"") != std::string::npos;
  });
  CHECK(found);
  SUBCASE("the real data passes it") {
    const SafetyReport ok = check_safety(*real(), {kAt});
    CHECK(ok.problems.empty());
  }
}
