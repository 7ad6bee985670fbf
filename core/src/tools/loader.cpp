// The checks of the data files (loader.hpp): a structural pass over the JSON that builds nothing,
// then the reference checks on the reader's model of the files that passed.
#include "frontdoor/loader.hpp"
#include "frontdoor/wire.hpp"

#include <algorithm>
#include <set>

#include "frontdoor/calendar_json.hpp"
#include "json_parse.hpp"
#include "frontdoor/facts.hpp"
#include <fmt/format.h>

namespace frontdoor {

using json = Json;

const std::vector<std::string>& data_file_names() {
  static const std::vector<std::string> names{"directory.json", "calendar.json", "rules.json", "questions.json",
                                              "ui.json"};
  return names;
}

json parse_json_text(const std::string& text, const std::string& file, Problems& problems) {
  if (detail::json_nesting_exceeds(text)) {
    problems.push_back({"json.too_deep", file, "",
                        "arrays and objects are nested more than " + fmt::to_string(detail::kMaxJsonDepth) +
                            " levels deep",
                        false});
    return json();
  }
  try {
    return detail::parse_json(text);
  } catch (const json::parse_error& e) {
    // nlohmann's byte is 1-based and points at the last character read.
    std::size_t byte = e.byte == 0 ? 0 : std::min<std::size_t>(e.byte - 1, text.size());
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < byte; ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
        ++column;
      }
    }
    std::string detail = e.what();
    auto at = detail.find(": ");
    if (at != std::string::npos) detail = detail.substr(at + 2);
    problems.push_back({"json.syntax", file, "",
                        "line " + fmt::to_string(line) + ", column " + fmt::to_string(column) + ": " + detail, false});
    return json();
  }
}

namespace {

bool valid_id(const std::string& id) {
  if (id.empty()) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

std::string digits_of(const std::string& s) {
  std::string d;
  for (char c : s)
    if (c >= '0' && c <= '9') d += c;
  return d;
}

bool phone_shape(const std::string& s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == ' ') {
      if (s[i + 1] == ' ') return false;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return true;
}

/** An http:// or https:// address. */
bool web_address(const std::string& text) {
  // compare, not rfind(prefix, 0): the same test without std::string::rfind in the wasm.
  return text.compare(0, 8, "https://") == 0 || text.compare(0, 7, "http://") == 0;
}

/** Checks one file, collecting problems with the file name. */
struct Checker {
  Problems& problems;
  std::string file;

  void add(const std::string& id, const std::string& pointer, const std::string& message, bool warning = false) {
    problems.push_back({id, file, pointer, message, warning});
  }

  void type_error(const std::string& pointer, const std::string& expected, const json& got) {
    add("data.field.type", pointer, "expected " + expected + ", found " + describe_type(got));
  }

  /** Reports missing required members and members that are not allowed. */
  bool fields(const json& node, const std::string& pointer, std::initializer_list<const char*> required,
              std::initializer_list<const char*> optional, bool root = false) {
    if (!node.is_object()) {
      type_error(pointer, "an object", node);
      return false;
    }
    for (const char* r : required)
      if (!node.contains(r)) add("data.field.missing", pointer, std::string("missing member \"") + r + "\"");
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string& k = it.key();
      if ((k == "$comment" || (root && k == "$schema")) && !it.value().is_string())
        type_error(pointer + "/" + pointer_token(k), "a string", it.value());
      if (k == "$comment" || (root && k == "$schema")) continue;
      bool known = false;
      for (const char* r : required) known = known || k == r;
      for (const char* o : optional) known = known || k == o;
      if (!known) add("data.field.unknown", pointer + "/" + pointer_token(k), "unknown member \"" + k + "\"");
    }
    return true;
  }

  static const json* member(const json& node, const char* key) {
    if (!node.is_object()) return nullptr;
    auto it = node.find(key);
    return it == node.end() ? nullptr : &*it;
  }

  /** The string member `key` after its checks (nullptr when absent, null and nullable, or refused). */
  const std::string* str(const json& node, const char* key, const std::string& pointer, bool nullable = false) {
    const json* v = member(node, key);
    if (!v || (v->is_null() && nullable)) return nullptr;
    if (!v->is_string()) {
      type_error(pointer + "/" + key, nullable ? "a string or null" : "a string", *v);
      return nullptr;
    }
    if (v->get_ref<const std::string&>().empty()) {
      add("data.field.type", pointer + "/" + key, "must not be empty");
      return nullptr;
    }
    return &v->get_ref<const std::string&>();
  }

  /** The id member `key` ("" when absent or refused). */
  std::string id(const json& node, const char* key, const std::string& pointer) {
    const std::string* s = str(node, key, pointer);
    if (!s) return "";
    if (!valid_id(*s)) {
      add("data.id.invalid", pointer + "/" + key, "id \"" + *s + "\" must use only lowercase a-z, 0-9 and -");
      return "";
    }
    return *s;
  }

  void date(const json& node, const char* key, const std::string& pointer) {
    const std::string* s = str(node, key, pointer);
    if (s && !parse_date(*s)) add("data.date", pointer + "/" + key, "\"" + *s + "\" is not a date YYYY-MM-DD");
  }

  void text(const json& v, const std::string& pointer) {
    if (v.is_string()) {
      if (v.get_ref<const std::string&>().empty()) add("data.wording", pointer, "wording must not be empty");
      return;
    }
    if (!v.is_object()) {
      add("data.wording", pointer, "wording must be a string or an object of audience → string, found " + describe_type(v));
      return;
    }
    if (!v.contains("default")) add("data.wording", pointer, "per-audience wording needs a \"default\"");
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string p = pointer + "/" + pointer_token(it.key());
      if (!it.value().is_string() || it.value().get_ref<const std::string&>().empty())
        add("data.wording", p, "wording must be a non-empty string, found " + describe_type(it.value()));
      else if (it.key() != "default" && std::find(audiences().begin(), audiences().end(), it.key()) == audiences().end())
        add("data.ref.audience", p, "unknown audience \"" + it.key() + "\"; audiences: parent, young_person, professional, public");
    }
  }

