// The reader (reader.hpp): one function per shape of docs/data-format.md, in file order. It
// trusts its input because the checks (tools/loader.cpp, calendar_json.cpp, checks.cpp) ran
// before (read_condition, given a problems sink, is also the checks' definition of a `when`);
// `at()` and `get<>()` throw on what they did not expect, and read_bundle turns that into an
// error.
#include "frontdoor/reader.hpp"

#include <algorithm>
#include <stdexcept>

#include "frontdoor/facts.hpp"
#include "frontdoor/stamp.hpp"
#include "frontdoor/wire.hpp"
#include "json_parse.hpp"
#include "small_sort.hpp"
#include <fmt/format.h>

namespace frontdoor {
namespace {

using json = Json;

/** The member `key`, or nullptr when it is absent or null (the two mean the same in the data). */
const json* opt(const json& node, const char* key) {
  auto it = node.find(key);
  return it == node.end() || it->is_null() ? nullptr : &*it;
}

std::string str(const json& node, const char* key) {
  const json* v = opt(node, key);
  return v ? v->get<std::string>() : std::string();
}

Date date(const json& v) { return parse_date(v.get<std::string>()).value(); }

std::vector<std::string> strings(const json& node, const char* key) {
  std::vector<std::string> out;
  if (const json* v = opt(node, key))
    for (const auto& s : *v) out.push_back(s.get<std::string>());
  return out;
}

Text text(const json& v) {
  Text t;
  if (v.is_string()) {
    t.fallback = v.get<std::string>();
    return t;
  }
  for (auto it = v.begin(); it != v.end(); ++it)
    (it.key() == "default" ? t.fallback : t.by_audience[it.key()]) = it.value().get<std::string>();
  return t;
}

std::optional<Text> opt_text(const json& node, const char* key) {
  const json* v = opt(node, key);
  return v ? std::optional<Text>(text(*v)) : std::nullopt;
}

std::vector<Text> texts(const json& node, const char* key) {
  std::vector<Text> out;
  if (const json* v = opt(node, key))
    for (const auto& t : *v) out.push_back(text(t));
  return out;
}

std::optional<long long> opt_int(const json& node, const char* key) {
  const json* v = opt(node, key);
  return v ? std::optional<long long>(v->get<long long>()) : std::nullopt;
}

// ---- directory.json ----

Provenance provenance(const json& node, const char* source_key, const char* checked_key, const Service& service) {
  Provenance out{service.source, service.checked};
  if (const json* s = opt(node, source_key)) out.source = s->get<std::string>();
  if (const json* d = opt(node, checked_key)) out.checked = date(*d);
  return out;
}

Interval interval(const json& node) {
  return {parse_hhmm(node.at("open").get<std::string>()).value(), parse_hhmm(node.at("close").get<std::string>()).value(),
          str(node, "label")};
}

}  // namespace

Schedule read_schedule(const json& node) {
  static const char* const days[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  Schedule s;
  const std::string kind = node.at("kind").get<std::string>();
  s.kind = kind == "always" ? Schedule::Kind::always : kind == "weekly" ? Schedule::Kind::weekly : Schedule::Kind::unknown;
  if (s.kind != Schedule::Kind::weekly) return s;
  auto by_open = [](const Interval& a, const Interval& b) { return a.open < b.open; };
  for (const auto& n : node.at("weekly"))
    for (const auto& d : n.at("days"))
      s.weekly[std::find(days, days + 7, d.get<std::string>()) - days].push_back(interval(n));
  for (auto& day : s.weekly) detail::small_stable_sort(day.begin(), day.end(), by_open);
  for (const auto& n : node.at("holidays")) s.holidays.push_back(interval(n));
  detail::small_stable_sort(s.holidays.begin(), s.holidays.end(), by_open);
  return s;
}

namespace {

Service service(const json& n) {
  Service s;
  s.id = n.at("id").get<std::string>();
  s.name = n.at("name").get<std::string>();
  s.organisation = str(n, "organisation");
  if (auto t = opt_text(n, "summary")) s.summary = std::move(*t);
  s.source = n.at("source").get<std::string>();
  s.checked = date(n.at("checked"));
  s.audiences = strings(n, "audiences");
  if (const json* a = opt(n, "age"))
    s.age = AgeRange{static_cast<int>(opt_int(*a, "min").value_or(0)), static_cast<int>(opt_int(*a, "max").value_or(25)),
                     opt_text(*a, "note"), provenance(*a, "source", "checked", s)};
  for (const auto& p : n.at("phones")) {
    Phone phone{p.at("number").get<std::string>(), str(p, "label"), Value(), provenance(p, "source", "checked", s)};
    if (const json* o = opt(p, "option")) phone.option = o->get<Value>();
    s.phones.push_back(std::move(phone));
  }
  if (const json* e = opt(n, "email")) s.email = e->get<std::string>();
  s.email_provenance = provenance(n, "email_source", "email_checked", s);
  s.hours_provenance = provenance(n, "hours_source", "hours_checked", s);
  if (const json* w = opt(n, "web")) s.web = w->get<std::string>();
  s.schedule = read_schedule(n.at("schedule"));
  if (auto t = opt_text(n, "hours_text")) s.hours_text = std::move(*t);
  if (opt(n, "localities")) s.localities = strings(n, "localities");
  s.have_ready = texts(n, "have_ready");
  s.notes = texts(n, "notes");
  s.called = opt_text(n, "called");
  return s;
}

void directory(const json& doc, Model& m) {
  m.contact_page = str(doc, "contact_page");
  m.checked = date(doc.at("checked"));
  m.short_codes = strings(doc, "short_codes");
  if (const json* list = opt(doc, "superseded_numbers"))
    for (const auto& n : *list) m.superseded.push_back({n.at("number").get<std::string>(), n.at("was").get<std::string>(), str(n, "source")});
  for (const auto& l : doc.at("localities"))
    m.localities.push_back({l.at("id").get<std::string>(), l.at("name").get<std::string>(), strings(l, "towns")});
  for (const auto& s : doc.at("services")) m.services.push_back(service(s));
}

}  // namespace

Calendar read_calendar(const json& doc) {
  std::vector<CalendarException> out;
  for (const auto& e : doc.at("exceptions")) {
    const std::string kind = e.at("kind").get<std::string>();
    out.push_back({date(e.at("date")),
                   kind == "add" ? ExceptionKind::add : kind == "remove" ? ExceptionKind::remove : ExceptionKind::closure,
                   e.at("name").get<std::string>(), e.at("source").get<std::string>()});
  }
  return Calendar(std::move(out));
}

// ---- rules.json ----

namespace {

// The shape of a `when`, once: kCheck reports each problem (the checks, loader.cpp); without it
// the reader trusts a checked `when`, and the compiler drops the checks and the pointers.

/** Reports a problem of a `when` in rules.json; false, for `return refuse(...)`. */
bool refuse(Problems* problems, const char* id, const std::string& pointer, const std::string& message) {
  problems->push_back({id, "rules.json", pointer, message, false});
  return false;
}

/** `pointer`/`token` when problems are reported; the reader alone builds no pointers. */
template <bool kCheck>
std::string child(const std::string& pointer, const std::string& token) {
  return kCheck ? pointer + "/" + pointer_token(token) : std::string();
}

template <bool kCheck>
std::string child(const std::string& pointer, std::size_t index) {
  return kCheck ? pointer + "/" + fmt::to_string(index) : std::string();
}

/**
 * A value a test compares with (check_fact_value, which takes any string for an area: the town
 * is checked on the model, by the checks).
 */
template <bool kCheck>
bool fact_value(const FactSpec* spec, const json& v, const std::string& pointer, Problems* problems) {
  std::string message;
  if (!kCheck || check_fact_value(*spec, v, message).empty()) return true;
  return refuse(problems, "data.ref.value", pointer, message);
}

/** One test of a `when` into `c`: a value, {"in"}, {"not_in"}, {"min", "max"} or {"known"}; false after a problem. */
template <bool kCheck>
bool read_test(Condition& c, const std::string& fact, const json& v, const std::string& p, Problems* problems) {
  const FactSpec* spec = kCheck ? find_fact(fact) : nullptr;
  c.fact = fact;
  if (!v.is_object()) {
    c.kind = Condition::Kind::eq;
    if (!fact_value<kCheck>(spec, v, p, problems)) return false;
    c.values.push_back(v.get<Value>());
    return true;
  }
  const bool in = v.contains("in"), not_in = v.contains("not_in"), known = v.contains("known");
  if (kCheck) {
    if (int(in) + int(not_in) + int(v.contains("min") || v.contains("max")) + int(known) != 1)
      return refuse(problems, "data.rules.condition", p, "a test must be exactly one of {\"in\"}, {\"not_in\"}, {\"min\", \"max\"} or {\"known\"}");
    bool bad = false;
    for (auto m = v.begin(); m != v.end(); ++m)
      if (m.key() != "in" && m.key() != "not_in" && m.key() != "min" && m.key() != "max" && m.key() != "known")
        bad = !refuse(problems, "data.rules.condition", child<kCheck>(p, m.key()), "unknown test \"" + m.key() + "\"");
    if (bad) return false;
  }
  if (in || not_in) {
    c.kind = in ? Condition::Kind::in : Condition::Kind::not_in;
    const char* k = in ? "in" : "not_in";
    const json& list = v.at(k);
    const std::string lp = child<kCheck>(p, k);
    if (kCheck && (!list.is_array() || list.empty()))
      return refuse(problems, "data.rules.condition", lp, std::string("\"") + k + "\" needs a non-empty array of values");
    bool ok = true;
    std::size_t i = 0;
    for (const auto& x : list) {
      if (fact_value<kCheck>(spec, x, child<kCheck>(lp, i++), problems))
        c.values.push_back(x.get<Value>());
      else
        ok = false;
    }
    return ok;
  }
  if (known) {
    c.kind = Condition::Kind::known;
    if (kCheck && !v.at("known").is_boolean())
      return refuse(problems, "data.rules.condition", child<kCheck>(p, "known"), "\"known\" must be true or false");
    c.known = v.at("known").get<bool>();
    return true;
  }
  c.kind = Condition::Kind::range;
  if (kCheck && spec->type != FactSpec::Type::integer)
    return refuse(problems, "data.rules.condition", p, "min/max apply only to whole-number facts, not \"" + fact + "\"");
  bool ok = true;
  for (int b = 0; b < 2; ++b) {
    const char* k = b == 0 ? "min" : "max";
    const json* bound = opt(v, k);
    if (kCheck && v.contains(k) && (!bound || !bound->is_number_integer())) {
      ok = refuse(problems, "data.rules.condition", child<kCheck>(p, k), std::string(k) + " must be a whole number");
      continue;
    }
    if (!bound) continue;
    ok = fact_value<kCheck>(spec, *bound, child<kCheck>(p, k), problems) && ok;
    (b == 0 ? c.min : c.max) = bound->get<long long>();
  }
  if (kCheck && c.min && c.max && *c.min > *c.max)
    return refuse(problems, "data.age.range", p, "range is inverted: " + fmt::to_string(*c.min) + " to " + fmt::to_string(*c.max));
  return ok;
}

template <bool kCheck>
Condition read_when(const json& node, const std::string& pointer, Problems* problems, int depth) {
  Condition all;
  if (kCheck && depth > 16) {
    refuse(problems, "data.rules.condition", pointer, "conditions are nested more than 16 deep");
    return all;
  }
  if (kCheck && !node.is_object()) {
    refuse(problems, "data.rules.condition", pointer, "a condition must be an object, found " + describe_type(node));
    return all;
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string& key = it.key();
    const json& v = it.value();
    const std::string p = child<kCheck>(pointer, key);
    Condition c;
    if (key == "$comment") {
      if (kCheck && !v.is_string()) refuse(problems, "data.field.type", p, "expected a string, found " + describe_type(v));
    } else if (key == "any" || key == "not") {
      c.kind = key == "any" ? Condition::Kind::any : Condition::Kind::negate;
      if (key == "not")
        c.children.push_back(read_when<kCheck>(v, p, problems, depth + 1));
      else if (kCheck && (!v.is_array() || v.empty()))
        refuse(problems, "data.rules.condition", p, "\"any\" needs a non-empty array of conditions");
      std::size_t i = 0;
      for (auto e = v.begin(); key == "any" && v.is_array() && e != v.end(); ++e)
        c.children.push_back(read_when<kCheck>(*e, child<kCheck>(p, i++), problems, depth + 1));
      all.children.push_back(std::move(c));
    } else if (kCheck && !find_fact(key)) {
      refuse(problems, "data.ref.fact", p, "unknown fact \"" + key + "\"");
    } else if (kCheck && (v.is_null() || v.is_array())) {
      refuse(problems, "data.rules.condition", p, "a test must be a value or an object; use {\"known\": false} for \"not known\"");
    } else if (read_test<kCheck>(c, key, v, p, problems)) {
      all.children.push_back(std::move(c));
    }
  }
  return all;
}

}  // namespace

Condition read_condition(const json& when) { return read_when<false>(when, "", nullptr, 0); }

Condition read_condition(const json& when, const std::string& pointer, Problems& problems) {
  return read_when<true>(when, pointer, &problems, 0);
}

namespace {

GroupMember member(const json& n) { return {n.at("service").get<std::string>(), text(n.at("why"))}; }

std::vector<GroupMember> members(const json& list) {
  std::vector<GroupMember> out;
  for (const auto& n : list) out.push_back(member(n));
  return out;
}

ContactSpec contact(const json& n) {
  ContactSpec c;
  if (const json* s = opt(n, "service")) {
    c.service = s->get<std::string>();
  } else if (const json* g = opt(n, "first_open")) {
    c.kind = ContactSpec::Kind::first_open;
    c.group = g->get<std::string>();
  } else {
    c.kind = ContactSpec::Kind::by_locality;
    for (auto it = n.at("by_locality").begin(); it != n.at("by_locality").end(); ++it)
      c.by_locality[it.key()] = it.value().get<std::string>();
    if (const json* o = opt(n, "otherwise")) c.otherwise = std::make_shared<ContactSpec>(contact(*o));
  }
  c.why = opt_text(n, "why");
  return c;
}

void rules(const json& doc, Model& m) {
  for (const auto& l : doc.at("levels"))
    m.levels.push_back({l.at("id").get<std::string>(), l.at("name").get<std::string>(), str(l, "filter"), l.at("rank").get<int>()});
  if (const json* gs = opt(doc, "groups"))
    for (auto g = gs->begin(); g != gs->end(); ++g) m.groups[g.key()] = members(g.value());
  const json& sf = doc.at("safety");
  Safety& s = m.safety;
  s.line = sf.at("line").get<std::string>();
  s.risk = strings(sf, "risk");
  s.administrative = strings(sf, "administrative");
  s.specialist = strings(sf, "specialist");
  s.closing_minutes = opt_int(sf, "closing_minutes").value_or(15);
  s.net_why = text(sf.at("net_why"));
  s.takeover_why = text(sf.at("takeover_why"));
  s.named_why = text(sf.at("named_why"));
  if (const json* by = opt(sf, "by_audience"))
    for (auto a = by->begin(); a != by->end(); ++a) s.by_audience[a.key()] = members(a.value());
  for (const auto& r : doc.at("rules")) {
    Rule rule;
    rule.id = r.at("id").get<std::string>();
    rule.when = read_condition(r.at("when"));
    rule.level = str(r, "level");
    if (const json* cs = opt(r, "contacts"))
      for (const auto& c : *cs) rule.contacts.push_back(contact(c));
    rule.notes = texts(r, "notes");
    rule.explain = opt_text(r, "explain");
    if (const json* f = opt(r, "final")) rule.final = f->get<bool>();
    m.rules.push_back(std::move(rule));
  }
}

// ---- questions.json, ui.json ----

Option option(const json& n) {
  Option o;
  if (const json* v = opt(n, "value")) o.value = v->get<Value>();
  o.label = text(n.at("label"));
  o.hint = opt_text(n, "hint");
  if (opt(n, "audiences")) o.audiences = strings(n, "audiences");
  o.groups = strings(n, "groups");
  return o;
}

void questions(const json& doc, Model& m) {
  for (const auto& n : doc.at("questions")) {
    Question q;
    q.id = n.at("id").get<std::string>();
    q.fact = n.at("fact").get<std::string>();
    q.type = n.at("type").get<std::string>();
    q.text = text(n.at("text"));
    q.hint = opt_text(n, "hint");
    q.grouped_by = str(n, "grouped_by");
    if (const json* os = opt(n, "options"))
      for (const auto& o : *os) q.options.push_back(option(o));
    q.min = opt_int(n, "min");
    q.max = opt_int(n, "max");
    if (const json* u = opt(n, "unknown_option")) q.unknown_option = option(*u);
    m.questions.push_back(std::move(q));
  }
}

void ui(const json& doc, Model& m) {
  for (auto it = doc.begin(); it != doc.end(); ++it)
    if (it.key() != "$schema" && it.key() != "$comment") m.ui[it.key()] = text(it.value());
}

}  // namespace

namespace detail {

bool json_nesting_exceeds(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

json parse_json(std::string_view text) {
  json result;
  auto input = nlohmann::detail::input_adapter(text.data(), text.data() + text.size());
  nlohmann::detail::json_sax_dom_parser<json> sax(result, true);
  nlohmann::detail::parser<json, decltype(input)>(std::move(input), nullptr, true, false).sax_parse(&sax, true);
  return result;
}

}  // namespace detail

std::shared_ptr<const Model> read_data(const Json& files) {
  std::map<std::string, json> parsed;  // the files given as text
  auto doc = [&](const char* name) -> const json& {
    const json& f = files.at(name);
    if (!f.is_string()) return f;
    const std::string& text = f.get_ref<const std::string&>();
    if (detail::json_nesting_exceeds(text)) throw std::invalid_argument(std::string(name) + " is nested too deep");
    return parsed[name] = detail::parse_json(text);
  };
  auto model = std::make_shared<Model>();
  directory(doc("directory.json"), *model);
  model->calendar = read_calendar(doc("calendar.json"));
  rules(doc("rules.json"), *model);
  questions(doc("questions.json"), *model);
  ui(doc("ui.json"), *model);
  model->index();
  return model;
}

LoadResult read_bundle(const Json& files) {
  LoadResult result;
  check_stamp(files, result.problems);
  if (!result.problems.empty()) return result;
  try {
    result.model = read_data(files);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    result.problems.push_back({"bundle.malformed", "", "/files",
                               std::string("the bundle is stamped but not in the shape this core reads (") + e.what() +
                                   "): rebuild it with this version's `frontdoor bundle`",
                               false});
  }
  return result;
}

}  // namespace frontdoor
