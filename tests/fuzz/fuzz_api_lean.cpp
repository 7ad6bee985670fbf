// Differential: any bytes as a request to both the full core and the web build's lean core
// (lean_twin::Session, FRONTDOOR_LEAN), both with the real data loaded. They must answer alike:
// byte for byte, except where the lean core differs on purpose (docs/api.md): the wording of a
// JSON syntax error after its line and column, the request.op message and the ops it does not
// answer, and the path walk and data-team warnings of a load. Seeds: tests/fuzz/corpus/api.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "frontdoor/api.hpp"
#include "fuzz_common.hpp"
#include "lean_compare.hpp"
#include "lean_twin.hpp"

namespace {

using nlohmann::json;

struct Both {
  frontdoor::Session full;
  lean_twin::Session lean;
  Both() { reload(); }
  void reload() {
    frontdoor::fuzz::load_real(full);
    frontdoor::fuzz::load_real(lean);
  }
};

Both& both() {
  static Both b;
  return b;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace frontdoor::fuzz;
  Both& b = both();
  const std::string request(reinterpret_cast<const char*>(data), size);
  const std::string full_reply = b.full.handle(request);
  const std::string lean_reply = b.lean.handle(request);
  const json full = check_response(full_reply);
  const json lean = check_response(lean_reply);
  const json first_id = full["ok"] == false ? full["errors"][0]["id"] : json();
  if (first_id == "request.syntax" || first_id == "request.too_deep" || first_id == "request.too_large") {
    if (lean_twin::error_lines(lean, false) != lean_twin::error_lines(full, false))
      fail("the cores refuse differently", request + "\n--- full:\n" + full_reply + "\n--- lean:\n" + lean_reply);
    return 0;
  }
  auto op = json::parse(request, nullptr, false);
  const std::string op_name = op.is_object() && op.contains("op") && op["op"].is_string() ? op["op"].get<std::string>() : "";
  if (op_name == "load" || op_name == "lint") {
    if (op_name == "lint") {
      if (lean_twin::error_lines(lean, false).empty() || lean["errors"][0]["id"] != "request.op") fail("lean must refuse lint", request);
    } else if (lean_twin::error_lines(lean, false) != lean_twin::error_lines(full, true)) {
      fail("the cores report different problems for a load", request + "\n--- full:\n" + full_reply + "\n--- lean:\n" + lean_reply);
    }
    // A load only the path walk refuses loads in the lean core: start again from the real data.
    if (full["ok"] != lean["ok"] || full["ok"] == true) b.reload();
    return 0;
  }
  if (op_name == "holidays" || op_name == "ui" || op_name == "directory" || op_name == "bundle") {
    if (lean["ok"] != false || lean["errors"][0]["id"] != "request.op") fail("lean must refuse the CLI's ops", request);
    return 0;
  }
  if (first_id == "request.op") {
    if (lean_twin::error_lines(lean, false) != lean_twin::error_lines(full, false))
      fail("the cores refuse differently", request + "\n--- full:\n" + full_reply + "\n--- lean:\n" + lean_reply);
  } else if (lean_reply != full_reply) {
    // Without "at" each core reads the clock: the two calls may fall in different seconds.
    const bool clock = !(op.is_object() && op.contains("at") && op["at"].is_string());
    if (!clock || b.lean.handle(request) != b.full.handle(request))
      fail("the cores answer differently", request + "\n--- full:\n" + full_reply + "\n--- lean:\n" + lean_reply);
  }
  return 0;
}
