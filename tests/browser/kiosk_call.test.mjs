// The kiosk has no phone (issue 15, items 6 and 7): on an outcome every number shows as large
// text with no tel: link and a QR code that decodes (jsQR, on a screenshot of the drawn SVG) to
// that number's tel: address; a danger outcome says to tell a member of staff; and an answer
// only ticked on the first screen is cleared by the idle reset.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import jsQR from 'jsqr';
import { launch, openKioskOffline, walk, ui, wording, norm, screenControls, currentScreen, questionHeading, runAxe, formatViolations } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Decodes a PNG screenshot with jsQR: the PNG is read into pixels by a blank page's canvas. */
async function decodePng(png) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const image = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      return { width: canvas.width, height: canvas.height, data: Array.from(ctx.getImageData(0, 0, canvas.width, canvas.height).data) };
    }, png.toString('base64'));
    const found = jsQR(Uint8ClampedArray.from(image.data), image.width, image.height);
    return found ? found.data : null;
  } finally { await context.close(); }
}

test('a kiosk outcome in danger: numbers as large text with a QR code each that decodes to the number, no tel: link, and "tell a member of staff"', { timeout: 90000 }, async () => {
  const { s } = await openKioskOffline(browser, '2026-11-26T11:00:00Z');
  try {
    await walk(s.page, { audience: 'parent', immediate_danger: true });
    const seen = await s.page.evaluate(() => {
      const root = document.querySelector('frontdoor-wizard').shadowRoot;
      return {
        tel: [...root.querySelectorAll('a[href^="tel:"]')].map((a) => a.getAttribute('href')),
        level: root.querySelector('[data-level]')?.getAttribute('data-level'),
        staff: root.querySelector('.fd-kiosk-staff')?.textContent ?? null,
        numbers: [...root.querySelectorAll('.fd-card .fd-kiosk-number')].map((n) => ({
          text: n.textContent.replace(/\s+/g, ' ').trim(),
          size: parseFloat(getComputedStyle(n).fontSize),
          qr: n.closest('p').nextElementSibling?.matches('.fd-kiosk-qr') ? n.closest('p').nextElementSibling.getAttribute('data-tel') : null,
        })),
      };
    });
    assert.deepEqual(seen.tel, [], 'no tel: link anywhere in the kiosk (header and outcome)');
    assert.equal(seen.level, 'red');
    assert.equal(norm(seen.staff), norm(wording(ui().kiosk_tell_staff, 'parent')), 'the danger outcome says to tell a member of staff (ui.json kiosk_tell_staff)');
    assert.ok(seen.numbers.length >= 2, `999 and MASH are shown (${JSON.stringify(seen.numbers)})`);
    for (const n of seen.numbers) {
      assert.ok(n.size >= 32, `"${n.text}" is large (${n.size}px)`);
      const digits = n.text.replace(/^\D+/, '').replace(/\D/g, '');
      assert.equal(n.qr, `tel:${digits}`, `"${n.text}" has its QR code`);
    }
    assert.ok(seen.numbers.some((n) => n.qr === 'tel:03004560108'), 'MASH\'s number is one of them');

    const codes = s.page.locator('frontdoor-wizard .fd-card .fd-kiosk-qr');
    assert.equal(await codes.count(), seen.numbers.length, 'one QR code per number');
    for (let i = 0; i < seen.numbers.length; i += 1) {
      const code = codes.nth(i);
      const label = await code.locator('svg').getAttribute('aria-label');
      assert.match(label, new RegExp(seen.numbers[i].text.replace(/^\D+/, '').replace(/ /g, '\\s')), 'the code is labelled with its number');
      const decoded = await decodePng(await code.locator('svg').screenshot());
      assert.equal(decoded, seen.numbers[i].qr, `the QR code of "${seen.numbers[i].text}" decodes to its tel: address`);
    }
    const violations = await runAxe(s.page);
    assert.deepEqual(violations, [], `axe on the kiosk's danger outcome:\n${formatViolations(violations)}`);
    assert.deepEqual(s.log.cspViolations, [], 'drawn under the kiosk\'s strict CSP');
    assert.deepEqual(s.log.consoleErrors, []);
    assert.deepEqual(s.log.pageErrors, []);
  } finally { await s.close(); }
});

test('a kiosk outcome that is not in danger has numbers with QR codes but no "tell a member of staff"', { timeout: 90000 }, async () => {
  const { s } = await openKioskOffline(browser, '2026-11-26T11:00:00Z');
  try {
    await walk(s.page, { audience: 'parent', immediate_danger: false, concern: 'team_contact', area: 'Chippenham' });
    const seen = await s.page.evaluate(() => {
      const root = document.querySelector('frontdoor-wizard').shadowRoot;
      return { tel: root.querySelectorAll('a[href^="tel:"]').length, staff: !!root.querySelector('.fd-kiosk-staff'),
        numbers: root.querySelectorAll('.fd-card .fd-kiosk-number').length, codes: root.querySelectorAll('.fd-card .fd-kiosk-qr svg path').length };
    });
    assert.equal(seen.tel, 0);
    assert.equal(seen.staff, false);
    assert.ok(seen.numbers >= 1 && seen.codes === seen.numbers, JSON.stringify(seen));
  } finally { await s.close(); }
});

test('an answer only ticked on the kiosk\'s first screen is cleared by the idle reset', { timeout: 60000 }, async () => {
  const { s, first } = await openKioskOffline(browser, '2026-11-26T11:00:00Z');
  try {
    const idle = Number(await s.page.locator('frontdoor-wizard').getAttribute('idle-seconds') ?? 120);
    await s.page.locator('frontdoor-wizard #fd-answer-0').check();
    assert.ok((await screenControls(s.page)).radios.some((r) => r.checked), 'ticked');
    await s.page.clock.runFor((idle - 5) * 1000);
    assert.ok((await screenControls(s.page)).radios.some((r) => r.checked), 'still ticked before the idle time');
    await s.page.clock.runFor(6000);
    assert.ok(await s.page.locator('frontdoor-wizard #fd-keep-going').isVisible(), 'the countdown shows after idle-seconds');
    for (let sec = 0; sec < 12; sec += 1) await s.page.clock.runFor(1000);
    const screen = await currentScreen(s.page);
    assert.equal(screen.text, first.text, 'the first screen shows');
    assert.ok(await questionHeading(s.page).isVisible());
    assert.ok(!(await screenControls(s.page)).radios.some((r) => r.checked), 'nothing is selected');
    assert.equal(await s.page.locator('frontdoor-wizard #fd-keep-going').count(), 0, 'the countdown has gone');
    assert.deepEqual(s.log.pageErrors, []);
  } finally { await s.close(); }
});
