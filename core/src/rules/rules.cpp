#include "frontdoor/rules.hpp"
#include "small_sort.hpp"
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <utility>

namespace frontdoor {

namespace {

/** Two values are equal (area names without regard to case and spacing). */
bool values_equal(const std::string& fact, const Value& a, const Value& b) {
  if (fact == "area" && string_of(a) && string_of(b)) return detail::fold(*string_of(a)) == detail::fold(*string_of(b));
  return a == b;
}

bool contains(const std::string& fact, const std::vector<Value>& list, const Value& v) {
  for (const auto& x : list)
    if (values_equal(fact, x, v)) return true;
  return false;
}

/**
 * `all` (decisive = no) and `any` (decisive = yes): the first child with the decisive value
 * decides; otherwise unknown when a child is unknown (its missing facts are reported only then),
 * else the other value. Only an unknown child adds to `missing`.
 */
Tri evaluate_children(const Model& model, const Condition& c, const Facts& facts, std::vector<std::string>& missing,
                      Tri decisive) {
  const std::size_t before = missing.size();
  bool any_unknown = false;
  for (const auto& child : c.children) {
    const Tri t = evaluate_condition(model, child, facts, missing);
    if (t == decisive) {
      missing.resize(before);
      return decisive;
    }
    any_unknown = any_unknown || t == Tri::unknown;
  }
  if (any_unknown) return Tri::unknown;
  return decisive == Tri::no ? Tri::yes : Tri::no;
}

}  // namespace

Tri evaluate_condition(const Model& model, const Condition& c, const Facts& facts, std::vector<std::string>& missing) {
  using K = Condition::Kind;
  switch (c.kind) {
    case K::all:
      return evaluate_children(model, c, facts, missing, Tri::no);
    case K::any:
      return evaluate_children(model, c, facts, missing, Tri::yes);
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
  const Value& v = it->second;
  if (c.kind == K::known) return !is_null(v) == c.known ? Tri::yes : Tri::no;
  if (is_null(v)) return Tri::no;
  switch (c.kind) {
    case K::eq:
      return !c.values.empty() && values_equal(c.fact, c.values.front(), v) ? Tri::yes : Tri::no;
    case K::in:
      return contains(c.fact, c.values, v) ? Tri::yes : Tri::no;
    case K::not_in:
      return contains(c.fact, c.values, v) ? Tri::no : Tri::yes;
    case K::range: {
      const long long* n = std::get_if<long long>(&v);
      if (!n || (c.min && *n < *c.min) || (c.max && *n > *c.max)) return Tri::no;
      return Tri::yes;
    }
    default:
      return Tri::no;
  }
}

namespace {

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
      if (it != model.ui.end())
        text = fill(it->second.resolve(audience), {{"service", s.name},
                                                   {"min", fmt::to_string(s.age->min)},
                                                   {"max", fmt::to_string(s.age->max)},
                                                   {"age", fmt::to_string(*age)}});
    }
    for (const auto& e : out.explain)
      if (e.rule == rule && e.text == text) return;
    out.explain.push_back({rule, text});
  }

  std::vector<const Service*> named;  // services named by a text, to be put on the screen

  void add(const Service* s, const std::string& why, const std::string& rule) {
    if (!s) return;
    for (const auto& c : out.contacts)
      if (c.service == s) return;
    if (!age_allows(*s)) {
      explain_age(*s, rule);
      return;
    }
    out.contacts.push_back({s, expand(why), rule, state_of(*s), {}});
  }

  std::string why_of(const std::optional<Text>& why) const { return why ? why->resolve(audience) : std::string(); }

  /** The member of `members` to call now: open now, else hours unknown, else opening soonest. */
  const GroupMember* pick(const std::vector<GroupMember>& members) {
    const GroupMember* unknown_hours = nullptr;
    const GroupMember* soonest = nullptr;
    std::optional<UtcSeconds> soonest_at;
    for (const auto& m : members) {
      const Service* s = model.service(m.service);
      if (!s || !age_allows(*s)) continue;
      const OpenState& st = state_of(*s);
      if (st.open_now && *st.open_now) return &m;
      if (!st.open_now && !unknown_hours) unknown_hours = &m;
      if (st.opens_next && (!soonest_at || *st.opens_next < *soonest_at)) {
        soonest_at = st.opens_next;
        soonest = &m;
      }
    }
    if (unknown_hours) return unknown_hours;
    if (soonest) return soonest;
    for (const auto& m : members) {
      const Service* s = model.service(m.service);
      if (s && age_allows(*s)) return &m;
    }
    return nullptr;
  }

