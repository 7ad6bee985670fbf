// Town spellings → localities (tests/cases/towns.json), through Model::locality_of_town with data/.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "frontdoor/api.hpp"
#include "frontdoor/checks.hpp"
#include "frontdoor/model.hpp"
#include "support.hpp"

using nlohmann::json;

TEST_CASE("every spelling in tests/cases/towns.json finds its locality, and an unknown place none") {
  const auto model = frontdoor::test::load_model_of("data");
  const json table = frontdoor::test::read_json("tests/cases/towns.json");
  REQUIRE(table.at("spellings").size() >= 30);
  for (const auto& c : table.at("spellings")) {
    const std::string input = c.at("input");
    CAPTURE(input);
    const frontdoor::Locality* locality = model->locality_of_town(input);
    if (c.at("locality").is_null()) {
      CHECK(locality == nullptr);
    } else {
      REQUIRE(locality != nullptr);
      CHECK(locality->id == c.at("locality").get<std::string>());
    }
  }
}

TEST_CASE("every town of the data is in the spellings table, and the list shown keeps the data's spelling") {
  const auto model = frontdoor::test::load_model_of("data");
  const json spellings = frontdoor::test::read_json("tests/cases/towns.json").at("spellings");
  const auto towns = model->towns();
  SUBCASE("each town as the data spells it is a case of the table") {
    for (const auto& town : towns) {
      CAPTURE(town);
      CHECK(std::any_of(spellings.begin(), spellings.end(), [&](const json& c) { return c.at("input") == town; }));
    }
  }
  SUBCASE("Model::towns lists the data's spellings, not the matching keys") {
    CHECK(std::find(towns.begin(), towns.end(), "Bradford on Avon") != towns.end());
    CHECK(std::find(towns.begin(), towns.end(), "Royal Wootton Bassett") != towns.end());
    CHECK(std::find(towns.begin(), towns.end(), "Wootton Bassett") != towns.end());
    CHECK(std::find(towns.begin(), towns.end(), "bradford on avon") == towns.end());
  }
}

TEST_CASE("town_key ignores case, spacing, hyphens, apostrophes, upon and a leading Royal") {
  using frontdoor::detail::town_key;
  SUBCASE("spellings of one place share a key") {
    CHECK(town_key("Bradford-upon-Avon") == town_key("  bradford  on avon "));
    CHECK(town_key("Royal Wootton Bassett") == town_key("Wootton-Bassett"));
    CHECK(town_key("Marl\xE2\x80\x99" "borough") == "marlborough");
  }
  SUBCASE("a word alone is not rewritten") {
    CHECK(town_key("Royal") == "royal");
    CHECK(town_key("upon") == "upon");
    CHECK(town_key("---").empty());
  }
}

TEST_CASE("two spellings of one place in two localities are refused") {
  const json files = frontdoor::test::data_files("data");
  json broken = files;
  for (auto& locality : broken["directory.json"]["localities"])
    if (locality["id"] == "west") locality["towns"].push_back("Wootton-Bassett");
  json request = {{"op", "load"}, {"files", json::object()}};
  for (auto it = broken.begin(); it != broken.end(); ++it) request["files"][it.key()] = it.value().dump();
  frontdoor::Session session(frontdoor::workbench());
  const json reply = json::parse(session.handle(request.dump()));
  CHECK(reply.value("ok", true) == false);
  bool named = false;
  for (const auto& e : reply.value("errors", json::array()))
    named = named || (e.value("id", "") == "data.id.duplicate" && e.value("message", "").find("Wootton-Bassett") != std::string::npos);
  CHECK(named);
}
