#include "frontdoor/lean_json.hpp"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <utility>

// Only nlohmann's shortest-double formatting (Grisu2), so that doubles dump exactly as the
// native build writes them; no other nlohmann code is instantiated here.
#include <nlohmann/detail/conversions/to_chars.hpp>

namespace frontdoor::detail {

using Object = std::vector<LeanJson::Member>;
using Array = std::vector<LeanJson>;

namespace {

const char kHex[] = "0123456789abcdef";

/**
 * Length of the well-formed UTF-8 sequence at `p` (Unicode Table 3-7), or 0 when it is not
 * one; then `valid_prefix` is how many of its bytes were acceptable before the bad one.
 */
std::size_t utf8_sequence(const unsigned char* p, const unsigned char* end, std::size_t& valid_prefix) {
  const unsigned c = p[0];
  valid_prefix = 0;
  if (c < 0x80) return 1;
  std::size_t n;
  unsigned lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  for (std::size_t i = 1; i < n; ++i) {
    valid_prefix = i;
    if (p + i >= end) return 0;
    const unsigned b = p[i];
    if (b < lo || b > hi) return 0;
    lo = 0x80;
    hi = 0xBF;
  }
  return n;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

void append_unsigned(std::string& out, std::uint64_t value) {
  char buffer[24];
  char* p = buffer + sizeof buffer;
  do {
    *--p = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  out.append(p, buffer + sizeof buffer);
}

std::string exception_text(const char* kind, int id, const std::string& what) {
  std::string out = "[json.exception.";
  out += kind;
  out += '.';
  append_unsigned(out, static_cast<unsigned>(id));
  out += "] ";
  return out + what;
}

void dump_string(std::string& out, const std::string& s, bool replace, bool ensure_ascii) {
  out += '"';
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  auto escape_u = [&](unsigned cp) {
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xF];
  };
  while (p < end) {
    const unsigned c = *p;
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20 || (ensure_ascii && c == 0x7F))
            escape_u(c);
          else
            out += static_cast<char>(c);
      }
      ++p;
      continue;
    }
    std::size_t prefix = 0;
    const std::size_t n = utf8_sequence(p, end, prefix);
    if (n == 0) {
      if (!replace) {
        std::string what = "invalid UTF-8 byte at index ";
        append_unsigned(what, static_cast<std::uint64_t>(p + prefix - reinterpret_cast<const unsigned char*>(s.data())));
        what += ": 0x";
        const unsigned bad = p + prefix < end ? p[prefix] : p[prefix - 1];
        what += kHex[bad >> 4];
        what += kHex[bad & 0xF];
        throw LeanJson::type_error(316, exception_text("type_error", 316, what));
      }
      // As nlohmann's serializer: one U+FFFD for the bad sequence, then the byte that broke
      // it is read again as the start of the next one.
      if (ensure_ascii)
        out += "\\ufffd";
      else
        out += "\xEF\xBF\xBD";
      p += prefix == 0 ? 1 : prefix;
      continue;
    }
    if (ensure_ascii) {
      std::uint32_t cp = n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
      for (std::size_t i = 1; i < n; ++i) cp = (cp << 6) | (p[i] & 0x3F);
      if (cp < 0x10000) {
        escape_u(cp);
      } else {
        escape_u(0xD7C0 + (cp >> 10));
        escape_u(0xDC00 + (cp & 0x3FF));
      }
    } else {
      out.append(reinterpret_cast<const char*>(p), n);
    }
    p += n;
  }
  out += '"';
}

}  // namespace

// ---- construction ----------------------------------------------------------------------------

