// A wrong device clock must not pick the wrong line (docs/web.md, "The clock"): the data bundle's
// `Date` header, when the server has just sent it, overrides a device clock more than 5 minutes
// out; a copy from a cache, or a difference under 5 minutes, leaves the device clock alone. The
// outcome shows the London time it was worked out for. The demo server sends the `Date` (and any
// other header) a test asks for (harness TEST_HEADERS). The device clock is set wrong by moving
// `Date` alone (deviceClock): Playwright's clock API also replaces `performance`, whose Resource
// Timing the element reads, with a stand-in that has no entries.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startDemo, openSession, currentScreen, walk, walkableCases, outcomeDetails, ui, wording, norm, PAGES, TEST_HEADERS } from './harness.mjs';

let browser, server;
const sent = []; // {path, status, bytes} of every response
before(async () => {
  browser = await launch();
  server = await startDemo('demo', { onSent: (r) => sent.push(r) });
});
after(async () => { await browser?.close(); await server?.close(); });

// Thursday 3 December 2026 (GMT): MASH answers at 2pm, the Out of Hours line at 10pm.
const THURSDAY_2PM = '2026-12-03T14:00:30Z';
const THURSDAY_10PM = '2026-12-03T22:00:00Z';
const httpDate = (iso) => new Date(iso).toUTCString();

/**
 * Sets the page's device clock to `iso` from the next navigation on: `Date` (and `Date.now`)
 * run that far from the real clock; `performance` is left alone, as on a device set wrong.
 */
async function deviceClock(s, iso) {
  const offset = Date.parse(iso) - Date.now();
  if (!s.shifted) {
    s.shifted = true;
    await s.context.addInitScript(() => {
      const Real = Date;
      const shift = () => globalThis.__fdDeviceOffset || 0;
      class Device extends Real {
        constructor(...args) { super(...(args.length ? args : [Real.now() + shift()])); }
        static now() { return Real.now() + shift(); }
      }
      globalThis.Date = Device;
    });
  }
  // Init scripts run in the order they were added: the last offset wins.
  await s.context.addInitScript((ms) => { globalThis.__fdDeviceOffset = ms; }, offset);
}

/** A case that reaches MASH when it is open (its facts lead to the Out of Hours line at night). */
function mashCase(professional = false) {
  const c = walkableCases().find((x) => x.expect.first === 'mash' && (x.facts.audience === 'professional') === professional);
  assert.ok(c, 'tests/cases/routes.json has a walkable case that reaches MASH');
  return c;
}

/** ui.json `date_time` for Thursday 3 December 2026 at `time`. */
const thursdayAt = (time) => wording(ui().date_time).replace('{date}', 'Thursday 3 December 2026').replace('{time}', time);

/** ui.json `outcome_time` as the element fills it, on Thursday 3 December 2026. */
function workedOut(time) {
  return wording(ui().outcome_time, 'parent').replace('{time}', thursdayAt(time));
}

/** Visits the council page, walks `facts`; → {first service, the time line, bundle responses}. */
async function visit(s, facts, file = PAGES.council) {
  const before = sent.length;
  await s.page.goto(server.url + file);
  await currentScreen(s.page);
  await walk(s.page, facts);
  const details = await outcomeDetails(s.page);
  const time = await s.page.locator('#fd-outcome-time').textContent();
  const bundles = sent.slice(before).filter((r) => r.path.endsWith('/frontdoor-data.json'));
  return { first: details.services[0], time: norm(time), bundles };
}

/**
 * A session whose device clock reads `device` and whose server sends `headers`: `visits(s, c)`
 * walks the case that reaches MASH (a professional's when `professional`); nothing may leave the
 * test server, and nothing may fail.
 */
async function withClocks({ device, headers, professional = false }, visits) {
  const c = mashCase(professional);
  const s = await openSession(browser, { origin: server.origin, serverHeaders: headers });
  try {
    await deviceClock(s, device);
    await visits(s, c);
    assert.deepEqual(s.log.foreignRequests, [], 'no request leaves the test server');
    assert.deepEqual(s.log.pageErrors, []);
    assert.deepEqual(s.log.consoleErrors, []);
  } finally { await s.close(); }
}

