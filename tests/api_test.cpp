// Session::handle: every op, and every failure as a response rather than an exception.
#include <doctest/doctest.h>

#include <frontdoor/api.hpp>
#include <frontdoor/checks.hpp>

#include "support.hpp"

using nlohmann::json;
using namespace frontdoor;

namespace {

json call(Session& s, const json& request) { return json::parse(s.handle(request.dump())); }

json fixture_load() {
  json r = test::load_request("tests/fixtures/data-min");
  r["at"] = "2026-11-26T12:00:00Z";
  return r;
}

Session loaded() {
  Session s(workbench());
  json r = call(s, fixture_load());
  REQUIRE(r["ok"] == true);
  return s;
}

std::string first_error(const json& response) {
  REQUIRE(response["ok"] == false);
  REQUIRE(response["errors"].size() >= 1);
  return response["errors"][0]["id"].get<std::string>();
}

}  // namespace

TEST_CASE("load answers with the checked date and warnings") {
  Session s(workbench());
  CHECK(s.model() == nullptr);
  json r = call(s, fixture_load());
  CHECK(r["ok"] == true);
  CHECK(r["checked"] == "2026-11-01");
  CHECK(r["warnings"] == json::array());
  CHECK(s.model() != nullptr);
  SUBCASE("a syntax error in a file is an error with its place") {
    json bad = fixture_load();
    bad["files"]["questions.json"] = "{\"questions\": [}";
    json e = call(s, bad);
    CHECK(first_error(e) == "json.syntax");
    CHECK(e["errors"][0]["where"] == "questions.json");
    CHECK(e["errors"][0]["message"].get<std::string>().rfind("line 1, column 16", 0) == 0);
  }
  SUBCASE("files must be an object") {
    CHECK(first_error(call(s, {{"op", "load"}, {"files", "data"}})) == "request.field");
  }
}

TEST_CASE("route answers per docs/api.md") {
  Session s = loaded();
  json r = call(s, {{"op", "route"}, {"at", "2026-11-27T16:00:00Z"}, {"facts", {{"audience", "parent"}, {"immediate_danger", false}, {"concern", "harm"}}}});
  REQUIRE(r["ok"] == true);
  test::check_fields(r, json::parse(R"({"at": "2026-11-27T16:00:00+00:00", "level": "red", "level_name": "Crisis",
    "level_filter": "Clearly safeguarding", "missing": [], "next_question": null, "checked": "2026-11-01",
    "explain": [{"rule": "harm", "text": "Clearly safeguarding."}], "notes": ["If anyone is in danger, call 999."]})"));
  REQUIRE(r["contacts"].size() == 1);
  // Open all weekend until Monday 09:00.
  test::check_fields(r["contacts"][0], json::parse(R"({"service": "out-of-hours", "name": "Out of Hours",
    "phone": "0300 456 0100", "phone_label": "Out of Hours", "option": null, "email": null, "web": null, "open_now": true,
    "label_now": null, "closes_at": "2026-11-30T09:00:00+00:00", "opens_next": null, "hours_text": "Test hours",
    "why": "MASH is closed now.", "have_ready": [], "notes": []})"));
  SUBCASE("a closed service says when it opens next") {
    json t = call(s, {{"op", "route"}, {"at", "2026-11-27T16:00:00Z"}, {"facts", {{"concern", "unsure"}, {"audience", "parent"}, {"immediate_danger", false}}}});
    // A worry that may be a risk: the line answered now leads, the closed service follows.
    CHECK(t["contacts"][0]["service"] == "out-of-hours");
    CHECK(t["contacts"][0]["role"] == "lead");
    test::check_fields(t["contacts"][1], json::parse(R"({"service": "front-door", "role": null, "open_now": false,
      "opens_next": "2026-11-30T08:45:00+00:00", "email": "frontdoor@example.org"})"));
  }
  SUBCASE("an incomplete route names the next question, worded for the audience") {
    json q = call(s, {{"op", "route"}, {"at", "2026-11-27T12:00:00Z"}, {"facts", {{"audience", "young_person"}}}});
    CHECK(q["level"] == "green");
    CHECK(q["missing"] == json::array({"immediate_danger", "concern", "child_age", "area"}));
    CHECK(q["next_question"]["id"] == "immediate-danger");
    CHECK(q["next_question"]["text"] == "Are you in danger right now?");
    CHECK(q["next_question"]["options"].size() == 2);
  }
  SUBCASE("at may carry an offset or be London local time; omitted it is now") {
    json bst = call(s, {{"op", "route"}, {"at", "2026-06-05T15:30:00"}, {"facts", {{"concern", "harm"}, {"immediate_danger", false}}}});
    CHECK(bst["at"] == "2026-06-05T15:30:00+01:00");
    CHECK(bst["contacts"][0]["service"] == "mash");
    json now = call(s, {{"op", "route"}, {"facts", json::object()}});
    CHECK(now["ok"] == true);
    CHECK(parse_instant(now["at"].get<std::string>()).has_value());
  }
  SUBCASE("bad facts and bad instants are errors naming where") {
    json e = call(s, {{"op", "route"}, {"facts", {{"concern", "sad"}}}});
    CHECK(first_error(e) == "facts.unknown_value");
    CHECK(e["errors"][0]["where"] == "facts/concern");
    CHECK(first_error(call(s, {{"op", "route"}, {"facts", {{"age", 3}}}})) == "facts.unknown_fact");
    CHECK(first_error(call(s, {{"op", "route"}, {"facts", {{"child_age", 30}}}})) == "facts.age_range");
    CHECK(first_error(call(s, {{"op", "route"}, {"facts", {{"child_age", "3"}}}})) == "facts.wrong_type");
    json t = call(s, {{"op", "route"}, {"at", "2026-13-01T00:00:00Z"}});
    CHECK(first_error(t) == "time.invalid");
    CHECK(t["errors"][0]["where"] == "at");
  }
}

