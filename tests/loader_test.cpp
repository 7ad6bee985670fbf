// The loader: every kind of data problem, with its exact id and JSON pointer, all at once.
#include <doctest/doctest.h>

#include <frontdoor/api.hpp>
#include <frontdoor/checks.hpp>

#include "support.hpp"

using nlohmann::json;
using namespace frontdoor;

namespace {

const char* const kFixture = "tests/fixtures/data-min/";

json fixture_files() {
  json files = json::object();
  for (const auto& name : data_file_names()) files[name] = test::read_json(std::string(kFixture) + name);
  return files;
}

UtcSeconds at() { return *parse_instant("2026-11-26T12:00:00Z"); }

std::string lines(const Problems& problems) {
  std::string out;
  for (const auto& p : problems) out += to_line(p) + "\n";
  return out;
}

bool has(const Problems& problems, const std::string& id, const std::string& file, const std::string& pointer) {
  for (const auto& p : problems)
    if (p.id == id && p.file == file && p.pointer == pointer) return true;
  return false;
}

bool has_prefix(const Problems& problems, const std::string& id_prefix, const std::string& file,
                const std::string& pointer_prefix) {
  for (const auto& p : problems)
    if (p.id.rfind(id_prefix, 0) == 0 && p.file == file && p.pointer.rfind(pointer_prefix, 0) == 0) return true;
  return false;
}

/** Loads the fixture after `change`, expects an error `id` at `file` `pointer` and no model. */
void expect_error(const std::function<void(json&)>& change, const std::string& id, const std::string& file,
                  const std::string& pointer) {
  json files = fixture_files();
  change(files);
  LoadResult result = load_model(files, at());
  INFO(lines(result.problems));
  CHECK(has(result.problems, id, file, pointer));
  CHECK(result.model == nullptr);
}

}  // namespace

TEST_CASE("the minimal fixture data loads without problems") {
  LoadResult result = load_model(fixture_files(), at());
  INFO(lines(result.problems));
  REQUIRE(result.model != nullptr);
  CHECK(result.problems.empty());
  const Model& m = *result.model;
  CHECK(m.services.size() == 7);
  CHECK(m.rules.size() == 9);
  CHECK(m.questions.size() == 5);
  CHECK(m.service("mash")->phones.at(0).number == "0300 456 0108");
  CHECK(m.service("sexual-health")->age->min == 13);
  CHECK(m.service("emergency-999")->schedule.kind == Schedule::Kind::always);
  CHECK(format_date(m.checked) == "2026-11-01");
  CHECK(m.documents.size() == 5);
  CHECK(m.calendar.is_closure(make_date(2026, 12, 29)));
  SUBCASE("towns are found case-insensitively, ignoring surrounding spaces") {
    REQUIRE(m.locality_of_town("  chippenham ") != nullptr);
    CHECK(m.locality_of_town("  chippenham ")->id == "north");
    CHECK(m.locality_of_town("ROYAL WOOTTON BASSETT")->id == "south");
    CHECK(m.locality_of_town("Bristol") == nullptr);
  }
  SUBCASE("files given as text load the same as parsed objects") {
    LoadResult text = load_model(test::load_request("tests/fixtures/data-min")["files"], at());
    INFO(lines(text.problems));
    CHECK(text.model != nullptr);
  }
}

TEST_CASE("syntax errors name the file, line and column") {
  json files = fixture_files();
  files["rules.json"] = "{\n  \"levels\": [],\n  \"rules\": [tru]\n}";
  LoadResult result = load_model(files, at());
  REQUIRE(result.model == nullptr);
  REQUIRE(has(result.problems, "json.syntax", "rules.json", ""));
  const Problem& p = result.problems.front();
  CHECK(p.message.find("line 3, column 16") != std::string::npos);
  SUBCASE("text that ends early points at the end") {
    files["ui.json"] = "{\"a\": ";
    Problems ps = load_model(files, at()).problems;
    CHECK(has(ps, "json.syntax", "ui.json", ""));
    CHECK(has(ps, "json.syntax", "rules.json", ""));
  }
}

