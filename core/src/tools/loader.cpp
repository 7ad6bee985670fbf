#include "frontdoor/loader.hpp"
#include "frontdoor/wire.hpp"

#include <algorithm>
#include <set>

#include "frontdoor/calendar_json.hpp"
#include "json_parse.hpp"
#include "frontdoor/facts.hpp"
#include "frontdoor/rules.hpp"
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

/** `v` as a Value; null when it is none (the checks report it). */
Value value_of(const json& v) {
  try {
    return v.get<Value>();
  } catch (const json::type_error&) {
    return Value();
  }
}

std::string type_name(const json& v) {
  if (v.is_number_integer()) return "an integer";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_boolean()) return "a boolean";
  if (v.is_null()) return "null";
  if (v.is_array()) return "an array";
  return "an object";
}

/** Checks one file, collecting problems with the file name. */
struct Checker {
  Problems& problems;
  std::string file;

  void add(const std::string& id, const std::string& pointer, const std::string& message, bool warning = false) {
    problems.push_back({id, file, pointer, message, warning});
  }

  void type_error(const std::string& pointer, const std::string& expected, const json& got) {
    add("data.field.type", pointer, "expected " + expected + ", found " + type_name(got));
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
  const std::string* string_ref(const json& node, const char* key, const std::string& pointer, bool nullable = false,
                                bool non_empty = true) {
    const json* v = member(node, key);
    if (!v) return nullptr;
    if (v->is_null() && nullable) return nullptr;
    if (!v->is_string()) {
      type_error(pointer + "/" + key, nullable ? "a string or null" : "a string", *v);
      return nullptr;
    }
    if (non_empty && v->get_ref<const std::string&>().empty()) {
      add("data.field.type", pointer + "/" + key, "must not be empty");
      return nullptr;
    }
    return &v->get_ref<const std::string&>();
  }

  std::optional<std::string> string(const json& node, const char* key, const std::string& pointer, bool nullable = false,
                                    bool non_empty = true) {
    const std::string* s = string_ref(node, key, pointer, nullable, non_empty);
    if (!s) return std::nullopt;
    return *s;
  }

  /** string(), or "" when it gives nothing. */
  std::string str(const json& node, const char* key, const std::string& pointer, bool nullable = false) {
    const std::string* s = string_ref(node, key, pointer, nullable);
    return s ? *s : std::string();
  }

  std::string id(const json& node, const char* key, const std::string& pointer) {
    auto s = string(node, key, pointer);
    if (!s) return "";
    if (!valid_id(*s)) {
      add("data.id.invalid", pointer + "/" + key, "id \"" + *s + "\" must use only lowercase a-z, 0-9 and -");
      return "";
    }
    return *s;
  }

  std::optional<Date> date(const json& node, const char* key, const std::string& pointer) {
    auto s = string(node, key, pointer);
    if (!s) return std::nullopt;
    auto d = parse_date(*s);
    if (!d) add("data.date", pointer + "/" + key, "\"" + *s + "\" is not a date YYYY-MM-DD");
    return d;
  }

  std::optional<Text> text(const json& v, const std::string& pointer) {
    if (v.is_string()) {
      if (v.get_ref<const std::string&>().empty()) {
        add("data.wording", pointer, "wording must not be empty");
        return std::nullopt;
      }
      return Text{v.get<std::string>(), {}};
    }
    if (!v.is_object()) {
      add("data.wording", pointer, "wording must be a string or an object of audience → string, found " + type_name(v));
      return std::nullopt;
    }
    Text t;
    bool ok = true;
    if (!v.contains("default")) {
      add("data.wording", pointer, "per-audience wording needs a \"default\"");
      ok = false;
    }
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string p = pointer + "/" + pointer_token(it.key());
      if (!it.value().is_string() || it.value().get_ref<const std::string&>().empty()) {
        add("data.wording", p, "wording must be a non-empty string, found " + type_name(it.value()));
        ok = false;
        continue;
      }
      if (it.key() == "default") {
        t.fallback = it.value().get<std::string>();
      } else if (std::find(audiences().begin(), audiences().end(), it.key()) != audiences().end()) {
        t.by_audience[it.key()] = it.value().get<std::string>();
      } else {
        add("data.ref.audience", p, "unknown audience \"" + it.key() + "\"; audiences: parent, young_person, professional, public");
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return t;
  }

  std::optional<Text> text_member(const json& node, const char* key, const std::string& pointer, bool nullable = true) {
    const json* v = member(node, key);
    if (!v || (nullable && v->is_null())) return std::nullopt;
    return text(*v, pointer + "/" + key);
  }

  std::vector<Text> text_list(const json& node, const char* key, const std::string& pointer) {
    std::vector<Text> out;
    const json* v = member(node, key);
    if (!v || v->is_null()) return out;
    if (!v->is_array()) {
      type_error(pointer + "/" + key, "an array of wording", *v);
      return out;
    }
    for (std::size_t i = 0; i < v->size(); ++i)
      if (auto t = text((*v)[i], pointer + "/" + key + "/" + fmt::to_string(i))) out.push_back(std::move(*t));
    return out;
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
    if (id.empty()) return;
    if (!seen.insert(id).second) add("data.id.duplicate", pointer, what + " \"" + id + "\" is listed twice");
  }
};

std::string value_text(const json& v) { return describe_value(v); }

struct Loader {
  const json& files;
  Problems problems;
  Model model;
  std::map<std::string, const json*> docs;  // into `files`, or `parsed` for a file given as text
  std::map<std::string, json> parsed;
  std::set<std::string> rule_facts;
  std::map<std::string, std::string> fact_first_use; // fact → pointer of its first use in rules.json

  void read_files() {
    Checker c{problems, ""};
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
        problems.push_back({"data.field.type", name, "", "the file must hold a JSON object, found " + type_name(*doc), false});
        continue;
      }
      docs[name] = doc;
    }
    for (auto it = files.begin(); it != files.end(); ++it)
      if (it.key() != "stamp" &&
          std::find(data_file_names().begin(), data_file_names().end(), it.key()) == data_file_names().end())
        problems.push_back({"data.file.unknown", it.key(), "", "not a data file (expected directory.json, calendar.json, rules.json, questions.json, ui.json)", false});
  }

