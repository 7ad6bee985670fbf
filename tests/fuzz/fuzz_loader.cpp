// Any bytes as data files. The input is split on NUL bytes into the five files in the order of
// kDataFiles (missing parts: the file is left out); when the input's last byte is odd, the parts
// that parse as JSON are sent as parsed objects (the web bundle's form) instead of text.
// Loading must never crash or hang; a refused load names its errors and keeps the data loaded
// before it (the probe answers as before); an accepted load answers a route. The same files,
// stamped, go to the browser module's session too: its reader (reader.hpp) checks nothing, so a
// shape it does not expect must be refused as bundle.malformed, never crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "frontdoor/api.hpp"
#include "frontdoor/stamp.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace frontdoor::fuzz;
  frontdoor::Session& session = real_session();
  static const std::string before = session.handle(kProbe);

  const std::string input(reinterpret_cast<const char*>(data), size);
  const bool as_objects = size > 0 && (data[size - 1] & 1);
  nlohmann::json files = nlohmann::json::object();
  std::size_t start = 0;
  for (const char* name : kDataFiles) {
    if (start > input.size()) break;
    std::size_t end = input.find('\0', start);
    if (end == std::string::npos) end = input.size();
    const std::string part = input.substr(start, end - start);
    nlohmann::json parsed = as_objects ? nlohmann::json::parse(part, nullptr, false) : nlohmann::json();
    if (as_objects && !parsed.is_discarded())
      files[name] = std::move(parsed);
    else
      files[name] = part;
    start = end + 1;
  }
  // Invalid UTF-8 in the parts is sent as it is, as a page could.
  const std::string request =
      nlohmann::json{{"op", "load"}, {"at", "2026-11-26T12:00:00Z"}, {"files", files}}.dump(-1, ' ', false,
                                                                                             nlohmann::json::error_handler_t::ignore);
  frontdoor::Session plain;
  const std::string stamped =
      nlohmann::json{{"op", "load"}, {"at", "2026-11-26T12:00:00Z"}, {"files", frontdoor::stamp_bundle(files)}}.dump(
          -1, ' ', false, nlohmann::json::error_handler_t::ignore);
  if (check_response(plain.handle(stamped))["ok"].get<bool>()) check_response(plain.handle(kProbe));
  const auto reply = check_response(session.handle(request));
  if (!reply["ok"].get<bool>()) {
    if (session.handle(kProbe) != before) fail("a refused load changed the answers", request);
  } else {
    // Accepted data must answer (any answer keeping the invariants), then the real data goes back.
    check_response(session.handle(kProbe));
    check_response(session.handle(R"({"op":"route","at":"2026-11-28T03:00:00Z","facts":{}})"));
    check_response(session.handle(R"({"op":"directory","at":"2026-11-28T03:00:00Z"})"));
    load_real(session);
    if (session.handle(kProbe) != before) fail("reloading the real data did not restore the answers", request);
  }
  return 0;
}
