// Shared helpers for the browser tests: one headless Chromium per test file, the demo server
// from web/serve.mjs, collectors (console errors, CSP violations, requests to other origins),
// axe, and a keyboard-only driver for <frontdoor-wizard> that uses only the stable hooks of
// docs/web.md (h1#fd-question, radios named "answer", Continue, h1#fd-outcome, [data-service],
// [data-level], button#fd-exit, #frontdoor-directory) and the wording in data/.

import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = process.env.FRONTDOOR_DIST ? path.resolve(process.env.FRONTDOOR_DIST) : path.join(ROOT, 'dist');
// FRONTDOOR_DIST / FRONTDOOR_DATA / FRONTDOOR_CASES point the suite at another build (e.g. a scratch one).
const DATA = process.env.FRONTDOOR_DATA ? path.resolve(process.env.FRONTDOOR_DATA) : path.join(ROOT, 'data');

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // No name resolves except the local test server: nothing can reach the network even if a
  // test forgets to stub it (cheaper than routing every request through Node).
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'];

export const DESKTOP = { width: 1280, height: 900 };
export const NARROW = { width: 320, height: 640 };

// ---------------------------------------------------------------- data (read, never copied)

const cache = new Map();
export function readJson(file) {
  if (!cache.has(file)) cache.set(file, JSON.parse(readFileSync(file, 'utf8')));
  return cache.get(file);
}
export const directory = () => readJson(path.join(DATA, 'directory.json'));
export const questions = () => readJson(path.join(DATA, 'questions.json')).questions;
export const ui = () => readJson(path.join(DATA, 'ui.json'));
export const rules = () => readJson(path.join(DATA, 'rules.json'));
export const routeCases = () => readJson(process.env.FRONTDOOR_CASES ? path.resolve(process.env.FRONTDOOR_CASES) : path.join(ROOT, 'tests/cases/routes.json')).cases;

/** Wording may be a string or {default, <audience>...}; returns the text for the audience. */
export function wording(w, audience) {
  if (w == null || typeof w === 'string') return w;
  return (audience && w[audience] != null) ? w[audience] : w.default;
}
/** Every variant of a wording value (all audiences). */
export function variants(w) {
  if (w == null) return [];
  return typeof w === 'string' ? [w] : Object.values(w).filter((v) => typeof v === 'string');
}
export const norm = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();

