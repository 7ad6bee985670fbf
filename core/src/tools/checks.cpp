// The data team's checks of a read (checks.hpp) and the CLI's ops on a Session.
#include "frontdoor/checks.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <set>

#include "frontdoor/facts.hpp"
#include "frontdoor/model.hpp"
#include "frontdoor/paths.hpp"
#include "frontdoor/rules.hpp"
#include "frontdoor/stamp.hpp"
#include "frontdoor/wire.hpp"

namespace frontdoor {

namespace {

/** The parsed documents of `files` (texts are parsed; a text that is not JSON is left out). */
std::map<std::string, Json> documents(const Json& files) {
  std::map<std::string, Json> docs;
  if (!files.is_object()) return docs;
  for (auto it = files.begin(); it != files.end(); ++it) {
    if (it.key() == "stamp") continue;
    if (it.value().is_string()) {
      Problems ignored;  // read_model reported them
      Json doc = parse_json_text(it.value().get_ref<const std::string&>(), it.key(), ignored);
      if (!doc.is_null()) docs[it.key()] = std::move(doc);
    } else {
      docs[it.key()] = it.value();
    }
  }
  return docs;
}

/** Every `checked` or `*_checked` date of `node` (directory.json and calendar.json). */
void freshness(const Json& node, const std::string& pointer, const std::string& file, UtcSeconds at, Problems& out) {
  if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) freshness(node[i], pointer + "/" + std::to_string(i), file, at, out);
    return;
  }
  if (!node.is_object()) return;
  const Date today = to_london(at).date;
  Date limit = make_date(today.year() - 1, static_cast<int>(today.month()), static_cast<int>(today.day()));
  if (!limit.ok()) limit = make_date(today.year() - 1, static_cast<int>(today.month()), 28);
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string& key = it.key();
    const std::string p = pointer + "/" + pointer_token(key);
    const bool date_key = key == "checked" || (key.size() > 8 && key.compare(key.size() - 8, 8, "_checked") == 0);
    if (!date_key || !it.value().is_string()) {
      freshness(it.value(), p, file, at, out);
      continue;
    }
    auto d = parse_date(it.value().get_ref<const std::string&>());
    if (!d) continue;
    if (*d < limit)
      out.push_back({"data.checked.stale", file, p,
                     "last checked " + format_date(*d) + ", more than 12 months before " + format_date(today) +
                         ": check the source again",
                     true});
    else if (*d > today)
      out.push_back({"data.checked.future", file, p, "checked date " + format_date(*d) + " is after " + format_date(today), true});
  }
}

/**
 * Wording that tells the reader to call a service names it by reference ({service:ID} or
 * {line:GROUP}), so the engine can show its number: an unknown reference, or a service's name
 * written out after "call", is refused.
 */
void check_text_refs(const Model& model, const Json& node, const std::string& pointer, Problems& out,
                     const std::string& owner = "") {
  if (node.is_object()) {
    // A contact's own why may name the contact itself: it is on the same card.
    auto service = node.find("service");
    const std::string self = service != node.end() && service->is_string() ? service->get<std::string>() : owner;
    for (auto it = node.begin(); it != node.end(); ++it)
      if (it.key() != "$comment" && it.key() != "when")
        check_text_refs(model, it.value(), pointer + "/" + pointer_token(it.key()), out, it.key() == "why" ? self : owner);
    return;
  }
  if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) check_text_refs(model, node[i], pointer + "/" + std::to_string(i), out, owner);
    return;
  }
  if (!node.is_string()) return;
  const std::string& text = node.get_ref<const std::string&>();
  for (const auto& ref : text_refs(text)) {
    if (ref.kind == TextRef::Kind::service && !model.service(ref.id))
      out.push_back({"data.text.unknown_service", "rules.json", pointer,
                     "the text names the unknown service \"" + ref.id + "\" ({service:" + ref.id + "})", false});
    if (ref.kind == TextRef::Kind::line && !model.groups.count(ref.id))
      out.push_back({"data.text.unknown_group", "rules.json", pointer,
                     "the text names the unknown group \"" + ref.id + "\" ({line:" + ref.id + "})", false});
  }
  const std::string folded = detail::fold(text);
  for (const auto& s : model.services) {
    if (s.id == owner) continue;
    for (const auto& name : called_names(s)) {
      if (name.empty()) continue;
      if (folded.find("call " + detail::fold(name)) != std::string::npos) {
        out.push_back({"data.text.service_by_name", "rules.json", pointer,
                       "the text tells the reader to call \"" + name + "\" by name: write {service:" + s.id +
                           "} (or {line:GROUP}) so the service is shown with its number",
                       false});
        return;
      }
    }
  }
}