  void text_member(const json& node, const char* key, const std::string& pointer) {
    const json* v = member(node, key);
    if (v && !v->is_null()) text(*v, pointer + "/" + key);
  }

  void text_list(const json& node, const char* key, const std::string& pointer) {
    const json* v = member(node, key);
    if (!v || v->is_null()) return;
    if (!v->is_array()) {
      type_error(pointer + "/" + key, "an array of wording", *v);
      return;
    }
    for (std::size_t i = 0; i < v->size(); ++i) text((*v)[i], pointer + "/" + key + "/" + fmt::to_string(i));
  }

  const json* array(const json& node, const char* key, const std::string& pointer, bool nullable = false) {
    const json* v = member(node, key);
    if (!v || (nullable && v->is_null())) return nullptr;
    if (!v->is_array()) {
      type_error(pointer + "/" + key, nullable ? "an array or null" : "an array", *v);
      return nullptr;
    }
    return v;
  }

  void duplicate(std::set<std::string>& seen, const std::string& id, const std::string& pointer, const std::string& what) {
    if (!id.empty() && !seen.insert(id).second) add("data.id.duplicate", pointer, what + " \"" + id + "\" is listed twice");
  }

  /**
   * A value of a fact (check_fact_value takes any string for an area: the town is checked on the
   * model, by check_references).
   */
  void value(const FactSpec& spec, const json& v, const std::string& pointer) {
    std::string message;
    if (!check_fact_value(spec, v, message).empty()) add("data.ref.value", pointer, message);
  }
};

/**
 * The structural pass: walks the files as JSON and reports every problem of shape, type,
 * wording, phone number and date, building nothing. What needs the data as a whole (ids listed
 * twice, references between the files) check_references finds on the reader's model.
 */
struct Shapes {
  const json& files;
  Problems problems;
  std::map<std::string, const json*> docs;  // into `files`, or `parsed` for a file given as text
  std::map<std::string, json> parsed;
  std::vector<std::string> short_codes;
  std::vector<SupersededNumber> superseded;

  void read_files() {
    if (!files.is_object()) {
      problems.push_back({"data.field.type", "", "/files", "files must be an object of file name → text", false});
      return;
    }
    for (const auto& name : data_file_names()) {
      auto it = files.find(name);
      if (it == files.end()) {
        problems.push_back({"data.file.missing", name, "", "the file " + name + " is missing", false});
        continue;
      }
      const json* doc = &*it;
      if (it->is_string()) {
        json text = parse_json_text(it->get_ref<const std::string&>(), name, problems);
        if (text.is_null()) continue;
        doc = &(parsed[name] = std::move(text));
      }
      if (!doc->is_object()) {
        problems.push_back({"data.field.type", name, "", "the file must hold a JSON object, found " + describe_type(*doc), false});
        continue;
      }
      docs[name] = doc;
    }
    for (auto it = files.begin(); it != files.end(); ++it)
      if (it.key() != "stamp" &&
          std::find(data_file_names().begin(), data_file_names().end(), it.key()) == data_file_names().end())
        problems.push_back({"data.file.unknown", it.key(), "", "not a data file (expected directory.json, calendar.json, rules.json, questions.json, ui.json)", false});
  }

  /** A fact's own `source_key` (a web address) and `checked_key` (a date); both may be left out. */
  void provenance(Checker& c, const json& node, const char* source_key, const char* checked_key, const std::string& pointer) {
    if (const std::string* s = c.str(node, source_key, pointer); s && !web_address(*s))
      c.add("data.source.not_url", pointer + "/" + source_key,
            "source \"" + *s + "\" is not the web address (http:// or https://) of the page the fact is on");
    c.date(node, checked_key, pointer);
  }

  void phone(Checker& c, const std::string& number, const std::string& pointer, bool check_superseded) {
    const std::string d = digits_of(number);
    bool short_code = false;
    for (const auto& s : short_codes) short_code = short_code || digits_of(s) == d;
    if (!phone_shape(number) || !((d.size() == 11 && d[0] == '0') || short_code)) {
      c.add("data.phone.not_uk", pointer,
            "\"" + number + "\" is not a UK phone number (digits and single spaces, 11 digits starting 0, or a listed short code)");
      return;
    }
    if (!check_superseded) return;
    for (const auto& s : superseded)
      if (digits_of(s.number) == d)
        c.add("data.phone.superseded", pointer, "\"" + number + "\" is a superseded number (" + s.was + ")");
  }

  void audience_list(Checker& c, const json& list, const std::string& pointer, const std::string& after) {
    for (std::size_t i = 0; i < list.size(); ++i)
      if (!list[i].is_string() || std::find(audiences().begin(), audiences().end(), list[i].get<std::string>()) == audiences().end())
        c.add("data.ref.audience", pointer + "/" + fmt::to_string(i), "unknown audience " + describe_value(list[i]) + after);
  }

