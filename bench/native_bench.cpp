// Native benchmarks for docs/benchmarks.md (run by `make bench` through bench/run.mjs).
//
//   frontdoor_bench [--data DIR] [google benchmark flags]   the benchmarks below
//   frontdoor_bench [--data DIR] --dump-requests FILE       the route requests they use, as JSON
//                                                           (bench/browser.mjs times the same ones in wasm)
//   frontdoor_bench --peak-rss RUNS -- COMMAND ARGS...      runs COMMAND RUNS times and prints each
//                                                           run's peak RSS (getrusage of the child)
#include <benchmark/benchmark.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <frontdoor/api.hpp>
#include <frontdoor/calendar.hpp>
#include <frontdoor/checks.hpp>
#include <frontdoor/loader.hpp>
#include <frontdoor/paths.hpp>
#include <frontdoor/rules.hpp>

using nlohmann::json;

namespace {

std::string g_data_dir = std::string(FRONTDOOR_REPO) + "/data";

// The instant the data is loaded at, and the week the exhaustive walk covers (Monday 16 to
// Sunday 22 November 2026: no bank holiday, so every weekday rule is exercised).
constexpr const char* kLoadedAt = "2026-11-26T12:00:00Z";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/** file name → file text, for every data file. */
json data_files() {
  json files = json::object();
  for (const auto& name : frontdoor::data_file_names()) files[name] = read_file(g_data_dir + "/" + name);
  return files;
}

/** The data files as the browser's session takes them: parsed, and stamped as `frontdoor bundle` does. */
json bundle_files() {
  json files = json::object();
  for (const auto& name : frontdoor::data_file_names()) files[name] = json::parse(read_file(g_data_dir + "/" + name));
  return frontdoor::stamp_bundle(files);
}

frontdoor::Session& loaded_session() {
  static frontdoor::Session session = [] {
    frontdoor::Session s;
    const json response = json::parse(s.handle(json{{"op", "load"}, {"files", bundle_files()}}.dump()));
    if (!response.value("ok", false)) throw std::runtime_error("the data does not load: " + response.dump());
    return s;
  }();
  return session;
}

/**
 * The requests the wizard sends: deterministic answer paths from no facts to an outcome, at
 * instants inside and outside office hours, every step of each path. The browser benchmark
 * replays exactly these (through --dump-requests), so the wasm/native ratio compares like with like.
 */
std::vector<std::string> route_requests() {
  static const std::vector<std::string> requests = [] {
    const char* instants[] = {"2026-11-24T10:30:00Z", "2026-11-27T16:59:00Z", "2026-11-28T03:00:00Z",
                              "2026-12-25T12:00:00Z"};
    std::vector<std::string> out;
    frontdoor::Session& session = loaded_session();
    constexpr int kPaths = 12;
    for (int path = 0; path < kPaths; ++path) {
      json facts = json::object();
      for (int step = 0; step < 30; ++step) {
        const json request = {{"op", "route"}, {"at", instants[path % 4]}, {"facts", facts}};
        out.push_back(request.dump());
        const json response = json::parse(session.handle(out.back()));
        if (!response.value("ok", false)) throw std::runtime_error("route failed: " + response.dump());
        const json& q = response["next_question"];
        if (q.is_null()) break;
        std::vector<json> values;
        if (q.value("type", "") == "number" && q.contains("min") && q.contains("max")) {
          for (int n = q["min"].get<int>(); n <= q["max"].get<int>(); ++n) values.emplace_back(n);
        }
        if (q.contains("options")) {
          for (const auto& option : q["options"]) {
            if (q.value("type", "") != "number" || option["value"].is_null()) values.push_back(option["value"]);
          }
        }
        if (values.empty()) throw std::runtime_error("question offers no answer: " + q.dump());
        facts[q["fact"].get<std::string>()] = values[static_cast<std::size_t>(path * 31 + step * 7) % values.size()];
      }
    }
    return out;
  }();
  return requests;
}

// One iteration = every request of route_requests() once (time per call = time / calls_per_iteration).
void BM_route(benchmark::State& state) {
  frontdoor::Session& session = loaded_session();
  const auto& requests = route_requests();
  std::size_t bytes = 0;
  for (auto _ : state) {
    for (const auto& request : requests) {
      std::string response = session.handle(request);
      bytes += response.size();
      benchmark::DoNotOptimize(response.data());
    }
  }
  state.counters["calls_per_iteration"] = static_cast<double>(requests.size());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * requests.size()));
  benchmark::DoNotOptimize(bytes);
}
BENCHMARK(BM_route)->Unit(benchmark::kMicrosecond)->MinTime(0.3)->UseRealTime();

