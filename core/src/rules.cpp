#include "frontdoor/rules.hpp"
#include "small_sort.hpp"

#include <algorithm>
#include <map>

namespace frontdoor {

namespace {

bool values_equal(const std::string& fact, const Json& a, const Json& b) {
  if (fact == "area" && a.is_string() && b.is_string())
    return detail::fold(a.get_ref<const std::string&>()) == detail::fold(b.get_ref<const std::string&>());
  return a == b;
}

bool contains(const std::string& fact, const std::vector<Json>& list, const Json& v) {
  for (const auto& x : list)
    if (values_equal(fact, x, v)) return true;
  return false;
}

}  // namespace

Tri evaluate_condition(const Model& model, const Condition& c, const Facts& facts, std::vector<std::string>& missing) {
  using K = Condition::Kind;
  switch (c.kind) {
    case K::all: {
      std::vector<std::string> unknown;
      bool any_unknown = false;
      for (const auto& child : c.children) {
        std::vector<std::string> m;
        Tri t = evaluate_condition(model, child, facts, m);
        if (t == Tri::no) return Tri::no;
        if (t == Tri::unknown) {
          any_unknown = true;
          unknown.insert(unknown.end(), m.begin(), m.end());
        }
      }
      if (!any_unknown) return Tri::yes;
      missing.insert(missing.end(), unknown.begin(), unknown.end());
      return Tri::unknown;
    }
    case K::any: {
      std::vector<std::string> unknown;
      bool any_unknown = false;
      for (const auto& child : c.children) {
        std::vector<std::string> m;
        Tri t = evaluate_condition(model, child, facts, m);
        if (t == Tri::yes) return Tri::yes;
        if (t == Tri::unknown) {
          any_unknown = true;
          unknown.insert(unknown.end(), m.begin(), m.end());
        }
      }
      if (!any_unknown) return Tri::no;
      missing.insert(missing.end(), unknown.begin(), unknown.end());
      return Tri::unknown;
    }
    case K::negate: {
      Tri t = c.children.empty() ? Tri::yes : evaluate_condition(model, c.children.front(), facts, missing);
      return t == Tri::yes ? Tri::no : t == Tri::no ? Tri::yes : Tri::unknown;
    }
    default:
      break;
  }
  auto it = facts.values.find(c.fact);
  if (it == facts.values.end()) {
    missing.push_back(c.fact);
    return Tri::unknown;
  }
  const Json& v = it->second;
  if (c.kind == K::known) return (!v.is_null()) == c.known ? Tri::yes : Tri::no;
  if (v.is_null()) return Tri::no;
  switch (c.kind) {
    case K::eq:
      return !c.values.empty() && values_equal(c.fact, c.values.front(), v) ? Tri::yes : Tri::no;
    case K::in:
      return contains(c.fact, c.values, v) ? Tri::yes : Tri::no;
    case K::not_in:
      return contains(c.fact, c.values, v) ? Tri::no : Tri::yes;
    case K::range: {
      if (!v.is_number_integer()) return Tri::no;
      long long n = v.get<long long>();
      if (c.min && n < *c.min) return Tri::no;
      if (c.max && n > *c.max) return Tri::no;
      return Tri::yes;
    }
    default:
      return Tri::no;
  }
}

namespace {

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

struct Evaluator {
  const Model& model;
  const Facts& facts;
  UtcSeconds at;
  std::string audience;
  const OpenStates* states;
  std::optional<long long> age;
  Outcome out;
  std::vector<std::string> missing;

  std::map<const Service*, OpenState> lazy;

  const OpenState& state_of(const Service& s) {
    if (states) return (*states)[static_cast<std::size_t>(&s - model.services.data())];
    auto it = lazy.find(&s);
    if (it == lazy.end()) it = lazy.emplace(&s, open_state(s.schedule, model.calendar, at)).first;
    return it->second;
  }

  bool age_allows(const Service& s) const {
    return !age || !s.age || (*age >= s.age->min && *age <= s.age->max);
  }

  void explain_age(const Service& s, const std::string& rule) {
    std::string text;
    if (s.age->note) {
      text = s.age->note->resolve(audience);
    } else {
      auto it = model.ui.find("age_outside");
      // The loader refuses an age range with neither a note nor this ui.json sentence.
      if (it != model.ui.end()) text = it->second.resolve(audience);
      text = replace_all(text, "{service}", s.name);
      text = replace_all(text, "{min}", std::to_string(s.age->min));
      text = replace_all(text, "{max}", std::to_string(s.age->max));
      text = replace_all(text, "{age}", std::to_string(*age));
    }
    for (const auto& e : out.explain)
      if (e.rule == rule && e.text == text) return;
    out.explain.push_back({rule, text});
  }

