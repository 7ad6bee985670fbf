// Without JavaScript, or when the wasm or the data cannot load, the static directory in the light
// DOM (#frontdoor-directory) still gives the numbers that matter most.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startDemo, openSession, directory, norm, dialDigits, pageIsBlank, PAGES } from './harness.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await startDemo(); });
after(async () => { await browser?.close(); await server?.close(); });

/** MASH, Out of Hours and 999 with their numbers, read from data/directory.json. */
function essentials() {
  const services = directory().services;
  const find = (pred, what) => { const s = services.find(pred); assert.ok(s, `data/directory.json has ${what}`); return s; };
  return [
    find((s) => s.id === 'mash', 'the MASH service (id "mash")'),
    find((s) => s.id === 'out-of-hours' || /out of hours/i.test(s.name), 'the Out of Hours service'),
    find((s) => (s.phones ?? []).some((p) => p.number === '999'), 'a 999 service'),
  ].map((s) => ({ id: s.id, name: s.name, number: s.phones[0].number }));
}

async function assertDirectory(page, label) {
  const dir = page.locator('#frontdoor-directory');
  assert.ok(await dir.isVisible(), `${label}: #frontdoor-directory is visible`);
  const text = norm(await dir.innerText());
  const tels = (await dir.locator('a[href^="tel:"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).map(dialDigits);
  for (const e of essentials()) {
    assert.ok(text.includes(e.number), `${label}: the directory shows ${e.name}: ${e.number}`);
    assert.ok(tels.includes(dialDigits(e.number)), `${label}: ${e.number} is a tel: link`);
  }
}

for (const file of [PAGES.council, PAGES.intranet]) {
  test(`with JavaScript off, ${file} shows the fallback directory with MASH, Out of Hours and 999`, { timeout: 20000 }, async () => {
    const s = await openSession(browser, { origin: server.origin, javaScriptEnabled: false });
    try {
      await s.page.goto(server.url + file);
      await assertDirectory(s.page, `${file} without JS`);
      assert.deepEqual(s.log.foreignRequests, [], 'nothing requested from other origins');
    } finally { await s.close(); }
  });
}

for (const [what, pattern] of [['the wasm request is aborted', '**/*.wasm'], ['the data bundle request is aborted', '**/frontdoor-data.json']]) {
  test(`when ${what} the fallback directory stays visible and the screen is never blank`, { timeout: 20000 }, async () => {
    const s = await openSession(browser, { origin: server.origin, at: '2026-11-26T11:00:00Z' });
    try {
      let aborted = 0;
      await s.page.route(pattern, (r) => { aborted++; return r.abort(); });
      await s.page.goto(server.url + PAGES.council);
      await s.page.waitForLoadState('networkidle');
      await s.page.waitForTimeout(1000);
      assert.ok(aborted > 0, `the page did request ${pattern}`);
      assert.ok(!(await pageIsBlank(s.page)), 'the page is not blank');
      await assertDirectory(s.page, what);
      assert.equal(await s.page.locator('h1#fd-question:visible').count(), 0, 'no half-working wizard is shown');
      assert.deepEqual(s.log.pageErrors, [], 'no uncaught error (the failure is handled)');
    } finally { await s.close(); }
  });
}
