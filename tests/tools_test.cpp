// The data-team tools (frontdoor/tools.hpp): ORUK export, graph, paths, diff, freshness.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "frontdoor/api.hpp"
#include "frontdoor/calendar.hpp"
#include "frontdoor/model.hpp"
#include "frontdoor/rules.hpp"
#include "frontdoor/schedule.hpp"
#include "frontdoor/tools.hpp"
#include "support.hpp"

using nlohmann::json;

namespace {

/** A session holding data/ (optionally with one file replaced by `replace`). */
struct Loaded {
  frontdoor::Session session{frontdoor::workbench()};
  const frontdoor::Model& model() const { return *session.model(); }
};

std::unique_ptr<Loaded> load(const std::map<std::string, json>& replace = {}) {
  auto loaded = std::make_unique<Loaded>();
  json request = frontdoor::test::load_request("data");
  for (const auto& [name, document] : replace) request["files"][name] = document.dump();
  const json response = json::parse(loaded->session.handle(request.dump()));
  REQUIRE_MESSAGE(response.value("ok", false), response.dump());
  REQUIRE(loaded->session.model() != nullptr);
  return loaded;
}

const frontdoor::UtcSeconds kAt = *frontdoor::parse_instant("2026-11-27T14:00:00Z");

int minutes(const std::string& hhmmss) {
  return std::stoi(hhmmss.substr(0, 2)) * 60 + std::stoi(hhmmss.substr(3, 2));
}

}  // namespace

