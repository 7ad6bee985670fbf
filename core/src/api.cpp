#include "frontdoor/api.hpp"

#include <new>

#include "frontdoor/facts.hpp"
#include "frontdoor/loader.hpp"
#include "frontdoor/model.hpp"
#include "frontdoor/rules.hpp"
#include "json_parse.hpp"
#include "decimal.hpp"

namespace frontdoor {

using json = Json;

namespace {

// The largest request handled (docs/api.md); bigger ones are refused before parsing.
constexpr std::size_t kMaxRequestBytes = std::size_t{16} * 1024 * 1024;

#if defined(FRONTDOOR_LEAN) && defined(__GNUC__)
#define FRONTDOOR_NOINLINE __attribute__((noinline))
#else
#define FRONTDOOR_NOINLINE
#endif

// One out-of-line call per member: smaller in the web build than initializer lists (rules.cpp).
FRONTDOOR_NOINLINE void put(json& o, const char* key, const std::string& value) { o[key] = value; }
FRONTDOOR_NOINLINE void put(json& o, const char* key, json&& value) { o[key] = std::move(value); }

json problem_json(const Problem& p) {
  std::string where = p.file.empty() ? (p.pointer.size() && p.pointer[0] == '/' ? p.pointer.substr(1) : p.pointer)
                                     : p.file + p.pointer;
  json out = json::object();
  put(out, "id", p.id);
  put(out, "where", where);
  put(out, "file", p.file);
  put(out, "pointer", p.pointer);
  put(out, "message", p.message);
  put(out, "warning", json(p.warning));
  put(out, "line", to_line(p));
  return out;
}

json problems_json(const Problems& problems, bool warnings) {
  json out = json::array();
  for (const auto& p : problems)
    if (p.warning == warnings) out.push_back(problem_json(p));
  return out;
}

json failure(const Problems& problems) {
  json out = json::object();
  put(out, "ok", json(false));
  put(out, "errors", problems_json(problems, false));
  put(out, "warnings", problems_json(problems, true));
  return out;
}

json failure(const std::string& id, const std::string& where, const std::string& message) {
  return failure(Problems{{id, "", where, message, false}});
}

/** Reads `at` from a request: the instant, or a problem. */
std::optional<UtcSeconds> request_at(const json& request, Problems& problems) {
  auto it = request.find("at");
  if (it == request.end() || it->is_null()) return now_utc();
  if (!it->is_string()) {
    problems.push_back({"time.invalid", "", "/at", "at must be an ISO 8601 instant string", false});
    return std::nullopt;
  }
  auto t = parse_instant(it->get<std::string>());
  if (!t)
    problems.push_back({"time.invalid", "", "/at",
                        "\"" + it->get<std::string>() + "\" is not an ISO 8601 instant (e.g. 2026-11-27T16:00:00Z)", false});
  return t;
}

#ifndef FRONTDOOR_LEAN
std::optional<std::string> request_audience(const json& request, Problems& problems) {
  auto it = request.find("audience");
  if (it == request.end() || it->is_null()) return std::string("default");
  if (it->is_string()) {
    for (const auto& a : audiences())
      if (a == it->get<std::string>()) return a;
    if (it->get<std::string>() == "default") return std::string("default");
  }
  problems.push_back({"request.field", "", "/audience",
                      "audience must be one of parent, young_person, professional, public, not " + describe_value(*it), false});
  return std::nullopt;
}

#endif

}  // namespace

Session::Session() = default;
Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

const Model* Session::model() const { return model_.get(); }

namespace {

json do_load(const json& request, std::shared_ptr<const Model>& model, bool replace) {
  Problems problems;
  auto at = request_at(request, problems);
  if (!at) return failure(problems);
  auto files = request.find("files");
  if (files == request.end() || !files->is_object())
    return failure("request.field", "files", "the request needs \"files\": an object of file name → text or JSON");
  LoadResult result = load_model(*files, *at);
  json out;
  if (!result.model) {
    out = failure(result.problems);
  } else {
    out = json::object();
    put(out, "ok", json(true));
    put(out, "checked", format_date(result.model->checked));
    put(out, "warnings", problems_json(result.problems, true));
    if (replace) model = result.model;
  }
  if (!replace) {
    json all = json::array();
    for (const auto& p : result.problems) all.push_back(problem_json(p));
    out["problems"] = all;
  }
  return out;
}

json do_route(const json& request, const Model& model) {
  Problems problems;
  auto at = request_at(request, problems);
  Facts facts;
  auto f = request.find("facts");
  if (f != request.end() && !f->is_null()) facts = parse_facts(*f, problems);
  if (has_errors(problems)) return failure(problems);
  Outcome outcome = evaluate(model, facts, *at);
  json out = outcome_json(model, outcome, facts, *at);
  out["ok"] = true;
  return out;
}

#ifndef FRONTDOOR_LEAN  // ops of the CLI only
json do_holidays(const json& request, const Model* model) {
  auto year = [&](const char* key, Problems& problems) -> std::optional<int> {
    auto it = request.find(key);
    if (it == request.end() || !it->is_number_integer()) {
      problems.push_back({"request.field", "", std::string("/") + key, std::string(key) + " must be a year (a whole number)", false});
      return std::nullopt;
    }
    long long y = it->get<long long>();
    if (y < 1900 || y > 2200) {
      problems.push_back({"request.range", "", std::string("/") + key, std::string(key) + " must be a year from 1900 to 2200", false});
      return std::nullopt;
    }
    return static_cast<int>(y);
  };
  Problems problems;
  auto from = year("from", problems);
  auto to = request.contains("to") ? year("to", problems) : from;
  if (has_errors(problems)) return failure(problems);
  if (*from > *to) return failure("request.range", "to", "to must not be before from");
  Calendar fallback;
  const Calendar& calendar = model ? model->calendar : fallback;
  json list = json::array();
  for (const auto& h : calendar.bank_holidays(*from, *to)) list.push_back({{"date", format_date(h.date)}, {"name", h.name}});
  return {{"ok", true}, {"holidays", list}};
}

json do_ui(const json& request, const Model& model) {
  Problems problems;
  auto audience = request_audience(request, problems);
  if (!audience) return failure(problems);
  json strings = json::object();
  for (const auto& kv : model.ui) strings[kv.first] = kv.second.resolve(*audience);
  return {{"ok", true}, {"audience", *audience}, {"strings", strings}};
}

json do_directory(const json& request, const Model& model) {
  Problems problems;
  auto at = request_at(request, problems);
  auto audience = request_audience(request, problems);
  if (has_errors(problems)) return failure(problems);
  json services = json::array();
  for (const auto& s : model.services) {
    json c = contact_json(s, open_state(s.schedule, model.calendar, *at), "", *audience);
    c.erase("why");
    c["audiences"] = s.audiences;
    c["localities"] = s.localities ? json(*s.localities) : json(nullptr);
    c["age"] = s.age ? json{{"min", s.age->min}, {"max", s.age->max}} : json(nullptr);
    c["source"] = s.source;
    c["checked"] = format_date(s.checked);
    services.push_back(c);
  }
  json localities = json::array();
  for (const auto& l : model.localities) localities.push_back({{"id", l.id}, {"name", l.name}, {"towns", l.towns}});
  return {{"ok", true},
          {"at", format_london(*at)},
          {"services", services},
          {"localities", localities},
          {"checked", format_date(model.checked)}};
}

json do_bundle(const Model& model) {
  json files = json::object();
  for (const auto& kv : model.documents) files[kv.first] = kv.second;
  return {{"ok", true}, {"bundle", {{"files", files}}}};
}

#endif

json dispatch(const json& request, std::shared_ptr<const Model>& model) {
  if (!request.is_object()) return failure("request.syntax", "", "the request must be a JSON object with \"op\"");
  auto op_it = request.find("op");
#ifdef FRONTDOOR_LEAN
  // The web build answers only what the wizard element sends (load, route); lint and bundle are
  // the data team's and the other ops the CLI's, natively.
  if (op_it == request.end() || !op_it->is_string())
    return failure("request.op", "op", "the request needs \"op\": load or route");
  const std::string op = op_it->get<std::string>();
  if (op == "load") return do_load(request, model, true);
  if (op != "route")
    return failure("request.op", "op", "unknown op \"" + op + "\"; the web build answers load and route");
  if (!model) return failure("request.no_data", "", "no data is loaded: send a \"load\" request first");
  return do_route(request, *model);
#else
  if (op_it == request.end() || !op_it->is_string())
    return failure("request.op", "op", "the request needs \"op\": load, lint, route, holidays, ui, directory or bundle");
  const std::string op = op_it->get<std::string>();
  if (op == "load") return do_load(request, model, true);
  if (op == "lint") return do_load(request, model, false);
  if (op == "holidays") return do_holidays(request, model.get());
  if (op != "route" && op != "ui" && op != "directory" && op != "bundle")
    return failure("request.op", "op", "unknown op \"" + op + "\"; ops: load, lint, route, holidays, ui, directory, bundle");
  if (!model) return failure("request.no_data", "", "no data is loaded: send a \"load\" request first");
  if (op == "route") return do_route(request, *model);
  if (op == "ui") return do_ui(request, *model);
  if (op == "directory") return do_directory(request, *model);
  return do_bundle(*model);
#endif
}

}  // namespace

std::string Session::handle(std::string_view request_json) {
  try {
    // Checked before parsing: nlohmann builds, and later frees, a deep document recursively
    // and with allocations, which can overflow the stack or terminate when memory runs out.
    if (request_json.size() > kMaxRequestBytes)
      return failure("request.too_large", "",
                     "the request is " + detail::to_string(request_json.size()) + " bytes; the limit is " +
                         detail::to_string(kMaxRequestBytes) + " bytes (16 MiB)")
          .dump();
    if (detail::json_nesting_exceeds(request_json))
      return failure("request.too_deep", "",
                     "the request nests arrays and objects more than " + detail::to_string(detail::kMaxJsonDepth) +
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
    json response = dispatch(request, model);
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
