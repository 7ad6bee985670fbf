#!/usr/bin/env node
// Builds the web artefacts (docs/web.md) after `make native wasm`:
//   dist/web/    what a council web team copies (element, wrapper, wasm module, data, fallback)
//   dist/demo/   demo pages (web/demo/ templates) + a copy of dist/web
//   dist/kiosk/frontdoor-kiosk.html   one self-contained file for file:// (no network at all)
// The JavaScript and CSS are bundled and minified by esbuild (a pinned devDependency) from the
// element's modules. The data bundle is validated by loading it into the wasm core; the build
// fails with the core's error lines when the data does not load.
//
//   node web/build.mjs [--data DIR] [--wasm-dir DIR] [--out DIR] [--native EXE] [--components DIR]
// (defaults: data, build/wasm, dist, build/native/frontdoor, web/components/frontdoor-wizard)

import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import {
  copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync,
  statSync, writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { renderDirectory, missingWording, WORDING_KEYS } from './fallback.mjs';
import { telHref } from './components/frontdoor-wizard/contacts.js';
import { firstScreenUi } from './components/frontdoor-wizard/bundle.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** dist/web, exactly as documented in docs/web.md. */
export const WEB_FILES = [
  'frontdoor-wizard.js',
  'frontdoor-core.js',
  'frontdoor-core-module.js',
  'frontdoor-core.wasm',
  'frontdoor-data.json',
  'frontdoor-directory.html',
];

export const DEMO_PAGES = ['index.html', 'council.html', 'intranet.html'];

class BuildError extends Error {}

function parseArgs(argv) {
  const args = { data: join(ROOT, 'data'), wasmDir: join(ROOT, 'build', 'wasm'), out: join(ROOT, 'dist'),
    native: join(ROOT, 'build', 'native', 'frontdoor'),
    components: join(ROOT, 'web', 'components', 'frontdoor-wizard') };
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i];
    const value = argv[i + 1];
    const key = { '--data': 'data', '--wasm-dir': 'wasmDir', '--out': 'out', '--native': 'native', '--components': 'components' }[name];
    if (!key || value === undefined) {
      throw new BuildError(`usage: node web/build.mjs [--data DIR] [--wasm-dir DIR] [--out DIR] [--native EXE] [--components DIR] (bad argument: ${name})`);
    }
    args[key] = resolve(value);
    i += 1;
  }
  return args;
}

function need(path, hint) {
  if (!existsSync(path)) throw new BuildError(`missing ${relative(ROOT, path) || path}: ${hint}`);
  return path;
}

/** The source files of a build (`args` as parseArgs gives them; defaults when omitted). */
export function sources(args = parseArgs([])) {
  const element = args.components;
  const wasmHint = 'run `make wasm` first';
  return {
    entry: need(join(element, 'frontdoor-wizard.js'), 'the <frontdoor-wizard> element is not written yet'),
    wrapper: need(join(ROOT, 'web', 'core', 'frontdoor-core.js'), 'the wrapper is missing'),
    loader: need(join(ROOT, 'web', 'core', 'frontdoor-core-loader.js'), 'the bundle\'s wasm loader is missing'),
    moduleJs: need(join(args.wasmDir, 'frontdoor-core-module.js'), wasmHint),
    moduleWasm: need(join(args.wasmDir, 'frontdoor-core-module.wasm'), wasmHint),
    demo: join(ROOT, 'web', 'demo'),
    kiosk: need(join(ROOT, 'web', 'kiosk', 'frontdoor-kiosk.html'), 'the kiosk template is missing'),
    kioskEntry: need(join(ROOT, 'web', 'kiosk', 'frontdoor-kiosk.js'), 'the kiosk\'s script entry is missing'),
    data: need(args.data, 'the data folder is missing'),
  };
}

// ---------------------------------------------------------------------------------------------
// Data bundle

/**
 * `frontdoor bundle --data DIR` when the native CLI has that command; null when it does not
 * (no executable, or a usage error). Invalid data (exit 1) is a build failure.
 */
function nativeBundle(exe, dataDir) {
  if (!existsSync(exe)) return null;
  const run = spawnSync(exe, ['bundle', '--data', dataDir], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.error || run.status === 2) return null;
  if (run.status !== 0) {
    throw new BuildError(`the data does not load (frontdoor bundle, exit ${run.status}):\n${run.stderr.trim()}`);
  }
  let bundle;
  try {
    bundle = JSON.parse(run.stdout);
  } catch (error) {
    throw new BuildError(`frontdoor bundle printed something that is not JSON: ${error.message}`);
  }
  if (!bundle || typeof bundle.files !== 'object') {
    throw new BuildError('frontdoor bundle printed JSON without a "files" object');
  }
  return bundle;
}

