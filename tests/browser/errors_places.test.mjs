// Errors that name the question (issue 15, item 8) and places outside Wiltshire (item 9), on the
// demo council page (dist/web: the first screen comes from the script).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startDemo, openWizard, PAGES, walk, ui, wording, norm, questionByText, currentScreen } from './harness.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await startDemo(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The error summary's and the inline error's text, once shown. */
async function errors(page) {
  await page.locator('frontdoor-wizard .fd-error-summary').waitFor();
  return page.evaluate(() => {
    const root = document.querySelector('frontdoor-wizard').shadowRoot;
    const text = (sel) => (root.querySelector(sel)?.textContent ?? '').replace(/\s+/g, ' ').trim();
    return { summary: text('.fd-error-summary__list'), inline: text('#fd-error'), focused: root.activeElement?.id ?? null };
  });
}

test('Continue with nothing selected on the first question names it: "Select who you are", in the summary and inline', { timeout: 60000 }, async () => {
  const s = await openWizard(browser, server, PAGES.council, { at: '2026-11-26T11:00:00Z' });
  try {
    const first = await currentScreen(s.page);
    const q = questionByText(first.text);
    const want = norm(wording(ui()[`error_choose_${q.id.replace(/-/g, '_')}`], null));
    assert.equal(q.id, 'audience');
    assert.equal(want, 'Select who you are', 'ui.json error_choose_audience');
    await s.page.locator('frontdoor-wizard button[type=submit]').click();
    const shown = await errors(s.page);
    assert.equal(shown.summary, want, 'the error summary names the question');
    assert.match(shown.inline, new RegExp(`${want}$`), 'the inline error names the question');
    assert.equal(shown.focused, 'fd-error-summary');
    assert.deepEqual(s.log.consoleErrors, []);
  } finally { await s.close(); }
});

test('a young person\'s danger question says its own error (error_choose_immediate_danger, young_person)', { timeout: 60000 }, async () => {
  const s = await openWizard(browser, server, PAGES.council, { at: '2026-11-26T11:00:00Z' });
  try {
    try { await walk(s.page, { audience: 'young_person' }); } catch (e) { assert.equal(e.unansweredFact, 'immediate_danger', e.message); }
    await s.page.locator('frontdoor-wizard button[type=submit]').click();
    const shown = await errors(s.page);
    assert.equal(shown.summary, norm(wording(ui().error_choose_immediate_danger, 'young_person')));
  } finally { await s.close(); }
});

for (const [typed, key] of [['Swindon', 'area_outside_swindon'], ['bath', 'area_outside_bath']]) {
  test(`typing "${typed}" in the town box names the council to contact (${key}), not "check the spelling"`, { timeout: 60000 }, async () => {
    const s = await openWizard(browser, server, PAGES.council, { at: '2026-11-26T11:00:00Z' });
    try {
      try { await walk(s.page, { audience: 'parent', immediate_danger: false, concern: 'team_contact' }); } catch (e) { assert.equal(e.unansweredFact, 'area', e.message); }
      await s.page.locator('frontdoor-wizard #fd-input').fill(typed);
      await s.page.locator('frontdoor-wizard #fd-input').press('Enter');
      const shown = await errors(s.page);
      const council = wording(ui()[key], 'parent');
      assert.ok(shown.summary.includes(council), `"${shown.summary}" names ${council}`);
      assert.ok(shown.summary.startsWith(`${typed} is not in Wiltshire`), shown.summary);
      const template = norm(wording(ui().error_area_outside, 'parent'));
      const unknown = template.includes('{unknown}') ? /"([^"]+)"\.?$/.exec(shown.summary)?.[1] : '';
      assert.equal(shown.summary, template.replace(/\{place\}/g, typed).replace(/\{council\}/g, council).replace(/\{unknown\}/g, unknown));
      assert.ok(shown.inline.endsWith(shown.summary), 'the same message inline');
      const unknownPlace = norm(wording(ui().error_area_unknown, 'parent')).split('{')[0];
      assert.ok(!shown.summary.includes(unknownPlace), 'not the unknown-place error');
    } finally { await s.close(); }
  });
}

test('a place that is neither in Wiltshire nor named in ui.json still gets "check the spelling"', { timeout: 60000 }, async () => {
  const s = await openWizard(browser, server, PAGES.council, { at: '2026-11-26T11:00:00Z' });
  try {
    try { await walk(s.page, { audience: 'parent', immediate_danger: false, concern: 'team_contact' }); } catch (e) { assert.equal(e.unansweredFact, 'area', e.message); }
    await s.page.locator('frontdoor-wizard #fd-input').fill('Bristol');
    await s.page.locator('frontdoor-wizard #fd-input').press('Enter');
    const shown = await errors(s.page);
    assert.ok(shown.summary.startsWith(norm(wording(ui().error_area_unknown, 'parent')).split('{')[0]), shown.summary);
    assert.ok(shown.summary.includes('"Bristol"'));
  } finally { await s.close(); }
});
