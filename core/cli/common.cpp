#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli.hpp"
#include "frontdoor/errors.hpp"
#include "frontdoor/loader.hpp"

namespace frontdoor::cli {

std::optional<std::string> Args::get(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

const std::string& Args::require(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end()) throw UsageError("missing required option --" + name);
  return it->second;
}

Args parse_args(const CommandSpec& spec, int argc, char** argv, int first) {
  Args args;
  bool options_done = false;
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (options_done || arg.size() < 2 || arg.compare(0, 2, "--") != 0) {
      if (!options_done && arg.size() > 1 && arg[0] == '-') throw UsageError("unknown option " + arg);
      args.positionals.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (name == "help") {
      args.values["help"] = "";
      continue;
    }
    const OptionSpec* option = nullptr;
    for (const auto& candidate : spec.options) {
      if (candidate.name == name) option = &candidate;
    }
    if (!option) throw UsageError("unknown option --" + name);
    if (args.has(name)) throw UsageError("option --" + name + " given twice");
    if (!option->takes_value) {
      if (inline_value) throw UsageError("option --" + name + " takes no value");
      args.values[name] = "";
      continue;
    }
    if (inline_value) {
      args.values[name] = *inline_value;
    } else {
      // A value may not look like another option, so `--data --at X` reports the missing value.
      if (i + 1 >= argc || std::string(argv[i + 1]).rfind("--", 0) == 0) {
        throw UsageError("option --" + name + " needs a value");
      }
      args.values[name] = argv[++i];
    }
  }
  if (args.has("help")) return args;
  const int count = static_cast<int>(args.positionals.size());
  if (count > spec.max_positionals) throw UsageError("unexpected argument " + args.positionals[spec.max_positionals]);
  if (count < spec.min_positionals) throw UsageError("missing arguments");
  return args;
}

std::string read_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": cannot read file (it is a folder)");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read file");
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) throw InputError(path + ": cannot read file");
  return out.str();
}

std::optional<std::size_t> first_invalid_utf8(const std::string& text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned c = p[i];
    std::size_t len = 0;
    unsigned min = 0;
    if (c < 0x80) { ++i; continue; }
    if (c >= 0xC2 && c <= 0xDF) { len = 1; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 2; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 3; min = 0x10000; }
    else return i;
    unsigned cp = c & (0x3F >> len);
    for (std::size_t k = 1; k <= len; ++k) {
      if (i + k >= n || (p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len + 1;
  }
  return std::nullopt;
}

Json read_data_files(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) throw InputError(dir + ": no such data folder");
  Json files = Json::object();
  for (const auto& name : frontdoor::data_file_names()) {
    std::string text = read_file(dir + "/" + name);
    // Refuse invalid UTF-8 here: the request would otherwise carry it silently replaced.
    if (auto bad = first_invalid_utf8(text)) {
      throw DataFileError(name, "the file is not valid UTF-8 (byte " + std::to_string(*bad) + ")", "json.syntax", dir);
    }
    files[name] = std::move(text);
  }
  return files;
}

std::string error_line(const Json& error, const std::string& data_dir) {
  Problem problem;
  auto text = [&](const char* key) {
    auto it = error.find(key);
    return it != error.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  problem.id = text("id");
  problem.message = text("message");
  problem.file = text("file");
  problem.pointer = text("pointer");
  problem.warning = error.value("warning", false);
  if (problem.file.empty()) {
    // Request problems read best as the api's `where` ("facts/concern", "at"); data problems
    // may come as "file.json/pointer" from cores that only fill `where`.
    const std::string where = text("where");
    if (!where.empty()) problem.pointer = where;
    for (const auto& name : frontdoor::data_file_names()) {
      if (where.compare(0, name.size(), name) == 0 &&
          (where.size() == name.size() || where[name.size()] == '/')) {
        problem.file = name;
        problem.pointer = where.substr(name.size());
      }
    }
  }
  if (!problem.file.empty() && !data_dir.empty()) problem.file = data_dir + "/" + problem.file;
  return to_line(problem);
}

Json call(Session& session, const Json& request, const std::string& data_dir) {
  const std::string response_text = session.handle(request.dump());
  Json response = Json::parse(response_text, nullptr, false);
  if (response.is_discarded() || !response.is_object()) {
    throw InputError("internal error: the core returned malformed JSON for op " + request.value("op", std::string()));
  }
  if (!response.value("ok", false)) {
    std::string message;
    const auto errors = response.find("errors");
    if (errors != response.end() && errors->is_array() && !errors->empty()) {
      for (const auto& error : *errors) {
        if (!message.empty()) message += "\n";
        message += error_line(error, data_dir);
      }
    } else {
      message = "the core refused op " + request.value("op", std::string()) + " without saying why";
    }
    throw InputError(message);
  }
  return response;
}

Json load_data(Session& session, const std::string& dir) {
  Json request = {{"op", "load"}, {"files", read_data_files(dir)}};
  return call(session, request, dir);
}

Json parse_facts(const std::string& text) {
  std::string source = "--facts";
  std::string json_text = text;
  if (!text.empty() && text[0] == '@') {
    source = text.substr(1);
    json_text = read_file(source);
  }
  try {
    Json facts = Json::parse(json_text);
    if (!facts.is_object()) throw InputError(source + ": facts must be a JSON object, e.g. {\"audience\": \"parent\"}");
    return facts;
  } catch (const Json::parse_error& e) {
    // nlohmann's text is "[json.exception.parse_error.101] parse error at line 1, column 2: ...".
    std::string what = e.what();
    auto close = what.find("] ");
    throw InputError(source + ": invalid JSON: " + (close == std::string::npos ? what : what.substr(close + 2)));
  }
}

std::string pretty(const Json& value) {
  return value.dump(2, ' ', false, Json::error_handler_t::replace);
}

}  // namespace frontdoor::cli
