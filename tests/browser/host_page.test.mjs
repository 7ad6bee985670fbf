// Robust on any host page (issue 14): the element looks and behaves the same whatever the page
// around it does: a root font size of 62.5%, global resets and element selectors, a dark page, a
// right-to-left page, Windows high contrast (forced colours), a CSP that requires Trusted Types,
// two elements with different audiences, an element added after load, removed and added again.
// Its text still follows the reader's own browser font size.
//
// The host pages are made here and served from the demo server's origin (page.route) with the
// demo's CSP (web/serve.mjs), so their styles are same-origin stylesheets, never inline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launch, startDemo, openSession, currentScreen, nextScreen, questionByText, answerByKeyboard, DIST } from './harness.mjs';
import { CSP } from '../../web/serve.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await startDemo(); });
after(async () => { await browser?.close(); await server?.close(); });

const DIRECTORY = () => readFileSync(path.join(DIST, 'web', 'frontdoor-directory.html'), 'utf8');
const BUNDLE = () => JSON.parse(readFileSync(path.join(DIST, 'web', 'frontdoor-data.json'), 'utf8'));

/** Serves /host/page.html (and its /host/page.css) on the demo's origin, with `csp`. */
async function hostPage(s, { html, css = '', csp = CSP, dir = null }) {
  await s.page.route(`${server.origin}/host/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.endsWith('.css')) return route.fulfill({ status: 200, contentType: 'text/css', body: css });
    return route.fulfill({
      status: 200, contentType: 'text/html; charset=utf-8', headers: { 'Content-Security-Policy': csp },
      body: `<!doctype html><html lang="en"${dir ? ` dir="${dir}"` : ''}><head><meta charset="utf-8"><title>Host</title>
<link rel="stylesheet" href="/host/page.css"><script type="module" src="/frontdoor-wizard.js"></script></head>
<body><main><h1>A council page</h1>${html}</main></body></html>`,
    });
  });
  await s.page.goto(`${server.origin}/host/page.html`);
}

const ELEMENT = (attrs = '') => `<frontdoor-wizard src="/frontdoor-data.json"${attrs}>${DIRECTORY()}</frontdoor-wizard>`;

/** What the first screen looks like: the computed styles that make its look, per part. */
function lookOf(page, index = 0) {
  return page.evaluate((i) => {
    const root = document.querySelectorAll('frontdoor-wizard')[i].shadowRoot;
    const parts = {
      wizard: root.querySelector('.fd'), heading: root.querySelector('#fd-question'),
      label: root.querySelector('.fd-radios__label'), radio: root.querySelector('.fd-radios__input'),
      continue: root.querySelector('button[type=submit]'), exit: root.querySelector('#fd-exit'),
      danger: root.querySelector('.fd-danger'), tel: root.querySelector('.fd-danger a'),
    };
    const props = ['font-size', 'font-family', 'font-weight', 'font-style', 'line-height', 'color', 'background-color',
      'letter-spacing', 'word-spacing', 'text-transform', 'text-align', 'direction', 'margin-top', 'margin-bottom',
      'padding-top', 'padding-left', 'border-top-width', 'border-top-color', 'display', 'visibility', 'opacity'];
    const out = {};
    for (const [name, node] of Object.entries(parts)) {
      if (!node) { out[name] = null; continue; }
      const style = getComputedStyle(node);
      out[name] = Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
      // Sizes that do not depend on the width of the page around it.
      const box = node.getBoundingClientRect();
      if (name === 'continue' || name === 'exit' || name === 'label') out[name].height = Math.round(box.height);
    }
    return out;
  }, index);
}

async function firstScreenLook(opts) {
  const s = await openSession(browser, { origin: server.origin });
  try {
    if (opts.colorScheme) await s.page.emulateMedia({ colorScheme: opts.colorScheme });
    await hostPage(s, opts);
    const screen = await currentScreen(s.page);
    assert.equal(screen.kind, 'question');
    assert.deepEqual(s.log.pageErrors, []);
    assert.deepEqual(s.log.cspViolations, []);
    return await lookOf(s.page);
  } finally {
    await s.close();
  }
}

let plain;
async function plainLook() {
  plain ??= await firstScreenLook({ html: ELEMENT() });
  return plain;
}

const HOSTILE = {
  'a root font size of 62.5% (10 px rem)': { css: 'html { font-size: 62.5%; } body { font-size: 1.6rem; }' },
  'global resets and element selectors': {
    css: `* { margin: 0; padding: 0; box-sizing: content-box; font: italic 700 12px/1 "Courier New", monospace;
      color: #444; letter-spacing: .2em; word-spacing: 1em; text-transform: uppercase; text-align: center; visibility: visible; }
      h1, p, a, button, input, label, div, section { all: unset; color: magenta; }
      frontdoor-wizard { font-size: 9px; line-height: 3; color: orange; }`,
  },
  'a dark page': {
    css: 'html, body { background: #111; color: #eee; } * { color: inherit; } a { color: #9cf; }', colorScheme: 'dark',
  },
  'a right-to-left page': { css: 'body { direction: rtl; text-align: right; }', dir: 'rtl' },
};

for (const [name, page] of Object.entries(HOSTILE)) {
  test(`the same look on ${name}`, { timeout: 60000 }, async () => {
    const want = await plainLook();
    const got = await firstScreenLook({ html: ELEMENT(), ...page });
    for (const part of Object.keys(want)) assert.deepEqual(got[part], want[part], `${part} looks the same as on a plain page`);
  });
}

test('text follows the reader\'s own browser font size, not the page\'s root size', { timeout: 60000 }, async () => {
  const s = await openSession(browser, { origin: server.origin });
  try {
    // The reader has set 24 px (the browser's default is 16 px); the page sets its root to 62.5%.
    const cdp = await s.context.newCDPSession(s.page);
    await cdp.send('Page.enable');
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24, fixed: 20 } });
    await hostPage(s, { html: ELEMENT(), css: 'html { font-size: 62.5%; }' });
    await currentScreen(s.page);
    const got = await lookOf(s.page);
    const want = await plainLook();
    for (const part of ['heading', 'label', 'continue', 'danger']) {
      const ratio = parseFloat(got[part]['font-size']) / parseFloat(want[part]['font-size']);
      assert.ok(Math.abs(ratio - 1.5) < 0.01, `${part}: ${got[part]['font-size']} at 24 px is 1.5 × ${want[part]['font-size']} at 16 px`);
    }
  } finally {
    await s.close();
  }
});

test('Windows high contrast (forced colours): radios, buttons and the focus stay visible', { timeout: 60000 }, async () => {
  const s = await openSession(browser, { origin: server.origin });
  try {
    await s.page.emulateMedia({ forcedColors: 'active' });
    await hostPage(s, { html: ELEMENT() });
    await currentScreen(s.page);
    const seen = await s.page.evaluate(() => {
      const root = document.querySelector('frontdoor-wizard').shadowRoot;
      const alpha = (c) => { const m = /rgba?\(([^)]+)\)/.exec(c); const p = m ? m[1].split(',').map(Number) : []; return p.length === 4 ? p[3] : 1; };
      const ring = getComputedStyle(root.querySelector('.fd-radios__label'), '::before');
      const button = root.querySelector('button[type=submit]');
      button.focus();
      const focused = getComputedStyle(button);
      return {
        forced: matchMedia('(forced-colors: active)').matches,
        ring: { width: parseFloat(ring.borderTopWidth), alpha: alpha(ring.borderTopColor), style: ring.borderTopStyle },
        button: { width: parseFloat(getComputedStyle(button).borderTopWidth), alpha: alpha(getComputedStyle(button).borderTopColor) },
        outline: { width: parseFloat(focused.outlineWidth), style: focused.outlineStyle, alpha: alpha(focused.outlineColor) },
      };
    });
    assert.ok(seen.forced, 'forced colours are on');
    assert.ok(seen.ring.width >= 2 && seen.ring.alpha > 0 && seen.ring.style !== 'none', `the radio's ring is drawn: ${JSON.stringify(seen.ring)}`);
    assert.ok(seen.button.width >= 2 && seen.button.alpha > 0, `the button has a visible border: ${JSON.stringify(seen.button)}`);
    assert.ok(seen.outline.width >= 3 && seen.outline.style !== 'none' && seen.outline.alpha > 0, `the focus has a visible outline: ${JSON.stringify(seen.outline)}`);
  } finally {
    await s.close();
  }
});