LeanJson::LeanJson() noexcept = default;
LeanJson::LeanJson(std::nullptr_t) noexcept {}
LeanJson::LeanJson(bool value) noexcept : type_(value_t::boolean) { v_.boolean = value; }
LeanJson::LeanJson(int value) noexcept : LeanJson(static_cast<long long>(value)) {}
LeanJson::LeanJson(long value) noexcept : LeanJson(static_cast<long long>(value)) {}
LeanJson::LeanJson(long long value) noexcept : type_(value_t::number_integer) { v_.integer = value; }
LeanJson::LeanJson(unsigned value) noexcept : LeanJson(static_cast<unsigned long long>(value)) {}
LeanJson::LeanJson(unsigned long value) noexcept : LeanJson(static_cast<unsigned long long>(value)) {}
LeanJson::LeanJson(unsigned long long value) noexcept : type_(value_t::number_unsigned) { v_.unsigned_integer = value; }
LeanJson::LeanJson(double value) noexcept : type_(value_t::number_float) { v_.number = value; }
LeanJson::LeanJson(const char* value) : LeanJson(std::string(value)) {}
LeanJson::LeanJson(std::string value) : type_(value_t::string) { v_.string = new std::string(std::move(value)); }

LeanJson::LeanJson(const std::vector<std::string>& values) : type_(value_t::array) {
  v_.array = new Array(values.begin(), values.end());
}

LeanJson::LeanJson(std::initializer_list<LeanJson> list) {
  bool is_object = true;
  for (const auto& e : list)
    is_object = is_object && e.is_array() && e.v_.array->size() == 2 && (*e.v_.array)[0].is_string();
  if (!is_object) {
    type_ = value_t::array;
    v_.array = new Array(list.begin(), list.end());
    return;
  }
  type_ = value_t::object;
  v_.object = new Object();
  // As nlohmann's (std::map::emplace): the first of two equal keys wins.
  for (const auto& e : list) {
    const std::string& key = *(*e.v_.array)[0].v_.string;
    if (!contains(key)) (*this)[key] = (*e.v_.array)[1];
  }
}

LeanJson::LeanJson(const LeanJson& other) : type_(other.type_), v_(other.v_) {
  switch (type_) {
    case value_t::string: v_.string = new std::string(*other.v_.string); break;
    case value_t::array: v_.array = new Array(*other.v_.array); break;
    case value_t::object: v_.object = new Object(*other.v_.object); break;
    default: break;
  }
}

LeanJson::LeanJson(LeanJson&& other) noexcept : type_(other.type_), v_(other.v_) {
  other.type_ = value_t::null;
  other.v_.integer = 0;
}

LeanJson& LeanJson::operator=(const LeanJson& other) {
  if (this != &other) *this = LeanJson(other);
  return *this;
}

LeanJson& LeanJson::operator=(LeanJson&& other) noexcept {
  if (this != &other) {
    // `other` may live inside this value (j = j["a"]): take it before freeing ours.
    const value_t type = other.type_;
    const auto v = other.v_;
    other.type_ = value_t::null;
    other.v_.integer = 0;
    destroy();
    type_ = type;
    v_ = v;
  }
  return *this;
}

LeanJson::~LeanJson() { destroy(); }

void LeanJson::destroy() noexcept {
  switch (type_) {
    case value_t::string: delete v_.string; break;
    case value_t::array: delete v_.array; break;
    case value_t::object: delete v_.object; break;
    default: break;
  }
  type_ = value_t::null;
  v_.integer = 0;
}

LeanJson LeanJson::array() {
  LeanJson j;
  j.type_ = value_t::array;
  j.v_.array = new Array();
  return j;
}

LeanJson LeanJson::object() {
  LeanJson j;
  j.type_ = value_t::object;
  j.v_.object = new Object();
  return j;
}

// ---- access ----------------------------------------------------------------------------------

const char* LeanJson::type_name() const noexcept {
  switch (type_) {
    case value_t::null: return "null";
    case value_t::boolean: return "boolean";
    case value_t::string: return "string";
    case value_t::array: return "array";
    case value_t::object: return "object";
    default: return "number";
  }
}

void LeanJson::throw_type(const char* wanted) const {
  throw type_error(302, exception_text("type_error", 302, std::string("type must be ") + wanted + ", but is " + type_name()));
}