/** A regular expression for a ui.json template: `{name}` placeholders match anything. */
export function templateRegExp(template) {
  const parts = String(template).split(/\{[a-z_][a-z0-9_]*\}/i)
    .map((p) => norm(p).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  return new RegExp(parts.join('.+?'), 'i');
}

/** ui.json entries whose key matches `keyPattern` (all audience variants). */
export function uiStrings(keyPattern) {
  const out = [];
  for (const [key, value] of Object.entries(ui())) {
    if (key.startsWith('$')) continue;
    if (keyPattern.test(key)) for (const v of variants(value)) out.push({ key, text: v });
  }
  return out;
}

export function service(id) {
  const s = directory().services.find((x) => x.id === id);
  if (!s) throw new Error(`service "${id}" is not in data/directory.json`);
  return s;
}
/** Digits of a phone number as dialled from the UK ("+44 300…" → "0300…"). */
export function dialDigits(phoneOrHref) {
  let d = String(phoneOrHref).replace(/^tel:/, '').split(/[;,p]/)[0].replace(/[^\d+]/g, '');
  if (d.startsWith('+44')) d = '0' + d.slice(3);
  return d.replace(/\D/g, '');
}

// ---------------------------------------------------------------- browser, server, pages

export function requireDist(...parts) {
  const p = path.join(DIST, ...parts);
  if (!existsSync(p)) throw new Error(`${p} is missing: run \`make web\` first`);
  return p;
}

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/**
 * Response headers a test asks the server for, per browser context: openSession sends them as
 * JSON in this request header (`serverHeaders`, and a `Date` at the page's clock when `at` is
 * given, so the element's clock check (docs/web.md, "The clock") sees the two agree).
 */
export const TEST_HEADERS = 'x-frontdoor-test-headers';
function echoTestHeaders(req) {
  try {
    return req.headers[TEST_HEADERS] ? JSON.parse(req.headers[TEST_HEADERS]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The project's own static server (web/serve.mjs) on a free port, serving dist/<dir>;
 * `onSent({path, status, bytes})` hears of every response sent.
 */
export async function startDemo(dir = 'demo', { onSent } = {}) {
  const root = requireDist(dir);
  const serveModule = path.join(ROOT, 'web/serve.mjs');
  if (!existsSync(serveModule)) throw new Error('web/serve.mjs is missing');
  const { startServer } = await import(pathToFileURL(serveModule).href);
  const server = await startServer(root, 0, { onSent, headersFor: echoTestHeaders });
  const url = String(server.url).replace(/\/?$/, '/');
  return { url, origin: new URL(url).origin, close: () => server.close() };
}

/**
 * A fresh context + page with collectors. Options:
 *  at: ISO instant for the clock; clock: 'fixed' (Date fixed, timers real; default when `at`)
 *      or 'install' (fake timers, driven with page.clock.runFor)
 *  serverHeaders: response headers the demo server adds (TEST_HEADERS); `Date` defaults to `at`
 *  origin: the only origin allowed to receive requests (others are recorded; they cannot resolve)
 *  viewport, deviceScaleFactor, javaScriptEnabled, reducedMotion
 */
export async function openSession(browser, opts = {}) {
  const context = await browser.newContext({
    viewport: opts.viewport ?? DESKTOP,
    deviceScaleFactor: opts.deviceScaleFactor ?? 1,
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    reducedMotion: opts.reducedMotion ?? 'no-preference',
    serviceWorkers: 'allow',
  });
  const log = { consoleErrors: [], cspViolations: [], foreignRequests: [], pageErrors: [], navigations: [] };
  const allowed = (url) => url.startsWith('data:') || url.startsWith('blob:')
    || (opts.origin ? url.startsWith(opts.origin + '/') || url === opts.origin : url.startsWith('file:'));
  // Requests to other origins are recorded (and fail: see --host-resolver-rules).
  context.on('request', (req) => { if (!allowed(req.url())) log.foreignRequests.push(req.url()); });
  await context.exposeBinding('__fdCspViolation', (_source, v) => { log.cspViolations.push(v); });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__fdCspViolation?.({ directive: e.violatedDirective, blocked: e.blockedURI,
        source: e.sourceFile, line: e.lineNumber, sample: e.sample });
    }, true);
  });
  // Before the clock: an installed clock runs from here (prepared.test.mjs pauses it 1 s on).
  const served = { ...(opts.at ? { Date: new Date(opts.at).toUTCString() } : {}), ...opts.serverHeaders };
  if (Object.keys(served).length) await context.setExtraHTTPHeaders({ [TEST_HEADERS]: JSON.stringify(served) });
  if (opts.at) {
    const t = new Date(opts.at);
    if (Number.isNaN(t.getTime())) throw new Error(`bad instant ${opts.at}`);
    if (opts.clock === 'install') await context.clock.install({ time: t });
    else await context.clock.setFixedTime(t);
  } else if (opts.clock === 'install') {
    await context.clock.install();
  }
  const page = await context.newPage();
  page.on('console', (m) => {
    const text = m.text();
    if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply|compile|evaluate|connect|frame)/i.test(text)) {
      log.cspViolations.push({ console: text });
    }
    if (m.type() === 'error') log.consoleErrors.push(text + (m.location()?.url ? ` (${m.location().url})` : ''));
  });
  page.on('pageerror', (e) => log.pageErrors.push(String(e?.stack || e)));
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) log.navigations.push(f.url()); });
  return { context, page, log, close: () => context.close() };
}

// ---------------------------------------------------------------- axe

