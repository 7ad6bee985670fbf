#include "frontdoor/wire.hpp"

#include "frontdoor/rules.hpp"

#include <utility>

namespace frontdoor {

// One out-of-line call per response member: inlined, nlohmann's operator[] made each writer of
// the wasm several times larger.
#define FRONTDOOR_NOINLINE __attribute__((noinline))

namespace {

// Responses are built one member at a time through these out-of-line setters: in the web build
// an initializer list of [key, value] pairs costs several times more code per member.
FRONTDOOR_NOINLINE void put(Json& o, const char* key, const std::string& value) { o[key] = value; }
FRONTDOOR_NOINLINE void put(Json& o, const char* key, const Value& value) { o[key] = value; }
FRONTDOOR_NOINLINE void put(Json& o, const char* key, Json&& value) { o[key] = std::move(value); }
FRONTDOOR_NOINLINE void put_null(Json& o, const char* key) { o[key] = nullptr; }
/** `value` when there is one, else null. */
FRONTDOOR_NOINLINE void put(Json& o, const char* key, const std::string* value) {
  if (value)
    put(o, key, *value);
  else
    put_null(o, key);
}
void put(Json& o, const char* key, const std::optional<std::string>& value) { put(o, key, value ? &*value : nullptr); }
FRONTDOOR_NOINLINE void put(Json& o, const char* key, const std::optional<Text>& t, const std::string& audience) {
  put(o, key, t ? &t->resolve(audience) : nullptr);
}
FRONTDOOR_NOINLINE void put(Json& o, const char* key, const std::optional<UtcSeconds>& t) {
  if (t)
    put(o, key, format_london(*t));
  else
    put_null(o, key);
}
/** An array of strings, built one element at a time (smaller in the wasm than Json(vector)). */
FRONTDOOR_NOINLINE Json string_list(const std::vector<std::string>& list) {
  Json out = Json(Json::value_t::array);
  for (const auto& s : list) out.push_back(s);
  return out;
}

FRONTDOOR_NOINLINE Json strings(const std::vector<Text>& texts, const std::string& audience) {
  Json out = Json(Json::value_t::array);
  for (const auto& t : texts) out.push_back(t.resolve(audience));
  return out;
}

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
  put(out, "warning", Json(p.warning));
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
  put(out, "ok", Json(false));
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

Json question_json(const Model& model, const Question& q, const Facts& facts) {
  const std::string audience = facts.audience();
  Json options = Json(Json::value_t::array);
  auto option_json = [&](const Option& o) {
    Json out = Json(Json::value_t::object);
    put(out, "value", o.value);
    put(out, "label", o.label.resolve(audience));
    put(out, "hint", o.hint, audience);
    return out;
  };
  if (q.type == "area") {
    for (const auto& town : model.towns()) {
      Json out = Json(Json::value_t::object);
      put(out, "value", town);
      put(out, "label", town);
      put_null(out, "hint");
      options.push_back(std::move(out));
    }
  }
  for (const Option* o : shown_options(model, q, facts)) options.push_back(option_json(*o));
  if (q.unknown_option) options.push_back(option_json(*q.unknown_option));
  Json out = Json(Json::value_t::object);
  put(out, "id", q.id);
  put(out, "fact", q.fact);
  put(out, "type", q.type);
  put(out, "text", q.text.resolve(audience));
  put(out, "hint", q.hint, audience);
  put(out, "options", std::move(options));
  put(out, "min", q.min ? Json(*q.min) : Json());
  put(out, "max", q.max ? Json(*q.max) : Json());
  if (q.unknown_option) {
    Json unknown = Json(Json::value_t::object);
    put(unknown, "label", q.unknown_option->label.resolve(audience));
    put(unknown, "hint", q.unknown_option->hint, audience);
    put(out, "unknown_option", std::move(unknown));
  } else {
    put_null(out, "unknown_option");
  }
  return out;
}

Json contact_json(const Service& s, const OpenState& st, const std::string& why, const std::string& audience,
                  const std::string& role) {
  Json phones = Json(Json::value_t::array);
  for (const auto& p : s.phones) {
    Json phone = Json(Json::value_t::object);
    put(phone, "number", p.number);
    put(phone, "label", p.label);
    put(phone, "option", p.option);
    phones.push_back(std::move(phone));
  }
  const Phone* first = s.phones.empty() ? nullptr : &s.phones.front();
  Json out = Json(Json::value_t::object);
  put(out, "service", s.id);
  put(out, "name", s.name);
  put(out, "organisation", s.organisation);
  put(out, "summary", s.summary.resolve(audience));
  put(out, "phone", first ? &first->number : nullptr);
  put(out, "phone_label", first ? &first->label : nullptr);
  if (first)
    put(out, "option", first->option);
  else
    put_null(out, "option");
  put(out, "phones", std::move(phones));
  put(out, "email", s.email);
  put(out, "web", s.web);
  put(out, "open_now", st.open_now ? Json(*st.open_now) : Json());
  put(out, "label_now", st.label_now.empty() ? nullptr : &st.label_now);
  put(out, "closes_at", st.closes_at);
  put(out, "opens_next", st.opens_next);
  put(out, "hours_text", s.hours_text.resolve(audience));
  put(out, "why", why);
  put(out, "have_ready", strings(s.have_ready, audience));
  put(out, "notes", strings(s.notes, audience));
  put(out, "role", role.empty() ? nullptr : &role);
  return out;
}

Json outcome_json(const Model& model, const Outcome& o, const Facts& facts, UtcSeconds at) {
  const std::string audience = facts.audience();
  Json contacts = Json(Json::value_t::array), explain = Json(Json::value_t::array);
  for (const auto& c : o.contacts) contacts.push_back(contact_json(*c.service, c.state, c.why, audience, c.role));
  for (const auto& e : o.explain) {
    Json line = Json(Json::value_t::object);
    put(line, "rule", e.rule);
    put(line, "text", e.text);
    explain.push_back(std::move(line));
  }
  Json out = Json(Json::value_t::object);
  put(out, "at", format_london(at));
  put(out, "level", o.level ? &o.level->id : nullptr);
  put(out, "level_name", o.level ? &o.level->name : nullptr);
  put(out, "level_filter", o.level ? &o.level->filter : nullptr);
  put(out, "contacts", std::move(contacts));
  put(out, "missing", string_list(o.missing));
  if (o.next_question)
    put(out, "next_question", question_json(model, *o.next_question, facts));
  else
    put_null(out, "next_question");
  put(out, "notes", string_list(o.notes));
  put(out, "explain", std::move(explain));
  put(out, "checked", format_date(model.checked));
  return out;
}

}  // namespace frontdoor
