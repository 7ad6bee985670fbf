// Compiled into frontdoor_core_lean_native, where the macro `frontdoor` names frontdoor_lean.
#include "lean_twin.hpp"

#include "frontdoor/api.hpp"

#ifndef FRONTDOOR_LEAN
#error "lean_twin.cpp belongs to the lean core (FRONTDOOR_LEAN)"
#endif

namespace lean_twin {

struct Session::Impl {
  frontdoor::Session session;
};

Session::Session() : impl_(std::make_unique<Impl>()) {}
Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

std::string Session::handle(std::string_view request_json) { return impl_->session.handle(request_json); }

bool Session::loaded() const { return impl_->session.model() != nullptr; }

}  // namespace lean_twin
