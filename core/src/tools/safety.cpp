// The proof of the safety invariants (DESIGN.md): every answer path at every instant given.
// The engine (rules.cpp, apply_safety) makes them hold; this checks its output independently, from
// the outcome alone, so a broken rule or schedule in the data is caught by `lint` and the tests.
#include "frontdoor/tools.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include "frontdoor/paths.hpp"
#include "frontdoor/rules.hpp"

namespace frontdoor {

namespace {

bool listed(const std::vector<std::string>& list, const Facts& facts, const char* fact) {
  const std::string* value = facts.string(fact);
  return value && std::find(list.begin(), list.end(), *value) != list.end();
}

bool in_danger(const Facts& facts) {
  auto it = facts.values.find("immediate_danger");
  return it != facts.values.end() && it->second == Value(true);
}

bool concern_unknown(const Facts& facts) {
  auto it = facts.values.find("concern");
  return it == facts.values.end() || is_null(it->second);
}

Date last_sunday(int year, int month) {
  Date d = make_date(year, month, 31);
  if (!d.ok()) d = make_date(year, month, 30);
  while (weekday_of(d) != 6) d = add_days(d, -1);
  return d;
}

struct Checker {
  const Model& model;
  std::size_t limit;
  SafetyReport report;
  const std::vector<GroupMember>* line = nullptr;
  std::string danger_number;

  void fail(int property, const Facts& facts, UtcSeconds at, const std::string& what) {
    if (report.violations.size() >= limit) return;
    report.violations.push_back({property, facts, at,
                                 "safety property " + fmt::to_string(property) + " broken at " + format_london(at) +
                                     " on the path " + facts.to_json().dump() + ": " + what});
  }

  bool is_line(const Service* s) const {
    for (const auto& m : *line)
      if (m.service == s->id) return true;
    return false;
  }

  /** Every service a sentence can name, by the words it is called. */
  std::vector<std::pair<std::string, const Service*>> names() const {
    std::vector<std::pair<std::string, const Service*>> out;
    for (const auto& s : model.services)
      for (const auto& name : called_names(s)) out.emplace_back(detail::fold(name), &s);
    return out;
  }

