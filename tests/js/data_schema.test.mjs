// Validates every data/*.json file against the JSON Schema its "$schema" member names, then
// checks what a schema cannot: references between files, phone numbers, schedules, questions and
// the scenario table. Run: node --test tests/js/data_schema.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = join(root, 'data');
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

const dataFiles = readdirSync(dataDir).filter((f) => f.endsWith('.json')).sort();
const data = Object.fromEntries(dataFiles.map((f) => [f, readJson(join(dataDir, f))]));
const directory = data['directory.json'];
const rules = data['rules.json'];
const questions = data['questions.json'];
const routes = readJson(join(root, 'tests', 'cases', 'routes.json'));

const AUDIENCES = ['parent', 'young_person', 'professional', 'public'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const digits = (s) => s.replace(/\D/g, '');
const minutes = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const services = new Map(directory.services.map((s) => [s.id, s]));
const localityIds = new Set(directory.localities.map((l) => l.id));

/** Every string in a JSON value, with its JSON pointer. */
function* strings(value, pointer = '') {
  if (typeof value === 'string') yield [pointer, value];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], `${pointer}/${i}`);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) yield* strings(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
}

/** Every contact entry of rules.json (rules, `otherwise` and groups), with its pointer. */
function* contactEntries() {
  for (const [name, members] of Object.entries(rules.groups))
    for (const [i, m] of members.entries()) yield [`/groups/${name}/${i}`, m];
  for (const [r, rule] of rules.rules.entries())
    for (const [c, entry] of rule.contacts.entries()) {
      yield [`/rules/${r}/contacts/${c}`, entry];
      if (entry.otherwise) yield [`/rules/${r}/contacts/${c}/otherwise`, entry.otherwise];
    }
}

/** Every service id a rule can name, directly, through a group or through by_locality. */
function servicesOf(entry) {
  if (entry.service) return [entry.service];
  if (entry.first_open) return (rules.groups[entry.first_open] ?? []).map((m) => m.service);
  if (entry.by_locality) return [...Object.values(entry.by_locality), ...(entry.otherwise ? servicesOf(entry.otherwise) : [])];
  return [];
}

/** Every [fact, test] of a `when`, through `any` and `not`. */
function* factTests(when) {
  for (const [key, value] of Object.entries(when)) {
    if (key === 'any') for (const w of value) yield* factTests(w);
    else if (key === 'not') yield* factTests(value);
    else yield [key, value];
  }
}

test('every data file names its schema and is valid against it', () => {
  assert.ok(dataFiles.length >= 3, 'expected data/*.json files');
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  for (const file of dataFiles) {
    const doc = data[file];
    assert.equal(typeof doc.$schema, 'string', `${file}: missing "$schema" member`);
    const schemaPath = join(dataDir, doc.$schema);
    assert.ok(existsSync(schemaPath), `${file}: its schema ${doc.$schema} does not exist`);
    const validate = ajv.compile(readJson(schemaPath));
    const ok = validate(doc);
    assert.ok(ok, `${file} is not valid against ${doc.$schema}:\n` +
      (validate.errors ?? []).map((e) => `  ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`).join('\n'));
  }
});

test('the schemas reject typical mistakes', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  const validate = ajv.compile(readJson(join(dataDir, 'schema', 'directory.schema.json')));
  const mash = structuredClone(directory.services.find((s) => s.id === 'mash'));
  const withService = (s) => ({ ...directory, services: [s] });
  assert.ok(validate(withService(mash)));
  for (const [what, change] of [
    ['a phone with a double space', (s) => { s.phones[0].number = '0300  456 0108'; }],
    ['a ten-digit phone', (s) => { s.phones[0].number = '0300 456 010'; }],
    ['a time of 24:00 as an opening time', (s) => { s.schedule.weekly[0].open = '24:00'; }],
    ['a time without a leading zero', (s) => { s.schedule.weekly[0].open = '8:45'; }],
    ['an impossible date', (s) => { s.checked = '2026-13-01'; }],
    ['an upper-case id', (s) => { s.id = 'MASH'; }],
    ['an unknown member', (s) => { s.fax = '01225 000000'; }],
    ['a weekly schedule without holidays', (s) => { delete s.schedule.holidays; }],
  ]) {
    const s = structuredClone(mash);
    change(s);
    assert.equal(validate(withService(s)), false, `directory schema should reject ${what}`);
  }
});

