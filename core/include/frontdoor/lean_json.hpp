#pragma once
/**
 * @file
 * A small JSON document class for the web build (FRONTDOOR_LEAN): the subset of nlohmann::json's
 * API that the core uses, out of line and without templates, so that the shipped wasm holds one
 * parser, one serializer and no nlohmann code. Natively the core uses nlohmann::json
 * (frontdoor/json.hpp picks one); this class is compiled in both builds so that its tests run
 * everywhere.
 *
 * Behaviour follows nlohmann::json 3.11 where the core can see it: objects are kept sorted by
 * key (byte order, like its std::map) and a parsed duplicate key keeps the last value; numbers
 * are signed or unsigned 64-bit integers or doubles, compared across kinds by value; `dump()`
 * writes the same text (no spaces, strings escaped the same way, doubles in the shortest form
 * that reads back) and with `error_handler_t::replace` writes U+FFFD for invalid UTF-8 as
 * nlohmann does; `parse` accepts exactly RFC 8259 JSON and reports errors with the same byte
 * position, line and column. The messages of syntax errors follow nlohmann's wording but may
 * differ in detail.
 */
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace frontdoor::detail {

/** A JSON value: null, boolean, integer, unsigned integer, double, string, array or object. */
class LeanJson {
 public:
  /** The kind of value held. */
  enum class value_t : unsigned char { null, boolean, number_integer, number_unsigned, number_float, string, array, object };
  /** What dump() does with invalid UTF-8 in strings (as nlohmann's). */
  enum class error_handler_t { strict, replace, ignore };

  /** Base of the errors thrown, like nlohmann::json::exception: `what()` holds `[json.exception.<kind>.<id>] ...`. */
  class exception : public std::exception {
   public:
    exception(int id, std::string message) : id(id), message_(std::move(message)) {}
    const char* what() const noexcept override { return message_.c_str(); }
    const int id; /**< nlohmann's error number, e.g. 101 */

   private:
    std::string message_;
  };
  /** A syntax error of parse(); `byte` is 1-based and points past the character read last (as nlohmann's). */
  class parse_error : public exception {
   public:
    parse_error(int id, std::size_t byte, std::string message) : exception(id, std::move(message)), byte(byte) {}
    const std::size_t byte;
  };
  /** A value of the wrong kind for an accessor, or invalid UTF-8 met by a strict dump(). */
  class type_error : public exception {
    using exception::exception;
  };
  /** A missing key or index for at(); a number too large for a double in parse(). */
  class out_of_range : public exception {
    using exception::exception;
  };

  struct Member;

  /** Iterator over the values of an array or object; `key()` names an object's member. */
  template <bool Const>
  class basic_iterator {
   public:
    using owner_type = std::conditional_t<Const, const LeanJson, LeanJson>;
    basic_iterator() = default;
    basic_iterator(owner_type* owner, std::size_t index) : owner_(owner), index_(index) {}
    operator basic_iterator<true>() const { return {owner_, index_}; }
    /** The member's key (objects only). */
    const std::string& key() const { return owner_->key_at(index_); }
    owner_type& value() const { return owner_->value_at(index_); }
    owner_type& operator*() const { return value(); }
    owner_type* operator->() const { return &value(); }
    basic_iterator& operator++() {
      ++index_;
      return *this;
    }
    friend bool operator==(const basic_iterator& a, const basic_iterator& b) { return a.index_ == b.index_ && a.owner_ == b.owner_; }
    friend bool operator!=(const basic_iterator& a, const basic_iterator& b) { return !(a == b); }

   private:
    owner_type* owner_ = nullptr;
    std::size_t index_ = 0;
  };
  using iterator = basic_iterator<false>;
  using const_iterator = basic_iterator<true>;

  LeanJson() noexcept;
  LeanJson(std::nullptr_t) noexcept;
  LeanJson(bool value) noexcept;
  LeanJson(int value) noexcept;
  LeanJson(long value) noexcept;
  LeanJson(long long value) noexcept;
  LeanJson(unsigned value) noexcept;
  LeanJson(unsigned long value) noexcept;
  LeanJson(unsigned long long value) noexcept;
  LeanJson(double value) noexcept;
  LeanJson(const char* value);
  LeanJson(std::string value);
  LeanJson(const std::vector<std::string>& values);
  /** nlohmann's rule: a list whose elements are all [string, value] pairs is an object, else an array. */
  LeanJson(std::initializer_list<LeanJson> list);
  LeanJson(const LeanJson& other);
  LeanJson(LeanJson&& other) noexcept;
  LeanJson& operator=(const LeanJson& other);
  LeanJson& operator=(LeanJson&& other) noexcept;
  ~LeanJson();

  static LeanJson array();
  static LeanJson object();

  /**
   * Parses one JSON document (RFC 8259: UTF-8 checked, no trailing text). Throws parse_error
   * (also for nesting deeper than 512 levels), or out_of_range for a number beyond a double.
   */
  static LeanJson parse(std::string_view text);

  value_t type() const noexcept { return type_; }
  bool is_null() const noexcept { return type_ == value_t::null; }
  bool is_boolean() const noexcept { return type_ == value_t::boolean; }
  bool is_number() const noexcept { return is_number_integer() || type_ == value_t::number_float; }
  bool is_number_integer() const noexcept { return type_ == value_t::number_integer || type_ == value_t::number_unsigned; }
  bool is_number_unsigned() const noexcept { return type_ == value_t::number_unsigned; }
  bool is_number_float() const noexcept { return type_ == value_t::number_float; }
  bool is_string() const noexcept { return type_ == value_t::string; }
  bool is_array() const noexcept { return type_ == value_t::array; }
  bool is_object() const noexcept { return type_ == value_t::object; }
  bool is_structured() const noexcept { return is_array() || is_object(); }
  bool is_primitive() const noexcept { return !is_structured(); }
  /** "null", "boolean", "number", "string", "array" or "object". */
  const char* type_name() const noexcept;

  /** The value as `T` (std::string, bool, an integer type or double); throws type_error for the wrong kind. */
  template <typename T>
  T get() const;
  /** `get_ref<const std::string&>()`: the string held; throws type_error when not a string. */
  template <typename T>
  T get_ref() const;

  /** Arrays and objects: their element count; null: 0; other values: 1. */
  std::size_t size() const noexcept;
  bool empty() const noexcept { return size() == 0; }

  /** The member `key`, added as null when missing (a null value becomes an object first). */
  LeanJson& operator[](std::string_view key);
  LeanJson& operator[](const char* key) { return (*this)[std::string_view(key)]; }
  LeanJson& operator[](const std::string& key) { return (*this)[std::string_view(key)]; }
  /** The member `key`, or a null value when missing. */
  const LeanJson& operator[](std::string_view key) const;
  const LeanJson& operator[](const char* key) const { return (*this)[std::string_view(key)]; }
  const LeanJson& operator[](const std::string& key) const { return (*this)[std::string_view(key)]; }
  /** Element `index` of an array (grown with nulls when needed; a null becomes an array). */
  LeanJson& operator[](std::size_t index);
  /** Element `index` of an array; throws out_of_range when there is none. */
  const LeanJson& operator[](std::size_t index) const;
  const LeanJson& at(std::string_view key) const;
  const LeanJson& at(std::size_t index) const;

  iterator find(std::string_view key);
  const_iterator find(std::string_view key) const;
  bool contains(std::string_view key) const { return find(key) != end(); }
  std::size_t count(std::string_view key) const { return contains(key) ? 1 : 0; }
  /** Removes the member `key`; returns how many were removed. */
  std::size_t erase(std::string_view key);

  iterator begin() noexcept { return {this, 0}; }
  // As nlohmann's: a scalar iterates once over itself, null not at all.
  iterator end() noexcept { return {this, size()}; }
  const_iterator begin() const noexcept { return {this, 0}; }
  const_iterator end() const noexcept { return {this, size()}; }
  const LeanJson& front() const { return (*this)[std::size_t{0}]; }
  const LeanJson& back() const;

  /** Appends to an array (a null becomes an array first). */
  void push_back(LeanJson value);
  LeanJson& emplace_back(LeanJson value);

  /** The JSON text, without spaces; `indent` and `indent_char` must be -1 and ' ' (one line only). */
  std::string dump(int indent = -1, char indent_char = ' ', bool ensure_ascii = false,
                   error_handler_t handler = error_handler_t::strict) const;

  friend bool operator==(const LeanJson& a, const LeanJson& b) noexcept { return equal(a, b); }
  friend bool operator!=(const LeanJson& a, const LeanJson& b) noexcept { return !equal(a, b); }

 private:
  static bool equal(const LeanJson& a, const LeanJson& b) noexcept;
  std::size_t structured_size() const noexcept;
  const std::string& key_at(std::size_t index) const;
  const LeanJson& value_at(std::size_t index) const;
  LeanJson& value_at(std::size_t index);
  std::string_view string_view_or_throw(const char* wanted) const;
  long long integer_or_throw() const;
  double double_or_throw() const;
  [[noreturn]] void throw_type(const char* wanted) const;
  void destroy() noexcept;
  void dump_to(std::string& out, bool replace, bool ensure_ascii) const;
  friend class LeanJsonParser;

  value_t type_ = value_t::null;
  union {
    bool boolean;
    std::int64_t integer;
    std::uint64_t unsigned_integer;
    double number;
    std::string* string;
    std::vector<LeanJson>* array;
    std::vector<Member>* object;  // sorted by key, keys unique
  } v_{};
};

/** One member of an object. */
struct LeanJson::Member {
  std::string key;
  LeanJson value;
};

template <>
std::string LeanJson::get<std::string>() const;
template <>
bool LeanJson::get<bool>() const;
template <>
int LeanJson::get<int>() const;
template <>
long LeanJson::get<long>() const;
template <>
long long LeanJson::get<long long>() const;
template <>
unsigned LeanJson::get<unsigned>() const;
template <>
unsigned long LeanJson::get<unsigned long>() const;
template <>
unsigned long long LeanJson::get<unsigned long long>() const;
template <>
double LeanJson::get<double>() const;
template <>
const std::string& LeanJson::get_ref<const std::string&>() const;

}  // namespace frontdoor::detail
