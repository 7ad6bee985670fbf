// The C ABI of the WebAssembly module (docs/api.md, docs/web.md): JSON in, JSON out.
//
//   char* frontdoor_call(const char* request_utf8, size_t length); // malloc'd, NUL-terminated
//   void  frontdoor_free(char* response);
//
// Nothing may unwind into JavaScript: with -fwasm-exceptions an escaping exception would
// surface in the page as an opaque WebAssembly.Exception and leave the module half-used.
#include <frontdoor/api.hpp>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string_view>

namespace {

// Used only when Session::handle breaks its own no-throw promise (e.g. bad_alloc while it
// builds its own error reply); ids as in core/src/wire/api.cpp. Literals, so producing them cannot throw.
constexpr char kOutOfMemory[] =
    R"({"ok":false,"errors":[{"id":"request.memory","where":"","message":)"
    R"("The request needed more memory than the page can give. Reload the page and try again."}]})";
constexpr char kInternal[] =
    R"({"ok":false,"errors":[{"id":"request.internal","where":"","message":)"
    R"("The request could not be answered because of an internal error."}]})";
constexpr char kNullRequest[] =
    R"({"ok":false,"errors":[{"id":"request.syntax","where":"","message":)"
    R"("The request is missing (a null pointer was passed with a non-zero length)."}]})";

char* copy_out(const char* text, std::size_t length) noexcept {
  auto* out = static_cast<char*>(std::malloc(length + 1));
  if (out == nullptr) return nullptr;
  std::memcpy(out, text, length);
  out[length] = '\0';
  return out;
}

template <std::size_t N>
char* copy_out(const char (&literal)[N]) noexcept {
  return copy_out(literal, N - 1);
}

// Built on first use so that a failure to construct it is caught like any other.
frontdoor::Session& session() {
  static frontdoor::Session instance;
  return instance;
}

}  // namespace

extern "C" {

char* frontdoor_call(const char* request, std::size_t length) noexcept {
  if (request == nullptr && length != 0) return copy_out(kNullRequest);
  try {
    const std::string response =
        session().handle(std::string_view(request == nullptr ? "" : request, length));
    return copy_out(response.data(), response.size());
  } catch (const std::bad_alloc&) {
    return copy_out(kOutOfMemory);
  } catch (...) {
    return copy_out(kInternal);
  }
}

void frontdoor_free(char* response) noexcept { std::free(response); }

}  // extern "C"
