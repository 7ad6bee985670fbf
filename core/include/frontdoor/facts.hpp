#pragma once
/**
 * @file
 * The facts vocabulary (docs: ../shared/DESIGN.md, "Facts vocabulary") and validation of a
 * facts object. A fact given as JSON null means "asked, not known".
 */
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "frontdoor/json.hpp"

#include "frontdoor/errors.hpp"

namespace frontdoor {

/**
 * A value of the domain: a fact's value, an option's value, a value a rule condition compares
 * with, a phone's menu option. std::monostate is null ("asked, not known"); numbers are whole.
 * JSON converts to and from it at the edges only (the adl_serializer below).
 */
using Value = std::variant<std::monostate, bool, long long, std::string>;

/** The string in `value`, or nullptr. */
inline const std::string* string_of(const Value& value) { return std::get_if<std::string>(&value); }

/** True for std::monostate (null). */
inline bool is_null(const Value& value) { return value.index() == 0; }

/** One fact of the vocabulary and the values it may take. */
struct FactSpec {
  enum class Type { choice, boolean, integer, area };
  std::string name;
  Type type = Type::choice;
  std::vector<std::string> values; /**< Type::choice: the allowed values */
  int min = 0, max = 0;            /**< Type::integer: inclusive bounds */
};

/** Every fact, in the order of DESIGN.md. */
const std::vector<FactSpec>& fact_vocabulary();

/** The fact named `name`, or nullptr. */
const FactSpec* find_fact(std::string_view name);

/**
 * Checks one value (not null) against `spec`; returns an empty string when it is allowed,
 * else the problem id (`facts.wrong_type`, `facts.unknown_value`, `facts.age_range`), and
 * fills `message`.
 */
std::string check_fact_value(const FactSpec& spec, const Json& value, std::string& message);

/**
 * A short rendering of a value for messages: scalars as JSON (long strings cut to 60
 * characters), arrays and objects by kind only, so deep or huge input stays harmless.
 */
std::string describe_value(const Json& value);

/** The kind of a JSON value for messages: "an integer", "a number", "a string", "a boolean", "null", "an array" or "an object". */
std::string describe_type(const Json& value);

/** Known facts: fact → value; a null value means "asked, not known". */
struct Facts {
  std::map<std::string, Value> values;

  /** True when the fact was given (a value or null). */
  bool given(const std::string& fact) const { return values.count(fact) != 0; }
  /** The string value of `fact`; nullptr when it was not given, is null or is not a string. */
  const std::string* string(const std::string& fact) const {
    auto it = values.find(fact);
    return it == values.end() ? nullptr : string_of(it->second);
  }
  /** The audience for wording: the `audience` fact, or "default". */
  std::string audience() const;
  /** As a JSON object. */
  Json to_json() const;
};

/**
 * Parses and validates a facts object. Problems carry the pointer `/facts/<name>` (prefixed
 * with `base`, "" by default). `area` strings are trimmed. Invalid facts are left out.
 */
Facts parse_facts(const Json& object, Problems& problems, const std::string& base = "");

}  // namespace frontdoor

/**
 * JSON ↔ Value: null, a boolean, an integer and a string convert; any other JSON (a fraction,
 * an array, an object, an integer beyond long long) throws nlohmann's type_error, which the
 * reader turns into bundle.malformed (the checks refuse such data before).
 */
namespace nlohmann {
template <>
struct adl_serializer<frontdoor::Value> {
  template <typename BasicJson>  // nlohmann::json, and the ORUK export's ordered_json
  static void to_json(BasicJson& json, const frontdoor::Value& value) {
    if (const auto* s = frontdoor::string_of(value))
      json = *s;
    else if (const auto* n = std::get_if<long long>(&value))
      json = *n;
    else if (const auto* b = std::get_if<bool>(&value))
      json = *b;
    else
      json = nullptr;
  }
  static void from_json(const frontdoor::Json& json, frontdoor::Value& value);
};
}  // namespace nlohmann
