#include "support.hpp"

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

}  // namespace frontdoor::test