std::string_view LeanJson::string_view_or_throw(const char* wanted) const {
  if (!is_string()) throw_type(wanted);
  return *v_.string;
}

long long LeanJson::integer_or_throw() const {
  switch (type_) {
    case value_t::number_integer: return v_.integer;
    case value_t::number_unsigned: return static_cast<long long>(v_.unsigned_integer);
    case value_t::number_float: return static_cast<long long>(v_.number);
    case value_t::boolean: return v_.boolean ? 1 : 0;
    default: throw_type("number");
  }
}

double LeanJson::double_or_throw() const {
  switch (type_) {
    case value_t::number_integer: return static_cast<double>(v_.integer);
    case value_t::number_unsigned: return static_cast<double>(v_.unsigned_integer);
    case value_t::number_float: return v_.number;
    case value_t::boolean: return v_.boolean ? 1 : 0;
    default: throw_type("number");
  }
}

template <>
std::string LeanJson::get<std::string>() const {
  return std::string(string_view_or_throw("string"));
}
template <>
const std::string& LeanJson::get_ref<const std::string&>() const {
  if (!is_string()) throw type_error(303, exception_text("type_error", 303, std::string("incompatible ReferenceType for get_ref, actual type is ") + type_name()));
  return *v_.string;
}
template <>
bool LeanJson::get<bool>() const {
  if (!is_boolean()) throw_type("boolean");
  return v_.boolean;
}
template <>
int LeanJson::get<int>() const {
  return static_cast<int>(integer_or_throw());
}
template <>
long LeanJson::get<long>() const {
  return static_cast<long>(integer_or_throw());
}
template <>
long long LeanJson::get<long long>() const {
  return integer_or_throw();
}
template <>
unsigned LeanJson::get<unsigned>() const {
  return static_cast<unsigned>(get<unsigned long long>());
}
template <>
unsigned long LeanJson::get<unsigned long>() const {
  return static_cast<unsigned long>(get<unsigned long long>());
}
template <>
unsigned long long LeanJson::get<unsigned long long>() const {
  if (type_ == value_t::number_unsigned) return v_.unsigned_integer;
  if (type_ == value_t::number_float) return static_cast<unsigned long long>(v_.number);
  return static_cast<unsigned long long>(integer_or_throw());
}
template <>
double LeanJson::get<double>() const {
  return double_or_throw();
}

std::size_t LeanJson::structured_size() const noexcept {
  if (type_ == value_t::array) return v_.array->size();
  if (type_ == value_t::object) return v_.object->size();
  return 0;
}

std::size_t LeanJson::size() const noexcept {
  if (is_structured()) return structured_size();
  return is_null() ? 0 : 1;
}

const std::string& LeanJson::key_at(std::size_t index) const {
  if (!is_object()) throw type_error(207, exception_text("invalid_iterator", 207, "cannot use key() for non-object iterators"));
  return (*v_.object)[index].key;
}

const LeanJson& LeanJson::value_at(std::size_t index) const {
  if (is_object()) return (*v_.object)[index].value;
  if (is_array()) return (*v_.array)[index];
  return *this;
}

LeanJson& LeanJson::value_at(std::size_t index) {
  return const_cast<LeanJson&>(static_cast<const LeanJson*>(this)->value_at(index));
}

