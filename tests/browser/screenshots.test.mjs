// Screenshots of a question and an outcome at 320 px and desktop width: build/screenshots/ in
// `make test` (test output, never a tracked file); `make screenshots` writes the README's pictures,
// docs/screenshots/{question,outcome}-{320,desktop}.png, through FRONTDOOR_SCREENSHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { launch, startDemo, openWizard, walk, walkableCases, ROOT, DESKTOP, NARROW, PAGES, afterTwoFrames } from './harness.mjs';

const OUT = path.resolve(ROOT, process.env.FRONTDOOR_SCREENSHOTS || 'build/screenshots');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let browser, server;
before(async () => { browser = await launch(); server = await startDemo(); mkdirSync(OUT, { recursive: true }); });
after(async () => { await browser?.close(); await server?.close(); });

for (const [label, viewport] of [['320', NARROW], ['desktop', DESKTOP]]) {
  test(`screenshots of a question and an outcome at ${label} width are written`, { timeout: 30000 }, async () => {
    for (const name of ['question', 'outcome']) rmSync(path.join(OUT, `${name}-${label}.png`), { force: true });
    const c = walkableCases().find((x) => x.facts.audience === 'parent' && x.expect.level === 'red')
      ?? walkableCases().find((x) => x.facts.audience === 'parent') ?? walkableCases()[0];
    assert.ok(c, 'a complete case exists');
    const s = await openWizard(browser, server, PAGES.council, { at: c.at, viewport });
    try {
      const shot = async (name) => {
        // The whole element in the viewport: parts with content-visibility: auto are drawn only
        // near it (an element screenshot does not scroll them in).
        const height = await s.page.evaluate(() => Math.ceil(document.querySelector('frontdoor-wizard').getBoundingClientRect().bottom + window.scrollY));
        await s.page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
        await afterTwoFrames(s.page);
        await s.page.locator('frontdoor-wizard').screenshot({ path: path.join(OUT, `${name}-${label}.png`), animations: 'disabled', caret: 'hide' });
        await s.page.setViewportSize(viewport);
      };
      let asked = 0;
      await walk(s.page, c.facts, {
        onScreen: async (screen) => {
          if (screen.kind === 'question' && asked++ < 2) await shot('question'); // ends on the 2nd question, past "who are you"
          if (screen.kind === 'outcome') await shot('outcome');
        },
      });
    } finally { await s.close(); }
    for (const name of ['question', 'outcome']) {
      const file = path.join(OUT, `${name}-${label}.png`);
      assert.ok(statSync(file).size > 1000, `${file} is not empty`);
      assert.ok(readFileSync(file).subarray(0, 8).equals(PNG), `${file} is a PNG`);
    }
  });
}
