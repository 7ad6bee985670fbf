// One wording of opening status: `frontdoor ask` (core/cli/open_status.cpp) says for every row of
// tests/cases/open_status.json exactly what the widget says (tests/js/wizard_logic.test.mjs).
#include <doctest/doctest.h>

#include <string>

#include "frontdoor/checks.hpp"
#include "open_status.hpp"
#include "support.hpp"

using frontdoor::cli::Json;

namespace {

/** The default wording of data/ui.json, as `frontdoor ask` gets it (the core's ui op). */
frontdoor::cli::Wording default_wording(frontdoor::Session& session) {
  REQUIRE(Json::parse(session.handle(frontdoor::test::load_request("data").dump()))["ok"] == true);
  const Json ui = Json::parse(session.handle(R"({"op": "ui"})"));
  REQUIRE(ui["ok"] == true);
  return frontdoor::cli::Wording(ui["strings"]);
}

}  // namespace

TEST_CASE("frontdoor ask words every opening status of the shared table as the widget does") {
  frontdoor::Session session(frontdoor::workbench());
  const frontdoor::cli::Wording ui = default_wording(session);
  const Json table = Json::parse(frontdoor::test::read_text("tests/cases/open_status.json"));
  REQUIRE(table["rows"].size() > 0);
  for (const auto& row : table["rows"]) {
    const std::string name = row["name"].get<std::string>();
    INFO(name);
    CHECK(frontdoor::cli::open_status(row["contact"], row["now"].get<std::string>(), ui) == row["expect"].get<std::string>());
  }
}

TEST_CASE("the Out of Hours line on a Saturday night is open until Monday morning, and the day is named") {
  frontdoor::Session session(frontdoor::workbench());
  const frontdoor::cli::Wording ui = default_wording(session);
  const std::string at = "2026-11-28T22:00:00Z";
  const Json directory = Json::parse(session.handle(Json{{"op", "directory"}, {"at", at}}.dump()));
  REQUIRE(directory["ok"] == true);
  const Json* line = nullptr;
  for (const auto& service : directory["services"]) {
    if (service["service"] == "out-of-hours") line = &service;
  }
  REQUIRE(line != nullptr);
  // Standby (midnight to 9am) and the evening line follow each other: the core merges them.
  CHECK((*line)["closes_at"] == "2026-11-30T09:00:00+00:00");
  CHECK(frontdoor::cli::open_status(*line, at, ui) == ui.get("open_until", {{"time", ui.get("until_day", {{"time", "9am"}, {"day", "Monday"}})}}));
}

TEST_CASE("an outcome says the London time it was worked out for") {
  frontdoor::Session session(frontdoor::workbench());
  const frontdoor::cli::Wording ui = default_wording(session);
  const auto worked_out = [&ui](const std::string& date, const std::string& time) {
    return ui.get("outcome_time", {{"time", ui.get("date_time", {{"date", date}, {"time", time}})}});
  };
  CHECK(frontdoor::cli::outcome_time("2026-12-03T16:50:00Z", ui) == worked_out("Thursday 3 December 2026", "4.50pm"));
  CHECK(frontdoor::cli::outcome_time("2026-07-09T13:00:00Z", ui) == worked_out("Thursday 9 July 2026", "2pm"));
  CHECK(frontdoor::cli::outcome_time("2026-07-09T23:30:00Z", ui) == worked_out("Friday 10 July 2026", "12.30am"));
  CHECK(frontdoor::cli::outcome_time("2026-12-31T23:59:00Z", ui) == worked_out("Thursday 31 December 2026", "11.59pm"));
  CHECK(frontdoor::cli::outcome_time("not an instant", ui).empty());
}
