#pragma once
/**
 * @file
 * The loaded data: services and localities (directory.json), the calendar, levels, groups and
 * rules (rules.json), questions (questions.json) and UI strings (ui.json). Built by the reader
 * (reader.hpp) and never changed after that; share it as `std::shared_ptr<const Model>`.
 */
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontdoor/json.hpp"

#include "frontdoor/calendar.hpp"
#include "frontdoor/facts.hpp"
#include "frontdoor/schedule.hpp"

namespace frontdoor {

/** The audiences wording may be written for. */
const std::vector<std::string>& audiences();

/** Wording: one text, optionally with a different text per audience. */
struct Text {
  std::string fallback;                           /**< the `default` (or the plain string) */
  std::map<std::string, std::string> by_audience; /**< audience → text */

  /** The text for `audience` (or the default when there is none for it). */
  const std::string& resolve(std::string_view audience) const;
  /** Resolved for `audience`, as JSON (a string). */
  Json to_json(std::string_view audience) const { return resolve(audience); }
};

/**
 * Where a fact came from: the page it was read on and the date it was last compared with that
 * page. A fact whose data names no source of its own has its service's.
 */
struct Provenance {
  std::string source; /**< the page's address */
  Date checked;       /**< last compared with the page (never a build date) */
};

/** A phone line of a service. */
struct Phone {
  std::string number;     /**< as printed in the source, e.g. "01234 567890" */
  std::string label;      /**< names the line */
  Value option;           /**< the menu option to choose (number or string), or null */
  Provenance provenance;  /**< where the number is printed */
};

/** An inclusive age range in whole years. */
struct AgeRange {
  int min = 0;
  int max = 25;
  std::optional<Text> note;
  Provenance provenance; /**< where the age limit is stated */
};

/** One service of directory.json. */
struct Service {
  std::string id;
  std::string name;
  std::string organisation;
  Text summary;
  std::vector<std::string> audiences;
  std::optional<AgeRange> age;        /**< nullopt: no age limit */
  std::vector<Phone> phones;
  std::optional<std::string> email;
  std::optional<std::string> web;
  Schedule schedule;
  Text hours_text;
  std::optional<std::vector<std::string>> localities; /**< nullopt: county-wide */
  std::vector<Text> have_ready;
  std::vector<Text> notes;
  std::string source;
  Date checked;
  Provenance email_provenance; /**< where the email address is printed (`email_source`) */
  Provenance hours_provenance; /**< where the schedule and hours_text come from (`hours_source`) */
  /** How a sentence names the service ("the Out of Hours service"); defaults to `name`. */
  std::optional<Text> called;
};

/** A locality (North, East, South, West) and its towns. */
struct Locality {
  std::string id;
  std::string name;
  std::vector<std::string> towns;
};

/** A level of need (red, amber, green, blue); a higher rank wins. */
struct Level {
  std::string id;
  std::string name;
  std::string filter;
  int rank = 0;
};

/** A condition tree (the `when` of a rule). */
struct Condition {
  enum class Kind { all, any, negate, eq, in, not_in, range, known };
  Kind kind = Kind::all;
  std::string fact;                     /**< for eq, in, not_in, range, known */
  std::vector<Value> values;            /**< eq: one value; in / not_in: the list */
  std::optional<long long> min, max;    /**< range bounds */
  bool known = true;                    /**< for known */
  std::vector<Condition> children;      /**< all / any: members; negate: one */
};

/** A contact entry of a rule or of a `by_locality` `otherwise`. */
struct ContactSpec {
  enum class Kind { service, first_open, by_locality };
  Kind kind = Kind::service;
  std::string service;                          /**< Kind::service */
  std::optional<Text> why;
  std::string group;                            /**< Kind::first_open */
  std::map<std::string, std::string> by_locality; /**< locality id → service id */
  std::shared_ptr<ContactSpec> otherwise;       /**< Kind::by_locality; may be null */
};

/** A member of a `first_open` group. */
struct GroupMember {
  std::string service;
  Text why;
};

/** One rule of rules.json. */
struct Rule {
  std::string id;
  Condition when;
  std::string level; /**< empty: the rule sets no level */
  std::vector<ContactSpec> contacts;
  std::vector<Text> notes;
  std::optional<Text> explain;
  bool final = false;
};

/**
 * The safety net the engine lays over every outcome (rules.json → `safety`, DESIGN.md "Safety
 * invariants"): which concerns may carry risk, which are administrative, the safeguarding line
 * answered at each minute, and the wording of the contacts the engine adds.
 */
struct Safety {
  /** Group of the safeguarding line; its first member is the office-hours line (MASH). */
  std::string line;
  std::vector<std::string> risk;           /**< concern values that may carry risk (unknown counts too) */
  std::vector<std::string> administrative; /**< concern values that get no safety net */
  std::vector<std::string> specialist;     /**< concern values routed to a specialist service: no level */
  long long closing_minutes = 15;          /**< "closes soon" horizon, minutes */
  Text net_why;      /**< why of the line added to a non-risk outcome */
  Text takeover_why; /**< why of the line that takes over: {closing}, {time}, {service} */
  Text named_why;    /**< why of a service added because a text names it: {service} */
  /** Lines added to every non-administrative outcome for an audience (e.g. Childline). */
  std::map<std::string, std::vector<GroupMember>> by_audience;
};

/** An answer of a question. */
struct Option {
  Value value;                             /**< the fact's value (null: not known) */
  Text label;
  std::optional<Text> hint;
  std::optional<std::vector<std::string>> audiences; /**< nullopt: every audience */
  /**
   * `groups`: the answers of the question's `grouped_by` fact under which this option is shown
   * (e.g. "harm_or_risk"); empty: shown under every answer.
   */
  std::vector<std::string> groups;
};

/** One question of questions.json. */
struct Question {
  std::string id;
  std::string fact;
  std::string type; /**< choice, yes_no, number, area */
  Text text;
  std::optional<Text> hint;
  std::vector<Option> options;
  std::optional<long long> min, max;
  std::optional<Option> unknown_option; /**< value null */
  /**
   * `grouped_by`: a fact (asked by a question of its own, before this one; rules need not use it)
   * whose answer picks which options are shown: those whose `groups` hold the answer. When the
   * answer is null or not given, the group of that question's first option is shown (the risk
   * group). Empty: every option is shown.
   */
  std::string grouped_by;
};

/** A number no longer in use (must never appear as a service phone). */
struct SupersededNumber {
  std::string number;
  std::string was;
  std::string source;
};

/** All the data; immutable after loading. */
class Model {
 public:
  std::vector<Service> services;
  std::vector<Locality> localities;
  std::vector<std::string> short_codes;
  std::vector<SupersededNumber> superseded;
  Date checked;                     /**< directory.json → checked */
  std::string contact_page;         /**< directory.json → contact_page: the main source page ("" when not named) */
  Calendar calendar;
  std::vector<Level> levels;
  std::map<std::string, std::vector<GroupMember>> groups;
  std::vector<Rule> rules;
  Safety safety;
  std::vector<Question> questions;
  std::map<std::string, Text> ui;   /**< ui.json, in key order */
  /** The parsed source documents by file name ("directory.json", …): filled by check_data (checks.hpp) for the bundle op and the ORUK export; empty in the browser module. */
  std::map<std::string, Json> documents;

