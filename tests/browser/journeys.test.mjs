// Journeys a frightened person can finish (issue 15): Exit this page stays in reach over the whole
// wizard without covering text or a focused control; the number to call is the first thing under
// the outcome heading, on one line, with 44 px targets; headings, wording and print. The table
// of what a person sees first on an outcome is measured here and must equal docs/web.md's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launch, startDemo, openSession, openWizard, walk, currentScreen, norm, ui, ROOT, DIST, PAGES, dialDigits, service, wording, afterTwoFrames, nextScreen } from './harness.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await startDemo(); });
after(async () => { await browser?.close(); await server?.close(); });

const VIEWS = {
  '320×640': { viewport: { width: 320, height: 640 } },
  '390×844': { viewport: { width: 390, height: 844 } },
  '1280×900': { viewport: { width: 1280, height: 900 } },
  // 640 CSS px at device scale 2: a 1280 px window zoomed to 200% (as a11y-layout.test.mjs).
  '200% zoom': { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 },
};
const OOH_EVENING = '2026-11-26T18:00:00Z'; // Thursday 6pm: the Out of Hours line
const CHRISTMAS_EVE = '2026-12-24T17:00:00Z'; // Out of Hours open without a break until Tuesday 9am

/** In the page: the wizard's geometry, text boxes and the bar's background. */
function measure() {
  const host = document.querySelector('frontdoor-wizard');
  const root = host.shadowRoot;
  const box = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; };
  const exit = root.getElementById('fd-exit');
  const bar = root.querySelector('.fd-exit-bar');
  const wizard = root.querySelector('.fd');
  const texts = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim()) continue;
    const el = n.parentElement;
    if (!el || el.closest('.fd-visually-hidden') || bar.contains(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (!r.width || !r.height) continue;
      // Where the line meets the Exit button: what is drawn there (the bar, hiding the line as the
      // top of the screen would, or the line itself, covered by the button).
      const e = exit.getBoundingClientRect();
      const meet = { left: Math.max(r.left, e.left), right: Math.min(r.right, e.right), top: Math.max(r.top, e.top), bottom: Math.min(r.bottom, e.bottom) };
      let underBar = null;
      if (meet.left < meet.right && meet.top < meet.bottom) {
        const top = root.elementFromPoint((meet.left + meet.right) / 2, (meet.top + meet.bottom) / 2);
        underBar = !!top && bar.contains(top);
      }
      texts.push({ text: n.textContent.trim().slice(0, 40), left: r.left, top: r.top, right: r.right, bottom: r.bottom, underBar });
    }
  }
  const active = root.activeElement;
  return {
    exit: box(exit), bar: box(bar), wizard: box(wizard), texts,
    barBackground: getComputedStyle(bar).backgroundColor,
    focused: active && active !== root.getElementById('fd-question') && active !== root.getElementById('fd-outcome')
      ? { ...box(active), tag: active.tagName, text: (active.textContent || active.value || '').trim().slice(0, 40) } : null,
    vw: innerWidth, vh: innerHeight, scrollY, scrollMax: document.documentElement.scrollHeight - innerHeight,
  };
}

const overlaps = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

/** Scrolls the page from top to bottom; at each position the Exit button is on screen (while the
 *  wizard is) and no text shows under it: a line under the bar is hidden by it, as by the top
 *  of the screen. Then Tab through every control: none is focused under the bar. */
