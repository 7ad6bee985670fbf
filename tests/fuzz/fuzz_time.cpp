// Any text as an instant, a date and a facts object. Parsing never crashes; an accepted instant
// formats to London time that parses back to the same second and lies in a real London day; the
// same text as `at` and as `facts` of a route gives a response keeping the invariants.
#include <cstddef>
#include <cstdint>
#include <string>

#include "frontdoor/api.hpp"
#include "frontdoor/calendar.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace frontdoor::fuzz;
  frontdoor::Session& session = real_session();
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (auto t = frontdoor::parse_instant(text)) {
    const frontdoor::LondonTime lt = frontdoor::to_london(*t);
    if (!lt.date.ok() || lt.minute_of_day < 0 || lt.minute_of_day >= 1440 || lt.second < 0 || lt.second > 59 ||
        (lt.utc_offset_minutes != 0 && lt.utc_offset_minutes != 60) || lt.weekday < 0 || lt.weekday > 6)
      fail("to_london gave an impossible local time", text);
    const int year = lt.date.year();
    if (year >= 1 && year <= 9999) {
      const std::string formatted = frontdoor::format_london(*t);
      auto again = frontdoor::parse_instant(formatted);
      if (!again || *again != *t) fail("format_london does not parse back to the same instant", text + " -> " + formatted);
    }
  }
  if (auto d = frontdoor::parse_date(text)) {
    if (!d->ok() || frontdoor::format_date(*d) != text) fail("parse_date accepted a date that does not format back", text);
  }
  // The same text as `at` and as the facts object of a route request.
  nlohmann::json at_request = {{"op", "route"}, {"at", text}, {"facts", nlohmann::json::object()}};
  check_response(session.handle(at_request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
  check_response(session.handle(R"({"op":"route","at":"2026-11-27T16:00:00Z","facts":)" + text + "}"));
  return 0;
}