test('ids are unique and references between files resolve', () => {
  const unique = (list, what) => {
    const seen = new Set();
    for (const id of list) {
      assert.ok(!seen.has(id), `duplicate ${what} id "${id}"`);
      seen.add(id);
    }
  };
  unique(directory.services.map((s) => s.id), 'service');
  unique(directory.localities.map((l) => l.id), 'locality');
  unique(rules.rules.map((r) => r.id), 'rule');
  unique(rules.levels.map((l) => l.id), 'level');
  unique(rules.levels.map((l) => String(l.rank)), 'level rank');
  unique(questions.questions.map((q) => q.id), 'question');
  unique(questions.questions.map((q) => q.fact), 'question fact');
  const towns = directory.localities.flatMap((l) => l.towns.map((t) => t.toLowerCase()));
  unique(towns, 'town (case-insensitive)');

  for (const s of directory.services)
    for (const l of s.localities ?? []) assert.ok(localityIds.has(l), `service ${s.id}: unknown locality "${l}"`);

  const levelIds = new Set(rules.levels.map((l) => l.id));
  for (const rule of rules.rules)
    if (rule.level !== undefined) assert.ok(levelIds.has(rule.level), `rule ${rule.id}: unknown level "${rule.level}"`);

  for (const [pointer, entry] of contactEntries()) {
    if (entry.first_open !== undefined)
      assert.ok(rules.groups[entry.first_open], `rules.json${pointer}: unknown group "${entry.first_open}"`);
    if (entry.by_locality)
      for (const l of Object.keys(entry.by_locality))
        assert.ok(localityIds.has(l), `rules.json${pointer}: unknown locality "${l}"`);
    for (const id of servicesOf(entry)) assert.ok(services.has(id), `rules.json${pointer}: unknown service "${id}"`);
  }
});

test('every service can be reached by some rule', () => {
  const reached = new Set();
  for (const rule of rules.rules) for (const c of rule.contacts) for (const id of servicesOf(c)) reached.add(id);
  // The engine adds the safety section's lines for an audience (e.g. Childline for young people).
  for (const lines of Object.values(rules.safety.by_audience ?? {})) for (const c of lines) reached.add(c.service);
  const unreached = directory.services.map((s) => s.id).filter((id) => !reached.has(id));
  assert.deepEqual(unreached, [], 'services no rule can return');
});

test('rules end with a catch-all and every fact they use has a question', () => {
  const last = rules.rules.at(-1);
  assert.deepEqual(last.when, {}, 'the last rule must have "when": {}');
  assert.ok(last.contacts.length > 0, 'the catch-all rule must have contacts');
  for (const rule of rules.rules.slice(0, -1))
    assert.ok(Object.keys(rule.when).length > 0, `rule ${rule.id}: only the last rule may be always true`);

  const byFact = new Map(questions.questions.map((q) => [q.fact, q]));
  const used = new Set();
  for (const rule of rules.rules)
    for (const [fact, t] of factTests(rule.when)) {
      used.add(fact);
      const q = byFact.get(fact);
      assert.ok(q, `rule ${rule.id}: fact "${fact}" has no question`);
      // Every value a rule tests must be a value the question can give.
      const values = typeof t === 'object' ? (t.in ?? t.not_in ?? []) : [t];
      for (const v of values) {
        if (q.type === 'choice') assert.ok(q.options.some((o) => o.value === v), `rule ${rule.id}: ${fact} "${v}" is not an option`);
        if (q.type === 'yes_no') assert.equal(typeof v, 'boolean', `rule ${rule.id}: ${fact} must be tested against true/false`);
        if (q.type === 'number') assert.ok(Number.isInteger(v) && v >= q.min && v <= q.max, `rule ${rule.id}: ${fact} ${v} out of range`);
      }
      if (typeof t === 'object' && ('min' in t || 'max' in t)) {
        assert.equal(q.type, 'number', `rule ${rule.id}: min/max on the non-number fact ${fact}`);
        if ('min' in t && 'max' in t) assert.ok(t.min <= t.max, `rule ${rule.id}: ${fact} min > max`);
      }
    }
  // A question's grouped_by fact (concern_group) picks its short list: asked for the flow, not the rules.
  for (const q of questions.questions) if (q.grouped_by) used.add(q.grouped_by);
  for (const q of questions.questions) assert.ok(used.has(q.fact), `question ${q.id}: fact "${q.fact}" is not used by any rule`);
});