TEST_CASE("each kind of data problem is reported with its id and pointer") {
  SUBCASE("a missing file") {
    expect_error([](json& f) { f.erase("ui.json"); }, "data.file.missing", "ui.json", "");
  }
  SUBCASE("a missing member") {
    expect_error([](json& f) { f["directory.json"]["services"][1].erase("name"); }, "data.field.missing", "directory.json",
                 "/services/1");
  }
  SUBCASE("an unknown member") {
    expect_error([](json& f) { f["directory.json"]["services"][0]["colour"] = "red"; }, "data.field.unknown",
                 "directory.json", "/services/0/colour");
  }
  SUBCASE("a member of the wrong type") {
    expect_error([](json& f) { f["rules.json"]["levels"][0]["rank"] = "4"; }, "data.field.type", "rules.json",
                 "/levels/0/rank");
  }
  SUBCASE("an id with capitals") {
    expect_error([](json& f) { f["directory.json"]["services"][6]["id"] = "Front-Door"; }, "data.id.invalid",
                 "directory.json", "/services/6/id");
  }
  SUBCASE("a duplicate id") {
    expect_error([](json& f) { f["directory.json"]["services"][6]["id"] = "mash"; }, "data.id.duplicate",
                 "directory.json", "/services/6/id");
  }
  SUBCASE("a duplicate town in another locality") {
    expect_error([](json& f) { f["directory.json"]["localities"][1]["towns"].push_back(" calne"); }, "data.id.duplicate",
                 "directory.json", "/localities/1/towns/2");
  }
  SUBCASE("a phone number that is not a UK number") {
    for (const char* bad : {"0300 456 010", "0300  456 0108", "+44 300 456 0108", "0300-456-0108", "1300 456 0108", " 0300 456 0108", "112"}) {
      CAPTURE(bad);
      expect_error([&](json& f) { f["directory.json"]["services"][1]["phones"][0]["number"] = bad; }, "data.phone.not_uk",
                   "directory.json", "/services/1/phones/0/number");
    }
  }
  SUBCASE("a superseded phone number, however it is spaced") {
    expect_error([](json& f) { f["directory.json"]["services"][2]["phones"][0]["number"] = "08456 070 888"; },
                 "data.phone.superseded", "directory.json", "/services/2/phones/0/number");
  }
  SUBCASE("an unknown service in a rule") {
    expect_error([](json& f) { f["rules.json"]["rules"][3]["contacts"][0]["service"] = "nope"; }, "data.ref.service",
                 "rules.json", "/rules/3/contacts/0/service");
  }
  SUBCASE("an unknown service in a group") {
    expect_error([](json& f) { f["rules.json"]["groups"]["safeguarding-line"][1]["service"] = "nope"; }, "data.ref.service",
                 "rules.json", "/groups/safeguarding-line/1/service");
  }
  SUBCASE("an unknown group") {
    expect_error([](json& f) { f["rules.json"]["rules"][1]["contacts"][0]["first_open"] = "nope"; }, "data.ref.group",
                 "rules.json", "/rules/1/contacts/0/first_open");
  }
  SUBCASE("an unknown locality") {
    expect_error([](json& f) { f["rules.json"]["rules"][4]["contacts"][0]["by_locality"]["west"] = "sst-north"; },
                 "data.ref.locality", "rules.json", "/rules/4/contacts/0/by_locality/west");
    expect_error([](json& f) { f["directory.json"]["services"][3]["localities"] = {"middle"}; }, "data.ref.locality",
                 "directory.json", "/services/3/localities/0");
  }
  SUBCASE("an unknown level") {
    expect_error([](json& f) { f["rules.json"]["rules"][1]["level"] = "purple"; }, "data.ref.level", "rules.json",
                 "/rules/1/level");
  }
  SUBCASE("an unknown fact and an unknown fact value") {
    expect_error([](json& f) { f["rules.json"]["rules"][1]["when"] = {{"colour", "red"}}; }, "data.ref.fact", "rules.json",
                 "/rules/1/when/colour");
    expect_error([](json& f) { f["rules.json"]["rules"][1]["when"] = {{"concern", {{"in", {"harm", "sad"}}}}}; },
                 "data.ref.value", "rules.json", "/rules/1/when/concern/in/1");
    expect_error([](json& f) { f["questions.json"]["questions"][2]["options"][0]["value"] = "sad"; }, "data.ref.value",
                 "questions.json", "/questions/2/options/0/value");
    expect_error([](json& f) { f["questions.json"]["questions"][0]["fact"] = "colour"; }, "data.ref.fact", "questions.json",
                 "/questions/0/fact");
  }
  SUBCASE("an age range that is inverted or outside 0 to 25") {
    expect_error([](json& f) { f["directory.json"]["services"][5]["age"] = {{"min", 25}, {"max", 5}}; }, "data.age.range",
                 "directory.json", "/services/5/age");
    expect_error([](json& f) { f["directory.json"]["services"][5]["age"] = {{"min", 0}, {"max", 30}}; }, "data.age.range",
                 "directory.json", "/services/5/age");
    expect_error([](json& f) { f["rules.json"]["rules"][2]["when"]["child_age"] = {{"min", 9}, {"max", 3}}; },
                 "data.age.range", "rules.json", "/rules/2/when/child_age");
  }
  SUBCASE("a bad schedule is reported inside the service") {
    json files = fixture_files();
    files["directory.json"]["services"][1]["schedule"]["weekly"][0]["open"] = "25:00";
    LoadResult result = load_model(files, at());
    INFO(lines(result.problems));
    CHECK(has_prefix(result.problems, "data.schedule.", "directory.json", "/services/1/schedule/weekly/0"));
    CHECK(result.model == nullptr);
  }
  SUBCASE("a bad calendar exception") {
    json files = fixture_files();
    files["calendar.json"]["exceptions"][0]["kind"] = "moved";
    LoadResult result = load_model(files, at());
    INFO(lines(result.problems));
    CHECK(has_prefix(result.problems, "data.calendar.", "calendar.json", "/exceptions/0"));
    CHECK(result.model == nullptr);
  }
  SUBCASE("no catch-all rule at the end") {
    expect_error([](json& f) { f["rules.json"]["rules"].erase(8); }, "data.rules.catch_all", "rules.json", "/rules/7");
  }
  SUBCASE("a rule that points nowhere") {
    expect_error([](json& f) { f["rules.json"]["rules"].insert(f["rules.json"]["rules"].begin(), json{{"id", "empty"}, {"when", {{"concern", "harm"}}}}); },
                 "data.rules.empty", "rules.json", "/rules/0");
  }
  SUBCASE("a rule no path of the questions reaches") {
    json shadowed = {{"id", "shadowed"}, {"when", {{"concern", "exploitation"}}}, {"contacts", {{{"service", "mash"}}}}};
    expect_error([&](json& f) { f["rules.json"]["rules"].insert(f["rules.json"]["rules"].begin() + 2, shadowed); },
                 "data.rules.unreachable", "rules.json", "/rules/2");
  }
  SUBCASE("a path that ends with no contact") {
    json files = fixture_files();
    // Only an administrative outcome can end with no contact: every other gets the safety net.
    files["rules.json"]["safety"]["administrative"].push_back("sexual_health");
    files["rules.json"]["rules"][3]["contacts"].erase(1);
    LoadResult result = load_model(files, at());
    INFO(lines(result.problems));
    CHECK(has(result.problems, "data.paths.no_contact", "rules.json", ""));
    CHECK(result.model == nullptr);
  }
  SUBCASE("a fact used by a rule with no question") {
    expect_error([](json& f) { f["questions.json"]["questions"].erase(4); }, "data.rules.no_question", "rules.json",
                 "/rules/4/when/not/area");
  }
  SUBCASE("a question of the wrong type for its fact") {
    expect_error([](json& f) { f["questions.json"]["questions"][1]["type"] = "choice"; }, "data.questions.type",
                 "questions.json", "/questions/1/type");
  }
  SUBCASE("two questions for one fact") {
    expect_error([](json& f) { f["questions.json"]["questions"].push_back(f["questions.json"]["questions"][4]); f["questions.json"]["questions"][5]["id"] = "area-2"; },
                 "data.questions.duplicate_fact", "questions.json", "/questions/5/fact");
  }
  SUBCASE("per-audience wording without a default, or for an unknown audience") {
    expect_error([](json& f) { f["ui.json"]["title"].erase("default"); }, "data.wording", "ui.json", "/title");
    expect_error([](json& f) { f["ui.json"]["title"]["teacher"] = "Hello"; }, "data.ref.audience", "ui.json", "/title/teacher");
  }
  SUBCASE("a condition that is not one of the forms") {
    expect_error([](json& f) { f["rules.json"]["rules"][1]["when"] = {{"concern", {{"in", {"harm"}}, {"max", 3}}}}; },
                 "data.rules.condition", "rules.json", "/rules/1/when/concern");
    expect_error([](json& f) { f["rules.json"]["rules"][1]["when"] = {{"concern", nullptr}}; }, "data.rules.condition",
                 "rules.json", "/rules/1/when/concern");
    expect_error([](json& f) { f["rules.json"]["rules"][1]["when"] = {{"concern", {{"min", 3}}}}; }, "data.rules.condition",
                 "rules.json", "/rules/1/when/concern");
    expect_error([](json& f) { f["rules.json"]["rules"][1]["when"] = {{"any", json::array()}}; }, "data.rules.condition",
                 "rules.json", "/rules/1/when/any");
    expect_error([](json& f) { f["rules.json"]["rules"][1]["when"] = {{"concern", {{"like", "harm"}}}}; },
                 "data.rules.condition", "rules.json", "/rules/1/when/concern");
  }
  SUBCASE("an age range with no note when ui.json has no age_outside sentence") {
    expect_error([](json& f) {
      f["directory.json"]["services"][5]["age"].erase("note");
      f["ui.json"].erase("age_outside");
    }, "data.ui.missing", "directory.json", "/services/5/age");
  }
  SUBCASE("a date that is not a date") {
    expect_error([](json& f) { f["directory.json"]["services"][0]["checked"] = "2026-02-30"; }, "data.date",
                 "directory.json", "/services/0/checked");
  }
}

