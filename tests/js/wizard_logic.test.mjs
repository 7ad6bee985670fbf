// Pure logic of <frontdoor-wizard> (no DOM): facts stack, time formatting, tel: hrefs, the
// Shift×3 exit counter, the kiosk idle timer, attribute checks, the decision record, imported
// from the element's modules; plus what every module keeps to (docs/web.md) and data/ui.json
// against its schema and the ids the element uses.
//
//   node --test tests/js/

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const COMPONENT = join(ROOT, 'web', 'components', 'frontdoor-wizard');
const MODULES = readdirSync(COMPONENT).filter((name) => name.endsWith('.js')).sort();
/** Every module of the element, by file name. */
const SOURCES = Object.fromEntries(MODULES.map((name) => [name, readFileSync(join(COMPONENT, name), 'utf8')]));
const SOURCE = Object.values(SOURCES).join('\n');
const UI = JSON.parse(readFileSync(join(ROOT, 'data', 'ui.json'), 'utf8'));
const UI_SCHEMA = JSON.parse(readFileSync(join(ROOT, 'data', 'schema', 'ui.schema.json'), 'utf8'));

// The pure modules (no DOM needed), imported as they are.
const W = {
  ...await import('../../web/components/frontdoor-wizard/wording.js'),
  ...await import('../../web/components/frontdoor-wizard/contacts.js'),
  ...await import('../../web/components/frontdoor-wizard/london-time.js'),
  ...await import('../../web/components/frontdoor-wizard/clock.js'),
  ...await import('../../web/components/frontdoor-wizard/flow.js'),
  ...await import('../../web/components/frontdoor-wizard/answers.js'),
  ...await import('../../web/components/frontdoor-wizard/attributes.js'),
  ...await import('../../web/components/frontdoor-wizard/exit-this-page.js'),
  ...await import('../../web/components/frontdoor-wizard/kiosk-idle.js'),
  ...await import('../../web/components/frontdoor-wizard/record.js'),
  ...await import('../../web/components/frontdoor-wizard/bundle.js'),
  ...await import('../../web/components/frontdoor-wizard/events.js'),
  ...await import('../../web/components/frontdoor-wizard/render-question.js'),
  ...await import('../../web/components/frontdoor-wizard/kiosk-call.js'),
  ...await import('../../web/components/frontdoor-wizard/history.js'),
};
const t = W.makeTranslator(UI, 'parent');

describe('the element\'s modules (docs/web.md)', () => {
  test('each module opens with a comment saying what it owns', () => {
    for (const [name, text] of Object.entries(SOURCES)) {
      assert.match(text, new RegExp(`^/\\*\\*\\n \\* ${name.replace('.', '\\.')}: `), `${name} opens with "/** ${name}: what it owns"`);
    }
  });

  test('import.meta only where the worker finds its script, no inline styles, no innerHTML, no storage, no URL changes', () => {
    for (const [name, text] of Object.entries(SOURCES)) {
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      assert.equal((code.match(/import\.meta/g) || []).length, name === 'worker-protocol.js' ? 1 : 0, name);
      for (const banned of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', '.style.', "createElement('style')",
        'localStorage', 'sessionStorage', 'indexedDB', 'document.cookie', 'pushState', 'replaceState', 'location.hash', 'eval(', 'new Function']) {
        // history.js alone adds history entries for Back (issue 15): checked below.
        if (name === 'history.js' && (banned === 'pushState' || banned === 'replaceState')) continue;
        assert.ok(!code.includes(banned), `${name} must not use ${banned}`);
      }
    }
  });

  test('history entries keep the URL and hold a step counter only (history.js)', () => {
    const code = SOURCES['history.js'].replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    const pushes = [...code.matchAll(/pushState\(([^;]*)\);/g)].map((m) => m[1]);
    assert.deepEqual(pushes, ["{ [HISTORY_KEY]: count }, '', view.location.href"], 'one pushState: the counter, the same URL');
    assert.ok(!code.includes('replaceState'), 'no entry is rewritten');
  });

  test('modules import each other by relative path only (one folder per component)', () => {
    for (const [name, text] of Object.entries(SOURCES)) {
      for (const m of text.matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm)) {
        assert.match(m[1], /^(\.\/[a-z-]+\.(js|css)|\.\.\/\.\.\/core\/frontdoor-core\.js|frontdoor:first-screen|frontdoor:kiosk-qr)$/, `${name} imports ${m[1]}`);
      }
    }
  });
});

describe('Back and Forward through the history (history.js)', () => {
  test('a state holds a step counter or nothing', () => {
    assert.equal(W.stepOf({ [W.HISTORY_KEY]: 3 }), 3);
    for (const other of [null, undefined, {}, { [W.HISTORY_KEY]: 'x' }, { [W.HISTORY_KEY]: -1 }, 5]) assert.equal(W.stepOf(other), 0);
  });
  test('each entry back is one question back; forward restores answers kept from Back', () => {
    assert.equal(W.answersAfterMove(2, 1, 2), 1);
    assert.equal(W.answersAfterMove(2, 0, 2), 0);
    assert.equal(W.answersAfterMove(3, 1, 1), 0, 'never below none');
    assert.equal(W.answersAfterMove(1, 1, 1), null, 'no move');
    assert.equal(W.answersAfterMove(0, 0, 0), null);
    assert.equal(W.answersAfterMove(1, 2, 1, 3), 2, 'forward one');
    assert.equal(W.answersAfterMove(0, 3, 0, 2), 2, 'as far as the kept answers go');
    assert.equal(W.answersAfterMove(1, 2, 1, 0), null, 'nothing kept: nothing changes');
  });
});

