#pragma once
/**
 * @file
 * Tools for the people who maintain data/: an Open Referral UK export of the directory, a graph
 * of the questions and rules, a table of every answer path and its outcome, the differences in
 * outcome between two versions of the data, and a freshness report. All work on a loaded Model
 * (Session::model()) and compute outcomes with the rules engine; none reads files.
 */
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "frontdoor/calendar.hpp"
#include "frontdoor/checks.hpp"
#include "frontdoor/errors.hpp"
#include "frontdoor/facts.hpp"
#include "frontdoor/model.hpp"

namespace frontdoor {

// ---------------------------------------------------------------------------------------------
// Open Referral UK 3.0 export (tools/oruk.cpp)

/** The RFC 4122 URL namespace, 6ba7b811-9dad-11d1-80b4-00c04fd430c8. */
extern const char* const kUuidNamespaceUrl;

/**
 * A name-based UUID, version 5 (SHA-1), of `name` in the namespace `namespace_uuid`
 * (lowercase, hyphenated). Throws std::invalid_argument when `namespace_uuid` is not a UUID.
 */
std::string uuid_v5(std::string_view namespace_uuid, std::string_view name);

/**
 * The stable id of an exported entity: `uuid_v5(kUuidNamespaceUrl, "urn:frontdoor:" + publisher
 * + ":" + kind + ":" + key)`, e.g. kind "service", key "mash". The same data gives the same ids.
 */
std::string oruk_id(const Model& model, std::string_view kind, std::string_view key);

/**
 * The directory as an Open Referral UK 3.0 page of services, shaped like the `/services`
 * endpoint (reference/oruk-3.0/examples/service_list.json):
 * `{"total_items", "total_pages": 1, "page_number": 1, "size", "first_page", "last_page",
 *   "empty", "contents": [service, ...], "x_frontdoor_superseded_numbers": [...]}`.
 *
 * Each service: `id` (oruk_id "service"), `name`, `description` (summary, default wording),
 * `url`, `email`, `status` "active", `minimum_age`/`maximum_age` (the bounds directory.json states;
 * "5 and over" has no maximum_age), `assured_date` (its `checked`), `organization` (oruk_id "organization" of the
 * organisation name; the publisher's url as website when the names match), `schedules`
 * (`freq` WEEKLY, `byday` "MO,TU,WE,TH", `opens_at`/`closes_at` "HH:MM:SS", one per distinct
 * interval; a closing time of 24:00 is written 23:59:59; an interval label goes in `notes`;
 * `description` is the service's hours_text; 24/7 services get all seven days 00:00:00–23:59:59;
 * services with unknown hours get none), `service_areas` (one per locality served, county-wide
 * = every locality; `service_area` lists its towns), `contacts` (one per phone line, named by
 * its label).
 *
 * Extensions (ORUK 3.0 has no place for these; the UK profile drops phones from service and
 * contact): `x_frontdoor_phones` on the service — every phone as an ORUK phone object
 * `{"id", "number", "description": label, "x_frontdoor_option": menu option or null}`, in
 * directory order, so no number is ever dropped; `x_frontdoor_holiday_hours` — the intervals
 * used on bank holidays and council closure days (`[]` = closed; absent unless weekly);
 * `x_frontdoor_id` — the directory id; `x_frontdoor_source` — the source page. At page level,
 * `x_frontdoor_superseded_numbers` lists numbers no longer in use (never to be called).
 */
nlohmann::ordered_json export_oruk(const Model& model);

// ---------------------------------------------------------------------------------------------
// Graph of the questions and rules (tools/graph.cpp)

/** Output language of flow_graph. */
enum class GraphFormat { dot, mermaid };

/**
 * Every question (with its answers), rule, level and contacted service as a directed graph:
 * questions in asking order; an edge from a question to each rule that tests its fact,
 * labelled with the answers tested; from each rule to the level it sets and the services it
 * adds (first_open groups and by_locality choices as dashed edges). Rules and levels are
 * filled with their level's colour (red, amber, green, blue); final rules have a bold border.
 */
std::string flow_graph(const Model& model, GraphFormat format);

// ---------------------------------------------------------------------------------------------
// Answer paths and their outcomes (tools/paths.cpp)

/** One complete answer path and its outcome. */
struct PathRow {
  nlohmann::json answers;    /**< object fact → value, as answered on the path */
  std::string level;         /**< level id, or "" when no level */
  std::string first_contact; /**< service id of the first contact, or "" */
  std::string reason;        /**< why of the first contact (default wording) */
};

/** Every distinct answer path (enumerate_paths) at `at`, plus the walk's problems. */
struct PathTable {
  std::vector<PathRow> rows;
  Problems problems;
};

/** The facts of a path as text in question order: `audience=parent; child_age=8; area=null`. */
std::string answers_text(const Model& model, const nlohmann::json& answers);

/** Walks every path of `model` at `at`. */
PathTable list_paths(const Model& model, UtcSeconds at);

/** CSV (RFC 4180 quoting, LF line ends, header `answers,level,first_contact,reason`) of `table.rows`. */
std::string paths_csv(const Model& model, const PathTable& table);

/** A path whose outcome differs between two models. */
struct PathChange {
  nlohmann::json answers;
  std::string old_level, old_contact; /**< "" when none; "(asks <fact>)" when the path is incomplete there */
  std::string new_level, new_contact;
};

/**
 * The paths (of either model) whose level or first contact differ when the same answers are
 * given to `old_model` and `new_model` at `at`. A path that is complete in one model but
 * needs more answers in the other is a change too (its side shows `(asks <fact>)`).
 */
std::vector<PathChange> diff_paths(const Model& old_model, const Model& new_model, UtcSeconds at);

/** CSV (RFC 4180 quoting, header `answers,old_level,old_first_contact,new_level,new_first_contact`) of `changes`. */
std::string diff_csv(const Model& model, const std::vector<PathChange>& changes);

// ---------------------------------------------------------------------------------------------
// Freshness report (tools/report.cpp)

/** How fresh one directory entry is: a service, or one fact of it that comes from another page. */
struct FreshnessRow {
  std::string service; /**< the service id */
  std::string fact;    /**< "service", or the fact: "phones/N", "email", "age" or "hours" */
  std::string value;   /**< the service's name, or the fact: a number, an address, "13 to 24", the hours text */
  std::string source;
  std::string checked; /**< YYYY-MM-DD */
  long long days = 0;  /**< days from `checked` to the report date (negative: in the future) */
  bool overdue = false; /**< last checked more than 12 months (calendar months) before the report date */
};

/**
 * In directory order, each service with its source and checked date, followed by every phone
 * number, email address, age limit and schedule of it whose source is not the contact page
 * (directory.json → contact_page; every fact when none is named).
 */
std::vector<FreshnessRow> freshness_report(const Model& model, Date today);

/**
 * CSV (RFC 4180 quoting, header `service,fact,value,source,checked,days_since,status`, status
 * `ok`, `overdue` or `future`).
 */
std::string freshness_csv(const std::vector<FreshnessRow>& rows);

/** One CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
std::string csv_field(std::string_view text);

// ---------------------------------------------------------------------------------------------
// Safety proof (tools/safety.cpp): the invariants of DESIGN.md for every path and instant

/** A safety invariant that does not hold on one answer path at one instant. */
struct SafetyViolation {
  int property = 0;      /**< 0: 999 first in danger; 1–4, 6: DESIGN.md "Safety invariants" */
  Facts facts;           /**< the answers of the path */
  UtcSeconds at = 0;     /**< the instant */
  std::string message;   /**< what is wrong, naming the path, the instant and the property */
};

/** What check_safety looked at and found. */
struct SafetyReport {
  std::size_t paths = 0;   /**< complete answer paths */
  std::size_t checked = 0; /**< path × instant outcomes checked */
  /** Instants evaluated path by path: each stands for every instant with the same open states. */
  std::size_t distinct = 0;
  std::vector<SafetyViolation> violations; /**< at most the limit given, first found first */
  Problems problems;       /**< of the path walk (dead ends, cycles) */
};

/**
 * The instants the proof covers: every quarter hour (UTC steps of 15 minutes, so a clock-change
 * day has 92 or 100) of the seven days from `monday`, of every bank holiday and council closure
 * day, and of both clock-change days, of the years `from_year` to `to_year`.
 */
std::vector<UtcSeconds> safety_instants(const Model& model, Date monday, int from_year, int to_year);

/**
 * Checks, for every answer path at every instant of `instants`: in danger, the danger number
 * (ui.json `danger_number`) first (0); on a risk path, a line answered now first, or in office
 * hours a line with unpublished hours first and the office-hours line second (1); on any other
 * path but an administrative one, the safeguarding line answered now shown (2); a first line that
 * closes within the closing horizon followed by a line open when it closes (3); a text telling
 * the reader to call a service with that service shown (4); no level of need on a specialist or
 * administrative route unless it leads to the safeguarding line (6). At most `limit` violations.
 */
SafetyReport check_safety(const Model& model, const std::vector<UtcSeconds>& instants, std::size_t limit = 20);

/** The problems lint reports for `report`'s violations (`data.safety.property`, rules.json). */
Problems safety_problems(const SafetyReport& report);

}  // namespace frontdoor