  void directory(const json& doc) {
    Checker c{problems, "directory.json"};
    c.fields(doc, "", {"checked", "localities", "services"},
             {"publisher", "contact_page", "short_codes", "superseded_numbers"}, true);
    if (const std::string* page = c.str(doc, "contact_page", ""); page && !web_address(*page))
      c.add("data.source.not_url", "/contact_page", "\"" + *page + "\" is not a web address (http:// or https://)");
    if (const json* p = Checker::member(doc, "publisher"); p && !p->is_null()) {
      if (c.fields(*p, "/publisher", {"id", "name"}, {"url"})) {
        c.id(*p, "id", "/publisher");
        c.str(*p, "name", "/publisher");
        c.str(*p, "url", "/publisher", true);
      }
    }
    c.date(doc, "checked", "");
    if (const json* sc = c.array(doc, "short_codes", "")) {
      for (std::size_t i = 0; i < sc->size(); ++i) {
        const std::string p = "/short_codes/" + fmt::to_string(i);
        if (!(*sc)[i].is_string()) {
          c.type_error(p, "a string", (*sc)[i]);
          continue;
        }
        const std::string s = (*sc)[i].get<std::string>();
        if (!phone_shape(s) || digits_of(s).size() < 3 || digits_of(s).size() > 8)
          c.add("data.phone.not_uk", p, "\"" + s + "\" is not a short code (3 to 8 digits, single spaces)");
        else
          short_codes.push_back(s);
      }
    }
    if (const json* sn = c.array(doc, "superseded_numbers", "")) {
      for (std::size_t i = 0; i < sn->size(); ++i) {
        const std::string p = "/superseded_numbers/" + fmt::to_string(i);
        const json& n = (*sn)[i];
        if (!c.fields(n, p, {"number", "was"}, {"source"})) continue;
        const std::string* number = c.str(n, "number", p);
        const std::string* was = c.str(n, "was", p);
        c.str(n, "source", p, true);
        if (!number) continue;
        phone(c, *number, p + "/number", false);
        superseded.push_back({*number, was ? *was : "", ""});
      }
    }
    std::set<std::string> towns;
    std::map<std::string, std::pair<std::string, std::size_t>> town_keys; // town_key → town, locality index
    if (const json* ls = c.array(doc, "localities", "")) {
      for (std::size_t i = 0; i < ls->size(); ++i) {
        const std::string p = "/localities/" + fmt::to_string(i);
        const json& l = (*ls)[i];
        if (!c.fields(l, p, {"id", "name", "towns"}, {})) continue;
        c.id(l, "id", p);
        c.str(l, "name", p);
        const json* ts = c.array(l, "towns", p);
        for (std::size_t j = 0; ts && j < ts->size(); ++j) {
          const std::string tp = p + "/towns/" + fmt::to_string(j);
          if (!(*ts)[j].is_string() || detail::fold((*ts)[j].get<std::string>()).empty()) {
            c.add("data.field.type", tp, "a town must be a non-empty string");
            continue;
          }
          const std::string t = (*ts)[j].get<std::string>();
          if (!towns.insert(detail::fold(t)).second) {
            c.add("data.id.duplicate", tp, "town \"" + t + "\" is listed twice");
            continue;
          }
          // Two spellings of one place ("Wootton Bassett") may share a locality, never two.
          auto known = town_keys.emplace(detail::town_key(t), std::make_pair(t, i)).first;
          if (known->second.second != i)
            c.add("data.id.duplicate", tp, "town \"" + t + "\" is the same place as \"" + known->second.first + "\" in another locality");
        }
      }
    }
    if (const json* ss = c.array(doc, "services", ""))
      for (std::size_t i = 0; i < ss->size(); ++i) service(c, (*ss)[i], "/services/" + fmt::to_string(i));
  }

