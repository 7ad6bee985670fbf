#include "frontdoor/errors.hpp"

#include <algorithm>

namespace frontdoor {

std::string to_line(const Problem& problem) {
  std::string line;
  if (!problem.file.empty()) line += problem.file + ": ";
  if (!problem.pointer.empty()) line += problem.pointer + ": ";
  if (problem.warning) line += "warning: ";
  line += problem.message;
  line += " [" + problem.id + "]";
  return line;
}

bool has_errors(const Problems& problems) {
  return std::any_of(problems.begin(), problems.end(), [](const Problem& p) { return !p.warning; });
}

}  // namespace frontdoor
