#pragma once
// Helpers shared by the test files: reading the repository's files and loading data/.
#include <string>
#include <nlohmann/json.hpp>

namespace frontdoor::test {

/** Absolute path of a file in the repository, from a path relative to its root. */
std::string repo_path(const std::string& relative);

/** The whole text of a repository file; fails the test if it cannot be read. */
std::string read_text(const std::string& relative);

/** A repository JSON file, parsed. */
nlohmann::json read_json(const std::string& relative);

/** A `load` request for the files of a data directory (relative to the repository root). */
nlohmann::json load_request(const std::string& data_dir = "data");

}  // namespace frontdoor::test
