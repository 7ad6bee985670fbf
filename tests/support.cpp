#include "support.hpp"

#include "frontdoor/calendar.hpp"
#include "frontdoor/errors.hpp"
#include "frontdoor/loader.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace frontdoor::test {

std::string repo_path(const std::string& relative) {
  return std::string(FRONTDOOR_SOURCE_DIR) + "/" + relative;
}

std::string read_text(const std::string& relative) {
  std::ifstream in(repo_path(relative), std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + relative);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

nlohmann::json read_json(const std::string& relative) {
  return nlohmann::json::parse(read_text(relative));
}

nlohmann::json load_request(const std::string& data_dir) {
  nlohmann::json files = nlohmann::json::object();
  for (const char* name : {"directory.json", "calendar.json", "rules.json", "questions.json", "ui.json"}) {
    files[name] = read_text(data_dir + "/" + name);
  }
  return {{"op", "load"}, {"files", files}};
}

nlohmann::json data_files(const std::string& data_dir) {
  nlohmann::json files = nlohmann::json::object();
  for (const auto& name : data_file_names()) files[name] = read_json(data_dir + "/" + name);
  return files;
}

std::shared_ptr<const Model> load_model_of(const std::string& data_dir,
                                           const std::function<void(nlohmann::json&)>& change) {
  nlohmann::json files = data_files(data_dir);
  if (change) change(files);
  LoadResult r = load_model(files, *parse_instant("2026-11-26T12:00:00Z"));
  std::string lines;
  for (const auto& p : r.problems) lines += to_line(p) + "\n";
  INFO(lines);
  REQUIRE(r.model != nullptr);
  return r.model;
}

Facts facts_of(const nlohmann::json& object) {
  Problems problems;
  Facts f = parse_facts(object, problems);
  REQUIRE(problems.empty());
  return f;
}

}  // namespace frontdoor::test