test('questions are well formed', () => {
  for (const q of questions.questions) {
    if (q.type === 'number') assert.ok(q.min < q.max, `question ${q.id}: min must be below max`);
    if (q.type === 'yes_no') assert.deepEqual(q.options.map((o) => o.value).sort(), [false, true], `question ${q.id}: yes_no options`);
    const values = (q.options ?? []).map((o) => JSON.stringify(o.value));
    assert.equal(new Set(values).size, values.length, `question ${q.id}: duplicate option values`);
    for (const o of q.options ?? []) for (const a of o.audiences ?? []) assert.ok(AUDIENCES.includes(a));
  }
  const audience = questions.questions[0];
  assert.equal(audience.fact, 'audience', 'the first question asks who is using the wizard');
  assert.deepEqual(audience.options.map((o) => o.value).sort(), [...AUDIENCES].sort());
  // Every audience must be offered at least one concern.
  const concern = questions.questions.find((q) => q.fact === 'concern');
  for (const a of AUDIENCES)
    assert.ok(concern.options.filter((o) => !o.audiences || o.audiences.includes(a)).length >= 5, `too few concerns for ${a}`);
  // The concern in two steps: each group's short list has answers for every audience, the risk
  // group (the group question's first option, also shown to "not sure") holds every risk concern.
  const group = questions.questions.find((q) => q.fact === concern.grouped_by);
  assert.ok(group && questions.questions.indexOf(group) < questions.questions.indexOf(concern), 'the group question comes before the concern');
  const groups = group.options.map((o) => o.value);
  for (const o of concern.options) for (const g of o.groups ?? []) assert.ok(groups.includes(g), `concern ${o.value}: unknown group ${g}`);
  for (const a of AUDIENCES)
    for (const g of groups) {
      const shown = concern.options.filter((o) => (!o.audiences || o.audiences.includes(a)) && (!o.groups || o.groups.includes(g)));
      assert.ok(shown.length >= 5 && shown.length <= 16, `${a}, ${g}: ${shown.length} concerns`);
    }
  const riskList = concern.options.filter((o) => !o.groups || o.groups.includes(groups[0])).map((o) => o.value);
  for (const v of rules.safety.risk) assert.ok(riskList.includes(v), `the risk concern ${v} is in the list "${groups[0]}"`);
  assert.ok(riskList.length <= 8, `the risk list is short (${riskList.length})`);
});

test('every phone is a UK number or a listed short code, and no superseded number appears anywhere', () => {
  const shortCodes = new Set(directory.short_codes);
  for (const [i, s] of directory.services.entries())
    for (const [j, p] of s.phones.entries()) {
      const where = `directory.json/services/${i}/phones/${j} (${s.id})`;
      assert.match(p.number, /^[0-9]+(?: [0-9]+)*$/, `${where}: digits and single spaces only`);
      if (!shortCodes.has(p.number)) {
        assert.match(digits(p.number), /^0[0-9]{10}$/, `${where}: "${p.number}" is not 11 digits starting 0`);
        assert.match(digits(p.number), /^0[1237]/, `${where}: "${p.number}" is not a UK geographic, mobile or 03 number`);
      }
    }
  const superseded = directory.superseded_numbers.map((n) => digits(n.number));
  assert.ok(superseded.length >= 3);
  const texts = Object.entries(data).map(([file, doc]) => [file, file === 'directory.json' ? { ...doc, superseded_numbers: [] } : doc]);
  texts.push(['tests/cases/routes.json', routes]);
  for (const [file, doc] of texts)
    for (const [pointer, text] of strings(doc)) {
      const found = digits(text);
      for (const old of superseded)
        assert.ok(!found.includes(old), `${file}${pointer}: contains the superseded number ${old}`);
    }
});

