#pragma once
// Internal: one small stable sort for the core's short lists (spans of a fortnight, a year's
// holidays, a rule's contacts, towns). Each std::stable_sort instantiation costs the wasm build
// 2-4 KB of merge code; this is a few hundred bytes, and linear on the nearly sorted input the
// core gives it.
#include <iterator>
#include <utility>

namespace frontdoor::detail {

/** Stable insertion sort of [first, last) by `less` (random-access iterators). */
template <typename It, typename Less>
void small_stable_sort(It first, It last, Less less) {
  if (first == last) return;
  for (It i = std::next(first); i != last; ++i) {
    auto value = std::move(*i);
    It j = i;
    for (; j != first && less(value, *std::prev(j)); --j) *j = std::move(*std::prev(j));
    *j = std::move(value);
  }
}

}  // namespace frontdoor::detail