/** The engine's wording templates (fill) format with the arguments the engine gives them. */
void check_templates(const Model& model, Problems& out) {
  struct Template {
    const char* file;
    std::string pointer;
    const Text* text;
    std::vector<const char*> names;
  };
  auto age = model.ui.find("age_outside");
  const std::vector<Template> templates{
      {"rules.json", "/safety/net_why", &model.safety.net_why, {"service"}},
      {"rules.json", "/safety/named_why", &model.safety.named_why, {"service"}},
      {"rules.json", "/safety/takeover_why", &model.safety.takeover_why, {"closing", "time", "service"}},
      {"ui.json", "/age_outside", age == model.ui.end() ? nullptr : &age->second, {"service", "min", "max", "age"}}};
  for (const auto& t : templates) {
    if (!t.text) continue;
    TemplateArgs args;
    for (const char* name : t.names) args.emplace_back(name, "");
    std::vector<std::pair<std::string, const std::string*>> wordings{{"", &t.text->fallback}};
    for (const auto& a : t.text->by_audience) wordings.emplace_back("/" + a.first, &a.second);
    for (const auto& w : wordings) {
      // What fill leaves in braces must be a reference ({service:ID}, {line:GROUP}).
      const std::string rest = fill(*w.second, args);
      for (std::size_t at = rest.find('{'), end; at != std::string::npos; at = rest.find('{', at + 1)) {
        end = rest.find('}', at);
        const std::string field = rest.substr(at, end == std::string::npos ? std::string::npos : end - at + 1);
        if (parse_text_ref(field).kind != TextRef::Kind::none) continue;
        out.push_back({"data.text.template", t.file,
                       t.pointer + (w.first.empty() && !t.text->by_audience.empty() ? "/default" : w.first),
                       fmt::format("\"{}\" has {}, which is not filled in: this wording may use {{{}}}", *w.second, field,
                                   fmt::join(t.names, "}, {")),
                       false});
        break;
      }
    }
  }
}

void condition_facts(const Condition& c, std::set<std::string>& facts) {
  if (!c.fact.empty()) facts.insert(c.fact);
  for (const auto& child : c.children) condition_facts(child, facts);
}

/** The path walk: unreachable rules, answers that end with no contact, dead ends and cycles. */
void flow(const Model& model, UtcSeconds at, Problems& problems) {
  std::vector<bool> fired(model.rules.size(), false);
  std::map<std::string, std::size_t> rule_index;
  for (std::size_t i = 0; i < model.rules.size(); ++i) rule_index[model.rules[i].id] = i;
  std::size_t no_contact = 0;
  PathReport report = enumerate_paths(model, at, [&](const Facts& facts, const Outcome& outcome) {
    for (const auto& id : outcome.fired) fired[rule_index[id]] = true;
    if (outcome.contacts.empty() && no_contact++ < 5)
      problems.push_back({"data.paths.no_contact", "rules.json", "",
                          "the answers " + facts.to_json().dump() + " end with no contact", false});
  });
  problems.insert(problems.end(), report.problems.begin(), report.problems.end());
  for (std::size_t i = 0; i < model.rules.size(); ++i)
    if (!fired[i] && !report.fired.count(model.rules[i].id))
      problems.push_back({"data.rules.unreachable", "rules.json", "/rules/" + std::to_string(i),
                          "rule \"" + model.rules[i].id + "\" fires on no path of the questions", false});
}

}  // namespace

void check_data(const Json& files, UtcSeconds at, LoadResult& result) {
  const auto docs = documents(files);
  Problems& problems = result.problems;
  for (const char* file : {"directory.json", "calendar.json"}) {
    auto it = docs.find(file);
    if (it != docs.end()) freshness(it->second, "", file, at, problems);
  }
  if (!result.model) return;
  const Model& model = *result.model;
  if (auto rules = docs.find("rules.json"); rules != docs.end() && rules->second.is_object())
    for (const char* key : {"safety", "groups", "rules"})
      if (auto part = rules->second.find(key); part != rules->second.end())
        check_text_refs(model, *part, std::string("/") + key, problems);
  check_templates(model, problems);
  std::set<std::string> rule_facts;
  for (const auto& r : model.rules) condition_facts(r.when, rule_facts);
  // A fact that picks a question's short list (grouped_by) is asked for the flow, not the rules.
  for (const auto& q : model.questions)
    if (!q.grouped_by.empty()) rule_facts.insert(q.grouped_by);
  for (std::size_t i = 0; i < model.questions.size(); ++i) {
    const auto& q = model.questions[i];
    if (!q.fact.empty() && find_fact(q.fact) && !rule_facts.count(q.fact))
      problems.push_back({"data.questions.unused", "questions.json", "/questions/" + std::to_string(i),
                          "no rule uses the fact \"" + q.fact + "\", so question \"" + q.id + "\" is never asked", true});
  }
  if (!has_errors(problems)) flow(model, at, problems);
  if (has_errors(problems)) {
    result.model = nullptr;
    return;
  }
  // The source documents, for the bundle op and the ORUK export (the browser module keeps none).
  auto with_documents = std::make_shared<Model>(model);
  with_documents->documents = docs;
  with_documents->index();
  result.model = std::move(with_documents);
}

