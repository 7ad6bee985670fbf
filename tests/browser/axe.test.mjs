// axe (WCAG 2.0/2.1 A+AA and 2.2 AA) on every kind of screen, inside the shadow root, at
// desktop width and at 320 CSS px (the same screen, checked at both widths by resizing).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startDemo, openWizard, walk, runAxe, formatViolations, walkableCases, questions, outcomeDetails,
  showErrorState, openDecisionRecord, readJson, ROOT, DESKTOP, NARROW, PAGES } from './harness.mjs';
import path from 'node:path';

let browser, server;
before(async () => { browser = await launch(); server = await startDemo(); });
after(async () => { await browser?.close(); await server?.close(); });

// The levels some rule gives (a level of rules.json that no rule gives has no screen), and an
// outcome with no level (a specialist route or an administrative answer).
const LEVELS = [...new Set(readJson(path.join(ROOT, 'data/rules.json')).rules.map((r) => r.level).filter(Boolean))];
const NO_LEVEL = 'outcome without a level';
const WIDTHS = [['desktop', DESKTOP], ['320px', NARROW]];

/** What walking a case should show: the question types of its facts, its level, the record. */
function features(c) {
  const f = new Set(Object.keys(c.facts).map((fact) => `${questions().find((q) => q.fact === fact)?.type} question`));
  if (LEVELS.includes(c.expect.level)) f.add(`${c.expect.level} outcome`);
  if (c.expect.level === null && !c.expect.missing?.length) f.add(NO_LEVEL);
  if (c.facts.audience === 'professional') f.add('decision record');
  return f;
}

/** Few cases that between them should reach every wanted screen (greedy cover), then the rest. */
function casesToWalk(wanted) {
  const all = walkableCases();
  const left = new Set(wanted);
  const chosen = [];
  while (left.size) {
    let best = null, gain = 0;
    for (const c of all) {
      if (chosen.includes(c)) continue;
      const g = [...features(c)].filter((x) => left.has(x)).length;
      if (g > gain) { best = c; gain = g; }
    }
    if (!best) break;
    chosen.push(best);
    features(best).forEach((x) => left.delete(x));
  }
  return [...chosen, ...all.filter((c) => !chosen.includes(c))];
}

test('every screen type has no axe violations at desktop width and at 320px', { timeout: 180000 }, async (t) => {
  const found = new Map(); // "category at width" → {where, violations}
  const types = [...new Set(questions().map((q) => q.type))];
  const categories = ['first question', ...types.map((x) => `${x} question`), 'error state',
    ...LEVELS.map((l) => `${l} outcome`), NO_LEVEL, 'decision record'];
  const done = () => categories.every((c) => found.has(`${c} at 320px`));
  const check = async (page, category, where) => {
    if (found.has(`${category} at 320px`)) return;
    for (const [label, viewport] of WIDTHS) {
      await page.setViewportSize(viewport);
      found.set(`${category} at ${label}`, { where, violations: await runAxe(page) });
    }
    await page.setViewportSize(DESKTOP);
  };

  // first question and its error state
  {
    const s = await openWizard(browser, server, PAGES.council, { at: '2026-11-26T11:00:00Z' });
    try {
      await check(s.page, 'first question', 'council page, first screen');
      await showErrorState(s.page);
      await check(s.page, 'error state', 'first question, Continue with no answer');
    } finally { await s.close(); }
  }
  // walk cases until every question type, level and the record have been seen
  const walked = [];
  for (const c of casesToWalk(categories.slice(1))) {
    if (done()) break;
    walked.push(c.name);
    const page = c.facts.audience === 'professional' ? PAGES.intranet : PAGES.council;
    const s = await openWizard(browser, server, page, { at: c.at });
    try {
      await walk(s.page, c.facts, {
        onScreen: async (screen, q) => {
          if (screen.kind === 'question') return check(s.page, `${q.type} question`, `"${screen.text}" in ${c.name}`);
          const o = await outcomeDetails(s.page);
          for (const l of o.levels.filter((x) => LEVELS.includes(x))) await check(s.page, `${l} outcome`, c.name);
          if (!o.levels.some((x) => LEVELS.includes(x))) await check(s.page, NO_LEVEL, c.name);
          if (!found.has('decision record at 320px') && c.facts.audience === 'professional') {
            if (await openDecisionRecord(s.page)) await check(s.page, 'decision record', `record after ${c.name}`);
          }
        },
      });
    } finally { await s.close(); }
  }
  t.diagnostic(`walked ${walked.length} case(s): ${walked.join('; ')}`);
  for (const category of categories) {
    for (const [label] of WIDTHS) {
      await t.test(`${category} at ${label}`, () => {
        const f = found.get(`${category} at ${label}`);
        assert.ok(f, `no walkable scenario in tests/cases/routes.json reached a ${category}`);
        assert.equal(f.violations.length, 0, `${f.where}:\n${formatViolations(f.violations)}`);
      });
    }
  }
});

test('the demo pages themselves (council, intranet) have no axe violations around the widget', { timeout: 30000 }, async () => {
  const problems = [];
  for (const file of [PAGES.council, PAGES.intranet]) {
    const s = await openWizard(browser, server, file, { at: '2026-11-26T11:00:00Z' });
    try {
      const v = await runAxe(s.page, null);
      if (v.length) problems.push(`${file}:\n${formatViolations(v)}`);
    } finally { await s.close(); }
  }
  assert.deepEqual(problems, []);
});
