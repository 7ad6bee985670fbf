// Transfer sizes of the web artefacts and their budgets (issue "Performance").
// Used by tests/js/size_budget.test.mjs (`make test-size`, part of `make test`) and by
// bench/run.mjs (`make bench`, docs/benchmarks.md). Node built-ins only.
//
// Brotli is `brotli -c -q 11` (Debian's brotli, as a web server would pre-compress); gzip is
// `gzip -9` (node:zlib level 9). 1 KB = 1,024 bytes; the bytes are always shown too.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

export const KB = 1024;

/**
 * What one visit to a page with the element downloads from dist/web (JS + wasm + CSS + data).
 * frontdoor-wizard.js holds the element with its stylesheet and first screen, the core wrapper
 * and the wasm loader that stands in for Emscripten's glue (web/core/frontdoor-core-loader.js);
 * its worker takes it from the HTTP cache (web/serve.mjs keeps scripts a minute) or gets a 304
 * (tests/browser/transfer.test.mjs checks this list against the requests of a real visit).
 */
export const VISIT_FILES = [
  'frontdoor-wizard.js',
  'frontdoor-core.wasm',
  'frontdoor-data.json',
];

/**
 * Shipped but not fetched by the element: the static directory (the council pastes it into its
 * page) and the core wrapper as its own module (for pages that call the core without the element).
 */
export const OTHER_WEB_FILES = ['frontdoor-directory.html', 'frontdoor-core.js', 'frontdoor-core-module.js'];

export const KIOSK_FILE = join('kiosk', 'frontdoor-kiosk.html');

// The budgets of the issue "One core, compiled twice". `make test` fails when a figure passes its
// budget (tests/js/size_budget.test.mjs); `make bench` reports them in docs/benchmarks.md.
export const BUDGETS = {
  visitBrotli: 96 * KB,
  wasmBrotli: 70 * KB,
  kioskBrotli: 130 * KB,
};

let brotliCli;
/** Brotli size at quality 11: the brotli CLI when installed (make deps installs it), else node:zlib. */
export function brotliSize(bytes) {
  if (brotliCli === undefined) {
    const probe = spawnSync('brotli', ['--version'], { encoding: 'utf8' });
    brotliCli = probe.status === 0;
  }
  if (brotliCli) {
    const run = spawnSync('brotli', ['-c', '-q', '11'], { input: bytes, maxBuffer: 256 << 20 });
    if (run.status !== 0) throw new Error(`brotli failed: ${run.stderr}`);
    return run.stdout.length;
  }
  return brotliCompressSync(bytes, {
    params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length;
}

export function brotliTool() {
  if (brotliCli === undefined) brotliSize(Buffer.alloc(0));
  return brotliCli ? 'brotli -c -q 11' : 'node:zlib brotli quality 11 (brotli CLI not installed)';
}

export function gzipSize(bytes) {
  return gzipSync(bytes, { level: 9 }).length;
}

/** {raw, gzip, brotli} of one file's bytes. */
export function sizesOf(bytes) {
  return { raw: bytes.length, gzip: gzipSize(bytes), brotli: brotliSize(bytes) };
}

/**
 * Every figure of the size budgets for a dist/ folder. Throws (naming the file) when a file
 * is missing.
 */
export function measureDist(dist) {
  const web = join(dist, 'web');
  const need = (path) => {
    if (!existsSync(path) || !statSync(path).isFile()) {
      throw new Error(`${path} is missing: run \`make web\` first`);
    }
    return readFileSync(path);
  };
  const files = {};
  for (const name of [...VISIT_FILES, ...OTHER_WEB_FILES]) files[name] = sizesOf(need(join(web, name)));
  const visit = { raw: 0, gzip: 0, brotli: 0 };
  for (const name of VISIT_FILES) for (const k of Object.keys(visit)) visit[k] += files[name][k];
  const kiosk = sizesOf(need(join(dist, KIOSK_FILE)));
  return { files, visit, wasm: files['frontdoor-core.wasm'], kiosk, tool: brotliTool() };
}

/** The budget checks: [{key, figure, budget, measured, ok}] (bytes, brotli). */
export function checkBudgets(measured) {
  return [
    { key: 'visitBrotli', figure: 'one visit (JS + wasm + CSS + data), brotli', budget: BUDGETS.visitBrotli, measured: measured.visit.brotli },
    { key: 'wasmBrotli', figure: 'frontdoor-core.wasm, brotli', budget: BUDGETS.wasmBrotli, measured: measured.wasm.brotli },
    { key: 'kioskBrotli', figure: 'kiosk/frontdoor-kiosk.html, brotli', budget: BUDGETS.kioskBrotli, measured: measured.kiosk.brotli },
  ].map((c) => ({ ...c, ok: c.measured <= c.budget }));
}

export const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;

/** One line per file: raw / gzip / brotli, for failure messages and logs. */
export function describeSizes(measured) {
  const lines = Object.entries(measured.files).map(([name, s]) =>
    `  ${name.padEnd(28)} raw ${String(s.raw).padStart(8)}  gzip ${String(s.gzip).padStart(7)}  brotli ${String(s.brotli).padStart(7)} B`);
  lines.push(`  ${'one visit (sum)'.padEnd(28)} raw ${String(measured.visit.raw).padStart(8)}  gzip ${String(measured.visit.gzip).padStart(7)}  brotli ${String(measured.visit.brotli).padStart(7)} B`);
  lines.push(`  ${KIOSK_FILE.padEnd(28)} raw ${String(measured.kiosk.raw).padStart(8)}  gzip ${String(measured.kiosk.gzip).padStart(7)}  brotli ${String(measured.kiosk.brotli).padStart(7)} B`);
  return lines.join('\n');
}
