#pragma once
/**
 * @file
 * The generic rules engine (docs/data-format.md, "rules.json" → Evaluation) and question
 * selection: facts + instant → level, contacts, missing facts, next question, notes, explain.
 */
#include <optional>
#include <string>
#include <vector>

#include "frontdoor/json.hpp"

#include "frontdoor/facts.hpp"
#include "frontdoor/model.hpp"

namespace frontdoor {

/** A chosen contact. */
struct ContactResult {
  const Service* service = nullptr;
  std::string why;   /**< resolved for the audience */
  std::string rule;  /**< the rule that added it ("safety" when the engine did) */
  OpenState state;   /**< at the instant of evaluation */
  /**
   * Why the engine added or moved it: "" (a rule's contact), "lead" (put first: the line answered
   * now on a risk path), "safety_net", "takeover" (the line after one that closes soon), "named"
   * (a text names it) or "audience" (a line for every outcome of this audience, e.g. Childline).
   */
  std::string role;
};

/** One line of `explain`. */
struct ExplainEntry {
  std::string rule;
  std::string text;
};

/** The result of evaluating the rules. */
struct Outcome {
  const Level* level = nullptr;             /**< nullptr while no rule with a level fired */
  std::vector<ContactResult> contacts;
  std::vector<std::string> missing;         /**< ordered by questions.json */
  /**
   * The question for missing[0] (if it has one); when that question is `grouped_by` a fact not
   * given yet, the question of that fact instead (asked first; it is never in `missing`).
   */
  const Question* next_question = nullptr;
  std::vector<std::string> notes;
  std::vector<ExplainEntry> explain;
  std::vector<std::string> fired;           /**< ids of the rules that fired, in order */
};

/** Three-valued truth. */
enum class Tri { no, unknown, yes };

/**
 * Evaluates `condition` against `facts`; when the result is unknown, adds the absent facts
 * that made it so to `missing` (which may hold duplicates).
 */
Tri evaluate_condition(const Model& model, const Condition& condition, const Facts& facts,
                       std::vector<std::string>& missing);

/** The open state of every service (in `Model::services` order) at one instant. */
using OpenStates = std::vector<OpenState>;

/** Computes `OpenStates` at `at`, to share between many evaluations at the same instant. */
OpenStates open_states(const Model& model, UtcSeconds at);

/**
 * The rules looked at for one set of facts, in order: each fired, or waits for `missing`; it stops
 * after the first final rule that fired. Conditions never read the time, so one match serves
 * every instant (the exhaustive walks match each path once).
 */
struct RuleMatch {
  struct Step {
    const Rule* rule = nullptr;
    bool fired = false;
    std::vector<std::string> missing;
  };
  std::vector<Step> steps;
};
RuleMatch match_rules(const Model& model, const Facts& facts);

/**
 * Runs the rules for `facts` at instant `at`. `states`, when given, must be
 * `open_states(model, at)`; it saves recomputing opening hours for every evaluation.
 */
Outcome evaluate(const Model& model, const Facts& facts, UtcSeconds at, const OpenStates* states = nullptr);

/** `evaluate(model, facts, at, states)` from `match = match_rules(model, facts)`. */
Outcome evaluate(const Model& model, const Facts& facts, const RuleMatch& match, UtcSeconds at,
                 const OpenStates* states = nullptr);

/** The question the wizard asks next for `missing` (first in questions.json order), or nullptr. */
const Question* next_question(const Model& model, const std::vector<std::string>& missing);

/**
 * The group of `question`'s options shown for `facts`: "" when the question is not grouped;
 * else the answer to its `grouped_by` fact, or, when that is null or not given, the value of the
 * first option of that fact's question (the risk group: "not sure" never gets the long list).
 */
std::string shown_group(const Model& model, const Question& question, const Facts& facts);

/** The options of `question` shown for `facts`: by the audience's `audiences` and by shown_group. */
std::vector<const Option*> shown_options(const Model& model, const Question& question, const Facts& facts);

}  // namespace frontdoor
