// Load and endurance: a million calls into one Session over a rotating set of facts and instants.
// The same request always gets the same answer, and (natively) the process's resident memory does
// not grow once warmed up. Fewer calls under sanitizers and WebAssembly, which are 10-50x slower;
// FRONTDOOR_ENDURANCE_CALLS overrides the count.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "frontdoor/checks.hpp"
#include "support.hpp"

#if defined(__SANITIZE_ADDRESS__) || defined(FRONTDOOR_SANITIZE)
#define FD_ENDURANCE_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define FD_ENDURANCE_SANITIZED 1
#endif
#endif

using nlohmann::json;
using namespace frontdoor;

namespace {

std::size_t call_count() {
  if (const char* env = std::getenv("FRONTDOOR_ENDURANCE_CALLS")) return std::strtoull(env, nullptr, 10);
#if defined(__EMSCRIPTEN__) || defined(FD_ENDURANCE_SANITIZED)
  return 5000;
#else
  return 1000000;
#endif
}

/** Resident set size in bytes (natively, from /proc/self/statm); 0 when unknown. */
std::size_t resident_bytes() {
#if defined(__linux__) && !defined(__EMSCRIPTEN__)
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  unsigned long size = 0, resident = 0;
  const int n = std::fscanf(f, "%lu %lu", &size, &resident);
  std::fclose(f);
  return n == 2 ? resident * 4096UL : 0;
#else
  return 0;
#endif
}

/**
 * Requests: every scenario of tests/cases/routes.json, each also with its facts cut short (as the
 * wizard asks them one by one), at its own instant and at instants around the clock changes, bank
 * holidays and the edges of opening hours; plus the other read-only ops.
 */
std::vector<std::string> rotating_requests() {
  const json cases = test::read_json("tests/cases/routes.json").at("cases");
  const std::vector<std::string> instants = {
      "2026-11-27T08:44:59Z", "2026-11-27T16:00:00Z", "2026-11-28T03:00:00Z", "2026-12-25T12:00:00Z",
      "2027-03-28T00:59:59Z", "2027-03-28T01:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z",
      "2026-12-29T09:00:00Z", "2027-05-03T12:00:00+01:00"};
  std::vector<std::string> out;
  std::size_t k = 0;
  for (const auto& c : cases) {
    const json facts = c.value("facts", json::object());
    json partial = json::object();
    for (auto it = facts.begin(); it != facts.end(); ++it) {
      partial[it.key()] = it.value();
      out.push_back(json{{"op", "route"}, {"at", instants[k++ % instants.size()]}, {"facts", partial}}.dump());
    }
    if (c.contains("at")) out.push_back(json{{"op", "route"}, {"at", c["at"]}, {"facts", facts}}.dump());
  }
  for (const auto& at : instants) out.push_back(json{{"op", "route"}, {"at", at}, {"facts", json::object()}}.dump());
  // Refusals are answered the same way every time too.
  out.push_back(R"({"op":"route","at":"2026-02-30T12:00:00Z","facts":{}})");
  out.push_back(R"({"op":"route","facts":{"concern":"bruises"}})");
  out.push_back(R"({"op":"route")");
  return out;
}

/** The other read-only ops the widget and CLI use. */
std::vector<std::string> other_requests() {
  std::vector<std::string> out;
  for (const char* at : {"2026-11-27T16:00:00Z", "2026-11-28T03:00:00Z", "2026-12-25T12:00:00Z"})
    out.push_back(json{{"op", "directory"}, {"at", at}}.dump());
  for (const char* audience : {"parent", "young_person", "professional", "public"})
    out.push_back(json{{"op", "ui"}, {"audience", audience}}.dump());
  out.push_back(R"({"op":"holidays","from":2026,"to":2030})");
  out.push_back(R"({"op":"bundle"})");
  return out;
}

/** Calls `requests` `total` times in a strided rotation; counts answers that differ from the first. */
struct Rotation {
  std::size_t calls = 0, mismatches = 0, rss_warm = 0, rss_peak = 0;
  std::string first_mismatch;
};

Rotation rotate(Session& session, const std::vector<std::string>& requests, const std::vector<std::string>& answers,
                std::size_t total) {
  Rotation r;
  const std::size_t warm = total / 10;
  for (std::size_t i = 0; i < total; ++i) {
    // A stride, so neighbouring calls differ in op, facts and instant.
    const std::size_t j = (i * 7919) % requests.size();
    const std::string reply = session.handle(requests[j]);
    if (reply != answers[j] && r.mismatches++ == 0)
      r.first_mismatch = requests[j] + "\nfirst: " + answers[j] + "\nlater: " + reply;
    if (i + 1 == warm) r.rss_warm = resident_bytes();
    if (i >= warm && (i % 4096) == 0) r.rss_peak = std::max(r.rss_peak, resident_bytes());
  }
  r.rss_peak = std::max(r.rss_peak, resident_bytes());
  r.calls = total;
  return r;
}

}  // namespace