  void check(const Facts& facts, const Outcome& o, UtcSeconds at, const OpenStates& states,
             const std::vector<std::pair<std::string, const Service*>>& called) {
    ++report.checked;
    const Safety& safety = model.safety;
    const bool administrative = listed(safety.administrative, facts, "concern") && !in_danger(facts);
    const bool risk = in_danger(facts) || concern_unknown(facts) || listed(safety.risk, facts, "concern");
    auto state = [&](const Service* s) { return states[static_cast<std::size_t>(s - model.services.data())]; };
    // The safeguarding line answered now: the first member of the group that is open.
    const Service* now_line = nullptr;
    bool office_hours = false;
    for (std::size_t i = 0; i < line->size() && !now_line; ++i) {
      const Service* s = model.service((*line)[i].service);
      if (s && state(s).open_now == true) {
        now_line = s;
        office_hours = i == 0;
      }
    }
    if (o.contacts.empty()) {
      if (!administrative) fail(risk ? 1 : 2, facts, at, "the outcome has no contact");
      return;
    }
    const ContactResult& first = o.contacts.front();
    if (in_danger(facts) && (first.service->phones.empty() || first.service->phones.front().number != danger_number))
      fail(0, facts, at, "someone is in danger but the first contact is " + first.service->id + ", not " + danger_number);
    if (!administrative && !now_line) fail(risk ? 1 : 2, facts, at, "no line of the safeguarding group is answered at this minute");
    if (risk && now_line) {
      const bool answered = first.state.open_now == true;
      const bool unpublished_in_hours = !first.state.open_now && office_hours && o.contacts.size() > 1 &&
                                        o.contacts[1].service == now_line;
      if (!answered && !unpublished_in_hours)
        fail(1, facts, at,
             "a child may be at risk but the first contact, " + first.service->id + ", is " +
                 (first.state.open_now ? "closed" : "of unpublished hours outside office hours or without " + now_line->id + " second"));
    }
    if (!risk && !administrative && now_line) {
      const bool shown = std::any_of(o.contacts.begin(), o.contacts.end(), [&](const ContactResult& c) { return c.service == now_line; });
      if (!shown) fail(2, facts, at, "the safeguarding line answered now (" + now_line->id + ") is not shown");
    }
    // 3: the first line that can close, when it closes soon, is followed by one open then.
    for (std::size_t i = 0; i < o.contacts.size(); ++i) {
      const ContactResult& c = o.contacts[i];
      if (c.state.open_now != true || !c.state.closes_at) continue;
      const UtcSeconds closes = *c.state.closes_at;
      if (closes - at <= safety.closing_minutes * 60) {
        bool covered = false;
        for (std::size_t j = i + 1; j < o.contacts.size() && !covered; ++j)
          covered = open_state(o.contacts[j].service->schedule, model.calendar, closes).open_now == true;
        if (!covered)
          fail(3, facts, at, c.service->id + " closes at " + format_london(closes) + " and no contact after it is open then");
      }
      break;
    }
    // 4: a text that tells the reader to call a service has it on the same screen.
    auto shown = [&](const Service* s) {
      return std::any_of(o.contacts.begin(), o.contacts.end(), [&](const ContactResult& c) { return c.service == s; });
    };
    auto named = [&](const std::string& text, const Service* self) {
      const std::string t = detail::fold(text);
      for (const auto& [name, s] : called)
        if (s != self && !name.empty() && t.find("call " + name) != std::string::npos && !shown(s))
          fail(4, facts, at, "a text tells the reader to call " + s->id + ", which is not shown: \"" + text + "\"");
    };
    for (const auto& c : o.contacts) named(c.why, c.service);
    for (const auto& n : o.notes) named(n, nullptr);
    for (const auto& e : o.explain) named(e.text, nullptr);
    // 6: a level of need only where the answers establish one.
    if (o.level) {
      const bool specialist = listed(safety.specialist, facts, "concern") || listed(safety.administrative, facts, "concern");
      const ContactResult* lead = &first;
      if (in_danger(facts) && o.contacts.size() > 1) lead = &o.contacts[1];
      if ((specialist || (concern_unknown(facts) && !in_danger(facts))) && !is_line(lead->service))
        fail(6, facts, at, "level \"" + o.level->id + "\" is stated on a route to " + lead->service->id +
                               ", where the answers establish no level of need");
    }
  }
};

/**
 * What of an instant the engine and the checks read: each service's open state and label, the
 * order of the next openings (which member of a group opens soonest), whether it closes within
 * the horizon and, if so, which services are open when it closes.
 */
std::string signature(const Model& model, const OpenStates& states, UtcSeconds at) {
  std::vector<UtcSeconds> openings;
  for (const auto& st : states)
    if (st.opens_next) openings.push_back(*st.opens_next);
  std::sort(openings.begin(), openings.end());
  std::string out;
  for (std::size_t i = 0; i < states.size(); ++i) {
    const OpenState& st = states[i];
    out += st.open_now ? (*st.open_now ? 'o' : 'c') : 'u';
    out += st.label_now + "|";
    if (st.opens_next)
      out += fmt::to_string(std::lower_bound(openings.begin(), openings.end(), *st.opens_next) - openings.begin());
    if (st.open_now == true && st.closes_at && *st.closes_at - at <= model.safety.closing_minutes * 60) {
      out += "!";
      for (const auto& s : model.services)
        out += open_state(s.schedule, model.calendar, *st.closes_at).open_now == true ? '1' : '0';
    }
    out += ";";
  }
  return out;
}

}  // namespace

std::vector<UtcSeconds> safety_instants(const Model& model, Date monday, int from_year, int to_year) {
  std::vector<Date> days;
  for (int d = 0; d < 7; ++d) days.push_back(add_days(monday, d));
  for (const auto& h : model.calendar.bank_holidays(from_year, to_year)) days.push_back(h.date);
  for (const auto& e : model.calendar.exceptions())
    if (e.kind == ExceptionKind::closure && e.date.year() >= from_year && e.date.year() <= to_year) days.push_back(e.date);
  for (int y = from_year; y <= to_year; ++y) {
    days.push_back(last_sunday(y, 3));
    days.push_back(last_sunday(y, 10));
  }
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  std::vector<UtcSeconds> instants;
  for (const Date& d : days)
    for (UtcSeconds t = from_london(d, 0); t < from_london(add_days(d, 1), 0); t += 15 * 60) instants.push_back(t);
  return instants;
}

SafetyReport check_safety(const Model& model, const std::vector<UtcSeconds>& instants, std::size_t limit) {
  Checker c{model, limit, {}, nullptr, {}};
  auto g = model.groups.find(model.safety.line);
  if (g == model.groups.end() || instants.empty()) {
    c.report.problems.push_back({"data.ref.group", "rules.json", "/safety/line", "the safeguarding line group is missing", false});
    return std::move(c.report);
  }
  c.line = &g->second;
  // Someone not sure (or at risk) never goes through the long list: the group shown for a null
  // answer to the concern's group question holds every concern that may carry risk.
  if (const Question* concern = model.question_for("concern"); concern && !concern->grouped_by.empty()) {
    Facts not_sure;
    not_sure.values[concern->grouped_by] = Value();
    const std::string first = shown_group(model, *concern, not_sure);
    for (std::size_t i = 0; i < concern->options.size(); ++i) {
      const Option& o = concern->options[i];
      const std::string* value = string_of(o.value);
      const bool risk = value && std::find(model.safety.risk.begin(), model.safety.risk.end(), *value) != model.safety.risk.end();
      if (risk && !o.groups.empty() && std::find(o.groups.begin(), o.groups.end(), first) == o.groups.end())
        c.report.problems.push_back({"data.safety.risk_group", "questions.json",
                                     "/questions/" + fmt::to_string(model.question_index("concern")) + "/options/" +
                                         fmt::to_string(i) + "/groups",
                                     "the concern " + Json(o.value).dump() + " may carry risk (rules.json safety.risk) but is not in the group \"" +
                                         first + "\" shown first and to someone not sure",
                                     false});
    }
  }
  if (auto n = model.ui.find("danger_number"); n != model.ui.end()) c.danger_number = n->second.fallback;
  // The answers a path asks for do not depend on the time (conditions test facts only).
  std::vector<Facts> paths;
  PathReport walk = enumerate_paths(model, instants.front(), [&](const Facts& f, const Outcome&) { paths.push_back(f); });
  c.report.paths = paths.size();
  c.report.problems.insert(c.report.problems.end(), walk.problems.begin(), walk.problems.end());
  std::vector<RuleMatch> matches;  // conditions do not read the time: one match per path
  for (const auto& facts : paths) matches.push_back(match_rules(model, facts));
  const auto called = c.names();
  std::set<std::string> seen;
  for (const UtcSeconds t : instants) {
    const OpenStates states = open_states(model, t);
    // Instants with the same signature give every path the same contacts, roles and checks, so
    // one of them stands for all (the times in the wording differ; no property reads them).
    if (!seen.insert(signature(model, states, t)).second) {
      c.report.checked += paths.size();
      continue;
    }
    ++c.report.distinct;
    for (std::size_t i = 0; i < paths.size(); ++i)
      c.check(paths[i], evaluate(model, paths[i], matches[i], t, &states), t, states, called);
  }
  return std::move(c.report);
}

Problems safety_problems(const SafetyReport& report) {
  Problems out = report.problems;
  for (const auto& v : report.violations) out.push_back({"data.safety.property", "rules.json", "", v.message, false});
  return out;
}

}  // namespace frontdoor