function coreErrorLines(response) {
  const errors = Array.isArray(response.errors) ? response.errors : [];
  if (!errors.length) return [`  ${JSON.stringify(response)}`];
  const lines = errors.map(problemLine);
  if (errors.some((e) => e && e.id === 'abi.trap')) {
    lines.push('  (the wasm core trapped: that is a bug in the core or its wasm build, not in the data;'
      + ' compare `frontdoor lint --data DIR` and `make test-wasm`)');
  }
  return lines;
}

/** The core's own line for a problem (as `frontdoor lint` prints it), else one made alike. */
function problemLine(problem) {
  if (typeof problem === 'string') return `  ${problem}`;
  if (problem && typeof problem.line === 'string') return `  ${problem.line}`;
  return `  ${problem.where || '(data)'}: ${problem.message || ''} [${problem.id || 'error'}]`;
}

/** Loads the data through the wasm core; returns the bundle and the core's load response. */
async function makeBundle(args, stagedWeb) {
  const { createCore } = await import(pathToFileURL(join(stagedWeb, 'frontdoor-core.js')).href);
  let core;
  try {
    core = await createCore({ wasmBinary: readFileSync(join(stagedWeb, 'frontdoor-core.wasm')) });
  } catch (error) {
    throw new BuildError(`the wasm core did not start in node: ${error.message}`);
  }

  const native = nativeBundle(args.native, args.data);
  if (!native) {
    throw new BuildError(`the native CLI ${relative(ROOT, args.native) || args.native} is missing or has no \`bundle\` command`
      + ' (make native): it checks the data and stamps the bundle the browser module loads');
  }
  let bundle = native;
  const how = 'frontdoor bundle';
  const { stamp: _stamp, ...full } = bundle.files;
  bundle = { files: stampFiles(args.native, forBrowser(full)) };
  // The exact bundle the browser will load.
  const response = core.load(bundle.files);
  if (!response.ok) {
    throw new BuildError(`the data bundle does not load into the core:\n${coreErrorLines(response).join('\n')}`);
  }
  const probe = core.route({}, '2026-01-05T12:00:00Z');
  if (!probe.ok) {
    throw new BuildError(`the core loaded the data but cannot route:\n${coreErrorLines(probe).join('\n')}`);
  }
  const start = prerenderStart(core);
  // `start` first: brotli then finds its question texts again in questions.json and ui.json.
  return { bundle: { start, files: bundle.files }, full, response, how };
}

/**
 * `files` (a bundle's files, changed since `frontdoor bundle` stamped them) checked in full and
 * stamped again by `frontdoor bundle --stamp` (docs/data-format.md, Bundle stamp): the same
 * object with `stamp` set last, its order kept. Throws BuildError with the CLI's lines when the
 * files do not pass. Tests stamp hand-made bundles with it too.
 */