  /** The service with `id`, or nullptr. */
  const Service* service(std::string_view id) const;
  /** The level with `id`, or nullptr. */
  const Level* level(std::string_view id) const;
  /** The question asking `fact`, or nullptr. */
  const Question* question_for(std::string_view fact) const;
  /** Position of `fact`'s question in questions.json (questions.size() when none). */
  std::size_t question_index(std::string_view fact) const;
  /**
   * The locality of a town, matched by detail::town_key (case, spacing, hyphens, apostrophes,
   * "upon", a leading "Royal" ignored), or nullptr when not a known town: never a guess.
   */
  const Locality* locality_of_town(std::string_view town) const;
  /** Every town in the directory, sorted case-insensitively. */
  std::vector<std::string> towns() const;

  /** Fills the lookup indexes; called once by the reader. */
  void index();

 private:
  std::map<std::string, std::size_t, std::less<>> service_index_;
  std::map<std::string, std::size_t> town_index_; /**< lowercased town → locality index */
};

/**
 * A service named inside wording: `{service:ID}` names that service, `{line:GROUP}` the member of
 * the group to call at the instant (as `first_open` picks it). The engine replaces the reference
 * with how a sentence names the service and shows the service on the same screen.
 */
struct TextRef {
  enum class Kind { none, service, line };
  Kind kind = Kind::none;
  std::string id;
};

/** Every way a sentence may name `service`: its `name` and each wording of `called`. */
std::vector<std::string> called_names(const Service& service);

/** The reference in `braced` ("{service:mash}"), or Kind::none when it is not one. */
TextRef parse_text_ref(std::string_view braced);

/** Every reference in `text`, in order. */
std::vector<TextRef> text_refs(std::string_view text);

/** The named arguments of a wording template: `{name}` in the text is replaced by the value. */
using TemplateArgs = std::vector<std::pair<std::string, std::string>>;

/**
 * A wording template filled in: each `{name}` of `args` is replaced by its value, everything else
 * is kept (a `{service:ID}` reference is expanded later). The widget fills ui.json's templates the
 * same way (web/components/frontdoor-wizard), so the CLI and the page say the same words. Not
 * fmt: its runtime formatter would add 8.5 KB brotli to the wasm (measured), and `{{` would mean
 * something else to the page. The checks refuse a template naming a field its caller does not
 * fill (data.text.template).
 */
std::string fill(std::string_view text, const TemplateArgs& args);

namespace detail {
/** ASCII lowercase with leading and trailing white space removed. */
std::string fold(std::string_view text);
/**
 * The key a town is matched by: fold() after hyphens become spaces and apostrophes (' and U+2019)
 * are dropped, with "upon" read as "on" and a leading "royal " dropped ("Bradford-upon-Avon" and
 * "bradford on avon", "Royal Wootton Bassett" and "Wootton Bassett" have one key).
 */
std::string town_key(std::string_view text);
}  // namespace detail

}  // namespace frontdoor