TEST_CASE("a million route calls give the same answers and do not grow memory") {
  Session session;
  REQUIRE(json::parse(session.handle(test::bundle_request().dump()))["ok"] == true);
  const std::vector<std::string> requests = rotating_requests();
  REQUIRE(requests.size() > 300);

  std::vector<std::string> answers;
  answers.reserve(requests.size());
  for (const auto& r : requests) answers.push_back(session.handle(r));
  std::size_t refused = 0;
  for (const auto& a : answers) refused += json::parse(a)["ok"] == false;
  CHECK(refused == 3);  // only the three refusals at the end

  const Rotation r = rotate(session, requests, answers, call_count());
  MESSAGE(r.calls << " route calls over " << requests.size() << " requests; RSS after warm-up " << r.rss_warm / 1024
                  << " KiB, peak " << r.rss_peak / 1024 << " KiB");
  CHECK_MESSAGE(r.mismatches == 0, r.mismatches << " answers changed; first: " << r.first_mismatch.substr(0, 3000));
#if defined(__linux__) && !defined(__EMSCRIPTEN__) && !defined(FD_ENDURANCE_SANITIZED)
  REQUIRE(r.rss_warm > 0);
  // A leak of even 4 bytes a call would add about 4 MB over the 900,000 calls after warm-up.
  CHECK(r.rss_peak <= r.rss_warm + 2 * 1024 * 1024);
#endif
}

TEST_CASE("the other read-only ops answer the same every time and do not grow memory") {
  Session session(workbench());
  REQUIRE(json::parse(session.handle(test::load_request().dump()))["ok"] == true);
  const std::vector<std::string> requests = other_requests();
  std::vector<std::string> answers;
  for (const auto& q : requests) answers.push_back(session.handle(q));
  for (const auto& a : answers) CHECK(json::parse(a)["ok"] == true);
  const Rotation r = rotate(session, requests, answers, call_count() / 100);
  CHECK_MESSAGE(r.mismatches == 0, r.mismatches << " answers changed; first: " << r.first_mismatch.substr(0, 3000));
#if defined(__linux__) && !defined(__EMSCRIPTEN__) && !defined(FD_ENDURANCE_SANITIZED)
  CHECK(r.rss_peak <= r.rss_warm + 2 * 1024 * 1024);
#endif
}

TEST_CASE("reloading the data many times keeps the answers and does not grow memory") {
  Session session;
  const std::string load = test::bundle_request().dump();
  const std::string probe =
      R"({"op":"route","at":"2026-11-27T16:00:00Z","facts":{"audience":"parent","immediate_danger":false,"concern":"harm"}})";
  REQUIRE(json::parse(session.handle(load))["ok"] == true);
  const std::string before = session.handle(probe);
#if defined(__EMSCRIPTEN__) || defined(FD_ENDURANCE_SANITIZED)
  const int loads = 10;
#else
  const int loads = 100;
#endif
  std::size_t rss_warm = 0;
  for (int i = 0; i < loads; ++i) {
    REQUIRE(json::parse(session.handle(load))["ok"] == true);
    CHECK(session.handle(probe) == before);
    if (i == loads / 10) rss_warm = resident_bytes();
  }
#if defined(__linux__) && !defined(__EMSCRIPTEN__) && !defined(FD_ENDURANCE_SANITIZED)
  CHECK(resident_bytes() <= rss_warm + 4 * 1024 * 1024);
#else
  (void)rss_warm;
#endif
}
