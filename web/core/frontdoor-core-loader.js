/**
 * frontdoor-core-loader.js: what dist/web/frontdoor-wizard.js uses instead of Emscripten's ES6
 * glue (frontdoor-core-module.js) to start the wasm: 1.25 KB brotli less in one visit. The
 * wasm needs three imports (abort, the clock, memory growth) and the wrapper
 * (frontdoor-core.js) five exports, so a stand-in is small.
 *
 * The linker shortens import and export names ("a", "b", …) and they change from one build to
 * the next: web/build.mjs reads them from the glue it replaces (`glueNames`), checks them
 * against the wasm itself and passes them in. The glue still ships (frontdoor-core-module.js,
 * for pages using the core alone, the tests and the kiosk).
 *
 * `moduleFactory(names, base)` returns a factory with the glue's contract as far as
 * frontdoor-core.js uses it in the browser: `factory(args)` fetches and instantiates the wasm
 * (`args.locateFile` says where it is) and resolves to a module with `_frontdoor_call`,
 * `_frontdoor_free`, `_malloc`, `_free`, `HEAPU8` and `asm`; `args.onAbort` hears of an abort.
 * It has no `instantiateWasm` (only the tests and the kiosk give the hook, and they use the
 * glue); `args.wasmBinary`, the .wasm's bytes (the element's worker gets them from the page), or
 * `args.wasmModule`, the .wasm compiled already, skips the fetch.
 *
 * web/build.mjs's esbuild plugin puts it in place of the glue in dist/web's bundle only: the glue
 * costs 1.25 KB brotli more there (measured, docs/web.md).
 */

/** Grows `memory` to hold at least `size` bytes, as the glue does (+20 % at once when it can). */
function growMemory(memory, size) {
  const max = 2147483648;
  const old = memory.buffer.byteLength;
  if (size > max) return false;
  for (let cut = 1; cut <= 4; cut *= 2) {
    const want = Math.min(max, Math.ceil(Math.max(size, Math.min(old * (1 + 0.2 / cut), size + 100663296)) / 65536) * 65536);
    try {
      memory.grow((want - old + 65535) >>> 16);
      return true;
    } catch (_) {
      // try a smaller step
    }
  }
  return false;
}

/**
 * @param {{module: string, abort: string, now: string, resize: string, memory: string,
 *   ctors: string, _frontdoor_call: string, _frontdoor_free: string, _malloc: string,
 *   _free: string}} names the wasm's import and export names, from web/build.mjs `glueNames`
 * @param {string} base URL of the folder the .wasm is in (the bundle's own folder)
 */
function moduleFactory(names, base) {
  return async (args = {}) => {
    let memory;
    let heap = null;
    const imports = {
      [names.module]: {
        [names.abort]: () => {
          if (args.onAbort) args.onAbort('abort');
          throw new WebAssembly.RuntimeError('Aborted()');
        },
        [names.now]: () => Date.now(),
        [names.resize]: (size) => {
          const grown = growMemory(memory, size >>> 0);
          if (grown) heap = null;
          return grown;
        },
      },
    };
    let instance;
    if (args.wasmModule instanceof WebAssembly.Module) {
      // Compiled already (createCore's `wasmModule` option): instantiated as it is.
      instance = await WebAssembly.instantiate(args.wasmModule, imports);
    } else if (args.wasmBinary instanceof Uint8Array) {
      // The bytes the page fetched for its worker (worker-protocol.js): compiled here, off the
      // page's main thread.
      ({ instance } = await WebAssembly.instantiate(args.wasmBinary, imports));
    } else {
      const file = 'frontdoor-core.wasm';
      const url = args.locateFile ? args.locateFile(file, base) : base + file;
      const response = await fetch(url, { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`frontdoor-core: ${url} answered HTTP ${response.status}`);
      try {
        ({ instance } = await WebAssembly.instantiateStreaming(response.clone(), imports));
      } catch (_) {
        // Served with another type than application/wasm: compiled from the bytes instead.
        ({ instance } = await WebAssembly.instantiate(await response.arrayBuffer(), imports));
      }
    }
    const asm = instance.exports;
    memory = asm[names.memory];
    asm[names.ctors]();
    const mod = {
      asm,
      get HEAPU8() {
        if (!heap || !heap.byteLength) heap = new Uint8Array(memory.buffer);
        return heap;
      },
    };
    // The C functions: the names web/build.mjs passes that start with "_" (its GLUE_EXPORTS).
    for (const [name, exported] of Object.entries(names)) if (name.startsWith('_')) mod[name] = asm[exported];
    return mod;
  };
}

export { moduleFactory, growMemory };
