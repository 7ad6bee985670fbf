// Open Referral UK 3.0 export of the directory (see tools.hpp for the mapping).
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <stdexcept>

#include "frontdoor/tools.hpp"

namespace frontdoor {

const char* const kUuidNamespaceUrl = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

namespace detail {

/** SHA-1 (FIPS 180-4) of `data`; only for name-based UUIDs, not for security. */
std::array<std::uint8_t, 20> sha1(const std::string& data) {
  std::uint32_t h[5] = {0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u};
  std::string message = data;
  const std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8u;
  message.push_back(static_cast<char>(0x80));
  while (message.size() % 64 != 56) message.push_back('\0');
  for (int i = 7; i >= 0; --i) message.push_back(static_cast<char>((bits >> (i * 8)) & 0xFFu));
  auto rotl = [](std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); };
  for (std::size_t chunk = 0; chunk < message.size(); chunk += 64) {
    std::uint32_t w[80];
    for (int i = 0; i < 16; ++i) {
      w[i] = 0;
      for (int b = 0; b < 4; ++b) w[i] = (w[i] << 8) | static_cast<std::uint8_t>(message[chunk + 4 * i + b]);
    }
    for (int i = 16; i < 80; ++i) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 80; ++i) {
      std::uint32_t f, k;
      if (i < 20) {
        f = (b & c) | (~b & d);
        k = 0x5A827999u;
      } else if (i < 40) {
        f = b ^ c ^ d;
        k = 0x6ED9EBA1u;
      } else if (i < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8F1BBCDCu;
      } else {
        f = b ^ c ^ d;
        k = 0xCA62C1D6u;
      }
      const std::uint32_t t = rotl(a, 5) + f + e + k + w[i];
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = t;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
  }
  std::array<std::uint8_t, 20> out{};
  for (int i = 0; i < 5; ++i) {
    for (int b = 0; b < 4; ++b) out[4 * i + b] = static_cast<std::uint8_t>(h[i] >> (24 - 8 * b));
  }
  return out;
}

}  // namespace detail

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

using OJson = nlohmann::ordered_json;

const char* const kByDay[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

std::string hhmmss(int minute_of_day) {
  // RFC 5545 times stop at 23:59:59; 24:00 (end of day) is written as the last second.
  if (minute_of_day >= 1440) return "23:59:59";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d:00", minute_of_day / 60, minute_of_day % 60);
  return buffer;
}

OJson interval_json(const Interval& interval) {
  OJson out = {{"opens_at", hhmmss(interval.open)}, {"closes_at", hhmmss(interval.close)}};
  out["notes"] = interval.label.empty() ? OJson(nullptr) : OJson(interval.label);
  return out;
}

/** One schedule per distinct (open, close, label), with the weekdays that have it. */
OJson schedules_json(const Model& model, const Service& service) {
  OJson list = OJson::array();
  const std::string hours = service.hours_text.resolve("default");
  auto add = [&](const std::string& byday, const Interval& interval, std::size_t n) {
    OJson schedule = {{"id", oruk_id(model, "schedule", service.id + "/" + std::to_string(n))},
                      {"service_id", oruk_id(model, "service", service.id)},
                      {"freq", "WEEKLY"},
                      {"interval", 1},
                      {"byday", byday},
                      {"opens_at", hhmmss(interval.open)},
                      {"closes_at", hhmmss(interval.close)}};
    if (!hours.empty()) schedule["description"] = hours;
    if (!interval.label.empty()) schedule["notes"] = interval.label;
    list.push_back(schedule);
  };
  if (service.schedule.kind == Schedule::Kind::always) {
    add("MO,TU,WE,TH,FR,SA,SU", Interval{0, 1440, ""}, 0);
  } else if (service.schedule.kind == Schedule::Kind::weekly) {
    std::vector<Interval> distinct;
    for (const auto& day : service.schedule.weekly) {
      for (const auto& interval : day) {
        bool seen = false;
        for (const auto& d : distinct) seen = seen || (d.open == interval.open && d.close == interval.close && d.label == interval.label);
        if (!seen) distinct.push_back(interval);
      }
    }
    std::size_t n = 0;
    for (const auto& interval : distinct) {
      std::string byday;
      for (int day = 0; day < 7; ++day) {
        for (const auto& i : service.schedule.weekly[day]) {
          if (i.open == interval.open && i.close == interval.close && i.label == interval.label) {
            byday += (byday.empty() ? "" : ",") + std::string(kByDay[day]);
            break;
          }
        }
      }
      add(byday, interval, n++);
    }
  }
  return list;
}

/** The `age` object of service `id` as written in directory.json (null when absent). */
nlohmann::json source_age(const Model& model, const std::string& id) {
  auto directory = model.documents.find("directory.json");
  if (directory == model.documents.end() || !directory->second.contains("services")) return nullptr;
  for (const auto& entry : directory->second["services"]) {
    if (entry.is_object() && entry.value("id", std::string()) == id) return entry.value("age", nlohmann::json());
  }
  return nullptr;
}

OJson service_json(const Model& model, const Service& service, const OJson& publisher) {
  const std::string id = oruk_id(model, "service", service.id);
  OJson out;
  out["id"] = id;
  out["organization_id"] = oruk_id(model, "organization", service.organisation);
  out["name"] = service.name;
  out["description"] = service.summary.resolve("default");
  if (service.web) out["url"] = *service.web;
  if (service.email) out["email"] = *service.email;
  out["status"] = "active";
  if (service.age) {
    // Only the bounds the directory states: "5 and over" must not gain an upper limit.
    const nlohmann::json age = source_age(model, service.id);
    if (!age.is_object() || age.contains("min")) out["minimum_age"] = service.age->min;
    if (!age.is_object() || age.contains("max")) out["maximum_age"] = service.age->max;
  }
  out["assured_date"] = format_date(service.checked);
  out["schedules"] = schedules_json(model, service);

  OJson areas = OJson::array();
  for (const auto& locality : model.localities) {
    if (service.localities &&
        std::find(service.localities->begin(), service.localities->end(), locality.id) == service.localities->end()) {
      continue;
    }
    std::string towns;
    for (const auto& town : locality.towns) towns += (towns.empty() ? "" : ", ") + town;
    areas.push_back({{"id", oruk_id(model, "service_area", service.id + "/" + locality.id)},
                     {"service_id", id},
                     {"name", locality.name},
                     {"service_area", towns}});
  }
  out["service_areas"] = areas;

  OJson organization = {{"id", oruk_id(model, "organization", service.organisation)},
                        {"name", service.organisation},
                        {"description", service.organisation}};
  if (publisher.is_object() && publisher.value("name", std::string()) == service.organisation &&
      publisher.contains("url") && publisher["url"].is_string()) {
    organization["website"] = publisher["url"];
  }
  out["organization"] = organization;

  OJson contacts = OJson::array(), phones = OJson::array();
  for (std::size_t i = 0; i < service.phones.size(); ++i) {
    const Phone& phone = service.phones[i];
    const std::string key = service.id + "/" + std::to_string(i);
    contacts.push_back({{"id", oruk_id(model, "contact", key)}, {"service_id", id}, {"name", phone.label}});
    phones.push_back({{"id", oruk_id(model, "phone", key)},
                      {"contact_id", oruk_id(model, "contact", key)},
                      {"number", phone.number},
                      {"description", phone.label},
                      {"x_frontdoor_option", phone.option}});
  }
  out["contacts"] = contacts;
  out["x_frontdoor_id"] = service.id;
  out["x_frontdoor_phones"] = phones;
  if (service.schedule.kind == Schedule::Kind::weekly) {
    OJson holiday = OJson::array();
    for (const auto& interval : service.schedule.holidays) holiday.push_back(interval_json(interval));
    out["x_frontdoor_holiday_hours"] = holiday;
  }
  out["x_frontdoor_source"] = service.source;
  return out;
}

}  // namespace

