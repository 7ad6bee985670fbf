// The CLI contract (DESIGN.md "CLI contract"), tested by running the real binary and comparing
// what it prints with what Session::handle answers for the same request.
#ifndef __EMSCRIPTEN__

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "frontdoor/api.hpp"
#include "frontdoor/calendar.hpp"
#include "frontdoor/errors.hpp"
#include "frontdoor/model.hpp"
#include "frontdoor/tools.hpp"
#include "open_status.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using frontdoor::test::lines_of;

namespace {

const std::string kData = FRONTDOOR_SOURCE_DIR "/data";
const char* const kFiles[] = {"directory.json", "calendar.json", "rules.json", "questions.json", "ui.json"};
// A Friday afternoon in November (GMT), when office-hours services are open.
const std::string kAt = "2026-11-27T14:00:00Z";

std::string quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

/** A fresh folder under the system temp folder, removed at the end of the scope. */
struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "frontdoor-cli-test-XXXXXX").string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    REQUIRE(mkdtemp(buffer.data()) != nullptr);
    path = buffer.data();
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream out(file(name), std::ios::binary);
    out << text;
    REQUIRE(out.good());
  }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct Run {
  int code = -1;
  std::string out;
  std::string err;
};

/** Runs `frontdoor <args>` (args already shell-quoted) with `input` on stdin, in the folder `cwd` if given. */
Run run_cli(const std::string& args, const std::string& input = "", const std::string& cwd = "") {
  TempDir io;
  io.write("stdin", input);
  const std::string command = (cwd.empty() ? "" : "cd " + quote(cwd) + " && ") + quote(FRONTDOOR_CLI) + " " + args +
                              " <" + quote(io.file("stdin")) + " >" + quote(io.file("stdout")) + " 2>" +
                              quote(io.file("stderr"));
  const int status = std::system(command.c_str());
  Run run;
  REQUIRE(status != -1);
  REQUIRE(WIFEXITED(status));
  run.code = WEXITSTATUS(status);
  run.out = slurp(io.file("stdout"));
  run.err = slurp(io.file("stderr"));
  return run;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

/** A Session with data/ loaded. */
frontdoor::Session loaded_session() {
  frontdoor::Session session(frontdoor::workbench());
  json response = json::parse(session.handle(frontdoor::test::load_request("data").dump()));
  REQUIRE_MESSAGE(response.value("ok", false), response.dump());
  return session;
}

json handle(frontdoor::Session& session, const json& request) {
  return json::parse(session.handle(request.dump()));
}

/** Copies data/ into `dir` (so a test can break one file). */
void copy_data(const TempDir& dir) {
  for (const char* name : kFiles) dir.write(name, frontdoor::test::read_text(std::string("data/") + name));
}

/** The facts each question is answered with on the test walk (else the first option). */
const json kWalkTarget = {{"audience", "parent"}, {"immediate_danger", false}, {"concern", "harm"},
                          {"child_age", 8},       {"consent", "yes"},          {"has_ehcp", false}};

struct Walk {
  std::vector<std::string> lines;    // what a person types
  std::vector<std::string> texts;    // the questions asked, in order
  std::vector<json> questions;       // the route response's next_question, in order
  std::vector<json> asked_with;      // the facts known when each question was asked
  json answers = json::array();      // [fact, value] per question
  json final;                        // the route response at the end
};

/** Plays the wizard through the Session, choosing answers by kWalkTarget; returns what to type. */
Walk plan_walk(frontdoor::Session& session, const std::string& at = kAt, const json& target = kWalkTarget) {
  Walk walk;
  json facts = json::object();
  for (int step = 0; step < 50; ++step) {
    json response = handle(session, {{"op", "route"}, {"at", at}, {"facts", facts}});
    REQUIRE_MESSAGE(response.value("ok", false), response.dump());
    const json question = response["next_question"];
    if (question.is_null()) {
      walk.final = response;
      return walk;
    }
    walk.texts.push_back(question["text"].get<std::string>());
    walk.questions.push_back(question);
    walk.asked_with.push_back(facts);
    const std::string fact = question["fact"];
    const std::string type = question["type"];
    if (type == "number") {
      const long long age = target.contains(fact) ? target[fact].get<long long>()
                                                        : question["min"].get<long long>();
      walk.lines.push_back(std::to_string(age));
      facts[fact] = age;
      walk.answers.push_back({fact, age});
      continue;
    }
    const json& options = question["options"];
    REQUIRE_FALSE(options.empty());
    std::size_t chosen = 0;
    for (std::size_t i = 0; i < options.size(); ++i) {
      if (target.contains(fact) && options[i]["value"] == target[fact]) chosen = i;
    }
    walk.lines.push_back(std::to_string(chosen + 1));
    facts[fact] = options[chosen]["value"];
    walk.answers.push_back({fact, options[chosen]["value"]});
  }
  FAIL("the walk did not end within 50 questions");
  return walk;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

}  // namespace

/** A word or message of tests/cases/cli_runs.json with "{data}" (the row's data folder) and "{at}" (kAt) filled in. */
std::string filled(const std::string& text, const std::string& data) {
  return frontdoor::fill(text, {{"data", data}, {"at", kAt}});
}

TEST_CASE("frontdoor answers each run of tests/cases/cli_runs.json with its exit code and messages") {
  for (const json& row : frontdoor::test::read_json("tests/cases/cli_runs.json", "rows")) {
    INFO(row.at("name").get<std::string>());
    // A row that breaks data files runs on a copy of data/; the folder is empty otherwise.
    const TempDir folder;
    const json broken = row.value("break", json::object());
    if (!broken.empty()) copy_data(folder);
    for (auto file = broken.begin(); file != broken.end(); ++file) {
      if (file->is_null())
        fs::remove(folder.file(file.key()));
      else
        folder.write(file.key(), file->get<std::string>());
    }
    const std::string data = broken.empty() ? kData : folder.path.string();
    std::string args;
    for (const std::string word : row.at("args")) args += (args.empty() ? "" : " ") + quote(filled(word, data));
    const std::string in = row.value("in", "");
    Run run = run_cli(args, "", in == "the repository" ? FRONTDOOR_SOURCE_DIR : in == "an empty folder" ? folder.path.string() : "");
    CAPTURE(run.err);
    CHECK(run.code == row.at("code").get<int>());
    for (const std::string fragment : row.value("err", json::array())) CHECK_MESSAGE(contains(run.err, fragment), fragment);
    for (const std::string fragment : row.value("out", json::array())) CHECK_MESSAGE(contains(run.out, fragment), fragment);
    if (row.contains("err_is")) CHECK(run.err == filled(row["err_is"], data));
    if (row.value("err_empty", false)) CHECK(run.err.empty());
    if (row.value("out_empty", false)) CHECK(run.out.empty());
  }
}

TEST_CASE("frontdoor route prints the core's route response as pretty JSON") {
  frontdoor::Session session = loaded_session();
  const json facts = {{"audience", "parent"}, {"immediate_danger", false}, {"concern", "harm"}};

  SUBCASE("the same answer as Session::handle, indented by 2 spaces") {
    Run run = run_cli("route --data " + quote(kData) + " --at " + kAt + " --facts " + quote(facts.dump()));
    REQUIRE(run.code == 0);
    CHECK(run.err.empty());
    const json expected = handle(session, {{"op", "route"}, {"at", kAt}, {"facts", facts}});
    CHECK(json::parse(run.out) == expected);
    const auto lines = lines_of(run.out);
    REQUIRE(lines.size() > 2);
    CHECK(lines[0] == "{");
    CHECK(lines[1].rfind("  \"", 0) == 0);
    CHECK(lines[1].rfind("   ", 0) != 0);
  }
  SUBCASE("--facts @file reads the facts from a file") {
    TempDir dir;
    dir.write("facts.json", facts.dump());
    Run run = run_cli("route --data " + quote(kData) + " --at " + kAt + " --facts @" + quote(dir.file("facts.json")));
    REQUIRE(run.code == 0);
    CHECK(json::parse(run.out) == handle(session, {{"op", "route"}, {"at", kAt}, {"facts", facts}}));
  }
  SUBCASE("--facts defaults to {} and --at to now") {
    Run run = run_cli("route --data " + quote(kData));
    REQUIRE(run.code == 0);
    const json out = json::parse(run.out);
    const json expected = handle(session, {{"op", "route"}, {"facts", json::object()}});
    CHECK(out["missing"] == expected["missing"]);
    CHECK(out["next_question"] == expected["next_question"]);
    CHECK(out["level"] == expected["level"]);
  }
}

TEST_CASE("frontdoor holidays prints one ISO date a line") {
  SUBCASE("without --data it reads ./data, one-off holidays included") {
    frontdoor::Session loaded = loaded_session();
    Run run = run_cli("holidays --from 2022 --to 2023", "", FRONTDOOR_SOURCE_DIR);
    REQUIRE(run.code == 0);
    const json expected = handle(loaded, {{"op", "holidays"}, {"from", 2022}, {"to", 2023}});
    REQUIRE(expected.value("ok", false));
    std::vector<std::string> dates;
    for (const auto& holiday : expected["holidays"]) dates.push_back(holiday["date"]);
    CHECK(lines_of(run.out) == dates);
    CHECK(contains(run.out, "2022-06-03\n"));  // the Platinum Jubilee
    CHECK(contains(run.out, "2023-05-08\n"));  // the Coronation
  }
  SUBCASE("with --data the calendar's exceptions apply") {
    frontdoor::Session loaded = loaded_session();
    Run run = run_cli("holidays --from 2020 --to 2023 --data " + quote(kData));
    REQUIRE(run.code == 0);
    const json expected = handle(loaded, {{"op", "holidays"}, {"from", 2020}, {"to", 2023}});
    std::vector<std::string> dates;
    for (const auto& holiday : expected["holidays"]) dates.push_back(holiday["date"]);
    CHECK(lines_of(run.out) == dates);
  }
}

TEST_CASE("frontdoor import-holidays turns GOV.UK's bank-holidays.json into calendar exceptions") {
  const std::string fixture = frontdoor::test::repo_path("tests/fixtures/govuk-bank-holidays.json");
  SUBCASE("merged into data/calendar.json it changes nothing: the data already matches GOV.UK") {
    Run run = run_cli("import-holidays " + quote(fixture) + " --data " + quote(kData));
    REQUIRE(run.code == 0);
    CHECK(json::parse(run.out) == frontdoor::test::read_json("data/calendar.json"));
    CHECK(contains(run.err, "0 exception(s) added"));
  }
  SUBCASE("alone it lists the one-off changes since 2018, and the result loads") {
    Run run = run_cli("import-holidays " + quote(fixture));
    REQUIRE(run.code == 0);
    const json calendar = json::parse(run.out);
    std::vector<std::string> dates;
    for (const auto& e : calendar.at("exceptions")) dates.push_back(e.at("date").get<std::string>() + " " + e.at("kind").get<std::string>());
    for (const char* expected : {"2020-05-04 remove", "2020-05-08 add", "2022-06-03 add", "2022-09-19 add", "2023-05-08 add"}) {
      CHECK(std::find(dates.begin(), dates.end(), expected) != dates.end());
    }
    TempDir dir;
    copy_data(dir);
    dir.write("calendar.json", run.out);
    Run lint = run_cli("lint --data " + quote(dir.path.string()));
    CHECK_MESSAGE(lint.code == 0, lint.out);
  }
  SUBCASE("a file that is not GOV.UK's format is refused with its name, and no file is required") {
    TempDir dir;
    dir.write("bad.json", "{\"scotland\": {}}");
    Run run = run_cli("import-holidays " + quote(dir.file("bad.json")));
    CHECK(run.code == 1);
    CHECK(contains(run.err, "bad.json"));
    CHECK(run.out.empty());
  }
}

TEST_CASE("frontdoor lint checks a data folder") {
  SUBCASE("the shipped data is valid: exit 0, nothing on stdout") {
    Run run = run_cli("lint --data " + quote(kData) + " --at " + kAt);
    CHECK(run.code == 0);
    CHECK(run.out.empty());
  }
  SUBCASE("a broken phone gives exit 1 and the exact problem line") {
    TempDir dir;
    copy_data(dir);
    json directory = frontdoor::test::read_json("data/directory.json");
    std::size_t service = 0;
    while (service < directory["services"].size() && directory["services"][service]["phones"].empty()) ++service;
    REQUIRE(service < directory["services"].size());
    directory["services"][service]["phones"][0]["number"] = "0300 456 01";
    dir.write("directory.json", directory.dump(2));

    Run run = run_cli("lint --data " + quote(dir.path.string()) + " --at " + kAt);
    CHECK(run.code == 1);
    const std::string pointer = "/services/" + std::to_string(service) + "/phones/0/number";
    const std::string prefix = "directory.json: " + pointer + ": ";
    std::string found;
    for (const auto& line : lines_of(run.out)) {
      if (line.rfind(prefix, 0) == 0) found = line;
    }
    CAPTURE(run.out);
    REQUIRE_FALSE(found.empty());
    CHECK(found.size() > prefix.size() + 20);
    CHECK(found.substr(found.size() - std::string(" [data.phone.not_uk]").size()) == " [data.phone.not_uk]");

    // The same problem as the core reports when loading the same files.
    frontdoor::Session session(frontdoor::workbench());
    json request = frontdoor::test::load_request("data");
    request["files"]["directory.json"] = directory.dump(2);
    const json response = handle(session, request);
    CHECK_FALSE(response.value("ok", true));
    bool matched = false;
    for (const auto& error : response["errors"]) {
      if (error.value("id", "") == "data.phone.not_uk" && contains(found, error.value("message", ""))) matched = true;
    }
    CHECK(matched);
  }
  SUBCASE("data that would leave a risk path with no line answered fails the safety proof") {
    TempDir dir;
    copy_data(dir);
    json directory = frontdoor::test::read_json("data/directory.json");
    for (auto& s : directory["services"])
      if (s["id"] == "out-of-hours")
        for (auto& w : s["schedule"]["weekly"])
          if (w["days"] == json::array({"sat", "sun"})) w["close"] = "12:00";
    dir.write("directory.json", directory.dump(2));
    Run run = run_cli("lint --data " + quote(dir.path.string()) + " --at " + kAt);
    CAPTURE(run.out);
    CHECK(run.code == 1);
    // The instants run in date order over 2026–2027 (the year of --at and the next): the first
    // weekend afternoon among them is the spring clock change, Sunday 29 March 2026, where at
    // 11:45 Out of Hours closes within 15 minutes with no line to take over (property 3).
    CHECK(contains(run.out, "rules.json: safety property 3 broken at 2026-03-29T11:45:00+01:00 on the path "));
    CHECK(contains(run.out, "out-of-hours closes at 2026-03-29T12:00:00+01:00 and no contact after it is open then"));
    CHECK(contains(run.out, "[data.safety.property]"));
  }
}

TEST_CASE("frontdoor bundle prints the minified data bundle") {
  Run run = run_cli("bundle --data " + quote(kData));
  REQUIRE(run.code == 0);
  CHECK(lines_of(run.out).size() == 1);
  const json bundle = json::parse(run.out);
  REQUIRE(bundle.contains("files"));
  for (const char* name : kFiles) CHECK(bundle["files"].contains(name));
  // The bundle loads into a fresh session as it is (the web widget does exactly this).
  frontdoor::Session session(frontdoor::workbench());
  const json loaded = handle(session, {{"op", "load"}, {"files", bundle["files"]}});
  CHECK_MESSAGE(loaded.value("ok", false), loaded.dump());
}

TEST_CASE("frontdoor ask walks the wizard in a terminal") {
  frontdoor::Session session = loaded_session();
  const Walk walk = plan_walk(session);
  REQUIRE_FALSE(walk.lines.empty());
  const std::string args = "ask --data " + quote(kData) + " --at " + kAt;
  const json& first = walk.final["contacts"][0];

  SUBCASE("piped answers reach the same outcome as the core") {
    Run run = run_cli(args, join_lines(walk.lines));
    CAPTURE(run.out);
    CAPTURE(run.err);
    REQUIRE(run.code == 0);
    for (const auto& text : walk.texts) CHECK(contains(run.out, text));
    if (walk.final["level_name"].is_string()) CHECK(contains(run.out, walk.final["level_name"].get<std::string>()));
    CHECK(contains(run.out, first["name"].get<std::string>()));
    if (first["phone"].is_string()) CHECK(contains(run.out, first["phone"].get<std::string>()));
    CHECK(contains(run.out, first["why"].get<std::string>()));
    for (const auto& item : first["have_ready"]) CHECK(contains(run.out, item.get<std::string>()));
  }
  SUBCASE("an invalid answer is asked again; then the walk goes on") {
    std::vector<std::string> lines = walk.lines;
    lines.insert(lines.begin(), "999");
    lines.insert(lines.begin(), "not an answer");
    Run run = run_cli(args, join_lines(lines));
    CHECK(run.code == 0);
    const json ui = handle(session, {{"op", "ui"}});
    CHECK(contains(run.out, ui["strings"]["error_prefix"].get<std::string>() + " "));
    CHECK(contains(run.out, first["name"].get<std::string>()));
  }
  SUBCASE("b goes back to the previous question") {
    std::vector<std::string> lines = walk.lines;
    lines.insert(lines.begin() + 1, {"b", walk.lines[0]});
    Run run = run_cli(args, join_lines(lines));
    CHECK(run.code == 0);
    const std::string& text = walk.texts[0];
    const auto once = run.out.find(text);
    REQUIRE(once != std::string::npos);
    CHECK(run.out.find(text, once + text.size()) != std::string::npos);
    CHECK(contains(run.out, first["name"].get<std::string>()));
  }
  SUBCASE("q quits without an outcome") {
    Run run = run_cli(args, "q\n");
    CHECK(run.code == 0);
    CHECK(contains(run.out, walk.texts[0]));
    CHECK_FALSE(contains(run.out, first["why"].get<std::string>()));
  }
  SUBCASE("input that ends before the outcome exits 1 with a message") {
    std::vector<std::string> lines(walk.lines.begin(), walk.lines.end() - 1);
    Run run = run_cli(args, join_lines(lines));
    CHECK(run.code == 1);
    CHECK(contains(run.err, "input ended before the outcome"));
  }
  SUBCASE("pre-filled facts are not asked") {
    const json prefill = {{walk.answers[0][0].get<std::string>(), walk.answers[0][1]}};
    Run run = run_cli(args + " --facts " + quote(prefill.dump()),
                      join_lines(std::vector<std::string>(walk.lines.begin() + 1, walk.lines.end())));
    CHECK(run.code == 0);
    CHECK_FALSE(contains(run.out, walk.texts[0] + "\n"));
    CHECK(contains(run.out, first["name"].get<std::string>()));
  }
}

/** The ui op's strings for the audience in `facts` (the default wording without one). */
json ui_strings(frontdoor::Session& session, const json& facts) {
  json request = {{"op", "ui"}};
  if (facts.contains("audience")) request["audience"] = facts["audience"];
  const json response = handle(session, request);
  REQUIRE_MESSAGE(response.value("ok", false), response.dump());
  return response["strings"];
}

std::string trimmed(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

TEST_CASE("frontdoor ask words its errors and opening lines from ui.json as the web element does") {
  frontdoor::Session session = loaded_session();
  const Walk walk = plan_walk(session);
  REQUIRE_FALSE(walk.lines.empty());
  const std::string args = "ask --data " + quote(kData) + " --at " + kAt;

  SUBCASE("an answer that is not an option gets the question's error_choose_<id>, as the element") {
    // Walks that between them ask every choice and yes/no question, for three audiences.
    const json targets = json::array({kWalkTarget,
                                      {{"audience", "young_person"}, {"immediate_danger", false},
                                       {"concern_group", "other_help"}, {"concern", "education_employment"},
                                       {"child_age", 17}, {"has_ehcp", false}},
                                      {{"audience", "professional"}, {"immediate_danger", false},
                                       {"concern_group", "other_help"}, {"concern", "family_support"}, {"consent", "yes"}}});
    std::set<std::string> asked;
    std::size_t named = 0;
    for (const auto& target : targets) {
      INFO(target.dump());
      const Walk walk = plan_walk(session, kAt, target);  // this target's walk
      std::vector<std::string> lines;
      std::vector<std::string> errors(walk.questions.size());  // per question, "" when none is typed
      for (std::size_t i = 0; i < walk.questions.size(); ++i) {
        const json& question = walk.questions[i];
        const std::string type = question["type"];
        if (type != "number" && type != "area") {
          std::string id = question["id"];
          std::replace(id.begin(), id.end(), '-', '_');
          const json strings = ui_strings(session, walk.asked_with[i]);
          const std::string key = strings.contains("error_choose_" + id) ? "error_choose_" + id : "error_choose";
          if (key != "error_choose") ++named;
          asked.insert(question["id"].get<std::string>());
          errors[i] = strings["error_prefix"].get<std::string>() + " " + strings[key].get<std::string>() + "\n";
          lines.push_back("not an answer");
        }
        lines.push_back(walk.lines[i]);
      }
      Run run = run_cli(args, join_lines(lines));
      CAPTURE(run.out);
      REQUIRE(run.code == 0);
      std::size_t from = 0;
      for (std::size_t i = 0; i < walk.questions.size(); ++i) {
        const auto shown = run.out.find(walk.texts[i], from);
        REQUIRE(shown != std::string::npos);
        from = shown + walk.texts[i].size();
        if (errors[i].empty()) continue;
        INFO(walk.texts[i]);
        const auto error = run.out.find(errors[i], from);
        REQUIRE(error != std::string::npos);
        if (i + 1 < walk.questions.size()) CHECK(error < run.out.find(walk.texts[i + 1], from));
        from = error + errors[i].size();
      }
      CHECK(contains(run.out, walk.final["contacts"][0]["name"].get<std::string>()));
    }
    // Every choice and yes/no question of questions.json was asked, and ui.json names most.
    const json questions = frontdoor::test::read_json("data/questions.json");
    for (const auto& question : questions["questions"]) {
      const std::string type = question["type"];
      if (type != "number" && type != "area") CHECK_MESSAGE(asked.count(question["id"].get<std::string>()) == 1, question["id"]);
    }
    CHECK(named > 1);
  }
  SUBCASE("a question without its own error_choose_<id> gets error_choose") {
    TempDir dir;
    copy_data(dir);
    json ui = frontdoor::test::read_json("data/ui.json");
    std::string id = walk.questions[0]["id"];
    std::replace(id.begin(), id.end(), '-', '_');
    REQUIRE(ui.erase("error_choose_" + id) == 1);
    dir.write("ui.json", ui.dump(2));
    Run run = run_cli("ask --data " + quote(dir.path.string()) + " --at " + kAt, "not an answer\nq\n");
    CAPTURE(run.out);
    CHECK(run.code == 0);
    const json strings = ui_strings(session, json::object());
    CHECK(contains(run.out, strings["error_prefix"].get<std::string>() + " " + strings["error_choose"].get<std::string>() + "\n"));
  }
  SUBCASE("a line open for more than a day ahead says open_day_and_night; one closing sooner says until when") {
    std::size_t day_and_night = 0, closing = 0;
    // A Friday afternoon, and a Saturday night (the Out of Hours line is open until Monday 9am).
    for (const std::string& at : {kAt, std::string("2026-11-28T22:00:00Z")}) {
      INFO(at);
      const Walk at_walk = plan_walk(session, at);
      json facts = json::object();
      for (const auto& answer : at_walk.answers) facts[answer[0].get<std::string>()] = answer[1];
      const json strings = ui_strings(session, facts);
      REQUIRE(strings.contains("open_day_and_night"));
      const frontdoor::cli::Wording ui(strings);
      Run run = run_cli("ask --data " + quote(kData) + " --at " + at, join_lines(at_walk.lines));
      CAPTURE(run.out);
      REQUIRE(run.code == 0);
      const auto now = frontdoor::parse_instant(at);
      REQUIRE(now);
      for (const auto& contact : at_walk.final["contacts"]) {
        INFO(contact["name"].get<std::string>());
        const std::string usual = frontdoor::cli::open_status(contact, at, ui);
        if (contact["open_now"] != true) {
          CHECK(contains(run.out, "   " + usual + "\n"));
          continue;
        }
        const auto closes = contact["closes_at"].is_string() ? frontdoor::parse_instant(contact["closes_at"].get<std::string>())
                                                               : std::nullopt;
        if (!closes || *closes - *now > 24 * 60 * 60) {
          ++day_and_night;
          CHECK_FALSE(contains(run.out, "   " + usual + "\n"));
        } else {
          ++closing;
          CHECK(contains(run.out, "   " + usual + "\n"));
        }
      }
      if (day_and_night > 0) CHECK(contains(run.out, "   " + strings["open_day_and_night"].get<std::string>() + "\n"));
    }
    CHECK(day_and_night > 0);
    CHECK(closing > 0);
  }
  SUBCASE("a place outside Wiltshire gets error_area_outside naming its council; another unknown place error_area_unknown") {
    json target = kWalkTarget;
    target["concern"] = "team_contact";  // the team for the area: the area question is asked
    const Walk walk = plan_walk(session, kAt, target);
    std::size_t area = walk.questions.size();
    for (std::size_t i = 0; i < walk.questions.size(); ++i) {
      if (walk.questions[i]["type"] == "area") area = i;
    }
    REQUIRE(area < walk.questions.size());
    const json strings = ui_strings(session, walk.asked_with[area]);
    const frontdoor::cli::Wording ui(strings);
    const json& unknown_option = walk.questions[area]["unknown_option"];
    const std::string unknown = unknown_option.is_object() ? unknown_option["label"].get<std::string>() : ui.get("answer_unknown");
    const std::string prefix = ui.get("error_prefix") + " ";
    std::vector<std::string> typed, expected;
    std::string elsewhere;  // a place neither in Wiltshire nor named by ui.json
    const json towns = frontdoor::test::read_json("tests/cases/towns.json");
    for (const auto& row : towns["spellings"]) {
      const std::string input = row["input"];
      if (row.contains("outside")) {
        const std::string council = row["outside"];
        REQUIRE(strings.contains(council));
        typed.push_back(input);
        expected.push_back(ui.get("error_area_outside", {{"place", trimmed(input)}, {"council", ui.get(council)}, {"unknown", unknown}}));
      } else if (row["locality"].is_null() && elsewhere.empty() && trimmed(input).size() > 3 &&
                 std::all_of(input.begin(), input.end(), [](unsigned char c) { return std::isalpha(c) != 0; })) {
        elsewhere = input;
      }
    }
    REQUIRE(typed.size() >= 2);
    REQUIRE_FALSE(elsewhere.empty());
    typed.push_back(elsewhere);
    expected.push_back(ui.get("error_area_unknown", {{"value", elsewhere}, {"unknown", unknown}}));
    std::vector<std::string> lines = walk.lines;
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(area), typed.begin(), typed.end());
    Run run = run_cli(args, join_lines(lines));
    CAPTURE(run.out);
    REQUIRE(run.code == 0);
    for (std::size_t i = 0; i < typed.size(); ++i) {
      INFO(typed[i]);
      CHECK(contains(run.out, prefix + expected[i] + "\n"));
      // Not "check the spelling" for a place whose council ui.json names.
      if (i + 1 < typed.size()) {
        CHECK_FALSE(contains(run.out, ui.get("error_area_unknown", {{"value", trimmed(typed[i])}, {"unknown", unknown}})));
      }
    }
    CHECK(contains(run.out, walk.final["contacts"][0]["name"].get<std::string>()));
  }
}

TEST_CASE("frontdoor export, graph, paths, diff and lint --report run the data-team tools") {
  frontdoor::Session session = loaded_session();
  const frontdoor::Model& model = *session.model();
  const std::string data = " --data " + quote(kData);

  SUBCASE("export --format oruk prints the ORUK page") {
    Run run = run_cli("export" + data + " --format oruk");
    REQUIRE(run.code == 0);
    CHECK(json::parse(run.out) == json(frontdoor::export_oruk(model)));
  }
  SUBCASE("graph prints dot or mermaid") {
    Run dot = run_cli("graph" + data + " --format dot");
    REQUIRE(dot.code == 0);
    CHECK(dot.out == frontdoor::flow_graph(model, frontdoor::GraphFormat::dot));
    Run mermaid = run_cli("graph" + data + " --format mermaid");
    REQUIRE(mermaid.code == 0);
    CHECK(mermaid.out == frontdoor::flow_graph(model, frontdoor::GraphFormat::mermaid));
  }
  SUBCASE("paths prints one CSV row per path") {
    Run run = run_cli("paths" + data + " --at " + kAt);
    REQUIRE(run.code == 0);
    const auto table = frontdoor::list_paths(model, *frontdoor::parse_instant(kAt));
    CHECK(run.out == frontdoor::paths_csv(model, table));
    CHECK(lines_of(run.out).size() == table.rows.size() + 1);
  }
  SUBCASE("diff lists the paths whose level or first contact changes, exit 0") {
    TempDir dir;
    copy_data(dir);
    json rules = frontdoor::test::read_json("data/rules.json");
    std::string changed;
    for (auto& rule : rules["rules"]) {
      if (changed.empty() && rule.value("level", "") == "amber") {
        rule["level"] = "green";
        changed = rule["id"];
      }
    }
    REQUIRE_FALSE(changed.empty());
    dir.write("rules.json", rules.dump(2));
    Run run = run_cli("diff " + quote(kData) + " " + quote(dir.path.string()) + " --at " + kAt);
    REQUIRE(run.code == 0);
    const auto lines = lines_of(run.out);
    REQUIRE(lines.size() > 1);
    CHECK(lines[0] == "answers,old_level,old_first_contact,new_level,new_first_contact");
    for (std::size_t i = 1; i < lines.size(); ++i) {
      CHECK(contains(lines[i], ",amber,"));
      CHECK(contains(lines[i], ",green,"));
    }
    CHECK(contains(run.err, std::to_string(lines.size() - 1) + " path"));

    Run same = run_cli("diff " + quote(kData) + " " + quote(kData) + " --at " + kAt);
    CHECK(same.code == 0);
    CHECK(lines_of(same.out).size() == 1);
  }
  SUBCASE("lint --report prints the freshness of each service and of each fact from another page") {
    Run run = run_cli("lint" + data + " --report --at " + kAt);
    REQUIRE(run.code == 0);
    const auto rows = frontdoor::freshness_report(model, frontdoor::to_london(*frontdoor::parse_instant(kAt)).date);
    CHECK(run.out == frontdoor::freshness_csv(rows));
    CHECK(lines_of(run.out).size() == rows.size() + 1);
    // Each fact the contact page does not print, with its value and its own page.
    for (const json& f : frontdoor::test::read_json("tests/cases/freshness.json", "rows")) {
      const std::string row = "\n" + f.at("service").get<std::string>() + "," + f.at("fact").get<std::string>() + "," +
                              f.at("value").get<std::string>() + "," + f.at("source").get<std::string>() + ",";
      CHECK_MESSAGE(contains(run.out, row), row);
    }
    // Two years on, every entry is overdue.
    Run later = run_cli("lint" + data + " --report --at 2029-01-15T12:00:00Z");
    REQUIRE(later.code == 0);
    const auto lines = lines_of(later.out);
    for (std::size_t i = 1; i < lines.size(); ++i) CHECK(lines[i].substr(lines[i].size() - 8) == ",overdue");
  }
}

#endif  // __EMSCRIPTEN__
