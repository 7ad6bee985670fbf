// The WebAssembly C ABI (wasm/abi.cpp) driven from JavaScript the way the page drives it:
// frontdoor_call(ptr, len) -> malloc'd JSON, frontdoor_free(ptr). Run: node --test tests/js/
//
// Needs the wasm build (`make wasm`, or FRONTDOOR_WASM_DIR=<build dir>). The ES6 module is
// built for ENVIRONMENT=web; in node it works as long as we hand it the bytes (wasmBinary),
// which is also what keeps it off fetch().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { stampFiles } from '../../web/build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const wasmDir = path.resolve(root, process.env.FRONTDOOR_WASM_DIR ?? 'build/wasm');
const dataDir = path.resolve(root, process.env.FRONTDOOR_DATA_DIR ?? 'data');
const DATA_FILES = ['directory.json', 'calendar.json', 'rules.json', 'questions.json', 'ui.json'];
const AT = '2026-11-27T16:00:00Z';
const FACTS = { audience: 'parent', concern: 'harm' };

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

function builtFile(name) {
  const file = path.join(wasmDir, name);
  assert.ok(existsSync(file), `${file} is missing: run \`make wasm\` first (test-js needs the wasm build)`);
  return file;
}

/** A fresh module instance (its own memory and Session) from build/wasm/<name>.js. */
async function instantiate(name = 'frontdoor-core-module') {
  const js = builtFile(`${name}.js`);
  const wasmBinary = readFileSync(builtFile(`${name}.wasm`));
  const { default: factory } = await import(pathToFileURL(js).href);
  const module = await factory({ wasmBinary });
  for (const fn of ['_frontdoor_call', '_frontdoor_free', '_malloc', '_free']) {
    assert.equal(typeof module[fn], 'function', `${name}.js does not export ${fn}`);
  }
  assert.ok(module.HEAPU8 instanceof Uint8Array, `${name}.js does not expose HEAPU8`);
  return module;
}

/**
 * One call across the ABI with raw request bytes; returns the response text. `free: false`
 * leaves the response allocated (only to prove the leak check can fail).
 */
function callBytes(module, bytes, { free = true } = {}) {
  const request = module._malloc(Math.max(bytes.length, 1));
  assert.notEqual(request, 0, 'malloc failed');
  module.HEAPU8.set(bytes, request);
  const response = module._frontdoor_call(request, bytes.length);
  module._free(request);
  assert.notEqual(response, 0, 'frontdoor_call returned a null pointer');
  const heap = module.HEAPU8; // read again: the call may have grown memory
  const end = heap.indexOf(0, response);
  assert.ok(end >= response, 'response is not NUL-terminated');
  const text = strictDecoder.decode(heap.subarray(response, end)); // throws on invalid UTF-8
  if (free) module._frontdoor_free(response);
  return text;
}

function callText(module, text, options) {
  const body = callBytes(module, encoder.encode(text), options);
  try {
    return JSON.parse(body);
  } catch (error) {
    assert.fail(`response is not JSON (${error.message}): ${body.slice(0, 200)}`);
  }
}

const call = (module, request, options) => callText(module, JSON.stringify(request), options);

function dataTexts() {
  const files = {};
  for (const name of DATA_FILES) {
    const file = path.join(dataDir, name);
    assert.ok(existsSync(file), `${file} is missing`);
    files[name] = readFileSync(file, 'utf8');
  }
  return files;
}

// The module loads only stamped bundles (docs/data-format.md): data/ parsed and stamped by the CLI, once.
let stamped;
function dataFiles() {
  if (!stamped) {
    const texts = dataTexts();
    stamped = JSON.stringify(stampFiles(path.join(root, 'build', 'native', 'frontdoor'),
      Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, JSON.parse(v)]))));
  }
  return JSON.parse(stamped);
}

function assertOk(response, what) {
  assert.equal(response.ok, true, `${what} failed: ${JSON.stringify(response.errors ?? response)}`);
}

function assertFailure(response, what) {
  assert.equal(response.ok, false, `${what} was accepted: ${JSON.stringify(response).slice(0, 300)}`);
  assert.ok(Array.isArray(response.errors) && response.errors.length > 0, `${what}: no errors array`);
  for (const error of response.errors) {
    assert.match(error.id, /^[a-z_]+(\.[a-z_]+)+$/, `${what}: error id ${JSON.stringify(error.id)}`);
    assert.equal(typeof error.message, 'string');
    assert.ok(error.message.length > 0, `${what}: empty error message`);
  }
}

