// web/core/frontdoor-core-loader.js (what dist/web/frontdoor-wizard.js uses instead of
// Emscripten's glue) and web/build.mjs glueNames (the wasm's import and export names it needs).
// Runs on build/wasm and dist/web (`make web` first); the loader fetches the wasm over HTTP as in
// a browser.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { glueNames, stampFiles } from '../../web/build.mjs';
import { moduleFactory, growMemory } from '../../web/core/frontdoor-core-loader.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WASM_DIR = process.env.FRONTDOOR_WASM_DIR ? resolve(process.env.FRONTDOOR_WASM_DIR) : join(ROOT, 'build', 'wasm');
const GLUE = join(WASM_DIR, 'frontdoor-core-module.js');
const WASM = join(WASM_DIR, 'frontdoor-core-module.wasm');
const DATA = join(ROOT, 'data');
const DIST = process.env.FRONTDOOR_DIST ? resolve(process.env.FRONTDOOR_DIST) : join(ROOT, 'dist');
// The wrapper as shipped (its import of the glue resolves in dist/web; the tests pass the loader).
let createCore;

function requireWasm() {
  assert.ok(existsSync(GLUE) && existsSync(WASM), 'build/wasm has the ES6 module (run `make wasm` first)');
}

describe('web/build.mjs glueNames', () => {
  let glue;
  let wasm;
  before(() => {
    requireWasm();
    glue = readFileSync(GLUE, 'utf8');
    wasm = readFileSync(WASM);
  });

  test('reads every import and export the loader needs, as the wasm has them', () => {
    const names = glueNames(glue, wasm);
    const module = new WebAssembly.Module(wasm);
    const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`).sort();
    assert.deepEqual(imports, ['abort', 'now', 'resize'].map((r) => `${names.module}.${names[r]}`).sort());
    const exports = new Map(WebAssembly.Module.exports(module).map((e) => [e.name, e.kind]));
    assert.equal(exports.get(names.memory), 'memory');
    for (const name of ['ctors', '_frontdoor_call', '_frontdoor_free', '_malloc', '_free']) {
      assert.equal(exports.get(names[name]), 'function', name);
    }
  });

  test('refuses a glue it cannot stand in for, naming what is wrong', () => {
    const fails = (text, pattern) => assert.throws(() => glueNames(text, wasm, 'glue.js'), (error) => {
      assert.match(error.message, /^glue\.js: /);
      assert.match(error.message, pattern);
      return true;
    });
    fails(glue.replace(/var asmLibraryArg\s*=/, 'var libraryArg='), /no "var asmLibraryArg/);
    fails(glue.replace(/"([\w$]+)"\s*:\s*_abort\b/, '"$1":_emscripten_get_now'), /imports _emscripten_get_now, which the loader does not provide/);
    fails(glue.replace(/Module\["_frontdoor_call"\]\s*=\s*Module\["asm"\]\["[\w$]+"\]/, 'Module["_frontdoor_call"]=Module["asm"]["zz"]'), /no export "zz" \(_frontdoor_call\)/);
    fails(glue.replace(/Module\["_malloc"\]\s*=\s*Module\["asm"\]/g, 'Module["_other"]=Module["asm"]'), /no export for _malloc/);
    assert.throws(() => glueNames(glue, new Uint8Array([0, 1, 2]), 'glue.js'), /glue\.js: its wasm does not compile/);
  });
});

describe('web/core/frontdoor-core-loader.js', () => {
  let server;
  let base;
  let names;
  const served = [];
  before(async () => {
    requireWasm();
    ({ createCore } = await import(pathToFileURL(join(DIST, 'web', 'frontdoor-core.js')).href));
    names = glueNames(readFileSync(GLUE, 'utf8'), readFileSync(WASM));
    const bytes = readFileSync(WASM);
    server = createServer((req, res) => {
      served.push(req.url);
      if (req.url === '/wasm/frontdoor-core.wasm') res.writeHead(200, { 'Content-Type': 'application/wasm' }).end(bytes);
      else if (req.url === '/octet/frontdoor-core.wasm') res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(bytes);
      else res.writeHead(404).end();
    });
    await new Promise((r) => { server.listen(0, '127.0.0.1', r); });
    base = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => server && server.close());

  let stamped;
  const files = () => {
    if (!stamped) {
      const out = {};
      for (const name of ['calendar.json', 'directory.json', 'questions.json', 'rules.json', 'ui.json']) {
        out[name] = JSON.parse(readFileSync(join(DATA, name), 'utf8'));
      }
      // The core loads only stamped bundles (docs/data-format.md): stamped by the CLI.
      stamped = JSON.stringify(stampFiles(join(ROOT, 'build', 'native', 'frontdoor'), out));
    }
    return JSON.parse(stamped);
  };

  test('starts the core next to the bundle, and the core loads the data and routes', async () => {
    const core = await createCore({ moduleFactory: moduleFactory(names, `${base}/wasm/`) });
    assert.equal(core.load(files()).ok, true);
    const routed = core.route({ audience: 'parent', immediate_danger: true }, '2026-11-27T12:00:00Z');
    assert.equal(routed.ok, true, JSON.stringify(routed.errors));
    assert.ok(routed.contacts.length > 0);
    assert.ok(served.includes('/wasm/frontdoor-core.wasm'));
  });

  test('compiles from the bytes when the server sends the wasm as another type', async () => {
    const core = await createCore({ moduleFactory: moduleFactory(names, `${base}/octet/`) });
    assert.equal(core.load(files()).ok, true);
    assert.equal(core.route({}, '2026-11-27T12:00:00Z').ok, true);
  });

  test('grows the memory for a large request and keeps answering', async () => {
    const core = await createCore({ moduleFactory: moduleFactory(names, `${base}/wasm/`) });
    const before = core.module.HEAPU8.byteLength;
    const big = core.call({ op: 'route', facts: { note: 'x'.repeat(before * 2) }, at: '2026-11-27T12:00:00Z' });
    assert.equal(big.ok, false, 'an unknown fact is refused');
    assert.ok(core.module.HEAPU8.byteLength > before, 'the memory grew and HEAPU8 sees it');
    assert.equal(core.load(files()).ok, true);
    assert.equal(core.route({}, '2026-11-27T12:00:00Z').ok, true);
  });

  test('starts from the wasm\'s bytes or its compiled module without fetching it', async () => {
    const bytes = readFileSync(WASM);
    for (const [given, options] of [['bytes', { wasmBinary: bytes }], ['module', { wasmModule: new WebAssembly.Module(bytes) }]]) {
      // Nothing is served under /none/: a fetch would reject createCore.
      const core = await createCore({ moduleFactory: moduleFactory(names, `${base}/none/`), ...options });
      assert.equal(core.load(files()).ok, true, given);
      assert.equal(core.route({}, '2026-11-27T12:00:00Z').ok, true, given);
    }
  });

  test('a missing wasm rejects createCore (the page keeps its static directory)', async () => {
    await assert.rejects(createCore({ moduleFactory: moduleFactory(names, `${base}/none/`) }), /answered HTTP 404/);
  });

  test('growMemory grows by at least what is asked, and refuses past 2 GiB', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 100 });
    assert.equal(growMemory(memory, 3 * 65536 + 1), true);
    assert.ok(memory.buffer.byteLength >= 4 * 65536);
    assert.equal(growMemory(memory, 2147483649), false);
    assert.equal(growMemory(memory, 200 * 65536), false, 'over the memory\'s maximum');
  });
});
