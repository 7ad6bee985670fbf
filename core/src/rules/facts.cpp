#include "frontdoor/facts.hpp"

#include "frontdoor/model.hpp"
#include <fmt/format.h>

#include <climits>
#include <cstdint>

namespace frontdoor {

const std::vector<FactSpec>& fact_vocabulary() {
  // A table of plain strings (values separated by spaces) costs less code than nested
  // initializer lists of std::string, which the web build pays for byte by byte.
  using T = FactSpec::Type;
  struct Row {
    const char* name;
    T type;
    const char* values;
    int min, max;
  };
  static const Row rows[] = {
      {"audience", T::choice, "parent young_person professional public", 0, 0},
      {"immediate_danger", T::boolean, "", 0, 0},
      {"concern", T::choice,
       "harm unsure exploitation missing family_support plan_not_working allegation disability send childcare in_care "
       "advocacy drugs_alcohol education_employment sexual_health offending team_contact consultation training "
       "mash_tour complaint",
       0, 0},
      {"child_age", T::integer, "", 0, 25},
      {"area", T::area, "", 0, 0},
      {"consent", T::choice, "yes no not_asked", 0, 0},
      {"has_ehcp", T::boolean, "", 0, 0},
      // Flow only: which short list of `concern` options is shown (rules need not use it).
      {"concern_group", T::choice, "harm_or_risk other_help", 0, 0},
  };
  static const std::vector<FactSpec> list = [] {
    std::vector<FactSpec> out;
    for (const Row& r : rows) {
      FactSpec f;
      f.name = r.name;
      f.type = r.type;
      f.min = r.min;
      f.max = r.max;
      for (const char* p = r.values; *p;) {
        const char* end = p;
        while (*end && *end != ' ') ++end;
        f.values.emplace_back(p, end);
        p = *end ? end + 1 : end;
      }
      out.push_back(std::move(f));
    }
    return out;
  }();
  return list;
}

const FactSpec* find_fact(std::string_view name) {
  for (const auto& f : fact_vocabulary())
    if (f.name == name) return &f;
  return nullptr;
}

std::string describe_value(const Json& value) {
  if (value.is_array()) return "an array";
  if (value.is_object()) return "an object";
  if (value.is_string() && value.get_ref<const std::string&>().size() > 60) {
    std::string cut = value.get_ref<const std::string&>().substr(0, 60);
    // Do not cut a UTF-8 sequence in half.
    while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();
    if (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0x80)) cut.pop_back();
    std::string text = Json(cut).dump(-1, ' ', false, Json::error_handler_t::replace);
    return text.insert(text.size() - 1, "…");
  }
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string describe_type(const Json& value) {
  if (value.is_number_integer()) return "an integer";
  if (value.is_number()) return "a number";
  if (value.is_string()) return "a string";
  if (value.is_boolean()) return "a boolean";
  if (value.is_null()) return "null";
  if (value.is_array()) return "an array";
  return "an object";
}

static std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
  return out;
}

std::string check_fact_value(const FactSpec& spec, const Json& value, std::string& message) {
  switch (spec.type) {
    case FactSpec::Type::boolean:
      if (!value.is_boolean()) {
        message = spec.name + " must be true, false or null, not " + describe_value(value);
        return "facts.wrong_type";
      }
      return "";
    case FactSpec::Type::integer:
      if (!value.is_number_integer()) {
        message = spec.name + " must be a whole number or null, not " + describe_value(value);
        return "facts.wrong_type";
      }
      if (value.get<long long>() < spec.min || value.get<long long>() > spec.max) {
        message = spec.name + " must be from " + fmt::to_string(spec.min) + " to " + fmt::to_string(spec.max) +
                  ", not " + describe_value(value);
        return "facts.age_range";
      }
      return "";
    case FactSpec::Type::area:
      if (!value.is_string()) {
        message = spec.name + " must be a town name (a string) or null, not " + describe_value(value);
        return "facts.wrong_type";
      }
      return "";
    case FactSpec::Type::choice:
      if (!value.is_string()) {
        message = spec.name + " must be one of " + join(spec.values) + " (a string) or null, not " + describe_value(value);
        return "facts.wrong_type";
      }
      for (const auto& v : spec.values)
        if (v == value.get<std::string>()) return "";
      message = spec.name + " must be one of " + join(spec.values) + ", not " + describe_value(value);
      return "facts.unknown_value";
  }
  return "";
}

std::string Facts::audience() const {
  const std::string* audience = string("audience");
  return audience ? *audience : "default";
}

Json Facts::to_json() const { return values; }

Facts parse_facts(const Json& object, Problems& problems, const std::string& base) {
  Facts facts;
  if (!object.is_object()) {
    problems.push_back({"facts.wrong_type", "", base + "/facts",
                        "facts must be an object of fact names to values, not " + std::string(object.type_name()), false});
    return facts;
  }
  for (auto it = object.begin(); it != object.end(); ++it) {
    const std::string pointer = base + "/facts/" + it.key();
    const FactSpec* spec = find_fact(it.key());
    if (!spec) {
      std::string names;
      for (const auto& f : fact_vocabulary()) names += (names.empty() ? "" : ", ") + f.name;
      problems.push_back({"facts.unknown_fact", "", pointer, "unknown fact \"" + it.key() + "\"; known facts: " + names, false});
      continue;
    }
    if (it.value().is_null()) {
      facts.values[it.key()] = Value();
      continue;
    }
    std::string message;
    std::string id = check_fact_value(*spec, it.value(), message);
    if (!id.empty()) {
      problems.push_back({id, "", pointer, message, false});
      continue;
    }
    if (spec->type == FactSpec::Type::area) {
      // Keep the person's spelling, without surrounding white space.
      const std::string& s = it.value().get_ref<const std::string&>();
      std::size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
      facts.values[it.key()] = b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
    } else {
      facts.values[it.key()] = it.value().get<Value>();
    }
  }
  return facts;
}

}  // namespace frontdoor

void nlohmann::adl_serializer<frontdoor::Value>::from_json(const frontdoor::Json& json, frontdoor::Value& value) {
  if (json.is_null())
    value = std::monostate();
  else if (json.is_boolean())
    value = json.get<bool>();
  else if (json.is_string())
    value = json.get<std::string>();
  else if (json.is_number_integer() && (json.is_number_unsigned() ? json.get<std::uint64_t>() <= LLONG_MAX : true))
    value = json.get<long long>();
  else
    throw frontdoor::Json::type_error::create(302, "a value must be null, a boolean, a whole number or a string, not " + frontdoor::describe_value(json), &json);
}
