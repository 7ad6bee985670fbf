// Validation of a facts object against the vocabulary of DESIGN.md.
#include <doctest/doctest.h>

#include <frontdoor/facts.hpp>

using nlohmann::json;
using namespace frontdoor;

namespace {
Problems problems_of(const json& facts) {
  Problems problems;
  parse_facts(facts, problems);
  return problems;
}
}  // namespace

TEST_CASE("valid facts are kept as given") {
  Problems problems;
  Facts f = parse_facts(json{{"audience", "parent"}, {"immediate_danger", false}, {"concern", "harm"}, {"child_age", 0},
                             {"area", "  Chippenham "}, {"consent", "not_asked"}, {"has_ehcp", true}},
                        problems);
  CHECK(problems.empty());
  CHECK(f.values.size() == 7);
  CHECK(json(f.values["area"]) == "Chippenham");
  CHECK(json(f.values["child_age"]) == 0);
  CHECK(f.audience() == "parent");
  SUBCASE("an empty object is no facts") {
    Facts none = parse_facts(json::object(), problems);
    CHECK(none.values.empty());
    CHECK(none.audience() == "default");
  }
}

TEST_CASE("null means asked but not known") {
  Problems problems;
  Facts f = parse_facts(json{{"concern", nullptr}, {"child_age", nullptr}, {"audience", nullptr}}, problems);
  CHECK(problems.empty());
  CHECK(f.given("concern"));
  CHECK(is_null(f.values["concern"]));
  CHECK_FALSE(f.given("area"));
  CHECK(f.audience() == "default");
}

TEST_CASE("bad facts are reported with their pointer") {
  SUBCASE("an unknown fact") {
    Problems p = problems_of({{"colour", "red"}});
    REQUIRE(p.size() == 1);
    CHECK(p[0].id == "facts.unknown_fact");
    CHECK(p[0].pointer == "/facts/colour");
  }
  SUBCASE("a value of the wrong type") {
    for (const json& facts : {json{{"immediate_danger", "yes"}}, json{{"child_age", "7"}}, json{{"child_age", 7.5}},
                              json{{"concern", 3}}, json{{"area", true}}, json{{"has_ehcp", 1}}}) {
      CAPTURE(facts.dump());
      Problems p = problems_of(facts);
      REQUIRE(p.size() == 1);
      CHECK(p[0].id == "facts.wrong_type");
      CHECK(p[0].pointer == "/facts/" + facts.begin().key());
    }
  }
  SUBCASE("a value not in the vocabulary lists the allowed values") {
    Problems p = problems_of({{"consent", "maybe"}});
    REQUIRE(p.size() == 1);
    CHECK(p[0].id == "facts.unknown_value");
    CHECK(p[0].message.find("yes, no, not_asked") != std::string::npos);
    CHECK(problems_of({{"audience", "teacher"}})[0].id == "facts.unknown_value");
    CHECK(problems_of({{"concern", "Harm"}})[0].id == "facts.unknown_value");
  }
  SUBCASE("an age outside 0 to 25") {
    CHECK(problems_of({{"child_age", -1}})[0].id == "facts.age_range");
    CHECK(problems_of({{"child_age", 26}})[0].id == "facts.age_range");
    CHECK(problems_of({{"child_age", 25}}).empty());
  }
  SUBCASE("facts that are not an object") {
    Problems p = problems_of(json::array({1, 2}));
    REQUIRE(p.size() == 1);
    CHECK(p[0].id == "facts.wrong_type");
  }
  SUBCASE("every problem is reported at once") {
    CHECK(problems_of({{"colour", 1}, {"child_age", 99}, {"concern", "sad"}}).size() == 3);
  }
}

TEST_CASE("any string is an area, a town or not") {
  Problems problems;
  Facts f = parse_facts(json{{"area", "Bristol"}}, problems);
  CHECK(problems.empty());
  CHECK(json(f.values["area"]) == "Bristol");
}
