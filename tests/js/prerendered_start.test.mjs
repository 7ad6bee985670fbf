// The first question prerendered into the data bundle (`start` in dist/web/frontdoor-data.json,
// made by web/build.mjs) is exactly what the wasm core answers, at any time, for the same facts:
// the element shows it before the core has loaded, so it must never drift from data/.
//   node --test tests/js/prerendered_start.test.mjs      (after `make web`)
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { prerenderStart, startInstants, firstScreenFor, stampFiles } from '../../web/build.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = process.env.FRONTDOOR_DIST ? resolve(process.env.FRONTDOOR_DIST) : join(ROOT, 'dist');
const WEB = join(DIST, 'web');
const DATA = process.env.FRONTDOOR_DATA_DIR ? resolve(process.env.FRONTDOOR_DATA_DIR) : join(ROOT, 'data');

/** Every hour of 16 days over Christmas and New Year 2026/27 (bank holidays, weekends, nights), and both clock changes of 2027. */
function manyInstants() {
  const out = [];
  for (let t = Date.UTC(2026, 11, 19, 0, 17); t < Date.UTC(2027, 0, 4, 0, 0); t += 60 * 60000) out.push(t);
  for (const day of [Date.UTC(2027, 2, 27), Date.UTC(2027, 9, 30)]) {
    for (let t = day; t < day + 2 * 86400000; t += 30 * 60000) out.push(t);
  }
  return out.map((t) => new Date(t).toISOString().replace(/\.\d+Z$/, 'Z'));
}

let core;
let bundle;
let startFor;
let firstScreenMatches;
let firstScreenUi;
let dataCore;
before(async () => {
  assert.ok(existsSync(WEB), 'dist/web exists (run `make web` first)');
  const { createCore } = await import(pathToFileURL(join(WEB, 'frontdoor-core.js')).href);
  const wasmBinary = readFileSync(join(WEB, 'frontdoor-core.wasm'));
  bundle = JSON.parse(readFileSync(join(WEB, 'frontdoor-data.json'), 'utf8'));
  ({ startFor, firstScreenMatches, firstScreenUi } = await import('../../web/components/frontdoor-wizard/bundle.js'));
  core = await createCore({ wasmBinary });
  assert.equal(core.load(bundle.files).ok, true, 'the shipped bundle loads');
  // The same core with data/ as it is now (not the bundle): the start must not drift from data/.
  dataCore = await createCore({ wasmBinary });
  const files = {};
  for (const name of readdirSync(DATA).filter((n) => n.endsWith('.json')).sort()) files[name] = JSON.parse(readFileSync(join(DATA, name), 'utf8'));
  // Stamped by the CLI: the core loads only stamped bundles (docs/data-format.md).
  const loaded = dataCore.load(stampFiles(join(ROOT, 'build', 'native', 'frontdoor'), files));
  assert.equal(loaded.ok, true, `data/ loads: ${JSON.stringify(loaded.errors || []).slice(0, 500)}`);
});

describe('the prerendered first question (bundle.start)', () => {
  test('is there for no facts and for each audience, and holds only the facts and the question', () => {
    assert.ok(Array.isArray(bundle.start) && bundle.start.length >= 1, 'bundle.start is a list');
    assert.deepEqual(bundle.start[0].facts, {}, 'the first entry is for no facts');
    const first = bundle.start[0].next_question;
    assert.equal(first.fact, 'audience');
    const audiences = first.options.map((o) => o.value).sort();
    assert.deepEqual(bundle.start.slice(1).map((e) => e.facts.audience).sort(), audiences, 'one entry per audience');
    for (const entry of bundle.start) {
      assert.deepEqual(Object.keys(entry).sort(), ['facts', 'next_question'], 'nothing that depends on the time (contacts, at)');
    }
  });

  test('equals what the wasm core answers, for the shipped bundle and for data/, at every hour of two weeks', () => {
    const instants = manyInstants();
    assert.ok(instants.length > 400);
    let compared = 0;
    for (const entry of bundle.start) {
      for (const at of instants) {
        for (const [name, c] of [['bundle', core], ['data/', dataCore]]) {
          const answer = c.route(entry.facts, at);
          assert.equal(answer.ok, true, `${name} ${JSON.stringify(entry.facts)} at ${at}`);
          assert.deepEqual(answer.next_question, entry.next_question, `${name}: the first question for ${JSON.stringify(entry.facts)} at ${at}`);
          compared += 1;
        }
      }
    }
    assert.ok(compared >= instants.length * 2 * bundle.start.length);
  });

  test('web/build.mjs refuses a first question that depends on the time', () => {
    // A core whose first question changes at night: the build must fail, not ship it.
    const fake = {
      route(facts, at) {
        const hour = Number(at.slice(11, 13));
        return { ok: true, next_question: { fact: 'x', text: hour < 9 ? 'Night?' : 'Day?', options: [] } };
      },
    };
    assert.throws(() => prerenderStart(fake), /is not the same at/);
    const steady = { route: () => ({ ok: true, next_question: { fact: 'x', text: 'Same', options: [] } }) };
    assert.deepEqual(prerenderStart(steady), [{ facts: {}, next_question: { fact: 'x', text: 'Same', options: [] } }]);
    const instants = startInstants();
    assert.ok(instants.some((at) => at.startsWith('2026-12-25')) && instants.some((at) => at.startsWith('2026-12-28')), 'bank holidays');
    assert.ok(instants.some((at) => /T0[0-5]:/.test(at)), 'nights');
  });
});

