// Every answer path with its outcome, and the paths whose outcome changes between two data sets.
#include <algorithm>
#include <map>

#include "frontdoor/paths.hpp"
#include "frontdoor/rules.hpp"
#include "frontdoor/tools.hpp"

namespace frontdoor {
namespace {

PathRow row_of(const Facts& facts, const Outcome& outcome) {
  PathRow row;
  row.answers = facts.to_json();
  row.level = outcome.level ? outcome.level->id : "";
  if (!outcome.contacts.empty()) {
    row.first_contact = outcome.contacts.front().service ? outcome.contacts.front().service->id : "";
    row.reason = outcome.contacts.front().why;
  }
  return row;
}

Facts facts_of(const nlohmann::json& answers) {
  Facts facts;
  for (auto it = answers.begin(); it != answers.end(); ++it) facts.values[it.key()] = it.value().get<Value>();
  return facts;
}

/** Level and first contact of `answers` in `model`; the contact says what is still asked. */
std::pair<std::string, std::string> outcome_in(const Model& model, const nlohmann::json& answers, UtcSeconds at) {
  const Outcome outcome = evaluate(model, facts_of(answers), at);
  const std::string level = outcome.level ? outcome.level->id : "";
  if (!outcome.missing.empty()) return {level, "(asks " + outcome.missing.front() + ")"};
  if (outcome.contacts.empty() || !outcome.contacts.front().service) return {level, ""};
  return {level, outcome.contacts.front().service->id};
}

}  // namespace

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string answers_text(const Model& model, const nlohmann::json& answers) {
  std::vector<std::string> facts;
  for (auto it = answers.begin(); it != answers.end(); ++it) facts.push_back(it.key());
  std::stable_sort(facts.begin(), facts.end(), [&](const std::string& a, const std::string& b) {
    return model.question_index(a) < model.question_index(b);
  });
  std::string out;
  for (const auto& fact : facts) {
    const auto& value = answers[fact];
    out += (out.empty() ? "" : "; ") + fact + "=" + (value.is_string() ? value.get<std::string>() : value.dump());
  }
  return out;
}

PathTable list_paths(const Model& model, UtcSeconds at) {
  PathTable table;
  PathReport report = enumerate_paths(model, at, [&](const Facts& facts, const Outcome& outcome) {
    table.rows.push_back(row_of(facts, outcome));
  });
  table.problems = std::move(report.problems);
  return table;
}

std::string paths_csv(const Model& model, const PathTable& table) {
  std::string out = "answers,level,first_contact,reason\n";
  for (const auto& row : table.rows) {
    out += csv_field(answers_text(model, row.answers)) + "," + csv_field(row.level) + "," +
           csv_field(row.first_contact) + "," + csv_field(row.reason) + "\n";
  }
  return out;
}

std::vector<PathChange> diff_paths(const Model& old_model, const Model& new_model, UtcSeconds at) {
  // Every path of either version, keyed by its answers so a path common to both is compared once.
  std::map<std::string, nlohmann::json> paths;
  for (const Model* model : {&old_model, &new_model}) {
    enumerate_paths(*model, at, [&](const Facts& facts, const Outcome&) {
      nlohmann::json answers = facts.to_json();
      paths.emplace(answers.dump(), std::move(answers));
    });
  }
  std::vector<PathChange> changes;
  for (const auto& entry : paths) {
    const auto before = outcome_in(old_model, entry.second, at);
    const auto after = outcome_in(new_model, entry.second, at);
    if (before == after) continue;
    changes.push_back({entry.second, before.first, before.second, after.first, after.second});
  }
  std::stable_sort(changes.begin(), changes.end(), [&](const PathChange& a, const PathChange& b) {
    return answers_text(new_model, a.answers) < answers_text(new_model, b.answers);
  });
  return changes;
}

std::string diff_csv(const Model& model, const std::vector<PathChange>& changes) {
  std::string out = "answers,old_level,old_first_contact,new_level,new_first_contact\n";
  for (const auto& c : changes) {
    out += csv_field(answers_text(model, c.answers)) + "," + csv_field(c.old_level) + "," + csv_field(c.old_contact) +
           "," + csv_field(c.new_level) + "," + csv_field(c.new_contact) + "\n";
  }
  return out;
}

}  // namespace frontdoor
