// The loader: every kind of data problem, with its exact id and JSON pointer, all at once.
#include <doctest/doctest.h>

#include <frontdoor/api.hpp>
#include <frontdoor/checks.hpp>

#include "support.hpp"

using nlohmann::json;
using namespace frontdoor;

namespace {

json fixture_files() { return test::data_files("tests/fixtures/data-min"); }

UtcSeconds at() { return *parse_instant("2026-11-26T12:00:00Z"); }

bool has(const Problems& problems, const std::string& id, const std::string& file, const std::string& pointer,
         bool prefix = false) {
  for (const auto& p : problems)
    if (p.file == file && (prefix ? p.id.rfind(id, 0) == 0 && p.pointer.rfind(pointer, 0) == 0
                                  : p.id == id && p.pointer == pointer))
      return true;
  return false;
}

}  // namespace

TEST_CASE("the minimal fixture data loads without problems") {
  LoadResult result = load_model(fixture_files(), at());
  INFO(test::problem_lines(result.problems));
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
    INFO(test::problem_lines(text.problems));
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
  // tests/cases/load_errors.json: a patch of the fixture's files and the error it must give.
  for (const json& row : test::read_json("tests/cases/load_errors.json", "rows")) {
    const std::string name = row.at("name");
    const json& e = row.at("expect");
    CAPTURE(name);
    LoadResult result = load_model(fixture_files().patch(row.at("patch")), at());
    INFO(test::problem_lines(result.problems));
    CHECK(has(result.problems, e.at("id").get<std::string>(), e.at("file").get<std::string>(),
              e.at("pointer").get<std::string>(), e.value("prefix", false)));
    CHECK(result.model == nullptr);
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
    INFO(test::problem_lines(result.problems));
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
  INFO(test::problem_lines(result.problems));
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
  INFO(test::problem_lines(result.problems));
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
