#pragma once
// Shared pieces of the `frontdoor` command-line tool: argument parsing, reading a data folder,
// and calling the core through Session::handle (the CLI holds no routing or validation logic).
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "frontdoor/api.hpp"
#include "frontdoor/checks.hpp"

namespace frontdoor::cli {

/** Responses keep the order the core wrote their members in. */
using Json = nlohmann::ordered_json;

/** Bad command line: exit 2 with the command's usage on stderr. */
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/** Invalid input or data: exit 1; `what()` is the full message (may span several lines). */
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/** A data file that cannot even be sent to the core (e.g. invalid UTF-8): exit 1. `lint` prints
    it as a problem line on stdout, other commands on stderr. */
struct DataFileError : InputError {
  DataFileError(std::string file_name, std::string message, std::string error_id, const std::string& dir)
      : InputError(dir + "/" + file_name + ": " + message + " [" + error_id + "]"),
        file(std::move(file_name)), problem(std::move(message)), id(std::move(error_id)) {}
  std::string file;    /**< e.g. "ui.json" */
  std::string problem; /**< what is wrong */
  std::string id;      /**< stable error id */
};

/** One option a command accepts. */
struct OptionSpec {
  std::string name;        /**< without dashes, e.g. "data" */
  bool takes_value = true; /**< false: a flag such as --report */
};

/** A command: its name, usage text and accepted options. */
struct CommandSpec {
  std::string name;
  std::string usage;                /**< full help text (first line is the synopsis) */
  std::vector<OptionSpec> options;  /**< besides --help */
  int min_positionals = 0;
  int max_positionals = 0;
};

/** Parsed arguments of one command. */
struct Args {
  std::map<std::string, std::string> values; /**< options with values; flags map to "" */
  std::vector<std::string> positionals;

  bool has(const std::string& name) const { return values.count(name) != 0; }
  std::optional<std::string> get(const std::string& name) const;
  /** The value of a required option; throws UsageError naming it when absent. */
  const std::string& require(const std::string& name) const;
};

/** Parses `argv[first..argc)` for `spec`; throws UsageError. `--help` is reported as the flag "help". */
Args parse_args(const CommandSpec& spec, int argc, char** argv, int first);

/** The whole text of a file; throws InputError "PATH: cannot read file". */
std::string read_file(const std::string& path);

/** Byte offset of the first invalid UTF-8 sequence in `text`, or nullopt when it is valid. */
std::optional<std::size_t> first_invalid_utf8(const std::string& text);

/** `{"directory.json": "<text>", ...}` read from `dir`; throws InputError for a missing folder or
    file, or a file that is not valid UTF-8. */
Json read_data_files(const std::string& dir);

/** The response of `request`, parsed; throws InputError listing the errors when `ok` is false. */
Json call(Session& session, const Json& request, const std::string& data_dir = "");

/** Loads `dir` into `session`; throws InputError naming the files and pointers on failure. */
Json load_data(Session& session, const std::string& dir);

/** One error object of a response as a line: `[DIR/]file: pointer: message [id]`. */
std::string error_line(const Json& error, const std::string& data_dir = "");

/** The facts object of `--facts`: inline JSON, or `@path` to read it from a file. */
Json parse_facts(const std::string& text);

/** Pretty JSON (2 spaces), invalid UTF-8 replaced rather than thrown on. */
std::string pretty(const Json& value);

/**
 * The checks `lint` runs on the loaded model, after the core found no error: the safety proof
 * (check_safety; its violations one line each, and 1 when any), then with `--report` the
 * freshness report.
 */
int run_lint_model_checks(const Args& args);

// Commands: each returns the exit code.
int run_route(const Args& args);
int run_import_holidays(const Args& args);
int run_holidays(const Args& args);
int run_lint(const Args& args);
int run_ask(const Args& args);
int run_bundle(const Args& args);
int run_export(const Args& args);
int run_graph(const Args& args);
int run_paths(const Args& args);
int run_diff(const Args& args);

}  // namespace frontdoor::cli
