/**
 * worker.js: the worker side of the protocol (worker-protocol.js): the core (wasm) started once in
 * the worker, answering load, loadText (the data bundle as its text), route, routes (many facts
 * at once) and call; and warm, which makes the date formatters once, off the page's main thread.
 */
import { createCore } from '../../core/frontdoor-core.js';
import { warmFormatters } from './london-time.js';

/** The core's methods a message may call by name (plus `loadText`, `routes`, `warm` and `start`). */
export const CORE_METHODS = ['load', 'route', 'call'];

/** Routes each facts object of `list` at `at`: one message for all of them (_prepare). */
export function routeEach(core, list, at) {
  return (Array.isArray(list) ? list : []).map((facts) => core.route(facts, at));
}

/** Loads the data bundle given as the text of frontdoor-data.json (its `files`). */
export function loadText(core, text) {
  const bundle = JSON.parse(text);
  return core.load(bundle && bundle.files);
}

/** Worker side: answers {id, method, args} with {id, result} or {id, error}. */
export function serveCore(scope) {
  let started = null;
  scope.addEventListener('message', async (event) => {
    const { id, method, args } = event.data || {};
    try {
      // `start` may bring the wasm's bytes, fetched by the page (worker-protocol.js).
      const bytes = method === 'start' && Array.isArray(args) && args[0] instanceof ArrayBuffer ? args[0] : undefined;
      started = started || createCore(bytes ? { wasmBinary: bytes } : {});
      const core = await started;
      const given = Array.isArray(args) ? args : [];
      const result = method === 'routes' ? routeEach(core, ...given)
        : method === 'loadText' ? loadText(core, ...given)
          // ICU's data is loaded once for the whole page: the page's formatters then start at once.
          : method === 'warm' ? (warmFormatters(...given), true)
            : CORE_METHODS.includes(method) ? core[method](...given) : true;
      scope.postMessage({ id, result });
    } catch (error) {
      scope.postMessage({ id, error: error && error.message ? error.message : String(error) });
    }
  });
}
