#include "frontdoor/schedule.hpp"
#include "small_sort.hpp"
#include <fmt/format.h>

#include <algorithm>

namespace frontdoor {

namespace {

constexpr std::int64_t kHorizon = 14 * 86400;  // how far closes_at / opens_next look ahead

// One interval as UTC instants [start, end).
struct Span {
  UtcSeconds start = 0;
  UtcSeconds end = 0;
  const std::string* label = nullptr;
};

// Intervals of the local dates from the day before `now` to past the horizon, as instants.
// Converting each end point with from_london keeps DST days right: a 00:00–09:00 interval on
// the autumn Sunday lasts ten hours, on the spring Sunday eight.
std::vector<Span> spans_around(const Schedule& schedule, const Calendar& calendar, UtcSeconds now) {
  std::vector<Span> spans;
  const Date today = to_london(now).date;
  for (int offset = -1; offset <= 15; ++offset) {
    const Date d = add_days(today, offset);
    for (const Interval& iv : intervals_on(schedule, calendar, d)) {
      Span s{from_london(d, iv.open), from_london(d, iv.close), &iv.label};
      if (s.start < s.end) spans.push_back(s);
    }
  }
  detail::small_stable_sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
  return spans;
}

}  // namespace

const std::vector<Interval>& intervals_on(const Schedule& schedule, const Calendar& calendar, Date date) {
  static const std::vector<Interval> kNone;
  static const std::vector<Interval> kAllDay{Interval{0, 1440, ""}};
  switch (schedule.kind) {
    case Schedule::Kind::always: return kAllDay;
    case Schedule::Kind::unknown: return kNone;
    case Schedule::Kind::weekly: break;
  }
  if (calendar.holiday_hours(date)) return schedule.holidays;
  return schedule.weekly[static_cast<std::size_t>(weekday_of(date))];
}

OpenState open_state(const Schedule& schedule, const Calendar& calendar, UtcSeconds now) {
  OpenState state;
  if (schedule.kind == Schedule::Kind::unknown) return state;
  if (schedule.kind == Schedule::Kind::always) {
    state.open_now = true;
    return state;
  }
  const std::vector<Span> spans = spans_around(schedule, calendar, now);
  const UtcSeconds limit = now + kHorizon;
  auto current = std::find_if(spans.begin(), spans.end(), [&](const Span& s) { return s.start <= now && now < s.end; });
  if (current != spans.end()) {
    state.open_now = true;
    state.label_now = *current->label;
    UtcSeconds end = current->end;
    for (auto it = current + 1; it != spans.end() && it->start <= end; ++it) end = std::max(end, it->end);
    if (end <= limit) state.closes_at = end;  // else open for the whole horizon: treat as 24/7
    return state;
  }
  state.open_now = false;
  auto next = std::find_if(spans.begin(), spans.end(), [&](const Span& s) { return s.start > now; });
  if (next != spans.end() && next->start <= limit) state.opens_next = next->start;
  return state;
}

std::string format_hhmm(int minutes) { return detail::padded(minutes / 60, 2) + ":" + detail::padded(minutes % 60, 2); }

std::optional<int> parse_hhmm(const std::string& text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (std::size_t i : {0u, 1u, 3u, 4u}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int hh = (text[0] - '0') * 10 + (text[1] - '0');
  const int mm = (text[3] - '0') * 10 + (text[4] - '0');
  if (mm > 59 || hh > 24 || (hh == 24 && mm != 0)) return std::nullopt;
  return hh * 60 + mm;
}

std::string format_clock(int minute_of_day) {
  const int m = ((minute_of_day % 1440) + 1440) % 1440;
  if (m == 0) return "midnight";
  if (m == 720) return "midday";
  const int h24 = m / 60;
  const int mins = m % 60;
  const int h12 = h24 % 12 == 0 ? 12 : h24 % 12;
  std::string out = fmt::to_string(h12);
  if (mins != 0) out += (mins < 10 ? ".0" : ".") + fmt::to_string(mins);
  out += h24 < 12 ? "am" : "pm";
  return out;
}

}  // namespace frontdoor
