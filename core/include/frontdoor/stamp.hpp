#pragma once
/**
 * @file
 * The stamp of a web bundle: `files.stamp = {"format": N, "hash": "<16 hex digits>"}`, written by
 * `frontdoor bundle` (and `frontdoor bundle --stamp FILE`) after the data team's checks passed.
 * The browser module's session loads only stamped bundles (docs/data-format.md, Bundle stamp).
 *
 * The hash is the 64-bit FNV-1a of the canonical form: nlohmann's `dump()` (no spaces, keys
 * sorted, UTF-8 kept) of the `files` object without its `stamp` member. It guards against hand
 * edits and version skew (a bundle written for another data format), not against an attacker:
 * anyone can recompute it.
 *
 * Problem ids: bundle.unstamped, bundle.format, bundle.hash.
 */
#include <string>

#include "frontdoor/errors.hpp"
#include "frontdoor/json.hpp"

namespace frontdoor {

/** The data format the reader of this build understands; a stamp must name it. */
constexpr int kBundleFormat = 2;

/** The canonical hash of `files` (its `stamp` member left out), as 16 lowercase hex digits. */
std::string bundle_hash(const Json& files);

/** `files` with a fresh stamp (format and hash). */
Json stamp_bundle(Json files);

/** Adds bundle.unstamped, bundle.format or bundle.hash to `problems` unless `files` carries a true stamp. */
void check_stamp(const Json& files, Problems& problems);

}  // namespace frontdoor
