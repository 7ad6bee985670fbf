// Runs every scenario table in tests/cases/*.json (format: docs/data-format.md) against data/.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include <frontdoor/api.hpp>

#include "support.hpp"

using nlohmann::json;

namespace {

std::vector<std::string> case_files() {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(frontdoor::test::repo_path("tests/cases")))
    if (entry.path().extension() == ".json") out.push_back("tests/cases/" + entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("every scenario in tests/cases routes as expected with data/") {
  frontdoor::Session session;
  json loaded = json::parse(session.handle(frontdoor::test::bundle_request("data").dump()));
  INFO(loaded.dump(2));
  REQUIRE(loaded["ok"] == true);
  std::size_t ran = 0;
  for (const auto& file : case_files()) {
    json table = frontdoor::test::read_json(file);
    if (!table.is_object() || !table.contains("cases")) continue;  // e.g. holidays.json has its own format
    for (const auto& c : table["cases"]) {
      const std::string name = c.value("name", std::string("(unnamed)"));
      INFO(file << ": " << name);
      json request = {{"op", "route"}, {"facts", c.value("facts", json::object())}};
      if (c.contains("at")) request["at"] = c["at"];
      json r = json::parse(session.handle(request.dump()));
      INFO(r.dump(2));
      REQUIRE(r["ok"] == true);
      ++ran;
      const json& e = c.at("expect");
      REQUIRE(e.contains("first"));
      if (e["first"].is_null()) {
        CHECK(r["contacts"].empty());
      } else {
        REQUIRE(!r["contacts"].empty());
        CHECK(r["contacts"][0]["service"] == e["first"]);
      }
      if (e.contains("level")) CHECK(r["level"] == e["level"]);
      if (e.contains("first_open")) CHECK(r["contacts"][0]["open_now"] == e["first_open"]);
      if (e.contains("label_now")) CHECK(r["contacts"][0]["label_now"] == e["label_now"]);
      if (e.contains("missing")) CHECK(r["missing"] == e["missing"]);
      if (e.contains("contacts")) {
        REQUIRE(r["contacts"].size() >= e["contacts"].size());
        for (std::size_t i = 0; i < e["contacts"].size(); ++i) CHECK(r["contacts"][i]["service"] == e["contacts"][i]);
      }
      auto shown = [&](const json& id) {
        for (const auto& x : r["contacts"])
          if (x["service"] == id) return true;
        return false;
      };
      for (const auto& id : e.value("contacts_include", json::array())) CHECK_MESSAGE(shown(id), "no contact " << id.dump());
      for (const auto& id : e.value("contacts_exclude", json::array())) CHECK_MESSAGE(!shown(id), "contact " << id.dump() << " is shown");
      const json roles = e.value("roles", json::object());
      for (auto it = roles.begin(); it != roles.end(); ++it) {
        bool found = false;
        for (const auto& x : r["contacts"]) found = found || (x["service"] == it.key() && x["role"] == it.value());
        CHECK_MESSAGE(found, "no contact " << it.key() << " with role " << it.value().dump());
      }
      const std::string text = r.dump();
      for (const auto& t : e.value("texts_include", json::array()))
        CHECK_MESSAGE(text.find(t.get<std::string>()) != std::string::npos, "no text " << t.dump());
      for (const auto& t : e.value("texts_exclude", json::array()))
        CHECK_MESSAGE(text.find(t.get<std::string>()) == std::string::npos, "text " << t.dump() << " is shown");
      if (e.contains("explain_includes")) {
        for (const auto& rule : e["explain_includes"]) {
          bool found = false;
          for (const auto& x : r["explain"]) found = found || x["rule"] == rule;
          CHECK_MESSAGE(found, "explain lacks rule " << rule.dump());
        }
      }
    }
  }
  MESSAGE("scenarios run: " << ran);
  CHECK(ran > 0);
}