describe('wording', () => {
  test('ui.json is valid against data/schema/ui.schema.json', () => {
    const ajv = new Ajv2020({ allErrors: true });
    const validate = ajv.compile(UI_SCHEMA);
    assert.ok(validate(UI), JSON.stringify(validate.errors, null, 2));
  });

  test('the schema rejects missing ids, empty strings and per-audience objects without default', () => {
    const validate = new Ajv2020({ allErrors: true }).compile(UI_SCHEMA);
    const { button_continue: _drop, ...missing } = UI;
    assert.equal(validate(missing), false);
    assert.equal(validate({ ...UI, button_back: '' }), false);
    assert.equal(validate({ ...UI, button_back: { parent: 'Back' } }), false);
    assert.equal(validate({ ...UI, button_back: { default: 'Back', teacher: 'Back' } }), false);
    assert.equal(validate({ ...UI, 'Bad-Id': 'x' }), false);
  });

  test('every id the element asks for is in ui.json and required by the schema', () => {
    const ids = new Set([...SOURCE.matchAll(/\bt(?:\.raw|\.has)?\('([a-z0-9_]+)'/g)].map((m) => m[1]));
    for (const m of SOURCE.matchAll(/'(error_number_[a-z]+|contact_(?:email|web))'/g)) ids.add(m[1]);
    assert.ok(ids.size > 40, `found only ${ids.size} ids`);
    for (const id of ids) {
      assert.ok(id in UI, `ui.json has no "${id}"`);
      assert.ok(UI_SCHEMA.required.includes(id), `the schema does not require "${id}"`);
    }
  });

  test('the danger line has a {number} for every audience and 999 is the number', () => {
    for (const audience of [null, 'parent', 'young_person', 'professional', 'public']) {
      const line = W.makeTranslator(UI, audience).raw('danger_line');
      assert.match(line, /\{number\}/);
    }
    assert.equal(W.telHref(UI.danger_number), 'tel:999');
  });

  test('per-audience wording falls back to default; placeholders are filled', () => {
    assert.equal(W.resolveWording({ default: 'A', young_person: 'B' }, 'young_person'), 'B');
    assert.equal(W.resolveWording({ default: 'A', young_person: 'B' }, 'parent'), 'A');
    assert.equal(W.resolveWording({ default: 'A' }, null), 'A');
    assert.equal(W.resolveWording(42, 'parent'), null);
    assert.equal(W.fillTemplate('Open now until {time}', { time: '5pm' }), 'Open now until 5pm');
    assert.equal(W.fillTemplate('Hello {who}', {}), 'Hello {who}');
    assert.deepEqual(W.templateParts('Call {number} now'), [{ text: 'Call ' }, { name: 'number' }, { text: ' now' }]);
    const missing = [];
    const tr = W.makeTranslator({ a: 'x' }, null, (id) => missing.push(id));
    assert.equal(tr('nope'), 'nope');
    assert.deepEqual(missing, ['nope']);
  });
});

describe('tel: links', () => {
  test('digits only in the href, null without digits', () => {
    assert.equal(W.telHref('0300 456 0108'), 'tel:03004560108');
    assert.equal(W.telHref('01249 707 990'), 'tel:01249707990');
    assert.equal(W.telHref('116 123'), 'tel:116123');
    assert.equal(W.telHref('+44 300 456 0100'), 'tel:+443004560100');
    assert.equal(W.telHref(''), null);
    assert.equal(W.telHref(null), null);
    assert.equal(W.telHref('call us'), null);
  });
});

describe('one wording of opening status (tests/cases/open_status.json)', () => {
  // tests/open_status_test.cpp runs the same rows through `frontdoor ask`'s formatter.
  const table = JSON.parse(readFileSync(join(ROOT, 'tests', 'cases', 'open_status.json'), 'utf8'));
  const wording = W.makeTranslator(UI, null);
  test('the table has rows', () => assert.ok(table.rows.length > 0));
  for (const row of table.rows) {
    test(row.name, () => assert.equal(W.openStatusText(row.contact, row.now, wording), row.expect));
  }
});

describe('the clock: the server\'s Date against the device\'s', () => {
  const date = 'Thu, 03 Dec 2026 14:00:00 GMT';
  const server = Date.parse(date);
  const fresh = { transferSize: 900, responseStart: 120 };
  const minutes = (n) => n * 60000;
  // `device`: the device clock when the response arrived (performance time 120).
  const verdict = (device, { headers = { Date: date }, entry = fresh } = {}) => W.serverClock(new Headers(headers), entry, device - 120);
  test('a device clock hours out gives the server\'s time, advanced from the response', () => {
    const clock = verdict(server + minutes(8 * 60));
    assert.equal(clock, server - 120);
    const before = performance.now();
    const now = W.clockNow(clock);
    const after = performance.now();
    assert.ok(now >= server + before - 120 && now <= server + after - 120);
  });
  test('a device clock behind by hours is corrected too', () => {
    assert.equal(verdict(server - minutes(3 * 60)), server - 120);
  });
  test('a difference under 5 minutes keeps the device clock (Date has whole seconds)', () => {
    assert.equal(verdict(server + minutes(4)), null);
    assert.equal(verdict(server - minutes(5)), null);
    assert.equal(verdict(server + minutes(5) + 999), null);
    assert.equal(verdict(server + minutes(5) + 1001), server - 120);
    assert.equal(verdict(server - minutes(5) - 1), server - 120);
  });
  test('a response from a cache does not vouch for the time', () => {
    const device = server + minutes(8 * 60);
    assert.equal(verdict(device, { entry: { ...fresh, transferSize: 0 } }), undefined); // the browser's cache
    assert.equal(verdict(device, { headers: { Date: date, Age: '3600' } }), undefined); // a cache on the way
    assert.equal(verdict(device, { headers: { Date: date, Age: 'soon' } }), undefined);
    assert.equal(verdict(device, { headers: { Date: date, Age: '0' } }), server - 120);
  });
  test('no readable Date, or no timing, keeps the device clock', () => {
    const device = server + minutes(8 * 60);
    assert.equal(verdict(device, { headers: {} }), undefined);
    assert.equal(verdict(device, { headers: { Date: 'yesterday' } }), undefined);
    assert.equal(verdict(device, { entry: { ...fresh, responseStart: 0 } }), undefined);
    assert.equal(W.serverClock(new Headers({ Date: date }), undefined, device), undefined); // no Resource Timing entry
  });
  test('without a server clock, now is the device\'s', () => {
    const before = Date.now();
    const now = W.clockNow(null);
    assert.ok(now >= before && now <= Date.now());
    assert.ok(W.clockNow(undefined) >= before);
  });
  test('an outcome says the London time it was worked out for, as the decision record does', () => {
    assert.equal(t('outcome_time', { time: W.formatDateTime('2026-12-03T16:50:00+00:00', t) }), 'Worked out for Thursday 3 December 2026 at 4.50pm (UK time)');
    assert.equal(t('outcome_time', { time: W.formatDateTime('2026-07-09T23:30:00Z', t) }), 'Worked out for Friday 10 July 2026 at 12.30am (UK time)');
  });
});

describe('times in Europe/London', () => {
  test('clock times as the directory writes them, GMT and BST', () => {
    const words = { midnight: 'midnight', midday: 'midday' };
    assert.equal(W.formatClock('2026-11-27T17:00:00+00:00', words), '5pm');
    assert.equal(W.formatClock('2026-11-27T08:45:00Z', words), '8.45am');
    assert.equal(W.formatClock('2026-11-28T00:00:00+00:00', words), 'midnight');
    assert.equal(W.formatClock('2026-11-27T12:00:00Z', words), 'midday');
    assert.equal(W.formatClock('2026-11-27T12:30:00Z', words), '12.30pm');
    assert.equal(W.formatClock('2026-11-27T00:05:00Z', words), '12.05am');
    // BST: 16:00Z is 5pm in London in July.
    assert.equal(W.formatClock('2026-07-10T16:00:00Z', words), '5pm');
    assert.equal(W.formatClock('2026-07-10T17:00:00+01:00', words), '5pm');
    assert.equal(W.formatClock('not a date', words), '');
  });

  test('clock change days: last Sunday of March and October 2026', () => {
    assert.equal(W.formatClock('2026-03-29T00:59:00Z'), '12.59am'); // still GMT
    assert.equal(W.formatClock('2026-03-29T01:00:00Z'), '2am'); // BST starts
    assert.equal(W.formatClock('2026-10-25T00:30:00Z'), '1.30am'); // BST
    assert.equal(W.formatClock('2026-10-25T01:30:00Z'), '1.30am'); // GMT again
  });

  test('today / tomorrow / a later day, by the London date (not UTC)', () => {
    const now = '2026-11-27T16:30:00Z'; // Friday
    assert.equal(W.formatWhen('2026-11-27T17:00:00Z', now, t), 'today at 5pm');
    assert.equal(W.formatWhen('2026-11-28T09:00:00Z', now, t), 'tomorrow at 9am');
    assert.equal(W.formatWhen('2026-11-30T08:45:00Z', now, t), 'Monday at 8.45am');
    // 23:30Z on 30 June is 00:30 BST on 1 July: "tomorrow" for someone at 22:00 BST on 30 June.
    assert.equal(W.formatWhen('2026-06-30T23:30:00Z', '2026-06-30T21:00:00Z', t), 'tomorrow at 12.30am');
  });

  test('the element\'s open line: answered day and night when open 24 hours or for more than a day ahead', () => {
    const now = '2026-12-24T17:00:00Z';
    assert.equal(W.openStatusLine({ open_now: true, closes_at: null }, now, t), 'Answered day and night');
    assert.equal(W.openStatusLine({ open_now: true, closes_at: '2026-12-29T09:00:00+00:00' }, now, t), 'Answered day and night');
    assert.equal(W.openStatusLine({ open_now: true, closes_at: '2026-12-25T17:00:01+00:00' }, now, t), 'Answered day and night');
    // A day or less ahead: the closing time, as openStatusText (and `frontdoor ask`) word it.
    assert.equal(W.openStatusLine({ open_now: true, closes_at: '2026-12-25T17:00:00+00:00' }, now, t), 'Open now until 5pm tomorrow');
    assert.equal(W.openStatusLine({ open_now: true, closes_at: '2026-12-24T23:00:00+00:00' }, now, t), 'Open now until 11pm');
    assert.equal(W.openStatusLine({ open_now: false, opens_next: '2026-12-29T08:45:00+00:00' }, now, t), 'Closed. Opens Tuesday at 8.45am');
    assert.equal(W.openStatusLine({ open_now: null }, now, t), 'Hours not published');
    assert.equal(UI.open_day_and_night, 'Answered day and night');
  });

  test('phone numbers inside a note are found for tap-to-call links', () => {
    assert.deepEqual(W.phoneParts('Only if 0300 456 0100 cannot be reached, call 07796 994101.'), [
      { text: 'Only if ' }, { phone: '0300 456 0100' }, { text: ' cannot be reached, call ' }, { phone: '07796 994101' }, { text: '.' }]);
    assert.deepEqual(W.phoneParts('In danger, call 999.'), [{ text: 'In danger, call ' }, { phone: '999' }, { text: '.' }]);
    assert.deepEqual(W.phoneParts('Year 2026, ref 1234 5678, 0300 456'), [{ text: 'Year 2026, ref 1234 5678, 0300 456' }]);
  });

  test('the open/closed line', () => {
    const now = '2026-11-27T15:59:00Z';
    assert.equal(W.openStatusText({ open_now: true, closes_at: '2026-11-27T16:00:00+00:00' }, now, t), 'Open now until 4pm');
    assert.equal(W.openStatusText({ open_now: true, closes_at: '2026-11-28T00:00:00+00:00' }, now, t), 'Open now until midnight');
    assert.equal(W.openStatusText({ open_now: true, closes_at: null }, now, t), 'Open now, 24 hours a day');
    // Open through the night or the weekend: the day is named.
    assert.equal(W.openStatusText({ open_now: true, closes_at: '2026-11-28T09:00:00+00:00' }, '2026-11-27T23:30:00Z', t), 'Open now until 9am tomorrow');
    assert.equal(W.openStatusText({ open_now: true, closes_at: '2026-11-30T09:00:00+00:00' }, '2026-11-27T16:00:00Z', t), 'Open now until 9am on Monday');
    assert.equal(W.openStatusText({ open_now: true, closes_at: '2026-11-28T00:00:00+00:00' }, '2026-11-27T23:59:00Z', t), 'Open now until midnight');
    assert.equal(W.openStatusText({ open_now: true, closes_at: '2026-11-29T00:00:00+00:00' }, '2026-11-27T16:00:00Z', t), 'Open now until midnight tomorrow');
    assert.equal(W.openStatusText({ open_now: false, opens_next: '2026-11-30T08:45:00+00:00' }, now, t), 'Closed. Opens Monday at 8.45am');
    assert.equal(W.openStatusText({ open_now: false, opens_next: null }, now, t), 'Closed now');
    assert.equal(W.openStatusText({ open_now: null }, now, t), 'Hours not published');
  });

  test('dates and date-times', () => {
    assert.equal(W.formatDate('2026-11-26'), '26 November 2026');
    assert.equal(W.formatDate('garbage'), 'garbage');
    assert.equal(W.formatDateTime('2026-11-27T16:00:00Z', t), 'Friday 27 November 2026 at 4pm');
    assert.equal(W.isoInstant(Date.UTC(2026, 10, 27, 16, 0, 0, 123)), '2026-11-27T16:00:00Z');
  });
});

describe('facts stack', () => {
  const q = (fact, value, label = String(value)) => ({ fact, value, question: `${fact}?`, label });

  test('answers accumulate over the pre-fills', () => {
    let flow = W.newFlow({ audience: 'professional' });
    flow = W.flowAnswer(flow, q('immediate_danger', false));
    flow = W.flowAnswer(flow, q('concern', 'harm'));
    assert.deepEqual(W.flowFacts(flow), { audience: 'professional', immediate_danger: false, concern: 'harm' });
  });

  test('an answer of "I don\'t know" is sent as null', () => {
    const flow = W.flowAnswer(W.newFlow(), q('child_age', null, "I don't know"));
    assert.deepEqual(W.flowFacts(flow), { child_age: null });
  });

  test('Back forgets the last fact but keeps it for pre-selection', () => {
    let flow = W.newFlow();
    flow = W.flowAnswer(flow, q('audience', 'parent'));
    flow = W.flowAnswer(flow, q('concern', 'harm'));
    flow = W.flowBack(flow);
    assert.deepEqual(W.flowFacts(flow), { audience: 'parent' });
    assert.deepEqual(W.flowRemembered(flow, 'concern'), { found: true, value: 'harm' });
    assert.deepEqual(W.flowRemembered(flow, 'area'), { found: false, value: undefined });
    assert.equal(W.flowBack(W.flowBack(W.flowBack(flow))).answers.length, 0);
  });

  test('Change jumps to that answer; later answers stay remembered', () => {
    let flow = W.newFlow();
    for (const [fact, value] of [['audience', 'parent'], ['immediate_danger', false], ['concern', 'harm']]) {
      flow = W.flowAnswer(flow, q(fact, value));
    }
    const changed = W.flowChange(flow, 1);
    assert.deepEqual(W.flowFacts(changed), { audience: 'parent' });
    assert.equal(W.flowRemembered(changed, 'immediate_danger').value, false);
    assert.equal(W.flowRemembered(changed, 'concern').value, 'harm');
    assert.equal(W.flowChange(flow, 7), flow);
    assert.equal(W.flowChange(flow, -1), flow);
  });

  test('answering a fact again replaces it (no duplicates)', () => {
    let flow = W.newFlow();
    flow = W.flowAnswer(flow, q('concern', 'harm'));
    flow = W.flowAnswer(flow, q('concern', 'unsure'));
    assert.equal(flow.answers.length, 1);
    assert.equal(W.flowFacts(flow).concern, 'unsure');
  });

  test('Start again clears answers and memory but keeps the host page\'s pre-fills', () => {
    let flow = W.newFlow({ audience: 'parent' });
    flow = W.flowAnswer(flow, q('concern', 'harm'));
    const reset = W.flowReset(flow);
    assert.deepEqual(W.flowFacts(reset), { audience: 'parent' });
    assert.equal(W.flowRemembered(reset, 'concern').found, false);
  });

  test('flow functions never change their input', () => {
    const flow = Object.freeze({ prefill: Object.freeze({}), answers: Object.freeze([]), remembered: Object.freeze({}) });
    assert.doesNotThrow(() => W.flowBack(W.flowChange(W.flowAnswer(flow, q('a', 1)), 0)));
  });
});

describe('question options', () => {
  test('filters by audience, resolves labels, adds the unknown option as null', () => {
    const question = {
      fact: 'concern', type: 'choice',
      options: [
        { value: 'harm', label: { default: 'A child is being hurt', young_person: 'I am being hurt' }, hint: null },
        { value: 'consultation', label: 'ESA consultation', audiences: ['professional'] },
      ],
      unknown_option: { label: 'Not sure' },
    };
    const yp = W.questionOptions(question, 'young_person', t);
    assert.deepEqual(yp.map((o) => [o.value, o.label]), [['harm', 'I am being hurt'], [null, 'Not sure']]);
    assert.equal(yp[1].unknown, true);
    assert.equal(W.questionOptions(question, 'professional', t).length, 3);
    const yesNo = W.questionOptions({ type: 'yes_no', options: [{ value: true, label: 'Yes' }, { value: false, label: 'No' }] }, null, t);
    assert.deepEqual(yesNo.map((o) => o.value), [true, false]);
  });
});

describe('Change: earlier answers given again when they still fit', () => {
  const towns = ['Trowbridge', 'Royal Wootton Bassett'];
  const choice = { fact: 'concern', type: 'choice', options: [{ value: 'harm', label: { default: 'Harm', young_person: 'Someone hurts me' } }] };
  const yesNo = { fact: 'immediate_danger', type: 'yes_no', options: [{ value: true, label: 'Yes' }, { value: false, label: 'No' }] };
  const age = { fact: 'child_age', type: 'number', min: 0, max: 25, unknown_option: { label: "I don't know" } };
  const area = { fact: 'area', type: 'area', unknown_option: { label: 'Somewhere else' } };

  test('a choice still offered is reused, with its label in the current audience\'s words', () => {
    assert.deepEqual(W.replayAnswer(choice, 'harm', 'young_person', t), { value: 'harm', label: 'Someone hurts me' });
    assert.equal(W.replayAnswer(choice, 'unsure', 'parent', t), null);
    assert.deepEqual(W.replayAnswer(yesNo, false, 'parent', t), { value: false, label: 'No' });
    assert.equal(W.replayAnswer(yesNo, 'false', 'parent', t), null, 'no loose matching of true/false');
  });

  test('numbers in range, towns in the directory and "I don\'t know" are reused', () => {
    assert.deepEqual(W.replayAnswer(age, 12, 'parent', t), { value: 12, label: '12' });
    assert.equal(W.replayAnswer({ ...age, max: 10 }, 12, 'parent', t), null);
    assert.deepEqual(W.replayAnswer(age, null, 'parent', t), { value: null, label: "I don't know" });
    assert.equal(W.replayAnswer({ ...age, unknown_option: undefined }, null, 'parent', t), null);
    assert.deepEqual(W.replayAnswer(area, 'trowbridge', 'parent', t, towns), { value: 'Trowbridge', label: 'Trowbridge' });
    assert.equal(W.replayAnswer(area, 'Swindon', 'parent', t, towns), null);
    assert.deepEqual(W.replayAnswer(area, null, 'parent', t, towns), { value: null, label: 'Somewhere else' });
    const listed = { ...area, options: [{ value: 'Devizes', label: 'Devizes' }] };
    assert.deepEqual(W.replayAnswer(listed, 'DEVIZES', 'parent', t, towns), { value: 'Devizes', label: 'Devizes' });
    assert.equal(W.replayAnswer(listed, 'Trowbridge', 'parent', t, towns), null, 'only the places the core lists');
  });

  test('an area question accepts the places the core lists, else the directory towns', () => {
    const area = { fact: 'area', type: 'area', options: [{ value: 'Calne', label: 'Calne' }, { value: null, label: 'Not sure' }] };
    assert.deepEqual(W.placesFor(area, W.questionOptions(area, null, t), towns), ['Calne']);
    assert.deepEqual(W.placesFor({ fact: 'area', type: 'area' }, [], towns), towns);
    assert.deepEqual(W.placesFor({ fact: 'x', type: 'choice' }, [], towns), []);
  });
});

describe('checks', () => {
  test('numbers: empty, not whole, out of range, ok', () => {
    assert.deepEqual(W.checkNumber('', 0, 25), { ok: false, error: 'empty' });
    assert.deepEqual(W.checkNumber('   ', 0, 25), { ok: false, error: 'empty' });
    assert.deepEqual(W.checkNumber('twelve', 0, 25), { ok: false, error: 'invalid' });
    assert.deepEqual(W.checkNumber('1.5', 0, 25), { ok: false, error: 'invalid' });
    assert.deepEqual(W.checkNumber('-1', 0, 25), { ok: false, error: 'invalid' });
    assert.deepEqual(W.checkNumber('26', 0, 25), { ok: false, error: 'range' });
    assert.deepEqual(W.checkNumber(' 7 ', 0, 25), { ok: true, value: 7 });
    assert.deepEqual(W.checkNumber('0', 0, 25), { ok: true, value: 0 });
  });

  test('towns: case and spacing ignored, the directory spelling returned', () => {
    const towns = W.townsOf({ localities: [{ id: 'west', towns: ['Bradford on Avon', 'Trowbridge'] }, { id: 'north', towns: ['Royal Wootton Bassett'] }] });
    assert.deepEqual(towns, ['Bradford on Avon', 'Trowbridge', 'Royal Wootton Bassett']);
    assert.equal(W.matchTown('  bradford   ON avon ', towns), 'Bradford on Avon');
    assert.equal(W.matchTown('Swindon', towns), null);
    assert.equal(W.matchTown('', towns), null);
    assert.deepEqual(W.townsOf(null), []);
  });

  test('towns: every spelling of tests/cases/towns.json reaches the locality the core gives it', () => {
    const directory = JSON.parse(readFileSync(join(ROOT, 'data', 'directory.json'), 'utf8'));
    const { spellings } = JSON.parse(readFileSync(join(ROOT, 'tests', 'cases', 'towns.json'), 'utf8'));
    const towns = W.townsOf(directory);
    const localityOf = (town) => directory.localities.find((l) => l.towns.includes(town))?.id ?? null;
    for (const { input, locality } of spellings) {
      const town = W.matchTown(input, towns);
      assert.equal(town === null ? null : localityOf(town), locality, `"${input}"`);
      if (town !== null) assert.ok(towns.includes(town), `"${input}" is answered with the directory's spelling`);
    }
    assert.equal(W.townKey('Royal'), 'royal');
    assert.equal(W.townKey('Bradford-upon-Avon'), 'bradford on avon');
  });

  test('towns: a place outside Wiltshire names its council (tests/cases/towns.json `outside`), any other unknown place none', () => {
    const { spellings } = JSON.parse(readFileSync(join(ROOT, 'tests', 'cases', 'towns.json'), 'utf8'));
    const outside = spellings.filter((c) => c.outside);
    assert.ok(outside.length >= 4, 'towns.json has places outside Wiltshire');
    for (const { input, locality, outside: id } of spellings) {
      if (locality !== null) continue;
      assert.equal(W.outsideCouncilId(input, t), id ?? null, `"${input}"`);
    }
    for (const { input, outside: id } of outside) {
      const message = t('error_area_outside', { place: input.trim(), council: t(id), unknown: t('answer_unknown') });
      assert.ok(message.includes(UI[id]) && message.startsWith(`${input.trim()} is not in Wiltshire`), message);
    }
  });

  test('errors name the question: error_choose_<question id, - as _>, else error_choose', () => {
    const questions = JSON.parse(readFileSync(join(ROOT, 'data', 'questions.json'), 'utf8')).questions;
    for (const q of questions.filter((x) => Array.isArray(x.options) && x.options.length && x.type !== 'number' && x.type !== 'area')) {
      const id = `error_choose_${q.id.replace(/-/g, '_')}`;
      assert.ok(id in UI, `ui.json has ${id}`);
      assert.equal(W.chooseErrorId(q, t), id);
    }
    assert.equal(t(W.chooseErrorId({ id: 'audience' }, t)), 'Select who you are');
    assert.equal(W.chooseErrorId({ id: 'not-a-question' }, t), 'error_choose');
    assert.equal(W.chooseErrorId({}, t), 'error_choose');
  });

  test('kiosk QR codes: one path rectangle per run of dark modules, inside the quiet zone', () => {
    assert.equal(W.qrPath({ size: 3, bits: '110' + '000' + '011' }, 4), 'M4 4h2v1h-2zM5 6h2v1h-2z');
    assert.equal(W.qrPath({ size: 2, bits: '0000' }), '');
    assert.equal(W.isDangerOutcome({ level: 'red' }, {}), true);
    assert.equal(W.isDangerOutcome({ level: 'amber' }, { immediate_danger: true }), true);
    assert.equal(W.isDangerOutcome({ level: 'amber' }, { immediate_danger: false }), false);
  });

  test('attributes: good values converted, bad ones named with their value', () => {
    const base = 'https://council.example/children/';
    assert.deepEqual(W.checkAttribute('audience', 'professional', base), { value: 'professional' });
    assert.deepEqual(W.checkAttribute('audience', null, base), { value: undefined });
    assert.deepEqual(W.checkAttribute('child-age', '12', base), { value: 12 });
    assert.deepEqual(W.checkAttribute('heading-level', '2', base), { value: 2 });
    assert.deepEqual(W.checkAttribute('heading-level', '6', base), { value: 6 });
    for (const bad of ['0', '7', 'h2', '2.5', '']) assert.match(W.checkAttribute('heading-level', bad, base).error, /heading-level/);
    assert.equal(W.DEFAULT_HEADING_LEVEL, 1);
    assert.deepEqual(W.checkAttribute('idle-seconds', '90', base), { value: 90 });
    assert.deepEqual(W.checkAttribute('exit-url', '/weather', base), { value: 'https://council.example/weather' });
    const audiences = W.audiencesOf(JSON.parse(readFileSync(join(ROOT, 'data', 'questions.json'), 'utf8')));
    assert.deepEqual(W.checkAttribute('audience', 'teacher', base), { value: 'teacher' }, 'a word is kept until the data says which audiences there are');
    assert.deepEqual(W.checkAttribute('audience', 'young_person', base, audiences), { value: 'young_person' });
    const notData = W.checkAttribute('audience', 'teacher', base, audiences);
    assert.match(notData.error, new RegExp(`audience="teacher" is not one of ${audiences.join(', ')}`));
    for (const [name, value] of [['audience', 'Teacher!'], ['child-age', '30'], ['child-age', 'ten'],
      ['idle-seconds', '0'], ['idle-seconds', 'soon'], ['exit-url', 'javascript:alert(1)'], ['src', ' ']]) {
      const result = W.checkAttribute(name, value, base);
      assert.ok(result.error, `${name}=${value} should be refused`);
      assert.ok(result.error.includes(`${name}="${value}"`), result.error);
    }
  });

  test('events for the host page name the question or the level and services, nothing answered', () => {
    const question = { id: 'child-age', fact: 'child_age', type: 'number', text: 'How old is the child?' };
    assert.deepEqual(W.screenEvent({ ok: true, next_question: question }, 2), { type: 'frontdoor-step', detail: { question: 'child-age', step: 3 } });
    const outcome = { ok: true, level: 'red', facts: { child_age: 12, area: 'Salisbury' },
      contacts: [{ service: 'mash', phone: '0300 456 0108', why: 'Salisbury' }, { service: 'out-of-hours' }] };
    const event = W.screenEvent(outcome, 4);
    assert.deepEqual(event, { type: 'frontdoor-outcome', detail: { level: 'red', services: ['mash', 'out-of-hours'] } });
    assert.doesNotMatch(JSON.stringify(event), /Salisbury|12|0300/);
    assert.deepEqual(W.screenEvent({ ok: true, contacts: [] }, 0).detail, { level: null, services: [] });
  });

  test('one list of audiences, from the data (the audience question\'s options)', () => {
    const questions = JSON.parse(readFileSync(join(ROOT, 'data', 'questions.json'), 'utf8'));
    const question = questions.questions.find((q) => q.fact === 'audience');
    assert.deepEqual(W.audiencesOf(questions), question.options.map((o) => o.value));
    assert.ok(W.audiencesOf(questions).length >= 2);
    assert.deepEqual(W.audiencesOf(null), []);
    assert.deepEqual(W.audiencesOf({ questions: [{ fact: 'audience', options: [{ value: 'a' }, { value: null }] }] }), ['a']);
    assert.ok(!/'young_person'/.test(SOURCE), 'no list of audience ids in the element\'s code');
  });

  test('the data bundle: files are required, text or parsed', () => {
    assert.throws(() => W.bundleFiles(null), /files/);
    assert.throws(() => W.bundleFiles({ files: { 'ui.json': {} } }), /directory\.json/);
    assert.throws(() => W.bundleFiles({ files: { 'ui.json': '{bad', 'directory.json': {} } }), SyntaxError);
    const got = W.bundleFiles({ files: { 'ui.json': '{"a":"b"}', 'directory.json': { localities: [] } } });
    assert.deepEqual(got.ui, { a: 'b' });
  });
});

describe('Exit this page: Shift three times within 5 seconds', () => {
  test('three presses inside the window exit', () => {
    let s = W.shiftPress(null, 1000);
    assert.deepEqual([s.count, s.remaining, s.exit], [1, 2, false]);
    s = W.shiftPress(s, 2000);
    assert.deepEqual([s.count, s.remaining, s.exit], [2, 1, false]);
    s = W.shiftPress(s, 5900);
    assert.deepEqual([s.count, s.remaining, s.exit], [3, 0, true]);
  });

  test('a press after the window starts counting again', () => {
    let s = W.shiftPress(null, 0);
    s = W.shiftPress(s, 4000);
    s = W.shiftPress(s, 5001);
    assert.deepEqual([s.count, s.exit], [1, false]);
  });

  test('after an exit the counter starts again', () => {
    let s = { count: 3, first: 0, remaining: 0, exit: true };
    s = W.shiftPress(s, 100);
    assert.equal(s.count, 1);
  });

  test('key releases (GOV.UK): Shift alone counts, Shift as a modifier does not, other keys cancel', () => {
    const up = (state, key, shiftKey, now) => W.exitKeyUp(state, { key, shiftKey }, now);
    let s = up(null, 'Shift', false, 0);
    assert.deepEqual([s.count, s.counted, s.exit], [1, true, false]);
    s = up(s, 'Shift', false, 500);
    assert.deepEqual([s.count, s.remaining], [2, 1]);
    s = up(s, 'Shift', false, 900);
    assert.equal(s.exit, true);

    // Typing "RWB" releases R, W, B with shiftKey set, then Shift: never an exit.
    let typing = null;
    for (const [i, key] of ['R', 'Shift', 'W', 'Shift', 'B', 'Shift'].entries()) {
      typing = up(typing, key, key !== 'Shift', i * 100);
      assert.equal(typing.exit, false);
    }
    assert.equal(typing.count, 0);

    // Another key between presses starts the count again.
    s = up(up(null, 'Shift', false, 0), 'a', false, 100);
    assert.deepEqual([s.count, s.cancelled], [0, true]);
    s = up(up(s, 'Shift', false, 200), 'Shift', false, 300);
    assert.equal(s.count, 2);
    // Presses too far apart start again.
    assert.equal(up(up(null, 'Shift', false, 0), 'Shift', false, 6000).count, 1);
  });

  test('progress wording', () => {
    assert.equal(t('exit_shift_many', { count: 2 }), 'Shift, press 2 more times to exit.');
    assert.equal(t('exit_shift_one'), 'Shift, press 1 more time to exit.');
  });
});

describe('kiosk idle timer', () => {
  test('active, then a 10 second countdown, then reset', () => {
    assert.deepEqual(W.idlePhase(0, 119000, 120), { phase: 'active', waitMs: 1000 });
    assert.deepEqual(W.idlePhase(0, 120000, 120), { phase: 'countdown', secondsLeft: 10 });
    assert.deepEqual(W.idlePhase(0, 120500, 120), { phase: 'countdown', secondsLeft: 10 });
    assert.deepEqual(W.idlePhase(0, 129001, 120), { phase: 'countdown', secondsLeft: 1 });
    assert.deepEqual(W.idlePhase(0, 130000, 120), { phase: 'reset' });
  });

  test('nothing to clear: no countdown', () => {
    assert.equal(W.idlePhase(0, 999999, 120, true).phase, 'active');
  });

  test('countdown wording', () => {
    assert.equal(t('kiosk_countdown', { seconds: 10 }), 'Starting again in 10 seconds');
  });
});

describe('outcome', () => {
  const mash = { service: 'mash', name: 'MASH', phone: '0300 456 0108', open_now: false, opens_next: '2026-11-30T08:45:00+00:00', why: 'Safeguarding concerns.' };
  const ooh = { service: 'out-of-hours', name: 'Out of Hours service', phone: '0300 456 0100', open_now: true, closes_at: '2026-11-28T00:00:00+00:00', why: 'Answers when MASH is closed.' };
  const esh = { service: 'early-support-hub', name: 'Early Support Hub', phone: null, email: 'esa@wiltshire.gov.uk', open_now: null };

  test('closed first contact: the next open one is who to call meanwhile', () => {
    const picked = W.pickContacts([mash, esh, ooh]);
    assert.equal(picked.primary, mash);
    assert.equal(picked.meanwhile, ooh);
    assert.deepEqual(picked.others, [esh]);
  });

  test('open first contact: no meanwhile, the rest are other options', () => {
    const picked = W.pickContacts([ooh, mash]);
    assert.equal(picked.meanwhile, null);
    assert.deepEqual(picked.others, [mash]);
    assert.deepEqual(W.pickContacts([]), { primary: null, meanwhile: null, others: [] });
  });

  test('the decision record lists answers, level, reasons, contacts and the checked date', () => {
    const tp = W.makeTranslator(UI, 'professional');
    const text = W.recordText({
      t: tp,
      response: {
        at: '2026-11-27T16:30:00+00:00', level: 'red', level_name: 'Child and family in crisis', level_filter: 'Clearly safeguarding',
        explain: [{ rule: 'harm', text: 'Risk of significant harm: safeguarding.' }], contacts: [ooh, mash], checked: '2026-11-26',
      },
      answers: [{ question: 'Is a child in danger right now?', label: 'No' }],
    });
    assert.match(text, /Friday 27 November 2026 at 4\.30pm/);
    assert.match(text, /- Is a child in danger right now\? No/);
    assert.match(text, /Level of need: Child and family in crisis \(Clearly safeguarding\)/);
    assert.match(text, /Risk of significant harm: safeguarding\./);
    assert.match(text, /Out of Hours service, 0300 456 0100: Open now until midnight/);
    assert.match(text, /MASH, 0300 456 0108: Closed\. Opens Monday at 8\.45am/);
    assert.match(text, /Directory checked: 26 November 2026/);
    const none = W.recordText({ t: tp, response: { at: '2026-11-27T16:30:00Z', level: null, contacts: [], checked: '2026-11-26' }, answers: [] });
    assert.match(none, /Level of need: not assessed/);
  });
});
