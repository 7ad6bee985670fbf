// Events for the host page (docs/web.md, "Events"): the element dispatches bubbling, composed
// CustomEvents when its core is ready and for each screen and each way out: frontdoor-ready {},
// frontdoor-step {question, step},
// frontdoor-outcome {level, services}, frontdoor-exit {via}, frontdoor-fallback {}. A host page
// can count use and outcomes with them; they never carry an answer, an age or a place.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startDemo, openSession, currentScreen, walk, outcomeDetails, questionByText, walkableCases, PAGES } from './harness.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await startDemo(); });
after(async () => { await browser?.close(); await server?.close(); });

const TYPES = ['frontdoor-ready', 'frontdoor-step', 'frontdoor-outcome', 'frontdoor-exit', 'frontdoor-fallback'];

/** A session whose page records every frontdoor-* event as the host page (document) hears it. */
async function recording(opts = {}) {
  const s = await openSession(browser, { origin: server.origin, ...opts });
  const events = [];
  await s.page.exposeBinding('__fdHostEvent', (_src, e) => { events.push(e); });
  await s.page.addInitScript({ content: `(() => { for (const type of ${JSON.stringify(TYPES)}) {
    document.addEventListener(type, (e) => window.__fdHostEvent({ type: e.type, detail: e.detail, bubbles: e.bubbles,
      composed: e.composed, cancelable: e.cancelable, target: e.target.localName, keys: Object.keys(e.detail || {}).sort() }));
  } })();` });
  return { ...s, events };
}

/** Every value inside `x` (deep), as strings. */
function leaves(x) {
  if (x === null || typeof x !== 'object') return [String(x)];
  return Object.values(x).flatMap(leaves);
}

const settle = (page) => page.waitForTimeout(200);

test('a walk to an outcome: one frontdoor-step per question, then frontdoor-outcome with the level and the services shown', { timeout: 60000 }, async () => {
  const c = walkableCases().find((x) => 'area' in x.facts && 'child_age' in x.facts) || walkableCases()[0];
  const s = await recording({ at: c.at });
  try {
    await s.page.goto(server.url + PAGES.council);
    const { screens } = await walk(s.page, c.facts);
    const shown = await outcomeDetails(s.page);
    await settle(s.page);
    const questions = screens.filter((x) => x.kind === 'question');
    const steps = s.events.filter((e) => e.type === 'frontdoor-step');
    assert.deepEqual(steps.map((e) => e.detail.question), questions.map((x) => questionByText(x.text).id), 'one step per question screen, named by its id');
    assert.deepEqual(steps.map((e) => e.detail.step), questions.map((_, i) => i + 1), 'numbered by how many answers came before');
    const ready = s.events.filter((e) => e.type === 'frontdoor-ready');
    assert.equal(ready.length, 1, 'one frontdoor-ready: the core got the data once');
    assert.ok(s.events.indexOf(ready[0]) < s.events.findIndex((e) => e.type === 'frontdoor-outcome'), 'ready before the outcome was routed');
    const outcomes = s.events.filter((e) => e.type === 'frontdoor-outcome');
    assert.equal(outcomes.length, 1, 'one outcome event');
    assert.deepEqual(outcomes[0].detail.services, shown.services, 'the services on screen, in order');
    assert.equal(outcomes[0].detail.level, c.expect.level ?? null);
    for (const e of s.events) {
      assert.equal(e.target, 'frontdoor-wizard', `${e.type} comes from the element`);
      assert.ok(e.bubbles && e.composed && !e.cancelable, `${e.type} bubbles, is composed, cannot be cancelled`);
      const documented = { 'frontdoor-ready': [], 'frontdoor-step': ['question', 'step'], 'frontdoor-outcome': ['level', 'services'] };
      assert.deepEqual(e.keys, documented[e.type], `${e.type} carries only its documented fields`);
    }
    // Never an answer, an age or a place: no fact value of the walk appears in any detail.
    const values = new Set(s.events.flatMap((e) => leaves(e.detail)));
    for (const [fact, value] of Object.entries(c.facts)) {
      if (typeof value === 'string') assert.ok(!values.has(value), `the answer to ${fact} (${value}) is in no event`);
    }
    if (c.facts.area) assert.ok(!JSON.stringify(s.events).toLowerCase().includes(String(c.facts.area).toLowerCase()), 'no place');
    if (Number.isInteger(c.facts.child_age)) {
      assert.ok(s.events.every((e) => !('age' in e.detail) && !('child_age' in e.detail)), 'no age');
    }
  } finally {
    await s.close();
  }
});

test('Exit this page: frontdoor-exit {via} before the page goes, from the button and from Shift pressed three times', { timeout: 60000 }, async () => {
  for (const via of ['button', 'keyboard']) {
    const s = await recording();
    try {
      await s.page.route('https://www.bbc.co.uk/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>x</title>' }));
      await s.page.goto(server.url + PAGES.council);
      await currentScreen(s.page);
      if (via === 'button') await s.page.locator('frontdoor-wizard #fd-exit').click();
      else for (let i = 0; i < 3; i++) await s.page.keyboard.press('Shift');
      await s.page.waitForURL(/bbc\.co\.uk/, { timeout: 10000 });
      const exits = s.events.filter((e) => e.type === 'frontdoor-exit');
      assert.deepEqual(exits.map((e) => e.detail), [{ via }]);
      assert.ok(exits[0].bubbles && exits[0].composed);
    } finally {
      await s.close();
    }
  }
});

test('the static directory instead of the wizard: frontdoor-fallback', { timeout: 30000 }, async () => {
  const s = await recording();
  try {
    await s.page.route('**/frontdoor-data.json', (route) => route.fulfill({ status: 500, body: 'no' }));
    await s.page.goto(server.url + PAGES.council);
    await s.page.waitForFunction(() => {
      const m = document.querySelector('frontdoor-wizard')?.shadowRoot?.querySelector('.fd-fallback-message');
      return m && !m.hidden;
    }, null, { timeout: 15000 });
    await settle(s.page);
    const fallback = s.events.filter((e) => e.type === 'frontdoor-fallback');
    assert.equal(fallback.length, 1);
    assert.deepEqual(fallback[0].detail, {});
    assert.ok(!s.events.some((e) => e.type === 'frontdoor-outcome'), 'no outcome was shown');
    assert.ok(!s.events.some((e) => e.type === 'frontdoor-ready'), 'a core without data is never ready');
  } finally {
    await s.close();
  }
});
