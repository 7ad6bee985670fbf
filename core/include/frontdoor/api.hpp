#pragma once
/**
 * @file
 * The one entry point shared by the CLI, the WebAssembly module and the tests:
 * a JSON request in, a JSON response out (see docs/api.md for the shapes).
 *
 * A plain Session answers what the browser module ships: `load` (of a stamped bundle, reader.hpp)
 * and `route`. The CLI and the
 * data team's tools add their ops and checks (`lint`, `holidays`, `ui`, `directory`, `bundle`;
 * freshness, wording references, the path walk) through SessionOps, from the frontdoor_tools
 * library (checks.hpp: workbench()), which the browser module does not link.
 */
#include <memory>
#include <string>
#include <string_view>

#include "frontdoor/calendar.hpp"
#include "frontdoor/json.hpp"

namespace frontdoor {

class Model;
struct LoadResult;

/** What a session adds to load and route (checks.hpp: workbench()). */
class SessionOps {
 public:
  virtual ~SessionOps() = default;
  /**
   * Loads `files` (the request's member) at `at`, in place of the plain session's read of a
   * stamped bundle (reader.hpp): a model only when no problem is an error.
   */
  virtual LoadResult load(const Json& files, UtcSeconds at) const = 0;
  /**
   * Answers `op` (not load or route), or returns null when it is not one of its ops. `model` is
   * the session's data (null before the first load); an op may replace it.
   */
  virtual Json answer(const std::string& op, const Json& request, std::shared_ptr<const Model>& model) const = 0;
  /** The ops it answers, for the message of an unknown op, e.g. "lint, holidays". */
  virtual std::string names() const = 0;
};

/**
 * Holds the loaded data and answers requests. Starts with no data; a failed `load` keeps the
 * data loaded before it. Not thread-safe; cheap to keep for the life of a page or process.
 */
class Session {
 public:
  /** Answers `load` and `route` only, as the browser module does. */
  Session();
  /** Also answers the ops of `ops` and runs its checks on every load. */
  explicit Session(std::shared_ptr<const SessionOps> ops);
  ~Session();
  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;

  /**
   * Answers one request (`{"op": ...}`). Never throws: every failure, including malformed
   * JSON and out-of-memory, becomes `{"ok": false, "errors": [...]}`.
   */
  std::string handle(std::string_view request_json);

  /** The loaded data, or nullptr before the first successful `load`. */
  const Model* model() const;

 private:
  std::shared_ptr<const Model> model_;
  std::shared_ptr<const SessionOps> ops_;
};

}  // namespace frontdoor
