// Keyboard, focus, reflow (320 px, 200% zoom), reduced motion and print.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startDemo, openWizard, walk, focused, outcomeDetails, walkableCases, questions, service,
  NARROW, PAGES } from './harness.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await startDemo(); });
after(async () => { await browser?.close(); await server?.close(); });

/** A long complete case (many screens) for the page. */
function longCase() {
  const cs = walkableCases().filter((c) => c.facts.audience !== 'professional');
  return cs.sort((a, b) => Object.keys(b.facts).length - Object.keys(a.facts).length)[0];
}

/** Horizontal overflow: the document and every visible element of the wizard fit the viewport. */
async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const host = document.querySelector('frontdoor-wizard');
    const root = host?.shadowRoot ?? document;
    const wide = [...root.querySelectorAll('*')].filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && (r.right > width + 1 || r.left < -1) && getComputedStyle(e).position !== 'fixed';
    }).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).split(' ')[0] : ''} (${Math.round(e.getBoundingClientRect().left)}–${Math.round(e.getBoundingClientRect().right)})`);
    return { scrollWidth: document.documentElement.scrollWidth, width, wide };
  });
}

test('a keyboard-only walk moves focus to the heading of every new screen', { timeout: 30000 }, async () => {
  const c = longCase();
  const s = await openWizard(browser, server, PAGES.council, { at: c.at });
  try {
    let n = 0;
    const { screens } = await walk(s.page, c.facts, {
      onScreen: async (screen) => {
        if (n++ === 0) return; // the first screen must not steal focus from the host page
        const f = await focused(s.page);
        const want = screen.kind === 'outcome' ? 'fd-outcome' : 'fd-question';
        assert.equal(`${f.tag}#${f.id}`, `H1#${want}`, `focus is on h1#${want} for "${screen.text}"`);
      },
    });
    assert.ok(screens.length >= 3, 'the walk had several screens');
  } finally { await s.close(); }
});

/** Tabs through the wizard's controls from the current focus; returns {checked, invisible}:
 *  a control is invisible-on-focus when its area looks the same once focus has moved on. */
async function focusIndicators(page) {
  const rectOfFocused = () => page.evaluate(() => {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    const host = document.querySelector('frontdoor-wizard');
    if (!a || !host?.shadowRoot?.contains(a) || a.tagName === 'H1') return null;
    const rs = [a, ...(a.labels ? [...a.labels] : [])].map((e) => e.getBoundingClientRect()).filter((r) => r.width || r.height);
    if (!rs.length) return null;
    const x = Math.min(...rs.map((r) => r.left)), y = Math.min(...rs.map((r) => r.top));
    const pad = 4;
    return { desc: `${a.tagName.toLowerCase()}${a.id ? '#' + a.id : ''}${a.type ? `[type=${a.type}]` : ''} "${(a.labels?.[0]?.textContent || a.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40)}"`,
      clip: { x: Math.max(0, x - pad), y: Math.max(0, y - pad),
        width: Math.max(...rs.map((r) => r.right)) - x + 2 * pad, height: Math.max(...rs.map((r) => r.bottom)) - y + 2 * pad } };
  });
  const checked = [], invisible = [], keys = [];
  let prev = null;
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (prev) {
      const unfocused = await page.screenshot({ clip: prev.clip, animations: 'disabled', caret: 'hide' });
      if (unfocused.equals(prev.shot)) invisible.push(prev.desc);
    }
    const r = await rectOfFocused();
    if (!r) { if (checked.length) break; prev = null; continue; }
    const key = `${r.desc}@${Math.round(r.clip.x)},${Math.round(r.clip.y)}`;
    if (keys.includes(key)) break;
    keys.push(key);
    checked.push(r.desc);
    prev = { ...r, shot: await page.screenshot({ clip: r.clip, animations: 'disabled', caret: 'hide' }) };
  }
  return { checked, invisible };
}

