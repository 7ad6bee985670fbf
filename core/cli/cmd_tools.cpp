// Data-team tools: export, graph, paths, diff. The work is done by frontdoor/tools.hpp on the
// model the core loaded; this file only picks the options and prints.
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "frontdoor/calendar.hpp"
#include "frontdoor/tools.hpp"

namespace frontdoor::cli {
namespace {

/** A session with `dir` loaded, and its model. */
struct Loaded {
  Session session{workbench()};
  const Model& model() const { return *session.model(); }
};

std::unique_ptr<Loaded> load(const std::string& dir) {
  auto loaded = std::make_unique<Loaded>();
  load_data(loaded->session, dir);
  if (!loaded->session.model()) throw InputError(dir + ": the core loaded no data");
  return loaded;
}

/** The instant of --at (London time when it has no zone), or now. */
UtcSeconds instant_of(const Args& args) {
  auto at = args.get("at");
  if (!at) return now_utc();
  auto instant = parse_instant(*at);
  if (!instant) throw InputError("--at: \"" + *at + "\" is not an ISO 8601 instant (e.g. 2026-11-27T16:00:00Z) [time.invalid]");
  return *instant;
}

void print_problems(const Problems& problems) {
  for (const auto& problem : problems) std::cerr << to_line(problem) << "\n";
}

}  // namespace

int run_export(const Args& args) {
  const std::string& dir = args.require("data");
  const std::string& format = args.require("format");
  if (format != "oruk") throw UsageError("unknown --format '" + format + "' (expected oruk)");
  auto loaded = load(dir);
  std::cout << pretty(Json(export_oruk(loaded->model()))) << "\n";
  return 0;
}

int run_graph(const Args& args) {
  const std::string& dir = args.require("data");
  const std::string& format = args.require("format");
  if (format != "dot" && format != "mermaid") throw UsageError("unknown --format '" + format + "' (expected dot or mermaid)");
  auto loaded = load(dir);
  std::cout << flow_graph(loaded->model(), format == "dot" ? GraphFormat::dot : GraphFormat::mermaid);
  return 0;
}

int run_paths(const Args& args) {
  const std::string& dir = args.require("data");
  const UtcSeconds at = instant_of(args);
  auto loaded = load(dir);
  const PathTable table = list_paths(loaded->model(), at);
  print_problems(table.problems);
  std::cout << paths_csv(loaded->model(), table);
  return has_errors(table.problems) ? 1 : 0;
}

int run_diff(const Args& args) {
  const UtcSeconds at = instant_of(args);
  auto before = load(args.positionals.at(0));
  auto after = load(args.positionals.at(1));
  const auto changes = diff_paths(before->model(), after->model(), at);
  std::cout << diff_csv(after->model(), changes);
  std::cerr << "frontdoor diff: " << changes.size() << " path" << (changes.size() == 1 ? "" : "s")
            << " change outcome (level or first contact)\n";
  return 0;
}

int run_lint_model_checks(const Args& args) {
  auto loaded = load(args.require("data"));
  const Model& model = loaded->model();
  const Date today = to_london(instant_of(args)).date;
  // Every quarter hour of this week, and of every bank holiday, closure and clock-change day of
  // this year and the next: the engine's guarantee needs a safeguarding line answered at each.
  const Problems broken =
      safety_problems(check_safety(model, safety_instants(model, add_days(today, -weekday_of(today)), today.year(), today.year() + 1)));
  for (const auto& p : broken) std::cout << to_line(p) << "\n";
  if (!broken.empty()) return 1;
  if (args.has("report")) std::cout << freshness_csv(freshness_report(model, today));
  return 0;
}

}  // namespace frontdoor::cli