TEST_CASE("holidays lists bank holidays for a range of years") {
  Session s(workbench());
  json r = call(s, {{"op", "holidays"}, {"from", 2026}, {"to", 2026}});
  REQUIRE(r["ok"] == true);
  REQUIRE(r["holidays"].size() == 8);
  CHECK(r["holidays"][0]["date"] == "2026-01-01");
  CHECK(r["holidays"][7]["date"] == "2026-12-28");  // Boxing Day substitute
  CHECK(first_error(call(s, {{"op", "holidays"}, {"from", 2027}, {"to", 2026}})) == "request.range");
  CHECK(first_error(call(s, {{"op", "holidays"}, {"from", "2026"}})) == "request.field");
  CHECK(first_error(call(s, {{"op", "holidays"}, {"from", 1}, {"to", 99999}})) == "request.range");
  SUBCASE("a closure day from the loaded calendar is not a bank holiday") {
    Session l = loaded();
    json h = call(l, {{"op", "holidays"}, {"from", 2026}, {"to", 2026}});
    CHECK(h["holidays"].size() == 8);
  }
}

TEST_CASE("ui returns every string resolved for the audience") {
  Session s = loaded();
  json young = call(s, {{"op", "ui"}, {"audience", "young_person"}});
  REQUIRE(young["ok"] == true);
  CHECK(young["strings"]["title"] == "Who can help me?");
  CHECK(young["strings"]["open_until"] == "Open now until {time}");
  CHECK(call(s, {{"op", "ui"}})["strings"]["title"] == "Who should I contact?");
  CHECK(call(s, {{"op", "ui"}, {"audience", "parent"}})["strings"]["title"] == "Who should I contact?");
  CHECK(first_error(call(s, {{"op", "ui"}, {"audience", "teacher"}})) == "request.field");
}

TEST_CASE("directory lists every service with its open state") {
  Session s = loaded();
  json d = call(s, {{"op", "directory"}, {"at", "2026-11-28T12:00:00Z"}});
  REQUIRE(d["ok"] == true);
  REQUIRE(d["services"].size() == 7);
  CHECK(d["services"][0]["service"] == "emergency-999");
  CHECK(d["services"][0]["open_now"] == true);
  CHECK(d["services"][1]["open_now"] == false);
  CHECK(d["services"][1]["opens_next"] == "2026-11-30T08:45:00+00:00");
  CHECK(d["services"][3]["open_now"].is_null());
  CHECK(d["services"][5]["age"] == json({{"min", 13}, {"max", 24}}));
  CHECK(d["localities"].size() == 2);
}

