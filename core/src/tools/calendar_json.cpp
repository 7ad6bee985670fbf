#include "frontdoor/calendar_json.hpp"
#include "frontdoor/calendar.hpp"
#include "frontdoor/schedule.hpp"
#include "frontdoor/wire.hpp"
#include "small_sort.hpp"
#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

namespace frontdoor {

namespace {

using json = Json;

/** `value` is the string `text` (compared without making a JSON value of `text`). */
bool is_text(const json& value, const char* text) { return value.is_string() && value.get_ref<const std::string&>() == text; }

const char* const kDays[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// A short rendering of a JSON value for messages.
std::string shown(const json& value) {
  std::string text = value.dump();
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

struct Reporter {
  const std::string& file;
  Problems& problems;
  void error(const std::string& id, const std::string& pointer, const std::string& message) {
    problems.push_back(Problem{id, file, pointer, message, false});
  }
  void warning(const std::string& id, const std::string& pointer, const std::string& message) {
    problems.push_back(Problem{id, file, pointer, message, true});
  }
  // Reports members of `object` that are not in `allowed`; returns false if any.
  bool only(const json& object, const std::string& pointer, std::initializer_list<const char*> allowed,
            const std::string& id, const std::string& what) {
    bool ok = true;
    for (auto it = object.begin(); it != object.end(); ++it) {
      const bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return it.key() == a; });
      if (known) continue;
      std::string names;
      for (const char* a : allowed) names += std::string(names.empty() ? "" : ", ") + a;
      error(id, pointer + "/" + pointer_token(it.key()),
            "unknown member \"" + it.key() + "\" in " + what + " (expected only: " + names + ")");
      ok = false;
    }
    return ok;
  }
};

std::optional<Date> read_date(Reporter& r, const json& object, const char* key, const std::string& pointer,
                              bool required, const std::string& what) {
  const auto it = object.find(key);
  const std::string at = pointer + "/" + key;
  if (it == object.end()) {
    if (required) r.error("data.date.invalid", at, what + " has no \"" + key + "\" (a YYYY-MM-DD date)");
    return std::nullopt;
  }
  if (it->is_string()) {
    if (auto d = parse_date(it->get<std::string>())) return d;
  }
  r.error("data.date.invalid", at,
          std::string("\"") + key + "\" must be a real date written YYYY-MM-DD; found " + shown(*it));
  return std::nullopt;
}

// A valid interval of `weekly` (with days) or `holidays` (without), kept for the overlap checks.
struct Span {
  int open = 0, close = 0;
  std::string pointer;
  std::vector<int> days;  // weekday indexes; empty for holiday intervals
};

std::optional<Span> read_interval(Reporter& r, const json& node, const std::string& pointer,
                                            bool with_days) {
  if (!node.is_object()) {
    r.error("data.schedule.type", pointer,
            "an interval must be an object like {\"open\": \"09:00\", \"close\": \"17:00\"}; found " + shown(node));
    return std::nullopt;
  }
  bool ok = with_days ? r.only(node, pointer, {"days", "open", "close", "label"}, "data.schedule.member", "an interval")
                      : true;
  Span out;
  out.pointer = pointer;
  if (with_days) {
    const auto days = node.find("days");
    if (days == node.end() || !days->is_array() || days->empty()) {
      r.error("data.schedule.days", pointer + "/days",
              "\"days\" must be a non-empty list of mon, tue, wed, thu, fri, sat, sun; found " +
                  (days == node.end() ? std::string("nothing") : shown(*days)));
      ok = false;
    } else {
      for (std::size_t j = 0; j < days->size(); ++j) {
        const json& day = (*days)[j];
        const std::string at = pointer + "/days/" + fmt::to_string(j);
        const char* const* found = std::find_if(std::begin(kDays), std::end(kDays), [&](const char* name) {
          return day.is_string() && day.get<std::string>() == name;
        });
        if (found == std::end(kDays)) {
          r.error("data.schedule.day", at, "unknown day " + shown(day) + " (use mon, tue, wed, thu, fri, sat, sun)");
          ok = false;
          continue;
        }
        const int index = static_cast<int>(found - std::begin(kDays));
        if (std::find(out.days.begin(), out.days.end(), index) != out.days.end()) {
          r.error("data.schedule.day", at, "the day \"" + std::string(*found) + "\" is listed twice in this interval");
          ok = false;
          continue;
        }
        out.days.push_back(index);
      }
    }
  } else {
    if (node.contains("days")) {
      r.error("data.schedule.day", pointer + "/days",
              "holiday intervals apply on every bank holiday and closure day: remove \"days\" (found " +
                  shown(node["days"]) + ")");
      ok = false;
    }
    ok = r.only(node, pointer, {"open", "close", "label", "days"}, "data.schedule.member", "a holiday interval") && ok;
  }

  std::optional<int> times[2];
  const char* keys[2] = {"open", "close"};
  for (int k = 0; k < 2; ++k) {
    const auto it = node.find(keys[k]);
    const std::string at = pointer + "/" + keys[k];
    if (it == node.end()) {
      r.error("data.schedule.time", at, std::string("the interval has no \"") + keys[k] + "\" time (\"HH:MM\")");
      ok = false;
      continue;
    }
    if (it->is_string()) times[k] = parse_hhmm(it->get<std::string>());
    if (times[k] && k == 0 && *times[k] == 1440) {
      r.error("data.schedule.time", at, "an interval cannot open at 24:00; start it at 00:00 of the next day");
      times[k].reset();
      ok = false;
      continue;
    }
    if (!times[k]) {
      r.error("data.schedule.time", at,
              std::string("\"") + keys[k] + "\" must be a 24-hour London time \"HH:MM\" from 00:00 to 24:00; found " +
                  shown(*it));
      ok = false;
    }
  }
  if (times[0] && times[1] && *times[0] >= *times[1]) {
    r.error("data.schedule.inverted", pointer,
            "the interval opens at " + format_hhmm(*times[0]) + " but closes at " + format_hhmm(*times[1]) +
                "; it must close after it opens and cannot cross midnight (close at 24:00 and add an interval "
                "from 00:00 on the next day)");
    ok = false;
  }
  const auto label = node.find("label");
  if (label != node.end() && !label->is_null() && !(label->is_string() && !label->get<std::string>().empty())) {
    r.error("data.schedule.label", pointer + "/label", "\"label\" must be a non-empty string or null; found " + shown(*label));
    ok = false;
  }
  if (!ok) return std::nullopt;
  out.open = *times[0];
  out.close = *times[1];
  return out;
}

// Sorts `list` and reports intervals that overlap an earlier one.
void check_overlaps(Reporter& r, std::vector<const Span*>& list, const std::string& where) {
  detail::small_stable_sort(list.begin(), list.end(), [](const Span* a, const Span* b) { return a->open < b->open; });
  for (std::size_t i = 1; i < list.size(); ++i) {
    const Span* prev = list[i - 1];
    const Span* cur = list[i];
    if (cur->open < prev->close) {
      r.error("data.schedule.overlap", cur->pointer,
              where + ", " + format_hhmm(cur->open) + "–" + format_hhmm(cur->close) + " overlaps " +
                  format_hhmm(prev->open) + "–" + format_hhmm(prev->close) + " (at " + prev->pointer +
                  "); intervals may touch but not overlap");
    }
  }
}

std::vector<Span> read_interval_list(Reporter& r, const json& list, const std::string& pointer, bool with_days) {
  std::vector<Span> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (auto iv = read_interval(r, list[i], pointer + "/" + fmt::to_string(i), with_days)) out.push_back(*iv);
  }
  return out;
}

}  // namespace

