// The web build's strtod and snprintf (FRONTDOOR_LEAN under Emscripten only; natively this file
// is empty). Both replace musl's far larger versions in the shipped wasm.
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
#include <cstdarg>
#include <cstddef>
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

// snprintf: musl's printf_core (with floating point formatting) is about 8 KB of the wasm, for
// the few integer formats the linked code uses: nlohmann/json's "<U+%.4X>" and "\\u%04x" and
// libc++'s "unknown error %d". Supported: flags 0 and -, width, precision, length modifiers
// (hh, h, l, ll, z, j, t), conversions d i u x X c s %. Any other conversion prints "?".
extern "C" int snprintf(char* out, std::size_t size, const char* format, ...) {
  std::size_t n = 0;  // characters the full text needs
  auto put = [&](char c) {
    if (n + 1 < size) out[n] = c;
    ++n;
  };
  va_list args;
  va_start(args, format);
  for (const char* f = format; *f; ++f) {
    if (*f != '%') {
      put(*f);
      continue;
    }
    ++f;
    bool zero = false, left = false;
    for (;; ++f) {
      if (*f == '0') zero = true;
      else if (*f == '-') left = true;
      else if (*f == '+' || *f == ' ' || *f == '#') continue;
      else break;
    }
    int width = 0, precision = -1;
    if (*f == '*') {
      width = va_arg(args, int);
      ++f;
    } else {
      while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0');
    }
    if (*f == '.') {
      ++f;
      precision = 0;
      if (*f == '*') {
        precision = va_arg(args, int);
        ++f;
      } else {
        while (*f >= '0' && *f <= '9') precision = precision * 10 + (*f++ - '0');
      }
    }
    int longs = 0;
    bool size_t_arg = false;
    for (;; ++f) {
      if (*f == 'l') ++longs;
      else if (*f == 'z' || *f == 'j' || *f == 't') size_t_arg = true;
      else if (*f != 'h') break;
    }
    if (*f == '\0') break;
    char buf[32];
    int len = 0;
    const char* text = buf;
    bool negative = false;
    const char c = *f;
    if (c == 'd' || c == 'i' || c == 'u' || c == 'x' || c == 'X') {
      unsigned long long v;
      if (c == 'd' || c == 'i') {
        long long sv = longs >= 2 ? va_arg(args, long long)
                       : longs == 1 ? va_arg(args, long)
                       : size_t_arg ? static_cast<long long>(va_arg(args, std::ptrdiff_t))
                                    : va_arg(args, int);
        negative = sv < 0;
        v = negative ? 0ull - static_cast<unsigned long long>(sv) : static_cast<unsigned long long>(sv);
      } else {
        v = longs >= 2 ? va_arg(args, unsigned long long)
            : longs == 1 ? va_arg(args, unsigned long)
            : size_t_arg ? va_arg(args, std::size_t)
                         : va_arg(args, unsigned);
      }
      const unsigned base = (c == 'x' || c == 'X') ? 16 : 10;
      const char* digits = c == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
      char rev[24];
      int r = 0;
      while (v != 0) {
        rev[r++] = digits[v % base];
        v /= base;
      }
      const int min_digits = precision < 0 ? 1 : precision;
      if (negative) buf[len++] = '-';
      const int pad_zero = (zero && !left && precision < 0) ? width - (negative ? 1 : 0) : 0;
      for (int i = r; i < min_digits || i < pad_zero; ++i)
        if (len < 30) buf[len++] = '0';
      while (r > 0 && len < 31) buf[len++] = rev[--r];
    } else if (c == 'c') {
      buf[len++] = static_cast<char>(va_arg(args, int));
    } else if (c == 's') {
      text = va_arg(args, const char*);
      if (!text) text = "(null)";
      while (text[len] && (precision < 0 || len < precision)) ++len;
    } else if (c == '%') {
      buf[len++] = '%';
    } else {
      buf[len++] = '?';
    }
    if (!left)
      for (int i = len; i < width; ++i) put(' ');
    for (int i = 0; i < len; ++i) put(text[i]);
    if (left)
      for (int i = len; i < width; ++i) put(' ');
  }
  va_end(args);
  if (size > 0) out[n < size ? n : size - 1] = '\0';
  return static_cast<int>(n);
}

#endif
