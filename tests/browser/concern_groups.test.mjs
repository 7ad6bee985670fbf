// The concern in two steps (issue 15, item 4): a frightened person is asked first whether a child
// is being harmed or may be at risk, then sees a short list (the group's concerns only). On a
// 320 × 640 phone the first concern screen's Continue is within two screen heights; the two steps
// reach the right outcome; Back, Change and the answers list work across the new step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, startDemo, openWizard, walk, currentScreen, nextScreen, answerByKeyboard, screenControls, questionByText,
  outcomeDetails, questions, wording, norm, PAGES,
} from './harness.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await startDemo(); });
after(async () => { await browser?.close(); await server?.close(); });

const PHONE = { viewport: { width: 320, height: 640 } };
const OOH_EVENING = '2026-11-26T18:00:00Z'; // Thursday 6pm: the Out of Hours line answers
const group = () => questions().find((q) => q.fact === 'concern_group');
const concern = () => questions().find((q) => q.fact === 'concern');

/** The options of the concern question a parent sees for `g`, as in data/questions.json. */
const listFor = (g, audience = 'parent') => concern().options
  .filter((o) => (!o.audiences || o.audiences.includes(audience)) && (!o.groups || o.groups.includes(g)));

/**
 * In the page: how far below the question's heading (where focus lands and the browser scrolls
 * to after each answer) and below the top of the wizard the Continue button ends, in CSS px; the
 * demo council page has its own header and introduction (about 500 px) above the wizard.
 */
const continueBottom = (page) => page.evaluate(() => {
  const host = document.querySelector('frontdoor-wizard');
  const root = host.shadowRoot;
  const button = [...root.querySelectorAll('button[type=submit], .fd-button')].find((b) => b.getClientRects().length && /continue/i.test(b.textContent));
  const bottom = button.getBoundingClientRect().bottom;
  return {
    fromHeading: bottom - root.getElementById('fd-question').getBoundingClientRect().top,
    fromWizard: bottom - host.getBoundingClientRect().top,
  };
});

/** Answers the screen on show (by keyboard) and waits for the next one. */
async function answerNow(page, value, audience = 'parent') {
  const screen = await currentScreen(page);
  await answerByKeyboard(page, questionByText(screen.text), value, audience);
  return nextScreen(page, screen.text);
}

const radioLabels = async (page) => (await screenControls(page)).radios.map((r) => norm(r.label));

test('at 320×640 the first concern screen is short: three answers, Continue within two screen heights', { timeout: 90000 }, async () => {
  const s = await openWizard(browser, server, PAGES.council, { at: OOH_EVENING, ...PHONE });
  try {
    await answerNow(s.page, 'parent');
    const screen = await answerNow(s.page, false);
    assert.equal(screen.text, norm(wording(group().text, 'parent')), 'after the danger question comes "Is a child being harmed…?"');
    const labels = await radioLabels(s.page);
    assert.equal(labels.length, 3, `yes, no and not sure (${labels.join(' / ')})`);
    assert.ok(labels[0].startsWith(norm(wording(group().options[0].label, 'parent'))), labels[0]);
    assert.ok(labels[2].startsWith(norm(wording(group().unknown_option.label, 'parent'))), labels[2]);
    const first = await continueBottom(s.page);
    assert.ok(first.fromWizard <= 2 * 640, `Continue ends ${Math.round(first.fromWizard)} px below the top of the wizard, within two screens (1280 px)`);
    assert.ok(first.fromHeading <= 1.5 * 640, `Continue ends ${Math.round(first.fromHeading)} px below the question (about 700 px)`);
    // Yes: the short list of concerns where a child may be at risk, Continue still near.
    const risk = await answerNow(s.page, 'harm_or_risk');
    assert.equal(risk.text, norm(wording(concern().text, 'parent')));
    const riskLabels = await radioLabels(s.page);
    assert.equal(riskLabels.length, listFor('harm_or_risk').length, riskLabels.join(' / '));
    assert.ok(riskLabels.length <= 8, `a short list (${riskLabels.length})`);
    // 8 answers, 4 with a hint: about 1,470 px at 320 px wide (the one list of 18 was about 3,000).
    const second = await continueBottom(s.page);
    assert.ok(second.fromHeading <= 2.5 * 640, `the risk list's Continue ends ${Math.round(second.fromHeading)} px below the question`);
    assert.deepEqual(s.log.consoleErrors, []);
  } finally { await s.close(); }
});