void check_calendar(const json& doc, const std::string& file, Problems& problems) {
  Reporter r{file, problems};
  if (!doc.is_object()) {
    r.error("data.calendar.type", "", "calendar.json must hold a JSON object; found " + std::string(doc.type_name()));
    return;
  }
  r.only(doc, "", {"$schema", "division", "checked", "exceptions"}, "data.calendar.member", "calendar.json");
  const auto division = doc.find("division");
  if (division == doc.end() || !is_text(*division, "england-and-wales")) {
    r.error("data.calendar.division", "/division",
            "\"division\" must be \"england-and-wales\" (the bank-holiday rules in the code are England & Wales'); "
            "found " + (division == doc.end() ? std::string("nothing") : shown(*division)));
  }
  if (doc.contains("checked")) read_date(r, doc, "checked", "", false, "calendar.json");

  const auto list = doc.find("exceptions");
  if (list == doc.end() || !list->is_array()) {
    r.error("data.calendar.exceptions", "/exceptions",
            "\"exceptions\" must be a list (it may be empty); found " +
                (list == doc.end() ? std::string("nothing") : shown(*list)));
    return;
  }

  std::vector<std::pair<Date, std::size_t>> seen;  // date → index, for duplicates
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& node = (*list)[i];
    const std::string at = "/exceptions/" + fmt::to_string(i);
    if (!node.is_object()) {
      r.error("data.calendar.type", at, "an exception must be an object with date, kind, name and source; found " + shown(node));
      continue;
    }
    bool ok = r.only(node, at, {"date", "kind", "name", "source", "checked"}, "data.calendar.member", "an exception");
    const auto date = read_date(r, node, "date", at, true, "the exception");
    ok = ok && date.has_value();

    const auto kind = node.find("kind");
    const bool add = kind != node.end() && is_text(*kind, "add");
    const bool remove = kind != node.end() && is_text(*kind, "remove");
    if (!add && !remove && !(kind != node.end() && is_text(*kind, "closure"))) {
      r.error("data.calendar.kind", at + "/kind",
              "\"kind\" must be \"add\", \"remove\" or \"closure\"; found " +
                  (kind == node.end() ? std::string("nothing") : shown(*kind)));
      ok = false;
    }
    for (const char* key : {"name", "source"}) {
      const auto it = node.find(key);
      if (it == node.end() || !it->is_string() || it->get<std::string>().empty()) {
        r.error(std::string("data.calendar.") + key, at + "/" + key,
                std::string("\"") + key + "\" must be a non-empty string" +
                    (std::string(key) == "source" ? " (the page that announced the change)" : "") + "; found " +
                    (it == node.end() ? std::string("nothing") : shown(*it)));
        ok = false;
      }
    }
    if (node.contains("checked")) ok = read_date(r, node, "checked", at, false, "the exception").has_value() && ok;

    if (date) {
      const auto earlier = std::find_if(seen.begin(), seen.end(), [&](const auto& p) { return p.first == *date; });
      if (earlier != seen.end()) {
        r.error("data.calendar.duplicate", at + "/date",
                "the date " + format_date(*date) + " is already listed at /exceptions/" +
                    fmt::to_string(earlier->second) + "; give each date one entry");
        ok = false;
      } else {
        seen.emplace_back(*date, i);
      }
    }
    if (ok && (add || remove)) {
      const auto rules = rule_bank_holidays(date->year());
      const auto rule = std::find_if(rules.begin(), rules.end(), [&](const Holiday& h) { return h.date == *date; });
      if (add && rule != rules.end()) {
        r.error("data.calendar.add_existing", at + "/date",
                format_date(*date) + " is already a bank holiday by rule (" + rule->name + "); remove this \"add\"");
      } else if (remove && rule == rules.end()) {
        r.error("data.calendar.remove_missing", at + "/date",
                format_date(*date) + " is not a bank holiday by rule, so it cannot be removed; check the date");
      }
    }
  }
}

