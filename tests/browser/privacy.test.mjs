// Nothing remembered, nothing sent, nothing in the URL (domain-notes: PECR covers all device storage).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startDemo, openWizard, walk, walkableCases, PAGES } from './harness.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await startDemo(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The complete case with the most answers given on `audience`'s page. */
function longestCase(pro) {
  const cs = walkableCases().filter((c) => (c.facts.audience === 'professional') === pro);
  return cs.sort((a, b) => Object.keys(b.facts).length - Object.keys(a.facts).length)[0];
}

for (const [label, file, pro] of [['council page', PAGES.council, false], ['intranet page', PAGES.intranet, true]]) {
  test(`on the ${label} a full walk leaves no cookie, storage or database, sends nothing elsewhere and keeps the URL`, { timeout: 30000 }, async () => {
    const c = longestCase(pro);
    assert.ok(c, `tests/cases/routes.json has a complete ${pro ? 'professional' : 'non-professional'} case`);
    const s = await openWizard(browser, server, file, { at: c.at });
    try {
      const start = s.page.url();
      const hrefs = [];
      const historyStart = await s.page.evaluate(() => history.length);
      await walk(s.page, c.facts, { onScreen: async () => { hrefs.push(await s.page.evaluate(() => location.href)); } });
      const state = await s.page.evaluate(async () => ({
        cookie: document.cookie,
        local: localStorage.length,
        session: sessionStorage.length,
        databases: (await indexedDB.databases()).map((d) => d.name),
        history: history.length,
        cached: 'caches' in window
          ? (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).map((r) => r.url)))).flat()
          : [],
      }));
      assert.equal(state.cookie, '', 'document.cookie is empty');
      assert.deepEqual(await s.context.cookies(), [], 'the browser holds no cookie for any site');
      assert.equal(state.local, 0, 'localStorage is empty');
      assert.equal(state.session, 0, 'sessionStorage is empty');
      assert.deepEqual(state.databases, [], 'no IndexedDB database');
      assert.deepEqual(s.log.foreignRequests, [], `no request leaves ${server.origin}`);
      assert.deepEqual([...new Set(hrefs)], [start], 'location.href never changes (no answers in the URL)');
      // The demo pages do not opt in to browser-back (tests/browser/history.test.mjs has it).
      assert.deepEqual(s.log.navigations, [start], 'no navigation, pushState or hash change during the walk');
      assert.equal(state.history, historyStart, 'no history entries added');
      const answers = Object.values(c.facts).filter((v) => typeof v === 'string' && v.length > 2);
      const leaky = state.cached.filter((u) => { const q = new URL(u).search + new URL(u).hash; return answers.some((a) => q.includes(a)); });
      assert.deepEqual(leaky, [], 'no cached URL carries an answer');
    } finally { await s.close(); }
  });
}
