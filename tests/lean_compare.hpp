#pragma once
// How the answers of the web build's lean core (lean_twin::Session) are compared with the full
// core's, shared by tests/lean_core_test.cpp and tests/fuzz/fuzz_api_lean.cpp. The comparison
// leaves out only what the lean core does differently on purpose (docs/api.md): the path walk and
// the data team's warnings of a load, the wording of a JSON syntax error after its line and
// column, and the request.op message (the web build names the two ops it answers).
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace lean_twin {

/**
 * A problem the lean core leaves out on purpose: the question-path walk, the wording checks
 * (`data.text.*`) and the warnings.
 */
inline bool left_out_by_lean(const nlohmann::json& problem) {
  if (problem.value("id", "").rfind("data.text.", 0) == 0) return true;
  static const std::set<std::string> ids{"data.rules.unreachable", "data.paths.dead_end", "data.paths.no_contact",
                                         "data.questions.cycle", "data.questions.unused", "data.checked.stale",
                                         "data.checked.future"};
  return problem.value("warning", false) || ids.count(problem.value("id", ""));
}

/** "line L, column C" of a syntax message (the rest of the wording may differ between the cores). */
inline std::string syntax_place(const std::string& message) {
  const auto at = message.find("line ");
  if (at == std::string::npos) return "";
  const auto end = message.find(':', at);
  return message.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

/**
 * The errors of a reply, each as id | file | pointer | message, comparable between the cores:
 * syntax messages reduced to their place, request.op without its message; with
 * `drop_left_out`, without the problems the lean core leaves out.
 */
inline std::vector<std::string> error_lines(const nlohmann::json& reply, bool drop_left_out) {
  std::vector<std::string> out;
  for (const auto& e : reply.value("errors", nlohmann::json::array())) {
    if (drop_left_out && left_out_by_lean(e)) continue;
    const std::string id = e.value("id", "");
    std::string message = e.value("message", "");
    if (id == "json.syntax" || id == "request.syntax") message = syntax_place(message);
    if (id == "request.op") message.clear();
    out.push_back(id + " | " + e.value("file", "") + " | " + e.value("pointer", "") + " | " + message);
  }
  return out;
}

}  // namespace lean_twin
