// Prepared answers: while a question is read, the element asks the core where each answer leads
// (and builds the outcomes among them), so Continue shows the next screen in the same task as the
// press. The screen must be the one the core gives when nothing was prepared.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startDemo, openSession, currentScreen, nextScreen, questionByText, walkableCases, flowFact, PAGES } from './harness.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await startDemo(); });
after(async () => { await browser?.close(); await server?.close(); });

const READ_MS = 800;

/**
 * Gives `value` to the question on screen and presses Continue (or the "don't know" button),
 * all in one task; `sync` is true when the next screen was already in place when it returned.
 */
function answerNow(page, value) {
  return page.evaluate((v) => {
    const root = document.querySelector('frontdoor-wizard').shadowRoot;
    const screen = root.querySelector('.fd-screen');
    const before = root.getElementById('fd-question');
    // The question form is kept: the next question may be the same heading with new text.
    const beforeText = before && before.textContent;
    const form = screen.querySelector('form.fd-form');
    const radios = [...form.querySelectorAll('input[type=radio][name=answer]')];
    const submit = form.querySelector('button[type=submit]');
    if (radios.length) {
      const want = typeof v === 'string' ? v : JSON.stringify(v);
      const radio = radios.find((r) => r.value === want);
      if (!radio) throw new Error(`no radio ${want} (${radios.map((r) => r.value).join(', ')})`);
      radio.click();
      submit.click();
    } else if (v === null) {
      form.querySelector('button.fd-button--secondary').click();
    } else {
      form.querySelector('#fd-input').value = String(v);
      submit.click();
    }
    const now = root.getElementById('fd-question') || root.getElementById('fd-outcome');
    return { sync: !!now && (now !== before || now.textContent !== beforeText) };
  }, value);
}

/** A second before `iso`: the clock is installed then paused at `iso` (pauseAt only goes forward). */
// Far enough before `iso` that a loaded machine still reaches pauseAt before the clock passes it
// (the page is opened only after the pause).
const earlier = (iso) => new Date(Date.parse(iso) - 30000).toISOString();

/**
 * The screen's markup, compared between the two ways of getting there: what is shown, without
 * the screens parked for the answers to come (parking.js; the next test checks those).
 */
function screenHtml(page) {
  return page.evaluate(() => {
    const screen = document.querySelector('frontdoor-wizard').shadowRoot.querySelector('.fd-screen').cloneNode(true);
    for (const parked of screen.querySelectorAll(':scope > .fd-parked')) parked.remove();
    // Attributes in name order: a shown parked outcome gets its ids back last.
    for (const el of screen.querySelectorAll('*')) {
      const attrs = [...el.attributes].map((a) => [a.name, a.value]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [name] of attrs) el.removeAttribute(name);
      for (const [name, value] of attrs) el.setAttribute(name, value);
    }
    return screen.innerHTML;
  });
}

/** Walks case `c`: `wait` runs before each answer. Returns every step's {text, sync, html}. */
async function walkCase(page, c, wait) {
  const steps = [];
  let screen = await currentScreen(page);
  for (let i = 0; i < 15 && screen.kind === 'question'; i++) {
    const q = questionByText(screen.text);
    // A flow-only fact (concern_group) comes from the answer the case gives to the question it picks.
    const given = q && (q.fact in c.facts ? { found: true, value: c.facts[q.fact] } : flowFact(q.fact, c.facts));
    assert.ok(given && given.found, `the case answers "${screen.text}"`);
    await wait();
    const { sync } = await answerNow(page, given.value);
    screen = await nextScreen(page, screen.text);
    steps.push({ text: screen.text, sync, html: await screenHtml(page) });
  }
  assert.equal(screen.kind, 'outcome', `case ${c.name}: the walk ends on an outcome`);
  return steps;
}

// Cases whose answers use every kind of control: radios, a number, a place and "don't know".
function casesToWalk() {
  const all = walkableCases();
  const pick = [];
  for (const want of [(c) => 'area' in c.facts && 'child_age' in c.facts, (c) => Object.values(c.facts).includes(null),
    (c) => c.facts.audience === 'professional']) {
    const c = all.find((x) => want(x) && !pick.includes(x));
    if (c) pick.push(c);
  }
  return pick;
}