namespace {

/** First member whose key is not less than `key` (binary search). */
std::size_t lower_bound(const Object& members, std::string_view key) {
  std::size_t lo = 0, hi = members.size();
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (std::string_view(members[mid].key) < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

}  // namespace

LeanJson::const_iterator LeanJson::find(std::string_view key) const {
  if (!is_object()) return end();
  const std::size_t i = lower_bound(*v_.object, key);
  if (i < v_.object->size() && (*v_.object)[i].key == key) return {this, i};
  return end();
}

LeanJson::iterator LeanJson::find(std::string_view key) {
  const_iterator it = static_cast<const LeanJson*>(this)->find(key);
  return it == static_cast<const LeanJson*>(this)->end() ? end() : iterator(this, lower_bound(*v_.object, key));
}

LeanJson& LeanJson::operator[](std::string_view key) {
  if (is_null()) *this = object();
  if (!is_object()) throw type_error(305, exception_text("type_error", 305, std::string("cannot use operator[] with a string argument with ") + type_name()));
  const std::size_t i = lower_bound(*v_.object, key);
  if (i < v_.object->size() && (*v_.object)[i].key == key) return (*v_.object)[i].value;
  // The same as insert at i, without vector::insert's code: one slot more at the end, the
  // members after i moved up one, the new one moved in.
  Object& members = *v_.object;
  Member added{std::string(key), LeanJson()};
  members.push_back(Member{});
  for (std::size_t j = members.size() - 1; j > i; --j) members[j] = std::move(members[j - 1]);
  members[i] = std::move(added);
  return members[i].value;
}

const LeanJson& LeanJson::operator[](std::string_view key) const {
  static const LeanJson null_value;
  auto it = find(key);
  return it == end() ? null_value : *it;
}

LeanJson& LeanJson::operator[](std::size_t index) {
  if (is_null()) *this = array();
  if (!is_array()) throw type_error(305, exception_text("type_error", 305, std::string("cannot use operator[] with a numeric argument with ") + type_name()));
  if (index >= v_.array->size()) v_.array->resize(index + 1);
  return (*v_.array)[index];
}

const LeanJson& LeanJson::operator[](std::size_t index) const { return at(index); }

const LeanJson& LeanJson::at(std::size_t index) const {
  if (!is_array()) throw type_error(304, exception_text("type_error", 304, std::string("cannot use at() with ") + type_name()));
  if (index >= v_.array->size()) {
    std::string what = "array index ";
    append_unsigned(what, index);
    throw out_of_range(401, exception_text("out_of_range", 401, what + " is out of range"));
  }
  return (*v_.array)[index];
}

const LeanJson& LeanJson::at(std::string_view key) const {
  if (!is_object()) throw type_error(304, exception_text("type_error", 304, std::string("cannot use at() with ") + type_name()));
  auto it = find(key);
  if (it == end()) throw out_of_range(403, exception_text("out_of_range", 403, "key '" + std::string(key) + "' not found"));
  return *it;
}

const LeanJson& LeanJson::back() const {
  if (!is_array() || v_.array->empty()) return at(structured_size());
  return v_.array->back();
}

std::size_t LeanJson::erase(std::string_view key) {
  if (!is_object()) throw type_error(307, exception_text("type_error", 307, std::string("cannot use erase() with ") + type_name()));
  const std::size_t i = lower_bound(*v_.object, key);
  if (i == v_.object->size() || (*v_.object)[i].key != key) return 0;
  v_.object->erase(v_.object->begin() + static_cast<std::ptrdiff_t>(i));
  return 1;
}

void LeanJson::push_back(LeanJson value) {
  if (is_null()) *this = array();
  if (!is_array()) throw type_error(308, exception_text("type_error", 308, std::string("cannot use push_back() with ") + type_name()));
  v_.array->push_back(std::move(value));
}

LeanJson& LeanJson::emplace_back(LeanJson value) {
  push_back(std::move(value));
  return v_.array->back();
}

bool LeanJson::equal(const LeanJson& a, const LeanJson& b) noexcept {
  const bool a_number = a.is_number(), b_number = b.is_number();
  if (a_number && b_number) {
    // As nlohmann: against a double as doubles; a signed and an unsigned integer compare as
    // signed 64-bit values (so -1 equals 18446744073709551615, as there).
    if (a.is_number_float() || b.is_number_float()) return a.double_or_throw() == b.double_or_throw();
    return a.v_.integer == b.v_.integer;
  }
  if (a.type_ != b.type_) return false;
  switch (a.type_) {
    case value_t::null: return true;
    case value_t::boolean: return a.v_.boolean == b.v_.boolean;
    case value_t::string: return *a.v_.string == *b.v_.string;
    case value_t::array: return *a.v_.array == *b.v_.array;
    case value_t::object: {
      const Object& x = *a.v_.object;
      const Object& y = *b.v_.object;
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i)
        if (x[i].key != y[i].key || !equal(x[i].value, y[i].value)) return false;
      return true;
    }
    default: return false;
  }
}

// ---- dump ------------------------------------------------------------------------------------

std::string LeanJson::dump(int, char, bool ensure_ascii, error_handler_t handler) const {
  std::string out;
  dump_to(out, handler != error_handler_t::strict, ensure_ascii);
  return out;
}

void LeanJson::dump_to(std::string& out, bool replace, bool ensure_ascii) const {
  switch (type_) {
    case value_t::null: out += "null"; return;
    case value_t::boolean: out += v_.boolean ? "true" : "false"; return;
    case value_t::number_integer:
      if (v_.integer < 0) {
        out += '-';
        append_unsigned(out, 0 - static_cast<std::uint64_t>(v_.integer));
      } else {
        append_unsigned(out, static_cast<std::uint64_t>(v_.integer));
      }
      return;
    case value_t::number_unsigned: append_unsigned(out, v_.unsigned_integer); return;
    case value_t::number_float: {
      if (!std::isfinite(v_.number)) {
        out += "null";
        return;
      }
      char buffer[64];
      char* end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, v_.number);
      out.append(buffer, end);
      return;
    }
    case value_t::string: dump_string(out, *v_.string, replace, ensure_ascii); return;
    case value_t::array: {
      out += '[';
      for (std::size_t i = 0; i < v_.array->size(); ++i) {
        if (i) out += ',';
        (*v_.array)[i].dump_to(out, replace, ensure_ascii);
      }
      out += ']';
      return;
    }
    case value_t::object: {
      out += '{';
      for (std::size_t i = 0; i < v_.object->size(); ++i) {
        if (i) out += ',';
        dump_string(out, (*v_.object)[i].key, replace, ensure_ascii);
        out += ':';
        (*v_.object)[i].value.dump_to(out, replace, ensure_ascii);
      }
      out += '}';
      return;
    }
  }
}