  /**
   * The provenance of one fact: `node`'s `source_key` and `checked_key` members, each defaulting
   * to the service's `source` and `checked`.
   */
  Provenance provenance(Checker& c, const json& node, const char* source_key, const char* checked_key,
                        const std::string& pointer, const Service& service) {
    Provenance out{service.source, service.checked};
    if (auto s = c.string(node, source_key, pointer)) {
      if (web_address(*s))
        out.source = *s;
      else
        c.add("data.source.not_url", pointer + "/" + source_key,
              "source \"" + *s + "\" is not the web address (http:// or https://) of the page the fact is on");
    }
    if (auto d = c.date(node, checked_key, pointer)) out.checked = *d;
    return out;
  }

  void phone(Checker& c, const std::string& number, const std::string& pointer, bool check_superseded) {
    const std::string d = digits_of(number);
    bool short_code = false;
    for (const auto& s : model.short_codes) short_code = short_code || digits_of(s) == d;
    if (!phone_shape(number) || !((d.size() == 11 && d[0] == '0') || short_code)) {
      c.add("data.phone.not_uk", pointer,
            "\"" + number + "\" is not a UK phone number (digits and single spaces, 11 digits starting 0, or a listed short code)");
      return;
    }
    if (!check_superseded) return;
    for (const auto& s : model.superseded)
      if (digits_of(s.number) == d)
        c.add("data.phone.superseded", pointer, "\"" + number + "\" is a superseded number (" + s.was + ")");
  }