test('with time to read, every answer shows its next screen at once, the same screen as when the core is asked', { timeout: 120000 }, async () => {
  const cases = casesToWalk();
  assert.ok(cases.length >= 2, 'cases with a number, a place and "don\'t know" answers exist');
  for (const c of cases) {
    // The clock paused: no timer runs, so nothing is prepared and every answer asks the core.
    const asked = await openSession(browser, { origin: server.origin, at: earlier(c.at), clock: 'install' });
    let unprepared;
    try {
      await asked.page.clock.pauseAt(new Date(c.at));
      await asked.page.goto(server.url + PAGES.council);
      unprepared = await walkCase(asked.page, c, async () => {});
    } finally {
      await asked.close();
    }
    const read = await openSession(browser, { origin: server.origin, at: c.at });
    let prepared;
    try {
      await read.page.goto(server.url + PAGES.council);
      prepared = await walkCase(read.page, c, () => read.page.waitForTimeout(READ_MS));
      assert.deepEqual(read.log.pageErrors, []);
    } finally {
      await read.close();
    }
    assert.equal(prepared.length, unprepared.length, `case ${c.name}: as many screens either way`);
    prepared.forEach((step, i) => {
      assert.equal(step.text, unprepared[i].text, `case ${c.name}, answer ${i + 1}: the same next screen`);
      assert.equal(step.html, unprepared[i].html, `case ${c.name}, answer ${i + 1} ("${step.text}"): the same markup`);
      assert.ok(step.sync, `case ${c.name}, answer ${i + 1}: prepared, shown in the same task as the press`);
      assert.ok(!unprepared[i].sync, `case ${c.name}, answer ${i + 1}: with the clock paused, the core was asked`);
    });
  }
});

test('a prepared screen is not used in a new minute: the core is asked again at the time of the answer', { timeout: 60000 }, async () => {
  const c = walkableCases().find((x) => Object.keys(x.facts).length >= 3);
  const minute = c.at.slice(0, 16);
  for (const [label, seconds, sync] of [['the same minute', 20, true], ['a new minute', 59, false]]) {
    const s = await openSession(browser, { origin: server.origin, at: earlier(`${minute}:${seconds}Z`), clock: 'install' });
    try {
      await s.page.clock.pauseAt(new Date(`${minute}:${seconds}Z`));
      await s.page.goto(server.url + PAGES.council);
      let screen = await currentScreen(s.page);
      // Let the preparation run (its timers, and the core's reply between them).
      for (let i = 0; i < 5; i++) {
        await s.page.clock.runFor(10);
        await s.page.waitForTimeout(100);
      }
      if (!sync) await s.page.clock.runFor(2000); // past the minute
      const q = questionByText(screen.text);
      const answered = await answerNow(s.page, c.facts[q.fact]);
      screen = await nextScreen(s.page, screen.text);
      assert.equal(answered.sync, sync, `${label}: ${sync ? 'the prepared screen is shown at once' : 'the core is asked again'}`);
      assert.deepEqual(s.log.pageErrors, []);
    } finally {
      await s.close();
    }
  }
});

test('a prepared outcome waits parked where it shows: unseen, out of the tab order, no id twice; Continue shows that same node, and the rest go a task later', { timeout: 60000 }, async () => {
  const s = await openSession(browser, { origin: server.origin });
  try {
    await s.page.goto(server.url + PAGES.council);
    // Walk the first option of each question until one whose answers lead to outcomes has them
    // parked (the first option of the danger question is "Yes": an outcome).
    let parked = null;
    for (let i = 0; i < 8 && !parked; i++) {
      const screen = await currentScreen(s.page);
      assert.equal(screen.kind, 'question', 'questions until an answer leads to an outcome');
      await s.page.waitForTimeout(READ_MS);
      parked = await s.page.evaluate(() => {
        const root = document.querySelector('frontdoor-wizard').shadowRoot;
        const box = root.querySelector('.fd-screen');
        const list = [...box.children].filter((n) => n.classList.contains('fd-parked'));
        if (!list.length) return null;
        list.forEach((n, i) => { n.__fdParked = i; });
        const ids = [...root.querySelectorAll('[id]')].map((n) => n.id);
        const focusable = list.flatMap((n) => [...n.querySelectorAll('a[href], button, [tabindex]')]);
        const before = root.activeElement;
        for (const n of focusable) n.focus();
        return {
          count: list.length,
          outcomes: list.every((n) => n.classList.contains('fd-outcome')),
          seen: list.filter((n) => n.getBoundingClientRect().height > 0).length,
          seenInside: list.filter((n) => [...n.querySelectorAll('*')].some((c) => c.checkVisibility())).length,
          idsInside: list.reduce((k, n) => k + n.querySelectorAll('[id]').length, 0),
          keptIds: list.every((n) => n.querySelector('[data-fd-id="fd-outcome"]')),
          ids: ids.length, uniqueIds: new Set(ids).size,
          focusable: focusable.length, focusTaken: root.activeElement !== before,
          text: list.map((n) => n.innerText).join(''),
        };
      });
      if (!parked) {
        await s.page.evaluate(() => {
          const root = document.querySelector('frontdoor-wizard').shadowRoot;
          root.querySelector('input[type=radio][name=answer]').click();
          root.querySelector('form.fd-form button[type=submit]').click();
        });
        await nextScreen(s.page, screen.text);
      }
    }
    assert.ok(parked, 'an answer leads to an outcome, parked while the question is read');
    assert.ok(parked.outcomes, 'only outcomes are parked');
    assert.equal(parked.seen, 0, 'a parked outcome takes no room and is not rendered');
    assert.equal(parked.seenInside, 0, 'nothing inside a parked outcome is rendered');
    assert.equal(parked.idsInside, 0, 'a parked outcome has no id (each id is unique in the shadow root)');
    assert.ok(parked.keptIds, 'its ids wait as data-fd-id');
    assert.equal(parked.uniqueIds, parked.ids, 'no id twice');
    assert.ok(parked.focusable > 0, 'parked outcomes hold links and buttons');
    assert.ok(!parked.focusTaken, 'none of them can take focus');
    assert.equal(parked.text, '', 'no parked text is rendered (find in page, copy, print)');

    const shown = await s.page.evaluate(() => {
      const root = document.querySelector('frontdoor-wizard').shadowRoot;
      const box = root.querySelector('.fd-screen');
      const moves = new MutationObserver(() => {});
      moves.observe(box, { childList: true });
      root.querySelector('input[type=radio][name=answer]').click();
      root.querySelector('form.fd-form button[type=submit]').click();
      const added = moves.takeRecords().flatMap((r) => [...r.addedNodes]);
      moves.disconnect();
      const heading = root.getElementById('fd-outcome');
      const outcome = heading && heading.closest('.fd-outcome');
      return {
        moved: added.includes(outcome),
        wasParked: outcome ? outcome.__fdParked : undefined,
        stillParked: outcome ? outcome.classList.contains('fd-parked') : null,
        visible: !!heading && heading.checkVisibility(),
        focused: root.activeElement === heading,
        ids: ['fd-call-now', 'fd-call-now-status', 'fd-outcome-time'].every((id) => outcome && outcome.querySelector(`#${id}`)),
        otherOutcomes: [...box.querySelectorAll(':scope > .fd-outcome')].filter((n) => n !== outcome).length,
        firstCards: root.querySelector('[data-service]') === (outcome && outcome.querySelector('[data-service]')),
      };
    });
    assert.ok(Number.isInteger(shown.wasParked), 'Continue shows the outcome that was parked (the same node)');
    assert.equal(shown.moved, false, 'it is shown where it was parked, not moved (a move would drop its layout)');
    assert.equal(shown.stillParked, false);
    assert.ok(shown.visible, 'the outcome is rendered');
    assert.ok(shown.focused, 'its heading has focus');
    assert.ok(shown.ids, 'its ids are back');
    const later = await s.page.evaluate(() => new Promise((resolve) => setTimeout(() => {
      const root = document.querySelector('frontdoor-wizard').shadowRoot;
      const box = root.querySelector('.fd-screen');
      resolve({ parked: box.querySelectorAll(':scope > .fd-parked').length, outcomes: box.querySelectorAll(':scope > .fd-outcome').length });
    }, 50)));
    assert.deepEqual(later, { parked: 0, outcomes: 1 }, 'the other parked outcomes are gone a task later');
    assert.deepEqual(s.log.pageErrors, []);
  } finally {
    await s.close();
  }
});