// ---- parse -----------------------------------------------------------------------------------

/** A recursive-descent parser with nlohmann's error positions (see parse_error::byte). */
class LeanJsonParser {
 public:
  explicit LeanJsonParser(std::string_view text) : text_(text) {}

  LeanJson document() {
    if (peek() == 0xEF) {  // a UTF-8 byte order mark is skipped, as nlohmann's lexer does
      get();
      if (get() != 0xBB || get() != 0xBF) {
        lex_fail("invalid BOM; must be 0xEF 0xBB 0xBF if given");
        unexpected("value", nullptr);
      }
    }
    token();
    if (kind_ == Token::end && pos_ == 1)
      fail("attempting to parse an empty input; check that your input string or stream contains the expected JSON", "",
           false);
    LeanJson value = parse_value(0);
    token();
    if (kind_ != Token::end) unexpected("value", "end of input");
    return value;
  }

 private:
  enum class Token { none, literal_true, literal_false, literal_null, string, number, begin_array, begin_object, end_array, end_object, colon, comma, end, error };

  static constexpr std::size_t kMaxDepth = 512;

  std::string_view text_;
  std::size_t pos_ = 0;    // characters read, the end of input counting as one (nlohmann's chars_read_total)
  std::size_t start_ = 0;  // where the current token starts
  Token kind_ = Token::none;
  const char* lex_error_ = nullptr;
  std::string string_;     // the value of a string token
  LeanJson number_;        // the value of a number token

  int get() {
    const std::size_t i = pos_++;
    return i < text_.size() ? static_cast<unsigned char>(text_[i]) : -1;
  }
  int peek() const { return pos_ < text_.size() ? static_cast<unsigned char>(text_[pos_]) : -1; }