TEST_CASE("uuid_v5 gives RFC 4122 name-based UUIDs") {
  // Reference values from Python's uuid.uuid5.
  CHECK(frontdoor::uuid_v5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org") == "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  CHECK(frontdoor::uuid_v5(frontdoor::kUuidNamespaceUrl, "urn:frontdoor:wiltshire-council:service:mash") ==
        "5d60b78f-3b05-54b0-8cb5-5b9a24cb7f20");
  CHECK(frontdoor::uuid_v5(frontdoor::kUuidNamespaceUrl, "") == "1b4db7eb-4057-5ddf-91e0-36dec72071f5");
  // 100 bytes of name: the SHA-1 padding spills into a third block.
  CHECK(frontdoor::uuid_v5(frontdoor::kUuidNamespaceUrl, std::string(100, 'x')) == "c4956a8f-abe3-5d39-8dfa-4bf25e22e84b");
  CHECK_THROWS_AS(frontdoor::uuid_v5("not-a-uuid", "x"), std::invalid_argument);
}

TEST_CASE("export_oruk maps every service of the directory") {
  auto loaded = load();
  const frontdoor::Model& model = loaded->model();
  const json directory = frontdoor::test::read_json("data/directory.json");
  const json page = frontdoor::export_oruk(model);
  const json& contents = page["contents"];

  SUBCASE("one service per directory entry, a one-page list") {
    REQUIRE(contents.size() == directory["services"].size());
    CHECK(page["total_items"] == contents.size());
    CHECK(page["total_pages"] == 1);
    CHECK(page["first_page"] == true);
    CHECK(page["last_page"] == true);
  }
  SUBCASE("ids are stable name-based UUIDs of the service ids") {
    std::set<std::string> ids;
    const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    for (std::size_t i = 0; i < contents.size(); ++i) {
      const std::string id = contents[i]["id"];
      CHECK(std::regex_match(id, uuid));
      CHECK(id == frontdoor::oruk_id(model, "service", directory["services"][i]["id"].get<std::string>()));
      CHECK(ids.insert(id).second);
    }
    CHECK(json(frontdoor::export_oruk(model)) == page);
  }
  SUBCASE("every phone is kept, in order, with its label and option") {
    for (std::size_t i = 0; i < contents.size(); ++i) {
      const json& phones = directory["services"][i]["phones"];
      const json& exported = contents[i]["x_frontdoor_phones"];
      REQUIRE(exported.size() == phones.size());
      CHECK(contents[i]["contacts"].size() == phones.size());
      for (std::size_t p = 0; p < phones.size(); ++p) {
        CHECK(exported[p]["number"] == phones[p]["number"]);
        CHECK(exported[p]["description"] == phones[p]["label"]);
        CHECK(exported[p]["x_frontdoor_option"] == phones[p].value("option", json()));
      }
    }
    const json& superseded = page["x_frontdoor_superseded_numbers"];
    CHECK(superseded.size() == directory.value("superseded_numbers", json::array()).size());
  }
  SUBCASE("weekly schedules give back the directory's hours exactly") {
    const std::map<std::string, int> day_index = {{"MO", 0}, {"TU", 1}, {"WE", 2}, {"TH", 3}, {"FR", 4}, {"SA", 5}, {"SU", 6}};
    for (std::size_t i = 0; i < model.services.size(); ++i) {
      const frontdoor::Service& service = model.services[i];
      CAPTURE(service.id);
      const json& schedules = contents[i]["schedules"];
      if (service.schedule.kind == frontdoor::Schedule::Kind::unknown) {
        CHECK(schedules.empty());
        continue;
      }
      std::array<std::vector<std::pair<int, int>>, 7> rebuilt;
      for (const auto& schedule : schedules) {
        CHECK(schedule["freq"] == "WEEKLY");
        std::stringstream days(schedule["byday"].get<std::string>());
        for (std::string day; std::getline(days, day, ',');) {
          REQUIRE(day_index.count(day) == 1);
          int close = minutes(schedule["closes_at"]);
          if (schedule["closes_at"] == "23:59:59") close = 1440;
          rebuilt[day_index.at(day)].push_back({minutes(schedule["opens_at"]), close});
        }
      }
      for (int day = 0; day < 7; ++day) {
        std::vector<std::pair<int, int>> expected;
        if (service.schedule.kind == frontdoor::Schedule::Kind::always) expected = {{0, 1440}};
        for (const auto& interval : service.schedule.weekly[day]) expected.push_back({interval.open, interval.close});
        std::sort(rebuilt[day].begin(), rebuilt[day].end());
        std::sort(expected.begin(), expected.end());
        CHECK(rebuilt[day] == expected);
      }
      if (service.schedule.kind == frontdoor::Schedule::Kind::weekly) {
        CHECK(contents[i]["x_frontdoor_holiday_hours"].size() == service.schedule.holidays.size());
      }
    }
  }
  SUBCASE("ages, dates, areas and status") {
    for (std::size_t i = 0; i < model.services.size(); ++i) {
      const frontdoor::Service& service = model.services[i];
      const json& out = contents[i];
      CAPTURE(service.id);
      CHECK(out["status"] == "active");
      CHECK(out["assured_date"] == frontdoor::format_date(service.checked));
      const json age = directory["services"][i].value("age", json());
      if (age.is_object()) {
        CHECK(out.value("minimum_age", json()) == age.value("min", json()));
        CHECK(out.value("maximum_age", json()) == age.value("max", json()));
      } else {
        CHECK_FALSE(out.contains("minimum_age"));
      }
      const std::size_t areas = service.localities ? service.localities->size() : model.localities.size();
      CHECK(out["service_areas"].size() == areas);
      CHECK(out["organization"]["name"] == service.organisation);
    }
  }
}

TEST_CASE("flow_graph draws every question, rule and level") {
  auto loaded = load();
  const frontdoor::Model& model = loaded->model();
  const std::string dot = frontdoor::flow_graph(model, frontdoor::GraphFormat::dot);
  const std::string mermaid = frontdoor::flow_graph(model, frontdoor::GraphFormat::mermaid);
  CHECK(dot.rfind("digraph frontdoor {", 0) == 0);
  CHECK(dot.substr(dot.size() - 2) == "}\n");
  CHECK(mermaid.rfind("flowchart LR\n", 0) == 0);
  auto node = [](const std::string& kind, const std::string& id) {
    std::string out = kind + "_";
    for (char c : id) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return out;
  };
  for (const auto& question : model.questions) {
    CHECK(dot.find("  " + node("q", question.id) + " [") != std::string::npos);
    CHECK(dot.find(question.text.resolve("default")) != std::string::npos);
    CHECK(mermaid.find("  " + node("q", question.id) + "[") != std::string::npos);
  }
  for (const auto& rule : model.rules) {
    CAPTURE(rule.id);
    CHECK(dot.find("  " + node("rule", rule.id) + " [") != std::string::npos);
    if (!rule.level.empty()) {
      CHECK(dot.find("level: " + rule.level + " (") != std::string::npos);
      CHECK(mermaid.find("  class " + node("rule", rule.id) + " level_" + rule.level + "\n") != std::string::npos);
    }
  }
  for (const auto& level : model.levels) CHECK(mermaid.find("classDef level_" + level.id + " ") != std::string::npos);
  // Every edge joins two declared nodes.
  for (const auto& line : frontdoor::test::lines_of(dot)) {
    auto arrow = line.find(" -> ");
    if (arrow == std::string::npos) continue;
    const std::string from = line.substr(2, arrow - 2);
    std::string to = line.substr(arrow + 4);
    to = to.substr(0, to.find_first_of(" ;"));
    CHECK(dot.find("  " + from + " [") != std::string::npos);
    CHECK(dot.find("  " + to + " [") != std::string::npos);
  }
}

TEST_CASE("list_paths gives every answer path with the outcome the route op gives") {
  auto loaded = load();
  const frontdoor::Model& model = loaded->model();
  const frontdoor::PathTable table = frontdoor::list_paths(model, kAt);
  CHECK(table.problems.empty());
  REQUIRE(table.rows.size() > 10);
  const std::string csv = frontdoor::paths_csv(model, table);
  const auto lines = frontdoor::test::lines_of(csv);
  CHECK(lines.size() == table.rows.size() + 1);
  CHECK(lines[0] == "answers,level,first_contact,reason");
  // A sample of rows, checked through the JSON entry point.
  const std::size_t step = std::max<std::size_t>(1, table.rows.size() / 40);
  for (std::size_t i = 0; i < table.rows.size(); i += step) {
    const frontdoor::PathRow& row = table.rows[i];
    CAPTURE(row.answers.dump());
    const json response = json::parse(loaded->session.handle(
        json{{"op", "route"}, {"at", "2026-11-27T14:00:00Z"}, {"facts", row.answers}}.dump()));
    REQUIRE(response.value("ok", false));
    CHECK(response["missing"].empty());
    CHECK(response["level"] == (row.level.empty() ? json() : json(row.level)));
    REQUIRE_FALSE(response["contacts"].empty());
    CHECK(response["contacts"][0]["service"] == row.first_contact);
    CHECK(response["contacts"][0]["why"] == row.reason);
  }
  SUBCASE("answers are written in question order") {
    const json answers = {{"concern", "harm"}, {"audience", "parent"}};
    const std::string text = frontdoor::answers_text(model, answers);
    const bool audience_first = model.question_index("audience") < model.question_index("concern");
    CHECK(text == (audience_first ? "audience=parent; concern=harm" : "concern=harm; audience=parent"));
  }
  SUBCASE("csv fields are quoted when needed") {
    CHECK(frontdoor::csv_field("plain") == "plain");
    CHECK(frontdoor::csv_field("a, b") == "\"a, b\"");
    CHECK(frontdoor::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  }
}

TEST_CASE("diff_paths lists the paths whose outcome changes") {
  auto before = load();
  SUBCASE("the same data: no change") {
    auto same = load();
    CHECK(frontdoor::diff_paths(before->model(), same->model(), kAt).empty());
  }
  SUBCASE("a rule with a new level changes exactly the paths it decides") {
    json rules = frontdoor::test::read_json("data/rules.json");
    std::size_t target = rules["rules"].size();
    for (std::size_t i = 0; i < rules["rules"].size(); ++i) {
      if (rules["rules"][i].value("level", "") == "amber" && target == rules["rules"].size()) target = i;
    }
    REQUIRE(target < rules["rules"].size());
    const std::string rule_id = rules["rules"][target]["id"];
    rules["rules"][target]["level"] = "blue";
    auto after = load({{"rules.json", rules}});
    const auto changes = frontdoor::diff_paths(before->model(), after->model(), kAt);
    REQUIRE_FALSE(changes.empty());
    for (const auto& change : changes) {
      CAPTURE(change.answers.dump());
      CHECK(change.old_level == "amber");
      CHECK(change.new_level == "blue");
      CHECK(change.old_contact == change.new_contact);
      const auto fired = frontdoor::evaluate(before->model(), frontdoor::test::facts_of(change.answers), kAt).fired;
      CHECK(std::find(fired.begin(), fired.end(), rule_id) != fired.end());
    }
    const auto csv = frontdoor::test::lines_of(frontdoor::diff_csv(after->model(), changes));
    CHECK(csv.size() == changes.size() + 1);
    CHECK(csv[0] == "answers,old_level,old_first_contact,new_level,new_first_contact");
  }
}

TEST_CASE("freshness_report flags entries checked over 12 months ago") {
  auto loaded = load();
  const frontdoor::Model& model = loaded->model();
  REQUIRE_FALSE(model.services.empty());
  const frontdoor::Date checked = model.services.front().checked;
  const frontdoor::Date year_later = frontdoor::make_date(checked.year() + 1, static_cast<int>(checked.month()),
                                                          static_cast<int>(checked.day()));
  SUBCASE("on the day itself, a year later, and the day after") {
    auto on_day = frontdoor::freshness_report(model, checked);
    CHECK_FALSE(on_day.front().overdue);
    CHECK(on_day.front().days == 0);
    if (year_later.ok()) {
      CHECK_FALSE(frontdoor::freshness_report(model, year_later).front().overdue);
      CHECK(frontdoor::freshness_report(model, frontdoor::add_days(year_later, 1)).front().overdue);
    }
    CHECK(frontdoor::freshness_report(model, frontdoor::add_days(checked, -1)).front().days == -1);
  }
  SUBCASE("every service, with its source, in the CSV") {
    const auto rows = frontdoor::freshness_report(model, frontdoor::add_days(checked, 400));
    std::vector<frontdoor::FreshnessRow> services;
    for (const auto& row : rows)
      if (row.fact == "service") services.push_back(row);
    REQUIRE(services.size() == model.services.size());
    const auto csv = frontdoor::test::lines_of(frontdoor::freshness_csv(rows));
    CHECK(csv.size() == rows.size() + 1);
    CHECK(csv[0] == "service,fact,value,source,checked,days_since,status");
    for (std::size_t i = 0; i < services.size(); ++i) {
      CHECK(services[i].service == model.services[i].id);
      CHECK(services[i].value == model.services[i].name);
      CHECK(services[i].source == model.services[i].source);
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
      CHECK(csv[i + 1].rfind(frontdoor::csv_field(rows[i].service) + "," + rows[i].fact + ",", 0) == 0);
      CHECK(csv[i + 1].find(rows[i].overdue ? ",overdue" : ",ok") != std::string::npos);
    }
  }
}

namespace {

/** The report's row for `fact` of `service`, or nullptr. */
const frontdoor::FreshnessRow* fact_row(const std::vector<frontdoor::FreshnessRow>& rows, const std::string& service,
                                        const std::string& fact) {
  for (const auto& row : rows)
    if (row.service == service && row.fact == fact) return &row;
  return nullptr;
}

/** True when the row is there with this value and source. */
bool listed(const std::vector<frontdoor::FreshnessRow>& rows, const std::string& service, const std::string& fact,
            const std::string& value, const std::string& source) {
  const auto* row = fact_row(rows, service, fact);
  return row && row->value == value && row->source == source && !row->checked.empty();
}

}  // namespace

TEST_CASE("freshness_report lists every fact whose source is not the contact page") {
  auto loaded = load();
  const frontdoor::Model& model = loaded->model();
  const auto rows = frontdoor::freshness_report(model, model.checked);
  const std::string contact = "https://www.wiltshire.gov.uk/article/1433/Contact-children-s-services";
  REQUIRE(model.contact_page == contact);

  SUBCASE("the facts the contact page does not print, each with its own page") {
    for (const json& f : frontdoor::test::read_json("tests/cases/freshness.json", "rows")) {
      CAPTURE(f.dump());
      CHECK(listed(rows, f.at("service").get<std::string>(), f.at("fact").get<std::string>(), f.at("value").get<std::string>(),
                   f.at("source").get<std::string>()));
    }
  }
  SUBCASE("the facts on the contact page are not listed") {
    CHECK(fact_row(rows, "out-of-hours", "phones/0") == nullptr);
    CHECK(fact_row(rows, "mash", "phones/0") == nullptr);
    CHECK(fact_row(rows, "mash", "hours") == nullptr);
    CHECK(fact_row(rows, "sexual-health", "age") == nullptr);
    for (const auto& row : rows)
      if (row.fact != "service") CHECK_MESSAGE(row.source != contact, row.service << " " << row.fact);
  }
  SUBCASE("each fact row carries the date it was last checked against its page") {
    const auto* row = fact_row(rows, "out-of-hours", "phones/1");
    REQUIRE(row != nullptr);
    CHECK(row->checked == frontdoor::format_date(model.service("out-of-hours")->checked));
  }
  SUBCASE("the contact page is the data's, not the code's") {
    json directory = frontdoor::test::read_json("data/directory.json");
    directory["contact_page"] = "https://www.wiltshire.gov.uk/children-young-people-out-of-hours-safeguarding";
    directory["services"][1]["phones"][1]["checked"] = "2026-11-20";
    REQUIRE(directory["services"][1]["id"] == "out-of-hours");
    auto other = load({{"directory.json", directory}});
    const auto moved = frontdoor::freshness_report(other->model(), other->model().checked);
    CHECK(fact_row(moved, "out-of-hours", "phones/1") == nullptr);
    CHECK(listed(moved, "mash", "phones/0", "0300 456 0108", contact));
    CHECK(fact_row(moved, "mash", "hours") != nullptr);
    // A fact's own checked date is its row's.
    directory["contact_page"] = contact;
    auto dated = load({{"directory.json", directory}});
    const auto dated_rows = frontdoor::freshness_report(dated->model(), dated->model().checked);
    const auto* row = fact_row(dated_rows, "out-of-hours", "phones/1");
    REQUIRE(row != nullptr);
    CHECK(row->checked == "2026-11-20");
  }
}
