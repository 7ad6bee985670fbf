/**
 * frontdoor-kiosk.js: the entry of the kiosk's one classic script (web/build.mjs, esbuild
 * `format: 'iife'`): the wasm inline, then the same element as dist/web. The core runs in the
 * page (no worker on file://).
 */
import './inline-wasm.js';
import '../components/frontdoor-wizard/frontdoor-wizard.js';
