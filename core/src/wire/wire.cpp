#include "frontdoor/wire.hpp"

#include <utility>

namespace frontdoor {

namespace {

// One out-of-line call per member: smaller in the wasm than initializer lists.
__attribute__((noinline)) void put(Json& o, const char* key, Json&& value) { o[key] = std::move(value); }

}  // namespace

Json problem_json(const Problem& p) {
  std::string where = p.file.empty() ? (p.pointer.size() && p.pointer[0] == '/' ? p.pointer.substr(1) : p.pointer)
                                     : p.file + p.pointer;
  Json out = Json(Json::value_t::object);
  put(out, "id", p.id);
  put(out, "where", std::move(where));
  put(out, "file", p.file);
  put(out, "pointer", p.pointer);
  put(out, "message", p.message);
  put(out, "warning", p.warning);
  put(out, "line", to_line(p));
  return out;
}

Json problems_json(const Problems& problems, bool warnings) {
  Json out = Json(Json::value_t::array);
  for (const auto& p : problems)
    if (p.warning == warnings) out.push_back(problem_json(p));
  return out;
}

Json failure(const Problems& problems) {
  Json out = Json(Json::value_t::object);
  put(out, "ok", false);
  put(out, "errors", problems_json(problems, false));
  put(out, "warnings", problems_json(problems, true));
  return out;
}

Json failure(const std::string& id, const std::string& where, const std::string& message) {
  return failure(Problems{{id, "", where, message, false}});
}

std::optional<UtcSeconds> request_at(const Json& request, Problems& problems) {
  auto it = request.find("at");
  if (it == request.end() || it->is_null()) return now_utc();
  if (!it->is_string()) {
    problems.push_back({"time.invalid", "", "/at", "at must be an ISO 8601 instant string", false});
    return std::nullopt;
  }
  const std::string& text = it->get_ref<const std::string&>();
  auto t = parse_instant(text);
  if (!t)
    problems.push_back({"time.invalid", "", "/at",
                        "\"" + text + "\" is not an ISO 8601 instant (e.g. 2026-11-27T16:00:00Z)", false});
  return t;
}

FilesRequest files_request(const Json& request) {
  FilesRequest out;
  Problems problems;
  auto at = request_at(request, problems);
  auto files = request.find("files");
  if (!at)
    out.refusal = failure(problems);
  else if (files == request.end() || !files->is_object())
    out.refusal = failure("request.field", "files", "the request needs \"files\": an object of file name → text or JSON");
  else
    out = {*at, &*files, Json()};
  return out;
}

Json load_answer(const LoadResult& result) {
  if (!result.model) return failure(result.problems);
  Json out = Json(Json::value_t::object);
  out["ok"] = true;
  out["checked"] = format_date(result.model->checked);
  out["warnings"] = problems_json(result.problems, true);
  return out;
}

}  // namespace frontdoor