std::string uuid_v5(std::string_view namespace_uuid, std::string_view name) {
  std::string bytes;
  for (std::size_t i = 0; i < namespace_uuid.size(); ++i) {
    if (namespace_uuid[i] == '-' && (i == 8 || i == 13 || i == 18 || i == 23)) continue;
    if (i + 1 >= namespace_uuid.size()) break;
    const int hi = hex_value(namespace_uuid[i]), lo = hex_value(namespace_uuid[i + 1]);
    if (hi < 0 || lo < 0) break;
    bytes.push_back(static_cast<char>(hi * 16 + lo));
    ++i;
  }
  if (bytes.size() != 16 || namespace_uuid.size() != 36) {
    throw std::invalid_argument("not a UUID: \"" + std::string(namespace_uuid) + "\"");
  }
  auto hash = detail::sha1(bytes + std::string(name));
  hash[6] = static_cast<std::uint8_t>((hash[6] & 0x0F) | 0x50);
  hash[8] = static_cast<std::uint8_t>((hash[8] & 0x3F) | 0x80);
  static const char* const digits = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(digits[hash[i] >> 4]);
    out.push_back(digits[hash[i] & 0x0F]);
  }
  return out;
}

std::string oruk_id(const Model& model, std::string_view kind, std::string_view key) {
  std::string publisher = "frontdoor";
  auto directory = model.documents.find("directory.json");
  if (directory != model.documents.end()) {
    const auto& doc = directory->second;
    if (doc.contains("publisher") && doc["publisher"].is_object() && doc["publisher"].contains("id") &&
        doc["publisher"]["id"].is_string()) {
      publisher = doc["publisher"]["id"].get<std::string>();
    }
  }
  return uuid_v5(kUuidNamespaceUrl, "urn:frontdoor:" + publisher + ":" + std::string(kind) + ":" + std::string(key));
}

nlohmann::ordered_json export_oruk(const Model& model) {
  OJson publisher;
  OJson superseded = OJson::array();
  auto directory = model.documents.find("directory.json");
  if (directory != model.documents.end() && directory->second.contains("publisher")) {
    publisher = OJson(directory->second["publisher"]);
  }
  for (const auto& number : model.superseded) {
    superseded.push_back({{"number", number.number}, {"was", number.was}, {"source", number.source}});
  }
  OJson contents = OJson::array();
  for (const auto& service : model.services) contents.push_back(service_json(model, service, publisher));
  const std::size_t count = contents.size();
  OJson page;
  page["total_items"] = count;
  page["total_pages"] = 1;
  page["page_number"] = 1;
  page["size"] = count;
  page["first_page"] = true;
  page["last_page"] = true;
  page["empty"] = count == 0;
  page["contents"] = contents;
  page["x_frontdoor_superseded_numbers"] = superseded;
  return page;
}

}  // namespace frontdoor
