/**
 * worker-protocol.js: the page side of the core's worker: `new Worker(this script)`, messages
 * {id, method, args} answered {id, result} or {id, error} (worker.js is the other side); the core in
 * the page when there can be no worker (file://, the kiosk, a CSP that blocks it).
 */
import { createCore } from '../../core/frontdoor-core.js';

/** This script's own URL: the worker runs the same file (one download: the HTTP cache, or a 304). */
export const MODULE_URL = import.meta.url;

/** The Trusted Types policy that vouches for the worker's script (made once), or null. */
let policy;

/**
 * `url` as the Worker constructor takes it on a page whose CSP requires Trusted Types
 * (`require-trusted-types-for 'script'`): through the policy "frontdoor-wizard", which allows this
 * script's own URL only. Where the page's `trusted-types` list leaves that policy out, the URL is
 * passed as it is: the Worker is then refused and the core runs in the page (startCore).
 */
function scriptUrl(url) {
  const types = globalThis.trustedTypes;
  if (!types || typeof types.createPolicy !== 'function') return url;
  if (policy === undefined) {
    try {
      policy = types.createPolicy('frontdoor-wizard', {
        createScriptURL: (given) => {
          if (given !== MODULE_URL) throw new TypeError('frontdoor-wizard: only its own script may run as its worker');
          return given;
        },
      });
    } catch (_) {
      policy = null;
    }
  }
  return policy ? policy.createScriptURL(url) : url;
}

/**
 * The bytes of the wasm next to `url` (a page may preload it: docs/web.md, and then this fetch
 * takes the preloaded response), or null when the page cannot fetch it: the worker then fetches
 * it itself. The worker compiles them, so the page's main thread does not.
 */
function fetchWasm(url) {
  try {
    const wasmUrl = new URL('frontdoor-core.wasm', url).href;
    return fetch(wasmUrl, { credentials: 'same-origin' })
      .then((response) => (response.ok ? response.arrayBuffer() : null)).catch(() => null);
  } catch (_) {
    return Promise.resolve(null);
  }
}

/**
 * Page side: a core whose load/route/call return promises, backed by a worker running `url`.
 * Resolves once the wasm is instantiated; rejects when the worker or the wasm cannot start. The
 * wasm is fetched once `after` (a promise, or null) settles; the worker starts at once.
 * After a worker failure every call rejects (the element then shows the static directory).
 */
export function workerCore(url, after = null) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(scriptUrl(url), { type: 'module' });
    const pending = new Map();
    let next = 0;
    let broken = null;
    const stop = (why) => {
      broken = broken || why;
      for (const waiting of pending.values()) waiting.reject(new Error(broken));
      pending.clear();
      worker.terminate();
    };
    worker.addEventListener('message', (event) => {
      const { id, result, error } = event.data || {};
      const waiting = pending.get(id);
      if (!waiting) return;
      pending.delete(id);
      if (error !== undefined) waiting.reject(new Error(error));
      else waiting.resolve(result);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      stop(`the core's worker stopped: ${event.message || 'it could not start'}`);
    });
    worker.addEventListener('messageerror', () => stop('the core\'s worker sent a message that could not be read'));
    const send = (method, args, transfer = []) => new Promise((yes, no) => {
      if (broken) { no(new Error(broken)); return; }
      next += 1;
      pending.set(next, { resolve: yes, reject: no });
      worker.postMessage({ id: next, method, args }, transfer);
    });
    const core = {
      load: (files) => send('load', [files]),
      loadText: (text) => send('loadText', [text]),
      route: (facts, at) => send('route', [facts, at]),
      routes: (list, at) => send('routes', [list, at]),
      call: (request) => send('call', [request]),
      warm: (locale, now) => send('warm', [locale, now]),
      close: () => stop('closed'),
    };
    // The worker gets its script (from the HTTP cache, or a 304) while the page fetches the wasm
    // (the preloaded response, when the page preloads it); its bytes go to the worker with
    // `start` (transferred, not copied), and the worker compiles them off the page's main thread.
    // Without them the worker fetches the wasm. `after`: the element's first screen painted
    // (element.js _start).
    Promise.resolve(after).then(() => fetchWasm(url)).then((bytes) => {
      const given = bytes ? [bytes] : [];
      return send('start', given, given);
    })
      .then(() => resolve(core), (error) => { stop(error.message); reject(error); });
  });
}

/**
 * The core for the element: in a worker when the page is served over http(s), else (the kiosk
 * on file://, no Worker, or a worker the host page's CSP blocks) in the page itself.
 */
export function startCore(after = null) {
  const inline = typeof frontdoorCoreDefaults !== 'undefined'; // the kiosk's inlined wasm
  if (!inline && typeof Worker === 'function' && /^https?:/i.test(MODULE_URL)) {
    let viaWorker;
    try {
      viaWorker = workerCore(MODULE_URL, after);
    } catch (_) {
      return createCore({});
    }
    // A worker that cannot run (blocked, or no module workers) is no reason to give up: the
    // page runs the core itself, as it did before workers.
    return viaWorker.catch(() => createCore({}));
  }
  return createCore({});
}
