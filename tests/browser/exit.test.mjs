// "Exit this page": the button and Shift pressed 3 times blank the page at once and leave no way
// Back to the wizard. The exit site is a local stub (page.route), so nothing reaches the network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startDemo, openSession, watchLeaving, currentScreen, answerByKeyboard, nextScreen, questionByText, pageIsBlank,
  uiStrings, templateRegExp, routeCases, PAGES } from './harness.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await startDemo(); });
after(async () => { await browser?.close(); await server?.close(); });

const DEFAULT_EXIT = 'https://www.bbc.co.uk/weather';
const at = () => routeCases()[0]?.at ?? '2026-11-26T11:00:00Z';

/** Opens index.html then council.html (so there is a page to go Back to), answers one question,
 *  and routes the exit URL to a stub that answers after `delay` ms. */
async function setUp(delay = 300) {
  const s = await openSession(browser, { origin: server.origin, at: at() });
  const leaving = await watchLeaving(s);
  await s.page.goto(server.url + 'index.html');
  await s.page.goto(server.url + PAGES.council);
  let screen = await currentScreen(s.page);
  const q = questionByText(screen.text);
  const first = q?.options?.[0]?.value ?? (q?.type === 'yes_no' ? true : null);
  if (q && first !== undefined) {
    await answerByKeyboard(s.page, q, first, typeof first === 'string' && q.fact === 'audience' ? first : undefined);
    screen = await nextScreen(s.page, screen.text);
  }
  leaving.length = 0; // index.html's own leaving is not the wizard's
  const exitUrl = (await s.page.locator('frontdoor-wizard').getAttribute('exit-url')) || DEFAULT_EXIT;
  const stubbed = [];
  await s.page.route(`${new URL(exitUrl).origin}/**`, async (route) => {
    stubbed.push(route.request().url());
    await new Promise((r) => setTimeout(r, delay));
    await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Weather</title><p>Weather stub</p></html>' });
  });
  return { ...s, exitUrl, stubbed, leaving };
}

async function assertLeft(s, how) {
  await s.page.waitForURL((u) => u.href.startsWith(new URL(s.exitUrl).origin), { timeout: 5000 });
  assert.ok(s.stubbed.length > 0, `went to the exit site ${s.exitUrl}`);
  const fromWizard = s.leaving.filter((x) => x.event === 'beforeunload' || x.event === 'pagehide');
  assert.ok(fromWizard.length > 0, 'the wizard page reported leaving');
  assert.equal(fromWizard.at(-1).blank, true, `the page was blank at once after ${how}, before it left (${JSON.stringify(fromWizard)})`);
  await s.page.goBack({ timeout: 5000 }).catch(() => null);
  const back = s.page.url();
  assert.ok(!back.includes(PAGES.council), `Back does not return to the wizard (Back went to ${back})`);
  assert.equal(await s.page.locator('frontdoor-wizard').count(), 0, 'no wizard after Back');
}

test('the exit button blanks the page at once and replaces the history entry', { timeout: 30000 }, async () => {
  const s = await setUp();
  try {
    const exit = s.page.locator('button#fd-exit');
    await exit.waitFor({ state: 'visible' });
    await exit.focus();
    await s.page.keyboard.press('Enter');
    await assertLeft(s, 'pressing the exit button');
  } finally { await s.close(); }
});

test('pressing Shift three times blanks the page at once and replaces the history entry', { timeout: 30000 }, async () => {
  const s = await setUp();
  try {
    for (let i = 0; i < 3; i++) { await s.page.keyboard.press('Shift'); await s.page.waitForTimeout(150); }
    await assertLeft(s, 'Shift ×3');
  } finally { await s.close(); }
});

test('screen readers hear progress in a live region after 1 and 2 Shift presses, and nothing happens yet', { timeout: 30000 }, async () => {
  const s = await setUp();
  try {
    const templates = uiStrings(/exit|shift/i).map((x) => x.text).filter((t) => /\{|shift|press/i.test(t));
    assert.ok(templates.length > 0, 'data/ui.json has the exit announcement wording');
    const res = templates.map((t) => templateRegExp(t).source);
    const liveText = () => s.page.evaluate(() => {
      const out = [];
      const scan = (root) => root.querySelectorAll('[aria-live], [role=status], [role=alert]').forEach((e) => out.push(e.textContent.replace(/\s+/g, ' ').trim()));
      scan(document);
      const host = document.querySelector('frontdoor-wizard');
      if (host?.shadowRoot) scan(host.shadowRoot);
      return out.filter(Boolean).join(' | ');
    });
    const said = [];
    for (let i = 1; i <= 2; i++) {
      await s.page.keyboard.press('Shift');
      const h = await s.page.waitForFunction(([sources, prev]) => {
        const out = [];
        const scan = (root) => root.querySelectorAll('[aria-live], [role=status], [role=alert]').forEach((e) => out.push(e.textContent.replace(/\s+/g, ' ').trim()));
        scan(document);
        const host = document.querySelector('frontdoor-wizard');
        if (host?.shadowRoot) scan(host.shadowRoot);
        const text = out.filter(Boolean).join(' | ');
        return text !== prev && sources.some((r) => new RegExp(r, 'i').test(text)) ? text : false;
      }, [res, said[said.length - 1] ?? ''], { timeout: 2000 }).catch(async () => { throw new Error(`after ${i} press(es) the live regions say "${await liveText()}", expected one of ${templates.map((t) => JSON.stringify(t)).join(', ')}`); });
      said.push(await h.jsonValue());
    }
    assert.notEqual(said[0], said[1], 'the announcement changes between the 1st and 2nd press');
    assert.ok(!(await pageIsBlank(s.page)), 'two presses do not exit');
    assert.ok(s.page.url().includes(PAGES.council), 'still on the page after two presses');
    assert.equal(s.stubbed.length, 0, 'no exit after two presses');
  } finally { await s.close(); }
});