  /** How a sentence names `s`. */
  std::string called(const Service& s) const { return s.called ? s.called->resolve(audience) : s.name; }

  /**
   * `text` with `{service:ID}` and `{line:GROUP}` (the group's member to call now) replaced by
   * how a sentence names that service; each service named is remembered so the outcome shows it.
   */
  std::string expand(std::string text) {
    for (std::size_t at = text.find('{'); at != std::string::npos; at = text.find('{', at + 1)) {
      const std::size_t end = text.find('}', at);
      if (end == std::string::npos) break;
      const TextRef ref = parse_text_ref(std::string_view(text).substr(at, end - at + 1));
      const Service* s = nullptr;
      if (ref.kind == TextRef::Kind::service) {
        s = model.service(ref.id);
      } else if (ref.kind == TextRef::Kind::line) {
        auto g = model.groups.find(ref.id);
        if (g != model.groups.end())
          if (const GroupMember* m = pick(g->second)) s = model.service(m->service);
      }
      if (!s) continue;
      if (std::find(named.begin(), named.end(), s) == named.end()) named.push_back(s);
      const std::string name = called(*s);
      text.replace(at, end - at + 1, name);
      at += name.size() - 1;
    }
    return text;
  }

  /** `outer_why`: the why of the by_locality whose `otherwise` this is, used when it has none. */
  void resolve(const ContactSpec& spec, const std::string& rule, const std::optional<Text>* outer_why = nullptr) {
    const std::optional<Text>& why = !spec.why && outer_why ? *outer_why : spec.why;
    switch (spec.kind) {
      case ContactSpec::Kind::service:
        add(model.service(spec.service), why_of(why), rule);
        return;
      case ContactSpec::Kind::first_open: {
        auto g = model.groups.find(spec.group);
        if (g == model.groups.end() || g->second.empty()) return;
        // Nobody in the group is for this age: say why, for the group's first service.
        const GroupMember* chosen = pick(g->second);
        if (!chosen) chosen = &g->second.front();
        add(model.service(chosen->service), why ? why->resolve(audience) : chosen->why.resolve(audience), rule);
        return;
      }
      case ContactSpec::Kind::by_locality: {
        auto it = facts.values.find("area");
        const Locality* locality = nullptr;
        if (it == facts.values.end()) {
          missing.push_back("area");
        } else if (const std::string* town = string_of(it->second)) {
          locality = model.locality_of_town(*town);
        }
        if (locality) {
          auto m = spec.by_locality.find(locality->id);
          if (m != spec.by_locality.end()) {
            add(model.service(m->second), why_of(why), rule);
            return;
          }
        }
        if (spec.otherwise) resolve(*spec.otherwise, rule, &why);
        return;
      }
    }
  }

  bool concern_in(const std::vector<std::string>& list) const {
    const std::string* concern = facts.string("concern");
    return concern && std::find(list.begin(), list.end(), *concern) != list.end();
  }

  bool concern_unknown() const {
    auto it = facts.values.find("concern");
    return it == facts.values.end() || is_null(it->second);
  }

  bool in_danger() const {
    auto it = facts.values.find("immediate_danger");
    return it != facts.values.end() && it->second == Value(true);
  }

  std::size_t index_of(const Service* s) const {
    for (std::size_t i = 0; i < out.contacts.size(); ++i)
      if (out.contacts[i].service == s) return i;
    return out.contacts.size();
  }

