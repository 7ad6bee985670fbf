// Wording a young person sees (issue 15, item 5), the per-question error messages and note
// headings (item 8) and places outside Wiltshire (item 9), checked over data/ with no build.
// Every text a young person can see is resolved for the audience `young_person` (the variant, else
// the default) and must: explain or avoid the jargon (MASH, Integrated Front Door, significant harm,
// referral, safeguarding), not ask for the adult items ("the child's name and address", "whether the
// family know"), and read at about a 9-year-old's level (short sentences, few long words).
// Run: node --test tests/js/wording.test.mjs      FRONTDOOR_WORDING_LIST=1 lists the texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DATA = resolve(ROOT, process.env.FRONTDOOR_DATA_DIR ?? 'data');
const read = (name) => JSON.parse(readFileSync(join(DATA, name), 'utf8'));
const directory = read('directory.json');
const rules = read('rules.json');
const questions = read('questions.json').questions;
const ui = read('ui.json');
const towns = JSON.parse(readFileSync(join(ROOT, 'tests', 'cases', 'towns.json'), 'utf8')).spellings;
const routes = JSON.parse(readFileSync(join(ROOT, 'tests', 'cases', 'routes.json'), 'utf8')).cases;

const YP = 'young_person';
const resolveFor = (w, audience) => (w === null || w === undefined ? null
  : typeof w === 'string' ? w : (w[audience] ?? w.default));
const hasOwnVariant = (w) => w !== null && typeof w === 'object' && typeof w[YP] === 'string';
const services = new Map(directory.services.map((s) => [s.id, s]));

// ---------------------------------------------------------------------------------------------
// What a young person can see
// ---------------------------------------------------------------------------------------------

/** Concern values a young person can choose (options without `audiences`, or listing young_person). */
const concernQuestion = questions.find((q) => q.fact === 'concern');
const youngConcerns = new Set(concernQuestion.options.filter((o) => !o.audiences || o.audiences.includes(YP)).map((o) => o.value));

/** Whether a fact test can hold for a value from `allowed` (unknown tests count as possible). */
function testAllows(test, allowed) {
  if (typeof test === 'string') return allowed.has(test);
  if (test && Array.isArray(test.in)) return test.in.some((v) => allowed.has(v));
  if (test && Array.isArray(test.not_in)) return [...allowed].some((v) => !test.not_in.includes(v));
  return true;
}

/** A rule a young person's answers can fire: its audience and concern tests allow them. */
function youngRule(rule) {
  const w = rule.when ?? {};
  if ('audience' in w && !testAllows(w.audience, new Set([YP]))) return false;
  if ('concern' in w && !testAllows(w.concern, youngConcerns)) return false;
  return true;
}

const youngRules = rules.rules.filter(youngRule);
const factsOf = (when, out = new Set()) => {
  for (const [k, v] of Object.entries(when ?? {})) {
    if (k === 'any') v.forEach((x) => factsOf(x, out));
    else if (k === 'not') factsOf(v, out);
    else out.add(k);
  }
  return out;
};
const youngFacts = new Set(['audience', 'immediate_danger', 'concern']);
for (const r of youngRules) for (const f of factsOf(r.when)) youngFacts.add(f);
// A question's grouped_by fact (concern_group: harmed or at risk?) is asked before it, for the flow.
for (const q of questions) if (q.grouped_by && youngFacts.has(q.fact)) youngFacts.add(q.grouped_by);

/** Every contact entry of the young person's rules, with `otherwise`. */
function* youngContacts() {
  for (const r of youngRules)
    for (const c of r.contacts) {
      yield [`rules.json /rules/${r.id}`, c];
      if (c.otherwise) yield [`rules.json /rules/${r.id} otherwise`, c.otherwise];
    }
}

/** The groups those contacts (and the safety line) use. */
const youngGroups = new Set([rules.safety.line]);
for (const [, c] of youngContacts()) if (c.first_open) youngGroups.add(c.first_open);

