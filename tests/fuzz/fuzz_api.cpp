// Any bytes as a request to the one entry point, with the real data loaded (what a page script
// could send through the wasm ABI). Every response keeps the invariants of check_response; a
// refused request (including a refused `load`) changes nothing: the probe answers as before.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace frontdoor::fuzz;
  auto& s = real_session();
  static const std::string before = s.handle(kProbe);
  const std::string request(reinterpret_cast<const char*>(data), size);
  const std::string reply = s.handle(request);
  const auto r = check_response(reply);
  if (!r["ok"].get<bool>()) {
    if (s.handle(kProbe) != before) fail("a refused request changed the answers", request);
  } else if (s.handle(kProbe) != before) {
    // Only a successful `load` may change the answers: then put the real data back.
    load_real(s);
    if (s.handle(kProbe) != before) fail("reloading the real data did not restore the answers", request);
  }
  return 0;
}