async function checkExitReach(page, where) {
  const first = await page.evaluate(measure);
  const step = Math.max(40, Math.round(first.vh / 3));
  let positions = 0;
  for (let y = 0; y <= first.scrollMax + step; y += step) {
    await page.evaluate((to) => window.scrollTo(0, to), Math.min(y, first.scrollMax));
    const m = await page.evaluate(measure);
    const wizardOnScreen = m.wizard.bottom > m.bar.bottom - m.bar.top && m.wizard.top < m.vh;
    if (!wizardOnScreen) continue;
    positions += 1;
    assert.ok(m.exit.top >= -0.5 && m.exit.bottom <= m.vh + 0.5 && m.exit.left >= -0.5 && m.exit.right <= m.vw + 0.5,
      `${where}, scrolled to ${m.scrollY}: Exit this page is on screen (${JSON.stringify(m.exit)}, viewport ${m.vw}×${m.vh})`);
    assert.notEqual(m.barBackground, 'rgba(0, 0, 0, 0)', 'the bar has a background: what scrolls under it is hidden');
    for (const r of m.texts) {
      if (!overlaps(r, m.exit)) continue;
      assert.ok(r.underBar, `${where}, scrolled to ${m.scrollY}: Exit this page covers the text "${r.text}" (${JSON.stringify(r)})`);
    }
    if (m.wizard.top >= 0) {
      // Not yet stuck: the bar is a row of its own, with no text beside it.
      assert.deepEqual(m.texts.filter((r) => overlaps(r, m.bar)).map((r) => r.text), [], `${where}: no text beside Exit this page`);
    }
  }
  assert.ok(positions >= 3, `${where}: the page was scrolled through (${positions} positions)`);
  // Focus: Tab from the top; every control focused is below the bar, and on screen.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('button#fd-exit').focus();
  const seen = new Set();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const m = await page.evaluate(measure);
    if (!m.focused) break; // focus left the wizard
    const key = `${m.focused.tag}:${m.focused.text}:${Math.round(m.focused.top + m.scrollY)}`;
    if (seen.has(key)) break;
    seen.add(key);
    assert.ok(!overlaps(m.focused, m.bar), `${where}: the focused ${m.focused.tag} "${m.focused.text}" is not under Exit this page (${JSON.stringify({ focused: m.focused, bar: m.bar })})`);
    assert.ok(m.focused.top >= -0.5 && m.focused.top < m.vh, `${where}: the focused ${m.focused.tag} "${m.focused.text}" is on screen`);
  }
  assert.ok(seen.size >= 2, `${where}: Tab reached the controls (${seen.size})`);
}

/** Answers through the element by clicking (the keyboard walk is scenarios.test.mjs's job). */
async function answer(page, label) {
  const prev = norm(await page.locator('#fd-question').textContent());
  await page.locator('frontdoor-wizard').getByLabel(label, { exact: true }).check();
  await page.locator('frontdoor-wizard').getByRole('button', { name: wording(ui().button_continue) }).click();
  await page.waitForFunction((p) => {
    const root = document.querySelector('frontdoor-wizard').shadowRoot;
    const h = root.getElementById('fd-question') || root.getElementById('fd-outcome');
    return h && h.textContent.replace(/\s+/g, ' ').trim() !== p;
  }, prev);
}

for (const name of ['320×640', '390×844', '200% zoom']) {
  test(`at ${name} Exit this page stays on screen over a long question and an outcome, covering no text and no focused control`, { timeout: 120000 }, async () => {
    const s = await openWizard(browser, server, PAGES.council, { at: OOH_EVENING, ...VIEWS[name] });
    try {
      // The concern question's list of other help: the longest list of options.
      await walk(s.page, { audience: 'parent', immediate_danger: false, concern_group: 'other_help', concern: '__stop__' }).catch((e) => {
        if (e.unansweredFact || /no radio/.test(e.message)) return; throw e;
      });
      const screen = await currentScreen(s.page);
      assert.equal(screen.kind, 'question');
      assert.ok(await s.page.locator('frontdoor-wizard input[type=radio]').count() >= 10, 'a long question is on screen');
      await checkExitReach(s.page, `${name}, the concern question`);
      await s.page.evaluate(() => window.scrollTo(0, 0));
      await s.page.locator('#fd-question').focus();
      const { outcome } = await walk(s.page, { audience: 'parent', immediate_danger: false, concern: 'family_support' });
      assert.equal(outcome.kind, 'outcome');
      await checkExitReach(s.page, `${name}, the outcome`);
      assert.deepEqual(s.log.consoleErrors, []);
    } finally { await s.close(); }
  });
}

/** In the page: tel: links and numbers on the outcome. */
function telFacts() {
  const root = document.querySelector('frontdoor-wizard').shadowRoot;
  const visible = (el) => el.getClientRects().length > 0;
  const rect = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height }; };
  const lines = (el) => { const range = document.createRange(); range.selectNodeContents(el); return [...range.getClientRects()].filter((r) => r.width > 0).length; };
  const callNow = root.querySelector('#fd-call-now a[href^="tel:"]');
  return {
    callNow: callNow ? { href: callNow.getAttribute('href'), text: callNow.textContent.trim(), rect: rect(callNow), lines: lines(callNow.querySelector('.fd-number') || callNow) } : null,
    callNowAfterHeading: !!callNow && root.getElementById('fd-outcome').nextElementSibling === root.getElementById('fd-call-now'),
    links: [...root.querySelectorAll('a[href^="tel:"]')].filter(visible).map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim(), ...rect(a) })),
    numbers: [...root.querySelectorAll('.fd-number, .fd-danger__tel')].filter(visible).map((n) => ({ text: n.textContent, lines: lines(n), right: rect(n).right })),
    vw: innerWidth, vh: innerHeight,
  };
}

