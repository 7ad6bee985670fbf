// The browser's Back and Forward (issue 15). By default the element adds no history entry: after
// Exit this page neither Back nor Forward loads the page it was on. With `browser-back` (the page's
// opt-in) a phone's Back goes back one question with the answer kept, Back on the first question
// leaves the page as before, and after Exit neither Back nor Forward shows the wizard or an answer
// (Forward loads the page for a moment: measured, docs/web.md). The exit site is a stub.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startDemo, openSession, currentScreen, norm, ui, wording, questions, PAGES } from './harness.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await startDemo(); });
after(async () => { await browser?.close(); await server?.close(); });

const AT = '2026-11-26T18:00:00Z';
const EXIT = 'https://www.bbc.co.uk/weather';
const question = (fact) => questions().find((q) => q.fact === fact);
const label = (fact, value) => wording(question(fact).options.find((o) => o.value === value).label);

/**
 * index.html, then council.html (so there is a page before the wizard), the exit site stubbed;
 * the element with `browser-back` (the page's opt-in) unless `browserBack` is false.
 */
async function open({ browserBack = true } = {}) {
  const s = await openSession(browser, { origin: server.origin, at: AT });
  if (browserBack) {
    await s.context.route(`**/${PAGES.council}`, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace('<frontdoor-wizard ', '<frontdoor-wizard browser-back ');
      await route.fulfill({ response, body });
    });
  }
  const stubbed = [];
  await s.context.route(`${new URL(EXIT).origin}/**`, async (route) => {
    stubbed.push(route.request().url());
    await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Weather</title><p>Weather stub</p></html>' });
  });
  await s.page.goto(server.url + 'index.html');
  await s.page.goto(server.url + PAGES.council);
  await currentScreen(s.page);
  return { ...s, stubbed };
}

async function heading(page) {
  return (await currentScreen(page)).text;
}

async function answer(page, text) {
  const prev = await heading(page);
  await page.locator('frontdoor-wizard').getByLabel(text, { exact: true }).check();
  await page.locator('frontdoor-wizard').getByRole('button', { name: wording(ui().button_continue) }).click();
  await page.waitForFunction((p) => {
    const root = document.querySelector('frontdoor-wizard')?.shadowRoot;
    const h = root && (root.getElementById('fd-question') || root.getElementById('fd-outcome'));
    return h && h.textContent.replace(/\s+/g, ' ').trim() !== p;
  }, prev);
}

async function waitHeading(page, text) {
  await page.waitForFunction((t) => {
    const root = document.querySelector('frontdoor-wizard')?.shadowRoot;
    const h = root && (root.getElementById('fd-question') || root.getElementById('fd-outcome'));
    return h && h.textContent.replace(/\s+/g, ' ').trim() === t;
  }, text, { timeout: 5000 });
}

const checked = (page) => page.evaluate(() => {
  const input = document.querySelector('frontdoor-wizard').shadowRoot.querySelector('input[name=answer]:checked');
  return input ? input.value : null;
});

test('Back after two answers shows the previous question with its answer kept; Back on the first question leaves the page', { timeout: 60000 }, async () => {
  const s = await open();
  try {
    const start = s.page.url();
    const first = await heading(s.page);
    await answer(s.page, label('audience', 'parent'));
    const second = await heading(s.page);
    await answer(s.page, label('immediate_danger', false));
    const third = await heading(s.page);
    assert.notEqual(third, second);
    assert.equal(s.page.url(), start, 'the URL never changes');

    await s.page.goBack();
    await waitHeading(s.page, second);
    assert.equal(await checked(s.page), 'false', 'the answer given is still selected');
    assert.equal(s.page.url(), start);
    await s.page.goBack();
    await waitHeading(s.page, first);
    assert.equal(await checked(s.page), 'parent', 'the first answer is still selected');

    // Forward goes forward again, with the answers.
    await s.page.goForward();
    await waitHeading(s.page, second);
    await s.page.goForward();
    await waitHeading(s.page, third);
    // The Back link goes through the same history: then the browser's Back once more.
    await s.page.locator('frontdoor-wizard').getByRole('button', { name: ui().button_back }).click();
    await waitHeading(s.page, second);
    await s.page.locator('frontdoor-wizard').getByRole('button', { name: ui().button_back }).click();
    await waitHeading(s.page, first);
    // On the first question Back leaves the page, as before.
    await s.page.goBack();
    await s.page.waitForURL((u) => u.pathname.endsWith('/index.html'), { timeout: 5000 });
    assert.deepEqual(s.log.consoleErrors, []);
  } finally { await s.close(); }
});

test('Start again goes back to the page\'s own history entry: Back then leaves the page', { timeout: 60000 }, async () => {
  const s = await open();
  try {
    await answer(s.page, label('audience', 'parent'));
    await answer(s.page, label('immediate_danger', false));
    await s.page.locator('frontdoor-wizard').getByRole('button', { name: ui().button_start_again }).click();
    await s.page.waitForFunction(() => document.querySelector('frontdoor-wizard').shadowRoot.querySelector('input[name=answer][value=parent]'));
    assert.equal(await s.page.evaluate(() => history.state), null, 'back on the page\'s own entry');
    assert.equal(await checked(s.page), null, 'nothing selected after Start again');
    await s.page.goBack();
    await s.page.waitForURL((u) => u.pathname.endsWith('/index.html'), { timeout: 5000 });
  } finally { await s.close(); }
});

