#pragma once
/**
 * @file
 * Walks every answer path of the question flow, so lint and the exhaustive test can check that
 * each one ends in an outcome with a contact.
 */
#include <functional>
#include <set>
#include <string>

#include "frontdoor/errors.hpp"
#include "frontdoor/facts.hpp"
#include "frontdoor/model.hpp"
#include "frontdoor/rules.hpp"

namespace frontdoor {

/** Called for each final outcome: the facts of the path and its outcome at the instant. */
using PathCallback = std::function<void(const Facts& facts, const Outcome& outcome)>;

/** What the walk found wrong and how far it went. */
struct PathReport {
  std::size_t paths = 0; /**< final outcomes reported */
  Problems problems;     /**< data.questions.cycle, data.paths.dead_end (path with missing facts but no question) */
  std::set<std::string> fired; /**< ids of the rules that fired at any step of any path */
};

/**
 * From `start` (pre-filled facts, {} by default), asks the next question and tries every answer
 * (every option shown to the path's audience, every integer min..max of number questions, every
 * town of area questions, and the unknown option as null), depth first, until nothing is
 * missing; then calls `callback`. A question asked twice on one path is reported as
 * `data.questions.cycle` and that path stops. Stops early after `limit` final outcomes.
 */
PathReport enumerate_paths(const Model& model, UtcSeconds at, const PathCallback& callback,
                           const Facts& start = Facts{}, std::size_t limit = 5000000);

}  // namespace frontdoor
