// The widget under the strictest CSP a council is likely to have (sent by web/serve.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startDemo, openSession, currentScreen, walk, walkableCases, PAGES } from './harness.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await startDemo(); });
after(async () => { await browser?.close(); await server?.close(); });

for (const [label, file, pro] of [['council', PAGES.council, false], ['intranet', PAGES.intranet, true]]) {
  test(`the ${label} page under the strict CSP walks to an outcome with no console error and no CSP violation`, { timeout: 30000 }, async () => {
    const c = walkableCases().find((x) => (x.facts.audience === 'professional') === pro);
    assert.ok(c, 'a complete case for this page exists in tests/cases/routes.json');
    const s = await openSession(browser, { origin: server.origin, at: c.at });
    try {
      const res = await s.page.goto(server.url + file);
      const csp = res.headers()['content-security-policy'] ?? '';
      assert.match(csp, /default-src 'self'/, 'the page is served with the strict CSP');
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/, 'scripts: self + wasm only (no unsafe-inline, no unsafe-eval)');
      assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/, 'no unsafe-inline or unsafe-eval');
      await currentScreen(s.page);
      await walk(s.page, c.facts);
      await s.page.waitForTimeout(300); // late reports
      assert.deepEqual(s.log.cspViolations, [], 'no CSP violation (securitypolicyviolation events or console reports)');
      assert.deepEqual(s.log.consoleErrors, [], 'no console error');
      assert.deepEqual(s.log.pageErrors, [], 'no uncaught error');
    } finally { await s.close(); }
  });
}