test('a device clock hours ahead routes on the server\'s time and says which time', { timeout: 60000 }, async () => {
  await withClocks({ device: THURSDAY_10PM, headers: { Date: httpDate(THURSDAY_2PM) } }, async (s, c) => {
    const seen = await visit(s, c.facts);
    assert.equal(seen.first, 'mash', 'the server says 2pm on Thursday: MASH answers');
    assert.equal(seen.time, workedOut('2pm'));
    assert.equal(seen.bundles.length, 1, 'the bundle is fetched once: nothing else is asked for the time');
  });
});

test('a device clock hours behind routes on the server\'s time too', { timeout: 60000 }, async () => {
  await withClocks({ device: THURSDAY_2PM, headers: { Date: httpDate(THURSDAY_10PM) } }, async (s, c) => {
    const seen = await visit(s, c.facts);
    assert.equal(seen.first, 'out-of-hours', 'the server says 10pm on Thursday: the Out of Hours line answers');
    assert.equal(seen.time, workedOut('10pm'));
  });
});

test('a difference under 5 minutes keeps the device clock', { timeout: 60000 }, async () => {
  await withClocks({ device: THURSDAY_10PM, headers: { Date: httpDate('2026-12-03T21:56:00Z') } }, async (s, c) => {
    const seen = await visit(s, c.facts);
    assert.equal(seen.first, 'out-of-hours');
    assert.equal(seen.time, workedOut('10pm'), 'the device\'s 10pm, not the server\'s 9.56pm');
  });
});

test('a copy from the browser\'s cache does not vouch for the time', { timeout: 90000 }, async () => {
  // First visit at 2pm: device and server agree, and the server lets the browser keep the bundle.
  const headers = { Date: httpDate(THURSDAY_2PM), 'Cache-Control': 'max-age=604800' };
  await withClocks({ device: THURSDAY_2PM, headers }, async (s, c) => {
    const first = await visit(s, c.facts);
    assert.equal(first.first, 'mash');
    assert.equal(first.bundles.length, 1);
    // 10pm: the bundle comes from the cache with its 2pm Date; the device clock is right.
    await deviceClock(s, THURSDAY_10PM);
    const later = await visit(s, c.facts);
    assert.equal(later.bundles.length, 0, 'the second visit takes the bundle from the browser\'s cache');
    assert.equal(later.first, 'out-of-hours', 'the cached Date (2pm) does not override the device clock (10pm)');
    assert.equal(later.time, workedOut('10pm'));
  });
});

test('a response a cache on the way kept (an Age header) does not vouch for the time', { timeout: 60000 }, async () => {
  await withClocks({ device: THURSDAY_10PM, headers: { Date: httpDate(THURSDAY_2PM), Age: '28770' } }, async (s, c) => {
    const seen = await visit(s, c.facts);
    assert.equal(seen.first, 'out-of-hours');
    assert.equal(seen.time, workedOut('10pm'));
  });
});

test('a copy revalidated with the server (a 304) carries the server\'s new Date', { timeout: 90000 }, async () => {
  await withClocks({ device: THURSDAY_2PM, headers: { Date: httpDate(THURSDAY_2PM) } }, async (s, c) => {
    const first = await visit(s, c.facts);
    assert.equal(first.first, 'mash');
    // The device clock jumps to 10pm; the server, asked again (no-cache), says 2.05pm.
    await deviceClock(s, THURSDAY_10PM);
    await s.context.setExtraHTTPHeaders({ [TEST_HEADERS]: JSON.stringify({ Date: httpDate('2026-12-03T14:05:30Z') }) });
    const later = await visit(s, c.facts);
    assert.deepEqual(later.bundles.map((r) => r.status), [304], 'the bundle is revalidated, not downloaded again');
    assert.equal(later.first, 'mash', 'the 304\'s Date is the server\'s now');
    assert.equal(later.time, workedOut('2.05pm'));
  });
});

test('the professional\'s decision record gives the server\'s time too', { timeout: 60000 }, async () => {
  await withClocks({ device: THURSDAY_10PM, headers: { Date: httpDate(THURSDAY_2PM) }, professional: true }, async (s, c) => {
    const seen = await visit(s, c.facts, PAGES.intranet);
    assert.equal(seen.first, 'mash');
    assert.equal(seen.time, workedOut('2pm'));
    const record = await s.page.locator('#fd-record-text').textContent();
    assert.ok(record.split('\n').includes(wording(ui().record_time).replace('{time}', thursdayAt('2pm'))), record);
  });
});