test('every control reached by Tab on a choice, a typed answer and the outcome has a visible focus indicator', { timeout: 60000 }, async (t) => {
  const types = (c) => new Set(Object.keys(c.facts).map((f) => questions().find((q) => q.fact === f)?.type));
  const c = walkableCases().filter((x) => x.facts.audience !== 'professional')
    .sort((a, b) => ['number', 'area'].filter((k) => types(b).has(k)).length - ['number', 'area'].filter((k) => types(a).has(k)).length)[0];
  const s = await openWizard(browser, server, PAGES.council, { at: c.at });
  try {
    const problems = [];
    const seen = [];
    await walk(s.page, c.facts, {
      onScreen: async (screen, q) => {
        const kind = screen.kind === 'outcome' ? 'outcome' : q.type;
        if (seen.includes(kind) && kind !== 'outcome') return;
        seen.push(kind);
        const r = await focusIndicators(s.page);
        if (r.checked.length < 1) problems.push(`"${screen.text}": Tab reached no control of the wizard`);
        for (const d of r.invisible) problems.push(`"${screen.text}": ${d} looks the same focused and unfocused`);
        t.diagnostic(`${kind} ("${screen.text}"): ${r.checked.length} controls`);
        // back to the heading, as after a new screen, so the walk goes on from there
        await s.page.locator(screen.kind === 'outcome' ? 'h1#fd-outcome' : 'h1#fd-question').focus();
      },
    });
    assert.ok(seen.includes('outcome') && seen.length >= 3, `screens checked: ${seen.join(', ')}`);
    assert.deepEqual(problems, []);
  } finally { await s.close(); }
});

for (const [label, opts] of [
  ['at 320 CSS px', { viewport: NARROW }],
  ['at 200% zoom of a 1280 px window', { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 }],
]) {
  test(`no horizontal scrolling ${label} on any screen`, { timeout: 30000 }, async () => {
    const c = longCase();
    const s = await openWizard(browser, server, PAGES.council, { at: c.at, ...opts });
    try {
      const problems = [];
      await walk(s.page, c.facts, {
        onScreen: async (screen) => {
          const o = await overflow(s.page);
          if (o.scrollWidth > o.width || o.wide.length) problems.push(`"${screen.text}": scrollWidth ${o.scrollWidth} > ${o.width}; ${o.wide.join(', ')}`);
        },
      });
      assert.deepEqual(problems, []);
    } finally { await s.close(); }
  });
}

test('with prefers-reduced-motion nothing animates', { timeout: 30000 }, async () => {
  const c = longCase();
  const s = await openWizard(browser, server, PAGES.council, { at: c.at, reducedMotion: 'reduce' });
  try {
    assert.equal(await s.page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches), true, 'the preference is emulated');
    const moving = [];
    await walk(s.page, c.facts, {
      onScreen: async (screen) => {
        const m = await s.page.evaluate(() => {
          const host = document.querySelector('frontdoor-wizard');
          const root = host?.shadowRoot ?? document;
          const secs = (v) => Math.max(...v.split(',').map((x) => (x.trim().endsWith('ms') ? parseFloat(x) / 1000 : parseFloat(x)) || 0));
          const out = [];
          for (const e of [host, ...root.querySelectorAll('*')].filter(Boolean)) {
            const st = getComputedStyle(e);
            if (st.animationName !== 'none' && secs(st.animationDuration) > 0.01) out.push(`${e.tagName.toLowerCase()} animation ${st.animationName} ${st.animationDuration}`);
            if (st.transitionProperty !== 'none' && secs(st.transitionDuration) > 0.01) out.push(`${e.tagName.toLowerCase()} transition ${st.transitionProperty} ${st.transitionDuration}`);
          }
          const running = (root.getAnimations ? root.getAnimations() : []).filter((a) => a.playState === 'running').length;
          if (running) out.push(`${running} running animation(s)`);
          return out.slice(0, 5);
        });
        if (m.length) moving.push(`"${screen.text}": ${m.join('; ')}`);
      },
    });
    assert.deepEqual(moving, []);
  } finally { await s.close(); }
});

test('printing the outcome shows the heading, the first contact and its number', { timeout: 30000 }, async () => {
  const c = longCase();
  const s = await openWizard(browser, server, PAGES.council, { at: c.at });
  try {
    await walk(s.page, c.facts);
    await s.page.emulateMedia({ media: 'print' });
    assert.equal(await s.page.evaluate(() => matchMedia('print').matches), true, 'print media is emulated');
    assert.ok(await s.page.locator('h1#fd-outcome').isVisible(), 'the outcome heading prints');
    const card = s.page.locator(`[data-service="${c.expect.first}"]`).first();
    assert.ok(await card.isVisible(), `the first contact (${c.expect.first}) prints`);
    const o = await outcomeDetails(s.page);
    const number = service(c.expect.first).phones?.[0]?.number;
    if (number) assert.ok(o.firstText.replace(/\s+/g, ' ').includes(number), `the printed card shows ${number}`);
    await s.page.pdf({ format: 'A4' }).then((b) => assert.ok(b.length > 1000, 'a PDF can be printed'));
  } finally { await s.close(); }
});