describe('startFor (the element picks the entry for its pre-filled facts)', () => {
  const start = [
    { facts: {}, next_question: { fact: 'audience', text: 'Who?' } },
    { facts: { audience: 'professional' }, next_question: { fact: 'immediate_danger', text: 'Danger?' } },
  ];
  test('matches the facts exactly', () => {
    assert.equal(startFor({ start }, {}).text, 'Who?');
    assert.equal(startFor({ start }, { audience: 'professional' }).text, 'Danger?');
    assert.equal(startFor({ start }, { audience: 'parent' }), null);
    assert.equal(startFor({ start }, { audience: 'professional', child_age: 4 }), null, 'other pre-fills: the core decides');
    assert.equal(startFor({ start }, { area: 'Devizes' }), null);
  });
  test('no start, or a malformed one, means asking the core', () => {
    assert.equal(startFor({ files: {} }, {}), null);
    assert.equal(startFor({ start: 'x' }, {}), null);
    assert.equal(startFor({ start: [{ facts: {}, next_question: null }] }, {}), null);
    assert.equal(startFor({ start: [{ facts: {}, next_question: { text: 'no fact' } }] }, {}), null);
    assert.equal(startFor(null, {}), null);
  });
  test('the shipped bundle has an entry for each audience attribute value', () => {
    for (const audience of ['parent', 'young_person', 'professional', 'public']) {
      assert.ok(startFor(bundle, { audience }), audience);
    }
  });
});

describe('the first screen in the script (frontdoor:first-screen in dist/web/frontdoor-wizard.js)', () => {
  const script = () => readFileSync(join(WEB, 'frontdoor-wizard.js'), 'utf8');

  test('is the bundle\'s first question and the default wording of every firstScreenUi id (with the error naming it)', () => {
    const first = firstScreenFor(bundle);
    assert.deepEqual(first.start, bundle.start[0].next_question);
    const ids = firstScreenUi(first.start);
    assert.ok(ids.includes(`error_choose_${first.start.id.replace(/-/g, '_')}`), 'the error naming the first question is on the first screen');
    assert.deepEqual(Object.keys(first.ui).sort(), [...ids].sort(), 'ui.json has every id the first screen uses');
    const ui = bundle.files['ui.json'];
    for (const id of ids) {
      assert.equal(first.ui[id], typeof ui[id] === 'string' ? ui[id] : ui[id].default, id);
    }
  });

  test('is what the built script carries (each wording and the question, as esbuild wrote them)', () => {
    const text = script();
    const first = firstScreenFor(bundle);
    const strings = [...Object.values(first.ui), first.start.text, first.start.hint,
      ...first.start.options.flatMap((o) => [o.label, o.hint, o.value])].filter((x) => typeof x === 'string');
    for (const value of strings) {
      const forms = [JSON.stringify(value).slice(1, -1), value.replace(/'/g, "\\'"), value];
      assert.ok(forms.some((form) => text.includes(form)), `frontdoor-wizard.js holds ${JSON.stringify(value)}`);
    }
  });

  test('matches the shipped bundle, and not a bundle with another first question or other wording', () => {
    const first = firstScreenFor(bundle);
    const ui = bundle.files['ui.json'];
    assert.equal(firstScreenMatches(first, bundle, ui), true);
    const otherStart = structuredClone(bundle);
    otherStart.start[0].next_question.text = 'Something else?';
    assert.equal(firstScreenMatches(first, otherStart, ui), false, 'another first question');
    const otherUi = { ...ui, button_continue: 'Next' };
    assert.equal(firstScreenMatches(first, bundle, otherUi), false, 'other wording for Continue');
    assert.equal(firstScreenMatches(first, { files: bundle.files }, ui), false, 'a bundle without start');
    assert.equal(firstScreenMatches(null, bundle, ui), false);
  });

  test('web/build.mjs refuses a bundle without a first question', () => {
    assert.throws(() => firstScreenFor({ files: bundle.files, start: [] }), /no prerendered first question/);
  });
});