  /** Puts `s` at `position` (or last): moved there when listed (keeping its why), else added. */
  void place(const Service* s, std::size_t position, const std::string& why, const char* role) {
    std::size_t i = index_of(s);
    ContactResult c;
    if (i < out.contacts.size()) {
      c = std::move(out.contacts[i]);
      out.contacts.erase(out.contacts.begin() + static_cast<std::ptrdiff_t>(i));
    } else {
      c = {s, expand(why), "safety", state_of(*s), {}};
    }
    c.role = role;
    position = std::min(position, out.contacts.size());
    out.contacts.insert(out.contacts.begin() + static_cast<std::ptrdiff_t>(position), std::move(c));
  }

  /** Adds `s` last unless it is already shown (or not for this age). */
  void append(const Service* s, const std::string& why, const char* role) {
    if (!s || index_of(s) < out.contacts.size() || !age_allows(*s)) return;
    out.contacts.push_back({s, expand(why), "safety", state_of(*s), role});
  }

  /**
   * The safety invariants (DESIGN.md): a line answered now leads every risk path (a line with
   * unpublished hours may lead only in office hours, with the office-hours line second); every
   * other outcome but an administrative one shows the line answered now; services named by a
   * text are shown; the audience's own lines are added; a first line closing soon is followed by
   * the line that takes over.
   */
  void apply_safety() {
    const Safety& safety = model.safety;
    auto g = model.groups.find(safety.line);
    if (g == model.groups.end() || g->second.empty()) return;  // the loader refuses such data
    const bool administrative = concern_in(safety.administrative) && !in_danger();
    const GroupMember* member = pick(g->second);
    const Service* line = member ? model.service(member->service) : nullptr;
    if (!administrative && line && state_of(*line).open_now == true) {
      const bool office_hours = member == &g->second.front();
      const std::string why = member->why.resolve(audience);
      if (in_danger() || concern_unknown() || concern_in(safety.risk)) {
        const std::optional<bool> first = out.contacts.empty() ? std::optional<bool>(false) : out.contacts.front().state.open_now;
        if (!first && office_hours) {
          if (index_of(line) != 1 || out.contacts.size() < 2) place(line, 1, why, "lead");
        } else if (!first || !*first) {
          place(line, 0, why, "lead");
        }
      } else {
        append(line, fill(safety.net_why.resolve(audience), {{"service", called(*line)}}), "safety_net");
      }
    }
    for (std::size_t i = 0; i < named.size(); ++i)
      append(named[i], fill(safety.named_why.resolve(audience), {{"service", called(*named[i])}}), "named");
    if (!administrative) {
      auto extra = safety.by_audience.find(audience);
      if (extra != safety.by_audience.end())
        for (const auto& m : extra->second) append(model.service(m.service), m.why.resolve(audience), "audience");
    }
    closing_soon(g->second);
  }

  /** After the first line that can close, and after each safeguarding line: who takes over. */
  void closing_soon(const std::vector<GroupMember>& line_members) {
    auto is_line = [&](const Service* s) {
      for (const auto& m : line_members)
        if (model.service(m.service) == s) return true;
      return false;
    };
    std::vector<const Service*> closing;
    bool first_seen = false;
    for (const auto& c : out.contacts) {
      const bool can_close = c.state.open_now == true && c.state.closes_at;
      const bool first = can_close && !first_seen;
      first_seen = first_seen || can_close;
      if (can_close && (first || is_line(c.service)) && *c.state.closes_at - at <= model.safety.closing_minutes * 60)
        closing.push_back(c.service);
    }
    for (const Service* s : closing) {
      const std::size_t i = index_of(s);
      const UtcSeconds closes = *out.contacts[i].state.closes_at;
      for (const auto& m : line_members) {
        const Service* next = model.service(m.service);
        if (!next || next == s || open_state(next->schedule, model.calendar, closes).open_now != true) continue;
        if (index_of(next) == out.contacts.size() && age_allows(*next)) {
          const std::string time = format_hhmm(to_london(closes).minute_of_day);
          const std::string why = fill(model.safety.takeover_why.resolve(audience),
                                       {{"closing", called(*s)}, {"time", time}, {"service", called(*next)}});
          ContactResult c{next, expand(why), "safety", state_of(*next), "takeover"};
          out.contacts.insert(out.contacts.begin() + static_cast<std::ptrdiff_t>(i + 1), std::move(c));
        }
        break;
      }
    }
  }

