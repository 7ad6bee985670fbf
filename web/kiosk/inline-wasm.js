/**
 * inline-wasm.js: the kiosk's wasm. web/build.mjs puts the .wasm into the kiosk's one script as
 * `__fdWasm` (one character per byte); a page on file:// under `default-src 'none'` can neither
 * fetch it nor use a data: URL, so Emscripten's Module.instantiateWasm gets the bytes from it
 * (web/core/frontdoor-core.js reads these defaults). Evaluated before the element (import order).
 */
/* global __fdWasm */
globalThis.frontdoorCoreDefaults = {
  instantiateWasm(imports) {
    const bytes = Uint8Array.from(__fdWasm, (c) => c.charCodeAt(0));
    __fdWasm = null; // eslint-disable-line no-global-assign
    return WebAssembly.instantiate(bytes, imports);
  },
};
