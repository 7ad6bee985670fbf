// What one visit really downloads: the size budget (bench/sizes.mjs VISIT_FILES, brotli sums in
// docs/benchmarks.md) must count every file of dist/web the element fetches, and each only once
// (counted by the server: what it sent, for the page and the element's worker alike).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { VISIT_FILES } from '../../bench/sizes.mjs';
import { DIST, launch, startDemo, openSession, currentScreen, walk, walkableCases, PAGES, requireDist } from './harness.mjs';

let browser, server;
const sent = []; // {path, status, bytes} of every response
before(async () => {
  requireDist('web');
  browser = await launch();
  server = await startDemo('demo', { onSent: (r) => sent.push(r) });
});
after(async () => { await browser?.close(); await server?.close(); });

test('a visit to the council page downloads exactly the files the one-visit budget counts, each body once', { timeout: 30000 }, async () => {
  const webFiles = new Set(readdirSync(path.join(DIST, 'web')));
  const c = walkableCases().find((x) => x.facts.audience !== 'professional');
  assert.ok(c, 'a complete case exists in tests/cases/routes.json');
  const s = await openSession(browser, { origin: server.origin, at: c.at });
  try {
    sent.length = 0;
    await s.page.goto(server.url + PAGES.council);
    await currentScreen(s.page);
    await walk(s.page, c.facts); // to an outcome: anything fetched late is counted too
    await s.page.waitForTimeout(500);
    const all = JSON.stringify(sent);
    const bodies = sent.filter((r) => webFiles.has(path.posix.basename(r.path)) && r.bytes > 0);
    assert.ok(bodies.every((r) => r.status === 200), `every body of a dist/web file comes with a 200: ${all}`);
    assert.deepEqual([...new Set(bodies.map((r) => path.posix.basename(r.path)))].sort(), [...VISIT_FILES].sort(),
      `the files of dist/web downloaded with a body (all responses: ${all})`);
    for (const name of VISIT_FILES) {
      assert.equal(bodies.filter((r) => path.posix.basename(r.path) === name).length, 1,
        `${name} is downloaded once (asked for again, it is a 304 without a body): ${all}`);
    }
  } finally { await s.close(); }
});
