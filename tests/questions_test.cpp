// Question selection and wording for the audience.
#include <doctest/doctest.h>

#include <frontdoor/checks.hpp>
#include <frontdoor/rules.hpp>
#include <frontdoor/wire.hpp>

#include "support.hpp"

using nlohmann::json;
using namespace frontdoor;

namespace {

std::shared_ptr<const Model> fixture() { return test::load_model_of(); }

Facts facts(const json& object) { return test::facts_of(object); }

/** The facts of someone of `audience` ("default": no audience given). */
Facts as(const std::string& audience) {
  return audience == "default" ? Facts{} : facts({{"audience", audience}});
}

std::vector<json> values(const json& question) {
  std::vector<json> out;
  for (const auto& o : question["options"]) out.push_back(o["value"]);
  return out;
}

}  // namespace

TEST_CASE("the next question is the first missing fact in questions.json order") {
  auto m = fixture();
  const UtcSeconds t = *parse_instant("2026-11-27T10:00:00Z");
  CHECK(evaluate(*m, facts(json::object()), t).next_question->id == "audience");
  CHECK(evaluate(*m, facts({{"audience", "parent"}}), t).next_question->id == "immediate-danger");
  CHECK(evaluate(*m, facts({{"audience", "parent"}, {"immediate_danger", false}}), t).next_question->id == "concern");
  CHECK(evaluate(*m, facts({{"immediate_danger", false}, {"concern", "unsure"}}), t).next_question->id == "audience");
  CHECK(evaluate(*m, facts({{"audience", "parent"}, {"immediate_danger", false}, {"concern", "team_contact"}}), t)
            .next_question->id == "area");
  CHECK(evaluate(*m, facts({{"audience", "parent"}, {"immediate_danger", false}, {"concern", "harm"}}), t).next_question ==
        nullptr);
  SUBCASE("a fact answered I don't know is never asked again") {
    Outcome o = evaluate(*m, facts({{"audience", nullptr}, {"immediate_danger", nullptr}, {"concern", "team_contact"}}), t);
    CHECK(o.missing == std::vector<std::string>{"area"});
    REQUIRE(o.next_question != nullptr);
    CHECK(o.next_question->id == "area");
    Outcome unsure = evaluate(*m, facts({{"audience", nullptr}, {"immediate_danger", false}, {"concern", "unsure"}}), t);
    CHECK(unsure.missing.empty());
    CHECK(unsure.fired == std::vector<std::string>{"unsure"});
  }
  SUBCASE("next_question picks by question order, not by the order of missing") {
    CHECK(next_question(*m, {"area", "concern"})->id == "concern");
    CHECK(next_question(*m, {}) == nullptr);
  }
}

TEST_CASE("question wording is resolved for the audience, with the default as fallback") {
  auto m = fixture();
  const Question& age = *m->question_for("child_age");
  CHECK(question_json(*m, age, as("young_person"))["text"] == "How old are you?");
  CHECK(question_json(*m, age, as("parent"))["text"] == "How old is the child?");
  CHECK(question_json(*m, age, as("default"))["text"] == "How old is the child?");
  json q = question_json(*m, age, as("parent"));
  CHECK(q["type"] == "number");
  CHECK(q["min"] == 0);
  CHECK(q["max"] == 25);
  CHECK(q["hint"].is_null());
  CHECK(values(q) == std::vector<json>{nullptr});
  CHECK(q["unknown_option"]["label"] == "I don't know");
  CHECK(question_json(*m, *m->question_for("audience"), as("parent"))["hint"] == "So we use the right words.");
}

TEST_CASE("options are shown only to their audiences and the unknown option comes last") {
  auto m = fixture();
  const Question& concern = *m->question_for("concern");
  std::vector<json> pro = values(question_json(*m, concern, as("professional")));
  std::vector<json> parent = values(question_json(*m, concern, as("parent")));
  CHECK(pro.size() == parent.size() + 1);
  CHECK(std::find(pro.begin(), pro.end(), json("consultation")) != pro.end());
  CHECK(std::find(parent.begin(), parent.end(), json("consultation")) == parent.end());
  CHECK(pro.back().is_null());
  CHECK(question_json(*m, concern, as("parent"))["options"].back()["label"] == "I don't know");
}

TEST_CASE("area questions list the directory's towns and the unknown option") {
  auto m = fixture();
  json q = question_json(*m, *m->question_for("area"), as("parent"));
  CHECK(values(q) == std::vector<json>{"Calne", "Chippenham", "Royal Wootton Bassett", "Salisbury", nullptr});
  CHECK(q["options"].back()["label"] == "Somewhere else");
}

TEST_CASE("yes/no questions keep their boolean values") {
  auto m = fixture();
  json q = question_json(*m, *m->question_for("immediate_danger"), as("young_person"));
  CHECK(values(q) == std::vector<json>{true, false});
  CHECK(q["text"] == "Are you in danger right now?");
}
