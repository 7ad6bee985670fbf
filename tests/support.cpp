#include "support.hpp"

#include "frontdoor/calendar.hpp"
#include "frontdoor/errors.hpp"
#include "frontdoor/checks.hpp"

#include <doctest/doctest.h>

#include <cstdio>
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

nlohmann::json read_json(const std::string& relative, const char* member) {
  nlohmann::json table = read_json(relative).at(member);
  REQUIRE_FALSE(table.empty());
  return table;
}

nlohmann::json load_request(const std::string& data_dir) {
  nlohmann::json files = nlohmann::json::object();
  for (const char* name : {"directory.json", "calendar.json", "rules.json", "questions.json", "ui.json"}) {
    files[name] = read_text(data_dir + "/" + name);
  }
  return {{"op", "load"}, {"files", files}};
}

nlohmann::json bundle_request(const std::string& data_dir) {
  return {{"op", "load"}, {"files", stamp_bundle(data_files(data_dir))}};
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
  INFO(problem_lines(r.problems));
  REQUIRE(r.model != nullptr);
  return r.model;
}

std::string problem_lines(const Problems& problems) {
  std::string out;
  for (const Problem& p : problems) out += to_line(p) + "\n";
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

void check_fields(const nlohmann::json& actual, const nlohmann::json& expected) {
  for (auto it = expected.begin(); it != expected.end(); ++it) {
    const std::string member = it.key();
    CAPTURE(member);
    CHECK(actual.value(member, nlohmann::json()) == it.value());
  }
}

Facts facts_of(const nlohmann::json& object) {
  Problems problems;
  Facts f = parse_facts(object, problems);
  REQUIRE(problems.empty());
  return f;
}

// ---- the bad-data corpus (tests/bad-data/cases.json) ----

using json = nlohmann::json;

std::string repeat(const std::string& unit, std::size_t times) {
  std::string s;
  s.reserve(unit.size() * times);
  for (std::size_t i = 0; i < times; ++i) s += unit;
  return s;
}

namespace {

std::vector<std::string> split_pointer(const std::string& path) {
  std::vector<std::string> tokens;
  if (path.empty()) return tokens;
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    tokens.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return tokens;
}

// "@x" tokens become the index of the array element whose "id" is x; "-" in an expected pointer
// (last = true) becomes the index of the last element. Fails the test when a token is not found.
std::string resolve(const nlohmann::json& doc, const std::string& path, bool last_for_dash) {
  std::string out;
  const json* node = &doc;
  for (std::string token : split_pointer(path)) {
    if (node && node->is_array() && !token.empty() && token[0] == '@') {
      const std::string id = token.substr(1);
      std::size_t i = 0;
      for (; i < node->size(); ++i)
        if ((*node)[i].is_object() && (*node)[i].value("id", "") == id) break;
      INFO("path " << path);
      REQUIRE_MESSAGE(i < node->size(), "no element with id \"" << id << "\"");
      token = std::to_string(i);
    } else if (node && node->is_array() && token == "-" && last_for_dash) {
      REQUIRE(!node->empty());
      token = std::to_string(node->size() - 1);
    }
    out += "/" + token;
    if (node && node->is_array() && token != "-") {
      const std::size_t i = std::stoul(token);
      node = i < node->size() ? &(*node)[i] : nullptr;
    } else if (node && node->is_object()) {
      // Pointer tokens escape "~" and "/"; the corpus uses neither.
      auto it = node->find(token);
      node = it == node->end() ? nullptr : &*it;
    } else {
      node = nullptr;
    }
  }
  return out;
}

std::string nested(const nlohmann::json& spec) {
  const auto depth = spec.at("depth").get<std::size_t>();
  return repeat(spec.at("open").get<std::string>(), depth) + spec.at("inner").get<std::string>() +
         repeat(spec.at("close").get<std::string>(), depth);
}

}  // namespace

/** The five real files (as text) with one case's breakage applied. */
nlohmann::json broken_files(const nlohmann::json& c, const nlohmann::json& real) {
  nlohmann::json files = real;
  const std::string file = c.at("file").get<std::string>();
  if (c.contains("remove_file")) files.erase(file);
  if (c.contains("add_file")) files[file] = c["add_file"].get<std::string>();
  if (c.contains("patch") || c.contains("nest")) {
    nlohmann::json doc = json::parse(files[file].get<std::string>());
    for (nlohmann::json op : c.value("patch", json::array())) {
      if (op.contains("value_repeat")) {
        op["value"] = repeat(op["value_repeat"][0].get<std::string>(), op["value_repeat"][1].get<std::size_t>());
        op.erase("value_repeat");
      }
      op["path"] = resolve(doc, op["path"].get<std::string>(), false);
      doc = doc.patch(json::array({op}));
    }
    std::string text;
    if (c.contains("nest")) {
      // Built as text: a value this deep cannot be built (or copied) as a nlohmann::json without recursion.
      const std::string marker = "\"@@frontdoor-nest@@\"";
      doc[json::json_pointer(resolve(doc, c["nest"].at("path").get<std::string>(), false))] = "@@frontdoor-nest@@";
      text = doc.dump(2);
      const auto at = text.find(marker);
      REQUIRE(at != std::string::npos);
      text.replace(at, marker.size(), nested(c["nest"]));
    } else {
      text = doc.dump(2);
    }
    files[file] = text;
  }
  if (c.contains("text")) files[file] = c["text"].get<std::string>();
  if (c.contains("text_nest")) files[file] = nested(c["text_nest"]);
  if (c.contains("truncate_at")) files[file] = files[file].get<std::string>().substr(0, c["truncate_at"].get<std::size_t>());
  if (c.contains("insert_bytes")) {
    std::string text = files[file].get<std::string>();
    std::string bytes;
    for (const auto& b : c["insert_bytes"]) bytes += static_cast<char>(b.get<int>());
    const std::string key = c.value("insert_after", std::string("\"name\": \""));
    const auto at = text.find(key);
    REQUIRE(at != std::string::npos);
    text.insert(at + key.size(), bytes);
    files[file] = text;
  }
  return files;
}

/** One expected problem with its pointer resolved (@id in the unbroken file, "-" in the broken). */
nlohmann::json resolve_expected(nlohmann::json want, const nlohmann::json& real, const nlohmann::json& broken) {
  if (want.contains("pointer")) {
    const std::string file = want.at("file").get<std::string>();
    std::string pointer = want["pointer"].get<std::string>();
    if (pointer.find('@') != std::string::npos && real.contains(file))
      pointer = resolve(json::parse(real[file].get<std::string>()), pointer, false);
    if (pointer.find("/-") != std::string::npos && broken.contains(file))
      pointer = resolve(json::parse(broken[file].get<std::string>()), pointer, true);
    want["pointer"] = pointer;
  }
  return want;
}

/** The case's expected problems: a list of alternatives, any one of which must be reported. */
nlohmann::json expected(const nlohmann::json& c, const nlohmann::json& real, const nlohmann::json& broken, const char* key) {
  const nlohmann::json& e = c.contains(key) ? c.at(key) : c.at("expect");
  nlohmann::json out = json::array();
  for (const auto& want : e.is_array() ? e : json::array({e})) out.push_back(resolve_expected(want, real, broken));
  return out;
}

bool matches_one(const nlohmann::json& problem, const nlohmann::json& want) {
  if (problem.value("id", "") != want.at("id").get<std::string>()) return false;
  if (problem.value("file", "") != want.at("file").get<std::string>()) return false;
  if (want.contains("pointer") && problem.value("pointer", "") != want["pointer"].get<std::string>()) return false;
  if (want.contains("message_includes") &&
      problem.value("message", "").find(want["message_includes"].get<std::string>()) == std::string::npos)
    return false;
  return true;
}

bool matches(const nlohmann::json& problem, const nlohmann::json& alternatives) {
  for (const auto& want : alternatives)
    if (matches_one(problem, want)) return true;
  return false;
}

std::string errors_summary(const nlohmann::json& reply) {
  std::string out;
  for (const auto& e : reply.value("errors", json::array())) {
    std::string line = e.value("line", e.value("id", ""));
    if (line.size() > 300) line = line.substr(0, 300) + "...";
    out += "\n  " + line;
  }
  return out.substr(0, 4000);
}

/** The `load` request as JSON text, with each file's bytes kept as they are (even invalid UTF-8,
 *  which nlohmann's dump would refuse or replace), as the widget's wrapper would send them. */
std::string request_text(const nlohmann::json& files) {
  std::string text = R"({"op":"load","files":{)";
  bool first = true;
  for (auto it = files.begin(); it != files.end(); ++it) {
    text += (first ? "" : ",") + json(it.key()).dump() + ":\"";
    first = false;
    for (unsigned char ch : it.value().get_ref<const std::string&>()) {
      if (ch == '"' || ch == '\\') {
        text += '\\';
        text += static_cast<char>(ch);
      } else if (ch < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", ch);
        text += buf;
      } else {
        text += static_cast<char>(ch);
      }
    }
    text += '"';
  }
  return text + "}}";
}

}  // namespace frontdoor::test
