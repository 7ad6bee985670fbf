#pragma once
/**
 * @file
 * The one entry point shared by the CLI, the WebAssembly module and the tests:
 * a JSON request in, a JSON response out (see docs/api.md for the shapes).
 */
#include <memory>
#include <string>
#include <string_view>

namespace frontdoor {

class Model;

/**
 * Holds the loaded data and answers requests. Starts with no data; a failed `load` keeps the
 * data loaded before it. Not thread-safe; cheap to keep for the life of a page or process.
 */
class Session {
 public:
  Session();
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
};

}  // namespace frontdoor
