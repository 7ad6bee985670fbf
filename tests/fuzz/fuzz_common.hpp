#pragma once
// Shared by the fuzz targets: the repository's real data as a `load` request, a probe that must
// answer the same before and after any failed request, and the invariants every response keeps.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "frontdoor/api.hpp"
#include "frontdoor/checks.hpp"

namespace frontdoor::fuzz {

inline std::string read_repo_file(const std::string& relative) {
  std::ifstream in(std::string(FRONTDOOR_SOURCE_DIR) + "/" + relative, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "fuzz: cannot read %s\n", relative.c_str());
    std::abort();
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline const char* const kDataFiles[] = {"directory.json", "calendar.json", "rules.json",
                                         "questions.json", "ui.json"};

inline nlohmann::json real_files(const std::string& dir = "data") {
  nlohmann::json files = nlohmann::json::object();
  for (const char* name : kDataFiles) files[name] = read_repo_file(dir + "/" + name);
  return files;
}

inline std::string real_load_request() {
  return nlohmann::json{{"op", "load"}, {"files", real_files()}}.dump();
}

/** A route whose answer must never change while the real data is loaded. */
inline const std::string kProbe =
    R"({"op":"route","at":"2026-11-27T15:59:00Z","facts":{"audience":"parent","immediate_danger":false,"concern":"harm"}})";

[[noreturn]] inline void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n%s\n", what, detail.substr(0, 4000).c_str());
  std::abort();
}

/** A session with the real data loaded; aborts when the real data does not load. */
template <typename AnySession>
inline void load_real(AnySession& s) {
  const std::string reply = s.handle(real_load_request());
  auto parsed = nlohmann::json::parse(reply, nullptr, false);
  if (parsed.is_discarded() || parsed.value("ok", false) != true) fail("the real data must load", reply);
}

/** The CLI's session (it loads data/ as it is; the browser's loads only stamped bundles), with the real data. */
inline frontdoor::Session& real_session() {
  static frontdoor::Session s = [] {
    frontdoor::Session loaded(frontdoor::workbench());
    load_real(loaded);
    return loaded;
  }();
  return s;
}

/**
 * Every response is a JSON object with a boolean `ok`; a refusal has a non-empty `errors` list
 * of {id, where, message} strings; a final route outcome (no next question) has a contact.
 */
inline nlohmann::json check_response(const std::string& reply) {
  auto r = nlohmann::json::parse(reply, nullptr, false);  // also proves the reply is valid UTF-8
  if (r.is_discarded() || !r.is_object()) fail("response is not a JSON object", reply);
  auto ok = r.find("ok");
  if (ok == r.end() || !ok->is_boolean()) fail("response has no boolean ok", reply);
  if (!ok->get<bool>()) {
    auto errors = r.find("errors");
    if (errors == r.end() || !errors->is_array() || errors->empty()) fail("a refusal names no error", reply);
    for (const auto& e : *errors) {
      if (!e.is_object() || !e.contains("id") || !e["id"].is_string() || e["id"].get_ref<const std::string&>().empty() ||
          !e.contains("where") || !e["where"].is_string() || !e.contains("message") || !e["message"].is_string())
        fail("an error lacks id, where or message", reply);
    }
  } else if (r.contains("contacts")) {
    const auto& contacts = r["contacts"];
    if (!contacts.is_array()) fail("contacts is not a list", reply);
    const bool final_outcome = !r.contains("next_question") || r["next_question"].is_null();
    if (final_outcome && contacts.empty()) fail("a final outcome with nobody to contact", reply);
  }
  return r;
}

}  // namespace frontdoor::fuzz
