#pragma once
// Helpers shared by the test files: reading the repository's files and loading data/.
#include <functional>
#include <memory>
#include <string>
#include <nlohmann/json.hpp>

#include "frontdoor/facts.hpp"
#include "frontdoor/model.hpp"

namespace frontdoor::test {

/** Absolute path of a file in the repository, from a path relative to its root. */
std::string repo_path(const std::string& relative);

/** The whole text of a repository file; fails the test if it cannot be read. */
std::string read_text(const std::string& relative);

/** A repository JSON file, parsed. */
nlohmann::json read_json(const std::string& relative);

/** A `load` request for the files of a data directory (relative to the repository root). */
nlohmann::json load_request(const std::string& data_dir = "data");

/** The data files of a folder (relative to the repository root), parsed: `{"directory.json": {...}, ...}`. */
nlohmann::json data_files(const std::string& data_dir);

/**
 * The model of a data folder (default: the small test fixture), after an optional `change` to
 * its parsed files; fails the test, listing the problems, if it does not load.
 */
std::shared_ptr<const Model> load_model_of(const std::string& data_dir = "tests/fixtures/data-min",
                                           const std::function<void(nlohmann::json&)>& change = nullptr);

/** Facts from a JSON object; fails the test if they are not valid. */
Facts facts_of(const nlohmann::json& object);

}  // namespace frontdoor::test
