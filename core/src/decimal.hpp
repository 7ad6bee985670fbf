#pragma once
// detail::to_string for integers: what std::to_string prints, without libc++'s digit tables and
// itoa (about 0.7 KB of the web build's wasm). Internal to core/src.

#include <string>
#include <type_traits>

namespace frontdoor::detail {

/** Decimal digits of `magnitude`, after a '-' when `negative`. */
inline std::string decimal(unsigned long long magnitude, bool negative) {
  char buffer[21];
  char* const end = buffer + sizeof buffer;
  char* p = end;
  do {
    *--p = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (negative) *--p = '-';
  return std::string(p, end);
}

/** The same text as std::to_string(value), for integer types only. */
template <class Int, std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>, int> = 0>
inline std::string to_string(Int value) {
  if constexpr (std::is_signed_v<Int>) {
    // 0 - (value + 1) + 1 avoids negating the most negative value.
    if (value < 0) return decimal(static_cast<unsigned long long>(-(value + 1)) + 1, true);
  }
  return decimal(static_cast<unsigned long long>(value), false);
}

}  // namespace frontdoor::detail
