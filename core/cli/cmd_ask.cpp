// `frontdoor ask`: the wizard in a terminal. The questions, their order, the outcome and the
// wording come from the core (route and ui ops, i.e. data/questions.json and data/ui.json);
// this file only reads lines, matches them to answers and prints.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include "cli.hpp"
#include "frontdoor/model.hpp"
#include "open_status.hpp"

namespace frontdoor::cli {
namespace {

std::string trim(const std::string& text) {
  auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  auto end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

bool all_digits(const std::string& text, std::size_t max_length) {
  if (text.empty() || text.size() > max_length) return false;
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

std::string str(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string shown(const Json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

/** What a typed line means for the current question. */
struct Answer {
  std::optional<Json> value; /**< the fact's value when the line is a valid answer */
  std::string error;         /**< else what to tell the person (from ui.json) */
};

/** The option whose value is null (the question's "I don't know"), if any. */
const Json* unknown_option(const Json& options) {
  for (const auto& option : options) {
    if (option.value("value", Json()).is_null()) return &option;
  }
  return nullptr;
}

/** The element's chooseErrorId: ui.json `error_choose_<question id, "-" as "_">` when it has that
    wording ("Select who you are"), else `error_choose`. */
std::string choose_error_id(const Json& question, const Wording& ui) {
  std::string id = str(question, "id");
  if (id.empty()) return "error_choose";
  std::replace(id.begin(), id.end(), '-', '_');
  const std::string key = "error_choose_" + id;
  return ui.has(key) ? key : "error_choose";
}

/** The element's outsideCouncilId: ui.json `area_outside_<town key, spaces as "_">` naming the
    council of a place outside Wiltshire ("Swindon Borough Council"), or "" when it names none. */
std::string outside_council_id(const std::string& place, const Wording& ui) {
  std::string key = detail::town_key(place);
  if (key.empty()) return "";
  std::replace(key.begin(), key.end(), ' ', '_');
  const std::string id = "area_outside_" + key;
  return ui.has(id) ? id : "";
}

Answer match_answer(const Json& question, const std::string& line, const Wording& ui) {
  const std::string type = str(question, "type");
  const Json options = question.value("options", Json::array());
  const std::string folded = lower(line);
  const Json* unknown = unknown_option(options);
  if (type == "number") {
    const std::string min = shown(question.value("min", Json())), max = shown(question.value("max", Json()));
    if (unknown && (line == "?" || folded == lower(str(*unknown, "label")))) return {Json(), ""};
    if (!all_digits(line, 6)) return {std::nullopt, ui.get("error_number_invalid", {{"min", min}, {"max", max}})};
    const long long number = std::stoll(line);
    const Json lo = question.value("min", Json()), hi = question.value("max", Json());
    if ((lo.is_number() && number < lo.get<long long>()) || (hi.is_number() && number > hi.get<long long>())) {
      return {std::nullopt, ui.get("error_number_range", {{"min", min}, {"max", max}})};
    }
    return {Json(number), ""};
  }
  if (all_digits(line, 4)) {
    const std::size_t n = std::stoul(line);
    if (n >= 1 && n <= options.size()) return {options[n - 1].value("value", Json()), ""};
  } else {
    for (const auto& option : options) {
      const Json value = option.value("value", Json());
      if ((!value.is_null() && folded == lower(shown(value))) || folded == lower(str(option, "label"))) {
        return {value, ""};
      }
    }
  }
  if (type == "area") {
    // The element's matchTown: a town matches by its key (case, spacing, hyphens, "upon"…).
    const std::string key = detail::town_key(line);
    for (const auto& option : options) {
      const Json value = option.value("value", Json());
      if (!key.empty() && value.is_string() && detail::town_key(value.get<std::string>()) == key) return {value, ""};
    }
    const std::string unknown_label = unknown ? str(*unknown, "label") : ui.get("answer_unknown");
    if (const std::string council = outside_council_id(line, ui); !council.empty()) {
      return {std::nullopt,
              ui.get("error_area_outside", {{"place", line}, {"council", ui.get(council)}, {"unknown", unknown_label}})};
    }
    return {std::nullopt, ui.get("error_area_unknown", {{"value", line}, {"unknown", unknown_label}})};
  }
  return {std::nullopt, ui.get(choose_error_id(question, ui))};
}

void print_question(const Json& question) {
  fmt::print("\n{}\n", str(question, "text"));
  if (auto hint = str(question, "hint"); !hint.empty()) fmt::print("{}\n", hint);
  const Json options = question.value("options", Json::array());
  if (str(question, "type") == "number") {
    fmt::print("  [{}-{}]\n", shown(question.value("min", Json())), shown(question.value("max", Json())));
    if (const Json* unknown = unknown_option(options)) fmt::print("  ?. {}\n", str(*unknown, "label"));
    return;
  }
  std::size_t n = 0;
  for (const auto& option : options) {
    const std::string hint = str(option, "hint");
    fmt::print("  {}. {}{}\n", ++n, str(option, "label"), hint.empty() ? "" : " (" + hint + ")");
  }
}

void print_list(const Json& list, const std::string& indent) {
  if (!list.is_array()) return;
  for (const auto& item : list) {
    if (item.is_string() && !item.get<std::string>().empty()) fmt::print("{}{}\n", indent, item.get<std::string>());
  }
}

void print_outcome(const Json& response, const Wording& ui) {
  fmt::print("\n{}\n", ui.get("outcome_heading"));
  if (auto name = str(response, "level_name"); !name.empty())
    fmt::print("{}\n", ui.get("level_text", {{"name", name}, {"filter", str(response, "level_filter")}}));
  const std::string now = str(response, "at");
  if (auto when = outcome_time(now, ui); !when.empty()) fmt::print("{}\n", when);
  // One line per item, indented under its contact; an empty wording prints no line.
  auto line = [](const std::string& indent, const std::string& text) {
    if (!text.empty()) fmt::print("{}{}\n", indent, text);
  };
  std::size_t n = 0;
  for (const auto& contact : response.value("contacts", Json::array())) {
    fmt::print("\n{}. {}\n", ++n, str(contact, "name"));
    for (const auto& phone : contact.value("phones", Json::array())) {
      const std::string label = str(phone, "label");
      fmt::print("   {}{}\n", ui.get("call_number", {{"number", str(phone, "number")}}), label.empty() ? "" : " (" + label + ")");
      const Json option = phone.value("option", Json());
      if (!option.is_null()) line("   ", ui.get("call_option", {{"option", shown(option)}}));
    }
    if (auto email = str(contact, "email"); !email.empty()) line("   ", ui.get("contact_email", {{"value", email}}));
    if (auto web = str(contact, "web"); !web.empty()) line("   ", ui.get("contact_web", {{"value", web}}));
    fmt::print("   {}\n", open_status_line(contact, now, ui));
    if (auto label = str(contact, "label_now"); !label.empty()) line("   ", ui.get("label_now", {{"label", label}}));
    if (auto hours = str(contact, "hours_text"); !hours.empty()) line("   ", ui.get("hours_line", {{"hours", hours}}));
    line("   ", str(contact, "why"));
    const Json ready = contact.value("have_ready", Json::array());
    if (ready.is_array() && !ready.empty()) {
      fmt::print("   {}:\n", ui.get("have_ready_heading"));
      print_list(ready, "   - ");
    }
    print_list(contact.value("notes", Json::array()), "   ");
  }
  const Json notes = response.value("notes", Json::array());
  if (notes.is_array() && !notes.empty()) {
    fmt::print("\n{}:\n", ui.get("notes_heading"));
    print_list(notes, "- ");
  }
  if (auto checked = str(response, "checked"); !checked.empty()) fmt::print("\n{}\n", ui.get("last_checked", {{"date", checked}}));
}

Wording ui_for(Session& session, const Json& facts) {
  Json request = {{"op", "ui"}};
  auto audience = facts.find("audience");
  if (audience != facts.end() && audience->is_string()) request["audience"] = *audience;
  return Wording(call(session, request).value("strings", Json::object()));
}

/** The messages of a refused request (for the person; ids and pointers are for data editors). */
std::string refusal(Session& session, const Json& request) {
  const Json response = Json::parse(session.handle(request.dump(-1, ' ', false, Json::error_handler_t::replace)));
  if (response.value("ok", false)) return "";
  std::string text;
  for (const auto& error : response.value("errors", Json::array())) {
    text += (text.empty() ? "" : "\n") + str(error, "message");
  }
  return text.empty() ? "?" : text;
}

}  // namespace

int run_ask(const Args& args) {
  const std::string& dir = args.require("data");
  Json facts = args.has("facts") ? parse_facts(*args.get("facts")) : Json::object();
  Session session(workbench());
  load_data(session, dir);
  auto route_request = [&](const Json& with) {
    Json request = {{"op", "route"}, {"facts", with}};
    if (auto at = args.get("at")) request["at"] = *at;
    return request;
  };
  std::vector<std::string> answered;  // facts set by answers, newest last (what `b` undoes)
  {
    const Wording ui = ui_for(session, facts);
    fmt::print("{}\n", ui.get("danger_line", {{"number", ui.get("danger_number")}}));
    // CLI mechanics, not wording of the service.
    fmt::print("(b: {}, q: quit)\n", ui.get("button_back"));
  }
  while (true) {
    const Json response = call(session, route_request(facts));
    const Wording ui = ui_for(session, facts);
    const Json question = response.value("next_question", Json());
    if (question.is_null()) {
      print_outcome(response, ui);
      return 0;
    }
    print_question(question);
    const std::string fact = str(question, "fact");
    while (true) {
      fmt::print("> ");
      std::fflush(stdout);
      std::string line;
      if (!std::getline(std::cin, line)) {
        fmt::print("\n");
        throw InputError("frontdoor ask: the input ended before the outcome (answer every question, or type q)");
      }
      // Piped answers are echoed so the transcript reads like a terminal session.
      if (!isatty(STDIN_FILENO)) fmt::print("{}\n", line);
      line = trim(line);
      if (line.empty()) continue;
      if (line == "q" || line == "Q") return 0;
      if (line == "b" || line == "B") {
        if (answered.empty()) continue;  // the first question: nothing to undo
        facts.erase(answered.back());
        answered.pop_back();
        break;
      }
      Answer answer = match_answer(question, line, ui);
      if (!answer.value) {
        fmt::print("{} {}\n", ui.get("error_prefix"), answer.error);
        continue;
      }
      Json trial = facts;
      trial[fact] = *answer.value;
      // The core has the last word on a value (e.g. an age outside the fact's range).
      if (auto refused = refusal(session, route_request(trial)); !refused.empty()) {
        fmt::print("{} {}\n", ui.get("error_prefix"), refused);
        continue;
      }
      facts = std::move(trial);
      answered.push_back(fact);
      break;
    }
  }
}

}  // namespace frontdoor::cli