/** Texts a young person can see, as [where, wording]: the wording object is kept to know if it has a variant. */
function youngTexts() {
  const out = [];
  const add = (where, w) => { if (w !== null && w !== undefined) out.push({ where, w }); };
  // questions.json: the questions a young person is asked, their options and unknown options.
  for (const q of questions) {
    if (!youngFacts.has(q.fact)) continue;
    add(`questions.json ${q.id} text`, q.text);
    add(`questions.json ${q.id} hint`, q.hint);
    for (const o of q.options ?? []) {
      if (o.audiences && !o.audiences.includes(YP)) continue;
      add(`questions.json ${q.id} option ${o.value} label`, o.label);
      add(`questions.json ${q.id} option ${o.value} hint`, o.hint);
    }
    if (q.unknown_option) add(`questions.json ${q.id} unknown_option`, q.unknown_option.label);
  }
  // rules.json: contact reasons and notes of the rules a young person can reach, their groups, the safety net.
  for (const [where, c] of youngContacts()) add(`${where} why`, c.why);
  for (const r of youngRules) for (const [i, n] of (r.notes ?? []).entries()) add(`rules.json /rules/${r.id} notes/${i}`, n);
  for (const g of youngGroups) for (const m of rules.groups[g]) add(`rules.json /groups/${g} ${m.service} why`, m.why);
  for (const k of ['net_why', 'takeover_why', 'named_why']) add(`rules.json /safety/${k}`, rules.safety[k]);
  for (const m of rules.safety.by_audience?.[YP] ?? []) add(`rules.json /safety/by_audience ${m.service} why`, m.why);
  // directory.json: every service a young person can be shown (by a rule, a group, the safety net,
  // a reference in wording, or the static directory's list for young people).
  for (const id of youngServices()) {
    const s = services.get(id);
    add(`directory.json ${id} called`, s.called);
    add(`directory.json ${id} summary`, s.summary);
    add(`directory.json ${id} hours_text`, s.hours_text);
    for (const [i, x] of (s.have_ready ?? []).entries()) add(`directory.json ${id} have_ready/${i}`, x);
    for (const [i, x] of (s.notes ?? []).entries()) add(`directory.json ${id} notes/${i}`, x);
  }
  // ui.json: every string but the professional's decision record and values that are not wording.
  const notAsked = new Set(questions.filter((q) => !youngFacts.has(q.fact)).map((q) => `error_choose_${q.id.replace(/-/g, '_')}`));
  for (const [k, w] of Object.entries(ui)) {
    if (k.startsWith('$') || k === 'date_locale' || k === 'danger_number' || k.startsWith('record_') || notAsked.has(k)) continue;
    add(`ui.json ${k}`, w);
  }
  return out;
}

function youngServices() {
  const ids = new Set();
  for (const [, c] of youngContacts()) {
    if (c.service) ids.add(c.service);
    if (c.by_locality) Object.values(c.by_locality).forEach((id) => ids.add(id));
  }
  for (const g of youngGroups) rules.groups[g].forEach((m) => ids.add(m.service));
  for (const m of rules.safety.by_audience?.[YP] ?? []) ids.add(m.service);
  for (const s of directory.services) if (s.audiences.includes(YP)) ids.add(s.id);
  // {service:ID} named in the young person's rule texts.
  const texts = [];
  for (const [, c] of youngContacts()) texts.push(resolveFor(c.why, YP));
  for (const r of youngRules) for (const n of r.notes ?? []) texts.push(resolveFor(n, YP));
  for (const t of texts) for (const m of String(t ?? '').matchAll(/\{service:([a-z0-9-]+)\}/g)) ids.add(m[1]);
  return [...ids].filter((id) => services.has(id)).sort();
}

/** A text as a person reads it: `{service:ID}` and `{line:GROUP}` become "them", other placeholders "X". */
const plain = (text) => text.replace(/\{(service|line):[a-z0-9-]+\}/g, 'them').replace(/\{[a-z_]+\}/g, 'X');

const TEXTS = youngTexts().map(({ where, w }) => ({ where, w, text: plain(resolveFor(w, YP)), own: hasOwnVariant(w) }));
if (process.env.FRONTDOOR_WORDING_LIST) {
  for (const t of TEXTS) process.stdout.write(`${t.own ? 'YP ' : '-- '}${t.where}: ${t.text}\n`);
}

// ---------------------------------------------------------------------------------------------
// The checks (each is also shown failing on an adult text, so none is a check that cannot fail)
// ---------------------------------------------------------------------------------------------

/**
 * Jargon a young person should not meet unexplained. A term with `explained` may appear only in a
 * text that also says what it is (in one of the listed forms); the others must be avoided.
 */
const JARGON = [
  { term: /\bMASH\b/, name: 'MASH', explained: /child safety team \(MASH\)|MASH is the council's child safety team|MASH \(the council's child safety team\)/ },
  { term: /Integrated Front Door/i, name: 'Integrated Front Door', explained: /Integrated Front Door is the council's help line for children and families|help line for children and families \(the Integrated Front Door\)/ },
  { term: /significant harm/i, name: 'significant harm' },
  { term: /\breferrals?\b|\brefer(s|red|ring)?\b/i, name: 'referral' },
  { term: /safeguard/i, name: 'safeguarding' },
];

/** Adult items: the list of things to have ready written for an adult calling about a child. */
const ADULT = [
  /child's name/i, /whether the family know/i, /who lives with the child/i, /your role, your organisation/i,
  /case reference/i, /the family's consent/i, /the child's (age|address|school|disability)/i,
];

