#!/usr/bin/env node
// What Emscripten's own ES6 glue would cost in dist/web/frontdoor-wizard.js instead of the
// hand-written loader (web/core/frontdoor-core-loader.js): the same esbuild bundle both ways
// (web/build.mjs webModule), brotli -q 11. Issue 14 keeps the loader only while the glue costs
// more than 1 KB brotli (docs/web.md, "The wasm loader").
//
//   node bench/glue.mjs        (after `make wasm`)
import { sources, webModule } from '../web/build.mjs';
import { brotliSize } from './sizes.mjs';

const src = sources();
const withLoader = Buffer.from(await webModule(src, { loader: true }));
const withGlue = Buffer.from(await webModule(src, { loader: false }));
const [loader, glue] = [brotliSize(withLoader), brotliSize(withGlue)];
process.stdout.write(`frontdoor-wizard.js without its first screen, brotli -q 11:\n`
  + `  with the loader  ${loader} B\n  with the glue    ${glue} B\n`
  + `  the glue costs   ${glue - loader} B (${((glue - loader) / 1024).toFixed(2)} KB)\n`);
