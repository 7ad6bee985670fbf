#include "frontdoor/stamp.hpp"

#include <cstdint>

#include <fmt/format.h>

namespace frontdoor {

std::string bundle_hash(const Json& files) {
  // The canonical dump without `stamp`, member by member: copying `files` to erase it would
  // pull basic_json's copy into the browser module. Keys come sorted (std::map), as dump() writes them.
  std::string text;
  if (files.is_object()) {
    text = "{";
    for (auto it = files.begin(); it != files.end(); ++it) {
      if (it.key() == "stamp") continue;
      if (text.size() > 1) text += ',';
      text += Json(it.key()).dump(-1, ' ', false, Json::error_handler_t::replace);
      text += ':';
      text += it.value().dump(-1, ' ', false, Json::error_handler_t::replace);
    }
    text += '}';
  } else {
    text = files.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  static const char digits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = digits[h & 15];
  return out;
}

Json stamp_bundle(Json files) {
  std::string hash = bundle_hash(files);
  files["stamp"] = Json::object();
  files["stamp"]["format"] = kBundleFormat;
  files["stamp"]["hash"] = std::move(hash);
  return files;
}

void check_stamp(const Json& files, Problems& problems) {
  auto stamp = files.is_object() ? files.find("stamp") : files.end();
  if (!files.is_object() || stamp == files.end() || !stamp->is_object()) {
    problems.push_back({"bundle.unstamped", "", "/files/stamp",
                        "the bundle has no stamp: the browser module loads only what `frontdoor bundle` checked and stamped",
                        false});
    return;
  }
  auto format = stamp->find("format");
  if (format == stamp->end() || !format->is_number_integer() || format->get<long long>() != kBundleFormat) {
    problems.push_back({"bundle.format", "", "/files/stamp/format",
                        "the bundle is stamped for another data format (this core reads format " +
                            fmt::to_string(kBundleFormat) + "): rebuild it with this version's `frontdoor bundle`",
                        false});
    return;
  }
  auto hash = stamp->find("hash");
  if (hash == stamp->end() || !hash->is_string() || hash->get_ref<const std::string&>() != bundle_hash(files)) {
    problems.push_back({"bundle.hash", "", "/files/stamp/hash",
                        "the bundle changed after `frontdoor bundle` stamped it (its hash does not match): "
                        "check the data with `frontdoor lint` and stamp it again",
                        false});
  }
}

}  // namespace frontdoor
