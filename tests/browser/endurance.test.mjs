// Endurance in the browser (docs/reliability.md):
//  1. 10,000 consecutive wizard sessions in one page: the core behind the widget (its own wrapper,
//     frontdoor-core.js, loaded in the demo page next to the element) walks a question path per
//     session to its outcome. The same path always ends in the same answer, and the WebAssembly
//     memory (buffer.byteLength) does not grow after the first sessions. The element on the page
//     still answers afterwards.
//  2. The one-file kiosk from file://, left idle for a simulated 24 hours (Playwright's clock):
//     it keeps resetting to the first question and still answers every hour.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startDemo, openSession, openKioskOffline, currentScreen, answerByKeyboard, nextScreen,
  questionByText, screenControls } from './harness.mjs';

const SESSIONS = Number(process.env.FRONTDOOR_BROWSER_SESSIONS ?? 10000);
const WARM_UP = 200;      // sessions before the memory baseline
const PATHS = 500;        // distinct answer paths; each is walked SESSIONS / PATHS times

let browser;
let server;
before(async () => { browser = await launch(); server = await startDemo('demo'); });
after(async () => { await browser?.close(); await server?.close(); });

test(`${SESSIONS} consecutive wizard sessions in one page give the same answers and do not grow WebAssembly memory`, { timeout: 180000 }, async (t) => {
  const s = await openSession(browser, { origin: server.origin });
  try {
    await s.page.goto(server.url + 'council.html');
    const first = await currentScreen(s.page);
    assert.equal(first.kind, 'question', 'the element shows its first question');

    // The widget's own wrapper and data bundle, from the same origin as the element.
    const ready = await s.page.evaluate(async () => {
      const { createCore } = await import('./frontdoor-core.js');
      const core = await createCore({});
      const bundle = await (await fetch('frontdoor-data.json')).json();
      const loaded = core.load(bundle.files);
      const memory = () => {
        const m = core.module;
        const buffer = (m.wasmMemory && m.wasmMemory.buffer) || (m.asm && m.asm.memory && m.asm.memory.buffer)
          || (m.HEAPU8 && m.HEAPU8.buffer);
        return buffer.byteLength;
      };
      const instants = ['2026-11-27T15:59:00Z', '2026-11-27T16:00:00Z', '2026-11-28T03:00:00Z', '2026-12-25T12:00:00Z',
        '2027-03-28T00:30:00Z', '2027-03-28T01:30:00Z', '2026-10-25T01:30:00Z', '2026-12-29T09:00:00Z'];
      // Deterministic answers per path: a small LCG seeded by the path number.
      function session(path) {
        let seed = (path * 2654435761) >>> 0;
        const next = (n) => { seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0; return seed % n; };
        const at = instants[path % instants.length];
        const facts = {};
        for (let step = 0; step < 20; step++) {
          const r = core.route(facts, at);
          if (!r || r.ok !== true) return { error: JSON.stringify(r) };
          const q = r.next_question;
          if (!q) {
            if (!Array.isArray(r.contacts) || r.contacts.length === 0) return { error: `no contact for ${JSON.stringify(facts)}` };
            return { answer: JSON.stringify(r), steps: step };
          }
          let values = (q.options || []).map((o) => o.value);
          if (q.type === 'number') {
            values = [];
            for (let n = q.min; n <= q.max; n++) values.push(n);
            if (q.options && q.options.some((o) => o.value === null)) values.push(null);
          }
          if (values.length === 0) return { error: `question ${q.id} offers no answer` };
          facts[q.fact] = values[next(values.length)];
        }
        return { error: `no outcome after 20 questions: ${JSON.stringify(facts)}` };
      }
      window.__fdEndurance = { answers: new Map(), run(from, to, paths) {
        const out = { mismatches: [], errors: [], steps: 0 };
        for (let i = from; i < to; i++) {
          const path = i % paths;
          const r = session(path);
          if (r.error) { out.errors.push(r.error); continue; }
          out.steps += r.steps;
          const seen = this.answers.get(path);
          if (seen === undefined) this.answers.set(path, r.answer);
          else if (seen !== r.answer) out.mismatches.push({ path, first: seen.slice(0, 500), later: r.answer.slice(0, 500) });
        }
        out.memory = memory();
        return out;
      } };
      return { loaded, memory: memory() };
    });
    assert.equal(ready.loaded.ok, true, `the bundle loads into the wrapper: ${JSON.stringify(ready.loaded).slice(0, 500)}`);

    const started = Date.now();
    const warm = await s.page.evaluate(([to, paths]) => window.__fdEndurance.run(0, to, paths), [WARM_UP, PATHS]);
    const baseline = warm.memory;
    let mismatches = warm.mismatches.length, errors = [...warm.errors], steps = warm.steps, peak = baseline;
    for (let from = WARM_UP; from < SESSIONS; from += 1000) {
      const to = Math.min(SESSIONS, from + 1000);
      const r = await s.page.evaluate(([a, b, paths]) => window.__fdEndurance.run(a, b, paths), [from, to, PATHS]);
      mismatches += r.mismatches.length;
      if (r.mismatches.length) t.diagnostic(`changed answer: ${JSON.stringify(r.mismatches[0])}`);
      errors.push(...r.errors);
      steps += r.steps;
      peak = Math.max(peak, r.memory);
    }
    const seconds = (Date.now() - started) / 1000;
    t.diagnostic(`${SESSIONS} sessions, ${steps} questions answered, ${seconds.toFixed(1)} s; wasm memory ${ready.memory} B at start, ${baseline} B after ${WARM_UP} sessions, peak ${peak} B`);
    assert.deepEqual(errors.slice(0, 5), [], 'every session reached an outcome with a contact');
    assert.equal(mismatches, 0, 'the same answers give the same outcome every time');
    assert.equal(peak, baseline, 'WebAssembly memory did not grow after the first sessions');

    // The element on the same page still answers: its first question moves on when answered.
    const q = questionByText(first.text);
    assert.ok(q, `the first screen is a question of data/questions.json ("${first.text}")`);
    const value = q.options?.[0]?.value ?? (q.type === 'yes_no' ? true : q.min ?? 1);
    await answerByKeyboard(s.page, q, value, q.fact === 'audience' ? value : undefined);
    const second = await nextScreen(s.page, first.text);
    assert.notEqual(second.text, first.text, 'the element still answers after the sessions');
    assert.deepEqual(s.log.pageErrors, [], 'no uncaught error');
    assert.deepEqual(s.log.consoleErrors, [], 'no console error');
  } finally { await s.close(); }
});

