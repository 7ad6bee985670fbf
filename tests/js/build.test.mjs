// dist/ as made by `node web/build.mjs` (run `make web` first), the wrapper in node, the kiosk
// file, the build's data check and web/serve.mjs.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WEB_FILES, DEMO_PAGES, forBrowser, calendarFrom, glueNames, PER_FACT_PROVENANCE, stampFiles } from '../../web/build.mjs';
import { renderDirectoryFromDir } from '../../web/fallback.mjs';
import { startServer, CSP } from '../../web/serve.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// FRONTDOOR_DIST / FRONTDOOR_DATA_DIR / FRONTDOOR_WASM_DIR point the tests at another build.
const DIST = process.env.FRONTDOOR_DIST ? resolve(process.env.FRONTDOOR_DIST) : join(ROOT, 'dist');
const WEB = join(DIST, 'web');
const KIOSK = join(DIST, 'kiosk', 'frontdoor-kiosk.html');
const NATIVE = join(ROOT, 'build', 'native', 'frontdoor');
const DATA = process.env.FRONTDOOR_DATA_DIR ? resolve(process.env.FRONTDOOR_DATA_DIR) : join(ROOT, 'data');
const WASM_DIR = process.env.FRONTDOOR_WASM_DIR ? resolve(process.env.FRONTDOOR_WASM_DIR) : join(ROOT, 'build', 'wasm');

function requireDist() {
  assert.ok(existsSync(WEB), 'dist/web exists (run `make web` before `make test-js`)');
}

const dataFiles = () => readdirSync(DATA).filter((n) => n.endsWith('.json')).sort();

