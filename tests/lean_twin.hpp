#pragma once
// The web build's lean core (FRONTDOOR_LEAN), compiled natively as frontdoor_core_lean_native in
// namespace frontdoor_lean, behind an interface that names neither core, so that a test or fuzz
// target linking the full core can ask both the same questions.
#include <memory>
#include <string>
#include <string_view>

namespace lean_twin {

/** A frontdoor::Session of the lean core. */
class Session {
 public:
  Session();
  ~Session();
  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;
  /** The lean core's Session::handle. */
  std::string handle(std::string_view request_json);
  /** True once a load succeeded (Session::model() != nullptr). */
  bool loaded() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lean_twin