  void add(const Service* s, const std::string& why, const std::string& rule) {
    if (!s) return;
    for (const auto& c : out.contacts)
      if (c.service == s) return;
    if (!age_allows(*s)) {
      explain_age(*s, rule);
      return;
    }
    out.contacts.push_back({s, why, rule, state_of(*s)});
  }

  std::string why_of(const std::optional<Text>& why) const { return why ? why->resolve(audience) : std::string(); }

  void resolve(const ContactSpec& spec, const std::string& rule) {
    switch (spec.kind) {
      case ContactSpec::Kind::service:
        add(model.service(spec.service), why_of(spec.why), rule);
        return;
      case ContactSpec::Kind::first_open: {
        auto g = model.groups.find(spec.group);
        if (g == model.groups.end() || g->second.empty()) return;
        const GroupMember* pick = nullptr;
        const GroupMember* unknown_hours = nullptr;
        const GroupMember* soonest = nullptr;
        std::optional<UtcSeconds> soonest_at;
        for (const auto& m : g->second) {
          const Service* s = model.service(m.service);
          if (!s || !age_allows(*s)) continue;
          const OpenState& st = state_of(*s);
          if (st.open_now && *st.open_now) {
            pick = &m;
            break;
          }
          if (!st.open_now && !unknown_hours) unknown_hours = &m;
          if (st.opens_next && (!soonest_at || *st.opens_next < *soonest_at)) {
            soonest_at = st.opens_next;
            soonest = &m;
          }
        }
        if (!pick) pick = unknown_hours;
        if (!pick) pick = soonest;
        if (!pick) {
          for (const auto& m : g->second) {
            const Service* s = model.service(m.service);
            if (s && age_allows(*s)) {
              pick = &m;
              break;
            }
          }
        }
        // Nobody in the group is for this age: say why, for the group's first service.
        if (!pick) pick = &g->second.front();
        std::string why = pick->why.resolve(audience);
        if (spec.why) why = spec.why->resolve(audience);
        add(model.service(pick->service), why, rule);
        return;
      }
      case ContactSpec::Kind::by_locality: {
        auto it = facts.values.find("area");
        const Locality* locality = nullptr;
        if (it == facts.values.end()) {
          missing.push_back("area");
        } else if (it->second.is_string()) {
          locality = model.locality_of_town(it->second.get_ref<const std::string&>());
        }
        if (locality) {
          auto m = spec.by_locality.find(locality->id);
          if (m != spec.by_locality.end()) {
            add(model.service(m->second), why_of(spec.why), rule);
            return;
          }
        }
        if (spec.otherwise) {
          ContactSpec other = *spec.otherwise;
          if (!other.why) other.why = spec.why;
          resolve(other, rule);
        }
        return;
      }
    }
  }

