#pragma once
/**
 * @file
 * The data team's checks and the CLI's ops, in the frontdoor_tools library: the CLI and the tests
 * link it, the browser module does not (it loads a bundle `frontdoor bundle` has checked).
 *
 * On top of read_model (loader.hpp): data.checked.stale and data.checked.future (warnings: a
 * `checked` date more than 12 months old or in the future); data.text.unknown_service,
 * data.text.unknown_group, data.text.service_by_name (wording that names a service it cannot
 * resolve, or by name); data.questions.unused (a warning); and the path walk (paths.hpp):
 * data.rules.unreachable, data.paths.no_contact, data.paths.dead_end, data.questions.cycle.
 */
#include <memory>

#include "frontdoor/api.hpp"
#include "frontdoor/loader.hpp"
#include "frontdoor/stamp.hpp"

namespace frontdoor {

/**
 * Adds the checks above to `result`, a read of `files` (object: file name → text or JSON). `at`
 * is the instant for freshness and for the path walk. Drops the model when one is an error.
 */
void check_data(const Json& files, UtcSeconds at, LoadResult& result);

/** read_model and check_data: what `frontdoor lint` and the CLI's loads run; the model is the reader's. */
LoadResult load_model(const Json& files, UtcSeconds at);

/**
 * The CLI's ops (docs/api.md) for a Session: every load runs check_data; `lint` (a load that
 * keeps the data and lists every problem), `holidays`, `ui`, `directory` and `bundle`.
 */
std::shared_ptr<const SessionOps> workbench();

}  // namespace frontdoor