test('schedules are well formed', () => {
  for (const s of directory.services) {
    if (s.schedule.kind !== 'weekly') continue;
    const byDay = Object.fromEntries(DAYS.map((d) => [d, []]));
    for (const iv of s.schedule.weekly) for (const d of iv.days) byDay[d].push(iv);
    byDay.holidays = s.schedule.holidays;
    for (const [day, list] of Object.entries(byDay)) {
      const sorted = [...list].sort((a, b) => minutes(a.open) - minutes(b.open));
      for (const [k, iv] of sorted.entries()) {
        assert.ok(minutes(iv.open) < minutes(iv.close), `${s.id} ${day}: ${iv.open}-${iv.close} does not open before it closes`);
        if (k > 0) assert.ok(minutes(sorted[k - 1].close) <= minutes(iv.open), `${s.id} ${day}: intervals overlap`);
      }
    }
  }
  // The safeguarding line must answer at every minute of the week: MASH or Out of Hours.
  const week = (id, day) => directory.services.find((s) => s.id === id).schedule.weekly.filter((iv) => iv.days.includes(day));
  for (const day of DAYS) {
    const covered = new Array(1440).fill(false);
    for (const iv of [...week('mash', day), ...week('out-of-hours', day)])
      for (let m = minutes(iv.open); m < minutes(iv.close); m++) covered[m] = true;
    assert.ok(covered.every(Boolean), `${day}: a minute when neither MASH nor Out of Hours answers`);
  }
  const ooh = directory.services.find((s) => s.id === 'out-of-hours').schedule.holidays;
  assert.equal(ooh.reduce((n, iv) => n + minutes(iv.close) - minutes(iv.open), 0), 1440, 'Out of Hours must answer all day on holidays');
});

test('services carry their source, age limits and what to have ready', () => {
  for (const s of directory.services) {
    // `checked` is when the service was last compared with its source: never before the directory's.
    assert.ok(s.checked >= directory.checked, `${s.id}: checked ${s.checked} is before the directory's ${directory.checked}`);
    if (s.age) {
      const min = s.age.min ?? 0, max = s.age.max ?? 25;
      assert.ok(min <= max, `${s.id}: age min > max`);
    }
    if (s.phones.length || s.email) assert.ok(s.have_ready.length > 0, `${s.id}: say what to have ready`);
    if (s.email) assert.ok(!/opens new window/i.test(s.email));
  }
  const age = (id) => services.get(id).age;
  assert.deepEqual([age('advocacy').min, age('advocacy').max], [5, undefined]);
  assert.deepEqual([age('sexual-health').min, age('sexual-health').max], [13, 24]);
  assert.deepEqual([age('youth-offending-team').min, age('youth-offending-team').max], [10, 17]);
  assert.deepEqual([age('eet').min, age('eet').max], [16, 18]);
  for (const id of ['mash', 'out-of-hours', 'emergency-999'])
    assert.equal(age(id), null, `${id}: the safeguarding lines must never be dropped for age`);
});

test('the scenario table is well formed and covers every service', () => {
  const names = new Set();
  const factNames = new Set(questions.questions.map((q) => q.fact));
  const seen = new Set();
  assert.ok(routes.cases.length >= 45, 'at least 45 scenarios');
  for (const c of routes.cases) {
    assert.ok(!names.has(c.name), `duplicate scenario name "${c.name}"`);
    names.add(c.name);
    assert.match(c.at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/, `${c.name}: at`);
    for (const f of Object.keys(c.facts)) assert.ok(factNames.has(f), `${c.name}: unknown fact ${f}`);
    assert.ok(typeof c.expect.first === 'string', `${c.name}: expect.first is required`);
    for (const id of [c.expect.first, ...(c.expect.contacts ?? [])]) {
      assert.ok(services.has(id), `${c.name}: unknown service ${id}`);
      seen.add(id);
    }
    if (c.expect.contacts?.length) assert.equal(c.expect.contacts[0], c.expect.first, `${c.name}: contacts must start with first`);
    for (const r of c.expect.explain_includes ?? [])
      assert.ok(rules.rules.some((rule) => rule.id === r), `${c.name}: unknown rule ${r}`);
    for (const f of c.expect.missing ?? []) assert.ok(factNames.has(f), `${c.name}: unknown missing fact ${f}`);
  }
  const uncovered = directory.services.map((s) => s.id).filter((id) => !seen.has(id));
  assert.deepEqual(uncovered, [], 'services no scenario expects');
});