  void service(Checker& c, const json& s, const std::string& p) {
    if (!c.fields(s, p, {"id", "name", "audiences", "phones", "schedule", "source", "checked"},
                  {"organisation", "summary", "age", "email", "email_source", "email_checked", "web", "hours_text",
                   "hours_source", "hours_checked", "localities", "have_ready", "notes", "called"}))
      return;
    const std::string id = c.id(s, "id", p);
    c.str(s, "name", p);
    c.str(s, "organisation", p, true);
    c.text_member(s, "summary", p);
    c.str(s, "source", p);
    c.date(s, "checked", p);
    if (const json* a = c.array(s, "audiences", p))
      audience_list(c, *a, p + "/audiences", "; audiences: parent, young_person, professional, public");
    if (const json* age = Checker::member(s, "age"); age && !age->is_null()) {
      const std::string ap = p + "/age";
      if (c.fields(*age, ap, {}, {"min", "max", "note", "source", "checked"})) {
        const json* mn = Checker::member(*age, "min");
        const json* mx = Checker::member(*age, "max");
        bool ok = true;
        if (!mn && !mx) { c.add("data.field.missing", ap, "an age needs \"min\", \"max\" or both"); ok = false; }
        if (mn && !mn->is_number_integer()) { c.type_error(ap + "/min", "a whole number", *mn); ok = false; }
        if (mx && !mx->is_number_integer()) { c.type_error(ap + "/max", "a whole number", *mx); ok = false; }
        if (ok) {
          // A missing bound is the end of the facts' age range (0 or 25).
          long long lo = mn ? mn->get<long long>() : 0, hi = mx ? mx->get<long long>() : 25;
          if (lo < 0 || hi > 25 || hi < 0 || lo > 25)
            c.add("data.age.range", ap, "ages must be within 0 to 25, found " + fmt::to_string(lo) + " to " + fmt::to_string(hi));
          else if (lo > hi)
            c.add("data.age.range", ap, "age range is inverted: " + fmt::to_string(lo) + " to " + fmt::to_string(hi));
          else {
            c.text_member(*age, "note", ap);
            provenance(c, *age, "source", "checked", ap);
          }
        }
      }
    }
    bool reachable = false;  // a phone, an email or a web address
    if (const json* ph = c.array(s, "phones", p)) {
      for (std::size_t j = 0; j < ph->size(); ++j) {
        const std::string pp = p + "/phones/" + fmt::to_string(j);
        const json& n = (*ph)[j];
        if (!c.fields(n, pp, {"number"}, {"label", "option", "source", "checked"})) continue;
        reachable = true;
        const std::string* number = c.str(n, "number", pp);
        c.str(n, "label", pp, true);
        if (const json* o = Checker::member(n, "option"); o && !o->is_null() && !o->is_number_integer() && !o->is_string())
          c.type_error(pp + "/option", "a whole number, a string or null", *o);
        if (number) phone(c, *number, pp + "/number", true);
        provenance(c, n, "source", "checked", pp);
      }
    }
    const std::string* email = c.str(s, "email", p, true);
    if (email && (email->find('@') == std::string::npos || email->find(' ') != std::string::npos))
      c.add("data.field.type", p + "/email", "\"" + *email + "\" is not an email address");
    provenance(c, s, "email_source", "email_checked", p);
    if (!email)
      for (const char* key : {"email_source", "email_checked"})
        if (Checker::member(s, key))
          c.add("data.source.no_fact", p + "/" + key,
                std::string("\"") + key + "\" names where the email address comes from, but the service has no email");
    provenance(c, s, "hours_source", "hours_checked", p);
    const std::string* web = c.str(s, "web", p, true);
    if (web && !web_address(*web)) c.add("data.field.type", p + "/web", "\"" + *web + "\" is not a web address (http:// or https://)");
    if (const json* sch = Checker::member(s, "schedule")) check_schedule(*sch, "directory.json", p + "/schedule", problems);
    c.text_member(s, "hours_text", p);
    // A locality that is not a string is refused here; an unknown id, by check_references.
    if (const json* ls = c.array(s, "localities", p, true))
      for (std::size_t j = 0; j < ls->size(); ++j)
        if (!(*ls)[j].is_string())
          c.add("data.ref.locality", p + "/localities/" + fmt::to_string(j), "unknown locality " + describe_value((*ls)[j]));
    c.text_list(s, "have_ready", p);
    c.text_list(s, "notes", p);
    c.text_member(s, "called", p);
    if (!reachable && !email && !web) c.add("data.field.missing", p, "service \"" + id + "\" has no phone, email or web address");
  }

  // ---- rules.json ----

  void contact(Checker& c, const json& node, const std::string& p) {
    if (!node.is_object()) return c.type_error(p, "a contact object", node);
    if (node.contains("service")) {
      c.fields(node, p, {"service"}, {"why"});
      c.str(node, "service", p);
    } else if (node.contains("first_open")) {
      c.fields(node, p, {"first_open"}, {"why"});
      c.str(node, "first_open", p);
    } else if (node.contains("by_locality")) {
      c.fields(node, p, {"by_locality"}, {"why", "otherwise"});
      const json& m = node["by_locality"];
      if (!m.is_object() || m.empty())
        c.add("data.field.type", p + "/by_locality", "by_locality must be an object of locality id → service id");
      for (auto it = m.begin(); m.is_object() && it != m.end(); ++it)
        if (!it.value().is_string()) c.type_error(p + "/by_locality/" + pointer_token(it.key()), "a service id", it.value());
      if (const json* o = Checker::member(node, "otherwise"); o && !o->is_null()) {
        if (o->is_object() && o->contains("by_locality"))
          c.add("data.rules.condition", p + "/otherwise", "otherwise must not be another by_locality");
        else
          contact(c, *o, p + "/otherwise");
      }
    } else {
      return c.add("data.field.missing", p, "a contact needs \"service\", \"first_open\" or \"by_locality\"");
    }
    c.text_member(node, "why", p);
  }

  /** A `{"service", "why"}` member of a group or of `safety.by_audience`. */
  void group_member(Checker& c, const json& m, const std::string& pointer) {
    if (!c.fields(m, pointer, {"service", "why"}, {})) return;
    c.str(m, "service", pointer);
    if (const json* w = Checker::member(m, "why")) c.text(*w, pointer + "/why");
  }

