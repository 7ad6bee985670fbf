#pragma once
// Helpers shared by the test files: reading the repository's files and loading data/.
#include <functional>
#include <memory>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "frontdoor/errors.hpp"
#include "frontdoor/facts.hpp"
#include "frontdoor/model.hpp"

namespace frontdoor::test {

/** Absolute path of a file in the repository, from a path relative to its root. */
std::string repo_path(const std::string& relative);

/** The whole text of a repository file; fails the test if it cannot be read. */
std::string read_text(const std::string& relative);

/** A repository JSON file, parsed. */
nlohmann::json read_json(const std::string& relative);

/** One member of a repository JSON file (a table's "rows"), by value: safe to loop over, unlike read_json(f).at(m).
 *  Fails the test if it is empty. */
nlohmann::json read_json(const std::string& relative, const char* member);

/** A `load` request for the files of a data directory (relative to the repository root). */
nlohmann::json load_request(const std::string& data_dir = "data");

/** A `load` request for the browser module's session: the data files parsed and stamped (stamp.hpp). */
nlohmann::json bundle_request(const std::string& data_dir = "data");

/** The data files of a folder (relative to the repository root), parsed: `{"directory.json": {...}, ...}`. */
nlohmann::json data_files(const std::string& data_dir);

/**
 * The model of a data folder (default: the small test fixture), after an optional `change` to
 * its parsed files; fails the test, listing the problems, if it does not load.
 */
std::shared_ptr<const Model> load_model_of(const std::string& data_dir = "tests/fixtures/data-min",
                                           const std::function<void(nlohmann::json&)>& change = nullptr);

/** The problems as lines (to_line), one a line, for a failing check's message. */
std::string problem_lines(const Problems& problems);

/** The lines of a text, without their newlines. */
std::vector<std::string> lines_of(const std::string& text);

/** Checks each member of `expected` (an object) against the same member of `actual` (null when absent), one check each. */
void check_fields(const nlohmann::json& actual, const nlohmann::json& expected);

/** Facts from a JSON object; fails the test if they are not valid. */
Facts facts_of(const nlohmann::json& object);

// The bad-data corpus (tests/bad-data/cases.json; its "$comment" describes a case).

/** `unit` repeated `times` times. */
std::string repeat(const std::string& unit, std::size_t times);

/** The five real files (as text) with one case's breakage applied. */
nlohmann::json broken_files(const nlohmann::json& c, const nlohmann::json& real);

/** One expected problem with its pointer resolved (@id in the unbroken file, "-" in the broken). */
nlohmann::json resolve_expected(nlohmann::json want, const nlohmann::json& real, const nlohmann::json& broken);

/** The case's expected problems (`key`, else "expect"): alternatives, any one of which must be reported. */
nlohmann::json expected(const nlohmann::json& c, const nlohmann::json& real, const nlohmann::json& broken,
                        const char* key = "expect");

/** True when `problem` (a response's error) is `want` (id, file, and pointer and message fragment when given). */
bool matches_one(const nlohmann::json& problem, const nlohmann::json& want);

/** True when `problem` matches one of `alternatives`. */
bool matches(const nlohmann::json& problem, const nlohmann::json& alternatives);

/** The `errors` lines of a response, one per line, cut to 4000 characters. */
std::string errors_summary(const nlohmann::json& reply);

/** The `load` request as JSON text, with each file's bytes kept as they are (even invalid UTF-8,
 *  which nlohmann's dump would refuse or replace), as the widget's wrapper would send them. */
std::string request_text(const nlohmann::json& files);

}  // namespace frontdoor::test