TEST_CASE("warnings are reported but the data still loads") {
  SUBCASE("a checked date more than 12 months old") {
    json files = fixture_files();
    files["directory.json"]["services"][1]["checked"] = "2025-11-25";
    LoadResult result = load_model(files, at());
    REQUIRE(result.model != nullptr);
    CHECK(has(result.problems, "data.checked.stale", "directory.json", "/services/1/checked"));
    CHECK(result.problems.at(0).warning);
  }
  SUBCASE("a checked date exactly 12 months old is still fresh") {
    json files = fixture_files();
    files["directory.json"]["services"][1]["checked"] = "2025-11-26";
    CHECK(load_model(files, at()).problems.empty());
  }
  SUBCASE("a question whose fact no rule uses") {
    json files = fixture_files();
    files["questions.json"]["questions"].push_back(
        {{"id", "ehcp"}, {"fact", "has_ehcp"}, {"type", "yes_no"}, {"text", "EHCP?"},
         {"options", {{{"value", true}, {"label", "Yes"}}, {{"value", false}, {"label", "No"}}}}});
    LoadResult result = load_model(files, at());
    INFO(lines(result.problems));
    REQUIRE(result.model != nullptr);
    CHECK(has(result.problems, "data.questions.unused", "questions.json", "/questions/5"));
  }
}