  void safety(Checker& c, const json& node) {
    const std::string p = "/safety";
    if (!c.fields(node, p, {"line", "risk", "administrative", "specialist", "net_why", "takeover_why", "named_why"},
                  {"closing_minutes", "by_audience"}))
      return;
    c.str(node, "line", p);
    for (const char* key : {"risk", "administrative", "specialist"}) {
      const json* list = c.array(node, key, p);
      for (std::size_t i = 0; list && i < list->size(); ++i) {
        const std::string lp = p + "/" + key + "/" + fmt::to_string(i);
        if (!(*list)[i].is_string())
          c.type_error(lp, "a concern value", (*list)[i]);
        else if (const FactSpec* spec = find_fact("concern"))
          c.value(*spec, (*list)[i], lp);
      }
    }
    if (const json* m = Checker::member(node, "closing_minutes"))
      if (!m->is_number_integer() || m->get<long long>() < 0 || m->get<long long>() > 120)
        c.type_error(p + "/closing_minutes", "a whole number of minutes from 0 to 120", *m);
    for (const char* key : {"net_why", "takeover_why", "named_why"}) c.text_member(node, key, p);
    const json* by = Checker::member(node, "by_audience");
    if (!by) return;
    if (!by->is_object()) return c.type_error(p + "/by_audience", "an object of audience → [{\"service\", \"why\"}]", *by);
    for (auto a = by->begin(); a != by->end(); ++a) {
      const std::string ap = p + "/by_audience/" + pointer_token(a.key());
      if (std::find(audiences().begin(), audiences().end(), a.key()) == audiences().end())
        c.add("data.ref.audience", ap, "unknown audience \"" + a.key() + "\"");
      else if (!a.value().is_array())
        c.type_error(ap, "an array of {\"service\", \"why\"}", a.value());
      else
        for (std::size_t i = 0; i < a.value().size(); ++i) group_member(c, a.value()[i], ap + "/" + fmt::to_string(i));
    }
  }

  void rules(const json& doc) {
    Checker c{problems, "rules.json"};
    c.fields(doc, "", {"levels", "rules", "safety"}, {"groups"}, true);
    if (const json* ls = c.array(doc, "levels", "")) {
      for (std::size_t i = 0; i < ls->size(); ++i) {
        const std::string p = "/levels/" + fmt::to_string(i);
        const json& l = (*ls)[i];
        if (!c.fields(l, p, {"id", "name", "rank"}, {"filter"})) continue;
        c.id(l, "id", p);
        c.str(l, "name", p);
        c.str(l, "filter", p, true);
        if (const json* r = Checker::member(l, "rank"); r && !r->is_number_integer()) c.type_error(p + "/rank", "a whole number", *r);
      }
    }
    if (const json* gs = Checker::member(doc, "groups")) {
      if (!gs->is_object()) c.type_error("/groups", "an object", *gs);
      for (auto g = gs->begin(); gs->is_object() && g != gs->end(); ++g) {
        const std::string p = "/groups/" + pointer_token(g.key());
        if (!valid_id(g.key())) c.add("data.id.invalid", p, "group id \"" + g.key() + "\" must use only lowercase a-z, 0-9 and -");
        if (!g.value().is_array() || g.value().empty())
          c.add("data.field.type", p, "a group must be a non-empty array of {\"service\", \"why\"}");
        else
          for (std::size_t i = 0; i < g.value().size(); ++i) group_member(c, g.value()[i], p + "/" + fmt::to_string(i));
      }
    }
    if (const json* sf = Checker::member(doc, "safety")) safety(c, *sf);
    const json* rs = c.array(doc, "rules", "");
    if (!rs) return;
    for (std::size_t i = 0; i < rs->size(); ++i) {
      const std::string p = "/rules/" + fmt::to_string(i);
      const json& r = (*rs)[i];
      if (!c.fields(r, p, {"id", "when"}, {"level", "contacts", "notes", "explain", "final"})) continue;
      const std::string id = c.id(r, "id", p);
      if (const json* w = Checker::member(r, "when")) read_condition(*w, p + "/when", problems);
      c.str(r, "level", p, true);
      const json* cs = c.array(r, "contacts", p);
      for (std::size_t j = 0; cs && j < cs->size(); ++j) contact(c, (*cs)[j], p + "/contacts/" + fmt::to_string(j));
      c.text_list(r, "notes", p);
      c.text_member(r, "explain", p);
      if (const json* f = Checker::member(r, "final"); f && !f->is_boolean()) c.type_error(p + "/final", "true or false", *f);
      const json* notes = Checker::member(r, "notes");
      if (!(cs && !cs->empty()) && !(notes && notes->is_array() && !notes->empty()) && !Checker::member(r, "level"))
        c.add("data.rules.empty", p, "rule \"" + id + "\" sets no level, contacts or notes: it points nowhere");
    }
    if (rs->empty())
      return c.add("data.rules.catch_all", "/rules", "there are no rules: the last rule must be a catch-all with \"when\": {} and contacts");
    const json* w = Checker::member(rs->back(), "when");
    const json* cs = Checker::member(rs->back(), "contacts");
    bool empty_when = w && w->is_object() && (w->empty() || (w->size() == 1 && w->contains("$comment")));
    if (!empty_when || !cs || !cs->is_array() || cs->empty())
      c.add("data.rules.catch_all", "/rules/" + fmt::to_string(rs->size() - 1),
            "the last rule must be a catch-all with \"when\": {} and at least one contact");
  }

  // ---- questions.json ----