for (const [name, facts, at] of [
  ['a parent, Out of Hours', { audience: 'parent', immediate_danger: false, concern: 'harm' }, OOH_EVENING],
  ['a parent in danger', { audience: 'parent', immediate_danger: true }, OOH_EVENING],
  ['a young person', { audience: 'young_person', immediate_danger: false, concern: 'harm' }, '2026-11-26T11:00:00Z'],
]) {
  for (const view of ['320×640', '200% zoom']) {
    test(`${name} at ${view}: the number to call is under the heading, in the first screenful, on one line; every tel: link is 44×44`, { timeout: 60000 }, async () => {
      const s = await openWizard(browser, server, PAGES.council, { at, ...VIEWS[view] });
      try {
        await walk(s.page, facts);
        const f = await s.page.evaluate(telFacts);
        const first = await s.page.locator('frontdoor-wizard [data-service]').first().getAttribute('data-service');
        assert.ok(f.callNow, 'a call-now line with a tel: link');
        assert.ok(f.callNowAfterHeading, 'the call-now line is directly under the outcome heading');
        const numbers = service(first).phones.map((p) => dialDigits(p.number));
        assert.ok(numbers.includes(dialDigits(f.callNow.href)), `the call-now number (${f.callNow.href}) is ${first}'s`);
        const r = f.callNow.rect;
        assert.ok(r.top >= 0 && r.bottom <= f.vh && r.left >= 0 && r.right <= f.vw, `the number is inside the first viewport (${JSON.stringify(r)} in ${f.vw}×${f.vh})`);
        assert.equal(f.callNow.lines, 1, `the number "${f.callNow.text}" is on one line`);
        for (const n of f.numbers) {
          assert.equal(n.lines, 1, `the number "${n.text}" is on one line`);
          assert.ok(n.right <= f.vw + 0.5, `the number "${n.text}" fits the width (${n.right} ≤ ${f.vw})`);
        }
        assert.ok(f.links.some((l) => l.href === 'tel:999'), 'the 999 line is a tel: link');
        for (const l of f.links) assert.ok(l.width >= 44 && l.height >= 44, `the tel: link "${l.text}" is at least 44×44 (${l.width.toFixed(1)}×${l.height.toFixed(1)})`);
      } finally { await s.close(); }
    });
  }
}

