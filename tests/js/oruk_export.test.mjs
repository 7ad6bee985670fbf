// `frontdoor export --format oruk` checked against the official Open Referral UK 3.0 schemas
// (../shared/reference/oruk-3.0/schemata beside the project, or FRONTDOOR_ORUK_SCHEMAS) with ajv, and against
// data/directory.json: no phone number may be lost. Run: node --test tests/js/
// Needs the native CLI (`make native`, or FRONTDOOR_CLI=<path to frontdoor>).
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = resolve(ROOT, process.env.FRONTDOOR_CLI ?? 'build/native/frontdoor');
const DATA = resolve(ROOT, process.env.FRONTDOOR_DATA_DIR ?? 'data');
// The official schemas sit in ../shared beside the project (as in CI).
const SCHEMAS = resolve(process.env.FRONTDOOR_ORUK_SCHEMAS ?? join(ROOT, '..', 'shared', 'reference', 'oruk-3.0', 'schemata'));
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** RFC 4122 name-based UUID (v5), computed here independently of the C++ code. */
function uuidV5(namespace, name) {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(Buffer.concat([ns, Buffer.from(name, 'utf8')])).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function runExport(args = ['--data', DATA, '--format', 'oruk']) {
  return spawnSync(CLI, ['export', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** ajv with every ORUK entity schema registered under its file name (they $ref each other that way). */
function oruk() {
  // strict: false because the schemas carry Frictionless Data keywords (name, constraints, core …).
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of readdirSync(SCHEMAS).filter((f) => f.endsWith('.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')), file);
  }
  return ajv;
}

describe('frontdoor export --format oruk', () => {
  let page;
  let directory;

  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`make native\` first, or set FRONTDOOR_CLI`);
    const run = runExport();
    assert.equal(run.status, 0, run.stderr);
    page = JSON.parse(run.stdout);
    directory = JSON.parse(readFileSync(join(DATA, 'directory.json'), 'utf8'));
  });

  test('is one page of services like the ORUK /services list', () => {
    for (const key of ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty']) {
      assert.ok(key in page, `missing ${key}`);
    }
    assert.ok(Array.isArray(page.contents));
    assert.equal(page.contents.length, directory.services.length);
    assert.equal(page.total_items, directory.services.length);
  });

  test('every service is valid against the official service schema', () => {
    const validate = oruk().getSchema('service.json');
    assert.ok(validate, 'service.json did not compile');
    for (const service of page.contents) {
      const ok = validate(service);
      assert.ok(ok, `${service.name}: ${JSON.stringify(validate.errors, null, 1)}`);
    }
  });

  test('each kept phone is a valid ORUK phone', () => {
    const validate = oruk().getSchema('phone.json');
    for (const service of page.contents) {
      for (const phone of service.x_frontdoor_phones) assert.ok(validate(phone), JSON.stringify(validate.errors));
    }
  });

  test('the schemas reject a broken service (the validation can fail)', () => {
    const validate = oruk().getSchema('service.json');
    const broken = structuredClone(page.contents[0]);
    broken.id = 'mash';
    broken.status = 'open';
    broken.schedules[0] = { ...(broken.schedules[0] ?? { id: broken.id }), freq: 'HOURLY' };
    assert.equal(validate(broken), false);
    const paths = validate.errors.map((e) => e.instancePath);
    assert.ok(paths.includes('/id') && paths.includes('/status'), JSON.stringify(paths));
  });

  test('every phone number in directory.json appears in the export', () => {
    const exported = new Set();
    for (const service of page.contents) for (const phone of service.x_frontdoor_phones) exported.add(phone.number);
    const superseded = new Set((page.x_frontdoor_superseded_numbers ?? []).map((n) => n.number));
    for (const service of directory.services) {
      for (const phone of service.phones) assert.ok(exported.has(phone.number), `${service.id}: ${phone.number} was dropped`);
    }
    for (const old of directory.superseded_numbers ?? []) {
      assert.ok(superseded.has(old.number), `superseded ${old.number} was dropped`);
      assert.ok(!exported.has(old.number), `superseded ${old.number} is exported as a current phone`);
    }
  });

  test('ids are name-based UUIDs of the directory ids, the same on every run', () => {
    const publisher = directory.publisher?.id ?? 'frontdoor';
    directory.services.forEach((service, i) => {
      assert.equal(page.contents[i].id, uuidV5(URL_NAMESPACE, `urn:frontdoor:${publisher}:service:${service.id}`));
      assert.equal(page.contents[i].x_frontdoor_id, service.id);
    });
    const again = JSON.parse(runExport().stdout);
    assert.deepEqual(again, page);
  });

  test('weekly hours become WEEKLY schedules with RFC 5545 days', () => {
    const days = { mon: 'MO', tue: 'TU', wed: 'WE', thu: 'TH', fri: 'FR', sat: 'SA', sun: 'SU' };
    directory.services.forEach((service, i) => {
      const schedules = page.contents[i].schedules;
      if (service.schedule.kind !== 'weekly') return;
      for (const interval of service.schedule.weekly) {
        const opens = `${interval.open}:00`;
        const closes = interval.close === '24:00' ? '23:59:59' : `${interval.close}:00`;
        for (const day of interval.days) {
          const hit = schedules.find((s) => s.freq === 'WEEKLY' && s.byday.split(',').includes(days[day]) &&
            s.opens_at === opens && s.closes_at === closes);
          assert.ok(hit, `${service.id}: ${day} ${interval.open}-${interval.close} is missing`);
        }
      }
      for (const s of schedules) assert.match(s.byday, /^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$/);
    });
  });

  test('ages and dates come from the directory', () => {
    directory.services.forEach((service, i) => {
      const out = page.contents[i];
      assert.equal(out.assured_date, service.checked);
      if (service.age) {
        // Only the bounds the directory states (advocacy is "5 and over": no maximum).
        assert.equal(out.minimum_age, service.age.min, service.id);
        assert.equal(out.maximum_age, service.age.max, service.id);
      } else {
        assert.ok(!('minimum_age' in out));
      }
    });
  });

  test('an unknown format is a usage error', () => {
    const run = runExport(['--data', DATA, '--format', 'csv']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /unknown --format 'csv'/);
  });
});