  void directory() {
    auto it = docs.find("directory.json");
    if (it == docs.end()) return;
    const json& doc = *it->second;
    Checker c{problems, "directory.json"};
    c.fields(doc, "", {"checked", "localities", "services"},
             {"publisher", "contact_page", "short_codes", "superseded_numbers"}, true);
    if (auto page = c.string(doc, "contact_page", "")) {
      if (web_address(*page))
        model.contact_page = *page;
      else
        c.add("data.source.not_url", "/contact_page", "\"" + *page + "\" is not a web address (http:// or https://)");
    }
    if (const json* p = Checker::member(doc, "publisher"); p && !p->is_null()) {
      if (c.fields(*p, "/publisher", {"id", "name"}, {"url"})) {
        c.id(*p, "id", "/publisher");
        c.string(*p, "name", "/publisher");
        c.string(*p, "url", "/publisher", true);
      }
    }
    if (auto d = c.date(doc, "checked", "")) model.checked = *d;
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
          model.short_codes.push_back(s);
      }
    }
    if (const json* sn = c.array(doc, "superseded_numbers", "")) {
      for (std::size_t i = 0; i < sn->size(); ++i) {
        const std::string p = "/superseded_numbers/" + fmt::to_string(i);
        const json& n = (*sn)[i];
        if (!c.fields(n, p, {"number", "was"}, {"source"})) continue;
        SupersededNumber s;
        s.number = c.str(n, "number", p);
        s.was = c.str(n, "was", p);
        s.source = c.str(n, "source", p, true);
        if (!s.number.empty()) {
          phone(c, s.number, p + "/number", false);
          model.superseded.push_back(s);
        }
      }
    }
    std::set<std::string> locality_ids, towns;
    std::map<std::string, std::pair<std::string, std::size_t>> town_keys; // town_key → town, locality index
    if (const json* ls = c.array(doc, "localities", "")) {
      for (std::size_t i = 0; i < ls->size(); ++i) {
        const std::string p = "/localities/" + fmt::to_string(i);
        const json& l = (*ls)[i];
        if (!c.fields(l, p, {"id", "name", "towns"}, {})) continue;
        Locality loc;
        loc.id = c.id(l, "id", p);
        c.duplicate(locality_ids, loc.id, p + "/id", "locality");
        loc.name = c.str(l, "name", p);
        if (const json* ts = c.array(l, "towns", p)) {
          for (std::size_t j = 0; j < ts->size(); ++j) {
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
            if (known->second.second != i) {
              c.add("data.id.duplicate", tp,
                    "town \"" + t + "\" is the same place as \"" + known->second.first + "\" in another locality");
              continue;
            }
            loc.towns.push_back(t);
          }
        }
        model.localities.push_back(loc);
      }
    }
    std::set<std::string> service_ids;
    if (const json* ss = c.array(doc, "services", "")) {
      for (std::size_t i = 0; i < ss->size(); ++i) {
        const std::string p = "/services/" + fmt::to_string(i);
        const json& s = (*ss)[i];
        if (!c.fields(s, p, {"id", "name", "audiences", "phones", "schedule", "source", "checked"},
                      {"organisation", "summary", "age", "email", "email_source", "email_checked", "web", "hours_text",
                       "hours_source", "hours_checked", "localities", "have_ready", "notes", "called"}))
          continue;
        Service svc;
        svc.id = c.id(s, "id", p);
        c.duplicate(service_ids, svc.id, p + "/id", "service");
        svc.name = c.str(s, "name", p);
        svc.organisation = c.str(s, "organisation", p, true);
        if (auto t = c.text_member(s, "summary", p)) svc.summary = std::move(*t);
        // Read first: each fact's provenance defaults to them.
        svc.source = c.str(s, "source", p);
        if (auto d = c.date(s, "checked", p)) svc.checked = *d;
        if (const json* a = c.array(s, "audiences", p)) {
          for (std::size_t j = 0; j < a->size(); ++j) {
            const json& v = (*a)[j];
            if (!v.is_string() || std::find(audiences().begin(), audiences().end(), v.get<std::string>()) == audiences().end())
              c.add("data.ref.audience", p + "/audiences/" + fmt::to_string(j),
                    "unknown audience " + value_text(v) + "; audiences: parent, young_person, professional, public");
            else
              svc.audiences.push_back(v.get<std::string>());
          }
        }
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
              else
                svc.age = AgeRange{static_cast<int>(lo), static_cast<int>(hi), c.text_member(*age, "note", ap),
                                   provenance(c, *age, "source", "checked", ap, svc)};
            }
          }
        }
        if (const json* ph = c.array(s, "phones", p)) {
          for (std::size_t j = 0; j < ph->size(); ++j) {
            const std::string pp = p + "/phones/" + fmt::to_string(j);
            const json& n = (*ph)[j];
            if (!c.fields(n, pp, {"number"}, {"label", "option", "source", "checked"})) continue;
            Phone phone_entry;
            phone_entry.number = c.str(n, "number", pp);
            phone_entry.label = c.str(n, "label", pp, true);
            if (const json* o = Checker::member(n, "option")) {
              if (o->is_null() || o->is_number_integer() || o->is_string())
                phone_entry.option = value_of(*o);
              else
                c.type_error(pp + "/option", "a whole number, a string or null", *o);
            }
            if (!phone_entry.number.empty()) phone(c, phone_entry.number, pp + "/number", true);
            phone_entry.provenance = provenance(c, n, "source", "checked", pp, svc);
            svc.phones.push_back(std::move(phone_entry));
          }
        }
        if (auto e = c.string(s, "email", p, true)) {
          if (e->find('@') == std::string::npos || e->find(' ') != std::string::npos)
            c.add("data.field.type", p + "/email", "\"" + *e + "\" is not an email address");
          svc.email = e;
        }
        svc.email_provenance = provenance(c, s, "email_source", "email_checked", p, svc);
        if (!svc.email)
          for (const char* key : {"email_source", "email_checked"})
            if (Checker::member(s, key))
              c.add("data.source.no_fact", p + "/" + key,
                    std::string("\"") + key + "\" names where the email address comes from, but the service has no email");
        svc.hours_provenance = provenance(c, s, "hours_source", "hours_checked", p, svc);
        if (auto w = c.string(s, "web", p, true)) {
          if (!web_address(*w))
            c.add("data.field.type", p + "/web", "\"" + *w + "\" is not a web address (http:// or https://)");
          svc.web = w;
        }
        if (const json* sch = Checker::member(s, "schedule"))
          svc.schedule = parse_schedule(*sch, "directory.json", p + "/schedule", problems);
        if (auto t = c.text_member(s, "hours_text", p)) svc.hours_text = std::move(*t);
        if (const json* ls2 = c.array(s, "localities", p, true)) {
          std::vector<std::string> ids;
          for (std::size_t j = 0; j < ls2->size(); ++j) {
            const json& v = (*ls2)[j];
            if (!v.is_string() || !locality_ids.count(v.get<std::string>()))
              c.add("data.ref.locality", p + "/localities/" + fmt::to_string(j), "unknown locality " + value_text(v));
            else
              ids.push_back(v.get<std::string>());
          }
          svc.localities = ids;
        }
        svc.have_ready = c.text_list(s, "have_ready", p);
        svc.notes = c.text_list(s, "notes", p);
        svc.called = c.text_member(s, "called", p);
        if (svc.phones.empty() && !svc.email && !svc.web)
          c.add("data.field.missing", p, "service \"" + svc.id + "\" has no phone, email or web address");
        model.services.push_back(std::move(svc));
      }
    }
  }

  void calendar() {
    auto it = docs.find("calendar.json");
    if (it == docs.end()) return;
    model.calendar = parse_calendar(*it->second, "calendar.json", problems);
  }

  // ---- rules.json ----

  void check_value(Checker& c, const FactSpec& spec, const json& v, const std::string& pointer) {
    std::string message;
    if (spec.type == FactSpec::Type::area && v.is_string()) {
      if (!model.locality_of_town(v.get<std::string>()))
        c.add("data.ref.value", pointer, "\"" + v.get<std::string>() + "\" is not a town in directory.json");
      return;
    }
    if (!check_fact_value(spec, v, message).empty()) c.add("data.ref.value", pointer, message);
  }

  Condition when(Checker& c, const json& node, const std::string& pointer, int depth = 0) {
    Condition all;
    all.kind = Condition::Kind::all;
    if (depth > 16) {
      c.add("data.rules.condition", pointer, "conditions are nested more than 16 deep");
      return all;
    }
    if (!node.is_object()) {
      c.add("data.rules.condition", pointer, "a condition must be an object, found " + type_name(node));
      return all;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string& key = it.key();
      const json& v = it.value();
      const std::string p = pointer + "/" + pointer_token(key);
      if (key == "$comment") {
        if (!v.is_string()) c.type_error(p, "a string", v);
        continue;
      }
      if (key == "any") {
        Condition any;
        any.kind = Condition::Kind::any;
        if (!v.is_array() || v.empty()) {
          c.add("data.rules.condition", p, "\"any\" needs a non-empty array of conditions");
          continue;
        }
        for (std::size_t i = 0; i < v.size(); ++i) any.children.push_back(when(c, v[i], p + "/" + fmt::to_string(i), depth + 1));
        all.children.push_back(std::move(any));
        continue;
      }
      if (key == "not") {
        Condition neg;
        neg.kind = Condition::Kind::negate;
        neg.children.push_back(when(c, v, p, depth + 1));
        all.children.push_back(std::move(neg));
        continue;
      }
      const FactSpec* spec = find_fact(key);
      if (!spec) {
        c.add("data.ref.fact", p, "unknown fact \"" + key + "\"");
        continue;
      }
      rule_facts.insert(key);
      fact_first_use.emplace(key, p);
      Condition t;
      t.fact = key;
      if (v.is_object()) {
        const bool has_in = v.contains("in"), has_not_in = v.contains("not_in"), has_range = v.contains("min") || v.contains("max"),
                   has_known = v.contains("known");
        if (int(has_in) + int(has_not_in) + int(has_range) + int(has_known) != 1) {
          c.add("data.rules.condition", p, "a test must be exactly one of {\"in\"}, {\"not_in\"}, {\"min\", \"max\"} or {\"known\"}");
          continue;
        }
        bool bad = false;
        for (auto m = v.begin(); m != v.end(); ++m)
          if (m.key() != "in" && m.key() != "not_in" && m.key() != "min" && m.key() != "max" && m.key() != "known") {
            c.add("data.rules.condition", p + "/" + pointer_token(m.key()), "unknown test \"" + m.key() + "\"");
            bad = true;
          }
        if (bad) continue;
        if (has_in || has_not_in) {
          const char* k = has_in ? "in" : "not_in";
          t.kind = has_in ? Condition::Kind::in : Condition::Kind::not_in;
          const json& list = v[k];
          if (!list.is_array() || list.empty()) {
            c.add("data.rules.condition", p + "/" + k, std::string("\"") + k + "\" needs a non-empty array of values");
            continue;
          }
          for (std::size_t i = 0; i < list.size(); ++i) {
            check_value(c, *spec, list[i], p + "/" + k + "/" + fmt::to_string(i));
            t.values.push_back(value_of(list[i]));
          }
        } else if (has_range) {
          t.kind = Condition::Kind::range;
          if (spec->type != FactSpec::Type::integer) {
            c.add("data.rules.condition", p, "min/max apply only to whole-number facts, not \"" + key + "\"");
            continue;
          }
          for (const char* k : {"min", "max"}) {
            if (!v.contains(k)) continue;
            if (!v[k].is_number_integer()) {
              c.add("data.rules.condition", p + "/" + k, std::string(k) + " must be a whole number");
              continue;
            }
            check_value(c, *spec, v[k], p + "/" + k);
            (std::string(k) == "min" ? t.min : t.max) = v[k].get<long long>();
          }
          if (t.min && t.max && *t.min > *t.max)
            c.add("data.age.range", p, "range is inverted: " + fmt::to_string(*t.min) + " to " + fmt::to_string(*t.max));
        } else {
          t.kind = Condition::Kind::known;
          if (!v["known"].is_boolean()) {
            c.add("data.rules.condition", p + "/known", "\"known\" must be true or false");
            continue;
          }
          t.known = v["known"].get<bool>();
        }
      } else if (v.is_null() || v.is_array()) {
        c.add("data.rules.condition", p, "a test must be a value or an object; use {\"known\": false} for \"not known\"");
        continue;
      } else {
        t.kind = Condition::Kind::eq;
        check_value(c, *spec, v, p);
        t.values.push_back(value_of(v));
      }
      all.children.push_back(std::move(t));
    }
    return all;
  }

  std::set<std::string> service_ids() const {
    std::set<std::string> ids;
    for (const auto& s : model.services) ids.insert(s.id);
    return ids;
  }

  void service_ref(Checker& c, const std::string& id, const std::string& pointer) {
    if (!model.service(id)) c.add("data.ref.service", pointer, "unknown service \"" + id + "\"");
  }

  std::optional<ContactSpec> contact(Checker& c, const json& node, const std::string& p) {
    if (!node.is_object()) {
      c.type_error(p, "a contact object", node);
      return std::nullopt;
    }
    ContactSpec spec;
    if (node.contains("service")) {
      c.fields(node, p, {"service"}, {"why"});
      spec.kind = ContactSpec::Kind::service;
      spec.service = c.str(node, "service", p);
      if (!spec.service.empty()) service_ref(c, spec.service, p + "/service");
    } else if (node.contains("first_open")) {
      c.fields(node, p, {"first_open"}, {"why"});
      spec.kind = ContactSpec::Kind::first_open;
      spec.group = c.str(node, "first_open", p);
      if (!spec.group.empty() && !model.groups.count(spec.group))
        c.add("data.ref.group", p + "/first_open", "unknown group \"" + spec.group + "\"");
    } else if (node.contains("by_locality")) {
      c.fields(node, p, {"by_locality"}, {"why", "otherwise"});
      spec.kind = ContactSpec::Kind::by_locality;
      const json& m = node["by_locality"];
      if (!m.is_object() || m.empty()) {
        c.add("data.field.type", p + "/by_locality", "by_locality must be an object of locality id → service id");
      } else {
        for (auto it = m.begin(); it != m.end(); ++it) {
          const std::string mp = p + "/by_locality/" + pointer_token(it.key());
          bool known = false;
          for (const auto& l : model.localities) known = known || l.id == it.key();
          if (!known) c.add("data.ref.locality", mp, "unknown locality \"" + it.key() + "\"");
          if (!it.value().is_string()) {
            c.type_error(mp, "a service id", it.value());
            continue;
          }
          service_ref(c, it.value().get<std::string>(), mp);
          spec.by_locality[it.key()] = it.value().get<std::string>();
        }
      }
      if (const json* o = Checker::member(node, "otherwise"); o && !o->is_null()) {
        if (o->is_object() && o->contains("by_locality"))
          c.add("data.rules.condition", p + "/otherwise", "otherwise must not be another by_locality");
        else if (auto other = contact(c, *o, p + "/otherwise"))
          spec.otherwise = std::make_shared<ContactSpec>(std::move(*other));
      }
    } else {
      c.add("data.field.missing", p, "a contact needs \"service\", \"first_open\" or \"by_locality\"");
      return std::nullopt;
    }
    spec.why = c.text_member(node, "why", p);
    return spec;
  }

  /** A `{"service", "why"}` member of a group or of `safety.by_audience`. */
  std::optional<GroupMember> group_member(Checker& c, const json& m, const std::string& pointer) {
    if (!c.fields(m, pointer, {"service", "why"}, {})) return std::nullopt;
    GroupMember member;
    member.service = c.str(m, "service", pointer);
    if (!member.service.empty()) service_ref(c, member.service, pointer + "/service");
    if (const json* w = Checker::member(m, "why"))
      if (auto t = c.text(*w, pointer + "/why")) member.why = std::move(*t);
    return member;
  }

  /** A list of concern values (`/safety/<key>`). */
  std::vector<std::string> concern_list(Checker& c, const json& node, const char* key, const std::string& pointer) {
    std::vector<std::string> out;
    const json* list = c.array(node, key, pointer);
    if (!list) return out;
    const FactSpec* spec = find_fact("concern");
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string p = pointer + "/" + key + "/" + fmt::to_string(i);
      const json& v = (*list)[i];
      if (!v.is_string()) {
        c.type_error(p, "a concern value", v);
        continue;
      }
      if (spec) check_value(c, *spec, v, p);
      out.push_back(v.get<std::string>());
    }
    return out;
  }

  void safety(Checker& c, const json& node) {
    const std::string p = "/safety";
    if (!c.fields(node, p, {"line", "risk", "administrative", "specialist", "net_why", "takeover_why", "named_why"},
                  {"closing_minutes", "by_audience"}))
      return;
    Safety& sf = model.safety;
    sf.line = c.str(node, "line", p);
    if (!sf.line.empty() && !model.groups.count(sf.line))
      c.add("data.ref.group", p + "/line", "unknown group \"" + sf.line + "\"");
    sf.risk = concern_list(c, node, "risk", p);
    sf.administrative = concern_list(c, node, "administrative", p);
    sf.specialist = concern_list(c, node, "specialist", p);
    for (const auto& a : sf.administrative)
      if (std::find(sf.risk.begin(), sf.risk.end(), a) != sf.risk.end())
        c.add("data.safety.overlap", p + "/administrative", "\"" + a + "\" is listed both as a risk and as administrative");
    if (const json* m = Checker::member(node, "closing_minutes")) {
      if (m->is_number_integer() && m->get<long long>() >= 0 && m->get<long long>() <= 120)
        sf.closing_minutes = m->get<long long>();
      else
        c.type_error(p + "/closing_minutes", "a whole number of minutes from 0 to 120", *m);
    }
    if (auto t = c.text_member(node, "net_why", p)) sf.net_why = std::move(*t);
    if (auto t = c.text_member(node, "takeover_why", p)) sf.takeover_why = std::move(*t);
    if (auto t = c.text_member(node, "named_why", p)) sf.named_why = std::move(*t);
    if (const json* by = Checker::member(node, "by_audience")) {
      if (!by->is_object()) {
        c.type_error(p + "/by_audience", "an object of audience → [{\"service\", \"why\"}]", *by);
        return;
      }
      for (auto a = by->begin(); a != by->end(); ++a) {
        const std::string ap = p + "/by_audience/" + pointer_token(a.key());
        if (std::find(audiences().begin(), audiences().end(), a.key()) == audiences().end()) {
          c.add("data.ref.audience", ap, "unknown audience \"" + a.key() + "\"");
          continue;
        }
        if (!a.value().is_array()) {
          c.type_error(ap, "an array of {\"service\", \"why\"}", a.value());
          continue;
        }
        for (std::size_t i = 0; i < a.value().size(); ++i)
          if (auto member = group_member(c, a.value()[i], ap + "/" + fmt::to_string(i)))
            sf.by_audience[a.key()].push_back(std::move(*member));
      }
    }
  }


  void rules() {
    auto it = docs.find("rules.json");
    if (it == docs.end()) return;
    const json& doc = *it->second;
    Checker c{problems, "rules.json"};
    c.fields(doc, "", {"levels", "rules", "safety"}, {"groups"}, true);
    std::set<std::string> ids;
    if (const json* ls = c.array(doc, "levels", "")) {
      for (std::size_t i = 0; i < ls->size(); ++i) {
        const std::string p = "/levels/" + fmt::to_string(i);
        const json& l = (*ls)[i];
        if (!c.fields(l, p, {"id", "name", "rank"}, {"filter"})) continue;
        Level level;
        level.id = c.id(l, "id", p);
        c.duplicate(ids, level.id, p + "/id", "level");
        level.name = c.str(l, "name", p);
        level.filter = c.str(l, "filter", p, true);
        if (const json* r = Checker::member(l, "rank")) {
          if (r->is_number_integer())
            level.rank = r->get<int>();
          else
            c.type_error(p + "/rank", "a whole number", *r);
        }
        model.levels.push_back(level);
      }
    }
    if (const json* gs = Checker::member(doc, "groups")) {
      if (!gs->is_object()) {
        c.type_error("/groups", "an object", *gs);
      } else {
        for (auto g = gs->begin(); g != gs->end(); ++g) {
          const std::string p = "/groups/" + pointer_token(g.key());
          if (!valid_id(g.key())) c.add("data.id.invalid", p, "group id \"" + g.key() + "\" must use only lowercase a-z, 0-9 and -");
          if (!g.value().is_array() || g.value().empty()) {
            c.add("data.field.type", p, "a group must be a non-empty array of {\"service\", \"why\"}");
            model.groups[g.key()];
            continue;
          }
          std::vector<GroupMember> members;
          for (std::size_t i = 0; i < g.value().size(); ++i)
            if (auto member = group_member(c, g.value()[i], p + "/" + fmt::to_string(i))) members.push_back(std::move(*member));
          model.groups[g.key()] = std::move(members);
        }
      }
    }
    if (const json* sf = Checker::member(doc, "safety")) safety(c, *sf);
    std::set<std::string> rule_ids;
    if (const json* rs = c.array(doc, "rules", "")) {
      for (std::size_t i = 0; i < rs->size(); ++i) {
        const std::string p = "/rules/" + fmt::to_string(i);
        const json& r = (*rs)[i];
        if (!c.fields(r, p, {"id", "when"}, {"level", "contacts", "notes", "explain", "final"})) continue;
        Rule rule;
        rule.id = c.id(r, "id", p);
        c.duplicate(rule_ids, rule.id, p + "/id", "rule");
        if (const json* w = Checker::member(r, "when")) rule.when = when(c, *w, p + "/when");
        if (auto l = c.string(r, "level", p, true)) {
          if (!model.level(*l))
            c.add("data.ref.level", p + "/level", "unknown level \"" + *l + "\"");
          else
            rule.level = *l;
        }
        if (const json* cs = c.array(r, "contacts", p)) {
          for (std::size_t j = 0; j < cs->size(); ++j)
            if (auto spec = contact(c, (*cs)[j], p + "/contacts/" + fmt::to_string(j))) rule.contacts.push_back(std::move(*spec));
        }
        rule.notes = c.text_list(r, "notes", p);
        rule.explain = c.text_member(r, "explain", p);
        if (const json* f = Checker::member(r, "final")) {
          if (f->is_boolean())
            rule.final = f->get<bool>();
          else
            c.type_error(p + "/final", "true or false", *f);
        }
        const bool has_contacts = Checker::member(r, "contacts") && !Checker::member(r, "contacts")->empty();
        if (!has_contacts && rule.level.empty() && rule.notes.empty() && !Checker::member(r, "level"))
          c.add("data.rules.empty", p, "rule \"" + rule.id + "\" sets no level, contacts or notes: it points nowhere");
        model.rules.push_back(std::move(rule));
      }
      const std::string last = "/rules/" + fmt::to_string(rs->empty() ? 0 : rs->size() - 1);
      if (rs->empty()) {
        c.add("data.rules.catch_all", "/rules", "there are no rules: the last rule must be a catch-all with \"when\": {} and contacts");
      } else {
        const json& r = rs->back();
        const json* w = Checker::member(r, "when");
        const json* cs = Checker::member(r, "contacts");
        bool empty_when = w && w->is_object() && (w->empty() || (w->size() == 1 && w->contains("$comment")));
        if (!empty_when || !cs || !cs->is_array() || cs->empty())
          c.add("data.rules.catch_all", last, "the last rule must be a catch-all with \"when\": {} and at least one contact");
      }
    }
  }

  // ---- questions.json ----

  /** `group`: the spec of the question's `grouped_by` fact (nullptr: the option has no `groups`). */
  std::optional<Option> option(Checker& c, const json& node, const std::string& p, const FactSpec* spec, bool unknown,
                               const FactSpec* group = nullptr) {
    if (unknown) {
      if (!c.fields(node, p, {"label"}, {"hint"})) return std::nullopt;
    } else if (!c.fields(node, p, {"value", "label"}, {"hint", "audiences", "groups"})) {
      return std::nullopt;
    }
    Option o;
    if (!unknown) {
      // `fields` has already reported a missing "value"; never index a const object blindly.
      const json* v = Checker::member(node, "value");
      if (!v) return std::nullopt;
      o.value = value_of(*v);
      if (spec && !v->is_null()) check_value(c, *spec, *v, p + "/value");
    }
    if (const json* l = Checker::member(node, "label"))
      if (auto t = c.text(*l, p + "/label")) o.label = std::move(*t);
    o.hint = c.text_member(node, "hint", p);
    if (const json* a = c.array(node, "audiences", p, true)) {
      std::vector<std::string> list;
      for (std::size_t i = 0; i < a->size(); ++i) {
        const json& v = (*a)[i];
        if (!v.is_string() || std::find(audiences().begin(), audiences().end(), v.get<std::string>()) == audiences().end())
          c.add("data.ref.audience", p + "/audiences/" + fmt::to_string(i), "unknown audience " + value_text(v));
        else
          list.push_back(v.get<std::string>());
      }
      o.audiences = list;
    }
    // groups: answers of the question's grouped_by fact (questions.json, grouped questions).
    if (const json* g = c.array(node, "groups", p)) {
      if (!group) c.add("data.questions.group", p + "/groups", "only an option of a question with \"grouped_by\" has groups");
      for (std::size_t i = 0; i < g->size() && group; ++i) {
        const json& v = (*g)[i];
        if (v.is_string() && std::find(group->values.begin(), group->values.end(), v.get<std::string>()) != group->values.end())
          o.groups.push_back(v.get<std::string>());
        else
          c.add("data.questions.group", p + "/groups/" + fmt::to_string(i),
                value_text(v) + " is not a value of the fact \"" + group->name + "\"");
      }
    }
    return o;
  }

  void questions() {
    auto it = docs.find("questions.json");
    if (it == docs.end()) return;
    const json& doc = *it->second;
    Checker c{problems, "questions.json"};
    c.fields(doc, "", {"questions"}, {}, true);
    std::set<std::string> ids, facts;
    const json* qs = c.array(doc, "questions", "");
    if (!qs) return;
    for (std::size_t i = 0; i < qs->size(); ++i) {
      const std::string p = "/questions/" + fmt::to_string(i);
      const json& n = (*qs)[i];
      if (!c.fields(n, p, {"id", "fact", "type", "text"}, {"hint", "options", "min", "max", "unknown_option", "grouped_by"})) continue;
      Question q;
      q.id = c.id(n, "id", p);
      c.duplicate(ids, q.id, p + "/id", "question");
      q.fact = c.str(n, "fact", p);
      const FactSpec* spec = find_fact(q.fact);
      if (!q.fact.empty() && !spec) c.add("data.ref.fact", p + "/fact", "unknown fact \"" + q.fact + "\"");
      if (!q.fact.empty() && !facts.insert(q.fact).second)
        c.add("data.questions.duplicate_fact", p + "/fact", "a second question asks for \"" + q.fact + "\"");
      q.type = c.str(n, "type", p);
      static const std::map<std::string, FactSpec::Type> types{{"choice", FactSpec::Type::choice},
                                                               {"yes_no", FactSpec::Type::boolean},
                                                               {"number", FactSpec::Type::integer},
                                                               {"area", FactSpec::Type::area}};
      auto type = types.find(q.type);
      if (!q.type.empty() && type == types.end()) {
        c.add("data.questions.type", p + "/type", "unknown type \"" + q.type + "\" (choice, yes_no, number or area)");
      } else if (type != types.end() && spec && spec->type != type->second) {
        c.add("data.questions.type", p + "/type", "a \"" + q.type + "\" question cannot ask for the fact \"" + q.fact + "\"");
      }
      if (const json* t = Checker::member(n, "text"))
        if (auto text = c.text(*t, p + "/text")) q.text = *text;
      q.hint = c.text_member(n, "hint", p);
      // grouped_by: a choice fact, asked first, whose answer picks the options shown.
      const FactSpec* group = nullptr;
      if (Checker::member(n, "grouped_by")) {
        q.grouped_by = c.str(n, "grouped_by", p);
        group = find_fact(q.grouped_by);
        if (!q.grouped_by.empty() && (!group || group->type != FactSpec::Type::choice || q.grouped_by == q.fact)) {
          c.add("data.questions.group", p + "/grouped_by", "\"" + q.grouped_by + "\" is not another choice fact");
          group = nullptr;
        }
      }
      if (const json* os = c.array(n, "options", p)) {
        if (q.type == "number") c.add("data.field.unknown", p + "/options", "a number question has no options");
        std::set<std::string> values;
        for (std::size_t j = 0; j < os->size(); ++j) {
          const std::string op = p + "/options/" + fmt::to_string(j);
          if (auto o = option(c, (*os)[j], op, spec, false, group)) {
            c.duplicate(values, Json(o->value).dump(), op + "/value", "option value");
            q.options.push_back(std::move(*o));
          }
        }
      }
      if ((q.type == "choice" || q.type == "yes_no") && q.options.empty() && !Checker::member(n, "options"))
        c.add("data.field.missing", p, "a " + q.type + " question needs \"options\"");
      else if ((q.type == "choice" || q.type == "yes_no") && Checker::member(n, "options") && Checker::member(n, "options")->empty())
        c.add("data.field.missing", p + "/options", "a " + q.type + " question needs at least one option");
      for (const char* k : {"min", "max"}) {
        const json* v = Checker::member(n, k);
        if (!v) continue;
        if (!v->is_number_integer()) {
          c.type_error(p + "/" + k, "a whole number", *v);
          continue;
        }
        (std::string(k) == "min" ? q.min : q.max) = v->get<long long>();
      }
      if (q.type == "number") {
        if (!q.min || !q.max) {
          c.add("data.field.missing", p, "a number question needs \"min\" and \"max\"");
        } else if (*q.min > *q.max) {
          c.add("data.age.range", p, "range is inverted: " + fmt::to_string(*q.min) + " to " + fmt::to_string(*q.max));
        } else if (spec && spec->type == FactSpec::Type::integer && (*q.min < spec->min || *q.max > spec->max)) {
          c.add("data.age.range", p, "range must be within " + fmt::to_string(spec->min) + " to " + fmt::to_string(spec->max));
        }
      } else if (q.min || q.max) {
        c.add("data.field.unknown", p, "only number questions have \"min\" and \"max\"");
      }
      if (const json* u = Checker::member(n, "unknown_option"); u && !u->is_null())
        if (auto o = option(c, *u, p + "/unknown_option", spec, true)) q.unknown_option = std::move(*o);
      model.questions.push_back(std::move(q));
    }
  }

  void ui() {
    auto it = docs.find("ui.json");
    if (it == docs.end()) return;
    Checker c{problems, "ui.json"};
    for (auto s = it->second->begin(); s != it->second->end(); ++s) {
      if (s.key() == "$schema" || s.key() == "$comment") {
        if (!s.value().is_string()) c.type_error("/" + pointer_token(s.key()), "a string", s.value());
        continue;
      }
      if (auto t = c.text(s.value(), "/" + pointer_token(s.key()))) model.ui[s.key()] = std::move(*t);
    }
  }

  void cross_checks() {
    // The explain line for a dropped contact is the service's age note, else ui.json's
    // "age_outside" sentence: one of them must exist, as the core holds no wording.
    if (docs.count("ui.json") && !model.ui.count("age_outside")) {
      Checker dc{problems, "directory.json"};
      for (std::size_t i = 0; i < model.services.size(); ++i)
        if (model.services[i].age && !model.services[i].age->note)
          dc.add("data.ui.missing", "/services/" + fmt::to_string(i) + "/age",
                 "this age range has no \"note\" and ui.json has no \"age_outside\" sentence to explain it");
    }
    Checker rc{problems, "rules.json"};
    for (const auto& f : rule_facts)
      if (!model.question_for(f) && find_fact(f))
        rc.add("data.rules.no_question", fact_first_use[f], "the rules use the fact \"" + f + "\" but no question asks for it");
    Checker qc{problems, "questions.json"};
    for (std::size_t i = 0; i < model.questions.size(); ++i)
      if (!model.questions[i].grouped_by.empty() && model.question_index(model.questions[i].grouped_by) >= i)
        qc.add("data.questions.group", "/questions/" + fmt::to_string(i) + "/grouped_by",
               "no question before this one asks for \"" + model.questions[i].grouped_by + "\"");
  }

  LoadResult run() {
    read_files();
    // Short codes and superseded numbers first, so phone checks can use them.
    directory();
    calendar();
    model.index();
    rules();
    questions();
    ui();
    cross_checks();
    LoadResult result;
    result.problems = std::move(problems);
    if (!has_errors(result.problems)) {
      model.index();
      result.model = std::make_shared<const Model>(std::move(model));
    }
    return result;
  }
};

}  // namespace

Condition parse_condition(const Model& model, const json& when, const std::string& pointer, Problems& problems) {
  static const json no_files = json(json::value_t::object);
  Loader loader{no_files, {}, {}, {}, {}, {}, {}};
  loader.model.localities = model.localities;
  loader.model.index();
  Checker c{loader.problems, "rules.json"};
  Condition condition = loader.when(c, when, pointer);
  problems.insert(problems.end(), loader.problems.begin(), loader.problems.end());
  return condition;
}

LoadResult read_model(const json& files) {
  Loader loader{files, {}, {}, {}, {}, {}, {}};
  return loader.run();
}

}  // namespace frontdoor
