#include "frontdoor/paths.hpp"
#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace frontdoor {

namespace {

struct Walker {
  const Model& model;
  UtcSeconds at;
  const PathCallback& callback;
  std::size_t limit;
  PathReport report;
  std::set<std::string> reported;
  std::vector<std::string> asked;
  OpenStates states;

  void problem(const std::string& id, const std::string& pointer, const std::string& message) {
    if (!reported.insert(id + pointer).second) return;
    report.problems.push_back({id, "questions.json", pointer, message, false});
  }

  std::vector<Value> answers(const Question& q, const Facts& facts) const {
    std::vector<Value> out;
    if (q.type == "number") {
      long long lo = q.min.value_or(0), hi = q.max.value_or(lo);
      for (long long n = lo; n <= hi; ++n) out.emplace_back(n);
    } else if (q.type == "area") {
      for (const auto& t : model.towns()) out.emplace_back(t);
    }
    for (const Option* o : shown_options(model, q, facts)) out.push_back(o->value);
    if (q.unknown_option || q.type == "area") out.emplace_back();
    return out;
  }

  static std::string describe(const Facts& facts) { return facts.to_json().dump(); }

  void walk(Facts& facts) {
    if (report.paths >= limit) return;
    Outcome outcome = evaluate(model, facts, at, &states);
    report.fired.insert(outcome.fired.begin(), outcome.fired.end());
    if (outcome.missing.empty()) {
      ++report.paths;
      callback(facts, outcome);
      return;
    }
    const Question* q = outcome.next_question;
    if (!q) {
      problem("data.paths.dead_end", "",
              "after the answers " + describe(facts) + " the rules still need " + outcome.missing.front() +
                  " but no question asks for it");
      return;
    }
    const std::string pointer = "/questions/" + fmt::to_string(q - model.questions.data());
    if (facts.given(q->fact) || std::find(asked.begin(), asked.end(), q->id) != asked.end()) {
      problem("data.questions.cycle", pointer,
              "question \"" + q->id + "\" would be asked twice on the path " + describe(facts));
      return;
    }
    std::vector<Value> values = answers(*q, facts);
    if (values.empty()) {
      problem("data.paths.dead_end", pointer, "question \"" + q->id + "\" offers no answer after " + describe(facts));
      return;
    }
    asked.push_back(q->id);
    for (const auto& v : values) {
      facts.values[q->fact] = v;
      walk(facts);
      if (report.paths >= limit) break;
    }
    facts.values.erase(q->fact);
    asked.pop_back();
  }
};

}  // namespace

PathReport enumerate_paths(const Model& model, UtcSeconds at, const PathCallback& callback, const Facts& start,
                           std::size_t limit) {
  Walker w{model, at, callback, limit, {}, {}, {}, open_states(model, at)};
  Facts facts = start;
  w.walk(facts);
  return std::move(w.report);
}

}  // namespace frontdoor