TEST_CASE("lint checks data without replacing the loaded data") {
  Session s = loaded();
  const Model* before = s.model();
  json request = fixture_load();
  request["op"] = "lint";
  request["files"] = test::data_files("tests/fixtures/data-min");
  request["files"]["directory.json"]["services"][1]["checked"] = "2020-01-01";
  json ok = call(s, request);
  CHECK(ok["ok"] == true);
  REQUIRE(ok["problems"].size() == 1);
  CHECK(ok["problems"][0]["id"] == "data.checked.stale");
  CHECK(ok["problems"][0]["warning"] == true);
  CHECK(ok["problems"][0]["line"] ==
        "directory.json: /services/1/checked: warning: last checked 2020-01-01, more than 12 months before 2026-11-26: "
        "check the source again [data.checked.stale]");
  request["files"]["rules.json"]["rules"][1]["level"] = "purple";
  json bad = call(s, request);
  CHECK(bad["ok"] == false);
  CHECK(bad["problems"].size() == 2);
  CHECK(first_error(bad) == "data.ref.level");
  CHECK(s.model() == before);
  SUBCASE("freshness is judged at the given instant") {
    request["files"]["rules.json"]["rules"][1]["level"] = "red";
    request["at"] = "2020-06-01T12:00:00Z";
    json early = call(s, request);
    CHECK(early["ok"] == true);
    bool future = false;
    for (const auto& p : early["problems"]) future = future || p["id"] == "data.checked.future";
    CHECK(future);
  }
}

TEST_CASE("bundle returns the loaded source documents") {
  Session s = loaded();
  json b = call(s, {{"op", "bundle"}});
  REQUIRE(b["ok"] == true);
  for (const auto& name : data_file_names()) CHECK(b["bundle"]["files"][name] == test::read_json("tests/fixtures/data-min/" + name));
  std::string raw = s.handle(R"({"op":"bundle"})");
  CHECK(raw.find("\n") == std::string::npos);
  SUBCASE("the bundle loads again as parsed objects") {
    Session other(workbench());
    json r = call(other, {{"op", "load"}, {"files", b["bundle"]["files"]}, {"at", "2026-11-26T12:00:00Z"}});
    CHECK(r["ok"] == true);
  }
}

TEST_CASE("bad requests are error responses, never exceptions") {
  Session s(workbench());
  // Each request's text and its first error.
  for (const auto& request : std::vector<std::pair<std::string, std::string>>{
           {"{\"op\": \"route\"", "request.syntax"}, {"", "request.syntax"}, {"[1,2]", "request.syntax"},
           {"\xff\xfe", "request.syntax"}, {R"({"op": "fly"})", "request.op"}, {R"({"nop": 1})", "request.op"},
           {R"({"op": "route", "facts": {}})", "request.no_data"}, {R"({"op": "ui"})", "request.no_data"},
           {R"({"op": "directory"})", "request.no_data"}, {R"({"op": "bundle"})", "request.no_data"}}) {
    CHECK_MESSAGE(first_error(json::parse(s.handle(request.first))) == request.second, request.first);
  }
  SUBCASE("a 2 MB request string") {
    Session l = loaded();
    std::string big(2 * 1024 * 1024, 'x');
    json r = json::parse(l.handle(json{{"op", "route"}, {"facts", {{"area", big}}}}.dump()));
    CHECK(r["ok"] == true);
    CHECK(r["contacts"].size() >= 1);
    json e = json::parse(l.handle(json{{"op", "route"}, {"facts", {{"concern", big}}}}.dump()));
    CHECK(first_error(e) == "facts.unknown_value");
    CHECK(e["errors"][0]["message"].get<std::string>().size() < 400);
    // Nesting is capped (docs/api.md) before parsing: 200 levels parse, 300 do not.
    auto nested = [](std::size_t levels) {
      return "{\"op\":\"route\",\"facts\":{\"concern\":" + std::string(levels, '[') + std::string(levels, ']') + "}}";
    };
    CHECK(first_error(json::parse(l.handle(nested(200)))) == "facts.wrong_type");
    CHECK(first_error(json::parse(l.handle(nested(300)))) == "request.too_deep");
    CHECK(first_error(json::parse(l.handle(nested(200000)))) == "request.too_deep");
    // Brackets inside strings are text, not nesting.
    json r2 = json::parse(l.handle(json{{"op", "route"}, {"facts", {{"concern", std::string(100000, '[')}}}}.dump()));
    CHECK(first_error(r2) == "facts.unknown_value");
    std::string garbage(2 * 1024 * 1024, '[');
    CHECK(first_error(json::parse(l.handle(garbage))) == "request.too_deep");
    CHECK(l.model() != nullptr);
  }
  SUBCASE("a request over 16 MiB is refused before parsing") {
    Session l = loaded();
    std::string huge = json{{"op", "route"}, {"facts", {{"area", std::string(16 * 1024 * 1024, 'x')}}}}.dump();
    CHECK(first_error(json::parse(l.handle(huge))) == "request.too_large");
    CHECK(l.model() != nullptr);
    CHECK(json::parse(l.handle(json{{"op", "route"}, {"facts", json::object()}}.dump()))["ok"] == true);
  }
  SUBCASE("invalid UTF-8 inside a string does not escape as an exception") {
    Session l = loaded();
    std::string text = std::string("{\"op\":\"route\",\"facts\":{\"concern\":\"") + "\xc3\x28" + "\"}}";
    json r = json::parse(l.handle(text));
    CHECK(r["ok"] == false);
  }
}