  void run() {
    auto a = facts.values.find("child_age");
    if (a != facts.values.end() && a->second.is_number_integer()) age = a->second.get<long long>();
    for (const auto& rule : model.rules) {
      std::vector<std::string> m;
      Tri t = evaluate_condition(model, rule.when, facts, m);
      if (t == Tri::unknown) {
        missing.insert(missing.end(), m.begin(), m.end());
        continue;
      }
      if (t == Tri::no) continue;
      out.fired.push_back(rule.id);
      out.explain.push_back({rule.id, rule.explain ? rule.explain->resolve(audience) : std::string()});
      if (!rule.level.empty()) {
        const Level* l = model.level(rule.level);
        if (l && (!out.level || l->rank > out.level->rank)) out.level = l;
      }
      for (const auto& c : rule.contacts) resolve(c, rule.id);
      for (const auto& n : rule.notes) {
        const std::string& text = n.resolve(audience);
        if (std::find(out.notes.begin(), out.notes.end(), text) == out.notes.end()) out.notes.push_back(text);
      }
      if (rule.final) break;
    }
    std::vector<std::string> ordered;
    for (const auto& f : missing)
      if (!facts.given(f) && std::find(ordered.begin(), ordered.end(), f) == ordered.end()) ordered.push_back(f);
    detail::small_stable_sort(ordered.begin(), ordered.end(), [&](const std::string& x, const std::string& y) {
      return model.question_index(x) < model.question_index(y);
    });
    out.missing = std::move(ordered);
    out.next_question = next_question(model, out.missing);
  }
};

Json opt_text(const std::optional<Text>& t, const std::string& audience) {
  return t ? Json(t->resolve(audience)) : Json(nullptr);
}

Json instant(const std::optional<UtcSeconds>& t) {
  return t ? Json(format_london(*t)) : Json(nullptr);
}

}  // namespace

OpenStates open_states(const Model& model, UtcSeconds at) {
  OpenStates states;
  states.reserve(model.services.size());
  for (const auto& s : model.services) states.push_back(open_state(s.schedule, model.calendar, at));
  return states;
}

Outcome evaluate(const Model& model, const Facts& facts, UtcSeconds at, const OpenStates* states) {
  Evaluator e{model, facts, at, facts.audience(), states, std::nullopt, Outcome{}, {}, {}};
  e.run();
  return std::move(e.out);
}

const Question* next_question(const Model& model, const std::vector<std::string>& missing) {
  const Question* best = nullptr;
  std::size_t best_index = model.questions.size();
  for (const auto& f : missing) {
    std::size_t i = model.question_index(f);
    if (i < best_index) {
      best_index = i;
      best = &model.questions[i];
    }
  }
  return best;
}

Json question_json(const Model& model, const Question& q, const std::string& audience) {
  Json options = Json::array();
  auto option_json = [&](const Option& o) {
    return Json{{"value", o.value}, {"label", o.label.resolve(audience)}, {"hint", opt_text(o.hint, audience)}};
  };
  if (q.type == "area") {
    for (const auto& town : model.towns()) options.push_back({{"value", town}, {"label", town}, {"hint", nullptr}});
  }
  for (const auto& o : q.options) {
    if (o.audiences && audience != "default" &&
        std::find(o.audiences->begin(), o.audiences->end(), audience) == o.audiences->end())
      continue;
    options.push_back(option_json(o));
  }
  if (q.unknown_option) options.push_back(option_json(*q.unknown_option));
  Json out{{"id", q.id},
                     {"fact", q.fact},
                     {"type", q.type},
                     {"text", q.text.resolve(audience)},
                     {"hint", opt_text(q.hint, audience)},
                     {"options", options},
                     {"min", q.min ? Json(*q.min) : Json(nullptr)},
                     {"max", q.max ? Json(*q.max) : Json(nullptr)}};
  out["unknown_option"] = q.unknown_option ? Json{{"label", q.unknown_option->label.resolve(audience)},
                                                            {"hint", opt_text(q.unknown_option->hint, audience)}}
                                           : Json(nullptr);
  return out;
}

Json contact_json(const Service& s, const OpenState& st, const std::string& why, const std::string& audience) {
  Json phones = Json::array();
  for (const auto& p : s.phones) phones.push_back({{"number", p.number}, {"label", p.label}, {"option", p.option}});
  Json have_ready = Json::array(), notes = Json::array();
  for (const auto& t : s.have_ready) have_ready.push_back(t.resolve(audience));
  for (const auto& t : s.notes) notes.push_back(t.resolve(audience));
  const bool phone = !s.phones.empty();
  return {{"service", s.id},
          {"name", s.name},
          {"organisation", s.organisation},
          {"summary", s.summary.resolve(audience)},
          {"phone", phone ? Json(s.phones.front().number) : Json(nullptr)},
          {"phone_label", phone ? Json(s.phones.front().label) : Json(nullptr)},
          {"option", phone ? s.phones.front().option : Json(nullptr)},
          {"phones", phones},
          {"email", s.email ? Json(*s.email) : Json(nullptr)},
          {"web", s.web ? Json(*s.web) : Json(nullptr)},
          {"open_now", st.open_now ? Json(*st.open_now) : Json(nullptr)},
          {"label_now", st.label_now.empty() ? Json(nullptr) : Json(st.label_now)},
          {"closes_at", instant(st.closes_at)},
          {"opens_next", instant(st.opens_next)},
          {"hours_text", s.hours_text.resolve(audience)},
          {"why", why},
          {"have_ready", have_ready},
          {"notes", notes}};
}

Json outcome_json(const Model& model, const Outcome& o, const Facts& facts, UtcSeconds at) {
  const std::string audience = facts.audience();
  Json contacts = Json::array(), explain = Json::array();
  for (const auto& c : o.contacts) contacts.push_back(contact_json(*c.service, c.state, c.why, audience));
  for (const auto& e : o.explain) explain.push_back({{"rule", e.rule}, {"text", e.text}});
  Json out{{"at", format_london(at)}};
  out["level"] = o.level ? Json(o.level->id) : Json(nullptr);
  out["level_name"] = o.level ? Json(o.level->name) : Json(nullptr);
  out["level_filter"] = o.level ? Json(o.level->filter) : Json(nullptr);
  out["contacts"] = contacts;
  out["missing"] = o.missing;
  out["next_question"] = o.next_question ? question_json(model, *o.next_question, audience) : Json(nullptr);
  out["notes"] = o.notes;
  out["explain"] = explain;
  out["checked"] = format_date(model.checked);
  return out;
}

}  // namespace frontdoor