test('a page CSP that requires Trusted Types: the wizard works, its core in a worker, nothing refused', { timeout: 60000 }, async () => {
  const s = await openSession(browser, { origin: server.origin });
  try {
    await hostPage(s, { html: ELEMENT(), csp: `${CSP}; require-trusted-types-for 'script'` });
    let screen = await currentScreen(s.page);
    const q = questionByText(screen.text);
    await answerByKeyboard(s.page, q, q.options[0].value, q.options[0].value);
    screen = await nextScreen(s.page, screen.text);
    assert.equal(screen.kind, 'question');
    assert.equal(await s.page.evaluate(() => typeof trustedTypes === 'object'), true);
    assert.equal(await workersBecome(s, 1), 1, 'the core runs in its worker (the policy vouched for its script)');
    assert.deepEqual(s.log.cspViolations, []);
    assert.deepEqual(s.log.consoleErrors, []);
    assert.deepEqual(s.log.pageErrors, []);
  } finally {
    await s.close();
  }
});

test('two elements with different audiences on one page: each its own first question, answers and worker', { timeout: 60000 }, async () => {
  const s = await openSession(browser, { origin: server.origin });
  try {
    await hostPage(s, { html: `${ELEMENT(' audience="parent"')}${ELEMENT(' audience="professional"')}` });
    const start = BUNDLE().start;
    const want = ['parent', 'professional'].map((a) => start.find((e) => e.facts.audience === a && Object.keys(e.facts).length === 1).next_question.text);
    const headings = () => s.page.evaluate(() => [...document.querySelectorAll('frontdoor-wizard')]
      .map((el) => el.shadowRoot?.querySelector('#fd-question, #fd-outcome')?.textContent.trim() ?? null));
    await s.page.waitForFunction((n) => [...document.querySelectorAll('frontdoor-wizard')]
      .filter((el) => el.shadowRoot?.querySelector('#fd-question')).length === n, 2, { timeout: 15000 });
    assert.deepEqual(await headings(), want);
    // An answer in the first leaves the second where it was.
    const first = s.page.locator('frontdoor-wizard').first();
    await first.locator('.fd-radios__label').first().click();
    await first.locator('button[type=submit]').click();
    await s.page.waitForFunction((w) => {
      const h = document.querySelector('frontdoor-wizard').shadowRoot.querySelector('#fd-question, #fd-outcome');
      return h && h.textContent.trim() !== w;
    }, want[0], { timeout: 10000 });
    const now = await headings();
    assert.notEqual(now[0], want[0]);
    assert.equal(now[1], want[1]);
    assert.equal(await workersBecome(s, 2), 2, 'one worker each');
    assert.deepEqual(s.log.pageErrors, []);
  } finally {
    await s.close();
  }
});