const jargonIn = (text) => JARGON.filter((j) => j.term.test(text) && !(j.explained && j.explained.test(text))).map((j) => j.name);
const adultIn = (text) => ADULT.filter((re) => re.test(text)).map(String);

/** Names a young person may meet that are long words but proper names, not vocabulary. */
// "Disability" and "special educational needs" name the need itself: the young person who has one
// knows the words, and the services are named by them.
// "Apprenticeship" (4 syllables) is over-counted by the rough counter below.
const NAMES = new Set(['multi-agency', 'wiltshire', 'disability', 'disabilities', 'educational', 'apprenticeship']);

/** Syllables of an English word, roughly (vowel groups, a silent final e dropped); enough to flag long words. */
function syllables(word) {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (!w) return 0;
  const groups = w.replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '').replace(/^y/, '').match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups ? groups.length : 1);
}
const sentencesOf = (text) => text.split(/(?<=[.!?:])\s+/).map((s) => s.trim()).filter((s) => /[a-z]/i.test(s));
const wordsOf = (sentence) => sentence.replace(/https?:\/\/\S+/g, '').split(/\s+/).filter((w) => /[a-z]/i.test(w));
/** Words of 5 syllables or more that are not names or in a name's brackets. */
const longWords = (text) => wordsOf(text).filter((w) => !/^[A-Z(]/.test(w) && !NAMES.has(w.toLowerCase().replace(/[^a-z-]/g, '')) && syllables(w) >= 5);

test('the checks fail on adult wording (so they can fail)', () => {
  const mash = services.get('mash');
  assert.deepEqual(jargonIn(resolveFor(rules.groups['safeguarding-line'][0].why, 'default')).includes('MASH'), true);
  assert.deepEqual(jargonIn('A safeguarding referral does not need consent.'), ['referral', 'safeguarding']);
  assert.deepEqual(jargonIn('Call MASH.'), ['MASH']);
  assert.deepEqual(jargonIn('Call the council\'s child safety team (MASH).'), []);
  assert.ok(mash.have_ready.some((x) => adultIn(resolveFor(x, 'default')).length), 'the default MASH list is adult wording');
  assert.ok(sentencesOf('Advisors are available for ESA Consultations every Tuesday, Thursday and Friday (Tuesday and Thursday from 8.45am-5pm, Friday 8.45am-2.30pm), and if a worker is not available at the time you call, they will call you back as soon as they can.').some((s) => wordsOf(s).length > 25));
  assert.deepEqual(longWords('an intensive intervention to mitigate responsibility'), ['responsibility']);
  assert.equal(syllables('confidential'), 4);
  assert.equal(syllables('safe'), 1);
});

test('young people meet no unexplained jargon', () => {
  const bad = TEXTS.map((t) => [t, jargonIn(t.text)]).filter(([, j]) => j.length);
  assert.deepEqual(bad.map(([t, j]) => `${t.where} (${j.join(', ')}): ${t.text}`), []);
});

test('young people are not asked for the adult items', () => {
  const bad = TEXTS.map((t) => [t, adultIn(t.text)]).filter(([, a]) => a.length);
  assert.deepEqual(bad.map(([t, a]) => `${t.where} (${a.join(', ')}): ${t.text}`), []);
});

test('young people\'s wording reads at about a 9-year-old\'s level', () => {
  // Each sentence at most 25 words; sentences 15 words long on average; no word of 5 or more
  // syllables outside names. (Plain English guidance: 15 to 20 words on average for adults.)
  const long = [];
  let words = 0;
  let count = 0;
  for (const t of TEXTS) {
    for (const s of sentencesOf(t.text)) {
      const n = wordsOf(s).length;
      words += n;
      count += 1;
      if (n > 25) long.push(`${t.where} (${n} words): ${s}`);
    }
  }
  assert.deepEqual(long, [], 'sentences longer than 25 words');
  process.stdout.write(`# young people's wording: ${TEXTS.length} texts, ${count} sentences, ${(words / count).toFixed(1)} words a sentence on average\n`);
  assert.ok(words / count <= 15, `average sentence length ${(words / count).toFixed(1)} words (at most 15)`);
  const hard = TEXTS.flatMap((t) => longWords(t.text).map((w) => `${t.where}: ${w}`));
  assert.deepEqual(hard, [], 'words of 5 or more syllables');
});

test('young people are told honestly what is private and what is not', () => {
  // Childline: confidential unless a life is in danger, no name needed (domain notes, NSPCC).
  const childline = TEXTS.filter((t) => t.where.includes('childline')).map((t) => t.text).join(' ');
  assert.match(childline, /do not have to give your name/);
  assert.match(childline, /unless your life is in danger|only tell someone else if your life was in danger/);
  // The council's lines: not a secret when someone is not safe (a safeguarding referral needs no consent).
  for (const id of ['mash', 'out-of-hours']) {
    const notes = services.get(id).notes.map((n) => resolveFor(n, YP)).join(' ');
    assert.match(notes, /might need to tell other people/, `${id}: what is not confidential`);
  }
});

test('the young-person scenarios of routes.json exclude the adult items', () => {
  const young = routes.filter((c) => c.facts.audience === YP && c.expect.missing?.length === 0 &&
    ['harm', 'unsure', 'allegation', 'exploitation'].includes(c.facts.concern));
  assert.ok(young.length >= 3);
  for (const c of young) {
    const excluded = c.expect.texts_exclude ?? [];
    for (const item of ["child's name", 'Whether the family know']) assert.ok(excluded.includes(item), `${c.name}: texts_exclude lacks "${item}"`);
  }
});

// ---------------------------------------------------------------------------------------------
// Item 8: error messages name the question; note headings fit their notes
// ---------------------------------------------------------------------------------------------

/** The ui.json id of a question's "nothing chosen" error: error_choose_<question id, _ for ->. */
const errorKey = (q) => `error_choose_${q.id.replace(/-/g, '_')}`;

test('every choice and yes/no question has its own "nothing chosen" error in ui.json', () => {
  for (const q of questions.filter((x) => x.type === 'choice' || x.type === 'yes_no')) {
    const w = ui[errorKey(q)];
    assert.ok(w, `ui.json lacks ${errorKey(q)} for question ${q.id}`);
    for (const audience of ['default', 'parent', YP, 'professional', 'public']) {
      const text = resolveFor(w, audience);
      assert.match(text, /^Select /, `${errorKey(q)} (${audience}) starts with "Select"`);
      assert.doesNotMatch(text, /an (option|answer)\b/, `${errorKey(q)} names the question, not "an option"`);
    }
  }
  // The number and area questions have their own errors already (error_number_*, error_area_*).
  assert.match(resolveFor(ui.error_area_empty, YP), /you live/);
});

test('the outcome notes heading fits every note under it', () => {
  // One heading sits over all of an outcome's notes: it must not name one topic (the LADO's
  // 24-hour rule, 999 and missing-child notes sat under "Consent and sharing information").
  for (const audience of ['default', 'parent', YP, 'professional', 'public']) {
    const heading = resolveFor(ui.notes_heading, audience);
    assert.doesNotMatch(heading, /consent|sharing|information/i, `notes_heading (${audience}): "${heading}"`);
  }
});

// ---------------------------------------------------------------------------------------------
// Item 9: places outside Wiltshire
// ---------------------------------------------------------------------------------------------

/** The core's and element's town key (tests/cases/towns.json holds them to one answer). */
const townKey = (text) => {
  const words = text.replace(/['\u2019]/g, '').replace(/-/g, ' ').trim().toLowerCase().split(/\s+/).filter(Boolean);
  return words.filter((w, i) => !(i === 0 && i < words.length - 1 && w === 'royal'))
    .map((w, i) => (i > 0 && w === 'upon' ? 'on' : w)).join(' ');
};
/** The ui.json id naming the council of a place outside Wiltshire: area_outside_<town key, _ for spaces>. */
const outsideKey = (input) => `area_outside_${townKey(input).replace(/ /g, '_')}`;

test('places outside Wiltshire name their council (ui.json area_outside_*), with a source', () => {
  const outside = towns.filter((c) => c.outside);
  assert.ok(outside.length >= 4, 'towns.json has outside-Wiltshire cases');
  for (const c of outside) {
    assert.equal(c.locality, null, `"${c.input}" is not a Wiltshire town`);
    assert.equal(outsideKey(c.input), c.outside, `"${c.input}" reaches ${c.outside}`);
    const council = ui[c.outside];
    assert.ok(typeof council === 'string' && /Council$/.test(council), `ui.json ${c.outside} names a council`);
    assert.ok(ui.$comment && ui.$comment.includes(c.outside), `ui.json $comment gives the source of ${c.outside}`);
  }
  for (const key of Object.keys(ui).filter((k) => k.startsWith('area_outside_')))
    assert.ok(outside.some((c) => c.outside === key), `${key} has a case in tests/cases/towns.json`);
  for (const audience of ['default', YP]) {
    const text = resolveFor(ui.error_area_outside, audience);
    assert.match(text, /\{place\}/);
    assert.match(text, /\{council\}/);
    assert.doesNotMatch(text, /spelling/);
  }
  // No Wiltshire town shares a key with a place outside.
  const wiltshire = new Set(directory.localities.flatMap((l) => l.towns).map(townKey));
  for (const c of outside) assert.ok(!wiltshire.has(townKey(c.input)), c.input);
});
