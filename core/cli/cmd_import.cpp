// `frontdoor import-holidays`: GOV.UK's bank-holidays.json → calendar.json exceptions.
#include <algorithm>
#include <iostream>
#include <stdexcept>
#include <string>

#include "cli.hpp"
#include "frontdoor/calendar.hpp"

namespace frontdoor::cli {
namespace {

const char* kind_name(ExceptionKind kind) {
  switch (kind) {
    case ExceptionKind::add: return "add";
    case ExceptionKind::remove: return "remove";
    case ExceptionKind::closure: return "closure";
  }
  return "add";
}

}  // namespace

int run_import_holidays(const Args& args) {
  const std::string path = args.positionals.at(0);
  const std::string text = read_file(path);
  std::vector<CalendarException> imported;
  try {
    imported = import_govuk_bank_holidays(text);
  } catch (const std::invalid_argument& e) {
    throw InputError(path + ": " + e.what());
  }
  Json calendar = {{"$schema", "schema/calendar.schema.json"}, {"division", "england-and-wales"},
                   {"exceptions", Json::array()}};
  if (auto dir = args.get("data")) {
    // Keep what the folder already has: closures and exceptions outside the imported years.
    calendar = Json::parse(read_file(*dir + "/calendar.json"), nullptr, false);
    if (calendar.is_discarded() || !calendar.contains("exceptions") || !calendar["exceptions"].is_array()) {
      throw InputError(*dir + "/calendar.json: not a calendar file with an exceptions list");
    }
  }
  auto& list = calendar["exceptions"];
  int added = 0;
  for (const auto& e : imported) {
    const std::string date = format_date(e.date);
    const bool present = std::any_of(list.begin(), list.end(), [&](const Json& x) {
      return x.value("date", std::string()) == date && x.value("kind", std::string()) == kind_name(e.kind);
    });
    if (present) continue;
    Json entry = {{"date", date}, {"kind", kind_name(e.kind)}, {"name", e.name}};
    entry["source"] = e.source.empty() ? "https://www.gov.uk/bank-holidays.json" : e.source;
    list.push_back(entry);
    ++added;
  }
  std::sort(list.begin(), list.end(), [](const Json& a, const Json& b) {
    return a.value("date", std::string()) < b.value("date", std::string());
  });
  std::cout << pretty(calendar) << "\n";
  std::cerr << added << " exception(s) added from " << path << "\n";
  return 0;
}

}  // namespace frontdoor::cli
