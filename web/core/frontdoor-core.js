import createFrontdoorModule from './frontdoor-core-module.js';
/**
 * frontdoor-core.js: the JavaScript face of the WebAssembly core (docs/web.md, docs/api.md).
 *
 *   const core = await createCore();          // dist/web: finds ./frontdoor-core.wasm itself
 *   core.load(bundle.files);                  // → {ok, checked, warnings} or {ok:false, errors}
 *   core.route({audience: 'parent'});         // → route response (at = Date.now())
 *   core.call({op: 'route', facts: {}, at: '2026-11-27T16:00:00Z'});
 *
 * The web module answers `load` and `route` only; other ops (holidays, ui, directory, lint,
 * bundle) are the native core's and get a `request.op` error here (docs/api.md).
 *
 * Requests never throw: every failure is a response {ok:false, errors:[{id, where, message}]}.
 * createCore() rejects only when the module cannot be instantiated; callers then keep showing
 * the static fallback directory.
 *
 * esbuild bundles this file into dist/web/frontdoor-wizard.js (with the wasm loader for the glue)
 * and into the kiosk's classic script (with the glue), where a global `frontdoorCoreDefaults`
 * object (web/kiosk/inline-wasm.js: instantiateWasm) supplies the defaults.
 */

/** Name of the wasm file next to frontdoor-core-module.js in dist/web. */
const WASM_FILE = 'frontdoor-core.wasm';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

function failure(id, where, message) {
  return { ok: false, errors: [{ id, where, message }] };
}

/** Defaults given by the page (the kiosk) through a global, else the ES6 module factory. */
function pageDefaults() {
  // typeof guards: in dist/web neither global exists.
  const given = typeof frontdoorCoreDefaults === 'object' && frontdoorCoreDefaults !== null
    ? frontdoorCoreDefaults : {};
  const factory = given.moduleFactory
    || (typeof createFrontdoorModule === 'function' ? createFrontdoorModule : undefined);
  return { ...given, moduleFactory: factory };
}

/**
 * Instantiates the wasm core.
 * @param {object} [options]
 * @param {Function} [options.moduleFactory] Emscripten MODULARIZE factory (default: the ES6
 *   module imported above; the kiosk passes the classic one).
 * @param {string|URL} [options.wasmUrl] where the .wasm is (default: frontdoor-core.wasm next to
 *   frontdoor-core-module.js).
 * @param {ArrayBuffer|Uint8Array} [options.wasmBinary] the .wasm bytes (node, tests; the
 *   element's worker gets them from the page).
 * @param {WebAssembly.Module} [options.wasmModule] the .wasm compiled already.
 * @param {Function} [options.instantiateWasm] Emscripten's Module.instantiateWasm hook
 *   `(imports, receiveInstance) => {}`; may also return a Promise of an Instance or of
 *   `{instance, module}` (then failures reject createCore instead of hanging).
 * @returns {Promise<{call: Function, load: Function, route: Function, module: object}>}
 */
async function createCore(options = {}) {
  const opts = { ...pageDefaults(), ...stripUndefined(options) };
  const factory = opts.moduleFactory;
  if (typeof factory !== 'function') {
    throw new Error('frontdoor-core: no module factory (frontdoor-core-module.js not loaded)');
  }

  let rejectInstantiation;
  const instantiationFailed = new Promise((_, reject) => { rejectInstantiation = reject; });
  instantiationFailed.catch(() => {});

  const moduleArgs = {
    // Emscripten prints to the console by default; keep its messages but label them.
    print: (text) => console.log('frontdoor-core:', text),
    printErr: (text) => console.warn('frontdoor-core:', text),
    onAbort: (what) => rejectInstantiation(new Error(`frontdoor-core: aborted: ${what}`)),
    locateFile: (path, prefix) => {
      if (path.endsWith('.wasm')) {
        return opts.wasmUrl !== undefined ? String(opts.wasmUrl) : prefix + WASM_FILE;
      }
      return prefix + path;
    },
  };
  if (opts.wasmBinary !== undefined) {
    moduleArgs.wasmBinary = opts.wasmBinary instanceof Uint8Array
      ? opts.wasmBinary : new Uint8Array(opts.wasmBinary);
  }
  if (opts.wasmModule instanceof WebAssembly.Module) {
    // Compiled already: the loader takes it as it is, the glue through its instantiateWasm hook.
    moduleArgs.wasmModule = opts.wasmModule;
    if (typeof opts.instantiateWasm !== 'function') {
      opts.instantiateWasm = (imports) => WebAssembly.instantiate(opts.wasmModule, imports);
    }
  }
  if (typeof opts.instantiateWasm === 'function') {
    const hook = opts.instantiateWasm;
    moduleArgs.instantiateWasm = (imports, receiveInstance) => {
      let result;
      try {
        result = hook(imports, receiveInstance);
      } catch (error) {
        rejectInstantiation(error);
        return {};
      }
      if (result && typeof result.then === 'function') {
        result.then((got) => {
          if (got instanceof WebAssembly.Instance) receiveInstance(got);
          else if (got && got.instance) receiveInstance(got.instance, got.module);
        }, (error) => rejectInstantiation(error));
        return {};
      }
      return result || {};
    };
  }

  const mod = await Promise.race([factory(moduleArgs), instantiationFailed]);
  for (const name of ['_frontdoor_call', '_frontdoor_free', '_malloc', '_free']) {
    if (typeof mod[name] !== 'function') {
      throw new Error(`frontdoor-core: the wasm module does not export ${name}`);
    }
  }
  return makeCore(mod);
}