  static const char* token_name(Token t) {
    switch (t) {
      case Token::none: return "<uninitialized>";
      case Token::literal_true: return "true literal";
      case Token::literal_false: return "false literal";
      case Token::literal_null: return "null literal";
      case Token::string: return "string literal";
      case Token::number: return "number literal";
      case Token::begin_array: return "'['";
      case Token::begin_object: return "'{'";
      case Token::end_array: return "']'";
      case Token::end_object: return "'}'";
      case Token::colon: return "':'";
      case Token::comma: return "','";
      case Token::error: return "<parse error>";
      default: return "end of input";
    }
  }

  /** The characters of the current token read so far, control characters as <U+XXXX>. */
  std::string token_text() const {
    std::string out;
    const std::size_t end = pos_ < text_.size() ? pos_ : text_.size();
    for (std::size_t i = start_; i < end; ++i) {
      const auto c = static_cast<unsigned char>(text_[i]);
      if (c <= 0x1F) {
        out += "<U+00";
        out += kHex[c >> 4] - ('a' - 'A') * (kHex[c >> 4] >= 'a');
        out += kHex[c & 0xF] - ('a' - 'A') * (kHex[c & 0xF] >= 'a');
        out += '>';
      } else {
        out += static_cast<char>(c);
      }
    }
    return out;
  }

  [[noreturn]] void fail(const std::string& what, const char* context, bool syntax = true) {
    std::size_t line_start = 0, lines = 1;
    const std::size_t read = pos_ < text_.size() ? pos_ : text_.size();
    for (std::size_t i = 0; i < read; ++i)
      if (text_[i] == '\n') {
        ++lines;
        line_start = i + 1;
      }
    // nlohmann's lexer reads one character past a number and puts it back; when that character is
    // a line break, its column count stays at 0 (its line count is restored): keep that quirk, so
    // that both builds name the same place.
    const bool after_number_at_break = kind_ == Token::number && pos_ < text_.size() && text_[pos_] == '\n';
    std::string message = "parse error at line ";
    append_unsigned(message, lines);
    message += ", column ";
    append_unsigned(message, after_number_at_break ? 0 : pos_ - line_start);
    message += ": ";
    if (syntax) {
      message += "syntax error ";
      if (*context) message += std::string("while parsing ") + context + ' ';
      message += "- ";
    }
    throw LeanJson::parse_error(101, pos_, exception_text("parse_error", 101, message + what));
  }

  [[noreturn]] void unexpected(const char* context, const char* expected) {
    std::string what;
    if (kind_ == Token::error)
      what = std::string(lex_error_) + "; last read: '" + token_text() + "'";
    else
      what = std::string("unexpected ") + token_name(kind_);
    if (expected) what += std::string("; expected ") + expected;
    fail(what, context);
  }

  Token lex_fail(const char* message) {
    lex_error_ = message;
    return kind_ = Token::error;
  }

  Token token() {
    int c;
    do c = get();
    while (c == ' ' || c == '\t' || c == '\n' || c == '\r');
    start_ = pos_ - 1;
    switch (c) {
      case '[': return kind_ = Token::begin_array;
      case ']': return kind_ = Token::end_array;
      case '{': return kind_ = Token::begin_object;
      case '}': return kind_ = Token::end_object;
      case ':': return kind_ = Token::colon;
      case ',': return kind_ = Token::comma;
      case 't': return literal("rue", Token::literal_true);
      case 'f': return literal("alse", Token::literal_false);
      case 'n': return literal("ull", Token::literal_null);
      case '"': return string();
      case 0:  // as nlohmann's lexer: a NUL byte ends the input (what follows it is not read)
      case -1: return kind_ = Token::end;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number(c);
        return lex_fail("invalid literal");
    }
  }

  Token literal(const char* rest, Token kind) {
    for (; *rest; ++rest)
      if (get() != static_cast<unsigned char>(*rest)) return lex_fail("invalid literal");
    return kind_ = kind;
  }