TEST_CASE("each phone, email, age limit and schedule has a source and a checked date, its own or its service's") {
  json files = fixture_files();
  json& services = files["directory.json"]["services"];
  REQUIRE(services[2]["id"] == "out-of-hours");
  REQUIRE(services[5]["id"] == "sexual-health");
  REQUIRE(services[6]["id"] == "front-door");
  files["directory.json"]["contact_page"] = "https://example.org/source";
  services[2]["phones"][0]["source"] = "https://example.org/out-of-hours";
  services[2]["hours_source"] = "https://example.org/out-of-hours";
  services[2]["hours_checked"] = "2026-10-30";
  services[5]["age"]["source"] = "https://example.org/sexual-health";
  services[6]["email_source"] = "https://example.org/email";
  services[6]["email_checked"] = "2026-11-02";
  LoadResult result = load_model(files, at());
  INFO(lines(result.problems));
  REQUIRE(result.model != nullptr);
  const Model& m = *result.model;
  CHECK(m.contact_page == "https://example.org/source");
  SUBCASE("a fact that names no page has its service's source and date") {
    CHECK(m.service("mash")->phones.at(0).provenance.source == "https://example.org/source");
    CHECK(format_date(m.service("mash")->phones.at(0).provenance.checked) == "2026-11-01");
    CHECK(m.service("mash")->hours_provenance.source == "https://example.org/source");
  }
  SUBCASE("a fact that names its page keeps it, with its own date where given") {
    const Service& ooh = *m.service("out-of-hours");
    CHECK(ooh.phones.at(0).provenance.source == "https://example.org/out-of-hours");
    CHECK(format_date(ooh.phones.at(0).provenance.checked) == "2026-11-01");
    CHECK(ooh.hours_provenance.source == "https://example.org/out-of-hours");
    CHECK(format_date(ooh.hours_provenance.checked) == "2026-10-30");
    CHECK(m.service("sexual-health")->age->provenance.source == "https://example.org/sexual-health");
    CHECK(m.service("front-door")->email_provenance.source == "https://example.org/email");
    CHECK(format_date(m.service("front-door")->email_provenance.checked) == "2026-11-02");
  }
  SUBCASE("a fact's own date more than 12 months old warns like the service's") {
    services[2]["phones"][0]["checked"] = "2025-11-25";
    LoadResult old = load_model(files, at());
    REQUIRE(old.model != nullptr);
    CHECK(has(old.problems, "data.checked.stale", "directory.json", "/services/2/phones/0/checked"));
  }
  SUBCASE("a source that is not a web address, or an email source without an email, is refused") {
    services[2]["phones"][0]["source"] = "the out-of-hours page";
    services[1]["email_source"] = "https://example.org/email";
    LoadResult bad = load_model(files, at());
    CHECK(bad.model == nullptr);
    CHECK(has(bad.problems, "data.source.not_url", "directory.json", "/services/2/phones/0/source"));
    CHECK(has(bad.problems, "data.source.no_fact", "directory.json", "/services/1/email_source"));
  }
}

