// route, holidays and bundle: one request each, printed as the core answered it.
#include <filesystem>
#include <iostream>

#include "cli.hpp"

namespace frontdoor::cli {
namespace {

int parse_year(const std::string& option, const std::string& text) {
  bool digits = !text.empty() && text.size() <= 4;
  for (char c : text) digits = digits && c >= '0' && c <= '9';
  if (!digits) throw UsageError("bad year for --" + option + ": '" + text + "' (expected e.g. 2026)");
  return std::stoi(text);
}

}  // namespace

int run_route(const Args& args) {
  const std::string& dir = args.require("data");
  Json request = {{"op", "route"}};
  if (auto at = args.get("at")) request["at"] = *at;
  request["facts"] = args.has("facts") ? parse_facts(*args.get("facts")) : Json::object();
  Session session(workbench());
  load_data(session, dir);
  std::cout << pretty(call(session, request)) << "\n";
  return 0;
}

int run_holidays(const Args& args) {
  const int from = parse_year("from", args.require("from"));
  const int to = parse_year("to", args.require("to"));
  if (from > to) throw UsageError("bad years: --from " + std::to_string(from) + " is after --to " + std::to_string(to));
  Session session(workbench());
  const std::string dir = args.get("data").value_or("data");
  std::error_code ec;
  // Without the data the one-off holidays (2022 Jubilee, 2023 Coronation) would be silently missing.
  if (!args.has("data") && !std::filesystem::is_directory(dir, ec))
    throw UsageError("no ./data folder here, and without data/calendar.json the list would lack the one-off bank "
                     "holidays (e.g. the 2022 Jubilee and 2023 Coronation): give --data DIR");
  load_data(session, dir);
  const Json request = {{"op", "holidays"}, {"from", from}, {"to", to}};
  const Json refused = Json::parse(session.handle(request.dump()));
  if (!refused.value("ok", false)) {
    // A year the core does not cover is a bad year: a usage error (its range stays in the core).
    std::string message;
    bool about_years = true;
    for (const auto& error : refused.value("errors", Json::array())) {
      about_years = about_years && error.value("id", std::string()).rfind("request.", 0) == 0;
      message += (message.empty() ? "" : "; ") + error.value("message", std::string());
    }
    if (about_years && !message.empty()) throw UsageError("bad year: " + message);
  }
  const Json response = call(session, request);
  std::string out;
  for (const auto& holiday : response.at("holidays")) out += holiday.at("date").get<std::string>() + "\n";
  std::cout << out;
  return 0;
}

int run_bundle(const Args& args) {
  if (auto file = args.get("stamp")) {
    // A bundle changed after `frontdoor bundle` (web/build.mjs drops what the browser never reads):
    // checked again in full and stamped, its other members kept.
    Json bundle = Json::parse(read_file(*file), nullptr, false);
    if (bundle.is_discarded() || !bundle.is_object() || !bundle.contains("files"))
      throw InputError(*file + ": not a JSON bundle with \"files\"");
    Session session(workbench());
    Json request = {{"op", "stamp"}, {"files", bundle.at("files")}};
    if (auto at = args.get("at")) request["at"] = *at;
    const Json response = call(session, request, *file);
    bundle["files"] = response.at("files");
    std::cout << bundle.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
    return 0;
  }
  const std::string& dir = args.require("data");
  Session session(workbench());
  load_data(session, dir);
  const Json response = call(session, {{"op", "bundle"}}, dir);
  std::cout << response.at("bundle").dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
  return 0;
}

}  // namespace frontdoor::cli
