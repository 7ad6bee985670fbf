// `frontdoor`: the command-line face of the core. Every answer comes from Session::handle.
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cli.hpp"

namespace frontdoor::cli {
namespace {

const char* const kOverview =
    "usage: frontdoor <command> [options]\n"
    "\n"
    "commands:\n"
    "  route     who to contact now, as JSON\n"
    "  ask       the wizard in a terminal\n"
    "  holidays  England & Wales bank holidays, one ISO date a line\n"
    "  lint      check a data folder (--report: freshness and provenance of each entry)\n"
    "  bundle    the minified data bundle for the web widget\n"
    "  export    the directory as Open Referral UK 3.0 JSON\n"
    "  graph     the question flow and rules as Graphviz dot or Mermaid\n"
    "  paths     every distinct answer path and its outcome, as CSV\n"
    "  diff      the paths whose outcome changes between two data folders\n"
    "  import-holidays  GOV.UK bank-holidays.json as calendar.json exceptions\n"
    "\n"
    "Run `frontdoor <command> --help` for its options.\n"
    "Exit codes: 0 ok, 1 invalid input or data (message on stderr), 2 usage.\n";

struct Command {
  CommandSpec spec;
  int (*run)(const Args&);
};

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {{"route",
        "usage: frontdoor route --data DIR [--at ISO8601] [--facts JSON|@FILE]\n"
        "  Prints the route response (level, ranked contacts, missing facts, explain) as JSON.\n"
        "  --data DIR     folder with directory.json, calendar.json, rules.json, questions.json, ui.json\n"
        "  --at ISO8601   the instant, e.g. 2026-11-27T16:00:00Z or 2026-11-27T16:00 (London time);\n"
        "                 default: now\n"
        "  --facts JSON   the facts object, e.g. '{\"audience\":\"parent\",\"concern\":\"harm\"}',\n"
        "                 or @file.json to read it from a file; default {}\n",
        {{"data"}, {"at"}, {"facts"}}},
       run_route},
      {{"ask",
        "usage: frontdoor ask --data DIR [--at ISO8601] [--facts JSON|@FILE]\n"
        "  Asks the wizard's questions one by one, then prints who to contact.\n"
        "  Answer with an option's number or its value; for a number question type the number.\n"
        "  b goes back one question, q quits (exit 0). Works with piped input; input that ends\n"
        "  before the outcome exits with 1.\n"
        "  --facts pre-fills facts (they are not asked and `b` does not undo them).\n",
        {{"data"}, {"at"}, {"facts"}}},
       run_ask},
      {{"holidays",
        "usage: frontdoor holidays --from YEAR --to YEAR [--data DIR]\n"
        "  England & Wales bank holidays from 1 January YEAR to 31 December YEAR, one ISO date a line,\n"
        "  with the one-off changes in DIR/calendar.json (council closure days are not bank holidays\n"
        "  and are not listed). --data defaults to ./data; without it and without ./data: exit 2.\n",
        {{"from"}, {"to"}, {"data"}}},
       run_holidays},
      {{"lint",
        "usage: frontdoor lint --data DIR [--at ISO8601] [--report]\n"
        "  Checks every data file together. Exit 0 when valid (warnings go to stderr);\n"
        "  otherwise exit 1 and one line per problem on stdout: `file: pointer: message [id]`.\n"
        "  --at ISO8601   the instant the checks assume (e.g. for overdue dates); default: now\n"
        "  --report       also print the freshness report (CSV): each service, then each of its\n"
        "                 phones, email, age limit and hours whose source is not the contact page\n"
        "                 (directory.json contact_page), with the value, the source, the date it was\n"
        "                 last checked and whether that is overdue (over 12 months)\n",
        {{"data"}, {"at"}, {"report", false}}},
       run_lint},
      {{"bundle",
        "usage: frontdoor bundle --data DIR | --stamp FILE [--at ISO8601]\n"
        "  Prints the validated, minified data bundle the web widget loads (frontdoor-data.json),\n"
        "  stamped with the data format and a hash (files.stamp; the browser module loads only that).\n"
        "  --stamp FILE   checks a bundle changed since (e.g. by web/build.mjs) in full and prints it\n"
        "                 stamped again; exit 1 and the problems when it does not pass\n",
        {{"data"}, {"stamp"}, {"at"}}},
       run_bundle},
      {{"export",
        "usage: frontdoor export --data DIR --format oruk\n"
        "  Prints the directory as Open Referral UK 3.0 JSON: a page {\"total_items\", ..., \"contents\": [service, ...]}\n"
        "  like the ORUK /services endpoint. Ids are name-based UUIDs (v5) of the service ids, so\n"
        "  exports are stable. Phones (which the UK profile drops) are kept in `x_frontdoor_phones`.\n",
        {{"data"}, {"format"}}},
       run_export},
      {{"graph",
        "usage: frontdoor graph --data DIR --format dot|mermaid\n"
        "  Prints every question, answer, rule and outcome as a graph, coloured by level.\n",
        {{"data"}, {"format"}}},
       run_graph},
      {{"paths",
        "usage: frontdoor paths --data DIR [--at ISO8601]\n"
        "  CSV of every distinct answer path: answers, level, first contact, reason.\n",
        {{"data"}, {"at"}}},
       run_paths},
      {{"diff",
        "usage: frontdoor diff OLD_DIR NEW_DIR [--at ISO8601]\n"
        "  Lists the answer paths whose outcome (level or first contact) differs between two data\n"
        "  folders, as CSV. Exit 0 whenever both folders load, whether or not anything changed.\n",
        {{"at"}},
        2,
        2},
       run_diff},
      {{"import-holidays",
        "usage: frontdoor import-holidays FILE [--data DIR]\n"
        "  Reads GOV.UK's bank-holidays.json (division england-and-wales) and prints a calendar.json\n"
        "  whose exceptions make the rules match it for the years it covers (add/remove days).\n"
        "  With --data: merged into DIR/calendar.json's exceptions (closures kept). Nothing is written:\n"
        "  review the output, save it as data/calendar.json, then run `frontdoor lint`.\n",
        {{"data"}},
        1,
        1},
       run_import_holidays},
  };
  return table;
}

}  // namespace
}  // namespace frontdoor::cli

int main(int argc, char** argv) {
  using namespace frontdoor::cli;
  std::ios::sync_with_stdio(true);
  if (argc < 2) {
    std::fputs(kOverview, stderr);
    return 2;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    std::fputs(kOverview, stdout);
    return 0;
  }
  const Command* command = nullptr;
  for (const auto& candidate : commands()) {
    if (candidate.spec.name == name) command = &candidate;
  }
  if (!command) {
    std::fprintf(stderr, "frontdoor: unknown command '%s'\n\n%s", name.c_str(), kOverview);
    return 2;
  }
  try {
    Args args = parse_args(command->spec, argc, argv, 2);
    if (args.has("help")) {
      std::fputs(command->spec.usage.c_str(), stdout);
      return 0;
    }
    return command->run(args);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "frontdoor %s: %s\n%s", name.c_str(), e.what(), command->spec.usage.c_str());
    return 2;
  } catch (const InputError& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "frontdoor %s: %s\n", name.c_str(), e.what());
    return 1;
  }
}