async function loadedModule(name) {
  const module = await instantiate(name);
  assertOk(call(module, { op: 'load', files: dataFiles() }), 'load of data/');
  return module;
}

const routeRequest = { op: 'route', at: AT, facts: FACTS };

test('a load of data/*.json and a route round-trip through the ABI', async () => {
  const module = await instantiate();
  const before = call(module, routeRequest);
  assertFailure(before, 'route before any load');

  const loaded = call(module, { op: 'load', files: dataFiles() });
  assertOk(loaded, 'load of data/');
  assert.match(loaded.checked, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(Array.isArray(loaded.warnings));

  const route = call(module, routeRequest);
  assertOk(route, 'route');
  assert.equal(route.at, '2026-11-27T16:00:00+00:00');
  assert.ok(Array.isArray(route.contacts) && route.contacts.length > 0, 'route gave no contacts');
  const directory = readFileSync(path.join(dataDir, 'directory.json'), 'utf8');
  for (const contact of route.contacts) {
    assert.equal(typeof contact.service, 'string');
    assert.ok([true, false, null].includes(contact.open_now), `${contact.service}: open_now`);
    if (contact.phone !== null) {
      // Phone numbers come from data/ only: whatever crossed the ABI must be printed there.
      assert.ok(directory.includes(JSON.stringify(contact.phone)),
        `${contact.service}: phone ${contact.phone} is not in data/directory.json`);
    }
  }
  // The same request answers the same (no state leaks between calls).
  assert.deepEqual(call(module, routeRequest), route);

  // The data files as they are, unstamped, are refused and change nothing.
  const unstamped = call(module, { op: 'load', files: dataTexts() });
  assertFailure(unstamped, 'load of data/ without a stamp');
  assert.deepEqual(unstamped.errors.map((e) => e.id), ['bundle.unstamped']);
  assert.deepEqual(call(module, routeRequest), route);
});

test('the ES6 web build and the classic kiosk build answer identically', async () => {
  const web = await loadedModule('frontdoor-core-module');
  const classicJs = readFileSync(builtFile('frontdoor-core-classic.js'), 'utf8');
  // The classic script defines a global factory; evaluate it the way a <script> would.
  const factory = new Function(`${classicJs}\nreturn createFrontdoorModule;`)();
  const classicBytes = readFileSync(builtFile('frontdoor-core-classic.wasm'));
  // The kiosk passes the inlined bytes through instantiateWasm; do the same here.
  const classic = await factory({
    instantiateWasm(imports, receive) {
      WebAssembly.instantiate(classicBytes, imports).then(({ instance, module }) => receive(instance, module));
      return {};
    },
  });
  assertOk(call(classic, { op: 'load', files: dataFiles() }), 'classic load');
  assert.deepEqual(call(classic, routeRequest), call(web, routeRequest));
});

test('malformed requests come back as ok:false with an error id, never a throw', async () => {
  const module = await loadedModule();
  const expected = call(module, routeRequest);
  const deep = `{"op":"route","facts":${'['.repeat(20000)}${']'.repeat(20000)}}`;
  const cases = [
    ['truncated JSON', '{"op": "route", "facts": {'],
    ['not JSON at all', 'who should I call?'],
    ['empty request', ''],
    ['an array', '[]'],
    ['no op', '{"facts": {}}'],
    ['unknown op', '{"op": "launch"}'],
    ['op of the wrong type', '{"op": 42}'],
    ['facts not an object', '{"op": "route", "facts": "harm"}'],
    ['unknown fact value', '{"op": "route", "facts": {"concern": "no-such-concern"}}'],
    ['bad instant', '{"op": "route", "at": "2026-02-30T10:00:00Z", "facts": {}}'],
    ['nested 20,000 deep', deep],
  ];
  for (const [what, text] of cases) assertFailure(callText(module, text), what);

  // Bytes that are not UTF-8 must not make the response invalid UTF-8 (or throw on dump()).
  const invalid = Uint8Array.from([...encoder.encode('{"op": "route", "facts": {"concern": "'), 0xff, 0xfe,
    ...encoder.encode('"}}')]);
  assertFailure(JSON.parse(callBytes(module, invalid)), 'invalid UTF-8');

  // A request whose length stops early is read only up to that length.
  const bytes = encoder.encode(JSON.stringify(routeRequest) + 'garbage that must not be read');
  const request = module._malloc(bytes.length);
  module.HEAPU8.set(bytes, request);
  const response = module._frontdoor_call(request, bytes.length - 'garbage that must not be read'.length);
  module._free(request);
  const heap = module.HEAPU8;
  const text = strictDecoder.decode(heap.subarray(response, heap.indexOf(0, response)));
  module._frontdoor_free(response);
  assert.deepEqual(JSON.parse(text), expected);

  // The session still works after all of that.
  assert.deepEqual(call(module, routeRequest), expected);
});

test('a request over 1 MB goes through (heap, not stack)', async () => {
  const module = await loadedModule();
  const expected = call(module, routeRequest);
  const files = dataFiles();
  const padding = ' \n'.repeat(600_000); // JSON allows any amount of whitespace
  const text = JSON.stringify({ op: 'load', files }).replace(/^\{/, `{${padding}`);
  assert.ok(encoder.encode(text).length > 1_000_000);
  assertOk(callText(module, text), 'load with 1.2 MB of whitespace');
  assert.deepEqual(call(module, routeRequest), expected);

  const big = JSON.stringify({ op: 'route', at: AT, facts: FACTS, note: 'x'.repeat(1_500_000) });
  const response = callText(module, big);
  assert.equal(typeof response.ok, 'boolean'); // accepted or refused, but answered
});

test('a failed load keeps the previous data', async () => {
  const module = await loadedModule();
  const expected = call(module, routeRequest);

  const broken = dataFiles();
  broken['rules.json'] = JSON.stringify(broken['rules.json']).replace(/}\s*$/, ''); // syntax error at the end
  assertFailure(call(module, { op: 'load', files: broken }), 'load with a truncated rules.json');
  assert.deepEqual(call(module, routeRequest), expected);

  const missing = dataFiles();
  delete missing['directory.json'];
  assertFailure(call(module, { op: 'load', files: missing }), 'load without directory.json');
  assert.deepEqual(call(module, routeRequest), expected);

  assertFailure(call(module, { op: 'load' }), 'load without files');
  assert.deepEqual(call(module, routeRequest), expected);
});

test('10,000 calls leak nothing across the ABI', async () => {
  // The probe is the ES6 module plus emmalloc's counters (test-only build, same code).
  const module = await loadedModule('frontdoor-core-probe');
  const free = () => module._emmalloc_free_dynamic_memory();
  const heapSize = () => module._emmalloc_dynamic_heap_size();
  const round = () => {
    assertOk(call(module, routeRequest), 'route');
    assertFailure(callText(module, '{"op": "route", "facts": {'), 'truncated JSON');
    assertFailure(call(module, { op: 'launch' }), 'unknown op');
  };
  round(); // the first calls may build lasting state
  const memory = module.HEAPU8.length;
  // emmalloc's free total counts block headers, so it drifts down by a few hundred bytes
  // while its free lists settle into a steady split (measured: within 200 rounds), then
  // stays exact. A leak keeps going.
  for (let i = 0; i < 200; i += 1) round();
  const start = { free: free(), heap: heapSize() };

  for (let i = 0; i < 10_000; i += 3) round();
  assert.equal(module.HEAPU8.length, memory, 'wasm memory grew');
  assert.deepEqual({ free: free(), heap: heapSize() }, start, 'emmalloc free memory changed');

  // A reload replaces the data and frees the old copy (about 400 KB here). Reloads fragment
  // the heap, so it may grow a little and the header count may drift; the bytes in use stay.
  const used = () => heapSize() - free();
  assertOk(call(module, { op: 'load', files: dataFiles() }), 'reload');
  round();
  const usedAfterReload = used();
  for (let i = 0; i < 20; i += 1) assertOk(call(module, { op: 'load', files: dataFiles() }), 'reload');
  round();
  assert.ok(Math.abs(used() - usedAfterReload) <= 4096,
    `20 reloads changed the memory in use by ${used() - usedAfterReload} bytes`);

  // The check can fail: responses not given back to frontdoor_free show up at once.
  const before = free();
  call(module, routeRequest, { free: false });
  assert.ok(free() < before, 'a leaked response did not reduce free memory');
});

test('out of memory is an error response, and the session survives it', async () => {
  // The probe's memory stops at 32 MB; the shipped module's at 2 GB.
  const module = await loadedModule('frontdoor-core-probe');
  const expected = call(module, routeRequest);
  const huge = { op: 'route', at: AT, facts: { ...FACTS, concern: 'x'.repeat(12_000_000) } };
  const response = call(module, huge);
  assertFailure(response, 'a 12 MB fact value in 32 MB of memory');
  assert.equal(response.errors[0].id, 'request.memory');
  assert.deepEqual(call(module, routeRequest), expected);
});
