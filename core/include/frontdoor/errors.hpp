#pragma once
/**
 * @file
 * Problems found in data files, facts, requests and CLI arguments. Each has a stable id
 * (like nlohmann/json's error ids) so tests and people can rely on it.
 *
 * Id families: `json.*` (syntax), `data.*` (data files), `facts.*` (the facts object),
 * `request.*` (API requests), `time.*` (instants), `usage.*` (CLI arguments).
 */
#include <string>
#include <vector>

namespace frontdoor {

/** One problem, located as precisely as we can. */
struct Problem {
  std::string id;      /**< stable id, e.g. "data.phone.not_uk" */
  std::string file;    /**< e.g. "directory.json"; empty when not about a file */
  std::string pointer; /**< RFC 6901 JSON pointer, e.g. "/services/3/phones/0/number"; may be empty */
  std::string message; /**< plain English, says what is wrong and what was found */
  bool warning = false; /**< true: reported, but the data still loads (e.g. an old `checked` date) */
};

/** `file: pointer: message [id]` — the one-line form used by `frontdoor lint` and stderr. */
std::string to_line(const Problem& problem);

/** A list of problems. */
using Problems = std::vector<Problem>;

/** True when any problem in `problems` is an error (not a warning). */
bool has_errors(const Problems& problems);

}  // namespace frontdoor
