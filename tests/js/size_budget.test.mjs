// Size budgets of the web artefacts (issue "Performance"; figures in docs/benchmarks.md).
// A parent on a phone with a weak signal must get the wizard at once: what one visit
// downloads from dist/web, the wasm alone and the one-file kiosk are compressed with
// `brotli -c -q 11` and compared with their budgets. Run `make web` first (`make test` does);
// `make test-size` runs this file alone. FRONTDOOR_DIST points it at another dist/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUDGETS, VISIT_FILES, checkBudgets, describeSizes, kb, measureDist, sizesOf } from '../../bench/sizes.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = process.env.FRONTDOOR_DIST ? resolve(process.env.FRONTDOOR_DIST) : join(ROOT, 'dist');

let measured;
function measure() {
  assert.ok(existsSync(join(DIST, 'web')), `${DIST}/web exists (run \`make web\` before the size test)`);
  measured ??= measureDist(DIST);
  return measured;
}

// Each figure fails the run when it passes its budget, with the sizes of every file.
const FIGURES = [
  { figure: 'one visit (JS + wasm + CSS + data bundle)', key: 'visitBrotli' },
  { figure: 'frontdoor-core.wasm alone', key: 'wasmBrotli' },
  { figure: 'the one-file kiosk', key: 'kioskBrotli' },
];
for (const { figure, key } of FIGURES) {
  test(`${figure} is within its brotli budget of ${kb(BUDGETS[key])}`, () => {
    const m = measure();
    const c = checkBudgets(m).find((x) => x.key === key);
    assert.ok(c.ok, `${figure}: ${c.measured} B brotli (${kb(c.measured)}) is over the budget of ${c.budget} B (${kb(c.budget)}).\n`
      + `Sizes (${m.tool}):\n${describeSizes(m)}\nThe levers and their measured effect are in docs/benchmarks.md.`);
  });
}

test('one visit counts every file the element fetches, each measured raw, gzip and brotli', () => {
  const m = measure();
  assert.deepEqual(Object.keys(m.files).filter((n) => VISIT_FILES.includes(n)).sort(), [...VISIT_FILES].sort());
  for (const name of VISIT_FILES) {
    const s = m.files[name];
    assert.ok(s.raw > 0, `${name} is empty`);
    assert.ok(s.brotli < s.raw && s.gzip < s.raw, `${name}: compression makes it smaller (${JSON.stringify(s)})`);
  }
  const sum = VISIT_FILES.reduce((total, name) => total + m.files[name].brotli, 0);
  assert.equal(m.visit.brotli, sum);
});

test('the measurement itself: a repetitive text compresses, a budget over the figure fails', () => {
  const text = Buffer.from('frontdoor '.repeat(1000));
  const s = sizesOf(text);
  assert.equal(s.raw, 10000);
  assert.ok(s.brotli < 100 && s.gzip < 200, JSON.stringify(s));
  const fake = { visit: { brotli: BUDGETS.visitBrotli + 1 }, wasm: { brotli: BUDGETS.wasmBrotli }, kiosk: { brotli: 0 } };
  assert.deepEqual(checkBudgets(fake).map((c) => c.ok), [false, true, true]);
});
