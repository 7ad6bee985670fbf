// frontdoor::detail::to_string (core/src/decimal.hpp), which the core uses instead of
// std::to_string for integers (a smaller wasm): it must print exactly what std::to_string prints.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "../core/src/decimal.hpp"

namespace {

template <class Int>
void same_as_std(Int value) {
  CAPTURE(value);
  CHECK(frontdoor::detail::to_string(value) == std::to_string(value));
}

template <class Int>
void edges() {
  const Int lo = std::numeric_limits<Int>::min();
  const Int hi = std::numeric_limits<Int>::max();
  for (Int v : {lo, static_cast<Int>(lo + 1), static_cast<Int>(0), static_cast<Int>(1), static_cast<Int>(9),
                static_cast<Int>(10), static_cast<Int>(99), static_cast<Int>(100), static_cast<Int>(hi - 1), hi}) {
    same_as_std(v);
  }
}

}  // namespace

TEST_CASE("detail::to_string prints integers exactly as std::to_string does") {
  SUBCASE("at the edges of every integer type the core formats") {
    edges<int>();
    edges<unsigned>();
    edges<long>();
    edges<unsigned long>();
    edges<long long>();
    edges<unsigned long long>();
    edges<std::int64_t>();
    edges<std::size_t>();
  }
  SUBCASE("for negative numbers and every power of ten") {
    long long p = 1;
    for (int i = 0; i < 18; ++i, p *= 10) {
      same_as_std(p);
      same_as_std(p - 1);
      same_as_std(-p);
      same_as_std(-p + 1);
    }
  }
  SUBCASE("for the indexes and ages it prints in messages") {
    for (int v = -1000; v <= 100000; v += 7) same_as_std(v);
  }
}
