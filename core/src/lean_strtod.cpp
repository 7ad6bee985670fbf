// The web build's strtod (FRONTDOOR_LEAN under Emscripten only; natively this file is empty).
//
// nlohmann/json parses every number with a fraction or exponent through std::strtod. musl's
// strtod scans in long double, which wasm32 emulates in software (__multf3, __divtf3, ...): about
// 10 KB of code for numbers the wizard never relies on (its facts and data are whole numbers,
// read without strtod). This replacement is exact (correctly rounded) whenever the significand
// has at most 19 digits and the result needs no more than one multiplication or division by an
// exactly representable power of ten; otherwise it is within a few units in the last place.
#if defined(__EMSCRIPTEN__) && defined(FRONTDOOR_LEAN)

#include <cerrno>
#include <cmath>
#include <cstdint>

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

double pow10_exact(int n) {  // 10^n for 0 <= n <= 22: exact in a double
  double r = 1.0;
  for (int i = 0; i < n; ++i) r *= 10.0;
  return r;
}

}  // namespace

extern "C" double strtod(const char* text, char** end) {
  const char* p = text;
  while (*p == ' ' || (*p >= '\t' && *p <= '\r')) ++p;
  bool negative = false;
  if (*p == '+' || *p == '-') negative = *p++ == '-';
  std::uint64_t mantissa = 0;
  int digits = 0, exp10 = 0;
  bool any = false;
  for (; is_digit(*p); ++p) {
    any = true;
    if (digits < 19) {
      mantissa = mantissa * 10 + static_cast<unsigned>(*p - '0');
      if (mantissa != 0) ++digits;
    } else {
      ++exp10;
    }
  }
  if (*p == '.') {
    const char* q = p + 1;
    for (; is_digit(*q); ++q) {
      any = true;
      if (digits < 19) {
        mantissa = mantissa * 10 + static_cast<unsigned>(*q - '0');
        if (mantissa != 0) ++digits;
        --exp10;
      }
    }
    if (any) p = q;
  }
  if (!any) {
    if (end) *end = const_cast<char*>(text);
    return 0.0;
  }
  if (*p == 'e' || *p == 'E') {
    const char* q = p + 1;
    bool exp_negative = false;
    if (*q == '+' || *q == '-') exp_negative = *q++ == '-';
    if (is_digit(*q)) {
      int e = 0;
      for (; is_digit(*q); ++q)
        if (e < 100000) e = e * 10 + (*q - '0');
      exp10 += exp_negative ? -e : e;
      p = q;
    }
  }
  if (end) *end = const_cast<char*>(p);
  double value = static_cast<double>(mantissa);
  if (mantissa == 0) {
    value = 0.0;
  } else if (mantissa <= (std::uint64_t{1} << 53) && exp10 >= -22 && exp10 <= 22) {
    value = exp10 < 0 ? value / pow10_exact(-exp10) : value * pow10_exact(exp10);
  } else {
    // Rare in this product: scale in steps, staying finite until the end where possible.
    int e = exp10;
    while (e > 22 && std::isfinite(value)) {
      value *= 1e22;
      e -= 22;
    }
    while (e < -22 && value != 0.0) {
      value /= 1e22;
      e += 22;
    }
    value = e < 0 ? value / pow10_exact(-e) : value * pow10_exact(e);
    if (!std::isfinite(value) || value == 0.0) errno = ERANGE;
  }
  return negative ? -value : value;
}

// libc++'s string.o (std::stof, std::stold, next to std::to_string) refers to these; defining
// them here keeps musl's strtod.o, and with it the long double scanner, out of the link.
extern "C" float strtof(const char* text, char** end) { return static_cast<float>(strtod(text, end)); }
extern "C" long double strtold(const char* text, char** end) { return strtod(text, end); }

#endif