let axeSource;
export async function runAxe(page, include = 'frontdoor-wizard') {
  axeSource ??= readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  return page.evaluate(async (inc) => {
    const root = inc ? { include: [inc] } : document;
    const r = await window.axe.run(root, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, summary: n.failureSummary })) }));
  }, include);
}
export function formatViolations(list) {
  return list.map((v) => `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) =>
    `    at ${JSON.stringify(n.target)}: ${String(n.summary).replace(/\s+/g, ' ')}`).join('\n')).join('\n');
}

// ---------------------------------------------------------------- wizard driver

/** Description of the deepest focused element (through open shadow roots). */
export async function focused(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    if (!a || a === document.body) return { tag: 'BODY' };
    const label = a.labels && a.labels[0] ? a.labels[0].textContent : null;
    return { tag: a.tagName, id: a.id, type: a.getAttribute('type') ?? a.type ?? null, name: a.getAttribute('name'),
      value: 'value' in a ? a.value : null, checked: a.checked ?? null, href: a.getAttribute('href'),
      text: (a.textContent || '').replace(/\s+/g, ' ').trim(), label: label && label.replace(/\s+/g, ' ').trim(),
      ariaLabel: a.getAttribute('aria-label'), role: a.getAttribute('role') };
  });
}

/**
 * Resolves after the page has drawn two more frames: the wizard's parts with
 * `content-visibility: auto` are styled and laid out only in a frame after they come near the
 * viewport, so until then they have no box (nor headings, nor pixels).
 */
export const afterTwoFrames = (page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

export const questionHeading = (page) => page.locator('h1#fd-question');
export const outcomeHeading = (page) => page.locator('h1#fd-outcome');

/** Waits until a question or an outcome is on screen; returns {kind, text}. */
export async function currentScreen(page, timeout = 15000) {
  const h = page.locator('h1#fd-question:visible, h1#fd-outcome:visible').first();
  await h.waitFor({ state: 'visible', timeout });
  const id = await h.getAttribute('id');
  return { kind: id === 'fd-outcome' ? 'outcome' : 'question', text: norm(await h.textContent()) };
}

/** The question of data/questions.json whose wording (any audience) is the heading text. */
export function questionByText(text) {
  const t = norm(text).toLowerCase();
  let best = null;
  for (const q of questions()) {
    for (const v of variants(q.text)) {
      const n = norm(v).toLowerCase();
      if (n === t) return q;
      if (n && t.includes(n) && (!best || n.length > best.len)) best = { q, len: n.length };
    }
  }
  return best?.q ?? null;
}

/** Continue = the submit button, or a button whose text is ui.json's "continue" wording. */
function continueLabels() {
  const labels = uiStrings(/^(continue|next|button[._-]?continue|continue[._-]?button)$/i).map((s) => norm(s.text).toLowerCase());
  return labels.length ? labels : ['continue'];
}
export function isContinue(f) {
  if (f.tag !== 'BUTTON' && f.role !== 'button' && !(f.tag === 'INPUT' && f.type === 'submit')) return false;
  const text = norm(f.text || f.value || f.ariaLabel).toLowerCase();
  return continueLabels().some((l) => text === l || text.startsWith(l));
}

/** Presses Tab (Shift+Tab when `back`) until `want(focused)` holds; returns the focused info. */
export async function tabTo(page, want, what, { max = 60, back = false } = {}) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (want(f)) return f;
    seen.push(f.tag + (f.id ? '#' + f.id : '') + (f.name ? `[name=${f.name}]` : '') + (f.text ? ` "${f.text.slice(0, 30)}"` : ''));
  }
  throw new Error(`keyboard: could not Tab to ${what}; focus went through: ${seen.slice(0, 40).join(' → ')}`);
}

/** The answer controls now on screen (inside the wizard's shadow root). */
export async function screenControls(page) {
  return page.evaluate(() => {
    const host = document.querySelector('frontdoor-wizard');
    const root = host?.shadowRoot ?? document;
    const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
    const labelOf = (el) => (el.labels && el.labels[0] ? el.labels[0].textContent : el.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim();
    return {
      radios: [...root.querySelectorAll('input[type=radio][name=answer]')].filter(visible)
        .map((r) => ({ value: r.value, label: labelOf(r), checked: r.checked })),
      inputs: [...root.querySelectorAll('input:not([type=radio]):not([type=checkbox]):not([type=hidden]):not([type=submit]):not([type=button])')]
        .filter(visible).map((i) => ({ type: i.type, name: i.name, id: i.id, label: labelOf(i) })),
      selects: [...root.querySelectorAll('select')].filter(visible)
        .map((s) => ({ name: s.name, id: s.id, options: [...s.options].map((o) => ({ value: o.value, text: o.text.trim() })) })),
      checkboxes: [...root.querySelectorAll('input[type=checkbox]')].filter(visible)
        .map((c) => ({ value: c.value, name: c.name, label: labelOf(c) })),
    };
  });
}

const UNKNOWN_VALUES = ['null', '', 'unknown', 'dont-know', 'not-known', 'not_sure', 'not-sure'];
const sameValue = (a, b) => a === b || (a != null && b != null && String(a) === String(b));

/** The labels (lower case) the option for `value` may have: from questions.json, any audience
 *  variant, the audience's first; null = the question's "I don't know"/"somewhere else". */
export function optionLabels(question, value, audience) {
  const opts = (question?.options ?? []).filter((o) => (value === null ? o.value === null : sameValue(o.value, value)));
  const raw = opts.map((o) => o.label);
  if (value === null) raw.push(question?.unknown_option?.label, ui().answer_unknown);
  if (question?.type === 'yes_no' && !opts.length) raw.push(value ? 'Yes' : 'No');
  // Options the core makes itself (a town per radio for "area"): the label is the value.
  if (value !== null && !opts.length && typeof value !== 'boolean') raw.push(String(value));
  return [...new Set(raw.flatMap((l) => [wording(l, audience), ...variants(l)]).filter(Boolean).map((l) => norm(l).toLowerCase()))];
}

/** Which radio stands for `value`: by its label from questions.json (the element's radio values
 *  are its own), else by a radio value equal to the fact value. */
function pickRadio(radios, value, question, audience) {
  const labels = optionLabels(question, value, audience);
  return radios.find((r) => norm(r.label).toLowerCase() === labels[0])
    ?? radios.find((r) => labels.includes(norm(r.label).toLowerCase()))
    ?? (value === null ? radios.find((r) => UNKNOWN_VALUES.includes(r.value)) : radios.find((r) => sameValue(r.value, value)));
}

/**
 * Answers the question on screen by keyboard only: Tab into the answer, arrow keys inside a
 * radio group (the only keyboard way to move between radios of one name), Space to check,
 * typing for numbers and place names, then Tab to Continue and Enter. "I don't know" for a
 * typed answer is a button: Tab to it and Enter.
 */
export async function answerByKeyboard(page, question, value, audience) {
  const c = await screenControls(page);
  const radio = c.radios.length ? pickRadio(c.radios, value, question, audience) : null;
  if (c.radios.length && !radio) {
    throw new Error(`no radio for ${JSON.stringify(value)} on "${question?.id}" (labels wanted: ${optionLabels(question, value, audience).join(' / ')}; radios: ${c.radios.map((r) => r.label).join(' / ')})`);
  }
  if (radio) {
    const f = await tabTo(page, (x) => x.tag === 'INPUT' && x.type === 'radio' && x.name === 'answer', 'the first answer radio');
    // Arrow keys move through the group in order (and wrap): press as often as needed.
    const from = c.radios.findIndex((r) => r.value === f.value);
    const to = c.radios.indexOf(radio);
    const n = (to - from + c.radios.length) % c.radios.length;
    for (let i = 0; i < n; i++) await page.keyboard.press('ArrowDown');
    const cur = n ? await focused(page) : f;
    if (cur.value !== radio.value) throw new Error(`keyboard: ${n} × ArrowDown from "${c.radios[from]?.label}" did not reach the radio "${radio.label}" (focus on ${cur.label ?? cur.tag})`);
    await page.keyboard.press('Space');
    if (!(await focused(page)).checked) throw new Error(`keyboard: Space did not check the radio "${radio.label}"`);
  } else if (value === null) {
    const labels = optionLabels(question, null, audience);
    await tabTo(page, (x) => (x.tag === 'BUTTON' || x.role === 'button') && labels.includes(norm(x.text).toLowerCase()),
      `the "${labels[0]}" button`);
    await page.keyboard.press('Enter');
    return;
  } else if (c.inputs.length) {
    await tabTo(page, (x) => x.tag === 'INPUT' && !['radio', 'checkbox', 'submit', 'button'].includes(x.type), 'the answer box');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(String(value));
  } else if (c.selects.length) {
    const sel = c.selects[0];
    const target = sel.options.find((o) => o.value.toLowerCase() === String(value).toLowerCase() || o.text.toLowerCase() === String(value).toLowerCase());
    if (!target) throw new Error(`no option for ${JSON.stringify(value)} in the list (${sel.options.map((o) => o.value).join(', ')})`);
    await tabTo(page, (x) => x.tag === 'SELECT', 'the list');
    await page.keyboard.press('Home');
    for (let i = 0; i <= sel.options.length && (await focused(page)).value !== target.value; i++) await page.keyboard.press('ArrowDown');
    if ((await focused(page)).value !== target.value) throw new Error(`keyboard: could not select "${target.value}"`);
  } else {
    throw new Error(`no control on "${question?.id ?? '?'}" for the answer ${JSON.stringify(value)}: ${JSON.stringify(c)}`);
  }
  await tabTo(page, isContinue, 'the Continue button');
  await page.keyboard.press('Enter');
}

/** Waits for the screen after `prevText` (focus lands on the new heading). */
export async function nextScreen(page, prevText, timeout = 10000) {
  await page.waitForFunction((prev) => {
    const host = document.querySelector('frontdoor-wizard');
    const root = host?.shadowRoot ?? document;
    const h = root.querySelector('h1#fd-outcome') ?? root.querySelector('h1#fd-question');
    const shown = [...root.querySelectorAll('h1#fd-outcome, h1#fd-question')]
      .find((x) => x.offsetWidth || x.offsetHeight || x.getClientRects().length);
    const alert = [...root.querySelectorAll('[role=alert]')].find((x) => (x.offsetWidth || x.offsetHeight) && x.textContent.trim());
    if (alert) return { error: alert.textContent.replace(/\s+/g, ' ').trim() };
    return !!shown && h && shown.textContent.replace(/\s+/g, ' ').trim() !== prev;
  }, prevText, { timeout, polling: 50 }).then((h) => h.jsonValue()).then((r) => {
    if (r && r.error) throw new Error(`the wizard refused the answer on "${prevText}": ${r.error}`);
  });
  return currentScreen(page);
}

/**
 * A flow-only fact a case does not give (concern_group, which picks the short list of the
 * concern question): the first group of the option the case chooses on the question grouped by
 * it. {found: false} when the case gives no such answer.
 */
export function flowFact(fact, facts) {
  for (const grouped of questions().filter((x) => x.grouped_by === fact && x.fact in facts)) {
    const o = (grouped.options ?? []).find((x) => sameValue(x.value, facts[grouped.fact]));
    if (o?.groups?.length) return { found: true, value: o.groups[0] };
  }
  return { found: false, value: undefined };
}

/**
 * Walks the wizard from its first screen to the outcome, answering from `facts` by keyboard.
 * `onScreen(screen, question)` is awaited on every screen (for axe, focus checks, screenshots).
 * Returns {screens: [{kind, text, fact}], outcome: screen}.
 */
export async function walk(page, facts, { onScreen, audience = facts.audience, maxSteps = 15 } = {}) {
  const screens = [];
  let screen = await currentScreen(page);
  for (let step = 0; step < maxSteps; step++) {
    const q = screen.kind === 'question' ? questionByText(screen.text) : null;
    if (screen.kind === 'question' && !q) throw new Error(`the question "${screen.text}" is not in data/questions.json`);
    screens.push({ ...screen, fact: q?.fact ?? null, type: q?.type ?? null });
    if (onScreen) await onScreen(screen, q);
    if (screen.kind === 'outcome') return { screens, outcome: screen };
    const given = q.fact in facts ? { found: true, value: facts[q.fact] } : flowFact(q.fact, facts);
    if (!given.found) {
      const e = new Error(`the wizard asked "${screen.text}" (fact ${q.fact}) but the case gives only ${Object.keys(facts).join(', ')}`);
      e.unansweredFact = q.fact;
      throw e;
    }
    await answerByKeyboard(page, q, given.value, audience);
    screen = await nextScreen(page, screen.text);
  }
  throw new Error(`no outcome after ${maxSteps} screens: ${screens.map((s) => s.text).join(' | ')}`);
}

/** Checks the outcome screen against a case's `expect`; returns the first card's details. */
export async function outcomeDetails(page) {
  return page.evaluate(() => {
    const host = document.querySelector('frontdoor-wizard');
    const root = host?.shadowRoot ?? document;
    // An outcome parked for another answer keeps its layout until a task later (parking.js): not shown.
    const visible = (el) => !el.closest('.fd-parked') && !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
    const cards = [...root.querySelectorAll('[data-service]')].filter(visible);
    const levels = [...root.querySelectorAll('[data-level]')].filter(visible).map((e) => e.getAttribute('data-level'));
    const shownText = (node) => {
      const copy = node.cloneNode(true);
      for (const parked of copy.querySelectorAll('.fd-parked')) parked.remove();
      return copy.textContent;
    };
    const first = cards[0];
    return {
      services: cards.map((c) => c.getAttribute('data-service')),
      levels,
      tel: first ? [...first.querySelectorAll('a[href^="tel:"]')].map((a) => ({ href: a.getAttribute('href'), text: a.textContent.replace(/\s+/g, ' ').trim() })) : [],
      firstText: first ? first.innerText : '',
      text: (root === document ? [document.body] : [...root.children]).map(shownText).join(' ').replace(/\s+/g, ' '),
    };
  });
}

/** Runs in the page: true when nothing of the page is visible any more (the exit's "blank at once"). */
export function blankCheck() {
  const hiddenEl = (el) => {
    if (!el) return true;
    const s = getComputedStyle(el);
    return s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0;
  };
  if (hiddenEl(document.documentElement) || hiddenEl(document.body)) return true;
  const text = (document.body?.innerText ?? '').trim();
  const host = document.querySelector('frontdoor-wizard');
  const shadowText = host?.shadowRoot && !hiddenEl(host) ? [...host.shadowRoot.children].map((c) => c.innerText ?? '').join('').trim() : '';
  const media = [...document.querySelectorAll('img,video,canvas,svg,iframe')].some((m) => m.getClientRects().length && !hiddenEl(m));
  return text === '' && shadowText === '' && !media;
}
export const pageIsBlank = (page) => page.evaluate(blankCheck);

/** Records, from inside the page, whether it was blank when it started to leave (beforeunload,
 *  pagehide): Playwright cannot evaluate while the navigation is held. Call before goto. */
export async function watchLeaving(session) {
  const seen = [];
  await session.page.exposeBinding('__fdLeaving', (_src, event, blank) => { seen.push({ event, blank }); });
  await session.page.addInitScript({ content: `(() => { const blank = ${blankCheck.toString()};
    for (const type of ['beforeunload', 'pagehide']) addEventListener(type, () => window.__fdLeaving(type, blank()), true); })();` });
  return seen;
}

/** Pages: council (parent-facing) and intranet (audience="professional"). */
export const PAGES = { council: 'council.html', intranet: 'intranet.html' };

/** Opens `file` of the demo with the clock at `at` and waits for the first wizard screen. */
export async function openWizard(browser, server, file, opts = {}) {
  const s = await openSession(browser, { origin: server.origin, ...opts });
  await s.page.goto(server.url + file);
  await currentScreen(s.page);
  return s;
}

/**
 * Can the widget express every fact of the case? Choice options must be offered to the case's
 * audience, a place must be a town of data/directory.json (the widget refuses other names), and
 * null needs an "I don't know" option. Returns null when it can, else the reason.
 */
export function unwalkableReason(c) {
  const towns = (directory().localities ?? []).flatMap((l) => l.towns ?? []).map((t) => norm(t).toLowerCase());
  for (const [fact, value] of Object.entries(c.facts ?? {})) {
    const q = questions().find((x) => x.fact === fact);
    if (!q) return `no question asks ${fact}`;
    const hasUnknown = !!q.unknown_option || (q.options ?? []).some((o) => o.value === null);
    if (value === null) { if (!hasUnknown) return `${fact}: null but "${q.id}" has no "don't know" option`; continue; }
    if (q.type === 'area' && !towns.includes(norm(value).toLowerCase())) return `${fact}: "${value}" is not a town the widget accepts`;
    if (q.type === 'number' && !(Number.isInteger(value) && (q.min == null || value >= q.min) && (q.max == null || value <= q.max))) return `${fact}: ${value} out of range`;
    if (q.type === 'choice' || q.type === 'yes_no') {
      const o = (q.options ?? []).find((x) => sameValue(x.value, value));
      if (!o && !(q.type === 'yes_no' && typeof value === 'boolean')) return `${fact}: no option ${JSON.stringify(value)}`;
      if (o?.audiences && c.facts.audience && !o.audiences.includes(c.facts.audience)) return `${fact}: option ${value} is not offered to ${c.facts.audience}`;
    }
  }
  return null;
}

/** Cases with an audience fact, no missing facts and every fact expressible in the widget. */
export function walkableCases() {
  return routeCases().filter((c) => c.facts && c.facts.audience != null && c.expect?.first
    && (c.expect.missing === undefined || (Array.isArray(c.expect.missing) && c.expect.missing.length === 0))
    && unwalkableReason(c) === null);
}

/**
 * A representative subset of the walkable cases: every case when there are at most `limit`,
 * else one per audience and per first service, then more until every level, open state and
 * question type is covered (up to `limit`).
 */
export function representativeCases(limit = 36) {
  const all = walkableCases();
  if (all.length <= limit) return all;
  const keys = (c) => [`a:${c.facts.audience}`, `f:${c.expect.first}`,
    `l:${c.expect.level}`, `o:${c.expect.first_open}`, `n:${Object.keys(c.facts).length}`,
    ...Object.keys(c.facts).map((f) => `q:${f}`), ...Object.entries(c.facts).filter(([, v]) => v === null).map(([f]) => `null:${f}`)];
  const covered = new Set();
  const chosen = [];
  const take = (c) => { chosen.push(c); keys(c).forEach((k) => covered.add(k)); };
  // Every case that proves a safety property (tests/cases/routes.json `safety_item`) is walked.
  for (const c of all) if (c.safety_item !== undefined) take(c);
  for (const c of all) if (!chosen.includes(c) && keys(c).slice(0, 2).some((k) => !covered.has(k))) take(c);
  for (const c of all) {
    if (chosen.length >= limit) break;
    if (!chosen.includes(c) && keys(c).some((k) => !covered.has(k))) take(c);
  }
  return chosen;
}
/** Continue with no answer: waits for the error message; returns its text. */
export async function showErrorState(page) {
  await tabTo(page, isContinue, 'the Continue button');
  await page.keyboard.press('Enter');
  const errorTexts = uiStrings(/^error/i).map((s) => templateRegExp(s.text));
  const h = await page.waitForFunction((sources) => {
    const host = document.querySelector('frontdoor-wizard');
    const root = host?.shadowRoot ?? document;
    const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
    const res = sources.map((s) => new RegExp(s, 'i'));
    const marked = [...root.querySelectorAll('[role=alert], [aria-invalid=true], .error, [id*=error], [class*=error]')].filter(visible);
    const text = marked.map((e) => e.textContent.replace(/\s+/g, ' ').trim()).join(' | ');
    if (marked.length && text) return text;
    const all = root.textContent.replace(/\s+/g, ' ');
    return res.some((r) => r.test(all)) && marked.length ? all : false;
  }, errorTexts.map((r) => r.source), { timeout: 5000 });
  return h.jsonValue();
}

/**
 * The professional's decision record on the outcome (ui.json record_heading): opened first if
 * it sits behind a <summary> or a button; returns its text, or null when there is none.
 */
export async function openDecisionRecord(page) {
  const heading = norm(wording(ui().record_heading, 'professional') ?? 'Decision record').toLowerCase();
  return page.evaluate((heading) => {
    const host = document.querySelector('frontdoor-wizard');
    const root = host?.shadowRoot ?? document;
    const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
    const n = (s) => (s || '').replace(/\s+/g, ' ').trim().toLowerCase();
    const opener = [...root.querySelectorAll('summary, button[aria-expanded="false"]')].filter(visible).find((el) => n(el.textContent).includes(heading));
    if (opener) opener.click();
    const title = [...root.querySelectorAll('h2, h3, h4, summary, [id*=record]')].filter(visible).find((el) => n(el.textContent) === heading);
    const section = title?.closest('section, details, [class*=record], [id*=record]') ?? title?.parentElement;
    return section && visible(section) ? section.innerText.replace(/\s+/g, ' ').trim() : null;
  }, heading);
}

/**
 * Opens dist/kiosk/frontdoor-kiosk.html from file:// with every other request aborted (and
 * recorded in `blocked`), clock installed at `at`; returns the session, the first screen, its
 * question from data/questions.json and a value to answer it with. The caller closes `s`.
 */
export async function openKioskOffline(browser, at) {
  const file = pathToFileURL(requireDist('kiosk', 'frontdoor-kiosk.html')).href;
  const s = await openSession(browser, { clock: 'install', at });
  const blocked = [];
  await s.context.route('**', (r) => {
    if (r.request().url().startsWith('file:')) return r.continue();
    blocked.push(r.request().url());
    return r.abort();
  });
  try {
    await s.page.goto(file);
    const first = await currentScreen(s.page);
    const q = questionByText(first.text);
    assert.ok(q, `the first screen is a question of data/questions.json ("${first.text}")`);
    const value = q.options?.[0]?.value ?? (q.type === 'yes_no' ? true : q.min ?? 1);
    return { s, blocked, first, q, value };
  } catch (e) {
    await s.close();
    throw e;
  }
}