test('the question form is kept from question to question, and each new question\'s heading gains focus anew', { timeout: 60000 }, async () => {
  const s = await openSession(browser, { origin: server.origin });
  try {
    await s.page.goto(server.url + PAGES.council);
    let screen = await currentScreen(s.page);
    const kept = await s.page.evaluate(() => {
      const root = document.querySelector('frontdoor-wizard').shadowRoot;
      const heading = root.getElementById('fd-question');
      window.__fdFocus = [];
      heading.addEventListener('focus', () => window.__fdFocus.push(heading.textContent));
      window.__fdForm = root.querySelector('form.fd-form');
      window.__fdHeading = heading;
      return { text: heading.textContent };
    });
    // Two answers on radios (the last option: not in danger), pressed without moving focus (the
    // heading keeps it): a screen reader reads a heading when it gains focus, so the new
    // question's heading must gain it again.
    for (let i = 0; i < 2; i++) {
      await s.page.evaluate(() => {
        const root = document.querySelector('frontdoor-wizard').shadowRoot;
        root.getElementById('fd-question').focus();
        window.__fdFocus.length = 0;
        [...root.querySelectorAll('input[type=radio][name=answer]')].at(-1).click();
        root.querySelector('form.fd-form button[type=submit]').click();
      });
      const next = await nextScreen(s.page, screen.text);
      assert.equal(next.kind, 'question', 'the last options of the first questions lead to another question');
      screen = next;
    }
    const after = await s.page.evaluate(() => {
      const root = document.querySelector('frontdoor-wizard').shadowRoot;
      const heading = root.getElementById('fd-question');
      return { sameForm: root.querySelector('form.fd-form') === window.__fdForm, sameHeading: heading === window.__fdHeading,
        focused: root.activeElement === heading, focusEvents: window.__fdFocus, text: heading.textContent };
    });
    assert.ok(after.sameForm, 'the same form');
    assert.ok(after.sameHeading, 'the same heading node, with the next question\'s text');
    assert.notEqual(after.text, kept.text);
    assert.ok(after.focused, 'the heading has focus');
    assert.deepEqual(after.focusEvents, [after.text], 'the heading, focused already, gained focus again with the new question\'s text');
    assert.deepEqual(s.log.pageErrors, []);
  } finally {
    await s.close();
  }
});
