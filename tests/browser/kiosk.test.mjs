// The one-file kiosk from file:// with no network at all: it works, counts down when idle, then
// starts again with nothing remembered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openKioskOffline, answerByKeyboard, nextScreen,
  screenControls, uiStrings, templateRegExp, routeCases } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the kiosk file from file:// with the network blocked counts down when idle, then resets to the first question with no answers kept', { timeout: 60000 }, async (t) => {
  const { s, blocked, first, q, value } = await openKioskOffline(browser, routeCases()[0]?.at ?? '2026-11-26T11:00:00Z');
  try {
    await answerByKeyboard(s.page, q, value, q.fact === 'audience' ? value : undefined);
    const second = await nextScreen(s.page, first.text);
    assert.notEqual(second.text, first.text, 'answering moved on to another screen');

    const idleAttr = await s.page.locator('frontdoor-wizard').getAttribute('idle-seconds');
    const idle = Number(idleAttr ?? 120);
    assert.ok(idle > 0 && idle <= 600, `a sensible idle timeout (${idle} s)`);
    const countdownRes = uiStrings(/idle|countdown|reset|timeout|inactiv|still.?there|start.?again.?in/i)
      .map((x) => templateRegExp(x.text).source);

    // Let time pass one second at a time; note when the countdown shows and when it resets.
    let countdownAt = null, resetAt = null, countdownText = '';
    for (let sec = 1; sec <= idle + 180 && resetAt === null; sec++) {
      await s.page.clock.runFor(1000);
      const st = await s.page.evaluate((sources) => {
        const host = document.querySelector('frontdoor-wizard');
        const root = host?.shadowRoot ?? document;
        const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
        const text = [...root.querySelectorAll('*')].filter((e) => visible(e) && e.children.length === 0).map((e) => e.textContent).join(' ').replace(/\s+/g, ' ');
        const widget = [...root.querySelectorAll('[role=timer], [role=alertdialog], dialog[open], [aria-live]')]
          .filter(visible).map((e) => e.textContent.replace(/\s+/g, ' ').trim()).filter(Boolean).join(' | ');
        const m = sources.map((r) => new RegExp(r, 'i')).find((r) => r.test(text));
        const h = root.querySelector('h1#fd-question');
        return { countdown: m ? (text.match(m)?.[0] ?? widget) : (/\d/.test(widget) ? widget : ''), heading: h && visible(h) ? h.textContent.replace(/\s+/g, ' ').trim() : null };
      }, countdownRes);
      if (st.countdown && countdownAt === null) { countdownAt = sec; countdownText = st.countdown; }
      if (st.heading === first.text) resetAt = sec;
    }
    t.diagnostic(`idle-seconds ${idle}; countdown "${countdownText}" after ${countdownAt} s; reset after ${resetAt} s`);
    assert.ok(countdownAt !== null, `a countdown was shown before the reset (wording from data/ui.json: ${countdownRes.length} candidate strings)`);
    assert.ok(resetAt !== null, `the wizard went back to the first question within ${idle + 180} s`);
    assert.ok(countdownAt < resetAt, `the countdown ("${countdownText}" at ${countdownAt} s) came before the reset (${resetAt} s)`);
    assert.ok(resetAt >= idle * 0.5, `no reset before the idle time (reset after ${resetAt} s, idle-seconds ${idle})`);
    const controls = await screenControls(s.page);
    assert.ok(!controls.radios.some((r) => r.checked), 'no answer is kept on the first question after the reset');

    assert.deepEqual(blocked, [], 'the kiosk asked for nothing outside its own file');
    assert.deepEqual(s.log.consoleErrors, [], 'no console error');
    assert.deepEqual(s.log.pageErrors, [], 'no uncaught error');
  } finally { await s.close(); }
});