/** A copy of the council demo page with attributes added to the element, on the server's origin. */
async function councilWith(s, attributes) {
  const html = readFileSync(path.join(DIST, 'demo', PAGES.council), 'utf8').replace('<frontdoor-wizard ', `<frontdoor-wizard ${attributes} `);
  assert.ok(html.includes(attributes), 'the attribute is in the page');
  const url = `${server.url}council-variant.html`;
  await s.page.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html,
    headers: { 'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" } }));
  await s.page.goto(url);
}

/**
 * In the page: the heading tags inside the wizard, in order, with their ids; not those of screens
 * parked for other answers (parking.js), which keep a box until a later task removes them.
 */
const headings = () => [...document.querySelector('frontdoor-wizard').shadowRoot.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter((h) => !h.closest('.fd-parked') && h.getClientRects().length).map((h) => `${h.tagName.toLowerCase()}${h.id ? `#${h.id}` : ''}`);

test('heading-level="2": the question and outcome headings are h2 and the others shift under them', { timeout: 60000 }, async () => {
  const s = await openSession(browser, { origin: server.origin, at: OOH_EVENING, viewport: VIEWS['1280×900'].viewport });
  try {
    await councilWith(s, 'heading-level="2"');
    await s.page.locator('frontdoor-wizard h2#fd-question').waitFor();
    assert.deepEqual(await s.page.evaluate(headings), ['h2#fd-question']);
    await answer(s.page, wording(readJson('questions.json').questions.find((q) => q.fact === 'audience').options.find((o) => o.value === 'professional').label));
    await answer(s.page, 'No');
    const group = readJson('questions.json').questions.find((q) => q.fact === 'concern_group');
    await answer(s.page, wording(group.options.find((o) => o.value === 'harm_or_risk').label, 'professional'));
    const concern = readJson('questions.json').questions.find((q) => q.fact === 'concern');
    await answer(s.page, wording(concern.options.find((o) => o.value === 'harm').label, 'professional'));
    await s.page.locator('frontdoor-wizard h2#fd-outcome').waitFor();
    // The answers and the record are drawn when they come near the viewport: until then their
    // headings have no box.
    await afterTwoFrames(s.page);
    const tags = await s.page.evaluate(headings);
    assert.equal(tags[0], 'h2#fd-outcome', `the outcome heading is an h2 (${tags})`);
    assert.ok(!tags.some((t) => t.startsWith('h1')), `no h1 in the wizard (${tags})`);
    assert.ok(tags.includes('h3#fd-record-heading') && tags.includes('h4'), `the sections are h3, inside cards h4 (${tags})`);
    assert.deepEqual(s.log.consoleErrors, []);
  } finally { await s.close(); }
});

test('a bad heading-level logs one console error naming it, and h1 is used', { timeout: 30000 }, async () => {
  const s = await openSession(browser, { origin: server.origin, at: OOH_EVENING });
  try {
    await councilWith(s, 'heading-level="9"');
    await s.page.locator('frontdoor-wizard h1#fd-question').waitFor();
    assert.equal(s.log.consoleErrors.filter((e) => /heading-level="9"/.test(e)).length, 1, `one error naming heading-level="9": ${s.log.consoleErrors}`);
  } finally { await s.close(); }
});

function readJson(file) { return JSON.parse(readFileSync(path.join(ROOT, 'data', file), 'utf8')); }

test('a line answered day and night says so; the 07796 backup number is a tap-to-call link', { timeout: 60000 }, async () => {
  const s = await openWizard(browser, server, PAGES.council, { at: CHRISTMAS_EVE });
  try {
    await walk(s.page, { audience: 'parent', immediate_danger: false, concern: 'harm' });
    const card = s.page.locator('frontdoor-wizard [data-service="out-of-hours"]').first();
    assert.equal(norm(await card.locator('.fd-status').textContent()), ui().open_day_and_night,
      'Out of Hours, open without a break until Tuesday 9am, is answered day and night');
    const backup = service('out-of-hours').phones.find((p) => p.number.startsWith('07796'));
    const link = card.locator(`a[href="tel:${dialDigits(backup.number)}"]`);
    assert.equal(await link.count(), 1, 'the backup number in the note is a tel: link');
    assert.equal(norm(await link.textContent()), backup.number);
  } finally { await s.close(); }
  // An ordinary evening: until midnight, not "day and night".
  const t = await openWizard(browser, server, PAGES.council, { at: OOH_EVENING });
  try {
    await walk(t.page, { audience: 'parent', immediate_danger: false, concern: 'harm' });
    const status = norm(await t.page.locator('frontdoor-wizard [data-service="out-of-hours"] .fd-status').first().textContent());
    assert.notEqual(status, ui().open_day_and_night);
    assert.match(status, /9am tomorrow/, 'the Standby Service takes over at midnight: open until 9am, 15 hours on');
  } finally { await t.close(); }
});

test('Start again is not shown before an answer, and is after one', { timeout: 30000 }, async () => {
  const s = await openWizard(browser, server, PAGES.council, { at: OOH_EVENING });
  try {
    const again = s.page.locator('frontdoor-wizard').getByRole('button', { name: ui().button_start_again });
    assert.equal(await again.count(), 0, 'no Start again on the first question');
    const first = norm(await s.page.locator('frontdoor-wizard #fd-question').textContent());
    await answer(s.page, wording(readJson('questions.json').questions.find((q) => q.fact === 'audience').options.find((o) => o.value === 'parent').label));
    assert.equal(await again.count(), 1, 'Start again after the first answer');
    // The question heading is kept from screen to screen: wait for the first question's words.
    const second = norm(await s.page.locator('frontdoor-wizard #fd-question').textContent());
    await again.click();
    assert.equal((await nextScreen(s.page, second)).text, first, 'Start again goes back to the first question');
    assert.equal(await again.count(), 0, 'no Start again when back at the first question');
  } finally { await s.close(); }
});

test('printing an outcome keeps the 999 line, not Exit this page', { timeout: 30000 }, async () => {
  const s = await openWizard(browser, server, PAGES.council, { at: OOH_EVENING });
  try {
    await walk(s.page, { audience: 'parent', immediate_danger: false, concern: 'harm' });
    await s.page.emulateMedia({ media: 'print' });
    const danger = s.page.locator('frontdoor-wizard .fd-danger');
    assert.ok(await danger.isVisible(), 'the 999 line prints');
    assert.ok(await danger.locator('a[href="tel:999"]').isVisible(), 'with its number');
    assert.equal(await s.page.locator('frontdoor-wizard #fd-exit').isVisible(), false, 'Exit this page does not print');
  } finally { await s.close(); }
});

// ---- what a person sees first on the outcome (the table in docs/web.md) --------------------

const JOURNEYS = [
  ['parent in danger', '320×640', { audience: 'parent', immediate_danger: true }, OOH_EVENING],
  ['parent, harm, evening', '320×640', { audience: 'parent', immediate_danger: false, concern: 'harm' }, OOH_EVENING],
  ['young person, harm, weekday', '390×844', { audience: 'young_person', immediate_danger: false, concern: 'harm' }, '2026-11-26T11:00:00Z'],
  ['professional, harm, weekday', '1280×900', { audience: 'professional', immediate_danger: false, concern: 'harm' }, '2026-11-26T11:00:00Z'],
  ['parent, harm, Christmas Eve', '200% zoom', { audience: 'parent', immediate_danger: false, concern: 'harm' }, CHRISTMAS_EVE],
];

/** In the page: which of heading, number and open status are wholly inside the first screenful. */
function firstScreenful() {
  const root = document.querySelector('frontdoor-wizard').shadowRoot;
  const inView = (el) => { if (!el) return false; const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && r.height > 0; };
  const heading = root.getElementById('fd-outcome');
  const number = root.querySelector('#fd-call-now a[href^="tel:"]');
  const status = root.getElementById('fd-call-now-status');
  const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : '—');
  const part = (el, what) => `${inView(el) ? '' : '(below the fold) '}${what}`;
  return [
    part(heading, `“${text(heading)}”`),
    part(number, `${text(root.getElementById('fd-call-now'))}`),
    part(status, `“${text(status)}”`),
  ].join('; ');
}

test('docs/web.md: the table of what each journey sees first on the outcome is as measured', { timeout: 120000 }, async () => {
  const rows = [];
  for (const [journey, view, facts, at] of JOURNEYS) {
    const s = await openWizard(browser, server, PAGES.council, { at, ...VIEWS[view] });
    try {
      await walk(s.page, facts);
      rows.push(`| ${journey} | ${view} | ${await s.page.evaluate(firstScreenful)} |`);
    } finally { await s.close(); }
  }
  const doc = readFileSync(path.join(ROOT, 'docs', 'web.md'), 'utf8');
  const table = doc.split('<!-- journeys:begin -->')[1]?.split('<!-- journeys:end -->')[0] ?? '';
  const documented = table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| journey') && !l.startsWith('| ---'));
  assert.deepEqual(documented, rows, `docs/web.md's journey table (between <!-- journeys:begin --> and <!-- journeys:end -->) should read:\n${rows.join('\n')}`);
  for (const row of rows) assert.ok(!row.includes('below the fold'), `heading, number and open status are in the first screenful: ${row}`);
});

test('heading-level changed on the page redraws the screen on show with the new level', { timeout: 30000 }, async () => {
  const s = await openWizard(browser, server, PAGES.council, { at: OOH_EVENING });
  try {
    assert.deepEqual(await s.page.evaluate(headings), ['h1#fd-question']);
    await s.page.evaluate(() => document.querySelector('frontdoor-wizard').setAttribute('heading-level', '3'));
    assert.deepEqual(await s.page.evaluate(headings), ['h3#fd-question']);
    assert.equal(await s.page.locator('frontdoor-wizard input[name=answer]').count() > 0, true, 'the answers are still there');
  } finally { await s.close(); }
});