test('the two steps reach the right outcome: yes then harm, not sure then unsure, no then SEND', { timeout: 120000 }, async () => {
  for (const [facts, first] of [
    [{ audience: 'parent', immediate_danger: false, concern_group: 'harm_or_risk', concern: 'harm' }, 'out-of-hours'],
    [{ audience: 'parent', immediate_danger: false, concern_group: null, concern: 'unsure' }, 'out-of-hours'],
    [{ audience: 'parent', immediate_danger: false, concern_group: 'other_help', concern: 'send' }, null],
  ]) {
    const s = await openWizard(browser, server, PAGES.council, { at: OOH_EVENING, ...PHONE });
    try {
      const { screens, outcome } = await walk(s.page, facts);
      assert.equal(outcome.kind, 'outcome');
      assert.deepEqual(screens.map((x) => x.fact).filter(Boolean), ['audience', 'immediate_danger', 'concern_group', 'concern']);
      const details = await outcomeDetails(s.page);
      if (first) assert.equal(details.services[0], first, `${JSON.stringify(facts)}: ${details.services}`);
      else assert.ok(details.services.includes('out-of-hours'), `the line answered now is shown too (${details.services})`);
      // The answers list names the new step, with a Change button.
      const row = norm(wording(group().text, 'parent'));
      assert.ok(details.text.includes(row), 'the answers list has the group question');
      assert.deepEqual(s.log.consoleErrors, []);
    } finally { await s.close(); }
  }
});

test('Back from the short list returns to the group question; Change on it swaps the list', { timeout: 120000 }, async () => {
  const s = await openWizard(browser, server, PAGES.council, { at: OOH_EVENING, ...PHONE });
  try {
    await answerNow(s.page, 'parent');
    await answerNow(s.page, false);
    await answerNow(s.page, 'harm_or_risk');
    // Back: the group question again, with Yes still chosen.
    let before = await currentScreen(s.page);
    await s.page.locator('frontdoor-wizard .fd-back').click();
    let screen = await nextScreen(s.page, before.text);
    assert.equal(screen.text, norm(wording(group().text, 'parent')));
    const chosen = (await screenControls(s.page)).radios.find((r) => r.checked);
    assert.ok(chosen && chosen.label.startsWith(norm(wording(group().options[0].label, 'parent'))), 'Yes is kept');
    // No: the other list, without the risk concerns.
    await answerNow(s.page, 'other_help');
    const other = await radioLabels(s.page);
    assert.equal(other.length, listFor('other_help').length, other.join(' / '));
    const harmLabel = norm(wording(concern().options.find((o) => o.value === 'harm').label, 'parent'));
    assert.ok(!other.some((l) => l.startsWith(harmLabel)), 'harm is not in the other list');
    screen = await answerNow(s.page, 'send');
    assert.equal(screen.kind, 'outcome');
    // Change the group answer on the outcome: the group question, then the risk list.
    before = await currentScreen(s.page);
    const change = s.page.locator('frontdoor-wizard .fd-summary-list__row', { hasText: norm(wording(group().text, 'parent')) }).locator('button');
    await change.click();
    screen = await nextScreen(s.page, before.text);
    assert.equal(screen.text, norm(wording(group().text, 'parent')));
    screen = await answerNow(s.page, 'harm_or_risk');
    assert.equal(screen.text, norm(wording(concern().text, 'parent')), 'SEND is not in the risk list: the concern is asked again');
    assert.equal((await radioLabels(s.page)).length, listFor('harm_or_risk').length);
    screen = await answerNow(s.page, 'missing');
    assert.equal(screen.kind, 'outcome');
    const details = await outcomeDetails(s.page);
    assert.ok(details.services.includes('out-of-hours'), details.services.join(', '));
    assert.deepEqual(s.log.consoleErrors, []);
  } finally { await s.close(); }
});

test('young people are asked the group question in their own words', { timeout: 90000 }, async () => {
  const s = await openWizard(browser, server, PAGES.council, { at: OOH_EVENING, ...PHONE });
  try {
    await answerNow(s.page, 'young_person', 'young_person');
    const screen = await answerNow(s.page, false, 'young_person');
    assert.equal(screen.text, norm(wording(group().text, 'young_person')));
    assert.notEqual(screen.text, norm(wording(group().text, 'parent')));
    const labels = await radioLabels(s.page);
    assert.ok(labels[0].startsWith(norm(wording(group().options[0].label, 'young_person'))), labels[0]);
  } finally { await s.close(); }
});