  int hex4() {
    int value = 0;
    for (int i = 0; i < 4; ++i) {
      const int c = get();
      int d;
      if (c >= '0' && c <= '9')
        d = c - '0';
      else if (c >= 'a' && c <= 'f')
        d = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        d = c - 'A' + 10;
      else
        return -1;
      value = value * 16 + d;
    }
    return value;
  }

  Token string() {
    string_.clear();
    for (;;) {
      const int c = get();
      if (c == -1) return lex_fail("invalid string: missing closing quote");
      if (c == '"') return kind_ = Token::string;
      if (c < 0x20) return lex_fail("invalid string: control character must be escaped");
      if (c == '\\') {
        const int e = get();
        switch (e) {
          case '"': string_ += '"'; break;
          case '\\': string_ += '\\'; break;
          case '/': string_ += '/'; break;
          case 'b': string_ += '\b'; break;
          case 'f': string_ += '\f'; break;
          case 'n': string_ += '\n'; break;
          case 'r': string_ += '\r'; break;
          case 't': string_ += '\t'; break;
          case 'u': {
            int cp = hex4();
            if (cp < 0) return lex_fail("invalid string: '\\u' must be followed by 4 hex digits");
            if (cp >= 0xD800 && cp <= 0xDBFF) {
              if (get() != '\\' || get() != 'u')
                return lex_fail("invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF");
              const int low = hex4();
              if (low < 0) return lex_fail("invalid string: '\\u' must be followed by 4 hex digits");
              if (low < 0xDC00 || low > 0xDFFF)
                return lex_fail("invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF");
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
              return lex_fail("invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF");
            }
            append_utf8(string_, static_cast<std::uint32_t>(cp));
            break;
          }
          default: return lex_fail("invalid string: forbidden character after backslash");
        }
        continue;
      }
      if (c < 0x80) {
        string_ += static_cast<char>(c);
        continue;
      }
      const auto* p = reinterpret_cast<const unsigned char*>(text_.data()) + pos_ - 1;
      std::size_t prefix = 0;
      const std::size_t n = utf8_sequence(p, reinterpret_cast<const unsigned char*>(text_.data()) + text_.size(), prefix);
      if (n == 0) {
        pos_ += prefix;  // nlohmann stops after the byte that broke the sequence
        return lex_fail("invalid string: ill-formed UTF-8 byte");
      }
      string_.append(reinterpret_cast<const char*>(p), n);
      pos_ += n - 1;
    }
  }

  static bool digit(int c) { return c >= '0' && c <= '9'; }

  Token number(int c) {
    bool integer = true;
    if (c == '-') {
      c = get();
      if (!digit(c)) return lex_fail("invalid number; expected digit after '-'");
    }
    if (c != '0')
      while (digit(peek())) get();
    if (peek() == '.') {
      get();
      integer = false;
      if (!digit(get())) return lex_fail("invalid number; expected digit after '.'");
      while (digit(peek())) get();
    }
    if (peek() == 'e' || peek() == 'E') {
      get();
      integer = false;
      c = get();
      if (c == '+' || c == '-') {
        if (!digit(get())) return lex_fail("invalid number; expected digit after exponent sign");
      } else if (!digit(c)) {
        return lex_fail("invalid number; expected '+', '-', or digit after exponent");
      }
      while (digit(peek())) get();
    }
    const std::string text(text_.substr(start_, pos_ - start_));
    if (integer) {
      // The digits were checked above, so they are summed here; strtoll/strtoull would bring
      // libc's strtox into the wasm. Out of range (as for strtoll/strtoull): a double, below.
      const bool negative = text[0] == '-';
      constexpr unsigned long long kMax = ~0ULL;
      constexpr unsigned long long kMinMagnitude = 9223372036854775808ULL;  // of LLONG_MIN
      unsigned long long magnitude = 0;
      bool fits = true;
      for (std::size_t i = negative ? 1 : 0; i < text.size() && fits; ++i) {
        const unsigned digit = static_cast<unsigned>(text[i] - '0');
        fits = magnitude <= (kMax - digit) / 10;
        magnitude = magnitude * 10 + digit;
      }
      if (fits && !negative) {
        number_ = LeanJson(magnitude);
        return kind_ = Token::number;
      }
      if (fits && magnitude <= kMinMagnitude) {
        number_ = LeanJson(magnitude == kMinMagnitude ? static_cast<long long>(-0x7fffffffffffffffLL - 1)
                                                      : -static_cast<long long>(magnitude));
        return kind_ = Token::number;
      }
    }
    char* end = nullptr;
    number_ = LeanJson(std::strtod(text.c_str(), &end));
    return kind_ = Token::number;
  }