  void run(const RuleMatch& match) {
    auto a = facts.values.find("child_age");
    if (a != facts.values.end())
      if (const long long* n = std::get_if<long long>(&a->second)) age = *n;
    for (const auto& step : match.steps) {
      if (!step.fired) {
        for (const auto& f : step.missing) missing.push_back(f);
        continue;
      }
      const Rule& rule = *step.rule;
      out.fired.push_back(rule.id);
      out.explain.push_back({rule.id, rule.explain ? expand(rule.explain->resolve(audience)) : std::string()});
      if (!rule.level.empty()) {
        const Level* l = model.level(rule.level);
        if (l && (!out.level || l->rank > out.level->rank)) out.level = l;
      }
      for (const auto& c : rule.contacts) resolve(c, rule.id);
      for (const auto& n : rule.notes) {
        const std::string text = expand(n.resolve(audience));
        if (std::find(out.notes.begin(), out.notes.end(), text) == out.notes.end()) out.notes.push_back(text);
      }
    }
    apply_safety();
    std::vector<std::string> ordered;
    for (const auto& f : missing)
      if (!facts.given(f) && std::find(ordered.begin(), ordered.end(), f) == ordered.end()) ordered.push_back(f);
    detail::small_stable_sort(ordered.begin(), ordered.end(), [&](const std::string& x, const std::string& y) {
      return model.question_index(x) < model.question_index(y);
    });
    out.missing = std::move(ordered);
    out.next_question = next_question(model, out.missing);
    // A grouped question (concern) comes after the question that picks its short list.
    if (out.next_question && !out.next_question->grouped_by.empty() && !facts.given(out.next_question->grouped_by))
      if (const Question* group = model.question_for(out.next_question->grouped_by)) out.next_question = group;
  }
};

}  // namespace

OpenStates open_states(const Model& model, UtcSeconds at) {
  OpenStates states;
  states.reserve(model.services.size());
  for (const auto& s : model.services) states.push_back(open_state(s.schedule, model.calendar, at));
  return states;
}

RuleMatch match_rules(const Model& model, const Facts& facts) {
  RuleMatch match;
  for (const auto& rule : model.rules) {
    std::vector<std::string> m;
    const Tri t = evaluate_condition(model, rule.when, facts, m);
    if (t == Tri::no) continue;
    match.steps.push_back({&rule, t == Tri::yes, std::move(m)});
    if (t == Tri::yes && rule.final) break;
  }
  return match;
}

Outcome evaluate(const Model& model, const Facts& facts, const RuleMatch& match, UtcSeconds at,
                 const OpenStates* states) {
  Evaluator e{model, facts, at, facts.audience(), states, std::nullopt, Outcome{}, {}, {}, {}};
  e.run(match);
  return std::move(e.out);
}

Outcome evaluate(const Model& model, const Facts& facts, UtcSeconds at, const OpenStates* states) {
  return evaluate(model, facts, match_rules(model, facts), at, states);
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

std::string shown_group(const Model& model, const Question& q, const Facts& facts) {
  if (q.grouped_by.empty()) return "";
  if (const std::string* answer = facts.string(q.grouped_by)) return *answer;
  const Question* group = model.question_for(q.grouped_by);
  const std::string* first = group && !group->options.empty() ? string_of(group->options.front().value) : nullptr;
  return first ? *first : "";
}

std::vector<const Option*> shown_options(const Model& model, const Question& q, const Facts& facts) {
  const std::string audience = facts.audience();
  const std::string group = shown_group(model, q, facts);
  std::vector<const Option*> out;
  for (const auto& o : q.options) {
    if (o.audiences && audience != "default" &&
        std::find(o.audiences->begin(), o.audiences->end(), audience) == o.audiences->end())
      continue;
    if (!group.empty() && !o.groups.empty() && std::find(o.groups.begin(), o.groups.end(), group) == o.groups.end())
      continue;
    out.push_back(&o);
  }
  return out;
}

}  // namespace frontdoor