  /** `group`: the spec of the question's `grouped_by` fact (nullptr: the option has no `groups`). */
  bool option(Checker& c, const json& node, const std::string& p, const FactSpec* spec, bool unknown,
              const FactSpec* group = nullptr) {
    if (unknown) {
      if (!c.fields(node, p, {"label"}, {"hint"})) return false;
    } else if (!c.fields(node, p, {"value", "label"}, {"hint", "audiences", "groups"})) {
      return false;
    }
    // `fields` has already reported a missing "value"; never index a const object blindly.
    const json* v = Checker::member(node, "value");
    if (!unknown && !v) return false;
    if (spec && v && v->is_primitive() && !v->is_null()) c.value(*spec, *v, p + "/value");
    if (const json* l = Checker::member(node, "label")) c.text(*l, p + "/label");
    c.text_member(node, "hint", p);
    if (const json* a = c.array(node, "audiences", p, true)) audience_list(c, *a, p + "/audiences", "");
    // groups: answers of the question's grouped_by fact (questions.json, grouped questions).
    if (const json* g = c.array(node, "groups", p)) {
      if (!group) c.add("data.questions.group", p + "/groups", "only an option of a question with \"grouped_by\" has groups");
      for (std::size_t i = 0; i < g->size() && group; ++i) {
        const json& gv = (*g)[i];
        if (!gv.is_string() || std::find(group->values.begin(), group->values.end(), gv.get<std::string>()) == group->values.end())
          c.add("data.questions.group", p + "/groups/" + fmt::to_string(i),
                describe_value(gv) + " is not a value of the fact \"" + group->name + "\"");
      }
    }
    return true;
  }

  void questions(const json& doc) {
    Checker c{problems, "questions.json"};
    c.fields(doc, "", {"questions"}, {}, true);
    std::set<std::string> facts;
    const json* qs = c.array(doc, "questions", "");
    for (std::size_t i = 0; qs && i < qs->size(); ++i) {
      const std::string p = "/questions/" + fmt::to_string(i);
      const json& n = (*qs)[i];
      if (!c.fields(n, p, {"id", "fact", "type", "text"}, {"hint", "options", "min", "max", "unknown_option", "grouped_by"})) continue;
      c.id(n, "id", p);
      const std::string* fact = c.str(n, "fact", p);
      const FactSpec* spec = fact ? find_fact(*fact) : nullptr;
      if (fact && !spec) c.add("data.ref.fact", p + "/fact", "unknown fact \"" + *fact + "\"");
      if (fact && !facts.insert(*fact).second)
        c.add("data.questions.duplicate_fact", p + "/fact", "a second question asks for \"" + *fact + "\"");
      const std::string* type_ptr = c.str(n, "type", p);
      const std::string type = type_ptr ? *type_ptr : "";
      static const std::map<std::string, FactSpec::Type> types{{"choice", FactSpec::Type::choice},
                                                               {"yes_no", FactSpec::Type::boolean},
                                                               {"number", FactSpec::Type::integer},
                                                               {"area", FactSpec::Type::area}};
      auto known = types.find(type);
      if (!type.empty() && known == types.end())
        c.add("data.questions.type", p + "/type", "unknown type \"" + type + "\" (choice, yes_no, number or area)");
      else if (known != types.end() && spec && spec->type != known->second)
        c.add("data.questions.type", p + "/type", "a \"" + type + "\" question cannot ask for the fact \"" + *fact + "\"");
      if (const json* t = Checker::member(n, "text")) c.text(*t, p + "/text");
      c.text_member(n, "hint", p);
      // grouped_by: a choice fact, asked first, whose answer picks the options shown.
      const FactSpec* group = nullptr;
      if (Checker::member(n, "grouped_by")) {
        if (const std::string* g = c.str(n, "grouped_by", p)) {
          group = find_fact(*g);
          if (!group || group->type != FactSpec::Type::choice || (fact && *g == *fact)) {
            c.add("data.questions.group", p + "/grouped_by", "\"" + *g + "\" is not another choice fact");
            group = nullptr;
          }
        }
      }
      const json* os = c.array(n, "options", p);
      if (os && type == "number") c.add("data.field.unknown", p + "/options", "a number question has no options");
      std::set<std::string> values;
      for (std::size_t j = 0; os && j < os->size(); ++j) {
        const std::string op = p + "/options/" + fmt::to_string(j);
        const json* value = Checker::member((*os)[j], "value");
        if (option(c, (*os)[j], op, spec, false, group) && value && value->is_primitive())
          c.duplicate(values, value->dump(), op + "/value", "option value");
      }
      if ((type == "choice" || type == "yes_no") && !Checker::member(n, "options"))
        c.add("data.field.missing", p, "a " + type + " question needs \"options\"");
      else if ((type == "choice" || type == "yes_no") && Checker::member(n, "options")->empty())
        c.add("data.field.missing", p + "/options", "a " + type + " question needs at least one option");
      std::optional<long long> bound[2];
      for (int b = 0; b < 2; ++b) {
        const char* k = b == 0 ? "min" : "max";
        const json* v = Checker::member(n, k);
        if (v && !v->is_number_integer()) c.type_error(p + "/" + k, "a whole number", *v);
        if (v && v->is_number_integer()) bound[b] = v->get<long long>();
      }
      const auto& [min, max] = bound;
      if (type == "number") {
        if (!min || !max)
          c.add("data.field.missing", p, "a number question needs \"min\" and \"max\"");
        else if (*min > *max)
          c.add("data.age.range", p, "range is inverted: " + fmt::to_string(*min) + " to " + fmt::to_string(*max));
        else if (spec && spec->type == FactSpec::Type::integer && (*min < spec->min || *max > spec->max))
          c.add("data.age.range", p, "range must be within " + fmt::to_string(spec->min) + " to " + fmt::to_string(spec->max));
      } else if (min || max) {
        c.add("data.field.unknown", p, "only number questions have \"min\" and \"max\"");
      }
      if (const json* u = Checker::member(n, "unknown_option"); u && !u->is_null()) option(c, *u, p + "/unknown_option", spec, true);
    }
  }