  /** Sorts an object's members by key (stable), keeping the last of equal keys as nlohmann's parser does. */
  static void sort_members(Object& members) {
    bool sorted = true;
    for (std::size_t i = 1; i < members.size() && sorted; ++i) sorted = members[i - 1].key < members[i].key;
    if (sorted) return;
    Object buffer(members.size());
    for (std::size_t width = 1; width < members.size(); width *= 2) {
      for (std::size_t lo = 0; lo < members.size(); lo += 2 * width) {
        const std::size_t mid = std::min(lo + width, members.size()), hi = std::min(lo + 2 * width, members.size());
        std::size_t i = lo, j = mid, k = lo;
        while (i < mid && j < hi) buffer[k++] = std::move(members[j].key < members[i].key ? members[j++] : members[i++]);
        while (i < mid) buffer[k++] = std::move(members[i++]);
        while (j < hi) buffer[k++] = std::move(members[j++]);
      }
      members.swap(buffer);
    }
    std::size_t out = 0;
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (out > 0 && members[out - 1].key == members[i].key)
        members[out - 1].value = std::move(members[i].value);
      else if (out != i)
        members[out++] = std::move(members[i]);
      else
        ++out;
    }
    members.resize(out);
  }

  LeanJson parse_value(std::size_t depth) {
    switch (kind_) {
      case Token::literal_true: return LeanJson(true);
      case Token::literal_false: return LeanJson(false);
      case Token::literal_null: return LeanJson();
      case Token::string: return LeanJson(std::move(string_));
      case Token::number:
        if (number_.is_number_float() && !std::isfinite(number_.v_.number))
          throw LeanJson::out_of_range(406, exception_text("out_of_range", 406, "number overflow parsing '" + token_text() + "'"));
        return std::move(number_);
      case Token::begin_array: {
        if (depth >= kMaxDepth) fail("nesting too deep", "value");
        LeanJson out = LeanJson::array();
        if (token() == Token::end_array) return out;
        for (;;) {
          out.v_.array->push_back(parse_value(depth + 1));
          token();
          if (kind_ == Token::end_array) return out;
          if (kind_ != Token::comma) unexpected("array", "']'");
          token();
        }
      }
      case Token::begin_object: {
        if (depth >= kMaxDepth) fail("nesting too deep", "value");
        LeanJson out = LeanJson::object();
        Object& members = *out.v_.object;
        if (token() == Token::end_object) return out;
        for (;;) {
          if (kind_ != Token::string) unexpected("object key", "string literal");
          std::string key = std::move(string_);
          if (token() != Token::colon) unexpected("object separator", "':'");
          token();
          members.push_back(LeanJson::Member{std::move(key), parse_value(depth + 1)});
          token();
          if (kind_ == Token::end_object) break;
          if (kind_ != Token::comma) unexpected("object", "'}'");
          token();
        }
        sort_members(members);
        return out;
      }
      case Token::error: unexpected("value", nullptr);
      default: unexpected("value", "'[', '{', or literal");
    }
  }
};

LeanJson LeanJson::parse(std::string_view text) { return LeanJsonParser(text).document(); }

}  // namespace frontdoor::detail