/** After each move: the exit site or the page before the wizard, never the wizard or an answer. */
async function assertNotWizard(s, how) {
  await s.page.waitForLoadState('load').catch(() => {});
  // A forward entry of the wizard's page goes straight back to the exit site: wait for it.
  await s.page.waitForURL((u) => !u.pathname.endsWith(`/${PAGES.council}`), { timeout: 5000 }).catch(() => {});
  const url = s.page.url();
  assert.ok(!url.includes(PAGES.council), `${how}: not on the wizard's page (${url})`);
  const content = await s.page.evaluate(() => document.documentElement.innerText);
  assert.equal(await s.page.locator('frontdoor-wizard').count(), 0, `${how}: no wizard`);
  for (const word of ['A parent or carer', 'Exit this page']) assert.ok(!content.includes(word), `${how}: "${word}" is not shown`);
  return url;
}

/** From the exit site: Back goes to the page before the wizard, Forward to the exit site again. */
async function backThenForward(s) {
  await s.page.goBack().catch(() => null);
  const back = await assertNotWizard(s, 'Back');
  assert.ok(back.endsWith('/index.html'), `Back goes to the page before the wizard (${back})`);
  await s.page.goForward().catch(() => null);
  const forward = await assertNotWizard(s, 'Forward');
  assert.ok(forward.startsWith(EXIT), `Forward goes to the exit site (${forward})`);
}

test('by default no history entry is added: Back leaves the page, and after Exit neither Back nor Forward loads it again', { timeout: 60000 }, async () => {
  const s = await open({ browserBack: false });
  try {
    const start = await s.page.evaluate(() => history.length);
    await answer(s.page, label('audience', 'parent'));
    await answer(s.page, label('immediate_danger', false));
    assert.equal(await s.page.evaluate(() => history.length), start, 'no history entry for the answers');
    const shown = [];
    s.page.on('framenavigated', (f) => { if (f === s.page.mainFrame()) shown.push(f.url()); });
    await s.page.locator('frontdoor-wizard #fd-exit').click();
    await s.page.waitForURL((u) => u.href.startsWith(EXIT), { timeout: 5000 });
    await backThenForward(s);
    assert.equal(await s.page.goForward().catch(() => null), null, 'nothing after the exit site');
    assert.ok(!shown.some((u) => u.includes(PAGES.council)), `the wizard's page is never loaded again (${shown.join(' → ')})`);
  } finally { await s.close(); }
});

for (const via of ['button', 'keyboard']) {
  test(`with browser-back: after Exit this page (${via}) with answers given, neither Back nor Forward shows the wizard or an answer`, { timeout: 60000 }, async (t) => {
    const s = await open();
    try {
      // Every page the browser shows from here on is recorded, with what it showed.
      const shown = [];
      s.page.on('framenavigated', (f) => { if (f === s.page.mainFrame()) shown.push(f.url()); });
      await answer(s.page, label('audience', 'parent'));
      await answer(s.page, label('immediate_danger', false));
      if (via === 'button') await s.page.locator('frontdoor-wizard #fd-exit').click();
      else for (let i = 0; i < 3; i++) { await s.page.keyboard.press('Shift'); await s.page.waitForTimeout(100); }
      await s.page.waitForURL((u) => u.href.startsWith(EXIT), { timeout: 5000 });
      assert.ok(s.stubbed.length > 0, 'went to the exit site');
      shown.length = 0;
      const length = await s.page.evaluate(() => history.length);

      await backThenForward(s);
      // Forward again: the entries the wizard added lead back to the exit site.
      for (let i = 0; i < 3; i++) {
        await s.page.goForward().catch(() => null);
        const again = await assertNotWizard(s, `Forward ×${i + 2}`);
        assert.ok(again.startsWith(EXIT), `Forward ×${i + 2} stays on the exit site (${again})`);
      }
      // What the browser loaded on the way (the measurement in docs/web.md, "Back, Forward and Exit").
      t.diagnostic(`history.length ${length}; pages loaded after the exit: ${shown.map((u) => u.replace(server.origin, '')).join(' → ')}`);
    } finally { await s.close(); }
  });
}

test('a reload on a step entry goes back to the page\'s own entry and shows the first question', { timeout: 60000 }, async () => {
  const s = await open();
  try {
    const first = await heading(s.page);
    await answer(s.page, label('audience', 'parent'));
    await answer(s.page, label('immediate_danger', false));
    await s.page.reload();
    await s.page.waitForFunction(() => history.state === null, null, { timeout: 5000 });
    await waitHeading(s.page, first);
    assert.equal(await checked(s.page), null, 'no answer survives the reload');
    assert.ok(s.page.url().endsWith(`/${PAGES.council}`));
  } finally { await s.close(); }
});

test('a step entry whose page entry is gone: the page shows again and the wizard starts (never a blank page)', { timeout: 60000 }, async () => {
  const s = await openSession(browser, { origin: server.origin, at: AT });
  try {
    // As if the element had pushed 50 entries of which the browser kept none (history.go(-50) does nothing).
    await s.page.addInitScript(() => { if (!history.state) history.replaceState({ frontdoorWizardStep: 50 }, ''); });
    await s.page.goto(server.url + PAGES.council);
    await currentScreen(s.page);
    assert.equal(await s.page.evaluate(() => document.body.hidden), false, 'the page is shown');
    assert.ok(await s.page.locator('frontdoor-wizard #fd-exit').isVisible(), 'the wizard is up');
  } finally { await s.close(); }
});