describe('dist/web', () => {
  let core;
  before(async () => {
    requireDist();
    const { createCore } = await import(pathToFileURL(join(WEB, 'frontdoor-core.js')).href);
    core = await createCore({ wasmBinary: readFileSync(join(WEB, 'frontdoor-core.wasm')) });
  });

  test('holds exactly the documented files', () => {
    assert.deepEqual(readdirSync(WEB).sort(), [...WEB_FILES].sort());
    assert.deepEqual([...WEB_FILES].sort(), [
      'frontdoor-core-module.js', 'frontdoor-core.js', 'frontdoor-core.wasm', 'frontdoor-data.json',
      'frontdoor-directory.html', 'frontdoor-wizard.js',
    ]);
  });

  test('the bundle is minified and holds every data file, less what only the build and lint read', () => {
    const text = readFileSync(join(WEB, 'frontdoor-data.json'), 'utf8');
    assert.doesNotMatch(text, /\n/);
    const bundle = JSON.parse(text);
    assert.deepEqual(Object.keys(bundle.files).sort(), [...dataFiles(), 'stamp'].sort());
    const format = Number(/kBundleFormat = (\d+);/.exec(readFileSync(join(ROOT, 'core/include/frontdoor/stamp.hpp'), 'utf8'))[1]);
    assert.equal(bundle.files.stamp.format, format, 'the data format of this core (stamp.hpp kBundleFormat)');
    assert.match(bundle.files.stamp.hash, /^[0-9a-f]{16}$/, 'stamped by frontdoor bundle --stamp (docs/data-format.md)');
    const dropped = {
      'directory.json': ['$schema', 'publisher', 'superseded_numbers', 'contact_page'],
      'ui.json': ['$schema', ...Object.keys(JSON.parse(readFileSync(join(DATA, 'ui.json'), 'utf8'))).filter((k) => k.startsWith('directory_'))],
    };
    for (const name of dataFiles()) {
      const whole = JSON.parse(readFileSync(join(DATA, name), 'utf8'));
      const want = { ...whole };
      for (const key of [...(dropped[name] || ['$schema']), '$comment']) delete want[key];
      if (name === 'calendar.json') want.exceptions = want.exceptions.filter((e) => e.date >= calendarFrom(whole));
      if (name === 'directory.json') {
        // Each fact's own source and checked date are for `frontdoor lint --report` only.
        want.services = structuredClone(want.services);
        for (const service of want.services) {
          for (const key of PER_FACT_PROVENANCE.service) delete service[key];
          for (const phone of service.phones) for (const key of PER_FACT_PROVENANCE.phone) delete phone[key];
          if (service.age) for (const key of PER_FACT_PROVENANCE.age) delete service.age[key];
        }
      }
      assert.deepEqual(bundle.files[name], want, name);
    }
    assert.ok(dropped['ui.json'].length > 10, 'the static directory\'s wording is left out');
  });

  test('the browser\'s share of the data answers exactly like the whole data', () => {
    const whole = {};
    for (const name of dataFiles()) whole[name] = JSON.parse(readFileSync(join(DATA, name), 'utf8'));
    const facts = [{}, { audience: 'parent' }, { audience: 'parent', immediate_danger: true },
      { audience: 'young_person', immediate_danger: false }, { audience: 'professional', immediate_danger: false, concern: 'harm' },
      { audience: 'public', immediate_danger: false, concern: 'family_support', area: 'Salisbury', child_age: 4 }];
    // From the first day whose exceptions the browser keeps (the element routes at the clock).
    const from = calendarFrom(whole['calendar.json']);
    assert.match(from, /^\d{4}-01-01$/);
    assert.ok(whole['calendar.json'].exceptions.some((e) => e.date < from), 'the data has past exceptions, which the browser leaves out');
    assert.ok(forBrowser(whole)['calendar.json'].exceptions.every((e) => e.date >= from));
    const at = [`${from}T10:00:00Z`, '2026-11-27T12:00:00Z', '2026-11-28T03:00:00Z', '2026-12-25T10:00:00Z', '2027-05-03T10:00:00Z'];
    const answers = (files) => {
      assert.equal(core.load(stampFiles(NATIVE, files)).ok, true);
      return facts.flatMap((f) => at.map((when) => core.route(f, when)));
    };
    const full = answers(whole);
    const share = answers(forBrowser(whole));
    assert.ok(full.every((r) => r.ok), 'the whole data routes');
    assert.deepEqual(share, full);
    // The core loads no wording the element needs from the dropped members.
    const ui = forBrowser(whole)['ui.json'];
    assert.ok(!Object.keys(ui).some((k) => k.startsWith('directory_') || k === '$schema'));
    assert.equal(forBrowser({ 'x.json': [1, 2] })['x.json'].length, 2, 'a file that is not an object passes unchanged');
  });

  test('the static directory is the one web/fallback.mjs makes from data/', () => {
    assert.equal(readFileSync(join(WEB, 'frontdoor-directory.html'), 'utf8'), renderDirectoryFromDir(DATA).html);
  });

  test('the element is one self-contained module (esbuild): the wrapper, the wasm loader and the stylesheet inside', () => {
    // One request: the element, the wrapper and the wasm loader are bundled (no import left).
    const element = readFileSync(join(WEB, 'frontdoor-wizard.js'), 'utf8');
    assert.doesNotMatch(element, /(^|[;}\s])import\s*[\w{*'"]/m, 'frontdoor-wizard.js imports nothing');
    assert.doesNotMatch(element, /(^|[;}\s])export\s*[{\w*]/, 'frontdoor-wizard.js exports nothing (its modules are tested from the source)');
    assert.match(element, /frontdoor-core\.wasm/, 'the wrapper (which names the .wasm) is inside frontdoor-wizard.js');
    assert.match(element, /instantiateStreaming/, 'the wasm loader is inside frontdoor-wizard.js');
    assert.doesNotMatch(element, /preloadedImages|calledRun|Build with -s ASSERTIONS|asmLibraryArg/, 'Emscripten\'s glue is not (web/core/frontdoor-core-loader.js stands in: docs/web.md)');
    assert.match(element, /:host\{--fd-font:/, 'the stylesheet, minified, is inside frontdoor-wizard.js');
    assert.doesNotMatch(element, /\/\*|\n\s*\n/, 'no comments or blank lines: minified');
    const wrapper = readFileSync(join(WEB, 'frontdoor-core.js'), 'utf8');
    assert.match(wrapper, /^import \w+ ?from ?"\.\/frontdoor-core-module\.js";/m, 'frontdoor-core.js still ships as the public wrapper of the glue');
    assert.match(wrapper, /export ?\{[^}]*createCore[^}]*\}/);
  });

  test('the bundled element runs as a module where there is no DOM and no worker (nothing defined, nothing exported)', async () => {
    const bundled = await import(pathToFileURL(join(WEB, 'frontdoor-wizard.js')).href);
    assert.deepEqual(Object.keys(bundled), []);
    assert.equal(typeof globalThis.customElements, 'undefined');
  });

  test('the bundle loads through the wrapper and routes', () => {
    const bundle = JSON.parse(readFileSync(join(WEB, 'frontdoor-data.json'), 'utf8'));
    const loaded = core.load(bundle.files);
    assert.equal(loaded.ok, true, JSON.stringify(loaded.errors));
    const routed = core.route({}, '2026-11-27T12:00:00Z');
    assert.equal(routed.ok, true, JSON.stringify(routed.errors));
    assert.ok(Array.isArray(routed.contacts) && routed.contacts.length > 0, 'at least one contact');
    assert.ok(Array.isArray(routed.missing));
    // A whole bundle is accepted too, and a Date for `at`.
    assert.equal(core.load(bundle).ok, true);
    const byDate = core.route({}, new Date('2026-11-27T12:00:00.250Z'));
    assert.equal(byDate.ok, true, JSON.stringify(byDate.errors));
    assert.ok(byDate.at.startsWith('2026-11-27T12:00:00'), byDate.at);
    // No time given: the browser's clock (Date.now).
    const now = core.route({});
    assert.equal(now.ok, true, JSON.stringify(now.errors));
    assert.ok(Math.abs(Date.parse(now.at) - Date.now()) < 60000, now.at);
  });

  test('immediate danger puts the short-code (999) service first', () => {
    const directory = JSON.parse(readFileSync(join(DATA, 'directory.json'), 'utf8'));
    const codes = new Set(directory.short_codes);
    const emergency = directory.services.find((s) => (s.phones || []).some((p) => codes.has(p.number)));
    const routed = core.route({ audience: 'parent', immediate_danger: true }, '2026-11-27T12:00:00Z');
    assert.equal(routed.ok, true, JSON.stringify(routed.errors));
    assert.equal(routed.contacts[0].service, emergency.id);
    assert.equal(routed.contacts[0].phone, emergency.phones[0].number);
  });

  test('the scenario tables give the same answers through the wrapper', (t) => {
    const folder = join(ROOT, 'tests', 'cases');
    const tables = existsSync(folder) ? readdirSync(folder).filter((n) => n.endsWith('.json')) : [];
    if (!tables.length) {
      t.skip('no tests/cases/*.json yet');
      return;
    }
    let count = 0;
    for (const table of tables) {
      const cases = JSON.parse(readFileSync(join(folder, table), 'utf8')).cases;
      // Only route tables (holidays.json has another shape).
      if (!Array.isArray(cases) || !cases.every((c) => c.facts && c.expect)) continue;
      for (const c of cases) {
        const r = core.route(c.facts, c.at);
        const where = `${table}: ${c.name}`;
        assert.equal(r.ok, true, `${where}: ${JSON.stringify(r.errors)}`);
        const e = c.expect;
        assert.equal(r.contacts[0]?.service, e.first, `${where}: first`);
        if ('level' in e) assert.equal(r.level, e.level, `${where}: level`);
        if ('first_open' in e) assert.equal(r.contacts[0].open_now, e.first_open, `${where}: first_open`);
        if ('label_now' in e) assert.equal(r.contacts[0].label_now, e.label_now, `${where}: label_now`);
        if ('missing' in e) assert.deepEqual(r.missing, e.missing, `${where}: missing`);
        if ('contacts' in e) assert.deepEqual(r.contacts.slice(0, e.contacts.length).map((x) => x.service), e.contacts, `${where}: contacts`);
        const shown = new Set(r.contacts.map((x) => x.service));
        for (const id of e.contacts_include || []) assert.ok(shown.has(id), `${where}: contact ${id} shown`);
        for (const id of e.contacts_exclude || []) assert.ok(!shown.has(id), `${where}: contact ${id} not shown`);
        for (const [id, role] of Object.entries(e.roles || {})) {
          assert.ok(r.contacts.some((x) => x.service === id && x.role === role), `${where}: ${id} has role ${role}`);
        }
        const text = JSON.stringify(r);
        for (const t of e.texts_include || []) assert.ok(text.includes(t), `${where}: says ${t}`);
        for (const t of e.texts_exclude || []) assert.ok(!text.includes(t), `${where}: never says ${t}`);
        for (const rule of e.explain_includes || []) {
          assert.ok(r.explain.some((x) => x.rule === rule), `${where}: explain includes ${rule}`);
        }
        count += 1;
      }
    }
    assert.ok(count > 0);
  });

  test('bad requests are answered with errors, never thrown', () => {
    const bundle = JSON.parse(readFileSync(join(WEB, 'frontdoor-data.json'), 'utf8'));
    assert.equal(core.load(bundle.files).ok, true);
    const unknownOp = core.call({ op: 'no-such-op' });
    assert.equal(unknownOp.ok, false);
    assert.ok(unknownOp.errors.length > 0 && unknownOp.errors[0].id);
    const cyclic = {};
    cyclic.self = cyclic;
    assert.deepEqual(core.call(cyclic).errors.map((e) => e.id), ['request.not_json']);
    assert.equal(core.route({}, new Date('nonsense')).ok, false);
    const badFact = core.route({ concern: 'no-such-concern' }, '2026-11-27T12:00:00Z');
    assert.equal(badFact.ok, false);
    // A failed load keeps the data loaded before it.
    // (a bundle changed after its stamp: docs/data-format.md, Bundle stamp)
    const broken = core.load({ ...bundle.files, 'directory.json': '{"services": [' });
    assert.equal(broken.ok, false);
    assert.deepEqual(broken.errors.map((e) => e.id), ['bundle.hash']);
    assert.equal(core.route({}, '2026-11-27T12:00:00Z').ok, true);
    // Text outside the BMP survives the UTF-8 round trip into an error message.
    const odd = core.route({ area: 'Zzz-\u{1F600}-é' }, '2026-11-27T12:00:00Z');
    assert.equal(typeof odd.ok, 'boolean');
  });

  test('a null response and a trap become error responses; after a trap the core refuses work', async () => {
    const { createCore } = await import(pathToFileURL(join(WEB, 'frontdoor-core.js')).href);
    const own = await createCore({ wasmBinary: readFileSync(join(WEB, 'frontdoor-core.wasm')) });
    const real = own.module._frontdoor_call;
    // The web module answers load and route only (docs/api.md).
    const route = { op: 'route', at: '2026-11-27T12:00:00Z', facts: {} };
    own.module._frontdoor_call = () => 0;
    assert.deepEqual(own.call(route).errors.map((e) => e.id), ['abi.null']);
    own.module._frontdoor_call = real;
    const bundle = JSON.parse(readFileSync(join(WEB, 'frontdoor-data.json'), 'utf8'));
    assert.equal(own.load(bundle.files).ok, true);
    assert.equal(own.call(route).ok, true);
    for (const op of ['holidays', 'ui', 'directory', 'bundle', 'lint'])
      assert.deepEqual(own.call({ op, from: 2026, to: 2026 }).errors.map((e) => e.id), ['request.op'], op);
    own.module._frontdoor_call = () => { throw new WebAssembly.RuntimeError('memory access out of bounds'); };
    assert.deepEqual(own.call(route).errors.map((e) => e.id), ['abi.trap']);
    own.module._frontdoor_call = real;
    assert.deepEqual(own.call(route).errors.map((e) => e.id), ['abi.broken']);
  });

  test('the module cannot start from a broken wasm: createCore rejects', async () => {
    const { createCore } = await import(pathToFileURL(join(WEB, 'frontdoor-core.js')).href);
    const quiet = console.warn;
    console.warn = () => {};
    try {
      await assert.rejects(createCore({ wasmBinary: new Uint8Array([0, 97, 115, 109, 9, 9]) }));
    } finally {
      console.warn = quiet;
    }
  });
});

describe('dist/demo', () => {
  test('has the pages and a copy of dist/web', () => {
    requireDist();
    const demo = join(DIST, 'demo');
    for (const name of [...DEMO_PAGES, ...WEB_FILES]) assert.ok(existsSync(join(demo, name)), name);
    for (const name of WEB_FILES) {
      assert.ok(readFileSync(join(demo, name)).equals(readFileSync(join(WEB, name))), `${name} is the dist/web copy`);
    }
    const council = readFileSync(join(demo, 'council.html'), 'utf8');
    const intranet = readFileSync(join(demo, 'intranet.html'), 'utf8');
    const index = readFileSync(join(demo, 'index.html'), 'utf8');
    assert.match(index, /href="council\.html"/);
    assert.match(index, /href="intranet\.html"/);
    assert.match(council, /<frontdoor-wizard src="frontdoor-data\.json">\s*<section id="frontdoor-directory"/);
    assert.match(intranet, /<frontdoor-wizard src="frontdoor-data\.json" audience="professional">\s*<section id="frontdoor-directory"/);
    for (const page of [council, intranet]) {
      assert.match(page, /<script type="module" src="frontdoor-wizard\.js"><\/script>/);
      // The bundle is requested with the script, not after it has run; the stylesheet is in the script.
      assert.match(page, /<link rel="preload" href="frontdoor-data\.json" as="fetch" crossorigin>/);
      assert.doesNotMatch(page, /frontdoor-wizard\.css/);
      // Pages served with script-src 'self' and default-src 'self': nothing inline.
      assert.doesNotMatch(page, /<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=/i);
      assert.doesNotMatch(page, /frontdoor:directory|\{\{/, 'placeholders filled');
    }
  });
});

describe('dist/kiosk/frontdoor-kiosk.html', () => {
  let html;
  before(() => {
    requireDist();
    html = readFileSync(KIOSK, 'utf8');
  });

  test('has no external src or href (only tel: and in-page #ids)', () => {
    // Attributes of the page itself; what the inline scripts contain is checked below.
    const markup = html.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, '$1</script>');
    const refs = [...markup.matchAll(/\s(src|href|action|srcset|poster)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)]
      .map((m) => m[2] ?? m[3] ?? m[4]);
    assert.ok(refs.length > 0);
    for (const ref of refs) assert.match(ref, /^(tel:|#)/, `reference ${ref}`);
    assert.doesNotMatch(markup, /<link\b|<iframe\b|<object\b|<embed\b|<img\b|<base\b/i);
  });

  test('one classic inline script with no import/export statement, allowed by the CSP hash', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    const classic = scripts.filter((m) => !/type=/.test(m[1]));
    assert.equal(classic.length, 1, 'exactly one executable script');
    assert.equal(classic[0][1].trim(), '', 'the executable script has no attributes (classic, inline)');
    const code = classic[0][2];
    for (const [index, line] of code.split('\n').entries()) {
      assert.doesNotMatch(line, /^\s*(import\s*[\w{*'"]|export\s)/, `script line ${index + 1}`);
    }
    assert.doesNotMatch(code, /\bimport\s*\.\s*meta\b|\bimport\s*\(/);
    assert.doesNotMatch(code, /\bnew Function\b|\beval\(/);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    assert.ok(csp, 'a CSP meta element');
    assert.ok(html.indexOf(csp[0]) < html.indexOf('<script'), 'the CSP comes before any script');
    const hash = createHash('sha256').update(code, 'utf8').digest('base64');
    assert.match(csp[1], /default-src 'none'/);
    assert.ok(csp[1].includes(`script-src 'sha256-${hash}' 'wasm-unsafe-eval'`), csp[1]);
    assert.doesNotMatch(csp[1], /unsafe-inline|\*/);
    assert.doesNotMatch(csp[1], /'unsafe-eval'/);
    for (const style of html.matchAll(/<style>([\s\S]*?)<\/style>/g)) {
      const styleHash = createHash('sha256').update(style[1], 'utf8').digest('base64');
      assert.ok(csp[1].includes(`'sha256-${styleHash}'`), 'style hash in the CSP');
    }
  });

  test('inlines the data bundle, the wasm and the CSS, and sets kiosk and src', () => {
    const data = /<script type="application\/json" id="frontdoor-data">([\s\S]*?)<\/script>/.exec(html);
    assert.ok(data);
    assert.deepEqual(JSON.parse(data[1]), JSON.parse(readFileSync(join(WEB, 'frontdoor-data.json'), 'utf8')));
    assert.match(html, /<frontdoor-wizard src="#frontdoor-data" kiosk>\s*<section id="frontdoor-directory"/);
    assert.match(html, /:host\{--fd-font:/, 'the stylesheet, minified');
    // One character per byte (Latin-1), the only escapes \xNN (web/build.mjs latin1Literal).
    const wasm = /var __fdWasm = "((?:[^"\\\x00-\x1f<]|\\x[0-9a-f]{2})*)";/.exec(html);
    assert.ok(wasm, 'the wasm is inline as a one-character-per-byte string');
    const bytes = Buffer.from(wasm[1].replace(/\\x([0-9a-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
    assert.ok(bytes.subarray(0, 4).equals(Buffer.from([0, 97, 115, 109])), 'it is a wasm binary');
    assert.match(html, /instantiateWasm/);
  });
});

describe('web/build.mjs refuses data the core does not load', () => {
  const work = mkdtempSync(join(tmpdir(), 'fd-build-test-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  function buildWith(mutate) {
    const data = join(work, `data-${Math.random().toString(36).slice(2)}`);
    cpSync(DATA, data, { recursive: true });
    mutate(data);
    const out = join(work, 'out');
    const run = spawnSync(process.execPath, [join(ROOT, 'web', 'build.mjs'), '--data', data, '--out', out,
      '--wasm-dir', WASM_DIR, '--native', NATIVE], { encoding: 'utf8' });
    return { ...run, out };
  }

  test('the unchanged data builds (so the failures below come from the changes)', () => {
    requireDist();
    const run = buildWith(() => {});
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.deepEqual(readdirSync(join(run.out, 'web')).sort(), [...WEB_FILES].sort());
    assert.match(run.stdout, /raw\s+gzip\s+brotli/);
    rmSync(run.out, { recursive: true, force: true });
  });

  test('a phone number that is not a phone number fails the build, naming the file', () => {
    requireDist();
    const run = buildWith((data) => {
      const path = join(data, 'directory.json');
      const directory = JSON.parse(readFileSync(path, 'utf8'));
      const s = directory.services.find((x) => (x.phones || []).length > 0);
      s.phones[0].number = 'call us';
      writeFileSync(path, JSON.stringify(directory, null, 2));
    });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /does not load/);
    assert.match(run.stderr, /directory\.json/);
    assert.ok(!existsSync(join(run.out, 'web')), 'nothing is written');
  });

  test('a JSON syntax error fails the build with the core\'s message', () => {
    requireDist();
    const run = buildWith((data) => writeFileSync(join(data, 'rules.json'), '{"levels": [\n'));
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /rules\.json/);
  });
});

describe('web/serve.mjs', () => {
  let server;
  let dir;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fd-serve-test-'));
    mkdirSync(join(dir, 'site', 'sub'), { recursive: true });
    writeFileSync(join(dir, 'secret.txt'), 'outside');
    writeFileSync(join(dir, 'site', 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(dir, 'site', 'a.js'), 'export {};\n');
    writeFileSync(join(dir, 'site', 'a.wasm'), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
    writeFileSync(join(dir, 'site', 'a.json'), '{}');
    writeFileSync(join(dir, 'site', 'sub', 'b.css'), 'a{}');
    server = await startServer(join(dir, 'site'), 0);
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Raw GET, so the path is sent exactly as written (fetch would normalise "..") */
  function get(path) {
    return new Promise((resolve, reject) => {
      const url = new URL(server.url);
      const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
        let body = '';
        res.on('data', (chunk) => { body += chunk; });
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  test('binds 127.0.0.1 on a free port', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  test('sends the CSP and the right MIME types', async () => {
    const expected = {
      '/a.wasm': 'application/wasm',
      '/a.js': 'text/javascript',
      '/a.json': 'application/json',
      '/sub/b.css': 'text/css',
      '/': 'text/html',
    };
    for (const [path, type] of Object.entries(expected)) {
      const res = await get(path);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers['content-type'].split(';')[0], type, path);
      assert.equal(res.headers['content-security-policy'], CSP);
    }
    assert.equal(CSP, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'");
  });

  test('compresses for Accept-Encoding (br, else gzip), with Vary, the same bytes once decoded', async () => {
    const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
    const raw = readFileSync(join(dir, 'site', 'a.wasm'));
    const fetchRaw = (path, encoding) => new Promise((resolve, reject) => {
      const url = new URL(server.url);
      const req = request({ host: url.hostname, port: url.port, path, headers: encoding ? { 'Accept-Encoding': encoding } : {} }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
    const plain = await fetchRaw('/a.wasm');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.ok(plain.body.equals(raw));
    const gz = await fetchRaw('/a.wasm', 'gzip');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gz.headers.vary, 'Accept-Encoding');
    assert.equal(gz.headers['content-type'], 'application/wasm');
    assert.equal(gz.headers['content-security-policy'], CSP);
    assert.ok(gunzipSync(gz.body).equals(raw));
    let br;
    for (let i = 0; i < 50 && (!br || br.headers['content-encoding'] !== 'br'); i += 1) {
      br = await fetchRaw('/a.wasm', 'gzip, deflate, br'); // gzip while brotli is being made
      if (br.headers['content-encoding'] !== 'br') await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(br.headers['content-encoding'], 'br');
    assert.ok(brotliDecompressSync(br.body).equals(raw));
    assert.equal((await fetchRaw('/a.wasm', 'br;q=0, gzip;q=0')).headers['content-encoding'], undefined);
  });

  test('404 for missing files, and never serves outside the folder', async () => {
    const missing = await get('/nope.js');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['content-security-policy'], CSP);
    for (const path of ['/../secret.txt', '/sub/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt',
      '/sub/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%00', '/%E0%A4%A']) {
      const res = await get(path);
      assert.ok([400, 403, 404].includes(res.status), `${path}: ${res.status}`);
      assert.ok(!res.body.includes('outside'), `${path} leaked a file outside the folder`);
    }
  });
});