TEST_CASE("all problems are returned at once, across files") {
  json files = fixture_files();
  files["directory.json"]["services"][1]["phones"][0]["number"] = "0300";
  files["rules.json"]["rules"][1]["level"] = "purple";
  files["questions.json"]["questions"][3]["min"] = 30;
  LoadResult result = load_model(files, at());
  INFO(lines(result.problems));
  CHECK(has(result.problems, "data.phone.not_uk", "directory.json", "/services/1/phones/0/number"));
  CHECK(has(result.problems, "data.ref.level", "rules.json", "/rules/1/level"));
  CHECK(has(result.problems, "data.age.range", "questions.json", "/questions/3"));
  CHECK(to_line(result.problems.front()) == "directory.json: /services/1/phones/0/number: \"0300\" is not a UK phone number "
                                             "(digits and single spaces, 11 digits starting 0, or a listed short code) [data.phone.not_uk]");
}

TEST_CASE("a failed load keeps the previously loaded data") {
  Session session(workbench());
  json request = {{"op", "load"}, {"files", fixture_files()}, {"at", "2026-11-26T12:00:00Z"}};
  json first = json::parse(session.handle(request.dump()));
  REQUIRE(first["ok"] == true);
  const Model* before = session.model();
  REQUIRE(before != nullptr);
  request["files"]["directory.json"]["services"][1]["phones"][0]["number"] = "0845 6070 888";
  json second = json::parse(session.handle(request.dump()));
  CHECK(second["ok"] == false);
  CHECK(second["errors"][0]["id"] == "data.phone.superseded");
  CHECK(second["errors"][0]["where"] == "directory.json/services/1/phones/0/number");
  CHECK(session.model() == before);
  CHECK(session.model()->service("mash")->phones[0].number == "0300 456 0108");
}
