// The concern in two steps (issue 15, item 4) as the browser's core answers it (dist/web, the
// wasm the element runs): the group question after the danger question, then the short list of
// the group; Change on the group answer gives again a concern only when the new list offers it.
//   node --test tests/js/concern_groups.test.mjs      (after `make web`)
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = process.env.FRONTDOOR_DIST ? resolve(process.env.FRONTDOOR_DIST) : join(ROOT, 'dist');
const WEB = join(DIST, 'web');
const AT = '2026-11-26T18:00:00Z';
const questions = JSON.parse(readFileSync(join(ROOT, 'data', 'questions.json'), 'utf8')).questions;
const concern = questions.find((q) => q.fact === 'concern');
const UI = JSON.parse(readFileSync(join(ROOT, 'data', 'ui.json'), 'utf8'));

let core;
let W;
before(async () => {
  assert.ok(existsSync(WEB), 'dist/web exists (run `make web` first)');
  const { createCore } = await import(pathToFileURL(join(WEB, 'frontdoor-core.js')).href);
  core = await createCore({ wasmBinary: readFileSync(join(WEB, 'frontdoor-core.wasm')) });
  const bundle = JSON.parse(readFileSync(join(WEB, 'frontdoor-data.json'), 'utf8'));
  assert.equal(core.load(bundle.files).ok, true, 'the shipped bundle loads');
  W = {
    ...await import('../../web/components/frontdoor-wizard/wording.js'),
    ...await import('../../web/components/frontdoor-wizard/answers.js'),
    ...await import('../../web/components/frontdoor-wizard/flow.js'),
  };
});

/** The concern values data/questions.json lists for `audience` under `group`, in order. */
const listFor = (group, audience) => concern.options
  .filter((o) => (!o.audiences || o.audiences.includes(audience)) && (!o.groups || o.groups.includes(group)))
  .map((o) => o.value);

test('the browser core asks the group question, then only the group\'s concerns', () => {
  for (const audience of ['parent', 'young_person', 'professional', 'public']) {
    const asked = core.route({ audience, immediate_danger: false }, AT);
    assert.equal(asked.ok, true);
    assert.equal(asked.next_question.id, 'concern-group', audience);
    assert.equal(asked.missing[0], 'concern', 'the rules still need only the concern');
    assert.deepEqual(asked.next_question.options.map((o) => o.value), ['harm_or_risk', 'other_help', null]);
    for (const [group, shown] of [['harm_or_risk', 'harm_or_risk'], ['other_help', 'other_help'], [null, 'harm_or_risk']]) {
      const r = core.route({ audience, immediate_danger: false, concern_group: group }, AT);
      assert.equal(r.next_question.id, 'concern', `${audience}, ${group}`);
      assert.deepEqual(r.next_question.options.map((o) => o.value), listFor(shown, audience), `${audience}, ${group}`);
    }
  }
});

test('a concern given without its group is routed as before (host pages, scenario tables)', () => {
  const r = core.route({ audience: 'parent', immediate_danger: false, concern: 'harm' }, AT);
  assert.equal(r.next_question, null);
  assert.equal(r.contacts[0].service, 'out-of-hours');
});

test('after Change of the group, the concern is given again only when the new list offers it', () => {
  const t = W.makeTranslator(UI, 'parent');
  const other = core.route({ audience: 'parent', immediate_danger: false, concern_group: 'other_help' }, AT).next_question;
  const risk = core.route({ audience: 'parent', immediate_danger: false, concern_group: 'harm_or_risk' }, AT).next_question;
  assert.equal(W.replayAnswer(other, 'harm', 'parent', t), null, 'harm is not in the other list: asked again');
  assert.equal(W.replayAnswer(risk, 'send', 'parent', t), null, 'SEND is not in the risk list: asked again');
  assert.equal(W.replayAnswer(risk, 'team_contact', 'parent', t).value, 'team_contact', 'in both lists: kept');
  assert.equal(W.replayAnswer(other, 'team_contact', 'parent', t).value, 'team_contact');
  // The answers list (and the decision record) shows the group answer as its own step.
  let flow = W.newFlow({ audience: 'parent' });
  flow = W.flowAnswer(flow, { fact: 'immediate_danger', value: false, question: 'Danger?', label: 'No' });
  flow = W.flowAnswer(flow, { fact: 'concern_group', value: 'harm_or_risk', question: risk.text, label: 'Yes' });
  flow = W.flowAnswer(flow, { fact: 'concern', value: 'harm', question: risk.text, label: 'Harm' });
  assert.deepEqual(W.flowFacts(flow), { audience: 'parent', immediate_danger: false, concern_group: 'harm_or_risk', concern: 'harm' });
  assert.deepEqual(W.flowFacts(W.flowChange(flow, 1)), { audience: 'parent', immediate_danger: false });
});
