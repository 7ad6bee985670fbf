#include "frontdoor/api.hpp"

#include <new>

#include "frontdoor/facts.hpp"
#include "frontdoor/model.hpp"
#include "frontdoor/rules.hpp"
#include "frontdoor/reader.hpp"
#include "frontdoor/wire.hpp"
#include "json_parse.hpp"
#include <fmt/format.h>

namespace frontdoor {

using json = Json;

namespace {

// The largest request handled (docs/api.md); bigger ones are refused before parsing.
constexpr std::size_t kMaxRequestBytes = std::size_t{16} * 1024 * 1024;

}  // namespace

Session::Session() = default;
Session::Session(std::shared_ptr<const SessionOps> ops) : ops_(std::move(ops)) {}
Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

const Model* Session::model() const { return model_.get(); }

namespace {

Json do_load(const Json& request, std::shared_ptr<const Model>& model, const SessionOps* ops) {
  FilesRequest r = files_request(request);
  if (!r.files) return r.refusal;
  // The browser module's session (no ops) reads only bundles `frontdoor bundle` checked and
  // stamped; the CLI's checks the files itself.
  LoadResult result = ops ? ops->load(*r.files, r.at) : read_bundle(*r.files);
  if (result.model) model = result.model;
  return load_answer(result);
}

Json do_route(const Json& request, const Model& model) {
  Problems problems;
  auto at = request_at(request, problems);
  Facts facts;
  auto f = request.find("facts");
  if (f != request.end() && !f->is_null()) facts = parse_facts(*f, problems);
  if (has_errors(problems)) return failure(problems);
  Outcome outcome = evaluate(model, facts, *at);
  Json out = outcome_json(model, outcome, facts, *at);
  out["ok"] = true;
  return out;
}

Json dispatch(const Json& request, std::shared_ptr<const Model>& model, const SessionOps* ops) {
  if (!request.is_object()) return failure("request.syntax", "", "the request must be a JSON object with \"op\"");
  const std::string names = ops ? "load, route, " + ops->names() : "load, route";
  auto op_it = request.find("op");
  if (op_it == request.end() || !op_it->is_string())
    return failure("request.op", "op", "the request needs \"op\": " + names);
  const std::string& op = op_it->get_ref<const std::string&>();
  if (op == "load") return do_load(request, model, ops);
  if (op == "route") {
    if (!model) return failure("request.no_data", "", "no data is loaded: send a \"load\" request first");
    return do_route(request, *model);
  }
  if (ops) {
    Json out = ops->answer(op, request, model);
    if (!out.is_null()) return out;
  }
  return failure("request.op", "op", "unknown op \"" + op + "\"; ops: " + names);
}

}  // namespace

std::string Session::handle(std::string_view request_json) {
  try {
    // Checked before parsing: nlohmann builds, and later frees, a deep document recursively
    // and with allocations, which can overflow the stack or terminate when memory runs out.
    if (request_json.size() > kMaxRequestBytes)
      return failure("request.too_large", "",
                     "the request is " + fmt::to_string(request_json.size()) + " bytes; the limit is " +
                         fmt::to_string(kMaxRequestBytes) + " bytes (16 MiB)")
          .dump();
    if (detail::json_nesting_exceeds(request_json))
      return failure("request.too_deep", "",
                     "the request nests arrays and objects more than " + fmt::to_string(detail::kMaxJsonDepth) +
                         " levels deep")
          .dump();
    json request;
    try {
      request = detail::parse_json(request_json);
    } catch (const json::parse_error& e) {
      return failure("request.syntax", "", std::string("the request is not valid JSON: ") + e.what())
          .dump(-1, ' ', false, json::error_handler_t::replace);
    }
    std::shared_ptr<const Model> model = model_;
    json response = dispatch(request, model, ops_.get());
    model_ = model;
    // Replace invalid UTF-8 from the request (echoed in messages) instead of throwing.
    return response.dump(-1, ' ', false, json::error_handler_t::replace);
  } catch (const std::bad_alloc&) {
    return R"({"ok":false,"errors":[{"id":"request.memory","where":"","message":"out of memory"}]})";
  } catch (const std::exception& e) {
    try {
      return failure("request.internal", "", std::string("internal error: ") + e.what())
          .dump(-1, ' ', false, json::error_handler_t::replace);
    } catch (...) {
      return R"({"ok":false,"errors":[{"id":"request.internal","where":"","message":"internal error"}]})";
    }
  } catch (...) {
    return R"({"ok":false,"errors":[{"id":"request.internal","where":"","message":"internal error"}]})";
  }
}

}  // namespace frontdoor