TEST_CASE("the browser module's session answers load and route only") {
  Session shipped;
  CHECK(first_error(call(shipped, {{"op", "route"}, {"facts", json::object()}})) == "request.no_data");
  CHECK(first_error(call(shipped, test::load_request())) == "bundle.unstamped");
  REQUIRE(call(shipped, test::bundle_request())["ok"] == true);
  Session full(workbench());
  REQUIRE(call(full, test::load_request())["ok"] == true);
  SUBCASE("the same answers as the CLI's session") {
    const json route = {{"op", "route"}, {"at", "2026-11-27T16:00:00Z"}, {"facts", {{"audience", "parent"}, {"immediate_danger", false}, {"concern", "harm"}}}};
    CHECK(shipped.handle(route.dump()) == full.handle(route.dump()));
  }
  SUBCASE("the CLI's ops are unknown to it") {
    for (const char* op : {"lint", "holidays", "ui", "directory", "bundle"}) {
      CAPTURE(op);
      const json r = call(shipped, {{"op", op}, {"from", 2026}});
      CHECK(first_error(r) == "request.op");
      CHECK(r["errors"][0]["message"].get<std::string>().find("load, route") != std::string::npos);
    }
  }
}

TEST_CASE("the browser module's session loads only a bundle whose stamp is true") {
  Session shipped;
  const json good = test::bundle_request();
  REQUIRE(good["files"]["stamp"]["format"] == kBundleFormat);
  REQUIRE(good["files"]["stamp"]["hash"].get<std::string>().size() == 16);
  REQUIRE(call(shipped, good)["ok"] == true);
  const std::string probe = R"({"op":"route","at":"2026-11-27T16:00:00Z","facts":{"audience":"parent","concern":"harm"}})";
  const std::string before = shipped.handle(probe);
  SUBCASE("a stamp for another format") {
    json old = good;
    old["files"]["stamp"]["format"] = kBundleFormat + 1;
    CHECK(first_error(call(shipped, old)) == "bundle.format");
  }
  SUBCASE("a hand edit after stamping") {
    json edited = good;
    edited["files"]["ui.json"]["exit_button"] = "Leave now";
    CHECK(first_error(call(shipped, edited)) == "bundle.hash");
  }
  SUBCASE("no stamp") {
    json bare = good;
    bare["files"].erase("stamp");
    CHECK(first_error(call(shipped, bare)) == "bundle.unstamped");
  }
  SUBCASE("a true stamp on a shape the reader does not know") {
    for (const char* part : {"phones", "schedule", "checked"}) {
      CAPTURE(part);
      json files = good["files"];
      files["directory.json"]["services"][0][part] = "nine nine nine";
      const json r = call(shipped, {{"op", "load"}, {"files", stamp_bundle(files)}});
      CHECK(first_error(r) == "bundle.malformed");
      CHECK(r["errors"][0]["message"].get<std::string>().find("frontdoor bundle") != std::string::npos);
    }
    json files = good["files"];
    files.erase("ui.json");
    CHECK(first_error(call(shipped, {{"op", "load"}, {"files", stamp_bundle(files)}})) == "bundle.malformed");
  }
  CHECK(shipped.handle(probe) == before);
  SUBCASE("the CLI's session checks a stamp it is given, and stamps what passes its checks") {
    Session full(workbench());
    json edited = good;
    edited["files"]["ui.json"]["exit_button"] = "Leave now";
    CHECK(first_error(call(full, edited)) == "bundle.hash");
    json restamp = {{"op", "stamp"}, {"files", edited["files"]}};
    const json stamped = call(full, restamp);
    REQUIRE(stamped["ok"] == true);
    CHECK(stamped["files"]["stamp"]["hash"] != good["files"]["stamp"]["hash"]);
    CHECK(call(shipped, {{"op", "load"}, {"files", stamped["files"]}})["ok"] == true);
  }
}