test('the kiosk left idle for a simulated 24 hours keeps resetting and still answers', { timeout: 180000 }, async (t) => {
  // Starts on a Friday afternoon, so the day crosses MASH closing, midnight and a weekend morning.
  const { s, blocked, first, q, value } = await openKioskOffline(browser, '2026-11-27T15:00:00Z');
  try {
    const idle = Number((await s.page.locator('frontdoor-wizard').getAttribute('idle-seconds')) ?? 120);

    const heading = () => s.page.evaluate(() => {
      const root = document.querySelector('frontdoor-wizard')?.shadowRoot;
      const visible = (el) => !!(el && (el.offsetWidth || el.offsetHeight || el.getClientRects().length));
      const h = root?.querySelector('h1#fd-question, h1#fd-outcome');
      return visible(h) ? h.textContent.replace(/\s+/g, ' ').trim() : null;
    });

    let answered = 0, resets = 0;
    for (let hour = 1; hour <= 24; hour++) {
      // Someone answers the first question and walks away.
      await answerByKeyboard(s.page, q, value, q.fact === 'audience' ? value : undefined);
      const next = await nextScreen(s.page, first.text);
      assert.notEqual(next.text, first.text, `hour ${hour}: the kiosk still answers`);
      answered += 1;
      // An hour passes (timers fire as they would: idle countdown, reset, minute refreshes).
      await s.page.clock.runFor(Math.max(idle + 120, 3600) * 1000);
      const now = await heading();
      assert.equal(now, first.text, `hour ${hour}: back on the first question after being left idle`);
      const controls = await screenControls(s.page);
      assert.ok(!controls.radios.some((r) => r.checked), `hour ${hour}: no answer kept after the reset`);
      resets += 1;
    }
    const clock = await s.page.evaluate(() => new Date().toISOString());
    t.diagnostic(`simulated until ${clock}: ${answered} sessions answered, ${resets} resets`);
    assert.ok(Date.parse(clock) - Date.parse('2026-11-27T15:00:00Z') >= 24 * 3600 * 1000, 'a whole day passed on the page clock');
    assert.deepEqual(blocked, [], 'the kiosk asked for nothing outside its own file');
    assert.deepEqual(s.log.pageErrors, [], 'no uncaught error');
    assert.deepEqual(s.log.consoleErrors, [], 'no console error');
  } finally { await s.close(); }
});