  void ui(const json& doc) {
    Checker c{problems, "ui.json"};
    for (auto s = doc.begin(); s != doc.end(); ++s) {
      if (s.key() != "$schema" && s.key() != "$comment")
        c.text(s.value(), "/" + pointer_token(s.key()));
      else if (!s.value().is_string())
        c.type_error("/" + pointer_token(s.key()), "a string", s.value());
    }
  }

  void run() {
    read_files();
    auto doc = [&](const char* name, void (Shapes::*check)(const json&)) {
      if (auto it = docs.find(name); it != docs.end()) (this->*check)(*it->second);
    };
    // Short codes and superseded numbers first, so phone checks can use them.
    doc("directory.json", &Shapes::directory);
    if (auto it = docs.find("calendar.json"); it != docs.end()) check_calendar(*it->second, "calendar.json", problems);
    doc("rules.json", &Shapes::rules);
    doc("questions.json", &Shapes::questions);
    doc("ui.json", &Shapes::ui);
  }
};

/** Calls `visit(test, pointer)` for each fact test of `c`, a `when` at `pointer`, in file order. */
template <typename Visit>
void each_test(const Condition& c, const std::string& pointer, const Visit& visit) {
  for (std::size_t i = 0; i < c.children.size(); ++i) {
    const Condition& child = c.children[i];
    if (child.kind == Condition::Kind::any) {
      for (std::size_t k = 0; k < child.children.size(); ++k)
        each_test(child.children[k], pointer + "/any/" + fmt::to_string(k), visit);
    } else if (child.kind == Condition::Kind::negate) {
      each_test(child.children.at(0), pointer + "/not", visit);
    } else {
      visit(child, pointer + "/" + pointer_token(child.fact));
    }
  }
}

/** The towns a test of an area fact names that are not in the directory (data.ref.value). */
void check_towns(const Model& model, const Condition& test, const std::string& pointer, Checker& c) {
  const FactSpec* spec = find_fact(test.fact);
  if (!spec || spec->type != FactSpec::Type::area) return;
  const char* list = test.kind == Condition::Kind::in ? "/in/" : test.kind == Condition::Kind::not_in ? "/not_in/" : nullptr;
  for (std::size_t i = 0; i < test.values.size(); ++i)
    if (const std::string* town = string_of(test.values[i]); town && !model.locality_of_town(*town))
      c.add("data.ref.value", list ? pointer + list + fmt::to_string(i) : pointer,
            "\"" + *town + "\" is not a town in directory.json");
}

/** A service id (data.ref.service), when directory.json passed. */
void check_service(const Model& model, const std::string& id, const std::string& pointer, bool directory, Checker& c) {
  if (directory && !model.service(id)) c.add("data.ref.service", pointer, "unknown service \"" + id + "\"");
}

/** The checks of a contact's references (service, group, locality ids). */
void check_contact(const Model& model, const ContactSpec& spec, const std::string& p, bool directory, Checker& c) {
  if (spec.kind == ContactSpec::Kind::service) check_service(model, spec.service, p + "/service", directory, c);
  if (spec.kind == ContactSpec::Kind::first_open && !model.groups.count(spec.group))
    c.add("data.ref.group", p + "/first_open", "unknown group \"" + spec.group + "\"");
  for (const auto& [locality, id] : spec.by_locality) {
    const std::string mp = p + "/by_locality/" + pointer_token(locality);
    bool known = !directory;
    for (const auto& l : model.localities) known = known || l.id == locality;
    if (!known) c.add("data.ref.locality", mp, "unknown locality \"" + locality + "\"");
    check_service(model, id, mp, directory, c);
  }
  if (spec.otherwise) check_contact(model, *spec.otherwise, p + "/otherwise", directory, c);
}

/**
 * The checks that need the data as a whole, on the reader's model of the files that passed the
 * structural pass (`clean`): the reader keeps file order, so each pointer is built from indices.
 */