/** Waits (up to 10 s) until the page has `n` workers; returns how many it has then. */
async function workersBecome(s, n) {
  for (let waited = 0; s.page.workers().length !== n && waited < 10000; waited += 100) await s.page.waitForTimeout(100);
  return s.page.workers().length;
}

/** The page's own listeners on `document` (DevTools protocol), by type. */
async function documentListeners(s, cdp) {
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'document' });
  const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
  const count = {};
  for (const l of listeners) count[l.type] = (count[l.type] || 0) + 1;
  return count;
}

test('an element added after load, removed and added again: it starts each time and leaves no worker or listener behind', { timeout: 60000 }, async () => {
  const s = await openSession(browser, { origin: server.origin });
  try {
    await hostPage(s, { html: '<div id="slot"></div>' });
    const cdp = await s.context.newCDPSession(s.page);
    await cdp.send('DOM.enable');
    const none = await documentListeners(s, cdp);
    assert.equal(s.page.workers().length, 0);
    const directory = DIRECTORY();
    await s.page.evaluate((html) => {
      const el = document.createElement('frontdoor-wizard');
      el.setAttribute('src', '/frontdoor-data.json');
      el.innerHTML = html;
      window.fdElement = el;
      document.getElementById('slot').append(el);
    }, directory);
    await currentScreen(s.page);
    const withOne = await documentListeners(s, cdp);
    assert.ok((withOne.keyup || 0) > (none.keyup || 0), 'Exit this page listens on the document while connected');
    assert.equal(await workersBecome(s, 1), 1);

    // Removed as soon as its worker is up (while the core may still be loading the data: the
    // moment a worker was once left running), then added again; three times.
    for (let round = 1; round <= 3; round++) {
      await s.page.evaluate(() => window.fdElement.remove());
      assert.equal(await workersBecome(s, 0), 0, `round ${round}: no worker left`);
      assert.deepEqual(await documentListeners(s, cdp), none, `round ${round}: no listener left on the document`);

      await s.page.evaluate(() => document.getElementById('slot').append(window.fdElement));
      const screen = await currentScreen(s.page);
      assert.equal(screen.kind, 'question');
      assert.deepEqual(await documentListeners(s, cdp), withOne, `round ${round}: the same listeners as the first time`);
      assert.equal(await workersBecome(s, 1), 1, `round ${round}: one worker again`);
    }
    assert.deepEqual(s.log.pageErrors, []);
    assert.deepEqual(s.log.consoleErrors, []);
  } finally {
    await s.close();
  }
});