// Every answer path × every quarter hour of a week: the exhaustive check of
// tests/exhaustive_test.cpp (each outcome final and with a contact), walk included.
void BM_exhaustive_week(benchmark::State& state) {
  const frontdoor::UtcSeconds loaded_at = *frontdoor::parse_instant(kLoadedAt);
  const frontdoor::LoadResult loaded = frontdoor::load_model(data_files(), loaded_at);
  if (!loaded.model) {
    state.SkipWithError("the data does not load");
    return;
  }
  const frontdoor::Model& model = *loaded.model;
  std::size_t paths = 0, checked = 0, failures = 0;
  for (auto _ : state) {
    std::vector<frontdoor::Facts> walked;
    frontdoor::PathReport report = frontdoor::enumerate_paths(
        model, loaded_at, [&](const frontdoor::Facts& facts, const frontdoor::Outcome&) { walked.push_back(facts); });
    paths = walked.size();
    std::vector<frontdoor::RuleMatch> matches;  // as the exhaustive test: each path matched once
    for (const auto& facts : walked) matches.push_back(frontdoor::match_rules(model, facts));
    checked = 0;
    failures = report.problems.size();
    for (int day = 16; day <= 22; ++day) {
      const frontdoor::Date date = frontdoor::make_date(2026, 11, day);
      for (int minute = 0; minute < 1440; minute += 15) {
        const frontdoor::UtcSeconds t = frontdoor::from_london(date, minute);
        const frontdoor::OpenStates states = frontdoor::open_states(model, t);
        for (std::size_t i = 0; i < walked.size(); ++i) {
          const frontdoor::Outcome o = frontdoor::evaluate(model, walked[i], matches[i], t, &states);
          ++checked;
          if (!o.missing.empty() || o.contacts.empty()) ++failures;
        }
      }
    }
  }
  if (failures != 0) state.SkipWithError("some path ends without a final outcome with a contact");
  state.counters["paths"] = static_cast<double>(paths);
  state.counters["slots"] = 7 * 96;
  state.counters["path_slots"] = static_cast<double>(checked);
  state.counters["path_slots_per_s"] = benchmark::Counter(static_cast<double>(checked), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_exhaustive_week)->Unit(benchmark::kMillisecond)->Iterations(1);

// Loading the data (what every page visit does once: a stamped bundle, read as the browser reads
// it), for context.
void BM_load(benchmark::State& state) {
  const std::string request = json{{"op", "load"}, {"files", bundle_files()}}.dump();
  for (auto _ : state) {
    frontdoor::Session session;
    std::string response = session.handle(request);
    benchmark::DoNotOptimize(response.data());
  }
}
BENCHMARK(BM_load)->Unit(benchmark::kMillisecond)->MinTime(0.3)->UseRealTime();

// The parts of a load: parsing the bundle text, and the walk of every answer path that the
// data team's checks run (data.paths.*; the browser's load no longer does), for scale.
void BM_load_parse_only(benchmark::State& state) {
  const std::string text = json{{"op", "load"}, {"files", data_files()}}.dump();
  for (auto _ : state) {
    json parsed = json::parse(text);
    benchmark::DoNotOptimize(parsed.size());
  }
}
BENCHMARK(BM_load_parse_only)->Unit(benchmark::kMillisecond)->MinTime(0.3)->UseRealTime();

void BM_enumerate_paths(benchmark::State& state) {
  const frontdoor::UtcSeconds at = *frontdoor::parse_instant(kLoadedAt);
  const frontdoor::LoadResult loaded = frontdoor::load_model(data_files(), at);
  if (!loaded.model) {
    state.SkipWithError("the data does not load");
    return;
  }
  std::size_t paths = 0;
  for (auto _ : state) {
    paths = frontdoor::enumerate_paths(*loaded.model, at, [](const frontdoor::Facts&, const frontdoor::Outcome&) {}).paths;
  }
  state.counters["paths"] = static_cast<double>(paths);
}
BENCHMARK(BM_enumerate_paths)->Unit(benchmark::kMillisecond)->MinTime(0.3)->UseRealTime();

int peak_rss(int runs, char** command) {
  json kb = json::array();
  for (int i = 0; i < runs; ++i) {
    const pid_t child = fork();
    if (child < 0) return 1;
    if (child == 0) {
      // The child's output is not what is measured: discard it.
      std::FILE* null = std::fopen("/dev/null", "w");
      if (null) dup2(fileno(null), STDOUT_FILENO);
      execvp(command[0], command);
      _exit(127);
    }
    int status = 0;
    rusage usage{};
    if (wait4(child, &status, 0, &usage) < 0) return 1;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::fprintf(stderr, "frontdoor_bench: %s exited with status %d\n", command[0], status);
      return 1;
    }
    kb.push_back(usage.ru_maxrss);  // kilobytes on Linux
  }
  std::cout << json{{"peak_rss_kb", kb}}.dump() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (const char* dir = std::getenv("FRONTDOOR_DATA")) g_data_dir = dir;
    std::vector<char*> rest{argv[0]};
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      if (arg == "--data" && i + 1 < argc) {
        g_data_dir = argv[++i];
      } else if (arg == "--peak-rss" && i + 3 < argc && std::strcmp(argv[i + 2], "--") == 0) {
        return peak_rss(std::atoi(argv[i + 1]), argv + i + 3);
      } else if (arg == "--dump-requests" && i + 1 < argc) {
        std::ofstream out(argv[++i]);
        out << json(route_requests()).dump() << "\n";
        return out ? 0 : 1;
      } else {
        rest.push_back(argv[i]);
      }
    }
    int count = static_cast<int>(rest.size());
    benchmark::Initialize(&count, rest.data());
    if (benchmark::ReportUnrecognizedArguments(count, rest.data())) return 2;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "frontdoor_bench: %s\n", e.what());
    return 1;
  }
}