void check_references(const Model& model, const std::set<std::string>& clean, Problems& problems) {
  const bool directory = clean.count("directory.json"), rules = clean.count("rules.json"),
             questions = clean.count("questions.json");
  auto at = [](const char* list, std::size_t i, const char* key) {
    return std::string("/") + list + "/" + fmt::to_string(i) + (*key ? "/" : "") + key;
  };
  std::set<std::string> seen;
  Checker dc{problems, "directory.json"};
  for (std::size_t i = 0; directory && i < model.localities.size(); ++i)
    dc.duplicate(seen, model.localities[i].id, at("localities", i, "id"), "locality");
  seen.clear();
  for (std::size_t i = 0; directory && i < model.services.size(); ++i) {
    const Service& s = model.services[i];
    dc.duplicate(seen, s.id, at("services", i, "id"), "service");
    for (std::size_t j = 0; s.localities && j < s.localities->size(); ++j) {
      bool known = false;
      for (const auto& l : model.localities) known = known || l.id == (*s.localities)[j];
      if (!known)
        dc.add("data.ref.locality", at("services", i, "localities/") + fmt::to_string(j),
               "unknown locality " + describe_value((*s.localities)[j]));
    }
    // The explain line for a dropped contact is the service's age note, else ui.json's
    // "age_outside" sentence: one of them must exist, as the core holds no wording.
    if (clean.count("ui.json") && s.age && !s.age->note && !model.ui.count("age_outside"))
      dc.add("data.ui.missing", at("services", i, "age"),
             "this age range has no \"note\" and ui.json has no \"age_outside\" sentence to explain it");
  }
  Checker rc{problems, "rules.json"};
  if (rules) {
    seen.clear();
    for (std::size_t i = 0; i < model.levels.size(); ++i) rc.duplicate(seen, model.levels[i].id, at("levels", i, "id"), "level");
    for (const auto& [name, members] : model.groups)
      for (std::size_t i = 0; i < members.size(); ++i)
        check_service(model, members[i].service, "/groups/" + pointer_token(name) + "/" + fmt::to_string(i) + "/service",
                      directory, rc);
    const Safety& sf = model.safety;
    if (!model.groups.count(sf.line)) rc.add("data.ref.group", "/safety/line", "unknown group \"" + sf.line + "\"");
    for (const auto& a : sf.administrative)
      if (std::find(sf.risk.begin(), sf.risk.end(), a) != sf.risk.end())
        rc.add("data.safety.overlap", "/safety/administrative", "\"" + a + "\" is listed both as a risk and as administrative");
    for (const auto& [audience, members] : sf.by_audience)
      for (std::size_t i = 0; i < members.size(); ++i)
        check_service(model, members[i].service,
                      "/safety/by_audience/" + pointer_token(audience) + "/" + fmt::to_string(i) + "/service", directory, rc);
    seen.clear();
    std::map<std::string, std::string> first_use;  // fact → pointer of its first use
    for (std::size_t i = 0; i < model.rules.size(); ++i) {
      const Rule& r = model.rules[i];
      rc.duplicate(seen, r.id, at("rules", i, "id"), "rule");
      each_test(r.when, at("rules", i, "when"), [&](const Condition& test, const std::string& pointer) {
        first_use.emplace(test.fact, pointer);
        if (directory) check_towns(model, test, pointer, rc);
      });
      if (!r.level.empty() && !model.level(r.level)) rc.add("data.ref.level", at("rules", i, "level"), "unknown level \"" + r.level + "\"");
      for (std::size_t j = 0; j < r.contacts.size(); ++j)
        check_contact(model, r.contacts[j], at("rules", i, "contacts/") + fmt::to_string(j), directory, rc);
    }
    for (const auto& [fact, pointer] : first_use)
      if (questions && !model.question_for(fact))
        rc.add("data.rules.no_question", pointer, "the rules use the fact \"" + fact + "\" but no question asks for it");
  }
  Checker qc{problems, "questions.json"};
  seen.clear();
  for (std::size_t i = 0; questions && i < model.questions.size(); ++i) {
    const Question& q = model.questions[i];
    qc.duplicate(seen, q.id, at("questions", i, "id"), "question");
    if (!q.grouped_by.empty() && model.question_index(q.grouped_by) >= i)
      qc.add("data.questions.group", at("questions", i, "grouped_by"), "no question before this one asks for \"" + q.grouped_by + "\"");
    const FactSpec* spec = find_fact(q.fact);
    for (std::size_t j = 0; directory && spec && spec->type == FactSpec::Type::area && j < q.options.size(); ++j)
      if (const std::string* town = string_of(q.options[j].value); town && !model.locality_of_town(*town))
        qc.add("data.ref.value", at("questions", i, "options/") + fmt::to_string(j) + "/value",
               "\"" + *town + "\" is not a town in directory.json");
  }
}

}  // namespace

Condition parse_condition(const Model& model, const json& when, const std::string& pointer, Problems& problems) {
  const std::size_t before = problems.size();
  Condition condition = read_condition(when, pointer, problems);
  if (problems.size() > before) return Condition{};
  Checker c{problems, "rules.json"};
  each_test(condition, pointer, [&](const Condition& test, const std::string& p) { check_towns(model, test, p, c); });
  return condition;
}

LoadResult read_model(const json& files) {
  Shapes shapes{files, {}, {}, {}, {}, {}};
  shapes.run();
  LoadResult result;
  result.problems = std::move(shapes.problems);
  // The reader reads the files that passed; a file that did not is read as an empty stand-in,
  // and the checks that need it are left out.
  static const json empty = json::parse(R"({"directory.json": {"checked": "2000-01-01", "localities": [], "services": []},
      "calendar.json": {"exceptions": []}, "questions.json": {"questions": []}, "ui.json": {},
      "rules.json": {"levels": [], "rules": [], "safety": {"line": "", "net_why": "", "takeover_why": "", "named_why": ""}}})");
  json readable = json::object();
  std::set<std::string> clean;
  for (const auto& name : data_file_names()) {
    bool ok = shapes.docs.count(name);
    for (const auto& p : result.problems) ok = ok && (p.warning || p.file != name);
    readable[name] = ok ? *shapes.docs[name] : empty[name];
    if (ok) clean.insert(name);
  }
  auto model = read_data(readable);
  check_references(*model, clean, result.problems);
  if (!has_errors(result.problems)) result.model = std::move(model);
  return result;
}

}  // namespace frontdoor