export function stampFiles(exe, files) {
  const work = mkdtempSync(join(tmpdir(), 'fd-stamp-'));
  try {
    const path = join(work, 'bundle.json');
    const { stamp: _old, ...rest } = files;
    writeFileSync(path, JSON.stringify({ files: rest }));
    const run = spawnSync(exe, ['bundle', '--stamp', path], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (run.error || run.status !== 0) {
      throw new BuildError(`the bundle does not pass \`frontdoor bundle --stamp\` (exit ${run.status}):\n${(run.stderr || String(run.error)).trim()}`);
    }
    return { ...rest, stamp: JSON.parse(run.stdout).files.stamp };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The order of the files in the browser's bundle: it changes nothing for the core or the element
 * but brotli compresses this one 0.08 KB better than alphabetical (measured over all orders).
 */
const BROWSER_ORDER = ['rules.json', 'ui.json', 'calendar.json', 'questions.json', 'directory.json'];
function browserRank(name) {
  const at = BROWSER_ORDER.indexOf(name);
  return at < 0 ? BROWSER_ORDER.length : at;
}

/** The first day whose calendar exceptions the browser keeps (forBrowser), or null. */
export function calendarFrom(calendar) {
  const year = /^(\d{4})-\d\d-\d\d$/.exec(calendar && calendar.checked);
  return year && Array.isArray(calendar.exceptions) ? `${Number(year[1]) - 1}-01-01` : null;
}

/**
 * The data files without what only the build and `frontdoor lint` read, so one visit downloads
 * less (about 0.35 KB brotli): each file's `$schema` and `$comment`, directory.json's
 * `publisher` (for the CLI's ORUK export), `superseded_numbers` (listed by the static
 * directory) and the provenance of single facts (`contact_page` and the per-fact sources and
 * dates of PER_FACT_PROVENANCE, for `frontdoor lint --report`), and ui.json's `directory_*`
 * wording (the static directory's). The static directory
 * is rendered here at build time from the whole data. The core loads the result like the whole
 * (makeBundle checks it); the element reads none of them.
 * Also calendar.json's exceptions dated before the year before its `checked` date (moved bank
 * holidays of 1995–2023, about 0.28 KB brotli): the element routes at the browser's clock, and a
 * past exception changes no answer given from that year on.
 */
export const PER_FACT_PROVENANCE = {
  service: ['email_source', 'email_checked', 'hours_source', 'hours_checked'],
  phone: ['source', 'checked'],
  age: ['source', 'checked'],
};

/** directory.json's services without the per-fact provenance (PER_FACT_PROVENANCE), copied where changed. */
function withoutFactProvenance(services) {
  const drop = (object, keys) => {
    if (!object || typeof object !== 'object' || Array.isArray(object) || !keys.some((k) => k in object)) return object;
    const copy = { ...object };
    for (const key of keys) delete copy[key];
    return copy;
  };
  return services.map((service) => {
    if (!service || typeof service !== 'object' || Array.isArray(service)) return service;
    const out = drop(service, PER_FACT_PROVENANCE.service);
    const phones = Array.isArray(out.phones) ? out.phones.map((p) => drop(p, PER_FACT_PROVENANCE.phone)) : out.phones;
    const age = drop(out.age, PER_FACT_PROVENANCE.age);
    return phones === out.phones && age === out.age ? out : { ...out, phones, age };
  });
}

export function forBrowser(files) {
  const out = {};
  const names = Object.keys(files).sort((a, b) => browserRank(a) - browserRank(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const doc = files[name];
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
      out[name] = doc;
      continue;
    }
    const keep = { ...doc };
    delete keep.$schema;
    delete keep.$comment;
    if (name === 'directory.json') {
      delete keep.publisher;
      delete keep.superseded_numbers;
      delete keep.contact_page;
      if (Array.isArray(keep.services)) keep.services = withoutFactProvenance(keep.services);
    }
    if (name === 'ui.json') {
      for (const key of Object.keys(keep)) if (key.startsWith('directory_')) delete keep[key];
    }
    const from = name === 'calendar.json' ? calendarFrom(keep) : null;
    if (from) {
      keep.exceptions = keep.exceptions.filter((e) => !(e && typeof e.date === 'string' && e.date < from));
    }
    out[name] = keep;
  }
  return out;
}

/**
 * Instants at which the prerendered first question must not change: every 90 minutes over a
 * week with bank holidays (Christmas 2026: Friday 25 and Monday 28 December), the edges of
 * office hours, nights, and both clock changes of 2027.
 */
export function startInstants() {
  const out = [];
  for (let t = Date.UTC(2026, 11, 21, 0, 0); t < Date.UTC(2026, 11, 29, 0, 0); t += 90 * 60000) out.push(new Date(t));
  for (const iso of ['2026-11-27T08:44:00Z', '2026-11-27T08:45:00Z', '2026-11-27T15:59:00Z', '2026-11-27T16:00:00Z',
    '2026-11-30T16:59:00Z', '2026-11-30T17:00:00Z', '2026-11-28T23:59:00Z', '2026-11-29T03:00:00Z',
    '2027-03-28T00:59:00Z', '2027-03-28T01:00:00Z', '2027-10-31T00:59:00Z', '2027-10-31T01:00:00Z', '2027-06-15T12:00:00Z']) {
    out.push(new Date(iso));
  }
  return out.map((d) => d.toISOString().replace(/\.\d+Z$/, 'Z'));
}

/**
 * The first question, for no facts and for each answer to it (the `audience` attribute), as
 * `bundle.start`: the element shows it as soon as the bundle is in, before the wasm has loaded.
 * Only `next_question` (the contacts of a start response depend on the time and are not shown).
 * Fails the build when the question depends on the time.
 */
export function prerenderStart(core, instants = startInstants()) {
  const questionAt = (facts, at) => {
    const answer = core.route(facts, at);
    if (!answer.ok) throw new BuildError(`the core cannot route ${JSON.stringify(facts)} at ${at}:\n${coreErrorLines(answer).join('\n')}`);
    return answer.next_question || null;
  };
  const entryFor = (facts) => {
    const question = questionAt(facts, instants[0]);
    const text = JSON.stringify(question);
    for (const at of instants.slice(1)) {
      if (JSON.stringify(questionAt(facts, at)) !== text) {
        throw new BuildError(`the first question for ${JSON.stringify(facts)} is not the same at ${instants[0]} and ${at}: it cannot be prerendered (web/build.mjs prerenderStart)`);
      }
    }
    return question ? { facts, next_question: question } : null;
  };
  const first = entryFor({});
  if (!first) throw new BuildError('the core asks no question for no facts: there is no first question to prerender');
  const start = [first];
  if (first.next_question.fact === 'audience') {
    for (const option of first.next_question.options || []) {
      if (typeof option.value !== 'string') continue;
      const entry = entryFor({ audience: option.value });
      if (entry) start.push(entry);
    }
  }
  return start;
}

// ---------------------------------------------------------------------------------------------
// Templates

/** Fills `{{ui:key}}` (text from ui.json) and `<!-- frontdoor:directory [audience=x] -->`. */
function fillTemplate(text, { ui, directoryFor }) {
  return text
    .replace(/<!--\s*frontdoor:directory(?:\s+audience=([a-z_]+))?\s*-->/g, (_, audience) => directoryFor(audience || null))
    .replace(/\{\{ui:([a-z0-9_]+)\}\}/g, (_, key) => {
      const value = ui[key];
      const text = typeof value === 'string' ? value : (value && value.default) || WORDING_KEYS[key];
      if (typeof text !== 'string') throw new BuildError(`template asks for ui.json "${key}", which does not exist`);
      return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    });
}

// ---------------------------------------------------------------------------------------------
// Bundling and minifying: esbuild (a root devDependency, pinned in package-lock.json)

let esbuildApi;
async function esbuild() {
  if (!esbuildApi) {
    try {
      esbuildApi = await import('esbuild');
    } catch (error) {
      throw new BuildError(`esbuild (a root devDependency) is missing: run \`npm ci\` (\`make npm\`) first (${error.message})`);
    }
  }
  return esbuildApi;
}

function esbuildError(fileName, error) {
  const lines = (error.errors || []).map((e) => `  ${e.location ? `${relative(ROOT, e.location.file) || e.location.file}:${e.location.line}: ` : ''}${e.text}`);
  return new BuildError(`${fileName}: esbuild failed:\n${lines.join('\n') || `  ${error.message}`}`);
}

/** One ES module minified as it is (its imports and exports kept): the public wrapper and the glue. */
async function minifyFile(path, fileName) {
  const { transform } = await esbuild();
  try {
    return (await transform(readFileSync(path, 'utf8'), { loader: 'js', format: 'esm', minify: true, legalComments: 'none', charset: 'utf8', target: 'es2020' })).code;
  } catch (error) {
    throw esbuildError(fileName, error);
  }
}

/** CSS minified by esbuild (comments and needless whitespace gone, strings kept). */
export async function minifyCss(css) {
  const { transform } = await esbuild();
  return (await transform(css, { loader: 'css', minify: true })).code.trim();
}

/**
 * How the element's modules find what is not a file beside them: the stylesheet is imported as
 * minified text, `frontdoor:first-screen` is the first screen this build copies in (null for the
 * kiosk), `frontdoor:kiosk-qr` the QR codes of the numbers to call (kioskQrCodes; null for
 * dist/web, which has no use for them) and web/core/frontdoor-core.js's `./frontdoor-core-module.js` is Emscripten's ES6 glue
 * in the wasm build folder.
 */
function frontdoorPlugin(src, first, { loader = false, qr = null } = {}) {
  const names = loader ? glueNames(readFileSync(src.moduleJs, 'utf8'), readFileSync(src.moduleWasm), basename(src.moduleJs)) : null;
  return {
    name: 'frontdoor',
    setup(build) {
      build.onResolve({ filter: /^frontdoor:first-screen$/ }, () => ({ path: 'first-screen', namespace: 'frontdoor' }));
      build.onResolve({ filter: /^frontdoor:kiosk-qr$/ }, () => ({ path: 'kiosk-qr', namespace: 'frontdoor' }));
      build.onLoad({ filter: /.*/, namespace: 'frontdoor' }, (args) => {
        if (args.path === 'loader') {
          return {
            contents: `import { moduleFactory } from ${JSON.stringify(src.loader)};\n`
              + `export default moduleFactory(${JSON.stringify(names)}, new URL('.', import.meta.url).href);\n`,
            resolveDir: dirname(src.loader),
            loader: 'js',
          };
        }
        return { contents: `export default ${JSON.stringify(args.path === 'kiosk-qr' ? qr : first)};`, loader: 'js' };
      });
      build.onResolve({ filter: /^\.\/frontdoor-core-module\.js$/ }, () => (loader ? { path: 'loader', namespace: 'frontdoor' } : { path: src.moduleJs }));
      build.onLoad({ filter: /\.css$/ }, async (args) => ({ contents: await minifyCss(readFileSync(args.path, 'utf8')), loader: 'text' }));
    },
  };
}

/** What each of the wasm's imports is, by the name Emscripten's glue gives its JS function. */
const GLUE_IMPORTS = { _abort: 'abort', _emscripten_date_now: 'now', _emscripten_resize_heap: 'resize' };
/** The exports frontdoor-core.js uses, and the two the loader needs itself. */
const GLUE_EXPORTS = ['_frontdoor_call', '_frontdoor_free', '_malloc', '_free'];

/**
 * The names the linker gave the wasm's imports and exports, read from Emscripten's ES6 glue
 * (unminified, as emcc writes it) and checked against the wasm: web/core/frontdoor-core-loader.js
 * needs them to stand in for the glue. Throws a BuildError naming what is missing or unknown, e.g.
 * an import the loader does not provide after a change to the C++.
 * @param {string} glue text of build/wasm/frontdoor-core-module.js
 * @param {Uint8Array} wasm bytes of build/wasm/frontdoor-core-module.wasm
 */
export function glueNames(glue, wasm, fileName = 'frontdoor-core-module.js') {
  const fail = (what) => { throw new BuildError(`${fileName}: ${what} (web/core/frontdoor-core-loader.js stands in for this glue)`); };
  const library = /var asmLibraryArg\s*=\s*\{([^}]*)\}/.exec(glue);
  if (!library) fail('no "var asmLibraryArg = {...}" (the wasm\'s imports)');
  const info = /var info\s*=\s*\{\s*"([\w$]+)"\s*:\s*asmLibraryArg\s*\}/.exec(glue);
  if (!info) fail('no "var info = {"NAME": asmLibraryArg}" (the imports\' module name)');
  const names = { module: info[1] };
  for (const entry of library[1].split(',').map((e) => e.trim()).filter(Boolean)) {
    const m = /^"([\w$]+)"\s*:\s*([\w$]+)$/.exec(entry);
    if (!m) fail(`an import entry that is not "name": function: ${entry}`);
    const role = GLUE_IMPORTS[m[2]];
    if (!role) fail(`the wasm imports ${m[2]}, which the loader does not provide`);
    names[role] = m[1];
  }
  for (const role of Object.values(GLUE_IMPORTS)) if (!names[role]) fail(`no import for ${role}`);
  const memory = /wasmMemory\s*=\s*Module\["asm"\]\["([\w$]+)"\]/.exec(glue);
  if (!memory) fail('no wasmMemory = Module["asm"]["NAME"]');
  names.memory = memory[1];
  for (const m of glue.matchAll(/Module\["(_[\w$]+)"\]\s*=\s*Module\["asm"\]\["([\w$]+)"\]/g)) {
    if (m[1] === '___wasm_call_ctors') names.ctors = m[2];
    else if (GLUE_EXPORTS.includes(m[1])) names[m[1]] = m[2];
  }
  for (const name of ['ctors', ...GLUE_EXPORTS]) if (!names[name]) fail(`no export for ${name}`);

  // The same names in the wasm itself (a stale glue beside a newer wasm fails here, not in a browser).
  let module;
  try {
    module = new WebAssembly.Module(wasm);
  } catch (error) {
    fail(`its wasm does not compile: ${error.message}`);
  }
  const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`).sort();
  const expected = Object.values(GLUE_IMPORTS).map((role) => `${names.module}.${names[role]}`).sort();
  if (imports.join() !== expected.join()) fail(`the wasm imports ${imports.join(', ')}, the glue names ${expected.join(', ')}`);
  const exports = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  for (const name of ['memory', 'ctors', ...GLUE_EXPORTS]) {
    if (!exports.has(names[name])) fail(`the wasm has no export "${names[name]}" (${name})`);
  }
  return names;
}

/** One bundle of `entry` (esbuild options on top of the common ones); returns its text. */
async function esbundle(entry, fileName, plugin, options) {
  const api = await esbuild();
  let result;
  try {
    result = await api.build({
      entryPoints: [entry], bundle: true, write: false, minify: true, legalComments: 'none', charset: 'utf8',
      target: 'es2020', platform: 'browser', logLevel: 'silent', plugins: [plugin], ...options,
    });
  } catch (error) {
    throw esbuildError(fileName, error);
  }
  return result.outputFiles[0].text;
}

/**
 * The first screen for dist/web/frontdoor-wizard.js (`frontdoor:first-screen`): the first
 * question for no pre-filled facts from the bundle's `start`, and the default wording of the
 * ui.json ids of firstScreenUi (bundle.js: FIRST_SCREEN_UI and the error naming the first
 * question). The element checks it against the bundle it loads
 * (firstScreenMatches).
 */
export function firstScreenFor(bundle, given = null) {
  const entry = (bundle.start || []).find((e) => e && e.facts && !Object.keys(e.facts).length);
  if (!entry) throw new BuildError('the data bundle has no prerendered first question for no facts (bundle.start)');
  const ids = given || firstScreenUi(entry.next_question);
  const ui = bundle.files['ui.json'] || {};
  const wording = {};
  for (const id of ids) {
    const value = ui[id];
    const text = typeof value === 'string' ? value : value && typeof value.default === 'string' ? value.default : null;
    // A missing id is left out: the element reports it as it would without the copy.
    if (text !== null) wording[id] = text;
  }
  return { ui: wording, start: entry.next_question };
}

/**
 * dist/web/frontdoor-wizard.js: one ES module (esbuild) from web/components/frontdoor-wizard/
 * with its stylesheet, the first screen, web/core/frontdoor-core.js and the wasm loader in place
 * of Emscripten's glue (1.25 KB brotli less, measured: docs/web.md, bench/glue.mjs), so a page
 * makes one request for all it needs to show the first question (then the data bundle and the
 * wasm). It imports and exports nothing; the element runs it as its core's worker too (one file,
 * cached). `loader: false` bundles the glue instead (bench/glue.mjs measures both).
 */
export async function webModule(src, { first = null, loader = true } = {}) {
  return esbundle(src.entry, 'frontdoor-wizard.js', frontdoorPlugin(src, first, { loader }), { format: 'esm', banner: { js: COMPILE_HINT } });
}

/**
 * V8's explicit compile hint (Chromium 136+; other engines read a comment): every function of
 * the module is compiled with the script, on the thread that streams it in, instead of lazily on
 * the page's main thread the first time it runs. Nearly all of the element runs in the task that
 * shows the first question; lazy compiling was 20-80 ms of that task at 4x (CDP trace,
 * V8.CompileCode), 3-5 ms with the hint. Not in the kiosk: its inline classic script is not
 * streamed, so the hint would only move that work earlier on the same thread.
 */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/**
 * Bytes as a JS string literal of one character per byte (Latin-1): compresses far better than
 * base64. Escaped as \xNN: backslash, the quote, "<" (no "</script" or "<!--") and the C0 control
 * characters (line breaks among them). U+2028/2029 cannot occur below U+0100. U+007F–U+009F are
 * left as they are: valid in a JS string and passed through unchanged by the HTML parser (which
 * merely notes them), and escaping them costs 1.3 KB brotli.
 */
export function latin1Literal(bytes) {
  let out = '"';
  for (const byte of bytes) {
    if (byte < 0x20 || byte === 0x22 || byte === 0x3c || byte === 0x5c) {
      out += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else {
      out += String.fromCharCode(byte);
    }
  }
  return `${out}"`;
}

/**
 * The kiosk's QR codes: for every number of directory.json and ui.json's danger_number, its
 * `tel:` href (contacts.js telHref, as the outcome links it) → `{size, bits}`, the modules row by
 * row with "1" for dark. Made here with the qrcode library (a pinned devDependency), error
 * correction M: a kiosk has no phone, so a person scans the number to dial it from their own;
 * nothing is fetched, and only the kiosk carries them (dist/web has no use for them).
 * kiosk-call.js draws them as SVG.
 * @param {object} directory parsed data/directory.json
 * @param {object} ui parsed data/ui.json
 * @returns {Promise<Object<string, {size: number, bits: string}>>}
 */
export async function kioskQrCodes(directory, ui) {
  let QRCode;
  try {
    ({ default: QRCode } = await import('qrcode'));
  } catch (error) {
    throw new BuildError(`qrcode (a root devDependency) is missing: run \`npm ci\` first (${error.message})`);
  }
  const hrefs = new Set();
  const danger = ui && (typeof ui.danger_number === 'string' ? ui.danger_number : ui.danger_number && ui.danger_number.default);
  for (const number of [danger, ...(directory.services || []).flatMap((s) => (Array.isArray(s && s.phones) ? s.phones : []).map((p) => p && p.number))]) {
    const href = telHref(number);
    if (href) hrefs.add(href);
  }
  const codes = {};
  for (const href of [...hrefs].sort()) {
    const { modules } = QRCode.create(href, { errorCorrectionLevel: 'M' });
    codes[href] = { size: modules.size, bits: Array.from(modules.data, (dark) => (dark ? '1' : '0')).join('') };
  }
  return codes;
}

/**
 * The kiosk's one classic script: the same modules as dist/web (web/kiosk/frontdoor-kiosk.js
 * entry) as an IIFE, with the wasm inline as `__fdWasm` (web/kiosk/inline-wasm.js hands it to
 * Emscripten's Module.instantiateWasm: no fetch, no data: URL, both blocked by the page's CSP).
 * `import.meta.url` is the page's own URL there (nothing is fetched anyway).
 */
export async function kioskScript(src, { qr = null } = {}) {
  const wasm = latin1Literal(readFileSync(src.moduleWasm));
  const script = await esbundle(src.kioskEntry, 'frontdoor-kiosk.js', frontdoorPlugin(src, null, { qr }), {
    format: 'iife', define: { 'import.meta.url': 'document.baseURI' }, banner: { js: `var __fdWasm = ${wasm};` },
  });
  if (/<\/script|<!--/i.test(script)) {
    throw new BuildError('the kiosk script contains "</script" or "<!--", which would end the inline script early');
  }
  return script;
}

function sha256Base64(text) {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

async function buildKiosk(src, { bundle, ui, directoryFor, directory }) {
  const template = readFileSync(src.kiosk, 'utf8');
  const script = await kioskScript(src, { qr: await kioskQrCodes(directory, ui) });
  const data = JSON.stringify(bundle).replace(/</g, '\\u003c');
  let html = fillTemplate(template, { ui, directoryFor: (audience) => directoryFor(audience, { links: false }) });
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${sha256Base64(m[1])}'`);
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${sha256Base64(script)}' 'wasm-unsafe-eval'`,
    `style-src ${styles.length ? styles.join(' ') : "'none'"}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const must = ['{{csp}}', '<!-- frontdoor:data -->', '<!-- frontdoor:script -->'];
  for (const mark of must) {
    if (!html.includes(mark)) throw new BuildError(`web/kiosk/frontdoor-kiosk.html lacks the placeholder ${mark}`);
  }
  html = html
    .replace('{{csp}}', csp)
    .replace('<!-- frontdoor:data -->', () => `<script type="application/json" id="frontdoor-data">${data}</script>`)
    .replace('<!-- frontdoor:script -->', () => `<script>${script}</script>`);
  return html;
}

// ---------------------------------------------------------------------------------------------

function sizeTable(files) {
  const rows = files.map((path) => {
    const raw = readFileSync(path);
    const gzip = gzipSync(raw, { level: 9 }).length;
    const brotli = brotliCompressSync(raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    return [relative(ROOT, path), raw.length, gzip, brotli];
  });
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const width = Math.max(...rows.map((r) => r[0].length), 4);
  const lines = [`${'file'.padEnd(width)}  ${'raw'.padStart(10)}  ${'gzip'.padStart(10)}  ${'brotli'.padStart(10)}`];
  const line = ([name, raw, gzip, brotli]) => `${name.padEnd(width)}  ${kb(raw).padStart(10)}  ${kb(gzip).padStart(10)}  ${kb(brotli).padStart(10)}`;
  for (const row of rows) lines.push(line(row));
  const web = rows.filter((r) => r[0].includes(`web${sep}`));
  if (web.length) {
    const sum = (i) => web.reduce((total, r) => total + r[i], 0);
    lines.push(line([`${'dist/web total'.padEnd(width)}`, sum(1), sum(2), sum(3)]));
  }
  return lines.join('\n');
}

function readJsonIfExists(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

export async function build(argv = []) {
  const args = parseArgs(argv);
  const src = sources(args);
  mkdirSync(args.out, { recursive: true });
  const stage = mkdtempSync(join(args.out, '.build-'));
  try {
    // 1. dist/web (staged, so the data can be validated with the very files we ship).
    const web = join(stage, 'web');
    mkdirSync(web);
    // Minified; the readable sources stay in web/ and build/wasm.
    writeFileSync(join(web, 'frontdoor-core.js'), await minifyFile(src.wrapper, 'frontdoor-core.js'));
    writeFileSync(join(web, 'frontdoor-core-module.js'), await minifyFile(src.moduleJs, 'frontdoor-core-module.js'));
    copyFileSync(src.moduleWasm, join(web, 'frontdoor-core.wasm'));
    // So node reads the staged .js files as ES modules wherever --out is.
    writeFileSync(join(stage, 'package.json'), '{"type": "module"}\n');

    const { bundle, full, response, how } = await makeBundle(args, web);
    writeFileSync(join(web, 'frontdoor-data.json'), JSON.stringify(bundle));
    const first = firstScreenFor(bundle);
    writeFileSync(join(web, 'frontdoor-wizard.js'), await webModule(src, { first }));

    // The static directory (and its wording) from the whole data, not the browser's share.
    const files = full;
    const directory = files['directory.json'];
    const ui = files['ui.json'] || readJsonIfExists(join(args.data, 'ui.json')) || {};
    const questions = files['questions.json'] || null;
    if (!directory) throw new BuildError('the data bundle has no directory.json');
    const missing = missingWording(ui);
    const directoryFor = (audience, options = {}) => {
      let html = renderDirectory({ directory, ui, questions, audience });
      if (options.links === false) {
        // Kiosk: nothing may lead off the page, and it has no phone: numbers, e-mail and web
        // addresses stay as text.
        html = html.replace(/<a href="[^"]*">([\s\S]*?)<\/a>/g, '$1');
      }
      return html;
    };
    writeFileSync(join(web, 'frontdoor-directory.html'), directoryFor(null));

    const present = readdirSync(web).sort();
    if (present.join() !== [...WEB_FILES].sort().join()) {
      throw new BuildError(`dist/web would hold ${present.join(', ')}, not the documented files`);
    }

    // 2. dist/demo: templates + a copy of dist/web.
    const demo = join(stage, 'demo');
    mkdirSync(demo);
    for (const name of WEB_FILES) copyFileSync(join(web, name), join(demo, name));
    for (const name of readdirSync(src.demo).sort()) {
      const from = join(src.demo, name);
      if (!statSync(from).isFile()) continue;
      if (name.endsWith('.html')) {
        writeFileSync(join(demo, name), fillTemplate(readFileSync(from, 'utf8'), { ui, directoryFor }));
      } else {
        copyFileSync(from, join(demo, name));
      }
    }
    for (const page of DEMO_PAGES) {
      if (!existsSync(join(demo, page))) throw new BuildError(`web/demo/${page} is missing`);
    }

    // 3. dist/kiosk.
    const kiosk = join(stage, 'kiosk');
    mkdirSync(kiosk);
    writeFileSync(join(kiosk, 'frontdoor-kiosk.html'), await buildKiosk(src, { bundle, ui, directoryFor, directory }));

    // 4. Swap into place only now that everything was built.
    for (const part of ['web', 'demo', 'kiosk']) {
      rmSync(join(args.out, part), { recursive: true, force: true });
      renameSync(join(stage, part), join(args.out, part));
    }

    const warnings = Array.isArray(response.warnings) ? response.warnings : [];
    process.stdout.write(`data: ${how}, loaded by the core (checked ${response.checked ?? '?'}, ${warnings.length} warning(s))\n`);
    for (const w of warnings) process.stdout.write(`${problemLine(w)}\n`);
    if (missing.length) {
      process.stdout.write(`  warning: ui.json lacks ${missing.length} wording key(s) of the static directory; English defaults from web/fallback.mjs used: ${missing.join(', ')}\n`);
    }
    const shipped = [
      ...WEB_FILES.map((name) => join(args.out, 'web', name)),
      join(args.out, 'kiosk', 'frontdoor-kiosk.html'),
    ];
    process.stdout.write(`${sizeTable(shipped)}\n`);
    process.stdout.write(`demo: node web/serve.mjs ${relative(process.cwd(), args.out) || '.'} 8080  → /demo/\n`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  build(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`web/build.mjs: ${error instanceof BuildError ? error.message : error.stack}\n`);
    process.exitCode = 1;
  });
}
