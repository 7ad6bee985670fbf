// `frontdoor lint`: every problem the core finds in a data folder, one line each.
#include <iostream>

#include "cli.hpp"

namespace frontdoor::cli {

int run_lint(const Args& args) {
  const std::string& dir = args.require("data");
  Json files;
  try {
    files = read_data_files(dir);
  } catch (const DataFileError& e) {
    // The same one-line form as the core's problems: `file: message [id]`.
    std::cout << e.file << ": " << e.problem << " [" << e.id << "]\n";
    return 1;
  }
  Json request = {{"op", "lint"}, {"files", files}};
  if (auto at = args.get("at")) request["at"] = *at;
  Session session(workbench());
  const Json response = Json::parse(session.handle(request.dump()));
  // Without `problems` the request itself was refused (e.g. a bad --at): an input error.
  if (!response.contains("problems")) call(session, request, dir);
  std::string errors, warnings;
  for (const auto& problem : response.value("problems", Json::array())) {
    (problem.value("warning", false) ? warnings : errors) += error_line(problem) + "\n";
  }
  std::cerr << warnings;
  std::cout << errors;
  if (!response.value("ok", false) || !errors.empty()) return 1;
  return run_lint_model_checks(args);
}

}  // namespace frontdoor::cli