function stripUndefined(object) {
  const out = {};
  for (const [key, value] of Object.entries(object || {})) {
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function makeCore(mod) {
  // Re-read on every use: memory growth replaces the buffer behind HEAPU8.
  const heap = () => {
    if (mod.HEAPU8 && mod.HEAPU8.byteLength) return mod.HEAPU8;
    const memory = (mod.asm && mod.asm.memory) || mod.wasmMemory;
    return new Uint8Array(memory.buffer);
  };

  // After a trap (e.g. stack overflow) the module's stack pointer and heap cannot be trusted:
  // every later request is refused, so the page shows its fallback instead of wrong answers.
  let brokenBy = null;

  /** Sends one request object; returns the parsed response. Never throws. */
  function call(request) {
    if (brokenBy) {
      return failure('abi.broken', '', `the core stopped earlier (${brokenBy}) and cannot answer any more; reload the page`);
    }
    let text;
    try {
      text = JSON.stringify(request);
    } catch (error) {
      return failure('request.not_json', '', `the request cannot be written as JSON: ${error.message}`);
    }
    if (typeof text !== 'string') {
      return failure('request.not_json', '', 'the request must be an object');
    }
    let input = 0;
    let output = 0;
    try {
      // UTF-8 needs at most 3 bytes per UTF-16 unit; +1 so malloc(0) never happens.
      const capacity = text.length * 3 + 1;
      input = mod._malloc(capacity);
      if (!input) return failure('abi.out_of_memory', '', `could not allocate ${capacity} bytes for the request`);
      const { written } = encoder.encodeInto(text, heap().subarray(input, input + capacity));
      output = mod._frontdoor_call(input, written);
      if (!output) {
        return failure('abi.null', '', 'frontdoor_call returned no response (null pointer)');
      }
      const bytes = heap();
      let end = bytes.indexOf(0, output);
      if (end < 0) end = bytes.length;
      const answer = decoder.decode(bytes.subarray(output, end));
      try {
        return JSON.parse(answer);
      } catch (error) {
        return failure('abi.bad_response', '', `the core answered with text that is not JSON: ${error.message}`);
      }
    } catch (error) {
      brokenBy = error && error.message ? error.message : String(error);
      return failure('abi.trap', '', `the core stopped with an error: ${brokenBy}`);
    } finally {
      if (!brokenBy) {
        try {
          if (output) mod._frontdoor_free(output);
          if (input) mod._free(input);
        } catch (error) {
          brokenBy = error && error.message ? error.message : String(error);
        }
      }
    }
  }

  /**
   * Replaces the data (all or nothing). `files` maps file names to text or parsed JSON;
   * a whole bundle `{files: {...}}` is accepted too.
   */
  function load(files) {
    const map = files && typeof files === 'object' && files.files && typeof files.files === 'object'
      && !Object.keys(files).some((name) => name.endsWith('.json'))
      ? files.files : files;
    return call({ op: 'load', files: map });
  }

  /** Who to contact now. `at`: ISO string or Date; omitted = the browser's clock. */
  function route(facts, at) {
    let when = at;
    if (when === undefined || when === null) when = new Date(Date.now());
    if (when instanceof Date) {
      if (Number.isNaN(when.getTime())) return failure('request.bad_at', 'at', 'the time is not a valid date');
      // Whole seconds: the core reads ISO 8601 instants without fractions.
      when = when.toISOString().replace(/\.\d+Z$/, 'Z');
    }
    return call({ op: 'route', facts: facts || {}, at: when });
  }

  return { call, load, route, module: mod };
}

export { createCore };