LoadResult load_model(const Json& given, UtcSeconds at) {
  // Each file given as text is parsed once, here, for the checks, the reader and check_data
  // alike; a text that is not JSON stays text, for read_model to say where it breaks.
  Json files = given;
  if (files.is_object())
    for (auto& doc : documents(given)) files[doc.first] = std::move(doc.second);
  LoadResult result = read_model(files);
  check_data(files, at, result);
  return result;
}

namespace {

std::optional<std::string> request_audience(const Json& request, Problems& problems) {
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

Json do_lint(const Json& request) {
  FilesRequest r = files_request(request);
  if (!r.files) return r.refusal;
  LoadResult result = load_model(*r.files, r.at);
  Json out = load_answer(result);
  Json all = Json::array();
  for (const auto& p : result.problems) all.push_back(problem_json(p));
  out["problems"] = all;
  return out;
}

Json do_holidays(const Json& request, const Model* model) {
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
  Json list = Json::array();
  for (const auto& h : calendar.bank_holidays(*from, *to)) list.push_back({{"date", format_date(h.date)}, {"name", h.name}});
  return {{"ok", true}, {"holidays", list}};
}

Json do_ui(const Json& request, const Model& model) {
  Problems problems;
  auto audience = request_audience(request, problems);
  if (!audience) return failure(problems);
  Json strings = Json::object();
  for (const auto& kv : model.ui) strings[kv.first] = kv.second.resolve(*audience);
  return {{"ok", true}, {"audience", *audience}, {"strings", strings}};
}

Json do_directory(const Json& request, const Model& model) {
  Problems problems;
  auto at = request_at(request, problems);
  auto audience = request_audience(request, problems);
  if (has_errors(problems)) return failure(problems);
  Json services = Json::array();
  for (const auto& s : model.services) {
    Json c = contact_json(s, open_state(s.schedule, model.calendar, *at), "", *audience);
    c.erase("why");
    c["audiences"] = s.audiences;
    c["localities"] = s.localities ? Json(*s.localities) : Json(nullptr);
    c["age"] = s.age ? Json{{"min", s.age->min}, {"max", s.age->max}} : Json(nullptr);
    c["source"] = s.source;
    c["checked"] = format_date(s.checked);
    services.push_back(c);
  }
  Json localities = Json::array();
  for (const auto& l : model.localities) localities.push_back({{"id", l.id}, {"name", l.name}, {"towns", l.towns}});
  return {{"ok", true},
          {"at", format_london(*at)},
          {"services", services},
          {"localities", localities},
          {"checked", format_date(model.checked)}};
}

Json do_bundle(const Model& model) {
  Json files = Json::object();
  for (const auto& kv : model.documents) files[kv.first] = kv.second;
  return {{"ok", true}, {"bundle", {{"files", stamp_bundle(std::move(files))}}}};
}

// The browser's build changes the bundle (web/build.mjs, forBrowser), then has it stamped again:
// only after every check passes on what it will ship.
Json do_stamp(const Json& request) {
  FilesRequest r = files_request(request);
  if (!r.files) return r.refusal;
  LoadResult result = load_model(*r.files, r.at);
  if (!result.model) return failure(result.problems);
  Json out = Json::object();
  out["ok"] = true;
  out["files"] = stamp_bundle(*r.files);
  out["warnings"] = problems_json(result.problems, true);
  return out;
}

class Workbench final : public SessionOps {
 public:
  LoadResult load(const Json& files, UtcSeconds at) const override {
    // A stamp the CLI is given must still be true.
    if (files.is_object() && files.contains("stamp")) {
      LoadResult refused;
      check_stamp(files, refused.problems);
      if (!refused.problems.empty()) return refused;
    }
    return load_model(files, at);
  }

  Json answer(const std::string& op, const Json& request, std::shared_ptr<const Model>& model) const override {
    if (op == "lint") return do_lint(request);
    if (op == "holidays") return do_holidays(request, model.get());
    if (op == "stamp") return do_stamp(request);
    if (op != "ui" && op != "directory" && op != "bundle") return nullptr;
    if (!model) return failure("request.no_data", "", "no data is loaded: send a \"load\" request first");
    if (op == "ui") return do_ui(request, *model);
    if (op == "directory") return do_directory(request, *model);
    return do_bundle(*model);
  }

  std::string names() const override { return "lint, holidays, ui, directory, bundle, stamp"; }
};

}  // namespace

std::shared_ptr<const SessionOps> workbench() {
  static const auto ops = std::make_shared<const Workbench>();
  return ops;
}

}  // namespace frontdoor