void check_schedule(const json& node, const std::string& file, const std::string& pointer, Problems& problems) {
  Reporter r{file, problems};
  if (!node.is_object()) {
    r.error("data.schedule.type", pointer,
            "\"schedule\" must be an object with \"kind\" (always, weekly or unknown); found " + shown(node));
    return;
  }
  r.only(node, pointer, {"kind", "weekly", "holidays"}, "data.schedule.member", "a schedule");
  const auto kind = node.find("kind");
  const bool is_weekly = kind != node.end() && is_text(*kind, "weekly");
  if (!is_weekly && !(kind != node.end() && (is_text(*kind, "always") || is_text(*kind, "unknown")))) {
    r.error("data.schedule.kind", pointer + "/kind",
            "\"kind\" must be \"always\", \"weekly\" or \"unknown\"; found " +
                (kind == node.end() ? std::string("nothing") : shown(*kind)));
    return;
  }

  const auto weekly = node.find("weekly");
  const auto holidays = node.find("holidays");
  if (!is_weekly) {
    for (const auto& it : {weekly, holidays}) {
      if (it != node.end() && !it->is_null() && !(it->is_array() && it->empty())) {
        r.warning("data.schedule.unused", pointer + "/" + it.key(),
                  "\"" + it.key() + "\" is ignored because \"kind\" is " + kind->dump());
      }
    }
    return;
  }

  if (weekly == node.end() || !weekly->is_array()) {
    r.error("data.schedule.weekly", pointer + "/weekly",
            "a weekly schedule needs \"weekly\", a list of intervals; found " +
                (weekly == node.end() ? std::string("nothing") : shown(*weekly)));
  }
  if (holidays == node.end()) {
    r.error("data.schedule.holidays_missing", pointer,
            "a weekly schedule needs \"holidays\": the intervals used on bank holidays and closure days "
            "([] when closed)");
  } else if (!holidays->is_array()) {
    r.error("data.schedule.holidays_missing", pointer + "/holidays",
            "\"holidays\" must be a list of intervals ([] when closed); found " + shown(*holidays));
  }

  std::vector<Span> week;
  if (weekly != node.end() && weekly->is_array()) week = read_interval_list(r, *weekly, pointer + "/weekly", true);
  std::vector<Span> hol;
  if (holidays != node.end() && holidays->is_array()) hol = read_interval_list(r, *holidays, pointer + "/holidays", false);

  for (int d = 0; d < 7; ++d) {
    std::vector<const Span*> day;
    for (const Span& p : week)
      if (std::find(p.days.begin(), p.days.end(), d) != p.days.end()) day.push_back(&p);
    check_overlaps(r, day, std::string("on ") + kDays[d]);
  }
  std::vector<const Span*> hol_ptrs;
  for (const Span& p : hol) hol_ptrs.push_back(&p);
  check_overlaps(r, hol_ptrs, "on holidays");
}

}  // namespace frontdoor
