// The lean core of the web build (FRONTDOOR_LEAN: LeanJson instead of nlohmann::json, no path
// walk, load and route only) must answer like the full core. Natively the test binary holds both:
// the lean one as frontdoor_core_lean_native, reached through lean_twin::Session.
#include <doctest/doctest.h>

#ifdef FRONTDOOR_LEAN_TWIN

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "frontdoor/api.hpp"
#include "frontdoor/paths.hpp"
#include "lean_compare.hpp"
#include "lean_twin.hpp"
#include "support.hpp"

using nlohmann::json;
using namespace frontdoor;

namespace {

const char* const kProbe =
    R"({"op":"route","at":"2026-11-27T15:59:00Z","facts":{"audience":"parent","immediate_danger":false,"concern":"harm"}})";

std::vector<std::string> case_files() {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(test::repo_path("tests/cases")))
    if (entry.path().extension() == ".json") out.push_back("tests/cases/" + entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

struct Both {
  Session full;
  lean_twin::Session lean;
  std::string good_load = test::load_request("data").dump();

  Both() { load_good(); }

  void load_good() {
    REQUIRE(json::parse(full.handle(good_load))["ok"] == true);
    REQUIRE(json::parse(lean.handle(good_load))["ok"] == true);
  }
};

}  // namespace

TEST_CASE("the lean core answers every scenario of tests/cases byte for byte as the full core") {
  Both both;
  std::size_t compared = 0;
  for (const auto& file : case_files()) {
    const json table = test::read_json(file);
    if (!table.is_object() || !table.contains("cases")) continue;
    for (const auto& c : table["cases"]) {
      json request = {{"op", "route"}, {"facts", c.value("facts", json::object())}};
      if (c.contains("at")) request["at"] = c["at"];
      for (const char* audience : {"", "parent", "young_person", "professional", "public"}) {
        if (*audience) request["facts"]["audience"] = audience;
        const std::string text = request.dump();
        INFO(file << ": " << c.value("name", "") << " " << text);
        const std::string full = both.full.handle(text), lean = both.lean.handle(text);
        CHECK(lean == full);
        ++compared;
      }
    }
  }
  CHECK(compared >= 100);
}

TEST_CASE("the lean core refuses every bad-data case with the full core's errors and keeps its data") {
  Both both;
  const json real = test::load_request("data")["files"];
  const std::string before = both.lean.handle(kProbe);
  REQUIRE(before == both.full.handle(kProbe));
  const json corpus = test::read_json("tests/bad-data/cases.json");
  std::size_t compared = 0;
  for (const auto& c : corpus.at("cases")) {
    if (c.contains("known_bug")) {
      MESSAGE("not run until fixed (" << c["known_bug"].get<std::string>() << "): " << c["name"].get<std::string>());
      continue;
    }
    const json files = test::broken_files(c, real);
    const std::string request = test::request_text(files);
    INFO("case: " << c["name"].get<std::string>());
    const json full = json::parse(both.full.handle(request));
    const json lean = json::parse(both.lean.handle(request));
    INFO("full core:" << test::errors_summary(full) << "\nlean core:" << test::errors_summary(lean));
    CHECK(lean_twin::error_lines(lean, false) == lean_twin::error_lines(full, true));
    if (c.value("walk", false)) {
      // Only the path walk finds it: the lean core may load these files; put the good data back.
      both.lean.handle(both.good_load);
    } else {
      CHECK(lean["ok"] == false);
      const json want = test::expected(c, real, files);
      bool found = false;
      for (const auto& e : lean.value("errors", json::array())) found = found || test::matches(e, want);
      CHECK_MESSAGE(found, "expected " << want.dump());
    }
    // Nothing half-applied: the data loaded before still answers.
    CHECK(both.lean.handle(kProbe) == before);
    both.full.handle(both.good_load);
    ++compared;
  }
  CHECK(compared >= 30);
}

TEST_CASE("the lean core answers a sample of every answer path as the full core") {
  Both both;
  const Model* model = both.full.model();
  REQUIRE(model != nullptr);
  for (const char* at : {"2026-11-27T15:59:00Z", "2026-12-25T10:00:00Z", "2026-07-04T03:00:00Z"}) {
    std::vector<std::string> requests;
    std::size_t n = 0;
    const UtcSeconds t = *parse_instant(at);
    enumerate_paths(*model, t, [&](const Facts& facts, const Outcome&) {
      if (n++ % 7 == 0) requests.push_back(json{{"op", "route"}, {"at", at}, {"facts", facts.to_json()}}.dump());
    });
    REQUIRE(requests.size() > 50);
    for (const auto& r : requests) {
      INFO(r);
      CHECK(both.lean.handle(r) == both.full.handle(r));
    }
  }
}

TEST_CASE("the lean core refuses bad requests like the full core") {
  Both both;
  const std::string deep_facts = "{\"op\":\"route\",\"facts\":{\"concern\":" + std::string(200, '[') + std::string(200, ']') + "}}";
  const std::vector<std::string> requests{
      "", " ", "{\"op\": \"route\"", "[1,2]", "\"route\"", "{\"op\":\"route\"} x", "{\"op\":\"route\",}", "{op:1}",
      "{\"op\"\n:\n\"route\"\n,\"facts\":{\"concern\":tru}}", "{\"op\":\"route\",\"at\":01}",
      "{\"op\":\"route\",\"facts\":{\"child_age\":-}}", "{\"op\":\"route\",\"facts\":{\"child_age\":1.}}",
      "{\"op\":\"route\",\"facts\":{\"child_age\":1e}}", "{\"op\":\"route\",\"facts\":{\"child_age\":1e999}}",
      "\xff\xfe", "{\"op\":\"route\",\"facts\":{\"area\":\"Chip\xc3\x28nham\"}}",
      "{\"op\":\"route\",\"facts\":{\"area\":\"\xed\xa0\x80\"}}", "{\"op\":\"route\",\"facts\":{\"area\":\"\xf0\x9f\x98\"}}",
      "{\"op\":\"route\",\"facts\":{\"area\":\"a\nb\"}}", "{\"op\":\"route\",\"facts\":{\"area\":\"\\ud800\"}}",
      "{\"op\":\"route\",\"facts\":{\"area\":\"\\udc00x\"}}", "{\"op\":\"route\",\"facts\":{\"area\":\"\\u12g4\"}}",
      "{\"op\":\"route\",\"facts\":{\"area\":\"\\q\"}}",
      "{\"op\":\"route\",\"facts\":" + std::string(300, '[') + std::string(300, ']') + "}", std::string(200000, '['),
      deep_facts, "{\"op\":\"route\",\"facts\":5}", "{\"op\":\"route\",\"facts\":[]}",
      "{\"op\":\"route\",\"facts\":{\"child_age\":\"eight\"}}", "{\"op\":\"route\",\"facts\":{\"child_age\":8.5}}",
      "{\"op\":\"route\",\"facts\":{\"child_age\":-0.0}}", "{\"op\":\"route\",\"facts\":{\"child_age\":1E+2}}",
      "{\"op\":\"route\",\"facts\":{\"child_age\":99999999999999999999999}}",
      "{\"op\":\"route\",\"facts\":{\"child_age\":-9223372036854775809}}",
      "{\"op\":\"route\",\"facts\":{\"concern\":\"\\u00e9\\ud83d\\ude00\\u0001\"}}",
      "{\"op\":\"route\",\"facts\":{\"concern\":\"" + std::string(70, 'x') + "\xc3\xa9\xc3\xa9\"}}",
      "{\"op\":\"route\",\"facts\":{\"nope\":1,\"concern\":{}}}", "{\"op\":\"route\",\"at\":5}",
      "{\"op\":\"route\",\"at\":\"yesterday\"}", "{\"op\":\"route\",\"facts\":{\"concern\":\"harm\",\"concern\":\"nope\"}}",
      "{\"op\":5}", "{\"nop\":1}", "{\"op\":\"fly\"}", "{\"op\":\"load\"}", "{\"op\":\"load\",\"files\":\"data\"}",
      "{\"op\":\"load\",\"files\":{}}", "{\"op\":\"load\",\"at\":\"x\",\"files\":{}}",
      // Found by fuzz_api_lean: a NUL byte ends the input for nlohmann, so it must for LeanJson.
      std::string("-5\0\0\0\0\0\0\0\x01:\"groups\"", 19), std::string("{\"op\":\"route\"}\0junk", 19),
      std::string("\0", 1), "{\"okop\":\"route\",3333333333333\n\"x\":1}", "{\"op\":\"route\",\"facts\":{\"area\":1\n]}}",
  };
  for (const auto& r : requests) {
    INFO("request: " << r.substr(0, 200));
    const std::string full = both.full.handle(r), lean = both.lean.handle(r);
    const json f = json::parse(full), l = json::parse(lean);
    CHECK(l["ok"] == f["ok"]);
    CHECK(lean_twin::error_lines(l, false) == lean_twin::error_lines(f, false));
    const json id = f["ok"] == false ? f["errors"][0]["id"] : json();
    if (id.is_string() && id != "request.syntax" && id != "request.op") CHECK(lean == full);
  }
  SUBCASE("a route before any load needs data") {
    lean_twin::Session empty;
    CHECK(json::parse(empty.handle(kProbe))["errors"][0]["id"] == "request.no_data");
    CHECK_FALSE(empty.loaded());
  }
  SUBCASE("the ops the element never sends are unknown to the web build") {
    for (const char* op : {"lint", "holidays", "ui", "directory", "bundle"}) {
      const json l = json::parse(both.lean.handle(json{{"op", op}, {"from", 2026}, {"files", json::object()}}.dump()));
      CHECK(l["ok"] == false);
      CHECK(l["errors"][0]["id"] == "request.op");
    }
  }
}

#endif  // FRONTDOOR_LEAN_TWIN
